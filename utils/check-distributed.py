#!/usr/bin/env python3
"""Distributed runs give the records of one process: the same scenario on 1, 2 and 4 MPI ranks.

For selmcast-bsp and selmcast-ssp (rounds, and a --duration run), on a big switch (workers
round-robin over the ranks) and a leaf-spine fabric (by leaf), with L3 and L7, every rank count
must give the same CSV rows (per round or per multicast: receivers, times to the nanosecond)
and the same JSON summary, with --wallClock=false; one rank sends no message to another, more
ranks some, and the link transmissions of the whole network are the same on any number of
ranks. Then a 4-rank run of a 128-worker leaf-spine must complete. Needs a build
with ns-3's mpi module (utils/check-in-tree.sh runs this after ./test.py).

Usage: check-distributed.py <folder of the example binaries> [--sync=null-message|granted-time-window]
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

RANKS = (1, 2, 4)
CROSS = "(cross-rank messages, link transmissions)"
SCENARIOS = [
    ("bigswitch", ["--topology=bigswitch", "--n=8", "--partition=round-robin"]),
    ("leafspine", ["--topology=leafspine", "--n=8", "--hostsPerLeaf=2", "--spines=2",
                   "--partition=leaf"]),
]
# (label, example, its arguments); the --duration run stops at a simulated time on every rank.
PROGRAMS = [
    ("selmcast-bsp", "selmcast-bsp", ["--rounds=3", "--blockSize=200000"]),
    ("selmcast-ssp", "selmcast-ssp", ["--rounds=3", "--blockSize=200000", "--ssp=1"]),
    ("selmcast-ssp-duration", "selmcast-ssp", ["--duration=0.2", "--blockSize=200000"]),
]


def binary(folder, name):
    """In-tree binaries are named ns3.<version>-<name>[-<profile>]; standalone ones <name>."""
    pattern = re.compile(r"(ns3[\d.]+-)?%s(-(release|debug|default|optimized))?" % re.escape(name))
    found = sorted(f for f in os.listdir(folder) if pattern.fullmatch(f))
    if not found:
        sys.exit("check-distributed.py: no %s in %s" % (name, folder))
    return os.path.join(folder, found[0])


def run(program, ranks, args, out_dir):
    command = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", str(ranks), program,
               "--distributed", "--wallClock=false", "--outDir=" + out_dir] + args
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        return None, "%s: exit %d: %s" % (" ".join(command[4:]), done.returncode,
                                          (done.stderr or done.stdout)[-600:])
    files = {}
    # The line every distributed run prints: "cross-rank messages C of T link transmissions".
    found = re.search(r"cross-rank messages (\d+) of (\d+) link transmissions", done.stdout)
    if not found:
        return None, "%s: no cross-rank message count in its output" % " ".join(command[4:])
    files[CROSS] = (int(found.group(1)), int(found.group(2)))
    for path in sorted(glob.glob(os.path.join(out_dir, "*"))):
        with open(path) as f:
            files[os.path.basename(path)] = f.read()
    if not files:
        return None, "%s: no result files" % " ".join(command[4:])
    return files, None


def first_difference(a, b):
    for k, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return "line %d: %r != %r" % (k + 1, x, y)
    return "%d lines != %d lines" % (len(a.splitlines()), len(b.splitlines()))


def cross_rank_problems(name, topology, delivery, ranks, files, reference):
    """One rank sends nothing to another; more ranks cut links of these partitions; the link
    transmissions of the whole network are the same on any number of ranks."""
    cross, total = files[CROSS]
    where = "%s %s %s on %d ranks" % (name, topology, delivery, ranks)
    if ranks == 1 and cross != 0:
        return ["%s: %d cross-rank messages, expected 0" % (where, cross)]
    if ranks > 1 and not 0 < cross < total:
        return ["%s: %d cross-rank messages of %d transmissions" % (where, cross, total)]
    if reference and reference[1][CROSS][1] != total:
        return ["%s: %d link transmissions, %d on %d ranks" % (where, total,
                                                               reference[1][CROSS][1],
                                                               reference[0])]
    return []


def main():
    folder = sys.argv[1]
    sync = [a for a in sys.argv[2:] if a.startswith("--sync=")] or ["--sync=null-message"]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, example, extra in PROGRAMS:
            program = binary(folder, example)
            for topology, topo_args in SCENARIOS:
                for delivery in ("L3", "L7"):
                    args = topo_args + extra + ["--delivery=" + delivery] + sync
                    reference = None
                    for ranks in RANKS:
                        out = os.path.join(tmp, "%s-%s-%s-%d" % (name, topology, delivery, ranks))
                        files, error = run(program, ranks, args, out)
                        if error:
                            problems.append(error)
                            continue
                        problems += cross_rank_problems(name, topology, delivery, ranks, files,
                                                        reference)
                        if reference is None:
                            reference = (ranks, files)
                            continue
                        for file, text in reference[1].items():
                            if file == CROSS:
                                continue
                            other = files.get(file)
                            if other != text:
                                problems.append("%s %s %s: %s on %d ranks differs from %d: %s" % (
                                    name, topology, delivery, file, ranks, reference[0],
                                    "missing" if other is None else first_difference(text, other)))
                    print("%s %s %s: %s" % (name, topology, delivery,
                                            "compared on %s ranks" % (RANKS,)), flush=True)
        big = ["--topology=leafspine", "--n=128", "--hostsPerLeaf=16", "--spines=4",
               "--partition=leaf", "--rounds=1", "--blockSize=100000"] + sync
        files, error = run(binary(folder, "selmcast-bsp"), 4, big, os.path.join(tmp, "big"))
        problems += [error] if error else []
        print("selmcast-bsp leafspine n = 128 on 4 ranks: %s" % ("ok" if files else "FAILED"))
    if problems:
        print("\n".join(problems))
        return 1
    print("ok: 1, 2 and 4 ranks give the same records and summaries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
