#!/usr/bin/env python3
"""Every example refuses every bad numeric, time and rate argument before it writes anything.

Table-driven: for each option of each example, the classes that broke runs before (negative,
0, 1e30, nan, inf, text, empty, no unit, the values just outside the allowed range) must give a
non-zero exit, exactly one line on stderr that names the option and says what is allowed, and no
file in a fresh output folder or the working folder. The boundary values themselves are run with
tiny sizes and must be accepted. The ranges below are those doc/selmcast.rst states.

Usage: test_selmcast_arguments.py <folder of the example binaries> [unittest options]
"""

import concurrent.futures
import os
import subprocess
import sys
import tempfile
import unittest

EXAMPLES = None  # set from the command line

# option -> (kind, min, max[, min open, max open]); kinds: uint, int, real, time, rate.
COMMON = {
    "n": ("uint", 2, 4096),
    "hostsPerLeaf": ("uint", 1, 4096),
    "spines": ("uint", 1, 1024),
    "p": ("uint", 0, 4095),
    "pRatio": ("real", 0, 1, True, True),
    "k": ("uint", 1, 1000000),
    "blockSize": ("uint", 1, 10**11),
    "segmentSize": ("uint", 1, 65535),
    "mtu": ("uint", 68, 65535),
    "lambda": ("real", 0, 1, False, True),
    "mu": ("real", 0, 1000, True, False),
    "gamma": ("real", 0, 1, False, False),
    "deltaT": ("time", 1e-3, 3600),
    "computeMean": ("real", 0, 3.6e6, False, False),
    "bandwidth": ("rate", 1e3, 1e13),
    "rounds": ("uint", 1, 1000000),
    "oversubscription": ("real", 0, 1e6, False, False),
    "fatTreeK": ("uint", 2, 64),
    "edgeOversubscription": ("real", 0, 1e6, True, False),
    "aggOversubscription": ("real", 0, 1e6, True, False),
    "linkDelay": ("real", 0, 1e6, False, False),
    "background": ("real", 0, 1, False, True),
    "controllerRouter": ("uint", 0, 1000000),
    "fileLinkRate": ("rate", 1e3, 1e13),
    "fileLinkDelay": ("real", 0, 1e6, False, False),
}
# The example edge list shipped with the module.
FABRIC_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                          "selmcast-fabric.csv")
# The same kind of network in ns-3's Orbis format (topology-read).
FABRIC_ORBIS = os.path.join(os.path.dirname(FABRIC_CSV), "selmcast-fabric.orbis")
OPTIONS = {
    "selmcast-bsp": COMMON,
    "selmcast-compare": COMMON,
    "selmcast-ssp": dict(
        COMMON,
        ssp=("int", 0, 1000000),
        eta=("real", 0, 1, False, False),
        duration=("real", 0, 1e6, False, False),
    ),
    "selmcast-bsp-selection": {
        "n": ("uint", 2, 10000),
        "p": ("uint", 0, 9999),
        "pRatio": ("real", 0, 1, True, True),
        "lambda": ("real", 0, 1, False, True),
        "mu": ("real", 0, 1000, True, False),
        "trials": ("uint", 1, 100000),
        "randomTrials": ("uint", 0, 100000),
    },
    "selmcast-fabric-compare": {
        "leaves": ("uint", 1, 1024),
        "spines": ("uint", 1, 1024),
        "hostsPerLeaf": ("uint", 1, 1024),
        "fatTreeK": ("uint", 0, 16),
        "pRatio": ("real", 0, 1, True, True),
        "lambda": ("real", 0, 1, False, True),
        "trials": ("uint", 1, 100000),
    },
    "selmcast-packet-benchmark": {
        "receivers": ("uint", 1, 4095),
        "blockSize": ("uint", 1, 10**11),
        "mtu": ("uint", 68, 65535),
        "linkRate": ("rate", 1e3, 1e13),
        "repeat": ("uint", 1, 1000),
    },
    "selmcast-scaling-benchmark": {
        "p": ("uint", 1, 15),
        "repeat": ("uint", 1, 100),
        "blockSize": ("uint", 1, 10**10),
        "shrinkBytes": ("uint", 16, 10**11),
        "mtu": ("uint", 1500, 65535),
    },
    "selmcast-loss-benchmark": {
        "workers": ("uint", 2, 4096),
        "receivers": ("uint", 1, 4095),
        "blockSize": ("uint", 1, 10**11),
        "linkRate": ("rate", 1e3, 1e13),
        "loss": ("real", 0, 0.5, False, False),
        "meanBurst": ("real", 1, 1000, False, False),
        "runs": ("uint", 1, 1000),
        "fecGroup": ("uint", 1, 1024),
    },
}
# ns-3's own globals and attributes: checked before ns-3's parser could abort or misread them.
NS3 = {
    "RngRun": ["abc", "-1", "1e30", "1.5", "", "18446744073709551616"],
    "RngSeed": ["0", "abc", "-1", "4294944443", "4294967296"],
    "ns3::SelmcastController::WorkerTimeout": ["abc", "100", "", "1e30s"],
    "ns3::SelmcastWorker::MaxPolls": ["abc", "1e30", "-1"],
}
TEXT = ["nan", "inf", "-inf", "abc", "", " 1", "1,5"]


