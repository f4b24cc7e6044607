"""The check plug-in API.

A check is one rule. It declares a stable ``code`` (``ILR101``), a kebab-case ``name``, one
``topic`` from :data:`TOPICS`, a default ``severity``, the official validation rules it
corresponds to, and the guidance it cites; its docstring says what it enforces, why and how
to fix it (``ilr-lint explain CODE`` prints it). For each learner it yields :class:`Problem`
objects; the engine turns them into :class:`Finding` records.

Most checks are plain generator functions wrapped by :func:`check`::

    @check(code="ILR101", name="withdrawn-needs-reason", topic="withdrawal",
           severity="error", rules=("WithdrawReason_03",), guidance="...")
    def withdrawn_needs_reason(learner, ctx):
        '''What / why / fix text.'''
        for aim in learner.deliveries:
            if ...:
                yield Problem("message", "how to fix", aim)

Checks register through the ``ilr_lint.checks`` entry-point group, whose entry points name
a module (every :class:`Check` in it is loaded) or a single :class:`Check` object.

A check may declare the learners it concerns with ``scope=`` (a ``Check`` subclass: the
``scope`` class attribute), a tuple of names from :data:`SCOPES` and :data:`LEARNER_SCOPES`.
A scope of :data:`SCOPES` is a test on one LearningDelivery, and a learner is in it when any
of its aims passes it; one of :data:`LEARNER_SCOPES` is a test on the learner (two or more
records of a kind). A scoped check runs only on learners in at least one of its scopes (an
unscoped check runs on every learner). The engine works out each learner's scopes once and runs the precomputed
list of checks for that combination, so 134 checks do not each look at every learner::

    @check(code="ILR232", ..., topic="act", scope=("fm36", "act"))
    def act_needs_date_from(learner, ctx): ...

Declare a scope only when the check cannot fire without it: a learner outside every
scope the check names must never get a finding from it.

The engine checks learners in blocks, check by check: one check runs on each learner of a
block in file order, then the next check (:mod:`ilr_lint.engine`). ``run`` looks only at its
learner, so this changes no finding; what several checks work out once per learner is kept
with :meth:`Context.memo`, never as "the last learner seen".
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.metadata import entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal

from . import codes
from .model import Header, Learner, LearningDelivery
from .years import CollectionYear

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .edits import Edit

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

TOPICS = (
    "schema", "file", "learner", "delivery", "fam", "withdrawal", "restart", "act", "finance",
    "programme", "tlevel", "employment", "he", "cross", "change", "qar",
)
ENTRY_POINT_GROUP = "ilr_lint.checks"
MEMOS = 512  # learners' memos a Context keeps at most (Context.memo): more than the engine's block of 128
TLEVEL_PROG_TYPES = frozenset({codes.PROG_TLEVEL_FOUNDATION, codes.PROG_TLEVEL})

# Scope name -> the test on one aim; a learner is in the scope when any aim passes it. A test reads only the aim's
# FundModel, ProgType, AimType, FAMs' types and codes, and which of its child records it has (see _aim_key).
SCOPES: dict[str, Callable[[LearningDelivery], bool]] = {
    "fm36": lambda aim: aim.fund_model == codes.FM_APPRENTICESHIPS,  # apprenticeship funding model 36
    "apprenticeship": lambda aim: aim.is_apprenticeship,  # a framework or standard ProgType
    "act": lambda aim: any(f.type == "ACT" for f in aim.fams),  # an apprenticeship contract type FAM
    "fin": lambda aim: bool(aim.app_fin_records),  # an AppFinRecord (TNP or PMR)
    "tlevel": lambda aim: aim.prog_type in TLEVEL_PROG_TYPES,  # T Level or T Level foundation year ProgType
    "adult-skills": lambda aim: aim.fund_model in (codes.FM_ADULT_SKILLS_OLD, codes.FM_ADULT_SKILLS),  # FundModel 35, 38
    "bootcamp": lambda aim: aim.fund_model == codes.FM_BOOTCAMPS or aim.prog_type == codes.PROG_BOOTCAMP,
    "units": lambda aim: aim.fund_model == codes.FM_SHORT_COURSES or aim.prog_type == codes.PROG_APPRENTICESHIP_UNITS,
    "tailored": lambda aim: aim.fund_model == codes.FM_TAILORED,  # tailored learning funding model 11
    "hrs": lambda aim: bool(aim.hrs_records),  # a 2026-27 HRSRecord
    "work_placement": lambda aim: bool(aim.work_placements),  # a LearningDeliveryWorkPlacement
    "16-19": lambda aim: aim.fund_model == codes.FM_16_19,  # 16-19 funding model 25
    "other-adult": lambda aim: aim.fund_model == codes.FM_OTHER_ADULT,  # other adult funding model 81
    "non-funded": lambda aim: aim.fund_model == codes.FM_NON_FUNDED,  # funding model 99
    "core": lambda aim: aim.aim_type == codes.AIM_CORE,  # a study programme's core aim (AimType 5)
    "support": lambda aim: any(f.type in ("LSF", "ALB") for f in aim.fams),  # learning support, loans bursary FAMs
    "free-courses": lambda aim: aim.has_fam("LDM", 378),  # Level 3 free courses for jobs (LDM 378)
    "monitoring": lambda aim: bool(aim.monitoring),  # a ProviderSpecDeliveryMonitoring
    "he": lambda aim: aim.he is not None,  # a LearningDeliveryHE record
    "repeated-fams": lambda aim: len({(f.type, f.code) for f in aim.fams}) < len(aim.fams),  # a FAM type and code twice
}


# Scope name -> the test on the learner: two or more of its records of a kind (a rule on repeated records
# cannot fire without them).
LEARNER_SCOPES: dict[str, Callable[[Learner], bool]] = {
    "statuses": lambda learner: len(learner.employment_statuses) > 1,  # LearnerEmploymentStatus records
    "lldds": lambda learner: len(learner.lldd_and_health_problems) > 1,  # LLDDandHealthProblem records
    "learner-monitoring": lambda learner: len(learner.monitoring) > 1,  # ProviderSpecLearnerMonitoring records
    "learner-fams": lambda learner: len(learner.fams) > 1,  # LearnerFAM records
}


def learner_scopes(learner: Learner, names: frozenset[str] | None = None) -> frozenset[str]:
    """The scopes the learner is in, of ``names`` (by default every scope): :data:`LEARNER_SCOPES` tested on the
    learner, :data:`SCOPES` on its aims."""
    return _scope_tests(names).scopes(learner)


class _ScopeTests:
    """The tests of some scopes, and what they found of each kind of aim (aims alike in :func:`_aim_key` are in the
    same :data:`SCOPES`: each test reads only what the key holds)."""

    def __init__(self, names: frozenset[str] | None):
        wanted = (lambda name: True) if names is None else names.__contains__
        self.on_learner = tuple((n, t) for n, t in LEARNER_SCOPES.items() if wanted(n))
        self.on_aims = tuple((n, t) for n, t in SCOPES.items() if wanted(n))
        self.by_aim: dict[tuple[Any, ...], frozenset[str]] = {}

    def scopes(self, learner: Learner) -> frozenset[str]:
        found = {name for name, test in self.on_learner if test(learner)} if self.on_learner else set()
        by_aim = self.by_aim
        for aim in learner.deliveries:
            key = _aim_key(aim)
            names = by_aim.get(key)
            if names is None:
                names = by_aim[key] = frozenset(name for name, test in self.on_aims if test(aim))
            found |= names
        return frozenset(found)


_scope_tests = cache(_ScopeTests)  # one per set of names, so that what it found of each kind of aim is kept


def _aim_key(aim: LearningDelivery) -> tuple[Any, ...]:
    """All that a scope of :data:`SCOPES` may read of an aim."""
    return (aim.fund_model, aim.prog_type, aim.aim_type, tuple([(f.type, f.code) for f in aim.fams]),
            not aim.app_fin_records, not aim.hrs_records, not aim.work_placements, not aim.monitoring, aim.he is None)


@dataclass(frozen=True, slots=True)
class Problem:
    """What a check yields: a message, how to fix it, and where (a model record)."""

    message: str
    fix: str
    where: Any  # a model record with ``line``; a LearningDelivery also names the aim
    line: int | None = None  # overrides ``where.line`` (for example one field's line)
    edits: tuple["Edit", ...] = ()  # the mechanical correction, when one is certain
    unsafe: bool = False  # the edits are a sensible default a person should confirm
    file: str | None = None  # the record is in another file (an earlier submission), not the one linted
    rules: tuple[str, ...] = ()  # the official rules this fault breaks, when narrower than the check's own
    # overrides the check's severity: a rule whose severity differs by year, ILR605 by how long overdue
    severity: Severity | None = None
    # The learner and aim of an earlier file's record (a vanished aim), when ``where`` is not
    # a record of this file that names them: keys the finding like one on this file's aim.
    learner: str | None = None
    aim: int | None = None
    learn_aim_ref: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    topic: str
    severity: Severity
    message: str
    fix: str
    file: str
    line: int | None
    learner: str | None
    uln: int | None
    aim: int | None
    learn_aim_ref: str | None
    ukprn: int | None = None
    fixable: Literal["safe", "unsafe"] | None = None
    rules: tuple[str, ...] = ()  # the official validation rules the finding corresponds to
    # for --fix: the problem's edits and the 0-based position of its Learner in the file
    edits: tuple["Edit", ...] = field(default=(), compare=False, repr=False)
    record: int | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """A stable identity built from ILR keys, never line numbers or personal data.

        Re-exporting the file (which moves lines) keeps the key; SARIF fingerprints and
        baselines use it.
        """
        return f"{self.ukprn}/{self.learner or '-'}/{'-' if self.aim is None else self.aim}/{self.code}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "topic": self.topic, "severity": self.severity,
            "message": self.message, "fix": self.fix, "file": self.file, "line": self.line,
            "learner": self.learner, "uln": self.uln, "aim": self.aim,
            "learn_aim_ref": self.learn_aim_ref, "rules": list(self.rules),
        }


class FileState(ABC):
    """State a whole-file check keeps across learners, held in ``Context.scratch``.

    When a large file is linted in parallel (``ilr_lint.parallel``), each worker process checks
    batches of learners with a context of its own. After each batch the worker calls
    :meth:`handover` on every ``FileState`` in its scratch; the parent process gives each part,
    batch by batch in file order, to :meth:`take_over` on the state under the same key (made
    with :meth:`new` when the parent has none yet) before any ``finish()`` runs. The result
    must be the state one process would have built.
    """

    @classmethod
    @abstractmethod
    def new(cls, ctx: "Context") -> "FileState":
        """A fresh state for the parent's ``ctx``."""

    @abstractmethod
    def handover(self) -> Any:
        """In a worker: what the batch's learners added (picklable), forgetting it."""

    @abstractmethod
    def take_over(self, part: Any) -> None:
        """In the parent: add a batch's part, in file order."""


