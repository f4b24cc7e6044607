"""Run checks over ILR files, a block of learners at a time.

:class:`FileStream` is the engine: iterating over it reads the file and yields its findings
in file order as each block of records (Learner or destination records, :data:`BLOCK` at a
time, or :data:`BLOCK_BYTES` of the file) is checked, so a report can be written while the
file is read and memory does not grow with the number of findings or learners. A block is
checked check by check: each check runs on the block's learners in file order, then the next
(:func:`check_block`); a check looks only at its learner, so its findings are those of
checking one learner at a time. Each record's findings are yielded once its block is checked,
after superseding among them (:class:`Superseding`); then come the findings of the file as a
whole: schema errors outside any learner, the whole-file checks' (``finish()``), and the few
per-learner findings a whole-file check may supersede (held until then). ``stream.result`` (UKPRN,
year, learner count) is complete when the iteration ends. :func:`lint_file` collects a
file's findings into its :class:`FileResult`, for the library API and tests.

With ``Options.jobs`` above 1 a large file's records are validated, built and checked by
worker processes (:mod:`ilr_lint.parallel`) and come back in file order as records already
checked; everything else here is the same, so the findings are those of one process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import parallel
from .api import Check, Context, Finding, Problem, learner_scopes
from .checks import schema as schema_checks
from .model import Learner, LearningDelivery
from .official.catalogue import named_in
from .official.rows import RowBatch, batched
from .reader import IlrInputError, IlrReader, Record, SchemaError, Unreadable, display_path
from .schema import SchemaRun
from .years import YEARS


class CheckFailed(Exception):
    """A check raised an exception: reported as one line naming the file, check and learner."""


@dataclass
class FileResult:
    path: str
    ukprn: int | None
    year: str
    learners: int
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Options:
    checks: Sequence[Check]
    today: date | None = None
    options: dict[str, Any] = field(default_factory=dict)
    previous: Any = None
    schema_for: Callable[[Any], Any] | None = None  # CollectionYear -> IlrSchema (None: no schema checks)
    # progress callback after each learner: (learners so far, bytes of XML read, bytes in all or None)
    on_learner: Callable[[int, int, int | None], None] | None = None
    lars: Any = None  # the indexed LARS download (--lars), or None
    jobs: int = 1  # processes for one large file (ilr_lint.parallel)
    parallel_min_bytes: int = field(default_factory=lambda: parallel.MIN_BYTES)  # smaller files: one process


def _finding(chk: Check, problem: Problem, ctx: Context, learner: Learner | Unreadable | None,
             record: int | None = None) -> Finding:
    where = problem.where
    aim = where if isinstance(where, LearningDelivery) else None
    line = problem.line if problem.line is not None else getattr(where, "line", None)
    return Finding(
        code=chk.code, name=chk.name, topic=chk.topic, severity=problem.severity or chk.severity,
        message=problem.message, fix=problem.fix, file=problem.file or ctx.path, line=line,
        learner=problem.learner or getattr(learner, "learn_ref_number", None), uln=getattr(learner, "uln", None),
        aim=aim.aim_seq_number if aim else problem.aim,
        learn_aim_ref=aim.learn_aim_ref if aim else problem.learn_aim_ref,
        ukprn=ctx.header.ukprn,
        fixable=("unsafe" if problem.unsafe else "safe") if problem.edits else None,
        rules=named_in(problem.rules or chk.rules, ctx.year.label), edits=problem.edits, record=record,
    )


class CheckPlan:
    """The checks to run on each learner: per combination of scopes, worked out once."""

    def __init__(self, checks: Sequence[Check]):
        self.checks = list(checks)
        self._scopes = frozenset(name for c in self.checks for name in c.scope)  # the only scopes worked out
        self._by_scopes: dict[frozenset[str], list[Check]] = {}
        self._batches: dict[tuple[Check, ...], RowBatch] = {}  # shared by the combinations with the same rows
        self._position = {id(c): n for n, c in enumerate(self.checks)}  # a batch's is its first row's

    def for_learner(self, learner: Learner) -> list[Check | RowBatch]:
        """The checks to run on ``learner``, official rule rows batched by record kind."""
        scopes = learner_scopes(learner, self._scopes) if self._scopes else frozenset()
        found = self._by_scopes.get(scopes)
        if found is None:
            found = self._by_scopes[scopes] = batched(  # not those that look at the file only at its end
                (c for c in self.checks if c.concerns(scopes) and getattr(c.run, "__func__", None) is not Check.run),
                self._batches)
        return found

    def schedule(self, learners: Sequence[Learner]) -> list[tuple[Check | RowBatch, list[int]]]:
        """Each check to run on a block of learners, in the order the checks are listed, with the positions of
        the learners it runs on (in file order): each learner's checks run in the order of
        :meth:`for_learner`'s list, and each check meets the learners in file order."""
        groups: dict[int, tuple[list[Check | RowBatch], list[int]]] = {}
        for at, learner in enumerate(learners):
            plan = self.for_learner(learner)
            group = groups.get(id(plan))
            if group is None:
                group = groups[id(plan)] = (plan, [])
            group[1].append(at)
        if len(groups) == 1:
            plan, members = next(iter(groups.values()))
            return [(runner, members) for runner in plan]
        runs: dict[int, tuple[Check | RowBatch, list[list[int]]]] = {}
        for plan, members in groups.values():
            for runner in plan:
                found = runs.get(id(runner))
                if found is None:
                    runs[id(runner)] = (runner, [members])
                else:
                    found[1].append(members)
        position = self._position
        steps = sorted(runs.values(), key=lambda run: position[id(run[0].rows[0] if isinstance(run[0], RowBatch)
                                                                     else run[0])])
        return [(runner, parts[0] if len(parts) == 1 else sorted(chain.from_iterable(parts)))
                for runner, parts in steps]


