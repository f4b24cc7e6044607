"""Benchmark ilr-lint against the floor of streaming XML in Python on this machine.

    python bench/run.py            # 10,000 / 50,000 / 100,000 learners; QAR over five 20,000-learner files and 100,000 + 100,000
    python bench/run.py --quick    # 2,000 / 5,000 / 10,000; QAR over five 2,000-learner files and 10,000 + 10,000

Writes synthetic files with ``python -m ilr_lint.synth`` into bench/out/ (kept for the next
run, not committed), then times each command in a fresh child process and reads from
``os.wait4`` the peak resident set size of the largest of the child and its worker
processes (``ru_maxrss``) and their CPU time:

- ``bare``: ``lxml.etree.iterparse`` over the file, clearing each Learner and nothing else;
- ``check``: ``ilr-lint check --format json`` with every check (schema validation included),
  on every core (the default ``--jobs``), and at the smallest and largest size with
  ``--jobs 1`` (one process) for the scaling with cores;
- ``check --previous``: the same with a previous-year R14 of as many learners;
- ``check, faults 1.0``: a fault-dense file (``--faults 1.0``: every learner has a finding),
  at the smallest and largest size, for the memory of findings;
- at the smallest size, in one process: the checks before the official rules (``--select
  ILR,schema``) against all of them (issue 13: at most 25% more per learner), and ``--lars``
  with a fictional LARS extract covering the file's aims (``tests/lars_extract.py``) against
  none (issue 16: at most 15% more); for these bounds each command also runs on a 1-learner
  file, five times each in turn, and the least CPU times give the cost per learner with
  start-up apart;
- ``qar``: ``ilr-lint qar --format json`` over five files, against the bare passes of all five,
  and over the largest return with its R14 (100,000 + 100,000 learners: the memory target,
  under 250 MB), each on every core and with ``--jobs 1``;
- the threshold: ``--jobs 1`` against ``--jobs 2`` on small files, split whatever their size.

Ratios are to the bare pass measured in the same run, so the targets (docs/performance.md)
hold on any machine. The children write and read bytecode caches as a user's run does (the
first run compiles). The table goes to stdout and, with the machine's description, to
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

from common import OUT, ilr_lint, lars_extract, measure, synth

HERE = Path(__file__).resolve().parent
YEAR, SEED = "2627", 1
# The QAR files: this year's return and its R14 companion, two earlier R14s, and the previous
# year's R14 of a college that merged into this one (only four collection years are supported,
# so the fifth file is a second provider: the QAR counts several UKPRNs together).
QAR_EARLIER = (("2425", 3, 10000001), ("2324", 4, 10000001), ("2526", 5, 10000002))
ONE, BEFORE_OFFICIAL, WITH_LARS = "check, 1 process", "check, 1 process, before the official rules", "check --lars, 1 process"
QAR_FIVE, QAR_PAIR = "qar, 5 files", "qar, a return and its R14"
THRESHOLD_SIZES = (500, 1_500, 3_000)  # about 1.3, 3.9 and 7.8 MB

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


# `ilr-lint` in process, writing its own CPU time and its workers' to argv[1]: on a shared machine the
# wall time of several processes says little, their CPU time says what idle cores would take.
SPLIT_CPU = """
import resource, sys
from ilr_lint.cli import app
try:
    app(sys.argv[2:], prog_name="ilr-lint")
finally:
    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    with open(sys.argv[1], "w") as out:
        out.write(f"{own.ru_utime + own.ru_stime} {workers.ru_utime + workers.ru_stime}")
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
    cpu_seconds: float = 0.0
    parent_cpu: float | None = None  # of cpu_seconds, the parent process's (the rest is its workers')

    def on_idle_cores(self, cores: int) -> float:
        """At most the wall time on ``cores`` idle cores: the parent's CPU time (start-up, the cut, the
        merge, the report: counted as if it never ran beside the workers) and the workers' shared out."""
        assert self.parent_cpu is not None
        return self.parent_cpu + (self.cpu_seconds - self.parent_cpu) / cores

    @property
    def ratio(self) -> float | None:
        return None if self.bare_seconds is None else self.seconds / self.bare_seconds


def bare(*paths: Path) -> tuple[float, float, float]:
    run = measure([sys.executable, "-c", BARE, *map(str, paths)])
    return run.seconds, run.peak_mb, run.cpu_seconds


