"""HTML report for ``ilr-lint check --format html``: summary, chart, filters, findings by learner.

One self-contained file (see :mod:`.html_page`); like every format it names learners by
LearnRefNumber only and carries no ULN or other personal data.
"""

from __future__ import annotations

from collections import Counter
from typing import IO, Sequence

from ..api import SEVERITIES, TOPICS, Check, Finding
from ..engine import FileResult
from .html_page import COLOURS, bar_chart, esc, page, table
from ..wording import plural
from .text import Tally, by_line, fixable_note


def by_learner(findings: Sequence[Finding]) -> dict[str | None, list[Finding]]:
    """Findings per LearnRefNumber in file order; whole-file findings (``None``) first."""
    groups: dict[str | None, list[Finding]] = {None: []}
    for finding in findings:
        groups.setdefault(finding.learner, []).append(finding)
    if not groups[None]:
        del groups[None]
    return {learner: sorted(group, key=by_line) for learner, group in groups.items()}


def _files(results: Sequence[FileResult]) -> str:
    rows = [(r.path, r.ukprn, r.year, r.learners, len(r.findings)) for r in results]
    return table(("file", "UKPRN", "year", "learners", "findings"), rows, (False, False, False, True, True),
                 id="files")


def _summary(findings: Sequence[Finding]) -> str:
    counts = Counter((f.topic, f.severity) for f in findings)
    topics = [t for t in TOPICS if any(counts[(t, s)] for s in SEVERITIES)]
    head = "".join(f'<th class="num">{s}</th>' for s in SEVERITIES) + '<th class="num">total</th>'
    rows = "".join(f"<tr><td>{esc(t)}</td>" + "".join(f'<td class="num">{counts[(t, s)]}</td>' for s in SEVERITIES)
                   + f'<td class="num">{sum(counts[(t, s)] for s in SEVERITIES)}</td></tr>' for t in topics)
    totals = "".join(f'<td class="num" id="total-{s}" data-count="{n}">{n}</td>'
                     for s, n in ((s, sum(1 for f in findings if f.severity == s)) for s in SEVERITIES))
    chart = bar_chart([(t, [counts[(t, s)] for s in SEVERITIES]) for t in topics],
                      {s: COLOURS[s] for s in SEVERITIES}, "Findings by topic and severity", stacked=True)
    return (f'<div class="overview"><table id="summary"><thead><tr><th>topic</th>{head}</tr></thead><tbody>{rows}'
            f'<tr><th>total</th>{totals}<td class="num" id="total" data-count="{len(findings)}">'
            f"{len(findings)}</td></tr></tbody></table><div>{chart}</div></div><p>{esc(fixable_note(Tally(findings)))}</p>")


def _select(name: str, label: str, values: Sequence[str]) -> str:
    options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
    return (f'<label>{label}<select id="filter-{name}" data-filter="{name}">'
            f'<option value="">all</option>{options}</select></label>')


def _filters(findings: Sequence[Finding]) -> str:
    topics = [t for t in TOPICS if any(f.topic == t for f in findings)]
    severities = [s for s in SEVERITIES if any(f.severity == s for f in findings)]
    codes = sorted({f.code for f in findings})
    return (f'<div class="filters">{_select("topic", "topic", topics)}{_select("severity", "severity", severities)}'
            f'{_select("code", "check", codes)}<p>showing <strong id="shown">{len(findings)}</strong> of '
            f"{len(findings)}</p></div>")


def _finding(f: Finding) -> str:
    where = f"{f.file}:{f.line}" if f.line else f.file
    aim = f"aim {f.aim} {f.learn_aim_ref or ''}".strip() if f.aim is not None else ""
    fixable = {"safe": ' <span class="fixable">[*] fixable with --fix</span>',
               "unsafe": ' <span class="fixable">fixable with --unsafe-fixes</span>'}.get(f.fixable or "", "")
    rules = f'<p class="rules">Official rules: {esc(", ".join(f.rules))}</p>' if f.rules else ""
    return (f'<article class="finding" data-topic="{esc(f.topic)}" data-severity="{esc(f.severity)}" '
            f'data-code="{esc(f.code)}"><div class="head"><span class="badge {esc(f.severity)}">{esc(f.severity)}'
            f"</span><code>{esc(f.code)}</code> <span>{esc(f.name)}</span>{fixable}"
            f'<span class="where">{esc(where)}</span> <span class="muted">{esc(aim)}</span></div>'
            f'<p class="message">{esc(f.message)}</p><p class="fix">{esc(f.fix)}</p>{rules}</article>')


def _learners(findings: Sequence[Finding]) -> str:
    parts = []
    for learner, group in by_learner(findings).items():
        title = f"Learner {learner}" if learner else "Whole file"
        parts.append(f'<section class="learner" data-learner="{esc(learner or "")}"><h3>{esc(title)}</h3>'
                     + "".join(_finding(f) for f in group) + "</section>")
    return "".join(parts)


def render(results: Sequence[FileResult], checks: Sequence[Check], out: IO[str]) -> None:
    findings = [f for r in results for f in r.findings]
    body = [f"<h1>ILR lint report</h1><p class=meta>{esc(plural(len(findings), 'finding'))} in "
            f"{esc(plural(len(results), 'file'))}; {len(checks)} checks ran.</p>", "<h2>Files</h2>", _files(results)]
    if findings:
        body += ["<h2>Summary</h2>", _summary(findings), "<h2>Findings by learner</h2>", _filters(findings),
                 _learners(findings)]
    else:
        body.append("<p>No findings.</p>")
    out.write(page("ILR lint report", "\n".join(body), script=bool(findings)))
