#!/usr/bin/env bash
# Build selmcast against Debian's ns-3 and run the main example, selmcast-compare: SELMCAST,
# Random p and Broadcast on the same seeded network at packet level; prints their table.
# Installs missing Debian packages. Extra arguments go to the example (try --PrintHelp).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
"$top/utils/install-deps.sh"
build=$top/build
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSELMCAST_ENABLE_EXAMPLES=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target selmcast-compare >/dev/null
mkdir -p "$top/out"
cd "$top/out"
exec "$build/examples/selmcast-compare" "$@"
