"""Human report with rich: findings grouped by learner, then a summary by topic and severity."""

from __future__ import annotations

import re
from collections import Counter
from typing import IO, Iterable, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..api import SEVERITIES, TOPICS, Check, Finding
from ..engine import FileResult
from ..wording import plural
from .stream import Writer

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def by_line(f: Finding) -> tuple[int, str]:
    """The order of a learner's findings: by line, then code."""
    return (f.line or 0, f.code)


class Tally:
    """What the summaries count: findings by topic and severity, and the fixable ones."""

    def __init__(self, findings: Iterable[Finding] = ()):
        self.by_topic: Counter[tuple[str, str]] = Counter()
        self.fixable: Counter[str | None] = Counter()
        for f in findings:
            self.add(f)

    def add(self, f: Finding) -> None:
        self.by_topic[(f.topic, f.severity)] += 1
        self.fixable[f.fixable] += 1

    def severity(self, sev: str) -> int:
        return sum(n for (_topic, s), n in self.by_topic.items() if s == sev)

    @property
    def total(self) -> int:
        return sum(self.by_topic.values())


def fixable_note(tally: Tally) -> str:
    """``N fixable with --fix`` (and those that need ``--unsafe-fixes``), or empty."""
    safe, unsafe = tally.fixable["safe"], tally.fixable["unsafe"]
    notes = [f"[*] {safe} fixable with --fix"] if safe else []
    if unsafe:
        notes.append(f"{unsafe} more with --unsafe-fixes")
    return "; ".join(notes) + ("." if notes else "")


def aim_suffix(f: Finding) -> str:
    """`` (aim 2 60146242)`` unless the message already names that aim."""
    if f.aim is None or re.search(rf"\baim {f.aim}\b", f.message):
        return ""
    return f" (aim {f.aim} {f.learn_aim_ref or ''})".replace(" )", ")")


def _print_finding(console: Console, f: Finding) -> None:
    where = f"{f.file}:{f.line}" if f.line else f.file
    marker = " [*]" if f.fixable == "safe" else ""  # as in ruff: [*] for what --fix applies
    rules = f" ({', '.join(f.rules)})" if f.rules and f.rules != (f.code,) else ""
    console.print(f"    {escape(where)}  [{STYLE[f.severity]}]{f.code}{escape(marker)}{escape(rules)} {f.severity}[/] "
                  f"{escape(f.message)}{escape(aim_suffix(f))}")
    console.print(f"      [dim]fix:[/] {escape(f.fix)}")


def summary_table(tally: Tally) -> Table:
    counts = tally.by_topic
    table = Table(title="Findings by topic")
    table.add_column("topic")
    for sev in SEVERITIES:
        table.add_column(sev, justify="right")
    for topic in TOPICS:
        if any(counts[(topic, sev)] for sev in SEVERITIES):
            table.add_row(topic, *(str(counts[(topic, sev)]) for sev in SEVERITIES))
    table.add_row("[bold]total[/]", *(f"[bold]{tally.severity(sev)}[/]" for sev in SEVERITIES))
    return table


class TextWriter(Writer):
    """The findings of each learner under its LearnRefNumber, in file order (a learner's sorted by
    line), the file's findings as a whole last; unless ``summary`` is false (``--quiet``), a line
    for each file after its findings and the table by topic and severity at the end.

    Holds one learner's findings at a time (to sort them) and the counts for the summary.
    """

    def __init__(self, checks: Sequence[Check], out: IO[str], summary: bool = True):
        super().__init__(checks, out)
        self.console = Console(file=out, highlight=False, soft_wrap=True)
        self.summary = summary
        self.group: list[Finding] = []  # consecutive findings of one learner (or of the whole file)
        self.in_file = 0
        self.files = 0
        self.tally = Tally()

    def finding(self, f: Finding) -> None:
        if self.group and self.group[0].learner != f.learner:
            self._write_group()
        self.group.append(f)
        self.in_file += 1
        self.tally.add(f)

    def _write_group(self) -> None:
        learner = self.group[0].learner
        self.console.print(f"  [bold]Learner {escape(learner)}[/]" if learner else "  [bold]File[/]")
        for finding in sorted(self.group, key=by_line):
            _print_finding(self.console, finding)
        self.group = []

    def file_done(self, result: FileResult) -> None:
        if self.group:
            self._write_group()
        if self.summary:
            self.console.print(f"[bold]{escape(result.path)}[/]  UKPRN {result.ukprn}  year {result.year}  "
                               f"{plural(result.learners, 'learner')}  {plural(self.in_file, 'finding')}")
        self.in_file = 0
        self.files += 1

    def close(self) -> None:
        if not self.files or not self.summary:
            return  # every file was unreadable (the reasons are on stderr), or --quiet
        if not self.tally.total:
            self.console.print("[green]No findings.[/]")
            return
        self.console.print(summary_table(self.tally))
        note = fixable_note(self.tally)
        if note:
            self.console.print(escape(note))

