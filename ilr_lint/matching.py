"""Match the learners and aims of the file being linted with earlier submissions.

Matching follows the funder's QAR process (Qualification achievement rates 2024 to 2025, 'Matching
learning aims' and 'Processing learner reference number changes'):

- **Learners.** A learner whose PrevLearnRefNumber names a learner of the earlier file is
  that learner (the QAR applies learner reference number changes before matching).
  Otherwise learners match on ULN; where the ULN is the temporary 9999999999, or several
  learners share the ULN, or the other learner's LearnRefNumber is itself in this file (two
  distinct reference numbers for one ULN within a year), they match on LearnRefNumber.
- **Aims.** Aims match on programme type, aim reference (for programme aims: standard or
  framework code, never the pathway) and LearnStartDate, preferring the same
  AimSeqNumber. Where a start date itself changed, the aim falls back to programme type,
  LearnAimRef (and standard) plus AimSeqNumber, so the change is reported rather than
  seen as a deleted aim and a new one. A restart (RES) is a new aim and never falls back.

Which earlier files count (:func:`earlier_files`): the earlier returns of the same
collection year (in-year), newest first, then the newest file of the previous collection
year (its R14). Files of other years, or prepared after this file, are not compared; a
file of another provider (UKPRN) is refused as an input error before any check runs.
"""

from __future__ import annotations

from pathlib import Path

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from . import codes
from .api import Context, FileState
from .model import Learner, LearningDelivery
from .previous import PrevAim, PreviousFile, PrevLearner
from .reader import learn_ref_numbers

BY_PREV_LRN = "PrevLearnRefNumber"
BY_ULN = "ULN"
BY_LRN = "LearnRefNumber"
BY_QAR_KEY = "programme type, aim and start date"
BY_SEQUENCE = "LearnAimRef and AimSeqNumber"
BY_AIM_REF = "LearnAimRef"

Aim = Any  # a LearningDelivery or a PrevAim: both have the fields the keys read


def qar_key(aim: Aim) -> tuple[Any, ...]:
    """Programme type, aim reference (standard/framework for programme aims), start date."""
    what = (aim.std_code, aim.fwork_code) if aim.is_programme_aim else aim.learn_aim_ref
    return (aim.prog_type, what, aim.learn_start_date)


def sequence_key(aim: Aim) -> tuple[Any, ...]:
    """The fallback when the start date changed: the aim as recorded, and its AimSeqNumber."""
    return (aim.prog_type, aim.learn_aim_ref, aim.std_code, aim.aim_seq_number)


def reference_key(aim: Aim) -> tuple[Any, ...]:
    return (aim.prog_type, aim.learn_aim_ref, aim.std_code)


@dataclass(frozen=True, slots=True)
class AimMatch:
    aim: LearningDelivery
    previous: PrevAim
    by: str


def match_aims(previous: Sequence[PrevAim], current: Sequence[LearningDelivery], *, in_year: bool,
               loose: bool = False) -> tuple[tuple[AimMatch, ...], tuple[PrevAim, ...]]:
    """Pair current aims with previous ones; returns the pairs and the unmatched previous aims.

    The AimSeqNumber fallback takes a closed previous aim only ``in_year``: aims closed in
    the previous year are not returned again, so their sequence numbers are free for new
    aims. ``loose`` adds a last pass for reinstated aims: an aim reference (with programme
    type and standard) that only one open previous aim and one current non-restart aim carry.
    """
    free = list(previous)
    pairs: list[AimMatch] = []
    waiting = list(current)

    def take(test: Any, by: str, aims: Iterable[LearningDelivery]) -> None:
        for aim in aims:
            found = next((p for p in free if test(p, aim)), None)
            if found is not None:
                free.remove(found)
                waiting.remove(aim)
                pairs.append(AimMatch(aim, found, by))

    take(lambda p, a: qar_key(p) == qar_key(a) and p.aim_seq_number == a.aim_seq_number, BY_QAR_KEY, list(waiting))
    take(lambda p, a: qar_key(p) == qar_key(a), BY_QAR_KEY, list(waiting))
    take(lambda p, a: sequence_key(p) == sequence_key(a) and (in_year or not p.is_closed), BY_SEQUENCE,
         [a for a in waiting if not a.is_restart])
    if loose:
        for aim in [a for a in waiting if not a.is_restart]:
            same = [p for p in free if not p.is_closed and reference_key(p) == reference_key(aim)]
            rivals = [a for a in waiting if reference_key(a) == reference_key(aim)]
            if len(same) == 1 and len(rivals) == 1:
                take(lambda p, a: p is same[0], BY_AIM_REF, [aim])
    return tuple(pairs), tuple(free)


