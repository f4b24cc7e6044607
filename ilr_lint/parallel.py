"""One large file on every core: its learners checked in batches by worker processes.

A provider lints one big file, and per learner the work (schema validation, building the
model, the checks) is independent of the other learners, apart from the whole-file checks
(those with ``finish()``). So the parent process cuts the file into batches of records and
worker processes check them, while the parent puts the results back in file order:

- The cut is a byte scan, not a parse: after the ``<Header>`` and whatever precedes the
  first record, the file is cut every :data:`BATCH_BYTES` or so just after a
  ``</Learner>`` (or ``</LearnerDestinationandProgression>``) end tag. Files the scan
  cannot cut safely are linted in one process: a zip, an encoding other than UTF-8, any
  comment, CDATA section, processing instruction or DOCTYPE (where an end tag could be
  text), a second ``<Header>``, or anything after the end of ``<Message>``.
- A worker reads its batch from the file itself and parses it as a ``<Message>`` (the
  file's own start tag, so the same namespaces) preceded by as many newlines as the file
  has before the batch: every line number, the model's and libxml2's, is the file's.
  It validates each record against the schema (:meth:`ilr_lint.schema.IlrSchema.validate`:
  the per-record cap only), builds the model and runs the checks
  (:class:`ilr_lint.reader.IlrReader`'s own reading and :mod:`ilr_lint.engine`'s checking).
- The parent spends the file's cap on schema findings record by record in file order
  (:meth:`ilr_lint.schema.SchemaRun.spend`), notes the top-level elements for the order
  check, and takes over what whole-file checks gathered (:class:`ilr_lint.api.FileState`)
  batch by batch, so ``finish()`` sees what one process would have built. A file whose
  active whole-file checks do not keep their state that way is linted in one process.
- A batch's records are handed on once the next batch is back. A batch that cannot be read
  (a broken file, or records the scan cut wrongly, such as Learners nested in another
  element) sends the rest of the file through the parent as one process reads it, from a
  record one process would have reached before failing: the findings and the error are
  one process's.

The options and checks reach the workers once, when they are forked (``--previous`` index
and LARS included, shared copy-on-write, never rebuilt); where ``fork`` is not available
(Windows) files are linted in one process. The findings are those of one process, byte for
byte (tests/test_parallel.py).
"""

from __future__ import annotations

import copy
import io
import multiprocessing
import os
import re
import zipfile
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Generator, Iterator

from . import engine
from .api import Check, Context, FileState, Finding
from .reader import IlrInputError, IlrReader, Record, SchemaError

# A file smaller than this is linted in one process: starting the workers costs more than
# they gain (bench/results.md, "jobs").
MIN_BYTES = 4 << 20
# At most this many bytes of records per batch (and about an eighth of a worker's share of the
# file): large enough that the newlines standing for the lines before a batch cost little,
# small enough to keep every core busy and memory flat: the parent holds the scan's buffer and
# the results in flight, a few batches' worth (with 2 MB batches, its peak grew from 52 MB at
# 2,000 learners to 61 MB at 10,000; with 512 KB, to 55 MB).
BATCH_BYTES = 512 << 10
MIN_BATCH_BYTES = 64 << 10  # more than the parser reads ahead (see Split.__iter__)
CHUNK = 64 << 10  # what a batch document gives the parser at a time
# Batches in flight per worker: the parent holds at most this many results ahead of the one it
# is writing out.
AHEAD = 2

HEAD_BYTES = 1 << 20  # the Header and what precedes the first record must be within this (else: one process)
TAIL_BYTES = 4096  # where </Message> is looked for
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml([^?>]*)\?>)?")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)Message(?=[\s/>])")
_UTF8 = (b"utf-8", b"utf8", b"us-ascii", b"ascii")


@dataclass(frozen=True, slots=True)
class Checked:
    """A record checked in a worker: whose it is and its checks' findings (schema findings are
    made in the parent, where the file's cap is spent)."""

    learn_ref_number: str | None
    uln: int | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the records of a file are, and the ``<Message>`` tags that wrap a batch of them."""

    start_tag: bytes  # the file's <Message ...> start tag, on one line
    end_tag: bytes  # </Message>, with the file's prefix
    records: tuple[bytes, bytes]  # the end tags a batch may end with: </Learner>, </LearnerDestinationandProgression>
    first: int  # where the first record starts (all before it is the head)
    line: int  # the line it is on
    end: int  # where </Message> starts


@dataclass(frozen=True, slots=True)
class Batch:
    start: int  # byte offsets in the file
    end: int
    line: int  # the file's line at ``start``
    first: int  # the 0-based position in the file of its first Learner
    learners: int  # Learner end tags in it


@dataclass
class _Done:
    """A worker's result for one batch: its records and strays in file order, and more."""

    items: list[Record | tuple[SchemaError, ...]]  # a record, or the schema errors of a stray top-level element
    top_level: list[tuple[str, int]]
    parts: list[tuple[Any, type[FileState], Any]]  # (scratch key, state class, handed-over part)
    end: int  # where the batch ends in the file
    facts: dict[str, Any]  # what the batch's reading learnt of the file (Learners read, a LearningProvider)
    failed: Exception | None = None


