#!/usr/bin/env python3
"""Draw the packet-level comparison on oversubscribed fabrics (utils/reproduce-fabric-compare.sh).

Reads the ``results.csv`` of a sweep of the example ``selmcast-bsp`` (one row per run: the
sweep's parameter columns and the run's summary JSON, flattened) and writes
``fabric-compare.png`` into ``--out-dir``: for each fabric (leaf-spine at each oversubscription,
the fat-tree) and each selector, the synchronization time of a round (first transfer start to
last transfer end, ms; each run's mean over its rounds) and the multicast scale, one column per
background load (left: none), panels of a row on one scale. Bars: median over the runs
(RngRun); error bars: the runs' minimum and maximum.

Needs matplotlib (Debian: python3-matplotlib); draws with the Agg backend (no display).
"""

import argparse
import collections
import csv
import os
import statistics
import sys

from selmcast_results import number, summary_value

SELECTORS = collections.OrderedDict([
    ("selmcast", ("SELMCAST", "#1f77b4", "")),
    ("selmcast-fabric", ("topology-aware SELMCAST", "#2ca02c", "xx")),
    ("random", ("Random p", "#d62728", "//")),
    ("broadcast", ("Broadcast", "#7f7f7f", "..")),
])
"""Selector name -> (legend label, colour, hatch), in the order of the bars."""

METRICS = (("transfer_time_s.mean", "round sync time (ms)", 1e3),
           ("average_scale", "multicast scale", 1.0))
"""Column, axis label, factor: one row of panels each."""

DPI = 115
"""Resolution of the PNG file."""


def fabric_of(row):
    """Return the x-axis label of a row's fabric, or None for other topologies."""
    topology = summary_value(row, "topology", column_first=True)
    if topology == "leafspine":
        ratio = number(summary_value(row, "oversubscription", column_first=True))
        return "leaf-spine {:g}:1".format(ratio) if ratio is not None else None
    if topology == "fattree":
        ratio = number(summary_value(row, "aggOversubscription", column_first=True))
        return "fat-tree agg {:g}:1".format(ratio) if ratio is not None else None
    return None


def read(paths):
    """Return {(background, fabric, selector, metric): [values]} and the fabrics in order."""
    values = collections.defaultdict(list)
    fabrics = []
    for path in paths:
        with open(path, newline="") as handle:
            for row in csv.DictReader(handle):
                fabric = fabric_of(row)
                selector = summary_value(row, "selector", column_first=True)
                background = number(summary_value(row, "background", column_first=True)) or 0.0
                if fabric is None or selector not in SELECTORS:
                    continue
                if fabric not in fabrics:
                    fabrics.append(fabric)
                for name, _, factor in METRICS:
                    value = number(row.get(name))
                    if value is not None:
                        values[(background, fabric, selector, name)].append(value * factor)
    # Leaf-spines by ratio, then the fat-trees.
    fabrics.sort(key=lambda f: (f.startswith("fat"), float(f.split()[-1].split(":")[0])))
    return values, fabrics


def draw(values, fabrics, out):
    """Draw the figure into the file out."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    backgrounds = sorted({key[0] for key in values})
    fig, axes = plt.subplots(len(METRICS), len(backgrounds), squeeze=False, sharey="row",
                             figsize=(5.5 * len(backgrounds), 3.2 * len(METRICS)))
    width = 0.8 / len(SELECTORS)
    for col, background in enumerate(backgrounds):
        for row, (name, label, _) in enumerate(METRICS):
            ax = axes[row][col]
            for s, (selector, (legend, colour, hatch)) in enumerate(SELECTORS.items()):
                xs, medians, below, above = [], [], [], []
                for x, fabric in enumerate(fabrics):
                    data = values.get((background, fabric, selector, name))
                    if data:
                        median = statistics.median(data)
                        xs.append(x + (s - (len(SELECTORS) - 1) / 2) * width)
                        medians.append(median)
                        below.append(median - min(data))
                        above.append(max(data) - median)
                ax.bar(xs, medians, width, yerr=[below, above], color=colour, hatch=hatch,
                       edgecolor="black", linewidth=0.4, label=legend, capsize=2)
            ax.set_xticks(range(len(fabrics)))
            ax.set_xticklabels(fabrics, fontsize=8, rotation=15)
            ax.set_ylabel(label)
            ax.grid(axis="y", alpha=0.3)
            if row == 0:
                ax.set_title("background {:g}".format(background) if background else
                             "no background traffic")
    axes[0][0].legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(out, dpi=DPI)
    plt.close(fig)


def main(argv=None):
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", help="results.csv of the sweep(s)")
    parser.add_argument("--out-dir", default="doc/figures", help="where the PNG goes")
    args = parser.parse_args(argv)
    try:
        values, fabrics = read(args.results)
    except OSError as error:
        print("selmcast-plot-fabric.py: {}".format(error), file=sys.stderr)
        return 1
    if not fabrics:
        print("selmcast-plot-fabric.py: no leaf-spine or fat-tree rows of a known selector in "
              + ", ".join(args.results), file=sys.stderr)
        return 1
    os.makedirs(args.out_dir, exist_ok=True)
    out = os.path.join(args.out_dir, "fabric-compare.png")
    draw(values, fabrics, out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
