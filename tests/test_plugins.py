"""A check from a separate package is discovered through the ``ilr_lint.checks`` entry points.

The package and its ``*.dist-info`` (with ``entry_points.txt``) are written into tmp_path and
the installed console script runs with PYTHONPATH pointing there, exactly as a third-party
plug-in installed beside ilr-lint would be found.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from builders import complete_learner, delivery, ilr

PLUGIN = '''
from ilr_lint.api import Check, Problem, check


@check(code="XPL001", name="plugin-sees-every-learner", topic="learner", severity="warning", options=("plugin-flag",),
       guidance="a test plug-in")
def sees_every_learner(learner, ctx):
    """Reports every learner, with the reference date and an option, to prove what a plug-in gets.

    **Fix.** Nothing: this check exists for the tests.
    """
    ctx.scratch["seen"] = ctx.scratch.get("seen", 0) + 1
    yield Problem(f"seen; today {ctx.today.isoformat()}; flag {ctx.option('plugin-flag', 'unset')}",
                  "nothing to fix", learner)


class FileSummary(Check):
    """Counts the learners of a file once the last one has been read."""

    code = "XPL002"
    name = "plugin-file-summary"
    topic = "qar"
    severity = "info"
    guidance = "a test plug-in"

    def finish(self, ctx):
        yield Problem(f"{ctx.scratch.get('seen', 0)} learners seen", "nothing to fix", None)


FILE_SUMMARY = FileSummary()
'''

BROKEN = "raise RuntimeError('this plug-in cannot be imported')\n"


def install_plugin(root: Path, source: str = PLUGIN, module: str = "ilrlint_testplugin") -> dict[str, str]:
    """Write a package and its dist-info under ``root``; return the environment that finds it."""
    package = root / module
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[ilr_lint.checks]\ntestplugin = {module}\n", encoding="utf-8")
    return {"PYTHONPATH": str(root)}


@pytest.fixture
def plugin_env(tmp_path):
    return install_plugin(tmp_path / "site")


@pytest.fixture
def two_learners(tmp_path):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_text(ilr(complete_learner("L1", deliveries=[delivery(AimType=5)]),
                        complete_learner("L2", deliveries=[delivery(AimType=5)])), encoding="utf-8")
    return path


def run_json(cli, env, *args):
    result = cli("check", "--ignore", "schema", "--format", "json", *args, env=env)
    return result, json.loads(result.stdout)


def test_plugin_check_is_discovered_and_runs(cli, plugin_env, two_learners):
    result, report = run_json(cli, plugin_env, two_learners)
    found = [(f["code"], f["learner"], f["severity"]) for f in report["findings"]]
    assert ("XPL001", "L1", "warning") in found and ("XPL001", "L2", "warning") in found
    summary = [f for f in report["findings"] if f["code"] == "XPL002"]
    assert len(summary) == 1 and summary[0]["message"] == "2 learners seen" and summary[0]["learner"] is None
    assert result.returncode == 0  # warnings and info only, --fail-on error by default


def test_rules_and_explain_list_the_plugin(cli, plugin_env):
    rules = cli("rules", env=plugin_env)
    assert rules.returncode == 0
    assert "XPL001" in rules.stdout and "plugin-sees-every" in rules.stdout and "ILR101" in rules.stdout
    explained = cli("explain", "XPL001", env=plugin_env)
    assert explained.returncode == 0 and "Reports every learner" in explained.stdout


def test_without_the_plugin_path_it_is_absent(cli):
    assert "XPL001" not in cli("rules").stdout


def test_today_defaults_to_file_preparation_date_and_can_be_pinned(cli, plugin_env, two_learners):
    _r, report = run_json(cli, plugin_env, two_learners, "--select", "XPL001")
    assert {f["message"] for f in report["findings"]} == {"seen; today 2026-11-01; flag unset"}
    _r, report = run_json(cli, plugin_env, two_learners, "--select", "XPL001", "--today", "2027-07-31")
    assert {f["message"] for f in report["findings"]} == {"seen; today 2027-07-31; flag unset"}


def test_options_reach_the_check(cli, plugin_env, two_learners, tmp_path):
    (tmp_path / ".ilr-lint.toml").write_text('[options]\nplugin-flag = "on"\n', encoding="utf-8")
    result = cli("check", "--select", "XPL001", "--format", "json", two_learners, env=plugin_env, cwd=tmp_path)
    assert {f["message"] for f in json.loads(result.stdout)["findings"]} == {"seen; today 2026-11-01; flag on"}


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on_with_warnings_only(cli, plugin_env, two_learners, fail_on, code):
    result = cli("check", "--select", "XPL", "--fail-on", fail_on, two_learners, env=plugin_env)
    assert result.returncode == code, result.stderr


def test_select_by_topic_and_name_of_a_plugin(cli, plugin_env, two_learners):
    _r, by_topic = run_json(cli, plugin_env, two_learners, "--select", "qar")
    assert {f["code"] for f in by_topic["findings"]} == {"XPL002"}
    _r, by_name = run_json(cli, plugin_env, two_learners, "--select", "plugin-sees-every-learner")
    assert {f["code"] for f in by_name["findings"]} == {"XPL001"}


def test_broken_plugin_is_one_line_error(cli, tmp_path, two_learners):
    env = install_plugin(tmp_path / "broken", BROKEN, module="ilrlint_broken")
    for args in (("check", "--ignore", "schema", two_learners), ("rules",), ("explain", "ILR101")):
        result = cli(*args, env=env)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "ilrlint_broken" in result.stderr
        assert "Traceback" not in result.stderr


def test_crashing_check_is_one_line_error(cli, tmp_path, two_learners):
    crashing = PLUGIN.replace('ctx.scratch["seen"] = ctx.scratch.get("seen", 0) + 1', "1 / 0")
    env = install_plugin(tmp_path / "crash", crashing, module="ilrlint_crash")
    result = cli("check", "--select", "XPL001", two_learners, env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "XPL001" in result.stderr and "learner L1" in result.stderr and two_learners.name in result.stderr
