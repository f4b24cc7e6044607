"""Topic ``finance`` (ILR260-ILR273): each check fails on one learner and stays silent on its look-alike."""

from __future__ import annotations

from datetime import date

from apprenticeships import (BEFORE_START, EMPLOYER, OTHER_EMPLOYER, START, UNKNOWN, apprentice, component,
                             employed, programme)
from builders import delivery, fam, fin, ilr, line_of
from conftest import SAMPLE_2526, SAMPLE_2627, codes, needs_shared

from ilr_lint.api import discover
from ilr_lint.edits import AddAppFinRecord

# The guidance checks of these topics (their official rules are tested in tests/official).
MINE = tuple(c.code for c in discover() if c.code.startswith("ILR") and c.topic in ("finance", "employment"))


def only(findings, code):
    assert codes(findings) == [code], [f.message for f in findings]
    return findings[0]


# --- ILR260 fin-record-on-wrong-aim -------------------------------------------------------
def test_fin_record_on_component_aim_is_flagged(lint):
    price = fin("TNP", 1, START, 500)
    priced_component = delivery(LearnAimRef="60000002", AimType=3, AimSeqNumber=3, FundModel=36, ProgType=25,
                                StdCode=100, fams=[fam("SOF", 105)], fins=["\n" + price])
    xml = ilr(apprentice(programme(), component(), priced_component))
    found = only(lint(xml, select=("ILR260",)), "ILR260")
    assert found.aim == 3 and found.line == line_of(xml, price)


def test_fin_records_on_fm36_and_fm81_standard_programme_aims_are_clean(lint):
    xml = ilr(apprentice(), apprentice(programme(fund_model=81, acts=[]), ref="L2"))
    assert lint(xml, select=("ILR260",)) == []


# --- ILR261 programme-needs-price ---------------------------------------------------------
def test_fm36_programme_without_price_is_flagged_without_an_edit(lint):
    xml = ilr(apprentice(programme(fins=[]), component()))
    found = only(lint(xml, select=("ILR261",)), "ILR261")
    assert found.aim == 1 and found.line == line_of(xml, "<LearningDelivery><LearnAimRef>ZPROG001")
    assert found.fixable is None  # the price is unknown: nothing to add


def test_priced_programme_is_clean(lint):
    assert lint(ilr(apprentice()), select=("ILR261",)) == []


def on_break_and_restart(restart_fins: list[str], *, closed_fins: list[str] | None = None) -> str:
    """A programme priced from START, residual TNP 3 after a change of employer on
    2026-12-01, on a break from 2027-01-31; restarted (RES) on 2027-03-01 as aim 3."""
    closed_fins = closed_fins if closed_fins is not None else [
        fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), fin("TNP", 3, "2026-12-01", 7000)]
    acts = [fam("ACT", 1, START, "2026-11-30"), fam("ACT", 2, "2026-12-01", "2027-01-31")]
    on_break = programme(1, fins=closed_fins, acts=acts, CompStatus=6, LearnActEndDate="2027-01-31")
    restart = programme(3, "2027-03-01", fins=restart_fins, acts=[fam("ACT", 2, "2027-03-01")],
                        OrigLearnStartDate=START, extra_fams=(fam("RES", 1),))
    return apprentice(on_break, component(2, CompStatus=6, LearnActEndDate="2027-01-31"), restart,
                      statuses=[BEFORE_START, employed(), employed("2026-12-01", OTHER_EMPLOYER)])


def test_restart_without_price_gets_the_prices_from_before_the_break_as_unsafe_edits(lint, problems):
    xml = ilr(on_break_and_restart([]), prep="2027-04-01")
    found = only(lint(xml, select=("ILR261",)), "ILR261")
    assert found.aim == 3 and found.fixable == "unsafe"
    [problem] = problems(xml, "ILR261")
    assert problem.unsafe and problem.edits == (AddAppFinRecord(3, "TNP", 3, date(2027, 3, 1), 7000),
                                                AddAppFinRecord(3, "TNP", 2, date(2027, 3, 1), 1000))


