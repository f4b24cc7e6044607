"""Benchmark ilr-lint against the floor of streaming XML in Python on this machine.

    python bench/run.py            # 10,000 / 50,000 / 100,000 learners; QAR over five 20,000-learner files
    python bench/run.py --quick    # 2,000 / 5,000 / 10,000; QAR over five 2,000-learner files

Writes synthetic files with ``python -m ilr_lint.synth`` into bench/out/ (kept for the next
run, not committed), then times each command in a fresh child process and reads that
child's peak resident set size from ``os.wait4`` (``ru_maxrss``):

- ``bare``: ``lxml.etree.iterparse`` over the file, clearing each Learner and nothing else;
- ``check``: ``ilr-lint check --format json`` with every check (schema validation included);
- ``check --previous``: the same with a previous-year R14 of as many learners;
- ``qar``: ``ilr-lint qar --format json`` over five files, against the bare passes of all five.

Ratios are to the bare pass measured in the same run, so the targets (docs/performance.md)
hold on any machine. The table goes to stdout and, with the machine's description, to
bench/results.md. A benchmark, not a test: nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from common import OUT, ilr_lint, measure, synth

HERE = Path(__file__).resolve().parent
YEAR, SEED = "2627", 1
# The QAR files: this year's return and its R14 companion, two earlier R14s, and the previous
# year's R14 of a college that merged into this one (only four collection years are supported,
# so the fifth file is a second provider: the QAR counts several UKPRNs together).
QAR_EARLIER = (("2425", 3, 10000001), ("2324", 4, 10000001), ("2526", 5, 10000002))

BARE = """
import sys
from lxml import etree
for path in sys.argv[1:]:
    for _event, el in etree.iterparse(path, events=("start",)):
        tag = el.tag.rpartition("}")[0] + "}Learner"
        break
    for _event, el in etree.iterparse(path, events=("end",), tag=tag):
        el.clear(keep_tail=False)
        while el.getprevious() is not None:
            del el.getparent()[0]
