"""The QAR dataset: files chosen, aims matched and derived, exclusions, rates, records at risk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from . import risks
from .derive import Derived, Restarts, derive
from .exclusions import LARS_EXCLUSION, NEEDS_OTHER_DATA, UNRESOLVED, Exclusions
from .match import History, MatchedAim, match
from .missing import EARLIER_YEARS, FIRST_READABLE, OPEN, REASONS, MissingYears, expected_years, give
from .rates import Rate, rates
from .records import AimRecord, YearFile, delegate
from .risks import AtRisk, Breaks


class QarYearError(ValueError):
    pass


def parse_qar_year(text: str) -> int:
    """``2025/26``, ``2025-26`` or ``2526`` -> 2025."""
    found = re.fullmatch(r"(\d{4})[/-](\d{2})|(\d{2})(\d{2})", text.strip())
    if found is None:
        raise QarYearError(f"--qar-year {text!r} is not a year like 2025/26")
    first = int(found[1]) if found[1] else 2000 + int(found[3])
    second = int(found[2] or found[4])
    if (first + 1) % 100 != second:
        raise QarYearError(f"--qar-year {text!r}: {second:02d} does not follow {first}")
    if not 2000 <= first <= 2098:
        raise QarYearError(f"--qar-year {text!r}: not a collection year (2000/01 to 2098/99)")
    return first


def year_label(year: int | None) -> str:
    return "future" if year is None else f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True, slots=True)
class Assessment:
    """An aim's history, derived variables and exclusions (one object per distinct assessment:
    most aims share one of a few hundred)."""

    history: History
    derived: Derived
    exclusions: tuple[str, ...]
    not_assessed: tuple[str, ...]
    missing: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (rule, years whose R14 would decide it)


@dataclass(frozen=True, slots=True)
class QarAim:
    """A matched aim's latest record and its assessment, whose fields (and its history's) are
    the aim's: one object per aim, of two references (the data set holds every aim)."""

    latest: AimRecord
    assessment: Assessment

    @property
    def matched(self) -> "QarAim":
        return self

    @property
    def give(self) -> tuple[int, ...]:
        """The years whose R14 files would let every rule assess the aim."""
        return tuple(sorted({y for _rule, years in self.missing for y in years}))

    @property
    def set_apart(self) -> bool:
        """Not excluded, but a rule could not assess it for want of a file: counted apart in the rates."""
        return bool(self.not_assessed) and not self.excluded

    @property
    def provision(self) -> str:
        return self.matched.latest.provision

    @property
    def hybrid_end_year(self) -> int | None:
        return self.derived.hybrid_end_year

    @property
    def leaver(self) -> bool:
        return self.derived.leaver

    @property
    def achiever(self) -> bool:
        return self.derived.achiever

    @property
    def completer(self) -> bool:
        return self.derived.completer

    @property
    def excluded(self) -> bool:
        return bool(self.exclusions)


delegate(QarAim, "assessment", Assessment)  # history, derived, exclusions, not_assessed, missing
delegate(QarAim, "assessment.history", History)  # years, first_complete_year, ever_funded


@dataclass(frozen=True, slots=True)
class NotAssessed:
    exclusion: str
    reason: str
    aims: int  # how many aims it could apply to
    give: tuple[int, ...] = ()  # the years whose R14 files would decide it (rules that need a missing year)
    listed: tuple[QarAim, ...] = ()  # the aims (rules decided per aim)


@dataclass(frozen=True, slots=True)
class YearsGiven:
    """The years of one UKPRN's files used, and which of the five the QAR expects were not given."""

    ukprn: int | None
    given: tuple[int, ...]
    missing: tuple[int, ...]


@dataclass
class Dataset:
    qar_year: int
    files: list[YearFile]
    aims: list[QarAim]
    rates: list[Rate]
    not_assessed: list[NotAssessed]
    at_risk: list[AtRisk]
    notes: list[str] = field(default_factory=list)
    years: list[YearsGiven] = field(default_factory=list)

    @property
    def expected(self) -> range:
        return expected_years(self.qar_year)


