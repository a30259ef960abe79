#!/bin/sh
# Topology-aware SELMCAST in SSP at packet level (issue 11, part 3): SELMCAST, topology-aware
# SELMCAST (selmcast-fabric), Random p and Broadcast on a leaf-spine at oversubscription 1, 2,
# 4 and 8 and on a k = 4 fat-tree with an oversubscribed aggregation layer, SSP, RngRun
# 1..RUNS; then the table (NPU utilization, multicast scale, sync time).
#
# Usage: utils/reproduce-fabric-compare-ssp.sh PROGRAM [WORK_DIR]
#   PROGRAM     the built example selmcast-ssp, e.g. build/examples/selmcast-ssp
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications, default: 3),
# DURATION (simulated seconds per run, default: 1), BACKGROUNDS (the --background values, JSON
# list items, default: 0; "0, 0.3" adds the runs beside other tenants' TCP flows), PYTHON
# (default: python3).
#
# The setting: n = 16 workers (leaf-spine: 4 leaves of 4 hosts, 2 spines, leaf-spine links at
# 4 x 10 Gbps / (2 x os); fat-tree: every host slot of k = 4, aggregation-core links at 1/4 of
# the edge rate), p = 5 (0.3 n), k = 4, ssp = 4, eta = 0.75, L3, b = 10 Gbps, lambda = 0.25,
# 1 MB blocks in jumbo frames, the LSTM compute times at a mean of 10 ms (the receivers' load
# p x block time / compute = 5 x 0.8 ms / 10 ms = 0.4), max-min rates. The controller plans on
# the fabric the trees use (every selector): where a fabric link can limit, each flow slows to
# its tightest link (SspFabricRates scale; add "ns3::SelmcastController::SspFabricRates":
# "links" to "fixed" for max-min over every link). 60 runs, about 15 minutes with one at a time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-fabric-compare-ssp
max_args=2
. "$here/reproduce-common.sh"
backgrounds=${BACKGROUNDS:-0}
fabric_compare_grid '{"n": 16, "p": 5, "k": 4, "ssp": 4, "eta": 0.75, "delivery": "L3",
            "bandwidth": "10Gbps", "lambda": 0.25, "blockSize": 1000000, "mtu": 9000,
            "segmentSize": 8940, "workload": "lstm", "computeMean": 10,
            "ratePolicy": "maxmin", "duration": '"${DURATION:-1}"', "wallClock": false}' > "$work/grid.json"
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "${RUNS:-3}" --jobs "${JOBS:-1}"
"$python" "$here/selmcast-table.py" "$work/results.csv" \
    --by topology,oversubscription,aggOversubscription,background,selector \
    --values npu_utilization,mean_scale,sync_mean_s,repair_bytes
echo "sweep results: $work/results.csv"
