#!/usr/bin/env python3
"""Check that the README's C++ snippet is the body of examples/selmcast-minimal.cc.

The example is compiled and run by the tests; this check makes the README's copy of it fail a
test when one of the two changes without the other.

Usage: check-readme-snippet.py MODULE_DIR
"""
import os
import re
import sys


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(__file__))
    readme = open(os.path.join(top, "README.md")).read()
    blocks = re.findall(r"```cpp\n(.*?)```", readme, re.S)
    if not blocks:
        print("README.md has no ```cpp block")
        return 1
    snippet = [line.strip() for line in blocks[0].strip().splitlines()]
    example = [line.strip() for line in
               open(os.path.join(top, "examples", "selmcast-minimal.cc")).read().splitlines()]
    for start in range(len(example)):
        if example[start:start + len(snippet)] == snippet:
            print(f"ok: the README snippet is lines {start + 1}-{start + len(snippet)} of "
                  "examples/selmcast-minimal.cc")
            return 0
    print("the README's cpp snippet is not a run of lines of examples/selmcast-minimal.cc:")
    print("\n".join(snippet))
    return 1


if __name__ == "__main__":
    sys.exit(main())
