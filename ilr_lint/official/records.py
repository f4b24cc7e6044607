"""The kinds of record an official rule row iterates, and the :class:`Item` it judges.

A row names one kind; for each learner the kind yields ``(record, parent)`` pairs: the record
the rule is about and the record it sits in (the LearningDelivery of an aim-level record, the
employment status of a monitoring record, else the learner). The items of a learner are built
once per kind and shared by every row of that kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from operator import attrgetter
from typing import Any, Callable, Iterable, Sequence

from ..api import Context
from ..codes import TEMPORARY_ULN
from ..model import Learner, LearningDelivery


class Item:
    """One record under judgement, with what a predicate may need around it.

    ``aim`` is the LearningDelivery the record belongs to (aim-level kinds; the learner
    otherwise), and ``fam_keys`` that aim's FAMs as ``(type, code)`` and ``(type, None)``
    pairs, built once per aim so that rules testing FAMs do not each scan them. ``signature``
    is an aim's (:class:`Signature`), given when its item is made: what a batch of rows sorts aims
    and their records by (see :func:`signed`). A condition on the signature alone is decided once
    per signature (see :class:`ilr_lint.official.rows.RowBatch`).
    ``memo`` holds what several rows work out once per item (the LARS validity verdicts).
    """

    __slots__ = ("record", "parent", "learner", "ctx", "aim", "_owner", "_fam_keys", "signature", "memo")

    def __init__(self, record: Any, parent: Any, learner: Learner, ctx: Context, owner: "Item | None" = None,
                 signature: Any = None):
        self.record = record
        self.parent = parent
        self.learner = learner
        self.ctx = ctx
        self.aim = record if isinstance(record, LearningDelivery) else parent
        self._owner = owner  # the aim's own item, which keeps what is worked out per aim (None: this one; not
        # itself, which would be a reference cycle for the garbage collector to break)
        self._fam_keys: frozenset[tuple[str, str | None]] | None = None
        self.signature = signature
        self.memo: dict[str, Any] | None = None

    @property
    def fam_keys(self) -> frozenset[tuple[str, str | None]]:
        owner = self._owner or self
        if owner._fam_keys is None:
            fams = self.aim.fams
            owner._fam_keys = frozenset([(f.type, f.code) for f in fams] + [(f.type, None) for f in fams])
        return owner._fam_keys

    def get(self, field: str) -> Any:
        """The record's value of the ILR field ``field`` (``None`` when absent)."""
        return getattr(self.record, attribute(field), None)

    def line(self, field: str | None) -> int:
        lines = getattr(self.record, "field_lines", None)
        return lines.get(attribute(field), self.record.line) if (lines and field) else self.record.line


class Signature:
    """What of an aim a batch of rows sorts aims by, so that conditions on it alone are decided once
    per signature (and the file's year) rather than per record (see ``When.static``).

    An aim's signature holds its :attr:`FIELDS`, which of the :attr:`PRESENT` fields it returns, its
    FAMs' types and codes (in order, so repeats too), its HRS codes, which of the
    start dates that conditions name it starts between, and its LearnAimRef if a condition names it. Conditions
    register their dates and references as they are made (:meth:`start_date`, :meth:`aim_ref`);
    the first signature worked out fixes them, and a condition made after that is not static.
    """

    FIELDS = ("fund_model", "prog_type", "aim_type", "comp_status", "outcome", "lsd_postcode_well_formed")
    PRESENT = ("learn_act_end_date", "ach_date", "orig_learn_start_date", "out_grade", "withdraw_reason",
               "std_code", "con_ref_number", "partner_ukprn", "epa_org_id", "sw_sup_aim_id", "p_hours",
               "otj_act_hours", "add_hours", "del_loc_post_code", "other_fund_adj")
    """Optional aim fields whose presence (not value) the signature holds: ``"ach_date?"`` in a ``static``."""

    def __init__(self) -> None:
        self._dates: set[date] = set()
        self._refs: set[str] = set()
        self._bounds: tuple[date, ...] | None = None  # sorted, once fixed
        self._numbers: dict[tuple[Any, ...], int] = {}  # each signature seen, numbered

    def start_date(self, *days: date) -> bool:
        """Register dates a condition compares LearnStartDate with; False once too late to be static."""
        if self._bounds is not None:
            return False
        self._dates.update(days)
        return True

    def aim_ref(self, refs: Iterable[str]) -> bool:
        """Register (capitalised) LearnAimRefs a condition names; False once too late to be static."""
        if self._bounds is not None:
            return False
        self._refs.update(refs)
        return True

    def of(self, aim: LearningDelivery) -> int:
        """The aim's signature, as a number (the same for equal signatures: cheap to look up)."""
        bounds = self._bounds
        if bounds is None:
            bounds = self._bounds = tuple(sorted(self._dates))
        ref, hrs = aim.learn_aim_ref, aim.hrs_records
        found = (_fields(aim), tuple(map(_TYPE_CODE, aim.fams)),
                 bisect_right(bounds, aim.learn_start_date), ref if ref.upper() in self._refs else None,
                 tuple(map(_CODE, hrs)) if hrs else ())
        return self._numbers.setdefault(found, len(self._numbers))


