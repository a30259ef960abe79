#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The look-at-a-run options of the packet-level examples, end to end: --pcap, --pcapWorkers
(strictly checked: a bad value is one stderr line naming the option and its range, a non-zero
exit and no files), --timeline, utils/selmcast-plot-timeline.py on a produced timeline, and
--netanim (well-formed XML, one node element per node, the topology's shape) where the build
has NetAnim support, else its refusal (one stderr line, non-zero exit, no files).

Usage: test_selmcast_capture.py BSP SSP COMPARE PLOT_SCRIPT [unittest options]
Environment: SELMCAST_NETANIM=1 or 0, whether the programs were built with NetAnim support
(CMake sets it from cmake/optional-netanim.cmake; 1 when unset).
"""
import csv
import glob
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

BSP = SSP = COMPARE = PLOT = None
# Told by the build, not probed from the programs: a wrong refusal must fail, not skip.
HAVE_NETANIM = os.environ.get("SELMCAST_NETANIM", "1") == "1"
NO_NETANIM = "this build has no NetAnim support (cmake/optional-netanim.cmake)"
SHORT = {"bsp": ["--n=6", "--rounds=2", "--blockSize=100000"],
         "ssp": ["--n=6", "--rounds=2", "--blockSize=100000"],
         "compare": ["--n=6", "--rounds=2", "--blockSize=100000", "--selectors=selmcast,random"]}


def run(program, args):
    return subprocess.run([program] + args, capture_output=True, text=True)


class BadPcapWorkersTest(unittest.TestCase):
    def test_refused_before_any_file(self):
        for name, program in (("bsp", BSP), ("ssp", SSP), ("compare", COMPARE)):
            for value in ["6", "0,0", "a", "-1", "0,", ",1", "1 2", "0x1", "1e1", "99999999999",
                          ""]:
                with tempfile.TemporaryDirectory() as tmp:
                    out = os.path.join(tmp, "out")
                    done = run(program, SHORT[name] + ["--pcap", "--pcapWorkers=" + value,
                                                       "--outDir=" + out])
                    self.assertNotEqual(done.returncode, 0, (name, value))
                    lines = done.stderr.strip().splitlines()
                    self.assertEqual(len(lines), 1, (name, value, done.stderr))
                    self.assertIn("pcapWorkers", lines[0])
                    self.assertIn("[0, 5]", lines[0])
                    self.assertFalse(os.path.exists(out), (name, value, "files written"))

    def test_needs_pcap(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            done = run(BSP, SHORT["bsp"] + ["--pcapWorkers=1", "--outDir=" + out])
            self.assertNotEqual(done.returncode, 0)
            self.assertIn("pcapWorkers", done.stderr)
            self.assertFalse(os.path.exists(out))


class PcapFilesTest(unittest.TestCase):
    def test_chosen_workers_every_example(self):
        for name, program in (("bsp", BSP), ("ssp", SSP), ("compare", COMPARE)):
            with tempfile.TemporaryDirectory() as tmp:
                done = run(program, SHORT[name] + ["--pcap", "--pcapWorkers=0,3",
                                                   "--outDir=" + tmp])
                self.assertEqual(done.returncode, 0, done.stderr)
                files = sorted(os.path.basename(f) for f in glob.glob(tmp + "/*.pcap"))
                runs = 2 if name == "compare" else 1
                self.assertEqual(len(files), 2 * runs, files)
                for f in files:
                    self.assertRegex(f, r"-worker[03]-node\d+-dev1\.pcap$")
                    with open(os.path.join(tmp, f), "rb") as pcap:
                        self.assertEqual(pcap.read(4), b"\xd4\xc3\xb2\xa1", f)

    def test_every_device(self):
        for topology, routers in (("bigswitch", 1), ("leafspine", 3 + 2)):
            with tempfile.TemporaryDirectory() as tmp:
                args = SHORT["bsp"] + ["--pcap", "--outDir=" + tmp, "--topology=" + topology]
                if topology == "leafspine":
                    args += ["--hostsPerLeaf=2", "--spines=2"]
                done = run(BSP, args)
                self.assertEqual(done.returncode, 0, done.stderr)
                files = [os.path.basename(f) for f in glob.glob(tmp + "/*.pcap")]
                roles = {re.sub(r"-node.*", "", f.replace("selmcast-bsp-", "")) for f in files}
                self.assertEqual({r for r in roles if r.startswith("worker")},
                                 {"worker%d" % i for i in range(6)})
                self.assertIn("controller", roles)
                self.assertEqual({r for r in roles if r.startswith("router")},
                                 {"router%d" % r for r in range(routers)})
                # One file per point-to-point device: each link has two ends.
                self.assertEqual(len(files) % 2, 0)


class NetAnimTest(unittest.TestCase):
    @unittest.skipUnless(HAVE_NETANIM, NO_NETANIM)
    def test_well_formed_one_node_element_per_node(self):
        # (topology, extra arguments, routers): 6 workers on one switch, or 3 leaves + 2 spines.
        for topology, extra, routers in (("bigswitch", [], 1),
                                         ("leafspine", ["--hostsPerLeaf=2", "--spines=2"], 5)):
            with tempfile.TemporaryDirectory() as tmp:
                done = run(BSP, SHORT["bsp"] + ["--netanim", "--topology=" + topology,
                                                "--outDir=" + tmp] + extra)
                self.assertEqual(done.returncode, 0, done.stderr)
                root = ET.parse(os.path.join(tmp, "selmcast-bsp-netanim.xml")).getroot()
                self.assertEqual(root.tag, "anim")
                nodes = root.findall("node")
                self.assertEqual(len(nodes), 6 + routers + 1, topology)
                self.assertEqual(len({n.get("id") for n in nodes}), len(nodes))
                at = {n.get("id"): (float(n.get("locX")), float(n.get("locY"))) for n in nodes}
                label = {}
                for u in root.findall("nu"):
                    if u.get("p") == "d" and u.get("id") not in label:
                        label[u.get("id")] = u.get("descr")
                workers = {i: label[i] for i in label if re.fullmatch(r"w\d+", label[i])}
                self.assertEqual(sorted(workers.values()), ["w%d" % i for i in range(6)])
                if topology == "bigswitch":
                    hub = next(at[i] for i in label if label[i] == "switch")
                    radii = [math.dist(hub, at[i]) for i in workers]
                    self.assertLess(max(radii) - min(radii), 1e-6, "a star")
                else:
                    tier = lambda prefix: {at[i][1] for i in label if label[i].startswith(prefix)}
                    self.assertLess(max(tier("spine")), min(tier("leaf")))
                    self.assertLess(max(tier("leaf")), min(tier("w")))
                # The selected receivers are coloured once the selection ran (t > 0).
                self.assertTrue(any(u.get("p") == "c" and float(u.get("t")) > 0
                                    and u.get("g") == "170" for u in root.findall("nu")))

    def test_off_by_default(self):
        with tempfile.TemporaryDirectory() as tmp:
            done = run(BSP, SHORT["bsp"] + ["--outDir=" + tmp])
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(glob.glob(tmp + "/*.xml"), [])

    @unittest.skipIf(HAVE_NETANIM, "this build has NetAnim support: nothing to refuse")
    def test_refused_without_netanim_support(self):
        for name, program in (("bsp", BSP), ("ssp", SSP), ("compare", COMPARE)):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "out")
                done = run(program, SHORT[name] + ["--netanim", "--timeline", "--outDir=" + out])
                self.assertNotEqual(done.returncode, 0, name)
                lines = done.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, (name, done.stderr))
                self.assertIn("netanim: this build of selmcast has no NetAnim support", lines[0])
                self.assertIn("libns3-dev", lines[0])  # how to get it, standalone
                self.assertIn("enable ns-3's netanim module", lines[0])  # and in-tree
                self.assertFalse(os.path.exists(out), (name, "files written"))


class TimelineTest(unittest.TestCase):
    def test_every_example_writes_it_and_the_plot_draws_it(self):
        for name, program in (("bsp", BSP), ("ssp", SSP), ("compare", COMPARE)):
            with tempfile.TemporaryDirectory() as tmp:
                done = run(program, SHORT[name] + ["--timeline", "--outDir=" + tmp])
                self.assertEqual(done.returncode, 0, done.stderr)
                timelines = glob.glob(tmp + "/*-timeline.csv")
                self.assertEqual(len(timelines), 2 if name == "compare" else 1)
                with open(timelines[0], newline="") as f:
                    rows = list(csv.DictReader(f))
                events = {r["event"] for r in rows}
                for e in ("compute_start", "compute_end", "ready", "assign", "transfer_start",
                          "transfer_end", "block_complete", "select"):
                    self.assertIn(e, events, (name, e))
                png = os.path.join(tmp, "t.png")
                plot = subprocess.run([sys.executable, PLOT, timelines[0], "-o", png],
                                      capture_output=True, text=True)
                self.assertEqual(plot.returncode, 0, plot.stderr)
                with open(png, "rb") as f:
                    self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
                # The plot's final utilization, from the CSV's compute intervals, is the BSP
                # summary's (compute time over n x the end of the last round).
                util = float(re.search(r"NPU utilization ([0-9.]+)", plot.stdout).group(1))
                self.assertGreater(util, 0)
                self.assertLessEqual(util, 1)
                if name != "ssp":
                    summary = glob.glob(timelines[0].replace("-timeline.csv", "-summary.json"))
                    with open(summary[0]) as f:
                        expected = json.load(f)["npu_utilization"]
                    self.assertAlmostEqual(util, expected, delta=1e-4)

    def test_plot_refuses_bad_input(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.csv")
            with open(bad, "w") as f:
                f.write("a,b\n1,2\n")
            plot = subprocess.run([sys.executable, PLOT, bad], capture_output=True, text=True)
            self.assertEqual(plot.returncode, 2)
            self.assertEqual(len(plot.stderr.strip().splitlines()), 1)
            self.assertFalse(os.path.exists(os.path.join(tmp, "bad.png")))


if __name__ == "__main__":
    BSP, SSP, COMPARE, PLOT = sys.argv[1:5]
    unittest.main(argv=[sys.argv[0]] + sys.argv[5:])
