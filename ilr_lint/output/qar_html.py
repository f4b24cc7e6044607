"""HTML report for ``ilr-lint qar --format html``: rates as a chart and a table, records at risk.

The same self-contained page as the check report (see :mod:`.html_page`); records at risk
are grouped by kind, name the learner by LearnRefNumber and can be filtered by kind.
"""

from __future__ import annotations

from typing import IO

from ..qar.dataset import Dataset, year_label
from ..qar.risks import KINDS
from .html_page import SERIES_COLOURS, bar_chart, esc, page, table
from ..wording import plural

MEASURES = ("achievement", "retention", "pass")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _rates(data: Dataset) -> str:
    rows = [(f"{r.provision.replace('_', ' ')} {year_label(r.hybrid_end_year)}",
             [round(getattr(r, f"{m}_rate") or 0, 1) for m in MEASURES]) for r in data.rates]
    chart = bar_chart(rows, dict(zip((f"{m} rate" for m in MEASURES), SERIES_COLOURS)),
                      "Rates by provision and hybrid end year", stacked=False, unit="%", maximum=100)
    body = [(r.provision.replace("_", " "), year_label(r.hybrid_end_year), r.leavers, r.achievers, r.completers,
             _pct(r.achievement_rate), _pct(r.retention_rate), _pct(r.pass_rate)) for r in data.rates]
    return chart + table(("provision", "hybrid end year", "leavers", "achievers", "completers", "achievement",
                          "retention", "pass"), body, (False, False, True, True, True, True, True, True), id="rates")


def _at_risk(data: Dataset) -> str:
    if not data.at_risk:
        return "<p>No records at risk.</p>"
    kinds = [k for k in KINDS if any(r.kind == k for r in data.at_risk)]
    options = "".join(f'<option value="{esc(k)}">{esc(KINDS[k])}</option>' for k in kinds)
    parts = [f'<div class="filters"><label>kind<select id="filter-kind" data-filter="kind"><option value="">all'
             f'</option>{options}</select></label><p>showing <strong id="shown">{len(data.at_risk)}</strong> of '
             f"{len(data.at_risk)}</p></div>"]
    for kind in kinds:
        group = [r for r in data.at_risk if r.kind == kind]
        parts.append(f'<section class="learner"><h3>{esc(KINDS[kind])}: {len(group)}</h3>')
        parts += [f'<article class="finding" data-kind="{esc(kind)}"><div class="head"><strong>Learner '
                  f'{esc(r.learner)}</strong><span class="where">{esc(f"{r.file}:{r.line}" if r.line else r.file)}'
                  f'</span></div><p class="message">{esc(r.message)}</p><p class="fix">{esc(r.fix)}</p></article>'
                  for r in group]
        parts.append("</section>")
    return "".join(parts)


def render(data: Dataset, out: IO[str]) -> None:
    title = f"QAR {year_label(data.qar_year)}"
    files = ", ".join(f"{f.path} ({f.label})" for f in data.files)
    excluded = sum(a.excluded for a in data.aims)
    body = [f"<h1>{esc(title)}</h1><p class=meta>From {esc(files)}. {esc(plural(len(data.aims), 'aim'))}, "
            f"{excluded} excluded.</p>"]
    body += [f'<p class="muted">Note: {esc(n)}</p>' for n in data.notes]
    body += ["<h2>Rates by provision and hybrid end year</h2><p class=muted>Aims not excluded.</p>", _rates(data),
             f"<h2>Records at risk ({len(data.at_risk)})</h2>", _at_risk(data), "<h2>Not assessed</h2>",
             table(("exclusion", "aims", "why"), [(n.exclusion, n.aims, n.reason) for n in data.not_assessed],
                   (False, True, False), id="not-assessed")]
    out.write(page(title, "\n".join(body), script=bool(data.at_risk)))