def size_mb(*paths: Path) -> float:
    return sum(p.stat().st_size for p in paths) / 2**20


def judge(result: Result, max_ratio: float | None, max_rss: float | None = None) -> Result:
    """The result against its targets, if it has any."""
    if max_ratio is None and max_rss is None:
        return result
    ratio = result.ratio
    ok = ((max_ratio is None or (ratio is not None and ratio <= max_ratio))
          and (max_rss is None or result.peak_mb < max_rss))
    result.target = ", ".join(([f"<= {max_ratio:g}x"] if max_ratio else []) + ([f"< {max_rss:g} MB"] if max_rss else []))
    result.verdict = "PASS" if ok else "FAIL"
    return result


def run_sizes(sizes: tuple[int, ...]) -> list[Result]:
    exe = ilr_lint()
    results = []
    for learners in sizes:
        current, previous = OUT / f"synth-{YEAR}-{learners}.xml", OUT / f"synth-{YEAR}-{learners}-previous.xml"
        synth(current, learners, YEAR, SEED, previous=previous)
        floor, floor_rss, floor_cpu = bare(current)
        results.append(Result("bare iterparse", learners, size_mb(current), floor, floor_rss, cpu_seconds=floor_cpu))
        check = [exe, "check", "--format", "json", "--fail-on", "never", str(current)]
        results.append(timed("check", learners, [current], check, floor, split=True))  # every core
        results.append(timed("check --previous", learners, [current, previous], [*check, "--previous", str(previous)],
                             floor))
        if learners in (min(sizes), max(sizes)):
            results.append(timed(ONE, learners, [current], [*check, "--jobs", "1"], floor))
            faulty = synth(OUT / f"synth-{YEAR}-{learners}-faults.xml", learners, YEAR, SEED, faults=1.0)
            results.append(timed("check, faults 1.0", learners, [faulty],
                                 [exe, "check", "--format", "json", "--fail-on", "never", str(faulty)], floor))
        if learners == min(sizes):
            results += per_learner_bounds(current, learners, check, floor)
        print(f"{learners:>7} learners done", file=sys.stderr)
    largest = max(sizes)
    for r in results:
        if r.learners == largest and r.scenario in ("check", "check, faults 1.0"):
            judge(r, 5, 150)
        elif r.learners == largest and r.scenario == "check --previous":
            judge(r, 8, 400)
    return results


def timed(scenario: str, learners: int, paths: list[Path], command: list[str], floor: float | None,
          split: bool = False) -> Result:
    """One run; with ``split``, in process, so that the parent's CPU time is told from its workers'."""
    shares = OUT / "cpu.txt"
    run = measure([sys.executable, "-c", SPLIT_CPU, str(shares), *command[1:]] if split else command)
    result = Result(scenario, learners, size_mb(*paths), run.seconds, run.peak_mb, floor, cpu_seconds=run.cpu_seconds)
    if split:
        result.parent_cpu = float(shares.read_text().split()[0])
    print(result, file=sys.stderr)  # as it comes: a long run cut short keeps what it measured
    return result


def per_learner_bounds(current: Path, learners: int, check: list[str], floor: float) -> list[Result]:
    """One process: the checks before the official rules, and --lars with an extract of the file's aims."""
    one = [*check, "--jobs", "1"]
    found = [timed(BEFORE_OFFICIAL, learners, [current], [*one, "--select", "ILR,schema"], floor)]
    folder = lars_extract(current)
    if folder is not None:
        found.append(timed(WITH_LARS, learners, [current], [*one, "--lars", str(folder)], floor))
    return found


REPEATS = 5  # runs of each command for the per-learner bounds; the least CPU time is the one other load disturbed least