@dataclass(frozen=True, slots=True)
class Version:
    """What one earlier file holds for the learner being checked."""

    file: PreviousFile
    in_year: bool  # an earlier return of this collection year; False: the previous year's R14
    learner: PrevLearner | None
    by: str | None  # how the learner matched
    pairs: tuple[AimMatch, ...] = ()
    vanished: tuple[PrevAim, ...] = ()  # previous aims with no aim in this file

    def previous_of(self, aim: LearningDelivery) -> AimMatch | None:
        return next((m for m in self.pairs if m.aim is aim), None)

    @property
    def label(self) -> str:
        return describe(self.file, self.in_year)


def describe(file: PreviousFile, in_year: bool) -> str:
    """How messages name an earlier file: "the previous file", or an R14 when its name says so.

    Nothing inside an ILR file says which return it was, so an earlier year's file is called an
    R14 only when its name contains "R14".
    """
    if not in_year and "r14" in Path(file.shown).name.lower():
        return f"the {file.year.label} R14 {file.shown}"
    return f"the previous file {file.shown}" + ("" if in_year else f" ({file.year.label})")


def earlier_files(ctx: Context) -> tuple[tuple[PreviousFile, bool], ...]:
    """The files to compare with, newest first, each with whether it is from this year."""
    cached = ctx.scratch.get("matching.files")
    if cached is not None:
        return cached
    files: list[tuple[PreviousFile, bool]] = []
    if ctx.previous is not None:
        prepared = ctx.header.file_preparation_date
        ours = ctx.previous.files  # all of this provider: the engine refuses another UKPRN's
        files += [(f, True) for f in ours if f.year == ctx.year and not _after(f.file_preparation_date, prepared)]
        files += [(f, False) for f in ours if f.year.first == ctx.year.first - 1][:1]
    ctx.scratch["matching.files"] = result = tuple(files)
    return result


def _after(day: date | None, other: date | None) -> bool:
    return day is not None and other is not None and day > other


class Matched(set[str], FileState):
    """The LearnRefNumbers of one earlier file that learners of this file matched."""

    @classmethod
    def new(cls, ctx: Context) -> "Matched":
        return cls()

    def handover(self) -> set[str]:
        part = set(self)
        self.clear()
        return part

    def take_over(self, part: set[str]) -> None:
        self.update(part)


def history(learner: Learner, ctx: Context) -> tuple[Version, ...]:
    """The learner in each earlier file (:func:`earlier_files` order), computed once per learner.

    Also records, per earlier file, which of its learners this file matched, for checks
    that report vanished learners in ``finish`` (:func:`unmatched_learners`).
    """
    memo = ctx.memo(learner)
    cached = memo.get("matching.history")
    if cached is not None:
        return cached
    versions = []
    for number, (file, in_year) in enumerate(earlier_files(ctx)):
        found, by = match_learner(learner, file, ctx)
        if found is None:
            versions.append(Version(file, in_year, None, None))
            continue
        ctx.scratch.setdefault(("matching.matched", number), Matched()).add(found.learn_ref_number)
        pairs, vanished = match_aims(found.deliveries, learner.deliveries, in_year=in_year)
        versions.append(Version(file, in_year, found, by, pairs, vanished))
    result = memo["matching.history"] = tuple(versions)
    return result


def match_learner(learner: Learner, file: PreviousFile, ctx: Context) -> tuple[PrevLearner | None, str | None]:
    named = file.learner(learner.prev_learn_ref_number)
    if named is not None:
        return named, BY_PREV_LRN
    if learner.uln != codes.TEMPORARY_ULN:
        same = file.with_uln(learner.uln)
        own = next((p for p in same if p.learn_ref_number == learner.learn_ref_number), None)
        if own is not None:
            return own, BY_ULN
        if len(same) == 1 and same[0].learn_ref_number not in current_learn_refs(ctx):
            return same[0], BY_ULN
    own = file.learner(learner.learn_ref_number)
    return (own, BY_LRN) if own is not None else (None, None)


def unmatched_learners(ctx: Context, number: int) -> Iterable[PrevLearner]:
    """Learners of earlier file ``number`` that no learner of this file matched or named."""
    file = earlier_files(ctx)[number][0]
    matched = ctx.scratch.get(("matching.matched", number), set())
    candidates = [p for ref, p in file.learners.items() if ref not in matched]
    if candidates:  # a learner whose record could not be read is still in the file
        refs = current_learn_refs(ctx)
        candidates = [p for p in candidates if p.learn_ref_number not in refs]
    return candidates


def current_learn_refs(ctx: Context) -> frozenset[str]:
    """Every LearnRefNumber of the file being linted.

    In ``finish`` the engine has collected them all (``ctx.learn_refs``). Before that, while
    learners are checked, they are read ahead once, on first need: that happens only for a
    learner whose ULN an earlier file holds under another LearnRefNumber.
    """
    refs = ctx.scratch.get("matching.refs")
    if refs is None and ctx.complete:
        ctx.scratch["matching.refs"] = refs = frozenset(ctx.learn_refs)
    if refs is None:
        ctx.scratch["matching.refs"] = refs = frozenset(learn_ref_numbers(ctx.path, ctx.year.namespace))
    return refs
