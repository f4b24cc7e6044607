"""Topic ``act``: apprenticeship contract type records, their spans and their attached edits."""

from __future__ import annotations

from datetime import date

import pytest
from apprentice import ENGLISH, START, act, apprentice, component, english_maths, programme_aim
from builders import employment, fam, ilr, line_of
from conftest import SAMPLE_2526, SAMPLE_2627, codes, needs_shared

from ilr_lint.api import discover
from ilr_lint.edits import AddFAM, RemoveFAMDateTo, SetFAMDateTo
from ilr_lint.model import LearningDelivery, LearningDeliveryFAM

ACT_CODES = ("ILR230", "ILR232", "ILR233", "ILR235", "ILR236", "ILR237", "ILR239",
             "ILR240", "ILR241")
RESTART = "\n" + fam("RES", 1)
# The guidance checks of these topics; their official rules are tested in tests/official.
GUIDANCE = tuple(c.code for c in discover() if c.code.startswith("ILR") and c.topic in ("act", "programme", "learner"))


def change_of_employer(english_acts: bool = True) -> str:
    """A properly recorded change of employer on 1 February 2027 with a change of contract type.

    A restart (RES, originally started in 2020, so ACT 2 is allowed on the programme aim) with
    a non-levy employer until 31 January 2027 and a levy employer from 1 February: a new
    employment status record, and on the programme aim and its English aim ACT 2 ending the
    day before ACT 1 applies from.
    """
    acts = [act(2, START, "2027-01-31"), act(1, "2027-02-01")]
    return apprentice(
        "EMP1",
        programme_aim(1, OrigLearnStartDate="2020-09-01", acts=acts, fams=[RESTART]),
        component(2, OrigLearnStartDate="2020-09-01", fams=[RESTART]),
        english_maths(3, OrigLearnStartDate="2020-09-01", acts=acts if english_acts else [], fams=[RESTART]),
        employment_statuses=[employment(10, "2026-08-01", emp_id=111111111),
                             employment(10, "2027-02-01", emp_id=222222222)])


def test_change_of_employer_recorded_properly_is_clean(lint):
    assert lint(ilr(change_of_employer()), select=GUIDANCE) == []


def test_fm36_programme_aim_needs_act(lint):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[]), component(2)))
    findings = lint(xml, select=("ILR230",))
    assert [(f.code, f.aim, f.line) for f in findings] == [("ILR230", 1, line_of(xml, "<LearningDelivery>"))]


def test_non_funded_programme_aim_without_act_is_clean(lint):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[], sof=False, FundModel=99), component(2, sof=False,
                                                                                             FundModel=99)))
    assert lint(xml, select=("ILR230",)) == []


def test_configured_english_aim_without_act(problems, lint):
    xml = ilr(change_of_employer(english_acts=False))
    options = {"english-maths-aims": [ENGLISH]}
    findings = lint(xml, select=("ILR230",), options=options)
    assert [(f.code, f.aim, f.fixable) for f in findings] == [("ILR230", 3, "safe")]
    [problem] = problems(xml, "ILR230", options=options)
    assert problem.edits == (AddFAM(3, "ACT", "2", date(2026, 9, 1), date(2027, 1, 31)),
                             AddFAM(3, "ACT", "1", date(2027, 2, 1), None))
    assert lint(xml, select=("ILR230",)) == []  # without the option no aim is known to be English or maths


def test_copied_act_starts_on_a_later_english_aim_start_and_ends_on_its_end(problems):
    xml = ilr(apprentice("A1", programme_aim(1), component(2),
                         component(3, ENGLISH, "2026-10-01", CompStatus=2, LearnActEndDate="2027-03-01", Outcome=1)))
    [problem] = problems(xml, "ILR230", options={"english-maths-aims": [ENGLISH]})
    assert problem.edits == (AddFAM(3, "ACT", "1", date(2026, 10, 1), date(2027, 3, 1)),)


def test_act_needs_date_from(lint):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[act(1, None)]), component(2)))
    findings = lint(xml, select=("ILR232",))
    assert [(f.code, f.aim, f.line) for f in findings] == [("ILR232", 1, line_of(xml, "<LearnDelFAMType>ACT"))]


