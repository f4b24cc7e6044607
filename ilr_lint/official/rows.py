"""Official rules as checks: :class:`OfficialCheck`, and the row shapes most rules share.

Each row is one official rule, and a :class:`ilr_lint.api.Check` like any other: its code is
the rule's name, its severity and years come from the funder's list (:mod:`.catalogue`), and
its docstring (What/Why/Fix) is built from the row's ``what`` and ``fix``. ``what`` states the
rule's condition and exclusions in our own words; its first sentence is the check's summary
and closes each finding's message.
"""

from __future__ import annotations

import re
from operator import attrgetter
from typing import Any, Callable, Iterable

from ..api import Check, Context, Problem
from ..model import PERSONAL_FIELDS, Learner
from .catalogue import GUIDANCE, LIST_YEARS, RUN_NEEDS, catalogue, latest, live_years
from .predicates import ALWAYS, STATIC, When, admits
from .records import (AIM_KINDS, AIM_PRESENT, KIND_SCOPES, KINDS, LEARNER_RECORDS, RECORD_FIELDS, SIGNED, Item,
                      attribute, items, signed)

WHY = {
    "error": "The funder's validator reports {rule} as an error: the record is rejected and is not funded "
             "until it is corrected.",
    "warning": "The funder's validator reports {rule} as a warning: the return is accepted, but the record "
               "is queried and often points at a wrong code that affects funding or the QAR.",
}


class OfficialCheck(Check):
    """Base of every official rule's check (rows and functions alike are ``Check`` objects)."""

    guidance = GUIDANCE

    def __init__(self, rule: str, *, topic: str, what: str, fix: str, why: str | None = None,
                 scope: tuple[str, ...] = (), also: tuple[str, ...] = (), supersedes: tuple[str, ...] = ()):
        meta = latest(rule)
        years = live_years(rule)
        if meta is None or not years or any(not live_years(other) for other in also):
            raise ValueError(f"{rule}: {', '.join((rule, *also))} must each be live in an official rules list")
        self.code, self.name, self.topic, self.scope = rule, rule.lower().replace("_", "-"), topic, scope
        self.rules = (rule, *also)  # ``also``: rules whose every fault is a fault of this one, reported here once
        self.supersedes = supersedes  # codes whose finding on the same aim this one replaces (see Check)
        self.years = years
        self.needs = tuple(n for n in meta.needs if n in RUN_NEEDS)  # without it: not assessed this run
        self.severity = meta.severity or "error"  # type: ignore[assignment]
        # Severity per year where a list differs from the latest one (AchDate_02: error, then warning).
        self._severity = {y[2:4] + y[5:]: r.severity for y in LIST_YEARS
                          if (r := catalogue(y).get(rule)) and r.live and r.severity != self.severity}
        self.summary_text = _first_sentence(what)
        why = why or WHY[self.severity].format(rule=rule)
        self.__doc__ = f"{self.summary_text}\n\n**What.** {what}\n\n**Why.** {why}\n\n**Fix.** {fix}"
        self.fix = fix

    def problem(self, ctx: Context, fact: str, where: Any, line: int | None = None,
                fix: str | None = None, **extra: Any) -> Problem:
        """A finding of this rule: ``fact`` (what is wrong here) then the rule's summary."""
        return Problem(f"{fact}: {_lower_first(self.summary_text)}", fix or self.fix, where, line=line,
                       severity=self._severity.get(ctx.year.code), **extra)


class Function(OfficialCheck):
    """A rule that is not one record's shape: ``judge(rule, learner, ctx)`` yields its Problems.

    Written with :func:`official` around a generator that builds each Problem with
    ``rule.problem(ctx, fact, where)``, so severity, years and needs come from the catalogue
    as for a row.
    """

    def __init__(self, rule: str, judge: Callable[["Function", Learner, Context], Iterable[Problem]], **kw: Any):
        super().__init__(rule, **kw)
        self._judge = judge

    def run(self, learner: Learner, ctx: Context) -> Iterable[Problem]:
        return self._judge(self, learner, ctx)


def official(rule: str, *, topic: str, what: str, fix: str, why: str | None = None, scope: tuple[str, ...] = (),
             also: tuple[str, ...] = ()) -> Callable[[Callable[..., Iterable[Problem]]], Function]:
    """Decorator: the generator ``judge(rule, learner, ctx)`` as the official rule ``rule``'s check."""
    return lambda judge: Function(rule, judge, topic=topic, what=what, fix=fix, why=why, scope=scope, also=also)


