"""Correctly recorded apprenticeship and T Level patterns from the guidance draw nothing from
any programme, act, finance, employment, learner or tlevel guidance check (all six topics
together, so a check that fires on another topic's correct pattern fails here). The official
rules of these topics, which also ask for what these patterns leave out (names, address, prior
attainment), are tested in tests/official. Two look-alikes with one fault
each show the patterns are sensitive.

Sources: ../shared/guidance/psm-recording-apprenticeship-programmes.txt ('Apprentice changes
employer during the apprenticeship', 'Apprentice is made redundant (redundancy)', 'Apprentice
takes an agreed break in learning', 'Recording apprenticeship standard completions',
'Withdrawal from the apprenticeship programme', 'Transfers to a different apprenticeship with
the same provider', 'Apprenticeship contract type (ACT)') and t-levels-for-the-ilr.txt.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from apprentice import EMPLOYER, act, apprentice, component, english_maths, programme_aim
from builders import delivery, employment, fam, fin, ilr, work_placement

from ilr_lint import synth
from ilr_lint.api import discover
from ilr_lint.years import BY_CODE

TOPICS = tuple(c.code for c in discover() if c.code.startswith("ILR") and c.topic in (
    "programme", "act", "finance", "employment", "learner", "tlevel"))
EMPLOYED = [employment(10, "2026-08-01", emp_id=EMPLOYER), employment(10, "2026-09-01", emp_id=EMPLOYER)]
NEW_EMPLOYER = 222222222
UNKNOWN = 999999999
RES = "\n" + fam("RES", 1)
CHANGE_ACTS = [act(1, "2026-09-01", "2027-01-31"), act(2, "2027-02-01")]


def _changed_employer(residual: bool) -> str:
    prices = [fin("TNP", 1, "2026-09-01", 9000)] + [fin("TNP", 3, "2027-02-01", 5000)] * residual
    return ilr(apprentice("A1", programme_aim(1, acts=CHANGE_ACTS, fins=prices), component(2),
                          english_maths(3, acts=CHANGE_ACTS),
                          employment_statuses=EMPLOYED + [employment(10, "2027-02-01", emp_id=NEW_EMPLOYER)]),
               prep="2027-03-01")


def _redundant(oet1: bool) -> str:
    esm = (("OET", 1),) if oet1 else ()
    return ilr(apprentice("A1", programme_aim(1), component(2), english_maths(3),
                          employment_statuses=EMPLOYED + [employment(11, "2027-01-10", esm=esm)]),
               prep="2027-03-01")


def _completed() -> str:
    """Started in 2025-26, training ended and the end-point assessment passed in 2026-27 (AchDate_02:
    an AchDate within the file's teaching year)."""
    start = "2025-09-01"
    return ilr(apprentice("A1", programme_aim(
        1, start, acts=[act(1, start, "2027-05-15")], EPAOrgID="EPA0001", LearnActEndDate="2027-03-31",
        CompStatus=2, Outcome=1, AchDate="2027-05-15",
        fins=[fin("TNP", 1, start, 9000), fin("TNP", 2, start, 1000)]),
        component(2, start=start, LearnActEndDate="2027-03-31", CompStatus=2, Outcome=1),
        english_maths(3, start, acts=[act(1, start, "2026-06-30")], LearnActEndDate="2026-06-30", CompStatus=2,
                      Outcome=1),
        employment_statuses=[employment(10, "2025-08-01", emp_id=EMPLOYER)]), prep="2027-06-01")


def _break_and_restart() -> str:
    closed = {"LearnActEndDate": "2027-01-15", "CompStatus": 6, "Outcome": 3}
    restart = {"OrigLearnStartDate": "2026-09-01", "LearnPlanEndDate": "2028-06-30", "fams": [RES]}
    return ilr(apprentice(
        "A1", programme_aim(1, acts=[act(1, "2026-09-01", "2027-01-15")], **closed), component(2, **closed),
        english_maths(5, acts=[act(1, "2026-09-01", "2027-01-15")], **closed),
        programme_aim(3, "2027-04-01", acts=[act(2, "2027-04-01")], fins=[fin("TNP", 1, "2027-04-01", 9000)],
                      **restart),
        component(4, start="2027-04-01", **restart),
        english_maths(6, "2027-04-01", acts=[act(2, "2027-04-01")], **restart),
        employment_statuses=EMPLOYED + [employment(11, "2027-01-20"),
                                        employment(10, "2027-04-01", emp_id=NEW_EMPLOYER)]), prep="2027-05-01")


def _withdrawn() -> str:
    left = {"LearnActEndDate": "2027-01-15", "CompStatus": 3, "WithdrawReason": 97, "Outcome": 3}
    return ilr(apprentice("A1", programme_aim(1, acts=[act(1, "2026-09-01", "2027-01-15")], **left),
                          component(2, **left), english_maths(3, acts=[act(1, "2026-09-01", "2027-01-15")], **left),
                          employment_statuses=EMPLOYED), prep="2027-02-01")


def _transfer() -> str:
    moved = {"LearnActEndDate": "2027-01-31", "CompStatus": 3, "WithdrawReason": 40, "Outcome": 3}
    return ilr(apprentice(
        "A1", programme_aim(1, acts=[act(1, "2026-09-01", "2027-01-31")], **moved), component(2, **moved),
        programme_aim(3, "2027-02-01", acts=[act(1, "2027-02-01")], fins=[fin("TNP", 1, "2027-02-01", 8000)],
                      StdCode=99),
        component(4, "Z0001947", start="2027-02-01", StdCode=99),
        english_maths(5, acts=[act(1, "2026-09-01")], StdCode=99),  # continuing aim, standard code amended
        employment_statuses=EMPLOYED), prep="2027-03-01")


def _employers_without_numbers() -> str:
    """'Change of employer and using OET 3': neither employer has an EDS number, so both records
    have EmpId 999999999 and the new one OET 3; the ACT and the residual price change with it."""
    unknown = [employment(10, "2026-08-01", emp_id=UNKNOWN), employment(10, "2027-02-01", emp_id=UNKNOWN,
                                                                        esm=(("OET", 3),))]
    prices = [fin("TNP", 1, "2026-09-01", 9000), fin("TNP", 3, "2027-02-01", 5000)]
    return ilr(apprentice("A1", programme_aim(1, fins=prices), component(2), english_maths(3),
                          employment_statuses=unknown), prep="2027-06-01")


def _awaiting_assessment() -> str:
    """'Recording apprenticeship standard completions': training over, the end-point assessment
    not yet: CompStatus 1 with LearnActEndDate and Outcome 8, the ACT still open."""
    return ilr(apprentice("A1", programme_aim(1, EPAOrgID="EPA0001", LearnPlanEndDate="2027-06-30",
                                              LearnActEndDate="2027-06-25", Outcome=8,
                                              fins=[fin("TNP", 1, "2026-09-01", 9000),
                                                    fin("TNP", 2, "2026-09-01", 1000)]),
                          component(2, LearnPlanEndDate="2027-06-30", LearnActEndDate="2027-06-25", CompStatus=2,
                                    Outcome=1), employment_statuses=EMPLOYED), prep="2027-07-20")


def _tlevel_2526() -> str:
    common = {"ProgType": 31, "FundModel": 25, "LearnStartDate": "2025-09-01", "LearnPlanEndDate": "2027-07-31",
              "fams": [fam("SOF", 107)]}
    aims = [delivery(year="2526", LearnAimRef="ZPROG001", AimType=1, AimSeqNumber=1, PHours=1200, **common),
            delivery(year="2526", LearnAimRef="60358294", AimType=5, AimSeqNumber=2, **common),
            delivery(year="2526", LearnAimRef="ZTLOS001", AimType=3, AimSeqNumber=3, **common),
            delivery(year="2526", LearnAimRef="ZWRKX003", AimType=3, AimSeqNumber=4,
                     work_placements=[work_placement("2026-05-01", 315)], **common)]
    return ilr(apprentice("T1", *aims, employment_statuses=[], year="2526"), year="2526", prep="2025-10-15")


PATTERNS = {
    "change of employer: new employment record, contiguous ACT change, TNP 3": (_changed_employer(True),
                                                                                date(2027, 3, 1)),
    "redundancy with OET 1, ACT left open": (_redundant(True), date(2027, 3, 1)),
    "completed standard whose ACT ends on the AchDate": (_completed(), date(2027, 6, 1)),
    "break whose ACT ends on LearnActEndDate, restart with its own TNP": (_break_and_restart(), date(2027, 5, 1)),
    "withdrawal with ACT ended on LearnActEndDate": (_withdrawn(), date(2027, 2, 1)),
    "transfer to another standard with a continuing English aim": (_transfer(), date(2027, 3, 1)),
    "T Level with its four aims (2025-26)": (_tlevel_2526(), date(2025, 10, 15)),
    "change between two employers without numbers, recorded with OET 3": (_employers_without_numbers(),
                                                                         date(2027, 6, 1)),
    "standard awaiting its end-point assessment (Outcome 8)": (_awaiting_assessment(), date(2027, 7, 20)),
}


@pytest.mark.parametrize("xml, today", PATTERNS.values(), ids=PATTERNS.keys())
def test_correct_pattern_draws_nothing(lint, xml, today):
    assert lint(xml, select=TOPICS, today=today) == []


def _faults(findings: list[dict]) -> list[tuple[str, str, str]]:
    return [(f["code"], f["severity"], f["message"]) for f in findings if f["severity"] != "info"]


def test_no_check_draws_an_error_or_warning_on_a_correct_pattern(cli, tmp_path):
    """Every check selected (schema, withdrawal, qar... too), through the command line; info
    notes, such as a continuing aim just past its planned end, are reminders and allowed."""
    paths = []
    for i, (xml, today) in enumerate(PATTERNS.values()):
        assert f"<FilePreparationDate>{today.isoformat()}<" in xml  # the reference date is the file's
        paths.append(tmp_path / f"pattern-{i}.xml")
        paths[-1].write_text(xml, encoding="utf-8")
    # The change-of-employer pattern moves to ACT 2, as the guidance's example does; the funder's
    # LearnDelFAMType_92 now forbids ACT 2 on programmes started from 1 April 2021. The patterns'
    # learners are bare (no names, address, prior attainment, length of employment), so the
    # official learner, employment and cross-record rules are left out: tests/official has them.
    done = cli("check", "--format", "json", "--fail-on", "warning", "--ignore",
               "LearnDelFAMType_92,learner,employment,cross", *paths)
    assert _faults(json.loads(done.stdout)["findings"]) == [] and done.returncode == 0, done.stderr


@pytest.mark.parametrize("year", ["2526", "2627"])
def test_no_check_draws_an_error_or_warning_on_the_generators_clean_output(cli, tmp_path, year):
    path = tmp_path / f"ILR-10000001-{year}-20{year[:2]}1101-090000-01.xml"  # a submission's name (Filename_1)
    synth.write(str(path), BY_CODE[year], 150, 4)
    done = cli("check", "--format", "json", "--fail-on", "warning", path)
    assert _faults(json.loads(done.stdout)["findings"]) == [] and done.returncode == 0, done.stderr


def test_change_of_employer_without_residual_price_is_reported(lint):
    findings = lint(_changed_employer(False), select=TOPICS, today=date(2027, 3, 1))
    assert [(f.code, f.aim) for f in findings] == [("ILR272", 1)]


def test_unemployment_without_redundancy_under_act1_is_reported(lint):
    findings = lint(_redundant(False), select=TOPICS, today=date(2027, 3, 1))
    assert [(f.code, f.aim) for f in findings] == [("ILR299", 1)]
