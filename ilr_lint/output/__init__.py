"""Report formats. Each renderer takes the file results and the checks that ran."""

from __future__ import annotations

from typing import IO, Callable, Sequence

from ..api import Check
from ..engine import FileResult
from . import csv_format, github, html, json_format, sarif, text

Renderer = Callable[[Sequence[FileResult], Sequence[Check], IO[str]], None]

RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": html.render,
    "csv": csv_format.render,
}