class Row(OfficialCheck):
    """A rule judged on each record of one ``kind``: broken where :meth:`broken` and ``when`` hold.

    ``reads_field_only``: :meth:`broken` reads nothing but the record's ``field`` (and the year).
    """

    reads_field_only = False

    def __init__(self, rule: str, kind: str, *, topic: str, what: str, fix: str, when: When = ALWAYS,
                 field: str | None = None, why: str | None = None, scope: tuple[str, ...] = (),
                 also: tuple[str, ...] = (), supersedes: tuple[str, ...] = ()):
        if kind not in KINDS:
            raise ValueError(f"{rule}: unknown record kind {kind!r}; kinds are {', '.join(KINDS)}")
        super().__init__(rule, topic=topic, what=what, fix=fix, why=why, scope=scope or KIND_SCOPES.get(kind, ()),
                         also=also, supersedes=supersedes)
        self.kind, self.when, self.field = kind, when, field

    def broken(self, item: Item) -> bool:
        return True

    def broken_reads(self) -> frozenset[str] | None:
        """The record fields :meth:`broken` reads, if it reads nothing else (None: unknown). Where its kind's
        signature holds them, a batch decides it once per signature."""
        return frozenset({attribute(self.field)}) if self.reads_field_only and self.field else None

    def needs_present(self) -> frozenset[tuple[str, str]]:
        """The fields that :meth:`broken` is false without, as ``(owner, attribute)``: owner ``"record"`` or
        ``"aim"`` (see :class:`DateOrder`)."""
        return frozenset()

    def fact(self, item: Item) -> str:
        return f"{self.field} {shown(item, self.field)}" if self.field else "this record"

    def run(self, learner: Learner, ctx: Context) -> Iterable[Problem]:
        aim_level = self.kind in AIM_KINDS
        for item in items(self.kind, learner, ctx):
            if self.broken(item) and self.when(item):
                where = item.aim if aim_level else item.record
                yield self.problem(ctx, self.fact(item), where, line=item.line(self.field))


class RowBatch:
    """The rows of one record kind, run together: one pass over the learner's items for all of them.

    The engine runs a batch in place of its rows (their findings are the same, without a
    generator and a pass over the records per rule); ``current`` names the row that raised,
    for the message if one fails. On kinds whose records have a signature (:func:`~.records.signed`)
    what a row's condition says of the signature (:class:`RowTest`) is decided once per signature and
    year, so a record is tried only on the rows left, and only on the rest of their conditions; a record
    with none left is not even made an :class:`~.records.Item`.
    """

    def __init__(self, kind: str, rows: list["Row"]):
        self.kind, self.rows = kind, rows
        self.current: Row | None = None
        self._aim_level = kind in AIM_KINDS
        self._signed = kind in SIGNED  # records sorted by signature
        self._judges: list[RowTest] | None = None
        self._by_signature: dict[Any, dict[Any, list[tuple[Row, Any, Any]]]] = {}
        self._year: Any = None  # the file's year, and what is decided for it:
        self._decided: dict[Any, list[tuple[Row, Any, Any]]] = {}
        self._records = LEARNER_RECORDS.get(kind)  # the learner's records of the kind, where quick to see

    def problems(self, learner: Learner, ctx: Context) -> list[tuple["Row", Problem]]:
        """The rows' findings on the learner (a list, not a generator: most learners have none)."""
        if self._records is not None and not self._records(learner):
            return []
        if self._judges is None:
            self._judges = [RowTest(row, self._signed) for row in self.rows]
        if ctx.year is not self._year:  # the signatures decided for the file's year
            self._year, self._decided = ctx.year, self._by_signature.setdefault(ctx.year.first, {})
        decided, aim_level = self._decided, self._aim_level
        found: list[tuple[Row, Problem]] = []
        row = None
        try:
            for signature, record, parent, aim in signed(self.kind, learner, ctx):
                judges = decided.get(signature)
                if judges is not None and not judges:
                    continue  # the usual case: no row left to try on a record of this signature
                item = aim if aim is not None and aim.record is record else Item(record, parent, learner, ctx, aim)
                if judges is None:
                    judges = decided[signature] = [(j.row, j.broken, j.when) for j in self._judges if j.holds(item)]
                for row, broken, when in judges:
                    if (broken is None or broken(item)) and (when is None or when(item)):
                        where = item.aim if aim_level else item.record
                        found.append((row, row.problem(ctx, row.fact(item), where, line=item.line(row.field))))
        except Exception:
            self.current = row  # the row that failed, for the engine's message
            raise
        return found