def number(x):
    return repr(x) if isinstance(x, float) else str(x)


def bad_values(spec):
    """The values an option of this kind and range must refuse."""
    kind, low, high = spec[0], spec[1], spec[2]
    if kind == "uint":
        values = ["-1", "1e30", "1.5", "0x10", "18446744073709551617", str(high + 1)]
        return values + ([str(low - 1)] if low > 0 else []) + TEXT
    if kind == "int":
        return ["-1", "1e30", "1.5", str(high + 1), str(low - 1)] + TEXT
    if kind == "real":
        low_open, high_open = spec[3], spec[4]
        span = high - low
        below = low if low_open else low - span * 1e-3
        above = high if high_open else high + span * 1e-3
        return [number(below), number(above), "-1e30", "1e30", "1e400", "0x1p3"] + TEXT
    if kind == "time":
        return ["-1ms", "0ms", "%gus" % (low * 1e6 / 2), "%gs" % (high + 1), "1e30s", "100",
                "100 ms", "infs", "nans", "1e30"] + TEXT
    if kind == "rate":
        return ["10", "-1Gbps", "0bps", "%gbps" % (low / 2), "%gGbps" % (high / 1e9 * 2),
                "1e3Mbps", "1Gbs", "1.2.3Gbps", "nanGbps"] + TEXT
    raise ValueError(kind)


