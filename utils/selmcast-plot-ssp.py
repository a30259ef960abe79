#!/usr/bin/env python3
"""Draw the SSP figure per workload from sweeps of the example ``selmcast-ssp``.

Reads one or more ``results.csv`` files written by ``utils/selmcast-sweep.py`` for the example
``selmcast-ssp`` (each row is one run: the sweep's parameter columns, ``RngRun``, then the run's
``selmcast-ssp-summary.json`` flattened with dots, e.g. ``parameters.workload``,
``npu_utilization``, ``mean_scale``) and writes into ``--out-dir``:

* ``ssp-per-workload.png``: NPU utilization (sum of compute time / sum of wall time over all
  workers) and average multicast scale (receivers that completed / n) per workload (LSTM,
  Transformer, ResNet-50), SELMCAST and Random p side by side (bars: mean over the runs; error
  bars: standard error over the runs), with the paper's values (n = 50, spec section 7) as
  dashed black markers over the bars.

* with ``--sweeps``, ``ssp-sweeps.png`` instead: both metrics (rows) against each swept
  parameter (columns: p / n, k, ssp = k, eta, block size, gamma), one line per selector, each
  sweep varying one parameter around the *base setting* (see below) with the others held at it.

The base setting is, for each swept parameter (``SWEPT``: workload, p, k, ssp, eta, blockSize,
gamma, lambda), the value most rows share (the shared point of one-at-a-time sweeps), unless
``--base NAME=VALUE`` sets it. The per-workload figure uses the rows at the base setting (any
workload); a sweep panel uses the rows whose other swept parameters are at the base setting
(the ssp = k panel: rows with ssp = k, everything else at the base). A k of at least
``NO_K_RULE`` is drawn as "off" (the k rule never forces a pair in a run shorter than k rounds).

It also prints a table of the plotted means (beside the paper's values, with the difference, for
the per-workload figure; for the sweeps, with the k rule off, SELMCAST over Random p and
SELMCAST over SELMCAST at the base k: the two readings of the paper's "without the k rule, up to
1.17x the utilization and 1.53x the scale"). Rows of the per-workload
figure whose n, p, blockSize or computeMean differ from the first row's are refused unless
``--mixed`` is given.

Needs matplotlib (Debian: python3-matplotlib); draws with the Agg backend (no display).
"""

import argparse
import collections
import csv
import math
import os
import sys

from selmcast_results import mean_and_se, number, summary_value

SELECTORS = collections.OrderedDict([
    ("selmcast", ("SELMCAST", "#1f77b4", "")),
    ("random", ("Random p", "#d62728", "//")),
])
"""Selector name in the CSV -> (legend label, colour, hatch), in the order of the bars."""

WORKLOADS = collections.OrderedDict([
    ("lstm", "LSTM"),
    ("transformer", "Transformer"),
    ("resnet50", "ResNet-50"),
])
"""Workload name in the CSV -> axis label, in the order of the groups."""

PAPER = {
    "npu_utilization": {
        ("lstm", "random"): 0.63, ("transformer", "random"): 0.65,
        ("resnet50", "random"): 0.64,
        ("lstm", "selmcast"): 0.68, ("transformer", "selmcast"): 0.70,
        ("resnet50", "selmcast"): 0.70,
    },
    "mean_scale": {
        ("lstm", "random"): 0.30, ("transformer", "random"): 0.30,
        ("resnet50", "random"): 0.30,
        ("lstm", "selmcast"): 0.50, ("transformer", "selmcast"): 0.50,
        ("resnet50", "selmcast"): 0.50,
    },
}
"""The paper's SSP headline numbers (spec section 7; the SELMCAST scale is 'about 0.5')."""

METRICS = collections.OrderedDict([
    ("npu_utilization", "NPU utilization\ncompute time / wall time"),
    ("mean_scale", "multicast scale\ncompleted receivers / n"),
])
"""Summary key -> y-axis label."""

SETTING = ("n", "p", "k", "ssp", "eta", "blockSize", "segmentSize", "bandwidth", "lambda",
           "computeMean_ms", "duration_s", "delivery", "gamma", "mtu")
"""Parameters of the summary JSON that describe the setting (printed in the title)."""

CHECKED = ("n", "p", "k", "ssp", "eta", "blockSize", "computeMean_ms", "duration_s",
           "bandwidth", "delivery")
"""Parameters that must be equal in every row unless --mixed is given."""

SWEPT = ("workload", "p", "k", "ssp", "eta", "blockSize", "gamma", "lambda")
"""Parameters that define the base setting; the sweeps vary them one at a time around it."""

