"""Topic ``programme``: each check fails on a faulty learner and stays silent on its correct look-alike."""

from __future__ import annotations


from apprentice import START, act, apprentice, component, english_maths, ldm, programme_aim
from builders import delivery, employment, fam, fin, ilr, line_of
from conftest import codes

from ilr_lint.edits import AddFAM

PROGRAMME_CODES = ("ILR200", "ILR201", "ILR202", "ILR203", "ILR205", "ILR206", "ILR207", "ILR208",
                   "ILR209", "ILR210", "ILR211")


def test_component_without_programme_aim(lint):
    xml = ilr(apprentice("A1", component(2)))
    findings = lint(xml, select=("ILR200",))
    assert codes(findings) == ["ILR200"]
    assert (findings[0].learner, findings[0].aim, findings[0].line) == ("A1", 2, line_of(xml, "<ProgType>"))
    assert "no programme aim" in findings[0].message


def test_component_with_its_programme_aim_is_clean(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2), english_maths(3)))
    assert lint(xml, select=PROGRAMME_CODES) == []


def test_open_programme_without_component(lint):
    xml = ilr(apprentice("A1", programme_aim(1)))
    findings = lint(xml, select=("ILR201",))
    assert codes(findings) == ["ILR201"]
    assert (findings[0].aim, findings[0].line) == (1, line_of(xml, "<LearningDelivery>"))


def test_restart_needs_its_own_components(lint):
    """After a break the old component belongs to the old programme aim, not to the restart."""
    before_break = [programme_aim(1, CompStatus=6, LearnActEndDate="2026-12-01", acts=[act(1, START, "2026-12-01")]),
                    component(2, CompStatus=6, LearnActEndDate="2026-12-01")]
    restart = programme_aim(3, "2027-03-01", OrigLearnStartDate=START, fams=["\n" + fam("RES", 1)])
    findings = lint(ilr(apprentice("A1", *before_break, restart)), select=("ILR201",))
    assert [(f.code, f.aim) for f in findings] == [("ILR201", 3)]
    with_component = ilr(apprentice("A1", *before_break, restart,
                                    component(4, start="2027-03-01", OrigLearnStartDate=START,
                                              fams=["\n" + fam("RES", 1)])))
    assert lint(with_component, select=("ILR201",)) == []


def test_closed_programme_without_component_is_not_reported(lint):
    """R_31 is about open programmes: a transferred-out programme may keep no component of its own."""
    old = programme_aim(1, CompStatus=3, LearnActEndDate="2026-12-31", WithdrawReason=40, Outcome=3,
                        acts=[act(1, START, "2026-12-31")])
    new = programme_aim(2, "2027-01-01", StdCode=29)
    continuing = component(3, StdCode=29)  # amended to the new standard, start date unchanged
    assert lint(ilr(apprentice("A1", old, new, continuing)), select=("ILR201", "ILR200")) == []


def test_apprenticeship_programme_aim_must_be_zprog001(lint):
    xml = ilr(apprentice("A1", programme_aim(1, LearnAimRef="60146242"), component(2)))
    findings = lint(xml, select=("ILR202",))
    assert [(f.code, f.aim, f.line) for f in findings] == [("ILR202", 1, line_of(xml, "<LearningDelivery>"))]
    assert "60146242" in findings[0].message


def test_zprog001_programme_aim_is_clean(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2)))
    assert lint(xml, select=("ILR202", "ILR203")) == []


def test_zprog001_only_with_aim_type_1(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2, "ZPROG001")))
    findings = lint(xml, select=("ILR203",))
    assert [(f.code, f.aim) for f in findings] == [("ILR203", 2)]
    assert findings[0].line == line_of(xml, "<LearningDelivery>", 2)


def test_zprog001_on_a_t_level_programme_aim_is_clean(lint):
    tlevel = [delivery(LearnAimRef="ZPROG001", AimType=1, AimSeqNumber=1, ProgType=31, fams=[fam("SOF", 107)]),
              delivery(LearnAimRef="ZTLOS006", AimType=3, AimSeqNumber=2, ProgType=31, fams=[fam("SOF", 107)])]
    assert lint(ilr(apprentice("T1", *tlevel)), select=("ILR203",)) == []


