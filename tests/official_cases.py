"""Table-driven tests of official rules: each rule fails on its fixture and spares its look-alike.

``assert_rule(lint, "LearnDelFAMDateTo_01", bad, good)`` lints one file holding the learner
``bad`` (LearnRefNumber ``BAD``) and the learner ``good`` (``OK``), built with
:mod:`builders`, with only that rule selected: the rule must fire on BAD, with its own code and
official rule name, and never on OK. Then it lints the file with every check (but the schema):
what BAD draws beyond what OK draws must be that rule alone (one fault, one finding), unless
``also`` names other codes the fixture is meant to draw.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from builders import ilr

from ilr_lint.api import discover

PREP = {"2526": "2025-11-01", "2627": "2026-11-01"}
NOT_SCHEMA = tuple(c.code for c in discover() if c.topic != "schema")


def assert_rule(lint: Callable[..., list], rule: str, bad: str, good: str, *, year: str = "2627",
                count: int = 1, prep: str | None = None, also: tuple[str, ...] = (), **lint_options: object) -> list:
    """``bad`` and ``good`` are learners named ``BAD`` and ``OK``; returns BAD's findings.

    ``lint_options`` go to the ``lint`` fixture (for example ``lars=``).
    """
    assert "<LearnRefNumber>BAD<" in bad and "<LearnRefNumber>OK<" in good
    xml = ilr(bad, good, year=year, prep=prep or PREP[year])
    findings = lint(xml, select=(rule,), **lint_options)
    assert [f.learner for f in findings] == ["BAD"] * count, [(f.learner, f.message) for f in findings]
    assert all(f.code == rule and rule in f.rules for f in findings)
    every = Counter((f.learner, f.code) for f in lint(xml, select=NOT_SCHEMA, **lint_options))
    extra = sorted(code for (who, code), n in every.items() if who == "BAD" and n > every[("OK", code)])
    assert extra == sorted({rule, *also}), f"the fault draws {extra}"
    return findings
