"""Collection years that ilr-lint understands, keyed by the XML namespace of the file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True, order=True)
class CollectionYear:
    """One ILR funding year: 1 August of ``first`` to 31 July of the next year."""

    first: int  # calendar year in which the funding year starts, e.g. 2026 for 2026-27
    namespace: str

    @property
    def code(self) -> str:
        """The header's ``Year`` value, e.g. ``"2627"``."""
        return f"{self.first % 100:02d}{(self.first + 1) % 100:02d}"

    @property
    def label(self) -> str:
        """Human form, e.g. ``"2026-27"``."""
        return f"{self.first}-{(self.first + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.first, 8, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 7, 31)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


YEARS: tuple[CollectionYear, ...] = (
    CollectionYear(2023, "ESFA/ILR/2023-24"),
    CollectionYear(2024, "ESFA/ILR/2024-25"),
    CollectionYear(2025, "ESFA/ILR/2025-26"),
    CollectionYear(2026, "ILR/2026-27"),
)
BY_NAMESPACE = {year.namespace: year for year in YEARS}
BY_CODE = {year.code: year for year in YEARS}
CURRENT = YEARS[-1]


def year_of(day: date) -> int:
    """The ``first`` of the funding year that contains ``day``."""
    return day.year if day.month >= 8 else day.year - 1


def supported_namespaces() -> str:
    return ", ".join(year.namespace for year in YEARS)
