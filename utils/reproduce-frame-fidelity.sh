#!/bin/sh
# 64 KB frames against 9000-byte frames on the same seeds: the BSP round at n = 16 and 50
# (selmcast-bsp, L3 and L7, SELMCAST and Random p) and SSP utilization and scale at n = 16 (the
# setting of utils/reproduce-ssp-figures.sh) and n = 50 (utils/reproduce-ssp-n50.sh, lambda =
# 0.5). Prints one table per study with every frame size side by side.
#
# Usage: utils/reproduce-frame-fidelity.sh BUILD_DIR [WORK_DIR]
#   BUILD_DIR   the standalone build folder (examples/selmcast-bsp and selmcast-ssp in it)
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
# Environment: JOBS (runs at once, default: 1), BSP_RUNS (default: 3), SSP16_RUNS (default: 4),
# SSP50_RUNS (default: 1), PYTHON (default: python3).
#
# Cost on one core: the BSP part a few minutes; SSP n = 16 about 20 s per run at 9000 bytes;
# SSP n = 50 about 4 minutes per run at 9000 bytes, 1 at 64 KB.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-frame-fidelity
max_args=2
build=${1:-}
if [ -n "$build" ]; then
    set -- "$build/examples/selmcast-bsp" ${2:+"$2"}
fi
. "$here/reproduce-common.sh"
bsp=$program
ssp=$(dirname "$bsp")/selmcast-ssp
frames='{"mtu": [9000], "segmentSize": [8940]}'
frames64='{"mtu": [65535], "segmentSize": [65475]}'
mkdir -p "$work/bsp" "$work/ssp16" "$work/ssp50"
grid() { # $1: the grid's other parameters (JSON members), $2: fixed members
    printf '{"fixed": {%s, "wallClock": false},\n "grid": [' "$2"
    for f in "$frames" "$frames64"; do
        [ "$f" = "$frames" ] || printf ', '
        printf '%s' "$f" | sed "s/}\$/, $1}/"
    done
    printf ']}\n'
}
grid '"n": [16, 50], "delivery": ["L3", "L7"], "selector": ["selmcast", "random"]' \
    '"blockSize": 4000000, "rounds": 5, "lambda": 0.25' > "$work/bsp/grid.json"
grid '"workload": ["lstm", "transformer", "resnet50"], "selector": ["selmcast", "random"]' \
    '"n": 16, "p": 5, "k": 4, "ssp": 4, "eta": 0.75, "delivery": "L3", "bandwidth": "10Gbps",
     "lambda": 0.25, "mu": 1, "blockSize": 1500000, "computeMean": 10, "duration": 1.0' \
    > "$work/ssp16/grid.json"
grid '"workload": ["lstm", "transformer", "resnet50"], "selector": ["selmcast", "random"]' \
    '"n": 50, "p": 15, "k": 4, "ssp": 4, "eta": 0.75, "delivery": "L3", "bandwidth": "10Gbps",
     "lambda": 0.5, "mu": 1, "blockSize": 500000, "computeMean": 10, "duration": 3' \
    > "$work/ssp50/grid.json"
run() { # $1: program, $2: folder, $3: replications
    "$python" "$here/selmcast-sweep.py" --program "$1" --out "$work/$2" \
        --grid-file "$work/$2/grid.json" --runs "$3" --jobs "${JOBS:-1}"
}
run "$bsp" bsp "${BSP_RUNS:-3}"
"$python" "$here/selmcast-table.py" "$work/bsp/results.csv" --by n,delivery,selector,mtu \
    --values normalized_completion,normalized_plan,average_scale \
    --ratio normalized_completion/normalized_plan
run "$ssp" ssp16 "${SSP16_RUNS:-4}"
"$python" "$here/selmcast-table.py" "$work/ssp16/results.csv" --by workload,selector,mtu \
    --values npu_utilization,mean_scale
run "$ssp" ssp50 "${SSP50_RUNS:-1}"
"$python" "$here/selmcast-table.py" "$work/ssp50/results.csv" --by workload,selector,mtu \
    --values npu_utilization,mean_scale
echo "sweep results under $work"
