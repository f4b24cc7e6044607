"""The shell shared by every HTML report: one self-contained page and an inline SVG bar chart.

Everything the page needs (styles, the filter script, charts) is inline, so the file works
opened from disk or as an e-mail attachment with no network. Every value from the ILR file
goes through :func:`esc`.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from typing import Iterable, Sequence

from .. import __version__

COLOURS = {"error": "#b3261e", "warning": "#a15c00", "info": "#1b5e8c"}
SERIES_COLOURS = ("#1b5e8c", "#2e8540", "#a15c00", "#6f42c1", "#b3261e")


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def page(title: str, body: str, script: bool = True) -> str:
    """A complete HTML document with the report's styles (and its filter script) inline."""
    js = f"<script>{asset('report.js')}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="ilr-lint {esc(__version__)}">'
            f"<title>{esc(title)}</title><style>{asset('report.css')}</style></head>\n"
            f"<body>\n{body}\n{js}</body></html>\n")


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[bool], **attrs: str) -> str:
    """An HTML table; ``numeric[i]`` right-aligns column i. Cells are escaped."""
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    head = "".join(f'<th{" class=num" if n else ""}>{esc(h)}</th>' for h, n in zip(headers, numeric))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if n else ""}>{esc(c)}</td>' for c, n in zip(row, numeric))
                   + "</tr>" for row in rows)
    return f"<table{extra}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def legend(series: dict[str, str]) -> str:
    return '<p class="legend">' + "".join(f'<span><i style="background:{c}"></i>{esc(name)}</span>'
                                          for name, c in series.items()) + "</p>"


def bar_chart(rows: Sequence[tuple[str, Sequence[float]]], series: dict[str, str], title: str,
              stacked: bool, unit: str = "", maximum: float | None = None) -> str:
    """Horizontal bars, one row per label: stacked segments, or one bar per series side by side.

    ``rows`` is ``[(label, [value per series]), ...]``; ``series`` maps each series name to
    its colour, in the same order as the values.
    """
    colours = list(series.values())
    label_w, width, bar_h, gap = 110, 360, 18, 10
    per_row = bar_h if stacked else bar_h * len(series)
    top = max((sum(v) if stacked else max(v, default=0)) for _l, v in rows) if rows else 0
    scale = width / (maximum or top or 1)
    height = len(rows) * (per_row + gap) + gap
    parts = [f'<svg role="img" aria-label="{esc(title)}" width="{label_w + width + 60}" height="{height}" '
             f'viewBox="0 0 {label_w + width + 60} {height}" xmlns="http://www.w3.org/2000/svg">'
             f"<title>{esc(title)}</title>"]
    for i, (label, values) in enumerate(rows):
        y = gap + i * (per_row + gap)
        parts.append(f'<text x="{label_w - 8}" y="{y + per_row / 2 + 4}" text-anchor="end">{esc(label)}</text>')
        x = float(label_w)
        for j, value in enumerate(values):
            w = value * scale
            by = y if stacked else y + j * bar_h
            name = list(series)[j]
            parts.append(f'<rect x="{x:.1f}" y="{by}" width="{w:.1f}" height="{bar_h - 2}" fill="{colours[j]}">'
                         f"<title>{esc(label)}: {esc(name)} {value:g}{unit}</title></rect>")
            if not stacked:
                parts.append(f'<text x="{x + w + 4:.1f}" y="{by + bar_h - 5}">{value:g}{unit}</text>')
            if stacked:
                x += w
        if stacked:
            parts.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 5}">{sum(values):g}</text>')
    parts.append("</svg>")
    return legend(series) + "".join(parts)
