"""A unified diff of the original and the corrected copy, read forward in step.

The rewrite knows which lines changed (:class:`ilr_lint.fix.rewriter.Region`), so only those
lines and their context are compared with difflib; the rest of both files is skipped
without being held. Line endings are kept as they are, and a last line without a newline is
marked the way ``patch`` expects.

No personal value is ever printed: every line of the diff, context and changed alike, goes
through :func:`ilr_lint.privacy.mask`. ``patch`` therefore reproduces ``--fix`` exactly on
the file with its personal values masked the same way, and on any file where no hunk
shows a personal value.
"""

from __future__ import annotations

import codecs
from difflib import SequenceMatcher
from typing import IO, Iterator, Sequence

from ..privacy import mask
from .rewriter import Region
from .scan import CHUNK

CONTEXT = 3
NO_NEWLINE = "\\ No newline at end of file\n"


def lines(stream: IO[bytes], encoding: str) -> Iterator[str]:
    """The decoded lines of ``stream``, split after each "\\n" only, endings kept."""
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = ""
    while True:
        data = stream.read(CHUNK)
        pending += decoder.decode(data, final=not data)
        *complete, pending = pending.split("\n")
        yield from (line + "\n" for line in complete)
        if not data:
            break
    if pending:
        yield pending


class _Cursor:
    def __init__(self, stream: IO[bytes], encoding: str):
        self._lines, self.line = lines(stream, encoding), 0  # ``line``: how many lines have been read

    def take(self, first: int, last: int) -> list[str]:
        """Lines ``first``..``last`` (1-based, inclusive; fewer at the end of the file)."""
        for _ in range(first - 1 - self.line):
            next(self._lines)
            self.line += 1
        taken = []
        while self.line < last:
            line = next(self._lines, None)
            if line is None:
                break
            taken.append(line)
            self.line += 1
        return taken


def merged(regions: Sequence[Region]) -> list[Region]:
    """Regions whose context would touch joined into one, so hunks never overlap."""
    out: list[Region] = []
    for region in sorted(regions, key=lambda r: r.a_start):
        if out and region.a_start - out[-1].a_end - 1 <= 2 * CONTEXT:
            last = out.pop()
            region = Region(last.a_start, max(last.a_end, region.a_end), last.b_start, max(last.b_end, region.b_end))
        out.append(region)
    return out


def _range(start: int, length: int) -> str:
    """A hunk range as difflib and patch write it (``start`` is 0-based)."""
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _body(tag: str, text: Sequence[str]) -> Iterator[str]:
    for line in text:
        yield tag + mask(line)
        if not line.endswith("\n"):
            yield "\n" + NO_NEWLINE


def write_diff(original: IO[bytes], fixed: IO[bytes], regions: Sequence[Region], encoding: str,
               label: str, sink: IO[bytes]) -> None:
    """Write a unified diff from ``original`` to ``fixed`` (both named ``label``) to ``sink``.

    The diff is encoded like the file itself, so that ``patch`` finds its lines byte for byte.
    """
    out = codecs.getwriter(encoding)(sink)
    a, b = _Cursor(original, encoding), _Cursor(fixed, encoding)
    header = False
    for region in merged(regions):
        a_first = max(1, region.a_start - CONTEXT)
        b_first = region.b_start - (region.a_start - a_first)
        old = a.take(a_first, region.a_end + CONTEXT)
        new = b.take(b_first, region.b_end + CONTEXT)
        for group in SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(CONTEXT):
            if not header:
                out.write(f"--- {label}\n+++ {label}\n")
                header = True
            i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
            out.write(f"@@ -{_range(a_first - 1 + i1, i2 - i1)} +{_range(b_first - 1 + j1, j2 - j1)} @@\n")
            for op, x1, x2, y1, y2 in group:
                if op == "equal":
                    out.writelines(_body(" ", old[x1:x2]))
                    continue
                if op in ("replace", "delete"):
                    out.writelines(_body("-", old[x1:x2]))
                if op in ("replace", "insert"):
                    out.writelines(_body("+", new[y1:y2]))
