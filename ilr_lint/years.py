"""Collection years that ilr-lint understands, keyed by the XML namespace of the file.

Checks run on :data:`YEARS` (2023-24 onwards). The QAR methodology builds each year's data set
from five years of R14 returns, so ``qar`` and ``--previous`` also read the R14 files of
:data:`QAR_ONLY_YEARS` (2020-21 to 2022-23), only for what the QAR and the cross-submission
matching need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True, order=True)
class CollectionYear:
    """One ILR funding year: 1 August of ``first`` to 31 July of the next year."""

    first: int  # calendar year in which the funding year starts, e.g. 2026 for 2026-27
    namespace: str
    # Worked out once (checks read them for every record): the header's ``Year`` value, e.g. ``"2627"``;
    # the year's first and last days.
    code: str = field(init=False, repr=False, compare=False)
    start: date = field(init=False, repr=False, compare=False)
    end: date = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", f"{self.first % 100:02d}{(self.first + 1) % 100:02d}")
        object.__setattr__(self, "start", date(self.first, 8, 1))
        object.__setattr__(self, "end", date(self.first + 1, 7, 31))

    @property
    def label(self) -> str:
        """Human form, e.g. ``"2026-27"``."""
        return label_of(self.first)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def checked(self) -> bool:
        """Whether checks run on files of this year (older years are read by ``qar`` and ``--previous`` only)."""
        return self.first >= FIRST_CHECKED


YEARS: tuple[CollectionYear, ...] = (
    CollectionYear(2023, "ESFA/ILR/2023-24"),
    CollectionYear(2024, "ESFA/ILR/2024-25"),
    CollectionYear(2025, "ESFA/ILR/2025-26"),
    CollectionYear(2026, "ILR/2026-27"),
)
FIRST_CHECKED = YEARS[0].first
# Read for the QAR and the cross-submission matching only; the fields each year's published
# schema has, and what the reader does with them, are in docs/qar.md.
QAR_ONLY_YEARS: tuple[CollectionYear, ...] = (
    CollectionYear(2020, "ESFA/ILR/2020-21"),
    CollectionYear(2021, "ESFA/ILR/2021-22"),
    CollectionYear(2022, "ESFA/ILR/2022-23"),
)
READABLE = QAR_ONLY_YEARS + YEARS
BY_NAMESPACE = {year.namespace: year for year in READABLE}
BY_CODE = {year.code: year for year in READABLE}
CURRENT = YEARS[-1]


def year_of(day: date) -> int:
    """The ``first`` of the funding year that contains ``day``."""
    return day.year if day.month >= 8 else day.year - 1


def supported_namespaces() -> str:
    return ", ".join(year.namespace for year in READABLE)


def label_of(first: int) -> str:
    """``2022`` -> ``"2022-23"``."""
    return f"{first}-{(first + 1) % 100:02d}"
