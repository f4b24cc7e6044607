"""Shared fixtures: write ILR XML to a temporary file, lint it, run the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Callable

import pytest

from ilr_lint.api import Context, Finding, Problem, discover
from ilr_lint.config import choose
from ilr_lint.engine import Options, lint_file
from ilr_lint.model import Learner
from ilr_lint.previous import PreviousIndex
from ilr_lint.reader import IlrReader

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE_2526 = SHARED / "reference" / "ilr-2025-26" / "ILR-99999999-2526-20250108-094401.xml"
SAMPLE_2627 = SHARED / "reference" / "ilr-2026-27" / "ILR-99999999-2627-20250408-094403.xml"
RULES_2526 = SHARED / "reference" / "ilr-2025-26" / "validation-rules-2526.csv"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the funder's reference files) is absent")


@pytest.fixture
def write_ilr(tmp_path: Path) -> Callable[..., Path]:
    """``write_ilr(xml, name="ILR.xml") -> Path`` of the file written under tmp_path."""
    def write(xml: str, name: str = "ILR-10000001-2627-20261101-090000-01.xml") -> Path:
        path = tmp_path / name
        path.write_text(xml, encoding="utf-8")
        return path
    return write


@pytest.fixture
def lint(write_ilr: Callable[..., Path]) -> Callable[..., list[Finding]]:
    """``lint(xml, select=("ILR101",), today=None, previous=(xml, ...), options={}, lars=None)`` -> findings.

    Schema validation runs only when ``ILR001`` is selected, as on the command line.
    """
    def run(xml: str, select: tuple[str, ...] = (), today: date | None = None,
            previous: tuple[str, ...] = (), options: dict | None = None, lars: object = None) -> list[Finding]:
        checks = choose(discover(), list(select), [])
        prev_paths = [str(write_ilr(x, name=f"previous-{i}.xml")) for i, x in enumerate(previous)]
        opts = Options(checks=checks, today=today, options=options or {},
                       previous=PreviousIndex.build(prev_paths) if prev_paths else None,
                       schema_for=_schema_for(checks), lars=lars)
        return lint_file(str(write_ilr(xml)), opts).findings
    return run


@pytest.fixture
def problems(write_ilr: Callable[..., Path]) -> Callable[..., list[Problem]]:
    """``problems(xml, "ILR238", today=None, options={})`` -> the Problems one check yields, edits included.

    Findings carry only whether a fix exists; this runs the check itself so tests can assert
    exactly which edits it attaches.
    """
    def run(xml: str, code: str, today: date | None = None, options: dict | None = None) -> list[Problem]:
        chk = next(c for c in discover() if c.code == code)
        reader = IlrReader(str(write_ilr(xml)))
        found: list[Problem] = []
        for record in reader:
            if isinstance(record.item, Learner):
                assert reader.header is not None
                ctx = Context(path="test.xml", header=reader.header, year=reader.year,
                              today=today or reader.header.file_preparation_date or date.today(),
                              options=options or {})
                found.extend(chk.run(record.item, ctx))
        return found
    return run


def _schema_for(checks):  # type: ignore[no-untyped-def]
    if not any(c.code == "ILR001" for c in checks):
        return None
    from ilr_lint.schema import IlrSchema
    return IlrSchema.for_year


def without_notes(stderr: str) -> str:
    """``stderr`` without the "ilr-lint: note:" lines (for example the checks that need --previous)."""
    return "".join(line for line in stderr.splitlines(keepends=True) if not line.startswith("ilr-lint: note: "))


def codes(findings: list[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed ``ilr-lint`` console script: ``cli("check", path, cwd=...)``."""
    exe = shutil.which("ilr-lint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    assert exe, "the ilr-lint console script is not installed (pip install -e '.[test]')"

    def run(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                              env={**os.environ, **(env or {})}, input=input, timeout=300)
    run.exe = exe  # type: ignore[attr-defined]
    return run
