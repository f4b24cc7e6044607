"""The ``ilr-lint`` command line."""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console

from collections import Counter

from . import __version__, report
from . import baseline as baseline_file
from .api import SEVERITY_RANK, Check, PluginError, discover
from .config import Config, ConfigError, check_option_names, choose, load_config, split_selectors
from .engine import CheckFailed, FileResult, Options, lint_file
from .inputs import NoFiles, expand
from .privacy import hide_result_ulns
from .qar.command import qar_command
from .reader import IlrInputError, regular_file

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Lint and correct ILR XML files before they go to the funder.")
FAIL_ON = ("error", "warning", "never")
app.command("qar")(qar_command)


class UsageError(Exception):
    """A problem with how ilr-lint was called: exit 2 with one line."""


def _die(message: str) -> None:
    typer.echo(f"ilr-lint: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ilr-lint {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """Lint and correct ILR XML files before they go to the funder."""


def parse_today(value: Optional[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value!r} is not a date (use YYYY-MM-DD)") from None


def selected_checks(config: Config, select: List[str], ignore: List[str]) -> list[Check]:
    every = discover()
    check_option_names(config, every)
    return choose(every, split_selectors(select) or config.select, config.ignore + split_selectors(ignore))


def not_run(checks: list[Check], previous: List[Path]) -> str | None:
    """A note naming the selected checks that cannot run without ``--previous``, if any."""
    idle = [c.code for c in checks if c.needs_previous]
    if previous or not idle:
        return None
    return (f"{len(idle)} check(s) compare with an earlier submission and did not run, as no --previous was "
            f"given: {', '.join(idle)}")


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings))


@contextmanager
def _progress(enabled: bool) -> Iterator[object]:
    """A learner counter on stderr for large files, only when stderr is a terminal."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=Console(stderr=True),
                  transient=True) as progress:
        yield progress


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="ILR XML files, zips, or folders of them."),
    previous: List[Path] = typer.Option([], "--previous", help="An earlier submission (previous R14 or an "
                                        "earlier return this year); repeatable."),
    fmt: Optional[str] = typer.Option(None, "--format", help="text, json, sarif, github, or auto "
                                      "(github inside GitHub Actions, else text)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE."),
    output_format: List[str] = typer.Option([], "--output-format", help="Also write FORMAT:PATH, "
                                            "e.g. sarif:ilr.sarif; repeatable."),
    statistics: bool = typer.Option(False, "--statistics", help="Print a count per check instead of "
                                    "each finding (text), or on stderr beside another format."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Always exit 0, even with findings."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not "
                                            "recorded in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the current "
                                                  "findings as the baseline in FILE."),
    select: List[str] = typer.Option([], "--select", help="Only these codes, code prefixes, names or topics."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these codes, code prefixes, names or topics."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error, warning or never (default error)."),
    today: Optional[str] = typer.Option(None, "--today", help="Reference date YYYY-MM-DD "
                                        "(default: the file preparation date)."),
    schema: Optional[Path] = typer.Option(None, "--schema", help="Validate against this XSD (the funder's "
                                          "published schema) instead of the built-in one."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes in place (see docs/fixes.md)."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff: also the unsafe "
                                      "fixes, sensible defaults a person should confirm."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of the fixes; change nothing."),
    no_backup: bool = typer.Option(False, "--no-backup", help="With --fix: keep no <file>.ilr-lint.bak."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Lint up to N files at once, in separate "
                                       "processes (default: the number of CPU cores)."),
    include_uln: bool = typer.Option(False, "--include-uln", help="Show learners' ULNs in reports (they are "
                                     "left out by default: personal data)."),
    exclude: List[str] = typer.Option([], "--exclude", help="In folders, skip files and folders matching this "
                                      "glob (name or path below the folder); repeatable."),
) -> None:
    """Lint ILR files and report findings."""
    try:
        config = load_config()
        fmt = report.resolve(fmt or config.format or "auto")
        targets = report.parse_targets(output_format)
        known = baseline_file.read(baseline) if baseline else None
        fail_on = fail_on or config.fail_on or "error"
        if fail_on not in FAIL_ON:
            raise UsageError(f"--fail-on {fail_on!r} is not one of: {', '.join(FAIL_ON)}")
        checks = selected_checks(config, select, ignore)
        files, notes = expand(paths, exclude)
        opts = Options(checks=checks, today=parse_today(today), options=config.options,
                       previous=load_previous(previous, checks),
                       schema_for=schema_loader(checks, schema or (Path(config.schema) if config.schema else None)))
    except (UsageError, ConfigError, PluginError, IlrInputError, report.ReportError,
            baseline_file.BaselineError, NoFiles) as exc:
        _die(str(exc))
    for note in notes:
        typer.echo(f"ilr-lint: note: {note}", err=True)
    idle = not_run(checks, previous)  # said once, after the run, if any file was linted
    if exit_zero:  # input and usage errors still exit 2
        fail_on = "never"
    if fix or diff or unsafe_fixes or no_backup:
        from .fix.command import fix_command
        raise typer.Exit(fix_command(files, opts, checks, fmt, output, exit_code, fail_on, apply=fix, diff=diff,
                                     unsafe=unsafe_fixes, backup=not no_backup, include_uln=include_uln,
                                     closing_note=idle))
    results, failed = run(files, opts, jobs or os.cpu_count() or 1)
    if not include_uln:
        hide_result_ulns(results)
    try:
        if write_baseline is not None:
            count = baseline_file.write(write_baseline, [f for r in results for f in r.findings])
            typer.echo(f"ilr-lint: wrote {count} findings to the baseline {write_baseline}", err=True)
        if known is not None:
            _apply_baseline(results, known)
        report.write_all(results, checks, fmt, output, targets, statistics)
    except (report.ReportError, baseline_file.BaselineError) as exc:
        _die(str(exc))
    if idle and results:
        typer.echo(f"ilr-lint: note: {idle}", err=True)
    if write_baseline is not None:  # the findings are recorded: the gate passes
        fail_on = "never"
    raise typer.Exit(2 if failed else exit_code(results, fail_on))


