"""Every bundled sample file, linted with every check (the schema and the official rules included): the exact findings.

The clean sample draws nothing. Each learner of a faulty sample is recorded in full (names,
address, a ULN that passes its checksum, prior attainment, employment status...) and shows its
own fault(s) and nothing else, so a check that starts firing on another topic's learner, or stops
firing on its own, fails here. sample_ilr/README.md describes every learner.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from ilr_lint.api import Finding, discover
from ilr_lint.engine import Options, lint_file
from ilr_lint.previous import PreviousIndex
from ilr_lint.schema import IlrSchema

SAMPLES = REPO / "sample_ilr"
CLEAN = "ILR-10000001-2627-20261101-090000-01.xml"
PREVIOUS = "faulty/previous/ILR-10000001-2627-20261001-090000-01.xml"
PREVIOUS_OF = {"faulty/change.xml": PREVIOUS}  # linted with --previous

Expected = dict[str, list[tuple[str, int | None]]]  # learner -> [(code, aim)]

EXPECTED: dict[str, Expected] = {
    CLEAN: {},
    PREVIOUS: {},
    "faulty/programme-act.xml": {
        "NOPROG01": [("ILR200", 2), ("AimSeqNumber_02", 2)],  # component aim with no programme aim: aim 2 of 1
        "STDCODE01": [("ILR200", 2)],    # component StdCode 29 in a StdCode 28 programme
        "NOSOF01": [("ILR207", 2)],      # FM36 component aim without SOF 105
        "OVERLAP01": [("ILR210", 3)],    # second programme starts while the first is open
        "ACTGAP01": [("ILR236", 1)],     # no ACT covers 1-9 January 2027
        "ACTOPEN01": [("ILR237", 1)],    # continuing aim whose only ACT has a DateTo
        "BREAKACT01": [("ILR239", 1)],   # break in learning, ACT left open
        "COMPLACT01": [("ILR239", 1)],   # completed standard, ACT ends on LearnActEndDate not AchDate
        "EMACT01": [("ILR241", 3)],      # English aim ACT 2 under an ACT 1 programme
        "TEMPULN01": [("ILR050", None)],  # ACT 1 with the temporary ULN
        "NONINO01": [("ILR051", None)],   # ACT 1 without an NINumber
    },
    "faulty/tlevel.xml": {
        "TLFAULTY": [
            ("ILR406", 2),  # technical qualification recorded as a component (AimType 3)
            ("ILR408", 1),  # no occupational specialism (ZTLOS...)
            ("ILR414", 4),  # industry placement without a work placement record
            ("ILR416", 5),  # old work experience reference ZWRKX001 inside the T Level
            ("ILR417", 1),  # no HRS2 planned hours on the 2026-27 programme aim
            ("AimSeqNumber_02", 5),  # aim 5 of 4: the missing specialism left a gap
            # the funder's R_63 (a 16-19 learner has a core aim) sees ILR406's fault: the technical
            # qualification, the T Level's only possible core aim, is recorded as a component
            ("R_63", 1),
        ],
        # TLCLEAN, the complete T Level beside it, draws nothing
    },
    "faulty/withdrawal-restart.xml": {
        "W100": [("ILR100", 1), ("ILR100", 2), ("ILR100", 3), ("Outcome_05", 3)],  # aim 3 is achieved
        "W101": [("ILR101", 1)],
        "W102": [("ILR102", 1), ("ILR102", 2), ("ILR102", 3)],
        "W103": [("ILR103", 1), ("ILR103", 2)],
        "W104": [("ILR104", 1), ("ILR104", 2)],
        "W105": [("ILR105", 1)],
        "W107": [("ILR103", 1), ("ILR103", 2)],  # no Outcome with the end date: ILR103 (Outcome_12)
        "W108": [("ILR108", 1), ("ILR108", 2), ("Outcome_05", 1)],  # aim 1 is achieved
        "W109": [("ILR109", 1), ("ILR109", 2)],
        "W110": [("ILR110", 1)],
        "W111": [("ILR111", 1)],
        "W112": [("ILR112", 1), ("ILR112", 2), ("AchDate_14", 1), ("AchDate_14", 2)],
        "W113": [("ILR113", 1)],
        "W114": [("ILR114", 1)],
        "W115": [("ILR115", 1)],
        "W116": [("ILR116", 1)],
        "W117": [("ILR117", 1)],
        "W118": [("ILR118", 1)],
        "W119": [("ILR119", 1), ("ILR119", 2), ("ILR119", 3)],  # programme, adult aim and component
        "W121": [("ILR121", 1)],
        "W122": [("ILR122", 1), ("ILR122", 2)],
        "W123": [("ILR123", 1)],
        "R150": [("ILR150", 1)],
        "R151": [("ILR151", 1)],
        "R152": [("ILR152", 1), ("FundModel_21", 1)],  # FundModel 38 for learning begun in 2016
        "R153": [("ILR153", 1)],
        # a restart with neither RES nor OrigLearnStartDate: both are missing
        "R154": [("ILR154", 2)],  # ILR155 (no OrigLearnStartDate) is part of the same fault
        # a wrong or missing OrigLearnStartDate on a restart (RES) is also the QAR's warning ILR602
        "R155": [("ILR155", 2), ("ILR155", 4)],  # ILR602 (the QAR's view of the same restarts) is silent
        "R156": [("ILR156", 2)],
        "R157": [("ILR157", 2)],
        "R158": [("ILR158", 1), ("ILR158", 2)],
        "R159": [("ILR159", 1)],
        "R160": [("ILR160", 2)],   # programme aim on a break, its component left open
        "R160B": [("ILR160", 1)],  # component on a break, its programme aim left open
        "R161": [("ILR161", 2)],
        "R162": [("ILR162", 1)],
        "R163": [("ILR163", 1)],
    },
    "faulty/finance-employment.xml": {
        # each LearnRefNumber names the one check it shows: FIN260 shows ILR260, EMP299 ILR299...
        **{f"FIN{n}": [(f"ILR{n}", 3 if n == 260 else 1)] for n in range(260, 274)},
        **{f"EMP{n}": [(f"ILR{n}", None if n in (294, 295, 296, 298) else 1)] for n in range(290, 300)},
    },
    "faulty/schema.xml": {
        "SCORDER": [("ILR001", None)],
        "SCDATE": [("ILR001", None)],  # ILR002 (not checked) is the same fault: ILR001 names it
        "SCOLDFIELD": [("ILR001", None)],
        "SCREFTOOLONG1": [("ILR001", None)],
    },
    "faulty/change.xml": {
        "CH500": [("ILR500", 1)],
        "CH503": [("ILR503", 1)],
        "CH505": [("ILR505", 2)],
        "CH507N": [("ILR507", None)],
    },
}


def lint_sample(name: str, previous: str | None = None) -> list[Finding]:
    """Every check's findings on a sample (with ``--previous`` where given)."""
    opts = Options(checks=discover(), schema_for=IlrSchema.for_year,
                   previous=PreviousIndex.build([str(SAMPLES / previous)]) if previous else None)
    return lint_file(str(SAMPLES / name), opts).findings


