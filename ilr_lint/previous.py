"""A compact index of earlier submissions (``--previous``), built while streaming each file.

Only the keys and fields that the cross-submission checks (topic ``change``) compare are
kept: per learner its reference numbers, ULN and line, per aim the matching keys
(:mod:`ilr_lint.matching`), the dates, completion status, funding model and restart flag.
Repeated values share one object: aim references are interned, dates, codes and whole
identical aim records are pooled per file, so an aim costs at most one slotted record of
references. Aims keep no line of their own: findings point at the learner's line. The index of a
50,000-learner file is measured by ``bench/previous_memory.py``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator

from . import codes
from .model import Learner, LearningDelivery
from .qar.records import YearFile
from .reader import IlrInputError, IlrReader, display_path
from .years import CollectionYear

Pool = dict[Any, Any]  # one shared object per distinct date or code value in a file


@dataclass(frozen=True, slots=True)
class PrevAim:
    """The fields of one previous LearningDelivery that the change checks compare."""

    learn_aim_ref: str
    aim_type: int
    aim_seq_number: int
    fund_model: int
    prog_type: int | None
    std_code: int | None
    fwork_code: int | None
    learn_start_date: date
    learn_plan_end_date: date
    learn_act_end_date: date | None
    comp_status: int
    is_restart: bool

    @classmethod
    def of(cls, aim: LearningDelivery, pool: Pool) -> "PrevAim":
        """The aim's record, shared with every identical aim of the file (a cohort's aims often are)."""
        def shared(value: Any) -> Any:
            return None if value is None else pool.setdefault(value, value)
        return shared(cls(sys.intern(aim.learn_aim_ref), aim.aim_type, aim.aim_seq_number, aim.fund_model,
                          aim.prog_type, shared(aim.std_code), shared(aim.fwork_code), shared(aim.learn_start_date),
                          shared(aim.learn_plan_end_date), shared(aim.learn_act_end_date), aim.comp_status,
                          aim.is_restart))

    @property
    def is_programme_aim(self) -> bool:
        return self.aim_type == codes.AIM_PROGRAMME

    @property
    def is_closed(self) -> bool:
        return self.comp_status != codes.CONTINUING


@dataclass(frozen=True, slots=True)
class PrevLearner:
    learn_ref_number: str
    uln: int
    prev_learn_ref_number: str | None
    line: int
    deliveries: tuple[PrevAim, ...]

    @classmethod
    def of(cls, learner: Learner, pool: Pool) -> "PrevLearner":
        return cls(learner.learn_ref_number, learner.uln, learner.prev_learn_ref_number, learner.line,
                   tuple(PrevAim.of(a, pool) for a in learner.deliveries))


@dataclass
class PreviousFile:
    path: str
    year: CollectionYear
    ukprn: int | None
    file_preparation_date: date | None
    learners: dict[str, PrevLearner] = field(default_factory=dict)  # by LearnRefNumber
    by_uln: dict[int, str | tuple[str, ...]] = field(default_factory=dict)  # ULN -> LearnRefNumber(s)
    qar: YearFile | None = None  # the file's QAR summary (topic qar), made in the same pass

    @property
    def shown(self) -> str:
        """The path as findings show it."""
        return display_path(self.path)

    def learner(self, learn_ref_number: str | None) -> PrevLearner | None:
        return None if learn_ref_number is None else self.learners.get(learn_ref_number)

    def with_uln(self, uln: int) -> tuple[PrevLearner, ...]:
        refs = self.by_uln.get(uln, ())
        return tuple(self.learners[r] for r in ((refs,) if isinstance(refs, str) else refs))

    def add(self, learner: PrevLearner) -> None:
        self.learners[learner.learn_ref_number] = learner
        known = self.by_uln.get(learner.uln)
        if known is None:
            self.by_uln[learner.uln] = learner.learn_ref_number
        elif learner.learn_ref_number not in ((known,) if isinstance(known, str) else known):
            self.by_uln[learner.uln] = (known, learner.learn_ref_number) if isinstance(known, str) \
                else (*known, learner.learn_ref_number)

    @classmethod
    def read(cls, path: str, *, qar: bool = True) -> "PreviousFile":
        """Index the file; with ``qar`` also make its QAR summary (for the qar checks) in the same pass."""
        reader = IlrReader(path)
        records = iter(reader)
        first = next(records, None)  # the reader has read the Header once it yields anything
        header = reader.header
        assert header is not None
        index = cls(path, reader.year, header.ukprn, header.file_preparation_date)
        if qar:
            index.qar = YearFile(display_path(path), reader.year.first, header.ukprn, header.file_preparation_date)
        pool: Pool = {}
        for record in _chain(first, records):
            if isinstance(record.item, Learner):
                index.add(PrevLearner.of(record.item, pool))
                if index.qar is not None:
                    index.qar.add(record.item)
        return index


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    if first is not None:
        yield first
    yield from rest


@dataclass
class PreviousIndex:
    """Every ``--previous`` file, newest collection year (then preparation date) first."""

    files: list[PreviousFile]

    @classmethod
    def build(cls, paths: list[str], *, qar: bool = True) -> "PreviousIndex":
        files = [PreviousFile.read(p, qar=qar) for p in paths]
        files.sort(key=lambda f: (f.year.first, f.file_preparation_date or date.min), reverse=True)
        return cls(files)

    def check_ukprn(self, path: str, ukprn: int | None) -> None:
        """Refuse an earlier file of another provider: every comparison with it would be wrong."""
        for f in self.files:
            if f.ukprn is not None and ukprn is not None and f.ukprn != ukprn:
                raise IlrInputError(f"{f.shown}: the --previous file is UKPRN {f.ukprn}, but {path} is UKPRN {ukprn}")
