#!/bin/sh
# The readings of Algorithm 2 against eta at the paper's SSP setting, flow level: the figure
# doc/figures/ssp-eta-readings.png and the tables of doc/selmcast.rst (Validation, "Readings of
# Algorithm 2").
#
# Usage: utils/reproduce-ssp-readings.sh PROGRAM [WORK_DIR [FIGURE_DIR]]
#   PROGRAM     the built example, e.g. build/examples/selmcast-ssp-flow
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
#   FIGURE_DIR  where the PNG file goes (default: doc/figures of this repository)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications, default: 1),
# DURATION (simulated seconds per run, default: 200), PYTHON (as in reproduce-common.sh).
#
# The setting is the paper's: n = 50, p = 15, k = 4, ssp = 4, L3, b = 40 Gbps, lambda = 0.5,
# 200 MB blocks, compute mean 1000 ms, each of the three workloads; eta in 0, 0.25, 0.5, 0.6,
# 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1; 14 readings, 462 runs. One run of 200 simulated seconds
# takes 0.5 to 2 s of CPU; the 462 took about 20 minutes on the 2-core machine beside other work.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-ssp-readings
. "$here/reproduce-common.sh"
# Every sub-grid names the keep comparison and the tau estimate, whose defaults are not the
# printed reading: the first sub-grid is the printed reading, the others change it.
common='"workload": ["lstm", "transformer", "resnet50"],
          "eta": [0, 0.25, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]'
printed="$common"', "keepCompare": ["less"], "tauEstimate": ["blocking"]'
less="$common"', "keepCompare": ["less"]'
cat > "$work/grid.json" <<GRID
{"fixed": {"n": 50, "p": 15, "k": 4, "ssp": 4, "bandwidth": "40Gbps", "lambda": 0.5,
           "blockSize": 200000000, "computeMean": 1000, "duration": ${DURATION:-200}},
 "grid": [{$printed},
          {$common, "keepCompare": ["less-equal"], "tauEstimate": ["blocking"]},
          {$printed, "keepMeasure": ["received"]},
          {$printed, "paretoLoad": ["old"]},
          {$less, "tauEstimate": ["round", "straggler"]},
          {$printed, "reselectOnDone": ["true"]},
          {$printed, "dropsFinal": ["false"]},
          {$printed, "ratePolicy": ["deadline"]},
          {$printed, "paretoScope": ["new"]},
          {$printed, "paretoDeadline": ["global"]},
          {$common, "keepCompare": ["less-equal"], "tauEstimate": ["round"]},
          {$common, "keepCompare": ["less-equal"], "tauEstimate": ["blocking"],
           "paretoScope": ["new"]},
          {$less, "tauEstimate": ["round"], "paretoDeadline": ["global"],
           "paretoLoad": ["old"]}]}
GRID
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "${RUNS:-1}" --jobs "${JOBS:-1}" --quiet
"$plot_python" "$here/selmcast-plot-readings.py" "$work/results.csv" \
    --out "$figures/ssp-eta-readings.png"
echo "sweep results: $work/results.csv"
