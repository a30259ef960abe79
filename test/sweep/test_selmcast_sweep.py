#!/usr/bin/env python3
"""Tests of utils/selmcast-sweep.py against a fake example program (standard library only).

Run with: python3 -m unittest discover -s test/sweep -v
"""

import collections
import csv
import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, os.pardir, os.pardir, "utils", "selmcast-sweep.py")
PLOTTER = os.path.join(HERE, os.pardir, os.pardir, "utils", "selmcast-plot-bsp.py")
SSP_PLOTTER = os.path.join(HERE, os.pardir, os.pardir, "utils", "selmcast-plot-ssp.py")
TABLE = os.path.join(HERE, os.pardir, os.pardir, "utils", "selmcast-table.py")
READINGS_PLOTTER = os.path.join(HERE, os.pardir, os.pardir, "utils",
                                "selmcast-plot-readings.py")
UTILS = os.path.join(HERE, os.pardir, os.pardir, "utils")

FAKE_EXAMPLE = textwrap.dedent('''\
    #!{python}
    """Stands in for selmcast-ssp or selmcast-bsp: writes the summary JSON the real one does."""
    import json, os, sys
    args = dict(word[2:].partition("=")[::2] for word in sys.argv[1:])
    out = args.pop("outDir")
    with open(os.environ["FAKE_COUNTER"], "a") as handle:
        handle.write(" ".join(sys.argv[1:]) + "\\n")
    os.makedirs(out, exist_ok=True)
    n, p = float(args.get("n", 16)), float(args.get("p", 5))
    summary = {{"parameters": args, "npu_utilization": 0.5 + p / 100,
               "mean_scale": p / n + (0.1 if args.get("selector") == "selmcast" else 0),
               "rounds_min": 10, "normalized_completion": 1.01, "normalized_plan": 1.0,
               "average_scale": p / n}}
    name = "selmcast-ssp-summary.json" if "ssp" in args else "selmcast-bsp-summary.json"
    with open(os.path.join(out, name), "w") as handle:
        json.dump(summary, handle)
    ''')
"""A fake selmcast-ssp / selmcast-bsp for the reproduce scripts: records its arguments."""

FAKE_PROGRAM = textwrap.dedent('''\
    #!{python}
    """Stands in for an ns-3 example: takes --name=value arguments, --RngRun and --outDir."""
    import json, os, sys
    args = {{}}
    for word in sys.argv[1:]:
        name, _, value = word[2:].partition("=")
        args[name] = value
    out = args.pop("outDir", ".")
    # Count invocations (one line per call) to check that resuming skips completed runs.
    with open(os.environ["FAKE_COUNTER"], "a") as handle:
        handle.write(" ".join(sys.argv[1:]) + "\\n")
    if args.get("fail") == args.get("n"):
        sys.stderr.write("asked to fail at n = %s\\n" % args["n"])
        sys.exit(3)
    n = int(args.get("n", "1"))
    run = int(args.get("RngRun", "1"))
    mode = args.get("mode", "json")
    if mode == "json":
        summary = {{"n": n, "metrics": {{"total": n * run, "half": n / 2}},
                   "cases": [{{"ok": True}}]}}
        with open(os.path.join(out, "summary.json"), "w") as handle:
            json.dump(summary, handle)
    else:
        with open(os.path.join(out, "rows.csv"), "w") as handle:
            handle.write("trial,value\\n")
            for trial in range(2):
                handle.write("%d,%d\\n" % (trial, n * 10 + trial + run))
    ''')


