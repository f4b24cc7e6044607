"""Table-driven check tests: ``CASES[code] = (faulty aims, look-alike aims, flagged AimSeqNumbers, year)``.

The faulty learner BAD is on line 5 of the file and the correct look-alike OK on line 6.
"""

from __future__ import annotations

from typing import Callable

from builders import ilr, learner

Case = tuple[list[str], list[str], list[int], str]


def case_file(case: Case) -> str:
    bad, good, _aims, year = case
    prep = "2025-11-01" if year == "2526" else "2026-11-01"
    return ilr(learner("BAD", year=year, deliveries=bad), learner("OK", year=year, deliveries=good), year=year, prep=prep)


def assert_flags_fault_and_spares_look_alike(lint: Callable[..., list], code: str, case: Case) -> None:
    findings = lint(case_file(case), select=(code,))
    assert [(f.code, f.learner, f.aim, f.line) for f in findings] == [(code, "BAD", aim, 5) for aim in case[2]]


def assert_only_its_own_code(lint: Callable[..., list], code: str, case: Case, topics: tuple[str, ...],
                             also: frozenset[str] = frozenset()) -> None:
    """Among ``topics``' checks the fault draws only ``code`` (and ``also``), the look-alike nothing."""
    findings = lint(case_file(case), select=topics)
    assert {f.code for f in findings if f.learner == "BAD"} == {code} | also
    assert [f.code for f in findings if f.learner == "OK"] == []
