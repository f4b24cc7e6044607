"""sample_ilr/faulty-finance-employment.xml: each fictional apprentice shows exactly one fault."""

from __future__ import annotations

from conftest import REPO

from ilr_lint.api import discover
from ilr_lint.config import choose
from ilr_lint.engine import Options, lint_file

SAMPLE = REPO / "sample_ilr" / "faulty-finance-employment.xml"
FINANCE = [f"ILR{n}" for n in range(260, 274)]
EMPLOYMENT = [f"ILR{n}" for n in range(290, 300)]


def test_each_learner_shows_the_one_fault_its_reference_names():
    findings = lint_file(str(SAMPLE), Options(checks=choose(discover(), ["finance", "employment"], []))).findings
    # LearnRefNumber FIN260 shows ILR260, EMP299 shows ILR299, and so on.
    assert sorted((f.learner, f.code) for f in findings) == sorted(
        [(f"FIN{code[3:]}", code) for code in FINANCE] + [(f"EMP{code[3:]}", code) for code in EMPLOYMENT])


def test_the_sample_draws_nothing_from_the_other_topics():
    others = [c for c in discover() if c.topic not in ("finance", "employment", "schema")]
    assert lint_file(str(SAMPLE), Options(checks=others)).findings == []
