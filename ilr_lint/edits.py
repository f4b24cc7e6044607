"""Declarative corrections a check can attach to a :class:`ilr_lint.api.Problem`.

Each edit names the learner's aim by AimSeqNumber (``aim=None`` for the learner itself)
and ILR element names, never model objects, so that ``--fix`` can apply it to the XML
while keeping every other byte and the schema's element order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Union


@dataclass(frozen=True, slots=True)
class SetField:
    """Set (or add, in schema order) a simple field such as ``Outcome``."""

    aim: int | None
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class RemoveField:
    """Remove a simple field such as ``WithdrawReason``."""

    aim: int | None
    field: str


@dataclass(frozen=True, slots=True)
class AddFAM:
    """Add a LearningDeliveryFAM after the aim's existing FAMs."""

    aim: int
    fam_type: str
    code: str
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class RemoveFAM:
    """Remove the aim's LearningDeliveryFAM(s) of ``fam_type`` (only ``code``, when given)."""

    aim: int
    fam_type: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class SetFAMDateTo:
    """Set LearnDelFAMDateTo on the FAM of ``fam_type`` whose DateFrom is ``date_from``."""

    aim: int
    fam_type: str
    date_from: date | None
    date_to: date


@dataclass(frozen=True, slots=True)
class RemoveFAMDateTo:
    """Remove LearnDelFAMDateTo from the FAM of ``fam_type`` whose DateFrom is ``date_from``.

    For a dated FAM that must stay open, such as the latest ACT of a continuing aim
    (``SetFAMDateTo`` can only set a date, never take one away).
    """

    aim: int
    fam_type: str
    date_from: date | None


@dataclass(frozen=True, slots=True)
class AddAppFinRecord:
    aim: int
    fin_type: str
    code: int
    date: date
    amount: int


Edit = Union[SetField, RemoveField, AddFAM, RemoveFAM, SetFAMDateTo, RemoveFAMDateTo, AddAppFinRecord]
