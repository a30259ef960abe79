#!/bin/sh
# Rerun the SSP sweeps of selmcast-ssp and redraw doc/figures/ssp-per-workload.png and
# doc/figures/ssp-sweeps.png from scratch.
#
# Usage: utils/reproduce-ssp-figures.sh PROGRAM [WORK_DIR [FIGURE_DIR]]
#   PROGRAM     the built example, e.g. build/examples/selmcast-ssp
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
#   FIGURE_DIR  where the PNG files go (default: doc/figures of this repository)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications, default: 4),
# DURATION (simulated seconds per run, default: 1.0), MTU (link MTU, default: 9000; the segment
# size follows as MTU - 60), PYTHON (default: python3; for the plots, the first of python3 and
# /usr/bin/python3 that has Debian's python3-matplotlib).
#
# The setting, at packet level: n = 16, p = 5, k = 4, ssp = 4, eta = 0.75, L3, one switch,
# b = 10 Gbps, lambda = 0.25, 1.5 MB blocks, compute mean 10 ms (block time at full rate :
# compute = 1 : 8.3, so that the receivers' ingress load p * block time / compute is the paper's,
# 15 * 40 ms / 1000 ms = 0.6), 1 simulated second, RngRun 1..RUNS. The grid is the union of
#   * per workload: workload = lstm, transformer, resnet50 x selector = selmcast, random;
#   * one sweep at a time around that setting with the LSTM workload (spec section 7):
#     p = 1, 2, 3, 5, 6 (p / n 0.06 to 0.38); k = 1, 2, 4, 8, 20 and 1000000 (no k rule);
#     ssp = k = 1, 2, 4, 7, 10; eta = 0, 0.25, 0.5, 0.75, 1; blockSize x 2^-4, 2^-2, 1, 2^2,
#     2^4; gamma = 0, 0.25, 0.5, 0.75, 1 with the bandwidth redrawn every 1 ms (the paper's
#     100 ms against its 1000 ms compute);
# every sub-grid names the same parameters in the same order, so the shared setting runs once.
# With 9000-byte frames one run takes about 10 to 30 s on one core of the 2-core project
# machine: the 224 runs took 54 minutes with JOBS=2.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-ssp-sweep
. "$here/reproduce-common.sh"
runs=${RUNS:-4}
duration=${DURATION:-1.0}
mtu=${MTU:-9000}
# One sub-grid; "$@"-style overrides as NAME=VALUES pairs (VALUES a JSON list).
sub() {
    sel='"selector": ["selmcast", "random"]'
    wl='["lstm"]' p='[5]' k='[4]' ssp='[4]' eta='[0.75]' block='[1500000]' gamma='[0]'
    for pair in "$@"; do
        eval "${pair%%=*}='${pair#*=}'"
    done
    printf '    {%s, "workload": %s, "p": %s, "k": %s, "ssp": %s, "eta": %s,\n' \
        "$sel" "$wl" "$p" "$k" "$ssp" "$eta"
    printf '     "blockSize": %s, "gamma": %s}' "$block" "$gamma"
}
{
    printf '{\n  "fixed": {"n": 16, "delivery": "L3", "bandwidth": "10Gbps", "lambda": 0.25,\n'
    printf '            "mu": 1, "mtu": %s, "segmentSize": %s, "computeMean": 10,\n' \
        "$mtu" "$((mtu - 60))"
    printf '            "deltaT": "1ms", "duration": %s, "wallClock": false},\n' "$duration"
    printf '  "grid": [\n'
    sub 'wl=["lstm", "transformer", "resnet50"]'; printf ',\n'
    sub 'p=[1, 2, 3, 5, 6]'; printf ',\n'
    sub 'k=[1, 2, 4, 8, 20, 1000000]'; printf ',\n'
    for v in 1 2 7 10; do
        sub "k=[$v]" "ssp=[$v]"; printf ',\n'
    done
    sub 'eta=[0, 0.25, 0.5, 0.75, 1]'; printf ',\n'
    sub 'block=[93750, 375000, 1500000, 6000000, 24000000]'; printf ',\n'
    sub 'gamma=[0, 0.25, 0.5, 0.75, 1]'; printf '\n'
    printf '  ]\n}\n'
} > "$work/grid.json"
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "$runs" --jobs "${JOBS:-1}"
"$plot_python" "$here/selmcast-plot-ssp.py" "$work/results.csv" --out-dir "$figures"
"$plot_python" "$here/selmcast-plot-ssp.py" "$work/results.csv" --sweeps --out-dir "$figures"
echo "sweep results: $work/results.csv"
