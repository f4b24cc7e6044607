"""Official LearningDelivery rules on hours (topic ``delivery``).

The funder's validation rules (the "ILR validation rules" list published with the ILR
specification on GOV.UK) on the hours an aim records: up to 2025-26 the PHours, OTJActHours
and AddHours fields (PHours_*, OTJActHours_*, AddHours_*); from 2026-27 the HRSRecord that
replaces them (HRSType_*, HRSAmount_*), whose codes are 1 planned off-the-job training hours,
2 T Level planned hours, 3 actual off-the-job training hours, 4 planned off-the-job hours
after a reduction for prior learning, 5 the size of a tailored learning course and 6
additional delivery hours. A 2026-27 rule that carries a 2025-26 one over to the HRSRecord
shares its condition.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Callable, Iterator

from ilr_lint.api import Context, Problem
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.official.predicates import (
    PROGRAMME_AIM, RESTART, When, fund_model, has_hrs, known, prog_type, started, value,
)
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken, Forbidden, OfficialCheck, Required

TOPIC = "delivery"

PLANNED_OTJ, TLEVEL_PLANNED, ACTUAL_OTJ, REDUCED_OTJ, TAILORED_SIZE, ADDITIONAL = 1, 2, 3, 4, 5, 6  # HRSCode


def _hours(aim: LearningDelivery, field: int | None, code: int) -> int | None:
    """The hours an aim records in a 2025-26 field or, from 2026-27, in the HRSRecord of ``code``."""
    if field is not None:
        return field
    record = aim.hrs(code)
    return record.amount if record is not None else None


def planned_otj_hours(aim: LearningDelivery) -> int | None:
    """Planned off-the-job training hours: PHours, or HRS code 1."""
    return _hours(aim, aim.p_hours, PLANNED_OTJ)


def additional_hours_per_day(aim: LearningDelivery) -> float | None:
    """Additional delivery hours (AddHours, or HRS code 6) per planned day, the first and last day included."""
    hours = _hours(aim, aim.add_hours, ADDITIONAL)
    if hours is None:
        return None
    return hours / ((aim.learn_plan_end_date - aim.learn_start_date).days + 1)


ADDITIONAL_RETURNED = known("AddHours") | has_hrs(ADDITIONAL)


def _additional(more_than: int = 0) -> When:
    return ADDITIONAL_RETURNED & When(lambda i: (_hours(i.aim, i.aim.add_hours, ADDITIONAL) or 0) > more_than)


def _per_day(test: Callable[[float], bool]) -> When:
    return When(lambda i: (rate := additional_hours_per_day(i.aim)) is not None and test(rate))


def _hrs_fact(item: Item) -> str:
    """The aim's HRSCodes, for the message of a rule on which codes an aim returns."""
    found = sorted(h.code for h in item.aim.hrs_records)
    return f"HRSCodes {', '.join(map(str, found))}" if found else "no HRSRecord"


def _planned_otj_fact(item: Item) -> str:
    return f"planned off-the-job training hours {planned_otj_hours(item.aim)}"


def _additional_fact(item: Item) -> str:
    rate = additional_hours_per_day(item.aim)
    return f"additional delivery hours {_hours(item.aim, item.aim.add_hours, ADDITIONAL)} ({rate:.1f} a day)"


def _planned_otj_below(minimum: int) -> When:
    return When(lambda i: (hours := planned_otj_hours(i.aim)) is not None and hours < minimum)


APPRENTICESHIP_PROGRAMME = PROGRAMME_AIM & fund_model(36)
PLANNED_OTJ_NEEDED = APPRENTICESHIP_PROGRAMME & started(on_or_after=date(2019, 8, 1))
COMPLETED_OTJ_NEEDED = PLANNED_OTJ_NEEDED & value("CompStatus", 2) & ~RESTART
WITHDRAWN_OTJ_NEEDED = APPRENTICESHIP_PROGRAMME & started(on_or_after=date(2022, 8, 1)) & value("CompStatus", 3)
BELOW_278 = fund_model(36) & started(on_or_after=date(2022, 8, 1), before=date(2025, 8, 1)) & ~RESTART \
    & _planned_otj_below(278)
BELOW_187 = fund_model(36) & started(on_or_after=date(2025, 8, 1)) & ~RESTART & _planned_otj_below(187)
OVER_24_A_DAY = _additional(60) & _per_day(lambda rate: rate > 24)
OVER_35_A_WEEK = _additional(60) & _per_day(lambda rate: rate * 7 > 35)
NINE_TO_24_A_DAY = ADDITIONAL_RETURNED & _per_day(lambda rate: 9 < rate < 24)
NOT_TLEVEL_16_19 = fund_model(25) & ~prog_type(31)