NO_K_RULE = 1000
"""A k at least this large is shown as "off": no pair is forced within the run."""

SWEEPS = collections.OrderedDict([
    ("p", ("p / n", ("p",))),
    ("k", ("k (forced-round limit)", ("k",))),
    ("ssp=k", ("ssp = k", ("k", "ssp"))),
    ("eta", ("eta", ("eta",))),
    ("blockSize", ("block size / base", ("blockSize",))),
    ("gamma", ("gamma (bandwidth variation)", ("gamma",))),
])
"""Sweep name -> (x-axis label, the swept parameters it varies), in the order of the columns."""

DPI = 110
"""Resolution of the PNG file."""


class InputError(Exception):
    """A results file that cannot be used; the message names the file and the problem."""


def load(paths):
    """Read the results files; return a list of per-run records (dicts)."""
    records = []
    seen = set()
    for path in paths:
        try:
            handle = open(path, newline="")
        except OSError as error:
            raise InputError("{}: cannot be read: {}".format(path, error))
        with handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in METRICS if c not in header]
            if missing or not any(h in header for h in ("parameters.workload", "workload")):
                raise InputError("{}: column(s) {} missing: expected the results.csv of a "
                                 "sweep of selmcast-ssp".format(
                                     path, ", ".join(missing or ["workload"])))
            for line, row in enumerate(reader, start=2):
                try:
                    record = {metric: float(row[metric]) for metric in METRICS}
                except (TypeError, ValueError) as error:
                    raise InputError("{}, line {}: {}".format(path, line, error))
                record["workload"] = summary_value(row, "workload")
                record["selector"] = summary_value(row, "selector")
                record["setting"] = {name: summary_value(row, name) for name in SETTING}
                record["rounds_min"] = row.get("rounds_min", "")
                record["params"] = {name: summary_value(row, name) for name in SWEPT}
                key = (record["selector"], summary_value(row, "RngRun"),
                       tuple(record["setting"][name] for name in SETTING),
                       tuple(record["params"][name] for name in SWEPT))
                if key in seen:
                    continue  # the same run in several results files
                seen.add(key)
                records.append(record)
    return records


def aggregate(records, metric):
    """Return {(workload, selector): (mean, se, count)}."""
    groups = collections.defaultdict(list)
    for record in records:
        if record["workload"] in WORKLOADS and record["selector"] in SELECTORS:
            groups[(record["workload"], record["selector"])].append(record[metric])
    return {key: mean_and_se(values) + (len(values),) for key, values in groups.items()}


def panel(axes, table, metric, workloads):
    """Draw SELMCAST and Random p bars per workload, with the paper's values as markers."""
    width = 0.8 / len(SELECTORS)
    for index, (selector, (label, colour, hatch)) in enumerate(SELECTORS.items()):
        offset = (index - (len(SELECTORS) - 1) / 2) * width
        for group, workload in enumerate(workloads):
            position = group + offset
            point = table.get((workload, selector))
            if point is not None:
                mean, error, _ = point
                axes.bar(position, mean, width, yerr=error, capsize=3,
                         label=label if group == 0 else None, color=colour, hatch=hatch,
                         edgecolor="white" if hatch else colour, linewidth=0.0,
                         error_kw={"elinewidth": 1.0, "ecolor": "black"})
                axes.annotate("{:.2f}".format(mean), (position, mean / 2), ha="center",
                              va="center", fontsize=8, color="white", fontweight="bold")
            paper = PAPER[metric].get((workload, selector))
            if paper is not None:
                axes.hlines(paper, position - width / 2, position + width / 2, colors="black",
                            linestyles="--", linewidth=1.8,
                            label="paper (n = 50)" if group == 0 and index == 0 else None)
                top = paper if point is None else max(paper, point[0] + point[1])
                axes.annotate("paper {:.2f}".format(paper), (position, top), xytext=(0, 3),
                              textcoords="offset points", ha="center", va="bottom",
                              fontsize=7, fontstyle="italic")
    axes.set_xticks(range(len(workloads)))
    axes.set_xticklabels([WORKLOADS[w] for w in workloads])
    axes.set_ylabel(METRICS[metric])
    axes.set_ylim(0, 1.0)
    axes.grid(axis="y", linestyle=":", linewidth=0.6, alpha=0.7)
    axes.set_axisbelow(True)


