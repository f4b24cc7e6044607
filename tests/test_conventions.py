"""The conventions ruff, sqlfluff and eslint users expect, through the installed console script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from builders import complete_learner, delivery, ilr, learner

REPO = Path(__file__).resolve().parent.parent
WITHDRAWN = delivery(AimSeqNumber=2, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)
# ILR101 (no WithdrawReason) has no fix; ILR105 (OutGrade on a withdrawn aim) is fixable with --fix
FIXABLE = delivery(AimSeqNumber=2, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3, WithdrawReason=97,
                   OutGrade="FL")


@pytest.fixture
def faulty(tmp_path):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_text(ilr(complete_learner("L2", deliveries=[delivery(AimSeqNumber=1, AimType=5), WITHDRAWN])),
                    encoding="utf-8")
    return path


def codes_of(done):
    return sorted(f["code"] for f in json.loads(done.stdout)["findings"])


def test_help_lists_check_first_with_values_and_no_type_names(cli):
    top = cli("--help", env={"COLUMNS": "80"}).stdout
    commands = top[top.index("Commands:"):].split()
    assert commands[1] == "check" and "..." not in top[top.index("Commands:"):]  # summaries are not cut off
    text = cli("check", "--help", env={"COLUMNS": "100"}).stdout
    assert "--format [text|json|sarif|github|html|csv|auto]" in text and "[error|warning|never]" in text
    assert "[default: error]" in text and "--output FILE" in text and "--today DATE" in text
    for internal in ("<list[", "<str>", "<path>", "<int", "Path]"):
        assert internal not in text and internal not in cli("qar", "--help").stdout


def test_quiet_prints_only_the_findings(cli, faulty, tmp_path):
    base = tmp_path / "b.json"
    cli("check", "--select", "ILR101", "--write-baseline", base, faulty)
    loud = cli("check", "--select", "ILR1", "--baseline", base, faulty)
    quiet = cli("check", "-q", "--select", "ILR1", "--baseline", base, faulty)
    assert "baseline suppressed" in loud.stderr and quiet.stderr == ""
    assert "Findings by topic" in cli("check", "--select", "ILR101", faulty).stdout
    out = cli("check", "--quiet", "--select", "ILR101", faulty).stdout
    assert "ILR101" in out and "Findings by topic" not in out and "UKPRN" not in out


def test_verbose_names_configuration_checks_and_files(cli, faulty):
    done = cli("check", "-v", "--isolated", "--select", "ILR101", faulty)
    assert "configuration: none; 1 check" in done.stderr and f"linting {faulty}" in done.stderr


def coloured(text: str) -> bool:
    """Whether ``text`` sets a foreground colour (NO_COLOR still allows bold and dim)."""
    return re.search(r"\x1b\[[\d;]*;?3\dm", text) is not None


def test_color(cli, faulty):
    assert not coloured(cli("check", "--select", "ILR101", faulty).stdout)  # a pipe: no colour
    assert coloured(cli("check", "--color", "always", "--select", "ILR101", faulty).stdout)
    forced = {"FORCE_COLOR": "1"}
    assert coloured(cli("check", "--select", "ILR101", faulty, env=forced).stdout)
    assert not coloured(cli("check", "--select", "ILR101", faulty, env={**forced, "NO_COLOR": "1"}).stdout)
    assert not coloured(cli("check", "--color", "never", "--select", "ILR101", faulty, env=forced).stdout)


def test_config_file_and_isolated(cli, faulty, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ilr-lint]\nselect = ["ILR2"]\n')
    elsewhere = tmp_path / "settings.toml"
    elsewhere.write_text('select = ["withdrawal"]\n')
    assert codes_of(cli("check", "--format", "json", faulty, cwd=tmp_path)) == []
    assert codes_of(cli("check", "--format", "json", "--config", elsewhere, faulty, cwd=tmp_path)) == ["ILR101"]
    assert codes_of(cli("check", "--format", "json", "--isolated", faulty, cwd=tmp_path)) == ["ILR101"]
    missing = cli("check", "--config", tmp_path / "nope.toml", faulty)
    assert missing.returncode == 2 and missing.stderr.strip().endswith("nope.toml: no such file")


def test_dash_reads_standard_input(cli, faulty):
    done = cli("check", "--format", "json", "--select", "ILR101", "-", input=faulty.read_text())
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["files"][0]["path"] == "-"
    assert [f["file"] for f in report["findings"]] == ["-"]
    refused = cli("check", "--fix", "-", input=faulty.read_text())
    assert refused.returncode == 2 and "standard input" in refused.stderr


def test_extend_select_topics_case_insensitive_and_empty_select(cli, faulty, tmp_path):
    assert codes_of(cli("check", "--format", "json", "--select", "ILR101", "--extend-select", "ILR103",
                        faulty)) == ["ILR101"]  # ILR103 is selected too but the aim has an Outcome
    both = cli("check", "--format", "json", "--select", "WITHDRAWAL", "--extend-select", "Schema", faulty)
    assert codes_of(both) == ["ILR101"]
    (tmp_path / ".ilr-lint.toml").write_text('select = ["ILR2"]\n')
    assert codes_of(cli("check", "--format", "json", "--extend-select", "ILR101", faulty, cwd=tmp_path)) == [
        "ILR101"]
    for option in ("--select", "--extend-select", "--ignore"):
        empty = cli("check", option, "", faulty)
        assert empty.returncode == 2 and option in empty.stderr and empty.stderr.count("\n") == 1
    unknown = cli("check", "--extend-select", "nonsense", faulty)
    assert unknown.returncode == 2 and "nonsense" in unknown.stderr


def test_rules_by_topic(cli):
    out = cli("rules", "--topic", "TLevel").stdout
    assert "ILR400" in out and "ILR101" not in out
    bad = cli("rules", "--topic", "nope")
    assert bad.returncode == 2 and "topics are" in bad.stderr


def test_fixable_marker_and_count(cli, tmp_path):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_text(ilr(learner("L2", deliveries=[delivery(AimSeqNumber=1), FIXABLE])), encoding="utf-8")
    out = cli("check", "--select", "withdrawal", path).stdout
    assert "ILR105 [*] warning" in out and "[*] 1 fixable with --fix." in out
    assert "1 learner  1 finding" in out


def test_no_aim_suffix_when_the_message_names_the_aim(cli, faulty):
    out = cli("check", "--select", "ILR101", faulty).stdout
    assert "aim 2 is withdrawn" in out and "(aim 2 60146242)" not in out
