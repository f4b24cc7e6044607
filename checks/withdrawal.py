"""Topic ``withdrawal``: completion status, withdrawal reason and outcome codes.

Source: Making changes and correcting errors
(CHANGES), the apprenticeship sections of Recording apprenticeship programmes
(APPS) and the official rules ``CompStatus_*``, ``Outcome_*``, ``WithdrawReason_*``,
``LearnActEndDate_*`` and ``AchDate_*``. Each aim's CompStatus has companion fields:

=========== =============== ============== ========= ==============
CompStatus  LearnActEndDate WithdrawReason Outcome   OutGrade
=========== =============== ============== ========= ==============
1 continuing none (*)       not returned   none (*)  none
2 completed  returned       not returned   returned  if applicable
3 withdrawn  returned       returned       3         not returned
6 break      returned       not returned   3         not returned
=========== =============== ============== ========= ==============

(EmpOutcome, which the guidance also keeps off withdrawn and break aims, is in no supported
year's schema: see docs/schema.md.)

(*) An apprenticeship standard programme aim whose training is finished but whose
end-point assessment is not stays continuing with LearnActEndDate and Outcome 8.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import RemoveField, SetField
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.reference.codelists import code_list

CHANGES = "Making changes and correcting errors"
APPS = "Recording apprenticeship programmes"

STATUS_NAMES = {codes.CONTINUING: "continuing", codes.COMPLETED: "completed", codes.WITHDRAWN: "withdrawn",
                codes.BREAK: "on a break in learning"}
CLOSED = (codes.COMPLETED, codes.WITHDRAWN, codes.BREAK)
LEFT = (codes.WITHDRAWN, codes.BREAK)  # withdrawn or on an agreed break: Outcome 3, no grades
CLOSE_WITHDRAWN = ("set CompStatus 3, WithdrawReason (the reason that applies), LearnActEndDate = the last day of "
                   "learning, Outcome 3")
EPA_FIX = ("Set Outcome 8 (learning activities complete, outcome not yet known) while the end-point assessment "
           "is under way; when it is finished set CompStatus 2, AchDate and Outcome 1 or 3.")
STILL_LEARNING_FIX = ("If the learner is still learning, remove LearnActEndDate; if the aim has ended, set CompStatus 2 "
                      "with its Outcome, or " + CLOSE_WITHDRAWN + ".")
STANDARD_ACH_FROM = date(2019, 8, 1)  # CompStatus_07: standards ending on or after this date
STANDARD_ACH_NEEDED_FROM = date(2021, 8, 1)  # AchDate_12
ACH_DATE_RULES_FROM = date(2015, 8, 1)  # AchDate_09: aims started after 31 July 2015


def _status(aim: LearningDelivery) -> str:
    return f"CompStatus {aim.comp_status}, {STATUS_NAMES.get(aim.comp_status, 'unknown')}"


def _standard(aim: LearningDelivery) -> bool:
    """An aim of a funded or non-funded apprenticeship standard (FundModel 36 or 99, ProgType 25)."""
    return aim.is_standard and aim.fund_model in (codes.FM_APPRENTICESHIPS, codes.FM_NON_FUNDED)


def _in_epa(aim: LearningDelivery) -> bool:
    """A funded or non-funded standard programme aim, which may be continuing after its training ends."""
    return aim.is_programme_aim and _standard(aim)


def _fm36_standard_programme(aim: LearningDelivery) -> bool:
    return aim.is_standard_programme_aim and aim.fund_model == codes.FM_APPRENTICESHIPS


# --- companion fields of each CompStatus --------------------------------------------------


@check(code="ILR100", name="closed-aim-needs-end-date", topic="withdrawal", severity="error",
       rules=("CompStatus_03",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal', "
       "'Recording breaks in learning, transfers and restarts', 'How to record learning outcomes'")
def closed_aim_needs_end_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A completed, withdrawn or break aim (CompStatus 2, 3 or 6) has a LearnActEndDate.

    **What.** Every aim that is not continuing records when learning on it ended.

    **Why.** The guidance records the date of the last learning activity for achieved,
    withdrawn and break aims alike; the funder rejects a closed aim without it
    (CompStatus_03), and funding, retention and the QAR hybrid end year all use it.

    **Fix.** Add LearnActEndDate = the date of the last learning activity on the aim (for a
    break, the last day before the break). If the learner is in fact still learning, set
    CompStatus 1 and remove Outcome instead.
    """
    for aim in learner.deliveries:
        if aim.comp_status in CLOSED and aim.learn_act_end_date is None:
            yield Problem(
                f"aim {aim.aim_seq_number} is {STATUS_NAMES[aim.comp_status]} (CompStatus {aim.comp_status}) but "
                "has no LearnActEndDate",
                "Add LearnActEndDate = the date of the last learning activity on the aim; if the learner is still "
                "learning, set CompStatus 1 and remove Outcome instead.",
                aim, line=aim.line_of("comp_status"))