def triples(findings: list[Finding]) -> list[tuple[str, str, int | None]]:
    return sorted(((f.learner or "", f.code, f.aim) for f in findings), key=repr)


def test_every_sample_file_is_listed():
    assert sorted(p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_samples_are_in_the_current_year(name):
    assert lint_file(str(SAMPLES / name), Options(checks=[])).year == "2627"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_findings(name):
    expected = [(learner, code, aim) for learner, found in EXPECTED[name].items() for code, aim in found]
    assert triples(lint_sample(name, PREVIOUS_OF.get(name))) == sorted(expected, key=repr)


def test_cross_submission_checks_need_the_previous_return():
    assert lint_sample("faulty/change.xml") == []


def _learner_lines(text: str) -> dict[str, tuple[int, int]]:
    """LearnRefNumber -> (first line, last line) of its Learner record."""
    spans = {}
    for match in re.finditer(r"<Learner>.*?</Learner>", text, re.S):
        ref = re.search(r"<LearnRefNumber>(.*?)</LearnRefNumber>", match.group()).group(1)
        spans[ref] = (text.count("\n", 0, match.start()) + 1, text.count("\n", 0, match.end()) + 1)
    return spans


@pytest.mark.parametrize("name", sorted(n for n, found in EXPECTED.items() if found))
def test_findings_point_into_their_learner(name):
    spans = _learner_lines((SAMPLES / name).read_text(encoding="utf-8"))
    for f in lint_sample(name, PREVIOUS_OF.get(name)):
        first, last = spans[f.learner]
        assert first <= f.line <= last, (f.learner, f.code, f.line)


def test_findings_point_at_the_field():
    text = (SAMPLES / "faulty/withdrawal-restart.xml").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = _learner_lines(text)["R155"][0]
    wrong_original = lines.index("      <OrigLearnStartDate>2025-10-01</OrigLearnStartDate>", start) + 1
    (finding,) = [f for f in lint_sample("faulty/withdrawal-restart.xml") if f.code == "ILR155" and f.aim == 4]
    assert (finding.learner, finding.line) == ("R155", wrong_original)
