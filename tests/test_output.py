"""Report formats: the documented JSON shape, the text layout, and no personal data in either."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from builders import delivery, employment, ilr, learner

from ilr_lint.api import Finding
from ilr_lint.engine import FileResult
from ilr_lint.output import RENDERERS, json_format

DOC = Path(__file__).resolve().parent.parent / "docs" / "json-output.md"
TYPES = {"object": dict, "array": list, "string": str, "integer": int}


def documented_keys() -> dict[str, tuple[type, bool]]:
    """``{"findings[].aim": (int, nullable)}`` from the key table in docs/json-output.md."""
    rows = re.findall(r"^\| `([^`]+)` \| ([a-z ]+) \|", DOC.read_text(encoding="utf-8"), flags=re.M)
    keys = {}
    for key, kind in rows:
        base, _, null = kind.partition(" or ")
        keys[key] = (TYPES[base.strip()], null.strip() == "null")
    return keys


def walk(value, prefix=""):
    """Every (dotted key, value) in a report, with ``[]`` for array items."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path, item
            yield from walk(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, f"{prefix}[]")


FAULTY = ilr(
    learner("L1", FamilyName="Winterbottom", GivenNames="Philippa", DateOfBirth="2001-02-03", NINumber="JT482913B",
            Postcode="ZX9 8QW", PostcodePrior="ZX9 8QW", AddLine1="77 Larkspur Crescent", AddLine2="Little Snoring",
            TelNo="07700900777", Email="philippa.w@example.org",
            employment_statuses=[employment(10, "2026-08-01", emp_id=154738291)],
            deliveries=[delivery(AimSeqNumber=1, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3,
                                 DelLocPostCode="CV1 2WT")]),
    learner("L2", deliveries=[delivery()]))
PERSONAL = ("Winterbottom", "Philippa", "2001-02-03", "JT482913B", "ZX9 8QW", "77 Larkspur", "Larkspur",
            "Little Snoring", "07700900777", "philippa.w@example.org")


@pytest.fixture
def faulty(write_ilr):
    return write_ilr(FAULTY)


def test_doc_table_is_complete():
    keys = documented_keys()
    assert {"tool.name", "files[].ukprn", "findings[].aim", "summary.info"} <= set(keys)
    assert keys["findings[].aim"] == (int, True) and keys["files[].learners"] == (int, False)


def test_real_report_matches_the_documented_shape(cli, faulty):
    result = cli("check", "--ignore", "schema", "--format", "json", faulty)
    report = json.loads(result.stdout)
    assert report["findings"], "the report must hold a finding for the shape to be checked"
    documented = documented_keys()
    seen = set()
    for key, value in walk(report):
        assert key in documented, f"{key} is not documented in docs/json-output.md"
        kind, nullable = documented[key]
        assert isinstance(value, kind) or (value is None and nullable), (key, value)
        assert not isinstance(value, bool), key
        seen.add(key)
    assert seen == set(documented), f"documented but absent: {set(documented) - seen}"


def test_whole_file_finding_has_the_documented_nulls():
    finding = Finding(code="XPL002", name="x", topic="qar", severity="info", message="m", fix="f", file="a.xml",
                      line=None, learner=None, uln=None, aim=None, learn_aim_ref=None)
    report = json_format.report([FileResult("a.xml", None, "2627", 0, [finding])])
    documented = documented_keys()
    for key, value in walk(report):
        kind, nullable = documented[key]
        assert isinstance(value, kind) or (value is None and nullable), key
    assert report["summary"] == {"error": 0, "warning": 0, "info": 1}


def _finding(learner, line, code="ILR101", aim=1, severity="error", topic="withdrawal"):
    return Finding(code=code, name="n", topic=topic, severity=severity, message=f"message {code} {learner}",
                   fix=f"fix {code}", file="f.xml", line=line, learner=learner, uln=1000000042,
                   aim=aim, learn_aim_ref="60146242" if aim else None)


def render_text(results):
    out = io.StringIO()
    RENDERERS["text"](results, [], out)
    return out.getvalue()


def test_text_groups_by_learner_in_file_order_with_summary():
    """As the engine yields them: each learner's findings together (in check order), the file's last."""
    findings = [_finding("B9", 25, code="ILR102", severity="warning", topic="restart"), _finding("B9", 20),
                _finding("A1", 40), _finding(None, None, code="XPL002", aim=None, severity="info", topic="qar")]
    out = render_text([FileResult("f.xml", 10000001, "2627", 2, findings)])
    lines = out.splitlines()
    order = [i for i, line in enumerate(lines) if line.startswith("  Learner ")]
    assert [lines[i] for i in order] == ["  Learner B9", "  Learner A1"]  # file order, not alphabetical
    assert lines[order[1] + 3:order[1] + 5] == ["  File", "    f.xml  XPL002 info message XPL002 None"]
    assert lines[order[1] + 6] == "f.xml  UKPRN 10000001  year 2627  2 learners  4 findings"  # after its findings
    b9 = lines[order[0] + 1:order[1]]  # sorted by line
    assert b9[0] == "    f.xml:20  ILR101 error message ILR101 B9 (aim 1 60146242)"
    assert b9[1] == "      fix: fix ILR101"
    assert b9[2].startswith("    f.xml:25  ILR102 warning")
    assert "Findings by topic" in out
    table = out[out.index("Findings by topic"):]
    withdrawal = next(line for line in table.splitlines() if "withdrawal" in line)
    assert re.search(r"withdrawal\s*│\s*2\s*│\s*0\s*│\s*0", withdrawal)
    total = next(line for line in table.splitlines() if "total" in line)
    assert re.search(r"total\s*│\s*2\s*│\s*1\s*│\s*1", total)
    assert "schema" not in table  # topics without findings are left out


def test_text_without_findings_and_without_results():
    assert render_text([FileResult("f.xml", 10000001, "2627", 1, [])]).splitlines()[-1] == "No findings."
    assert render_text([]) == ""


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_personal_data_in_reports(cli, faulty, fmt):
    result = cli("check", "--ignore", "schema", "--format", fmt, faulty)
    assert result.returncode == 1 and "ILR101" in result.stdout
    for value in PERSONAL:
        assert value not in result.stdout and value not in result.stderr, value