@check(code="ILR101", name="withdrawn-needs-reason", topic="withdrawal", severity="error",
       rules=("WithdrawReason_03",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal'")
def withdrawn_needs_reason(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A withdrawn aim (CompStatus 3) records why the learner withdrew.

    **What.** Every aim with CompStatus 3 has a WithdrawReason.

    **Why.** The guidance on learners who withdraw asks for the reason with the actual end
    date; the funder rejects the record without it (WithdrawReason_03), and reasons such as
    transfers (2, 7, 40, 41, 47) change how the QAR treats the aim.

    **Fix.** Add the WithdrawReason that applies, for example 40 for a transfer to a new aim
    with this provider, 2 for a transfer to another provider, 97 for other reasons.
    """
    for aim in learner.deliveries:
        if aim.comp_status == codes.WITHDRAWN and aim.withdraw_reason is None:
            yield Problem(
                f"aim {aim.aim_seq_number} is withdrawn (CompStatus 3) but has no WithdrawReason",
                "Add WithdrawReason with the reason the learner left this aim (for example 40 transferred "
                "to a new aim with this provider, 2 transferred to another provider, 97 other).",
                aim, line=aim.line_of("comp_status"))


@check(code="ILR102", name="reason-only-when-withdrawn", topic="withdrawal", severity="error",
       rules=("WithdrawReason_04",), guidance=f"{CHANGES}: 'Recording agreed breaks in learning for Adult skills "
       "funded learners', 'How to record learning outcomes'")
def reason_only_when_withdrawn(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Only a withdrawn aim (CompStatus 3) has a WithdrawReason.

    **What.** Continuing (1), completed (2) and break (6) aims carry no WithdrawReason.

    **Why.** The guidance says withdrawal reason data is not returned for continuing,
    achieved and break-in-learning aims; the funder rejects it (WithdrawReason_04).

    **Fix.** Remove WithdrawReason. If the learner has in fact withdrawn, set CompStatus 3
    with LearnActEndDate and Outcome 3 and keep the reason. Removing it is a safe correction
    on a completed aim only; on a continuing or break aim the reason may be the right half
    (the learner withdrew and the status was not updated), so the correction is unsafe:
    check first that it is not a withdrawal.
    """
    for aim in learner.deliveries:
        if aim.withdraw_reason is not None and aim.comp_status != codes.WITHDRAWN:
            yield Problem(
                f"aim {aim.aim_seq_number} is {STATUS_NAMES.get(aim.comp_status, 'not withdrawn')} "
                f"(CompStatus {aim.comp_status}) but has WithdrawReason {aim.withdraw_reason}",
                "Remove WithdrawReason; if the learner has withdrawn, " + CLOSE_WITHDRAWN + " instead.",
                aim, line=aim.line_of("withdraw_reason"),
                edits=(RemoveField(aim.aim_seq_number, "WithdrawReason"),), unsafe=aim.comp_status != codes.COMPLETED)


@check(code="ILR103", name="closed-aim-needs-outcome", topic="withdrawal", severity="error",
       rules=("CompStatus_04", "Outcome_12"), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal', "
       "'Recording agreed breaks in learning for Adult skills funded learners', 'How to record learning outcomes'")
def closed_aim_needs_outcome(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A completed, withdrawn or break aim (CompStatus 2, 3 or 6), or an aim with an end date, has an Outcome.

    **What.** Every aim that is not continuing records its Outcome: 3 (no achievement) when
    withdrawn or on a break, the result when completed (CompStatus_04). Every aim with a
    LearnActEndDate records its Outcome too (Outcome_12), 8 while the result is not yet known:
    a continuing standard programme aim in its end-point assessment has Outcome 8, and any
    other continuing aim with an end date also breaks CompStatus_02 (one finding names both).

    **Why.** The guidance requires Outcome 3 for withdrawn and break aims and the outcome for
    achieved aims; the funder rejects a closed aim, or an aim with an actual end date,
    without one (CompStatus_04, Outcome_12).

    **Fix.** Withdrawn or break aim: set Outcome 3 (a safe correction). Completed aim: set
    Outcome 1 achieved, 3 no achievement, or 8 learning complete, outcome not yet known.
    Standard awaiting its end-point assessment: Outcome 8. Other continuing aim with an end
    date: remove the end date if the learner is still learning, else close the aim.
    """
    for aim in learner.deliveries:
        if aim.outcome is not None or (aim.comp_status not in CLOSED and aim.learn_act_end_date is None):
            continue
        ended = ("Outcome_12",) if aim.learn_act_end_date is not None else ()
        if aim.comp_status in LEFT:
            yield Problem(
                f"aim {aim.aim_seq_number} is {STATUS_NAMES[aim.comp_status]} (CompStatus {aim.comp_status}) but "
                "has no Outcome", "Set Outcome 3 (no achievement).",
                aim, line=aim.line_of("comp_status"), edits=(SetField(aim.aim_seq_number, "Outcome", "3"),),
                rules=("CompStatus_04", *ended))
        elif aim.comp_status in CLOSED:
            yield Problem(
                f"aim {aim.aim_seq_number} is completed (CompStatus 2) but has no Outcome",
                "Set Outcome 1 (achieved), 3 (no achievement) or 8 (learning complete, outcome not yet known).",
                aim, line=aim.line_of("comp_status"), rules=("CompStatus_04", *ended))
        elif _in_epa(aim):
            yield Problem(
                f"standard programme aim {aim.aim_seq_number} is continuing (CompStatus 1) with LearnActEndDate "
                f"{aim.learn_act_end_date} but has no Outcome; training that is finished before the end-point "
                "assessment has Outcome 8", EPA_FIX, aim, line=aim.line_of("learn_act_end_date"),
                edits=(SetField(aim.aim_seq_number, "Outcome", "8"),), unsafe=True, rules=ended)
        else:
            yield Problem(
                f"aim {aim.aim_seq_number} is continuing (CompStatus 1) with LearnActEndDate "
                f"{aim.learn_act_end_date} but has no Outcome", STILL_LEARNING_FIX,
                aim, line=aim.line_of("learn_act_end_date"), rules=("CompStatus_02", *ended))


@check(code="ILR104", name="left-aim-outcome-is-no-achievement", topic="withdrawal", severity="error",
       rules=("CompStatus_06",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal', "
       "'Recording agreed breaks in learning for Adult skills funded learners'")
def left_aim_outcome_is_no_achievement(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A withdrawn or break aim (CompStatus 3 or 6) has Outcome 3, never 1, 2 or 8.

    **What.** Outcome 1 (achieved), 2 (partial) or 8 (complete, outcome not yet known) do not
    go with CompStatus 3 or 6. Skills bootcamps are exempt, as in the official rule.

    **Why.** The guidance says Outcome must be code 3 for a learner who withdraws or takes a
    break; the funder rejects 1 and 8 (CompStatus_06). An achieved aim is completed.

    **Fix.** If the learner left or is on a break, set Outcome 3. If they finished the aim,
    set CompStatus 2 and remove WithdrawReason instead (so the edit is marked unsafe).
    """
    for aim in learner.deliveries:
        if aim.comp_status in LEFT and aim.outcome not in (None, codes.NO_ACHIEVEMENT) and not aim.is_bootcamp:
            yield Problem(
                f"aim {aim.aim_seq_number} is {STATUS_NAMES[aim.comp_status]} (CompStatus {aim.comp_status}) but "
                f"has Outcome {aim.outcome}; a withdrawn or break aim has Outcome 3",
                "Set Outcome 3 (no achievement); if the learner finished the aim, set CompStatus 2 and remove "
                "WithdrawReason instead.",
                aim, line=aim.line_of("outcome"), edits=(SetField(aim.aim_seq_number, "Outcome", "3"),), unsafe=True)


@check(code="ILR105", name="no-grade-when-left", topic="withdrawal", severity="warning",
       guidance=f"{CHANGES}: 'Recording learner absence or withdrawal', "
       "'Recording agreed breaks in learning for Adult skills funded learners'")
def no_grade_when_left(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A withdrawn or break aim (CompStatus 3 or 6) has no OutGrade.

    **What.** OutGrade is not returned on an aim the learner withdrew from or broke off.

    **Why.** The guidance says outcome grade data is not returned for withdrawn learners or
    learners on a break. (The funder's OutGrade_06 still accepts a fail grade with Outcome
    3, hence a warning.)

    **Fix.** Remove OutGrade (a safe correction).
    """
    for aim in learner.deliveries:
        if aim.comp_status in LEFT and aim.out_grade is not None:
            yield Problem(
                f"aim {aim.aim_seq_number} is {STATUS_NAMES[aim.comp_status]} (CompStatus {aim.comp_status}) but "
                f"has OutGrade {aim.out_grade}", "Remove OutGrade: it is not returned for a withdrawn or break aim.",
                aim, line=aim.line_of("out_grade"), edits=(RemoveField(aim.aim_seq_number, "OutGrade"),))


@check(code="ILR107", name="continuing-has-no-end-date", topic="withdrawal", severity="error",
       rules=("CompStatus_02",), guidance=f"{CHANGES}: 'How to record learning outcomes'; {APPS}: "
       "'Recording apprenticeship standard completions'")
def continuing_has_no_end_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A continuing aim (CompStatus 1) has no LearnActEndDate, except a standard in its EPA.

    **What.** CompStatus 1 goes without LearnActEndDate. The exception is an apprenticeship
    standard programme aim (FundModel 36 or 99, ProgType 25) whose training is finished while
    the end-point assessment is not: LearnActEndDate with Outcome 8.

    An aim with an end date and no Outcome at all is reported by ILR103 (Outcome_12).

    **Why.** The guidance returns no actual end date for continuing aims (CompStatus_02);
    for standards it records LearnActEndDate with Outcome 8 once all learning activities
    have taken place.

    **Fix.** Learner still learning: remove LearnActEndDate. Aim ended: close it (CompStatus
    2 with Outcome, or 3 withdrawn). Standard programme aim awaiting EPA: set Outcome 8. A
    standard programme aim with an AchDate is not awaiting its EPA: ILR117 reports it.
    """
    for aim in learner.deliveries:
        if aim.comp_status != codes.CONTINUING or aim.learn_act_end_date is None or aim.outcome is None:
            continue
        if _in_epa(aim):
            if aim.outcome != codes.OUTCOME_NOT_KNOWN and aim.ach_date is None:  # an AchDate: EPA over (ILR117)
                yield Problem(
                    f"standard programme aim {aim.aim_seq_number} is continuing (CompStatus 1) with LearnActEndDate "
                    f"{aim.learn_act_end_date} but Outcome {aim.outcome}; training that is finished before the "
                    "end-point assessment has Outcome 8", EPA_FIX, aim, line=aim.line_of("learn_act_end_date"))
        else:
            yield Problem(
                f"aim {aim.aim_seq_number} is continuing (CompStatus 1) but has LearnActEndDate "
                f"{aim.learn_act_end_date}",
                STILL_LEARNING_FIX, aim, line=aim.line_of("learn_act_end_date"))


@check(code="ILR108", name="continuing-has-no-outcome", topic="withdrawal", severity="error",
       rules=("CompStatus_05", "Outcome_09"), guidance=f"{CHANGES}: 'How to record learning outcomes'; {APPS}: "
       "'Recording apprenticeship standard completions'")
def continuing_has_no_outcome(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A continuing aim (CompStatus 1) has no Outcome, except on a standard in its EPA.

    **What.** CompStatus 1 goes without Outcome 1, 2 or 8 (Outcome 3 is ILR109). Exempt, as in
    the official rules: every aim of an apprenticeship standard (FundModel 36 or 99, ProgType
    25), except that Outcome 8 on a standard's component aim is still reported (Outcome_09
    exempts only the programme aim), and skills bootcamps.

    **Why.** The guidance says outcome data is not returned for continuing aims
    (CompStatus_05); Outcome 8 otherwise means completed (Outcome_09).

    **Fix.** Learner still learning: remove Outcome. Aim finished: set CompStatus 2 with
    LearnActEndDate.
    """
    for aim in learner.deliveries:
        if aim.comp_status != codes.CONTINUING or aim.outcome in (None, codes.NO_ACHIEVEMENT) or aim.is_bootcamp:
            continue
        not_known = aim.outcome == codes.OUTCOME_NOT_KNOWN
        if _standard(aim):
            broken = ("Outcome_09",) if not_known and not aim.is_programme_aim else ()
        else:
            broken = ("CompStatus_05", "Outcome_09") if not_known else ("CompStatus_05",)
        if broken:
            yield Problem(
                f"aim {aim.aim_seq_number} is continuing (CompStatus 1) but has Outcome {aim.outcome}",
                "If the learner is still learning, remove Outcome; if the aim is finished, set CompStatus 2 and "
                "LearnActEndDate = the last day of learning.",
                aim, line=aim.line_of("outcome"), rules=broken)


@check(code="ILR109", name="no-achievement-is-not-continuing", topic="withdrawal", severity="error",
       rules=("Outcome_10",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal', "
       "'How to record learning outcomes'")
def no_achievement_is_not_continuing(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Outcome 3 (no achievement) never goes with CompStatus 1 (continuing).

    **What.** An aim recorded as not achieved is closed: completed (failed), withdrawn or on a
    break. This holds for apprenticeship standards too.

    **Why.** Outcome 3 is the outcome of a learner who failed, withdrew or took a break; the
    funder rejects it on a continuing aim (Outcome_10).

    **Fix.** Learner still learning: remove Outcome. Learner failed the final assessment: set
    CompStatus 2 with LearnActEndDate. Learner left: set CompStatus 3, WithdrawReason,
    LearnActEndDate = the last day of learning, Outcome 3.
    """
    for aim in learner.deliveries:
        if aim.comp_status == codes.CONTINUING and aim.outcome == codes.NO_ACHIEVEMENT:
            yield Problem(
                f"aim {aim.aim_seq_number} is continuing (CompStatus 1) but has Outcome 3 (no achievement)",
                "If the learner is still learning, remove Outcome; if they finished and failed, set CompStatus 2 "
                "with LearnActEndDate; if they left, " + CLOSE_WITHDRAWN + ".",
                aim, line=aim.line_of("outcome"))


# --- dates ------------------------------------------------------------------------------------


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


# --- withdrawal reasons ---------------------------------------------------------------------


@check(code="ILR118", name="transfer-needs-new-aim", topic="withdrawal", severity="warning",
       guidance=f"{CHANGES}: 'A learner transfers to a different learning aim within the same provider'")
def transfer_needs_new_aim(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """WithdrawReason 40 (transfer within the provider) has a new aim that starts no earlier.

    **What.** An aim closed with WithdrawReason 40 is followed by a new aim for the learner
    starting on or after the closed aim's LearnActEndDate.

    **Why.** Reason 40 means the learner moved to a new learning aim with this provider; the
    guidance says the new aim cannot start earlier than the actual end date of the aim the
    learner transferred from. Without one, the QAR counts a transfer that did not happen.

    **Fix.** Record the new aim starting on or after the LearnActEndDate, or, if the learner
    did not move to new learning here, use the WithdrawReason that applies (2 transferred to
    another provider, 97 other...).
    """
    for aim in learner.deliveries:
        if (aim.withdraw_reason != codes.WR_TRANSFER_SAME_PROVIDER or aim.learn_act_end_date is None
                or learner.transfer_targets(aim)):
            continue
        yield Problem(
            f"aim {aim.aim_seq_number} is closed with WithdrawReason 40 (transferred to a new aim with this provider) "
            f"on {aim.learn_act_end_date}, but no new aim of this learner starts on or after that date",
            f"Record the new aim with LearnStartDate on or after {aim.learn_act_end_date}; if the learner did not "
            "transfer to new learning with this provider, use the WithdrawReason that applies (for example 2 "
            "transferred to another provider, 97 other).", aim, line=aim.line_of("withdraw_reason"))


@check(code="ILR119", name="reason-41-not-apprenticeship", topic="withdrawal", severity="error",
       guidance=f"{CHANGES}: 'A learner transfers to a different provider'")
def reason_41_not_apprenticeship(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """WithdrawReason 41 is used only on 16-19 or adult skills non-apprenticeship learning.

    **What.** Reason 41 (transferred to another provider to take up an apprenticeship,
    traineeship or supported internship) appears only on aims funded by 16-19 (FundModel 25,
    82) or adult skills (35, 38) that are not themselves apprenticeship aims.

    **Why.** The guidance: code 41 should only identify a learner who left a 16-19 study
    programme or adult skills learning to take up such a programme elsewhere. An apprentice
    moving to another provider is recorded with reason 2 (or 7).

    **Fix.** Use WithdrawReason 2 (transferred to another provider), or 7 when the move was
    by the funder's intervention (the suggested edit is 2, to be confirmed).
    """
    allowed = codes.FM_16_19_FUNDED | {codes.FM_ADULT_SKILLS_OLD, codes.FM_ADULT_SKILLS}
    for aim in learner.deliveries:
        if aim.withdraw_reason != codes.WR_TRANSFER_GOVERNMENT_STRATEGY:
            continue
        if aim.is_apprenticeship or aim.fund_model == codes.FM_APPRENTICESHIPS:
            what = "an apprenticeship aim"
        elif aim.fund_model not in allowed:
            what = f"funded by FundModel {aim.fund_model}, not 16-19 or adult skills"
        else:
            continue
        yield Problem(
            f"aim {aim.aim_seq_number} has WithdrawReason 41 (transferred to another provider for an apprenticeship, "
            f"traineeship or supported internship) but is {what}",
            "Use WithdrawReason 2 (transferred to another provider), or 7 if the funder arranged the transfer.",
            aim, line=aim.line_of("withdraw_reason"),
            edits=(SetField(aim.aim_seq_number, "WithdrawReason", str(codes.WR_TRANSFER_OTHER_PROVIDER)),), unsafe=True)


@check(code="ILR120", name="reason-28-needs-olass", topic="withdrawal", severity="error",
       rules=("WithdrawReason_05",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal' (Withdrawal "
       "reason code list)")
def reason_28_needs_olass(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """WithdrawReason 28 (OLASS learner withdrawn) goes only with LDM 034 (OLASS).

    **What.** In the years that have code 28 (up to 2025-26), an aim with WithdrawReason 28
    carries the OLASS learning delivery monitoring code LDM 034.

    **Why.** Code 28 is for offenders in custody funded through OLASS; the funder rejects it
    elsewhere (WithdrawReason_05). In 2026-27 the code is gone (ILR122).

    **Fix.** Add LDM 034 if the learning is OLASS provision; otherwise use the reason that
    applies (97 other, 98 not known...).
    """
    if str(codes.WR_OLASS) not in code_list(ctx.year, "WithdrawReason").codes:
        return
    for aim in learner.deliveries:
        if aim.withdraw_reason == codes.WR_OLASS and not aim.has_fam(codes.FAM_MONITORING, codes.LDM_OLASS):
            yield Problem(
                f"aim {aim.aim_seq_number} has WithdrawReason 28 (OLASS learner withdrawn) but no LDM 034 (OLASS)",
                "If this is OLASS provision, add LearningDeliveryFAM LDM 034; otherwise use the WithdrawReason that "
                "applies (for example 97 other).", aim, line=aim.line_of("withdraw_reason"))


@check(code="ILR121", name="reason-48-only-industry-placement", topic="withdrawal", severity="error",
       rules=("WithdrawReason_06",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal' (Withdrawal "
       "reason code list)")
def reason_48_only_industry_placement(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """WithdrawReason 48 (industry placement learner withdrawn) only on the industry placement aim.

    **What.** Reason 48 appears only on the industry placement aim ZWRKX002, as the official
    rule fixes.

    **Why.** The code says the learner withdrew from an industry placement; the funder
    rejects it on any other aim (WithdrawReason_06).

    **Fix.** Use the WithdrawReason that applies to this aim (for example 97 other).
    """
    for aim in learner.deliveries:
        if aim.withdraw_reason == codes.WR_INDUSTRY_PLACEMENT and aim.learn_aim_ref.upper() != codes.INDUSTRY_PLACEMENT_AIM_REF:
            yield Problem(
                f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) has WithdrawReason 48 (industry placement learner "
                f"withdrawn) but is not the industry placement aim {codes.INDUSTRY_PLACEMENT_AIM_REF}",
                "Use the WithdrawReason that applies to this aim (for example 97 other).",
                aim, line=aim.line_of("withdraw_reason"))


@check(code="ILR122", name="reason-valid-for-year", topic="withdrawal", severity="error",
       rules=("WithdrawReason_02",), guidance=f"{CHANGES}: 'Recording learner absence or withdrawal'; "
       "ILR specification for the year: WithdrawReason code list")
def reason_valid_for_year(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """WithdrawReason is a code of the file's collection year.

    **What.** The reason is on the year's list (2, 3, 7, 28, 29, 40-48, 97, 98 up to 2025-26;
    2026-27 drops 28), read from the year's code lists (docs/reference-data.md).

    **Why.** The funder rejects a code that is not a valid lookup for the year
    (WithdrawReason_02).

    **Fix.** Use a WithdrawReason from this year's list (for example 97 other).
    """
    valid = code_list(ctx.year, "WithdrawReason")
    for aim in learner.deliveries:
        if aim.withdraw_reason is not None and valid.invalid(aim.withdraw_reason):
            yield Problem(
                f"aim {aim.aim_seq_number} has WithdrawReason {aim.withdraw_reason}, which is not a valid code in "
                f"{ctx.year.label}",
                f"Use a WithdrawReason valid in {ctx.year.label}: {valid.shown()}.",
                aim, line=aim.line_of("withdraw_reason"))


@check(code="ILR123", name="no-break-on-16-19", topic="withdrawal", severity="error",
       guidance=f"{CHANGES}: 'For 16-19 funded learners'")
def no_break_on_16_19(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A 16-19 funded aim (FundModel 25 or 82) is never on a break in learning (CompStatus 6).

    **What.** CompStatus 6 does not appear on FundModel 25 or 82 aims.

    **Why.** The guidance: the ILR does not record breaks in learning for 16-19 funded
    learners. An agreed leave of absence leaves the aims open; a learner who leaves is
    withdrawn.

    **Fix.** Leave of absence: set CompStatus 1 and remove LearnActEndDate and Outcome.
    Learner left: set CompStatus 3, WithdrawReason, LearnActEndDate = the last day of
    learning, Outcome 3.
    """
    for aim in learner.deliveries:
        if aim.comp_status == codes.BREAK and aim.fund_model in codes.FM_16_19_FUNDED:
            yield Problem(
                f"aim {aim.aim_seq_number} is 16-19 funded (FundModel {aim.fund_model}) but on a break in learning "
                "(CompStatus 6); the ILR records no breaks for 16-19 funded learners",
                "For an agreed leave of absence, set CompStatus 1 and remove LearnActEndDate and Outcome; if the "
                "learner has left, " + CLOSE_WITHDRAWN + ".", aim, line=aim.line_of("comp_status"))
