"""Topic ``employment`` (ILR290-ILR299): each check fails on one learner and stays silent on its look-alike."""

from __future__ import annotations

from datetime import date

from apprenticeships import (BEFORE_START, EMPLOYER, OTHER_EMPLOYER, START, UNKNOWN, apprentice, component,
                             employed, programme, status)
from builders import delivery, fam, ilr, learner, line_of
from conftest import SAMPLE_2526, SAMPLE_2627, codes, needs_shared


def only(findings, code):
    assert codes(findings) == [code], [f.message for f in findings]
    return findings[0]


# --- ILR290 apprentice-status-on-start ----------------------------------------------------------
def test_no_employment_status_on_the_first_day_is_flagged(lint):
    xml = ilr(apprentice(statuses=[employed("2026-09-10")]))
    found = only(lint(xml, select=("ILR290",)), "ILR290")
    assert found.aim == 1 and found.line == line_of(xml, f"<LearnStartDate>{START}")


def test_employment_status_on_the_first_day_is_clean(lint):
    assert lint(ilr(apprentice()), select=("ILR290",)) == []


# --- ILR291 apprentice-employed-on-start -----------------------------------------------------------
def test_apprentice_not_employed_on_the_first_day_is_flagged(lint):
    xml = ilr(apprentice(statuses=[BEFORE_START, employed("2026-09-02")]))
    found = only(lint(xml, select=("ILR291",)), "ILR291")
    assert found.aim == 1 and found.line == line_of(xml, BEFORE_START) and "EmpStat 11" in found.message


def test_unemployed_before_and_employed_from_the_first_day_is_clean(lint):
    """The guidance's example: EmpStat 11 before the start, EmpStat 10 with the EmpId on the first day."""
    assert lint(ilr(apprentice()), select=("ILR291",)) == []


def test_ldm_353_is_exempt_as_in_the_official_rules(lint):
    xml = ilr(apprentice(programme(extra_fams=(fam("LDM", 353),)), component(),
                         statuses=[BEFORE_START, employed("2026-09-02")]))
    assert lint(xml, select=("ILR291",)) == []


# --- ILR292 apprentice-employer-on-start ----------------------------------------------------------
def test_employed_on_the_first_day_without_empid_is_flagged(lint):
    first_day = employed(emp_id=None)
    xml = ilr(apprentice(statuses=[BEFORE_START, first_day]))
    found = only(lint(xml, select=("ILR292",)), "ILR292")
    assert found.aim == 1 and found.line == line_of(xml, first_day)


def test_previous_employer_without_empid_before_the_start_is_clean(lint):
    """The guidance's example: employed elsewhere before (no EmpId needed), the new employer's EmpId from the start."""
    xml = ilr(apprentice(statuses=[employed("2026-08-01", emp_id=None), employed()]))
    assert lint(xml, select=("ILR292",)) == []


# --- ILR293 apprentice-status-before-start -----------------------------------------------------------
def test_no_employment_status_before_the_start_is_flagged(lint):
    first_day = employed()
    xml = ilr(apprentice(statuses=[first_day]))
    found = only(lint(xml, select=("ILR293",)), "ILR293")
    assert found.aim == 1 and found.line == line_of(xml, first_day)


def test_employment_status_before_the_start_is_clean(lint):
    assert lint(ilr(apprentice()), select=("ILR293", "ILR290")) == []


# --- ILR294 possible-unrecorded-employer-change --------------------------------------------------------
def test_repeated_unknown_employer_records_are_a_warning(lint):
    repeat = employed("2027-01-10", UNKNOWN)
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(emp_id=UNKNOWN), repeat]), prep="2027-02-01")
    found = only(lint(xml, select=("ILR294",)), "ILR294")
    assert found.severity == "warning" and found.aim is None and found.line == line_of(xml, repeat)
    assert "OET" in found.fix


def test_change_between_unknown_employers_recorded_with_oet3_is_clean(lint):
    new = employed("2027-01-10", UNKNOWN, esm=(("EII", 8), ("OET", 3)))
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(emp_id=UNKNOWN), new]), prep="2027-02-01")
    assert lint(xml, select=("ILR294", "ILR295", "ILR296")) == []


def test_repeated_unknown_employer_records_before_august_2022_are_clean(lint):
    statuses = [status(11, "2021-08-01", esm=(("LOU", 1),)), employed("2021-09-01", UNKNOWN),
                employed("2022-07-31", UNKNOWN)]
    xml = ilr(apprentice(programme(start="2021-09-01"), component(start="2021-09-01"), statuses=statuses))
    assert lint(xml, select=("ILR294",)) == []


