"""Every worked example of the QAR methodology, through ``ilr-lint qar ... --format json``.

Source: ../shared/guidance/qar-2024-25-methodology.txt. The methodology's own 2022-23
dates are moved one year on where its example needs a 2022-23 file (the earliest year
ilr-lint reads is 2023-24); docs/qar.md records each such choice.
"""

from __future__ import annotations

from builders import fam
from qar_support import et, flags, only_aim, aims_of, person, run_qar, standard, year_file


def test_education_and_training_narrative_example(cli, tmp_path):
    """Diploma in Adult Care: planned end 30 June 2024, actual end 20 September 2024 -> 2024/25."""
    started = dict(LearnStartDate="2023-09-04", LearnPlanEndDate="2024-06-30")
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L1", "2425", et("2425", **started, CompStatus=2,
                                                               LearnActEndDate="2024-09-20", Outcome=1))),
        "2324.xml": year_file("2324", person("L1", "2324", et("2324", **started))),
    })
    aim = only_aim(report, "L1")
    assert aim["hybrid_end_year"] == "2024/25" and aim["file"] == "2425.xml"
    assert flags(aim) == (1, 1, 1)
    assert report["rates"] == [{"provision": "education_and_training", "hybrid_end_year": "2024/25", "leavers": 1,
                                "achievers": 1, "completers": 1, "achievement_rate": 100.0,
                                "retention_rate": 100.0, "pass_rate": 100.0, "not_assessed": 0,
                                "with_not_assessed": None, "achievers_not_completers": []}]


def test_education_and_training_example_1_first_reported_complete_later(cli, tmp_path):
    """Planned end 20/05/25, actual end 20/05/24 first reported in 2024/25 -> 2024/25."""
    started = dict(LearnStartDate="2023-09-04", LearnPlanEndDate="2025-05-20")
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L1", "2425", et("2425", **started, CompStatus=3, WithdrawReason=97,
                                                               LearnActEndDate="2024-05-20", Outcome=3))),
        "2324.xml": year_file("2324", person("L1", "2324", et("2324", **started))),
    })
    aim = only_aim(report, "L1")
    assert aim["hybrid_end_year"] == "2024/25"
    assert flags(aim) == (1, 0, 0)


def test_education_and_training_example_2(cli, tmp_path):
    """Planned end 20/05/25, actual end 25/07/25, reported in 2024/25 -> 2024/25."""
    report = run_qar(cli, tmp_path, {"2425.xml": year_file("2425", person("L1", "2425", et(
        "2425", LearnStartDate="2024-09-02", LearnPlanEndDate="2025-05-20", CompStatus=2,
        LearnActEndDate="2025-07-25", Outcome=1)))})
    assert only_aim(report, "L1")["hybrid_end_year"] == "2024/25"


def test_education_and_training_example_3_is_next_year(cli, tmp_path):
    """Planned end 20/10/25, actual end 25/07/25 -> 2025/26: 'future' for the 2024/25 QAR."""
    files = {"2425.xml": year_file("2425", person("L1", "2425", et(
        "2425", LearnStartDate="2024-09-02", LearnPlanEndDate="2025-10-20", CompStatus=2,
        LearnActEndDate="2025-07-25", Outcome=1)))}
    assert only_aim(run_qar(cli, tmp_path, files), "L1")["hybrid_end_year"] == "future"
    later = run_qar(cli, tmp_path, files, "--qar-year", "2025/26")
    assert later["qar_year"] == "2025/26" and only_aim(later, "L1")["hybrid_end_year"] == "2025/26"


def test_education_and_training_step_1_planned_end_after_qar_year(cli, tmp_path):
    """Step 1 table: planned end 31 August 2025, actual end 30 May 2025 -> future."""
    report = run_qar(cli, tmp_path, {"2425.xml": year_file("2425", person("L1", "2425", et(
        "2425", LearnStartDate="2024-09-02", LearnPlanEndDate="2025-08-31", CompStatus=3, WithdrawReason=97,
        LearnActEndDate="2025-05-30", Outcome=3)))})
    assert only_aim(report, "L1")["hybrid_end_year"] == "future"


