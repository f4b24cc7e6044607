"""``ilr-lint check --fix / --unsafe-fixes / --diff``: run the fixer and report what it did."""

from __future__ import annotations

import json
import signal
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Callable, Iterable, Sequence

import typer

from ..api import Check, Finding
from ..engine import FileResult, Options
from ..output import RENDERERS, json_format
from ..progress import FileProgress
from ..privacy import hide_result_ulns, hide_ulns
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


def _report_outcome(outcome: FixOutcome, diff: bool, show_fixes: bool) -> bool:
    """Tell stderr what went wrong or was left; ``True`` when the fixes failed (a bug)."""
    for learner in outcome.untouched:
        _say(f"{outcome.result.path}: learner {learner} not fixed: it has schema errors (ILR001/ILR002); correct "
             "them first")
    for finding, why in outcome.skipped:
        _say(f"{_where(finding)}: {finding.code} not fixed: {why}")
    for bug in outcome.bugs:
        _say(f"bug: the fixes would leave {bug.code} at {_where(bug)}: {bug.message}")
    if outcome.bugs:
        _say(f"{outcome.result.path}: not changed; please report this bug with the finding above")
    elif diff:
        _say(f"{outcome.result.path}: would fix {plural(len(outcome.fixed), 'finding')}")
        if show_fixes:
            _list_fixes(outcome.fixed, outcome.changes, sys.stderr, "would fix")
    return bool(outcome.bugs)


def _list_fixes(fixed: Sequence[Finding], changes: dict[int, list[str]], out: IO[str], verb: str) -> None:
    """One line per fixed finding and, with ``--show-fixes``, one per field it changed (old -> new)."""
    for f in fixed:
        out.write(f"  {verb}  {_where(f)}  {f.code} {f.message}\n")
        for change in changes.get(id(f), ()):
            out.write(f"      {change}  ({f.fixable or 'safe'} fix)\n")


def render(results: Sequence[FileResult], fixed: Sequence[Finding], checks: Sequence[Check], fmt: str,
           out: IO[str], changes: dict[int, list[str]]) -> None:
    """The usual report of the remaining findings, and the findings that were fixed (with
    ``changes``, what each fix changed)."""
    if fmt == "json":
        data = json_format.report(results)
        data["fixed"] = [{**f.as_dict(), "fixable": f.fixable, "changes": changes.get(id(f), [])} for f in fixed]
        json.dump(data, out, indent=2)
        out.write("\n")
        return
    RENDERERS[fmt](results, checks, out)
    shown = out if fmt == "text" else sys.stderr
    shown.write(f"Fixed {plural(len(fixed), 'finding')}.\n")
    _list_fixes(fixed, changes, shown, "fixed")


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
                exit_code: Callable[[Iterable[str], str], int], fail_on: str, *, apply: bool, diff: bool,
                unsafe: bool, backup: bool, include_uln: bool = False, closing_note: str | None = None,
                show_fixes: bool = False, show_progress: bool = False) -> int:
    """Fix (or diff) each file; returns the exit code."""
    if not (apply or diff):
        _say("--unsafe-fixes, --no-backup and --show-fixes go with --fix or --diff")
        return 2
    signal.signal(signal.SIGTERM, _terminated)
    results: list[FileResult] = []
    fixed: list[Finding] = []
    changes: dict[int, list[str]] = {}
    failed = False
    with ExitStack() as stack:
        shown_progress = stack.enter_context(FileProgress(show_progress))
        sink = None
        out: IO[str] = sys.stdout
        if diff:
            sys.stdout.flush()
            sink = _open_output(stack, output, "wb") if output else sys.stdout.buffer
        elif output is not None:  # refuse a report that cannot be written before any file is changed
            out = _open_output(stack, output, "w")
        for path in files:
            opts.on_learner = shown_progress.file(path)
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
            failed = _report_outcome(outcome, diff, show_fixes) or failed
            results.append(outcome.result)
            fixed.extend(outcome.fixed if not outcome.bugs else ())
            if show_fixes:
                changes.update(outcome.changes)
        if diff and sink is sys.stdout.buffer:
            sink.flush()
        if not diff:
            if not include_uln:
                hide_result_ulns(results)
                shown = hide_ulns(fixed)  # new findings: carry each one's changes over
                changes = {id(new): changes.get(id(old), []) for old, new in zip(fixed, shown)}
                fixed = shown
            render(results, fixed, checks, fmt, out, changes)
    if closing_note and results:
        _say(f"note: {closing_note}")
    return 2 if failed else exit_code((f.severity for r in results for f in r.findings), fail_on)