def test_records_that_differ_in_hours_are_clean(lint):
    statuses = [BEFORE_START, employed(emp_id=UNKNOWN), employed("2027-01-10", UNKNOWN, esm=(("EII", 6),))]
    assert lint(ilr(apprentice(statuses=statuses), prep="2027-02-01"), select=("ILR294",)) == []


# --- ILR295 oet3-with-real-employer --------------------------------------------------------------
def test_oet3_after_a_real_employer_number_is_flagged(lint):
    new = employed("2027-01-10", UNKNOWN, esm=(("EII", 8), ("OET", 3)))
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(), new]), prep="2027-02-01")
    found = only(lint(xml, select=("ILR295",)), "ILR295")
    assert found.line == line_of(xml, new) and f"EmpId {EMPLOYER}" in found.message


def test_oet3_with_a_real_new_employer_number_is_flagged(lint):
    new = employed("2027-01-10", OTHER_EMPLOYER, esm=(("EII", 8), ("OET", 3)))
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(emp_id=UNKNOWN), new]), prep="2027-02-01")
    found = only(lint(xml, select=("ILR295",)), "ILR295")
    assert found.line == line_of(xml, new) and f"EmpId {OTHER_EMPLOYER}" in found.message


# --- ILR296 oet3-before-august-2022 ----------------------------------------------------------------
def test_oet3_dated_before_august_2022_is_flagged(lint):
    early = employed("2022-07-31", UNKNOWN, esm=(("EII", 8), ("OET", 3)))
    statuses = [status(11, "2021-08-01", esm=(("LOU", 1),)), employed("2021-09-01", UNKNOWN), early]
    xml = ilr(apprentice(programme(start="2021-09-01"), component(start="2021-09-01"), statuses=statuses))
    found = only(lint(xml, select=("ILR296",)), "ILR296")
    assert found.line == line_of(xml, early)


def test_oet3_dated_1_august_2022_is_clean(lint):
    statuses = [status(11, "2021-08-01", esm=(("LOU", 1),)), employed("2021-09-01", UNKNOWN),
                employed("2022-08-01", UNKNOWN, esm=(("EII", 8), ("OET", 3)))]
    xml = ilr(apprentice(programme(start="2021-09-01"), component(start="2021-09-01"), statuses=statuses))
    assert lint(xml, select=("ILR296", "ILR295")) == []


# --- ILR297 employer-id-still-unknown ---------------------------------------------------------------
UNKNOWN_FROM_START = [BEFORE_START, employed(emp_id=UNKNOWN)]


def test_unknown_employer_61_days_after_the_start_is_an_info_note(lint):
    xml = ilr(apprentice(statuses=UNKNOWN_FROM_START))
    found = only(lint(xml, select=("ILR297",), today=date(2026, 11, 1)), "ILR297")
    assert found.severity == "info" and found.aim == 1 and found.line == line_of(xml, UNKNOWN_FROM_START[1])
    assert "61 days" in found.message


def test_unknown_employer_60_days_after_the_start_is_clean(lint):
    assert lint(ilr(apprentice(statuses=UNKNOWN_FROM_START)), select=("ILR297",), today=date(2026, 10, 31)) == []


def test_the_threshold_is_an_option(lint):
    xml = ilr(apprentice(statuses=UNKNOWN_FROM_START))
    assert lint(xml, select=("ILR297",), today=date(2026, 11, 1), options={"empid-unknown-days": 90}) == []
    assert codes(lint(xml, select=("ILR297",), today=date(2026, 10, 1), options={"empid-unknown-days": 20})) \
        == ["ILR297"]


def test_new_unknown_employer_counts_from_its_own_date(lint):
    new = employed("2027-01-10", UNKNOWN)
    statuses = [BEFORE_START, employed(emp_id=EMPLOYER), new]
    xml = ilr(apprentice(statuses=statuses), prep="2027-02-01")
    assert [f.line for f in lint(xml, select=("ILR297",), today=date(2027, 3, 12))] == [line_of(xml, new)]
    assert lint(xml, select=("ILR297",), today=date(2027, 3, 11)) == []  # 60 days after the change


def test_change_between_employers_without_numbers_recorded_with_oet3_is_not_reported(lint):
    """The guidance records this change as EmpId 999999999 on both records, with OET 3."""
    new = employed("2027-01-10", UNKNOWN, esm=(("EII", 8), ("OET", 3)))
    xml = ilr(apprentice(statuses=UNKNOWN_FROM_START + [new]), prep="2027-05-01")
    assert lint(xml, select=("ILR297",), today=date(2027, 5, 1)) == []