def _apply_baseline(results: list[FileResult], known: "Counter[str]") -> None:
    """Drop findings recorded in the baseline; say what it suppressed and what is stale."""
    filtered = baseline_file.apply(known, [f for r in results for f in r.findings])
    kept = {id(f) for f in filtered.kept}
    for r in results:
        r.findings = [f for f in r.findings if id(f) in kept]
    typer.echo(f"ilr-lint: baseline suppressed {filtered.suppressed} known findings", err=True)
    if filtered.stale:
        typer.echo(f"ilr-lint: {len(filtered.stale)} baseline entries no longer occur "
                   "(run --write-baseline again to shrink it)", err=True)


_SHARED: Options | None = None  # the options a forked worker inherits (checks and indexes need no pickling)


def _lint_shared(path: str) -> FileResult | str:
    """In a worker: lint one file with the inherited options; an error comes back as its message."""
    assert _SHARED is not None
    try:
        return lint_file(path, _SHARED)
    except (IlrInputError, CheckFailed) as exc:
        return str(exc)


def run(files: list[str], opts: Options, jobs: int = 1) -> tuple[list[FileResult], bool]:
    """Lint each file; an unreadable one is reported on stderr and the rest still run.

    With ``jobs`` > 1 and several files, files are linted in forked worker processes; results
    and messages keep the order the files were given in, and are those of one process.
    """
    results: list[FileResult] = []
    failed = False
    if jobs > 1 and len(files) > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _SHARED
        _SHARED = opts
        with ProcessPoolExecutor(min(jobs, len(files)), mp_context=multiprocessing.get_context("fork")) as pool:
            for outcome in pool.map(_lint_shared, files):
                if isinstance(outcome, str):
                    typer.echo(f"ilr-lint: {outcome}", err=True)
                    failed = True
                else:
                    results.append(outcome)
        return results, failed
    with _progress(sys.stderr.isatty()) as progress:
        for path in files:
            if progress is not None:
                task = progress.add_task(f"{path}: 0 learners")  # type: ignore[attr-defined]
                opts.on_learner = lambda n, t=task, p=path: (n % 500 == 0) and progress.update(  # type: ignore
                    t, description=f"{p}: {n} learners")
            try:
                results.append(lint_file(path, opts))
            except (IlrInputError, CheckFailed) as exc:
                typer.echo(f"ilr-lint: {exc}", err=True)
                failed = True
    return results, failed


