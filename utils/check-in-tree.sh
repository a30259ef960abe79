#!/usr/bin/env bash
# In-tree check: build selmcast as contrib/selmcast of an ns-3 3.37 source tree and run its
# TestSuites and the examples of test/examples-to-run.py with ns-3's own ./test.py, then build
# the model chapter with ns-3's doc/models Makefile (utils/build-doc-in-tree.sh).
#
# ns-3's source comes from Debian's source package (apt-get source ns3). The tree and its build
# are cached outside the clone, in $SELMCAST_NS3_CACHE (default /var/cache/selmcast for root,
# ~/.cache/selmcast for other users), and
# reused: only the module is rebuilt when it changed. Nothing from ns-3 enters this repository.
#
# Usage: utils/check-in-tree.sh [--jobs N]
set -euo pipefail
# Debian's python3 first: ns-3's configure records the python it finds (and its headers in the
# precompiled header), so a shell with another python3 on PATH (pyenv, a venv) would otherwise
# force a rebuild of the whole cached tree.
export PATH="/usr/bin:/bin:$PATH"

module_dir=$(cd "$(dirname "$0")/.." && pwd)
# /var/cache for root (CI); a user's own cache otherwise, so no step needs sudo but apt-get.
if [ -n "${SELMCAST_NS3_CACHE:-}" ]; then
    cache=$SELMCAST_NS3_CACHE
elif [ "$(id -u)" = 0 ] || [ -w /var/cache/selmcast ]; then
    cache=/var/cache/selmcast
else
    cache=${XDG_CACHE_HOME:-$HOME/.cache}/selmcast
fi
ns3_version=3.37
tree=$cache/ns-$ns3_version
jobs=2
while [ $# -gt 0 ]; do
    case "$1" in
    --jobs)
        jobs=$2
        shift 2
        ;;
    *)
        echo "check-in-tree.sh: unknown option '$1' (allowed: --jobs N)" >&2
        exit 2
        ;;
    esac
done

log() { echo "[check-in-tree $(date +%H:%M:%S)] $*"; }

# One check at a time per cache: two runs copying different checkouts into the same tree would
# build a mix of both.
mkdir -p "$cache"
exec 9>"$cache/.lock"
if ! flock -n 9; then
    log "waiting for another check on $cache"
    flock 9
fi

"$module_dir/utils/install-deps.sh" --in-tree

if [ ! -x "$tree/ns3" ]; then
    log "fetching ns-3 $ns3_version from Debian's source package into $cache"
    mkdir -p "$cache/src"
    # Bookworm serves ns3 3.37; the folder check below catches any other version.
    (cd "$cache/src" && apt-get source -qq ns3 >/dev/null)
    upstream=$(find "$cache/src" -maxdepth 2 -type d -name "ns-$ns3_version" | head -n 1)
    if [ -z "$upstream" ]; then
        echo "check-in-tree.sh: the source package has no ns-$ns3_version folder" >&2
        exit 1
    fi
    rm -rf "$tree.partial"
    cp -a "$upstream" "$tree.partial"
    mv "$tree.partial" "$tree"
fi

# Copy the module in, file by file, touching only files whose content changed, so that the
# cached build recompiles only what changed.
dest=$tree/contrib/selmcast
mkdir -p "$dest"
if git -C "$module_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(cd "$module_dir" && git ls-files --cached --others --exclude-standard)
else
    files=$(cd "$module_dir" && find . -type f ! -path './build*' ! -path './.git/*' | sed 's|^\./||')
fi
declare -A keep=()
for f in $files; do
    [ -f "$module_dir/$f" ] || continue
    keep["$f"]=1
    if ! cmp -s "$module_dir/$f" "$dest/$f"; then
        mkdir -p "$(dirname "$dest/$f")"
        cp "$module_dir/$f" "$dest/$f"
    fi
done
(cd "$dest" && find . -type f | sed 's|^\./||') | while read -r f; do
    [ -n "${keep[$f]:-}" ] || rm -f "$dest/$f"
