"""Conditions for official rule rows: small predicates on an :class:`~.records.Item`.

Predicates combine with ``&``, ``|`` and ``~``. Shared conditions are module-level names, so
rules that share a condition share one definition (and its docstring says what it means).
Aim-level predicates (``fund_model``, ``started``, ``has_fam`` ...) look at ``item.aim``;
``known`` and ``value`` look at the record itself.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Callable

from ..model import Learner
from ..years import YEARS, CollectionYear
from .records import SIGNATURE, Item, Signature, attribute, fund_models


class When:
    """A condition on an item; ``When(lambda item: ...)`` for a one-off.

    ``a & b & c`` is one flat test that stops at the first false part (likewise ``|`` at the
    first true one), so a long condition costs one call per part tried. A ``static`` condition
    reads only what an aim's ``signature`` holds (:class:`~.records.Signature`) and the file's
    year: a batch of rows decides it once per signature, not per record, and tries the row's
    other parts only where it holds. ``static`` is None for a condition that is not, else the
    fields of the record itself it reads (``value("Outcome", 1)``: ``{"outcome"}``;
    ``known("AchDate")``: ``{"ach_date?"}``; :data:`STATIC` for the aim's), which must be in its
    kind's signature (:data:`~.records.RECORD_FIELDS`). ``key`` is a cheap necessary
    condition, when one is known (``("fm", codes)``: the aim's FundModel is one of ``codes``;
    ``("fam", type)``: the aim has a FAM of ``type``), decided likewise.
    """

    __slots__ = ("test", "_all", "_any", "key", "static")

    def __init__(self, test: Callable[[Item], bool], *, all_of: tuple["When", ...] = (),
                 any_of: tuple["When", ...] = (), key: tuple[str, Any] | None = None,
                 static: frozenset[str] | None = None):
        self.test = test
        self._all, self._any = all_of or (self,), any_of or (self,)
        self.key = key
        self.static = static

    def __call__(self, item: Item) -> bool:
        return self.test(item)

    @property
    def parts(self) -> tuple["When", ...]:
        """The conditions that must all hold (this one, unless it is an ``&`` of several)."""
        return self._all

    def __and__(self, other: "When") -> "When":
        parts = self._all + other._all
        tests = tuple(p.test for p in parts)

        def all_of(item: Item) -> bool:
            for test in tests:
                if not test(item):
                    return False
            return True
        return When(all_of, all_of=parts, key=next((p.key for p in parts if p.key is not None), None),
                    static=_static(parts))

    def __or__(self, other: "When") -> "When":
        parts = self._any + other._any
        tests = tuple(p.test for p in parts)

        def any_of(item: Item) -> bool:
            for test in tests:
                if test(item):
                    return True
            return False
        keys = [p.key for p in parts]
        key = (("fm", frozenset().union(*(k[1] for k in keys)))  # type: ignore[index]
               if all(k is not None and k[0] == "fm" for k in keys) else None)
        return When(any_of, any_of=parts, key=key, static=_static(parts))

    def __invert__(self) -> "When":
        test = self.test
        return When(lambda item: not test(item), static=self.static)


STATIC: frozenset[str] = frozenset({"@aim"})
"""``static`` of a condition on the aim's signature alone (and the file's year): aim-level kinds only."""
ANY_RECORD: frozenset[str] = frozenset()
"""``static`` of a condition on the file alone (its year, its header): a batch's decisions are the file's."""
FUND_MODELS, LEARNER_FAMS = frozenset({"aims"}), frozenset({"fams"})
"""``static`` of a condition on the learner's aims' FundModels (which ``aims`` holds), or its LearnerFAMs: on the
learner record only, whose signature holds them (:data:`~.records.LEARNER_FACTS`)."""


def learner_is(test: Callable[[Learner], bool], reads: tuple[str, ...] | None = None) -> When:
    """The learner passes ``test``; ``reads``: the :data:`~.records.LEARNER_FACTS` that decide it, if it reads
    nothing else (it is then decided once per learner signature, on the learner record)."""
    return When(lambda item: test(item.learner), static=None if reads is None else frozenset(reads))


def _static(parts: tuple[When, ...]) -> frozenset[str] | None:
    """Static if every part is, on the record fields they read together."""
    if any(p.static is None for p in parts):
        return None
    return frozenset().union(*(p.static for p in parts))  # type: ignore[misc]


def admits(key: tuple[str, Any]) -> Callable[[Item], bool]:
    """The test of a condition's ``key``: the aim's FundModel is one of the codes, or it has a FAM of the type."""
    kind, wanted = key
    if kind == "fm":
        return lambda item: item.aim.fund_model in wanted
    pair = (wanted, None)
    return lambda item: pair in item.fam_keys


ALWAYS = When(lambda item: True, static=ANY_RECORD)


def known(field: str) -> When:
    """The record returns ``field``."""
    attr = attribute(field)
    return When(lambda item: getattr(item.record, attr, None) is not None, static=frozenset({f"{attr}?"}))


def value(field: str, *values: object) -> When:
    """The record's ``field`` is one of ``values``."""
    attr, wanted = attribute(field), frozenset(values)
    return When(lambda item: getattr(item.record, attr, None) in wanted, static=frozenset({attr}))


