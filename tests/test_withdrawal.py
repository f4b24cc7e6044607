"""Topic ``withdrawal``: each check on a faulty learner and on the correct look-alike."""

from __future__ import annotations

from datetime import date
import pytest

from builders import delivery, fam, ilr, learner
from cases import assert_flags_fault_and_spares_look_alike, assert_only_its_own_code, case_file
from conftest import SAMPLE_2526, SAMPLE_2627, codes, needs_shared
from ilr_lint.edits import RemoveField, SetField

MINE = ("withdrawal", "restart")


def adult(**values: object) -> str:
    """An adult skills aim (FundModel 38) standing alone."""
    return delivery(FundModel=38, **({"fams": [fam("SOF", 105)]} | values))


def standard(aim_type: int = 1, **values: object) -> str:
    """An FM36 apprenticeship standard aim: programme aim (1) or component (3)."""
    ref = "ZPROG001" if aim_type == 1 else "60146242"
    return delivery(LearnAimRef=ref, AimType=aim_type, FundModel=36, ProgType=25, StdCode=123,
                    fams=[fam("SOF", 105)] + ([fam("ACT", 1, "2026-09-01")] if aim_type == 1 else []), **values)


def bootcamp(**values: object) -> str:
    return delivery(LearnAimRef="ZPROG001", AimType=1, FundModel=37, ProgType=32, **values)


WITHDRAWN = {"CompStatus": 3, "LearnActEndDate": "2026-10-01", "WithdrawReason": 97, "Outcome": 3}
BREAK = {"CompStatus": 6, "LearnActEndDate": "2026-10-01", "Outcome": 3}
DONE = {"CompStatus": 2, "LearnActEndDate": "2026-10-01", "Outcome": 1}
IN_EPA = {"CompStatus": 1, "LearnActEndDate": "2026-10-01", "Outcome": 8}
ACHIEVED_STANDARD = {"CompStatus": 2, "LearnActEndDate": "2026-10-01", "Outcome": 1, "AchDate": "2026-10-20"}

