#!/usr/bin/env python3
"""Check that the reStructuredText chapters parse cleanly with docutils.

ns-3's own documentation build needs Sphinx and TeX Live (doc/selmcast.rst, "Building the
documentation"); this check needs only Debian's python3-docutils. It removes the Sphinx-only
``highlight`` directive, supplies the ``replace.txt`` substitutions of ns-3's doc/models, and
fails on any docutils warning (a broken table, a bad reference, a missing figure).

Usage: check-doc.py MODULE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(__file__))
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(top, "doc"), os.path.join(tmp, "doc"))
        # The substitutions of ns-3's doc/models/source/replace.txt.
        with open(os.path.join(tmp, "doc", "replace.txt"), "w") as f:
            f.write(".. |ns3| replace:: *ns-3*\n\n.. |ns2| replace:: *ns-2*\n")
        for name in ("selmcast.rst", "sweeps.rst"):
            path = os.path.join(tmp, "doc", name)
            if not os.path.exists(path):
                continue
            text = open(path).read()
            text = re.sub(r"^\.\. highlight::.*$", "", text, flags=re.M)
            open(path, "w").write(text)
            result = subprocess.run(
                [sys.executable, "-m", "docutils", "--halt=warning", "--report=warning", path,
                 os.devnull],
                capture_output=True, text=True)
            if result.returncode != 0:
                print(f"doc/{name}: docutils reports problems:\n{result.stderr}")
                status = 1
            else:
                print(f"ok: doc/{name} parses without warnings")
    return status


if __name__ == "__main__":
    sys.exit(main())
