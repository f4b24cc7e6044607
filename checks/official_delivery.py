"""Official LearningDelivery rules: dates, completion, outcome and grade (topic ``delivery``).

The funder's validation rules for 2025-26 and 2026-27 (the "ILR validation rules" list
published with the ILR specification on GOV.UK) that the file alone decides, for the
LearningDelivery record's dates (LearnStartDate_*, LearnPlanEndDate_*, OrigLearnStartDate_*,
AchDate_*) and its completion fields (CompStatus_*, Outcome_*, OutGrade_*, Tlout_*). Rules
the existing ``withdrawal`` and ``restart`` checks already enforce are claimed there.
"""

from __future__ import annotations

from datetime import date, timedelta

from ilr_lint.official.predicates import (
    BOOTCAMP, DD07, FUNDED_STANDARD, PROGRAMME_AIM, When, aim_ref, each_year, fund_model, has_fam, known,
    prog_type, started, value,
)
from ilr_lint.official.rows import Broken, DateOrder, Forbidden, NotOneOf, OneOf, Required

TOPIC = "delivery"

FAIL_GRADES = ("FL", "U", "N", "X", "Y")  # OutGrade_05, OutGrade_06: grades that are not an achievement
BOOTCAMP_EVENT_AIMS = ("Z0059747", "Z0059748", "Z0059749")  # CompStatus_09, LearnAimRef_126
HGV_EVENT_AIMS = ("Z0060439", "Z0009541", "Z0060440", "Z0060441", "Z0060442", "Z0060443")  # LearnAimRef_154


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)  # unreachable: every month has a 28th


# --- start and planned end dates ----------------------------------------------------------

LEARN_START_DATE_02 = Broken(
    "LearnStartDate_02", "aim", field="LearnStartDate",
    when=each_year(lambda year: started(before=add_years(year.start, -10))),
    topic=TOPIC, what="An aim's LearnStartDate is not more than ten years before the start of the file's teaching "
                      "year.",
    fix="Correct LearnStartDate; an aim that really started over ten years ago is not returned.")

LEARN_START_DATE_03 = Broken(
    "LearnStartDate_03", "aim", field="LearnStartDate",
    when=each_year(lambda year: started(on_or_after=year.end + timedelta(days=1))) & ~fund_model(36, 37)
    & ~prog_type(31),
    topic=TOPIC, what="An aim's LearnStartDate is not after the end of the file's teaching year (31 July). "
                      "Apprenticeships (FundModel 36), skills bootcamps (FundModel 37) and T Level programmes "
                      "(ProgType 31) are exempt.",
    fix="Correct LearnStartDate, or return the aim in the next teaching year's file.")

LEARN_START_DATE_05 = DateOrder(
    "LearnStartDate_05", "aim", "learner.DateOfBirth", "LearnStartDate", strict=True,
    topic=TOPIC, what="An aim's LearnStartDate is after the learner's DateOfBirth.",
    fix="Correct the learner's DateOfBirth or the aim's LearnStartDate.")

LEARN_START_DATE_12 = Broken(
    "LearnStartDate_12", "aim", scope=("apprenticeship",), field="LearnStartDate",
    when=DD07 & each_year(lambda year: started(on_or_after=add_years(year.end, 1) + timedelta(days=1))),
    topic=TOPIC, what="An apprenticeship standard aim (ProgType 25) starts no more than one year after the end of the"
                      " file's teaching year.",
    fix="Correct LearnStartDate; record the apprenticeship once it is within a year of starting.")

LEARN_START_DATE_21 = Broken(
    "LearnStartDate_21", "aim", scope=("bootcamp",), field="LearnStartDate",
    when=fund_model(37) & started(before=date(2022, 8, 1)),
    topic=TOPIC, what="A skills bootcamp aim (FundModel 37) starts on or after 1 August 2022.",
    fix="Correct LearnStartDate, or the FundModel of an aim that is not a skills bootcamp.")

LEARN_PLAN_END_DATE_02 = DateOrder(
    "LearnPlanEndDate_02", "aim", "LearnStartDate", "LearnPlanEndDate",
    topic=TOPIC, what="An aim's LearnPlanEndDate is not before LearnStartDate.",
    fix="Correct LearnPlanEndDate (or LearnStartDate).")

LEARN_PLAN_END_DATE_03 = Broken(
    "LearnPlanEndDate_03", "aim", field="LearnPlanEndDate",
    when=When(lambda i: i.aim.learn_plan_end_date.year - i.aim.learn_start_date.year >= 10
              and i.aim.learn_plan_end_date >= add_years(i.aim.learn_start_date, 10)),
    topic=TOPIC, what="An aim's LearnPlanEndDate is less than ten years after LearnStartDate.",
    fix="Correct LearnPlanEndDate to when the learning is planned to end.")