"""


@dataclass
class Result:
    scenario: str
    learners: int
    megabytes: float
    seconds: float
    peak_mb: float
    bare_seconds: float | None = None  # the floor this run is compared with
    target: str = ""
    verdict: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.bare_seconds is None else self.seconds / self.bare_seconds


def bare(*paths: Path) -> tuple[float, float]:
    run = measure([sys.executable, "-c", BARE, *map(str, paths)])
    return run.seconds, run.peak_mb


def size_mb(*paths: Path) -> float:
    return sum(p.stat().st_size for p in paths) / 2**20


def judge(result: Result, max_ratio: float, max_rss: float | None = None) -> Result:
    ratio = result.ratio
    ok = ratio is not None and ratio <= max_ratio and (max_rss is None or result.peak_mb < max_rss)
    result.target = f"<= {max_ratio:g}x" + (f", < {max_rss:g} MB" if max_rss else "")
    result.verdict = "PASS" if ok else "FAIL"
    return result


def run_sizes(sizes: tuple[int, ...]) -> list[Result]:
    exe = ilr_lint()
    results = []
    for learners in sizes:
        current, previous = OUT / f"synth-{YEAR}-{learners}.xml", OUT / f"synth-{YEAR}-{learners}-previous.xml"
        synth(current, learners, YEAR, SEED, previous=previous)
        floor, floor_rss = bare(current)
        results.append(Result("bare iterparse", learners, size_mb(current), floor, floor_rss))
        check = [exe, "check", "--format", "json", "--fail-on", "never", str(current)]
        run = measure(check)
        seconds, rss = run.seconds, run.peak_mb
        results.append(Result("check", learners, size_mb(current), seconds, rss, floor))
        run = measure([*check, "--previous", str(previous)])
        seconds, rss = run.seconds, run.peak_mb
        results.append(Result("check --previous", learners, size_mb(current, previous), seconds, rss, floor))
        print(f"{learners:>7} learners done", file=sys.stderr)
    largest = max(sizes)
    for r in results:
        if r.learners == largest and r.scenario == "check":
            judge(r, 5, 150)
        elif r.learners == largest and r.scenario == "check --previous":
            judge(r, 8, 400)
    return results


def qar_files(learners: int) -> list[Path]:
    current, r14 = OUT / f"qar-{YEAR}-{learners}.xml", OUT / f"qar-{YEAR}-{learners}-previous.xml"
    synth(current, learners, YEAR, SEED, previous=r14)
    files = [current, r14]
    for year, seed, ukprn in QAR_EARLIER:
        files.append(OUT / f"qar-{year}-{ukprn}-{learners}.xml")
        synth(files[-1], learners, year, seed, ukprn)
    return files


def run_qar(learners: int) -> Result:
    paths = qar_files(learners)
    floor, _rss = bare(*paths)
    run = measure([ilr_lint(), "qar", "--format", "json", str(paths[0]),
                   *[arg for p in paths[1:] for arg in ("--previous", str(p))]])
    result = Result(f"qar, {len(paths)} files", learners * len(paths), size_mb(*paths), run.seconds, run.peak_mb,
                    floor)
    return judge(result, 8)


def flatness(results: list[Result]) -> str:
    checks = sorted((r for r in results if r.scenario == "check"), key=lambda r: r.learners)
    small, large = checks[0], checks[-1]
    growth = large.peak_mb / small.peak_mb - 1
    verdict = "PASS" if abs(growth) <= 0.20 else "FAIL"
    return (f"`check` peak RSS at {large.learners:,} learners is {growth:+.1%} of the peak at "
            f"{small.learners:,} (target: within 20%): **{verdict}**")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    try:
        pages, page = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * page / 2**30:.0f} GB RAM"
    except (ValueError, OSError):
        memory = ""
    from lxml import etree
    libxml = ".".join(map(str, etree.LIBXML_VERSION))
    return (f"{platform.system()} {platform.release()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{memory}; "
            f"{platform.python_implementation()} {platform.python_version()}, lxml {etree.__version__} "
            f"(libxml2 {libxml})")


def table(results: list[Result]) -> str:
    lines = ["| scenario | learners | MB | wall (s) | learners/s | MB/s | x bare | peak RSS (MB) | target | |",
             "|:--|--:|--:|--:|--:|--:|--:|--:|:--|:--|"]
    for r in results:
        ratio = "1.0" if r.ratio is None else f"{r.ratio:.1f}"
        lines.append(f"| {r.scenario} | {r.learners:,} | {r.megabytes:.0f} | {r.seconds:.1f} | "
                     f"{r.learners / r.seconds:,.0f} | {r.megabytes / r.seconds:.1f} | {ratio} | {r.peak_mb:.0f} | "
                     f"{r.target} | {r.verdict} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller files: a run of a minute or two")
    parser.add_argument("--results", default=str(HERE / "results.md"), help="where to write the table")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    sizes, qar_learners = ((2_000, 5_000, 10_000), 2_000) if args.quick else ((10_000, 50_000, 100_000), 20_000)
    started = time.strftime("%Y-%m-%d %H:%M")
    results = run_sizes(sizes)
    results.append(run_qar(qar_learners))
    text = table(results)
    print(text)
    flat = flatness(results)
    print(flat)
    command = "python bench/run.py" + (" --quick" if args.quick else "")
    Path(args.results).write_text(f"""# Benchmark results

`{command}`, {started}, on {machine()}.

Files from `python -m ilr_lint.synth --year {YEAR} --seed {SEED}` (previous-year R14 from
`--previous-year-file`); each command runs in a fresh process, timed by wall clock, with peak
memory the child's maximum resident set size. `x bare` is the time over the bare
`lxml.etree.iterparse` pass of the same file(s) in this run; for `check --previous` the
floor is one bare pass of the current file, for `qar` the bare passes of all its files.
`check` runs every check with schema validation; output is JSON.

{text}

{flat}.

Targets and what was done to meet them: docs/performance.md.
""", encoding="utf-8")
    print(f"results in {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
