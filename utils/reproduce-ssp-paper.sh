#!/bin/sh
# The paper's own SSP setting at packet level, with 64 KB frames: n = 50, p = 15, k = 4,
# ssp = 4, eta = 0.75, L3, one switch, 40 Gbps, lambda = 0.5, 200 MB blocks, compute mean
# 1000 ms, the three workloads x SELMCAST and Random p, DURATION simulated seconds each.
#
# Usage: utils/reproduce-ssp-paper.sh PROGRAM [WORK_DIR]
#   PROGRAM     the built example, e.g. build/examples/selmcast-ssp
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications, default: 1),
# DURATION (simulated seconds per run, default: 60), PYTHON (default: python3).
#
# Cost (doc/selmcast.rst, *The paper's scale*): about 300 simulated seconds per hour of one
# core, so the 6 runs of 60 s take about 75 core-minutes. Each run writes its files as it
# goes; the sweep is resumable. The table at the end has NPU utilization and scale per
# workload and selector; the paper: 0.63 / 0.65 / 0.64 (Random p), 0.68 / 0.70 / 0.70
# (SELMCAST), scale 0.30 and about 0.5.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-ssp-paper
max_args=2
. "$here/reproduce-common.sh"
cat > "$work/grid.json" <<GRID
{"fixed": {"n": 50, "p": 15, "k": 4, "ssp": 4, "eta": 0.75, "delivery": "L3",
           "bandwidth": "40Gbps", "lambda": 0.5, "mu": 1, "blockSize": 200000000,
           "mtu": 65535, "segmentSize": 65475, "computeMean": 1000,
           "duration": ${DURATION:-60}, "wallClock": false, "linkStats": true},
 "grid": [{"workload": ["lstm", "transformer", "resnet50"], "selector": ["selmcast", "random"]}]}
GRID
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "${RUNS:-1}" --jobs "${JOBS:-1}"
"$python" "$here/selmcast-table.py" "$work/results.csv" --by selector,workload \
    --values npu_utilization,mean_scale,rounds_min
echo "sweep results: $work/results.csv"
