"""JSON report: the stable machine-readable format documented in docs/json-output.md."""

from __future__ import annotations

import json
from typing import IO, Any, Sequence

from .. import __version__
from ..api import SEVERITIES, Check
from ..engine import FileResult


def report(results: Sequence[FileResult]) -> dict[str, Any]:
    findings = [f for r in results for f in r.findings]
    return {
        "tool": {"name": "ilr-lint", "version": __version__},
        "files": [{"path": r.path, "ukprn": r.ukprn, "year": r.year, "learners": r.learners} for r in results],
        "findings": [f.as_dict() for f in findings],
        "summary": {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITIES},
    }


def render(results: Sequence[FileResult], checks: Sequence[Check], out: IO[str]) -> None:
    json.dump(report(results), out, indent=2)
    out.write("\n")
