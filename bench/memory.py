"""Peak memory of ``ilr-lint check`` on 5,000 and 50,000 learners: it must not grow with the file.

    python bench/memory.py            # writes bench/memory-results.md

Generates both files with ``python -m ilr_lint.synth`` (into bench/out/, not committed), runs
``ilr-lint check --format json`` on each in its own subprocess and reads that child's peak
resident set size from ``os.wait4`` (``ru_maxrss``, kilobytes on Linux), with wall time.
The claim checked: the 50,000-learner peak is within 20% of the 5,000-learner peak.
A benchmark, not a test: nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from common import OUT, ilr_lint, measure, synth

HERE = Path(__file__).resolve().parent
SIZES = (5_000, 50_000)
TOLERANCE = 0.20


@dataclass
class Run:
    learners: int
    file_mb: float
    peak_mb: float
    seconds: float
    exit_code: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", default="2627")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", default=str(HERE / "memory-results.md"))
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    extra: list[str] = []
    note = "all registered checks, schema validation included"
    if importlib.util.find_spec("ilr_lint.schema") is None:
        extra = ["--ignore", "schema"]
        note = "all registered checks except schema validation (ilr_lint.schema not installed in this build)"
    runs = []
    for learners in SIZES:
        path = synth(OUT / f"ILR-synth-{args.year}-{learners}-seed{args.seed}.xml", learners, args.year, args.seed)
        run = measure([ilr_lint(), "check", "--format", "json", *extra, str(path)])
        peak, seconds, code = run.peak_mb, run.seconds, run.exit_code
        runs.append(Run(learners, path.stat().st_size / 2**20, peak, seconds, code))
        print(f"{learners:>6} learners: peak {peak:.1f} MB, {seconds:.1f} s", file=sys.stderr)
    small, large = runs
    growth = large.peak_mb / small.peak_mb - 1
    verdict = "PASS" if growth <= TOLERANCE else "FAIL"
    rows = "\n".join(f"| {r.learners:,} | {r.file_mb:.1f} | {r.peak_mb:.1f} | {r.seconds:.1f} | {r.exit_code} |"
                     for r in runs)
    Path(args.results).write_text(f"""# Memory benchmark

`python bench/memory.py` on {platform.python_implementation()} {platform.python_version()},
{platform.system()} {platform.machine()}; files from `python -m ilr_lint.synth --year {args.year}
--seed {args.seed}`; `ilr-lint check --format json` with {note}.
Peak memory is the child process's maximum resident set size (`ru_maxrss` from `os.wait4`).

| learners | file (MB) | peak RSS (MB) | wall time (s) | exit code |
|---------:|----------:|--------------:|--------------:|----------:|
{rows}

The 50,000-learner peak is {growth:+.1%} of the 5,000-learner peak (limit +{TOLERANCE:.0%}): **{verdict}**.
The reader keeps one learner in memory at a time, so the peak does not grow with the file.
""", encoding="utf-8")
    print(f"{verdict}: {growth:+.1%}; results in {args.results}", file=sys.stderr)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
