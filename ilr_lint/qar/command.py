"""``ilr-lint qar CURRENT [--previous FILE]... [--qar-year 2025/26]``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from ilr_lint.reader import IlrInputError
from ilr_lint.reference.lars import Lars, LarsError

from .dataset import QarYearError, build, parse_qar_year
from .derive import qar_year_end
from .records import read_year_file
from .report import RENDERERS


def _fail(message: str) -> None:
    typer.echo(f"ilr-lint: {message}", err=True)
    raise typer.Exit(2)


def qar_command(
    current: Path = typer.Argument(..., help="The current ILR file (its year is the default QAR year)."),
    previous: List[Path] = typer.Option([], "--previous", help="An earlier year's R14 file; repeatable, any order "
                                        "(each file's year comes from its namespace)."),
    qar_year: Optional[str] = typer.Option(None, "--qar-year", help="The QAR year, e.g. 2025/26 "
                                           "(default: the current file's year)."),
    fmt: str = typer.Option("text", "--format", help="text, json or csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE."),
    today: Optional[str] = typer.Option(None, "--today", help="Reference date YYYY-MM-DD for 'past planned end' "
                                        "(default: the current file's preparation date)."),
    lars: Optional[Path] = typer.Option(None, "--lars", help="The funder's LARS CSV download (zip or folder): "
                                        "decides the standards' Effective From exclusion."),
) -> None:
    """Project the qualification achievement rates and list the records that will count against them."""
    if fmt not in RENDERERS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(RENDERERS)}")
    try:
        reference = date.fromisoformat(today) if today else None
    except ValueError:
        _fail(f"--today {today!r} is not a date (use YYYY-MM-DD)")
    try:
        files = [read_year_file(str(p)) for p in [current, *previous]]
        year = parse_qar_year(qar_year) if qar_year else files[0].year
        indexed = Lars.open(lars) if lars is not None else None
    except (IlrInputError, QarYearError, LarsError) as exc:
        _fail(str(exc))
    reference = reference or files[0].file_preparation_date or qar_year_end(year)
    data = build(files, year, reference, indexed)
    for note in data.notes:
        typer.echo(f"ilr-lint: note: {note}", err=True)
    try:
        out = sys.stdout if output is None else output.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        _fail(f"--output {output}: cannot write ({exc.strerror})")
    try:
        RENDERERS[fmt](data, out)
    finally:
        if out is not sys.stdout:
            out.close()
