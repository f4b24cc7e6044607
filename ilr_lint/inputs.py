"""Which files a run reads: files as given, and the ILR returns found in folders.

A folder is walked in name order for ``.xml`` and ``.zip`` files. Tool and hidden folders
(``.git``, ``.venv``, ``node_modules``, ``venv``, ``__pycache__``, any name starting with a
dot, among them the fixer's own ``.ilr-lint-fix-*`` work folders) are never entered, and
``--exclude GLOB`` leaves out matching files and folders. A file found in a folder that is
not an ILR return at all (another kind of XML, a zip without one XML file) is skipped with a
note; a file named on the command line is always read, and an error if it is not an ILR.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterator, Sequence

from .reader import IlrInputError, NotIlr, sniff

SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "__pycache__"})
SUFFIXES = (".xml", ".zip")


class NoFiles(Exception):
    """A folder holds no ILR return to read."""


def excluded(relative: str, patterns: Sequence[str]) -> bool:
    """``relative`` (a path below the scanned folder, with ``/``) matches a pattern by its name or as a whole."""
    name = relative.rpartition("/")[2]
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)


def _walk(folder: Path, exclude: Sequence[str]) -> Iterator[Path]:
    for top, dirs, names in os.walk(folder):
        below = os.path.relpath(top, folder).replace(os.sep, "/")
        prefix = "" if below == "." else below + "/"
        dirs[:] = sorted(d for d in dirs
                         if not (d.startswith(".") or d in SKIPPED_FOLDERS or excluded(prefix + d, exclude)))
        for name in sorted(names):
            if name.lower().endswith(SUFFIXES) and not excluded(prefix + name, exclude):
                path = Path(top, name)
                if path.is_file():
                    yield path


def expand(paths: Sequence[Path], exclude: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """The files to read, and a note for each file found in a folder that is not an ILR return."""
    files: list[str] = []
    notes: list[str] = []
    for path in paths:
        if not path.is_dir():
            files.append(str(path))
            continue
        found = sorted(_walk(path, exclude))
        if not found:
            raise NoFiles(f"{path}: no .xml or .zip files in this folder")
        for file in found:
            try:
                sniff(str(file))
            except NotIlr as exc:
                notes.append(f"skipped {exc}")
                continue
            except IlrInputError:
                pass  # an ILR return that cannot be read: reported when it is linted
            files.append(str(file))
    return files, notes