def run(program, args, out_dir, cwd, timeout=60):
    path = os.path.join(EXAMPLES, program)
    if program not in ("selmcast-packet-benchmark", "selmcast-loss-benchmark"):
        args = args + ["--outDir=" + out_dir]
    done = subprocess.run([path] + args, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    return done


def check_refused(program, args, name):
    """Run one refused case in fresh folders; return a problem description or None."""
    with tempfile.TemporaryDirectory() as cwd:
        out_dir = os.path.join(cwd, "out")
        if program == "selmcast-bsp-selection":
            os.mkdir(out_dir)  # its outDir must exist: it must stay empty
        try:
            done = run(program, args, out_dir, cwd)
        except subprocess.TimeoutExpired:
            return "%s %s: did not stop within 60 s" % (program, args)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        left = sorted(os.listdir(cwd)) + (sorted(os.listdir(out_dir))
                                          if os.path.isdir(out_dir) else [])
        problems = []
        if done.returncode == 0:
            problems.append("exit status 0")
        if done.returncode < 0:
            problems.append("killed by signal %d" % -done.returncode)
        if len(lines) != 1:
            problems.append("%d lines on stderr: %r" % (len(lines), done.stderr[:300]))
        elif name not in lines[0] or "allowed" not in lines[0]:
            problems.append("stderr does not name %s and what is allowed: %r" % (name, lines[0]))
        if left not in ([], ["out"]):
            problems.append("files left behind: %r" % left)
        return "%s %s: %s" % (program, args, "; ".join(problems)) if problems else None


def check_accepted(program, args, expect_stderr=None):
    """Run an accepted boundary case; return a problem description or None."""
    with tempfile.TemporaryDirectory() as cwd:
        out_dir = os.path.join(cwd, "out")
        if program == "selmcast-bsp-selection":
            os.mkdir(out_dir)
        done = run(program, args, out_dir, cwd, timeout=300)
        if done.returncode != 0 or "invalid parameter" in done.stderr:
            return "%s %s: refused (%d): %r" % (program, args, done.returncode, done.stderr[:300])
        if expect_stderr is not None and expect_stderr not in done.stderr:
            return "%s %s: stderr lacks %r: %r" % (program, args, expect_stderr, done.stderr)
        return None


def refused_cases():
    cases = []
    for program, options in OPTIONS.items():
        for name, spec in options.items():
            for value in bad_values(spec):
                cases.append((program, ["--%s=%s" % (name, value)], name))
            cases.append((program, ["--" + name], name))  # no value at all
        for name, values in NS3.items():
            for value in values:
                cases.append((program, ["--%s=%s" % (name, value)], name))
        cases.append((program, ["--noSuchOption=1"], "noSuchOption"))
    # Values each in range, refused together or for what the simulation can represent.
    for program in ("selmcast-bsp", "selmcast-ssp", "selmcast-compare"):
        cases += [
            (program, ["--n=5", "--p=5"], "p"),
            (program, ["--topology=leafspine", "--n=6", "--hostsPerLeaf=4"], "hostsPerLeaf"),
            (program, ["--mtu=1000", "--segmentSize=941"], "segmentSize"),
            (program, ["--blockSize=100000000000", "--segmentSize=1"], "segmentSize"),
            # Heartbeats stuck behind data: every worker would be excluded.
            (program, ["--mu=1e-9"], "mu"),
            (program, ["--bandwidth=1kbps"], "bandwidth"),
            (program, ["--bandwidth=600kbps"], "bandwidth"),
            (program, ["--lambda=0.99", "--bandwidth=10Mbps"], "lambda"),
            (program, ["--computeMean=0", "--workload=uniform"], "computeMean"),
            (program, ["--topology=mesh"], "topology"),
            (program, ["--placement=diagonal"], "placement"),
            (program, ["--topology=fattree", "--fatTreeK=3"], "fatTreeK"),
            (program, ["--controllerRouter=1"], "controllerRouter"),
            (program, ["--topology=fattree", "--controllerRouter=20"], "controllerRouter"),
            (program, ["--topology=fattree", "--fatTreeK=2", "--n=3"], "n"),
            (program, ["--topology=file"], "topologyFile"),
            (program, ["--topology=file", "--topologyFile=/nonexistent.csv"], "topologyFile"),
            (program, ["--topology=file", "--topologyFile=" + FABRIC_CSV,
                       "--fileWorkers=nowhere"], "fileWorkers"),
            (program, ["--topology=file", "--topologyFile=" + FABRIC_CSV,
                       "--fileController=nowhere"], "fileController"),
            (program, ["--topology=file", "--topologyFile=" + FABRIC_CSV, "--n=100"], "n"),
            (program, ["--topology=file", "--topologyFile=" + FABRIC_ORBIS,
                       "--topologyFormat=gml"], "topologyFormat"),
            (program, ["--topology=file", "--topologyFile=" + FABRIC_CSV,
                       "--topologyFormat=inet"], "topologyFile"),
            (program, ["--topology=file", "--topologyFile=" + FABRIC_ORBIS,
                       "--topologyFormat=orbis", "--n=7"], "n"),
        ]
    # Distributed runs: the standalone build (Debian's ns-3 has no mpi module) refuses them.
    for program in ("selmcast-bsp", "selmcast-ssp"):
        cases += [
            (program, ["--distributed"], "distributed"),
            (program, ["--distributed=true", "--partition=round-robin"], "distributed"),
            (program, ["--sync=fast"], "sync"),
            (program, ["--partition=ring"], "partition"),
            (program, ["--partition=list:0,x"], "partition"),
        ]
    cases += [
        ("selmcast-bsp-selection", ["--n=5", "--p=5"], "p"),
        ("selmcast-fabric-compare", ["--leaves=1", "--hostsPerLeaf=1"], "hostsPerLeaf"),
        ("selmcast-fabric-compare", ["--fatTreeK=3"], "fatTreeK"),
    ]
    # A list option: every item is checked (TEXT's "1,5" is a valid list here).
    for value in ["0", "-1", "1000.001", "1e30", "1e400", "nan", "inf", "abc", "", " 1", "0x1p3",
                  "1,0", "1,", ",1", "1,1e30"]:
        cases.append(("selmcast-fabric-compare", ["--oversubscriptions=" + value],
                      "oversubscriptions"))
    cases += [
        ("selmcast-fabric-compare", ["--selectors=selmcast,optimum"], "selectors"),
        ("selmcast-fabric-compare", ["--delivery=L4"], "delivery"),
        ("selmcast-packet-benchmark", ["--workers=4", "--receivers=4"], "receivers"),
        ("selmcast-packet-benchmark", ["--workers=1"], "workers"),
        ("selmcast-packet-benchmark", ["--workers=8,1e30"], "workers"),
        ("selmcast-packet-benchmark", ["--workers=8,-1"], "workers"),
        ("selmcast-packet-benchmark", ["--workers="], "workers"),
        ("selmcast-scaling-benchmark", ["--n=8"], "n"),
        ("selmcast-scaling-benchmark", ["--n=16,1e30"], "n"),
        ("selmcast-scaling-benchmark", ["--n=16,-1"], "n"),
        ("selmcast-scaling-benchmark", ["--n="], "n"),
        ("selmcast-scaling-benchmark", ["--leafSpineN=20"], "leafSpineN"),
        ("selmcast-scaling-benchmark", ["--leafSpineN=4112"], "leafSpineN"),
        ("selmcast-scaling-benchmark", ["--modes=l4"], "modes"),
        ("selmcast-scaling-benchmark", ["--modes=l3@demux"], "modes"),
        ("selmcast-scaling-benchmark", ["--modes=udp-unicast@nodemux"], "modes"),
        ("selmcast-scaling-benchmark", ["--modes=udp-unicast@ns3"], "modes"),
        ("selmcast-loss-benchmark", ["--workers=4", "--receivers=4"], "receivers"),
        ("selmcast-loss-benchmark", ["--lossModel=gilbert"], "lossModel"),
        ("selmcast-loss-benchmark", ["--repair=fec"], "repair"),
    ]
    return cases


# Boundary values, accepted, with tiny sizes so that each runs in a fraction of a second.
TINY = ["--rounds=1", "--blockSize=1000", "--n=3", "--computeMean=1"]
ACCEPTED = [
    ("selmcast-bsp", ["--n=2", "--p=1", "--k=1", "--rounds=1", "--blockSize=1",
                      "--segmentSize=1", "--computeMean=0", "--lambda=0"]),
    ("selmcast-bsp", ["--mtu=68", "--segmentSize=8", "--k=1000000", "--mu=1000", "--gamma=1",
                      "--deltaT=1ms", "--pRatio=0.01"] + TINY),
    ("selmcast-bsp", ["--bandwidth=10000Gbps", "--deltaT=3600s", "--gamma=0.5"] + TINY),
    # Just above the control-path limit: 641 kbps x (1 - 0.25) >= 4 x 1502 x 8 / 100 ms.
    ("selmcast-bsp", ["--bandwidth=641kbps", "--blockSize=2000", "--rounds=1"]),
    ("selmcast-bsp", ["--RngRun=18446744073709551615", "--RngSeed=4294944442"] + TINY),
    ("selmcast-bsp", ["--ns3::SelmcastController::WorkerTimeout=1s", "--bandwidth=100kbps",
                      "--blockSize=2000", "--rounds=1"]),
    ("selmcast-ssp", ["--ssp=0", "--eta=0", "--duration=0", "--p=1"] + TINY),
    ("selmcast-ssp", ["--ssp=1000000", "--eta=1", "--topology=leafspine", "--hostsPerLeaf=1",
                      "--spines=1"] + TINY),
    ("selmcast-compare", ["--n=2", "--rounds=1", "--blockSize=1", "--computeMean=0",
                          "--selectors=selmcast"]),
    ("selmcast-bsp", ["--topology=fattree", "--fatTreeK=2", "--n=2", "--p=1", "--linkDelay=0",
                      "--edgeOversubscription=0.001", "--aggOversubscription=1"] + TINY[:2]),
    ("selmcast-bsp", ["--topology=leafspine", "--hostsPerLeaf=3", "--oversubscription=1e6",
                      "--placement=spread", "--background=0.5"] + TINY),
    ("selmcast-ssp", ["--selector=selmcast-fabric", "--topology=leafspine", "--hostsPerLeaf=1",
                      "--oversubscription=4"] + TINY),
    ("selmcast-ssp", ["--topology=file", "--topologyFile=" + FABRIC_CSV, "--placement=random",
                      "--fileController=core0"] + TINY),
    ("selmcast-bsp", ["--topology=file", "--topologyFile=" + FABRIC_ORBIS,
                      "--topologyFormat=orbis", "--fileLinkRate=10000Gbps", "--fileLinkDelay=0",
                      "--n=6", "--fileController=core1"] + TINY),
    ("selmcast-compare", ["--topology=fattree", "--oversubscription=0", "--selectors=random",
                          "--placement=random", "--controllerRouter=19"] + TINY),
    ("selmcast-bsp-selection", ["--n=2", "--p=1", "--trials=1", "--randomTrials=0",
                                "--lambda=0", "--mu=1000"]),
    ("selmcast-fabric-compare", ["--leaves=1", "--hostsPerLeaf=2", "--spines=1", "--fatTreeK=0",
                                 "--trials=1", "--pRatio=0.01", "--lambda=0",
                                 "--oversubscriptions=1000"]),
    ("selmcast-packet-benchmark", ["--workers=2", "--receivers=1", "--blockSize=1",
                                   "--repeat=1", "--fork=false", "--mtu=68"]),
    ("selmcast-scaling-benchmark", ["--n=16", "--modes=l3", "--leafSpineN=16", "--p=15",
                                    "--repeat=1", "--blockSize=1", "--shrinkBytes=16",
                                    "--mtu=1500"]),
    ("selmcast-scaling-benchmark", ["--n=16", "--modes=udp-unicast", "--blockSize=1000",
                                    "--mtu=65535", "--p=1"]),
    ("selmcast-loss-benchmark", ["--workers=2", "--receivers=1", "--blockSize=1", "--runs=1",
                                 "--loss=0.5", "--linkRate=1Gbps"]),
    ("selmcast-loss-benchmark", ["--workers=3", "--receivers=2", "--blockSize=20000",
                                 "--loss=0", "--lossModel=burst", "--meanBurst=1000",
                                 "--runs=2"]),
    ("selmcast-loss-benchmark", ["--workers=3", "--receivers=2", "--blockSize=20000",
                                 "--loss=0.1", "--fecGroup=1024", "--runs=1"]),
    ("selmcast-loss-benchmark", ["--workers=3", "--receivers=2", "--blockSize=20000",
                                 "--loss=0.1", "--fecGroup=1", "--repair=source", "--runs=1"]),
]


class Arguments(unittest.TestCase):
    def run_all(self, check, cases):
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            problems = [p for p in pool.map(lambda c: check(*c), cases) if p]
        self.assertEqual(problems, [], "\n".join(problems[:40]))

    def test_bad_values_refused_before_any_file(self):
        cases = refused_cases()
        self.assertGreater(len(cases), 500)
        self.run_all(check_refused, cases)

    def test_boundary_values_accepted(self):
        self.run_all(check_accepted, ACCEPTED)

    def test_ignored_options_warned(self):
        self.run_all(check_accepted, [
            ("selmcast-bsp", ["--spines=3"] + TINY, "--spines is ignored"),
            ("selmcast-bsp", ["--fatTreeK=6", "--topology=leafspine", "--hostsPerLeaf=3"] + TINY,
             "--fatTreeK is ignored"),
            ("selmcast-ssp", ["--hostsPerLeaf=2"] + TINY, "--hostsPerLeaf is ignored"),
            ("selmcast-bsp", ["--partition=round-robin"] + TINY, "--partition is ignored"),
            ("selmcast-ssp", ["--sync=granted-time-window"] + TINY, "--sync is ignored"),
            ("selmcast-compare", ["--deltaT=5ms", "--selectors=random"] + TINY,
             "--deltaT is ignored"),
            ("selmcast-loss-benchmark", ["--meanBurst=5", "--blockSize=1000", "--runs=1"],
             "--meanBurst is ignored"),
            ("selmcast-loss-benchmark", ["--fecGroup=8", "--repair=source", "--blockSize=1000",
                                         "--runs=1"], "--fecGroup is ignored"),
        ])

    def test_run_that_hits_the_guard_says_so(self):
        # Two rounds of one simulated hour of compute each cannot end within the 3600 s guard
        # (rare heartbeats keep the hour cheap to simulate).
        slow = ["--computeMean=3600000", "--rounds=2", "--blockSize=1000", "--n=3",
                "--ns3::SelmcastTrainer::HeartbeatInterval=10s",
                "--ns3::SelmcastController::WorkerTimeout=100s"]
        for program in ("selmcast-bsp", "selmcast-compare"):
            with self.subTest(program=program), tempfile.TemporaryDirectory() as cwd:
                extra = ["--selectors=selmcast"] if program == "selmcast-compare" else []
                done = run(program, slow + extra, os.path.join(cwd, "out"), cwd)
                self.assertNotEqual(done.returncode, 0)
                self.assertIn("guard", done.stderr)
                self.assertEqual(done.stdout.strip(), "", "no result table for such a run")


if __name__ == "__main__":
    if len(sys.argv) < 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: test_selmcast_arguments.py <folder of the example binaries>")
    EXAMPLES = os.path.abspath(sys.argv.pop(1))
    unittest.main()