def describe(setting, runs):
    """Return the title line that states the scale of the runs."""
    block = setting.get("blockSize", "")
    try:
        block = "{:g} MB".format(float(block) / 1e6)
    except ValueError:
        pass
    return ("SSP, packet level: n = {n}, p = {p}, k = {k}, ssp = {ssp}, eta = {eta}, {delivery}, "
            "b = {bandwidth}, lambda = {lam}, blocks {block} ({seg} B segments),\n"
            "compute mean {cm} ms, {dur} simulated s; {runs} {word} per bar "
            "(error bars: standard error); dashed: the paper (n = 50, 200 MB, 40 Gbps, "
            "1000 ms, 10 min)").format(
                n=setting.get("n"), p=setting.get("p"), k=setting.get("k"),
                ssp=setting.get("ssp"), eta=setting.get("eta"),
                delivery=setting.get("delivery"), bandwidth=setting.get("bandwidth"),
                lam=setting.get("lambda"), block=block, seg=setting.get("segmentSize"),
                cm=setting.get("computeMean_ms"), dur=setting.get("duration_s"), runs=runs,
                word="run" if str(runs) == "1" else "runs")


def print_table(tables, stream):
    """Print mean +- standard error beside the paper's value, with the relative difference."""
    stream.write("{:12} {:9} {:>20} {:>6} {:>7} {:>20} {:>6} {:>7} {:>5}\n".format(
        "workload", "selector", "utilization", "paper", "diff", "scale", "paper", "diff",
        "runs"))
    for workload in WORKLOADS:
        for selector in SELECTORS:
            cells = []
            count = 0
            for metric in METRICS:
                point = tables[metric].get((workload, selector))
                if point is None:
                    cells = None
                    break
                mean, error, count = point
                paper = PAPER[metric][(workload, selector)]
                cells.append("{:>10.3f} +- {:.3f} {:>6.2f} {:>+6.0f}%".format(
                    mean, error, paper, 100.0 * (mean - paper) / paper))
            if cells:
                stream.write("{:12} {:9} {} {} {:>5}\n".format(
                    WORKLOADS[workload], selector, cells[0], cells[1], count))


def same(a, b):
    """Tell whether two parameter values are equal (numerically when both are numbers)."""
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def base_setting(records, overrides):
    """Return {parameter: base value}: the most common value of each swept parameter."""
    base = {}
    for name in SWEPT:
        if name in overrides:
            base[name] = overrides[name]
            continue
        # most_common breaks ties by first appearance: the result does not depend on hashing.
        counts = collections.Counter(r["params"][name] for r in records)
        base[name] = counts.most_common(1)[0][0]
    return base


def deviating(record, base):
    """Return the set of swept parameters whose value differs from the base setting."""
    return {name for name in SWEPT if not same(record["params"][name], base[name])}


def sweep_members(records, base, sweep):
    """Return the records of one sweep: only its parameters may leave the base setting."""
    varied = set(SWEEPS[sweep][1])
    members = []
    for record in records:
        if not deviating(record, base) <= varied:
            continue
        if sweep == "ssp=k" and not same(record["params"]["k"], record["params"]["ssp"]):
            continue
        members.append(record)
    return members


def sweep_x(record, base, sweep):
    """Return (sort key, tick label) of a record's point on a sweep's x axis."""
    params = record["params"]
    if sweep == "p":
        ratio = float(params["p"]) / float(record["setting"]["n"])
        return ratio, "{:.2f}".format(ratio)
    if sweep in ("k", "ssp=k"):
        k = float(params["k"])
        return k, "off" if k >= NO_K_RULE else "{:g}".format(k)
    if sweep == "blockSize":
        factor = float(params["blockSize"]) / float(base["blockSize"])
        exponent = math.log2(factor)
        if abs(exponent - round(exponent)) < 1e-9:
            return factor, "1" if round(exponent) == 0 else "2^{:d}".format(int(round(exponent)))
        return factor, "{:g}".format(factor)
    x = float(params[sweep])
    return x, "{:g}".format(x)


def sweep_table(records, base, sweep, metric):
    """Return (ordered tick labels, {selector: {label: (mean, se, count)}}) of one panel."""
    points = collections.defaultdict(list)
    keys = {}
    for record in sweep_members(records, base, sweep):
        key, label = sweep_x(record, base, sweep)
        keys[label] = key
        points[(record["selector"], label)].append(record[metric])
    labels = sorted(keys, key=lambda label: keys[label])
    table = collections.defaultdict(dict)
    for (selector, label), values in points.items():
        table[selector][label] = mean_and_se(values) + (len(values),)
    return labels, table