# code: (faulty learner's aims, look-alike learner's aims, aims flagged on the faulty one, year)
CASES: dict[str, tuple[list[str], list[str], list[int], str]] = {
    "ILR100": ([adult(AimSeqNumber=1, **(WITHDRAWN | {"LearnActEndDate": None})),
                adult(AimSeqNumber=2, **(BREAK | {"LearnActEndDate": None})),
                adult(AimSeqNumber=3, **(DONE | {"LearnActEndDate": None}))],
               [adult(AimSeqNumber=1, **WITHDRAWN), adult(AimSeqNumber=2, **BREAK), adult(AimSeqNumber=3, **DONE)],
               [1, 2, 3], "2627"),
    "ILR101": ([adult(**(WITHDRAWN | {"WithdrawReason": None}))], [adult(**WITHDRAWN)], [1], "2627"),
    "ILR102": ([adult(AimSeqNumber=1, WithdrawReason=97), adult(AimSeqNumber=2, **(DONE | {"WithdrawReason": 97})),
                adult(AimSeqNumber=3, **(BREAK | {"WithdrawReason": 44}))],
               [adult(**WITHDRAWN)], [1, 2, 3], "2627"),
    "ILR103": ([adult(AimSeqNumber=1, **(WITHDRAWN | {"Outcome": None})),
                adult(AimSeqNumber=2, **(DONE | {"Outcome": None})),
                adult(AimSeqNumber=3, LearnActEndDate="2026-10-01"),  # continuing with an end date: Outcome_12
                standard(AimSeqNumber=4, CompStatus=1, LearnActEndDate="2026-10-01")],
               [adult(AimSeqNumber=1, **WITHDRAWN), adult(AimSeqNumber=2, **DONE), adult(AimSeqNumber=3),
                standard(AimSeqNumber=4, **IN_EPA)], [1, 2, 3, 4], "2627"),
    "ILR104": ([adult(AimSeqNumber=1, **(WITHDRAWN | {"Outcome": 1})), adult(AimSeqNumber=2, **(BREAK | {"Outcome": 8}))],
               # a skills bootcamp may be withdrawn with Outcome 1, as in the official rule
               [adult(AimSeqNumber=1, **WITHDRAWN), bootcamp(AimSeqNumber=2, **(WITHDRAWN | {"Outcome": 1}))],
               [1, 2], "2627"),
    "ILR105": ([adult(**(WITHDRAWN | {"OutGrade": "FL"}))], [adult(**(DONE | {"OutGrade": "PA"}))], [1], "2627"),
    "ILR107": ([standard(3, AimSeqNumber=1, LearnActEndDate="2026-10-01", Outcome=1),
                standard(AimSeqNumber=2, CompStatus=1, LearnActEndDate="2026-10-01", Outcome=1)],
               [adult(AimSeqNumber=1), standard(AimSeqNumber=2, **IN_EPA)], [1, 2], "2627"),
    "ILR108": ([adult(AimSeqNumber=1, Outcome=1), standard(3, AimSeqNumber=2, Outcome=8)],
               # CompStatus_05 exempts every aim of a standard; Outcome_09 only its programme aim
               [adult(AimSeqNumber=1), standard(AimSeqNumber=2, **IN_EPA), standard(3, AimSeqNumber=3, Outcome=1)],
               [1, 2], "2627"),
    "ILR109": ([adult(AimSeqNumber=1, Outcome=3), standard(AimSeqNumber=2, Outcome=3)],
               [adult(**(DONE | {"Outcome": 3}))], [1, 2], "2627"),
    "ILR110": ([adult(**(WITHDRAWN | {"LearnActEndDate": "2026-08-31"}))],
               # closed on its start date, as the guidance does to correct an aim reference
               [adult(**(WITHDRAWN | {"LearnActEndDate": "2026-09-01", "WithdrawReason": 98}))], [1], "2627"),
    "ILR111": ([adult(**(WITHDRAWN | {"LearnActEndDate": "2026-11-02"}))],
               [adult(**(WITHDRAWN | {"LearnActEndDate": "2026-11-01"}))], [1], "2627"),
    "ILR112": ([adult(AimSeqNumber=1, **(DONE | {"AchDate": "2026-10-20"})),
                standard(3, AimSeqNumber=2, **(DONE | {"AchDate": "2026-10-20"}))],
               [standard(AimSeqNumber=1, **ACHIEVED_STANDARD), bootcamp(AimSeqNumber=2, **(DONE | {"AchDate": "2026-10-20"}))],
               [1, 2], "2627"),
    "ILR113": ([standard(AimSeqNumber=1, **(ACHIEVED_STANDARD | {"AchDate": "2026-09-20"}))],
               [standard(AimSeqNumber=1, **(ACHIEVED_STANDARD | {"AchDate": "2026-10-01"}))], [1], "2627"),
    "ILR114": ([standard(**(ACHIEVED_STANDARD | {"AchDate": "2026-11-05"}))], [standard(**ACHIEVED_STANDARD)], [1], "2627"),
    "ILR115": ([standard(**(IN_EPA | {"LearnActEndDate": None}))], [standard(**IN_EPA)], [1], "2627"),
    "ILR116": ([standard(**(ACHIEVED_STANDARD | {"AchDate": None}))], [standard(**ACHIEVED_STANDARD)], [1], "2627"),
    "ILR117": ([standard(**(IN_EPA | {"AchDate": "2026-10-20"}))], [standard(**ACHIEVED_STANDARD)], [1], "2627"),
    # transfer within the provider: the new aim may not start before the old one ended
    "ILR118": ([adult(AimSeqNumber=1, **(WITHDRAWN | {"WithdrawReason": 40})),
                adult(AimSeqNumber=2, LearnAimRef="60068802", LearnStartDate="2026-09-15")],
               [adult(AimSeqNumber=1, **(WITHDRAWN | {"WithdrawReason": 40})),
                adult(AimSeqNumber=2, LearnAimRef="60068802", LearnStartDate="2026-10-01")], [1], "2627"),
    "ILR119": ([standard(AimSeqNumber=1, **(WITHDRAWN | {"WithdrawReason": 41})),
                delivery(AimSeqNumber=2, FundModel=81, **(WITHDRAWN | {"WithdrawReason": 41}))],
               [delivery(AimSeqNumber=1, FundModel=25, **(WITHDRAWN | {"WithdrawReason": 41})),
                adult(AimSeqNumber=2, **(WITHDRAWN | {"WithdrawReason": 41}))], [1, 2], "2627"),
    "ILR120": ([delivery(year="2526", FundModel=35, LearnStartDate="2025-09-01",
                         **(WITHDRAWN | {"LearnActEndDate": "2025-10-01", "WithdrawReason": 28}))],
               [delivery(year="2526", FundModel=35, LearnStartDate="2025-09-01", fams=[fam("LDM", "034")],
                         **(WITHDRAWN | {"LearnActEndDate": "2025-10-01", "WithdrawReason": 28}))], [1], "2526"),
    "ILR121": ([delivery(**(WITHDRAWN | {"WithdrawReason": 48}))],
               [delivery(LearnAimRef="ZWRKX002", **(WITHDRAWN | {"WithdrawReason": 48}))], [1], "2627"),
    "ILR122": ([adult(AimSeqNumber=1, **(WITHDRAWN | {"WithdrawReason": 28})),
                adult(AimSeqNumber=2, **(WITHDRAWN | {"WithdrawReason": 99}))],
               [adult(**(WITHDRAWN | {"WithdrawReason": 98}))], [1, 2], "2627"),
    "ILR123": ([delivery(FundModel=25, **BREAK)], [adult(**BREAK)], [1], "2627"),
}


@pytest.mark.parametrize("code", CASES)
def test_check_flags_the_fault_and_spares_the_look_alike(lint, code):
    assert_flags_fault_and_spares_look_alike(lint, code, CASES[code])


@pytest.mark.parametrize("code", CASES)
def test_each_fault_draws_only_its_own_code_from_these_topics(lint, code):
    assert_only_its_own_code(lint, code, CASES[code], MINE)


