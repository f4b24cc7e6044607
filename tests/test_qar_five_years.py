"""Five years of generated R14 returns (2020-21 to 2024-25) through ``ilr-lint qar``.

The generator (``python -m ilr_lint.synth --r14-years 5``) writes each year's finished
learners and four story learners whose aims only the older years decide (ilr_lint/synth_r14.py).
Hand counts, QAR year 2024/25 (Q = 2024):

- QAR0000001 reported continuing in 2022-23, absent from 2023-24, complete in 2024-25 with
  both ends in 2022/23: five years -> excluded (returned_after_gap); the last two only -> not
  assessed (give 2022-23), a 2024/25 leaver, achiever and completer counted apart.
- QAR0000002 started 2021-09-05, ended 2022-06-20, still open in the 2021-22 and 2022-23
  R14s, complete in 2023-24: five years -> hybrid end year 2023/24 (first reported complete),
  counted; two years -> not assessed (give 2021-22 and 2022-23), counted apart in 2023/24.
- QAR0000003 reported complete (outcome awaited) in 2021-22, achieved in 2023-24: five years
  -> hybrid end year 2021/22, outside the three years reported; two years -> it would look
  like a 2023/24 achiever: not assessed (give 2021-22 and 2022-23), counted apart.
- QAR0000004 continuing in 2022-23 and never returned: five years -> overdue continuing aim,
  a 2022/23 leaver who did not achieve; two years -> not in the files at all.
"""

from __future__ import annotations

import json
import shutil

import pytest

from builders import fam
from ilr_lint import synth
from ilr_lint.synth_r14 import write_series
from ilr_lint.years import BY_CODE
from qar_support import et, only_aim, person, run_qar, year_file

STORY = {"gap": "QAR0000001", "late": "QAR0000002", "first": "QAR0000003", "overdue": "QAR0000004"}
MISSING_RULES = {"returned_after_gap", "first_reported_complete", "overdue_following_year"}


@pytest.fixture(scope="module")
def returns(tmp_path_factory):
    """The five-year folder and a folder with only the 2023-24 and 2024-25 files."""
    five = tmp_path_factory.mktemp("five")
    paths = write_series(str(five), BY_CODE["2425"], 5, 25, seed=3)
    two = tmp_path_factory.mktemp("two")
    for path in paths[-2:]:
        shutil.copy(path, two)
    return five, two


