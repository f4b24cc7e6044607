"""The ``qar`` checks ILR600-ILR605 in ``ilr-lint check``, with and without ``--previous``."""

from __future__ import annotations

from datetime import date

from builders import fam
from conftest import SAMPLE_2526, SAMPLE_2627, codes, needs_shared
from ilr_lint.edits import SetField
from qar_support import et, person, standard, year_file

QAR = ("qar",)


def _continuing_2526(ref: str = "L1", **fields: object) -> str:
    return year_file("2526", person(ref, "2526", et("2526", LearnStartDate="2025-09-01",
                                                    LearnPlanEndDate="2027-06-30", **fields)))


def test_overdue_continuing_aim_missing_from_this_year(lint):
    current = year_file("2627", person("L2", "2627", et("2627"), uln=1000000050))
    findings = lint(current, select=("ILR600",), previous=(_continuing_2526(),))
    assert codes(findings) == ["ILR600"]
    assert "learner L1" in findings[0].message and "missing from the 2026-27 file" in findings[0].message
    assert lint(current, select=("ILR600",)) == []  # without --previous nothing is known


def test_continuing_aim_returned_this_year_is_clean(lint):
    current = year_file("2627", person("L1", "2627", et("2627", LearnStartDate="2025-09-01",
                                                        LearnPlanEndDate="2027-06-30")))
    assert lint(current, select=("ILR600",), previous=(_continuing_2526(),)) == []


def _break_2526() -> str:
    return year_file("2526", person("L1", "2526", standard("2526", LearnStartDate="2025-09-01",
                                                           LearnPlanEndDate="2027-06-30", CompStatus=6,
                                                           LearnActEndDate="2026-02-02")))


def _restart_2627(orig: str | None) -> str:
    return year_file("2627", person("L1", "2627", standard(
        "2627", LearnStartDate="2026-10-05", OrigLearnStartDate=orig, LearnPlanEndDate="2027-12-31",
        fams=[fam("ACT", 1, "2026-10-05"), fam("RES", 1)])))


def test_overdue_planned_break_and_restart_that_will_not_match(lint):
    findings = lint(_restart_2627(None), select=("ILR601", "ILR602"), previous=(_break_2526(),))
    assert codes(findings) == ["ILR601", "ILR602"]
    restart = next(f for f in findings if f.code == "ILR602")
    assert (restart.learner, restart.aim, restart.severity, restart.topic) == ("L1", 1, "warning", "qar")
    assert restart.fixable == "unsafe"
    assert "OrigLearnStartDate to 2025-09-01" in restart.fix


def test_restart_with_the_breaks_start_date_is_clean(lint):
    assert lint(_restart_2627("2025-09-01"), select=("ILR601", "ILR602"), previous=(_break_2526(),)) == []


def test_restart_finding_points_at_the_aim(lint):
    findings = lint(_restart_2627("2025-09-03"), select=("ILR602",), previous=(_break_2526(),))
    assert codes(findings) == ["ILR602"] and findings[0].line == 5  # builders write each learner on one line
    assert "OrigLearnStartDate (2025-09-03)" in findings[0].message


def test_restart_edit_sets_the_breaks_date(tmp_path):
    from ilr_lint.checks.qar import RESTART_WILL_NOT_MATCH
    from ilr_lint.api import Context
    from ilr_lint.reader import IlrReader
    path = tmp_path / "current.xml"
    path.write_text(year_file("2627", person("L1", "2627",
                                             et("2627", LearnStartDate="2025-09-01", CompStatus=6,
                                                LearnActEndDate="2025-12-01"),
                                             et("2627", AimSeqNumber=2, LearnStartDate="2026-09-07",
                                                fams=[fam("SOF", 105), fam("RES", 1)]))))
    reader = IlrReader(str(path))
    learner = next(iter(reader)).item
    ctx = Context(path=str(path), header=reader.header, year=reader.year, today=date(2026, 11, 1))
    problems = list(RESTART_WILL_NOT_MATCH.run(learner, ctx))  # break and restart in the same year
    assert [p.where.aim_seq_number for p in problems] == [2]
    assert problems[0].edits == (SetField(2, "OrigLearnStartDate", "2025-09-01"),) and problems[0].unsafe


def test_prev_learn_ref_not_found(lint):
    current = year_file("2627", person("L9", "2627", et("2627"), PrevLearnRefNumber="NOPE"))
    findings = lint(current, select=("ILR603",), previous=(_continuing_2526(),))
    assert codes(findings) == ["ILR603"] and findings[0].learner == "L9" and findings[0].aim is None
    from ilr_lint.checks.qar import PREV_LEARN_REF_NOT_FOUND
    assert PREV_LEARN_REF_NOT_FOUND.code == "ILR603"
    renamed = year_file("2627", person("L9", "2627", et("2627", LearnStartDate="2025-09-01",
                                                        LearnPlanEndDate="2027-06-30"), PrevLearnRefNumber="L1"))
    assert lint(renamed, select=("ILR603", "ILR604", "ILR600"), previous=(_continuing_2526(),)) == []


def test_prev_learn_ref_needs_the_previous_year(lint):
    current = year_file("2627", person("L9", "2627", et("2627"), PrevLearnRefNumber="NOPE"))
    assert lint(current, select=("ILR603",)) == []  # nothing to compare without --previous
    older = year_file("2425", person("L1", "2425", et("2425", LearnStartDate="2024-09-02")))
    assert lint(current, select=("ILR603",), previous=(older,)) == []  # 2024-25 is not the previous year
    found = lint(current, select=("ILR603",), previous=(older, _continuing_2526()))
    assert codes(found) == ["ILR603"] and found[0].fixable == "unsafe"


