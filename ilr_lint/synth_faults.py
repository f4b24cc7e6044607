"""Faults the synthetic generator plants (``python -m ilr_lint.synth --faults RATE``): each kind of mistake, the
learners it can be planted in, and the one finding it causes."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable, Iterable, Iterator

from .synth_learners import Aim, Learner


@dataclass(frozen=True)
class Fault:
    """One kind of mistake, the learners it can be planted in, and the one finding it causes."""

    name: str
    code: str
    applies: Callable[[Learner], bool]
    plant: Callable[[Learner], int | None]  # changes the learner; returns the AimSeqNumber found, or None

    def __call__(self, learner: Learner) -> dict[str, object]:
        aim = self.plant(learner)
        return {"learner": learner.ref, "aim": aim, "code": self.code, "fault": self.name}


def _withdrawn(learner: Learner) -> Aim | None:
    return next((a for a in learner.aims if a.fields["CompStatus"] == 3), None)


def _set(learner: Learner, **values: object) -> None:
    learner.fields.update(values)


def _drop_reason(learner: Learner) -> int:
    aim = _withdrawn(learner)
    assert aim is not None
    aim.fields["WithdrawReason"] = None
    return aim.fields["AimSeqNumber"]  # type: ignore[return-value]


def _act_ends_on_last_day(learner: Learner) -> int:
    programme = learner.aims[0]
    programme.fams = [(t, c, f, programme.fields["LearnActEndDate"] if t == "ACT" else to)  # type: ignore[misc]
                      for t, c, f, to in programme.fams]
    return 1


def _adult_sof_on_tlevel(learner: Learner) -> int:
    specialism = learner.aims[2]  # not the core aim, where SOF 105 would also break AimType_07
    specialism.fams = [(t, 105 if t == "SOF" else c, f, to) for t, c, f, to in specialism.fams]
    return 3


def _original_start_on_16_19(learner: Learner) -> int:
    core = learner.aims[0]
    core.fields["OrigLearnStartDate"] = core.start - timedelta(days=365)
    return 1


def _continuing_with_outcome(learner: Learner) -> int:
    learner.aims[0].fields["Outcome"] = 8
    return 1


def _no_epao(learner: Learner) -> int:
    learner.aims[0].fields["EPAOrgID"] = None
    return 1


FAULTS: tuple[Fault, ...] = (
    Fault("lldd-health-prob-two-digits", "ILR001", lambda x: True,
          lambda x: _set(x, LLDDHealthProb=12)),
    Fault("withdrawn-without-reason", "ILR101", lambda x: _withdrawn(x) is not None, _drop_reason),
    Fault("tlevel-learner-planned-hours", "ILR420", lambda x: x.kind == "tlevel",
          lambda x: _set(x, PlanLearnHours=600, PlanEEPHours=40)),
    Fault("tlevel-adult-source-of-funding", "ILR421", lambda x: x.kind == "tlevel", _adult_sof_on_tlevel),
    Fault("act-not-ended-on-ach-date", "ILR239", lambda x: x.kind == "apprenticeship:achieved",
          _act_ends_on_last_day),
    Fault("original-start-on-16-19", "ILR153", lambda x: x.kind == "study_programme", _original_start_on_16_19),
    Fault("continuing-with-outcome", "ILR108", lambda x: x.kind == "adult_skills", _continuing_with_outcome),
    Fault("assessment-price-without-epao", "ILR263",
          lambda x: x.kind in ("apprenticeship:continuing", "apprenticeship:new-employer"), _no_epao),
)


def with_faults(stream: Iterable[Learner], rate: float, seed: int,
                planted: Callable[[dict[str, object]], None]) -> Iterator[Learner]:
    """``stream`` with one fault planted in about ``rate`` of the learners, each reported to ``planted``.

    The choice uses a random generator of its own, so the learners without a fault are exactly
    those of the clean file with the same seed.
    """
    rng = random.Random(f"{seed}-faults")
    for learner in stream:
        if rng.random() < rate:
            fault = rng.choice([f for f in FAULTS if f.applies(learner)])
            planted(fault(learner))
        yield learner
