"""Methodology rules that need a year whose R14 file was not given.

Source: qar-2024-25-methodology.txt, 'The QAR process' (the data set is built from five years
of R14 returns: the QAR year and the four before it), apprenticeships scenario 9 and
education and training scenario 12 (changes to records submitted two or more years ago),
the hybrid end year step 2 (year first reported complete) and 'Withdrawals' (an aim
missing from the following year's R14). When one of the five files is not given, these
rules cannot always be decided from the files that are:

- ``returned_after_gap``: an aim reported in year L and absent from L-1 that may have been
  reported in L-2 or earlier (the aim returned after being overdue, counted twice otherwise);
- ``first_reported_complete``: an aim whose year first reported complete moved its hybrid end
  year, and that may have been reported complete in an earlier year (a late-reported end);
- ``overdue_following_year``: a continuing aim or planned break whose following year's file
  would say whether it became overdue;
- ``funding_qualifying_period_restart`` (apprenticeships scenarios 5-6, education and training
  scenario 5): a restart that withdrew within the qualifying period, whose original learning
  (at this provider, or another) would be in the R14 of the year it started.

Each aim such a rule cannot assess is listed with the years whose R14 would settle it, and
is counted apart in the rates. Years before the five are never missing: the funder does not
use them either; nor are years before 2020-21, which ilr-lint does not read (a QAR before
2024/25 is decided from the years it reads). Aims recorded only in a year not given cannot be seen at all; the report
says which years were given.
"""

from __future__ import annotations

from typing import Iterable

from ilr_lint import codes
from ilr_lint.years import READABLE, label_of, year_of

from .derive import Derived
from .match import MatchedAim

EARLIER_YEARS = 4  # the QAR year and the four years before it: five R14 files
FIRST_READABLE = READABLE[0].first
OPEN = (codes.CONTINUING, codes.BREAK)  # what an aim missing from the next year's file can be

REASONS = {
    "returned_after_gap": "aims absent from the year before their latest record that may have been reported two or "
                          "more years before it (excluded by apprenticeships scenario 9 and education and training "
                          "scenario 12 if so)",
    "first_reported_complete": "aims whose hybrid end year is the year first reported complete, which an earlier "
                               "year's file may have reported complete already",
    "overdue_following_year": "continuing aims and planned breaks whose following year's file was not given: "
                              "overdue status not decided",
}


def expected_years(qar_year: int) -> range:
    """The years whose R14 files the QAR for ``qar_year`` is built from."""
    return range(qar_year - EARLIER_YEARS, qar_year + 1)


def give(years: Iterable[int]) -> str:
    """``not assessed: give the 2021-22 and 2022-23 R14``."""
    labels = [label_of(y) for y in sorted(set(years))]
    shown = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
    return f"not assessed: give the {shown} R14"


class MissingYears:
    """Which rules each aim needs a year not given for, and which years."""

    def __init__(self, qar_year: int, years_given: frozenset[tuple[int | None, int]]):
        self.qar_year = qar_year
        self.first = max(qar_year - EARLIER_YEARS, FIRST_READABLE)  # an earlier year cannot be given
        self.years_given = years_given

    def missing(self, ukprn: int | None, years: Iterable[int]) -> tuple[int, ...]:
        """Those of ``years`` within the five whose file for ``ukprn`` was not given."""
        return tuple(y for y in years if self.first <= y <= self.qar_year and (ukprn, y) not in self.years_given)

    def of(self, aim: MatchedAim, d: Derived, unassessed: Iterable[str] = ()) -> dict[str, tuple[int, ...]]:
        """Rule name -> the years whose R14 would decide it, for each rule the aim needs a missing year for.

        ``unassessed``: the exclusions the files given did not settle; a short restart whose
        original learning is not in them needs the R14 of the year that learning started."""
        rec = aim.latest
        found = {}
        if "funding_qualifying_period_restart" in unassessed and rec.orig_start is not None:
            found["funding_qualifying_period_restart"] = self.missing(rec.ukprn, (year_of(rec.orig_start),))
        if rec.comp_status in OPEN and rec.year < self.qar_year:
            found["overdue_following_year"] = self.missing(rec.ukprn, (rec.year + 1,))
        found["returned_after_gap"] = self._gap(aim)
        found["first_reported_complete"] = self._first_complete(aim, d)
        return {rule: years for rule, years in found.items() if years}

    def _gap(self, aim: MatchedAim) -> tuple[int, ...]:
        rec = aim.latest
        year = rec.year
        if aim.first_complete_year != year or (year - 1) in aim.years or rec.last_end_year >= year:
            return ()
        before = self.missing(rec.ukprn, (year - 1,))
        if any(y <= year - 2 for y in aim.years):
            return before  # reported two or more years before: the year before decides
        earlier = self.missing(rec.ukprn, range(year_of(rec.start), year - 1))
        return before + earlier if earlier else ()

    def _first_complete(self, aim: MatchedAim, d: Derived) -> tuple[int, ...]:
        complete = aim.first_complete_year
        if complete is None or d.hybrid_end_year != complete or d.overdue_continuing_aim or d.overdue_planned_break \
                or d.actual_end_year is None:
            return ()
        if complete <= max(y for y in (d.expected_end_year, d.actual_end_year, d.achievement_year) if y is not None):
            return ()  # step 1 gave this year already
        return self.missing(aim.latest.ukprn, range(d.actual_end_year, aim.years[0]))