def aim_value(field: str, *values: object) -> When:
    """The record's LearningDelivery has ``field`` in ``values`` (for FAM, HE, finance records)."""
    attr, wanted = attribute(field), frozenset(values)
    static = STATIC if attr in Signature.FIELDS else None
    return When(lambda item: getattr(item.aim, attr, None) in wanted, static=static)


def fund_model(*codes: int) -> When:
    found = aim_value("FundModel", *codes)
    found.key = ("fm", frozenset(codes))
    return found


def prog_type(*codes: int) -> When:
    return aim_value("ProgType", *codes)


def aim_type(*codes: int) -> When:
    return aim_value("AimType", *codes)


def has_fam(fam_type: str, *codes: str | int) -> When:
    """The aim has a LearningDeliveryFAM of ``fam_type`` (with one of ``codes``, if given)."""
    if not codes:
        pair = (fam_type, None)
        return When(lambda item: pair in item.fam_keys, key=("fam", fam_type), static=STATIC)
    wanted = frozenset((fam_type, str(c)) for c in codes)
    return When(lambda item: not wanted.isdisjoint(item.fam_keys), key=("fam", fam_type), static=STATIC)


def funded_by(*codes: int, only: bool = False) -> When:
    """Some aim of the learner has one of these FundModels (``only``: the learner has aims, all with one of them)."""
    wanted = frozenset(codes)
    if only:
        return When(lambda item: bool(found := fund_models(item)) and found <= wanted, static=FUND_MODELS)
    return When(lambda item: not wanted.isdisjoint(fund_models(item)), static=FUND_MODELS)


def funded_outside(*codes: int) -> When:
    """Some aim of the learner has a FundModel other than these."""
    wanted = frozenset(codes)
    return When(lambda item: not fund_models(item) <= wanted, static=FUND_MODELS)


def learner_has_fam(fam_type: str, *codes: str | int) -> When:
    """The learner has a LearnerFAM of ``fam_type`` (with one of ``codes``, if given)."""
    wanted = frozenset(str(c) for c in codes)
    return When(lambda item: bool(fams := item.learner.fams)
                and any(f.type == fam_type and (not wanted or f.code in wanted) for f in fams), static=LEARNER_FAMS)


def started(on_or_after: date | None = None, before: date | None = None) -> When:
    """The aim's LearnStartDate is on or after ``on_or_after`` and before ``before``."""
    low, high = on_or_after or date.min, before or date.max
    static = SIGNATURE.start_date(*(day for day in (on_or_after, before) if day is not None))
    return When(lambda item: low <= item.aim.learn_start_date < high, static=STATIC if static else None)


def year_is(*codes: str) -> When:
    """The file is of one of these collection years (header Year codes, ``"2627"``)."""
    wanted = frozenset(codes)
    return When(lambda item: item.ctx.year.code in wanted, static=ANY_RECORD)


def each_year(condition: Callable[[CollectionYear], When]) -> When:
    """``condition(year)`` for the file's year, made for each year checks run on: a condition on the year's
    dates written with fixed dates (``started``), so static where they are."""
    found = None
    for year in YEARS:
        part = year_is(year.code) & condition(year)
        found = part if found is None else found | part
    assert found is not None
    return found


def age_on(day: Callable[[Item], date | None], *, under: int | None = None, at_least: int | None = None) -> When:
    """The learner's age in whole years on ``day(item)`` is under ``under`` / at least ``at_least``.

    False when the date of birth or the day is unknown (rules on age never fire without one).
    """
    def test(item: Item) -> bool:
        born, when = item.learner.date_of_birth, day(item)
        if born is None or when is None:
            return False
        years = age(born, when)
        return (under is None or years < under) and (at_least is None or years >= at_least)
    return When(test)


def age_at_start(*, under: int | None = None, at_least: int | None = None) -> When:
    """The learner's age on the aim's LearnStartDate."""
    return age_on(lambda item: item.aim.learn_start_date, under=under, at_least=at_least)


