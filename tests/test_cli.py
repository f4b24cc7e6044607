"""The command line end to end through the installed console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import complete_learner, delivery, ilr
from conftest import SAMPLE_2526, SAMPLE_2627, needs_shared, without_notes

from ilr_lint import __version__
from ilr_lint.api import discover

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_ilr" / "ILR-10000001-2627-20261101-090000-01.xml"
WITHDRAWN_NO_REASON = delivery(AimSeqNumber=2, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)
FAULTY = ilr(complete_learner("L1", deliveries=[delivery(AimSeqNumber=1, AimType=5)]),
             complete_learner("L2", deliveries=[delivery(AimSeqNumber=1, AimType=5), WITHDRAWN_NO_REASON]))
CLEAN = ilr(complete_learner("L1", deliveries=[delivery(AimType=5)]))


@pytest.fixture
def faulty(tmp_path):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_text(FAULTY, encoding="utf-8")
    return path


@pytest.fixture
def clean(tmp_path):
    path = tmp_path / "clean.xml"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def check_json(cli, *args, cwd=None):
    result = cli("check", "--format", "json", *args, cwd=cwd)
    return result, json.loads(result.stdout)


def test_text_report(cli, faulty):
    result = cli("check", "--ignore", "schema", faulty)
    assert result.returncode == 1 and without_notes(result.stderr) == ""
    out = result.stdout
    line = FAULTY.splitlines().index(next(x for x in FAULTY.splitlines() if "<LearnRefNumber>L2<" in x)) + 1
    assert f"{faulty.name}:{line}" in out
    assert "Learner L2" in out and "Learner L1" not in out
    assert "ILR101 (WithdrawReason_03) error" in out and "aim 2 is withdrawn (CompStatus 3) but has no WithdrawReason" in out
    assert "fix: Add WithdrawReason" in out
    assert "Findings by topic" in out and "withdrawal" in out


def test_json_report(cli, faulty):
    result, report = check_json(cli, "--ignore", "schema", faulty)
    assert result.returncode == 1
    assert report["tool"] == {"name": "ilr-lint", "version": __version__}
    assert report["files"] == [{"path": str(faulty), "ukprn": 10000001, "year": "2627", "learners": 2}]
    (finding,) = report["findings"]
    assert finding["code"] == "ILR101" and finding["learner"] == "L2" and finding["aim"] == 2
    assert finding["learn_aim_ref"] == "60146242" and finding["uln"] is None  # personal: only with --include-uln
    assert report["summary"] == {"error": 1, "warning": 0, "info": 0}


def test_output_file(cli, faulty, tmp_path):
    target = tmp_path / "report.json"
    result = cli("check", "--ignore", "schema", "--format", "json", "--output", target, faulty)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(target.read_text())["summary"]["error"] == 1


@pytest.mark.parametrize("selector", ["ILR101", "ILR1", "ilr10", "withdrawn-needs-reason", "withdrawal"])
def test_select_and_ignore(cli, faulty, selector):
    _r, selected = check_json(cli, "--select", selector, faulty)
    assert [f["code"] for f in selected["findings"]] == ["ILR101"]
    result, ignored = check_json(cli, "--ignore", "schema", "--ignore", selector, faulty)
    assert ignored["findings"] == [] and result.returncode == 0


def test_comma_separated_selectors(cli, faulty):
    _r, report = check_json(cli, "--select", "ILR101,withdrawal", faulty)
    assert [f["code"] for f in report["findings"]] == ["ILR101"]


@pytest.mark.parametrize("fail_on,code", [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(cli, faulty, fail_on, code):
    assert cli("check", "--ignore", "schema", "--fail-on", fail_on, faulty).returncode == code


def test_clean_file_exits_zero(cli, clean):
    result = cli("check", "--ignore", "schema", clean)
    assert result.returncode == 0 and "No findings." in result.stdout


def test_folders_are_expanded(cli, tmp_path):
    folder = tmp_path / "returns"
    (folder / "2026").mkdir(parents=True)
    (folder / "a.xml").write_text(FAULTY, encoding="utf-8")
    (folder / "2026" / "b.XML").write_text(CLEAN, encoding="utf-8")
    (folder / "notes.txt").write_text("not linted")
    result, report = check_json(cli, "--ignore", "schema", folder)
    assert [Path(f["path"]).name for f in report["files"]] == ["b.XML", "a.xml"]  # in path order
    assert result.returncode == 1


def test_several_files_in_one_report(cli, faulty, clean):
    result, report = check_json(cli, "--ignore", "schema", faulty, clean)
    assert [Path(f["path"]).name for f in report["files"]] == [faulty.name, "clean.xml"]
    assert {f["file"] for f in report["findings"]} == {str(faulty)}


def test_rules(cli):
    result = cli("rules")
    assert result.returncode == 0
    row = next(line for line in result.stdout.splitlines() if "ILR101" in line)
    assert "withdrawn-needs-reason" in row and "withdrawal" in row and "error" in row


@pytest.mark.parametrize("code", ["ILR101", "ilr101", "withdrawn-needs-reason"])
def test_explain(cli, code):
    result = cli("explain", code)
    assert result.returncode == 0
    out = " ".join(result.stdout.split())  # rich wraps and centres the Markdown it renders
    assert out.startswith("ILR101 withdrawn-needs-reason Topic withdrawal, severity error.")
    assert "Official rules: WithdrawReason_03" in out and "Fix. Add the WithdrawReason" in out
    assert "**" not in out  # rendered, not raw Markdown
    assert "Guidance: Making changes and correcting errors" in out and "provider support manual" in out


def test_explain_cites_guidance_by_title_and_address(cli):
    out = " ".join(cli("explain", "ILR400").stdout.split())
    assert "T-levels for the ILR" in out and "https://support.arbor-education.com/" in out
    for chk in discover():
        assert ".txt" not in chk.guidance and "shared/" not in chk.doc, chk.code


@pytest.mark.parametrize("code", ["Entity_1", "ENTITY_1", "entity-1"])
def test_explain_an_official_rule_by_its_name(cli, code):
    result = cli("explain", code)
    assert result.returncode == 0 and "Entity_1 entity-1" in result.stdout and "topic file" in result.stdout.lower()


def test_explain_unknown_code(cli):
    result = cli("explain", "ILR999")
    assert result.returncode == 2 and result.stderr.strip() == "ilr-lint: no check 'ILR999' (see 'ilr-lint rules')"


def test_version(cli):
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"ilr-lint {__version__}"


def test_bundled_sample_is_clean(cli):
    result = cli("check", SAMPLE)  # every check, the schema (ILR001) included
    assert result.returncode == 0, result.stdout
    assert "12 learners  0 findings" in result.stdout


def test_bundled_sample_covers_the_scenarios():
    from ilr_lint.reader import IlrReader
    text = SAMPLE.read_text(encoding="utf-8")
    assert all(line.startswith("\t<Learner>") for line in text.splitlines() if "<Learner>" in line)
    learners = [r.item for r in IlrReader(str(SAMPLE)) if r.is_learner]
    aims = [d for x in learners for d in x.deliveries]
    assert len(learners) == 12
    assert any(d.fund_model == 25 and d.has_fam("SOF", 107) and d.prog_type is None for d in aims)
    assert any(d.fund_model == 38 and d.has_fam("SOF", 105) for d in aims)
    assert any(d.prog_type == 31 and d.is_programme_aim and d.hrs(2) for d in aims)
    assert any(d.learn_aim_ref == "ZWRKX003" and d.work_placements[0].hours for d in aims)
    assert any(d.learn_aim_ref.startswith("ZTLOS") and d.aim_type == 3 for d in aims)
    assert any(d.comp_status == 6 and d.outcome == 3 and d.act_records()[-1].date_to == d.learn_act_end_date
               for d in aims)
    assert any(d.orig_learn_start_date and d.has_fam("RES", 1) for d in aims)
    assert any(d.comp_status == 3 and d.withdraw_reason and d.outcome == 3 for d in aims)
    assert any(d.comp_status == 2 and d.outcome == 1 for d in aims)
    assert any(len(x.employment_statuses) == 2 and x.employment_statuses[0].emp_id != x.employment_statuses[1].emp_id
               for x in learners)


@needs_shared
def test_funders_samples_lint_without_a_crash(cli):
    result, report = check_json(cli, "--ignore", "schema", SAMPLE_2526, SAMPLE_2627)
    assert without_notes(result.stderr) == ""
    assert [(f["year"], f["learners"], f["ukprn"]) for f in report["files"]] == [("2526", 19, 99999999),
                                                                                ("2627", 16, 99999999)]


def test_progress_bar_is_silent_when_stderr_is_not_a_terminal(cli, faulty):
    assert without_notes(cli("check", "--ignore", "schema", faulty).stderr) == ""


# --- configuration -------------------------------------------------------------------------

def test_config_from_pyproject(cli, faulty, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.ilr-lint]\nignore = ["schema"]\n'
                                             'fail-on = "never"\nformat = "json"\n', encoding="utf-8")
    result = cli("check", faulty, cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["summary"]["error"] == 1
    assert cli("check", "--fail-on", "error", faulty, cwd=tmp_path).returncode == 1  # the command line wins
    text = cli("check", "--format", "text", faulty, cwd=tmp_path)
    assert "ILR101 (WithdrawReason_03) error" in text.stdout


def test_config_from_dedicated_file_in_a_parent_folder(cli, faulty, tmp_path):
    (tmp_path / ".ilr-lint.toml").write_text('select = ["ILR101"]\nignore = ["withdrawal"]\n', encoding="utf-8")
    below = tmp_path / "sub" / "dir"
    below.mkdir(parents=True)
    result, report = check_json(cli, faulty, cwd=below)
    assert report["findings"] == [] and result.returncode == 0
    _r, report = check_json(cli, "--select", "ILR101", faulty, cwd=below)
    assert report["findings"] == []  # --select replaces the configured select; the configured ignore stays


def test_command_line_select_wins_over_config(cli, faulty, tmp_path):
    (tmp_path / ".ilr-lint.toml").write_text('select = ["schema"]\n', encoding="utf-8")
    _r, report = check_json(cli, "--select", "withdrawal", faulty, cwd=tmp_path)
    assert [f["code"] for f in report["findings"]] == ["ILR101"]


@pytest.mark.parametrize("name,content,words", [
    (".ilr-lint.toml", 'selekt = ["ILR101"]\n', "unknown ilr-lint setting(s): selekt"),
    ("pyproject.toml", '[tool.ilr-lint]\nfail-on = 1\n', "fail-on must be a string"),
    (".ilr-lint.toml", "select = [\n", "cannot read configuration"),
])
def test_bad_config_is_one_line_error(cli, faulty, tmp_path, name, content, words):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = cli("check", faulty, cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert words in result.stderr and name in result.stderr
