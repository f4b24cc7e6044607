"""Compact per-aim records: only what the QAR needs, kept while each file is streamed.

A 20,000-learner file becomes a few tens of thousands of small slotted records; the full
learner model is dropped as soon as its aims are summarised. The date of birth is reduced
to whether the learner was under 16 on 31 August of the start year; no other personal data
is kept. Repeated values share one object: an aim's file and codes are one pooled
:class:`AimCodes` (a few hundred distinct ones in a file), aim references and dates are
pooled too (:func:`pooled`), LDM sets and every aim's (start, programme, reference) entry are pooled, and an aim's line is its
learner's plus a small offset, so a record is twelve references (128 bytes) and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import Any, Callable

from ilr_lint import codes
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.reader import IlrReader, Record, Unreadable, display_path
from ilr_lint.years import label_of, year_of

from .identify import APPRENTICESHIP, provision_of

# LDM codes that exclusions look at (stored as ints; the ILR writes some with leading zeros)
EXCLUSION_LDM_CODES = frozenset({34, 320, 321, 332, 337, 341, 351, 360, 383, 384})


@dataclass(frozen=True, slots=True)
class AimCodes:
    """What many aims have in common: their file and codes. One object per distinct combination
    (:func:`pooled`), so that a record holds one reference instead of sixteen."""

    year: int  # first calendar year of the file's funding year (2024 for 2024-25)
    file: str
    ukprn: int | None
    provision: str
    aim_type: int
    prog_type: int | None
    fwork_code: int | None
    std_code: int | None
    fund_model: int
    comp_status: int
    withdraw_reason: int | None
    outcome: int | None
    restart: bool  # LearningDeliveryFAM RES 1
    adl: bool  # LearningDeliveryFAM ADL (advanced learner loan)
    ldm: frozenset[int]
    under_16: bool  # under 16 on 31 August of the start year (False if no date of birth)


# One object per distinct value that many records hold: their codes, aim references and dates
_POOL: dict[Any, Any] = {}


def pooled(value: Any) -> Any:
    return _POOL.setdefault(value, value)


def is_pooled(value: Any) -> bool:
    """Whether ``value`` is one that records share (the parts of a file read in another process
    send these by persistent id: :mod:`ilr_lint.qar.reading`)."""
    kind = type(value)
    return kind is AimCodes or kind is date or (kind is str and _POOL.get(value) is value)


@dataclass(frozen=True, slots=True)
class AimRecord:
    """One QAR aim of one file: its own values, and its codes (shared with other aims; each of
    :class:`AimCodes`'s fields is an attribute of the record too)."""

    shared: AimCodes
    learner: str  # LearnRefNumber in this file
    uln: int
    aim: int  # AimSeqNumber
    learner_line: int  # the line of its <Learner> (the learner's one int, shared)
    offset: int  # the aim's line after it (an int below 257 is one shared object: no memory of its own)
    learn_aim_ref: str
    start: date
    orig_start: date | None
    planned_end: date
    actual_end: date | None
    achievement_date: date | None


    @property
    def line(self) -> int:
        """The line of the aim's <LearningDelivery>."""
        return self.learner_line + self.offset

    @property
    def aim_key(self) -> tuple[object, ...]:
        """Aim reference or framework/standard: what the matching rules compare besides ProgType."""
        if self.provision == APPRENTICESHIP:
            return ("std", self.std_code) if self.prog_type == codes.PROG_STANDARD else ("fwork", self.fwork_code)
        return ("aim", self.learn_aim_ref)

    @property
    def last_end_year(self) -> int:
        """The later of the planned and actual end years."""
        return year_of(max(self.planned_end, self.actual_end or self.planned_end))

    @property
    def is_standard_fm36(self) -> bool:
        return self.prog_type == codes.PROG_STANDARD and self.fund_model == codes.FM_APPRENTICESHIPS


def delegate(cls: type, holder: str, shared: type) -> None:
    """Make each field of the dataclass ``shared`` a read-only attribute of ``cls``, read from its
    field ``holder`` (an object many share): the compact classes read like flat ones."""
    for name in (f.name for f in fields(shared)):
        assert not hasattr(cls, name), name  # never in place of the class's own
        setattr(cls, name, property(attrgetter(f"{holder}.{name}")))


delegate(AimRecord, "shared", AimCodes)
DATES = ("start", "orig_start", "planned_end", "actual_end", "achievement_date")


def native(rec: AimRecord) -> AimRecord:
    """``rec`` if its codes are this process's; else (unpickled from another process, with copies
    of every value it shared) a copy sharing its codes, aim reference and dates again."""
    shared = _POOL.get(rec.shared)
    if shared is rec.shared:
        return rec
    if shared is None:  # a copy: no record from the other process holds it, so none passes as made here
        shared = pooled(replace(rec.shared))
    dates = {name: pooled(value) for name in DATES if (value := getattr(rec, name)) is not None}
    return replace(rec, shared=shared, learn_aim_ref=pooled(rec.learn_aim_ref), **dates)


def under_16_on_31_august(learner: Learner, start: date) -> bool:
    """Under 16 on 31 August of the start year (False without a date of birth)."""
    age = learner.age_on(date(start.year if start.month >= 8 else start.year - 1, 8, 31))
    return age is not None and age < 16


NO_LDM: frozenset[int] = frozenset()
_LDM_SETS: dict[frozenset[int], frozenset[int]] = {NO_LDM: NO_LDM}  # one object per distinct set


def _ldm(aim: LearningDelivery) -> frozenset[int]:
    found = {int(f.code) for f in aim.fams
             if f.type == "LDM" and f.code.isdigit() and int(f.code) in EXCLUSION_LDM_CODES}
    if not found:
        return NO_LDM
    key = frozenset(found)
    return _LDM_SETS.setdefault(key, key)


def aim_record(learner: Learner, aim: LearningDelivery, provision: str, year: int, ukprn: int | None,
               path: str) -> AimRecord:
    shared = pooled(AimCodes(
        year=year, file=path, ukprn=ukprn, provision=provision, aim_type=aim.aim_type, prog_type=aim.prog_type,
        fwork_code=aim.fwork_code, std_code=aim.std_code, fund_model=aim.fund_model, comp_status=aim.comp_status,
        withdraw_reason=aim.withdraw_reason, outcome=aim.outcome, restart=aim.has_fam("RES", 1),
        adl=aim.has_fam("ADL"), ldm=_ldm(aim),
        under_16=under_16_on_31_august(learner, aim.learn_start_date)))
    return AimRecord(shared, learner.learn_ref_number, learner.uln, aim.aim_seq_number, learner.line,
                     aim.line - learner.line,
                     pooled(aim.learn_aim_ref), aim.learn_start_date, aim.orig_learn_start_date,
                     aim.learn_plan_end_date, aim.learn_act_end_date, aim.ach_date)


@dataclass(frozen=True, slots=True)
class LearnerEntry:
    """What one learner adds to a :class:`YearFile`."""

    learner: str  # LearnRefNumber
    uln: int
    line: int
    prev_learner: str | None  # PrevLearnRefNumber, when it differs from LearnRefNumber
    starts: tuple[tuple[date, bool, str], ...]  # (LearnStartDate, apprenticeship, LearnAimRef) of every aim
    records: tuple[AimRecord, ...]  # the QAR records kept


@dataclass
class YearFile:
    """One year's file, summarised: its QAR aims, its learners, and every aim's start date."""

    path: str
    year: int
    ukprn: int | None
    file_preparation_date: date | None
    records: list[AimRecord] = field(default_factory=list)
    ulns: dict[str, int] = field(default_factory=dict)  # LearnRefNumber -> ULN
    lines: dict[str, int] = field(default_factory=dict)  # LearnRefNumber -> line of its <Learner>
    prev_learner: dict[str, str] = field(default_factory=dict)  # LearnRefNumber -> PrevLearnRefNumber
    # ULN -> (LearnStartDate, is an apprenticeship programme aim, LearnAimRef) of every aim (a tuple: smaller)
    starts: dict[int, tuple[tuple[date, bool, str], ...]] = field(default_factory=dict)
    _pool: dict[Any, Any] = field(default_factory=dict, repr=False)  # one object per distinct starts entry
    unreadable: int = 0  # learners whose values do not fit the model: not in the QAR
    first_unreadable: str | None = None  # where the first of them is, and why

    @property
    def problem(self) -> str | None:
        """The file's structural problems, in one line (None if every learner was read)."""
        if not self.unreadable:
            return None
        return (f"{self.path}: {self.unreadable} learner(s) could not be read and are left out of the QAR "
                f"(first: {self.first_unreadable})")

    @property
    def label(self) -> str:
        return label_of(self.year)

    def learners_with(self, uln: int) -> tuple[str, ...]:
        """The LearnRefNumbers holding ``uln``, in file order (ask once the file is complete)."""
        found = self._by_uln.get(uln, ())
        return (found,) if isinstance(found, str) else found

    @cached_property
    def _by_uln(self) -> dict[int, str | tuple[str, ...]]:
        """ULN -> its LearnRefNumber, or their tuple when several hold it (most ULNs have one)."""
        found: dict[int, str | tuple[str, ...]] = {}
        for ref, uln in self.ulns.items():
            held = found.setdefault(uln, ref)
            if held is not ref:
                found[uln] = (*held, ref) if isinstance(held, tuple) else (held, ref)
        return found

    @cached_property
    def records_by_uln(self) -> dict[int, list[AimRecord]]:
        """ULN -> QAR records (read once the file is complete)."""
        found: dict[int, list[AimRecord]] = {}
        for rec in self.records:
            found.setdefault(rec.uln, []).append(rec)
        return found

    def add(self, learner: Learner, keep: Callable[[AimRecord], bool] | None = None) -> list[AimRecord]:
        """Summarise one learner; returns its QAR records (all of them: only those passing ``keep``,
        if given, are kept in :attr:`records`)."""
        entry, added = self.entry(learner, keep)
        self.take(entry)
        return added

    def entry(self, learner: Learner, keep: Callable[[AimRecord], bool] | None = None
              ) -> tuple[LearnerEntry, list[AimRecord]]:
        """What :meth:`add` adds for the learner, without adding it; and all its QAR records."""
        added = self.records_of(learner)
        starts = tuple((aim.learn_start_date, provision_of(aim, self.year) == APPRENTICESHIP,
                        pooled(aim.learn_aim_ref)) for aim in learner.deliveries)
        prev = learner.prev_learn_ref_number
        return LearnerEntry(learner.learn_ref_number, learner.uln, learner.line,
                            prev if prev and prev != learner.learn_ref_number else None, starts,
                            tuple(added if keep is None else filter(keep, added))), added

    def take(self, entry: LearnerEntry) -> None:
        """Add one learner's entry (made by :meth:`entry`, possibly in another process)."""
        self.ulns[entry.learner] = entry.uln
        self.lines[entry.learner] = entry.line
        if entry.prev_learner:
            self.prev_learner[entry.learner] = entry.prev_learner
        self._add_starts(entry.uln, entry.starts)
        self.records.extend(native(rec) for rec in entry.records)

    def extend(self, part: "YearFile") -> None:
        """Add the next part of the same file, read in another process: the same as reading its
        learners here, with the values this file shares shared again (pickling copies them)."""
        self.ulns.update(part.ulns)
        self.lines.update(part.lines)
        self.prev_learner.update(part.prev_learner)
        for uln, starts in part.starts.items():
            self._add_starts(uln, starts)
        self.records.extend(native(rec) for rec in part.records)
        self.unreadable += part.unreadable
        self.first_unreadable = self.first_unreadable or part.first_unreadable

    def _add_starts(self, uln: int, starts: tuple[tuple[date, bool, str], ...]) -> None:
        pool = self._pool
        self.starts[uln] = (*self.starts.get(uln, ()), *(pool.setdefault(e, e) for e in starts))

    def read(self, record: Record) -> None:
        """Add one record of the file: a learner's aims, or a learner that could not be read."""
        if isinstance(record.item, Learner):
            self.add(record.item)
        elif isinstance(record.item, Unreadable) and record.is_learner:
            self.unreadable += 1
            self.first_unreadable = self.first_unreadable or f"line {record.item.line}: {record.item.reason}"

    def records_of(self, learner: Learner) -> list[AimRecord]:
        """The learner's QAR records, without adding them to the file."""
        return [aim_record(learner, aim, provision, self.year, self.ukprn, self.path)
                for aim in learner.deliveries if (provision := provision_of(aim, self.year)) is not None]


def read_year_file(path: str, on_learner: Callable[[int, int, int | None], None] | None = None) -> YearFile:
    """Stream one ILR file into a :class:`YearFile`; the year comes from the file's namespace.

    ``on_learner`` is called after each learner with the learners, and the bytes of XML, read so
    far and the bytes in all (:mod:`ilr_lint.progress`)."""
    reader = IlrReader(path)
    summary: YearFile | None = None
    learners = 0
    for record in reader:
        if summary is None:
            summary = start(reader)
        summary.read(record)
        if on_learner is not None and record.is_learner:
            learners += 1
            on_learner(learners, reader.bytes_read, reader.size)
    return summary if summary is not None else start(reader)


def start(reader: IlrReader) -> YearFile:
    """The file's summary, empty: what its Header says."""
    header = reader.header
    assert header is not None  # the reader yields nothing before the Header
    return YearFile(display_path(reader.path), reader.year.first, header.ukprn, header.file_preparation_date)
