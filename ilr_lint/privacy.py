"""What ilr-lint never prints: personal values in diffs, and ULNs unless ``--include-uln``.

ILR files are OFFICIAL-SENSITIVE. The model never reads names, addresses or contact details,
and schema messages never quote a personal value (:mod:`ilr_lint.schema`). Two places
remain where personal data could reach an output, and both are closed here:

- **Diffs.** ``--diff`` prints lines of the file. On every line, context and changed alike,
  the value of a personal element that starts on that line is shown as ``…``
  (``<NINumber>…</NINumber>``): :func:`mask`.
- **ULNs.** A finding carries the learner's ULN and a few messages quote ULNs. Unless
  ``--include-uln`` is given, :func:`hide_uln` empties the ``uln`` of every finding and
  replaces any ULN in a message or fix text by ``…`` (the temporary ULN 9999999999, which
  identifies no one, and the schema's lower bound 1000000000 are kept).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable

from .api import Finding
from .engine import FileResult
from .model import PERSONAL_FIELDS

MASK = "…"
MASKED_ELEMENTS = PERSONAL_FIELDS | {"ULN"}
# A masked element's start tag (any prefix), then its value up to the end tag or, if the
# value goes on, to the end of the line.
_ELEMENT_VALUE = re.compile(r"(<((?:[\w.-]+:)?(?:%s))(?:\s[^>]*)?>)(.*?)(?=</\2\s*>|\r?\n?$)"
                            % "|".join(sorted(MASKED_ELEMENTS)), re.S)
# Ten digits: nothing else in a message is, but the schema's bounds for a ULN.
_ULN = re.compile(r"(?<!\d)(?!9999999999|1000000000)\d{10}(?!\d)")


def mask(line: str) -> str:
    """``line`` with every personal value that starts on it replaced by ``…``."""
    return _ELEMENT_VALUE.sub(lambda m: m[1] + (MASK if m[3] else ""), line)


def hide_uln(f: Finding) -> Finding:
    """The finding without ULNs: ``uln`` emptied, ULNs in the message and fix text masked."""
    return dataclasses.replace(f, uln=None, message=_ULN.sub(MASK, f.message), fix=_ULN.sub(MASK, f.fix))


def hide_ulns(findings: Iterable[Finding]) -> list[Finding]:
    """:func:`hide_uln` on each finding."""
    return [hide_uln(f) for f in findings]


def hide_result_ulns(results: Iterable[FileResult]) -> None:
    """:func:`hide_ulns` on the findings of each file."""
    for result in results:
        result.findings = hide_ulns(result.findings)
