#!/usr/bin/env python3
"""Run an ns-3 example program over a grid of command-line values and gather the results.

Every combination of the grid values, replicated over ``--RngRun`` = first-run .. first-run +
runs - 1, is one *run*. Each run gets its own directory ``<out>/runs/<name>-<hash>/`` (the name
lists the parameter values, the hash covers every argument), is started there with
``--outDir=<that directory>`` (see ``--out-dir-arg``) and, when it exits with status 0, is marked
complete by the file ``.sweep-done`` in that directory. A later invocation with the same ``--out``
skips completed runs, so an interrupted sweep resumes where it stopped.

After the runs, ``<out>/results.csv`` holds one row per output record: the parameter columns
(grid, then fixed values, then ``RngRun``) followed by the run's output:

* the summary JSON file(s) ``*.json`` the run wrote, if any: one row per run, nested keys
  flattened with dots (``a.b.c``; list items by index); with several JSON files each key is
  prefixed by the file's stem;
* otherwise the rows of the CSV file(s) ``*.csv`` it wrote, each prefixed by the parameters,
  with a ``source`` column naming the file.

Only files directly in the run directory whose names do not start with a dot are read. An output
column whose name equals a parameter of the run is renamed ``out.<name>``.

A failed run (non-zero exit, timeout, program that cannot be started) does not stop the sweep.
It is listed in ``<out>/failed.txt`` as a comment line with the reason and a shell command line
``(cd DIR && PROGRAM ARGS...)`` that reproduces it; the file can be run with ``sh``. The exit
status is 1 when any run failed, 2 on a usage error. results.csv and failed.txt describe the
runs of the latest invocation's grid (completed runs of earlier invocations included).

``--slurm FILE`` writes a Slurm job-array script for the same grid instead of running it: one
array task per run; the task index selects a line of ``FILE.runs`` (written next to it) holding
the run directory and the program's arguments.

The grid can also be given as a JSON file (``--grid-file``)::

    {"fixed": {"trials": 10},
     "grid": {"n": [50, 100, 200], "delivery": ["L3", "L7"]}}

where ``grid`` may also be a list of such objects: the sweep is then the union of their
products (for example, one sub-grid adds ``muInverseP = true`` for L3 only). ``--grid`` options
on the command line are crossed with every sub-grid, ``--fixed`` options add to or override the
file's fixed values.

Standard library only (Python >= 3.7).
"""

import argparse
import collections
import concurrent.futures
import csv
import hashlib
import itertools
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time

DONE_MARKER = ".sweep-done"
"""File written into a run directory when the run completed (exit status 0)."""

NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_:.\-]*$")
"""Allowed parameter names: what ns-3's CommandLine and attribute paths accept."""

MOVING_AVERAGE_RUNS = 20
"""How many of the latest run durations the time-left estimate averages."""


class UsageError(Exception):
    """A bad option value; the message names the option and what is allowed."""


class Run:
    """One program invocation: parameter values, RngRun and the directory it runs in."""

    def __init__(self, params, rng_run, out_root):
        """Build the run from an ordered list of (name, value) pairs and its RngRun."""
        self.params = list(params)
        self.rng_run = rng_run
        # The grid-free, ordered argument list identifies the run.
        key = json.dumps([self.params, rng_run], separators=(",", ":"))
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        self.name = "{}-{}".format(_run_label(self.params, rng_run), digest)
        self.directory = os.path.join(out_root, "runs", self.name)
        self.rows = None

    def arguments(self, out_dir_arg):
        """Return the program's command-line arguments for this run."""
        args = ["--{}={}".format(name, value) for name, value in self.params]
        args.append("--RngRun={}".format(self.rng_run))
        if out_dir_arg:
            args.append("--{}={}".format(out_dir_arg, self.directory))
        return args

    def shell_command(self, program, out_dir_arg):
        """Return a shell command line that reproduces the run."""
        words = [program] + self.arguments(out_dir_arg)
        return "(cd {} && {})".format(shlex.quote(self.directory),
                                      " ".join(shlex.quote(w) for w in words))

    def is_done(self):
        """Tell whether an earlier invocation completed this run."""
        return os.path.isfile(os.path.join(self.directory, DONE_MARKER))