def test_first_act_after_the_start_date(lint):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[act(1, "2026-09-15")]), component(2)))
    findings = lint(xml, select=("ILR233",))
    assert [(f.code, f.aim, f.line) for f in findings] == [("ILR233", 1, line_of(xml, "<LearnDelFAMType>ACT"))]
    assert "after the LearnStartDate 2026-09-01" in findings[0].message


def test_restart_act_from_its_new_start_is_clean(lint):
    restart = programme_aim(1, "2027-03-01", OrigLearnStartDate=START, fams=[RESTART])
    assert lint(ilr(apprentice("A1", restart, component(2, start="2027-03-01"))), select=("ILR233",)) == []


def test_earlier_act_without_date_to(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[act(1, START), act(1, "2027-01-01")]), component(2)))
    findings = lint(xml, select=("ILR235", "ILR236"))
    assert [(f.code, f.aim, f.line, f.fixable) for f in findings] == [
        ("ILR235", 1, line_of(xml, "<LearnDelFAMType>ACT"), "safe")]
    [problem] = problems(xml, "ILR235")
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2026, 12, 31)),)


def test_overlapping_acts(problems):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[act(2, START, "2027-01-15"), act(1, "2027-01-01")],
                                             OrigLearnStartDate="2020-09-01", fams=[RESTART]), component(2)))
    [problem] = problems(xml, "ILR235")
    assert "runs to 2027-01-15" in problem.message
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2026, 12, 31)),) and problem.unsafe


def test_gap_between_acts(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[act(1, START, "2026-12-31"), act(1, "2027-01-10")]),
                         component(2)))
    findings = lint(xml, select=("ILR235", "ILR236"))
    assert [(f.code, f.aim, f.line, f.fixable) for f in findings] == [
        ("ILR236", 1, line_of(xml, "<LearnDelFAMType>ACT", 2), "unsafe")]
    assert "2027-01-01 to 2027-01-09" in findings[0].message
    [problem] = problems(xml, "ILR236")
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2027, 1, 9)),)


def test_contiguous_acts_are_clean(lint):
    xml = ilr(change_of_employer())
    assert lint(xml, select=("ILR235", "ILR236")) == []


def test_continuing_aim_with_closed_act(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1, acts=[act(1, START, "2027-01-31")]), component(2)))
    findings = lint(xml, select=("ILR237",))
    assert [(f.code, f.aim, f.line, f.fixable) for f in findings] == [
        ("ILR237", 1, line_of(xml, "<LearnDelFAMType>ACT"), "unsafe")]
    [problem] = problems(xml, "ILR237")
    assert problem.edits == (RemoveFAMDateTo(1, "ACT", date(2026, 9, 1)),)


def test_redundant_apprentice_keeps_an_open_act(lint):
    """Made redundant on 1 February 2027 and still eligible: the ACT stays open."""
    redundant = apprentice("A1", programme_aim(1), component(2), english_maths(3),
                           employment_statuses=[employment(10, "2026-08-01", emp_id=123456789),
                                                employment(11, "2027-02-01", esm=(("OET", 1),))])
    assert lint(ilr(redundant), select=ACT_CODES) == []


def test_withdrawn_aim_act_without_date_to(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1, CompStatus=3, LearnActEndDate="2027-01-15", WithdrawReason=97,
                                             Outcome=3), component(2)))
    findings = lint(xml, select=("ILR239",))
    assert [(f.code, f.aim, f.line, f.fixable, f.rules) for f in findings] == [
        ("ILR239", 1, line_of(xml, "<LearnDelFAMType>ACT"), "safe", ("R_122",))]
    [problem] = problems(xml, "ILR239")
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2027, 1, 15)),) and not problem.unsafe


def test_completed_standard_act_without_date_to_ends_on_ach_date(problems):
    xml = ilr(apprentice("A1", programme_aim(1, CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1,
                                             AchDate="2027-07-20"), component(2)))
    [problem] = problems(xml, "ILR239")
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2027, 7, 20)),)
    assert "AchDate 2027-07-20" in problem.fix


