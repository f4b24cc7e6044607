"""Peak memory of ``ilr-lint check --previous`` against the same run without it.

Writes a deterministic pair of files (a 2025-26 R14 and a 2026-27 return, by default
50,000 learners each, about 3 KB per learner like the funder's sample), then runs the
installed ``ilr-lint`` twice in fresh processes and reports each run's peak RSS::

    .venv/bin/python bench/previous_memory.py [--learners 50000] [--keep DIR]

The data is synthetic: no real person. Most learners continue unchanged; a few have a
changed planned end date, a new reference number or an aim dropped, so the checks work.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

NAMESPACES = {"2526": "ESFA/ILR/2025-26", "2627": "ILR/2026-27"}
AIM_REFS = ("60146242", "60311046", "50116241", "60149735", "40010089", "60141402")


def _header(year: str, prep: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Message xmlns="{NAMESPACES[year]}">\n'
            f"<Header><CollectionDetails><Collection>ILR</Collection><Year>{year}</Year>"
            f"<FilePreparationDate>{prep}</FilePreparationDate></CollectionDetails><Source>"
            "<ProtectiveMarking>OFFICIAL-SENSITIVE-Personal</ProtectiveMarking><UKPRN>10000001</UKPRN>"
            f"<SerialNo>01</SerialNo><DateTime>{prep}T09:00:00</DateTime></Source></Header>\n"
            "<LearningProvider><UKPRN>10000001</UKPRN></LearningProvider>\n")


def _aim(seq: int, ref: str, start: date, plan_end: date, year: str) -> str:
    hours = "<PHours>120</PHours>" if year == "2526" else ""
    return (f"<LearningDelivery><LearnAimRef>{ref}</LearnAimRef><AimType>4</AimType><AimSeqNumber>{seq}</AimSeqNumber>"
            f"<LearnStartDate>{start}</LearnStartDate><LearnPlanEndDate>{plan_end}</LearnPlanEndDate>"
            f"<FundModel>38</FundModel>{hours}<DelLocPostCode>AB1 2CD</DelLocPostCode><CompStatus>1</CompStatus>"
            "<LearningDeliveryFAM><LearnDelFAMType>SOF</LearnDelFAMType><LearnDelFAMCode>105</LearnDelFAMCode>"
            "</LearningDeliveryFAM><LearningDeliveryFAM><LearnDelFAMType>FFI</LearnDelFAMType>"
            "<LearnDelFAMCode>1</LearnDelFAMCode></LearningDeliveryFAM>"
            "<ProviderSpecDeliveryMonitoring><ProvSpecDelMonOccur>A</ProvSpecDelMonOccur>"
            f"<ProvSpecDelMon>COURSE{seq:04d}</ProvSpecDelMon></ProviderSpecDeliveryMonitoring></LearningDelivery>")


def _learner(n: int, year: str) -> str:
    """Learner ``n`` as the file of ``year`` records it."""
    current = year == "2627"
    ref = f"N{n:07d}" if current and n % 500 == 7 else f"L{n:07d}"  # a few new reference numbers
    prev = f"<PrevLearnRefNumber>L{n:07d}</PrevLearnRefNumber>" if current and n % 1000 == 7 else ""
    aims = []
    for seq in (1, 2, 3):
        if current and seq == 3 and n % 400 == 3:
            continue  # an aim dropped from this year's file
        # dates vary from learner to learner, so that few aims are identical (a worst case for the index)
        start = date(2025, 8, 1) + timedelta(days=(n * 7 + seq * 3) % 330)
        plan_end = date(2027, 7, 31) if current and seq == 1 and n % 300 == 5 else \
            start + timedelta(days=300 + (n * 13 + seq) % 97)
        aims.append(_aim(seq, AIM_REFS[(n + seq) % len(AIM_REFS)], start, plan_end, year))
    return (f"<Learner><LearnRefNumber>{ref}</LearnRefNumber>{prev}<ULN>{1000000000 + n * 7}</ULN>"
            f"<FamilyName>Family{n}</FamilyName><GivenNames>Given{n}</GivenNames><DateOfBirth>2000-01-01</DateOfBirth>"
            "<Ethnicity>31</Ethnicity><Sex>F</Sex><LLDDHealthProb>2</LLDDHealthProb><NINumber>AB123456C</NINumber>"
            "<PostcodePrior>AB1 2CD</PostcodePrior><Postcode>AB1 2CD</Postcode><AddLine1>1 Example Street</AddLine1>"
            f"<AddLine2>Example Town</AddLine2><TelNo>01234567890</TelNo><Email>learner{n}@example.org</Email>"
            "<LearnerFAM><LearnFAMType>EDF</LearnFAMType><LearnFAMCode>1</LearnFAMCode></LearnerFAM>"
            "<LearnerEmploymentStatus><EmpStat>10</EmpStat><DateEmpStatApp>2025-08-01</DateEmpStatApp>"
            "<EmpId>123456789</EmpId><EmploymentStatusMonitoring><ESMType>EII</ESMType><ESMCode>2</ESMCode>"
            "</EmploymentStatusMonitoring></LearnerEmploymentStatus>" + "".join(aims) + "</Learner>\n")


def write_file(path: Path, year: str, prep: str, learners: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(_header(year, prep))
        for n in range(learners):
            out.write(_learner(n, year))
        out.write("</Message>\n")


def peak_rss(args: list[str]) -> tuple[int, float, int]:
    """Run ``args``; return its peak resident set size in KiB, seconds taken and exit code."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss, time.perf_counter() - started, os.waitstatus_to_exitcode(status)


def runs(current: Path, previous: Path) -> Iterator[tuple[str, list[str]]]:
    exe = str(Path(sys.executable).with_name("ilr-lint"))
    base = [exe, "check", str(current), "--select", "change", "--format", "json", "--fail-on", "never"]
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
    write_file(previous, "2526", "2026-10-15", opts.learners)
    write_file(current, "2627", "2026-11-01", opts.learners)
    size = previous.stat().st_size
    print(f"{opts.learners} learners; previous file {size / 2**20:.1f} MiB, current {current.stat().st_size / 2**20:.1f} MiB")
    results = {}
    for label, args in runs(current, previous):
        rss, seconds, code = peak_rss(args)
        results[label] = rss
        print(f"{label:>20}: peak RSS {rss / 1024:7.1f} MiB  ({seconds:.1f} s, exit {code})")
    extra = (results["with --previous"] - results["without --previous"]) * 1024
    print(f"{'--previous costs':>20}: {extra / 2**20:7.1f} MiB = {extra / size:.0%} of the previous file's size")
    if opts.keep is None:
        for path in (previous, current):
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