def _run_label(params, rng_run):
    """Return a readable, file-system-safe label of the varying values of a run."""
    text = "_".join("{}={}".format(n, v) for n, v in params) or "run"
    text = "{}_RngRun={}".format(text, rng_run)
    text = re.sub(r"[^A-Za-z0-9_.=+\-]", "_", text)
    return text[:80]


def _format_value(value):
    """Return the command-line text of a JSON or command-line value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise UsageError("grid file: value {!r} is not allowed: must be a string, number or "
                     "boolean".format(value))


def _check_name(name, option):
    """Raise UsageError unless name is an allowed parameter name."""
    if not NAME_PATTERN.match(name):
        raise UsageError("{}: parameter name {!r} is not allowed: must match {}".format(
            option, name, NAME_PATTERN.pattern))
    if name == "RngRun":
        raise UsageError("{}: RngRun is set by --runs and --first-run, not by a grid or fixed "
                         "value".format(option))


def parse_assignment(text, option, many):
    """Parse NAME=V1,V2,... (many) or NAME=VALUE; return (name, [values]) or (name, value)."""
    if "=" not in text:
        raise UsageError("{} {!r} is not allowed: must be NAME={}".format(
            option, text, "V1,V2,..." if many else "VALUE"))
    name, _, values = text.partition("=")
    name = name.strip().lstrip("-")
    _check_name(name, option)
    if not many:
        return name, values
    items = [v for v in values.split(",")]
    if not values or any(v == "" for v in items):
        raise UsageError("{} {!r}: empty value: must be NAME=V1,V2,... with non-empty "
                         "values".format(option, text))
    return name, items


def load_grid_file(path):
    """Read a JSON grid file; return (list of sub-grids as ordered dicts, fixed ordered dict)."""
    try:
        with open(path) as handle:
            data = json.load(handle, object_pairs_hook=collections.OrderedDict)
    except (OSError, ValueError) as error:
        raise UsageError("--grid-file {}: cannot be read as JSON: {}".format(path, error))
    if not isinstance(data, dict):
        raise UsageError("--grid-file {}: must hold a JSON object with the keys grid and/or "
                         "fixed".format(path))
    unknown = set(data) - {"grid", "fixed"}
    if unknown:
        raise UsageError("--grid-file {}: unknown key(s) {}: allowed are grid, fixed".format(
            path, ", ".join(sorted(unknown))))
    grid = data.get("grid", collections.OrderedDict())
    subgrids = grid if isinstance(grid, list) else [grid]
    result = []
    for sub in subgrids:
        if not isinstance(sub, dict):
            raise UsageError("--grid-file {}: grid must be an object or a list of objects of "
                             "NAME: [values]".format(path))
        checked = collections.OrderedDict()
        for name, values in sub.items():
            _check_name(name, "--grid-file")
            if not isinstance(values, list):
                values = [values]
            if not values:
                raise UsageError("--grid-file {}: {} has no values".format(path, name))
            checked[name] = [_format_value(v) for v in values]
        result.append(checked)
    fixed = collections.OrderedDict()
    for name, value in data.get("fixed", {}).items():
        _check_name(name, "--grid-file")
        fixed[name] = _format_value(value)
    return result, fixed


def build_runs(subgrids, fixed, runs, first_run, out_root):
    """Expand sub-grids x fixed values x RngRun into the ordered list of runs."""
    result = []
    seen = set()
    for sub in subgrids:
        names = list(sub)
        for combination in itertools.product(*(sub[n] for n in names)):
            params = list(zip(names, combination)) + list(fixed.items())
            for rng_run in range(first_run, first_run + runs):
                run = Run(params, rng_run, out_root)
                if run.name not in seen:  # overlapping sub-grids give a run once
                    seen.add(run.name)
                    result.append(run)
    return result


def flatten(value, prefix=""):
    """Flatten nested JSON objects and lists into an ordered {dotted.key: value} dict."""
    items = collections.OrderedDict()
    if isinstance(value, dict):
        children = value.items()
    elif isinstance(value, list):
        children = ((str(i), v) for i, v in enumerate(value))
    else:
        items[prefix or "value"] = value
        return items
    for key, child in children:
        name = "{}.{}".format(prefix, key) if prefix else str(key)
        if isinstance(child, (dict, list)) and child:
            items.update(flatten(child, name))
        else:
            items[name] = child
    return items


def _cell(value):
    """Return the CSV text of a flattened JSON value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def gather_outputs(directory):
    """Return the run's output records: a list of ordered dicts (see the module docstring)."""
    names = sorted(f for f in os.listdir(directory)
                   if not f.startswith(".") and os.path.isfile(os.path.join(directory, f)))
    json_files = [f for f in names if f.endswith(".json")]
    csv_files = [f for f in names if f.endswith(".csv")]
    if json_files:
        record = collections.OrderedDict()
        for name in json_files:
            with open(os.path.join(directory, name)) as handle:
                data = json.load(handle, object_pairs_hook=collections.OrderedDict)
            prefix = name[:-len(".json")] if len(json_files) > 1 else ""
            for key, value in flatten(data, prefix).items():
                record[key] = _cell(value)
        return [record]
    records = []
    for name in csv_files:
        with open(os.path.join(directory, name), newline="") as handle:
            for row in csv.DictReader(handle):
                record = collections.OrderedDict([("source", name)])
                record.update((k, v if v is not None else "") for k, v in row.items()
                              if k is not None)
                records.append(record)
    return records