WHAT_278 = ("An apprenticeship aim (FundModel 36) that started from 1 August 2022 to 31 July 2025 plans at "
            "least 278 off-the-job training hours ({where}). Restarts (RES) are exempt.")
WHAT_187 = ("An apprenticeship aim (FundModel 36) that started on or after 1 August 2025 plans at least 187 "
            "off-the-job training hours ({where}). Restarts (RES) are exempt.")
WHAT_24 = ("More than 60 additional delivery hours ({where}) average no more than 24 a day over the planned "
           "duration, the days from LearnStartDate to LearnPlanEndDate.")
WHAT_35 = ("More than 60 additional delivery hours ({where}) average no more than 35 a week over the planned "
           "duration, the days from LearnStartDate to LearnPlanEndDate.")
WHAT_9 = ("Additional delivery hours ({where}) do not average more than 9 and less than 24 a day over the planned "
          "duration, the days from LearnStartDate to LearnPlanEndDate.")
FIX_ADDITIONAL = "Correct the additional delivery hours, or the aim's planned dates."
FIX_OTJ = "Correct the planned off-the-job training hours."


def _carried_over(rules: tuple[str, str], field: str, code: int, when: When, what: str, fix: str,
                  fact: Callable[[Item], str], scope: tuple[str, ...] = ()) -> tuple[Broken, Broken]:
    """A 2025-26 rule on ``field`` and the 2026-27 rule that carries it over to HRS ``code``: one condition."""
    old, new = rules
    return (Broken(old, "aim", field=field, fact=fact, when=when, topic=TOPIC, what=what.format(where=field), fix=fix,
                   scope=scope),
            Broken(new, "aim", fact=fact, when=when, topic=TOPIC, what=what.format(where=f"HRS {code}"), fix=fix,
                   scope=scope))


PHOURS_06, HRS_AMOUNT_02 = _carried_over(("PHours_06", "HRSAmount_02"), "PHours", PLANNED_OTJ, BELOW_278, WHAT_278,
                                         FIX_OTJ, _planned_otj_fact, scope=("fm36",))
PHOURS_08, HRS_AMOUNT_03 = _carried_over(("PHours_08", "HRSAmount_03"), "PHours", PLANNED_OTJ, BELOW_187, WHAT_187,
                                         FIX_OTJ, _planned_otj_fact, scope=("fm36",))
ADD_HOURS_04, HRS_AMOUNT_04 = _carried_over(("AddHours_04", "HRSAmount_04"), "AddHours", ADDITIONAL, OVER_24_A_DAY,
                                            WHAT_24, FIX_ADDITIONAL, _additional_fact)
ADD_HOURS_05, HRS_AMOUNT_05 = _carried_over(("AddHours_05", "HRSAmount_05"), "AddHours", ADDITIONAL, OVER_35_A_WEEK,
                                            WHAT_35, FIX_ADDITIONAL, _additional_fact)
ADD_HOURS_06, HRS_AMOUNT_06 = _carried_over(("AddHours_06", "HRSAmount_06"), "AddHours", ADDITIONAL, NINE_TO_24_A_DAY,
                                            WHAT_9, FIX_ADDITIONAL, _additional_fact)

# --- 2025-26: PHours, OTJActHours, AddHours -----------------------------------------------

PHOURS_01 = Required(
    "PHours_01", "aim", "PHours", scope=("fm36",), when=PLANNED_OTJ_NEEDED,
    topic=TOPIC, what="An apprenticeship programme aim (AimType 1, FundModel 36) that started on or after 1 August "
                      "2019 has PHours (planned off-the-job training hours).",
    fix="Add PHours: the planned off-the-job training hours.")

PHOURS_05 = Forbidden(
    "PHours_05", "aim", "PHours", when=NOT_TLEVEL_16_19,
    topic=TOPIC, what="PHours is not returned for a 16-19 study programme (FundModel 25) other than a T Level "
                      "(ProgType 31).",
    fix="Remove PHours.")


PHOURS_07 = Required(
    "PHours_07", "aim", "PHours", scope=("tailored",), when=fund_model(11),
    topic=TOPIC, what="A tailored learning aim (FundModel 11) has PHours: the timetabled hours of delivery.",
    fix="Add PHours.")


