"""Topic ``change``: small previous/current pairs for every check, and the correct look-alikes."""

from __future__ import annotations

import json

import pytest

from builders import delivery, fam, ilr, learner
from conftest import SAMPLE_2526, SAMPLE_2627, codes, needs_shared

from ilr_lint.reader import IlrInputError

TOPIC = ("change",)
ULN_A, ULN_B = 1000000042, 1000000050


def r14(*learners: str, ukprn: int = 10000001) -> str:
    """The 2025-26 R14: the previous year's last return."""
    return ilr(*learners, year="2526", prep="2026-10-15", ukprn=ukprn)


def this_year(*learners: str, prep: str = "2026-11-01") -> str:
    return ilr(*learners, prep=prep)


def aim(year: str = "2627", **values: object) -> str:
    """An adult skills aim started last year, continuing."""
    fields = dict(LearnAimRef="60146242", AimType=4, AimSeqNumber=1, LearnStartDate="2025-09-01",
                  LearnPlanEndDate="2027-06-30", FundModel=38)
    return delivery(year=year, **{**fields, **values})


def withdrawn(**values: object) -> dict[str, object]:
    return dict(CompStatus=3, WithdrawReason=97, Outcome=3, **values)


def one(findings, code):  # type: ignore[no-untyped-def]
    assert codes(findings) == [code], [f.message for f in findings]
    return findings[0]


# --- silent without --previous, and on unchanged data ---------------------------------------------

def test_every_check_is_silent_without_previous(lint):
    xml = this_year(learner("L1", PrevLearnRefNumber="L1", deliveries=[aim(LearnPlanEndDate="2028-01-01")]))
    assert lint(xml, select=TOPIC) == []


