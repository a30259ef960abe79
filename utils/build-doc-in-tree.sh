#!/usr/bin/env bash
# Build the model chapter (doc/selmcast.rst, doc/sweeps.rst and their figures) as HTML with
# ns-3's own documentation machinery: the Makefile, conf.py, replace.txt and HTML theme of the
# tree's doc/models, as a user does after adding the module's files to SOURCES, SOURCEFIGS and
# the toctree (doc/selmcast.rst, "Building the documentation").
#
# It works on a copy of doc/models beside the original (doc/models-selmcast: the same depth, so
# the Makefile's ../../src and conf.py's theme path hold), whose index.rst lists only this
# module's chapters: the other modules' .dia figures need dia and TeX Live, which the project
# machine does not have, and are not ours to check. The make variables are the Makefile's own,
# set on its command line. Fails on any Sphinx warning but one: ns-3 3.37's conf.py sets
# language = None, which Sphinx >= 5 reports for every build of ns-3's documentation.
#
# Usage: utils/build-doc-in-tree.sh NS3_TREE   (the module in NS3_TREE/contrib/selmcast)
# Output: NS3_TREE/doc/models-selmcast/build/html/selmcast.html
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/doc/models/Makefile" ] || [ ! -d "$1/contrib/selmcast/doc" ]; then
    echo "usage: $0 NS3_TREE (an ns-3 source tree with doc/models and contrib/selmcast)" >&2
    exit 2
fi
tree=$(cd "$1" && pwd)
if ! command -v sphinx-build >/dev/null; then
    echo "build-doc-in-tree.sh: sphinx-build is missing (Debian: apt-get install python3-sphinx)" >&2
    exit 1
fi
docs=$tree/doc/models-selmcast
rm -rf "$docs"
mkdir -p "$docs/source"
cp "$tree/doc/models/Makefile" "$docs/"
cp -r "$tree/doc/models/source/conf.py" "$tree/doc/models/source/_static" \
    "$tree/doc/models/source/replace.txt" "$docs/source/"
cat >"$docs/source/index.rst" <<'INDEX'
.. only:: html or latex

selmcast Model Library
======================

.. toctree::
   :maxdepth: 2

   selmcast
   sweeps
INDEX

module='$(SRC)/../contrib/selmcast/doc'
figures=$(cd "$tree/contrib/selmcast/doc/figures" && ls ./*.png | sed "s|^\./|$module/figures/|")
cd "$docs"
# -N: no colours; -w: every warning into a file, checked below.
make html \
    SOURCES="source/conf.py source/_static source/index.rst source/replace.txt $module/selmcast.rst $module/sweeps.rst" \
    SOURCEFIGS="$(echo $figures)" IMAGES_EPS= \
    SPHINXOPTS="-N -q -w $docs/warnings.txt" >"$docs/make.log" 2>&1 || {
    cat "$docs/make.log"
    exit 1
}
unexpected=$(grep -v "Invalid configuration value found: 'language = None'" "$docs/warnings.txt" || true)
if [ -n "$unexpected" ]; then
    echo "build-doc-in-tree.sh: Sphinx warnings:" >&2
    echo "$unexpected" >&2
    exit 1
fi
for page in selmcast sweeps; do
    [ -s "build/html/$page.html" ] || {
        echo "build-doc-in-tree.sh: build/html/$page.html was not written" >&2
        exit 1
    }
done
images=$(ls build/html/_images | wc -l)
if [ "$images" -ne "$(echo $figures | wc -w)" ]; then
    echo "build-doc-in-tree.sh: $images images in the HTML, $(echo $figures | wc -w) figures in doc/figures" >&2
    exit 1
fi
echo "build-doc-in-tree.sh: built $docs/build/html/selmcast.html with ns-3's doc/models Makefile ($images figures, no warning of ours)"
