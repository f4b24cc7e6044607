"""Human report with rich: findings grouped by learner, then a summary by topic and severity."""

from __future__ import annotations

import re
from collections import Counter
from typing import IO, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..api import SEVERITIES, TOPICS, Check, Finding
from ..engine import FileResult
from ..wording import plural

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def by_learner(findings: Sequence[Finding]) -> dict[str | None, list[Finding]]:
    """Findings per LearnRefNumber in file order; whole-file findings (``None``) first."""
    groups: dict[str | None, list[Finding]] = {None: []}
    for finding in findings:
        groups.setdefault(finding.learner, []).append(finding)
    if not groups[None]:
        del groups[None]
    return {learner: sorted(group, key=lambda f: (f.line or 0, f.code)) for learner, group in groups.items()}


def fixable_note(findings: Sequence[Finding]) -> str:
    """``N fixable with --fix`` (and those that need ``--unsafe-fixes``), or empty."""
    safe = sum(1 for f in findings if f.fixable == "safe")
    unsafe = sum(1 for f in findings if f.fixable == "unsafe")
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


def summary_table(findings: Sequence[Finding]) -> Table:
    counts = Counter((f.topic, f.severity) for f in findings)
    table = Table(title="Findings by topic")
    table.add_column("topic")
    for sev in SEVERITIES:
        table.add_column(sev, justify="right")
    for topic in TOPICS:
        if any(counts[(topic, sev)] for sev in SEVERITIES):
            table.add_row(topic, *(str(counts[(topic, sev)]) for sev in SEVERITIES))
    table.add_row("[bold]total[/]", *(f"[bold]{sum(1 for f in findings if f.severity == sev)}[/]"
                                      for sev in SEVERITIES))
    return table


def render(results: Sequence[FileResult], checks: Sequence[Check], out: IO[str], summary: bool = True) -> None:
    """The findings by file and learner; unless ``summary`` is false (``--quiet``), file headings
    and the table by topic and severity too."""
    console = Console(file=out, highlight=False, soft_wrap=True)
    for result in results:
        if summary:
            console.print(f"[bold]{escape(result.path)}[/]  UKPRN {result.ukprn}  year {result.year}  "
                          f"{plural(result.learners, 'learner')}  {plural(len(result.findings), 'finding')}")
        for learner, group in by_learner(result.findings).items():
            console.print(f"  [bold]Learner {escape(learner)}[/]" if learner else "  [bold]File[/]")
            for finding in group:
                _print_finding(console, finding)
    if not results or not summary:
        return  # every file was unreadable (the reasons are on stderr), or --quiet
    findings = [f for r in results for f in r.findings]
    if not findings:
        console.print("[green]No findings.[/]")
        return
    console.print(summary_table(findings))
    note = fixable_note(findings)
    if note:
        console.print(escape(note))
