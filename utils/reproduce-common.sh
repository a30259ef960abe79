# The shared start of the utils/reproduce-*.sh scripts, sourced with "." (POSIX sh).
# The caller sets, before sourcing: here (the utils folder), label (prefix of the temporary
# sweep folder) and, optionally, max_args (2 for PROGRAM [WORK_DIR]; default 3 for
# PROGRAM [WORK_DIR [FIGURE_DIR]]). It checks the caller's arguments and sets program, work
# (created), figures (created when FIGURE_DIR is taken), python (PYTHON, default python3) and
# plot_python (python, or /usr/bin/python3 when only that one has Debian's python3-matplotlib).
max_args=${max_args:-3}
if [ $# -lt 1 ] || [ $# -gt "$max_args" ]; then
    if [ "$max_args" = 2 ]; then
        echo "usage: $0 PROGRAM [WORK_DIR]" >&2
    else
        echo "usage: $0 PROGRAM [WORK_DIR [FIGURE_DIR]]" >&2
    fi
    exit 2
fi
program=$1
if [ ! -x "$program" ]; then
    echo "$0: PROGRAM $program is not an executable file (build the example first)" >&2
    exit 2
fi
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/$label.XXXXXX")}
figures=${3:-$here/../doc/figures}
python=${PYTHON:-python3}
plot_python=$python
if [ -z "${PYTHON:-}" ] && ! "$python" -c "import matplotlib" 2>/dev/null \
        && [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
    plot_python=/usr/bin/python3
fi
mkdir -p "$work"
if [ "$max_args" != 2 ]; then
    mkdir -p "$figures"
fi

# The grid of the fabric comparisons (BSP and SSP): a leaf-spine of four leaves of four hosts and
# two spines at oversubscription 1, 2, 4 and 8 and a k = 4 fat-tree with its aggregation layer at
# 4:1, each with the four selectors, at every --background value in $backgrounds.
# Usage: fabric_compare_grid FIXED_JSON > grid.json
fabric_compare_grid() {
    cat <<GRID
{
  "fixed": $1,
  "grid": [
    {"topology": ["leafspine"], "hostsPerLeaf": [4], "spines": [2],
     "oversubscription": [1, 2, 4, 8],
     "selector": ["selmcast", "selmcast-fabric", "random", "broadcast"], "background": [$backgrounds]},
    {"topology": ["fattree"], "fatTreeK": [4], "aggOversubscription": [4],
     "selector": ["selmcast", "selmcast-fabric", "random", "broadcast"], "background": [$backgrounds]}
  ]
}
GRID
}
