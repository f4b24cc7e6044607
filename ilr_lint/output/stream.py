"""Reports written while the files are read: the writer protocol, and JSON written item by item.

A :class:`Writer` is given each finding as the engine yields it (file order), each file's
result when the file is done, and is closed at the end of the run. Writers hold only what
their format needs (see docs/performance.md): a finding is written and dropped.
:func:`renderer` turns a writer into a function over collected results, for ``--fix``
and the library, so both paths write the same bytes.
"""

from __future__ import annotations

import json
from typing import IO, Any, Callable, Sequence

from ..api import Check, Finding
from ..engine import FileResult


class Writer:
    """One report, written as the run goes."""

    def __init__(self, checks: Sequence[Check], out: IO[str]):
        self.checks = checks
        self.out = out

    def finding(self, f: Finding) -> None:
        """One finding, in file order."""

    def file_done(self, result: FileResult) -> None:
        """The file whose findings came last is read to its end."""

    def close(self) -> None:
        """Every file is done: write what ends the report."""


Renderer = Callable[[Sequence[FileResult], Sequence[Check], IO[str]], None]


def replay(writer: Writer, result: FileResult) -> None:
    """A file's collected findings, then the file, given to ``writer``."""
    for f in result.findings:
        writer.finding(f)
    writer.file_done(result)


def renderer(writer: Callable[[Sequence[Check], IO[str]], Writer]) -> Renderer:
    """A function writing collected results through ``writer``."""
    def render(results: Sequence[FileResult], checks: Sequence[Check], out: IO[str]) -> None:
        w = writer(checks, out)
        for result in results:
            replay(w, result)
        w.close()
    return render


class Collecting(Writer):
    """For a report that needs every finding before it starts (HTML: its summary comes first)."""

    def __init__(self, render: Renderer, checks: Sequence[Check], out: IO[str]):
        super().__init__(checks, out)
        self.render = render
        self.results: list[FileResult] = []
        self.findings: list[Finding] = []

    def finding(self, f: Finding) -> None:
        self.findings.append(f)

    def file_done(self, result: FileResult) -> None:
        self.results.append(FileResult(result.path, result.ukprn, result.year, result.learners, self.findings))
        self.findings = []

    def close(self) -> None:
        self.render(self.results, self.checks, self.out)


SLOT = "\x00"  # stands for the streamed array's items in a document's outline


def _around(outline: dict[str, Any]) -> tuple[str, str, str]:
    """``json.dumps(outline, indent=2)`` before and after its ``[SLOT]``, and the items' indent."""
    head, tail = json.dumps(outline, indent=2).split(json.dumps(SLOT))
    pad = head[head.rindex("\n"):]
    return head[:-len(pad)], tail.lstrip(), pad


class StreamedJson:
    """A JSON document with one array written item by item: the bytes of ``json.dump(doc, out, indent=2)``.

    ``outline`` is the document with ``[SLOT]`` in place of the array; the members before the
    array must be final when it is given, those after it are written by :meth:`close` from the
    outline it is given then.
    """

    def __init__(self, out: IO[str], outline: dict[str, Any]):
        self.out = out
        head, _tail, self.pad = _around(outline)
        self.out.write(head)
        self.count = 0

    def add(self, item: Any) -> None:
        text = json.dumps(item, indent=2).replace("\n", self.pad)
        self.out.write(f"{',' if self.count else ''}{self.pad}{text}")
        self.count += 1

    def close(self, outline: dict[str, Any]) -> None:
        _head, tail, pad = _around(outline)
        self.out.write((pad[:-2] if self.count else "") + tail + "\n")