# --- ILR298 small-employer-while-not-employed ----------------------------------------------------------
def test_small_employer_indicator_while_unemployed_is_flagged(lint):
    unemployed = status(11, "2027-01-10", esm=(("LOU", 1), ("SEM", 1)))
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(), unemployed]), prep="2027-02-01")
    found = only(lint(xml, select=("ILR298",)), "ILR298")
    assert found.line == line_of(xml, unemployed) and found.aim is None


def test_small_employer_indicator_while_employed_is_clean(lint):
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(esm=(("EII", 8), ("SEM", 1)))]))
    assert lint(xml, select=("ILR298",)) == []


# --- ILR299 employer-contract-while-not-employed ----------------------------------------------------------
def test_act1_covering_unemployment_without_redundancy_is_a_warning(lint):
    unemployed = status(11, "2027-01-10", esm=(("LOU", 1),))
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(), unemployed]), prep="2027-02-01")
    found = only(lint(xml, select=("ILR299",)), "ILR299")
    assert found.severity == "warning" and found.aim == 1 and found.line == line_of(xml, unemployed)


def test_redundant_apprentice_keeping_an_open_act_is_clean(lint):
    """Guidance: a redundant apprentice keeps the ACT of the latest employment, with no end date, while eligible."""
    redundant = status(11, "2027-01-10", esm=(("LOU", 1), ("OET", 1)))
    later = status(11, "2027-02-10", esm=(("LOU", 2),))
    xml = ilr(apprentice(statuses=[BEFORE_START, employed(), redundant, later]), prep="2027-03-01")
    assert lint(xml, select=("ILR299",)) == []


def test_unemployment_after_re_employment_needs_its_own_redundancy(lint):
    again = status(11, "2027-04-10", esm=(("LOU", 1),))
    statuses = [BEFORE_START, employed(), status(11, "2027-01-10", esm=(("LOU", 1), ("OET", 1))),
                employed("2027-02-10", OTHER_EMPLOYER), again]
    xml = ilr(apprentice(statuses=statuses), prep="2027-05-01")
    found = only(lint(xml, select=("ILR299",)), "ILR299")
    assert found.line == line_of(xml, again)


def test_completed_standard_whose_act_ends_on_the_achievement_date_is_checked_up_to_it(lint):
    completed = {"CompStatus": 2, "LearnActEndDate": "2027-06-30", "Outcome": 1, "AchDate": "2027-07-20"}
    during_epa = status(11, "2027-07-10", esm=(("LOU", 1),))
    statuses = [BEFORE_START, employed(), during_epa, status(12, "2027-07-21", esm=(("LOU", 1),))]
    xml = ilr(apprentice(programme(acts=[fam("ACT", 1, START, "2027-07-20")], **completed),
                         component(CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1), statuses=statuses),
              prep="2027-08-01")
    assert [f.line for f in lint(xml, select=("ILR299",))] == [line_of(xml, during_epa)]


def test_withdrawal_whose_act_ends_before_the_unemployment_is_clean(lint):
    withdrawn = {"CompStatus": 3, "LearnActEndDate": "2027-01-09", "WithdrawReason": 97, "Outcome": 3}
    xml = ilr(apprentice(programme(acts=[fam("ACT", 1, START, "2027-01-09")], **withdrawn), component(**withdrawn),
                         statuses=[BEFORE_START, employed(), status(11, "2027-01-10", esm=(("LOU", 1),))]),
              prep="2027-02-01")
    assert lint(xml, select=("ILR299",)) == []


# --- scope --------------------------------------------------------------------------------------------
# The topic's guidance checks; its official rules (checks/official_employment.py) are tested in tests/official.
GUIDANCE_CHECKS = tuple(f"ILR{n}" for n in range(290, 300))


def test_learners_who_are_not_apprentices_are_not_checked(lint):
    xml = ilr(learner("L1", deliveries=[delivery()], employment_statuses=[status(11, "2026-09-01", UNKNOWN,
                                                                                  esm=(("SEM", 1),))]))
    assert lint(xml, select=GUIDANCE_CHECKS) == []


# --- the funder's samples ----------------------------------------------------------------------
@needs_shared
def test_funders_samples_draw_no_employment_findings(lint):
    # Both samples' apprentices have an EmpStat 10 record with a real EmpId dated before their start.
    for sample in (SAMPLE_2526, SAMPLE_2627):
        assert lint(sample.read_text(encoding="utf-8-sig"), select=GUIDANCE_CHECKS) == [], sample.name


def test_unknown_employer_on_a_closed_programme_is_not_reported(lint):
    closed = dict(CompStatus=3, LearnActEndDate="2027-01-31", WithdrawReason=97, Outcome=3)
    xml = ilr(apprentice(programme(**closed), component(**closed), statuses=UNKNOWN_FROM_START), prep="2027-03-01")
    assert lint(xml, select=("ILR297",), today=date(2027, 3, 1)) == []