def _signer(fields: Iterable[str], aim_level: bool = False) -> Callable[..., tuple[Any, ...]]:
    """A record's own part of its signature: a function of the record giving its ``fields``' values, and for each
    ``"field?"`` whether it is returned. ``aim_level``: a function of the record and its aim's signature, which it
    puts first.

    Made as the source of one lambda (``lambda r: (r.type, r.code, r.date_to is not None)``), as ``dataclasses``
    makes its methods: it is called for every record of the file, and one expression is the quickest."""
    parts = "".join(f"r.{f[:-1]} is not None, " if f[-1] == "?" else f"r.{f}, " for f in fields)
    if not all(f.rstrip("?").isidentifier() for f in fields):
        raise ValueError(f"not attribute names: {fields}")
    return eval(f"lambda r, s: (s, {parts})" if aim_level else f"lambda r: ({parts})")  # noqa: S307 - our names


SIGNATURE = Signature()
_TYPE_CODE, _CODE = attrgetter("type", "code"), attrgetter("code")  # a FAM's, ESM's, HRS record's (type, code)
_fields = _signer(Signature.FIELDS + tuple(f"{f}?" for f in Signature.PRESENT))
LEARNER_FACTS = ("uln_temporary", "fams", "date_of_birth?", "has_family_name", "has_given_names",
                 "has_add_line1", "postcode_valid", "postcode_prior_valid", "ni_number_valid", "accom", "als_cost?",
                 "lldd_health_prob", "lldds", "prior", "eng_grade", "math_grade", "hours", "aims")
"""What of the Learner record its signature holds, in :func:`learner_facts`' order: a learner rule's condition
that reads only these declares them as its ``static`` (``learner_is(..., reads=("fams",))``)."""


def learner_facts(learner: Learner) -> tuple[Any, ...]:
    """The Learner record's signature: :data:`LEARNER_FACTS`, each few-valued, so that learners share it.

    ``uln_temporary``: ULN 9999999999; ``fams``: LearnerFAM (type, code) pairs;
    ``lldds``: per LLDDandHealthProblem whether PrimaryLLDD is 1; ``prior``: PriorAttain records (0, 1 or
    more) and whether one has a PriorLevel; ``hours``: PlanLearnHours and PlanEEPHours as the rules compare
    them (returned, 0, 10 or under; their total 0, over 1000, over 4000); ``aims``: each aim's FundModel,
    ProgType, AimType and whether it is open (no LearnActEndDate).
    """
    plan, eep, lldd, prior, fams = learner.plan_learn_hours, learner.plan_eep_hours, \
        learner.lldd_and_health_problems, learner.prior_attain, learner.fams
    total = (plan or 0) + (eep or 0)
    return (learner.uln == TEMPORARY_ULN, tuple(map(_TYPE_CODE, fams)) if fams else (),
            learner.date_of_birth is not None, learner.has_family_name, learner.has_given_names,
            learner.has_add_line1, learner.postcode_valid, learner.postcode_prior_valid, learner.ni_number_valid,
            learner.accom, learner.als_cost is not None, learner.lldd_health_prob,
            tuple([p.primary_lldd == 1 for p in lldd]) if lldd else (),
            (min(len(prior), 2), any(p.prior_level is not None for p in prior)) if prior else (0, False),
            learner.eng_grade, learner.math_grade,
            (plan is None, eep is None, plan == 0, (plan or 0) <= 10, total == 0, total > 1000, total > 4000),
            frozenset([(a.fund_model, a.prog_type, a.aim_type, a.learn_act_end_date is None)
                       for a in learner.deliveries]))


RECORD_FIELDS = {"aim": Signature.FIELDS + tuple(f"{f}?" for f in Signature.FIELDS + Signature.PRESENT),
                 "aim_fam": ("type", "code", "date_from?", "date_to?"), "app_fin": ("type", "code"),
                 "hrs": ("type", "code"), "esr": ("emp_stat", "emp_id?", "monitoring"), "esm": ("type", "code"),
                 "learner_fam": ("type", "code"), "prior_attain": ("prior_level",), "learner": LEARNER_FACTS}
"""Per kind, the record's fields in its signature (an aim-level record's also holds its aim's): ``"field"`` its
value, ``"field?"`` whether it is returned (the Learner record's: :data:`LEARNER_FACTS`; an employment status's
``monitoring``: its ESM (type, code) pairs)."""

AIM_PRESENT = frozenset(f"{f}?" for f in Signature.FIELDS + Signature.PRESENT)
"""Whether the aim returns these fields is in every aim-level record's signature."""

CHILDREN: dict[str, Callable[[LearningDelivery], Iterable[Any]]] = {
    "aim_fam": attrgetter("fams"), "work_placement": attrgetter("work_placements"),
    "app_fin": attrgetter("app_fin_records"), "hrs": attrgetter("hrs_records"),
    "aim_monitoring": attrgetter("monitoring"), "ld_he": lambda aim: () if aim.he is None else (aim.he,),
}
"""The kinds of record within an aim, and an aim's records of each."""


