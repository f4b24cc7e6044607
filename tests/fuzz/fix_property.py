"""The fix property: ``--fix --unsafe-fixes``, then lint again, never adds a finding.

Over ILR files with faults (the faulty samples, and synthetic files with planted faults from
``ilr_lint.synth``), everything runs through the ``ilr-lint`` command: lint, fix every fix
(unsafe ones too), lint again; any finding (code, learner, aim) after the fixes that was not
there before is a fix that created a fault. tests/test_precision.py runs it at a small size;
for a larger run:

    python tests/fuzz/fix_property.py --learners 5000 --seeds 1 2 3 --years 2526 2627
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from ilr_lint import synth
from ilr_lint.years import BY_CODE

Key = tuple[str, str | None, int | None]


def ilr_lint() -> str:
    exe = shutil.which("ilr-lint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        raise SystemExit("the ilr-lint console script is not installed (pip install -e .)")
    return exe


def _findings(*args: object, key: str = "findings") -> Counter[Key]:
    done = subprocess.run([ilr_lint(), "check", "--format", "json", *map(str, args)], capture_output=True,
                          text=True, timeout=600)
    if done.returncode not in (0, 1):
        raise AssertionError(f"ilr-lint {' '.join(map(str, args))} exited {done.returncode}: {done.stderr.strip()}")
    return Counter((f["code"], f["learner"], f["aim"]) for f in json.loads(done.stdout)[key])


def added_by_fixes(files: list[Path], previous: tuple[Path, ...] = ()) -> tuple[Counter[Key], int]:
    """The findings that ``--fix --unsafe-fixes`` added to ``files`` (fixed in place), and how many it fixed."""
    earlier = [a for p in previous for a in ("--previous", p)]
    before = _findings(*files, *earlier)
    fixed = _findings("--fix", "--unsafe-fixes", "--no-backup", *files, *earlier, key="fixed")
    after = _findings(*files, *earlier)
    return after - before, sum(fixed.values())


def planted(folder: Path, learners: int, seed: int, year: str) -> Path:
    """A synthetic file of ``year`` with a fault planted in half of its learners."""
    path = folder / f"ILR-{synth.UKPRN}-{year}-seed{seed}.xml"
    synth.write(str(path), BY_CODE[year], learners, seed, faults=0.5)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--years", nargs="+", default=["2627"], choices=sorted(BY_CODE))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        files = [planted(Path(tmp), args.learners, seed, year) for seed in args.seeds for year in args.years]
        added, fixed = added_by_fixes(files)
    print(f"{len(files)} files, {fixed} findings fixed, {sum(added.values())} added: {dict(added) or 'none'}")
    return 1 if added else 0


if __name__ == "__main__":
    sys.exit(main())
