"""Peak memory of ``ilr-lint check`` on fault-dense files: it must not grow with the number of findings.

    python bench/findings_memory.py            # writes bench/findings-memory-results.md

Generates 20,000- and 60,000-learner files with ``python -m ilr_lint.synth --faults 1.0``
(every learner has a planted fault; into bench/out/, not committed), runs ``ilr-lint check``
on each in its own subprocess for each streamed format (report to /dev/null) and reads the
child's peak resident set size (``ru_maxrss``). The claim checked: for each format the
60,000-learner peak is within 15% of the 20,000-learner peak. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from pathlib import Path

from common import OUT, ilr_lint, measure

HERE = Path(__file__).resolve().parent
SIZES = (20_000, 60_000)
FORMATS = ("json", "sarif", "text", "github", "csv")
TOLERANCE = 0.15


def dense(learners: int, year: str, seed: int) -> Path:
    path = OUT / f"ILR-dense-{year}-{learners}-seed{seed}.xml"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "ilr_lint.synth", "--learners", str(learners), "--year", year,
                        "--seed", str(seed), "--faults", "1.0", "-o", str(path)], check=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", default="2627")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--results", default=str(HERE / "findings-memory-results.md"))
    args = parser.parse_args()
    files = {n: dense(n, args.year, args.seed) for n in SIZES}
    rows, verdicts = [], []
    for fmt in args.formats.split(","):
        peaks = []
        for learners, path in files.items():
            run = measure([ilr_lint(), "check", "--format", fmt, str(path)])
            peaks.append(run.peak_mb)
            rows.append(f"| {fmt} | {learners:,} | {path.stat().st_size / 2**20:.0f} | {run.peak_mb:.0f} | "
                        f"{run.seconds:.1f} |")
            print(rows[-1], file=sys.stderr)
        growth = peaks[-1] / peaks[0] - 1
        verdicts.append(f"- {fmt}: {growth:+.1%} ({'PASS' if growth <= TOLERANCE else 'FAIL'})")
    table = "\n".join(rows)
    Path(args.results).write_text(f"""# Memory on fault-dense files

`python bench/findings_memory.py` on {platform.python_implementation()} {platform.python_version()},
{platform.system()} {platform.machine()}; files from `python -m ilr_lint.synth --year {args.year}
--seed {args.seed} --faults 1.0` (a planted fault in every learner); `ilr-lint check --format FORMAT`,
every check and schema validation, report to /dev/null. Peak memory is the child's maximum
resident set size (`ru_maxrss`).

| format | learners | file (MB) | peak RSS (MB) | wall time (s) |
|:--|--:|--:|--:|--:|
{table}

Growth of the peak from 20,000 to 60,000 learners (limit +{TOLERANCE:.0%}):

{chr(10).join(verdicts)}
""", encoding="utf-8")
    print("\n".join(verdicts), file=sys.stderr)
    return 0 if all("PASS" in v for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