def test_restart_with_its_own_price_from_its_new_start_is_clean_on_every_finance_and_employment_check(lint):
    restart_prices = [fin("TNP", 3, "2027-03-01", 7000), fin("TNP", 4, "2027-03-01", 1000)]
    xml = ilr(on_break_and_restart(restart_prices), prep="2027-04-01")
    assert lint(xml, select=MINE) == []


# --- ILR262 price-from-programme-start ----------------------------------------------------
def test_price_not_from_programme_start_is_flagged(lint):
    late = fin("TNP", 1, "2026-09-15", 9000)
    xml = ilr(apprentice(programme(fins=[late, fin("TNP", 2, "2026-09-15", 1000)]), component()))
    found = only(lint(xml, select=("ILR262",)), "ILR262")
    assert found.aim == 1 and found.line == line_of(xml, late) and "2026-09-15" in found.message


def test_restart_priced_from_the_old_start_date_is_flagged_as_restart(lint):
    xml = ilr(on_break_and_restart([fin("TNP", 3, "2027-03-15", 7000)]), prep="2027-04-01")
    found = only(lint(xml, select=("ILR262",)), "ILR262")
    assert found.aim == 3 and "restarted programme" in found.message


def test_assessment_price_agreed_later_than_the_start_is_clean(lint):
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, "2026-10-15", 1000)]
    assert lint(ilr(apprentice(programme(fins=fins), component())), select=("ILR262",)) == []


# --- ILR263 assessment-price-needs-epao ---------------------------------------------------
def test_assessment_price_without_epaorgid_is_flagged(lint):
    assessment = fin("TNP", 2, START, 1000)
    xml = ilr(apprentice(programme(epa=None, fins=[fin("TNP", 1, START, 9000), assessment]), component()))
    found = only(lint(xml, select=("ILR263",)), "ILR263")
    assert found.aim == 1 and found.line == line_of(xml, assessment)


def test_assessment_price_with_epaorgid_is_clean(lint):
    assert lint(ilr(apprentice()), select=("ILR263",)) == []


# --- ILR264 epao-needs-assessment-price ---------------------------------------------------
def test_epaorgid_without_assessment_price_is_a_warning(lint):
    xml = ilr(apprentice(programme(fins=[fin("TNP", 1, START, 9000)]), component()))
    found = only(lint(xml, select=("ILR264",)), "ILR264")
    assert found.severity == "warning" and found.aim == 1 and found.line == line_of(xml, "<EPAOrgID>")


def test_no_epaorgid_and_no_assessment_price_yet_is_clean(lint):
    xml = ilr(apprentice(programme(epa=None, fins=[fin("TNP", 1, START, 9000)]), component()))
    assert lint(xml, select=("ILR264",)) == []


# --- ILR265 assessment-payment-needs-price ------------------------------------------------
def test_assessment_payment_without_assessment_price_is_flagged(lint):
    payment = fin("PMR", 2, "2026-10-01", 100)
    xml = ilr(apprentice(programme(epa=None, fins=[fin("TNP", 1, START, 9000), payment]), component()))
    found = only(lint(xml, select=("ILR265",)), "ILR265")
    assert found.aim == 1 and found.line == line_of(xml, payment)


def test_assessment_payment_with_assessment_price_is_clean(lint):
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), fin("PMR", 2, "2026-10-01", 100)]
    assert lint(ilr(apprentice(programme(fins=fins), component())), select=("ILR265",)) == []


# --- ILR266 total-price-after-residual ----------------------------------------------------
def test_total_price_after_residual_is_flagged(lint):
    later_total = fin("TNP", 2, "2026-10-15", 1200)
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), fin("TNP", 3, "2026-10-01", 8000), later_total]
    xml = ilr(apprentice(programme(fins=fins), component()))
    found = only(lint(xml, select=("ILR266",)), "ILR266")
    assert found.aim == 1 and found.line == line_of(xml, later_total) and "TNP 4" in found.fix


