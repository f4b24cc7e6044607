"""Writing reports: choosing the format, the report itself, extra ``--also-write`` files, statistics."""

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
from .output import RENDERERS, text

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


def statistics(results: Sequence[FileResult], out: IO[str]) -> None:
    """A count per check, most frequent first."""
    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    table = Table("count", "code", "name", "severity", title="Findings per check")
    for (code, name, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(str(n), code, name, severity)
    Console(file=out, highlight=False).print(table if counts else "No findings.")


def write_all(results: Sequence[FileResult], checks: Sequence[Check], fmt: str, output: Path | None,
              targets: Sequence[tuple[str, Path]], show_statistics: bool, quiet: bool = False) -> None:
    with opened(output, fmt) as out:
        if show_statistics and fmt == "text":
            statistics(results, out)
        elif quiet and fmt == "text":
            text.render(results, checks, out, summary=False)
        else:
            RENDERERS[fmt](results, checks, out)
    for target_fmt, path in targets:
        with opened(path, target_fmt) as out:
            RENDERERS[target_fmt](results, checks, out)
    if show_statistics and fmt != "text":
        statistics(results, sys.stderr)