DD07 = prog_type(25)
"""DD07 (the rules' "apprenticeship"): the aim is part of an apprenticeship standard (ProgType 25)."""
RESTART = has_fam("RES", 1)
"""The aim is a restart (LearningDeliveryFAM RES 1)."""
PROGRAMME_AIM = aim_type(1)
COMPONENT_AIM = aim_type(3)


def fam_count(fam_type: str, *, over: int) -> When:
    """The aim has more than ``over`` LearningDeliveryFAMs of ``fam_type``."""
    return When(lambda item: len(item.aim.fams) > over and sum(1 for f in item.aim.fams if f.type == fam_type) > over,
                static=STATIC)


COMBINED_AUTHORITY_SOF = {"2526": frozenset(str(c) for c in range(110, 121)),
                          "2627": frozenset(str(c) for c in range(110, 131))}
DD35 = When(lambda item: any(f.type == "SOF" and f.code in COMBINED_AUTHORITY_SOF.get(item.ctx.year.code, ())
                             for f in item.aim.fams), static=STATIC)
"""DD35: the aim's source of funding is a combined (devolved) authority (SOF 110-120; 110-130 from 2026-27)."""


# --- LARS (only in rules whose catalogue row needs LARS: they run only with --lars) -------------
def _lars_aim(item: Item):  # type: ignore[no-untyped-def]
    return item.ctx.lars.aim(item.aim.learn_aim_ref)


def lars_level(*levels: str) -> When:
    """The aim's LARS NotionalNVQLevelv2 is one of ``levels`` (``"E"``, ``"1"`` ... ``"H"``)."""
    wanted = frozenset(level.upper() for level in levels)
    return When(lambda item: (found := _lars_aim(item)) is not None and found.level in wanted)


def lars_category(ref: int, *, on_start: bool = False) -> When:
    """The aim is in LARS category ``ref`` (with ``on_start``: on the aim's LearnStartDate)."""
    return When(lambda item: (found := _lars_aim(item)) is not None
                and found.in_category(ref, item.aim.learn_start_date if on_start else None))


def lars_aim_type(*types: str) -> When:
    """The aim's LARS LearnAimRefType is one of ``types`` (``"0002"``: A level ...)."""
    wanted = frozenset(types)
    return When(lambda item: (found := _lars_aim(item)) is not None and found.ref_type in wanted)


def lars_basic_skills(*types: int) -> When:
    """The aim's LARS BasicSkillsType on its LearnStartDate is one of ``types``."""
    wanted = frozenset(types)
    return When(lambda item: (found := _lars_aim(item)) is not None
                and found.basic_skills_type(item.aim.learn_start_date) in wanted)


def lars_standard(test: Callable[[Any], bool]) -> When:
    """The aim's apprenticeship standard (StdCode) in LARS passes ``test`` (a LARS ``Standard``)."""
    return When(lambda item: item.aim.std_code is not None
                and (found := item.ctx.lars.standard(item.aim.std_code)) is not None and test(found))


DD29 = prog_type(24) & (lars_category(2) | lars_category(4))
"""DD29: a traineeship aim (ProgType 24) that is not the flexible element: LARS category 2 or 4."""
LARS_KNOWN = When(lambda item: _lars_aim(item) is not None)
"""LARS knows the aim (an unknown one is LearnAimRef_01's finding)."""
LARS_ENGLISH_MATHS = When(lambda item: (found := _lars_aim(item)) is not None
                          and found.is_english_maths(item.aim.learn_start_date))
"""An English or maths aim in LARS on its start date (the rules' BasicSkillsType list, DD31/DD40)."""


def employment_at_start(test: Callable[[Any, Item], bool]) -> When:
    """The learner's employment status on the aim's start (the latest dated on or before it) passes ``test``."""
    def at_start(item: Item) -> bool:
        status = item.learner.employment_status_on(item.aim.learn_start_date)
        return status is not None and test(status, item)
    return When(at_start)


def bsi(status: Any, *codes: int) -> bool:
    """The employment status has benefit status indicator (ESM BSI) monitoring of one of ``codes``."""
    return any(status.has_esm("BSI", code) for code in codes)


MANDATED = has_fam("LDM", 318)
"""LDM 318: the learner is mandated to training (Universal Credit)."""
DD12 = fund_model(35) & employment_at_start(lambda e, item: bsi(e, 1, 2) or (bsi(e, 4) and MANDATED(item)))
"""DD12: an adult skills learner on JSA, ESA (WRAG) or Universal Credit mandated to training on the aim's start
(BSI 1 or 2, or BSI 4 with LDM 318)."""
DD21 = fund_model(35) & employment_at_start(
    lambda e, item: e.emp_stat in (11, 12) and (bsi(e, 3) or (bsi(e, 4) and not MANDATED(item))))