done

cd "$tree"
# csma only because ns-3 3.37's src/test links it whenever applications and point-to-point are on;
# mpi (with Debian's OpenMPI) for the distributed runs, which Debian's prebuilt ns-3 lacks.
wanted="-d release --enable-tests --enable-examples --enable-mpi --enable-modules=selmcast;csma;mpi --filter-module-examples-and-tests=selmcast"
if [ "$(cat build/.selmcast-configure 2>/dev/null)" != "$wanted" ] || [ ! -f cmake-cache/CMakeCache.txt ]; then
    log "configuring: ./ns3 configure $wanted"
    # shellcheck disable=SC2086
    ./ns3 configure $wanted >"$cache/configure.log" 2>&1 || {
        tail -n 40 "$cache/configure.log"
        exit 1
    }
    mkdir -p build && echo "$wanted" >build/.selmcast-configure
else
    # The module's file list may have changed; re-running CMake is cheap.
    (cd cmake-cache && cmake . >"$cache/configure.log" 2>&1) || {
        tail -n 40 "$cache/configure.log"
        exit 1
    }
fi

log "building with $jobs jobs"
# ./ns3 build ignores its -j in 3.37 (it takes nproc - 1); drive CMake directly.
cmake --build cmake-cache -j "$jobs" >"$cache/build.log" 2>&1 || {
    grep -E 'error|Error' "$cache/build.log" | head -n 40
    tail -n 20 "$cache/build.log"
    exit 1
}

log "running ./test.py for the module"
runner=$(ls build/utils/ns$ns3_version-test-runner* | head -n 1)
suites=$("$runner" --list 2>/dev/null | awk '{print $NF}' | grep '^selmcast' || true)
if [ -z "$suites" ]; then
    echo "check-in-tree.sh: the test-runner knows no selmcast suite" >&2
    exit 1
fi
status=0
: >"$cache/test.log"
for suite in $suites; do
    ./test.py --no-build --nocolor -s "$suite" >>"$cache/test.log" 2>&1 || status=1
done
# The examples of test/examples-to-run.py (the filter leaves only this module's).
./test.py --no-build --nocolor --constrain=example >>"$cache/test.log" 2>&1 || status=1
grep -E '(PASS|FAIL|CRASH|SKIP|VALGR): ' "$cache/test.log" || true
for suite in $suites; do
    grep -q "PASS: TestSuite $suite\$" "$cache/test.log" || {
        echo "check-in-tree.sh: suite $suite did not pass" >&2
        status=1
    }
done
examples=$(grep -c 'PASS: Example' "$cache/test.log" || true)
expected=$(python3 -c "import runpy; print(sum(1 for e in runpy.run_path('$module_dir/test/examples-to-run.py')['cpp_examples'] if e[1] == 'True'))")
if [ "$examples" != "$expected" ]; then
    echo "check-in-tree.sh: $examples examples passed, test/examples-to-run.py lists $expected" >&2
    status=1
fi
# Distributed runs (ns-3's mpi module): the same scenarios on 1, 2 and 4 MPI ranks must give
# the records and summary of one process, and a 4-rank run of 128 workers must complete.
log "distributed runs: 1, 2 and 4 ranks against each other (utils/check-distributed.py)"
python3 "$module_dir/utils/check-distributed.py" build/contrib/selmcast/examples \
    >"$cache/distributed.log" 2>&1 || {
    tail -n 20 "$cache/distributed.log"
    status=1
}
# The model chapter, built with ns-3's own doc/models Makefile and Sphinx configuration.
log "building the model chapter with ns-3's doc/models machinery"
"$module_dir/utils/build-doc-in-tree.sh" "$tree" || status=1
if [ "$status" != 0 ]; then
    echo "check-in-tree.sh: FAILED (logs in $cache)" >&2
    exit 1
fi
log "in-tree check passed: suites $(echo $suites | tr '\n' ' '), $examples examples, the chapter's HTML"