@dataclass
class Context:
    """What a check may know besides the learner."""

    path: str
    header: Header
    year: CollectionYear
    today: date  # the reference date: --today, else the file preparation date
    options: dict[str, Any] = field(default_factory=dict)  # [tool.ilr-lint.options]
    previous: Any = None  # index of earlier submissions (--previous), or None
    scratch: dict[str, Any] = field(default_factory=dict)  # per-file state for checks with finish()
    # With --previous: the LearnRefNumbers read so far, every learner's (readable or not) by finish()
    learn_refs: set[str] = field(default_factory=set)
    complete: bool = False  # True in finish(): every record of the file has been read
    lars: Any = None  # the indexed LARS download (--lars: ilr_lint.reference.lars.Lars), or None
    # About the file itself, filled by the reader: "learners" (Learner records read so far),
    # "zip_member" (the XML's name inside a zip), "provider_ukprn" and "provider_line" (LearningProvider)
    facts: dict[str, Any] = field(default_factory=dict)
    worker: bool = False  # in a worker process of a parallel run: FileState values log for handover()
    # What checks work out once per learner and share (:meth:`memo`); the engine empties it per block
    memos: dict[int, tuple[Learner, dict[str, Any]]] = field(default_factory=dict)

    @property
    def file_preparation_date(self) -> date:
        return self.header.file_preparation_date or self.today

    def option(self, name: str, default: Any) -> Any:
        return self.options.get(name, default)

    def memo(self, learner: Learner) -> dict[str, Any]:
        """A dict for what several checks work out once per learner (keys named by module: ``"qar.records"``).

        The engine checks a block of learners check by check (:mod:`ilr_lint.engine`), so a check
        cannot keep "the last learner's" result: it keeps it here, for as long as the learner's
        block is being checked."""
        found = self.memos.get(id(learner))
        if found is None or found[0] is not learner:
            if len(self.memos) >= MEMOS:  # checks called outside the engine, which empties it per block
                self.memos.clear()
            found = self.memos[id(learner)] = (learner, {})
        return found[1]


