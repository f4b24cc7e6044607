"""One fault, one finding, one right fix (issue 14, 'Precision and fixes'), end to end through the CLI."""

from __future__ import annotations

import json
import shutil
from collections import Counter

from apprentice import EMPLOYER, act, apprentice, component, programme_aim
from builders import delivery, employment, fin, hrs, ilr, learner, line_of
from conftest import REPO
from fuzz.fix_property import added_by_fixes, planted
from qar_support import et, person, run_qar, year_file

NAME = "ILR-10000001-2627-20261101-090000-01.xml"
SAMPLES = REPO / "sample_ilr" / "faulty"
UNKNOWN = 999999999
PLANNED = {"LearnStartDate": "2025-09-01", "LearnPlanEndDate": "2027-06-30"}


# The apprentices here are bare records made for the guidance checks (no names, address, prior
# attainment, length of employment): the official learner and cross-record rules and ESMType_02/_09, which
# would ask for those, are left out; tests/official has them.
BARE = ("--ignore", "learner,cross,ESMType_02,ESMType_09")


def check_json(cli, *args):
    result = cli("check", "--format", "json", *BARE, *args)
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def found(report) -> list[tuple[str, str, int | None]]:
    return sorted((f["code"], f["learner"], f["aim"]) for f in report["findings"])


def achieved_but_continuing(comp_status: int = 1, actual_hours: bool = True) -> str:
    """A standard whose end-point assessment is over (AchDate, Outcome 1, the ACT dated to the AchDate)
    but whose programme aim still says continuing: the only fault is CompStatus. ``actual_hours``:
    the 2026-27 record of the actual off-the-job hours (HRS 3) that a completed programme needs."""
    return ilr(apprentice("A1", programme_aim(
        1, "2024-09-02", acts=[act(1, "2024-09-02", "2026-10-09")], EPAOrgID="EPA0001", LearnPlanEndDate="2026-08-31",
        LearnActEndDate="2026-08-28", CompStatus=comp_status, Outcome=1, AchDate="2026-10-09",
        hrs_records=[hrs(1, 400), *([hrs(3, 400)] if actual_hours else [])],
        fins=[fin("TNP", 1, "2024-09-02", 9000), fin("TNP", 2, "2024-09-02", 1000)]),
        component(2, start="2024-09-02", LearnPlanEndDate="2026-08-31", LearnActEndDate="2026-08-28", CompStatus=2,
                  Outcome=1),
        employment_statuses=[employment(10, "2024-08-01", emp_id=EMPLOYER)]))


def test_completing_a_standard_without_its_actual_hours_is_not_offered_as_a_fix(cli, tmp_path):
    path = tmp_path / NAME
    path.write_text(achieved_but_continuing(actual_hours=False), encoding="utf-8")
    _, report = check_json(cli, path)
    (finding,) = report["findings"]
    assert finding["code"] == "ILR117" and "HRS 3" in finding["fix"]
    assert cli("check", "--diff", path).stdout == ""  # CompStatus 2 alone would draw HRSType_08