def test_step_2_overdue_continuing_aim_uses_reporting_year(cli, tmp_path):
    """Step 2 table: an overdue continuing aim takes the latest of actual end, planned end and
    reporting years. Continuing in 2024-25 with planned end in 2023-24, missing from 2025-26:
    2024/25, the reporting year; leaver 1, achiever 0."""
    report = run_qar(cli, tmp_path, {
        "2526.xml": year_file("2526", person("L2", "2526", et("2526", LearnStartDate="2025-09-01"), uln=1000000050)),
        "2425.xml": year_file("2425", person("L1", "2425", et("2425", LearnStartDate="2023-09-04",
                                                               LearnPlanEndDate="2024-06-28"))),
    })
    aim = only_aim(report, "L1")
    assert aim["overdue_continuing_aim"] == 1 and aim["file"] == "2425.xml"
    assert aim["hybrid_end_year"] == "2024/25"
    assert flags(aim) == (1, 0, 0)
    risk = [r for r in report["at_risk"] if r["kind"] == "overdue_continuing_aim"]
    assert [(r["learner"], r["aim"], r["file"]) for r in risk] == [("L1", 1, "2425.xml")]


def test_step_2_overdue_planned_break_adds_one_year(cli, tmp_path):
    """Step 2 table and the 'Overdue planned breaks' example: planned end July 2024 (2023), a
    break from April 2023 (2022), no restart or continuation in the following year's R14:
    the hybrid end year is 2023 plus one, 2024/25; leaver 1, achiever 0."""
    brk = et("2324", LearnStartDate="2022-09-05", LearnPlanEndDate="2024-07-15", CompStatus=6,
             LearnActEndDate="2023-04-03")
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L2", "2425", et("2425", LearnStartDate="2024-09-02"), uln=1000000050)),
        "2324.xml": year_file("2324", person("L1", "2324", brk)),
    })
    aim = only_aim(report, "L1")
    assert aim["overdue_planned_break"] == 1 and aim["hybrid_end_year"] == "2024/25"
    assert flags(aim) == (1, 0, 0) and aim["exclusions"] == []


def test_step_2_first_reported_complete_after_step_1(cli, tmp_path):
    """Step 2 table: planned end year 2023, actual end year 2022, first reported complete in
    2024 -> 2024/25 (step 1 alone would give 2023/24)."""
    started = dict(LearnStartDate="2022-09-05", LearnPlanEndDate="2024-06-28")
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L1", "2425", et("2425", **started, CompStatus=2,
                                                               LearnActEndDate="2023-05-26", Outcome=1))),
        "2324.xml": year_file("2324", person("L1", "2324", et("2324", **started))),
    })
    aim = only_aim(report, "L1")
    assert aim["hybrid_end_year"] == "2024/25" and flags(aim) == (1, 1, 1)
    earlier = run_qar(cli, tmp_path, {"2425.xml": year_file("2425", person("L1", "2425", et(
        "2425", **started, CompStatus=2, LearnActEndDate="2023-05-26", Outcome=1)))}, "--qar-year", "2024/25")
    alone = only_aim(earlier, "L1")
    assert alone["hybrid_end_year"] == "2024/25"  # first reported complete in 2024-25, as far as this file shows
    # but the 2022-23 or 2023-24 R14 may have reported it complete already: not assessed, counted apart
    assert (alone["give"], earlier["rates"][0]["leavers"], earlier["rates"][0]["not_assessed"]) == (
        ["2022-23", "2023-24"], 0, 1)


def test_apprenticeship_narrative_example_achievement_date_decides(cli, tmp_path):
    """Digital Marketing: planned end 31 July 2024, actual end 15 June 2024, end-point
    assessment passed 10 September 2024 -> 2024/25, not 2023/24."""
    started = dict(LearnStartDate="2023-03-06", LearnPlanEndDate="2024-07-31", LearnActEndDate="2024-06-15")
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L1", "2425", standard("2425", **started, CompStatus=2, Outcome=1,
                                                                     AchDate="2024-09-10"))),
        "2324.xml": year_file("2324", person("L1", "2324", standard("2324", **started, Outcome=8))),
    })
    aim = only_aim(report, "L1")
    assert aim["provision"] == "apprenticeship" and aim["achievement_date"] == "2024-09-10"
    assert aim["hybrid_end_year"] == "2024/25" and flags(aim) == (1, 1, 1)
    # At the 2023-24 R14 the assessment is pending (CompStatus 1, Outcome 8): step 1's first
    # condition puts the aim in the future, so it does not count in 2023/24.
    before = run_qar(cli, tmp_path, {"2324.xml": year_file("2324", person(
        "L1", "2324", standard("2324", **started, Outcome=8)))})
    assert only_aim(before, "L1")["hybrid_end_year"] == "future"


