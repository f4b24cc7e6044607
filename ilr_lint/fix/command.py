"""``ilr-lint check --fix / --unsafe-fixes / --diff``: run the fixer and report what it did."""

from __future__ import annotations

import json
import signal
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Callable, Sequence

import typer

from ..api import Check, Finding
from ..engine import FileResult, Options
from ..output import RENDERERS, json_format
from ..privacy import hide_result_ulns, hide_ulns
from ..reader import IlrInputError
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
        _say(f"{outcome.result.path}: would fix {len(outcome.fixed)} finding(s)")
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
    shown.write(f"Fixed {len(fixed)} finding(s).\n")
    for f in fixed:
        shown.write(f"  fixed  {_where(f)}  {f.code} {f.message}\n")


def _terminated(signum: int, _frame: object) -> None:
    """SIGTERM ends the run as Ctrl-C does: through the clean-up (the original is untouched)."""
    raise SystemExit(128 + signum)


def _open_output(stack: ExitStack, output: Path, mode: str) -> IO:  # type: ignore[type-arg]
    """``output`` opened for the run, or one line and exit 2."""
    try:
        return stack.enter_context(output.open(mode, **({} if "b" in mode else {"encoding": "utf-8"})))
    except OSError as exc:
        _say(f"{output}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(2) from None


def fix_command(files: Sequence[str], opts: Options, checks: Sequence[Check], fmt: str, output: Path | None,
                exit_code: Callable[[list[FileResult], str], int], fail_on: str, *, apply: bool, diff: bool,
                unsafe: bool, backup: bool, include_uln: bool = False, closing_note: str | None = None) -> int:
    """Fix (or diff) each file; returns the exit code."""
    if not (apply or diff):
        _say("--unsafe-fixes and --no-backup go with --fix or --diff")
        return 2
    signal.signal(signal.SIGTERM, _terminated)
    results: list[FileResult] = []
    fixed: list[Finding] = []
    failed = False
    with ExitStack() as stack:
        sink = None
        out: IO[str] = sys.stdout
        if diff:
            sys.stdout.flush()
            sink = _open_output(stack, output, "wb") if output else sys.stdout.buffer
        elif output is not None:  # refuse a report that cannot be written before any file is changed
            out = _open_output(stack, output, "w")
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
            if not include_uln:
                outcome.bugs = hide_ulns(outcome.bugs)
            failed = _report_outcome(outcome, diff) or failed
            results.append(outcome.result)
            fixed.extend(outcome.fixed if not outcome.bugs else ())
        if diff and sink is sys.stdout.buffer:
            sink.flush()
        if not diff:
            if not include_uln:
                hide_result_ulns(results)
                fixed = hide_ulns(fixed)
            render(results, fixed, checks, fmt, out)
    if closing_note and results:
        _say(f"note: {closing_note}")
    return 2 if failed else exit_code(results, fail_on)
