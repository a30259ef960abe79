#!/usr/bin/env bash
# Build everything and run every test: the standalone build against Debian's ns-3 (ctest: the
# ns-3 TestSuites, the GoogleTest tests, the examples of test/examples-to-run.py, the wscript
# check), then the in-tree check (utils/check-in-tree.sh). Installs missing Debian packages.
#
# Usage: utils/test-all.sh [--no-in-tree]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
in_tree=1
for arg in "$@"; do
    case "$arg" in
    --no-in-tree) in_tree=0 ;;
    *)
        echo "test-all.sh: unknown option '$arg' (allowed: --no-in-tree)" >&2
        exit 2
        ;;
    esac
done
jobs=$(nproc)

"$top/utils/install-deps.sh"

build=$top/build
# Everything on, whatever an earlier configure of this build folder chose.
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSELMCAST_ENABLE_TESTS=ON \
    -DSELMCAST_ENABLE_EXAMPLES=ON -DSELMCAST_ENABLE_BENCHMARKS=ON >/dev/null
cmake --build "$build" -j "$jobs"
# --no-tests=error: a build that registered no test must not pass.
(cd "$build" && ctest --output-on-failure --no-tests=error -j "$jobs")

if [ "$in_tree" = 1 ]; then
    "$top/utils/check-in-tree.sh" --jobs "$jobs"
fi
echo "test-all.sh: every test passed"
