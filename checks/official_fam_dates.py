"""Topic ``fam``: official rules on the dates of LearningDeliveryFAM records.

``LearnDelFAMDateFrom_*`` and ``LearnDelFAMDateTo_*``: which FAM types carry dates, and how
they sit within the aim's own dates. See :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from datetime import date

from ilr_lint.official.predicates import When, aim_type, fund_model, value
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken, DateOrder, Forbidden, Required

LOAN_SUPPORT = value("LearnDelFAMType", "LSF", "ALB")
EVENT = value("LearnDelFAMType", "EVI")
DATES = "LearnDelFAMDateFrom and LearnDelFAMDateTo"


def _missing_dates(item: Item) -> str:
    missing = [name for name, found in (("LearnDelFAMDateFrom", item.record.date_from),
                                        ("LearnDelFAMDateTo", item.record.date_to)) if found is None]
    return f"{item.record.type} {item.record.code} has no {' or '.join(missing)}"


def _dated_from(item: Item) -> tuple[str, ...]:
    """The FAM types that may carry a Date applies from in the file's year."""
    return ("LSF", "ACT", "ALB", "EVI") if item.ctx.year.code in ("2526", "2627") else ("LSF", "ACT", "ALB")


DATE_TO_NOT_BEFORE_FROM = DateOrder(
    "LearnDelFAMDateTo_01", "aim_fam", "LearnDelFAMDateFrom", "LearnDelFAMDateTo", topic="fam",
    what="A LearningDeliveryFAM's Date applies to, when returned, is on or after its Date applies from, "
         "whatever the FAM type (ACT, LSF, ALB, ...).",
    fix="Correct LearnDelFAMDateFrom and LearnDelFAMDateTo so that the period ends on or after it starts.")
SUPPORT_NEEDS_DATES = Broken(
    "LearnDelFAMDateFrom_01", "aim_fam", topic="fam",
    when=LOAN_SUPPORT & When(lambda item: item.record.date_from is None or item.record.date_to is None),
    fact=_missing_dates,
    what="A learning support funding (LSF) or Advanced Learner Loans Bursary (ALB) record returns both its Date "
         "applies from and its Date applies to.",
    fix=f"Add {DATES}: the first and last days the support applies.")
ONLY_DATED_TYPES_HAVE_DATE_FROM = Forbidden(
    "LearnDelFAMDateFrom_03", "aim_fam", "LearnDelFAMDateFrom", topic="fam",
    when=When(lambda item: item.record.type not in _dated_from(item)),
    what="Only learning support (LSF), contract type (ACT), loans bursary (ALB) and event indicator (EVI) FAMs "
         "return a Date applies from.",
    fix="Remove LearnDelFAMDateFrom from this FAM record.")
ONLY_DATED_TYPES_HAVE_DATE_TO = Forbidden(
    "LearnDelFAMDateTo_04", "aim_fam", "LearnDelFAMDateTo", topic="fam",
    when=~value("LearnDelFAMType", "LSF", "ACT", "ALB"),
    what="Only learning support (LSF), contract type (ACT) and loans bursary (ALB) FAMs return a Date applies to.",
    fix="Remove LearnDelFAMDateTo from this FAM record.")
DATE_TO_BY_PLANNED_END = DateOrder(
    "LearnDelFAMDateTo_02", "aim_fam", "LearnDelFAMDateTo", "aim.LearnPlanEndDate", strict=False, topic="fam",
    when=~(value("LearnDelFAMType", "ACT") & aim_type(1) & When(lambda item: item.aim.ach_date is not None)),
    what="A FAM's Date applies to is not after the aim's LearnPlanEndDate. Contract type (ACT) records on a "
         "programme aim with an AchDate are exempt.",
    fix="Check the FAM's Date applies to and the aim's planned end date; correct whichever is wrong.")
DATE_TO_BY_ACTUAL_END = DateOrder(
    "LearnDelFAMDateTo_03", "aim_fam", "LearnDelFAMDateTo", "aim.LearnActEndDate", topic="fam",
    when=fund_model(35, 36, 38, 81, 99) & ~value("LearnDelFAMType", "ACT"),
    what="On apprenticeship, adult and non-funded aims (FundModel 35, 36, 38, 81, 99), a FAM's Date applies to is "
         "not after the aim's LearnActEndDate; contract type (ACT) records are exempt.",
    fix="Set the FAM's Date applies to on or before the aim's LearnActEndDate.")
EVENT_NEEDS_DATE_FROM = Required(
    "LearnDelFAMDateFrom_05", "aim_fam", "LearnDelFAMDateFrom", topic="fam", when=EVENT,
    what="An event indicator (EVI) record returns its Date applies from.",
    fix="Add LearnDelFAMDateFrom: the date of the event.")
EVENT_FROM_AUGUST_2025 = Broken(
    "LearnDelFAMDateFrom_06", "aim_fam", topic="fam", field="LearnDelFAMDateFrom",
    when=EVENT & When(lambda item: item.record.date_from is not None and item.record.date_from < date(2025, 8, 1)),
    what="An event indicator (EVI) applies from 1 August 2025 or later.",
    fix="Correct the event's Date applies from, or remove the EVI record.")
EVENT_WITHIN_PROGRAMME = Broken(
    "LearnDelFAMDateFrom_07", "aim_fam", topic="fam", field="LearnDelFAMDateFrom",
    when=EVENT & aim_type(1) & When(lambda item: item.record.date_from is not None and (
        item.record.date_from < item.aim.learn_start_date
        or (item.aim.learn_act_end_date is not None and item.record.date_from > item.aim.learn_act_end_date))),
    what="An event indicator (EVI) on a programme aim applies from a date within the aim: on or after its "
         "LearnStartDate and, once it has ended, on or before its LearnActEndDate.",
    fix="Correct the event's Date applies from, or the programme aim's dates.")
