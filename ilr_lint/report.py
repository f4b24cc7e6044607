"""Writing reports: choosing the format, the report itself, extra ``--also-write`` files, statistics.

Every report is written while the files are read (:class:`Report` hands each finding to
each writer of :mod:`ilr_lint.output`).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Iterator, Sequence

from rich.console import Console
from rich.table import Table

from . import baseline as baseline_file
from .api import Check, Finding
from .engine import FileResult
from .output import WRITERS
from .output.stream import Writer
from .output.text import TextWriter
from .privacy import hide_uln

FORMATS = (*WRITERS, "auto")


class ReportError(Exception):
    pass


def resolve(fmt: str) -> str:
    """``auto`` is ``github`` inside GitHub Actions, ``text`` elsewhere."""
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in WRITERS:
        raise ReportError(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    return fmt


EXTENSIONS = {".json": "json", ".sarif": "sarif", ".html": "html", ".htm": "html", ".csv": "csv"}


def choose_format(fmt: str | None, output_format: Sequence[str], also_write: Sequence[str],
                  configured: str | None, output: Path | None) -> tuple[str, list[tuple[str, Path]]]:
    """The report format and the extra reports (``--also-write``, or the deprecated
    ``--output-format FORMAT:PATH``). With no format asked for and ``-o FILE``, the file's
    extension chooses (text when it names none): annotations are only for the console.
    """
    old = [v for v in output_format if ":" in v]
    if old:
        print("ilr-lint: --output-format FORMAT:PATH is deprecated and will be removed in the next release; "
              "use --also-write FORMAT:PATH (--output-format now names the report format, as in ruff)",
              file=sys.stderr)
    named = [v for v in output_format if ":" not in v]
    fmt = fmt or (named[-1].lower() if named else None) or configured
    if fmt is None and output is not None:
        fmt = EXTENSIONS.get(output.suffix.lower(), "text")
    return resolve(fmt or "auto"), parse_targets([*also_write, *old])


def parse_targets(values: Sequence[str]) -> list[tuple[str, Path]]:
    """``["sarif:out.sarif", "json:r.json"]`` -> ``[("sarif", Path("out.sarif")), ...]``."""
    targets = []
    for value in values:
        fmt, sep, path = value.partition(":")
        if not sep or not path:
            raise ReportError(f"--output-format {value!r}: use FORMAT:PATH, e.g. sarif:ilr.sarif")
        targets.append((resolve(fmt), Path(path)))
    return targets


ENCODING = {"csv": "utf-8-sig"}  # a byte-order mark, so that Excel reads the file as UTF-8


@contextmanager
def opened(path: Path | None, fmt: str) -> Iterator[IO[str]]:
    """``path`` opened for a ``fmt`` report (stdout when ``None``); a failure is a ReportError."""
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding=ENCODING.get(fmt, "utf-8"), newline="")
    except OSError as exc:
        raise ReportError(f"{path}: cannot write ({exc.strerror})") from None
    with handle:
        yield handle


class Statistics(Writer):
    """A count per check, most frequent first."""

    def __init__(self, checks: Sequence[Check], out: IO[str]):
        super().__init__(checks, out)
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def finding(self, f: Finding) -> None:
        self.counts[(f.code, f.name, f.severity)] += 1

    def close(self) -> None:
        table = Table("count", "code", "name", "severity", title="Findings per check")
        for (code, name, severity), n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(str(n), code, name, severity)
        Console(file=self.out, highlight=False).print(table if self.counts else "No findings.")


class Report(Writer):
    """What a run reports, finding by finding as the files are read: ULNs hidden unless
    ``include_uln``, every key counted for ``--write-baseline`` (``record``), the findings a
    ``--baseline`` knows dropped, the rest written to every report (``writers``)."""

    def __init__(self, writers: Sequence[Writer], include_uln: bool = False,
                 known: Counter[str] | None = None, record: bool = False):
        super().__init__((), sys.stdout)
        self.writers = writers
        self.include_uln = include_uln
        self.baseline = baseline_file.Filter(known) if known is not None else None
        self.recorded: Counter[str] | None = Counter() if record else None
        self.severities: set[str] = set()  # of the findings reported, for the exit code
        self.files = 0

    def finding(self, f: Finding) -> None:
        if not self.include_uln:
            f = hide_uln(f)
        if self.recorded is not None:
            self.recorded[f.key] += 1
        if self.baseline is not None and not self.baseline.keeps(f):
            return
        self.severities.add(f.severity)
        for writer in self.writers:
            writer.finding(f)

    def file_done(self, result: FileResult) -> None:
        self.files += 1
        for writer in self.writers:
            writer.file_done(result)

    def close(self) -> None:
        for writer in self.writers:
            writer.close()


@contextmanager
def writers(checks: Sequence[Check], fmt: str, output: Path | None, targets: Sequence[tuple[str, Path]],
            show_statistics: bool, quiet: bool = False) -> Iterator[list[Writer]]:
    """The report in ``fmt`` (to ``output`` or stdout), each ``--also-write`` target and
    ``--statistics``, every file opened before anything is linted."""
    with ExitStack() as stack:
        out = stack.enter_context(opened(output, fmt))
        if show_statistics and fmt == "text":
            every: list[Writer] = [Statistics(checks, out)]
        elif quiet and fmt == "text":
            every = [TextWriter(checks, out, summary=False)]
        else:
            every = [WRITERS[fmt](checks, out)]
        every += [WRITERS[target_fmt](checks, stack.enter_context(opened(path, target_fmt)))
                  for target_fmt, path in targets]
        if show_statistics and fmt != "text":
            every.append(Statistics(checks, sys.stderr))
        yield every