def test_checks_are_documented_and_name_official_rules(cli):
    shown = cli("explain", "ILR104")
    assert shown.returncode == 0 and "CompStatus_06" in shown.stdout and "Fix. " in shown.stdout  # rendered Markdown


def test_reason_is_removed_safely_only_from_a_completed_aim(problems):
    """On a continuing or break aim the reason may be the right half: the learner may have withdrawn."""
    found = problems(case_file(CASES["ILR102"]), "ILR102")
    assert [(p.where.aim_seq_number, p.edits, p.unsafe) for p in found] == [
        (1, (RemoveField(1, "WithdrawReason"),), True),
        (2, (RemoveField(2, "WithdrawReason"),), False),
        (3, (RemoveField(3, "WithdrawReason"),), True),
    ]


def test_withdrawn_without_outcome_gets_outcome_3_and_completed_gets_no_edit(problems):
    found = problems(case_file(CASES["ILR103"]), "ILR103")
    assert [(p.where.aim_seq_number, p.edits, p.unsafe, p.rules) for p in found] == [
        (1, (SetField(1, "Outcome", "3"),), False, ("CompStatus_04", "Outcome_12")),
        (2, (), False, ("CompStatus_04", "Outcome_12")),
        (3, (), False, ("CompStatus_02", "Outcome_12")),
        (4, (SetField(4, "Outcome", "8"),), True, ("Outcome_12",))]


@pytest.mark.parametrize("code, edits, unsafe", [
    ("ILR104", (SetField(1, "Outcome", "3"),), True),
    ("ILR105", (RemoveField(1, "OutGrade"),), False),
    ("ILR112", (RemoveField(1, "AchDate"),), False),
    ("ILR119", (SetField(1, "WithdrawReason", "2"),), True),
])
def test_mechanical_corrections_are_attached(problems, code, edits, unsafe):
    first = problems(case_file(CASES[code]), code)[0]
    assert (first.edits, first.unsafe) == (edits, unsafe)


def test_a_continuing_aim_with_end_date_and_no_outcome_draws_one_finding(lint):
    both = case_file(([adult(AimSeqNumber=1, LearnActEndDate="2026-10-01")], [adult()], [1], "2627"))
    assert [(f.code, f.rules) for f in lint(both, select=("ILR103", "ILR107"))] == [
        ("ILR103", ("CompStatus_02", "Outcome_12"))]


def test_fixable_is_reported_on_findings(lint):
    findings = lint(case_file(CASES["ILR102"]), select=("ILR102",))
    assert [f.fixable for f in findings] == ["unsafe", "safe", "unsafe"]


def test_reason_28_is_valid_up_to_2025_26_only(lint):
    old = ilr(learner("L1", year="2526", deliveries=[delivery(
        year="2526", FundModel=35, LearnStartDate="2025-09-01", fams=[fam("LDM", "034")],
        **(WITHDRAWN | {"LearnActEndDate": "2025-10-01", "WithdrawReason": 28}))]), year="2526", prep="2025-11-01")
    assert lint(old, select=MINE) == []
    new = ilr(learner("L1", deliveries=[adult(fams=[fam("SOF", 105), fam("LDM", "034")], **(WITHDRAWN | {"WithdrawReason": 28}))]))
    assert codes(lint(new, select=MINE)) == ["ILR122"]  # ILR120 does not apply: code 28 has gone


def test_transfer_message_says_what_to_change(lint):
    finding = lint(case_file(CASES["ILR118"]), select=("ILR118",))[0]
    assert "WithdrawReason 40" in finding.message and "2026-10-01" in finding.message
    assert "LearnStartDate on or after 2026-10-01" in finding.fix


def test_end_date_is_compared_with_the_file_preparation_date_not_today(lint):
    xml = ilr(learner("L1", deliveries=[adult(**(WITHDRAWN | {"LearnActEndDate": "2026-10-15"}))]))
    assert lint(xml, select=("ILR111",), today=date(2026, 10, 1)) == []


@needs_shared
def test_funder_2627_sample_draws_nothing_from_these_topics(lint):
    assert lint(SAMPLE_2627.read_text(encoding="utf-8-sig"), select=MINE) == []


@needs_shared
def test_funder_2526_sample_draws_only_its_genuine_future_dates(lint):
    # The 2025-26 sample's FilePreparationDate is 2025-01-08, yet three learners record
    # actual end dates (and one skills bootcamp an AchDate) later in 2025: the funder's own
    # LearnActEndDate_04 and AchDate_07 reject these, so the findings are right.
    findings = lint(SAMPLE_2526.read_text(encoding="utf-8-sig"), select=MINE)
    assert [(f.code, f.learner, f.aim, f.line) for f in findings] == [
        ("ILR111", "16Learner", 2, 100),
        ("ILR111", "ASLearner", 1, 322),
        ("ILR111", "SBLearnerEV", 1, 1541),
        ("ILR111", "SBLearnerEV", 2, 1577),
        ("ILR114", "SBLearnerEV", 1, 1543),
    ]
