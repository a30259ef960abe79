#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Draw the timeline of one selmcast run (the events CSV that --timeline writes).

Top: one row per worker, Gantt style: computing (green), synchronizing (from the end of its
compute to the end of its own multicast: READY, selection, sending; orange), waiting at the
barrier (until its next compute starts; grey). The worker's own transfer is a dark bar inside
the row; prunes (a receiver removed from its transfer) are red crosses, exclusions black
triangles. Bottom: NPU utilization over time, the share of workers computing (per time bin)
and its running mean, which at the end equals the run's NPU utilization.

Usage: selmcast-plot-timeline.py TIMELINE.csv [-o OUT.png] [--title TEXT] [--until SECONDS]
       [--bins N]
Bad input: one line on stderr naming the problem, exit status 2.
"""
import argparse
import csv
import os
import sys

COLUMNS = ["time_s", "event", "worker", "round", "peer", "count", "bytes"]
COLORS = {"compute": "#4caf50", "sync": "#ff9800", "barrier": "#bdbdbd", "transfer": "#0d47a1"}


def fail(message):
    print("selmcast-plot-timeline.py: " + message, file=sys.stderr)
    sys.exit(2)


def read_events(path):
    """Return the rows as (time, event, worker, round, peer) tuples, in file order."""
    try:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != COLUMNS:
                fail("%s: columns %s, expected %s" % (path, reader.fieldnames, ",".join(COLUMNS)))
            rows = []
            for line, row in enumerate(reader, start=2):
                try:
                    rows.append((float(row["time_s"]), row["event"], int(row["worker"]),
                                 int(row["round"]), int(row["peer"])))
                except (TypeError, ValueError):
                    fail("%s:%d: not a timeline row" % (path, line))
            return rows
    except OSError as e:
        fail("%s: %s" % (path, e.strerror))


def worker_intervals(events, end):
    """Per worker: lists of (start, end) for compute, sync, barrier and transfer, plus the
    prune and exclusion times."""
    workers = sorted({w for _, e, w, _, _ in events if e == "compute_start"})
    state = {w: {"compute": [], "sync": [], "barrier": [], "transfer": [], "prune": [],
                 "exclude": [], "_compute": None, "_sync": None, "_barrier": None,
                 "_transfer": None} for w in workers}

    def close(s, kind, t):
        if s["_" + kind] is not None:
            s[kind].append((s["_" + kind], t))
            s["_" + kind] = None

    for t, event, w, _, _ in events:
        s = state.get(w)
        if s is None:
            continue
        if event == "compute_start":
            close(s, "barrier", t)
            close(s, "sync", t)  # a worker whose multicast never started
            s["_compute"] = t
        elif event == "compute_end":
            close(s, "compute", t)
            s["_sync"] = t
        elif event == "transfer_start":
            s["_transfer"] = t
        elif event == "transfer_end":
            close(s, "transfer", t)
            close(s, "sync", t)
            s["_barrier"] = t
        elif event == "prune":
            s["prune"].append(t)
        elif event == "exclude":
            s["exclude"].append(t)
            for kind in ("compute", "sync", "barrier", "transfer"):
                close(s, kind, t)
    for s in state.values():
        for kind in ("compute", "sync", "barrier", "transfer"):
            close(s, kind, end)
    return workers, state


def utilization(state, workers, end, bins):
    """Return bin centres, the share of workers computing per bin, and the running mean."""
    width = end / bins
    busy = [0.0] * bins
    for w in workers:
        for a, b in state[w]["compute"]:
            first, last = int(a / width), min(int(b / width), bins - 1)
            for k in range(first, last + 1):
                busy[k] += max(0.0, min(b, (k + 1) * width) - max(a, k * width))
    share = [x / (width * len(workers)) for x in busy]
    running, total = [], 0.0
    for k, x in enumerate(busy):
        total += x
        running.append(total / ((k + 1) * width * len(workers)))
    return [(k + 0.5) * width for k in range(bins)], share, running


def plot(events, out, title, until, bins):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.lines import Line2D

    end = until if until is not None else max(t for t, *_ in events)
    events = [e for e in events if e[0] <= end]
    workers, state = worker_intervals(events, end)
    if not workers or end <= 0:
        fail("no compute in the timeline: nothing to draw")
    n = len(workers)
    fig, (gantt, util) = plt.subplots(
        2, 1, sharex=True, figsize=(11, 2.8 + 0.16 * n),
        gridspec_kw={"height_ratios": [max(3.0, 0.16 * n), 1.6]})
    for row, w in enumerate(workers):
        s = state[w]
        for kind in ("compute", "sync", "barrier"):
            spans = [(a, b - a) for a, b in s[kind] if b > a]
            gantt.broken_barh(spans, (row - 0.4, 0.8), facecolors=COLORS[kind], linewidth=0)
        spans = [(a, b - a) for a, b in s["transfer"] if b > a]
        gantt.broken_barh(spans, (row - 0.15, 0.3), facecolors=COLORS["transfer"], linewidth=0)
        if s["prune"]:
            gantt.plot(s["prune"], [row] * len(s["prune"]), "x", color="#d50000", ms=5, mew=1.2)
        if s["exclude"]:
            gantt.plot(s["exclude"], [row] * len(s["exclude"]), "v", color="black", ms=7)
    step = max(1, n // 25)  # at most about 25 labels, readable at n = 50 and beyond
    gantt.set_yticks(range(0, n, step))
    gantt.set_yticklabels([str(workers[k]) for k in range(0, n, step)], fontsize=8)
    gantt.set_ylim(-0.6, n - 0.4)
    gantt.invert_yaxis()
    gantt.set_ylabel("worker")
    gantt.set_title(title)
    gantt.legend(handles=[
        Patch(color=COLORS["compute"], label="computing"),
        Patch(color=COLORS["sync"], label="synchronizing (READY to own multicast done)"),
        Patch(color=COLORS["barrier"], label="waiting at the barrier"),
        Patch(color=COLORS["transfer"], label="own transfer"),
        Line2D([], [], marker="x", color="#d50000", ls="", label="prune"),
        Line2D([], [], marker="v", color="black", ls="", label="exclusion"),
    ], loc="upper center", bbox_to_anchor=(0.5, -0.02 - 0.6 / (3 + 0.16 * n)), ncol=3,
        fontsize=8, frameon=False)
    x, share, running = utilization(state, workers, end, bins)
    util.fill_between(x, share, step="mid", color=COLORS["compute"], alpha=0.45,
                      label="workers computing")
    util.plot(x, running, color="black", lw=1.2,
              label="NPU utilization so far (%.3f at the end)" % running[-1])
    util.set_ylim(0, 1.05)
    util.set_xlim(0, end)
    util.set_xlabel("simulated time (s)")
    util.set_ylabel("NPU utilization")
    util.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    return running[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("timeline", help="the events CSV of a run (--timeline)")
    parser.add_argument("-o", "--output", help="PNG to write (default: the CSV's name, .png)")
    parser.add_argument("--title", help="figure title (default: the CSV's file name)")
    parser.add_argument("--until", type=float, help="draw [0, UNTIL] seconds only, > 0")
    parser.add_argument("--bins", type=int, default=200, help="utilization bins, >= 1")
    args = parser.parse_args()
    if args.until is not None and not args.until > 0:
        fail("--until: %s, allowed: > 0 seconds" % args.until)
    if args.bins < 1:
        fail("--bins: %d, allowed: >= 1" % args.bins)
    events = read_events(args.timeline)
    if not events:
        fail("%s: no events" % args.timeline)
    out = args.output or os.path.splitext(args.timeline)[0] + ".png"
    final = plot(events, out, args.title or os.path.basename(args.timeline), args.until,
                 args.bins)
    print("selmcast-plot-timeline.py: %s (NPU utilization %.4f)" % (out, final))


if __name__ == "__main__":
    main()