def sweep_panel(axes, labels, table, metric, sweep, show_x):
    """Draw one selector line per selector against a sweep's (categorical) x values."""
    for selector, (label, colour, _) in SELECTORS.items():
        series = table.get(selector, {})
        xs = [i for i, tick in enumerate(labels) if tick in series]
        if not xs:
            continue
        means = [series[labels[i]][0] for i in xs]
        errors = [series[labels[i]][1] for i in xs]
        axes.errorbar(xs, means, yerr=errors, marker="o" if selector == "selmcast" else "s",
                      markersize=4, capsize=3, color=colour, label=label, linewidth=1.4)
    axes.set_xticks(range(len(labels)))
    axes.set_xticklabels(labels, fontsize=8)
    if show_x:
        axes.set_xlabel(SWEEPS[sweep][0])
    axes.set_ylim(0, 1.0)
    axes.grid(linestyle=":", linewidth=0.6, alpha=0.7)
    axes.set_axisbelow(True)


def print_sweeps(records, base, stream):
    """Print every plotted point, then the k-rule ratios of SELMCAST."""
    stream.write("{:10} {:>7} {:9} {:>20} {:>20} {:>5}\n".format(
        "sweep", "x", "selector", "utilization", "scale", "runs"))
    for sweep in SWEEPS:
        labels, tables = None, {}
        for metric in METRICS:
            labels, tables[metric] = sweep_table(records, base, sweep, metric)
        for label in labels:
            for selector in SELECTORS:
                cells = [tables[m].get(selector, {}).get(label) for m in METRICS]
                if None in cells:
                    continue
                stream.write("{:10} {:>7} {:9} {:>10.3f} +- {:.3f} {:>10.3f} +- {:.3f} "
                             "{:>5}\n".format(sweep, label, selector, cells[0][0], cells[0][1],
                                               cells[1][0], cells[1][1], cells[1][2]))
    # The paper: "without the k rule, up to 1.17x the utilization and 1.53x the scale". Its
    # reference is not stated; both readings are printed.
    base_label = sweep_x({"params": base, "setting": {}}, base, "k")[1]
    for metric, paper in (("npu_utilization", 1.17), ("mean_scale", 1.53)):
        _, table = sweep_table(records, base, "k", metric)
        mine, other = table.get("selmcast", {}), table.get("random", {})
        if "off" in mine and "off" in other:
            stream.write("k rule off: SELMCAST / Random p {} x{:.3f} (paper: up to x{:.2f})"
                         "\n".format(metric, mine["off"][0] / other["off"][0], paper))
        if "off" in mine and base_label in mine:
            stream.write("SELMCAST k rule off / k = {}: {} x{:.3f}\n".format(
                base_label, metric, mine["off"][0] / mine[base_label][0]))


def plot_sweeps(plt, records, base, args):
    """Write ssp-sweeps.png; return the exit status."""
    panels = [s for s in SWEEPS if len({sweep_x(r, base, s)[1]
                                        for r in sweep_members(records, base, s)}) > 1]
    if not panels:
        sys.stderr.write("selmcast-plot-ssp.py: --sweeps: no parameter of {} takes two values "
                         "around the base setting: nothing to plot\n".format(", ".join(SWEPT)))
        return 1
    os.makedirs(args.out_dir, exist_ok=True)
    plt.rcParams.update({"font.size": 9})
    figure, grid = plt.subplots(len(METRICS), len(panels), figsize=(2.6 * len(panels) + 1, 5.6),
                                squeeze=False)
    for row, metric in enumerate(METRICS):
        for column, sweep in enumerate(panels):
            labels, table = sweep_table(records, base, sweep, metric)
            sweep_panel(grid[row][column], labels, table, metric, sweep,
                        row == len(METRICS) - 1)
        grid[row][0].set_ylabel(METRICS[metric])
    handles, labels = grid[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9,
                  frameon=False)
    at_base = [r["setting"] for r in records if not deviating(r, base)]
    if not at_base:
        sys.stderr.write("selmcast-plot-ssp.py: --sweeps: no row at the base setting {}\n".format(
            base))
        return 1
    setting = at_base[0]
    fewest, most = runs_range(records)
    runs_text = str(fewest) if fewest == most else "{}-{}".format(fewest, most)
    title = describe(setting, runs_text).replace(
        " per bar", " per point").split("; dashed")[0]
    figure.suptitle("{}; one parameter varied at a time, workload {}, base: {}".format(
        title, base["workload"], ", ".join("{} = {}".format(n, base[n]) for n in SWEPT[1:])),
        x=0.01, ha="left", fontsize=8)
    figure.tight_layout(rect=(0, 0.05, 1, 0.92))
    path = os.path.join(args.out_dir, args.name or "ssp-sweeps.png")
    figure.savefig(path, dpi=DPI)
    plt.close(figure)
    if not args.quiet:
        print_sweeps(records, base, sys.stdout)
    print("wrote {}".format(path))
    return 0