def test_apprenticeship_example_4_follows_the_example_not_the_step_1_table(cli, tmp_path):
    """Planned end 22/06/24, actual end 26/04/24 first reported in 2023/24, achievement date
    06/12/24 -> 2024/25 (the step 1 table's first condition would say future)."""
    started = dict(LearnStartDate="2022-10-03", LearnPlanEndDate="2024-06-22", LearnActEndDate="2024-04-26")
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L1", "2425", standard("2425", **started, CompStatus=2, Outcome=1,
                                                                     AchDate="2024-12-06"))),
        "2324.xml": year_file("2324", person("L1", "2324", standard("2324", **started, Outcome=8))),
    })
    aim = only_aim(report, "L1")
    assert aim["hybrid_end_year"] == "2024/25" and flags(aim) == (1, 1, 1) and aim["excluded"] == 0


def test_apprenticeship_examples_1_to_3(cli, tmp_path):
    """Examples 1-3 for apprenticeships: 2024/25, 2024/25, and 2025/26 (future in 2024/25)."""
    def withdrawn(ref: str, uln: int, start: str, planned: str, ended: str) -> str:
        return person(ref, "2425", standard("2425", LearnStartDate=start, LearnPlanEndDate=planned, CompStatus=3,
                                            WithdrawReason=97, LearnActEndDate=ended, Outcome=3), uln=uln)
    files = {"2425.xml": year_file(
        "2425",
        withdrawn("EX1", 1000000101, "2023-09-04", "2025-05-20", "2024-05-20"),
        withdrawn("EX2", 1000000102, "2023-09-04", "2025-05-20", "2025-07-25"),
        withdrawn("EX3", 1000000103, "2023-09-04", "2025-08-20", "2025-07-25"))}
    report = run_qar(cli, tmp_path, files)
    assert [only_aim(report, r)["hybrid_end_year"] for r in ("EX1", "EX2", "EX3")] == ["2024/25", "2024/25", "future"]
    assert only_aim(report, "EX3")["exclusions"] == ["planned_end_after_qar_year"]
    later = run_qar(cli, tmp_path, files, "--qar-year", "2025/26")
    assert only_aim(later, "EX3")["hybrid_end_year"] == "2025/26" and only_aim(later, "EX3")["excluded"] == 0


def test_apprenticeship_step_1_table_example_is_future(cli, tmp_path):
    """Planned end 31/08/25, actual end 30/05/25, achievement date 30/08/25 -> future."""
    report = run_qar(cli, tmp_path, {"2425.xml": year_file("2425", person("L1", "2425", standard(
        "2425", LearnStartDate="2023-09-04", LearnPlanEndDate="2025-08-31", LearnActEndDate="2025-05-30",
        CompStatus=2, Outcome=1, AchDate="2025-08-30")))})
    aim = only_aim(report, "L1")
    assert aim["hybrid_end_year"] == "future"
    assert flags(aim) == (1, 0, 1)  # ended by 31 July 2025, achieved after it


def _apprentice_break(year: str) -> str:
    return standard(year, LearnStartDate="2022-09-05", LearnPlanEndDate="2024-06-28", CompStatus=6,
                    LearnActEndDate="2023-10-13")


def _apprentice_restart(orig: str | None) -> str:
    return standard("2425", LearnStartDate="2024-09-09", OrigLearnStartDate=orig, LearnPlanEndDate="2026-03-27",
                    fams=[fam("ACT", 1, "2024-09-09"), fam("RES", 1)])


def test_apprenticeship_withdrawal_example_restart_without_original_start_date(cli, tmp_path):
    """Learner 3, Business Administration: break from October 2023, back in September 2024
    with OrigLearnStartDate left blank. The break becomes an overdue planned break (a
    withdrawal: 2023 + 1 = 2024/25) and the restart is a new, separate aim."""
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L3", "2425", _apprentice_restart(None))),
        "2324.xml": year_file("2324", person("L3", "2324", _apprentice_break("2324"))),
    })
    brk, restart = aims_of(report, "L3")
    assert (brk["file"], brk["overdue_planned_break"], brk["hybrid_end_year"]) == ("2324.xml", 1, "2024/25")
    assert flags(brk) == (1, 0, 0) and brk["excluded"] == 0
    assert (restart["file"], restart["start_date"], restart["overdue_planned_break"]) == ("2425.xml", "2024-09-09", 0)
    kinds = sorted((r["kind"], r["file"]) for r in report["at_risk"])
    assert kinds == [("overdue_planned_break", "2324.xml"), ("restart_will_not_match", "2425.xml")]
    fix = next(r["fix"] for r in report["at_risk"] if r["kind"] == "restart_will_not_match")
    assert "OrigLearnStartDate to 2022-09-05" in fix