def bounds(learners: int) -> list[str]:
    """Issue 13's and 16's bounds on the cost per learner, in CPU time (less disturbed by other load than wall
    time): ``check --jobs 1`` of a 1-learner file and of the smallest size's, each the least of REPEATS runs;
    the difference is the cost of the learners, start-up apart."""
    large = OUT / f"synth-{YEAR}-{learners}.xml"
    small = synth(OUT / f"synth-{YEAR}-1.xml", 1, YEAR, SEED)
    scenarios = {BEFORE_OFFICIAL: ["--select", "ILR,schema"], ONE: []}
    folder = lars_extract(large)
    if folder is not None:
        scenarios[WITH_LARS] = ["--lars", str(folder)]
    least: dict[tuple[str, Path], float] = {}
    for _ in range(REPEATS):  # in turn, so that a slower spell of the machine falls on every command alike
        for scenario, extra in scenarios.items():
            for path in (small, large):
                cpu = measure([ilr_lint(), "check", "--format", "json", "--fail-on", "never", "--jobs", "1", str(path),
                               *extra]).cpu_seconds
                least[scenario, path] = min(cpu, least.get((scenario, path), cpu))
    cost = {scenario: (least[scenario, small], (least[scenario, large] - least[scenario, small]) / (learners - 1))
            for scenario in scenarios}  # scenario -> (start-up, per learner) in CPU seconds
    lines = []
    for scenario, base, bound, what in ((ONE, BEFORE_OFFICIAL, 0.25, "all checks against those before the "
                                         "official rules (issue 13)"),
                                        (WITH_LARS, ONE, 0.15, "`--lars` against none (issue 16)")):
        if scenario in cost:
            (s1, e1), (s0, e0) = cost[scenario], cost[base]
            ratio = e1 / e0 - 1
            lines.append(f"CPU time per learner, {what}: {e0 * 1e6:,.0f} -> {e1 * 1e6:,.0f} µs, {ratio:+.0%} "
                         f"(bound: {bound:+.0%}): **{'PASS' if ratio <= bound else 'FAIL'}**; with start-up "
                         f"({s0:.2f} -> {s1:.2f} s) in a file of {learners:,} learners: "
                         f"{(s1 + learners * e1) / (s0 + learners * e0) - 1:+.0%}")
    return lines


def scaling(results: list[Result]) -> list[str]:
    """One process against every core: measured, and what idle cores would take (from CPU times)."""
    lines = []
    for learners in sorted({r.learners for r in results if r.scenario == ONE}):
        one = next(r for r in results if r.scenario == ONE and r.learners == learners)
        many = next(r for r in results if r.scenario == "check" and r.learners == learners)
        floor = next(r for r in results if r.scenario == "bare iterparse" and r.learners == learners)
        lines.append(scaling_line(f"`check` on {learners:,} learners", one, many, floor.cpu_seconds))
    for scenario in (QAR_FIVE, QAR_PAIR):
        one, many = (next(r for r in results if r.scenario == name) for name in (f"{scenario}, 1 process", scenario))
        lines.append(scaling_line(f"`{scenario}` ({many.learners:,} learners)", one, many))
    return lines


def scaling_line(what: str, one: Result, many: Result, floor_cpu: float | None = None) -> str:
    """Measured wall times, and at most what 2 and 8 idle cores would take (:meth:`Result.on_idle_cores`)."""
    assert many.parent_cpu is not None
    cores = os.cpu_count() or 1
    text = (f"{what}: measured {one.seconds:.1f} s in one process, {many.seconds:.1f} s on {cores} cores; CPU "
            f"{one.cpu_seconds:.1f} s in one process, {many.cpu_seconds:.1f} s split (parent "
            f"{many.parent_cpu:.1f} s, workers {many.cpu_seconds - many.parent_cpu:.1f} s)")
    for idle in (2, 8):
        wall = many.on_idle_cores(idle)
        ratio = f", {wall / floor_cpu:.1f}x the bare pass's CPU time" if floor_cpu else ""
        text += f"; on {idle} idle cores at most about {wall:.1f} s ({one.cpu_seconds / wall:.1f} times faster{ratio})"
    return text


def threshold(sizes: tuple[int, ...]) -> list[str]:
    """Small files split whatever their size: where two processes start to gain (ilr_lint.parallel.MIN_BYTES)."""
    exe = ilr_lint()
    lines = []
    for learners in sizes:
        path = synth(OUT / f"synth-{YEAR}-{learners}.xml", learners, YEAR, SEED)
        check = [exe, "check", "--format", "json", "--fail-on", "never", "--parallel-min-bytes", "1", str(path)]
        one = timed(ONE, learners, [path], [*check, "--jobs", "1"], None)
        two = timed("check, 2 processes", learners, [path], [*check, "--jobs", "2"], None, split=True)
        lines.append(scaling_line(f"{learners:,} learners ({size_mb(path):.1f} MB)", one, two))
    return lines