LEARN_PLAN_END_DATE_04 = Broken(
    "LearnPlanEndDate_04", "aim", scope=("units",), field="LearnPlanEndDate",
    when=PROGRAMME_AIM & prog_type(34)
    & When(lambda i: i.aim.learn_plan_end_date > i.aim.learn_start_date + timedelta(weeks=16)),
    topic=TOPIC, what="A Growth and Skills Offer apprenticeship unit programme aim (AimType 1, ProgType 34) is "
                      "planned to last no more than 16 weeks: LearnPlanEndDate is at most 16 weeks after "
                      "LearnStartDate.",
    fix="Correct LearnPlanEndDate; an apprenticeship unit is planned to end within 16 weeks of its start.")

ORIG_LEARN_START_DATE_09 = Broken(
    "OrigLearnStartDate_09", "aim", scope=("fm36",), field="OrigLearnStartDate",
    when=fund_model(36) & When(lambda i: i.aim.orig_learn_start_date is not None
                               and i.aim.orig_learn_start_date < date(2017, 5, 1)),
    topic=TOPIC, what="An apprenticeship aim funded from 1 May 2017 (FundModel 36) has no OrigLearnStartDate before 1"
                      " May 2017.",
    fix="Correct OrigLearnStartDate; learning that began before 1 May 2017 is not funded under FundModel 36.")

# --- achievement date ---------------------------------------------------------------------

ACH_DATE_02 = Broken(
    "AchDate_02", "aim", field="AchDate",
    when=known("AchDate") & When(lambda i: i.aim.ach_date > i.ctx.year.end),
    topic=TOPIC, what="An aim's AchDate is not after the end of the file's teaching year.",
    fix="Correct AchDate; an achievement after 31 July belongs to the next year's file.")

ACH_DATE_03 = DateOrder(
    "AchDate_03", "aim", "LearnStartDate", "AchDate", when=~BOOTCAMP,
    topic=TOPIC, what="An aim's AchDate is not before LearnStartDate. Skills bootcamps (FundModel 37, ProgType 32) "
                      "are exempt.",
    fix="Correct AchDate (or LearnStartDate).")

ACH_DATE_08 = Required(
    "AchDate_08", "aim", "AchDate", scope=("apprenticeship",), when=PROGRAMME_AIM & fund_model(81) & DD07 & value("Outcome", 1),
    topic=TOPIC, what="An achieved (Outcome 1) trailblazer apprenticeship standard programme aim (AimType 1, "
                      "FundModel 81, ProgType 25) has an AchDate.",
    fix="Add AchDate: the date the end-point assessment was passed.")

ACH_DATE_11 = Broken(
    "AchDate_11", "aim", scope=("fm36",), field="AchDate",
    when=PROGRAMME_AIM & FUNDED_STANDARD & When(
        lambda i: i.aim.learn_act_end_date is not None and i.aim.ach_date is not None
        and i.aim.learn_act_end_date >= date(2019, 8, 1)
        and i.aim.ach_date < i.aim.learn_act_end_date + timedelta(days=7)),
    topic=TOPIC, what="An apprenticeship standard programme aim (AimType 1, FundModel 36, ProgType 25) that ended on "
                      "or after 1 August 2019 has its AchDate at least 7 days after LearnActEndDate: the end-point "
                      "assessment follows the end of learning.",
    fix="Correct AchDate to the date of the end-point assessment result, or LearnActEndDate to the last "
        "day of learning before the gateway.")

ACH_DATE_13 = Broken(
    "AchDate_13", "aim", scope=("bootcamp",), field="AchDate",
    when=PROGRAMME_AIM & prog_type(32) & When(
        lambda i: i.aim.learn_act_end_date is not None and i.aim.ach_date is not None
        and i.aim.ach_date > add_months(i.aim.learn_act_end_date, 6)),
    topic=TOPIC, what="A skills bootcamp programme aim (AimType 1, ProgType 32) has its AchDate no later than six "
                      "months after LearnActEndDate.",
    fix="Correct AchDate; the outcome of a skills bootcamp is recorded within six months of its end.")

ACH_DATE_14 = Forbidden(
    "AchDate_14", "aim", "AchDate", when=~PROGRAMME_AIM,
    topic=TOPIC, what="Only the programme aim (AimType 1) returns an AchDate.",
    fix="Remove AchDate from this aim and record it on the programme aim.")

ACH_DATE_15 = DateOrder(
    "AchDate_15", "aim", "LearnStartDate", "AchDate", scope=("bootcamp",), when=prog_type(32), supersedes=("R_144",),
    topic=TOPIC, what="A skills bootcamp aim (ProgType 32) has its AchDate on or after LearnStartDate. Every "
                      "programme aim R_144 finds (AchDate before the earliest programme start) breaks this too: "
                      "reported once, here.",
    fix="Correct AchDate (or LearnStartDate).")

# --- completion status, outcome, grade ----------------------------------------------------

OUTCOME_04 = OneOf(
    "Outcome_04", "aim", "Outcome", {1}, when=known("AchDate") & ~FUNDED_STANDARD,
    topic=TOPIC, what="An aim with an AchDate has Outcome 1 (achieved). Apprenticeship standards (FundModel 36, "
                      "ProgType 25) are exempt.",
    fix="Remove AchDate if the aim was not achieved; otherwise set Outcome 1.")