def test_apprenticeship_withdrawal_example_with_original_start_date_matches(cli, tmp_path):
    """The same learner with OrigLearnStartDate = the break's LearnStartDate: no withdrawal;
    the break is excluded as a planned break."""
    report = run_qar(cli, tmp_path, {
        "2425.xml": year_file("2425", person("L3", "2425", _apprentice_restart("2022-09-05"))),
        "2324.xml": year_file("2324", person("L3", "2324", _apprentice_break("2324"))),
    })
    brk, _restart = aims_of(report, "L3")
    assert brk["overdue_planned_break"] == 0 and brk["exclusions"] == ["planned_break"]
    assert report["at_risk"] == []


def _performing_arts(year: str, **fields: object) -> str:
    return delivery_et(year, LearnAimRef="60005415", FundModel=25, AimType=5, **fields)


def delivery_et(year: str, **fields: object) -> str:
    return et(year, fams=[fam("SOF", 107), *fields.pop("fams", [])], **fields)  # type: ignore[misc]


def test_education_and_training_withdrawal_example(cli, tmp_path):
    """Learner 3, Extended Diploma in Performing Arts: September 2023 to June 2025, break
    from April 2024, back in May 2025 with OrigLearnStartDate blank. The break is an overdue
    planned break decided at the 2024-25 R14; by the stated rule its hybrid end year is one
    year after the later of the planned (2024) and actual (2023) end years: 2025/26, which is
    'future' in the 2024/25 QAR. The restart is a separate aim."""
    files = {
        "2425.xml": year_file("2425", person("L3", "2425", _performing_arts(
            "2425", LearnStartDate="2025-05-06", LearnPlanEndDate="2026-02-27", fams=[fam("RES", 1)]), dob="2007-03-01")),
        "2324.xml": year_file("2324", person("L3", "2324", _performing_arts(
            "2324", LearnStartDate="2023-09-04", LearnPlanEndDate="2025-06-27", CompStatus=6,
            LearnActEndDate="2024-04-12"), dob="2007-03-01")),
    }
    report = run_qar(cli, tmp_path, files)
    brk, restart = aims_of(report, "L3")
    assert (brk["overdue_planned_break"], brk["hybrid_end_year"], flags(brk)) == (1, "future", (1, 0, 0))
    assert restart["start_date"] == "2025-05-06" and restart["overdue_planned_break"] == 0
    assert "restart_will_not_match" in {r["kind"] for r in report["at_risk"]}
    later = run_qar(cli, tmp_path, files, "--qar-year", "2025/26")
    assert aims_of(later, "L3")[0]["hybrid_end_year"] == "2025/26"
    assert later["rates"][0]["leavers"] == 1 and later["rates"][0]["achievement_rate"] == 0.0


def _fundamentals(year: str, **fields: object) -> str:
    return et(year, LearnAimRef="60301234", LearnStartDate="2023-09-11", LearnPlanEndDate="2024-12-20", **fields)


def _advanced(year: str) -> str:
    return et(year, LearnAimRef="60305678", AimSeqNumber=2, LearnStartDate="2024-09-09",
              LearnPlanEndDate="2025-06-27", CompStatus=2, LearnActEndDate="2025-06-20", Outcome=1)


def _lrn_files(prev: str | None, uln: int) -> dict[str, str]:
    return {
        "2425.xml": year_file("2425", person("LR67890", "2425", _fundamentals(
            "2425", CompStatus=2, LearnActEndDate="2024-12-13", Outcome=1), _advanced("2425"), uln=uln,
            PrevLearnRefNumber=prev)),
        "2324.xml": year_file("2324", person("LR12345", "2324", _fundamentals("2324"), uln=uln)),
    }


def test_lrn_example_with_previous_learner_reference_number(cli, tmp_path):
    """Learner 2: LR12345 becomes LR67890 and the provider records PrevLearnRefNumber LR12345:
    both courses are one learner's and the first course's achievement counts (the example's
    2022-23 and 2023-24 are 2023-24 and 2024-25 here). Without a ULN the learner reference
    number is the only link."""
    report = run_qar(cli, tmp_path, _lrn_files("LR12345", 9999999999))
    assert aims_of(report, "LR12345") == []
    first, second = aims_of(report, "LR67890")
    assert (first["learn_aim_ref"], flags(first), first["overdue_continuing_aim"]) == ("60301234", (1, 1, 1), 0)
    assert second["learn_aim_ref"] == "60305678"
    assert report["rates"][0]["leavers"] == 2 and report["rates"][0]["achievement_rate"] == 100.0


