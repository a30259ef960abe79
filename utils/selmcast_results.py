"""Helpers shared by the scripts that read sweep results (selmcast-plot-bsp.py,
selmcast-plot-ssp.py, selmcast-table.py). Standard library only; the scripts import it from
their own folder."""

import math


def summary_value(row, name, column_first=False):
    """Return a results.csv row's value of a parameter or output: the summary's
    ``parameters.<name>`` (the value the run used, e.g. p as used), else ``out.<name>`` (a
    renamed clash), else the column ``name``; with column_first, the column ``name`` (as the
    sweep gave it) is tried first. "" when none has a value."""
    keys = ["parameters." + name, "out." + name]
    keys.insert(0 if column_first else 2, name)
    for key in keys:
        found = row.get(key)
        if found not in (None, ""):
            return found
    return ""


def number(text):
    """Return text as a float, or None when it is not a finite number."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def mean_and_se(values):
    """Return the mean and the standard error of the mean (0 for a single value)."""
    count = len(values)
    mean = sum(values) / count
    if count < 2:
        return mean, 0.0
    variance = sum((v - mean) ** 2 for v in values) / (count - 1)
    return mean, math.sqrt(variance / count)