def result_rows(run, records):
    """Prefix each output record with the run's parameters; rename clashing output columns."""
    base = collections.OrderedDict(run.params)
    base["RngRun"] = str(run.rng_run)
    rows = []
    for record in records or [collections.OrderedDict()]:
        row = collections.OrderedDict(base)
        for key, value in record.items():
            row["out." + key if key in base else key] = value
        rows.append(row)
    return rows


def write_results(path, runs):
    """Write results.csv from the gathered rows of the completed runs, in run-list order."""
    # Parameter columns of every run first (a union of sub-grids varies them), then RngRun.
    columns = []
    for run in runs:
        for name, _ in run.params:
            if name not in columns:
                columns.append(name)
    columns.append("RngRun")
    known = set(columns)
    all_rows = []
    for run in runs:
        for row in run.rows or []:
            for key in row:
                if key not in known:
                    known.add(key)
                    columns.append(key)
            all_rows.append(row)
    temporary = path + ".tmp"
    with open(temporary, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(all_rows)
    os.replace(temporary, path)


def load_done_rows(run):
    """Return the rows of a completed run: cached in its marker, or gathered now (Slurm)."""
    with open(os.path.join(run.directory, DONE_MARKER)) as handle:
        text = handle.read()
    marker = json.loads(text, object_pairs_hook=collections.OrderedDict) if text.strip() else {}
    if "rows" in marker:
        return marker["rows"]
    rows = result_rows(run, gather_outputs(run.directory))
    marker["rows"] = rows
    with open(os.path.join(run.directory, DONE_MARKER), "w") as handle:
        json.dump(marker, handle)
    return rows


def execute(run, program, out_dir_arg, timeout):
    """Run one program invocation; return (ok, reason, seconds). Never raises an OSError."""
    try:
        return _execute(run, program, out_dir_arg, timeout)
    except OSError as error:
        return False, "driver error: {}".format(error), 0.0


def _execute(run, program, out_dir_arg, timeout):
    """Run one program invocation; return (ok, reason, seconds). Writes .stdout, .stderr."""
    os.makedirs(run.directory, exist_ok=True)
    marker = os.path.join(run.directory, DONE_MARKER)
    if os.path.exists(marker):
        os.remove(marker)
    with open(os.path.join(run.directory, ".sweep-command.sh"), "w") as handle:
        handle.write(run.shell_command(program, out_dir_arg) + "\n")
    start = time.monotonic()
    with open(os.path.join(run.directory, ".stdout"), "wb") as out, \
            open(os.path.join(run.directory, ".stderr"), "wb") as err:
        with _ACTIVE_LOCK:
            if _STOPPING.is_set():
                return False, "interrupted", 0.0
            try:
                process = subprocess.Popen([program] + run.arguments(out_dir_arg),
                                           cwd=run.directory, stdout=out, stderr=err,
                                           stdin=subprocess.DEVNULL, start_new_session=True)
            except OSError as error:
                return False, "cannot start: {}".format(error), time.monotonic() - start
            _ACTIVE.add(process)
        try:
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            return False, "timeout after {} s".format(timeout), time.monotonic() - start
        finally:
            with _ACTIVE_LOCK:
                _ACTIVE.discard(process)
        if _STOPPING.is_set():
            return False, "interrupted", time.monotonic() - start
    seconds = time.monotonic() - start
    if status != 0:
        return False, "exit status {}".format(status), seconds
    try:
        run.rows = result_rows(run, gather_outputs(run.directory))
    except (OSError, ValueError, csv.Error) as error:
        return False, "output cannot be read: {}".format(error), seconds
    with open(marker, "w") as handle:
        json.dump({"seconds": round(seconds, 3), "rows": run.rows}, handle)
    return True, "", seconds


_ACTIVE = set()
"""Programs running now (their process groups are killed when the sweep is interrupted)."""
_ACTIVE_LOCK = threading.Lock()
_STOPPING = threading.Event()


def stop_all():
    """Start no more runs and kill the running ones (after Ctrl-C)."""
    with _ACTIVE_LOCK:
        _STOPPING.set()
        processes = list(_ACTIVE)
    for process in processes:
        _kill_group(process)


def _kill_group(process):
    """Kill a run's process group (the program and anything it started) and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()


def format_duration(seconds):
    """Return seconds as H:MM:SS."""
    seconds = int(round(seconds))
    return "{}:{:02d}:{:02d}".format(seconds // 3600, seconds // 60 % 60, seconds % 60)


class Progress:
    """Prints 'runs done / total' with the time left from a moving average of run durations."""

    def __init__(self, total, done, jobs, stream):
        """Start counting from the runs already done; stream None prints nothing."""
        self.total = total
        self.done = done
        self.failed = 0
        self.jobs = jobs
        self.stream = stream
        self.durations = collections.deque(maxlen=MOVING_AVERAGE_RUNS)
        self.lock = threading.Lock()

    def finished(self, run, ok, reason, seconds):
        """Record one finished run and print the progress line."""
        with self.lock:
            self.done += 1
            self.durations.append(seconds)
            if not ok:
                self.failed += 1
            left = self.total - self.done
            average = sum(self.durations) / len(self.durations)
            estimate = average * left / min(self.jobs, left) if left else 0.0
            if self.stream is None:
                return
            status = "ok" if ok else "FAILED ({})".format(reason)
            self.stream.write("[{}/{}] {} {} in {:.1f} s; about {} left{}\n".format(
                self.done, self.total, run.name, status, seconds, format_duration(estimate),
                "; {} failed".format(self.failed) if self.failed else ""))
            self.stream.flush()


def write_slurm(path, runs, program, out_dir_arg, out_root):
    """Write a Slurm job-array script and its run list (path + '.runs')."""
    list_path = os.path.abspath(path) + ".runs"
    with open(list_path, "w") as handle:
        for run in runs:
            handle.write(" ".join(shlex.quote(w) for w in
                                  [run.directory] + run.arguments(out_dir_arg)) + "\n")
    script = """#!/bin/bash
# Slurm job array written by selmcast-sweep.py: {count} runs of {program}.
# Task i runs line i + 1 of the run list: the run directory, then the program's arguments.
# Submit with: sbatch {script}
# Afterwards, rerun selmcast-sweep.py with the same options but without --slurm: it skips every
# run that left its completion marker ({marker}), reruns the others and writes results.csv.
#SBATCH --job-name=selmcast-sweep
#SBATCH --array=0-{last}
#SBATCH --output={out}/slurm-%A_%a.out
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
set -euo pipefail
RUN_LIST={run_list}
PROGRAM={program}
eval "set -- $(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$RUN_LIST")"
RUN_DIR=$1
shift
mkdir -p "$RUN_DIR"
cd "$RUN_DIR"
rm -f {marker}
"$PROGRAM" "$@" > .stdout 2> .stderr
echo '{{}}' > {marker}
""".format(count=len(runs), program=shlex.quote(program), script=shlex.quote(path),
           last=len(runs) - 1, out=shlex.quote(out_root), run_list=shlex.quote(list_path),
           marker=DONE_MARKER)
    with open(path, "w") as handle:
        handle.write(script)
    os.chmod(path, 0o755)
    return list_path


def build_parser():
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        description="Run an ns-3 example over a grid of command-line values with RngRun "
                    "replications, in parallel and resumable; gather every run's output into "
                    "<out>/results.csv and list failed runs in <out>/failed.txt.",
        epilog="Example: selmcast-sweep.py --program build/examples/selmcast-bsp-selection "
               "--out sweep --grid n=50,100,200 --grid delivery=L3,L7 --fixed trials=10 "
               "--runs 3")
    parser.add_argument("--program", required=True,
                        help="the example program to run (path, or name on PATH)")
    parser.add_argument("--out", required=True,
                        help="sweep folder: runs/<name>-<hash>/ per run, results.csv, "
                             "failed.txt; reused to resume")
    parser.add_argument("--grid", action="append", default=[], metavar="NAME=V1,V2,...",
                        help="a swept parameter and its values (repeat; the sweep is the "
                             "product of all of them)")
    parser.add_argument("--fixed", action="append", default=[], metavar="NAME=VALUE",
                        help="a parameter passed to every run (repeat)")
    parser.add_argument("--grid-file", metavar="FILE",
                        help="JSON file with 'grid' (an object NAME: [values], or a list of "
                             "such objects for a union of grids) and 'fixed' (NAME: value)")
    parser.add_argument("--runs", type=int, default=1,
                        help="replications per grid point, as --RngRun=first-run, ... "
                             "(default: 1)")
    parser.add_argument("--first-run", type=int, default=1,
                        help="first RngRun value (default: 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="runs at once (default: the number of CPUs, {})".format(
                            os.cpu_count() or 1))
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds after which a run is killed and counted as failed "
                             "(default: none)")
    parser.add_argument("--out-dir-arg", default="outDir", metavar="NAME",
                        help="argument that receives the run directory, as --NAME=DIR "
                             "(default: outDir; '' passes none, the program then writes to "
                             "its working directory, which is the run directory)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the command of every run that would be run, run nothing")
    parser.add_argument("--slurm", metavar="FILE",
                        help="write a Slurm job-array script for the grid (and its run list "
                             "FILE.runs) instead of running")
    parser.add_argument("--quiet", action="store_true",
                        help="print only the summary, not a line per run")
    return parser


def configure(args):
    """Check the options; return (program, out_root, runs). Raises UsageError."""
    if args.runs < 1:
        raise UsageError("--runs {} is out of range: must be >= 1".format(args.runs))
    if args.first_run < 1:
        raise UsageError("--first-run {} is out of range: must be >= 1".format(args.first_run))
    if args.jobs < 1:
        raise UsageError("--jobs {} is out of range: must be >= 1".format(args.jobs))
    if args.timeout is not None and not args.timeout > 0:
        raise UsageError("--timeout {} is out of range: must be > 0".format(args.timeout))
    if args.out_dir_arg and not NAME_PATTERN.match(args.out_dir_arg):
        raise UsageError("--out-dir-arg {!r} is not allowed: must match {} or be "
                         "empty".format(args.out_dir_arg, NAME_PATTERN.pattern))
    program = args.program
    if os.sep not in program:
        found = shutil.which(program)
        if found is None and not os.path.exists(program):
            raise UsageError("--program {}: not found on PATH".format(program))
        program = found or program
    program = os.path.abspath(program)
    if not (os.path.isfile(program) and os.access(program, os.X_OK)):
        raise UsageError("--program {}: not an executable file".format(args.program))
    out_root = os.path.abspath(args.out)

    subgrids, fixed = ([collections.OrderedDict()], collections.OrderedDict())
    if args.grid_file:
        subgrids, fixed = load_grid_file(args.grid_file)
    command_grid = collections.OrderedDict()
    for text in args.grid:
        name, values = parse_assignment(text, "--grid", many=True)
        if name in command_grid:
            raise UsageError("--grid {}: given twice: give all its values in one --grid "
                             "NAME=V1,V2,...".format(name))
        command_grid[name] = values
    for text in args.fixed:
        name, value = parse_assignment(text, "--fixed", many=False)
        fixed[name] = value
    for sub in subgrids:
        for name in command_grid:
            if name in sub:
                raise UsageError("--grid {}: also swept in --grid-file: sweep it in one "
                                 "place".format(name))
        sub.update(command_grid)
        for name in sub:
            if name in fixed:
                raise UsageError("--fixed {}: also swept by --grid: a parameter is either "
                                 "swept or fixed".format(name))
    if args.out_dir_arg and (args.out_dir_arg in fixed
                             or any(args.out_dir_arg in sub for sub in subgrids)):
        raise UsageError("--out-dir-arg {0}: --{0} is set by the driver, not by --grid or "
                         "--fixed".format(args.out_dir_arg))
    runs = build_runs(subgrids, fixed, args.runs, args.first_run, out_root)
    return program, out_root, runs


def sweep(program, out_root, runs, jobs, timeout, out_dir_arg, quiet, stream):
    """Run every run not yet done; write results.csv and failed.txt; return the failed runs."""
    os.makedirs(os.path.join(out_root, "runs"), exist_ok=True)
    pending = []
    for run in runs:
        if run.is_done():
            try:
                run.rows = load_done_rows(run)
                continue
            except (OSError, ValueError, KeyError):
                pass  # a damaged marker: run it again
        pending.append(run)
    stream.write("{} runs, {} done earlier, {} to run with {} job(s)\n".format(
        len(runs), len(runs) - len(pending), len(pending), jobs))
    stream.flush()
    progress = Progress(len(runs), len(runs) - len(pending), jobs,
                        None if quiet else stream)
    failed = []
    results_path = os.path.join(out_root, "results.csv")
    last_write = time.monotonic()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = {pool.submit(execute, run, program, out_dir_arg, timeout): run
                   for run in pending}
        try:
            for future in concurrent.futures.as_completed(futures):
                run = futures[future]
                ok, reason, seconds = future.result()
                if not ok:
                    run.rows = None
                    failed.append((run, reason))
                progress.finished(run, ok, reason, seconds)
                if time.monotonic() - last_write > 10:
                    write_results(results_path, runs)
                    last_write = time.monotonic()
        except BaseException:
            for future in futures:
                future.cancel()
            stop_all()
            raise
        finally:
            pool.shutdown(wait=True)
    finally:
        write_results(results_path, runs)
        failed.sort(key=lambda item: runs.index(item[0]))
        with open(os.path.join(out_root, "failed.txt"), "w") as handle:
            for run, reason in failed:
                handle.write("# {}: {}\n{}\n".format(run.name, reason,
                                                     run.shell_command(program, out_dir_arg)))
    return failed


def main(argv=None):
    """Entry point; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        program, out_root, runs = configure(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        sys.stderr.write("{}: error: {}\n".format(parser.prog, error))
        return 2
    if args.dry_run:
        for run in runs:
            state = "done" if run.is_done() else "todo"
            print("{} {}".format(state, run.shell_command(program, args.out_dir_arg)))
        print("{} runs".format(len(runs)))
        return 0
    if args.slurm:
        os.makedirs(out_root, exist_ok=True)
        for run in runs:
            os.makedirs(run.directory, exist_ok=True)
        list_path = write_slurm(args.slurm, runs, program, args.out_dir_arg, out_root)
        print("wrote {} ({} array tasks) and {}".format(args.slurm, len(runs), list_path))
        return 0
    start = time.monotonic()
    try:
        failed = sweep(program, out_root, runs, args.jobs, args.timeout, args.out_dir_arg,
                       args.quiet, sys.stdout)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; rerun the same command to resume\n")
        return 130
    print("{} runs in {}, {} failed; results in {}".format(
        len(runs), format_duration(time.monotonic() - start), len(failed),
        os.path.join(out_root, "results.csv")))
    if failed:
        print("failed runs and the commands that reproduce them: {}".format(
            os.path.join(out_root, "failed.txt")))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
