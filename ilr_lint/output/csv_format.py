"""CSV: one row per finding, for a spreadsheet. Shared with ``ilr-lint qar --format csv``.

Written to a file, the report is UTF-8 with a byte-order mark so that Excel reads it as
UTF-8 (see ``report.ENCODING``); dates are ISO (YYYY-MM-DD); a text cell that a spreadsheet
would run as a formula (starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
prefixed with an apostrophe. Like every format it carries no ULN or other personal data.
"""

from __future__ import annotations

import csv
from typing import IO, Any, Callable, Iterable, Mapping, Sequence

from ..api import Check, Finding
from .stream import Writer

FIELDS = ("code", "name", "topic", "severity", "message", "fix", "file", "line", "learner", "aim",
          "learn_aim_ref", "fixable", "rules")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A value safe to open in a spreadsheet: lists joined with ``;``, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ";".join(map(str, value))
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def row_writer(out: IO[str], fields: Sequence[str]) -> Callable[[Mapping[str, Any]], None]:
    """Writes the header row, and returns a function that writes one row."""
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    return lambda row: writer.writerow({k: cell(row.get(k)) for k in fields})


def write_rows(out: IO[str], fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    write = row_writer(out, fields)
    for row in rows:
        write(row)


class CsvWriter(Writer):
    def __init__(self, checks: Sequence[Check], out: IO[str]):
        super().__init__(checks, out)
        self.write = row_writer(out, FIELDS)

    def finding(self, f: Finding) -> None:
        self.write({**f.as_dict(), "fixable": f.fixable})