def test_component_with_another_standard_code(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2, StdCode=29)))
    findings = lint(xml, select=("ILR200",))
    assert [(f.code, f.aim, f.line, f.rules) for f in findings] == [
        ("ILR200", 2, line_of(xml, "<ProgType>", 2), ("R_30", "R_66"))]
    assert "StdCode 29" in findings[0].message and "StdCode 28" in findings[0].message


def test_component_with_another_programme_type(lint):
    findings = lint(ilr(apprentice("A1", programme_aim(1), component(2, ProgType=3, StdCode=None))),
                    select=("ILR200",))
    assert [(f.code, f.aim) for f in findings] == [("ILR200", 2)]


def test_funded_component_needs_a_programme_aim_with_its_funding_model(lint):
    """R_66 compares FundModel too; a non-funded component (FundModel 99) is exempt, as is R_30's match."""
    xml = ilr(apprentice("A1", programme_aim(1, FundModel=81), component(2, FundModel=36), component(3, FundModel=99)))
    findings = lint(xml, select=("ILR200",))
    assert [(f.code, f.aim, f.rules, f.line) for f in findings] == [
        ("ILR200", 2, ("R_66",), line_of(xml, "<FundModel>", 2))]


def test_any_component_aim_needs_its_programme_aim(lint):
    """R_30 is not only for apprenticeships: a T Level component needs its programme aim too."""
    tlevel = [delivery(LearnAimRef="ZTLOS006", AimType=3, AimSeqNumber=1, ProgType=31, FundModel=25,
                       fams=[fam("SOF", 107)])]
    findings = lint(ilr(apprentice("T1", *tlevel)), select=("ILR200",))
    assert [(f.code, f.aim, f.rules) for f in findings] == [("ILR200", 1, ("R_30", "R_66"))]


def test_transfer_with_component_amended_to_new_standard_is_clean(lint):
    old = programme_aim(1, CompStatus=3, LearnActEndDate="2026-12-31", WithdrawReason=40, Outcome=3,
                        acts=[act(1, START, "2026-12-31")])
    new = programme_aim(2, "2027-01-01", StdCode=29)
    closed = component(3, CompStatus=3, LearnActEndDate="2026-12-31", WithdrawReason=40, Outcome=3)
    continuing = component(4, "Z0001947", StdCode=29)
    assert lint(ilr(apprentice("A1", old, new, closed, continuing)), select=PROGRAMME_CODES) == []


def test_standard_needs_std_code(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2, StdCode=None)))
    findings = lint(xml, select=("ILR205", "ILR200"))
    assert [(f.code, f.aim, f.line) for f in findings] == [("ILR205", 2, line_of(xml, "<ProgType>", 2))]


def test_framework_needs_framework_and_pathway_codes_up_to_2024_25(lint):
    aims = [programme_aim(1, ProgType=3, StdCode=None, FworkCode=420, PwayCode=1, year="2425"),
            component(2, ProgType=3, StdCode=None, FworkCode=420, year="2425")]
    findings = lint(ilr(apprentice("F1", *aims, year="2425"), year="2425"), select=("ILR206", "ILR200"))
    assert [(f.code, f.aim) for f in findings] == [("ILR206", 2)]
    assert "no PwayCode" in findings[0].message


def test_framework_with_both_codes_is_clean(lint):
    aims = [programme_aim(1, ProgType=3, StdCode=None, FworkCode=420, PwayCode=1, year="2425"),
            component(2, ProgType=3, StdCode=None, FworkCode=420, PwayCode=1, year="2425")]
    assert lint(ilr(apprentice("F1", *aims, year="2425"), year="2425"), select=PROGRAMME_CODES) == []


def test_framework_codes_are_not_asked_for_in_2026_27(lint):
    aims = [programme_aim(1, ProgType=3, StdCode=None), component(2, ProgType=3, StdCode=None)]
    assert lint(ilr(apprentice("F1", *aims)), select=("ILR206", "ILR200")) == []


def test_funded_apprenticeship_aim_without_sof(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2, sof=False)))
    findings = lint(xml, select=("ILR207",))
    assert [(f.code, f.aim, f.fixable) for f in findings] == [("ILR207", 2, "safe")]
    [problem] = problems(xml, "ILR207")
    assert problem.edits == (AddFAM(2, "SOF", "105"),) and not problem.unsafe