def runs_range(records):
    """Return the smallest and largest number of runs behind one point."""
    counts = collections.Counter((r["selector"], tuple(sorted(r["params"].items())))
                                 for r in records)
    return min(counts.values()), max(counts.values())


def build_parser():
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        description="Draw the SSP figure per workload (PNG) from results.csv files of sweeps "
                    "of selmcast-ssp made with utils/selmcast-sweep.py.")
    parser.add_argument("results", nargs="+", metavar="RESULTS_CSV",
                        help="results.csv file(s) of the sweeps")
    parser.add_argument("--out-dir", default=".",
                        help="folder for the PNG file (created if missing; default: .)")
    parser.add_argument("--mixed", action="store_true",
                        help="accept rows of different settings (n, p, block size, ...) and "
                             "pool them")
    parser.add_argument("--quiet", action="store_true",
                        help="do not print the table of plotted values")
    parser.add_argument("--sweeps", action="store_true",
                        help="draw ssp-sweeps.png (metrics against each swept parameter) "
                             "instead of ssp-per-workload.png")
    parser.add_argument("--name", metavar="FILE.png",
                        help="file name of the figure (default: ssp-per-workload.png, with "
                             "--sweeps ssp-sweeps.png)")
    parser.add_argument("--base", action="append", default=[], metavar="NAME=VALUE",
                        help="base setting of a swept parameter ({}); default: the value most "
                             "rows share".format(", ".join(SWEPT)))
    return parser


def main(argv=None):
    """Entry point; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.stderr.write("selmcast-plot-ssp.py: matplotlib is missing (Debian: apt-get install "
                         "python3-matplotlib)\n")
        return 1
    try:
        records = load(args.results)
    except InputError as error:
        sys.stderr.write("selmcast-plot-ssp.py: {}\n".format(error))
        return 1
    records = [r for r in records
               if r["workload"] in WORKLOADS and r["selector"] in SELECTORS]
    if not records:
        sys.stderr.write("selmcast-plot-ssp.py: no rows with workload in {} and selector in "
                         "{}: nothing to plot\n".format(", ".join(WORKLOADS),
                                                        ", ".join(SELECTORS)))
        return 1
    overrides = {}
    for text in args.base:
        name, _, given = text.partition("=")
        if name not in SWEPT or not given:
            sys.stderr.write("selmcast-plot-ssp.py: --base {!r}: must be NAME=VALUE with NAME "
                             "one of {}\n".format(text, ", ".join(SWEPT)))
            return 2
        overrides[name] = given
    base = base_setting(records, overrides)
    if args.sweeps:
        return plot_sweeps(plt, records, base, args)
    if not args.mixed:
        # The per-workload figure is the base setting; a sweep's other points are not pooled in.
        records = [r for r in records if deviating(r, base) <= {"workload"}]
    if not records:
        sys.stderr.write("selmcast-plot-ssp.py: no rows at the base setting {}\n".format(base))
        return 1
    first = records[0]["setting"]
    if not args.mixed:
        for record in records:
            differing = [name for name in CHECKED if record["setting"][name] != first[name]]
            if differing:
                sys.stderr.write("selmcast-plot-ssp.py: rows of different settings ({}: {} "
                                 "and {}); plot one setting, or pass --mixed\n".format(
                                     differing[0], first[differing[0]],
                                     record["setting"][differing[0]]))
                return 1
    tables = {metric: aggregate(records, metric) for metric in METRICS}
    workloads = [w for w in WORKLOADS if any(r["workload"] == w for r in records)]
    runs = sorted({point[2] for table in tables.values() for point in table.values()})
    runs_text = str(runs[0]) if len(runs) == 1 else "{}-{}".format(runs[0], runs[-1])

    os.makedirs(args.out_dir, exist_ok=True)
    plt.rcParams.update({"font.size": 9})
    figure, grid = plt.subplots(1, len(METRICS), figsize=(10, 3.8))
    for axes, metric in zip(grid, METRICS):
        panel(axes, tables[metric], metric, workloads)
    handles, labels = grid[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9,
                  frameon=False)
    figure.suptitle(describe(first, runs_text), x=0.01, ha="left", fontsize=8.5)
    figure.tight_layout(rect=(0, 0.06, 1, 0.93))
    path = os.path.join(args.out_dir, args.name or "ssp-per-workload.png")
    figure.savefig(path, dpi=DPI)
    plt.close(figure)
    if not args.quiet:
        print_table(tables, sys.stdout)
    print("wrote {}".format(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