def test_achieved_standard_left_continuing_draws_one_finding_and_one_fix(cli, tmp_path):
    path = tmp_path / NAME
    path.write_text(achieved_but_continuing(), encoding="utf-8")
    _, report = check_json(cli, path)
    assert found(report) == [("ILR117", "A1", 1)]
    (finding,) = report["findings"]
    assert "Set CompStatus 2" in finding["fix"]

    result = cli("check", "--fix", "--unsafe-fixes", "--no-backup", *BARE, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == achieved_but_continuing(comp_status=2)
    _, after = check_json(cli, path)
    assert after["findings"] == []


def test_one_bad_date_is_one_schema_finding(cli, tmp_path):
    path = tmp_path / NAME
    path.write_text(ilr(learner("L1", deliveries=[delivery(LearnStartDate="2026-09-31")])), encoding="utf-8")
    _, report = check_json(cli, path)
    assert found(report) == [("ILR001", "L1", None)]
    assert "LearnStartDate" in report["findings"][0]["message"]
    _, unvalidated = check_json(cli, "--ignore", "ILR001", path)  # without the schema, ILR002 says why
    assert found(unvalidated) == [("ILR002", "L1", None)]


def test_restart_with_wrong_original_start_is_one_finding(cli):
    """R155 in the sample: ILR155 names the break; ILR602 (the QAR's view of the same restart) is silent."""
    _, report = check_json(cli, SAMPLES / "withdrawal-restart.xml")
    assert [(c, a) for c, learner_ref, a in found(report) if learner_ref == "R155"] == [("ILR155", 2), ("ILR155", 4)]
    _, qar_only = check_json(cli, "--select", "ILR602", SAMPLES / "withdrawal-restart.xml")
    assert [(c, a) for c, learner_ref, a in found(qar_only) if learner_ref == "R155"] == [("ILR602", 2), ("ILR602", 4)]


def test_restart_without_res_or_original_start_is_one_finding_with_one_fix(cli, tmp_path):
    on_break = dict(FundModel=38, LearnStartDate="2025-09-01", CompStatus=6,
                    LearnActEndDate="2026-06-01", Outcome=3)
    path = tmp_path / NAME
    path.write_text(ilr(learner("L1", deliveries=[delivery(**on_break), delivery(
        AimSeqNumber=2, FundModel=38, LearnStartDate="2026-09-01")])), encoding="utf-8")
    _, report = check_json(cli, path)
    assert found(report) == [("ILR154", "L1", 2)]
    assert cli("check", "--fix", "--unsafe-fixes", "--no-backup", *BARE, path).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "<OrigLearnStartDate>2025-09-01</OrigLearnStartDate>" in text and "<LearnDelFAMType>RES<" in text


def test_aim_vanished_since_last_year_is_one_finding(cli, tmp_path):
    """L1's aim 2 and the whole of learner L2 are missing since last year's R14."""
    two_aims = person("L1", "2526", et("2526", **PLANNED),
                      et("2526", AimSeqNumber=2, LearnAimRef="60311046", **PLANNED))
    gone = person("L2", "2526", et("2526", **PLANNED), uln=1000000050)
    previous = tmp_path / "ILR-10000001-2526-20261020-090000-01.xml"
    previous.write_text(year_file("2526", two_aims, gone), encoding="utf-8")
    path = tmp_path / "ILR-10000001-2627-20270820-090000-01.xml"
    path.write_text(year_file("2627", person("L1", "2627", et("2627", **PLANNED))), encoding="utf-8")
    _, report = check_json(cli, path, "--previous", previous)
    assert [f for f in found(report) if f[0] in ("ILR505", "ILR600")] == [("ILR600", "L1", 2), ("ILR600", "L2", 1)]
    _, change_only = check_json(cli, path, "--previous", previous, "--select", "change")
    assert found(change_only) == [("ILR505", "L1", 2), ("ILR505", "L2", 1)]


def test_show_fixes_lists_field_old_and_new_value_and_whether_unsafe(cli, tmp_path):
    path = tmp_path / NAME
    withdrawn = delivery(FundModel=38, CompStatus=3, LearnActEndDate="2026-10-01", WithdrawReason=97)
    continuing = delivery(AimSeqNumber=2, FundModel=38, WithdrawReason=97)
    path.write_text(ilr(learner("L1", deliveries=[withdrawn, continuing])), encoding="utf-8")
    shown = cli("check", "--diff", "--unsafe-fixes", "--show-fixes", *BARE, path)
    assert shown.returncode == 0, shown.stderr
    assert "aim 1 Outcome: none -> 3  (safe fix)" in shown.stderr
    assert "aim 2 WithdrawReason: 97 -> removed  (unsafe fix)" in shown.stderr
    done = cli("check", "--fix", "--unsafe-fixes", "--show-fixes", "--format", "json", *BARE, path)
    assert done.returncode == 0, done.stderr
    fixed = {(f["code"], f["aim"]): (f["fixable"], f["changes"]) for f in json.loads(done.stdout)["fixed"]}
    assert fixed == {("ILR103", 1): ("safe", ["aim 1 Outcome: none -> 3"]),
                     ("ILR102", 2): ("unsafe", ["aim 2 WithdrawReason: 97 -> removed"])}


def test_show_fixes_never_shows_a_personal_value(tmp_path):
    from ilr_lint.edits import SetField
    from ilr_lint.fix.apply import describe
    text = learner("L1", Postcode="AB1 2CD", deliveries=[delivery()])
    assert describe(text, SetField(None, "Postcode", "ZZ99 9ZZ")) == \
        "Postcode: (personal, not shown) -> (personal, not shown)"


def test_a_learner_with_schema_errors_is_left_and_the_others_are_fixed(cli, tmp_path):
    path = tmp_path / NAME
    withdrawn = dict(FundModel=38, CompStatus=3, LearnActEndDate="2026-10-01", WithdrawReason=97)
    bad = learner("BAD1", deliveries=[delivery(**withdrawn)]).replace(
        "<Sex>F</Sex><LLDDHealthProb>2</LLDDHealthProb>", "<LLDDHealthProb>2</LLDDHealthProb><Sex>F</Sex>")
    original = ilr(bad, learner("GOOD1", deliveries=[delivery(**withdrawn)]))
    path.write_text(original, encoding="utf-8")
    diff = cli("check", "--diff", *BARE, path)
    assert diff.returncode == 1, diff.stderr  # the schema error remains
    assert f"{NAME}: learner BAD1 not fixed: it has schema errors" in diff.stderr
    assert diff.stdout.count("+<Outcome>") == 0 and diff.stdout.count("<Outcome>3</Outcome>") == 1
    done = cli("check", "--fix", "--no-backup", "--format", "json", *BARE, path)
    assert done.returncode == 1 and done.stderr.count("learner BAD1 not fixed") == 1
    assert [(f["code"], f["learner"]) for f in json.loads(done.stdout)["fixed"]] == [("ILR103", "GOOD1")]
    bad_before, good_before = original.split("<Learner>")[1:]
    bad_after, good_after = path.read_text(encoding="utf-8").split("<Learner>")[1:]
    assert bad_after == bad_before and good_after != good_before


def test_fixes_never_add_a_finding_to_the_faulty_samples(tmp_path):
    for sample in SAMPLES.glob("*.xml"):
        shutil.copy(sample, tmp_path)
    change = tmp_path / "change.xml"
    others = sorted(p for p in tmp_path.glob("*.xml") if p != change)
    added, fixed = added_by_fixes(others)
    assert added == Counter() and fixed > 20
    added, fixed = added_by_fixes([change], previous=tuple((SAMPLES / "previous").glob("*.xml")))
    assert added == Counter() and fixed > 0


def test_fixes_never_add_a_finding_to_planted_faults(tmp_path):
    files = [planted(tmp_path, 150, seed=5, year="2627"), planted(tmp_path, 150, seed=6, year="2526")]
    added, fixed = added_by_fixes(files)
    assert added == Counter() and fixed > 20


def _qar_aim(**fields: object) -> str:
    return et("2627", LearnStartDate="2026-09-01", LearnPlanEndDate="2027-06-30", LearnActEndDate="2027-06-30",
              Outcome=1, **fields)


def test_pass_rate_above_100_is_explained_and_its_records_listed(cli, tmp_path):
    current = year_file("2627", person("L1", "2627", _qar_aim(CompStatus=2)),
                        person("L2", "2627", _qar_aim(CompStatus=1), uln=1000000050))
    path = tmp_path / "ILR-10000001-2627-20270820-090000-01.xml"
    path.write_text(current, encoding="utf-8")
    text = cli("qar", path)
    assert text.returncode == 0, text.stderr
    assert "200.0% *1" in text.stdout
    assert "*1 The pass rate for education and training 2026/27 is above 100%: achievers who are not completers " \
           "(CompStatus 1 with Outcome 1: achieved but still continuing): 1" in text.stdout
    assert f"{path}:{line_of(current, '<LearnRefNumber>L2<')}  learner L2  aim 1" in text.stdout
    report = run_qar(cli, tmp_path / "json", {path.name: current})
    (rate,) = report["rates"]
    assert rate["pass_rate"] == 200.0 and [(a["learner"], a["aim"]) for a in rate["achievers_not_completers"]] == [
        ("L2", 1)]


def test_without_previous_the_first_reported_complete_assumption_is_counted(cli, tmp_path):
    current = year_file("2627", person("L1", "2627", _qar_aim(CompStatus=2)),
                        person("L2", "2627", et("2627", LearnStartDate="2026-09-01", LearnPlanEndDate="2027-06-30"),
                               uln=1000000050))
    path = tmp_path / "ILR-10000001-2627-20270820-090000-01.xml"
    path.write_text(current, encoding="utf-8")
    alone = cli("qar", path)
    assert "for 1 aims closed in this file, 'first reported complete' is assumed to be 2026/27" in alone.stdout
    previous = tmp_path / "ILR-10000001-2526-20261020-090000-01.xml"
    previous.write_text(year_file("2526", person("L9", "2526", et("2526"), uln=1000000077)), encoding="utf-8")
    assert "first reported complete" not in cli("qar", path, "--previous", previous).stdout


def test_a_learner_whose_uln_changed_is_not_reported_missing(cli, tmp_path):
    previous = tmp_path / "ILR-10000001-2526-20261020-090000-01.xml"
    previous.write_text(year_file("2526", person("L1", "2526", et("2526", **PLANNED), uln=1000000042)),
                        encoding="utf-8")
    path = tmp_path / "ILR-10000001-2627-20270820-090000-01.xml"
    path.write_text(year_file("2627", person("L1", "2627", et("2627", **PLANNED), uln=1000000050)), encoding="utf-8")
    for done in (cli("qar", path, "--previous", previous),
                 cli("check", path, "--previous", previous, "--select", "ILR600")):
        assert done.returncode in (0, 1), done.stderr
        assert "learner L1 is in the 2026-27 file with another ULN (ULN changed)" in done.stdout
        assert "missing from" not in done.stdout
        assert "1000000042" not in done.stdout and "1000000050" not in done.stdout


def test_advice_that_would_undo_the_achievement_is_not_given_by_itself(cli, tmp_path):
    """Selected without ILR117, ILR107 and ILR237 still do not ask for Outcome 8 or an open ACT."""
    path = tmp_path / NAME
    path.write_text(achieved_but_continuing(), encoding="utf-8")
    _, report = check_json(cli, "--select", "ILR107,ILR237", path)
    assert report["findings"] == []


def test_employer_number_reminder_is_info_and_silent_on_closed_programmes_and_oet3(cli, tmp_path):
    unknown = [employment(10, "2024-08-01", emp_id=UNKNOWN)]
    oet3 = [*unknown, employment(10, "2025-09-01", emp_id=UNKNOWN, esm=(("OET", 3),))]
    closed = dict(CompStatus=3, LearnActEndDate="2026-06-30", WithdrawReason=97, Outcome=3)
    path = tmp_path / NAME
    path.write_text(ilr(
        apprentice("OPEN", programme_aim(1, "2024-09-02"), component(2, start="2024-09-02"),
                   employment_statuses=unknown),
        apprentice("CLOSED", programme_aim(1, "2024-09-02", acts=[act(1, "2024-09-02", "2026-06-30")], **closed),
                   component(2, start="2024-09-02", **closed), employment_statuses=unknown),
        apprentice("OET3", programme_aim(1, "2024-09-02"), component(2, start="2024-09-02"), employment_statuses=oet3)),
        encoding="utf-8")
    result, report = check_json(cli, "--select", "ILR297", "--fail-on", "warning", path)
    assert result.returncode == 0
    assert [(f["code"], f["learner"], f["severity"]) for f in report["findings"]] == [("ILR297", "OPEN", "info")]
    explained = cli("explain", "ILR297").stdout
    assert "Official rules" not in explained and "retired" in explained


def test_continuing_past_planned_end_is_info_until_overdue_continuing_days(cli, tmp_path):
    path = tmp_path / "ILR-10000001-2627-20270820-090000-01.xml"
    path.write_text(year_file("2627", person("L1", "2627", et("2627", LearnPlanEndDate="2027-06-30"))),
                    encoding="utf-8")  # 51 days past the planned end on the file's date
    _, report = check_json(cli, "--select", "ILR605", path)
    assert [f["severity"] for f in report["findings"]] == ["info"]
    (tmp_path / ".ilr-lint.toml").write_text("[options]\noverdue-continuing-days = 30\n", encoding="utf-8")
    result = cli("check", "--format", "json", "--select", "ILR605", path, cwd=tmp_path)
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["warning"]
