"""Topic ``restart``: each check on a faulty learner and on the correct look-alike."""

from __future__ import annotations

from datetime import date

import pytest

from builders import delivery, fam, ilr, learner
from cases import assert_flags_fault_and_spares_look_alike, assert_only_its_own_code, case_file
from conftest import SAMPLE_2526, SAMPLE_2627, needs_shared
from ilr_lint.edits import AddFAM, RemoveFAM, RemoveField, SetField

MINE = ("withdrawal", "restart")
RES = fam("RES", 1)


def adult(*extra_fams: str, **values: object) -> str:
    """An adult skills aim (FundModel 38), LearnAimRef 60146242 unless given."""
    return delivery(FundModel=38, fams=[fam("SOF", 105), *extra_fams], **values)


def standard(aim_type: int, *extra_fams: str, std: int = 123, **values: object) -> str:
    """An FM36 apprenticeship standard aim: programme aim (1) or component (3)."""
    ref = "ZPROG001" if aim_type == 1 else "60146242"
    return delivery(AimType=aim_type, FundModel=36, ProgType=25, StdCode=std,
                    fams=[fam("SOF", 105), *extra_fams], **({"LearnAimRef": ref} | values))


# An adult aim on a break since 31 January 2026, started 1 September 2025 ...
ON_BREAK = {"LearnStartDate": "2025-09-01", "LearnPlanEndDate": "2026-06-30", "CompStatus": 6,
            "LearnActEndDate": "2026-01-31", "Outcome": 3}
# ... and its correct restart on 1 September 2026.
RESTART = {"LearnStartDate": "2026-09-01", "OrigLearnStartDate": "2025-09-01"}
# A transfer within the provider: the old aim closed with WithdrawReason 40 ...
TRANSFERRED = {"CompStatus": 3, "LearnActEndDate": "2026-09-30", "WithdrawReason": 40, "Outcome": 3}
# ... and the guidance's correction of a significantly wrong planned end date.
CORRECTED = {"LearnStartDate": "2025-09-01", "LearnPlanEndDate": "2026-06-30", "CompStatus": 3,
             "LearnActEndDate": "2026-08-01", "WithdrawReason": 40, "Outcome": 3}
NEW_ADULT_AIM = "60068802"