def test_continuing_aim_with_unchanged_dates_is_silent(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


def test_previous_file_of_another_provider_is_an_input_error(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526", LearnPlanEndDate="2027-01-31")]), ukprn=10000099)
    current = this_year(learner("L1", deliveries=[aim()]))
    with pytest.raises(IlrInputError, match="UKPRN 10000099, but .* is UKPRN 10000001"):
        lint(current, select=TOPIC, previous=(previous,))


# --- ILR500 planned end date changed ---------------------------------------------------------------

def test_planned_end_date_changed_since_r14(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526", LearnPlanEndDate="2027-01-31")]))
    current = this_year(learner("L1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR500")
    assert (found.learner, found.aim, found.line) == ("L1", 1, 5)
    assert "changed from 2027-01-31" in found.message and "2027-06-30" in found.message
    assert "1 August" in found.fix and "RES" in found.fix and "PriorLearnFundAdj" in found.fix
    assert found.fixable == "unsafe"


def test_planned_end_date_changed_in_year_after_qualifying_period(lint):
    earlier = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-08-20", LearnPlanEndDate="2027-06-30")]),
                        prep="2026-10-05")
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-08-20", LearnPlanEndDate="2027-07-31")]))
    assert codes(lint(current, select=TOPIC, previous=(earlier,))) == ["ILR500"]


def test_planned_end_date_corrected_within_qualifying_period_is_silent(lint):
    earlier = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01", LearnPlanEndDate="2027-06-30")]),
                        prep="2026-09-10")
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01", LearnPlanEndDate="2027-07-31")]))
    assert lint(current, select=TOPIC, previous=(earlier,)) == []


# --- ILR501 start date changed ---------------------------------------------------------------------

def test_start_date_changed_since_r14_is_matched_on_aim_sequence(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526", LearnStartDate="2025-09-01")]))
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2025-10-01")]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR501")
    assert (found.aim, found.line) == (1, 5)
    assert "from 2025-09-01" in found.message and "to 2025-10-01" in found.message


def test_start_date_fix_keeps_withdraw_reason_40_for_transfers(lint):
    # WithdrawReason 40 is a transfer to new learning, whose new aim has no RES (ILR157); a learner
    # who came back to the same learning is closed as a break or a withdrawal and restarts with RES.
    previous = r14(learner("L1", deliveries=[aim(year="2526", LearnStartDate="2025-09-01")]))
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2025-10-01")]))
    fix = one(lint(current, select=TOPIC, previous=(previous,)), "ILR501").fix
    assert "restarted, close this aim (CompStatus 3, WithdrawReason 40" not in fix
    assert "moved to another aim, close this aim (CompStatus 3, WithdrawReason 40" in fix
    assert "CompStatus 6, or 3 with the WithdrawReason that applies" in fix and "restart with RES" in fix


def test_start_date_changed_in_year_within_qualifying_period_is_silent(lint):
    earlier = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01")]), prep="2026-09-20")
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-08")]))
    assert lint(current, select=TOPIC, previous=(earlier,)) == []


def test_start_date_changed_in_year_after_qualifying_period(lint):
    earlier = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01")]), prep="2026-10-20")
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-08")]))
    assert codes(lint(current, select=("ILR501",), previous=(earlier,))) == ["ILR501"]


def test_short_aim_has_a_short_qualifying_period(lint):
    short = dict(LearnStartDate="2026-09-01", LearnPlanEndDate="2026-10-30")  # 59 days: 14-day period
    earlier = this_year(learner("L1", deliveries=[aim(**short)]), prep="2026-09-20")
    current = this_year(learner("L1", deliveries=[aim(**{**short, "LearnStartDate": "2026-09-03"})]))
    assert codes(lint(current, select=("ILR501",), previous=(earlier,))) == ["ILR501"]


def test_new_aim_reusing_the_sequence_number_of_an_aim_closed_last_year_is_silent(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526", CompStatus=2, LearnActEndDate="2026-06-30", Outcome=1)]))
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01")]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


def test_restart_is_a_new_aim_not_a_changed_start(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01", fams=[fam("RES", 1)])]))
    assert lint(current, select=("ILR501",), previous=(previous,)) == []


# --- ILR502 actual end date changed ----------------------------------------------------------------

def test_actual_end_date_of_aim_closed_in_r14_changed(lint):
    closed = dict(CompStatus=2, Outcome=1, LearnPlanEndDate="2026-06-30")
    previous = r14(learner("L1", deliveries=[aim(year="2526", LearnActEndDate="2026-06-30", **closed)]))
    current = this_year(learner("L1", deliveries=[aim(LearnActEndDate="2026-07-15", **closed)]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR502")
    assert found.aim == 1 and "2026-06-30" in found.message and "2026-07-15" in found.message
    assert found.fixable == "safe"


def test_actual_end_date_corrected_in_year_is_silent(lint):
    closed = dict(LearnStartDate="2026-08-10", LearnPlanEndDate="2027-06-30", **withdrawn())
    earlier = this_year(learner("L1", deliveries=[aim(LearnActEndDate="2026-10-01", **closed)]), prep="2026-10-05")
    current = this_year(learner("L1", deliveries=[aim(LearnActEndDate="2026-09-28", **closed)]))
    assert lint(current, select=TOPIC, previous=(earlier,)) == []


# --- ILR503 / ILR504 aim reopened ------------------------------------------------------------------

def test_withdrawn_aim_reopened(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526", LearnActEndDate="2026-03-01", **withdrawn())]))
    current = this_year(learner("L1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR503")
    assert found.aim == 1 and "withdrawn (CompStatus 3" in found.message and "RES" in found.fix


def test_aim_on_break_reopened(lint):
    on_break = dict(CompStatus=6, LearnActEndDate="2026-03-01", Outcome=3)
    previous = r14(learner("L1", deliveries=[aim(year="2526", **on_break)]))
    current = this_year(learner("L1", deliveries=[aim()]))
    assert codes(lint(current, select=TOPIC, previous=(previous,))) == ["ILR503"]


def test_16_19_aim_reopened_is_only_a_warning(lint):
    sixteen = dict(FundModel=25, LearnStartDate="2026-09-01")
    earlier = this_year(learner("L1", deliveries=[aim(LearnActEndDate="2026-10-01", **sixteen, **withdrawn())]),
                        prep="2026-10-05")
    current = this_year(learner("L1", deliveries=[aim(**sixteen)]))
    found = one(lint(current, select=TOPIC, previous=(earlier,)), "ILR504")
    assert found.severity == "warning" and found.aim == 1


def test_learner_returned_from_break_with_proper_restart_is_silent(lint):
    on_break = dict(CompStatus=6, LearnActEndDate="2026-03-01", Outcome=3)
    previous = r14(learner("L1", deliveries=[aim(year="2526", **on_break)]))
    current = this_year(learner("L1", deliveries=[
        aim(**on_break),
        aim(AimSeqNumber=2, LearnStartDate="2026-09-01", OrigLearnStartDate="2025-09-01",
            LearnPlanEndDate="2027-12-31", PriorLearnFundAdj=60, fams=[fam("RES", 1)])]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


# --- ILR505 aim or learner vanished ----------------------------------------------------------------

def test_continuing_aim_vanished_since_r14(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526"), aim(year="2526", AimSeqNumber=2, LearnAimRef="60311046")]))
    current = this_year(learner("L1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR505")
    assert (found.learner, found.line, found.severity) == ("L1", 5, "warning")
    assert "aim 2 (60311046)" in found.message and "overdue continuing aim" in found.message
    assert "exempt" not in found.message


def test_aim_on_break_vanished_since_r14(lint):
    on_break = dict(CompStatus=6, LearnActEndDate="2026-03-01", Outcome=3, AimSeqNumber=2, LearnAimRef="60311046")
    previous = r14(learner("L1", deliveries=[aim(year="2526"), aim(year="2526", **on_break)]))
    current = this_year(learner("L1", deliveries=[aim()]))
    assert "overdue planned break" in one(lint(current, select=TOPIC, previous=(previous,)), "ILR505").message


def test_aim_closed_last_year_need_not_be_returned(lint):
    done = dict(CompStatus=2, LearnActEndDate="2026-06-30", Outcome=1, AimSeqNumber=2, LearnAimRef="60311046")
    previous = r14(learner("L1", deliveries=[aim(year="2526"), aim(year="2526", **done)]))
    current = this_year(learner("L1", deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


def test_component_aim_removed_by_qualification_exemption(lint):
    def programme(year: str) -> list[str]:
        app = dict(ProgType=25, StdCode=123, FundModel=36, LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30")
        return [delivery(year=year, LearnAimRef="ZPROG001", AimType=1, AimSeqNumber=1, **app),
                delivery(year=year, LearnAimRef="60311046", AimType=3, AimSeqNumber=2, **app)]
    previous = r14(learner("L1", deliveries=programme("2526")))
    current = this_year(learner("L1", deliveries=programme("2627")[:1]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR505")
    assert "aim 2 (60311046)" in found.message and "fully exempted" in found.message
    assert "remove the exemption" in found.fix


def test_aim_amended_on_its_record_within_the_qualifying_period_is_not_a_deleted_aim(lint):
    # The guidance lets a learner who changes aim within the funding qualifying period have the
    # aim details amended on the original record: aim 1 started 20 October, the earlier return was
    # prepared 5 days later (a 42-day period), and aim 1 now has another LearnAimRef.
    earlier = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-10-20")]), prep="2026-10-25")
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-10-20", LearnAimRef="60068802")]))
    assert lint(current, select=TOPIC, previous=(earlier,)) == []


def test_aim_replaced_on_its_record_after_the_qualifying_period_is_still_reported(lint):
    # started 1 September, 54 days before the earlier return: the change needed a withdrawal or transfer
    earlier = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01")]), prep="2026-10-25")
    current = this_year(learner("L1", deliveries=[aim(LearnStartDate="2026-09-01", LearnAimRef="60068802")]))
    found = one(lint(current, select=TOPIC, previous=(earlier,)), "ILR505")
    assert "aim 1 (60146242)" in found.message


def test_any_aim_deleted_since_an_earlier_return_this_year(lint):
    done = dict(LearnStartDate="2026-08-10", LearnActEndDate="2026-09-01", AimSeqNumber=2, LearnAimRef="60311046",
                **withdrawn())
    earlier = this_year(learner("L1", deliveries=[aim(), aim(**done)]), prep="2026-10-05")
    current = this_year(learner("L1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(earlier,)), "ILR505")
    assert "never attended" in found.message


def test_vanished_learner_with_open_aims_points_at_the_previous_file(lint, tmp_path):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]),
                   learner("L2", ULN=ULN_B, deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR505")
    assert (found.learner, found.uln, found.line, found.aim) == ("L2", ULN_B, 6, 1)
    assert found.file.endswith("previous-0.xml")
    assert "the learner is not in this file" in found.message and "line 6" in found.message
    assert "the previous file" in found.message and "R14" not in found.message  # nothing says it is an R14


def test_vanished_learner_with_only_closed_aims_is_silent(lint):
    done = dict(CompStatus=2, LearnActEndDate="2026-06-30", Outcome=1)
    previous = r14(learner("L1", deliveries=[aim(year="2526")]),
                   learner("L2", ULN=ULN_B, deliveries=[aim(year="2526", **done)]))
    current = this_year(learner("L1", deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


def test_learner_deleted_since_an_earlier_return_this_year(lint):
    done = dict(LearnStartDate="2026-08-10", LearnActEndDate="2026-09-01", **withdrawn())
    earlier = this_year(learner("L1", deliveries=[aim()]), learner("L2", ULN=ULN_B, deliveries=[aim(**done)]),
                        prep="2026-10-05")
    current = this_year(learner("L1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(earlier,)), "ILR505")
    assert found.learner == "L2" and "the previous file" in found.message


# --- ILR506 aim reinstated with new details --------------------------------------------------------

def test_aim_reinstated_with_new_dates(lint):
    reinstated = dict(AimSeqNumber=3, LearnAimRef="60311046")
    previous = r14(learner("L1", deliveries=[aim(year="2526"), aim(year="2526", **reinstated)]))
    earlier = this_year(learner("L1", deliveries=[aim()]), prep="2026-10-05")
    current = this_year(learner("L1", deliveries=[
        aim(), aim(LearnStartDate="2026-10-20", LearnPlanEndDate="2027-07-31", **reinstated)]))
    found = one(lint(current, select=TOPIC, previous=(previous, earlier)), "ILR506")
    assert found.aim == 3 and "2025-09-01" in found.message and "2026-10-20" in found.message
    assert found.fixable == "unsafe"


def test_aim_reinstated_with_its_original_dates_is_silent(lint):
    reinstated = dict(AimSeqNumber=3, LearnAimRef="60311046")
    previous = r14(learner("L1", deliveries=[aim(year="2526"), aim(year="2526", **reinstated)]))
    earlier = this_year(learner("L1", deliveries=[aim()]), prep="2026-10-05")
    current = this_year(learner("L1", deliveries=[aim(), aim(**reinstated)]))
    assert lint(current, select=("ILR506",), previous=(previous, earlier)) == []


# --- ILR507 learner reference number changed -------------------------------------------------------

def test_learner_reference_number_changed_without_prev_learn_ref_number(lint):
    previous = r14(learner("OLD1", deliveries=[aim(year="2526")]))
    current = this_year(learner("NEW1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR507")
    assert (found.learner, found.line) == ("NEW1", 5)
    assert "ULN of learner OLD1" in found.message
    assert found.fixable == "unsafe"


def test_learner_reference_number_change_recorded_with_prev_learn_ref_number_is_silent(lint):
    previous = r14(learner("OLD1", deliveries=[aim(year="2526")]))
    current = this_year(learner("NEW1", PrevLearnRefNumber="OLD1", deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


def test_prev_learn_ref_number_must_stay_all_year(lint):
    previous = r14(learner("OLD1", deliveries=[aim(year="2526")]))
    earlier = this_year(learner("NEW1", PrevLearnRefNumber="OLD1", deliveries=[aim()]), prep="2026-10-05")
    current = this_year(learner("NEW1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous, earlier)), "ILR507")
    assert "in the previous file" in found.message and "(2025-26)" in found.message


def test_an_earlier_file_is_an_r14_only_when_its_name_says_so():
    from types import SimpleNamespace

    from ilr_lint.matching import describe
    year = SimpleNamespace(label="2025-26")
    assert describe(SimpleNamespace(shown="in/2025-26-R14.xml", year=year), False) == "the 2025-26 R14 in/2025-26-R14.xml"
    assert describe(SimpleNamespace(shown="r14/a.xml", year=year), False) == "the previous file r14/a.xml (2025-26)"
    assert describe(SimpleNamespace(shown="r14.xml", year=year), True) == "the previous file r14.xml"


def test_second_reference_number_for_one_uln_in_this_file_is_another_learner(lint):
    previous = r14(learner("OLD1", deliveries=[aim(year="2526")]))
    current = this_year(learner("NEW1", deliveries=[aim(LearnAimRef="60311046", LearnStartDate="2026-09-01")]),
                        learner("OLD1", deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


# --- ILR508 - ILR510 PrevLearnRefNumber misused ----------------------------------------------------

def test_prev_learn_ref_number_is_own(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", PrevLearnRefNumber="L1", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR508")
    assert found.severity == "warning" and found.fixable == "safe"


def test_prev_learn_ref_number_without_a_change(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", PrevLearnRefNumber="X9", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR509")
    assert "did not change" in found.message and "X9" in found.message
    assert (found.line, found.fixable) == (5, "unsafe")


def test_prev_learn_ref_number_added_in_year_without_a_change(lint):
    earlier = this_year(learner("L1", deliveries=[aim()]), prep="2026-10-05")
    current = this_year(learner("L1", PrevLearnRefNumber="X9", deliveries=[aim()]))
    assert codes(lint(current, select=TOPIC, previous=(earlier,))) == ["ILR509"]


def test_prev_learn_ref_number_carried_within_the_year_is_silent(lint):
    earlier = this_year(learner("L1", PrevLearnRefNumber="X9", deliveries=[aim()]), prep="2026-10-05")
    current = this_year(learner("L1", PrevLearnRefNumber="X9", deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(earlier,)) == []


def test_prev_learn_ref_number_left_over_from_last_year(lint):
    previous = r14(learner("L1", year="2526", PrevLearnRefNumber="X9", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", PrevLearnRefNumber="X9", deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR510")
    assert "left over" in found.message and found.fixable == "safe"


# --- ILR511 ULN changed ----------------------------------------------------------------------------

def test_uln_changed_for_the_same_learner_reference_number(lint):
    previous = r14(learner("L1", ULN=ULN_A, deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", ULN=ULN_B, deliveries=[aim()]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR511")
    assert found.severity == "warning" and str(ULN_A) in found.message


def test_temporary_uln_replaced_is_silent(lint):
    previous = r14(learner("L1", ULN=9999999999, deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", ULN=ULN_B, deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


# --- ILR512 withdrawal dated 1 August --------------------------------------------------------------

def test_withdrawal_back_dated_with_1_august(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=[aim(LearnActEndDate="2026-08-01", **withdrawn())]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR512")
    assert found.aim == 1 and "last day" in found.fix


def test_withdrawal_dated_last_day_of_learning_last_year_is_silent(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=[aim(LearnActEndDate="2026-05-20", **withdrawn())]))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


def correction(**restart: object) -> list[str]:
    """The planned-end-date correction: withdraw with code 40 on 1 August, restart on 2 August."""
    return [aim(LearnActEndDate="2026-08-01", CompStatus=3, WithdrawReason=40, Outcome=3),
            aim(**{"AimSeqNumber": 2, "LearnStartDate": "2026-08-02", "LearnPlanEndDate": "2027-03-31",
                   "PriorLearnFundAdj": 40, "fams": [fam("RES", 1)], **restart})]


def test_planned_end_date_correction_pattern_is_silent(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=correction()))
    assert lint(current, select=TOPIC, previous=(previous,)) == []


def test_planned_end_date_correction_without_prior_learning_adjustment(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=correction(PriorLearnFundAdj=None)))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR512")
    assert found.aim == 2 and "PriorLearnFundAdj" in found.message


def test_planned_end_date_correction_without_restart(lint):
    previous = r14(learner("L1", deliveries=[aim(year="2526")]))
    current = this_year(learner("L1", deliveries=correction()[:1]))
    found = one(lint(current, select=TOPIC, previous=(previous,)), "ILR512")
    assert found.aim == 1 and "no restart" in found.message


# --- the real command line, and the funder's samples -----------------------------------------------

def test_cli_with_previous(cli, write_ilr):
    previous = write_ilr(r14(learner("L1", deliveries=[aim(year="2526", LearnPlanEndDate="2027-01-31")])),
                         name="ILR-10000001-2526-20261015-090000-01.xml")
    current = write_ilr(this_year(learner("L1", deliveries=[aim()])))
    result = cli("check", current, "--previous", previous, "--select", "change", "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["learner"], f["aim"]) for f in findings] == [("ILR500", "L1", 1)]
    assert cli("check", current, "--select", "change").returncode == 0


@needs_shared
@pytest.mark.parametrize("sample", [SAMPLE_2526, SAMPLE_2627], ids=["2526", "2627"])
def test_sample_compared_with_itself_is_silent(lint, sample):
    xml = sample.read_text(encoding="utf-8")
    assert lint(xml, select=TOPIC, previous=(xml,)) == []


@needs_shared
def test_2627_sample_against_the_2526_sample(lint):
    # The two samples are independent test data, not one provider's consecutive returns, so
    # comparing them finds real differences: 18Learner, HEFunded and Levy's apprenticeship
    # aims have new start and planned end dates; ASLearner, AdultLearner, CLLearner and
    # StandLearn (continuing in 2025-26) are missing; ASFLearner and OtherAdult keep last
    # year's PrevLearnRefNumber, and ASFLearner's ULN changed. Learners whose temporary ULN
    # was replaced (TLLearner, SBLearner) rightly stay silent.
    found = lint(SAMPLE_2627.read_text(encoding="utf-8"), select=TOPIC,
                 previous=(SAMPLE_2526.read_text(encoding="utf-8"),))
    summary = sorted((f.learner, f.code, f.aim) for f in found)
    assert summary == sorted(
        [("18Learner", c, a) for a in (1, 2) for c in ("ILR500", "ILR501")]
        + [("HEFunded", c, 1) for c in ("ILR500", "ILR501")]
        + [("Levy", c, a) for a in (2, 3, 4, 5) for c in ("ILR500", "ILR501")]
        + [(name, "ILR505", 1) for name in ("ASLearner", "AdultLearner", "CLLearner", "StandLearn")]
        + [("StandLearn", "ILR505", 2)]
        + [("ASFLearner", "ILR510", None), ("ASFLearner", "ILR511", None), ("OtherAdult", "ILR510", None)])


def test_return_prepared_after_this_file_is_not_compared(lint):
    later = this_year(learner("L1", deliveries=[aim(LearnPlanEndDate="2027-01-31")]), prep="2026-12-05")
    current = this_year(learner("L1", deliveries=[aim()]))
    assert lint(current, select=TOPIC, previous=(later,)) == []
