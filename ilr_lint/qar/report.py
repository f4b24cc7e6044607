"""``ilr-lint qar`` output: text (rich), JSON, CSV (aims; rates in a second file) and HTML.

Fields are documented in docs/qar.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import IO, Any, Callable, Iterator

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..output import qar_html
from ..output.csv_format import write_rows
from ..years import label_of
from .dataset import Dataset, NotAssessed, QarAim, year_label
from .missing import FIRST_READABLE, give
from .rates import Rate
from .risks import KINDS

AIM_FIELDS = ("learner", "aim", "learn_aim_ref", "file", "provision", "start_date", "planned_end_date",
              "actual_end_date", "achievement_date", "hybrid_end_year", "leaver", "achiever", "completer",
              "excluded", "exclusions", "overdue_continuing_aim", "overdue_planned_break", "not_assessed", "give")
LISTS = ("exclusions", "not_assessed", "give")  # joined with ';' in the CSV
RATE_FIELDS = ("provision", "hybrid_end_year", "leavers", "achievers", "completers", "achievement_rate",
               "retention_rate", "pass_rate", "not_assessed")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def aim_dict(aim: QarAim) -> dict[str, Any]:
    rec, d = aim.matched.latest, aim.derived
    return {
        "learner": rec.learner, "uln": None, "aim": rec.aim, "learn_aim_ref": rec.learn_aim_ref,  # no ULN in output
        "file": rec.file, "provision": rec.provision, "start_date": _iso(rec.start),
        "planned_end_date": _iso(rec.planned_end), "actual_end_date": _iso(rec.actual_end),
        "achievement_date": _iso(rec.achievement_date), "hybrid_end_year": year_label(d.hybrid_end_year),
        "leaver": int(d.leaver), "achiever": int(d.achiever), "completer": int(d.completer),
        "excluded": int(aim.excluded), "exclusions": list(aim.exclusions),
        "overdue_continuing_aim": int(d.overdue_continuing_aim), "overdue_planned_break": int(d.overdue_planned_break),
        "not_assessed": list(aim.not_assessed), "give": [label_of(y) for y in aim.give],
    }


def achievers_not_completers(data: Dataset) -> dict[tuple[str, int | None], list[QarAim]]:
    """Per rate row (provision, hybrid end year), the counted aims that are achievers but not
    completers (CompStatus 1 with Outcome 1): why a pass rate (achievers / completers) can
    exceed 100%. One pass over the aims; each list in file order."""
    found: dict[tuple[str, int | None], list[QarAim]] = {}
    for a in data.aims:
        if a.achiever and not a.completer and not a.excluded and not a.give:
            found.setdefault((a.provision, a.hybrid_end_year), []).append(a)
    return {row: sorted(aims, key=lambda a: (a.matched.latest.file, a.matched.latest.line))
            for row, aims in found.items()}


def _place(aim: QarAim) -> dict[str, Any]:
    rec = aim.matched.latest
    return {"learner": rec.learner, "aim": rec.aim, "file": rec.file, "line": rec.line}


def _counts(r: Rate) -> dict[str, Any]:
    return {"leavers": r.leavers, "achievers": r.achievers, "completers": r.completers,
            "achievement_rate": r.achievement_rate, "retention_rate": r.retention_rate, "pass_rate": r.pass_rate}


def rate_dict(r: Rate) -> dict[str, Any]:
    """One row of rates; ``with_not_assessed`` counts the aims set apart too (null when there are none)."""
    return {"provision": r.provision, "hybrid_end_year": year_label(r.hybrid_end_year), **_counts(r),
            "not_assessed": r.not_assessed,
            "with_not_assessed": _counts(r.with_not_assessed) if r.with_not_assessed else None}


def _listed(aim: QarAim) -> dict[str, Any]:
    rec = aim.matched.latest
    return {"learner": rec.learner, "aim": rec.aim, "learn_aim_ref": rec.learn_aim_ref, "file": rec.file,
            "line": rec.line, "give": [label_of(y) for y in aim.give]}


def not_assessed_dict(n: NotAssessed) -> dict[str, Any]:
    return {"exclusion": n.exclusion, "reason": n.reason, "aims": n.aims, "give": [label_of(y) for y in n.give],
            "listed": [_listed(a) for a in n.listed]}


def _json_parts(data: Dataset) -> Iterator[tuple[str, Any]]:
    """The report's top-level keys and values; the aims as a generator (one dict at a time)."""
    odd = achievers_not_completers(data)
    yield "qar_year", year_label(data.qar_year)
    yield "aims", (aim_dict(a) for a in _ordered(data))
    yield "rates", [{**rate_dict(r), "achievers_not_completers": [_place(a) for a in odd.get(
        (r.provision, r.hybrid_end_year), ())]} for r in data.rates]
    yield "not_assessed", [not_assessed_dict(n) for n in data.not_assessed]
    yield "at_risk", [r.as_dict() for r in data.at_risk]
    yield "years_expected", [label_of(y) for y in data.expected]
    yield "years_given", [{"ukprn": g.ukprn, "given": [label_of(y) for y in g.given],
                           "missing": [label_of(y) for y in g.missing]} for g in data.years]