OTJ_ACT_HOURS_01 = Forbidden(
    "OTJActHours_01", "aim", "OTJActHours", when=~PROGRAMME_AIM,
    topic=TOPIC, what="OTJActHours (actual off-the-job training hours) is returned only on the programme aim (AimType"
                      " 1).",
    fix="Remove OTJActHours from this aim and record it on the programme aim.")

OTJ_ACT_HOURS_02 = Required(
    "OTJActHours_02", "aim", "OTJActHours", scope=("fm36",), when=COMPLETED_OTJ_NEEDED,
    topic=TOPIC, what="A completed (CompStatus 2) apprenticeship programme aim (AimType 1, FundModel 36) that started"
                      " on or after 1 August 2019 has OTJActHours. Restarts (RES) are exempt.",
    fix="Add OTJActHours: the off-the-job training hours actually completed.")

OTJ_ACT_HOURS_03 = Required(
    "OTJActHours_03", "aim", "OTJActHours", scope=("fm36",), when=WITHDRAWN_OTJ_NEEDED,
    topic=TOPIC, what="A withdrawn (CompStatus 3) apprenticeship programme aim (AimType 1, FundModel 36) that started"
                      " on or after 1 August 2022 has OTJActHours.",
    fix="Add OTJActHours: the off-the-job training hours completed before the learner withdrew.")

ADD_HOURS_01 = Forbidden(
    "AddHours_01", "aim", "AddHours", when=started(before=date(2015, 8, 1)),
    topic=TOPIC, what="An aim's AddHours is not returned on aims that started before 1 August 2015.",
    fix="Remove AddHours.")

ADD_HOURS_02 = Forbidden(
    "AddHours_02", "aim", "AddHours", when=fund_model(25, 82, 10, 37, 99),
    topic=TOPIC, what="An aim's AddHours is not returned for 16-19 (FundModel 25, 82), community learning (10), "
                      "skills bootcamp (37) or not funded (99) aims.",
    fix="Remove AddHours.")


# --- 2026-27: the HRSRecord ---------------------------------------------------------------

HRS_TYPE_01 = Broken(
    "HRSType_01", "aim", scope=("fm36",), fact=_hrs_fact, when=PLANNED_OTJ_NEEDED & ~has_hrs(PLANNED_OTJ),
    topic=TOPIC, what="An apprenticeship programme aim (AimType 1, FundModel 36) that started on or after 1 August "
                      "2019 has an HRSRecord HRS 1: the planned off-the-job training hours.",
    fix="Add an HRSRecord (HRSType HRS, HRSCode 1) with the planned off-the-job training hours.")

HRS_TYPE_05 = Broken(
    "HRSType_05", "aim", scope=("hrs",), fact=_hrs_fact, when=has_hrs(TLEVEL_PLANNED) & NOT_TLEVEL_16_19,
    topic=TOPIC, what="T Level planned hours (HRS 2) are not returned for a 16-19 study programme (FundModel 25) "
                      "other than a T Level (ProgType 31).",
    fix="Remove the HRSRecord with HRSCode 2.")

HRS_TYPE_06 = Broken(
    "HRSType_06", "aim", scope=("tailored",), fact=_hrs_fact, when=fund_model(11) & ~has_hrs(TAILORED_SIZE),
    topic=TOPIC, what="A tailored learning aim (FundModel 11) has an HRSRecord HRS 5: the size of the course in "
                      "hours.",
    fix="Add an HRSRecord (HRSType HRS, HRSCode 5) with the timetabled hours of the course.")

HRS_TYPE_07 = Broken(
    "HRSType_07", "aim", scope=("hrs",), fact=_hrs_fact, when=has_hrs(ACTUAL_OTJ) & ~PROGRAMME_AIM,
    topic=TOPIC, what="Actual off-the-job training hours (HRS 3) are returned only on the programme aim (AimType 1).",
    fix="Move the HRSRecord with HRSCode 3 to the programme aim.")

HRS_TYPE_08 = Broken(
    "HRSType_08", "aim", scope=("fm36",), fact=_hrs_fact, when=COMPLETED_OTJ_NEEDED & ~has_hrs(ACTUAL_OTJ),
    topic=TOPIC, what="A completed (CompStatus 2) apprenticeship programme aim (AimType 1, FundModel 36) that started"
                      " on or after 1 August 2019 has an HRSRecord HRS 3: the actual off-the-job training hours. "
                      "Restarts (RES) are exempt.",
    fix="Add an HRSRecord (HRSType HRS, HRSCode 3) with the off-the-job training hours completed.")

