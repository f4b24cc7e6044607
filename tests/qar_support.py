"""Helpers for the QAR tests: write a year's file, run ``ilr-lint qar`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from builders import delivery, fam, ilr, learner

PREP = {"2021": "2021-10-20", "2122": "2022-10-20", "2223": "2023-10-20", "2324": "2024-10-20", "2425": "2025-10-20", "2526": "2026-10-20", "2627": "2027-08-20"}


def year_file(year: str, *learners: str, ukprn: int = 10000001, prep: str | None = None) -> str:
    return ilr(*learners, year=year, prep=prep or PREP[year], ukprn=ukprn)


def et(year: str, **fields: object) -> str:
    """An adult skills aim (FM38 from 2024-25, FM35 before) that is not part of a programme."""
    values: dict[str, object] = {"AimType": 4, "FundModel": 38 if year >= "2425" else 35,
                                 "fams": [fam("SOF", 105)], **fields}
    return delivery(year=year, **values)  # type: ignore[arg-type]


def standard(year: str, std: int = 91, **fields: object) -> str:
    """An apprenticeship standard programme aim (ProgType 25, FundModel 36)."""
    values: dict[str, object] = {"LearnAimRef": "ZPROG001", "AimType": 1, "ProgType": 25, "StdCode": std,
                                 "FundModel": 36, "fams": [fam("ACT", 1, fields.get("LearnStartDate"))], **fields}
    return delivery(year=year, **values)  # type: ignore[arg-type]


def person(ref: str, year: str, *aims: str, uln: int = 1000000042, dob: str = "1990-05-01", **fields: object) -> str:
    return learner(ref, year=year, ULN=uln, DateOfBirth=dob, deliveries=list(aims), **fields)


def run_qar(cli: Callable[..., Any], tmp_path: Path, files: dict[str, str], *args: str) -> dict[str, Any]:
    """Write ``files`` (name -> XML; the first is CURRENT) and return the JSON report."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, xml in files.items():
        path = tmp_path / name
        path.write_text(xml, encoding="utf-8")
        paths.append(path)
    previous = [a for p in paths[1:] for a in ("--previous", p)]
    done = cli("qar", paths[0], *previous, *args, "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def aims_of(report: dict[str, Any], learner_ref: str) -> list[dict[str, Any]]:
    return sorted((a for a in report["aims"] if a["learner"] == learner_ref), key=lambda a: a["start_date"])


def only_aim(report: dict[str, Any], learner_ref: str) -> dict[str, Any]:
    found = aims_of(report, learner_ref)
    assert len(found) == 1, found
    return found[0]


def flags(aim: dict[str, Any]) -> tuple[int, int, int]:
    return aim["leaver"], aim["achiever"], aim["completer"]
