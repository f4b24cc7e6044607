"""Topic ``withdrawal``: an aim's end and achievement dates, and apprenticeship standards' completion.

Source: Making changes and correcting errors (CHANGES), Recording apprenticeship programmes
(APPS) and the official rules ``LearnActEndDate_*``, ``AchDate_*`` and ``CompStatus_07``. The
companion fields of each CompStatus are in :mod:`ilr_lint.checks.withdrawal`.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import RemoveField, SetField
from ilr_lint.model import Learner, LearningDelivery

from .withdrawal import APPS, CHANGES, STATUS_NAMES

STANDARD_ACH_FROM = date(2019, 8, 1)  # CompStatus_07: standards ending on or after this date
STANDARD_ACH_NEEDED_FROM = date(2021, 8, 1)  # AchDate_12
ACH_DATE_RULES_FROM = date(2015, 8, 1)  # AchDate_09: aims started after 31 July 2015


def _status(aim: LearningDelivery) -> str:
    return f"CompStatus {aim.comp_status}, {STATUS_NAMES.get(aim.comp_status, 'unknown')}"


def _fm36_standard_programme(aim: LearningDelivery) -> bool:
    return aim.is_standard_programme_aim and aim.fund_model == codes.FM_APPRENTICESHIPS


# --- end and achievement dates ------------------------------------------------------------------------------------


@check(code="ILR110", name="end-date-not-before-start", topic="withdrawal", severity="error",
       rules=("LearnActEndDate_01",), guidance=f"{CHANGES}: 'Changes to the Learning start and end dates'")
def end_date_not_before_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """LearnActEndDate is not before LearnStartDate.

    **What.** An aim cannot end before it started; ending on its start date is allowed (the
    guidance uses that for aims closed to correct an error).

    **Why.** The funder rejects it (LearnActEndDate_01); funding and QAR durations are
    computed from the two dates.

    **Fix.** Correct LearnActEndDate to the date of the last learning activity, on or after
    LearnStartDate (for an aim closed to correct an error, the LearnStartDate itself).
    """
    for aim in learner.deliveries:
        if aim.learn_act_end_date is not None and aim.learn_act_end_date < aim.learn_start_date:
            yield Problem(
                f"aim {aim.aim_seq_number} has LearnActEndDate {aim.learn_act_end_date}, before its LearnStartDate "
                f"{aim.learn_start_date}",
                "Set LearnActEndDate to the date of the last learning activity, on or after LearnStartDate.",
                aim, line=aim.line_of("learn_act_end_date"))


@check(code="ILR111", name="end-date-not-in-future", topic="withdrawal", severity="error",
       rules=("LearnActEndDate_04",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal'")
def end_date_not_in_future(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """LearnActEndDate is not after the file preparation date.

    **What.** An actual end date records something that has happened: it is on or before the
    header's FilePreparationDate.

    **Why.** The funder rejects a future end date (LearnActEndDate_04); a planned end belongs
    in LearnPlanEndDate.

    **Fix.** Record LearnActEndDate only once learning has ended, as the date of the last
    learning activity; until then keep the aim continuing (CompStatus 1).
    """
    prepared = ctx.file_preparation_date
    for aim in learner.deliveries:
        if aim.learn_act_end_date is not None and aim.learn_act_end_date > prepared:
            yield Problem(
                f"aim {aim.aim_seq_number} has LearnActEndDate {aim.learn_act_end_date}, after the file preparation "
                f"date {prepared}",
                "Set LearnActEndDate to the date of the last learning activity that has taken place; if learning "
                "has not ended yet, remove it and keep the aim continuing (CompStatus 1, no Outcome).",
                aim, line=aim.line_of("learn_act_end_date"))


@check(code="ILR112", name="ach-date-only-on-standard-programme", topic="withdrawal", severity="error",
       rules=("AchDate_09",), guidance=f"{APPS}: 'Guidance for completing important Learning Delivery fields "
       "recorded for apprenticeship aims' (Achievement date)")
def ach_date_only_on_standard_programme(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """AchDate is recorded only on apprenticeship standard programme aims.

    **What.** AchDate appears only on an apprenticeship standard programme aim (AimType 1,
    ProgType 25, FundModel 36 or 81). Skills bootcamps and aims started before 1 August 2015
    are exempt, as in the official rule.

    **Why.** The guidance says the field is for apprenticeship standards only and is only
    recorded on the programme aim; the funder rejects it elsewhere (AchDate_09).

    **Fix.** Remove AchDate (a safe correction); for a standard, record the end of the
    end-point assessment on the programme aim (ZPROG001) instead.
    """
    for aim in learner.deliveries:
        if aim.ach_date is None or aim.is_bootcamp or aim.learn_start_date < ACH_DATE_RULES_FROM:
            continue
        if aim.is_standard_programme_aim and aim.fund_model in (codes.FM_APPRENTICESHIPS, codes.FM_OTHER_ADULT):
            continue
        yield Problem(
            f"aim {aim.aim_seq_number} has AchDate {aim.ach_date} but is not an apprenticeship standard programme "
            "aim", "Remove AchDate; for an apprenticeship standard record it on the programme aim (ZPROG001) only.",
            aim, line=aim.line_of("ach_date"), edits=(RemoveField(aim.aim_seq_number, "AchDate"),))


@check(code="ILR113", name="ach-date-not-before-end-date", topic="withdrawal", severity="error",
       rules=("AchDate_04", "AchDate_05"), guidance=f"{APPS}: 'Recording apprenticeship standard completions'")
def ach_date_not_before_end_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """AchDate has a LearnActEndDate on or before it.

    **What.** An aim with AchDate also has LearnActEndDate, and AchDate is not before it.
    Skills bootcamps are exempt, as in the official rules.

    **Why.** For a standard, LearnActEndDate is the end of training and AchDate the end of
    the end-point assessment that follows it; the funder rejects an AchDate without an end
    date (AchDate_04) or before it (AchDate_05).

    **Fix.** Record LearnActEndDate = the date training finished, and AchDate = the date the
    end-point assessment was completed, on or after it.
    """
    for aim in learner.deliveries:
        if aim.ach_date is None or aim.is_bootcamp:
            continue
        if aim.learn_act_end_date is None:
            yield Problem(
                f"aim {aim.aim_seq_number} has AchDate {aim.ach_date} but no LearnActEndDate",
                "Add LearnActEndDate = the date training finished (on or before AchDate).",
                aim, line=aim.line_of("ach_date"))
        elif aim.ach_date < aim.learn_act_end_date:
            yield Problem(
                f"aim {aim.aim_seq_number} has AchDate {aim.ach_date}, before its LearnActEndDate "
                f"{aim.learn_act_end_date}",
                "Set LearnActEndDate to the date training finished and AchDate to the date the end-point assessment "
                "was completed, on or after it.",
                aim, line=aim.line_of("ach_date"))


@check(code="ILR114", name="ach-date-not-in-future", topic="withdrawal", severity="error",
       rules=("AchDate_07",), guidance=f"{APPS}: 'Recording apprenticeship standard completions'")
def ach_date_not_in_future(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """AchDate is not after the file preparation date.

    **What.** The end-point assessment recorded in AchDate has happened: the date is on or
    before the header's FilePreparationDate.

    **Why.** The funder rejects a future AchDate (AchDate_07); it triggers completion payments.

    **Fix.** Record AchDate only once the end-point assessment is complete; until then keep
    Outcome 8 and no AchDate.
    """
    prepared = ctx.file_preparation_date
    for aim in learner.deliveries:
        if aim.ach_date is not None and aim.ach_date > prepared:
            yield Problem(
                f"aim {aim.aim_seq_number} has AchDate {aim.ach_date}, after the file preparation date {prepared}",
                "Record AchDate only once the achievement has happened: for a standard, remove it and keep Outcome 8 "
                "until the end-point assessment is complete, then record the date it was completed.",
                aim, line=aim.line_of("ach_date"))


# --- apprenticeship standards ------------------------------------------------------------------


@check(code="ILR115", name="standard-outcome-8-needs-end-date", topic="withdrawal", severity="error",
       rules=("Outcome_11",), guidance=f"{APPS}: 'Recording apprenticeship standard completions'")
def standard_outcome_8_needs_end_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Outcome 8 on a continuing standard programme aim has a LearnActEndDate.

    **What.** An apprenticeship standard programme aim that is continuing with Outcome 8
    (learning complete, outcome not yet known) records the date training finished.

    **Why.** The guidance: where the Outcome is recorded as code 8, the learning actual end
    date must also be recorded, as all learning activities have taken place (Outcome_11).

    **Fix.** Add LearnActEndDate = the date the training period finished (not including the
    end-point assessment); if training is not finished, remove Outcome.
    """
    for aim in learner.deliveries:
        if (aim.is_standard_programme_aim and aim.comp_status == codes.CONTINUING
                and aim.outcome == codes.OUTCOME_NOT_KNOWN and aim.learn_act_end_date is None):
            yield Problem(
                f"standard programme aim {aim.aim_seq_number} has Outcome 8 (learning complete, outcome not yet "
                "known) but no LearnActEndDate",
                "Add LearnActEndDate = the date the training period finished; if training is not finished, remove "
                "Outcome.", aim, line=aim.line_of("outcome"))