def _ordered(data: Dataset) -> list[QarAim]:
    return sorted(data.aims, key=lambda a: (a.matched.latest.file, a.matched.latest.line))


def render_json(data: Dataset, out: IO[str]) -> None:
    """Indented at the top level, one line per aim, rate and record (json's fast encoder).

    Written row by row: a large QAR has hundreds of thousands of aims, and neither their
    dicts nor the text are held at once.
    """
    out.write("{\n")
    for n, (key, value) in enumerate(_json_parts(data)):
        out.write(",\n" if n else "")
        if isinstance(value, str):
            out.write(f"  {json.dumps(key)}: {json.dumps(value)}")
            continue
        out.write(f'  "{key}": [')
        first = True
        for row in value:
            out.write(f"\n    {json.dumps(row)}" if first else f",\n    {json.dumps(row)}")
            first = False
        out.write("]" if first else "\n  ]")
    out.write("\n}\n")


def render_csv(data: Dataset, out: IO[str]) -> None:
    """The aims, one row each; the rates go to a second file beside it (see ``command``)."""
    write_rows(out, AIM_FIELDS, ({**row, **{name: ";".join(row[name]) for name in LISTS}}
                                 for row in (aim_dict(aim) for aim in _ordered(data))))


def render_rates_csv(data: Dataset, out: IO[str]) -> None:
    write_rows(out, RATE_FIELDS, (rate_dict(r) for r in data.rates))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def render_text(data: Dataset, out: IO[str]) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True, width=None if out.isatty() else 120)
    shown = ", ".join(f"{f.path} ({f.label})" for f in data.files)
    console.print(f"[bold]QAR {year_label(data.qar_year)}[/] from {escape(shown)}")
    for line in years_lines(data):
        console.print(f"  {escape(line)}")
    for note in data.notes:
        console.print(f"  [dim]note:[/] {escape(note)}")
    apart = sum(r.not_assessed for r in data.rates)
    odd = achievers_not_completers(data)
    over: dict[tuple[str, int | None], list[QarAim]] = {}  # rate rows whose pass rate exceeds 100%
    for r in data.rates:
        if r.pass_rate is not None and r.pass_rate > 100:
            over[(r.provision, r.hybrid_end_year)] = odd.get((r.provision, r.hybrid_end_year), [])
    console.print(_rates_table("Rates by provision and hybrid end year (aims not excluded"
                               + (f"; the {apart} aims not assessed are counted apart)" if apart else ")"),
                               data.rates, apart, over))
    for n, ((provision, year), aims) in enumerate(over.items(), 1):
        console.print(f"*{n} The pass rate for {provision.replace('_', ' ')} {year_label(year)} is above 100%: "
                      f"achievers who are not completers (CompStatus 1 with Outcome 1: achieved but still "
                      f"continuing): {len(aims)}, so achievers outnumber completers. Record CompStatus 2 on them:")
        out.writelines("  {file}:{line}  learner {learner}  aim {aim}\n".format(**_place(a)) for a in aims)
    if apart:
        console.print(_rates_table("The same rates counting the aims not assessed as the files given suggest",
                                   [r.with_not_assessed or r for r in data.rates], 0, {}))
    excluded = sum(a.excluded for a in data.aims)
    console.print(f"{len(data.aims)} aims, {excluded} excluded.")
    if not data.at_risk:
        console.print("[green]No records at risk.[/]")
    for kind, title in KINDS.items():
        group = [r for r in data.at_risk if r.kind == kind]
        if group:
            console.print(f"\n[bold yellow]{title}: {len(group)}[/]")
        # plain writes: a large college can have thousands of these, and rich is slow per line
        out.writelines(f"  {r.file}:{r.line}  learner {r.learner}  {r.message}\n    what to do: {r.fix}\n"
                       if r.line else f"  {r.file}  learner {r.learner}  {r.message}\n    what to do: {r.fix}\n"
                       for r in group)
    console.print("\n[bold]Not assessed[/] (needs data the ILR does not hold, or files not given):")
    for n in data.not_assessed:
        console.print(f"  {n.exclusion} ({n.aims} aims): {escape(n.reason)}")
        out.writelines(f"    {a.matched.latest.file}:{a.matched.latest.line}  learner {a.matched.latest.learner}  "
                       f"aim {a.matched.latest.aim} ({a.matched.latest.learn_aim_ref})"
                       + (f"  {give(a.give)}\n" if a.give else "\n") for a in n.listed)


