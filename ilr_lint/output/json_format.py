"""JSON report: the stable machine-readable format documented in docs/json-output.md.

Written as the findings arrive: the ``findings`` array item by item, then ``files`` (each
file's learner count is known once it is read) and the ``summary`` counts.
"""

from __future__ import annotations

from collections import Counter
from typing import IO, Any, Sequence

from .. import __version__
from ..api import SEVERITIES, Check, Finding
from ..engine import FileResult
from .stream import SLOT, StreamedJson, Writer

TOOL = {"name": "ilr-lint", "version": __version__}


def _file(r: FileResult) -> dict[str, Any]:
    return {"path": r.path, "ukprn": r.ukprn, "year": r.year, "learners": r.learners}


def _outline(findings: list[Any], results: Sequence[FileResult], severities: Counter[str]) -> dict[str, Any]:
    return {"tool": TOOL, "findings": findings, "files": [_file(r) for r in results],
            "summary": {sev: severities[sev] for sev in SEVERITIES}}


def report(results: Sequence[FileResult]) -> dict[str, Any]:
    """The whole report as a dict (``--fix`` adds the fixed findings to it)."""
    findings = [f for r in results for f in r.findings]
    return _outline([f.as_dict() for f in findings], results, Counter(f.severity for f in findings))


class JsonWriter(Writer):
    def __init__(self, checks: Sequence[Check], out: IO[str]):
        super().__init__(checks, out)
        self.results: list[FileResult] = []  # without their findings
        self.severities: Counter[str] = Counter()
        self.findings = StreamedJson(out, _outline([SLOT], [], self.severities))

    def finding(self, f: Finding) -> None:
        self.findings.add(f.as_dict())
        self.severities[f.severity] += 1

    def file_done(self, result: FileResult) -> None:
        self.results.append(FileResult(result.path, result.ukprn, result.year, result.learners))

    def close(self) -> None:
        self.findings.close(_outline([SLOT], self.results, self.severities))

