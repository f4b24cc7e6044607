"""Report formats. Each is a writer (:mod:`.stream`) given the findings as the files are read."""

from __future__ import annotations

from functools import partial
from typing import IO, Callable, Sequence

from ..api import Check
from . import csv_format, github, html, json_format, sarif, text
from .stream import Collecting, Renderer, Writer, renderer

WRITERS: dict[str, Callable[[Sequence[Check], IO[str]], Writer]] = {
    "text": text.TextWriter,
    "json": json_format.JsonWriter,
    "sarif": sarif.SarifWriter,
    "github": github.GithubWriter,
    "html": partial(Collecting, html.render),
    "csv": csv_format.CsvWriter,
}

# The same formats over collected results (--fix): through the writers, so the bytes are the same.
RENDERERS: dict[str, Renderer] = {name: renderer(writer) for name, writer in WRITERS.items()}