class Check:
    """One rule. Subclass and override :meth:`run` (and :meth:`finish` for whole-file rules)."""

    code: str
    name: str
    topic: str
    severity: Severity
    rules: tuple[str, ...] = ()
    guidance: str = ""
    years: frozenset[str] | None = None  # header Year codes it applies to; None = all
    scope: tuple[str, ...] = ()  # names in (LEARNER_)SCOPES: runs only on learners in one of them; () = every learner
    compares_previous: bool = False  # outside topic "change": compares with an earlier submission too
    options: tuple[str, ...] = ()  # a plug-in's [options] keys (the built-in ones: ilr_lint.config.OPTIONS)
    # Codes whose finding on the same learner and aim reports the same fault less precisely: when
    # this check reports that learner and aim, the engine drops theirs (one fault, one finding).
    supersedes: tuple[str, ...] = ()
    # A check with finish() keeps what it needs across learners in FileState values in ctx.scratch
    # (True), so that a file can be linted in parallel; without it such a file runs in one process.
    file_state: bool = False

    @property
    def needs_previous(self) -> bool:
        """Whether the check compares with an earlier submission, so is silent without ``--previous``."""
        return self.topic == "change" or self.compares_previous
    needs: tuple[str, ...] = ()  # reference data it cannot run without ("lars"): not assessed when absent

    def applies_to(self, year: CollectionYear) -> bool:
        return self.years is None or year.code in self.years

    def concerns(self, scopes: frozenset[str]) -> bool:
        """Whether the check runs on a learner in ``scopes`` (see :func:`learner_scopes`)."""
        return not self.scope or not scopes.isdisjoint(self.scope)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    def run(self, learner: Learner, ctx: Context) -> Iterable[Problem]:
        return ()

    def finish(self, ctx: Context) -> Iterable[Problem]:
        """Called once after the last learner of a file.

        What ``run`` gathers for it across learners must live in :class:`FileState` values in
        ``ctx.scratch`` (then set ``file_state = True``). ``run`` itself looks only at the learner,
        the context and the ``--previous`` index, never at earlier learners of the file.
        """
        return ()

    def __repr__(self) -> str:
        return f"<Check {self.code} {self.name}>"


