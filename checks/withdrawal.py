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

from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import RemoveField, SetField
from ilr_lint.model import Learner, LearningDelivery

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


def _standard(aim: LearningDelivery) -> bool:
    """An aim of a funded or non-funded apprenticeship standard (FundModel 36 or 99, ProgType 25)."""
    return aim.is_standard and aim.fund_model in (codes.FM_APPRENTICESHIPS, codes.FM_NON_FUNDED)


def _in_epa(aim: LearningDelivery) -> bool:
    """A funded or non-funded standard programme aim, which may be continuing after its training ends."""
    return aim.is_programme_aim and _standard(aim)

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