class RowTest:
    """How a batch tries one row on each item: ``broken``, then ``when`` (None: always holds).

    Where the kind's records have a signature (``has_signature``: aim-level kinds and those in
    :data:`~.records.RECORD_FIELDS`), the row's ``key``, its ``static`` conditions on what the
    signature holds and a ``broken`` that reads only that are ``decided`` once per signature
    (:meth:`holds`), and ``when`` is the rest of its condition.
    """

    __slots__ = ("row", "broken", "when", "decided")

    def __init__(self, row: "Row", has_signature: bool):
        self.row = row
        broken = None if type(row).broken is Row.broken else row.broken
        aim_level = row.kind in AIM_KINDS
        parts = row.when.parts if has_signature else (row.when,)
        fields = frozenset(RECORD_FIELDS.get(row.kind, ())) | (STATIC if aim_level else frozenset())
        static = [p for p in parts if has_signature and p.static is not None and p.static <= fields]
        decided = [admits(row.when.key)] if aim_level and row.when.key is not None else []
        decided += [p.test for p in static]
        reads = row.broken_reads()
        if has_signature and broken is not None and reads is not None and reads <= fields:
            decided.append(broken)
            broken = None
        needs = row.needs_present() if has_signature else frozenset()
        on_aim = tuple(attr for owner, attr in needs if aim_level and (
            owner == "aim" or (owner == "record" and row.kind == "aim")) and f"{attr}?" in AIM_PRESENT)
        on_record = tuple(attr for owner, attr in needs
                          if owner == "record" and row.kind != "aim" and f"{attr}?" in fields)
        if on_aim or on_record:
            decided.append(lambda item: all(getattr(item.aim, f) is not None for f in on_aim)
                           and all(getattr(item.record, f) is not None for f in on_record))
        rest = [p for p in parts if p not in static and p is not ALWAYS]
        self.broken, self.decided = broken, tuple(decided)
        self.when = None if not rest else rest[0].test if len(rest) == 1 else _all_of(rest)

    def holds(self, item: Item) -> bool:
        """Whether the row may be broken on records of this item's signature."""
        return all(test(item) for test in self.decided)


def _all_of(parts: list[When]) -> Callable[[Item], bool]:
    combined = parts[0]
    for part in parts[1:]:
        combined = combined & part
    return combined.test


def batched(checks: Iterable[Check], made: dict[tuple[Row, ...], RowBatch] | None = None) -> list["Check | RowBatch"]:
    """``checks`` with their rows gathered into one :class:`RowBatch` per kind (in first-row order).

    ``made``: the batches made before, by their rows; a batch of the same rows is taken from it (so that
    learners in different scopes share what a batch has decided per signature).
    """
    out: list[Any] = []
    kinds: dict[str, list[Row]] = {}
    for chk in checks:
        if isinstance(chk, Row):
            rows = kinds.get(chk.kind)
            if rows is None:
                rows = kinds[chk.kind] = []
                out.append(rows)
            rows.append(chk)
        else:
            out.append(chk)
    made = {} if made is None else made
    for at, found in enumerate(out):
        if isinstance(found, list):
            key = tuple(found)
            batch = made.get(key)
            if batch is None:
                batch = made[key] = RowBatch(found[0].kind, found)
            out[at] = batch
    return out


class Broken(Row):
    """Any condition on one record: the rule is broken where ``when`` holds.

    ``fact`` (a string, or a function of the item) says what is wrong with this record.
    """

    def __init__(self, rule: str, kind: str, *, fact: str | Callable[[Item], str] | None = None, **kw: Any):
        super().__init__(rule, kind, **kw)
        self._fact = fact

    def fact(self, item: Item) -> str:
        if self._fact is None:
            return super().fact(item)
        return self._fact if isinstance(self._fact, str) else self._fact(item)


class Required(Row):
    """``field`` must be returned where ``when`` holds."""

    reads_field_only = True

    def __init__(self, rule: str, kind: str, field: str, **kw: Any):
        super().__init__(rule, kind, field=field, **kw)
        self._attr = attribute(field)

    def broken(self, item: Item) -> bool:
        return _blank(getattr(item.record, self._attr, None))

    def fact(self, item: Item) -> str:
        return f"{self.field} is not returned"


class Forbidden(Row):
    """``field`` must not be returned where ``when`` holds."""

    reads_field_only = True

    def __init__(self, rule: str, kind: str, field: str, **kw: Any):
        super().__init__(rule, kind, field=field, **kw)
        self._attr = attribute(field)

    def broken(self, item: Item) -> bool:
        return not _blank(getattr(item.record, self._attr, None))

    def needs_present(self) -> frozenset[tuple[str, str]]:
        return frozenset({("record", self._attr)})

    def fact(self, item: Item) -> str:
        return f"{self.field} {shown(item, self.field)} is returned"


class OneOf(Row):
    """A returned ``field`` must be one of ``allowed`` where ``when`` holds."""

    reads_field_only = True

    def __init__(self, rule: str, kind: str, field: str, allowed: Iterable[object], **kw: Any):
        super().__init__(rule, kind, field=field, **kw)
        self._attr, self.allowed = attribute(field), frozenset(allowed)

    def broken(self, item: Item) -> bool:
        found = getattr(item.record, self._attr, None)
        return found is not None and found not in self.allowed


