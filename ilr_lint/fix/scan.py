"""A small XML tag scanner over raw text: finds each ``<Learner>`` without reformatting anything.

The fixer never re-serialises the document. It cuts the decoded text into pieces whose
concatenation is the original, exactly: text outside learners, and one piece per
``<Learner>...</Learner>`` child of the root. Comments, CDATA sections, processing
instructions and quoted attribute values are skipped as units, so a ``<Learner>`` inside a
comment is not a learner. The file is read in chunks and only the current learner is held.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import IO, Iterator

CHUNK = 1 << 16
_START_TAG = re.compile(r"<([^\s/>!?]+)(?:[^\"'>]|\"[^\"]*\"|'[^']*')*>")
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_LONGEST_OPENER = len("<![CDATA[")


class ScanError(ValueError):
    """The text is not the well-formed XML the linter already read."""


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "start", "end", "empty" (self-closing), or "other" (comment, CDATA, PI, DOCTYPE)
    start: int
    end: int
    name: str = ""

    @property
    def local(self) -> str:
        return self.name.rpartition(":")[2]


def next_token(text: str, lt: int) -> Token | None:
    """The markup token starting at ``text[lt] == '<'``, or ``None`` when it is cut off."""
    for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")):
        if text.startswith(opener, lt):
            end = text.find(closer, lt + len(opener))
            return None if end < 0 else Token("other", lt, end + len(closer))
    if text.startswith("<!", lt):
        end = text.find(">", lt)
        return None if end < 0 else Token("other", lt, end + 1)
    if text.startswith("</", lt):
        end = text.find(">", lt)
        return None if end < 0 else Token("end", lt, end + 1, text[lt + 2:end].strip())
    match = _START_TAG.match(text, lt)
    if match is None:
        return None
    kind = "empty" if text[match.end() - 2] == "/" else "start"
    return Token(kind, lt, match.end(), match.group(1))


def detect_encoding(head: bytes) -> str:
    """The codec to decode and re-encode the file with (a UTF-8 byte order mark stays as text).

    The reader accepts only ASCII-compatible encodings (it refuses UTF-16 as binary), so the
    declaration can be read from the raw bytes.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    found = _DECLARED.match(head)
    return "utf-8" if found is None else codecs.lookup(found.group(1).decode("ascii")).name


def pieces(stream: IO[bytes], encoding: str) -> Iterator[tuple[bool, str]]:
    """``(is_learner, text)`` pieces of the decoded document, in order, that concatenate to it."""
    decoder = codecs.getincrementaldecoder(encoding)()
    buf, pos, seg, depth = "", 0, 0, 0
    in_learner = eof = False
    while True:
        lt = buf.find("<", pos)
        token = None
        if lt >= 0 and (eof or len(buf) - lt >= _LONGEST_OPENER):
            token = next_token(buf, lt)
        if token is None:
            if eof:
                if lt >= 0 or in_learner or depth:
                    raise ScanError("the document ends inside an element or tag")
                if buf[seg:]:
                    yield False, buf[seg:]
                return
            keep = seg if in_learner else (lt if lt >= 0 else len(buf))
            if not in_learner and keep > seg:
                yield False, buf[seg:keep]
            buf, pos, seg = buf[keep:], max(pos - keep, 0), 0
            data = stream.read(CHUNK)
            eof = not data
            buf += decoder.decode(data, final=eof)
            continue
        pos = token.end
        if token.kind == "start":
            if depth == 1 and token.local == "Learner":
                if lt > seg:
                    yield False, buf[seg:lt]
                seg, in_learner = lt, True
            depth += 1
        elif token.kind == "end":
            depth -= 1
            if in_learner and depth == 1:
                yield True, buf[seg:pos]
                seg, in_learner = pos, False
