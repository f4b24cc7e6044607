"""``ilr-lint qar CURRENT [--previous FILE]... [--qar-year 2025/26]``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from ilr_lint.reader import IlrInputError
from ilr_lint.report import ReportError, opened

from .dataset import QarYearError, build, parse_qar_year
from .derive import qar_year_end
from .records import read_year_file
from .report import RENDERERS, render_rates_csv


def _fail(message: str) -> None:
    typer.echo(f"ilr-lint: {message}", err=True)
    raise typer.Exit(2)


def qar_command(
    current: Path = typer.Argument(..., metavar="FILE", help="The current ILR file (its year is the default QAR year)."),
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
) -> None:
    """Project QAR rates and list the records that count against them."""
    if fmt not in RENDERERS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(RENDERERS)}")
    try:
        reference = date.fromisoformat(today) if today else None
    except ValueError:
        _fail(f"--today {today!r} is not a date (use YYYY-MM-DD)")
    try:
        files = [read_year_file(str(p)) for p in [current, *previous]]
        year = parse_qar_year(qar_year) if qar_year else files[0].year
    except (IlrInputError, QarYearError) as exc:
        _fail(str(exc))
    reference = reference or files[0].file_preparation_date or qar_year_end(year)
    data = build(files, year, reference)
    for note in data.notes:
        typer.echo(f"ilr-lint: note: {note}", err=True)
    try:
        with opened(output, fmt) as out:
            RENDERERS[fmt](data, out)
        if fmt == "csv" and output is not None:
            with opened(output.with_name(f"{output.stem}-rates.csv"), "csv") as out:
                render_rates_csv(data, out)
    except ReportError as exc:
        _fail(f"--output {exc}")
