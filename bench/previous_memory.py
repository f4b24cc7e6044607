"""Peak memory of ``ilr-lint check --previous`` against the same run without it.

Writes a deterministic pair of files with ``ilr_lint.synth`` (a 2026-27 return and its
2025-26 R14 companion, by default 50,000 learners each), then runs the installed
``ilr-lint`` twice in fresh processes and reports each run's peak RSS::

    .venv/bin/python bench/previous_memory.py [--learners 50000] [--keep DIR]

The data is synthetic: no real person. The R14 holds every learner of the return who had
started by 31 July, as they stood then, and as many again who finished within that year.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Iterator

from common import ilr_lint, measure

from ilr_lint import synth
from ilr_lint.years import BY_CODE


def runs(current: Path, previous: Path) -> Iterator[tuple[str, list[str]]]:
    base = [ilr_lint(), "check", str(current), "--select", "change", "--format", "json", "--fail-on", "never"]
    yield "without --previous", base
    yield "with --previous", [*base, "--previous", str(previous)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    opts = parser.parse_args()
    folder = opts.keep or Path(tempfile.mkdtemp(prefix="ilr-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    previous = folder / "ILR-10000001-2526-20261015-090000-01.xml"
    current = folder / "ILR-10000001-2627-20261101-090000-01.xml"
    synth.write(str(current), BY_CODE["2627"], opts.learners, seed=1)
    synth.write(str(previous), BY_CODE["2627"], opts.learners, seed=1, previous=True)
    size = previous.stat().st_size
    print(f"{opts.learners} learners; previous file {size / 2**20:.1f} MiB, current {current.stat().st_size / 2**20:.1f} MiB")
    results = {}
    for label, args in runs(current, previous):
        run = measure(args)
        results[label] = run.peak_mb
        print(f"{label:>20}: peak RSS {run.peak_mb:7.1f} MiB  ({run.seconds:.1f} s, exit {run.exit_code})")
    extra = (results["with --previous"] - results["without --previous"]) * 2**20  # bytes
    print(f"{'--previous costs':>20}: {extra / 2**20:7.1f} MiB = {extra / size:.0%} of the previous file's size")
    if opts.keep is None:
        for path in (previous, current):
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