def load_driver():
    """Import the driver as a module (its file name has dashes)."""
    spec = importlib.util.spec_from_file_location("selmcast_sweep", DRIVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_rows(path):
    """Return the rows of a CSV file as a list of dicts."""
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


class SweepTestCase(unittest.TestCase):
    """Runs the driver in a fresh temporary folder with the fake program."""

    def setUp(self):
        """Write the fake program and its invocation counter into a temporary folder."""
        self.tmp = tempfile.mkdtemp(prefix="selmcast-sweep-test-")
        self.program = os.path.join(self.tmp, "fake-example")
        with open(self.program, "w") as handle:
            handle.write(FAKE_PROGRAM.format(python=sys.executable))
        os.chmod(self.program, 0o755)
        self.counter = os.path.join(self.tmp, "invocations.txt")
        open(self.counter, "w").close()
        self.env = dict(os.environ, FAKE_COUNTER=self.counter)
        self.out = os.path.join(self.tmp, "sweep")

    def tearDown(self):
        """Remove the temporary folder."""
        shutil.rmtree(self.tmp, ignore_errors=True)

    def sweep(self, *extra, out=None):
        """Run the driver; return the completed process."""
        command = [sys.executable, DRIVER, "--program", self.program,
                   "--out", out or self.out] + list(extra)
        return subprocess.run(command, env=self.env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=120)

    def invocations(self):
        """Return how many times the fake program was started."""
        with open(self.counter) as handle:
            return len(handle.readlines())


class GridTest(SweepTestCase):
    """Grid expansion, result gathering and the outputs of a successful sweep."""

    def test_grid_expansion_and_run_count(self):
        """Every combination of the grid times --runs is one run, with its own directory."""
        driver = load_driver()
        args = driver.build_parser().parse_args(
            ["--program", self.program, "--out", self.out, "--grid", "n=1,2,3",
             "--grid", "mode=json,csv", "--fixed", "trials=10", "--runs", "2"])
        _, _, runs = driver.configure(args)
        self.assertEqual(len(runs), 3 * 2 * 2)
        self.assertEqual(len({run.directory for run in runs}), len(runs))
        combos = {(tuple(run.params), run.rng_run) for run in runs}
        self.assertIn(((("n", "2"), ("mode", "csv"), ("trials", "10")), 2), combos)
        first = runs[0].arguments("outDir")
        self.assertEqual(first[:4], ["--n=1", "--mode=json", "--trials=10", "--RngRun=1"])
        self.assertEqual(first[4], "--outDir=" + runs[0].directory)

    def test_grid_file_union(self):
        """A grid file with a list of sub-grids sweeps their union, crossed with --grid."""
        grid_file = os.path.join(self.tmp, "grid.json")
        with open(grid_file, "w") as handle:
            json.dump({"fixed": {"trials": 10},
                       "grid": [{"n": [1, 2]}, {"n": [5], "flag": [True]}]}, handle)
        driver = load_driver()
        args = driver.build_parser().parse_args(
            ["--program", self.program, "--out", self.out, "--grid-file", grid_file,
             "--grid", "mode=json,csv"])
        _, _, runs = driver.configure(args)
        self.assertEqual(len(runs), (2 + 1) * 2)
        self.assertIn("--flag=true", runs[-1].arguments(""))

    def test_results_from_json(self):
        """results.csv has one row per run: parameters, RngRun and the flattened JSON."""
        result = self.sweep("--grid", "n=1,2,3", "--fixed", "mode=json", "--runs", "2",
                            "--jobs", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = read_rows(os.path.join(self.out, "results.csv"))
        self.assertEqual(len(rows), 6)
        self.assertEqual(self.invocations(), 6)
        for row in rows:
            n, run = int(row["n"]), int(row["RngRun"])
            self.assertEqual(row["mode"], "json")
            self.assertEqual(row["out.n"], str(n))  # clashes with the parameter n
            self.assertEqual(row["metrics.total"], str(n * run))
            self.assertEqual(float(row["metrics.half"]), n / 2)
            self.assertEqual(row["cases.0.ok"], "true")
        self.assertEqual(sorted((r["n"], r["RngRun"]) for r in rows),
                         sorted((str(n), str(k)) for n in (1, 2, 3) for k in (1, 2)))
        with open(os.path.join(self.out, "failed.txt")) as handle:
            self.assertEqual(handle.read(), "")
        self.assertRegex(result.stdout, r"\[6/6\] .* left")

    def test_results_from_csv_rows(self):
        """Without a JSON file, every row of the run's CSV is prefixed by the parameters."""
        result = self.sweep("--grid", "n=1,2", "--fixed", "mode=csv", "--jobs", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = read_rows(os.path.join(self.out, "results.csv"))
        self.assertEqual(len(rows), 2 * 2)
        got = sorted((r["n"], r["RngRun"], r["source"], r["trial"], r["value"]) for r in rows)
        self.assertEqual(got, [("1", "1", "rows.csv", "0", "11"),
                               ("1", "1", "rows.csv", "1", "12"),
                               ("2", "1", "rows.csv", "0", "21"),
                               ("2", "1", "rows.csv", "1", "22")])

    def test_resume_skips_completed_runs(self):
        """A second invocation starts only the runs without a completion marker."""
        first = self.sweep("--grid", "n=1,2,3", "--runs", "2", "--jobs", "2")
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertEqual(self.invocations(), 6)
        before = read_rows(os.path.join(self.out, "results.csv"))
        again = self.sweep("--grid", "n=1,2,3", "--runs", "2", "--jobs", "2")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(self.invocations(), 6)
        self.assertEqual(read_rows(os.path.join(self.out, "results.csv")), before)
        # Drop one marker and extend the grid: only the three missing runs are started.
        driver = load_driver()
        marker = os.path.join(self.out, "runs", os.listdir(os.path.join(self.out, "runs"))[0],
                              driver.DONE_MARKER)
        os.remove(marker)
        more = self.sweep("--grid", "n=1,2,3,4", "--runs", "2", "--jobs", "2")
        self.assertEqual(more.returncode, 0, more.stderr)
        self.assertEqual(self.invocations(), 6 + 1 + 2)
        self.assertEqual(len(read_rows(os.path.join(self.out, "results.csv"))), 8)

    def test_parallel_equals_serial(self):
        """--jobs 2 gives the same results.csv content as --jobs 1."""
        args = ["--grid", "n=1,2,3", "--grid", "mode=json,csv", "--runs", "2"]
        serial = self.sweep(*args, "--jobs", "1", out=os.path.join(self.tmp, "serial"))
        parallel = self.sweep(*args, "--jobs", "2", out=os.path.join(self.tmp, "parallel"))
        self.assertEqual(serial.returncode, 0, serial.stderr)
        self.assertEqual(parallel.returncode, 0, parallel.stderr)

        def content(name):
            with open(os.path.join(self.tmp, name, "results.csv"), newline="") as handle:
                rows = list(csv.reader(handle))
            return rows[0], sorted(rows[1:])
        self.assertEqual(content("serial"), content("parallel"))

    def test_dry_run_runs_nothing(self):
        """--dry-run prints every command and starts no program."""
        result = self.sweep("--grid", "n=1,2", "--runs", "3", "--dry-run")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.invocations(), 0)
        self.assertIn("6 runs", result.stdout)
        self.assertEqual(result.stdout.count("--RngRun="), 6)


class FailureTest(SweepTestCase):
    """Failed runs, timeouts and usage errors."""

    def test_failed_run_listed_with_reproducing_command(self):
        """A failing grid point lands in failed.txt; the sweep goes on; the exit status is 1."""
        result = self.sweep("--grid", "n=1,2,3", "--fixed", "fail=2", "--jobs", "2")
        self.assertEqual(result.returncode, 1)
        rows = read_rows(os.path.join(self.out, "results.csv"))
        self.assertEqual(sorted(r["n"] for r in rows), ["1", "3"])
        with open(os.path.join(self.out, "failed.txt")) as handle:
            lines = handle.read().splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith("# n=2_") and "exit status 3" in lines[0], lines)
        self.assertIn("--n=2", lines[1])
        before = self.invocations()
        again = subprocess.run(lines[1], shell=True, env=self.env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(again.returncode, 3)
        self.assertIn("asked to fail at n = 2", again.stderr)
        self.assertEqual(self.invocations(), before + 1)
        # The failed run is not marked complete, so a resumed sweep retries it alone.
        retry = self.sweep("--grid", "n=1,2,3", "--fixed", "fail=2", "--jobs", "2")
        self.assertEqual(retry.returncode, 1)
        self.assertEqual(self.invocations(), before + 2)

    def test_timeout_is_a_failure(self):
        """A run that outlives --timeout is killed and listed as failed."""
        slow = os.path.join(self.tmp, "slow-example")
        with open(slow, "w") as handle:
            handle.write("#!/bin/sh\nsleep 30\n")
        os.chmod(slow, 0o755)
        command = [sys.executable, DRIVER, "--program", slow, "--out", self.out,
                   "--grid", "n=1", "--timeout", "0.5"]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=20)
        self.assertEqual(result.returncode, 1)
        with open(os.path.join(self.out, "failed.txt")) as handle:
            self.assertIn("timeout after 0.5 s", handle.read())

    def test_interrupt_kills_running_programs(self):
        """Ctrl-C stops the sweep at once (status 130) and kills the programs it started."""
        slow = os.path.join(self.tmp, "slow-example")
        pids = os.path.join(self.tmp, "pids")
        with open(slow, "w") as handle:
            handle.write("#!/bin/sh\necho $$ >> {}\nexec sleep 30\n".format(pids))
        os.chmod(slow, 0o755)
        command = [sys.executable, DRIVER, "--program", slow, "--out", self.out,
                   "--grid", "n=1,2,3,4", "--jobs", "2"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   universal_newlines=True,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                    signal.SIG_DFL))

        def started():
            """Return the process ids the slow program wrote so far."""
            if not os.path.exists(pids):
                return []
            with open(pids) as handle:
                return handle.read().split()
        deadline = time.monotonic() + 20
        while len(started()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
        self.assertEqual(process.returncode, 130, err)
        self.assertIn("rerun the same command to resume", err)
        self.assertEqual(len(started()), 2)
        for pid in started():
            with self.assertRaises(ProcessLookupError):
                os.kill(int(pid), 0)

    def test_usage_errors_name_the_option(self):
        """Bad options exit with status 2 and a message naming the option."""
        cases = [(["--grid", "n"], "--grid"), (["--runs", "0"], "--runs"),
                 (["--jobs", "0"], "--jobs"), (["--grid", "n=1", "--fixed", "n=2"], "--fixed n"),
                 (["--grid", "RngRun=1,2"], "RngRun")]
        for extra, expected in cases:
            with self.subTest(extra=extra):
                result = self.sweep(*extra)
                self.assertEqual(result.returncode, 2)
                self.assertIn(expected, result.stderr)
        missing = subprocess.run([sys.executable, DRIVER, "--program",
                                  os.path.join(self.tmp, "none"), "--out", self.out],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 universal_newlines=True)
        self.assertEqual(missing.returncode, 2)
        self.assertIn("--program", missing.stderr)


class SlurmTest(SweepTestCase):
    """The Slurm job-array script."""

    def test_slurm_script(self):
        """The script has one array task per run; its run list holds every run's arguments."""
        script = os.path.join(self.tmp, "sweep.slurm")
        result = self.sweep("--grid", "n=1,2,3", "--grid", "mode=json,csv", "--runs", "2",
                            "--slurm", script)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.invocations(), 0)
        with open(script) as handle:
            text = handle.read()
        self.assertIn("#SBATCH --array=0-11", text)
        self.assertIn(self.program, text)
        with open(script + ".runs") as handle:
            lines = handle.read().splitlines()
        self.assertEqual(len(lines), 12)
        for n in "123":
            for mode in ("json", "csv"):
                for run in "12":
                    wanted = "--n={} --mode={} --RngRun={} --outDir=".format(n, mode, run)
                    self.assertEqual(sum(wanted in line for line in lines), 1, wanted)

    def test_slurm_task_runs_and_sweep_gathers(self):
        """Running the script's tasks by hand, then the driver, gathers without rerunning."""
        if shutil.which("bash") is None:
            self.skipTest("bash is not available")
        script = os.path.join(self.tmp, "sweep.slurm")
        args = ["--grid", "n=1,2", "--slurm", script]
        self.assertEqual(self.sweep(*args).returncode, 0)
        for task in range(2):
            env = dict(self.env, SLURM_ARRAY_TASK_ID=str(task))
            subprocess.run(["bash", script], env=env, check=True)
        self.assertEqual(self.invocations(), 2)
        result = self.sweep("--grid", "n=1,2")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.invocations(), 2)
        rows = read_rows(os.path.join(self.out, "results.csv"))
        self.assertEqual(sorted(r["metrics.total"] for r in rows), ["1", "2"])