def test_renegotiated_total_prices_before_a_residual_are_clean(lint):
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), fin("TNP", 2, "2026-09-20", 1200),
            fin("TNP", 3, "2026-10-01", 8000), fin("TNP", 4, "2026-10-15", 1100)]
    assert lint(ilr(apprentice(programme(fins=fins), component())), select=("ILR266",)) == []


# --- ILR267 total-and-residual-same-day ---------------------------------------------------
def test_total_and_residual_training_price_on_one_day_is_flagged(lint):
    residual = fin("TNP", 3, "2026-10-01", 8000)
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), fin("TNP", 1, "2026-10-01", 8500), residual]
    xml = ilr(apprentice(programme(fins=fins), component()))
    found = only(lint(xml, select=("ILR267",)), "ILR267")
    assert found.aim == 1 and found.line == line_of(xml, residual)


def test_total_and_residual_on_one_day_is_not_also_a_total_after_a_residual(lint):
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 3, "2026-10-01", 8000), fin("TNP", 1, "2026-10-01", 8500)]
    assert lint(ilr(apprentice(programme(fins=fins, epa=None), component())), select=("ILR266",)) == []


def test_residual_training_and_total_assessment_on_one_day_are_clean(lint):
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 3, "2026-10-01", 8000), fin("TNP", 2, "2026-10-01", 1000)]
    assert lint(ilr(apprentice(programme(fins=fins), component())), select=("ILR267",)) == []


# --- ILR268 duplicate-fin-record ----------------------------------------------------------
def test_duplicate_payment_is_flagged_on_the_second_record(lint):
    payment = fin("PMR", 1, "2026-10-01", 100)
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), payment, payment]
    xml = ilr(apprentice(programme(fins=fins), component()))
    found = only(lint(xml, select=("ILR268",)), "ILR268")
    assert found.aim == 1 and found.line == line_of(xml, payment, occurrence=2) and "on this aim" in found.message


def test_duplicate_across_the_break_and_restart_aims_is_flagged_on_the_restart(lint):
    payment = fin("PMR", 1, "2026-10-01", 100)
    closed = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), payment]
    restart = [fin("TNP", 1, "2027-03-01", 9000), fin("TNP", 2, "2027-03-01", 1000), payment]
    xml = ilr(on_break_and_restart(restart, closed_fins=closed), prep="2027-04-01")
    found = only(lint(xml, select=("ILR268",)), "ILR268")
    assert found.aim == 3 and found.line == line_of(xml, payment, occurrence=2) and "aim 1" in found.message


def test_payments_on_different_days_are_clean(lint):
    fins = [fin("TNP", 1, START, 9000), fin("PMR", 1, "2026-10-01", 100), fin("PMR", 1, "2026-10-02", 100)]
    assert lint(ilr(apprentice(programme(fins=fins, epa=None), component())), select=("ILR268",)) == []


# --- ILR269 price-before-start -------------------------------------------------------------
def test_price_dated_before_the_start_is_flagged(lint):
    early = fin("TNP", 2, "2026-08-20", 1000)
    xml = ilr(apprentice(programme(fins=[fin("TNP", 1, START, 9000), early]), component()))
    found = only(lint(xml, select=("ILR269",)), "ILR269")
    assert found.aim == 1 and found.line == line_of(xml, early)


def test_price_dated_on_the_start_is_clean(lint):
    assert lint(ilr(apprentice()), select=("ILR269",)) == []


# --- ILR270 fin-date-after-file-preparation -------------------------------------------------
def test_payment_after_the_file_preparation_date_is_flagged(lint):
    future = fin("PMR", 1, "2026-11-02", 100)
    xml = ilr(apprentice(programme(fins=[fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), future]),
                         component()), prep="2026-11-01")
    found = only(lint(xml, select=("ILR270",)), "ILR270")
    assert found.aim == 1 and found.line == line_of(xml, future)


def test_payment_on_the_file_preparation_date_is_clean(lint):
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), fin("PMR", 1, "2026-11-01", 100)]
    xml = ilr(apprentice(programme(fins=fins), component()), prep="2026-11-01")
    assert lint(xml, select=("ILR270",)) == []


