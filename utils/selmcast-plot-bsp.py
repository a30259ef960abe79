#!/usr/bin/env python3
"""Draw the BSP figures from sweeps of the example ``selmcast-bsp-selection``.

Reads one or more ``results.csv`` files written by ``utils/selmcast-sweep.py`` (each row is one
selector on one instance: the sweep's parameter columns, then the example's CSV columns) and
writes three PNG files into ``--out-dir``:

* ``bsp-vs-n.png``: normalized completion time and multicast scale against n, at p = 0.3 n
  (rows whose p is round(``--p-ratio`` * n));
* ``bsp-vs-pratio.png``: the same against p / n, at n = ``--n`` (100);
* ``bsp-runtime-vs-n.png``: selector run time (ms, log scale) against n, at p = 0.3 n.

Each panel shows SELMCAST, Random p and the Optimum side by side (bars: mean; error bars:
standard error over the instances), for L3, L7 and L3 with mu = 1/p (the case of a row is read
from its delivery, mu and p columns, so any sweep layout works). Identical instances (same case,
selector, n, p and seed) that several sweeps share are counted once.

Needs matplotlib (Debian: python3-matplotlib); draws with the Agg backend (no display).
"""

import argparse
import collections
import csv
import math
import os
import sys

from selmcast_results import mean_and_se

SELECTORS = collections.OrderedDict([
    ("selmcast", ("SELMCAST", "#1f77b4", "")),
    ("random", ("Random p", "#d62728", "//")),
    ("optimum", ("Optimum", "#7f7f7f", "..")),
])
"""Selector name in the CSV -> (legend label, colour, hatch), in the order of the bars."""

CASES = collections.OrderedDict([
    ("L3", "L3 (IP multicast), mu = 1"),
    ("L7", "L7 (unicast copies), mu = 1"),
    ("L3 1/p", "L3, mu = 1/p"),
])
"""Case key -> panel title."""

DPI = 115
"""Resolution of the PNG files (an 11-inch-wide figure is 1265 pixels wide)."""

REQUIRED = ("selector", "seed", "n", "p", "mu", "lambda", "normalized_completion", "scale",
            "run_time_ms", "delivery")
"""Columns of the example's CSV the figures need (possibly renamed out.<name> by the sweep)."""


class InputError(Exception):
    """A results file that cannot be used; the message names the file and the problem."""


def column(row, name):
    """Return the example's column name of a results.csv row (the sweep renames clashes)."""
    value = row.get("out." + name)
    if value is None or value == "":
        value = row.get(name, "")
    return value


def case_of(delivery, mu, p):
    """Return the case key of a row: L3, L7, L3 1/p (mu = 1/p, p > 1), or None."""
    if p > 1 and math.isclose(mu, 1.0 / p, rel_tol=1e-4):
        return delivery + " 1/p"
    if math.isclose(mu, 1.0, rel_tol=1e-9):
        return delivery
    return None


def load(paths):
    """Read the results files; return a list of per-instance records (dicts)."""
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
            missing = [c for c in REQUIRED if c not in header and "out." + c not in header]
            if missing:
                raise InputError("{}: column(s) {} missing: expected the results.csv of a "
                                 "sweep of selmcast-bsp-selection".format(path,
                                                                          ", ".join(missing)))
            for line, row in enumerate(reader, start=2):
                try:
                    n = int(column(row, "n"))
                    p = int(column(row, "p"))
                    mu = float(column(row, "mu"))
                    record = {
                        "selector": column(row, "selector"),
                        "n": n,
                        "p": p,
                        "lambda": float(column(row, "lambda")),
                        "case": case_of(column(row, "delivery"), mu, p),
                        "normalized_completion": float(column(row, "normalized_completion")),
                        "scale": float(column(row, "scale")),
                        "run_time_ms": float(column(row, "run_time_ms")),
                    }
                except ValueError as error:
                    raise InputError("{}, line {}: {}".format(path, line, error))
                key = (record["case"], record["selector"], n, p, record["lambda"],
                       column(row, "seed"))
                if key in seen:
                    continue
                seen.add(key)
                records.append(record)
    return records


def aggregate(records, metric, x_of, keep):
    """Return {(case, selector): {x: (mean, se, count)}} over the records that keep() accepts."""
    groups = collections.defaultdict(list)
    for record in records:
        if record["case"] in CASES and record["selector"] in SELECTORS and keep(record):
            groups[(record["case"], record["selector"], x_of(record))].append(record[metric])
    table = collections.defaultdict(dict)
    for (case, selector, x), values in groups.items():
        table[(case, selector)][x] = mean_and_se(values) + (len(values),)
    return table


