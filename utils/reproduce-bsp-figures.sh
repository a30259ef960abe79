#!/bin/sh
# Rerun the BSP sweeps of selmcast-bsp-selection and redraw doc/figures/bsp-*.png from scratch.
#
# Usage: utils/reproduce-bsp-figures.sh PROGRAM [WORK_DIR [FIGURE_DIR]]
#   PROGRAM     the built example, e.g. build/examples/selmcast-bsp-selection
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
#   FIGURE_DIR  where the PNG files go (default: doc/figures of this repository)
# Environment: JOBS (runs at once, default: the number of CPUs), PYTHON (default: python3, with
# Debian's python3-matplotlib for the plots).
#
# The grid: n = 50, 100, 200 at p = 0.3 n and p / n = 0.1 .. 0.5 at n = 100, each for L3 and L7
# (mu = 1) and for L3 with mu = 1/p; 10 trials per run (Random p: 30), lambda = 0.25, RngRun = 1.
# It takes well under a minute on 2 cores.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
label=selmcast-bsp-sweep
. "$here/reproduce-common.sh"
cat > "$work/grid.json" <<'GRID'
{
  "fixed": {"trials": 10, "selectors": "selmcast,random,optimum", "lambda": 0.25},
  "grid": [
    {"n": [50, 100, 200], "delivery": ["L3", "L7"]},
    {"n": [50, 100, 200], "delivery": ["L3"], "muInverseP": [true]},
    {"n": [100], "pRatio": [0.1, 0.2, 0.3, 0.4, 0.5], "delivery": ["L3", "L7"]},
    {"n": [100], "pRatio": [0.1, 0.2, 0.3, 0.4, 0.5], "delivery": ["L3"], "muInverseP": [true]}
  ]
}
GRID
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs 1 ${JOBS:+--jobs "$JOBS"}
"$plot_python" "$here/selmcast-plot-bsp.py" "$work/results.csv" --out-dir "$figures"
echo "sweep results: $work/results.csv"