@check(code="ILR116", name="standard-completed-needs-ach-date", topic="withdrawal", severity="error",
       rules=("AchDate_12",), guidance=f"{APPS}: 'Recording apprenticeship standard completions'")
def standard_completed_needs_ach_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A completed FM36 standard programme aim (CompStatus 2) has an AchDate.

    **What.** CompStatus 2 on an apprenticeship standard programme aim (FundModel 36, ProgType
    25) that ended on or after 1 August 2021 goes with AchDate, the end of the end-point
    assessment.

    **Why.** The guidance: to be completed both training and end-point assessment must be
    finished, and the programme aim records the AchDate whether the result was a pass or a
    fail (AchDate_12).

    **Fix.** EPA finished: add AchDate = the date the end-point assessment was completed, and
    Outcome 1 or 3. EPA not finished: set CompStatus 1 with Outcome 8.
    """
    for aim in learner.deliveries:
        if (_fm36_standard_programme(aim) and aim.comp_status == codes.COMPLETED and aim.ach_date is None
                and aim.learn_act_end_date is not None and aim.learn_act_end_date >= STANDARD_ACH_NEEDED_FROM):
            yield Problem(
                f"standard programme aim {aim.aim_seq_number} is completed (CompStatus 2) but has no AchDate",
                "If the end-point assessment is finished, add AchDate = the date it was completed with Outcome 1 or "
                "3; if not, set CompStatus 1 with Outcome 8.", aim, line=aim.line_of("comp_status"))


@check(code="ILR117", name="standard-ach-date-means-completed", topic="withdrawal", severity="error",
       rules=("CompStatus_07",), guidance=f"{APPS}: 'Recording apprenticeship standard completions'",
       supersedes=("ILR107", "ILR108", "ILR109", "ILR237", "CompStatus_10"))
def standard_ach_date_means_completed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An FM36 standard programme aim with LearnActEndDate and AchDate is completed.

    **What.** An apprenticeship standard programme aim (FundModel 36, ProgType 25) ended on or
    after 1 August 2019 that records an AchDate has CompStatus 2.

    **Why.** AchDate records that the end-point assessment period is complete, pass or fail;
    the guidance then records the programme as completed (CompStatus_07) and dates the
    latest ACT to the AchDate.

    **Fix.** Set CompStatus 2 with Outcome 1 (achieved) or 3 (failed), removing any
    WithdrawReason; if the apprentice withdrew before the assessment, remove AchDate. On a
    continuing aim that already has Outcome 1 or 3 the correction sets CompStatus 2: the
    AchDate and the Outcome both say the assessment is over. The advice of ILR107 (Outcome
    8), ILR108 and ILR109 (remove Outcome) and ILR237 (reopen the ACT) would contradict
    this on the same aim, so they stay silent where this check reports; CompStatus_10 (Outcome 1
    on a continuing standard aim) reports the same fault and stays silent too.
    """
    for aim in learner.deliveries:
        if (_fm36_standard_programme(aim) and aim.ach_date is not None and aim.learn_act_end_date is not None
                and aim.learn_act_end_date >= STANDARD_ACH_FROM and aim.comp_status != codes.COMPLETED):
            finished = aim.comp_status == codes.CONTINUING and aim.outcome in (codes.ACHIEVED, codes.NO_ACHIEVEMENT)
            # From 2026-27 a completed programme also records its actual off-the-job hours (HRS 3,
            # HRSType_08): without them, completing it here would only move the fault.
            hours_missing = ctx.year.code == "2627" and aim.hrs(3) is None
            yield Problem(
                f"standard programme aim {aim.aim_seq_number} has AchDate {aim.ach_date} but {_status(aim)}",
                "Set CompStatus 2 with Outcome 1 (achieved) or 3 (failed end-point assessment) and no "
                "WithdrawReason; if the apprentice withdrew before the assessment, remove AchDate."
                + (" Record the actual off-the-job training hours too (HRSRecord HRS 3)." if hours_missing else ""),
                aim, line=aim.line_of("comp_status"),
                edits=(SetField(aim.aim_seq_number, "CompStatus", str(codes.COMPLETED)),)
                if finished and not hours_missing else ())