def grouped_bars(axes, table, case, xs, x_label, log=False, value_format=None):
    """Draw SELMCAST, Random p and Optimum bars side by side for each x of one case.

    With value_format (e.g. "{:.2f}"), each bar is labelled with its mean.
    """
    width = 0.8 / len(SELECTORS)
    for index, (selector, (label, colour, hatch)) in enumerate(SELECTORS.items()):
        points = table.get((case, selector), {})
        positions = [i + (index - (len(SELECTORS) - 1) / 2) * width
                     for i, x in enumerate(xs) if x in points]
        if not positions:
            continue
        means = [points[x][0] for x in xs if x in points]
        errors = [points[x][1] for x in xs if x in points]
        axes.bar(positions, means, width, yerr=errors, capsize=2.5, label=label,
                 color=colour, hatch=hatch, edgecolor="white" if hatch else colour,
                 linewidth=0.0, error_kw={"elinewidth": 1.0, "ecolor": "black"})
        if value_format is not None:
            for position, mean, error in zip(positions, means, errors):
                axes.annotate(value_format.format(mean), (position, mean + error),
                              xytext=(0, 3), textcoords="offset points", ha="center",
                              va="bottom", rotation=90, fontsize=6.5)
    axes.set_xticks(range(len(xs)))
    axes.set_xticklabels([x_label(x) for x in xs])
    if log:
        axes.set_yscale("log")
    axes.grid(axis="y", linestyle=":", linewidth=0.6, alpha=0.7)
    axes.set_axisbelow(True)


def metric_figure(plt, records, x_of, keep, xs, x_label, x_title, title, path):
    """Draw normalized completion (top) and multicast scale (bottom) for every case."""
    completion = aggregate(records, "normalized_completion", x_of, keep)
    scale = aggregate(records, "scale", x_of, keep)
    figure, grid = plt.subplots(2, len(CASES), figsize=(11, 6), sharey="row")
    for column_index, (case, case_title) in enumerate(CASES.items()):
        top, bottom = grid[0][column_index], grid[1][column_index]
        grouped_bars(top, completion, case, xs, x_label, value_format="{:.2f}")
        top.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
        top.set_title(case_title, fontsize=10)
        grouped_bars(bottom, scale, case, xs, x_label, value_format="{:.2f}")
        bottom.set_xlabel(x_title)
    grid[0][0].set_ylabel("normalized completion\nt(X) / fluid bound")
    grid[1][0].set_ylabel("multicast scale\nsum x / n$^2$")
    grid[0][0].set_ylim(0, max(_top(completion) * 1.18, 1.2))
    grid[1][0].set_ylim(0, max(_top(scale) * 1.22, 0.1))
    handles, labels = grid[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper right", ncol=len(labels), fontsize=9,
                  frameon=False)
    figure.suptitle(title, x=0.01, ha="left", fontsize=10)
    figure.tight_layout(rect=(0, 0, 1, 0.95))
    figure.savefig(path, dpi=DPI)
    plt.close(figure)


def _top(table):
    """Return the largest mean + standard error of an aggregated table."""
    return max((m + s for points in table.values() for m, s, _ in points.values()), default=1.0)


def runtime_figure(plt, records, keep, xs, title, path):
    """Draw selector run time against n (log scale) for every case."""
    table = aggregate(records, "run_time_ms", lambda r: r["n"], keep)
    figure, grid = plt.subplots(1, len(CASES), figsize=(11, 3.4), sharey=True)
    for column_index, (case, case_title) in enumerate(CASES.items()):
        axes = grid[column_index]
        grouped_bars(axes, table, case, xs, str, log=True, value_format="{:.2g}")
        axes.set_title(case_title, fontsize=10)
        axes.set_xlabel("workers n (p = 0.3 n)")
    grid[0].set_ylabel("selector run time (ms)")
    low, high = grid[0].get_ylim()
    grid[0].set_ylim(low, high * 4)  # room for the labels
    handles, labels = grid[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper right", ncol=len(labels), fontsize=9,
                  frameon=False)
    figure.suptitle(title, x=0.01, ha="left", fontsize=10)
    figure.tight_layout(rect=(0, 0, 1, 0.93))
    figure.savefig(path, dpi=DPI)
    plt.close(figure)