class FunctionCheck(Check):
    def __init__(self, func: Callable[[Learner, Context], Iterable[Problem]], **meta: Any):
        self._func = func
        self.run = func  # type: ignore[method-assign]  # the function itself: no wrapper call per learner
        for key, value in meta.items():
            setattr(self, key, value)
        self.__doc__ = func.__doc__
        self.__module__ = func.__module__


def check(*, code: str, name: str, topic: str, severity: Severity, guidance: str,
          rules: tuple[str, ...] = (), years: Iterable[str] | None = None, scope: tuple[str, ...] = (),
          options: tuple[str, ...] = (), supersedes: tuple[str, ...] = (), needs: tuple[str, ...] = ()
          ) -> Callable[[Callable[[Learner, Context], Iterable[Problem]]], FunctionCheck]:
    """Decorator turning a generator function ``(learner, ctx) -> Problems`` into a check."""
    validate_meta(code, name, topic, severity, scope)

    def wrap(func: Callable[[Learner, Context], Iterable[Problem]]) -> FunctionCheck:
        if not func.__doc__:
            raise TypeError(f"check {code} needs a docstring: what it enforces, why, how to fix")
        return FunctionCheck(func, code=code, name=name, topic=topic, severity=severity,
                             guidance=guidance, rules=tuple(rules),
                             years=None if years is None else frozenset(years), scope=tuple(scope),
                             options=tuple(options), supersedes=tuple(supersedes), needs=tuple(needs))
    return wrap


def validate_meta(code: str, name: str, topic: str, severity: str, scope: tuple[str, ...] = ()) -> None:
    if isinstance(scope, str) or any(s not in SCOPES and s not in LEARNER_SCOPES for s in scope):  # a bare string
        raise ValueError(f"check {code}: unknown scope {scope!r}; scopes are {', '.join([*SCOPES, *LEARNER_SCOPES])}")
    if topic not in TOPICS:
        raise ValueError(f"check {code}: unknown topic {topic!r}; topics are {', '.join(TOPICS)}")
    if severity not in SEVERITIES:
        raise ValueError(f"check {code}: unknown severity {severity!r}")
    if not name or name != name.lower() or " " in name or "_" in name:
        raise ValueError(f"check {code}: name {name!r} must be kebab-case")


def checks_in(obj: ModuleType | Check) -> list[Check]:
    if isinstance(obj, Check):
        return [obj]
    return [value for value in vars(obj).values() if isinstance(value, Check)]


class PluginError(ValueError):
    """A registered check cannot be loaded or declares invalid metadata (one line for the user)."""


def discover() -> list[Check]:
    """Every check registered in the ``ilr_lint.checks`` entry-point group, by code."""
    found: dict[str, Check] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plug-in must not crash the tool with a traceback
            raise PluginError(f"check plug-in {ep.name!r} ({ep.value}) cannot be loaded: "
                              f"{type(exc).__name__}: {exc}") from None
        for chk in checks_in(loaded):
            try:
                validate_meta(chk.code, chk.name, chk.topic, chk.severity, chk.scope)
            except (ValueError, AttributeError) as exc:
                raise PluginError(f"check plug-in {ep.name!r} ({ep.value}): {exc}") from None
            other = found.get(chk.code)
            if other is not None and other is not chk:
                raise PluginError(f"check code {chk.code} is registered twice ({other.name}, {chk.name})")
            found[chk.code] = chk
    return sorted(found.values(), key=lambda c: c.code)