class NotOneOf(Row):
    """``field`` must not be one of ``forbidden`` where ``when`` holds."""

    reads_field_only = True

    def __init__(self, rule: str, kind: str, field: str, forbidden: Iterable[object], **kw: Any):
        super().__init__(rule, kind, field=field, **kw)
        self._attr, self.forbidden = attribute(field), frozenset(forbidden)

    def broken(self, item: Item) -> bool:
        return getattr(item.record, self._attr, None) in self.forbidden


class DateOrder(Row):
    """Where both are known, ``later`` must not be before ``earlier`` (with ``strict``: must be after).

    A field is the record's own, or its aim's (``aim.LearnStartDate``) or learner's
    (``learner.DateOfBirth``).
    """

    def __init__(self, rule: str, kind: str, earlier: str, later: str, *, strict: bool = False, **kw: Any):
        super().__init__(rule, kind, field=later.rpartition(".")[2], **kw)
        self.earlier, self.later, self.strict = earlier, later, strict
        self._first, self._second = _where(earlier), _where(later)
        self._get_first, self._get_second = attrgetter(".".join(self._first)), attrgetter(".".join(self._second))

    def broken(self, item: Item) -> bool:
        try:
            first, second = self._get_first(item), self._get_second(item)
        except AttributeError:  # a record without the field: not known
            return False
        return first is not None and second is not None and (second < first or (self.strict and second == first))

    def needs_present(self) -> frozenset[tuple[str, str]]:
        return frozenset({self._first, self._second})

    def fact(self, item: Item) -> str:
        relation = "is not after" if self.strict else "is before"
        return (f"{_name(self.later)} {shown(item, self.later)} {relation} "
                f"{_name(self.earlier)} {shown(item, self.earlier)}")


def shown(item: Item, spec: str) -> str:
    """A field's value as a message shows it: never a personal field's value."""
    if _name(spec) in PERSONAL_FIELDS:
        return "(value not shown)"
    found = _resolve(item, spec)
    return "(not returned)" if found is None else str(found)


def _where(spec: str) -> tuple[str, str]:
    """``(Item attribute holding the record, model attribute)`` of a field spec (``aim.LearnStartDate``)."""
    owner, _, field = spec.rpartition(".")
    return owner or "record", attribute(field)


def _resolve(item: Item, spec: str) -> Any:
    owner, attr = _where(spec)
    return getattr(getattr(item, owner), attr, None)


def _name(spec: str) -> str:
    return spec.rpartition(".")[2]


def _blank(found: Any) -> bool:
    return found is None or (isinstance(found, str) and not found.strip())


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.;])\s", text.strip(), maxsplit=1)[0].rstrip(".;")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


Judge = Callable[[Learner, Context], Iterable[tuple[Any, str]]]


class Judged(OfficialCheck):
    """A rule that is no one-record shape (sequences, duplicates, cross-record, whole learner).

    ``judge(learner, ctx)`` yields ``(where, fact)`` for each fault: the record the finding
    points at and what is wrong there. Written with :func:`judged` as a decorator.
    """

    def __init__(self, rule: str, judge: Judge, **kw: Any):
        super().__init__(rule, **kw)
        self._judge = judge

    def run(self, learner: Learner, ctx: Context) -> Iterable[Problem]:
        found = []  # a list, not a generator around the judge's: most learners have no finding
        for where, fact in self._judge(learner, ctx):
            found.append(self.problem(ctx, fact, where))
        return found


def judged(rule: str, **kw: Any) -> Callable[[Judge], Judged]:
    """``@judged("R_97", topic="cross", what=..., fix=...)`` over a judge function."""
    return lambda judge: Judged(rule, judge, **kw)


FileJudge = Callable[[Context], Iterable[tuple[int | None, str]]]


class FileRule(OfficialCheck):
    """A rule on the file as a whole (its name, header, learner count), judged once per file.

    ``judge(ctx)`` yields ``(line, fact)`` for each fault, after the last learner is read
    (``ctx.facts`` then holds what the reader learnt of the file: see :class:`ilr_lint.api.Context`).
    """

    file_state = True  # nothing kept across learners: a file split over processes judges the same facts

    def __init__(self, rule: str, judge: FileJudge, **kw: Any):
        kw.setdefault("why", f"The funder's service refuses a file that breaks {rule}: none of its learners is "
                             "taken until a corrected file is uploaded.")
        super().__init__(rule, **kw)
        self._judge = judge

    def finish(self, ctx: Context) -> Iterable[Problem]:
        for line, fact in self._judge(ctx):
            yield self.problem(ctx, fact, None, line=line)


def file_rule(rule: str, **kw: Any) -> Callable[[FileJudge], FileRule]:
    """``@file_rule("Header_2", topic="file", what=..., fix=...)`` over a judge of the file."""
    return lambda judge: FileRule(rule, judge, **kw)
