#!/bin/sh
# Rerun the SSP sweep of selmcast-ssp and redraw doc/figures/ssp-per-workload.png from scratch.
#
# Usage: utils/reproduce-ssp-figures.sh PROGRAM [WORK_DIR [FIGURE_DIR]]
#   PROGRAM     the built example, e.g. build/examples/selmcast-ssp
#   WORK_DIR    sweep folder (default: a new temporary folder; an existing one is resumed)
#   FIGURE_DIR  where the PNG file goes (default: doc/figures of this repository)
# Environment: JOBS (runs at once, default: 1), RUNS (RngRun replications, default: 5),
# DURATION (simulated seconds per run, default: 1.0), PYTHON (default: python3; for the plot,
# the first of python3 and /usr/bin/python3 that has Debian's python3-matplotlib).
#
# The grid: workload = lstm, transformer, resnet50 x selector = selmcast, random, at the
# packet-level scale n = 16, p = 5, k = 4, ssp = 4, eta = 0.75, L3, b = 10 Gbps, lambda = 0.25,
# 1.5 MB blocks in 1440-byte segments, compute mean 10 ms (block time at full rate : compute
# = 1 : 8.3, so that the receivers' ingress load p * block time / compute is the paper's,
# 15 * 40 ms / 1000 ms = 0.6), 1 simulated second, RngRun 1..RUNS.
# One run takes 30-55 s on one core of the shared 2-core project machine: 30 runs about
# 23 minutes with JOBS=1.
set -eu
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    echo "usage: $0 PROGRAM [WORK_DIR [FIGURE_DIR]]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
program=$1
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/selmcast-ssp-sweep.XXXXXX")}
figures=${3:-$here/../doc/figures}
python=${PYTHON:-python3}
runs=${RUNS:-5}
duration=${DURATION:-1.0}
if [ ! -x "$program" ]; then
    echo "$0: PROGRAM $program is not an executable file (build the example first)" >&2
    exit 2
fi
plot_python=$python
if [ -z "${PYTHON:-}" ] && ! "$python" -c "import matplotlib" 2>/dev/null \
        && [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
    plot_python=/usr/bin/python3
fi
mkdir -p "$work" "$figures"
cat > "$work/grid.json" <<GRID
{
  "fixed": {"n": 16, "p": 5, "k": 4, "ssp": 4, "eta": 0.75, "delivery": "L3",
            "bandwidth": "10Gbps", "lambda": 0.25, "mu": 1, "blockSize": 1500000,
            "segmentSize": 1440, "computeMean": 10, "duration": $duration, "wallClock": false},
  "grid": {"workload": ["lstm", "transformer", "resnet50"], "selector": ["selmcast", "random"]}
}
GRID
"$python" "$here/selmcast-sweep.py" --program "$program" --out "$work" \
    --grid-file "$work/grid.json" --runs "$runs" --jobs "${JOBS:-1}"
"$plot_python" "$here/selmcast-plot-ssp.py" "$work/results.csv" --out-dir "$figures"
echo "sweep results: $work/results.csv"