def choose_files(files: list[YearFile], qar_year: int) -> tuple[list[YearFile], list[str]]:
    """One file per UKPRN and year (the latest prepared; the first given on a tie), from the
    QAR year back four years. Files of later years are not used: the QAR is computed from the
    R14 files up to its own year."""
    chosen: dict[tuple[int | None, int], YearFile] = {}
    notes = []
    for f in files:
        if f.year > qar_year:
            notes.append(f"{f.path}: {f.label} is after the QAR year {year_label(qar_year)}; not used")
            continue
        if f.year < qar_year - EARLIER_YEARS:
            notes.append(f"{f.path}: {f.label} is more than four years before the QAR year; not used")
            continue
        if f.problem:
            notes.append(f.problem)
        key = (f.ukprn, f.year)
        kept = chosen.get(key)
        if kept is None:
            chosen[key] = f
            continue
        newer, older = (f, kept) if (f.file_preparation_date or date.min) > (kept.file_preparation_date or date.min) \
            else (kept, f)
        chosen[key] = newer
        notes.append(f"{older.path}: another {older.label} file for UKPRN {older.ukprn} ({newer.path}) is "
                     "used instead")
    return sorted(chosen.values(), key=lambda f: (f.year, f.ukprn or 0)), notes


def build(files: list[YearFile], qar_year: int, today: date, lars: Any = None) -> Dataset:
    """The QAR dataset for ``qar_year`` from ``files``; ``today`` dates 'past planned end'.

    With ``lars`` (the indexed LARS download) the standards' Effective From dates are known.
    """
    files, notes = choose_files(files, qar_year)
    aims = _aims(files, qar_year, lambda matched: True, lars=lars)
    if not any(f.year < qar_year for f in files):
        assumed = sum(1 for a in aims if a.matched.first_complete_year == qar_year)
        if assumed:
            notes.append(f"no earlier year's file was given (--previous): for {assumed} aims closed in this file, "
                         f"'first reported complete' is assumed to be {year_label(qar_year)}, which decides "
                         "their hybrid end year if they closed in an earlier year")
    all_records = [rec for f in files for rec in f.records]
    return Dataset(qar_year, files, aims, rates(aims, qar_year), _not_assessed(aims, lars is not None),
                   _at_risk(aims, files, all_records, today), notes, years_given(files, qar_year))


def years_given(files: list[YearFile], qar_year: int) -> list[YearsGiven]:
    """Per UKPRN, the years given and those of the five not given."""
    by_ukprn: dict[int | None, list[int]] = {}
    for f in files:
        by_ukprn.setdefault(f.ukprn, []).append(f.year)
    readable = [y for y in expected_years(qar_year) if y >= FIRST_READABLE]
    return [YearsGiven(ukprn, tuple(years), tuple(y for y in readable if y not in years))
            for ukprn, years in by_ukprn.items()]


def overdue_candidates(files: list[YearFile], qar_year: int) -> list[QarAim]:
    """The aims of :func:`build` that can be overdue in ``qar_year``, derived exactly as there.

    Those whose latest record is in the year before, continuing or on a planned break (what
    the overdue checks ILR600 and ILR601 report); no rates or records at risk are made, so
    ``check --previous`` holds a few aims, not the whole data set.
    """
    files, _notes = choose_files(files, qar_year)

    def candidate(rec: AimRecord) -> bool:
        return rec.year == qar_year - 1 and rec.comp_status in OPEN

    return _aims(files, qar_year, lambda matched: candidate(matched.latest), candidate)