def test_price_after_the_file_preparation_date_is_flagged_up_to_2025_26(lint):
    # AFinDate_03 is live in 2025-26: a price dated after the file preparation date is rejected.
    xml = ilr(apprentice(programme(start="2025-09-01"), component(start="2025-09-01")), year="2526",
              prep="2025-08-20")
    found = lint(xml, select=("ILR270",))
    assert [f.message.split(" dated")[0] for f in found] == ["aim 1 has TNP 1", "aim 1 has TNP 2"]


def test_price_after_the_file_preparation_date_is_accepted_from_2026_27(lint):
    # The 2026-27 list has no AFinDate_03; AFinDate_14 holds only payments to the date.
    xml = ilr(apprentice(programme(), component()), prep="2026-08-20")
    assert lint(xml, select=("ILR270",)) == []


# --- ILR271 price-after-programme-end -------------------------------------------------------
COMPLETED = {"CompStatus": 2, "LearnActEndDate": "2027-06-30", "Outcome": 1, "AchDate": "2027-07-20"}


def test_price_after_the_achievement_date_is_flagged(lint):
    late = fin("TNP", 2, "2027-07-21", 1200)
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), late]
    xml = ilr(apprentice(programme(fins=fins, acts=[fam("ACT", 1, START, "2027-07-20")], **COMPLETED),
                         component(CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1)), prep="2027-08-01")
    found = only(lint(xml, select=("ILR271",)), "ILR271")
    assert found.aim == 1 and found.line == line_of(xml, late) and "AchDate 2027-07-20" in found.message


def test_price_after_withdrawal_is_flagged(lint):
    late = fin("TNP", 1, "2027-02-01", 8000)
    withdrawn = {"CompStatus": 3, "LearnActEndDate": "2027-01-31", "WithdrawReason": 97, "Outcome": 3}
    xml = ilr(apprentice(programme(fins=[fin("TNP", 1, START, 9000), late],
                                   acts=[fam("ACT", 1, START, "2027-01-31")], **withdrawn),
                         component(**withdrawn)), prep="2027-03-01")
    found = only(lint(xml, select=("ILR271",)), "ILR271")
    assert found.aim == 1 and found.line == line_of(xml, late)


def test_assessment_price_changed_during_the_end_point_assessment_is_clean(lint):
    fins = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), fin("TNP", 2, "2027-07-05", 1200)]
    xml = ilr(apprentice(programme(fins=fins, acts=[fam("ACT", 1, START, "2027-07-20")], **COMPLETED),
                         component(CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1)), prep="2027-08-01")
    assert lint(xml, select=("ILR271",)) == []


# --- ILR272 employer-change-needs-residual-price -----------------------------------------------
def changed_employer(fins: list[str], new_employer: str) -> str:
    """Employer EMPLOYER from the start, then a new employer from 2027-01-10 (ACT 1 -> ACT 2)."""
    acts = [fam("ACT", 1, START, "2027-01-09"), fam("ACT", 2, "2027-01-10")]
    return apprentice(programme(fins=fins, acts=acts), component(),
                      statuses=[BEFORE_START, employed(), new_employer])


PRICES = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000)]


def test_change_of_employer_without_residual_price_is_flagged_at_the_new_employment(lint):
    new = employed("2027-01-10", OTHER_EMPLOYER)
    xml = ilr(changed_employer(PRICES, new), prep="2027-02-01")
    found = only(lint(xml, select=("ILR272",)), "ILR272")
    assert found.aim == 1 and found.line == line_of(xml, new) and "2027-01-10" in found.message
    assert found.fixable is None  # the residual price is unknown: no AddAppFinRecord


def test_change_of_employer_without_employer_numbers_shown_by_oet3_is_flagged(lint):
    new = employed("2027-01-10", UNKNOWN, esm=(("EII", 8), ("OET", 3)))
    statuses = [BEFORE_START, employed(emp_id=UNKNOWN), new]
    xml = ilr(apprentice(programme(acts=[fam("ACT", 2, START)]), component(), statuses=statuses),
              prep="2027-02-01")
    found = only(lint(xml, select=("ILR272",)), "ILR272")
    assert found.line == line_of(xml, new) and "OET 3" in found.message


