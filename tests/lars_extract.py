"""A fictional LARS extract covering the aims and standards of an ILR file (for timing ``--lars``).

``python tests/lars_extract.py ILR.xml OUT_FOLDER`` writes, in the published layout (the file
names and header rows of the fixture ``tests/fixtures/lars``), a LARS folder in which every
LearnAimRef and StdCode of the file is known: each aim valid for every funding stream from 2010 (of
no NVQ level, "X"), each standard open from 2010; the generator's (:mod:`ilr_lint.synth`)
English and maths aims get their BasicSkillsType, and its T Level core the technical
qualification type and one framework and pathway with its occupational specialism. It is test data, never a real download: with it the LARS rules look every
aim up and find nothing wrong in the generator's clean files, which is what a timing needs. Then
``ilr-lint check ILR.xml --lars OUT_FOLDER``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Iterable

from ilr_lint import synth_learners as synth

BASIC_SKILLS = {synth.GCSE_ENGLISH: "1", synth.GCSE_MATHS: "2", synth.FUNCTIONAL_MATHS: "2"}
TYPES = {synth.TLEVEL_CORE: "1468"}
TLEVEL = (synth.TLEVEL_CORE, synth.TLEVEL_SPECIALISM)  # in FrameworkAims under one framework and pathway
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lars"
FROM = "2010-01-01"
CATEGORIES = ("ANY", "1619_EFA", "1416_EFA", "ADULT_SKILLS", "ADV_LEARN_LOAN", "COMM_LEARN", "MCA_GLA",
              "FCFJ_ADULT_SKILLS", "TAILORED_LEARNING", "GROWTH_SKILLS_SHORT_COURSES")


def references(xml: Path) -> tuple[set[str], set[int]]:
    """The LearnAimRefs and StdCodes an ILR file uses (a plain text scan: test data only)."""
    text = xml.read_text(encoding="utf-8")
    return (set(re.findall(r"<LearnAimRef>\s*([^<\s]+)\s*<", text)),
            {int(c) for c in re.findall(r"<StdCode>\s*(\d+)\s*<", text)})


def _write(folder: Path, name: str, rows: Iterable[dict[str, str]]) -> None:
    with (FIXTURE / name).open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with (folder / name).open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, header, restval="")
        out.writeheader()
        out.writerows(rows)


def write_extract(folder: Path, aims: Iterable[str], standards: Iterable[int]) -> Path:
    """Write the extract of ``aims`` and ``standards`` into ``folder``; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    aims, standards = sorted(set(aims)), sorted(set(standards))
    _write(folder, "LearningDelivery.csv", ({"LearnAimRef": a, "EffectiveFrom": FROM, "LearnAimRefTitle": f"Fictional {a}",
                                            "LearnAimRefType": TYPES.get(a, "9999"), "NotionalNVQLevelv2": "X",
                                            "LearningDeliveryGenre": "EOQ"} for a in aims))
    _write(folder, "Validity.csv", ({"LearnAimRef": a, "ValidityCategory": c, "StartDate": FROM}
                                    for a in aims for c in CATEGORIES))
    _write(folder, "AnnualValue.csv", ({"LearnAimRef": a, "EffectiveFrom": FROM, "BasicSkillsType": BASIC_SKILLS.get(a, "")}
                                     for a in aims))
    for name in sorted(p.name for p in FIXTURE.glob("*.csv")):
        if name not in {"LearningDelivery.csv", "Validity.csv", "AnnualValue.csv", "Standard.csv",
                        "StandardValidity.csv", "FrameworkAims.csv"}:
            _write(folder, name, ())  # tables the extract leaves empty (categories, frameworks ...)
    _write(folder, "FrameworkAims.csv", ({"FworkCode": "1", "ProgType": "31", "PwayCode": "1", "LearnAimRef": a,
                                          "EffectiveFrom": FROM} for a in aims if a in TLEVEL))
    _write(folder, "Standard.csv", ({"StandardCode": str(s), "Version": "1", "StandardName": f"Fictional {s}",
                                     "NotionalEndLevel": "3", "EffectiveFrom": FROM} for s in standards))
    _write(folder, "StandardValidity.csv", ({"StandardCode": str(s), "ValidityCategory": "ANY", "StartDate": FROM}
                                            for s in standards))
    return folder


def extract_for(xml: Path, folder: Path) -> Path:
    """The extract covering every aim and standard of the ILR file ``xml``."""
    return write_extract(folder, *references(xml))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python tests/lars_extract.py ILR.xml OUT_FOLDER")
    print(extract_for(Path(sys.argv[1]), Path(sys.argv[2])))
