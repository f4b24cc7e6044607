"""The QAR's files read on every core: each file, or each batch of a large one, in a worker.

Reading (parsing, building each learner, summarising its aims) is nearly all of a QAR's
time, and each file, each learner even, is summarised on its own; matching the aims across
the files needs them all and runs in the parent. So with ``jobs`` above 1 (where ``fork``
is available) the files go to forked worker processes: a file the one-file split can cut
(:func:`ilr_lint.parallel.batches`: at least ``min_bytes``, plain UTF-8 XML) as batches of
its learners, read with the file's own ``<Message>`` start tag and line numbers; any other
file whole. Each worker returns its part of the file's :class:`YearFile` (the compact
per-aim records, the learners' ULNs, lines and aim starts), and the parent adds the parts
in file order (:meth:`YearFile.extend`), so the summary is the one a single process makes.
The values records share (codes, aim references, dates: :func:`records.is_pooled`) travel by
persistent id and arrive as the parent's own objects: a part costs the parent what reading
it would have, and no copies.
A batch that cannot be read (a broken file, or Learners nested in another element, which
the cut takes for records) has its whole file read again in the parent, so that the error,
or the summary, is one process's.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any, Callable, Generator, Iterator

from ilr_lint import parallel
from ilr_lint.progress import FileProgress
from ilr_lint.reader import IlrInputError, IlrReader, display_path

from .records import YearFile, is_pooled, pooled, read_year_file, start

Outcome = YearFile | IlrInputError  # a file's summary, or why it could not be read
# A part of a file to read: the function and its arguments, and where the file will be once it is read
# (its batch's end and the file's size in bytes; for a file read whole, 1 of 1)
Task = tuple[Callable[..., "bytes | IlrInputError | None"], tuple[Any, ...], tuple[int, int]]
AHEAD = 2  # parts in flight per worker: the parent holds at most these many results ahead of the one it adds


def read_files(paths: list[str], jobs: int, shown: FileProgress,
               min_bytes: int = parallel.MIN_BYTES) -> Iterator[Outcome]:
    """Each file's summary (or its input error), in the order given; on up to ``jobs`` processes."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (_whole(path, shown.file(display_path(path))) for path in paths)
        return
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    try:
        parts = _Parts(pool, ((n, task) for n, path in enumerate(paths) for task in _tasks(path, min_bytes, jobs)),
                       AHEAD * jobs)
        for n, path in enumerate(paths):
            yield _gather(path, parts.of(n), shown.file(display_path(path)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _tasks(path: str, min_bytes: int, jobs: int) -> list[Task]:
    """The file's parts: its batches, or the whole file."""
    try:  # only a regular file is cut (opening a FIFO would wait for a writer)
        cut = parallel.batches(path, min_bytes, jobs) if os.path.isfile(path) else None
    except OSError:  # unreadable: read whole, which says why as one process does
        cut = None
    reader = _head(path, cut[0]) if cut is not None else None
    if cut is None or reader is None:
        return [(_whole_elsewhere, (path,), (1, 1))]
    return [(_part, (reader, cut[0], batch), (batch.end, cut[0].end)) for batch in cut[1]]


class _Parts:
    """The parts of every file, submitted in file order, at most ``ahead`` in flight."""

    def __init__(self, pool: ProcessPoolExecutor, tasks: Iterator[tuple[int, Task]], ahead: int):
        self.pool, self.tasks, self.ahead = pool, tasks, ahead
        self.pending: deque[tuple[int, Future[bytes | IlrInputError | None], tuple[int, int]]] = deque()

    def of(self, n: int) -> Generator[tuple[bytes | IlrInputError | None, tuple[int, int]], None, None]:
        """The results of file ``n``'s parts, in order, each with where the file is once it is read;
        the rest are dropped when the caller stops."""
        try:
            while self._next() == n:
                _n, future, where = self.pending.popleft()
                yield future.result(), where
        finally:
            while self._next() == n:
                self.pending.popleft()[1].cancel()

    def _next(self) -> int | None:
        """The file of the next part, with as many parts in flight as allowed."""
        while len(self.pending) < self.ahead and (task := next(self.tasks, None)) is not None:
            n, (function, args, where) = task
            self.pending.append((n, self.pool.submit(function, *args), where))
        return self.pending[0][0] if self.pending else None


def _head(path: str, layout: parallel.Layout) -> IlrReader | None:
    """A reader of the file with its Header read (``None``: the head is not what a batch can follow)."""
    try:
        reader = IlrReader(path)
        for _record in reader.read(io.BytesIO(parallel.head_document(path, layout))):
            return None  # a record before the first one the scan found
    except IlrInputError:
        return None
    return reader if reader.header is not None else None


def _gather(path: str, parts: Generator[tuple[bytes | IlrInputError | None, tuple[int, int]], None, None],
            on_learner: Callable[..., None] | None) -> Outcome:
    """The file's summary from its parts, in file order; the file read here if a batch failed."""
    summary: YearFile | None = None
    for sent, (read, size) in parts:
        part = _Unpickler(sent).load() if isinstance(sent, bytes) else sent
        if part is None:  # a batch the cut made wrongly, or a broken file
            parts.close()
            return _whole(path, on_learner)
        if isinstance(part, IlrInputError):
            return part
        if summary is None:
            summary = YearFile(part.path, part.year, part.ukprn, part.file_preparation_date)
        summary.extend(part)
        if on_learner is not None:
            on_learner(len(summary.ulns) + summary.unreadable, read, size)
    assert summary is not None  # a file has at least one part
    return summary


def _whole(path: str, on_learner: Callable[..., None] | None = None) -> Outcome:
    try:
        return read_year_file(path, on_learner)
    except IlrInputError as exc:
        return exc


def _whole_elsewhere(path: str) -> bytes | IlrInputError:
    """In a worker: the whole file summarised, for the parent (or why it cannot be read)."""
    found = _whole(path)
    return found if isinstance(found, IlrInputError) else _sent(found)


def _part(reader: IlrReader, layout: parallel.Layout, batch: parallel.Batch) -> bytes | None:
    """In a worker: one batch of the file's learners summarised, for the parent (``None`` if it
    cannot be read)."""
    part = start(reader)
    learners = 0
    try:
        for record in reader.read(parallel.BatchDocument(reader.path, layout, batch)):
            part.read(record)
            learners += record.is_learner
    except IlrInputError:
        return None
    return _sent(part) if learners == batch.learners else None


class _Pickler(pickle.Pickler):
    """Sends by persistent id the values the parent's records share: a pooled value as itself
    (the parent takes its own of it), and an int beyond the small ones (a ULN, a line: pickled
    by value at each use, so a learner's would arrive as one object per record) as its bytes,
    one object per value, which the memo sends once."""

    def __init__(self, out: IO[bytes]):
        super().__init__(out, pickle.HIGHEST_PROTOCOL)
        self.ints: dict[int, bytes] = {}

    def persistent_id(self, obj: Any) -> Any:
        if is_pooled(obj):
            return obj
        if type(obj) is int and not -5 <= obj <= 256 and -2**63 <= obj < 2**63:
            return self.ints.setdefault(obj, obj.to_bytes(8, "little", signed=True))
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self.ints: dict[bytes, int] = {}

    def persistent_load(self, pid: Any) -> Any:
        if type(pid) is bytes:
            return self.ints.setdefault(pid, int.from_bytes(pid, "little", signed=True))
        return pooled(pid)


def _sent(part: YearFile) -> bytes:
    out = io.BytesIO()
    _Pickler(out).dump(part)
    return out.getvalue()