def years_lines(data: Dataset) -> list[str]:
    """Which of the five years the QAR uses were given, per UKPRN, and what a missing one means."""
    expected = ", ".join(label_of(y) for y in data.expected)
    lines = [f"The {year_label(data.qar_year)} QAR uses the R14 files of {expected}."]
    if data.expected.start < FIRST_READABLE:
        lines.append(f"ilr-lint reads {label_of(FIRST_READABLE)} onwards: the rules that would need an earlier year "
                     "are decided from the years it reads.")
    for g in data.years:
        given = ", ".join(label_of(y) for y in g.given)
        missing = ", ".join(label_of(y) for y in g.missing)
        lines.append(f"UKPRN {g.ukprn}: given {given}" + (
            f"; not given {missing}: aims recorded only in those years are not counted, and the rules that need "
            "them list their aims under Not assessed" if missing else "; none missing"))
    return lines


def _rates_table(title: str, rows: list[Rate], apart: int, over: dict[tuple[str, int | None], Any]) -> Table:
    """The rates; a pass rate in ``over`` (above 100%) is marked ``*n``, explained under the table."""
    table = Table(title=title)
    names = ["provision", "hybrid end year", "leavers", "achievers", "completers", "achievement", "retention", "pass"]
    for name in names + (["apart"] if apart else []):
        table.add_column(name, justify="left" if name in ("provision", "hybrid end year") else "right",
                         no_wrap=name == "provision")
    marks = {row: f" *{n}" for n, row in enumerate(over, 1)}
    for r in rows:
        cells = [r.provision.replace("_", " "), year_label(r.hybrid_end_year), str(r.leavers), str(r.achievers),
                 str(r.completers), _pct(r.achievement_rate), _pct(r.retention_rate),
                 _pct(r.pass_rate) + marks.get((r.provision, r.hybrid_end_year), "")]
        table.add_row(*cells, *([str(r.not_assessed)] if apart else []))
    return table


RENDERERS: dict[str, Callable[[Dataset, IO[str]], None]] = {
    "text": render_text, "json": render_json, "csv": render_csv, "html": qar_html.render,
}