def test_completed_standard_act_ending_on_learn_act_end_date(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1, CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1,
                                             AchDate="2027-07-20", acts=[act(1, START, "2027-06-30")]),
                         component(2)))
    findings = lint(xml, select=("ILR239", "ILR240"))
    assert [(f.code, f.aim, f.line, f.rules) for f in findings] == [
        ("ILR239", 1, line_of(xml, "<LearnDelFAMType>ACT"), ("R_121",))]
    [problem] = problems(xml, "ILR239")
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2027, 7, 20)),) and not problem.unsafe


def test_break_act_not_ending_on_learn_act_end_date(problems):
    xml = ilr(apprentice("A1", programme_aim(1, CompStatus=6, LearnActEndDate="2027-01-15",
                                             acts=[act(1, START, "2027-01-01")]), component(2)))
    [problem] = problems(xml, "ILR239")
    assert "LearnActEndDate 2027-01-15" in problem.message
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2027, 1, 15)),)


def test_latest_act_starting_after_the_aim_closed_gets_no_edit(problems):
    xml = ilr(apprentice("A1", programme_aim(1, CompStatus=3, LearnActEndDate="2027-01-15", WithdrawReason=97,
                                             Outcome=3, acts=[act(1, START, "2027-01-31"), act(1, "2027-02-01")]),
                         component(2)))
    [problem] = problems(xml, "ILR239")
    assert problem.edits == ()


def test_correctly_closed_acts_are_clean(lint):
    """A completed standard ending on its AchDate (its English aim on its own end date) and a break."""
    completed = apprentice(
        "A1", programme_aim(1, CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1, AchDate="2027-07-20",
                            acts=[act(1, START, "2027-07-20")]),
        component(2, CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1),
        english_maths(3, CompStatus=2, LearnActEndDate="2027-03-01", Outcome=1, acts=[act(1, START, "2027-03-01")]))
    on_break = apprentice(
        "A2", programme_aim(1, CompStatus=6, LearnActEndDate="2027-01-15", acts=[act(1, START, "2027-01-15")]),
        component(2, CompStatus=6, LearnActEndDate="2027-01-15"),
        english_maths(3, CompStatus=6, LearnActEndDate="2027-01-15", acts=[act(1, START, "2027-01-15")]))
    assert lint(ilr(completed, on_break, prep="2027-08-01"), select=ACT_CODES) == []


def test_framework_act_ends_on_learn_act_end_date_in_2024_25(lint):
    framework = apprentice("F1", programme_aim(1, ProgType=3, StdCode=None, FworkCode=420, PwayCode=1, CompStatus=2,
                                               LearnActEndDate="2027-01-15", Outcome=1, year="2425",
                                               acts=[act(1, START, "2027-01-15")]),
                           year="2425")
    assert lint(ilr(framework, year="2425"), select=ACT_CODES) == []


def test_act_after_ach_date(problems, lint):
    xml = ilr(apprentice("A1", programme_aim(1, CompStatus=2, LearnActEndDate="2027-06-30", Outcome=1,
                                             AchDate="2027-07-20", acts=[act(1, START, "2027-07-31")]),
                         component(2)))
    findings = lint(xml, select=("ILR239", "ILR240"))
    assert [(f.code, f.aim, f.line, f.fixable) for f in findings] == [
        ("ILR240", 1, line_of(xml, "<LearnDelFAMType>ACT"), "safe")]
    [problem] = problems(xml, "ILR240")
    assert problem.edits == (SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2027, 7, 20)),)


def test_english_aim_with_another_contract_type(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2), english_maths(3, acts=[act(2, START)])))
    findings = lint(xml, select=("ILR241",))
    assert [(f.code, f.aim, f.line) for f in findings] == [("ILR241", 3, line_of(xml, "<LearnDelFAMType>ACT", 2))]
    assert findings[0].message.startswith("on 2026-09-01 English or maths aim 3 has ACT 2")


