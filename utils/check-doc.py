#!/usr/bin/env python3
"""Check that the reStructuredText chapters parse cleanly with docutils.

ns-3's own documentation build needs Sphinx and TeX Live (doc/selmcast.rst, "Building the
documentation"); this check needs only Debian's python3-docutils. It removes the Sphinx-only
``highlight`` directive, supplies the ``replace.txt`` substitutions of ns-3's doc/models, and
fails on any docutils warning (a broken table, a bad reference, a missing figure). It also checks
that the SOURCEFIGS list the chapter gives users (section "Building the documentation") names
exactly the figures the chapters show, so that ns-3's doc/models build copies every one.

Usage: check-doc.py MODULE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def check_sourcefigs(top):
    """Return 0 when the chapter's SOURCEFIGS list equals the figures the chapters show."""
    shown = set()
    for name in ("selmcast.rst", "sweeps.rst"):
        path = os.path.join(top, "doc", name)
        if os.path.exists(path):
            shown |= set(re.findall(r"^\.\. (?:figure|image):: figures/(\S+)$",
                                    open(path).read(), flags=re.M))
    chapter = open(os.path.join(top, "doc", "selmcast.rst")).read()
    listed = set(re.findall(r"^ +\$\(SRC\)/\.\./contrib/selmcast/doc/figures/(\S+) \\$", chapter,
                            flags=re.M))
    if shown != listed:
        print("doc/selmcast.rst: the SOURCEFIGS list misses " + str(sorted(shown - listed)) +
              " and names figures no chapter shows " + str(sorted(listed - shown)))
        return 1
    print(f"ok: SOURCEFIGS lists the {len(shown)} figures the chapters show")
    return 0


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
    return status | check_sourcefigs(top)


if __name__ == "__main__":
    sys.exit(main())