def print_table(records, keep, x_of, x_name, stream):
    """Print mean +- standard error of every plotted point."""
    tables = {m: aggregate(records, m, x_of, keep)
              for m in ("normalized_completion", "scale", "run_time_ms")}
    stream.write("{:>6}  {:7} {:9} {:>17} {:>17} {:>10} {:>6}\n".format(
        x_name, "case", "selector", "norm. completion", "scale", "time (ms)", "count"))
    for case in CASES:
        for selector in SELECTORS:
            points = tables["normalized_completion"].get((case, selector), {})
            for x in sorted(points):
                c = points[x]
                s = tables["scale"][(case, selector)][x]
                t = tables["run_time_ms"][(case, selector)][x]
                stream.write("{:>6}  {:7} {:9} {:>8.3f} +- {:.3f} {:>8.3f} +- {:.3f} "
                             "{:>10.3f} {:>6}\n".format(x, case, selector, c[0], c[1], s[0],
                                                        s[1], t[0], c[2]))


def build_parser():
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        description="Draw the BSP figures (PNG) from results.csv files of sweeps of "
                    "selmcast-bsp-selection made with utils/selmcast-sweep.py.")
    parser.add_argument("results", nargs="+", metavar="RESULTS_CSV",
                        help="results.csv file(s) of the sweeps")
    parser.add_argument("--out-dir", default=".",
                        help="folder for the PNG files (created if missing; default: .)")
    parser.add_argument("--n", type=int, default=100,
                        help="n of the figure against p / n (default: 100)")
    parser.add_argument("--p-ratio", type=float, default=0.3,
                        help="p / n of the figures against n (default: 0.3)")
    parser.add_argument("--lambda", dest="spread", type=float, default=0.25,
                        help="bandwidth spread lambda of the rows to plot (default: 0.25)")
    parser.add_argument("--quiet", action="store_true",
                        help="do not print the table of plotted values")
    return parser


def main(argv=None):
    """Entry point; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.n < 2:
        parser.error("--n {} is out of range: must be >= 2".format(args.n))
    if not 0 < args.p_ratio < 1:
        parser.error("--p-ratio {} is out of range: must be in (0, 1)".format(args.p_ratio))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.stderr.write("selmcast-plot-bsp.py: matplotlib is missing (Debian: apt-get install "
                         "python3-matplotlib)\n")
        return 1
    try:
        records = load(args.results)
    except InputError as error:
        sys.stderr.write("selmcast-plot-bsp.py: {}\n".format(error))
        return 1
    records = [r for r in records if math.isclose(r["lambda"], args.spread)]

    def at_ratio(record):
        """Rows with p = round(p-ratio * n), the figures against n."""
        return record["p"] == max(1, int(math.floor(args.p_ratio * record["n"] + 0.5)))

    def at_n(record):
        """Rows with n = --n, the figure against p / n."""
        return record["n"] == args.n

    ns = sorted({r["n"] for r in records if at_ratio(r)})
    ratios = sorted({r["p"] for r in records if at_n(r)})
    if not ns and not ratios:
        sys.stderr.write("selmcast-plot-bsp.py: no rows with p = {} n or n = {} and lambda = "
                         "{}: nothing to plot\n".format(args.p_ratio, args.n, args.spread))
        return 1
    os.makedirs(args.out_dir, exist_ok=True)
    plt.rcParams.update({"font.size": 9})
    setting = "lambda = {}; bars: mean, error bars: standard error over the instances".format(
        args.spread)
    written = []
    if ns:
        path = os.path.join(args.out_dir, "bsp-vs-n.png")
        metric_figure(plt, records, lambda r: r["n"], at_ratio, ns, str,
                      "workers n (p = {} n)".format(args.p_ratio),
                      "BSP, one round, p = {} n; {}".format(args.p_ratio, setting), path)
        written.append(path)
        path = os.path.join(args.out_dir, "bsp-runtime-vs-n.png")
        runtime_figure(plt, records, at_ratio, ns,
                       "BSP selector run time (one call, this machine), p = {} n".format(
                           args.p_ratio), path)
        written.append(path)
        if not args.quiet:
            print("against n (p = {} n):".format(args.p_ratio))
            print_table(records, at_ratio, lambda r: r["n"], "n", sys.stdout)
    if ratios:
        path = os.path.join(args.out_dir, "bsp-vs-pratio.png")
        metric_figure(plt, records, lambda r: r["p"], at_n, ratios,
                      lambda p: "{:.2g}".format(p / args.n),
                      "p / n (n = {})".format(args.n),
                      "BSP, one round, n = {}; {}".format(args.n, setting), path)
        written.append(path)
        if not args.quiet:
            print("against p (n = {}):".format(args.n))
            print_table(records, at_n, lambda r: r["p"], "p", sys.stdout)
    for path in written:
        print("wrote {}".format(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