def test_english_aim_missing_the_change_of_contract_type(lint):
    acts = [act(2, START, "2027-01-31"), act(1, "2027-02-01")]
    xml = ilr(apprentice("A1", programme_aim(1, OrigLearnStartDate="2020-09-01", acts=acts, fams=[RESTART]),
                         component(2), english_maths(3, acts=[act(2, START)])))
    findings = lint(xml, select=("ILR241",))
    assert [(f.code, f.aim) for f in findings] == [("ILR241", 3)]
    assert "on 2027-02-01" in findings[0].message and "programme aim 1 has ACT 1" in findings[0].message


def test_english_aim_starting_later_with_the_same_contract_type_is_clean(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2), english_maths(3, "2026-11-02")))
    assert lint(xml, select=ACT_CODES) == []


@needs_shared
@pytest.mark.parametrize(("sample", "expected"), [
    # Learner "Levy", aim 4 (50093198): an English/maths aim (it carries ACT) that is continuing
    # (CompStatus 1) but whose only ACT ends on 2020-12-31: R_123 - it should stay open.
    (SAMPLE_2526, [("Levy", "ILR237", 4)]),
    # Learner "Levy", aim 3 (50093186) starts on 2026-08-01 but its ACT applies from
    # 2019-07-01, the date carried over from the 2025-26 sample: R_102 / LearnDelFAMDateFrom_02.
    (SAMPLE_2627, [("Levy", "ILR233", 3)]),
])
def test_funder_samples_draw_only_their_genuine_faults(lint, sample, expected):
    findings = lint(sample.read_text(encoding="utf-8"), select=GUIDANCE)
    assert [(f.learner, f.code, f.aim) for f in findings] == expected
    assert codes(findings) == [code for _, code, _ in expected]


def _aim(**fields) -> LearningDelivery:
    values = dict(learn_aim_ref="ZPROG001", aim_type=1, aim_seq_number=1, learn_start_date=date(2026, 9, 1),
                  learn_plan_end_date=date(2028, 3, 31), fund_model=36, comp_status=1, line=1, prog_type=25,
                  std_code=28)
    return LearningDelivery(**{**values, **fields})


def test_closing_date_is_the_ach_date_of_a_standard_else_the_learn_act_end_date():
    assert _aim().closing_date is None
    assert _aim(comp_status=6, learn_act_end_date=date(2027, 1, 15)).closing_date == date(2027, 1, 15)
    standard = _aim(comp_status=2, learn_act_end_date=date(2027, 6, 30), ach_date=date(2027, 7, 20))
    assert standard.closing_date == date(2027, 7, 20)
    framework = _aim(prog_type=3, std_code=None, comp_status=2, learn_act_end_date=date(2027, 6, 30))
    assert framework.closing_date == date(2027, 6, 30)


def test_fam_on_walks_the_act_spans_up_to_the_closing_date():
    acts = (LearningDeliveryFAM("ACT", "2", 2, date(2026, 9, 1), date(2027, 1, 31)),
            LearningDeliveryFAM("ACT", "1", 3, date(2027, 2, 1)))
    aim = _aim(fams=acts, comp_status=3, learn_act_end_date=date(2027, 5, 31))
    assert aim.fam_on("ACT", date(2026, 8, 31)) is None
    assert aim.fam_on("ACT", date(2027, 1, 31)).code == "2"
    assert aim.fam_on("ACT", date(2027, 2, 1)).code == "1"
    assert aim.fam_on("ACT", date(2027, 5, 31)).code == "1"
    assert aim.fam_on("ACT", date(2027, 6, 1)) is None  # the open ACT ends with the aim
    assert _aim(fams=acts).fam_on("ACT", date(2030, 1, 1)).code == "1"  # a continuing aim: no end


def test_english_maths_components_are_known_by_act_or_by_configured_reference():
    act_fam = (LearningDeliveryFAM("ACT", "1", 2, date(2026, 9, 1)),)
    assert _aim(aim_type=3, learn_aim_ref="60346690", fams=act_fam).is_english_maths_component()
    assert not _aim(aim_type=3, learn_aim_ref="60346690").is_english_maths_component()
    assert _aim(aim_type=3, learn_aim_ref="60346690").is_english_maths_component(["60346690"])
    assert not _aim(fams=act_fam).is_english_maths_component()  # the programme aim is not one
