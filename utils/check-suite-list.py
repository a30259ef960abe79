#!/usr/bin/env python3
"""Check that the TestSuites registered with CTest are exactly those the runner knows.

Usage: check-suite-list.py RUNNER COMMA_SEPARATED_SUITES
CTest registers one test per suite from a scan of the test sources; a suite the scan missed
would silently never run, so this test compares the scan with the runner's own --list.
"""
import subprocess
import sys


def main():
    runner, expected = sys.argv[1], sys.argv[2]
    expected = sorted(s for s in expected.split(",") if s)
    out = subprocess.run([runner, "--list"], capture_output=True, text=True, check=True).stdout
    listed = sorted(
        line.split()[-1] for line in out.splitlines() if line.strip().split()[-1:] and
        line.strip().split()[-1].startswith("selmcast")
    )
    if listed != expected:
        print("suites the runner knows:", listed)
        print("suites CTest registered:", expected)
        return 1
    print("ok:", ", ".join(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
