"""``ilr-lint check -``: one ILR file read from standard input, reported as ``-``.

The reader needs a file it can open twice (to sniff a zip, then to stream the XML), so the
input is spooled to a temporary file; results and findings name ``-`` instead (the engine is
given :func:`report_name`).
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .reader import display_path

NAME = "-"
_SPOOLED: set[str] = set()  # temporary files standing for standard input


@contextmanager
def stdin_file(files: list[str]) -> Iterator[list[str]]:
    """``files`` with ``-`` replaced by a temporary copy of standard input (removed afterwards)."""
    if NAME not in files:
        yield files
        return
    with tempfile.TemporaryDirectory(prefix="ilr-lint-") as folder:
        spooled = Path(folder) / "stdin.xml"
        spooled.write_bytes(sys.stdin.buffer.read())
        _SPOOLED.add(str(spooled))
        yield [str(spooled) if f == NAME else f for f in files]


def shown_name(path: str) -> str:
    return NAME if path in _SPOOLED else path


def report_name(path: str) -> str:
    """The name findings and results give the file: ``-`` for standard input."""
    return NAME if path in _SPOOLED else display_path(path)
