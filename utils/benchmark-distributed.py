#!/usr/bin/env python3
"""Wall time and speed-up of one selmcast-bsp run on 1, 2 and 4 MPI ranks (a benchmark, not a test).

For each synchronizer (null-message, granted-time-window) and rank count, runs the same
leaf-spine scenario REPEAT times, interleaved so that the machine's drift hits every setting
alike, and prints the median wall time and the speed-up over the run without MPI. Every run's
round record must equal the run without MPI's (the benchmark stops otherwise). Results are
appended to OUT (CSV) as they come, so that a long benchmark can be stopped and read.

Usage: benchmark-distributed.py <folder of the example binaries> [--n=128] [--hostsPerLeaf=16]
       [--spines=4] [--repeat=3] [--ranks=1,2,4] [--blockSize=1000000]
       [--topology=leafspine|bigswitch] [--partition=leaf|round-robin]
       [--out=distributed-benchmark.csv]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module

check = import_module("check-distributed")

SYNCS = ("null-message", "granted-time-window")


def options(argv):
    opts = {"n": "128", "hostsPerLeaf": "16", "repeat": "3", "ranks": "1,2,4",
            "blockSize": "1000000", "out": "distributed-benchmark.csv", "spines": "4",
            "topology": "leafspine", "partition": "leaf"}
    for arg in argv:
        key, _, value = arg.lstrip("-").partition("=")
        if key not in opts or not value:
            sys.exit("benchmark-distributed.py: unknown or empty option %s (known: %s)"
                     % (arg, ", ".join(sorted(opts))))
        opts[key] = value
    return opts


def scenario(opts):
    fabric = []
    if opts["topology"] == "leafspine":
        fabric = ["--hostsPerLeaf=" + opts["hostsPerLeaf"], "--spines=" + opts["spines"]]
    return ["--topology=" + opts["topology"], "--n=" + opts["n"], "--rounds=1",
            "--blockSize=" + opts["blockSize"], "--wallClock=false"] + fabric


def timed(command, out_dir):
    start = time.monotonic()
    done = subprocess.run(command + ["--outDir=" + out_dir], capture_output=True, text=True)
    wall = time.monotonic() - start
    if done.returncode != 0:
        sys.exit("benchmark-distributed.py: %s: exit %d: %s"
                 % (" ".join(command), done.returncode, done.stderr[-400:]))
    rounds = [f for f in os.listdir(out_dir) if f.endswith(".csv")]
    cross = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if "cross-rank" in line]
    with open(os.path.join(out_dir, sorted(rounds)[0])) as f:
        return wall, f.read(), (cross[0] if cross else "")


def main():
    folder = sys.argv[1]
    opts = options(sys.argv[2:])
    program = check.binary(folder, "selmcast-bsp")
    base = scenario(opts)
    settings = [("none", 0)] + [(s, int(r)) for s in SYNCS for r in opts["ranks"].split(",")]
    walls = {s: [] for s in settings}
    messages = {}
    reference = None
    with tempfile.TemporaryDirectory() as tmp, open(opts["out"], "a") as out:
        for rep in range(int(opts["repeat"])):
            for sync, ranks in settings:
                if ranks == 0:
                    command = [program] + base
                else:
                    command = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np",
                               str(ranks), program, "--distributed", "--partition=" + opts["partition"],
                               "--sync=" + sync] + base
                wall, record, messages[(sync, ranks)] = timed(command, os.path.join(tmp, "%s-%d-%d" % (sync, ranks, rep)))
                if reference is None:
                    reference = record
                elif record != reference:
                    sys.exit("benchmark-distributed.py: %s on %d ranks wrote a different round "
                             "record" % (sync, ranks))
                walls[(sync, ranks)].append(wall)
                out.write("%s,%s,%d,%d,%.3f\n" % (opts["n"], sync, ranks, rep, wall))
                out.flush()
    none = statistics.median(walls[("none", 0)])
    print("n = %s %s, partition %s, one round of %s-byte blocks; median of %s runs"
          % (opts["n"], opts["topology"], opts["partition"], opts["blockSize"], opts["repeat"]))
    print("%-22s %6s %10s %10s  %s" % ("synchronizer", "ranks", "wall s", "speed-up",
                                        "messages between ranks"))
    for (sync, ranks), w in walls.items():
        median = statistics.median(w)
        print("%-22s %6s %10.2f %10.2f  %s" % (sync if ranks else "(no MPI)", ranks or "-",
                                              median, none / median, messages[(sync, ranks)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
