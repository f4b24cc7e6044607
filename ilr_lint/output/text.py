"""Human report with rich: findings grouped by learner, then a summary by topic and severity."""

from __future__ import annotations

from collections import Counter
from typing import IO, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..api import SEVERITIES, TOPICS, Check, Finding
from ..engine import FileResult

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def by_learner(findings: Sequence[Finding]) -> dict[str | None, list[Finding]]:
    """Findings per LearnRefNumber in file order; whole-file findings (``None``) first."""
    groups: dict[str | None, list[Finding]] = {None: []}
    for finding in findings:
        groups.setdefault(finding.learner, []).append(finding)
    if not groups[None]:
        del groups[None]
    return {learner: sorted(group, key=lambda f: (f.line or 0, f.code)) for learner, group in groups.items()}


def _print_finding(console: Console, f: Finding) -> None:
    where = f"{f.file}:{f.line}" if f.line else f.file
    aim = f" (aim {f.aim} {escape(f.learn_aim_ref or '')})" if f.aim is not None else ""
    rules = f" ({', '.join(f.rules)})" if f.rules and f.rules != (f.code,) else ""
    console.print(f"    {escape(where)}  [{STYLE[f.severity]}]{f.code}{escape(rules)} {f.severity}[/] "
                  f"{escape(f.message)}{aim}")
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


def render(results: Sequence[FileResult], checks: Sequence[Check], out: IO[str]) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True)
    for result in results:
        console.print(f"[bold]{escape(result.path)}[/]  UKPRN {result.ukprn}  year {result.year}  "
                      f"{result.learners} learners  {len(result.findings)} findings")
        for learner, group in by_learner(result.findings).items():
            console.print(f"  [bold]Learner {escape(learner)}[/]" if learner else "  [bold]File[/]")
            for finding in group:
                _print_finding(console, finding)
    if not results:
        return  # every file was unreadable: the reasons are on stderr
    findings = [f for r in results for f in r.findings]
    if not findings:
        console.print("[green]No findings.[/]")
        return
    console.print(summary_table(findings))
