"""The ``ilr-lint`` command line."""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, List, Optional

import typer
from rich.console import Console
from typer.core import TyperArgument

from . import __version__, report
from . import baseline as baseline_file
from .api import SEVERITY_RANK, TOPICS, Check, PluginError, discover
from .config import Config, ConfigError, check_option_names, choose, load_config, split_selectors
from . import progress
from .engine import CheckFailed, FileResult, FileStream, Options, lint_file, unmet_needs
from .guidance import cite
from .inputs import NoFiles, expand
from .output.stream import Writer, replay
from .qar.command import qar_command
from .reader import IlrInputError, regular_file
from .reference.lars import Lars, LarsError
from .stdin import report_name, shown_name, stdin_file
from .wording import plural

# Typer prints an argument's Python type beside its name (FILES... <list[Path]>); the name is enough.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Lint and correct ILR XML files before they go to the funder.")
FAIL_ON = ("error", "warning", "never")
NOT_ASSESSED = "not assessed:"


class UsageError(Exception):
    """A problem with how ilr-lint was called: exit 2 with one line."""


def _die(message: str) -> None:
    _note(message)
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


def selected_checks(config: Config, select: List[str], extend: List[str], ignore: List[str]) -> list[Check]:
    """``--select`` (else the configuration's), plus ``--extend-select``, minus every ignore."""
    for option, values in (("--select", select), ("--extend-select", extend), ("--ignore", ignore)):
        if any(not v.strip(" ,") for v in values):
            raise UsageError(f"{option} needs a code, code prefix, name or topic (see 'ilr-lint rules')")
    every = discover()
    check_option_names(config, every)
    base, more = split_selectors(select) or config.select, split_selectors(extend)
    if more and not base:
        choose(every, more, [])  # everything is selected already; this only rejects unknown names
    return choose(every, base + more if base else [], config.ignore + split_selectors(ignore))


def not_run(checks: list[Check], previous: List[Path]) -> str | None:
    """A note naming the selected checks that cannot run without ``--previous``, if any."""
    idle = [c.code for c in checks if c.needs_previous]
    if previous or not idle:
        return None
    return (f"{plural(len(idle), 'check')} compare with an earlier submission and did not run, as no --previous "
            f"was given: {', '.join(idle)}")


def exit_code(severities: Iterable[str], fail_on: str) -> int:
    """1 when a finding of one of ``severities`` reaches the ``--fail-on`` level, else 0."""
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[sev] >= threshold for sev in severities))


COLORS = ("auto", "always", "never")


