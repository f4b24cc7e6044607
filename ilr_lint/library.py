"""The library API: lint ILR returns and build the QAR dataset from Python.

For scripts, MIS integrations and distributed engines (docs/scale.md shows Dask mapping these
over many returns). Each call reads its files itself and returns plain, picklable results, so
a worker process or a cluster node can run it and send the result back::

    import ilr_lint
    [result] = ilr_lint.lint(["ILR-10000001-2627-20261101-090000-01.xml"])
    errors = [f for f in result.findings if f.severity == "error"]

Unreadable input raises :class:`ilr_lint.reader.IlrInputError` (the message the command line
prints); nothing here prints or exits.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from .api import discover
from .config import choose
from .engine import FileResult, Options, lint_file
from .reader import IlrInputError

__all__ = ["lint", "qar_dataset", "IlrInputError"]


def lint(paths: Iterable[str | Path], *, select: Sequence[str] = (), ignore: Sequence[str] = (),
         today: date | None = None, previous: Sequence[str | Path] = (), schema: bool = True,
         options: dict[str, Any] | None = None) -> list[FileResult]:
    """Lint ILR files (XML, or zips holding one) with every check, as ``ilr-lint check`` does.

    ``select``/``ignore`` take codes, code prefixes, names or topics; ``previous`` earlier
    submissions for the cross-submission checks; ``schema=False`` leaves out schema validation.
    Returns one :class:`ilr_lint.engine.FileResult` per file, in the order given.
    """
    checks = choose(discover(), list(select), list(ignore))
    schema_for = None
    if schema and any(c.code == "ILR001" for c in checks):
        from .schema import IlrSchema
        schema_for = IlrSchema.for_year
    index = None
    if previous:
        from .previous import PreviousIndex
        index = PreviousIndex.build([str(p) for p in previous], qar=any(c.topic == "qar" for c in checks))
    opts = Options(checks=checks, today=today, options=dict(options or {}), previous=index, schema_for=schema_for)
    return [lint_file(str(path), opts) for path in paths]


def qar_dataset(paths: Sequence[str | Path], *, qar_year: str | None = None, today: date | None = None) -> Any:
    """The QAR dataset (:class:`ilr_lint.qar.dataset.Dataset`) of one provider's returns.

    ``paths``: the current return first, then earlier years' R14s, as ``ilr-lint qar`` takes
    them; ``qar_year`` like ``"2025/26"`` (default: the first file's year).
    """
    from .qar.dataset import build, parse_qar_year
    from .qar.derive import qar_year_end
    from .qar.records import read_year_file
    files = [read_year_file(str(p)) for p in paths]
    year = parse_qar_year(qar_year) if qar_year else files[0].year
    return build(files, year, today or files[0].file_preparation_date or qar_year_end(year))