LEARNER_RECORDS: dict[str, Callable[[Learner], Sequence[Any]]] = {
    "learner_fam": attrgetter("fams"), "learner_monitoring": attrgetter("monitoring"),
    "prior_attain": attrgetter("prior_attain"), "lldd": attrgetter("lldd_and_health_problems"),
    "esr": attrgetter("employment_statuses"), "learner_he": lambda learner: () if learner.he is None else (learner.he,),
}
"""The kinds of record within the Learner record, and a learner's records of each (a batch of rows of a kind the
learner has none of does nothing)."""


def _learner_children(of: Callable[[Learner], Sequence[Any]]) -> Callable[[Learner], Iterable[tuple[Any, Any]]]:
    return lambda learner: ((child, learner) for child in of(learner))


LEARNER_KINDS: dict[str, Callable[[Learner], Iterable[tuple[Any, Any]]]] = {
    "learner": lambda learner: ((learner, learner),),
    **{kind: _learner_children(of) for kind, of in LEARNER_RECORDS.items()},
    "esm": lambda learner: ((m, e) for e in learner.employment_statuses for m in e.monitoring),
}
"""The learner-level kinds, and a learner's records of each with the record each sits in (an aim's records are
read from its item: :func:`items`, :func:`signed`)."""
KINDS = ("aim", *CHILDREN, *LEARNER_KINDS)
"""Every kind of record a row may name."""

SIGNERS: dict[str, Callable[..., tuple[Any, ...]]] = {
    kind: _signer(fields, kind in CHILDREN) for kind, fields in RECORD_FIELDS.items()
    if kind not in ("aim", "learner", "esr")}  # an aim's fields are in its aim signature
SIGNERS["learner"] = learner_facts
SIGNERS["esr"] = lambda status: (status.emp_stat, status.emp_id is not None,
                                 tuple(map(_TYPE_CODE, status.monitoring)))

KIND_SCOPES = {"work_placement": ("work_placement",), "app_fin": ("fin",), "hrs": ("hrs",), "ld_he": ("he",)}
"""The scope (:data:`ilr_lint.api.SCOPES`) of a row of these kinds that names none: a learner out of it has no
such record."""
AIM_KINDS = frozenset({"aim", *CHILDREN})
"""The kinds whose records belong to an aim (``Item.aim`` is a LearningDelivery)."""
SIGNED = AIM_KINDS | frozenset(RECORD_FIELDS)
"""The kinds whose records have a signature (:func:`signed`)."""


def fund_models(item: Item) -> frozenset[int]:
    """The FundModels of the item's learner's aims, worked out once per learner."""
    memo = item.ctx.memo(item.learner)
    found = memo.get("official.fund_models")
    if found is None:
        found = memo["official.fund_models"] = frozenset([aim.fund_model for aim in item.learner.deliveries])
    return found


def items(kind: str, learner: Learner, ctx: Context) -> list[Item]:
    """The learner's records of ``kind`` as items, built once per learner and kind."""
    memo, key = ctx.memo(learner), _ITEMS[kind]
    found = memo.get(key)
    if found is None:
        if kind == "aim":  # with their signatures, which a batch of rows reads for every aim
            of = SIGNATURE.of
            found = [Item(aim, aim, learner, ctx, None, of(aim)) for aim in learner.deliveries]
        elif kind in CHILDREN:  # records within an aim share its item's per-aim facts
            found = [Item(record, aim.record, learner, ctx, aim)
                     for aim in items("aim", learner, ctx) for record in CHILDREN[kind](aim.record)]
        else:
            found = [Item(record, parent, learner, ctx) for record, parent in LEARNER_KINDS[kind](learner)]
        memo[key] = found
    return found


_ITEMS = {kind: f"official.items.{kind}" for kind in KINDS}  # each kind's key in a learner's memo


Signed = tuple[Any, Any, Any, "Item | None"]


def signed(kind: str, learner: Learner, ctx: Context) -> list[Signed]:
    """The learner's records of ``kind`` as ``(signature, record, parent, aim)``: ``aim`` the item of the aim it is
    or belongs to (None for a learner-level record), ``signature`` None for a kind without one (not in
    :data:`SIGNED`). A batch makes an :class:`Item` only for a record that a row has still to be tried on."""
    sign = SIGNERS[kind] if kind in SIGNERS else None
    if kind not in AIM_KINDS:
        if sign is None:
            return [(None, record, parent, None) for record, parent in LEARNER_KINDS[kind](learner)]
        if kind in LEARNER_RECORDS:
            return [(sign(record), record, learner, None) for record in LEARNER_RECORDS[kind](learner)]
        return [(sign(record), record, parent, None) for record, parent in LEARNER_KINDS[kind](learner)]
    aims = items("aim", learner, ctx)
    if kind == "aim":
        return [(aim.signature, aim.record, aim.record, aim) for aim in aims]
    of, found = CHILDREN[kind], []
    for aim in aims:
        children = of(aim.record)
        if children:
            mark = aim.signature
            found += ([(mark, record, aim.record, aim) for record in children] if sign is None
                      else [(sign(record, mark), record, aim.record, aim) for record in children])
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