def _schema_findings(errors: Iterable[SchemaError], ctx: Context, learner: Any) -> Iterable[Finding]:
    chk = schema_checks.SCHEMA_VIOLATION
    for err in errors:
        problem = Problem(err.message, err.fix or chk.fix_text(ctx.year), None, line=err.line, rules=err.rules)
        yield _finding(chk, problem, ctx, learner)


class FileStream:
    """One file being linted, as a stream: iterate over it for its findings in file order.

    ``result`` is the file's :class:`FileResult` without findings: path and year at once,
    UKPRN once the Header is read, learners counted as they are read; it is complete when
    the iteration ends. ``read`` and ``size`` are the bytes of XML read so far and in all
    (``size`` is ``None`` when unknown), for a progress display. Raises
    :class:`ilr_lint.reader.IlrInputError` for unreadable input, at once or when reached.
    """

    def __init__(self, path: str, opts: Options, shown: str | None = None):
        shown = shown or display_path(path)  # the name findings give the file
        self.reader = reader = IlrReader(path)
        if not reader.year.checked:
            raise IlrInputError(f"{shown}: a {reader.year.label} file is read only as an earlier year by "
                                f"'ilr-lint qar' and '--previous'; checks run on {YEARS[0].label} files onwards")
        # the schema with the file's cap on findings (ilr_lint.schema.MAX_PER_FILE)
        reader.schema = SchemaRun(opts.schema_for(reader.year)) if opts.schema_for else None
        self.opts = opts
        self.active = [c for c in opts.checks if c.applies_to(reader.year) and not unmet_needs(c, opts)]
        self.superseding = Superseding(self.active)
        self.result = FileResult(shown, None, reader.year.code, 0)

    @property
    def read(self) -> int:
        return self.reader.bytes_read

    @property
    def size(self) -> int | None:
        return self.reader.size

    def __iter__(self) -> Iterator[Finding]:
        reader, opts, result = self.reader, self.opts, self.result
        plan = CheckPlan(self.active)
        late: list[Finding] = []  # findings a whole-file check may supersede: decided at the end
        ctx: Context | None = None
        records = parallel.split(reader, plan, opts, result.path, lambda: ctx)  # None: in this process
        source = records or reader  # what has read how much of the file
        block: list[Record] = []
        start = 0  # the bytes read before the block's records
        try:
            for record in source:
                if ctx is None:  # at the first record (a worker's state is taken over into it)
                    ctx = _context(result.path, reader, opts)
                    result.ukprn = ctx.header.ukprn
                block.append(record)
                if len(block) == BLOCK or source.bytes_read - start >= BLOCK_BYTES:
                    full, block, start = block, [], source.bytes_read
                    yield from self._checked(full, plan, ctx, late, source)
        except (IlrInputError, CheckFailed):  # (a worker's) the records before it are reported first
            full, block = block, []
            if full and ctx is not None:
                yield from self._checked(full, plan, ctx, late, source)
            raise
        if block and ctx is not None:
            yield from self._checked(block, plan, ctx, late, source)
        if ctx is None:  # a file with a header and no learners at all
            ctx = _context(result.path, reader, opts)
            result.ukprn = ctx.header.ukprn
        yield from _schema_findings(reader.file_schema_errors, ctx, None)
        if reader.schema is not None:
            yield from _schema_findings(reader.schema.summary(), ctx, None)
        ctx.complete = True
        for chk in self.active:
            try:  # a whole-file finding names the learner it points at, if any
                late.extend(_finding(chk, problem, ctx, problem.where) for problem in chk.finish(ctx))
            except IlrInputError:
                raise  # a check read the file ahead and found it unreadable: not the check's fault
            except Exception as exc:
                raise _failed(chk, ctx, None, exc) from exc
        yield from self.superseding.apply(late)

    def _checked(self, block: list[Record], plan: CheckPlan, ctx: Context, late: list[Finding],
                 source: Any) -> Iterator[Finding]:
        """A block of records checked, and each one's findings in turn (a check's failure raised after the
        findings of the records before the one it failed on)."""
        result, opts = self.result, self.opts
        found, failure = check_block(block, plan, ctx, result.learners)
        for record, of_record in zip(block, found):
            of_record = self.superseding.apply(of_record)
            if self.superseding.late:
                late.extend(f for f in of_record if f.code in self.superseding.late)
                of_record = [f for f in of_record if f.code not in self.superseding.late]
            yield from of_record
            if record.is_learner:
                result.learners += 1
                if ctx.previous is not None and record.item.learn_ref_number is not None:
                    ctx.learn_refs.add(record.item.learn_ref_number)
                if opts.on_learner:
                    opts.on_learner(result.learners, source.bytes_read, source.size)
        if failure is not None:
            raise failure


