#!/bin/sh
# The BSP selection confirmed at packet level at the paper's n = 50: selmcast-bsp over real
# ns-3 IP multicast (L3, and L3 with mu = 1/p) and unicast (L7), SELMCAST, Random p and the
# exact Optimum, and the table of the packet-level normalized completion (synchronization time
# over the fluid ideal) beside the plan's t(X) / ideal that the selection core computed.
#
# Usage: utils/reproduce-bsp-packet.sh PROGRAM [WORK_DIR]
#   PROGRAM   the built example, e.g. build/examples/selmcast-bsp
#   WORK_DIR  sweep folder (default: a new temporary folder; an existing one is resumed)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications, default: 1),
# PYTHON (default: python3).
#
# The setting: n = 50, p = 15, k = 4, one switch, b = 10 Gbps, lambda = 0.25, 10 MB blocks in
# jumbo frames (MTU 9000, 8940-byte segments), constant 10 ms compute, finish-together rates,
# 3 rounds per run (fewer than k + 1: no pair is forced, every round is an instance of the
# paper's single-round setting), RngRun 1..RUNS. About 10 minutes on one core.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-bsp-packet
max_args=2
. "$here/reproduce-common.sh"
cat > "$work/grid.json" <<'GRID'
{
  "fixed": {"n": 50, "p": 15, "k": 4, "bandwidth": "10Gbps", "lambda": 0.25,
            "blockSize": 10000000, "mtu": 9000, "segmentSize": 8940, "workload": "constant",
            "computeMean": 10, "ratePolicy": "finish-together", "rounds": 3, "wallClock": false},
  "grid": [
    {"delivery": ["L3", "L7"], "mu": [1], "selector": ["selmcast", "random", "optimum"]},
    {"delivery": ["L3"], "mu": [0.0666666667], "selector": ["selmcast", "random", "optimum"]}
  ]
}
GRID
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "${RUNS:-1}" --jobs "${JOBS:-1}"
"$python" "$here/selmcast-table.py" "$work/results.csv" --by delivery,mu,selector \
    --values normalized_completion,normalized_plan,average_scale \
    --ratio normalized_completion/normalized_plan
echo "sweep results: $work/results.csv"
