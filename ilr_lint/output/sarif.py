"""SARIF 2.1.0 report for GitHub code scanning and other CI dashboards.

One run, written as the findings arrive: ``results`` come before ``automationDetails``
(which names every file's UKPRN and year). ``tool.driver.rules`` lists every check that ran, with its documentation as help
text; each result has a relative ``artifactLocation.uri``, a 1-based ``startLine`` (no
columns: libxml2 gives none), and ``partialFingerprints`` from the finding's ILR key, so a
re-exported file does not reopen every alert.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import PurePath
from typing import IO, Any, Sequence
from urllib.parse import quote

from .. import __version__
from ..api import Check, Finding
from ..engine import FileResult
from ..guidance import cite
from .stream import SLOT, StreamedJson, Writer

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ilr-lint/ilr-lint"
MAX_RESULTS = 25_000  # GitHub code scanning's limit per run
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative, forward-slash, percent-encoded URI for a path as reported."""
    return quote(PurePath(path).as_posix(), safe="/")


def _rule(chk: Check) -> dict[str, Any]:
    doc = chk.doc
    plain = doc.replace("**", "")
    extra = []
    if chk.rules:
        extra.append(f"Official rules: {', '.join(chk.rules)}.")
    if chk.guidance:
        extra.append(f"Guidance: {cite(chk.guidance)}.")
    return {
        "id": chk.code,
        "name": chk.name,
        "shortDescription": {"text": chk.summary},
        "fullDescription": {"text": plain},
        "help": {"text": "\n\n".join([plain, *extra]), "markdown": "\n\n".join([doc, *extra])},
        "defaultConfiguration": {"level": LEVEL[chk.severity]},
        "properties": {"tags": [chk.topic, "ilr"], "officialRules": list(chk.rules)},
    }


def _fingerprint(f: Finding, seen: Counter[str]) -> str:
    """The finding's key, numbered when a key repeats (``seen`` counts the keys so far)."""
    seen[f.key] += 1
    return hashlib.sha256(f"{f.key}#{seen[f.key]}".encode()).hexdigest()[:32]


def _result(f: Finding, fingerprint: str, rule_index: dict[str, int]) -> dict[str, Any]:
    text = f.message if f.learner is None else f"Learner {f.learner}: {f.message}"
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(f.file)}}
    if f.line:
        location["region"] = {"startLine": f.line}
    result = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f"{text} Fix: {f.fix}"},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"ilrKey/v1": fingerprint},
    }
    if f.code in rule_index:
        result["ruleIndex"] = rule_index[f.code]
    if f.rules:
        result["properties"] = {"officialRules": list(f.rules)}
    return result


def automation_id(results: Sequence[FileResult]) -> str:
    """``ilr-lint/<UKPRN>-<year>/`` for one file, so each file or year is its own category."""
    parts = sorted({f"{r.ukprn}-{r.year}" for r in results}) or ["none"]
    return f"ilr-lint/{'+'.join(parts)}/"


def _outline(checks: Sequence[Check], results: Sequence[FileResult]) -> dict[str, Any]:
    """The document with ``[SLOT]`` for its results (written as they come, so before ``automationDetails``)."""
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ilr-lint", "version": __version__, "informationUri": INFORMATION_URI,
                                "rules": [_rule(c) for c in checks]}},
            "results": [SLOT],
            "automationDetails": {"id": automation_id(results)},
        }],
    }


class SarifWriter(Writer):
    """Holds the files' UKPRN and year (for ``automationDetails``) and, for the fingerprints, the
    keys of the results written (at most :data:`MAX_RESULTS`)."""

    def __init__(self, checks: Sequence[Check], out: IO[str]):
        super().__init__(checks, out)
        self.rule_index = {c.code: i for i, c in enumerate(checks)}
        self.results: list[FileResult] = []  # without their findings
        self.seen: Counter[str] = Counter()
        self.count = 0
        self.written = StreamedJson(out, _outline(checks, []))

    def finding(self, f: Finding) -> None:
        self.count += 1
        if self.count <= MAX_RESULTS:
            self.written.add(_result(f, _fingerprint(f, self.seen), self.rule_index))

    def file_done(self, result: FileResult) -> None:
        self.results.append(FileResult(result.path, result.ukprn, result.year, result.learners))

    def close(self) -> None:
        self.written.close(_outline((), self.results))
        if self.count > MAX_RESULTS:
            print(f"ilr-lint: SARIF holds the first {MAX_RESULTS} of {self.count} findings "
                  "(GitHub code scanning's limit per run); see the JSON or text report for all",
                  file=sys.stderr)