def lint_file(path: str, opts: Options, shown: str | None = None) -> FileResult:
    """Lint one file, its findings collected; raises :class:`ilr_lint.reader.IlrInputError` for unreadable input."""
    stream = FileStream(path, opts, shown)
    stream.result.findings = list(stream)
    return stream.result


class Superseding:
    """Drops findings that a more precise finding on the same learner and aim replaces.

    One fault, one finding: a check lists in ``supersedes`` the codes that report the same
    fault less precisely (or with advice that would contradict its own), and where both fire
    on one learner and aim only its finding is kept, so only its fix is applied. The engine
    applies this to each record's findings; ``late`` are the codes a whole-file check
    (one with ``finish()``) supersedes, whose findings wait for the end of the file.
    """

    def __init__(self, checks: Sequence[Check]):
        self.replaces = {c.code: frozenset(c.supersedes) for c in checks if c.supersedes}
        self.late = frozenset(code for c in checks if c.supersedes and type(c).finish is not Check.finish
                              for code in c.supersedes)

    def apply(self, findings: list[Finding]) -> list[Finding]:
        if not self.replaces:
            return findings
        gone = {(f.learner, f.aim, code) for f in findings if f.learner is not None and f.code in self.replaces
                for code in self.replaces[f.code]}
        if not gone:
            return findings
        return [f for f in findings if (f.learner, f.aim, f.code) not in gone]


def unmet_needs(chk: Check, opts: Options) -> tuple[str, ...]:
    """The reference data the check needs that this run lacks (it is then not assessed)."""
    return tuple(need for need in chk.needs if need == "lars" and opts.lars is None)


def _failed(chk: Check, ctx: Context, learner: Learner | None, exc: Exception) -> CheckFailed:
    """An exception inside a check, as one line for the user (no traceback)."""
    where = f"learner {learner.learn_ref_number}" if learner is not None else "the end of the file"
    return CheckFailed(f"{ctx.path}: check {chk.code} ({chk.name}) failed at {where}: {type(exc).__name__}: {exc}")


def _context(shown: str, reader: IlrReader, opts: Options) -> Context:
    header = reader.header
    assert header is not None  # the reader yields nothing before the Header
    if opts.previous is not None:
        opts.previous.check_ukprn(shown, header.ukprn)
    today = opts.today or header.file_preparation_date or date.today()
    return Context(path=shown, header=header, year=reader.year, today=today,
                   options=opts.options, previous=opts.previous, lars=opts.lars, facts=reader.facts)


BLOCK = 128
"""Learners checked together, check by check (:func:`check_block`). The checks' code and tables then stay
in the processor's caches from one learner to the next, where learner by learner every learner brings them
all back from memory (about a fifth of the CPU time: docs/performance.md); a block's records and findings
are all that is held."""
BLOCK_BYTES = 1 << 20
"""At most this much of the file in a block (its last record apart), however large its learners: 128 typical
learners are about 330 KB."""