"""DD21: an adult skills learner not in paid employment (EmpStat 11, 12) on other state benefits on the aim's start
(BSI 3, or BSI 4 without LDM 318)."""
DD38 = fund_model(35) & employment_at_start(
    lambda e, item: (e.emp_stat in (10, 11, 12, 98) and bsi(e, 1)) or (e.emp_stat in (11, 12) and bsi(e, 4, 5, 6))
    or (e.emp_stat == 10 and any(e.has_esm("EII", c) for c in (2, 5, 6)) and bsi(e, 4, 5, 6)))
"""DD38: an adult skills learner unemployed with benefits on the aim's start (EmpStat 10, 11, 12 or 98 with BSI 1;
EmpStat 11 or 12 with BSI 4, 5 or 6; EmpStat 10 with EII 2, 5 or 6 and BSI 4, 5 or 6)."""


def prior_level_at_start(*levels: int) -> When:
    """The learner's prior attainment level on the aim's start (the latest DateLevelApp on or before it)."""
    wanted = frozenset(levels)

    def test(item: Item) -> bool:
        start = item.aim.learn_start_date
        known = [p for p in item.learner.prior_attain if p.date_level_app is None or p.date_level_app <= start]
        latest = max(known, key=lambda p: p.date_level_app or date.min, default=None)
        return latest is not None and latest.prior_level in wanted
    return When(test)


# --- LearningDelivery rules (checks/official_delivery*.py) -----------------------------------

def aim_ref(*refs: str) -> When:
    """The aim's LearnAimRef is one of ``refs`` (compared in capitals)."""
    wanted = frozenset(r.upper() for r in refs)
    static = STATIC if SIGNATURE.aim_ref(wanted) else None
    return When(lambda item: item.aim.learn_aim_ref.upper() in wanted, static=static)


def has_hrs(*codes: int) -> When:
    """The aim has an HRSRecord (2026-27) with one of these HRSCodes."""
    wanted = frozenset(codes)
    return When(lambda item: any(h.code in wanted for h in item.aim.hrs_records), static=STATIC)


BOOTCAMP = fund_model(37) & prog_type(32)
"""A skills bootcamp aim (FundModel 37, ProgType 32), which many outcome rules exempt."""
FUNDED_STANDARD = fund_model(36) & DD07
"""An apprenticeship-funded standard aim (FundModel 36, ProgType 25)."""


def on_31_august(day: date) -> date:
    """31 August of the teaching year that contains ``day`` (the rules' age date for a start)."""
    return date(day.year if day.month >= 8 else day.year - 1, 8, 31)


def age(born: date, on: date) -> int:
    """Age in whole years on ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_on_31_august(*, under: int | None = None, at_least: int | None = None, current: bool = False) -> When:
    """The learner's age on 31 August of the teaching year the aim started in (``current``: of the
    file's teaching year) is under ``under`` / at least ``at_least``; false without a DateOfBirth."""
    if not current:
        return age_on(lambda item: on_31_august(item.aim.learn_start_date), under=under, at_least=at_least)

    def test(item: Item) -> bool:  # under N on 31 August of year Y: born after 31 August of Y - N
        born, first = item.learner.date_of_birth, item.ctx.year.first
        return born is not None and (under is None or born > _born_on_31_august(first - under)) and (
            at_least is None or born <= _born_on_31_august(first - at_least))
    return When(test)


@cache
def _born_on_31_august(year: int) -> date:
    return date(year, 8, 31)


COMMUNITY_LEARNING = fund_model(10) | (fund_model(99) & has_fam("SOF", 108))
"""Community learning: FundModel 10, or non-funded (99) with source of funding 108."""
OLASS = has_fam("LDM", "034")
"""OLASS, offenders in custody (LDM 034)."""


def some_aim(when: When) -> When:
    """Some aim of the learner passes the aim-level ``when`` (for a rule on the learner record itself)."""
    return When(lambda item: any(when(Item(aim, aim, item.learner, item.ctx)) for aim in item.learner.deliveries))


def first_of(conditions: dict[str, When]) -> dict[str, When]:
    """Each rule's condition, less those of the rules before it: rules on one fault (the temporary
    ULN, a missing DateOfBirth) in order of precedence, so that the fault draws one finding."""
    found, earlier = {}, When(lambda item: False, static=ANY_RECORD)
    for rule, when in conditions.items():
        found[rule] = when & ~earlier
        earlier = earlier | when
    return found