# code: (faulty learner's aims, look-alike learner's aims, aims flagged on the faulty one, year)
CASES: dict[str, tuple[list[str], list[str], list[int], str]] = {
    "ILR150": ([adult(OrigLearnStartDate="2025-09-01")], [adult(RES, OrigLearnStartDate="2025-09-01")], [1], "2627"),
    "ILR151": ([adult(RES, OrigLearnStartDate="2026-09-01")], [adult(RES, OrigLearnStartDate="2026-08-31")],
               [1], "2627"),
    "ILR152": ([adult(RES, OrigLearnStartDate="2016-08-31")], [adult(RES, OrigLearnStartDate="2016-09-01")],
               [1], "2627"),
    "ILR153": ([delivery(FundModel=25, fams=[RES], OrigLearnStartDate="2025-09-01")],
               [adult(RES, OrigLearnStartDate="2025-09-01")], [1], "2627"),
    # a break and a later aim of the same learning with nothing to say it is a restart
    "ILR154": ([adult(AimSeqNumber=1, **ON_BREAK), adult(AimSeqNumber=2, LearnStartDate="2026-09-01")],
               [adult(AimSeqNumber=1, **ON_BREAK), adult(RES, AimSeqNumber=2, **RESTART)], [2], "2627"),
    # restarts with RES but no or the wrong OrigLearnStartDate; the look-alike is a break that
    # was itself a restart, whose restart carries the first start (the QAR matches either)
    "ILR155": ([adult(AimSeqNumber=1, **ON_BREAK), adult(RES, AimSeqNumber=2, LearnStartDate="2026-09-01"),
                adult(AimSeqNumber=3, LearnAimRef=NEW_ADULT_AIM, **ON_BREAK),
                adult(RES, AimSeqNumber=4, LearnAimRef=NEW_ADULT_AIM, **(RESTART | {"OrigLearnStartDate": "2025-10-01"}))],
               [adult(AimSeqNumber=1, **(ON_BREAK | {"LearnStartDate": "2024-09-01", "LearnActEndDate": "2025-01-31"})),
                adult(RES, AimSeqNumber=2, OrigLearnStartDate="2024-09-01", **ON_BREAK),
                adult(RES, AimSeqNumber=3, **(RESTART | {"OrigLearnStartDate": "2024-09-01"}))], [2, 4], "2627"),
    "ILR156": ([adult(AimSeqNumber=1, **(ON_BREAK | {"LearnActEndDate": "2026-09-01"})),
                adult(RES, AimSeqNumber=2, **RESTART)],
               [adult(AimSeqNumber=1, **(ON_BREAK | {"LearnActEndDate": "2026-08-31"})),
                adult(RES, AimSeqNumber=2, **RESTART)], [2], "2627"),
    # the new aim of a transfer carries RES and OrigLearnStartDate; the look-alike is the
    # planned end date correction (1 August / 2 August, RES and PriorLearnFundAdj)
    "ILR157": ([adult(AimSeqNumber=1, **TRANSFERRED),
                adult(RES, AimSeqNumber=2, LearnAimRef=NEW_ADULT_AIM, LearnStartDate="2026-10-01",
                      OrigLearnStartDate="2026-09-01")],
               [adult(AimSeqNumber=1, **CORRECTED),
                adult(RES, AimSeqNumber=2, LearnStartDate="2026-08-02", PriorLearnFundAdj=60)], [2], "2627"),
    "ILR158": ([delivery(AimSeqNumber=1, FundModel=25, PriorLearnFundAdj=50),
                delivery(AimSeqNumber=2, FundModel=99, PriorLearnFundAdj=50)],
               [delivery(AimSeqNumber=1, FundModel=99, fams=[fam("ADL", 1)], PriorLearnFundAdj=50),
                adult(AimSeqNumber=2, PriorLearnFundAdj=50)], [1, 2], "2627"),
    "ILR159": ([standard(1, AimSeqNumber=1, PriorLearnFundAdj=50), standard(3, AimSeqNumber=2)],
               [standard(1, AimSeqNumber=1), standard(3, AimSeqNumber=2, PriorLearnFundAdj=50)], [1], "2627"),
    # a programme on a break with a component still open; a programme still open with a
    # component on a break (a second standard, 456)
    "ILR160": ([standard(1, AimSeqNumber=1, **ON_BREAK), standard(3, AimSeqNumber=2, LearnStartDate="2025-09-01"),
                standard(1, AimSeqNumber=3, std=456, LearnStartDate="2025-09-01"),
                standard(3, AimSeqNumber=4, std=456, **ON_BREAK)],
               [standard(1, AimSeqNumber=1, **ON_BREAK), standard(3, AimSeqNumber=2, **ON_BREAK),
                standard(3, AimSeqNumber=3, LearnAimRef=NEW_ADULT_AIM,
                         **(ON_BREAK | {"CompStatus": 2, "LearnActEndDate": "2025-12-01", "Outcome": 1}))],
               [2, 3], "2627"),
    # EEF 2 on a restart after a withdrawal; the look-alike is EEF 2 on the new programme
    # of a transfer (WithdrawReason 40), which is not a restart
    "ILR161": ([standard(1, AimSeqNumber=1, **(ON_BREAK | {"CompStatus": 3, "WithdrawReason": 97})),
                standard(1, fam("EEF", 2), AimSeqNumber=2, LearnStartDate="2026-09-01")],
               [standard(1, AimSeqNumber=1, **(ON_BREAK | {"CompStatus": 3, "WithdrawReason": 40})),
                standard(1, fam("EEF", 2), AimSeqNumber=2, LearnStartDate="2026-09-01")], [2], "2627"),
    "ILR162": ([adult(AimSeqNumber=1, LearnStartDate="2025-09-01"), adult(RES, AimSeqNumber=2, **RESTART)],
               [adult(AimSeqNumber=1, **ON_BREAK), adult(RES, AimSeqNumber=2, **RESTART)], [1], "2627"),
    # on a break since 30 September 2025, 397 days before the file's 1 November 2026
    "ILR163": ([adult(AimSeqNumber=1, **(ON_BREAK | {"LearnActEndDate": "2025-09-30"}))],
               [adult(AimSeqNumber=1, **ON_BREAK),
                adult(AimSeqNumber=2, LearnAimRef=NEW_ADULT_AIM, **(ON_BREAK | {"LearnActEndDate": "2025-09-30"})),
                adult(RES, AimSeqNumber=3, LearnAimRef=NEW_ADULT_AIM, **RESTART)], [1], "2627"),
}