def test_lrn_example_without_previous_learner_reference_number(cli, tmp_path):
    """Without PrevLearnRefNumber the system sees two learners: LR12345's first course is an
    overdue continuing aim (a withdrawal) besides LR67890's achieved record."""
    report = run_qar(cli, tmp_path, _lrn_files(None, 9999999999))
    old = only_aim(report, "LR12345")
    assert old["overdue_continuing_aim"] == 1 and flags(old) == (1, 0, 0) and old["file"] == "2324.xml"
    assert len(aims_of(report, "LR67890")) == 2
    rate = report["rates"][0]
    assert (rate["leavers"], rate["achievers"], rate["achievement_rate"]) == (3, 2, 66.7)


def test_lrn_change_with_real_uln_matches_but_is_flagged(cli, tmp_path):
    """With a real ULN the aims still match, and the unrecorded change is listed as at risk."""
    report = run_qar(cli, tmp_path, _lrn_files(None, 1000000042))
    assert aims_of(report, "LR12345") == [] and len(aims_of(report, "LR67890")) == 2
    risk = [r for r in report["at_risk"] if r["kind"] == "lrn_change_not_recorded"]
    assert [(r["learner"], r["file"]) for r in risk] == [("LR67890", "2425.xml")]
    assert "PrevLearnRefNumber LR12345" in risk[0]["fix"]


def test_lrn_example_field_left_over_next_year(cli, tmp_path):
    """'At the start of the next funding year the field is cleared': a PrevLearnRefNumber kept
    into 2025-26 names no learner of 2024-25 and is flagged."""
    files = _lrn_files("LR12345", 1000000042)
    files = {"2526.xml": year_file("2526", person("LR67890", "2526", et("2526", LearnAimRef="60309999",
                                                                         LearnStartDate="2025-09-08"),
                                                  PrevLearnRefNumber="LR12345")), **files}
    report = run_qar(cli, tmp_path, files)
    risk = [(r["kind"], r["learner"], r["file"]) for r in report["at_risk"]]
    assert ("prev_lrn_not_found", "LR67890", "2526.xml") in risk


def _lrn_files_as_given(prev: str | None) -> dict[str, str]:
    """The learner reference number example in its own years: LR12345 in 2022-23, LR67890 in 2023-24."""
    fundamentals = dict(LearnAimRef="60301234", LearnStartDate="2022-09-12", LearnPlanEndDate="2023-12-20")
    return {
        "2324.xml": year_file("2324", person("LR67890", "2324", et(
            "2324", **fundamentals, CompStatus=2, LearnActEndDate="2023-12-13", Outcome=1), et(
            "2324", LearnAimRef="60305678", AimSeqNumber=2, LearnStartDate="2023-09-11",
            LearnPlanEndDate="2024-06-28", CompStatus=2, LearnActEndDate="2024-06-21", Outcome=1),
            uln=9999999999, PrevLearnRefNumber=prev)),
        "2223.xml": year_file("2223", person("LR12345", "2223", et("2223", **fundamentals), uln=9999999999)),
    }


def test_lrn_example_in_its_own_years(cli, tmp_path):
    """With the 2022-23 R14 the example runs as written (QAR 2023/24): recorded, both courses
    are one learner's achievements; not recorded, the first course is an overdue continuing aim."""
    report = run_qar(cli, tmp_path, _lrn_files_as_given("LR12345"))
    assert report["qar_year"] == "2023/24" and aims_of(report, "LR12345") == []
    assert [flags(a) for a in aims_of(report, "LR67890")] == [(1, 1, 1), (1, 1, 1)]
    without = run_qar(cli, tmp_path, _lrn_files_as_given(None))
    old = only_aim(without, "LR12345")
    assert (old["overdue_continuing_aim"], old["file"], flags(old)) == (1, "2223.xml", (1, 0, 0))
    assert (without["rates"][0]["leavers"], without["rates"][0]["achievers"]) == (3, 2)
    # the 2023/24 QAR's first year, 2019-20, is not read: it is never asked for
    assert without["years_expected"][0] == "2019-20"
    assert without["years_given"][0]["missing"] == ["2020-21", "2021-22"]
