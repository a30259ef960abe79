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
