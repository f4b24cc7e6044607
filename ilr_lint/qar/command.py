"""``ilr-lint qar CURRENT [--previous FILE]... [--qar-year 2025/26]``; CURRENT may be a folder of returns."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from ilr_lint.parallel import MIN_BYTES
from ilr_lint.progress import FileProgress
from ilr_lint.progress import enabled as progress_enabled
from ilr_lint.reader import IlrInputError
from ilr_lint.reference.lars import Lars, LarsError
from ilr_lint.report import ReportError, opened
from ilr_lint.years import BY_CODE

from .dataset import QarYearError, build, parse_qar_year
from .derive import qar_year_end
from .reading import read_files
from .records import YearFile
from .report import RENDERERS, render_rates_csv

# The funder's ILR file name: ILR-<UKPRN>-<year code>-<date>-<time>-<serial>.xml (or a zip of one)
ILR_NAME = re.compile(r"ILR-\d{8}-(\d{4})-.*\.(xml|zip)", re.IGNORECASE)


def _fail(message: str) -> None:
    typer.echo(f"ilr-lint: {message}", err=True)
    raise typer.Exit(2)


def _note(message: str) -> None:
    typer.echo(f"ilr-lint: note: {message}", err=True)


def returns_in(folder: Path) -> list[Path]:
    """The ILR files in ``folder`` (and below), picked by their names; other files are noted and left."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if ILR_NAME.fullmatch(path.name):
            found.append(path)
        elif path.suffix.lower() in (".xml", ".zip"):
            _note(f"{path}: not named like an ILR file (ILR-UKPRN-YYYY-...xml); not used")
    if not found:
        _fail(f"{folder}: no ILR files (ILR-UKPRN-YYYY-...xml) in this folder")
    return found


def _read(paths: list[Path], lenient: bool, jobs: int, min_bytes: int, shown: FileProgress) -> list[YearFile]:
    """The files, read on up to ``jobs`` processes. A file that cannot be read is an error if it
    is the first and not ``lenient``; otherwise one line on stderr, and the QAR goes on without it.
    A name whose year code is not the namespace's is noted (the namespace decides)."""
    files = []
    for n, (path, found) in enumerate(zip(paths, read_files([str(p) for p in paths], jobs, shown, min_bytes))):
        if isinstance(found, IlrInputError):
            if n == 0 and not lenient:
                raise found
            _note(f"{found}; not used")
            continue
        named = ILR_NAME.fullmatch(path.name)
        if named and getattr(BY_CODE.get(named[1]), "first", None) != found.year:
            _note(f"{found.path}: the name says year {named[1]} but the file is {found.label} (its namespace); "
                  f"read as {found.label}")
        files.append(found)
    return files


def qar_command(
    current: Path = typer.Argument(..., metavar="FILE", help="The current ILR file (its year is the default QAR year), "
                                   "or a folder of returns named ILR-UKPRN-YYYY-...xml (the latest year is the "
                                   "default)."),
    previous: List[Path] = typer.Option([], "--previous", metavar="FILE", help="An earlier year's R14 file; repeatable, any order "
                                        "(each file's year comes from its namespace)."),
    qar_year: Optional[str] = typer.Option(None, "--qar-year", metavar="YEAR", help="The QAR year, e.g. 2025/26 "
                                           "(default: the current file's year)."),
    fmt: str = typer.Option("text", "--format", "--output-format", metavar=f"[{'|'.join(RENDERERS)}]",
                                  help="The report format; csv with -o FILE also writes the rates to "
                                  "FILE-rates.csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE", help="Reference date YYYY-MM-DD for "
                                        "'past planned end' (default: the current file's preparation date)."),
    lars: Optional[Path] = typer.Option(None, "--lars", metavar="PATH", help="The funder's LARS CSV download (zip "
                                        "or folder): decides the standards' Effective From exclusion."),
    no_progress: bool = typer.Option(False, "--no-progress", help="Show no progress on stderr (it is shown only "
                                     "when stderr is a terminal)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N", help="Read the files on up to N "
                                       "processes, a large file's learners in batches [default: the number of CPU "
                                       "cores]."),
    parallel_min_bytes: int = typer.Option(MIN_BYTES, "--parallel-min-bytes", min=1, hidden=True,
                                           help="Split a file over processes from this size (tests)."),
) -> None:
    """Project QAR rates and list the records that count against them."""
    if fmt not in RENDERERS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(RENDERERS)}")
    try:
        reference = date.fromisoformat(today) if today else None
    except ValueError:
        _fail(f"--today {today!r} is not a date (use YYYY-MM-DD)")
    try:
        with FileProgress(progress_enabled(False, no_progress)) as shown:
            processes = jobs or os.cpu_count() or 1
            if current.is_dir():
                files = _read(returns_in(current) + previous, True, processes, parallel_min_bytes, shown)
                if not files:
                    _fail(f"{current}: none of its ILR files could be read")
                files.sort(key=lambda f: (f.year, f.file_preparation_date or date.min), reverse=True)
            else:
                files = _read([current, *previous], False, processes, parallel_min_bytes, shown)
        year = parse_qar_year(qar_year) if qar_year else files[0].year
        indexed = Lars.open(lars) if lars is not None else None
    except (IlrInputError, QarYearError, LarsError) as exc:
        _fail(str(exc))
    reference = reference or files[0].file_preparation_date or qar_year_end(year)
    data = build(files, year, reference, indexed)
    for note in data.notes:
        _note(note)
    try:
        with opened(output, fmt) as out:
            RENDERERS[fmt](data, out)
        if fmt == "csv" and output is not None:
            with opened(output.with_name(f"{output.stem}-rates.csv"), "csv") as out:
                render_rates_csv(data, out)
    except ReportError as exc:
        _fail(f"--output {exc}")