def test_prev_learn_ref_not_found_edit_names_last_years_number_for_the_uln(write_ilr):
    from ilr_lint.checks.qar import PREV_LEARN_REF_NOT_FOUND
    from ilr_lint.edits import RemoveField, SetField
    from ilr_lint.engine import Options, lint_file
    from ilr_lint.previous import PreviousIndex

    def edits(current: str) -> list:
        previous = PreviousIndex.build([str(write_ilr(_continuing_2526(), name="prev.xml"))])
        findings = lint_file(str(write_ilr(current)), Options(checks=[PREV_LEARN_REF_NOT_FOUND], previous=previous)).findings
        return [e for f in findings for e in f.edits]

    same_uln = year_file("2627", person("L9", "2627", et("2627"), PrevLearnRefNumber="NOPE"))
    assert edits(same_uln) == [SetField(None, "PrevLearnRefNumber", "L1")]  # last year's L1 has this ULN
    new_uln = year_file("2627", person("L9", "2627", et("2627"), uln=1000000077, PrevLearnRefNumber="NOPE"))
    assert edits(new_uln) == [RemoveField(None, "PrevLearnRefNumber")]


def test_learn_ref_change_not_recorded(lint):
    current = year_file("2627", person("L9", "2627", et("2627", LearnStartDate="2025-09-01",
                                                        LearnPlanEndDate="2027-06-30")))
    findings = lint(current, select=("ILR604", "ILR600"), previous=(_continuing_2526(),))
    assert codes(findings) == ["ILR604"]  # the aims still match on ULN
    assert findings[0].learner == "L9" and "PrevLearnRefNumber L1" in findings[0].fix
    other = year_file("2627", person("L9", "2627", et("2627"), uln=1000000077))
    assert lint(other, select=("ILR604",), previous=(_continuing_2526(),)) == []


def test_continuing_past_planned_end(lint):
    xml = year_file("2627", person("L1", "2627", et("2627", LearnPlanEndDate="2026-12-18"),
                                   et("2627", AimSeqNumber=2, LearnAimRef="ZWRKX001", LearnPlanEndDate="2026-12-18"),
                                   et("2627", AimSeqNumber=3, LearnAimRef="60000003", LearnPlanEndDate="2027-06-30")))
    findings = lint(xml, select=("ILR605",), today=date(2027, 1, 4))
    assert [(f.code, f.aim) for f in findings] == [("ILR605", 1)]  # the work placement is excluded
    assert "2026-12-18" in findings[0].message and findings[0].severity == "info"
    assert lint(xml, select=("ILR605",), today=date(2026, 12, 1)) == []


def test_continuing_long_past_planned_end_is_a_warning(lint):
    xml = year_file("2627", person("L1", "2627", et("2627", LearnPlanEndDate="2026-12-18")))
    assert [f.severity for f in lint(xml, select=("ILR605",), today=date(2027, 6, 16))] == ["info"]  # 180 days
    assert [f.severity for f in lint(xml, select=("ILR605",), today=date(2027, 6, 17))] == ["warning"]
    assert [f.severity for f in lint(xml, select=("ILR605",), today=date(2027, 1, 4),
                                     options={"overdue-continuing-days": 10})] == ["warning"]


@needs_shared
def test_sample_files(lint):
    """The funder's samples hold continuing aims whose planned end dates passed years before
    the file was prepared (for example LoanLearner: LearnPlanEndDate 2022-07-02, CompStatus 1,
    file of 2025-01-08). ILR605 is right about exactly those; nothing else fires."""
    found_2526 = lint(SAMPLE_2526.read_text(encoding="utf-8"), select=QAR)
    assert sorted((f.code, f.learner, f.aim) for f in found_2526) == [
        ("ILR605", "Levy", 2), ("ILR605", "LoanLearner", 1), ("ILR605", "MCALearner", 1),
        ("ILR605", "StandLearn", 1), ("ILR605", "TLLearner", 1)]
    found_2627 = lint(SAMPLE_2627.read_text(encoding="utf-8"), select=QAR)
    assert sorted((f.code, f.learner, f.aim) for f in found_2627) == [
        ("ILR605", "16Learner", 1), ("ILR605", "ASFLearner", 1), ("ILR605", "LoanLearner", 1),
        ("ILR605", "MCALearner", 1), ("ILR605", "TLLearner", 1)]
    # The two samples are not one provider's consecutive years: with the 2025-26 sample as
    # --previous, its continuing aims are missing from the 2026-27 sample (ASFLearner's ULN
    # differs, 1061484935 against 1061684935), and two PrevLearnRefNumbers name no 2025-26
    # learner. Those findings are right about the data as given.
    with_previous = lint(SAMPLE_2627.read_text(encoding="utf-8"), select=("ILR600", "ILR601", "ILR602", "ILR603",
                                                                          "ILR604"),
                         previous=(SAMPLE_2526.read_text(encoding="utf-8"),))
    assert sorted((f.code, f.learner or f.message.split()[1]) for f in with_previous) == [
        ("ILR600", "18Learner"), ("ILR600", "18Learner"), ("ILR600", "ASFLearner"), ("ILR600", "Levy"),
        ("ILR600", "StandLearn"), ("ILR600", "TLLearner"), ("ILR603", "ASFLearner"), ("ILR603", "OtherAdult")]
