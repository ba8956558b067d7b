#!/usr/bin/env python3
"""Renders the README's conformance tables from `scce4j conformance --format json`, one run per backend.

    python3 docs/conformance/tables.py            # runs ./scce4j conformance for cpu, tf and nd4j
    python3 docs/conformance/tables.py cpu tf     # only these backends

Each row: the Keras profile, its cases, how many passed at the backend's claimed tolerance, how many were
bit-exact, and the largest distance in ulp with the case it came from.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(backend):
    out = subprocess.run([os.path.join(ROOT, "scce4j"), "conformance", "--backend", backend, "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("scce4j conformance --backend %s failed: %s" % (backend, out.stderr.strip()))
    return json.loads(out.stdout)


def table(backend, report):
    tol = report["tolerance"]
    lines = ["| profile | cases | %s: passed | %s: bit-exact | %s: largest deviation |" % ((backend,) * 3),
             "|---|---|---|---|---|"]
    for profile in ("keras3", "keras2"):
        mine = [c for c in report["cases"] if c["id"].startswith(profile + "-")]
        passed = [c for c in mine if c["outcome"] == "passed"]
        exact = [c for c in passed if c["bit_exact"]]
        worst = max(passed, key=lambda c: c["max_ulp"], default=None)
        where = "" if worst is None or worst["max_ulp"] == 0 else " (%s, %s)" % (worst["id"], worst["kind"])
        lines.append("| %s | %d | %d | %d | %d ulp%s |" % (profile, len(mine), len(passed), len(exact),
                                                          0 if worst is None else worst["max_ulp"], where))
    contract = [c for c in report["cases"] if c["id"].startswith("scce4j-contract-")]
    lines.append("")
    lines.append("Claimed tolerance abs %g, rel %g; %d of %d contract cases passed." % (
        tol["abs"], tol["rel"], sum(c["outcome"] == "passed" for c in contract), len(contract)))
    return "\n".join(lines)


def main():
    for backend in sys.argv[1:] or ["cpu", "tf", "nd4j"]:
        print(table(backend, run(backend)))
        print()


if __name__ == "__main__":
    main()
