"""The kinds of record an official rule row iterates, and the :class:`Item` it judges.

A row names one kind; for each learner the kind yields ``(record, parent)`` pairs: the record
the rule is about and the record it sits in (the LearningDelivery of an aim-level record, the
employment status of a monitoring record, else the learner). The items of a learner are built
once per kind and shared by every row of that kind.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from ..api import Context
from ..model import Learner, LearningDelivery


class Item:
    """One record under judgement, with what a predicate may need around it.

    ``aim`` is the LearningDelivery the record belongs to (aim-level kinds; the learner
    otherwise), and ``fam_keys`` that aim's FAMs as ``(type, code)`` and ``(type, None)``
    pairs, built once so that rules testing FAMs do not each scan them. ``memo`` holds what
    several rows work out once per item (the LARS validity verdicts); None until then.
    """

    __slots__ = ("record", "parent", "learner", "ctx", "aim", "_fam_keys", "memo")

    def __init__(self, record: Any, parent: Any, learner: Learner, ctx: Context):
        self.record = record
        self.parent = parent
        self.learner = learner
        self.ctx = ctx
        self.aim = record if isinstance(record, LearningDelivery) else parent
        self._fam_keys: frozenset[tuple[str, str | None]] | None = None
        self.memo: dict[str, Any] | None = None

    @property
    def fam_keys(self) -> frozenset[tuple[str, str | None]]:
        if self._fam_keys is None:
            fams = self.aim.fams
            self._fam_keys = frozenset([(f.type, f.code) for f in fams] + [(f.type, None) for f in fams])
        return self._fam_keys

    def get(self, field: str) -> Any:
        """The record's value of the ILR field ``field`` (``None`` when absent)."""
        return getattr(self.record, attribute(field), None)

    def line(self, field: str | None) -> int:
        lines = getattr(self.record, "field_lines", None)
        return lines.get(attribute(field), self.record.line) if (lines and field) else self.record.line


def _aim_children(attr: str) -> Callable[[Learner], Iterable[tuple[Any, Any]]]:
    return lambda learner: ((child, aim) for aim in learner.deliveries for child in getattr(aim, attr))


KINDS: dict[str, Callable[[Learner], Iterable[tuple[Any, Any]]]] = {
    "learner": lambda learner: ((learner, learner),),
    "aim": lambda learner: ((aim, aim) for aim in learner.deliveries),
    "aim_fam": _aim_children("fams"),
    "work_placement": _aim_children("work_placements"),
    "app_fin": _aim_children("app_fin_records"),
    "hrs": _aim_children("hrs_records"),
    "aim_monitoring": _aim_children("monitoring"),
    "ld_he": lambda learner: ((aim.he, aim) for aim in learner.deliveries if aim.he is not None),
    "learner_fam": lambda learner: ((fam, learner) for fam in learner.fams),
    "learner_monitoring": lambda learner: ((m, learner) for m in learner.monitoring),
    "prior_attain": lambda learner: ((p, learner) for p in learner.prior_attain),
    "lldd": lambda learner: ((p, learner) for p in learner.lldd_and_health_problems),
    "esr": lambda learner: ((e, learner) for e in learner.employment_statuses),
    "esm": lambda learner: ((m, e) for e in learner.employment_statuses for m in e.monitoring),
    "learner_he": lambda learner: (((learner.he, learner),) if learner.he is not None else ()),
}

_cache: dict[str, Any] = {"learner": None, "ctx": None, "items": {}}


def items(kind: str, learner: Learner, ctx: Context) -> list[Item]:
    """The learner's records of ``kind`` as items, built once per learner and kind."""
    if _cache["learner"] is not learner or _cache["ctx"] is not ctx:
        _cache.update(learner=learner, ctx=ctx, items={})
    found = _cache["items"].get(kind)
    if found is None:
        found = _cache["items"][kind] = [Item(record, parent, learner, ctx) for record, parent in KINDS[kind](learner)]
    return found


# ILR field name -> model attribute, where the plain snake-case spelling is not the attribute.
_ATTRIBUTES = {
    "LearnDelFAMType": "type", "LearnDelFAMCode": "code", "LearnDelFAMDateFrom": "date_from",
    "LearnDelFAMDateTo": "date_to", "LearnFAMType": "type", "LearnFAMCode": "code",
    "AFinType": "type", "AFinCode": "code", "AFinDate": "date", "AFinAmount": "amount",
    "ESMType": "type", "ESMCode": "code", "HRSType": "type", "HRSCode": "code", "HRSAmount": "amount",
    "WorkPlaceStartDate": "start_date", "WorkPlaceEndDate": "end_date", "WorkPlaceHours": "hours",
    "WorkPlaceMode": "mode", "WorkPlaceEmpId": "emp_id", "ProvSpecDelMonOccur": "occur",
    "ProvSpecDelMon": "value", "ProvSpecLearnMonOccur": "occur", "ProvSpecLearnMon": "value",
    "FINTYPE": "fin_type", "FINAMOUNT": "fin_amount", "PMUKPRN": "pmukprn", "PrevUKPRN": "prev_ukprn",
    "LLDDCat": "lldd_cat", "PrimaryLLDD": "primary_lldd", "LLDDHealthProb": "lldd_health_prob",
    "PriorLevel": "prior_level", "DateLevelApp": "date_level_app",
}


def attribute(field: str) -> str:
    """The model attribute holding ILR field ``field`` (``LearnActEndDate`` -> ``learn_act_end_date``)."""
    found = _ATTRIBUTES.get(field)
    if found is None:
        found = field.lower() if field.isupper() else re.sub(
            r"([a-z0-9])([A-Z])", r"\1_\2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", field)).lower()
        _ATTRIBUTES[field] = found
    return found
