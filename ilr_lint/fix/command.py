"""``ilr-lint check --fix / --unsafe-fixes / --diff``: run the fixer and report what it did."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Callable, Sequence

import typer

from ..api import Check, Finding
from ..engine import FileResult, Options
from ..output import RENDERERS, json_format
from ..reader import IlrInputError
from ..wording import plural
from . import FixOutcome, FixRefused, fix_file


def _say(message: str) -> None:
    typer.echo(f"ilr-lint: {message}", err=True)


def _where(f: Finding) -> str:
    place = f"{f.file}:{f.line}" if f.line else f.file
    who = f" learner {f.learner}" if f.learner else ""
    aim = f" aim {f.aim}" if f.aim is not None else ""
    return f"{place}{who}{aim}"


def _report_outcome(outcome: FixOutcome, diff: bool) -> bool:
    """Tell stderr what went wrong or was left; ``True`` when the fixes failed (a bug)."""
    for finding, why in outcome.skipped:
        _say(f"{_where(finding)}: {finding.code} not fixed: {why}")
    for bug in outcome.bugs:
        _say(f"bug: the fixes would leave {bug.code} at {_where(bug)}: {bug.message}")
    if outcome.bugs:
        _say(f"{outcome.result.path}: not changed; please report this bug with the finding above")
    elif diff:
        _say(f"{outcome.result.path}: would fix {plural(len(outcome.fixed), 'finding')}")
    return bool(outcome.bugs)


def render(results: Sequence[FileResult], fixed: Sequence[Finding], checks: Sequence[Check], fmt: str,
           out: IO[str]) -> None:
    """The usual report of the remaining findings, and the findings that were fixed."""
    if fmt == "json":
        data = json_format.report(results)
        data["fixed"] = [f.as_dict() for f in fixed]
        json.dump(data, out, indent=2)
        out.write("\n")
        return
    RENDERERS[fmt](results, checks, out)
    shown = out if fmt == "text" else sys.stderr
    shown.write(f"Fixed {plural(len(fixed), 'finding')}.\n")
    for f in fixed:
        shown.write(f"  fixed  {_where(f)}  {f.code} {f.message}\n")


def fix_command(files: Sequence[str], opts: Options, checks: Sequence[Check], fmt: str, output: Path | None,
                exit_code: Callable[[list[FileResult], str], int], fail_on: str, *, apply: bool, diff: bool,
                unsafe: bool, backup: bool) -> int:
    """Fix (or diff) each file; returns the exit code."""
    if not (apply or diff):
        _say("--unsafe-fixes and --no-backup go with --fix or --diff")
        return 2
    results: list[FileResult] = []
    fixed: list[Finding] = []
    failed = False
    with ExitStack() as stack:
        sink = None
        if diff:
            sys.stdout.flush()
            sink = stack.enter_context(output.open("wb")) if output else sys.stdout.buffer
        for path in files:
            try:
                outcome = fix_file(path, opts, unsafe=unsafe, write=not diff, backup=backup, diff_out=sink)
            except FixRefused as exc:
                _say(str(exc))
                failed = True
                if exc.result is not None:
                    results.append(exc.result)
                continue
            except IlrInputError as exc:
                _say(str(exc))
                failed = True
                continue
            failed = _report_outcome(outcome, diff) or failed
            results.append(outcome.result)
            fixed.extend(outcome.fixed if not outcome.bugs else ())
        if diff and sink is sys.stdout.buffer:
            sink.flush()
    if not diff:
        with ExitStack() as stack:
            out = stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
            render(results, fixed, checks, fmt, out)
    return 2 if failed else exit_code(results, fail_on)
