"""Achievement, retention and pass rates per provision and hybrid end year.

Source: Qualification achievement rates 2024 to 2025, 'Calculating qualification achievement, pass and
retention rates': achievement = achievers / leavers, retention = completers / leavers,
pass = achievers / completers, each x 100, over the aims not excluded.
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


@dataclass(frozen=True, slots=True)
class Rate:
    provision: str
    hybrid_end_year: int | None  # None: future
    leavers: int
    achievers: int
    completers: int

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
    counts: dict[tuple[str, int | None], list[int]] = {}
    for aim in aims:
        if aim.excluded or aim.hybrid_end_year not in years:
            continue
        row = counts.setdefault((aim.provision, aim.hybrid_end_year), [0, 0, 0])
        row[0] += aim.leaver
        row[1] += aim.achiever
        row[2] += aim.completer
    return [Rate(p, y, *counts[(p, y)]) for p in PROVISIONS for y in years if (p, y) in counts]
