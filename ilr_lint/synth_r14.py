"""Several years of R14 returns for ``ilr-lint qar``, 2020-21 onwards.

    python -m ilr_lint.synth --learners 200 --year 2425 --r14-years 5 -o returns/

Writes one R14 file per year, ending with ``--year``, named as the funder names ILR files
(``ILR-10000001-2425-20251015-090000-01.xml``). Each holds ``count`` generated learners who
finished within that year (:meth:`ilr_lint.synth_learners.Maker.finished`; ULNs of the year's own,
so each year's aims are decided by that year alone) and the :data:`STORIES`: learners whose one
aim only the older years decide, as each year's R14 held it. With all five years ``qar``
decides them; given only the last two, it lists them as not assessed (docs/qar.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from .synth import write_file
from .synth_learners import SIXTEEN_NINETEEN_AIMS, UKPRN, Aim, Learner, Maker
from .years import BY_CODE, CollectionYear, label_of

YEAR_ULN_BLOCK, YEAR_ULN_SPAN = 900_000_000, 9_000_000  # each year's learners: ULNs of their own
STORY_ULN_BLOCK = 990_000_000
MAX_SERIES_LEARNERS = YEAR_ULN_SPAN // 10
BY_CODE_FIRST = {year.first: year for year in BY_CODE.values()}


@dataclass(frozen=True)
class Story:
    """One learner's 16-19 core aim, started on 5 September ``started`` years before the last year
    and planned to end on 30 June the next summer; ``views`` says how each year's R14 held it
    (years before the last year -> "open", "pending" (complete, outcome awaited) or "achieved")."""

    number: int
    kind: str
    started: int
    views: dict[int, str]


STORIES = (
    # reported continuing, missing the next year (an overdue continuing aim there), returned complete
    # the year after: excluded as a change to a record submitted two or more years ago
    Story(1, "returned-after-gap", 2, {2: "open", 0: "achieved"}),
    # still open in the R14 after it ended; the end is first reported a year late
    Story(2, "late-reported-end", 3, {3: "open", 2: "open", 1: "achieved"}),
    # reported complete on time (outcome awaited), the achievement returned two years later
    Story(3, "first-reported-complete", 3, {3: "pending", 1: "achieved"}),
    # reported continuing and never again: an overdue continuing aim
    Story(4, "overdue-continuing", 2, {2: "open"}),
)


def story_learner(story: Story, last: int, year: int) -> Learner | None:
    """The story's learner as the R14 of ``year`` held them (None: not in that file)."""
    view = story.views.get(last - year)
    first = last - story.started
    if view is None or first not in BY_CODE_FIRST:  # not in that file, or started before 2020-21
        return None
    maker = Maker(BY_CODE_FIRST[first], f"story-{story.number}", uln_block=STORY_ULN_BLOCK)
    ref = f"QAR{story.number:07d}"
    learner = Learner({**maker.person(ref, 16), "PlanLearnHours": 540, "PlanEEPHours": 40, "MathGrade": "4",
                       "EngGrade": "4"}, kind=f"story:{story.kind}")
    aim: Aim = maker.aim(1, SIXTEEN_NINETEEN_AIMS[0], 5, date(first, 9, 5), date(first + 1, 6, 30), 25)
    aim.fams.append(("SOF", 107, None, None))
    if view != "open":
        maker.close(aim, date(first + 1, 6, 20), comp_status=2, outcome=1 if view == "achieved" else 8)
    learner.aims = [aim]
    return learner


def year_learners(year: CollectionYear, last: int, count: int, seed: int) -> Iterator[Learner]:
    """The year's R14: ``count`` learners who finished within it, then the stories' learners."""
    maker = Maker(year, f"{seed}-r14-{year.code}", uln_block=YEAR_ULN_BLOCK + (year.first % 10) * YEAR_ULN_SPAN)
    for number in range(1, count + 1):
        yield maker.finished(f"F{year.first % 100:02d}{number:07d}")
    for story in STORIES:
        learner = story_learner(story, last, year.first)
        if learner is not None:
            yield learner


def r14_name(year: CollectionYear, prep: date, ukprn: int) -> str:
    """The funder's file name: ILR-UKPRN-YYYY-yyyymmdd-hhmmss-NN.xml."""
    return f"ILR-{ukprn}-{year.code}-{prep:%Y%m%d}-090000-01.xml"


def write_series(folder: str, last: CollectionYear, years: int, count: int, seed: int,
                 ukprn: int = UKPRN) -> list[str]:
    """Write ``years`` R14 files ending with ``last`` into ``folder``; returns their paths, oldest first."""
    if not 1 <= years <= 5:
        raise SystemExit("--r14-years must be between 1 and 5 (the QAR uses five years)")
    if not 0 <= count <= MAX_SERIES_LEARNERS:
        raise SystemExit(f"--learners must be between 0 and {MAX_SERIES_LEARNERS:,} with --r14-years")
    wanted = [BY_CODE_FIRST.get(first) for first in range(last.first - years + 1, last.first + 1)]
    if None in wanted:
        raise SystemExit(f"ilr-lint reads no year before {label_of(min(BY_CODE_FIRST))}")
    os.makedirs(folder, exist_ok=True)
    paths = []
    for year in wanted:
        assert year is not None
        prep = date(year.first + 1, 10, 15)  # the R14 is prepared in October after the year ends
        path = os.path.join(folder, r14_name(year, prep, ukprn))
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            write_file(out, year, year_learners(year, last.first, count, seed), prep=prep, ukprn=ukprn)
        paths.append(path)
    return paths