OUTCOME_05 = Required(
    "Outcome_05", "aim", "LearnActEndDate", when=value("Outcome", 1) & ~BOOTCAMP,
    topic=TOPIC, what="An achieved aim (Outcome 1) has a LearnActEndDate. Skills bootcamps (FundModel 37, ProgType "
                      "32) are exempt.",
    fix="Add LearnActEndDate: the last day of learning on the aim.")

OUTCOME_13 = Broken(
    "Outcome_13", "aim", scope=("units",), field="Outcome",
    when=PROGRAMME_AIM & prog_type(34) & value("Outcome", 1) & ~has_fam("LDM", "404"),
    topic=TOPIC, what="An achieved (Outcome 1) Growth and Skills Offer apprenticeship unit programme aim (AimType 1, "
                      "ProgType 34) has the LDM 404 monitoring (apprenticeship unit 30% and onboarding milestone).",
    fix="Add a LearningDeliveryFAM LDM 404 to the programme aim, or correct the Outcome.")

COMP_STATUS_08 = OneOf(
    "CompStatus_08", "aim", "CompStatus", {2}, scope=("bootcamp",), when=PROGRAMME_AIM & BOOTCAMP & known("AchDate"),
    topic=TOPIC, what="A skills bootcamp programme aim (AimType 1, FundModel 37, ProgType 32) with an AchDate is "
                      "completed (CompStatus 2).",
    fix="Set CompStatus 2, or remove AchDate if the learner did not complete the bootcamp.")

COMP_STATUS_09 = OneOf(
    "CompStatus_09", "aim", "CompStatus", {2}, when=aim_ref(*BOOTCAMP_EVENT_AIMS),
    topic=TOPIC, what="A skills bootcamp event aim (Z0059747, Z0059748, Z0059749) is completed (CompStatus 2).",
    fix="Set CompStatus 2 with its LearnActEndDate on the day of the event.")

COMP_STATUS_11 = NotOneOf(
    "CompStatus_11", "aim", "CompStatus", {6}, scope=("units",), when=prog_type(34),
    topic=TOPIC, what="A Growth and Skills Offer apprenticeship unit aim (ProgType 34) is never recorded on a break "
                      "in learning (CompStatus 6).",
    fix="Record the learner as withdrawn (CompStatus 3) or continuing instead.")

STD_CODE_03 = Forbidden(
    "StdCode_03", "aim", "StdCode", when=~prog_type(25),
    topic=TOPIC, what="Only an apprenticeship standard's aim (ProgType 25) returns a StdCode.",
    fix="Remove StdCode, or set ProgType 25 if the aim is part of an apprenticeship standard.")

COMP_STATUS_10 = Broken(
    "CompStatus_10", "aim", field="CompStatus", scope=("fm36",), supersedes=("Outcome_05",),
    when=fund_model(36) & prog_type(25) & value("Outcome", 1) & value("CompStatus", 1),
    fact="Outcome 1 (achieved) on a continuing aim (CompStatus 1)",
    topic=TOPIC, what="An apprenticeship standard's aim (FundModel 36, ProgType 25) that records Outcome 1 "
                      "(achieved) is not continuing (CompStatus 1). Where the programme aim also has its "
                      "AchDate and LearnActEndDate, ILR117 reports the fault with its correction; where the aim "
                      "has no LearnActEndDate, Outcome_05's finding on the same Outcome is left to this one.",
    fix="If the aim was achieved, set CompStatus 2 with its LearnActEndDate; if learning goes on, remove Outcome.")

OUT_GRADE_04 = Forbidden(
    "OutGrade_04", "aim", "OutGrade", when=value("Outcome", 8) | ~known("Outcome"),
    topic=TOPIC, what="An aim's OutGrade is not returned while the outcome is not known: Outcome 8 or no Outcome.",
    fix="Remove OutGrade until the outcome is known, then record both.")

OUT_GRADE_05 = NotOneOf(
    "OutGrade_05", "aim", "Outcome", {1}, when=value("OutGrade", *FAIL_GRADES),
    topic=TOPIC, what="An aim with a fail or ungraded OutGrade (FL, U, N, X or Y) does not have Outcome 1 (achieved).",
    fix="Correct Outcome (3, no achievement) or the OutGrade.")

OUT_GRADE_06 = OneOf(
    "OutGrade_06", "aim", "OutGrade", set(FAIL_GRADES), when=value("Outcome", 3) & known("OutGrade"),
    topic=TOPIC, what="An aim with Outcome 3 (no achievement) has no OutGrade, or a fail or ungraded one: FL, U, N, X"
                      " or Y.",
    fix="Correct OutGrade, remove it, or correct the Outcome.")

TLOUT_01 = Required(
    "Tlout_01", "aim", "TLOut", scope=("tailored",), when=fund_model(11) & value("CompStatus", 2, 3),
    topic=TOPIC, what="A completed or withdrawn tailored learning aim (FundModel 11, CompStatus 2 or 3) has its "
                      "tailored learning outcome (TLOut).",
    fix="Add TLOut: the outcome of the tailored learning.")