class HelperTest(unittest.TestCase):
    """The time-left estimate and JSON flattening, called directly."""

    def test_estimate_divides_by_parallelism(self):
        """Four runs of 10 s left with two jobs: about 20 s."""
        driver = load_driver()
        stream = io.StringIO()
        progress = driver.Progress(total=6, done=0, jobs=2, stream=stream)

        class FakeRun:
            name = "r"
        progress.finished(FakeRun(), True, "", 10.0)
        progress.finished(FakeRun(), True, "", 10.0)
        self.assertIn("[2/6]", stream.getvalue())
        self.assertIn("about 0:00:20 left", stream.getvalue().splitlines()[-1])

    def test_flatten(self):
        """Nested objects and lists flatten to dotted keys."""
        driver = load_driver()
        flat = driver.flatten({"a": {"b": 1, "c": [2, {"d": 3}]}, "e": {}})
        self.assertEqual(dict(flat), {"a.b": 1, "a.c.0": 2, "a.c.1.d": 3, "e": {}})


def has_matplotlib():
    """Tell whether matplotlib can be imported (Debian: python3-matplotlib)."""
    return importlib.util.find_spec("matplotlib") is not None


@unittest.skipUnless(has_matplotlib(), "matplotlib is not installed")
class PlotTest(unittest.TestCase):
    """utils/selmcast-plot-bsp.py on a small synthetic results.csv."""

    def test_figures_written(self):
        """The three PNG files are written; the printed table has the means."""
        tmp = tempfile.mkdtemp(prefix="selmcast-plot-test-")
        self.addCleanup(shutil.rmtree, tmp, True)
        path = os.path.join(tmp, "results.csv")
        header = ["n", "delivery", "RngRun", "source", "out.delivery", "selector", "trial",
                  "seed", "out.n", "p", "lambda", "mu", "normalized_completion", "scale",
                  "run_time_ms"]
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for n, p in ((50, 15), (100, 30), (100, 10), (100, 50)):
                for delivery, mu in (("L3", 1.0), ("L7", 1.0), ("L3", 1.0 / p)):
                    for selector, value in (("selmcast", 1.0), ("random", 1.6),
                                            ("optimum", 1.0)):
                        for trial in range(2):
                            writer.writerow([n, delivery, 1, "x.csv", delivery, selector,
                                             trial, trial, n, p, 0.25, mu,
                                             value + trial / 10, p / n, 0.1])
        figures = os.path.join(tmp, "figures")
        result = subprocess.run([sys.executable, PLOTTER, path, "--out-dir", figures],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(os.listdir(figures)),
                         ["bsp-runtime-vs-n.png", "bsp-vs-n.png", "bsp-vs-pratio.png"])
        self.assertRegex(result.stdout, r"50 +L3 +random +1\.650 \+- 0\.050")
        bad = subprocess.run([sys.executable, PLOTTER, DRIVER], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("missing", bad.stderr)


class TableTest(unittest.TestCase):
    """utils/selmcast-table.py: grouped means, standard errors and ratios of a results.csv."""

    def test_groups_means_and_ratio(self):
        tmp = tempfile.mkdtemp(prefix="selmcast-table-test-")
        self.addCleanup(shutil.rmtree, tmp, True)
        path = os.path.join(tmp, "results.csv")
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["delivery", "parameters.selector", "a", "b"])
            writer.writerows([["L3", "selmcast", "1.0", "2.0"], ["L3", "selmcast", "3.0", "2.0"],
                              ["L7", "selmcast", "2.0", "4.0"], ["L7", "random", "x", "1.0"]])
        result = subprocess.run([sys.executable, TABLE, path, "--by", "delivery,selector",
                                 "--values", "a", "--ratio", "a/b", "--csv"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = list(csv.reader(io.StringIO(result.stdout)))
        self.assertEqual(rows[0], ["delivery", "selector", "rows", "a", "a_se", "a/b", "a/b_se"])
        # L3: a = 1 and 3 (mean 2, standard error 1), a / b = 0.5 and 1.5.
        self.assertEqual(rows[1], ["L3", "selmcast", "2", "2", "1", "1", "0.5"])
        self.assertEqual(rows[2], ["L7", "selmcast", "1", "2", "0", "0.5", "0"])
        # A value that is not a number leaves the row out of that mean only.
        self.assertEqual(rows[3], ["L7", "random", "1", "", "", "", ""])
        bad = subprocess.run([sys.executable, TABLE, path, "--by", "delivery", "--values",
                              "nothing"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=60)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("nothing", bad.stderr)

    @unittest.skipUnless(has_matplotlib(), "matplotlib is not installed")
    def test_plot_against_the_last_by_column(self):
        """--plot draws a PNG against a numeric column; a text column there is refused."""
        tmp = tempfile.mkdtemp(prefix="selmcast-table-plot-")
        self.addCleanup(shutil.rmtree, tmp, True)
        path = os.path.join(tmp, "results.csv")
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["topology", "oversubscription", "normalized_completion"])
            writer.writerows([["leafspine", "1", "1.1"], ["leafspine", "8", "3.8"],
                              ["bigswitch", "1", "1.1"], ["bigswitch", "8", "1.1"]])
        png = os.path.join(tmp, "vs-oversubscription.png")
        result = subprocess.run([sys.executable, TABLE, path, "--by",
                                 "topology,oversubscription", "--values",
                                 "normalized_completion", "--plot", png],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertGreater(os.path.getsize(png), 1000)
        self.assertRegex(result.stdout, r"leafspine +8 +1 +3\.8000")
        bad = subprocess.run([sys.executable, TABLE, path, "--by", "oversubscription,topology",
                              "--values", "normalized_completion", "--plot", png],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=120)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("not a number", bad.stderr)


@unittest.skipUnless(has_matplotlib(), "matplotlib is not installed")
class ReproduceScriptsTest(unittest.TestCase):
    """The utils/reproduce-*.sh scripts of the packet-level runs, end to end on a fake example:
    the grids they document, the figures and tables they write."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="selmcast-reproduce-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.program = os.path.join(self.tmp, "fake-example")
        with open(self.program, "w") as handle:
            handle.write(FAKE_EXAMPLE.format(python=sys.executable))
        os.chmod(self.program, 0o755)
        self.counter = os.path.join(self.tmp, "calls.txt")

    def run_script(self, name, *args, **env):
        environment = dict(os.environ, FAKE_COUNTER=self.counter, PYTHON=sys.executable,
                           JOBS="2", **env)
        result = subprocess.run(["sh", os.path.join(UTILS, name), self.program] + list(args),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=600, env=environment)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(self.counter) as handle:
            calls = handle.read().splitlines()
        return result.stdout, calls

    def test_ssp_figures(self):
        """56 settings x RUNS (the grid of the chapter), jumbo frames, both figures."""
        figures = os.path.join(self.tmp, "figures")
        out, calls = self.run_script("reproduce-ssp-figures.sh", os.path.join(self.tmp, "w"),
                                     figures, RUNS="1")
        self.assertEqual(len(calls), 56)
        self.assertTrue(all("--mtu=9000" in c and "--segmentSize=8940" in c
                            and "--duration=1.0" in c and "--n=16" in c for c in calls))
        self.assertEqual(sum("--k=1000000" in c for c in calls), 2)  # k rule off, both selectors
        self.assertEqual(sorted(os.listdir(figures)), ["ssp-per-workload.png", "ssp-sweeps.png"])
        self.assertIn("k rule off: SELMCAST / Random p", out)

    def test_ssp_n50(self):
        """6 per-workload runs and 7 extra ones (k rule off, lambda = 0.5), two figures."""
        figures = os.path.join(self.tmp, "figures")
        out, calls = self.run_script("reproduce-ssp-n50.sh", os.path.join(self.tmp, "w"),
                                     figures)
        self.assertEqual(len(calls), 13)
        self.assertEqual(sum("--lambda=0.5" in c for c in calls), 6)
        self.assertTrue(all("--n=50" in c and "--p=15" in c for c in calls))
        self.assertEqual(sorted(os.listdir(figures)),
                         ["ssp-per-workload-n50-lambda05.png", "ssp-per-workload-n50.png"])
        self.assertRegex(out, r"selmcast +lstm +1000000 +0\.25 +1 ")

    def test_bsp_packet(self):
        """9 cases (3 deliveries x 3 selectors), the measured / plan table."""
        out, calls = self.run_script("reproduce-bsp-packet.sh", os.path.join(self.tmp, "w"))
        self.assertEqual(len(calls), 9)
        self.assertTrue(all("--n=50" in c and "--rounds=3" in c for c in calls))
        self.assertIn("normalized_completion/normalized_plan", out)
        self.assertRegex(out, r"L7 +1 +optimum +1 +1\.0100")


SSP_BASE = collections.OrderedDict([("workload", "lstm"), ("p", "5"), ("k", "4"), ("ssp", "4"),
                                    ("eta", "0.75"), ("blockSize", "1500000"), ("gamma", "0")])
"""The base setting of the synthetic SSP sweep."""


def write_ssp_results(path, points):
    """Write a results.csv of selmcast-ssp runs; points: (overrides, selector, util, scale)."""
    names = ["n", "segmentSize", "bandwidth", "lambda", "computeMean_ms", "duration_s",
             "delivery", "mtu", "selector"] + list(SSP_BASE)
    header = ["RngRun"] + ["parameters." + name for name in names] + ["npu_utilization",
                                                                         "mean_scale"]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for overrides, selector, utilization, scale in points:
            params = dict(SSP_BASE, n="16", segmentSize="8940", bandwidth="10Gbps",
                          computeMean_ms="10", duration_s="1", delivery="L3", mtu="9000",
                          selector=selector, **{"lambda": "0.25"})
            params.update(overrides)
            for run, offset in ((1, -0.01), (2, 0.01)):
                writer.writerow([run] + [params[name] for name in names]
                                + [utilization + offset, scale + offset])


@unittest.skipUnless(has_matplotlib(), "matplotlib is not installed")
class SspPlotTest(unittest.TestCase):
    """utils/selmcast-plot-ssp.py: which rows make which panel, and the values it prints."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="selmcast-plot-ssp-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.path = os.path.join(self.tmp, "results.csv")
        points = []
        for selector, shift in (("selmcast", 0.0), ("random", -0.1)):
            points += [({}, selector, 0.70 + shift, 0.45 + shift),
                       ({"workload": "resnet50"}, selector, 0.60 + shift, 0.40 + shift),
                       ({"p": "2"}, selector, 0.80 + shift, 0.30 + shift),
                       ({"k": "2"}, selector, 0.66 + shift, 0.46 + shift),
                       ({"k": "1000000"}, selector, 0.77 + shift, 0.63 + shift),
                       ({"k": "2", "ssp": "2"}, selector, 0.50 + shift, 0.35 + shift),
                       ({"eta": "0.5"}, selector, 0.71 + shift, 0.44 + shift),
                       ({"blockSize": "375000"}, selector, 0.90 + shift, 0.70 + shift),
                       ({"gamma": "0.5"}, selector, 0.68 + shift, 0.43 + shift),
                       # Two parameters off the base (not ssp = k): in no panel.
                       ({"p": "2", "eta": "0.5"}, selector, 0.10, 0.10)]
        write_ssp_results(self.path, points)

    def plot(self, *extra):
        figures = os.path.join(self.tmp, "figures")
        result = subprocess.run([sys.executable, SSP_PLOTTER, self.path, "--out-dir", figures]
                                + list(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout, sorted(os.listdir(figures))

    def test_sweep_panels(self):
        """Each panel holds its own sweep plus the base point; the k-rule ratio is printed."""
        out, files = self.plot("--sweeps")
        self.assertEqual(files, ["ssp-sweeps.png"])
        lines = [line.split() for line in out.splitlines()]
        rows = {(w[0], w[1], w[2]): (w[3], w[6], w[9]) for w in lines if len(w) == 10}
        # p / n = 2 / 16 and the base 5 / 16, with the means of the two runs.
        self.assertEqual(rows[("p", "0.12", "selmcast")], ("0.800", "0.300", "2"))
        self.assertEqual(rows[("p", "0.31", "random")], ("0.600", "0.350", "2"))
        self.assertEqual(rows[("k", "off", "selmcast")], ("0.770", "0.630", "2"))
        self.assertEqual(rows[("ssp=k", "2", "selmcast")], ("0.500", "0.350", "2"))
        self.assertEqual(rows[("ssp=k", "4", "selmcast")], ("0.700", "0.450", "2"))
        self.assertEqual(rows[("blockSize", "2^-2", "selmcast")], ("0.900", "0.700", "2"))
        self.assertEqual(rows[("gamma", "0.5", "random")], ("0.580", "0.330", "2"))
        # k = 2 with ssp = 4 is in the k panel, not the ssp = k panel; the other workload and
        # the point off the base in two parameters are in no panel.
        self.assertIn(("k", "2", "selmcast"), rows)
        self.assertNotIn(("ssp=k", "1e+06", "selmcast"), rows)
        self.assertEqual(sum(1 for key in rows if key[0] == "k"), 6)
        self.assertEqual(sum(1 for key in rows if key[0] == "eta"), 4)
        self.assertFalse(any(v[0] == "0.100" for v in rows.values()))
        # SELMCAST k off / k = 4: 0.77 / 0.70 and 0.63 / 0.45; over Random p: 0.77 / 0.67 ...
        self.assertIn("SELMCAST k rule off / k = 4: npu_utilization x1.100", out)
        self.assertIn("SELMCAST k rule off / k = 4: mean_scale x1.400", out)
        self.assertIn("SELMCAST / Random p npu_utilization x1.149", out)
        self.assertIn("SELMCAST / Random p mean_scale x1.189", out)

    def test_per_workload_uses_the_base_setting(self):
        """The per-workload bars average only the base-setting rows of each workload."""
        out, files = self.plot()
        self.assertEqual(files, ["ssp-per-workload.png"])
        self.assertRegex(out, r"LSTM +selmcast +0\.700 \+- 0\.010")
        self.assertRegex(out, r"ResNet-50 +random +0\.500 \+- 0\.010")

    def test_bad_base(self):
        """--base with an unknown parameter is refused with status 2."""
        result = subprocess.run([sys.executable, SSP_PLOTTER, self.path, "--base", "x=1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=60)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--base", result.stderr)


class ReadingsPlotTest(unittest.TestCase):
    """utils/selmcast-plot-readings.py: reading names, means and the paper's ratios."""

    def test_names_and_ratios(self):
        """Two readings, two runs each: printed names the defaults, the other lists what
        differs; the ratio S(0.75) / S(0) and the utilization loss come from the means."""
        tmp = tempfile.mkdtemp(prefix="selmcast-readings-test-")
        self.addCleanup(shutil.rmtree, tmp, True)
        path = os.path.join(tmp, "results.csv")
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["workload", "eta", "RngRun", "KeepCompare", "tau_estimate",
                             "rate_policy", "utilization", "scale"])
            for compare, tau, base in (("less", "blocking", 0.4), ("less-equal", "round", 0.5)):
                for run, noise in ((1, -0.01), (2, 0.01)):
                    for eta, util, factor in (("0", 0.8, 1.0), ("0.75", 0.76, 1.5),
                                              ("1", 0.3, 2.0)):
                        writer.writerow(["lstm", eta, run, compare, tau, "maxmin",
                                         util + noise, base * factor + noise])
        figure = os.path.join(tmp, "figures", "r.png")
        args = [sys.executable, READINGS_PLOTTER, path, "--out", figure]
        if not has_matplotlib():
            args.append("--no-plot")
        result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        # printed: S(0) 0.4, S(.75) 0.6, ratio 1.50, loss 1 - 0.76 / 0.8 = 5.0 %.
        self.assertRegex(result.stdout, r"printed +lstm +0\.400 +0\.600 +1\.50 +5\.0%")
        self.assertRegex(result.stdout, r"<=\+tau-round +lstm +0\.500 +0\.750 +1\.50")
        if has_matplotlib():
            self.assertTrue(os.path.exists(figure))
        bad = subprocess.run([sys.executable, READINGS_PLOTTER, DRIVER],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=60)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("utilization", bad.stderr)


if __name__ == "__main__":
    unittest.main()