@pytest.mark.parametrize("code", CASES)
def test_check_flags_the_fault_and_spares_the_look_alike(lint, code):
    assert_flags_fault_and_spares_look_alike(lint, code, CASES[code])


@pytest.mark.parametrize("code", CASES)
def test_each_fault_draws_only_its_own_code_from_these_topics(lint, code):
    assert_only_its_own_code(lint, code, CASES[code], MINE)


def test_matched_restart_after_a_break_is_silent(lint):
    xml = ilr(learner("L1", deliveries=[adult(AimSeqNumber=1, **ON_BREAK), adult(RES, AimSeqNumber=2, **RESTART)]))
    assert lint(xml, select=MINE) == []


def test_matched_apprenticeship_restart_after_a_break_is_silent(lint):
    xml = ilr(learner("L1", deliveries=[
        standard(1, AimSeqNumber=1, **ON_BREAK), standard(3, AimSeqNumber=2, **ON_BREAK),
        standard(1, RES, AimSeqNumber=3, **RESTART), standard(3, RES, AimSeqNumber=4, PriorLearnFundAdj=70, **RESTART)]))
    assert lint(xml, select=MINE) == []


def test_transfer_without_res_is_silent(lint):
    xml = ilr(learner("L1", deliveries=[
        adult(AimSeqNumber=1, **TRANSFERRED),
        adult(AimSeqNumber=2, LearnAimRef=NEW_ADULT_AIM, LearnStartDate="2026-09-30", PriorLearnFundAdj=80)]))
    assert lint(xml, select=MINE) == []


def test_planned_end_date_correction_is_silent(lint):
    xml = ilr(learner("L1", deliveries=[adult(AimSeqNumber=1, **CORRECTED),
                                        adult(RES, AimSeqNumber=2, LearnStartDate="2026-08-02", PriorLearnFundAdj=60)]))
    assert lint(xml, select=MINE) == []


def test_planned_end_date_correction_without_prior_learning_adjustment_asks_for_it(lint):
    xml = ilr(learner("L1", deliveries=[adult(AimSeqNumber=1, **CORRECTED),
                                        adult(RES, AimSeqNumber=2, LearnStartDate="2026-08-02")]))
    findings = lint(xml, select=MINE)
    assert [(f.code, f.aim) for f in findings] == [("ILR157", 2)]
    assert "add PriorLearnFundAdj" in findings[0].fix


def test_planned_end_date_correction_of_an_fm36_programme_aim_needs_no_prior_learning_adjustment(lint):
    # PriorLearnFundAdj is not returned on a programme aim (and ILR159 forbids it on FundModel 36),
    # so the corrected standard's new programme aim carries RES alone: nothing to report.
    xml = ilr(learner("L1", deliveries=[standard(1, AimSeqNumber=1, **CORRECTED),
                                        standard(1, RES, AimSeqNumber=2, LearnStartDate="2026-08-02")]))
    assert lint(xml, select=MINE) == []


