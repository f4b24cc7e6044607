"""Achievement, retention and pass rates per provision and hybrid end year.

Source: Qualification achievement rates 2024 to 2025, 'Calculating qualification achievement, pass and
retention rates': achievement = achievers / leavers, retention = completers / leavers,
pass = achievers / completers, each x 100, over the aims not excluded.

Aims that a rule could not assess because a year's file was not given (``missing``) are
counted apart: each row's own counts leave them out, and ``with_not_assessed`` is the same
row counting them as the files given suggest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from .identify import PROVISIONS

REPORTED_YEARS = 3  # the dataset holds aims ending in the last three years (and future ones)


class Counted(Protocol):
    provision: str
    hybrid_end_year: int | None
    leaver: bool
    achiever: bool
    completer: bool
    excluded: bool
    set_apart: bool  # not assessed for want of a file: counted apart


@dataclass(frozen=True, slots=True)
class Rate:
    provision: str
    hybrid_end_year: int | None  # None: future
    leavers: int
    achievers: int
    completers: int
    not_assessed: int = 0  # aims of this row counted apart (not in the counts above)
    with_not_assessed: Rate | None = None  # the row counting them too (None when there are none)

    @property
    def achievement_rate(self) -> float | None:
        return percent(self.achievers, self.leavers)

    @property
    def retention_rate(self) -> float | None:
        return percent(self.completers, self.leavers)

    @property
    def pass_rate(self) -> float | None:
        return percent(self.achievers, self.completers)


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def rates(aims: Iterable[Counted], qar_year: int) -> list[Rate]:
    """One row per provision and hybrid end year (the last three years, then future) with included aims."""
    years: list[int | None] = [*range(qar_year - REPORTED_YEARS + 1, qar_year + 1), None]
    counts: dict[tuple[str, int | None], list[int]] = {}  # leavers, achievers, completers; the same with set-apart aims
    for aim in aims:
        if aim.excluded or aim.hybrid_end_year not in years:
            continue
        row = counts.setdefault((aim.provision, aim.hybrid_end_year), [0] * 7)
        flags = (aim.leaver, aim.achiever, aim.completer)
        for n, flag in enumerate(flags):
            row[3 + n] += flag
            if not aim.set_apart:
                row[n] += flag
        row[6] += aim.set_apart
    return [_rate(p, y, counts[(p, y)]) for p in PROVISIONS for y in years if (p, y) in counts]


def _rate(provision: str, year: int | None, row: list[int]) -> Rate:
    apart = row[6]
    return Rate(provision, year, *row[:3], apart, Rate(provision, year, *row[3:6]) if apart else None)