def test_funded_apprenticeship_aim_with_other_sof(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2, sof=False, fams=["\n" + fam("SOF", 107)])))
    findings = lint(xml, select=("ILR207",))
    assert [(f.code, f.aim, f.line, f.fixable) for f in findings] == [
        ("ILR207", 2, line_of(xml, "<LearnDelFAMCode>107"), None)]


def test_fm81_standard_needs_sof_105_but_other_adult_learning_does_not(lint):
    old_standard = [programme_aim(1, "2016-09-01", FundModel=81, acts=[], sof=False),
                    component(2, "Z0001946", "2016-09-01", FundModel=81)]
    other_adult = delivery(AimSeqNumber=3, FundModel=81)  # not an apprenticeship: no ProgType
    findings = lint(ilr(apprentice("A1", *old_standard, "\n" + other_adult)), select=("ILR207",))
    assert [(f.code, f.aim) for f in findings] == [("ILR207", 1)]


def test_agency_ldm_missing_on_a_component(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1, fams=[ldm(386)]), component(2), english_maths(3, fams=[ldm(386)])))
    findings = lint(xml, select=("ILR208",))
    assert [(f.code, f.aim, f.fixable) for f in findings] == [("ILR208", 2, "unsafe")]
    assert "LDM 386" in findings[0].message and "1, 3" in findings[0].message
    [problem] = problems(xml, "ILR208")
    assert problem.edits == (AddFAM(2, "LDM", "386"),) and problem.unsafe


def test_agency_ldm_on_programme_aim_only(lint):
    findings = lint(ilr(apprentice("A1", programme_aim(1, fams=[ldm(130)]), component(2))), select=("ILR208",))
    assert [(f.code, f.aim) for f in findings] == [("ILR208", 2)]
    assert "apprenticeship training agency" in findings[0].message


def test_agency_ldm_on_all_aims_or_none_is_clean(lint):
    on_all = apprentice("A1", programme_aim(1, fams=[ldm(129)]), component(2, fams=[ldm(129)]))
    on_none = apprentice("A2", programme_aim(1), component(2))
    assert lint(ilr(on_all, on_none), select=("ILR208",)) == []


def test_own_employees_with_employer_payments(lint):
    xml = ilr(apprentice("A1", programme_aim(1, fams=[ldm(356)],
                                             fins=["\n" + fin("TNP", 1, START, 9000), "\n" + fin("PMR", 1, START, 450)]),
                         component(2)))
    findings = lint(xml, select=("ILR209",))
    assert [(f.code, f.severity, f.aim, f.line) for f in findings] == [
        ("ILR209", "warning", 1, line_of(xml, "<AFinType>PMR"))]


def test_own_employees_without_payments_and_payments_without_ldm_356_are_clean(lint):
    own = apprentice("A1", programme_aim(1, fams=[ldm(356)]), component(2))
    paying = apprentice("A2", programme_aim(1, fins=[fin("TNP", 1, START, 9000), fin("PMR", 1, START, 450)]),
                        component(2))
    assert lint(ilr(own, paying), select=("ILR209",)) == []


def test_new_programme_while_previous_is_open(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2), programme_aim(3, "2027-01-04", StdCode=29),
                         component(4, "Z0001947", "2027-01-04", StdCode=29)))
    findings = lint(xml, select=("ILR210",))
    assert [(f.code, f.aim) for f in findings] == [("ILR210", 3)]
    assert findings[0].line == line_of(xml, "<LearnStartDate>2027-01-04")
    assert "still open" in findings[0].message


def test_new_programme_before_previous_end_date(lint):
    first = programme_aim(1, CompStatus=3, LearnActEndDate="2027-02-01", WithdrawReason=40, Outcome=3,
                          acts=[act(1, START, "2027-02-01")])
    findings = lint(ilr(apprentice("A1", first, component(2), programme_aim(3, "2027-01-04", StdCode=29),
                                   component(4, "Z0001947", "2027-01-04", StdCode=29))), select=("ILR210",))
    assert [(f.code, f.aim) for f in findings] == [("ILR210", 3)]
    assert "ends on 2027-02-01" in findings[0].message


