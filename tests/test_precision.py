"""One fault, one finding, one right fix (issue 14, 'Precision and fixes'), end to end through the CLI."""

from __future__ import annotations

import json

from apprentice import EMPLOYER, act, apprentice, component, programme_aim
from builders import employment, fin, ilr

NAME = "ILR-10000001-2627-20261101-090000-01.xml"
EMPLOYED = [employment(10, "2026-08-01", emp_id=EMPLOYER)]


def check_json(cli, *args):
    result = cli("check", "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def found(report) -> list[tuple[str, str, int | None]]:
    return sorted((f["code"], f["learner"], f["aim"]) for f in report["findings"])


def achieved_but_continuing(comp_status: int = 1) -> str:
    """A standard whose end-point assessment is over (AchDate, Outcome 1, the ACT dated to the AchDate)
    but whose programme aim still says continuing: the only fault is CompStatus."""
    return ilr(apprentice("A1", programme_aim(
        1, "2024-09-02", acts=[act(1, "2024-09-02", "2026-10-09")], EPAOrgID="EPA0001", LearnPlanEndDate="2026-08-31",
        LearnActEndDate="2026-08-28", CompStatus=comp_status, Outcome=1, AchDate="2026-10-09",
        fins=[fin("TNP", 1, "2024-09-02", 9000), fin("TNP", 2, "2024-09-02", 1000)]),
        component(2, start="2024-09-02", LearnPlanEndDate="2026-08-31", LearnActEndDate="2026-08-28", CompStatus=2,
                  Outcome=1),
        employment_statuses=[employment(10, "2024-08-01", emp_id=EMPLOYER)]))


def test_achieved_standard_left_continuing_draws_one_finding_and_one_fix(cli, tmp_path):
    path = tmp_path / NAME
    path.write_text(achieved_but_continuing(), encoding="utf-8")
    _, report = check_json(cli, path)
    assert found(report) == [("ILR117", "A1", 1)]
    (finding,) = report["findings"]
    assert "Set CompStatus 2" in finding["fix"]

    result = cli("check", "--fix", "--unsafe-fixes", "--no-backup", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == achieved_but_continuing(comp_status=2)
    _, after = check_json(cli, path)
    assert after["findings"] == []
