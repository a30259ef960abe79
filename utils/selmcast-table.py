#!/usr/bin/env python3
"""Print a table of means from the results.csv of a sweep (utils/selmcast-sweep.py).

Groups the rows by the columns of ``--by`` and prints, for each group, the number of rows and
the mean +- standard error of every column of ``--values`` (rows where a value is missing or not
a number are left out of that value's mean). A column name matches the CSV's column of that
name, else ``parameters.<name>`` (the summary JSON's parameters), else ``out.<name>``. With
``--ratio A/B`` it adds the mean over the rows of A / B (for example the packet-level
normalized completion over the plan's). ``--csv`` prints comma-separated values instead.

Example, the BSP packet-level check of doc/selmcast.rst::

    utils/selmcast-table.py sweep/results.csv --by delivery,mu,selector \\
        --values normalized_completion,normalized_plan,average_scale \\
        --ratio normalized_completion/normalized_plan

Standard library only. Exit status: 0, 1 when a file cannot be read or a column is missing from
every row, 2 on a usage error.
"""

import argparse
import collections
import csv
import math
import sys


def lookup(row, name):
    """Return the row's value of a column, trying name, parameters.name and out.name."""
    for key in (name, "parameters." + name, "out." + name):
        if key in row and row[key] not in (None, ""):
            return row[key]
    return None


def number(text):
    """Return a float, or None for text that is not a finite number."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def mean_and_se(values):
    """Return the mean and the standard error of the mean (0 for one value)."""
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return mean, math.sqrt(variance / len(values))


def names(parser, text, option):
    """Split a comma-separated list of column names (a usage error when it is empty)."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        parser.error("{} needs at least one column name".format(option))
    return items


def main(argv=None):
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description="Means of sweep results, grouped by columns.")
    parser.add_argument("results", nargs="+", help="results.csv file(s) of sweeps")
    parser.add_argument("--by", required=True, help="comma-separated columns to group by")
    parser.add_argument("--values", required=True, help="comma-separated columns to average")
    parser.add_argument("--ratio", action="append", default=[], metavar="A/B",
                        help="also average the per-row ratio of column A to column B")
    parser.add_argument("--csv", action="store_true", help="comma-separated output")
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
                    key = tuple(lookup(row, name) or "" for name in by)
                    group = groups.setdefault(key, collections.defaultdict(list))
                    group["#rows"].append(1.0)
                    for name in values:
                        x = number(lookup(row, name))
                        if x is not None:
                            group[name].append(x)
                            seen[name] += 1
                    for top, bottom in ratios:
                        a, b = number(lookup(row, top)), number(lookup(row, bottom))
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