def test_break_then_restart_and_transfer_the_day_after_are_clean(lint):
    """A break whose ACT ends on LearnActEndDate, then the restart; and a transfer starting the day after the end."""
    on_break = programme_aim(1, CompStatus=6, LearnActEndDate="2026-12-01", acts=[act(1, START, "2026-12-01")])
    restart = programme_aim(3, "2027-03-01", OrigLearnStartDate=START, fams=["\n" + fam("RES", 1)])
    broke = apprentice("A1", on_break, component(2, CompStatus=6, LearnActEndDate="2026-12-01"), restart,
                       component(4, start="2027-03-01", OrigLearnStartDate=START, fams=["\n" + fam("RES", 1)]))
    moved = programme_aim(1, CompStatus=3, LearnActEndDate="2027-01-04", WithdrawReason=40, Outcome=3,
                          acts=[act(1, START, "2027-01-04")])
    transfer = apprentice("A2", moved, component(2), programme_aim(3, "2027-01-05", StdCode=29),
                          component(4, "Z0001947", "2027-01-05", StdCode=29))
    assert lint(ilr(broke, transfer), select=PROGRAMME_CODES) == []


def test_new_programme_on_the_previous_end_date_overlaps(lint):
    """R_124 counts a start on the previous programme's end date as an overlap: start the day after."""
    moved = programme_aim(1, CompStatus=3, LearnActEndDate="2027-01-04", WithdrawReason=40, Outcome=3,
                          acts=[act(1, START, "2027-01-04")])
    transfer = apprentice("A2", moved, component(2), programme_aim(3, "2027-01-04", StdCode=29),
                          component(4, "Z0001947", "2027-01-04", StdCode=29))
    findings = lint(ilr(transfer), select=PROGRAMME_CODES)
    assert [(f.code, f.aim) for f in findings] == [("ILR210", 3)]
    assert "the day after" in findings[0].fix


def _completed_standard(ach_date: str | None, outcome: int) -> str:
    return programme_aim(1, CompStatus=2, LearnActEndDate="2026-12-15", Outcome=outcome, AchDate=ach_date,
                         acts=[act(1, START, ach_date or "2026-12-15")])


def _next_standard(start: str) -> list[str]:
    return [programme_aim(3, start, StdCode=29), component(4, "Z0001947", start, StdCode=29)]


def test_next_apprenticeship_before_ach_date_is_returned(lint):
    xml = ilr(apprentice("A1", _completed_standard(None, 8), component(2, CompStatus=2, LearnActEndDate="2026-12-15",
                                                                       Outcome=1),
                         *_next_standard("2027-01-10")))
    findings = lint(xml, select=("ILR211", "ILR210"))
    assert [(f.code, f.aim, f.line) for f in findings] == [("ILR211", 3, line_of(xml, "<LearnStartDate>2027-01-10"))]
    assert "has no AchDate" in findings[0].message


def test_next_apprenticeship_before_the_ach_date(lint):
    xml = ilr(apprentice("A1", _completed_standard("2027-02-01", 1),
                         component(2, CompStatus=2, LearnActEndDate="2026-12-15", Outcome=1),
                         *_next_standard("2027-01-10")))
    findings = lint(xml, select=("ILR211",))
    assert [(f.code, f.aim) for f in findings] == [("ILR211", 3)]
    assert "AchDate 2027-02-01" in findings[0].message


def test_next_apprenticeship_after_the_ach_date_is_clean(lint):
    """A completed standard whose ACT ends on the AchDate, then the next standard."""
    xml = ilr(apprentice("A1", _completed_standard("2027-01-05", 1),
                         component(2, CompStatus=2, LearnActEndDate="2026-12-15", Outcome=1),
                         *_next_standard("2027-01-10")))
    assert lint(xml, select=PROGRAMME_CODES + ("act",)) == []


def test_programme_checks_ignore_non_apprenticeship_learners(lint):
    xml = ilr(apprentice("L1", delivery(AimSeqNumber=1, fams=[fam("SOF", 107)]),
                         employment_statuses=[employment(11, "2026-08-01")]))
    assert lint(xml, select=("programme",)) == []