def schema_loader(checks: list[Check], schema_path: Optional[Path]):  # type: ignore[no-untyped-def]
    """How to get the schema for a file's year; ``None`` when schema checks are not selected."""
    if not any(c.code == "ILR001" for c in checks):
        return None
    from .schema import IlrSchema, SchemaLoadError
    if schema_path is not None:
        regular_file(str(schema_path), "an XSD file")
        try:
            custom = IlrSchema.from_file(schema_path)
        except SchemaLoadError as exc:
            raise UsageError(str(exc)) from None
        return lambda year: custom
    return IlrSchema.for_year


def load_previous(paths: List[Path], checks: list[Check]):  # type: ignore[no-untyped-def]
    """The index of earlier submissions that cross-submission checks compare against."""
    if not paths:
        return None
    from .previous import PreviousIndex
    return PreviousIndex.build([str(p) for p in paths], qar=any(c.topic == "qar" for c in checks))


@app.command()
def rules(
    fmt: str = typer.Option("text", "--format", help="text, json or markdown."),
    official: bool = typer.Option(False, "--official",
                                  help="List the funder's official rules with the check enforcing each, or why none does."),
    year: Optional[str] = typer.Option(None, "--year", help="With --official: one collection year, e.g. 2026-27."),
) -> None:
    """List every check: code, name, topic, severity, official rules."""
    import json

    from .official import listing
    from .official.catalogue import LIST_YEARS
    if fmt not in ("text", "json", "markdown"):
        _die(f"--format must be text, json or markdown, not {fmt!r}")
    if year is not None and year not in LIST_YEARS:
        _die(f"--year must be one of {', '.join(LIST_YEARS)} (the years whose official rules list ilr-lint holds)")
    try:
        checks = discover()
    except PluginError as exc:
        _die(str(exc))
    years = [year] if year else list(LIST_YEARS)
    if fmt == "markdown":
        if not official:
            _die("--format markdown goes with --official")
        typer.echo(listing.markdown(checks))
        return
    if fmt == "json":
        data = ({y: listing.official_rows(checks, y) for y in years} if official else listing.check_rows(checks))
        typer.echo(json.dumps(data, indent=2))
        return
    # A pipe or a file gets full rows: rich would otherwise truncate names to fit 80 columns.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    from rich.table import Table
    if not official:
        table = Table("code", "name", "topic", "severity", "official rules", "summary")
        for chk in checks:
            table.add_row(chk.code, chk.name, chk.topic, chk.severity, ", ".join(chk.rules), chk.summary)
        console.print(table)
        return
    for y in years:
        rows = listing.official_rows(checks, y)
        done, total = listing.coverage(rows)
        table = Table("rule", "severity", "enforced by", "or why not",
                      title=f"{y}: {done} of {total} rules decidable from the file enforced")
        for row in rows:
            table.add_row(row["rule"], row["severity"], ", ".join(row["checks"]), row["reason"])
        console.print(table)


@app.command()
def explain(code: str = typer.Argument(..., help="A check code or name, e.g. ILR101.")) -> None:
    """Print a check's documentation: what it enforces, why, and how to fix it."""
    try:
        found = [c for c in discover() if code.upper() == c.code.upper() or code == c.name]
    except PluginError as exc:
        _die(str(exc))
    if not found:
        _die(f"no check {code!r} (see 'ilr-lint rules')")
    chk = found[0]
    typer.echo(f"{chk.code} {chk.name}  (topic {chk.topic}, severity {chk.severity})")
    if chk.rules:
        typer.echo(f"Official rules: {', '.join(chk.rules)}")
    if chk.guidance:
        typer.echo(f"Guidance: {chk.guidance}")
    typer.echo("")
    typer.echo(chk.doc)