def test_properly_recorded_change_of_employer_is_clean_on_every_finance_and_employment_check(lint):
    """New employment record with a different EmpId, ACT 1 -> ACT 2 on contiguous dates, TNP 3 from the change."""
    fins = PRICES + [fin("TNP", 3, "2027-01-10", 6000)]
    xml = ilr(changed_employer(fins, employed("2027-01-10", OTHER_EMPLOYER)), prep="2027-02-01")
    assert lint(xml, select=MINE) == []


def test_change_of_employer_during_the_end_point_assessment_needs_a_residual_assessment_price(lint):
    new = employed("2027-07-10", OTHER_EMPLOYER)
    epa_period = {"CompStatus": 1, "LearnActEndDate": "2027-06-30", "Outcome": 8}
    xml = ilr(apprentice(programme(**epa_period), component(CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1),
                         statuses=[BEFORE_START, employed(), new]), prep="2027-08-01")
    found = only(lint(xml, select=("ILR272",)), "ILR272")
    assert found.line == line_of(xml, new) and "TNP 4" in found.message
    priced = ilr(apprentice(programme(fins=PRICES + [fin("TNP", 4, "2027-07-10", 800)], **epa_period),
                            component(CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1),
                            statuses=[BEFORE_START, employed(), new]), prep="2027-08-01")
    assert lint(priced, select=("ILR272",)) == []


def test_change_of_employer_after_the_achievement_date_is_not_during_the_programme(lint):
    xml = ilr(apprentice(programme(acts=[fam("ACT", 1, START, "2027-07-20")], **COMPLETED),
                         component(CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1),
                         statuses=[BEFORE_START, employed(), employed("2027-07-21", OTHER_EMPLOYER)]),
              prep="2027-08-01")
    assert lint(xml, select=("ILR272",)) == []


def test_employer_number_becoming_known_is_not_a_change_of_employer(lint):
    statuses = [BEFORE_START, employed(emp_id=UNKNOWN), employed("2026-10-01", EMPLOYER)]
    xml = ilr(apprentice(statuses=statuses))
    assert lint(xml, select=("ILR272",)) == []


# --- ILR273 price-on-closed-aim-after-restart ---------------------------------------------------
def test_restart_price_left_on_the_closed_aim_is_flagged(lint):
    left = fin("TNP", 1, "2027-03-01", 9000)
    closed = [fin("TNP", 1, START, 9000), fin("TNP", 2, START, 1000), left]
    xml = ilr(on_break_and_restart([fin("TNP", 1, "2027-03-01", 9000), fin("TNP", 2, "2027-03-01", 1000)],
                                   closed_fins=closed), prep="2027-04-01")
    found = only(lint(xml, select=("ILR273",)), "ILR273")
    assert found.aim == 1 and found.line == line_of(xml, left) and "aim 3" in found.fix


def test_closed_aim_with_prices_from_before_the_break_is_clean(lint):
    xml = ilr(on_break_and_restart([fin("TNP", 3, "2027-03-01", 7000), fin("TNP", 4, "2027-03-01", 1000)]),
              prep="2027-04-01")
    assert lint(xml, select=("ILR273",)) == []


# --- the funder's samples ----------------------------------------------------------------------
@needs_shared
def test_funders_2526_sample_draws_no_finance_findings(lint):
    assert lint(SAMPLE_2526.read_text(encoding="utf-8-sig"), select=("finance",)) == []


@needs_shared
def test_funders_2627_sample_draws_no_finance_findings(lint):
    # Learner Levy's programme aim 2 is priced (TNP 1 and 2) from its start, 2026-08-01, after the
    # header's FilePreparationDate 2026-04-08; the 2026-27 rules list no longer rejects a price dated
    # after the file preparation date (AFinDate_03 is not in it), so this is no fault in 2026-27.
    assert lint(SAMPLE_2627.read_text(encoding="utf-8-sig"), select=("finance",)) == []
