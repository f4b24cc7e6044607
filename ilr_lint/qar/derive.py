"""Derived variables: years, overdue aims, hybrid end year, leaver, achiever, completer.

Source: Qualification achievement rates 2024 to 2025, 'Apprenticeships hybrid end year', 'Education and
training hybrid end year', 'Withdrawals' and the dataset field definitions (leaver,
achiever, completer, achievement_year). A year is the first calendar year of its funding
year (2024 is 2024 to 2025); ``None`` as a hybrid end year means 'future': after the QAR year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from ilr_lint import codes
from ilr_lint.years import year_of

from .identify import APPRENTICESHIP
from .match import MatchedAim
from .records import AimRecord


@dataclass(frozen=True, slots=True)
class Derived:
    start_year: int
    expected_end_year: int
    actual_end_year: int | None
    achievement_year: int | None
    reporting_year: int
    overdue_continuing_aim: bool
    overdue_planned_break: bool
    hybrid_end_year: int | None  # None: future
    leaver: bool
    achiever: bool
    completer: bool


def restart_key(rec: AimRecord) -> tuple[object, ...]:
    """What a restart and its break share: ProgType and framework/standard, or LearnAimRef."""
    if rec.provision == APPRENTICESHIP:
        return (rec.ukprn, rec.uln, rec.prog_type, rec.aim_key)
    return (rec.ukprn, rec.uln, rec.learn_aim_ref)


class Restarts:
    """Every restart record (RES 1), by what it must share with its planned break."""

    def __init__(self, records: Iterable[AimRecord]):
        self._by_key: dict[tuple[object, ...], list[AimRecord]] = defaultdict(list)
        for rec in records:
            if rec.restart:
                self._by_key[restart_key(rec)].append(rec)

    def restart_of(self, brk: AimRecord, years: tuple[int, ...]) -> AimRecord | None:
        """The restart in one of ``years`` whose OrigLearnStartDate is the break's start or original start."""
        starts = {brk.start, brk.orig_start} - {None}
        return next((r for r in self._by_key.get(restart_key(brk), ())
                     if r.year in years and r.start > brk.start and r.orig_start in starts), None)


def qar_year_end(qar_year: int) -> date:
    return date(qar_year + 1, 7, 31)


def awaiting_assessment(rec: AimRecord) -> bool:
    """A standard (FM36) whose training has ended and whose end-point assessment is not recorded yet."""
    return (rec.is_standard_fm36 and rec.comp_status == codes.CONTINUING and rec.actual_end is not None
            and rec.achievement_date is None)


def achievement_year(rec: AimRecord) -> int | None:
    if rec.is_standard_fm36 and rec.comp_status == codes.COMPLETED and rec.achievement_date is not None:
        return year_of(rec.achievement_date)
    return None


def derive(aim: MatchedAim, qar_year: int, years_given: frozenset[tuple[int | None, int]],
           restarts: Restarts) -> Derived:
    """``years_given``: the (UKPRN, year) of each file read."""
    rec = aim.latest
    expected = year_of(rec.planned_end)
    actual = year_of(rec.actual_end) if rec.actual_end else None
    achieved = achievement_year(rec)
    following = rec.year + 1
    overdue_continuing = rec.comp_status == codes.CONTINUING and (rec.ukprn, following) in years_given
    overdue_break = (rec.comp_status == codes.BREAK and (rec.ukprn, following) in years_given
                     and restarts.restart_of(rec, (rec.year, following)) is None)
    step1 = _step1(rec, expected, actual, achieved, qar_year)
    hybrid = _step2(step1, aim, expected, actual, overdue_continuing, overdue_break, qar_year)
    end = qar_year_end(qar_year)
    adult_enough = rec.provision == APPRENTICESHIP or not rec.under_16
    ended = rec.actual_end is not None and rec.actual_end <= end and adult_enough
    achieved_by = rec.achievement_date if rec.is_standard_fm36 and rec.achievement_date else rec.actual_end
    overdue = overdue_continuing or overdue_break
    return Derived(
        start_year=year_of(rec.start), expected_end_year=expected, actual_end_year=actual,
        achievement_year=achieved, reporting_year=rec.year,
        overdue_continuing_aim=overdue_continuing, overdue_planned_break=overdue_break, hybrid_end_year=hybrid,
        leaver=ended or overdue or (rec.is_standard_fm36 and rec.achievement_date is not None
                                    and rec.achievement_date <= end),
        achiever=(not overdue and rec.outcome == codes.ACHIEVED and achieved_by is not None and achieved_by <= end
                  and adult_enough),
        completer=not overdue and rec.comp_status == codes.COMPLETED and ended,
    )


def _step1(rec: AimRecord, expected: int, actual: int | None, achieved: int | None, qar_year: int) -> int | None:
    """Step 1 of the hybrid end year: ``None`` is future."""
    if rec.provision == APPRENTICESHIP and awaiting_assessment(rec) and rec.year == qar_year:
        return None
    if actual is None:
        return None
    latest = max(y for y in (expected, actual, achieved) if y is not None)
    return None if latest > qar_year else latest


def _step2(step1: int | None, aim: MatchedAim, expected: int, actual: int | None, overdue_continuing: bool,
           overdue_break: bool, qar_year: int) -> int | None:
    if overdue_continuing:
        hybrid: int | None = max(y for y in (actual, expected, aim.latest.year) if y is not None)
    elif overdue_break:
        hybrid = None if step1 is None else step1 + 1
    elif step1 is not None and aim.first_complete_year is not None and aim.first_complete_year > step1:
        hybrid = aim.first_complete_year
    else:
        hybrid = step1
    return None if hybrid is None or hybrid > qar_year else hybrid
