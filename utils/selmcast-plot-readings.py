#!/usr/bin/env python3
"""Draw the eta curves of the readings of Algorithm 2 (doc/figures/ssp-eta-readings.png) and print
their tables (reStructuredText) from the results.csv of a sweep of selmcast-ssp-flow made with
utils/selmcast-sweep.py (utils/reproduce-ssp-readings.sh).

A run's *reading* is named from the reading columns the example writes: every value that differs
from the default, joined with "+" ("printed" when none does). The figure has NPU utilization
(top) and multicast scale (bottom) against eta, one column per workload, one line per reading,
with the paper's statements marked: its default point (eta = 0.75) as a star, and at eta = 0.75
the scale that its "+66 / 66 / 58 % over eta = 0" would give from the first reading's own eta = 0
value as a cross. The tables: the paper's statements against each reading (scale ratio eta 0.75
over eta 0, utilization loss, eta = 1, the default point), and the eta curves of LSTM.

Standard library and matplotlib only.
"""

import argparse
import collections
import csv
import os
import sys

from selmcast_results import mean_and_se, number, summary_value

WORKLOADS = ["lstm", "transformer", "resnet50"]
TITLES = {"lstm": "LSTM", "transformer": "Transformer", "resnet50": "ResNet-50"}
PAPER = {
    # workload: (scale gain eta 0.75 over 0, utilization loss bound, default utilization)
    "lstm": (0.66, 0.06, 0.68),
    "transformer": (0.66, 0.08, 0.70),
    "resnet50": (0.58, 0.07, 0.70),
}
PAPER_SCALE = 0.5
"""The paper's SELMCAST scale at its default point (about 0.5, read off a bar chart)."""

READINGS = collections.OrderedDict([
    # column written by selmcast-ssp-flow: (default value, short name of another value, where
    # {} stands for the value)
    ("KeepCompare", ("less", "<=")),
    ("KeepMeasure", ("remaining", "received")),
    ("KeepScope", ("receiver", "session")),
    ("ParetoLoad", ("new", "old-load")),
    ("ParetoScope", ("all", "pareto-new")),
    ("ParetoDeadline", ("own", "global")),
    ("TauOrder", ("non-decreasing", "tau-down")),
    ("tau_estimate", ("blocking", "tau-{}")),
    ("rate_policy", ("maxmin", "deadline")),
    ("drops_final", ("1", "return")),
    ("reselect_on_done", ("0", "at-done")),
])
TABLE_ETAS = ["0", "0.25", "0.5", "0.75", "0.8", "0.9", "1"]


class InputError(Exception):
    """A results file that cannot be used; the message names the file and the problem."""


def reading_name(row):
    """Return the reading's name: the non-default values joined by '+', or 'printed'."""
    parts = []
    for column, (default, short) in READINGS.items():
        value = summary_value(row, column)
        if value not in ("", default):
            parts.append(short.format(value))
    return "+".join(parts) or "printed"


def load(paths):
    """Return {(reading, workload, eta): [(utilization, scale), ...]} and the reading order."""
    table = collections.defaultdict(list)
    order = []
    for path in paths:
        try:
            handle = open(path, newline="")
        except OSError as error:
            raise InputError("{}: cannot be read: {}".format(path, error))
        with handle:
            reader = csv.DictReader(handle)
            if "utilization" not in (reader.fieldnames or []):
                raise InputError("{}: no utilization column: expected the results.csv of a "
                                 "sweep of selmcast-ssp-flow".format(path))
            for line, row in enumerate(reader, start=2):
                util = number(row.get("utilization"))
                scale = number(row.get("scale"))
                eta = number(summary_value(row, "eta", column_first=True))
                if util is None or scale is None or eta is None:
                    raise InputError("{}, line {}: utilization, scale or eta is not a "
                                     "number".format(path, line))
                name = reading_name(row)
                if name not in order:
                    order.append(name)
                workload = summary_value(row, "workload", column_first=True)
                table[(name, workload, "{:g}".format(eta))].append((util, scale))
    return table, order


def curve(table, reading, workload, metric):
    """Return sorted [(eta, mean, se)] of one reading and workload; metric 0 or 1."""
    points = []
    for (name, load_name, eta), values in table.items():
        if name == reading and load_name == workload:
            mean, se = mean_and_se([v[metric] for v in values])
            points.append((float(eta), mean, se))
    return sorted(points)


def value(table, reading, workload, eta, metric):
    """Return the mean of one point, or None."""
    values = table.get((reading, workload, eta))
    return mean_and_se([v[metric] for v in values])[0] if values else None


