"""Table-driven tests of official rules: each rule fails on its fixture and spares its look-alike.

``assert_rule(lint, "LearnDelFAMDateTo_01", bad, good)`` lints one file holding the learner
``bad`` (LearnRefNumber ``BAD``) and the learner ``good`` (``OK``), built with
:mod:`builders`, with only that rule selected: the rule must fire on BAD, with its own code and
official rule name, and never on OK.
"""

from __future__ import annotations

from typing import Callable

from builders import ilr

PREP = {"2526": "2025-11-01", "2627": "2026-11-01"}


def assert_rule(lint: Callable[..., list], rule: str, bad: str, good: str, *, year: str = "2627",
                count: int = 1, prep: str | None = None) -> list:
    """``bad`` and ``good`` are learners named ``BAD`` and ``OK``; returns BAD's findings."""
    assert "<LearnRefNumber>BAD<" in bad and "<LearnRefNumber>OK<" in good
    findings = lint(ilr(bad, good, year=year, prep=prep or PREP[year]), select=(rule,))
    assert [f.learner for f in findings] == ["BAD"] * count, [(f.learner, f.message) for f in findings]
    assert all(f.code == rule and f.rules == (rule,) for f in findings)
    return findings
