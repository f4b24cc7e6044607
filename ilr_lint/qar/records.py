"""Compact per-aim records: only what the QAR needs, kept while each file is streamed.

A 20,000-learner file becomes a few tens of thousands of small slotted records; the full
learner model is dropped as soon as its aims are summarised. The date of birth is reduced
to the age on 31 August of the start year; no other personal data is kept. Repeated values
share one object: aim references are interned, LDM sets and every aim's (start, programme,
reference) entry are pooled, so a record costs little more than its slots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
import sys
from functools import cached_property
from typing import Any, Callable

from ilr_lint import codes
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.reader import IlrReader, Unreadable, display_path
from ilr_lint.years import label_of, year_of

from .identify import APPRENTICESHIP, provision_of

# LDM codes that exclusions look at (stored as ints; the ILR writes some with leading zeros)
EXCLUSION_LDM_CODES = frozenset({34, 320, 321, 332, 337, 341, 351, 360, 383, 384})


@dataclass(frozen=True, slots=True)
class AimRecord:
    year: int  # first calendar year of the file's funding year (2024 for 2024-25)
    file: str
    ukprn: int | None
    learner: str  # LearnRefNumber in this file
    uln: int
    aim: int  # AimSeqNumber
    line: int
    provision: str
    learn_aim_ref: str
    aim_type: int
    prog_type: int | None
    fwork_code: int | None
    std_code: int | None
    fund_model: int
    start: date
    orig_start: date | None
    planned_end: date
    actual_end: date | None
    achievement_date: date | None
    comp_status: int
    withdraw_reason: int | None
    outcome: int | None
    restart: bool  # LearningDeliveryFAM RES 1
    adl: bool  # LearningDeliveryFAM ADL (advanced learner loan)
    ldm: frozenset[int]
    age_31_august: int | None  # age on 31 August of the start year; None if no date of birth

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


def age_on_31_august(birth: date | None, start: date) -> int | None:
    if birth is None:
        return None
    start_year = start.year if start.month >= 8 else start.year - 1
    on = date(start_year, 8, 31)
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


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
    return AimRecord(
        year=year, file=path, ukprn=ukprn, learner=learner.learn_ref_number, uln=learner.uln,
        aim=aim.aim_seq_number, line=aim.line, provision=provision, learn_aim_ref=sys.intern(aim.learn_aim_ref),
        aim_type=aim.aim_type, prog_type=aim.prog_type, fwork_code=aim.fwork_code, std_code=aim.std_code,
        fund_model=aim.fund_model, start=aim.learn_start_date, orig_start=aim.orig_learn_start_date,
        planned_end=aim.learn_plan_end_date, actual_end=aim.learn_act_end_date, achievement_date=aim.ach_date,
        comp_status=aim.comp_status, withdraw_reason=aim.withdraw_reason, outcome=aim.outcome,
        restart=aim.has_fam("RES", 1), adl=aim.has_fam("ADL"), ldm=_ldm(aim),
        age_31_august=age_on_31_august(learner.date_of_birth, aim.learn_start_date),
    )


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

    @cached_property
    def learners_by_uln(self) -> dict[int, list[str]]:
        """ULN -> LearnRefNumbers (read once the file is complete)."""
        found: dict[int, list[str]] = {}
        for ref, uln in self.ulns.items():
            found.setdefault(uln, []).append(ref)
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
                        sys.intern(aim.learn_aim_ref)) for aim in learner.deliveries)
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
        pool = self._pool
        self.starts[entry.uln] = (*self.starts.get(entry.uln, ()), *(pool.setdefault(e, e) for e in entry.starts))
        self.records.extend(entry.records)

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
            summary = _start(reader, path)
        if isinstance(record.item, Learner):
            summary.add(record.item)
        elif isinstance(record.item, Unreadable) and record.is_learner:
            summary.unreadable += 1
            summary.first_unreadable = summary.first_unreadable or f"line {record.item.line}: {record.item.reason}"
        if on_learner is not None and record.is_learner:
            learners += 1
            on_learner(learners, reader.bytes_read, reader.size)
    return summary if summary is not None else _start(reader, path)


def _start(reader: IlrReader, path: str) -> YearFile:
    header = reader.header
    assert header is not None  # the reader yields nothing before the Header
    return YearFile(display_path(path), reader.year.first, header.ukprn, header.file_preparation_date)