def qar_json(cli, folder, *args):
    done = cli("qar", folder, "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def story(report, key):
    found = [a for a in report["aims"] if a["learner"] == STORY[key]]
    return found[0] if found else None


def row(report, year):
    return next((r for r in report["rates"] if r["provision"] == "education_and_training"
                 and r["hybrid_end_year"] == year), None)


def counts(rate):
    return (rate["leavers"], rate["achievers"], rate["completers"])


def test_generator_writes_five_years_named_like_the_funders_files(returns):
    five, _two = returns
    names = sorted(p.name for p in five.iterdir())
    assert [n.split("-")[2] for n in names] == ["2021", "2122", "2223", "2324", "2425"]
    assert all(n.startswith("ILR-10000001-") and n.endswith("-090000-01.xml") for n in names)
    assert 'xmlns="ESFA/ILR/2020-21"' in (five / names[0]).read_text(encoding="utf-8")


def test_five_years_decide_the_aims_the_older_years_hold(cli, returns):
    report, _stderr = qar_json(cli, returns[0])
    assert report["years_expected"] == ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
    assert report["years_given"] == [{"ukprn": 10000001, "given": report["years_expected"], "missing": []}]
    gap, late, first, overdue = (story(report, k) for k in ("gap", "late", "first", "overdue"))
    assert gap["exclusions"] == ["returned_after_gap"] and gap["excluded"] == 1
    assert (late["hybrid_end_year"], late["excluded"], late["leaver"], late["achiever"]) == ("2023/24", 0, 1, 1)
    assert first["hybrid_end_year"] == "2021/22"  # outside the three years the rates report
    assert (overdue["overdue_continuing_aim"], overdue["hybrid_end_year"], overdue["leaver"], overdue["achiever"]) \
        == (1, "2022/23", 1, 0)
    assert not [a for a in report["aims"] if a["not_assessed"]]
    assert not MISSING_RULES & {n["exclusion"] for n in report["not_assessed"]}
    assert all(r["not_assessed"] == 0 and r["with_not_assessed"] is None for r in report["rates"])


def test_two_years_list_those_aims_as_not_assessed_instead_of_counting_them(cli, returns):
    five, _ = qar_json(cli, returns[0])
    two, _ = qar_json(cli, returns[1])
    assert two["years_given"] == [{"ukprn": 10000001, "given": ["2023-24", "2024-25"],
                                   "missing": ["2020-21", "2021-22", "2022-23"]}]
    assert story(two, "overdue") is None  # only the 2022-23 file holds it
    gap, late, first = (story(two, k) for k in ("gap", "late", "first"))
    assert (gap["excluded"], gap["hybrid_end_year"], gap["give"]) == (0, "2024/25", ["2022-23"])
    assert (late["hybrid_end_year"], late["give"]) == ("2023/24", ["2021-22", "2022-23"])
    assert (first["hybrid_end_year"], first["give"]) == ("2023/24", ["2021-22", "2022-23"])
    assert all(a["not_assessed"] == ["returned_after_gap", "first_reported_complete"] for a in (gap, late, first))
    listed = {n["exclusion"]: n for n in two["not_assessed"]}
    for rule in ("returned_after_gap", "first_reported_complete"):
        assert listed[rule]["aims"] == 3 and listed[rule]["give"] == ["2021-22", "2022-23"]
        assert sorted(a["learner"] for a in listed[rule]["listed"]) == [STORY[k] for k in ("gap", "late", "first")]
        assert listed[rule]["reason"].startswith("not assessed: give the 2021-22 and 2022-23 R14: ")
    assert "overdue_following_year" not in listed
    # counted apart: each row's counts leave them out; with_not_assessed adds them (each 1, 1, 1)
    later, last = row(two, "2023/24"), row(two, "2024/25")
    assert (later["not_assessed"], last["not_assessed"]) == (2, 1)
    assert counts(later["with_not_assessed"]) == tuple(n + 2 for n in counts(later))
    assert counts(last["with_not_assessed"]) == tuple(n + 1 for n in counts(last))
    # against five years: 2023/24 gains the late-reported end only; 2024/25 loses the excluded aim
    assert counts(row(five, "2023/24")) == tuple(n + 1 for n in counts(later))
    assert counts(row(five, "2024/25")) == counts(last)
    assert row(two, "2022/23") is None and counts(row(five, "2022/23"))[0] >= 1


def test_text_report_says_which_years_were_given_and_lists_the_aims(cli, returns):
    done = cli("qar", returns[1])
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "The 2024/25 QAR uses the R14 files of 2020-21, 2021-22, 2022-23, 2023-24, 2024-25." in out
    assert "UKPRN 10000001: given 2023-24, 2024-25; not given 2020-21, 2021-22, 2022-23" in out
    assert "The same rates counting the aims not assessed" in out
    assert "learner QAR0000001  aim 1 (60146242)  not assessed: give the 2022-23 R14" in out
    five = cli("qar", returns[0]).stdout
    assert "given 2020-21, 2021-22, 2022-23, 2023-24, 2024-25; none missing" in five and "not assessed: give" not in five


def test_files_as_arguments_give_the_folder_result(cli, returns):
    folder, _ = qar_json(cli, returns[0])
    files = sorted(returns[0].iterdir(), reverse=True)
    previous = [a for p in files[1:] for a in ("--previous", p)]
    given, _ = qar_json(cli, files[0], *previous)
    assert given == folder


def test_synth_command_line_writes_the_series(tmp_path):
    assert synth.main(["--learners", "2", "--year", "2324", "--r14-years", "2", "-o", str(tmp_path / "r")]) == 0
    assert sorted(p.name.split("-")[2] for p in (tmp_path / "r").iterdir()) == ["2223", "2324"]


def test_check_refuses_an_older_year_in_one_line(cli, returns):
    older = sorted(returns[0].iterdir())[0]
    done = cli("check", older)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "2020-21" in done.stderr and "'ilr-lint qar'" in done.stderr


def test_check_matches_against_an_older_previous_file(cli, returns):
    files = sorted(returns[0].iterdir())
    done = cli("check", files[3], "--previous", files[2], "--select", "ILR600", "--format", "json")
    assert done.returncode == 0, done.stderr
    found = [(f["code"], f["message"].split()[1]) for f in json.loads(done.stdout)["findings"]]
    # both were continuing in 2022-23 and are missing from 2023-24 (the first comes back in 2024-25)
    assert found == [("ILR600", STORY["gap"]), ("ILR600", STORY["overdue"])]


def test_structural_problems_are_one_line_per_file(cli, returns, tmp_path):
    folder = tmp_path / "returns"
    shutil.copytree(returns[0], folder)
    files = sorted(folder.iterdir())
    bad = files[2].read_text(encoding="utf-8").replace("<LearnStartDate>2022-09-05", "<LearnStartDate>2022-19-05")
    files[2].write_text(bad, encoding="utf-8")
    files[1].write_text(files[1].read_text(encoding="utf-8")[:5000], encoding="utf-8")  # truncated
    (folder / "notes.xml").write_text("<notes/>", encoding="utf-8")
    misnamed = folder / files[0].name.replace("-2021-", "-2122-")
    files[0].rename(misnamed)
    report, stderr = qar_json(cli, folder)
    lines = stderr.splitlines()
    assert f"{misnamed.name}: the name says year 2122 but the file is 2020-21 (its namespace); read as 2020-21" \
        in stderr
    assert any(files[1].name in x and "XML" in x and x.endswith("; not used") for x in lines)
    assert any(files[2].name in x and "learner(s) could not be read" in x for x in lines)
    assert any("notes.xml: not named like an ILR file" in x for x in lines)
    assert len(lines) == 4
    assert report["years_given"][0]["missing"] == ["2021-22"]
    # without the 2021-22 file, the late-reported end cannot be decided
    assert story(report, "late")["give"] == ["2021-22"]
    done = cli("qar", files[1], "--previous", files[4])  # an unreadable CURRENT file stops the run
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and files[1].name in done.stderr


def _short_restart(year: str) -> str:
    """A restart of learning begun on 3 October 2022, withdrawn after 8 days of a 302-day plan."""
    return person("R1", year, et(year, LearnStartDate="2024-09-02", OrigLearnStartDate="2022-10-03",
                                 LearnPlanEndDate="2025-06-30", CompStatus=3, WithdrawReason=97,
                                 LearnActEndDate="2024-09-10", Outcome=3,
                                 fams=[fam("SOF", 105), fam("RES", 1)]), uln=1000000060)


def test_short_restart_names_the_year_of_its_original_learning(cli, tmp_path):
    """Within the funding qualifying period, a restart is excluded only if its original learning
    was at another provider: the 2022-23 R14 says where it was."""
    files = {"2425.xml": year_file("2425", _short_restart("2425")),
             "2324.xml": year_file("2324", person("X1", "2324", et("2324", LearnStartDate="2023-09-04"),
                                                  uln=1000000061))}
    two = run_qar(cli, tmp_path / "two", files)
    aim = only_aim(two, "R1")
    assert (aim["excluded"], aim["not_assessed"], aim["give"]) == (0, ["funding_qualifying_period_restart"],
                                                                   ["2022-23"])
    assert row(two, "2024/25")["not_assessed"] == 1 and row(two, "2024/25")["leavers"] == 0
    original = person("R1", "2223", et("2223", LearnStartDate="2022-10-03", LearnPlanEndDate="2023-06-30",
                                       CompStatus=6, LearnActEndDate="2023-02-03"), uln=1000000060)
    three = run_qar(cli, tmp_path / "three", {**files, "2223.xml": year_file("2223", original)})
    aim = next(a for a in three["aims"] if a["learner"] == "R1" and a["start_date"] == "2024-09-02")
    assert (aim["excluded"], aim["not_assessed"]) == (0, [])  # at this provider: counted


def test_overdue_status_names_the_following_years_file(cli, tmp_path):
    files = {"2526.xml": year_file("2526", person("N1", "2526", et("2526", LearnStartDate="2025-09-01"),
                                                  uln=1000000070)),
             "2324.xml": year_file("2324", person("C1", "2324", et("2324", LearnStartDate="2023-09-04",
                                                                    LearnPlanEndDate="2024-06-28"), uln=1000000071))}
    report = run_qar(cli, tmp_path, files)
    aim = only_aim(report, "C1")
    assert (aim["overdue_continuing_aim"], aim["give"]) == (0, ["2024-25"])
    entry = next(n for n in report["not_assessed"] if n["exclusion"] == "overdue_following_year")
    assert entry["reason"].startswith("not assessed: give the 2024-25 R14: ")
    assert [a["learner"] for a in entry["listed"]] == ["C1"]


def test_qar_year_sets_the_five_years_expected(cli, returns):
    report, stderr = qar_json(cli, returns[0], "--qar-year", "2023/24")
    assert report["years_expected"] == ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]
    assert report["years_given"] == [{"ukprn": 10000001, "given": report["years_expected"][1:], "missing": []}]
    assert "2024-25 is after the QAR year 2023/24; not used" in stderr
    assert story(report, "overdue")["hybrid_end_year"] == "2022/23"
    assert story(report, "late")["hybrid_end_year"] == "2023/24"
    # its 2024-25 return is after the QAR year: in the 2023/24 QAR it is an overdue continuing aim
    assert story(report, "gap")["overdue_continuing_aim"] == 1