def choices(values: tuple[str, ...]) -> str:
    """``[text|json|...]``: the allowed values, shown in --help in place of a type."""
    return f"[{'|'.join(values)}]"


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., metavar="FILES...", help="ILR XML files, zips, or folders of them; "
                                       "- reads one file from standard input."),
    previous: List[Path] = typer.Option([], "--previous", metavar="FILE", help="An earlier submission (previous "
                                        "R14 or an earlier return this year); repeatable."),
    fmt: Optional[str] = typer.Option(None, "--format", metavar=choices(report.FORMATS),
                                      help="The report format [default: auto: github inside GitHub Actions, else "
                                      "text; with -o, from the file's extension]."),
    output_format: List[str] = typer.Option([], "--output-format", metavar="FORMAT", help="The same as --format "
                                            "(ruff's name). The old FORMAT:PATH spelling is deprecated: use "
                                            "--also-write."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
    also_write: List[str] = typer.Option([], "--also-write", metavar="FORMAT:PATH", help="Also write a report "
                                         "in FORMAT to PATH, e.g. sarif:ilr.sarif; repeatable."),
    statistics: bool = typer.Option(False, "--statistics", help="Print a count per check instead of "
                                    "each finding (text), or on stderr beside another format."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Always exit 0, even with findings."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE", help="Report only findings not "
                                            "recorded in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", metavar="FILE", help="Record the "
                                                  "current findings as the baseline in FILE."),
    select: List[str] = typer.Option([], "--select", metavar="CODES", help="Only these codes, code prefixes, "
                                     "names or topics (comma-separated; repeatable)."),
    extend_select: List[str] = typer.Option([], "--extend-select", metavar="CODES", help="Add these to the "
                                            "selection (from --select or the configuration)."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="CODES", help="Skip these codes, code prefixes, "
                                     "names or topics."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar=choices(FAIL_ON),
                                          help="The severity that makes the exit code 1 [default: error]."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE", help="Reference date YYYY-MM-DD "
                                        "[default: the file preparation date]."),
    schema: Optional[Path] = typer.Option(None, "--schema", metavar="XSD", help="Validate against this XSD (the "
                                          "funder's published schema) instead of the built-in one."),
    config_file: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Read the settings from "
                                               "this file (pyproject.toml or .ilr-lint.toml) instead of searching."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every configuration file."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes in place (see docs/fixes.md)."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff: also the unsafe "
                                      "fixes, sensible defaults a person should confirm."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of the fixes; change nothing."),
    no_backup: bool = typer.Option(False, "--no-backup", help="With --fix: keep no <file>.ilr-lint.bak."),
    show_fixes: bool = typer.Option(False, "--show-fixes", help="With --fix or --diff: list each field a fix "
                                    "changes, old and new value (personal values are never shown)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N", help="Use up to N processes: "
                                       "N files at once, or one large file's learners in N processes "
                                       "[default: the number of CPU cores]."),
    parallel_min_bytes: Optional[int] = typer.Option(None, "--parallel-min-bytes", min=1, hidden=True,
                                                     help="Split a file over processes from this size (tests)."),
    include_uln: bool = typer.Option(False, "--include-uln", help="Show learners' ULNs in reports (they are "
                                     "left out by default: personal data)."),
    exclude: List[str] = typer.Option([], "--exclude", metavar="GLOB", help="In folders, skip files and folders "
                                      "matching this glob (name or path below the folder); repeatable."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the findings and nothing else."),
    no_progress: bool = typer.Option(False, "--no-progress", help="Show no progress on stderr (it is shown only "
                                     "when stderr is a terminal)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also say on stderr which configuration, "
                                 "checks and files are used."),
    color: str = typer.Option("auto", "--color", metavar=choices(COLORS), help="Colour in the text report; auto "
                              "honours NO_COLOR."),
    lars: Optional[Path] = typer.Option(None, "--lars", metavar="PATH", help="The funder's LARS CSV download (the "
                                        "zip, or the folder it unzips to): enables the rules that need LARS."),
) -> None:
    """Lint ILR files and report findings."""
    say = (lambda message: None) if quiet else _note
    try:
        set_color(color)
        config = Config() if isolated else load_config(path=config_file)
        fmt_name, targets = report.choose_format(fmt, output_format, also_write, config.format, output)
        known = baseline_file.read(baseline) if baseline else None
        fail_level = fail_on or config.fail_on or "error"
        if fail_level not in FAIL_ON:
            raise UsageError(f"--fail-on {fail_level!r} is not one of: {', '.join(FAIL_ON)}")
        checks = selected_checks(config, select, extend_select, ignore)
        files, notes = expand(paths, exclude)
        if "-" in files and (fix or diff or unsafe_fixes):
            raise UsageError("--fix and --diff need a file, not standard input")
        opts = Options(checks=checks, today=parse_today(today), options=config.options,
                       previous=load_previous(previous, checks),
                       schema_for=schema_loader(checks, schema or (Path(config.schema) if config.schema else None)),
                       lars=load_lars(lars or (Path(config.lars) if config.lars else None)),
                       jobs=jobs or os.cpu_count() or 1)
        if parallel_min_bytes is not None:
            opts.parallel_min_bytes = parallel_min_bytes
    except (UsageError, ConfigError, PluginError, IlrInputError, report.ReportError,
            baseline_file.BaselineError, NoFiles, LarsError) as exc:
        _die(str(exc))
    for note in notes:
        say(f"note: {note}")
    idle = not_run(checks, previous)  # said once, after the run, if any file was linted
    if verbose:
        _note(f"configuration: {config.source or 'none'}; {len(checks)} checks; {len(files)} files; "
              f"report: {fmt_name}")
    if exit_zero:  # input and usage errors still exit 2
        fail_level = "never"
    if fix or diff or unsafe_fixes or no_backup or show_fixes:
        from .fix.command import fix_command
        raise typer.Exit(fix_command(files, opts, checks, fmt_name, output, exit_code, fail_level, apply=fix,
                                     diff=diff, unsafe=unsafe_fixes, backup=not no_backup, include_uln=include_uln,
                                     closing_note=idle, show_fixes=show_fixes,
                                     show_progress=progress.enabled(quiet, no_progress) and not diff))
    try:
        # progress first: on a terminal, what the report prints goes above the progress line
        with progress.FileProgress(progress.enabled(quiet, no_progress)) as shown, \
                report.writers(checks, fmt_name, output, targets, statistics, quiet) as writers, \
                stdin_file(files) as real_files:
            sink = report.Report(writers, include_uln, known, record=write_baseline is not None)
            failed = run(real_files, opts, sink, opts.jobs, verbose, shown)
            sink.close()
        if sink.recorded is not None and write_baseline is not None:
            count = baseline_file.write(write_baseline, sink.recorded)
            say(f"wrote {plural(count, 'finding')} to the baseline {write_baseline}")
        if sink.baseline is not None:
            _say_baseline(sink.baseline, say)
    except (report.ReportError, baseline_file.BaselineError) as exc:
        _die(str(exc))
    if not failed:  # bad input or output is one line on stderr, nothing more
        _say_not_assessed(checks, opts, say)
    if idle and sink.files:
        say(f"note: {idle}")
    if write_baseline is not None:  # the findings are recorded: the gate passes
        fail_level = "never"
    raise typer.Exit(2 if failed else exit_code(sink.severities, fail_level))


app.command("qar")(qar_command)


def _note(message: str) -> None:
    typer.echo(f"ilr-lint: {message}", err=True)


def set_color(choice: str) -> None:
    """``--color``: rich reads FORCE_COLOR and NO_COLOR when it builds each console."""
    if choice not in COLORS:
        raise UsageError(f"--color {choice!r} is not one of: {', '.join(COLORS)}")
    if choice == "always":
        os.environ.pop("NO_COLOR", None)
        os.environ["FORCE_COLOR"] = "1"
    elif choice == "never":
        os.environ.pop("FORCE_COLOR", None)
        os.environ["NO_COLOR"] = "1"


def _say_baseline(baseline: baseline_file.Filter, say: Callable[[str], None]) -> None:
    """What the baseline suppressed, and which of its entries are stale."""
    say(f"baseline suppressed {plural(baseline.suppressed, 'known finding')}")
    if baseline.stale:
        n = len(baseline.stale)
        say(f"{plural(n, 'baseline entry', 'baseline entries')} no longer {'occurs' if n == 1 else 'occur'} "
            "(run --write-baseline again to shrink it)")


_SHARED: Options | None = None  # the options a forked worker inherits (checks and indexes need no pickling)


def _lint_shared(path: str) -> FileResult | str:
    """In a worker: lint one file with the inherited options; an error comes back as its message."""
    assert _SHARED is not None
    try:
        return lint_file(path, _SHARED, report_name(path))
    except (IlrInputError, CheckFailed) as exc:
        return str(exc)


def run(files: list[str], opts: Options, sink: Writer, jobs: int = 1, verbose: bool = False,
        shown: progress.FileProgress | None = None) -> bool:
    """Lint each file, its findings given to ``sink`` as they come; an unreadable one is reported
    on stderr and the rest still run. Returns whether any file could not be linted.

    With ``jobs`` > 1 and several files, files are linted in forked worker processes, each file
    in one, its findings coming back as a list; results and messages keep the order the files
    were given in, and are those of one process. Otherwise ``shown`` shows each file's progress,
    and one file's learners may use ``opts.jobs`` processes (:mod:`ilr_lint.parallel`).
    """
    failed = False
    for path in files if verbose else ():
        _note(f"linting {shown_name(path)}")
    if jobs > 1 and len(files) > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _SHARED
        _SHARED = replace(opts, jobs=1)  # one process per file: the workers are the files'
        with ProcessPoolExecutor(min(jobs, len(files)), mp_context=multiprocessing.get_context("fork")) as pool:
            for outcome in pool.map(_lint_shared, files):
                if isinstance(outcome, str):
                    typer.echo(f"ilr-lint: {outcome}", err=True)
                    failed = True
                else:
                    replay(sink, outcome)
        return failed
    for path in files:
        opts.on_learner = shown.file(shown_name(path)) if shown is not None else None
        try:
            stream = FileStream(path, opts, report_name(path))
            for finding in stream:
                sink.finding(finding)
        except (IlrInputError, CheckFailed) as exc:
            _note(str(exc).replace(path, shown_name(path)))
            failed = True
            continue
        sink.file_done(stream.result)
    return failed


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


def load_lars(path: Optional[Path]):  # type: ignore[no-untyped-def]
    """The indexed LARS download (built on first use, then reused from the cache), or None."""
    return Lars.open(path) if path is not None else None


def _say_not_assessed(checks: list[Check], opts: Options, say: Callable[[str], None]) -> None:
    """Once per run, as a note: the selected rules that need reference data this run lacks."""
    waiting = [c.code for c in checks if unmet_needs(c, opts)]
    if waiting:
        say(f"note: {NOT_ASSESSED} {plural(len(waiting), 'rule')} need LARS: give --lars "
            "('ilr-lint rules --official' lists them)")


def load_previous(paths: List[Path], checks: list[Check]):  # type: ignore[no-untyped-def]
    """The index of earlier submissions that cross-submission checks compare against."""
    if not paths:
        return None
    from .previous import PreviousIndex
    return PreviousIndex.build([str(p) for p in paths], qar=any(c.topic == "qar" for c in checks))


RULES_FORMATS = ("text", "json", "markdown")


@app.command()
def rules(
    topic: List[str] = typer.Option([], "--topic", metavar="TOPIC", help="Only the checks of this topic; "
                                    "repeatable."),
    fmt: str = typer.Option("text", "--format", metavar=choices(RULES_FORMATS),
                            help="The listing format (markdown goes with --official)."),
    official: bool = typer.Option(False, "--official",
                                  help="List the funder's official rules with the check enforcing each, or why none does."),
    year: Optional[str] = typer.Option(None, "--year", metavar="YEAR", help="With --official: one collection year, "
                                       "e.g. 2026-27."),
) -> None:
    """List every check: code, name, topic, severity, official rules."""
    import json

    from .official import listing
    from .official.catalogue import LIST_YEARS
    if fmt not in RULES_FORMATS:
        _die(f"--format must be text, json or markdown, not {fmt!r}")
    if year is not None and year not in LIST_YEARS:
        _die(f"--year must be one of {', '.join(LIST_YEARS)} (the years whose official rules list ilr-lint holds)")
    try:
        checks = discover()
    except PluginError as exc:
        _die(str(exc))
    wanted = {t.lower() for t in split_selectors(topic)}
    unknown = wanted - set(TOPICS)
    if unknown:
        _die(f"--topic {', '.join(sorted(unknown))}: not a topic; topics are {', '.join(TOPICS)}")
    shown = [c for c in checks if not wanted or c.topic in wanted]
    years = [year] if year else list(LIST_YEARS)
    if fmt == "markdown":
        if not official:
            _die("--format markdown goes with --official")
        typer.echo(listing.markdown(checks))
        return
    if fmt == "json":
        data = ({y: listing.official_rows(checks, y) for y in years} if official else listing.check_rows(shown))
        typer.echo(json.dumps(data, indent=2))
        return
    # A pipe or a file gets full rows: rich would otherwise truncate names to fit 80 columns.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    from rich.table import Table
    if not official:
        table = Table("code", "name", "topic", "severity", "official rules", "summary")
        for chk in shown:
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
def explain(code: str = typer.Argument(..., metavar="CODE", help="A check code or name, e.g. ILR101.")) -> None:
    """Explain a check: what it enforces, why, and how to fix it."""
    try:
        found = [c for c in discover() if code.upper() == c.code.upper() or code.lower() == c.name]
    except PluginError as exc:
        _die(str(exc))
    if not found:
        _die(f"no check {code!r} (see 'ilr-lint rules')")
    chk = found[0]
    from rich.markdown import Markdown
    lines = [f"# {chk.code} {chk.name}", f"Topic **{chk.topic}**, severity **{chk.severity}**."]
    if chk.rules:
        lines.append(f"Official rules: {', '.join(chk.rules)}.")
    if chk.guidance:
        lines.append(f"Guidance: {cite(chk.guidance)}.")
    Console(highlight=False).print(Markdown("\n\n".join([*lines, chk.doc])))
