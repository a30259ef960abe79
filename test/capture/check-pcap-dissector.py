#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decode a run's pcap files with utils/wireshark/selmcast.lua and check the decoded messages
against the same run's own trace sources (its --timeline events CSV).

Runs selmcast-bsp (and selmcast-ssp with preemption, for PRUNE and RATE) with --pcap on every
worker's device and --timeline, then for every worker's file compares what tshark decodes with
the timeline: the DATA segments each sender sent per round (count, sequence numbers, sender and
round fields), READY and DONE per round, the receivers in each ASSIGN and DONE, the ACKs of
every completed block, START per round, FINISH, and PRUNEs. Nothing expected is written here:
every expectation comes from the run's traces. A third run repairs with parity
(--ns3::SelmcastWorker::RepairKind=Parity): every source segment must show the FEC group size
it was given. The parity messages themselves (PARITY segments, per-group NACKs) need losses,
which the examples do not make: they are checked on a small capture written here byte by byte
from the layout that model/selmcast-header.h documents.

Usage: check-pcap-dissector.py BSP_EXAMPLE SSP_EXAMPLE LUA_SCRIPT
Exit 77 (CTest: skipped) with a message when tshark is not installed.
"""
import collections
import csv
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

FIELDS = ["selmcast.msg", "selmcast.sender", "selmcast.receiver", "selmcast.worker",
          "selmcast.round", "selmcast.seq", "selmcast.segment_size", "selmcast.entry.id",
          "selmcast.done.completed", "selmcast.count", "selmcast.flags.repair",
          "selmcast.fec.group_size", "selmcast.parity.group", "selmcast.parity.index",
          "selmcast.nack.group", "selmcast.nack.missing"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run_example(program, out_dir, args):
    n = 5
    workers = ",".join(str(i) for i in range(n))
    cmd = [program, "--n=%d" % n, "--outDir=" + out_dir, "--pcap", "--pcapWorkers=" + workers,
           "--timeline", "--wallClock=false"] + args
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("check-pcap-dissector.py: %s failed (%d): %s" % (" ".join(cmd), done.returncode,
                                                                  done.stderr))
    return n


def read_timeline(path):
    with open(path, newline="") as f:
        return [dict(row, worker=int(row["worker"]), round=int(row["round"]),
                     peer=int(row["peer"]), count=int(row["count"]), bytes=int(row["bytes"]))
                for row in csv.DictReader(f)]


def decode(lua, pcap):
    """Return one dict per selmcast message in the file, multi-valued fields as lists."""
    cmd = ["tshark", "-n", "-X", "lua_script:" + lua, "-r", pcap, "-Y", "selmcast", "-T",
           "fields", "-E", "separator=;", "-E", "occurrence=a", "-E", "aggregator=,"]
    for field in FIELDS:
        cmd += ["-e", field]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("check-pcap-dissector.py: tshark failed on %s: %s" % (pcap, done.stderr))
    messages = []
    for line in done.stdout.splitlines():
        values = line.split(";")
        m = {}
        for field, value in zip(FIELDS, values):
            key = field.split(".", 1)[1]
            m[key] = [int(v) if v.isdigit() else v for v in value.split(",")] if value else []
        messages.append(m)
    return messages


def one(m, key):
    return m[key][0] if m[key] else None


def check_worker(i, messages, events, tag, fec_group=None):
    """Compare what worker i's device saw with worker i's events."""
    mine = lambda name: [e for e in events if e["event"] == name and e["worker"] == i]
    by_msg = collections.defaultdict(list)
    for m in messages:
        by_msg[one(m, "msg")].append(m)
    # DATA segments it sent (originals and repairs; polls apart): per round, count and seqs.
    sent = collections.defaultdict(list)
    for m in by_msg["DATA"] + by_msg["REPAIR"]:
        if one(m, "sender") == i:
            sent[one(m, "round")].append(one(m, "seq"))
            check(fec_group is None or one(m, "fec.group_size") == fec_group,
                  "%s worker %d: FEC group size %s, expected %s" % (
                      tag, i, one(m, "fec.group_size"), fec_group))
    # Parity segments count as segments sent; each (group, index) is sent once.
    parity = collections.defaultdict(list)
    for m in by_msg["PARITY"]:
        if one(m, "sender") == i:
            parity[one(m, "round")].append((one(m, "parity.group"), one(m, "parity.index")))
    for r, pairs in parity.items():
        check(len(set(pairs)) == len(pairs), "%s worker %d round %d: a parity index twice" % (
            tag, i, r))
    ends = {e["round"]: e for e in mine("transfer_end")}
    starts = {e["round"]: e for e in mine("transfer_start")}
    # A transfer the end of the run cut has a start and no end.
    check(set(sent) == set(starts), "%s worker %d: DATA rounds %s, transfers %s" % (
        tag, i, sorted(sent), sorted(starts)))
    for r, seqs in sent.items():
        if r not in ends:
            continue
        decoded = len(seqs) + len(parity[r])
        check(decoded == ends[r]["count"], "%s worker %d round %d: %d DATA decoded, %d sent" % (
            tag, i, r, decoded, ends[r]["count"]))
        seg = one(next(m for m in by_msg["DATA"] if one(m, "sender") == i), "segment_size")
        segments = -(-starts[r]["bytes"] // seg)
        check(set(seqs) == set(range(segments)), "%s worker %d round %d: seqs not 0..%d" % (
            tag, i, r, segments - 1))
    # Control messages from it: READY and DONE per round, with DONE's completed receivers.
    ready = {one(m, "round") for m in by_msg["READY"] if one(m, "worker") == i}
    check(ready == {e["round"] for e in mine("ready")}, "%s worker %d: READY rounds %s" % (
        tag, i, sorted(ready)))
    done = {one(m, "round"): m for m in by_msg["DONE"] if one(m, "worker") == i}
    check(set(done) == set(ends), "%s worker %d: DONE rounds %s" % (tag, i, sorted(done)))
    for r, m in done.items():
        if r in ends:
            check(len(m["done.completed"]) == ends[r]["peer"], "%s worker %d round %d: DONE "
                  "lists %d completed, the sender counted %d" % (tag, i, r, len(m["done.completed"]),
                                                          ends[r]["peer"]))
    # Messages to it: ASSIGN receivers, START per round, FINISH.
    assign = {one(m, "round"): len(m["entry.id"]) for m in by_msg["ASSIGN"]
              if one(m, "worker") == i}
    check(assign == {e["round"]: e["count"] for e in mine("assign")},
          "%s worker %d: ASSIGN receivers %s" % (tag, i, assign))
    start = {one(m, "round") for m in by_msg["START"] if one(m, "worker") == i}
    computed = {e["round"] for e in mine("compute_start")} - {0}
    check(start == computed, "%s worker %d: START rounds %s, computes %s" % (
        tag, i, sorted(start), sorted(computed)))
    check(any(one(m, "worker") == i for m in by_msg["FINISH"]), "%s worker %d: no FINISH" % (
        tag, i))
    # ACKs it sent: one (sender, round) per block it completed.
    acks = {(one(m, "sender"), one(m, "round")) for m in by_msg["ACK"]
            if one(m, "receiver") == i}
    check(acks == {(e["peer"], e["round"]) for e in mine("block_complete")},
          "%s worker %d: ACKs %s" % (tag, i, sorted(acks)))
    # PRUNEs it received cover every receiver it removed.
    pruned = {(one(m, "round"), j) for m in by_msg["PRUNE"] if one(m, "worker") == i
              for j in m["entry.id"]}
    check({(e["round"], e["peer"]) for e in mine("prune")} <= pruned,
          "%s worker %d: prunes without a PRUNE message" % (tag, i))
    return collections.Counter({k: len(v) for k, v in by_msg.items()})


def check_run(program, lua, out_dir, prefix, args, fec_group=None):
    n = run_example(program, out_dir, args)
    events = read_timeline(os.path.join(out_dir, prefix + "-timeline.csv"))
    totals = collections.Counter()
    for i in range(n):
        files = glob.glob(os.path.join(out_dir, "%s-worker%d-node*-dev*.pcap" % (prefix, i)))
        check(len(files) == 1, "%s: worker %d has %d pcap files" % (prefix, i, len(files)))
        if files:
            totals += check_worker(i, decode(lua, files[0]), events, prefix, fec_group)
    others = glob.glob(os.path.join(out_dir, prefix + "-*.pcap"))
    check(len(others) == n, "%s: %d pcap files for %d workers" % (prefix, len(others), n))
    print("%s: decoded %s; %d timeline events" % (
        prefix, ", ".join("%s %d" % kv for kv in sorted(totals.items())), len(events)))
    return totals, events


def write_parity_capture(path):
    """A raw-IPv4 capture of three messages laid out as model/selmcast-header.h says: a source
    segment of a parity transfer (k = 16), a parity segment (group 7, index 5, LAST) and a NACK
    of (group, missing) pairs (7, 2) and (9, 1)."""
    def prefix(mtype, flags, aux):
        return struct.pack("!HBBHH", 0x534D, 1, mtype, flags, aux)

    def data(flags, aux, seq):
        return prefix(1, flags, aux) + struct.pack("!IIIIQ", 2, 4, seq, 1440, 1000000) + \
            bytes(1440)

    messages = [data(0x8, 16, 3), data(0x1 | 0x2 | 0x10, 5, 7),
                prefix(2, 0x2, 2) + struct.pack("!IIIIIII", 3, 2, 4, 7, 2, 9, 1)]
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
        for k, payload in enumerate(messages):
            udp = struct.pack("!HHHH", 5400, 5400, 8 + len(payload), 0) + payload
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), k, 0, 64, 17, 0,
                             bytes([10, 1, 1, 1]), bytes([10, 1, 2, 1])) + udp
            f.write(struct.pack("<IIII", k, 0, len(ip), len(ip)) + ip)


def check_parity_messages(lua, tmp):
    path = os.path.join(tmp, "parity.pcap")
    write_parity_capture(path)
    messages = decode(lua, path)
    check([one(m, "msg") for m in messages] == ["DATA", "PARITY", "NACK"],
          "parity capture: messages %s" % [one(m, "msg") for m in messages])
    if len(messages) != 3:
        return
    source, parity, nack = messages
    check(one(source, "fec.group_size") == 16 and one(source, "seq") == 3,
          "parity capture: source segment %s" % source)
    check(one(parity, "parity.group") == 7 and one(parity, "parity.index") == 5 and
          not parity["seq"] and not parity["fec.group_size"],
          "parity capture: parity segment %s" % parity)
    check(nack["nack.group"] == [7, 9] and nack["nack.missing"] == [2, 1],
          "parity capture: NACK %s" % nack)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    bsp, ssp, lua = sys.argv[1:]
    if shutil.which("tshark") is None:
        print("SKIPPED: tshark is not installed (Debian: apt-get install tshark; "
              "utils/install-deps.sh installs it)")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        totals, _ = check_run(bsp, lua, os.path.join(tmp, "bsp"), "selmcast-bsp",
                              ["--rounds=3", "--blockSize=100000"])
        for msg in ("DATA", "ACK", "READY", "ASSIGN", "DONE", "START", "FINISH"):
            check(totals[msg] > 0, "bsp: no %s decoded" % msg)
        totals, events = check_run(ssp, lua, os.path.join(tmp, "ssp"), "selmcast-ssp",
                                   ["--rounds=4", "--blockSize=400000", "--eta=0", "--p=2",
                                    "--computeMean=1"])
        if any(e["event"] == "prune" for e in events):
            check(totals["PRUNE"] > 0, "ssp: prunes traced, no PRUNE decoded")
        totals, _ = check_run(bsp, lua, os.path.join(tmp, "parity"), "selmcast-bsp",
                              ["--rounds=2", "--blockSize=100000",
                               "--ns3::SelmcastWorker::RepairKind=Parity",
                               "--ns3::SelmcastWorker::FecGroupSize=8"], fec_group=8)
        check(totals["DATA"] > 0, "parity run: no DATA decoded")
        check_parity_messages(lua, tmp)
    for message in failures:
        print("FAIL: " + message)
    print("%d problems" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
