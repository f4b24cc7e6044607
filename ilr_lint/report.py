"""Writing reports: the console format, extra ``--output-format FORMAT:PATH`` files, statistics."""

from __future__ import annotations

import os
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Sequence

from rich.console import Console
from rich.table import Table

from .api import Check
from .engine import FileResult
from .output import RENDERERS

FORMATS = (*RENDERERS, "auto")


class ReportError(Exception):
    pass


def resolve(fmt: str) -> str:
    """``auto`` is ``github`` inside GitHub Actions, ``text`` elsewhere."""
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in RENDERERS:
        raise ReportError(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    return fmt


def parse_targets(values: Sequence[str]) -> list[tuple[str, Path]]:
    """``["sarif:out.sarif", "json:r.json"]`` -> ``[("sarif", Path("out.sarif")), ...]``."""
    targets = []
    for value in values:
        fmt, sep, path = value.partition(":")
        if not sep or not path:
            raise ReportError(f"--output-format {value!r}: use FORMAT:PATH, e.g. sarif:ilr.sarif")
        targets.append((resolve(fmt), Path(path)))
    return targets


@contextmanager
def _opened(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"{path}: cannot write ({exc.strerror})") from None
    with handle:
        yield handle


def statistics(results: Sequence[FileResult], out: IO[str]) -> None:
    """A count per check, most frequent first."""
    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    table = Table("count", "code", "name", "severity", title="Findings per check")
    for (code, name, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(str(n), code, name, severity)
    Console(file=out, highlight=False).print(table if counts else "No findings.")


def write_all(results: Sequence[FileResult], checks: Sequence[Check], fmt: str, output: Path | None,
              targets: Sequence[tuple[str, Path]], show_statistics: bool) -> None:
    with _opened(output) as out:
        if show_statistics and fmt == "text":
            statistics(results, out)
        else:
            RENDERERS[fmt](results, checks, out)
    for target_fmt, path in targets:
        with _opened(path) as out:
            RENDERERS[target_fmt](results, checks, out)
    if show_statistics and fmt != "text":
        statistics(results, sys.stderr)