def test_transfer_target_with_original_start_is_reported_once_as_transfer(lint):
    xml = ilr(learner("L1", deliveries=[
        adult(AimSeqNumber=1, **TRANSFERRED),
        adult(AimSeqNumber=2, LearnAimRef=NEW_ADULT_AIM, LearnStartDate="2026-10-01", OrigLearnStartDate="2026-09-01")]))
    findings = lint(xml, select=MINE)
    assert [(f.code, f.aim) for f in findings] == [("ILR157", 2)]  # not also ILR150 "add RES"


def test_restart_message_explains_the_qar_consequence(lint):
    finding = lint(case_file(CASES["ILR155"]), select=("ILR155",))[0]
    assert "has no OrigLearnStartDate (it needs 2025-09-01, the original start" in finding.message
    assert "overdue planned break, that is a withdrawal" in finding.message


def test_break_overdue_threshold_is_an_option(lint):
    # the look-alike's break (since 31 January 2026) is 274 days old on 1 November 2026
    findings = lint(case_file(CASES["ILR163"]), select=("ILR163",), options={"break-overdue-days": 200})
    assert [(f.learner, f.aim) for f in findings] == [("BAD", 1), ("OK", 1)]
    assert findings[0].severity == "warning"


def test_break_overdue_counts_from_today(lint):
    assert lint(case_file(CASES["ILR163"]), select=("ILR163",), today=date(2026, 9, 1)) == []


def test_overdue_apprenticeship_break_is_reported_on_the_programme_aim(lint):
    old = ON_BREAK | {"LearnActEndDate": "2025-09-30"}
    xml = ilr(learner("L1", deliveries=[standard(1, AimSeqNumber=1, **old), standard(3, AimSeqNumber=2, **old)]))
    assert [(f.code, f.aim) for f in lint(xml, select=MINE)] == [("ILR163", 1)]


def test_community_learning_counts_as_no_restart_funding_until_2025_26(lint):
    xml = ilr(learner("L1", year="2526", deliveries=[delivery(
        year="2526", FundModel=10, LearnStartDate="2025-09-01", fams=[RES], OrigLearnStartDate="2024-09-01",
        PriorLearnFundAdj=50)]), year="2526", prep="2025-11-01")
    assert sorted(f.code for f in lint(xml, select=MINE)) == ["ILR153", "ILR158"]


@pytest.mark.parametrize("code, edits, unsafe", [
    ("ILR150", (AddFAM(1, "RES", "1"),), True),
    ("ILR153", (RemoveField(1, "OrigLearnStartDate"),), False),
    ("ILR154", (AddFAM(2, "RES", "1"), SetField(2, "OrigLearnStartDate", "2025-09-01")), True),
    ("ILR155", (SetField(2, "OrigLearnStartDate", "2025-09-01"),), True),
    ("ILR157", (RemoveFAM(2, "RES"), RemoveField(2, "OrigLearnStartDate")), True),
    ("ILR158", (RemoveField(1, "PriorLearnFundAdj"),), False),
    ("ILR159", (RemoveField(1, "PriorLearnFundAdj"),), False),
    ("ILR161", (AddFAM(2, "RES", "1"),), True),
])
def test_mechanical_corrections_are_attached(problems, code, edits, unsafe):
    first = problems(case_file(CASES[code]), code)[0]
    assert (first.edits, first.unsafe) == (edits, unsafe)


def test_checks_without_a_mechanical_correction_attach_none(problems):
    for code in ("ILR151", "ILR152", "ILR156", "ILR160", "ILR162", "ILR163"):
        assert all(p.edits == () for p in problems(case_file(CASES[code]), code)), code


@needs_shared
@pytest.mark.parametrize("sample", [SAMPLE_2526, SAMPLE_2627], ids=["2526", "2627"])
def test_funder_samples_draw_nothing_from_restart(lint, sample):
    # The samples' one restart (OtherAdult, FundModel 81) has RES, an earlier
    # OrigLearnStartDate and PriorLearnFundAdj: all correct.
    assert lint(sample.read_text(encoding="utf-8-sig"), select=("restart",)) == []


def test_explain_shows_the_option(cli):
    shown = cli("explain", "ILR163")
    assert shown.returncode == 0 and "break-overdue-days" in shown.stdout