def whole_file_blocks(checks: list[Check]) -> list[Check]:
    """The checks with ``finish()`` whose state across learners is not kept as FileState."""
    return [c for c in checks if type(c).finish is not Check.finish and not c.file_state]


def split(reader: IlrReader, plan: engine.CheckPlan, opts: engine.Options, shown: str,
          context: Callable[[], Context | None]) -> "Split | None":
    """The file's records checked in worker processes, or ``None`` when one process is better.

    ``context`` gives the parent's context once the engine has made it (at the first record).
    """
    if (opts.jobs < 2 or "fork" not in multiprocessing.get_all_start_methods()
            or whole_file_blocks(plan.checks)):
        return None
    cut = batches(reader.path, opts.parallel_min_bytes, opts.jobs)
    return None if cut is None else Split(reader, *cut, plan, opts, shown, context)


def batches(path: str, min_bytes: int, jobs: int) -> tuple[Layout, list[Batch], int] | None:
    """The file's records cut into batches, and how many workers to use; ``None`` when the file
    is too small or the scan cannot cut it safely (see the module). Reads the file once."""
    if zipfile.is_zipfile(path) or os.path.getsize(path) < max(min_bytes, 1):
        return None
    with open(path, "rb") as f:
        layout = _layout(f)
        if layout is None:
            return None
        workers = max(1, min(jobs, (layout.end - layout.first) // MIN_BATCH_BYTES))
        step = max(MIN_BATCH_BYTES, min(BATCH_BYTES, (layout.end - layout.first) // (8 * workers)))
        cut = list(_cut(f, layout, step))
    return (layout, cut, workers) if all(cut) else None


def _layout(f: Any) -> Layout | None:
    head = f.read(HEAD_BYTES)
    declaration = _DECLARATION.match(head)
    assert declaration is not None  # the pattern matches the empty string
    encoding = _ENCODING.search(declaration.group(1) or b"")
    root = _ROOT.search(head, declaration.end())
    if (encoding and encoding.group(1).lower() not in _UTF8) or root is None:
        return None
    prefix = root.group(1)
    closed = head.find(b">", root.end())
    first = re.compile(rb"<%s(?:Learner|LearnerDestinationandProgression)[\s/>]" % re.escape(prefix)).search(head, closed)
    if closed < 0 or head[closed - 1:closed] == b"/" or first is None or _unsafe(head[declaration.end():first.start()]):
        return None
    end = max(f.seek(0, io.SEEK_END) - TAIL_BYTES, 0)
    f.seek(end)
    tail = re.search(rb"</%sMessage\s*>\s*\Z" % re.escape(prefix), f.read())
    if tail is None or end + tail.start() < first.start():
        return None
    start_tag = head[root.start():closed + 1].replace(b"\r", b" ").replace(b"\n", b" ")
    return Layout(start_tag, b"</" + prefix + b"Message>", (b"</" + prefix + b"Learner>",
                  b"</" + prefix + b"LearnerDestinationandProgression>"), first.start(),
                  1 + head.count(b"\n", 0, first.start()), end + tail.start())


def _unsafe(data: bytes, header: bytes | None = None) -> bool:
    """Whether the scan could mistake text for an end tag here: a comment, CDATA section,
    DOCTYPE or processing instruction; among the records, a second Header too."""
    return b"<!" in data or b"<?" in data or (header is not None and header in data)


def _cut(f: Any, layout: Layout, step: int) -> Iterator[Batch | None]:
    """Batches of about ``step`` bytes, each ending just after a record's end tag; ``None`` (and
    the end) where the records hold what the scan cannot cut safely."""
    f.seek(layout.first)
    header = b"<" + layout.end_tag[2:-len(b"Message>")] + b"Header"
    pos, line, learners, held = layout.first, layout.line, 0, b""
    while pos < layout.end:
        cut = _end_after(held, layout.records, step)
        while cut < 0 and pos + len(held) < layout.end:
            more = f.read(min(step, layout.end - pos - len(held)))
            if not more:  # the file changed under us
                yield None
                return
            held += more
            cut = _end_after(held, layout.records, step)
        data, held = (held[:cut], held[cut:]) if cut >= 0 else (held, b"")
        if _unsafe(data, header):
            yield None
            return
        batch = Batch(pos, pos + len(data), line, learners, data.count(layout.records[0]))
        yield batch
        pos, line, learners = batch.end, line + data.count(b"\n"), learners + batch.learners


def head_document(path: str, layout: Layout) -> bytes:
    """The file up to its first record (the Header and what precedes it), closed as a document."""
    with open(path, "rb") as f:
        return f.read(layout.first) + layout.end_tag


class BatchDocument:
    """One batch of the file's records as a ``<Message>`` document, behind as many newlines as
    the file has before it, so that every line number read from it is the file's. Made as the
    parser reads it: neither the newlines (millions, late in a large file) nor the batch are
    held at once."""

    def __init__(self, path: str, layout: Layout, batch: Batch):
        self._chunks = self._made(path, layout, batch)
        self._held = b""

    @staticmethod
    def _made(path: str, layout: Layout, batch: Batch) -> Iterator[bytes]:
        newlines = batch.line - 1
        while newlines:
            yield b"\n" * min(newlines, CHUNK)
            newlines -= min(newlines, CHUNK)
        yield layout.start_tag
        with open(path, "rb") as f:
            f.seek(batch.start)
            left = batch.end - batch.start
            while left and (data := f.read(min(left, CHUNK))):
                left -= len(data)
                yield data
        yield layout.end_tag

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            return self._held + b"".join(self._chunks)
        if not self._held:
            self._held = next(self._chunks, b"")
        out, self._held = self._held[:size], self._held[size:]
        return out


def _end_after(data: bytes, tags: tuple[bytes, ...], start: int) -> int:
    """Where the first of ``tags`` at or after ``start`` ends in ``data``; -1 if none is there."""
    return min((i + len(tag) for tag in tags if (i := data.find(tag, start)) >= 0), default=-1)


class Split:
    """The records of one file, checked by worker processes, in file order (see the module)."""

    def __init__(self, reader: IlrReader, layout: Layout, cut: list[Batch], workers: int,
                 plan: engine.CheckPlan, opts: engine.Options, shown: str, context: Callable[[], Context | None]):
        self.reader, self.layout, self.cut, self.workers = reader, layout, cut, workers
        self.plan, self.opts, self.shown, self.context = plan, opts, shown, context
        self.bytes_read = 0  # the file's bytes whose records have been handed on
        self.size = layout.end

    def __iter__(self) -> Iterator[Record]:
        reader = self.reader
        try:  # the Header and what follows it, up to the first record
            yield from reader.read(io.BytesIO(head_document(reader.path, self.layout)))
        except IlrInputError:
            reader.header = None
        if reader.header is None:
            yield from self._serially(0)
            return
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(_Job(reader, self.layout, self.plan, self.opts,
                                                                             self.shown),))
        records = 0  # handed on so far
        try:
            # A batch's records are handed on once the next batch is back: if that one cannot be read,
            # the rest is read in this process from a point one process would have reached.
            held: _Done | None = None
            for done in self._results(pool):
                if done.failed is not None and not isinstance(done.failed, engine.CheckFailed):
                    break
                if held is not None:
                    records += yield from self._merge(held)
                held = done
                if done.failed is not None:
                    yield from self._merge(done)
                    raise done.failed  # a check failed: as one process reports it
            else:
                if held is not None:
                    yield from self._merge(held)
                reader.end_message()
                return
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        yield from self._serially(records)

    def _results(self, pool: ProcessPoolExecutor) -> Iterator[_Done]:
        """The batches' results in file order, at most :data:`AHEAD` per worker ahead."""
        pending: deque[Future[_Done]] = deque()
        for batch in self.cut:
            pending.append(pool.submit(_check, batch))
            if len(pending) > AHEAD * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def _merge(self, done: _Done) -> Generator[Record, None, int]:
        """Hand on a batch's records, spending the file's schema cap; take over its whole-file state."""
        reader, run = self.reader, self.reader.schema
        records = 0
        for item in done.items:
            if isinstance(item, Record):
                yield Record(item.item, run.spend(item.schema_errors) if run else (), item.is_learner)
                records += 1
            elif run is not None:  # a stray top-level element's errors
                reader.file_schema_errors.extend(run.spend(item))
        for tag, line in done.top_level:
            reader.note_top_level(tag, line)
        learners = reader.facts["learners"] + done.facts.pop("learners")
        reader.facts.update(done.facts, learners=learners)
        ctx = self.context()  # made by the engine at the first record; parts come from records
        for key, kind, part in done.parts:
            assert ctx is not None
            state = ctx.scratch.get(key)
            if state is None:
                state = ctx.scratch[key] = kind.new(ctx)
            state.take_over(part)
        self.bytes_read = done.end
        return records

    def _serially(self, done: int) -> Iterator[Record]:
        """The file read again in this process, its first ``done`` records (handed on already)
        skipped without validation: exactly what one process gives from there, error included."""
        reader, run = self.reader, self.reader.schema
        reader.schema, reader.top_level, reader.facts["learners"] = None, [], 0
        records = iter(reader)
        for _skipped in zip(range(done), records):
            pass
        reader.schema = run
        for record in records:
            self.bytes_read = reader.bytes_read  # for the engine's blocks and the progress display
            yield record


@dataclass
class _Job:
    """What every worker is given once, when it starts."""

    reader: IlrReader  # with the Header read
    layout: Layout
    plan: engine.CheckPlan
    opts: engine.Options
    shown: str
    ctx: Context | None = None
    unspent: "_Unspent | None" = None
    calls: list[tuple[SchemaError, ...]] = field(default_factory=list)


_JOB: _Job | None = None  # in a worker process


class _Unspent:
    """The schema as a worker uses it: each element's errors within the per-record cap, noted in
    file order (the parent spends the file's cap)."""

    def __init__(self, schema: Any, calls: list[tuple[SchemaError, ...]]):
        self.schema, self.calls = schema, calls

    def validate(self, el: Any) -> tuple[SchemaError, ...]:
        errors = self.schema.validate(el)
        self.calls.append(errors)
        return errors


def _start_worker(job: _Job) -> None:
    global _JOB
    _JOB = job
    job.ctx = engine._context(job.shown, job.reader, job.opts)
    job.ctx.worker = True
    if job.reader.schema is not None:
        job.unspent = _Unspent(job.reader.schema.schema, job.calls)


def _check(batch: Batch) -> _Done:
    """In a worker: read, validate, build and check one batch of records."""
    job = _JOB
    assert job is not None and job.ctx is not None
    reader = copy.copy(job.reader)
    reader.schema, reader.top_level, reader.file_schema_errors, reader.facts = job.unspent, [], [], {"learners": 0}
    done = _Done([], reader.top_level, [], batch.end, reader.facts)
    calls, index = job.calls, batch.first
    calls.clear()
    block: list[tuple[list[tuple[SchemaError, ...]], Record]] = []  # records, each after its stray elements'
    try:
        for record in reader.read(BatchDocument(reader.path, job.layout, batch)):
            block.append(([errors for errors in calls[:-1] if errors], record))
            calls.clear()
            if len(block) == engine.BLOCK:
                index = _check_block(block, job, done, index)
                block = []
        index = _check_block(block, job, done, index)
        done.items.extend(errors for errors in calls if errors)
        if index - batch.first != batch.learners:
            done.failed = IlrInputError("a Learner the cut did not count")
    except (IlrInputError, engine.CheckFailed) as exc:
        done.failed = exc
    done.parts = [(key, type(state), state.handover()) for key, state in job.ctx.scratch.items()
                  if isinstance(state, FileState)]
    return done


def _check_block(block: list[tuple[list[tuple[SchemaError, ...]], Record]], job: _Job, done: _Done,
                 index: int) -> int:
    """A block of a batch's records checked (:func:`ilr_lint.engine.check_block`) into ``done``: the Learners
    counted before it come in, those after it go out. A check's failure is raised after the records before
    it."""
    assert job.ctx is not None
    found, failure = engine.check_block([Record(record.item, (), record.is_learner) for _, record in block],
                                        job.plan, job.ctx, index)
    for (strays, record), of_record in zip(block, found):
        done.items.extend(strays)  # stray elements before the record
        item = record.item
        done.items.append(Record(Checked(item.learn_ref_number, item.uln, tuple(of_record)), record.schema_errors,
                                 record.is_learner))
        index += record.is_learner
    if failure is not None:
        done.items.extend(block[len(found)][0] if len(found) < len(block) else ())
        raise failure
    return index
