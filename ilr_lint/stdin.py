"""``ilr-lint check -``: one ILR file read from standard input, reported as ``-``.

The reader needs a file it can open twice (to sniff a zip, then to stream the XML), so the
input is spooled to a temporary file; results and findings then name ``-`` instead.
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from .engine import FileResult
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


def named(result: FileResult) -> FileResult:
    """Standard input's result and findings name ``-``, not the temporary file that held it."""
    if any(result.path == display_path(tmp) for tmp in _SPOOLED):
        result.path = NAME
        result.findings = [replace(f, file=NAME) for f in result.findings]
    return result
