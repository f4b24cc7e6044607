"""A compact index of earlier submissions (``--previous``), built while streaming each file.

Only the keys and fields that cross-submission checks compare are kept: per learner its
reference numbers and ULN, per aim the matching keys, dates and status. A 100,000-learner
file indexes to a small fraction of its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Learner, LearningDelivery
from .reader import IlrReader
from .years import CollectionYear


@dataclass(frozen=True, slots=True)
class PrevAim:
    learn_aim_ref: str
    aim_type: int
    aim_seq_number: int
    fund_model: int
    prog_type: int | None
    std_code: int | None
    fwork_code: int | None
    pway_code: int | None
    learn_start_date: date
    orig_learn_start_date: date | None
    learn_plan_end_date: date
    learn_act_end_date: date | None
    comp_status: int
    withdraw_reason: int | None
    outcome: int | None
    ach_date: date | None

    @classmethod
    def of(cls, aim: LearningDelivery) -> "PrevAim":
        return cls(*(getattr(aim, name) for name in cls.__slots__))  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class PrevLearner:
    learn_ref_number: str
    uln: int
    prev_learn_ref_number: str | None
    aims: tuple[PrevAim, ...]

    @classmethod
    def of(cls, learner: Learner) -> "PrevLearner":
        return cls(learner.learn_ref_number, learner.uln, learner.prev_learn_ref_number,
                   tuple(PrevAim.of(a) for a in learner.deliveries))


@dataclass
class PreviousFile:
    path: str
    year: CollectionYear
    ukprn: int | None
    file_preparation_date: date | None
    learners: dict[str, PrevLearner] = field(default_factory=dict)  # by LearnRefNumber
    by_uln: dict[int, list[str]] = field(default_factory=dict)  # ULN -> LearnRefNumbers

    @classmethod
    def read(cls, path: str) -> "PreviousFile":
        reader = IlrReader(path)
        index: PreviousFile | None = None
        for record in reader:
            if index is None:
                header = reader.header
                assert header is not None
                index = cls(path, reader.year, header.ukprn, header.file_preparation_date)
            if isinstance(record.item, Learner):
                learner = PrevLearner.of(record.item)
                index.learners[learner.learn_ref_number] = learner
                index.by_uln.setdefault(learner.uln, []).append(learner.learn_ref_number)
        if index is None:
            header = reader.header
            assert header is not None
            index = cls(path, reader.year, header.ukprn, header.file_preparation_date)
        return index


@dataclass
class PreviousIndex:
    """Every ``--previous`` file, newest collection year (then preparation date) first."""

    files: list[PreviousFile]

    @classmethod
    def build(cls, paths: list[str]) -> "PreviousIndex":
        files = [PreviousFile.read(p) for p in paths]
        files.sort(key=lambda f: (f.year.first, f.file_preparation_date or date.min), reverse=True)
        return cls(files)
