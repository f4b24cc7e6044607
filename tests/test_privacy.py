"""Personal data never reaches an output: masked in diffs, ULNs left out unless --include-uln.

Through the installed console script, with every output format.
"""

from __future__ import annotations

import json
import re

import pytest
from builders import delivery, ilr, learner

NAME = "ILR-10000001-2627-20261101-090000-01.xml"
ULN_BEFORE, ULN_NOW = 1000000042, 1000000050
PERSONAL = dict(FamilyName="Zanzibarova", GivenNames="Quintessa", DateOfBirth="2001-02-03", NINumber="QQ123456C",
                PostcodePrior="ZZ9 9ZZ", Postcode="ZZ8 8ZZ", AddLine1="17 Quayside Mews", AddLine2="Upper Wharfdale",
                TelNo="07700900123", Email="quintessa@example.org")
VALUES = [*PERSONAL.values(), str(ULN_BEFORE), str(ULN_NOW)]
# Withdrawn, no Outcome (ILR103, fixable) and an OutGrade (ILR105, fixable)
FIXABLE = delivery(CompStatus=3, LearnActEndDate="2026-10-01", WithdrawReason=97, OutGrade="FL")


def leaked(*texts: str) -> list[str]:
    return [v for v in VALUES if any(v in t for t in texts)]


def one_line_file(tmp_path):
    path = tmp_path / NAME
    text = ilr(learner("L1", ULN=ULN_NOW, deliveries=[FIXABLE], **PERSONAL),
               learner("L2", ULN=ULN_BEFORE, deliveries=[delivery()], **PERSONAL))
    path.write_text(text.replace("\n", ""), encoding="utf-8")
    return path


def learner_fields_one_per_line(tmp_path):
    """The learner's fields one per line and the aim on the next: the last fields are context of the fix."""
    path = tmp_path / NAME
    text = ilr(learner("L1", ULN=ULN_NOW, deliveries=[FIXABLE], **PERSONAL))
    head, _, aim = text.partition("<LearningDelivery>")
    path.write_text(re.sub(r"><(?!/)", ">\n<", head) + "\n<LearningDelivery>" + aim, encoding="utf-8")
    return path


@pytest.mark.parametrize("make,shown", [
    (one_line_file, ("NINumber", "FamilyName", "GivenNames", "DateOfBirth", "Postcode", "AddLine1", "TelNo", "Email",
                     "ULN")),
    (learner_fields_one_per_line, ("AddLine2", "TelNo", "Email")),
])
def test_diff_masks_personal_values_in_context_and_changed_lines(cli, tmp_path, make, shown):
    path = make(tmp_path)
    result = cli("check", "--diff", "--unsafe-fixes", path)
    assert result.returncode in (0, 1), result.stderr
    assert "+++ " in result.stdout and "<Outcome>3</Outcome>" in result.stdout
    assert leaked(result.stdout, result.stderr) == []
    for element in shown:
        assert f"<{element}>…</{element}>" in result.stdout


def test_fix_report_has_no_uln(cli, tmp_path):
    path = one_line_file(tmp_path)
    result = cli("check", "--fix", "--format", "json", path)
    report = json.loads(result.stdout)
    assert report["fixed"] and all(f["uln"] is None for f in report["fixed"] + report["findings"])
    assert leaked(result.stdout, result.stderr) == []


@pytest.fixture
def uln_changed(tmp_path):
    """ILR511: learner L1 had another ULN in an earlier return this year (a message quoting both)."""
    earlier = tmp_path / "earlier.xml"
    earlier.write_text(ilr(learner("L1", ULN=ULN_BEFORE, deliveries=[delivery()]), prep="2026-10-05"),
                       encoding="utf-8")
    path = tmp_path / NAME
    path.write_text(ilr(learner("L1", ULN=ULN_NOW, deliveries=[delivery()])), encoding="utf-8")
    return path, earlier


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_ulns_are_left_out_of_every_format(cli, tmp_path, uln_changed, fmt):
    path, earlier = uln_changed
    result = cli("check", "--format", fmt, "--select", "ILR511", path, "--previous", earlier,
                 "--write-baseline", tmp_path / "baseline.json", "--output-format", f"json:{tmp_path / 'extra.json'}")
    assert "ILR511" in result.stdout
    outputs = (result.stdout, result.stderr, (tmp_path / "baseline.json").read_text(),
               (tmp_path / "extra.json").read_text())
    assert leaked(*outputs) == []
    assert "had ULN … in" in result.stdout.replace("\\u2026", "…")


def test_include_uln_shows_them(cli, uln_changed):
    path, earlier = uln_changed
    result = cli("check", "--format", "json", "--include-uln", "--select", "ILR511", path, "--previous", earlier)
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["uln"] == ULN_NOW
    assert str(ULN_BEFORE) in finding["message"] and str(ULN_NOW) in finding["message"]


def test_temporary_uln_is_not_masked(cli, tmp_path, uln_changed):
    path, earlier = uln_changed
    path.write_text(path.read_text().replace(str(ULN_NOW), "9999999999"))
    result = cli("check", "--select", "ILR511", path, "--previous", earlier)
    assert "the temporary ULN 9999999999" in result.stdout and str(ULN_BEFORE) not in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
def test_qar_reports_carry_no_uln(cli, tmp_path, fmt):
    done = delivery(CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1)
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_text(ilr(learner("L1", ULN=1000000050, deliveries=[done])), encoding="utf-8")
    result = cli("qar", "--format", fmt, path)
    assert result.returncode == 0, result.stderr
    assert "1000000050" not in result.stdout + result.stderr
    if fmt == "json":
        assert [a["uln"] for a in json.loads(result.stdout)["aims"]] == [None]
