"""Issue 13's and 16's per-learner bounds in instructions executed, which other load does not disturb.

    python bench/instructions.py              # 2,000 learners (as bench/run.py --quick)
    python bench/instructions.py --learners 10000

On a shared machine CPU time varies by tens of per cent between runs of the same command;
the number of instructions executed does not. This runs ``ilr-lint check --jobs 1 --format
json`` under valgrind (``--tool=cachegrind --cache-sim=no``: it only counts) on a 1-learner and
a 300-learner synthetic file, with every check and with ``--select ILR,schema`` (the checks
before the official rules), and with ``--lars`` (a fictional extract of the file's aims,
``tests/lars_extract.py``) against none. From those it gives the start-up and the cost per
learner of each; each bound is judged on the cost per learner (start-up apart, as in
``bench/run.py``), and shown too for a file of ``--learners`` learners with start-up
included. The children run with a fixed ``PYTHONHASHSEED`` (the count is then the same each
run) and write bytecode caches as a user's would. Needs valgrind (Debian: ``apt-get install
valgrind``); about 3 minutes.
A benchmark, not a test: nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from common import ENV, OUT, ilr_lint, lars_extract, synth

SMALL, LARGE = 1, 300  # learners in the two files: the difference is the cost of 299 learners


def instructions(path: Path, extra: list[str]) -> int:
    """Instructions executed by one ``check`` of ``path``."""
    run = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          sys.executable, ilr_lint(), "check", "--jobs", "1", "--format", "json", str(path), *extra],
                         capture_output=True, text=True, env={**ENV, "PYTHONHASHSEED": "0"})  # the same count each run
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def cost(small: Path, large: Path, extra: list[str]) -> tuple[float, float]:
    """(start-up, per learner) in instructions, after one run uncounted (which indexes a LARS extract)."""
    subprocess.run([ilr_lint(), "check", "--jobs", "1", str(small), *extra], capture_output=True, env=ENV)
    one, many = instructions(small, extra), instructions(large, extra)
    return one, (many - one) / (LARGE - SMALL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=2_000, help="the file size the bounds are given at")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    OUT.mkdir(exist_ok=True)
    small = synth(OUT / "instructions-1.xml", SMALL, "2627", 1)
    large = synth(OUT / "instructions-300.xml", LARGE, "2627", 1)
    scenarios = {"before the official rules": ["--select", "ILR,schema"], "all checks": []}
    folder = lars_extract(large)
    if folder is not None:
        scenarios["all checks, --lars"] = ["--lars", str(folder)]
    found = {name: cost(small, large, extra) for name, extra in scenarios.items()}
    n = args.learners
    for name, (start, each) in found.items():
        print(f"{name}: start-up {start / 1e6:,.0f}M, per learner {each / 1e6:.2f}M instructions")
    for name, base, bound in (("all checks", "before the official rules", 0.25),
                              ("all checks, --lars", "all checks", 0.15)):
        if name in found:
            (s1, e1), (s0, e0) = found[name], found[base]
            ratio = e1 / e0 - 1
            print(f"{name} against {base}, per learner: {ratio:+.1%} (bound {bound:+.0%}): "
                  f"{'PASS' if ratio <= bound else 'FAIL'}; a file of {n:,} learners, start-up included: "
                  f"{(s1 + n * e1) / (s0 + n * e0) - 1:+.1%}")


if __name__ == "__main__":
    main()
