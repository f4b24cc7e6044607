"""Match aims across years: the methodology's 'Matching learning aims' and LRN changes.

Aims match on UKPRN, learner (ULN, or the learner reference number where the ULN cannot be
used), programme type, aim reference or framework/standard, and learning start date. The
ULN is not used when it is the temporary ULN 9999999999 or when one year's file holds it
under more than one learner reference number. Learner reference numbers are first brought
up to date with each later year's PrevLearnRefNumber, so an aim recorded under LR12345 and
later under LR67890 (with PrevLearnRefNumber LR12345) is one aim. The latest record of each
aim is kept, with the years it was reported in and the year it was first reported complete.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

from ilr_lint import codes

from .records import AimRecord, YearFile, delegate

CLOSED = (codes.COMPLETED, codes.WITHDRAWN)


@dataclass(frozen=True, slots=True)
class History:
    """What an aim's records across the years say (one object per distinct history: few)."""

    years: tuple[int, ...]  # years whose file reported the aim, in order
    first_complete_year: int | None  # first year reported with CompStatus 2 or 3
    ever_funded: bool  # FundModel other than 99 in some year


@dataclass(frozen=True, slots=True)
class MatchedAim:
    """One aim across the years: its latest record, the one before, and its history's fields."""

    latest: AimRecord
    previous: AimRecord | None  # the record before the latest one, if any
    history: History


delegate(MatchedAim, "history", History)  # years, first_complete_year, ever_funded


class LearnerNames:
    """Resolves a learner reference number to the latest one, following PrevLearnRefNumber."""

    def __init__(self, files: list[YearFile]):
        self._renames: dict[tuple[int | None, str], list[tuple[int, str]]] = defaultdict(list)
        for f in files:
            for new, old in f.prev_learner.items():
                self._renames[(f.ukprn, old)].append((f.year, new))

    def current(self, ukprn: int | None, learner: str, year: int) -> str:
        for _ in range(len(self._renames) + 1):  # bounded: a cycle of renames cannot loop forever
            later = [(y, new) for y, new in self._renames.get((ukprn, learner), ()) if y > year]
            if not later:
                break
            year, learner = min(later)
        return learner


def unusable_ulns(files: list[YearFile], names: LearnerNames) -> set[tuple[int | None, int]]:
    """(UKPRN, ULN) pairs matched on learner reference number instead of ULN."""
    unusable: set[tuple[int | None, int]] = set()
    for f in files:
        first: dict[int, str] = {}  # ULN -> the first learner holding it
        for learner, uln in f.ulns.items():
            current = names.current(f.ukprn, learner, f.year)
            if first.setdefault(uln, current) != current or uln == codes.TEMPORARY_ULN:
                unusable.add((f.ukprn, uln))
    return unusable


def match(files: list[YearFile], seeds: Callable[[AimRecord], bool] | None = None) -> Iterator[MatchedAim]:
    """Every distinct aim across ``files`` (one per year), in the order first seen.

    A generator: the caller keeps only the aims it needs. With ``seeds``, only the aims with
    at least one record passing it are made (the others are never grouped, which keeps a
    caller that wants a few aims from holding every record's key)."""
    names = LearnerNames(files)
    no_uln = unusable_ulns(files, names)

    def who(rec: AimRecord) -> object:
        """The ULN (an int) or, where it cannot be used, the current learner reference number (a
        str, so never equal to a ULN)."""
        if (rec.ukprn, rec.uln) in no_uln:
            return names.current(rec.ukprn, rec.learner, rec.year)
        return rec.uln

    def what(rec: AimRecord) -> tuple[object, ...]:
        """The rest of the key: UKPRN, ProgType, the aim's kind and code, and its start date."""
        return (rec.ukprn, rec.prog_type, *rec.aim_key, rec.start)

    ordered = sorted(files, key=lambda f: f.year)
    wanted = None if seeds is None else {(who(r), what(r)) for f in ordered for r in f.records if seeds(r)}
    # Grouped by learner first (one entry per learner, held by the learner's ULN or reference
    # number, not one per record): learner -> their record, or their records in file order.
    learners: dict[object, AimRecord | tuple[AimRecord, ...]] = {}
    for f in ordered:
        for rec in f.records:
            if wanted is None or (who(rec), what(rec)) in wanted:
                found = learners.setdefault(who(rec), rec)
                if found is not rec:
                    learners[who(rec)] = (*found, rec) if isinstance(found, tuple) else (found, rec)
    # Then each aim is made at its first record, in file order, from the learner's records with
    # the same rest of the key; they are let go as the caller's aims grow.
    histories: dict[History, History] = {}  # one object per distinct history
    for f in ordered:
        for rec in f.records:
            held = learners.get(who(rec), ())
            recs = held if isinstance(held, tuple) else (held,)
            if not any(r is rec for r in recs):
                continue  # not wanted, or its aim is made already
            key = what(rec)
            left = tuple(r for r in recs if what(r) != key)
            if left:
                learners[who(rec)] = left
            else:
                del learners[who(rec)]
            yield _merge([r for r in recs if what(r) == key], histories)


def _merge(recs: list[AimRecord], pool: dict[History, History]) -> MatchedAim:
    recs.sort(key=lambda r: (r.year, r.aim))
    history = History(tuple(dict.fromkeys(r.year for r in recs)),
                      next((r.year for r in recs if r.comp_status in CLOSED), None),
                      any(r.fund_model != codes.FM_NON_FUNDED for r in recs))
    return MatchedAim(recs[-1], recs[-2] if len(recs) > 1 else None, pool.setdefault(history, history))
