#!/bin/sh
# SSP at packet level at the paper's n = 50 (p = 15): the per-workload figures
# doc/figures/ssp-per-workload-n50.png (lambda = 0.25) and ssp-per-workload-n50-lambda05.png
# (the paper's stated lambda = 0.5), and SELMCAST without the k rule (LSTM).
#
# Usage: utils/reproduce-ssp-n50.sh PROGRAM [WORK_DIR [FIGURE_DIR]]
#   PROGRAM     the built example, e.g. build/examples/selmcast-ssp
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
#   FIGURE_DIR  where the PNG files go (default: doc/figures of this repository)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications per workload and
# selector, default: 1), EXTRA_RUNS (of the k-rule and lambda runs, default: 1), DURATION
# (simulated seconds per run, default: 3), PYTHON (default: python3; for the plot, the first
# of python3 and /usr/bin/python3 that has Debian's python3-matplotlib).
#
# The setting: n = 50, p = 15, k = 4, ssp = 4, eta = 0.75, L3, one switch, b = 10 Gbps,
# lambda = 0.25, 500 KB blocks in jumbo frames (MTU 9000, 8940-byte segments), compute mean
# 10 ms, so that the receivers' load p * block time / compute = 15 * 0.4 ms / 10 ms = 0.6 is the
# paper's (15 * 40 ms / 1000 ms) and a run of 3 simulated seconds has 190 to 240 rounds per
# worker (the paper: about 420 in 10 minutes). One SELMCAST run took 190 s of CPU, a Random p
# run 100 to 160 s of wall time; with JOBS=2 on the 2-core project machine, beside other work,
# the 20 runs behind the chapter's tables (these 13 and a second RngRun of 7) took about an hour.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-ssp-n50
. "$here/reproduce-common.sh"
fixed='"fixed": {"n": 50, "p": 15, "ssp": 4, "eta": 0.75, "delivery": "L3",
            "bandwidth": "10Gbps", "mu": 1, "blockSize": 500000, "mtu": 9000,
            "segmentSize": 8940, "computeMean": 10, "duration": '"${DURATION:-3}"',
            "wallClock": false}'
# The per-workload grid in WORK_DIR, RUNS replications; SELMCAST without the k rule and every
# workload with lambda = 0.5 in WORK_DIR/extra, EXTRA_RUNS (default 1) replications.
mkdir -p "$work/extra"
cat > "$work/grid.json" <<GRID
{$fixed,
 "grid": [{"selector": ["selmcast", "random"], "workload": ["lstm", "transformer", "resnet50"],
           "k": [4], "lambda": [0.25]}]}
GRID
cat > "$work/extra/grid.json" <<GRID
{$fixed,
 "grid": [{"selector": ["selmcast"], "workload": ["lstm"], "k": [1000000], "lambda": [0.25]},
          {"selector": ["selmcast", "random"], "workload": ["lstm", "transformer", "resnet50"],
           "k": [4], "lambda": [0.5]}]}
GRID
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "${RUNS:-1}" --jobs "${JOBS:-1}"
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work/extra" \
    --grid-file "$work/extra/grid.json" --runs "${EXTRA_RUNS:-1}" --jobs "${JOBS:-1}"
"$plot_python" "$here/selmcast-plot-ssp.py" "$work/results.csv" --out-dir "$figures" \
    --name ssp-per-workload-n50.png
"$plot_python" "$here/selmcast-plot-ssp.py" "$work/extra/results.csv" --out-dir "$figures" \
    --base lambda=0.5 --base k=4 --name ssp-per-workload-n50-lambda05.png
"$python" "$here/selmcast-table.py" "$work/results.csv" "$work/extra/results.csv" \
    --by selector,workload,k,lambda --values npu_utilization,mean_scale,rounds_min
echo "sweep results: $work/results.csv"