HRS_TYPE_09 = Broken(
    "HRSType_09", "aim", scope=("fm36",), fact=_hrs_fact, when=WITHDRAWN_OTJ_NEEDED & ~has_hrs(ACTUAL_OTJ),
    topic=TOPIC, what="A withdrawn (CompStatus 3) apprenticeship programme aim (AimType 1, FundModel 36) that started"
                      " on or after 1 August 2022 has an HRSRecord HRS 3: the actual off-the-job training hours.",
    fix="Add an HRSRecord (HRSType HRS, HRSCode 3) with the off-the-job training hours completed.")

HRS_TYPE_10 = Broken(
    "HRSType_10", "aim", scope=("hrs",), fact=_hrs_fact, when=has_hrs(ADDITIONAL) & ~fund_model(35, 38, 81),
    topic=TOPIC, what="Additional delivery hours (HRS 6) are returned only for adult skills or other adult funding "
                      "(FundModel 35, 38 or 81).",
    fix="Remove the HRSRecord with HRSCode 6.")

HRS_TYPE_12 = Broken(
    "HRSType_12", "aim", scope=("tlevel",), fact=_hrs_fact, when=fund_model(25) & prog_type(31) & has_hrs(1, 3, 4, 5, 6),
    supersedes=("HRSType_10", "HRSType_13", "HRSType_15"),
    topic=TOPIC, what="A T Level (FundModel 25, ProgType 31) returns no HRSRecord other than HRS 2: codes 1, 3, 4, 5 "
                      "and 6 belong to apprenticeships, tailored learning and adult skills.",
    fix="Remove the HRSRecords other than HRSCode 2.")

HRS_TYPE_13 = Broken(
    "HRSType_13", "aim", scope=("hrs",), fact=_hrs_fact, when=has_hrs(1, 3, 4) & ~fund_model(36),
    topic=TOPIC, what="Off-the-job training hours (HRS 1, 3 and 4) are returned only for apprenticeships (FundModel "
                      "36).",
    fix="Remove the HRSRecords with HRSCode 1, 3 or 4.")

HRS_TYPE_14 = Broken(
    "HRSType_14", "aim", scope=("fm36",), fact=_hrs_fact, when=fund_model(36) & has_hrs(2, 5, 6),
    supersedes=("HRSType_10", "HRSType_15"),
    topic=TOPIC, what="An apprenticeship aim (FundModel 36) returns no HRS 2, 5 or 6 (T Level, tailored learning and "
                      "additional delivery hours).",
    fix="Remove the HRSRecords with HRSCode 2, 5 or 6.")

HRS_TYPE_15 = Broken(
    "HRSType_15", "aim", scope=("hrs",), fact=_hrs_fact, when=has_hrs(TAILORED_SIZE) & ~fund_model(11),
    topic=TOPIC, what="The size of a tailored learning course (HRS 5) is returned only for tailored learning "
                      "(FundModel 11).",
    fix="Remove the HRSRecord with HRSCode 5.")

HRS_TYPE_16 = Broken(
    "HRSType_16", "aim", scope=("tailored",), fact=_hrs_fact, when=fund_model(11) & has_hrs(1, 2, 3, 4, 6),
    topic=TOPIC, what="A tailored learning aim (FundModel 11) returns no HRSRecord other than HRS 5.",
    fix="Remove the HRSRecords other than HRSCode 5.")

HRS_TYPE_17 = Broken(
    "HRSType_17", "aim", scope=("hrs",), fact=_hrs_fact, when=fund_model(35, 38, 81) & has_hrs(1, 2, 3, 4, 5),
    topic=TOPIC, what="An adult skills or other adult aim (FundModel 35, 38 or 81) returns no HRSRecord other than "
                      "HRS 6.",
    fix="Remove the HRSRecords other than HRSCode 6.")



class HrsCodeOnce(OfficialCheck):
    """HRSType_18: no HRSCode twice on one aim (a count across the aim's records, not one record's shape)."""

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        for aim in learner.deliveries:
            if len(aim.hrs_records) < 2:
                continue
            counts = Counter(record.code for record in aim.hrs_records)
            for code, count in counts.items():
                if count > 1:
                    line = next(r.line for r in aim.hrs_records if r.code == code)
                    yield self.problem(ctx, f"HRSCode {code} is returned {count} times", aim, line=line)


HRS_TYPE_18 = HrsCodeOnce(
    "HRSType_18", topic=TOPIC, scope=("hrs",),
    what="An aim returns each HRSCode at most once: each code is one quantity of hours.",
    fix="Keep one HRSRecord per HRSCode with the right amount; remove the others.")