def qar_files(learners: int) -> list[Path]:
    current, r14 = OUT / f"qar-{YEAR}-{learners}.xml", OUT / f"qar-{YEAR}-{learners}-previous.xml"
    synth(current, learners, YEAR, SEED, previous=r14)
    files = [current, r14]
    for year, seed, ukprn in QAR_EARLIER:
        files.append(OUT / f"qar-{year}-{ukprn}-{learners}.xml")
        synth(files[-1], learners, year, seed, ukprn)
    return files


def run_qar(learners: int, largest: int) -> list[Result]:
    """``qar`` over the five files (at most 6x their bare passes), and over the largest return with
    its R14 (at 100,000 + 100,000 learners: under 250 MB), each on every core (the default
    ``--jobs``) and in one process."""
    pair = [OUT / f"synth-{YEAR}-{largest}.xml", OUT / f"synth-{YEAR}-{largest}-previous.xml"]  # from run_sizes
    results = []
    for scenario, paths, count, ratio, rss in ((QAR_FIVE, qar_files(learners), learners * 5, 6, None),
                                               (QAR_PAIR, pair, largest * 2, None,
                                                250 if largest == 100_000 else None)):
        floor, _rss, _cpu = bare(*paths)
        command = [ilr_lint(), "qar", "--format", "json", str(paths[0]),
                   *[arg for p in paths[1:] for arg in ("--previous", str(p))]]
        many = timed(scenario, count, paths, command, floor, split=True)
        one = timed(f"{scenario}, 1 process", count, paths, [*command, "--jobs", "1"], floor)
        results += [judge(many, ratio, rss), judge(one, None, rss)]
    return results


def flatness(results: list[Result]) -> list[str]:
    lines = []
    for scenario in ("check", "check, faults 1.0"):
        runs = sorted((r for r in results if r.scenario == scenario), key=lambda r: r.learners)
        small, large = runs[0], runs[-1]
        growth = large.peak_mb / small.peak_mb - 1
        verdict = "PASS" if abs(growth) <= 0.15 else "FAIL"
        lines.append(f"`{scenario}` peak RSS at {large.learners:,} learners is {growth:+.1%} of the peak at "
                     f"{small.learners:,} (target: within 15%): **{verdict}**")
    return lines


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
    lines = ["| scenario | learners | MB | wall (s) | CPU (s) | learners/s | MB/s | x bare | peak RSS (MB) | target | |",
             "|:--|--:|--:|--:|--:|--:|--:|--:|--:|:--|:--|"]
    for r in results:
        ratio = "1.0" if r.ratio is None else f"{r.ratio:.1f}"
        lines.append(f"| {r.scenario} | {r.learners:,} | {r.megabytes:.0f} | {r.seconds:.1f} | {r.cpu_seconds:.1f} | "
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
    started, load = time.strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0]
    measure([ilr_lint(), "check", "--jobs", "1", str(synth(OUT / f"synth-{YEAR}-1.xml", 1, YEAR, SEED))])  # bytecode
    results = run_sizes(sizes)
    results += run_qar(qar_learners, max(sizes))
    split = threshold(THRESHOLD_SIZES)
    text = table(results)
    notes = [*flatness(results), *bounds(min(sizes)), *scaling(results)]
    print(text, *notes, *split, sep="\n")
    command = "python bench/run.py" + (" --quick" if args.quick else "")
    bullets = "\n".join(f"- {line}." for line in notes)
    small = "\n".join(f"- {line}." for line in split)
    Path(args.results).write_text(f"""# Benchmark results

`{command}`, {started}, on {machine()}; load average {load:.1f} at the start, {os.getloadavg()[0]:.1f}
at the end (other work on the machine slows the wall times, not the CPU times).

Files from `python -m ilr_lint.synth --year {YEAR} --seed {SEED}` (previous-year R14 from
`--previous-year-file`, fault-dense files with `--faults 1.0`); each command runs in a fresh
process, timed by wall clock, with peak memory the largest maximum resident set size among
the command's processes (itself and its workers) and CPU time theirs together. `x bare` is the
time over the bare `lxml.etree.iterparse` pass of the same file(s) in this run; for `check
--previous` the floor is one bare pass of the current file, for `qar` the bare passes of all
its files. `check` runs every check with schema validation on every core (the default
`--jobs`); output is JSON.

{text}

{bullets}

Where a file starts to gain from a second process (`--parallel-min-bytes 1` splits any file):

{small}

Targets and what was done to meet them: docs/performance.md.
""", encoding="utf-8")
    print(f"results in {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