def check_block(records: Sequence[Record], plan: CheckPlan, ctx: Context, first: int
                ) -> tuple[list[list[Finding]], Exception | None]:
    """Each record's findings, as :func:`_record_findings` gives them, with the block's learners checked check
    by check (:meth:`CheckPlan.schedule`); ``first``: the file's Learner records before the block.

    If a check fails, the block is checked again learner by learner, up to the record where one learner at
    a time fails: the findings of the records before it come back with the failure, to raise once they are
    reported (so the failure and what precedes it are those of one learner at a time, in any process)."""
    found: list[list[Finding]] = []
    learners: list[Learner] = []
    places: list[tuple[list[Finding], int]] = []  # per learner: its record's findings, its index in the file
    index = first
    for record in records:
        item = record.item
        if isinstance(item, Learner):
            found.append(list(_schema_findings(record.schema_errors, ctx, item)))
            learners.append(item)
            places.append((found[-1], index))
        else:  # checked in a worker, unreadable, or a destination record: no check runs here
            found.append(list(_record_findings(record, plan, ctx, index)))
        index += record.is_learner
    ctx.memos.clear()  # what checks shared about the last block's learners
    runner: Check | RowBatch | None = None
    learner: Learner | None = None
    try:
        for runner, members in plan.schedule(learners):
            if isinstance(runner, RowBatch):
                for at in members:
                    learner, (add, number) = learners[at], places[at]
                    for row, problem in runner.problems(learner, ctx):
                        add.append(_finding(row, problem, ctx, learner, number))
            else:
                for at in members:
                    learner, (add, number) = learners[at], places[at]
                    for problem in runner.run(learner, ctx):
                        add.append(_finding(runner, problem, ctx, learner, number))
    except Exception as exc:
        return _again(records, plan, ctx, first, exc, runner, learner)
    return found, None


def _again(records: Sequence[Record], plan: CheckPlan, ctx: Context, first: int, exc: Exception,
           runner: Check | RowBatch | None, learner: Learner | None) -> tuple[list[list[Finding]], Exception]:
    """A block whose check failed (``exc``, in ``runner`` on ``learner``) checked learner by learner, up to
    the record that fails."""
    ctx.memos.clear()
    found: list[list[Finding]] = []
    index = first
    for record in records:
        try:
            found.append(list(_record_findings(record, plan, ctx, index)))
        except (IlrInputError, CheckFailed) as failure:
            return found, failure
        index += record.is_learner
    if isinstance(exc, IlrInputError):
        return found, exc
    failed = runner.current if isinstance(runner, RowBatch) else runner
    assert failed is not None
    return found, _failed(failed, ctx, learner, exc)


def _record_findings(record: Record, plan: CheckPlan, ctx: Context, index: int) -> Iterable[Finding]:
    item = record.item
    yield from _schema_findings(record.schema_errors, ctx, item)
    if isinstance(item, parallel.Checked):  # checked in a worker process
        yield from item.findings
        return
    if isinstance(item, Unreadable):
        chk = schema_checks.LEARNER_NOT_CHECKED
        yield _finding(chk, Problem(f"checks did not run on this record: {item.reason}", chk.fix_text(ctx.year),
                                    item), ctx, item)
        return
    if not isinstance(item, Learner):
        return  # destination and progression records: no checks yet
    # One try around the loop, not one per check: 134 checks run on every learner, and a
    # context manager per call cost more than most checks themselves. Only the checks whose
    # scope the learner is in run (ilr_lint.api.SCOPES).
    # Plain loops, not ``found.extend(<generator expression>)``: a generator per check per learner
    # cost more than many checks.
    runner: Check | RowBatch | None = None
    found: list[Finding] = []
    add = found.append
    try:
        for runner in plan.for_learner(item):
            if isinstance(runner, RowBatch):
                for row, problem in runner.problems(item, ctx):
                    add(_finding(row, problem, ctx, item, index))
            else:
                for problem in runner.run(item, ctx):
                    add(_finding(runner, problem, ctx, item, index))
    except IlrInputError:
        raise  # as in lint_file
    except Exception as exc:
        assert runner is not None
        failed = runner.current if isinstance(runner, RowBatch) else runner
        assert failed is not None
        raise _failed(failed, ctx, item, exc) from exc
    yield from found
