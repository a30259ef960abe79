#!/bin/sh
# Topology-aware SELMCAST at packet level (issue 11, part 3): SELMCAST, topology-aware SELMCAST
# (selmcast-fabric), Random p and Broadcast on a leaf-spine at oversubscription 1, 2, 4 and 8
# and on a k = 4 fat-tree with an oversubscribed aggregation layer, BSP, with and without other
# tenants' traffic (--background), RngRun 1..RUNS; then the table and the figure
# (doc/figures/fabric-compare.png).
#
# Usage: utils/reproduce-fabric-compare.sh PROGRAM [WORK_DIR [FIGURE_DIR]]
#   PROGRAM     the built example selmcast-bsp, e.g. build/examples/selmcast-bsp
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
#   FIGURE_DIR  where the PNG goes (default: doc/figures)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications, default: 3),
# BACKGROUNDS (the --background values, JSON list items, default: 0, 0.3), PYTHON (default:
# python3).
#
# The setting: n = 16 workers (leaf-spine: 4 leaves of 4 hosts, 2 spines; fat-tree: every host
# slot of k = 4, aggregation-core links at 1/4 of the edge rate), p = 5 (0.3 n), k = 4,
# b = 10 Gbps, lambda = 0.25, 1 MB blocks in jumbo frames, constant 10 ms compute,
# finish-together rates (on the fabric: v_i / t(X) whenever a fabric link can limit the plan),
# 3 rounds; background 0 or 0.3 (one TCP flow per worker to a worker behind another router at
# 0.3 of its ingress rate, in whole segments of MTU - 60 bytes: SelmcastBackgroundTraffic's
# SegmentSize). The controller plans on the fabric the trees use, so plan_t is the generalized
# t(X) everywhere. 120 runs, under 2 minutes with JOBS=2 on this machine (the longest run 7 s).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-fabric-compare
. "$here/reproduce-common.sh"
backgrounds=${BACKGROUNDS:-0, 0.3}
fabric_compare_grid '{"n": 16, "p": 5, "k": 4, "bandwidth": "10Gbps", "lambda": 0.25,
            "blockSize": 1000000, "mtu": 9000, "segmentSize": 8940, "workload": "constant",
            "computeMean": 10, "ratePolicy": "finish-together", "rounds": 3, "wallClock": false}' > "$work/grid.json"
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "${RUNS:-3}" --jobs "${JOBS:-1}"
"$python" "$here/selmcast-table.py" "$work/results.csv" \
    --by topology,oversubscription,aggOversubscription,background,selector \
    --values transfer_time_s.mean,normalized_plan,normalized_completion,average_scale,npu_utilization
"$plot_python" "$here/selmcast-plot-fabric.py" "$work/results.csv" --out-dir "$figures"
echo "sweep results: $work/results.csv"