def _aims(files: list[YearFile], qar_year: int, wanted: Callable[[MatchedAim], bool],
          seeds: Callable[[AimRecord], bool] | None = None, lars: Any = None) -> list[QarAim]:
    """The ``wanted`` matched aims of the chosen ``files``, derived, with their exclusions.

    ``seeds``: a test that every wanted aim's latest record passes (only aims with such a
    record are matched at all); None matches every aim."""
    years_given = frozenset((f.ukprn, f.year) for f in files)
    restarts = Restarts(rec for f in files for rec in f.records)
    exclusions = Exclusions(files, qar_year, years_given, lars)
    missing = MissingYears(qar_year, years_given)
    aims = []
    assessments: dict[Assessment, Assessment] = {}  # most aims repeat a few of them: one object each
    for matched in match(files, seeds):
        if not wanted(matched):
            continue
        derived = derive(matched, qar_year, years_given, restarts)
        found, unassessed = (tuple(n) for n in exclusions.of(matched, derived))
        needs = tuple(missing.of(matched, derived, unassessed).items()) if not found else ()
        unassessed = tuple(dict.fromkeys([*unassessed, *(rule for rule, _years in needs)]))
        assessment = Assessment(matched.history, derived, found, unassessed, needs)
        aims.append(QarAim(matched.latest, assessments.setdefault(assessment, assessment)))
    return aims


def _not_assessed(aims: list[QarAim], with_lars: bool) -> list[NotAssessed]:
    out = []
    for name, (applies, reason) in NEEDS_OTHER_DATA.items():
        if with_lars and name == LARS_EXCLUSION:
            continue
        count = sum(1 for a in aims if applies(a.matched.latest))
        out.append(NotAssessed(name, reason, count))
    for name, reason in {**UNRESOLVED, **REASONS}.items():
        listed = tuple(a for a in aims if name in a.not_assessed)
        if listed:
            years = tuple(sorted({y for a in listed for rule, ys in a.missing if rule == name for y in ys}))
            out.append(NotAssessed(name, f"{give(years)}: {reason}" if years else reason, len(listed), years, listed))
    return out


def _at_risk(aims: list[QarAim], files: list[YearFile], records: list[AimRecord], today: date) -> list[AtRisk]:
    latest = {}
    for f in files:
        latest[f.ukprn] = f  # files are in year order: the last one of each UKPRN is its current file
    current = set(map(id, latest.values()))
    found: list[AtRisk] = []
    for aim in aims:
        rec = aim.matched.latest
        if aim.excluded:
            continue  # an excluded aim does not count against the rate
        hybrid = year_label(aim.hybrid_end_year)
        moved = risks.uln_changed(rec, latest[rec.ukprn])
        if aim.derived.overdue_planned_break:
            found.append(risks.at_risk("overdue_planned_break", rec, risks.overdue_break(rec, hybrid, moved)))
        elif aim.derived.overdue_continuing_aim:
            found.append(risks.at_risk("overdue_continuing_aim", rec, risks.overdue_continuing(rec, hybrid, moved)))
        elif rec.year == latest[rec.ukprn].year and risks.is_past_planned_end(rec, today):
            found.append(risks.at_risk("continuing_past_planned_end", rec,
                                       risks.continuing_past_planned_end(rec, today)))
    breaks = Breaks(records)
    earlier = {(f.ukprn, f.year): f for f in files}
    for f in files:
        if id(f) not in current:
            continue
        for rec in f.records:
            brk = breaks.unmatched(rec)
            if brk is not None:
                found.append(risks.at_risk("restart_will_not_match", rec, risks.restart_will_not_match(rec, brk)))
        before = earlier.get((f.ukprn, f.year - 1))
        if before is not None:
            found.extend(_learner_risks(f, before))
    order = {kind: n for n, kind in enumerate(risks.KINDS)}
    return sorted(found, key=lambda r: (order[r.kind], r.file, r.line or 0))


def _learner_risks(f: YearFile, before: YearFile) -> list[AtRisk]:
    found = []
    for ref, uln in f.ulns.items():
        prev = f.prev_learner.get(ref)
        advice = risks.prev_lrn_not_found(ref, prev, before) if prev else None
        kind = "prev_lrn_not_found"
        if advice is None:
            advice, kind = risks.lrn_change_not_recorded(ref, uln, prev, before), "lrn_change_not_recorded"
        if advice is not None:
            found.append(risks.AtRisk(kind, ref, uln, None, None, f.path, f.lines.get(ref), *advice))
    return found