def print_tables(table, order, stream):
    """Print the statements table and the LSTM eta curves (reStructuredText grid-less)."""
    stream.write("Against the paper's statements (S: scale, U: utilization; paper: S(0.75) / "
                 "S(0) = 1.66 / 1.66 / 1.58, U loss < 6 / 8 / 7 %, S(1) near 1 with U "
                 "collapsing, U(0.75) = 0.68 / 0.70 / 0.70, S(0.75) about 0.5)\n\n")
    header = "{:<28} {:<12} {:>6} {:>6} {:>6} {:>7} {:>6} {:>6} {:>7} {:>7}\n"
    stream.write(header.format("reading", "workload", "S(0)", "S(.75)", "ratio", "U loss",
                               "S(1)", "U(1)", "U(.75)", "S(.75)"))
    for reading in order:
        for workload in WORKLOADS:
            s0 = value(table, reading, workload, "0", 1)
            s75 = value(table, reading, workload, "0.75", 1)
            u0 = value(table, reading, workload, "0", 0)
            u75 = value(table, reading, workload, "0.75", 0)
            s1 = value(table, reading, workload, "1", 1)
            u1 = value(table, reading, workload, "1", 0)
            if None in (s0, s75, u0, u75, s1, u1):
                continue
            stream.write("{:<28} {:<12} {:>6.3f} {:>6.3f} {:>6.2f} {:>6.1f}% {:>6.3f} {:>6.3f} "
                         "{:>7.3f} {:>7.3f}\n".format(reading, workload, s0, s75, s75 / s0,
                                                      100 * (1 - u75 / u0), s1, u1, u75, s75))
    stream.write("\nLSTM, utilization / scale against eta\n\n")
    stream.write("{:<28}".format("reading") +
                 "".join("{:>14}".format("eta " + e) for e in TABLE_ETAS) + "\n")
    for reading in order:
        cells = []
        for eta in TABLE_ETAS:
            u = value(table, reading, "lstm", eta, 0)
            s = value(table, reading, "lstm", eta, 1)
            cells.append("{:>14}".format("-" if u is None else "{:.3f}/{:.3f}".format(u, s)))
        stream.write("{:<28}".format(reading) + "".join(cells) + "\n")


def plot(plt, table, order, path):
    """Draw the figure."""
    figure, axes = plt.subplots(2, len(WORKLOADS), figsize=(14, 8.5), sharex=True)
    colors = plt.get_cmap("tab20").colors
    styles = ["-", "--", "-.", ":"]
    for column, workload in enumerate(WORKLOADS):
        gain, _, paper_util = PAPER[workload]
        for index, reading in enumerate(order):
            for row, metric in enumerate((0, 1)):
                points = curve(table, reading, workload, metric)
                if not points:
                    continue
                color = colors[(2 * index) % 20 + (index // 10) % 2]
                axes[row][column].errorbar([p[0] for p in points], [p[1] for p in points],
                                           yerr=[p[2] for p in points], marker="o",
                                           markersize=3, capsize=2, label=reading, color=color,
                                           linestyle=styles[index % len(styles)])
                if metric == 1 and points[0][0] == 0 and index == 0:
                    # The paper's gain applied to the first reading's own eta = 0 scale.
                    axes[row][column].plot([0.75], [points[0][1] * (1 + gain)], marker="x",
                                           color=color, markersize=10, linestyle="none",
                                           label="paper's gain over {}'s eta = 0".format(
                                               reading))
        axes[0][column].plot([0.75], [paper_util], marker="*", color="black", markersize=14,
                             linestyle="none", label="paper, default point")
        axes[1][column].plot([0.75], [PAPER_SCALE], marker="*", color="black", markersize=14,
                             linestyle="none")
        axes[0][column].set_title(TITLES[workload])
        axes[1][column].set_xlabel("eta")
        axes[1][column].set_ylim(0, 1.02)
    axes[0][0].set_ylabel("NPU utilization")
    axes[1][0].set_ylabel("multicast scale")
    handles, labels = axes[1][0].get_legend_handles_labels()
    for handle, label in zip(*axes[0][0].get_legend_handles_labels()):
        if label == "paper, default point":
            handles.append(handle)
            labels.append(label)
    figure.legend(handles, labels, loc="lower center", ncol=6, fontsize=8)
    figure.suptitle("Readings of Algorithm 2 against eta, flow level, the paper's SSP setting "
                    "(n = 50, p = 15, lambda = 0.5)", fontsize=10)
    figure.tight_layout(rect=(0, 0.09, 1, 1))
    figure.savefig(path, dpi=110)


def main(argv=None):
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", metavar="RESULTS_CSV")
    parser.add_argument("--out", default="ssp-eta-readings.png", help="the PNG file")
    parser.add_argument("--no-plot", action="store_true", help="print the tables only")
    args = parser.parse_args(argv)
    try:
        table, order = load(args.results)
    except InputError as error:
        sys.stderr.write("selmcast-plot-readings.py: {}\n".format(error))
        return 1
    if not table:
        sys.stderr.write("selmcast-plot-readings.py: no rows: nothing to plot\n")
        return 1
    print_tables(table, order, sys.stdout)
    if args.no_plot:
        return 0
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.stderr.write("selmcast-plot-readings.py: matplotlib is missing (Debian: apt-get "
                         "install python3-matplotlib)\n")
        return 1
    directory = os.path.dirname(args.out)
    if directory:
        os.makedirs(directory, exist_ok=True)
    plot(plt, table, order, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
