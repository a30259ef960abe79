#!/usr/bin/env python3
"""Print a table of means from the results.csv of a sweep (utils/selmcast-sweep.py).

Groups the rows by the columns of ``--by`` and prints, for each group, the number of rows and
the mean +- standard error of every column of ``--values`` (rows where a value is missing or not
a number are left out of that value's mean). A column name matches the CSV's column of that
``parameters.<name>`` (the summary JSON's parameters), else ``out.<name>``. With
``--ratio A/B`` it adds the mean over the rows of A / B (for example the packet-level
normalized completion over the plan's). ``--csv`` prints comma-separated values instead.
``--plot FILE.png`` also draws the table: one panel per averaged column against the last
``--by`` column (numeric), one line per value of the other ``--by`` columns, error bars the
standard error (needs matplotlib, Debian's python3-matplotlib; the table alone does not).

Example, the BSP packet-level check of doc/selmcast.rst::

    utils/selmcast-table.py sweep/results.csv --by delivery,mu,selector \\
        --values normalized_completion,normalized_plan,average_scale \\
        --ratio normalized_completion/normalized_plan

Standard library only (matplotlib for --plot). Exit status: 0, 1 when a file cannot be read or a column is missing from
every row, 2 on a usage error.
"""

import argparse
import collections
import csv
import sys

from selmcast_results import mean_and_se, number, summary_value


def names(parser, text, option):
    """Split a comma-separated list of column names (a usage error when it is empty)."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        parser.error("{} needs at least one column name".format(option))
    return items


def plot(path, by, columns, groups):
    """Draw every column against the last --by column, one line per other --by values."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    lines = collections.OrderedDict()
    for key, group in groups.items():
        x = number(key[-1])
        if x is None:
            raise ValueError("--plot: {} = {!r} is not a number".format(by[-1], key[-1]))
        lines.setdefault(key[:-1], []).append((x, group))
    figure, axes = plt.subplots(1, len(columns), figsize=(4.2 * len(columns), 3.4),
                                squeeze=False)
    for axis, column in zip(axes[0], columns):
        for label, points in lines.items():
            points = sorted((x, mean_and_se(g[column])) for x, g in points if g[column])
            if points:
                axis.errorbar([x for x, _ in points], [m for _, (m, _) in points],
                              yerr=[e for _, (_, e) in points], marker="o", capsize=3,
                              label=", ".join(label) or column)
        axis.set_xlabel(by[-1])
        axis.set_ylabel(column)
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main(argv=None):
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description="Means of sweep results, grouped by columns.")
    parser.add_argument("results", nargs="+", help="results.csv file(s) of sweeps")
    parser.add_argument("--by", required=True, help="comma-separated columns to group by")
    parser.add_argument("--values", required=True, help="comma-separated columns to average")
    parser.add_argument("--ratio", action="append", default=[], metavar="A/B",
                        help="also average the per-row ratio of column A to column B")
    parser.add_argument("--csv", action="store_true", help="comma-separated output")
    parser.add_argument("--plot", metavar="FILE.png",
                        help="also draw the columns against the last --by column")
    args = parser.parse_args(argv)
    by = names(parser, args.by, "--by")
    values = names(parser, args.values, "--values")
    ratios = []
    for text in args.ratio:
        top, _, bottom = text.partition("/")
        if not top or not bottom:
            parser.error("--ratio {!r}: must be A/B with two column names".format(text))
        ratios.append((top, bottom))

    groups = collections.OrderedDict()
    seen = collections.Counter()
    for path in args.results:
        try:
            with open(path, newline="") as handle:
                for row in csv.DictReader(handle):
                    key = tuple(summary_value(row, name, column_first=True) for name in by)
                    group = groups.setdefault(key, collections.defaultdict(list))
                    group["#rows"].append(1.0)
                    for name in values:
                        x = number(summary_value(row, name, column_first=True))
                        if x is not None:
                            group[name].append(x)
                            seen[name] += 1
                    for top, bottom in ratios:
                        a = number(summary_value(row, top, column_first=True))
                        b = number(summary_value(row, bottom, column_first=True))
                        if a is not None and b:
                            group[top + "/" + bottom].append(a / b)
                            seen[top + "/" + bottom] += 1
        except OSError as error:
            sys.stderr.write("selmcast-table.py: {}: {}\n".format(path, error))
            return 1
    columns = values + ["{}/{}".format(t, b) for t, b in ratios]
    missing = [c for c in columns if not seen[c]]
    if missing:
        sys.stderr.write("selmcast-table.py: no row has a number in column(s) {}\n".format(
            ", ".join(missing)))
        return 1

    if args.plot:
        try:
            plot(args.plot, by, columns, groups)
        except ImportError:
            sys.stderr.write("selmcast-table.py: --plot needs matplotlib (Debian: apt-get "
                             "install python3-matplotlib)\n")
            return 1
        except ValueError as error:
            sys.stderr.write("selmcast-table.py: {}\n".format(error))
            return 1
    header = by + ["rows"] + columns
    lines = [header]
    for key, group in groups.items():
        cells = list(key) + [str(len(group["#rows"]))]
        for column in columns:
            if group[column]:
                mean, error = mean_and_se(group[column])
                cells.append("{:.4f} +- {:.4f}".format(mean, error) if not args.csv
                             else "{:.6g},{:.6g}".format(mean, error))
            else:
                cells.append("-" if not args.csv else ",")
        lines.append(cells)
    if args.csv:
        head = by + ["rows"] + [c + suffix for c in columns for suffix in ("", "_se")]
        print(",".join(head))
        for cells in lines[1:]:
            print(",".join(cells))
        return 0
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
