"""Topic ``change``: a learner's identity between submissions (``--previous``): LearnRefNumber,
PrevLearnRefNumber and ULN changes, and withdrawals dated 1 August after a correction.

As in :mod:`ilr_lint.checks.change`, each check compares the file with the earlier files that
:mod:`ilr_lint.matching` selects and is silent without them. Sources: Making changes and
correcting errors and the QAR methodology Qualification achievement rates 2024 to 2025
('Processing learner reference number changes'). The funder has no validation rule for any of
them, so ``rules`` stays empty.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Iterable, Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import RemoveField, SetField
from ilr_lint.matching import BY_ULN, describe, earlier_files, history, reference_key
from ilr_lint.model import Learner, LearningDelivery

from .change import CHANGES, QAR, aim_label, aim_matches


def _newest_only(found: Iterable[Problem]) -> Iterator[Problem]:
    """At most one finding per learner: from the newest earlier file that shows the problem."""
    problem = next(iter(found), None)
    if problem is not None:
        yield problem


@check(code="ILR507", name="learn-ref-number-changed", topic="change", severity="error",
       guidance=f"{QAR}: 'Processing learner reference number changes'")
def learn_ref_number_changed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A changed LearnRefNumber is recorded in PrevLearnRefNumber.

    **What.** The learner has the ULN of a learner with another LearnRefNumber in an earlier
    submission, and PrevLearnRefNumber does not name that LearnRefNumber.

    **Why.** The QAR methodology ('Processing learner reference number changes') asks for
    a change of learner reference number, within a year or between years, to be recorded in
    PrevLearnRefNumber; without it the QAR process may see two learners, and the old record
    without achievement data can count against the provider's rates.

    **Fix.** Set PrevLearnRefNumber to the earlier LearnRefNumber for the rest of this year,
    or better, keep the original LearnRefNumber for a continuing learner.
    """
    yield from _newest_only(
        Problem(
            f"learner {learner.learn_ref_number} has the ULN of learner {v.learner.learn_ref_number} in {v.label} "
            + ("but no PrevLearnRefNumber" if learner.prev_learn_ref_number is None
               else f"but PrevLearnRefNumber is {learner.prev_learn_ref_number}")
            + ": the QAR process will see two learners",
            f"Set PrevLearnRefNumber to {v.learner.learn_ref_number} and keep it for the rest of this year (it is "
            f"cleared at the start of the next), or keep {v.learner.learn_ref_number} as the LearnRefNumber of this "
            f"continuing learner; otherwise {v.learner.learn_ref_number}'s aims may count as non-achievements.",
            learner, line=learner.line_of("learn_ref_number"),
            edits=(SetField(None, "PrevLearnRefNumber", v.learner.learn_ref_number),), unsafe=True)
        for v in history(learner, ctx)
        if v.by == BY_ULN and v.learner is not None and v.learner.learn_ref_number != learner.learn_ref_number)


@check(code="ILR508", name="prev-learn-ref-number-is-own", topic="change", severity="warning",
       guidance=f"{QAR}: 'Processing learner reference number changes'")
def prev_learn_ref_number_is_own(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """PrevLearnRefNumber is not the learner's own LearnRefNumber.

    **What.** PrevLearnRefNumber equals LearnRefNumber (checked when earlier submissions
    are given, like every check of this topic).

    **Why.** PrevLearnRefNumber records the learner's former reference number after a
    change (QAR methodology, 'Processing learner reference number changes'); the QAR warns
    that using it where the number did not change can prevent the learner's aims from
    matching.

    **Fix.** Remove PrevLearnRefNumber.
    """
    if earlier_files(ctx) and learner.prev_learn_ref_number == learner.learn_ref_number:
        yield Problem(
            f"PrevLearnRefNumber is the learner's own LearnRefNumber {learner.learn_ref_number}",
            "Remove PrevLearnRefNumber: it records a former LearnRefNumber, only in the year the number changed.",
            learner, line=learner.line_of("prev_learn_ref_number"),
            edits=(RemoveField(None, "PrevLearnRefNumber"),))


UNCHANGED, LEFT_OVER = "unchanged", "left over"


def _prev_learn_ref_misuse(learner: Learner, ctx: Context) -> tuple[str, str] | None:
    """Whether PrevLearnRefNumber is returned although the number did not change, or is
    left over from the previous year's R14; with the earlier file that shows it."""
    prev = learner.prev_learn_ref_number
    if prev is None or prev == learner.learn_ref_number:
        return None
    files = earlier_files(ctx)
    if any(f.learner(prev) is not None for f, _ in files):
        return None  # the former number is in an earlier file: the change is real
    for file, in_year in sorted(files, key=lambda f: f[1]):  # the previous year's R14 first
        same = file.learner(learner.learn_ref_number)
        if same is None:
            continue
        if not in_year:
            return (LEFT_OVER if same.prev_learn_ref_number == prev else UNCHANGED), describe(file, in_year)
        return None if same.prev_learn_ref_number == prev else (UNCHANGED, describe(file, in_year))
    return None


@check(code="ILR509", name="prev-learn-ref-number-without-change", topic="change", severity="error",
       guidance=f"{QAR}: 'Processing learner reference number changes'")
def prev_learn_ref_number_without_change(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """PrevLearnRefNumber is returned only when the LearnRefNumber changed.

    **What.** The learner has a PrevLearnRefNumber, no earlier submission has a learner
    with that number, and an earlier submission already had this learner under the same
    LearnRefNumber without it.

    **Why.** The QAR methodology ('Processing learner reference number changes'): using the
    field when the learner reference number has not changed can prevent the QAR process
    from matching the learner's aims correctly.

    **Fix.** Remove PrevLearnRefNumber, or correct it to the number the learner really had.
    """
    found = _prev_learn_ref_misuse(learner, ctx)
    if found is not None and found[0] == UNCHANGED:
        yield Problem(
            f"PrevLearnRefNumber {learner.prev_learn_ref_number} is returned but the LearnRefNumber did not change: "
            f"{found[1]} already has learner {learner.learn_ref_number}, and no learner "
            f"{learner.prev_learn_ref_number}",
            "Remove PrevLearnRefNumber (or correct it to the LearnRefNumber the learner really had): where the "
            "number did not change it can stop the QAR process matching the learner's aims.",
            learner, line=learner.line_of("prev_learn_ref_number"),
            edits=(RemoveField(None, "PrevLearnRefNumber"),), unsafe=True)


@check(code="ILR510", name="prev-learn-ref-number-left-over", topic="change", severity="error",
       guidance=f"{QAR}: 'Processing learner reference number changes'")
def prev_learn_ref_number_left_over(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """PrevLearnRefNumber is cleared at the start of each year.

    **What.** The previous year's R14 already had this learner with the same LearnRefNumber
    and the same PrevLearnRefNumber.

    **Why.** The QAR methodology ('Processing learner reference number changes'): the field
    must be removed between years, as the ILR specification says, otherwise the learners
    will not match correctly.

    **Fix.** Remove PrevLearnRefNumber.
    """
    found = _prev_learn_ref_misuse(learner, ctx)
    if found is not None and found[0] == LEFT_OVER:
        yield Problem(
            f"PrevLearnRefNumber {learner.prev_learn_ref_number} is left over from last year: {found[1]} already "
            f"had learner {learner.learn_ref_number} with this PrevLearnRefNumber",
            "Remove PrevLearnRefNumber: it must be cleared at the start of each year, otherwise the QAR process "
            "will not match the learner correctly.",
            learner, line=learner.line_of("prev_learn_ref_number"),
            edits=(RemoveField(None, "PrevLearnRefNumber"),))


@check(code="ILR511", name="uln-changed", topic="change", severity="warning",
       guidance=f"{QAR}: 'Matching learning aims'")
def uln_changed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A learner keeps the same ULN from one submission to the next.

    **What.** An earlier submission had a learner with the same LearnRefNumber and a
    different ULN (other than the temporary 9999999999, which is meant to be replaced).

    **Why.** The QAR process matches aims across files on the ULN (QAR methodology,
    'Matching learning aims'): a changed ULN splits the learner's record in two, so the old
    aims can look like withdrawals. A ULN can be corrected, but a change for the same
    learner reference number is often a keying error or a reused reference number.

    **Fix.** Check the ULN with the Learner Record Service and return the learner's one ULN.
    """
    for file, in_year in earlier_files(ctx):
        same = file.learner(learner.learn_ref_number)
        if same is not None and same.uln != codes.TEMPORARY_ULN and same.uln != learner.uln:
            now = "the temporary ULN 9999999999" if learner.has_temporary_uln else f"ULN {learner.uln}"
            yield Problem(
                f"learner {learner.learn_ref_number} had ULN {same.uln} in {describe(file, in_year)} and now has {now}",
                "Check the learner's ULN with the Learner Record Service and return their one ULN: the QAR process "
                "matches aims on the ULN, so a changed ULN makes the earlier aims look like another learner's.",
                learner, line=learner.line_of("uln"))
            return


def _correction_restart(aim: LearningDelivery, learner: Learner, ctx: Context) -> LearningDelivery | None:
    """The 2 August restart of the planned-end-date correction for ``aim``, if recorded."""
    second = ctx.year.start + timedelta(days=1)
    return next((d for d in learner.deliveries if d is not aim and d.is_restart and d.learn_start_date == second
                 and reference_key(d) == reference_key(aim)), None)


@check(code="ILR512", name="withdrawal-dated-1-august", topic="change", severity="warning",
       guidance=f"{CHANGES}: 'Learners reported in the previous year as continuing who have now been identified as "
                "withdrawn', 'Continuing learners whose Learning planned end date has now been identified as "
                "significantly incorrect'")
def withdrawal_dated_1_august(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A learner found to have left in the previous year is not withdrawn on 1 August.

    **What.** An aim that was continuing in the previous year's R14 is now withdrawn with
    LearnActEndDate 1 August of this year, and it is not the planned-end-date correction
    (WithdrawReason 40 and a restart of the same aim on 2 August with a RES FAM and, except
    on a programme aim, PriorLearnFundAdj).

    **Why.** For learners reported as continuing in the previous year and then found to have
    withdrawn, the guidance says the actual end date is the last day in learning, in the
    previous year: 'do not use 1 August of the current year'. 1 August is reserved for
    closing an aim whose planned end date was significantly wrong, with the restart on
    2 August.

    **Fix.** Set LearnActEndDate to the last day the learner was in learning (in the
    previous year; it may be the start date if they never attended) and add a Destination
    and Progression record if applicable; or complete the planned-end-date correction.
    """
    first_day = ctx.year.start
    for _v, m in aim_matches(learner, ctx, cross_year_only=True):
        aim = m.aim
        if not (m.previous.comp_status == codes.CONTINUING and aim.comp_status == codes.WITHDRAWN
                and aim.learn_act_end_date == first_day):
            continue
        restart = _correction_restart(aim, learner, ctx)
        if aim.withdraw_reason == 40 and restart is not None:
            if restart.is_programme_aim or restart.prior_learn_fund_adj is not None:
                continue
            yield Problem(
                f"{aim_label(aim)} is closed on {first_day} for a planned end date correction and restarted as aim "
                f"{restart.aim_seq_number}, which has no PriorLearnFundAdj",
                f"Set PriorLearnFundAdj on aim {restart.aim_seq_number} to the percentage of the learning still to be "
                "delivered.",
                restart, line=restart.line_of("learn_start_date"))
        elif aim.withdraw_reason == 40:
            yield Problem(
                f"{aim_label(aim)} is withdrawn on {first_day} with WithdrawReason 40 but no restart of the same aim starts "
                f"on {first_day + timedelta(days=1)}",
                "If this corrects a significantly wrong planned end date, record a new aim with the same LearnAimRef, "
                f"LearnStartDate {first_day + timedelta(days=1)}, the correct LearnPlanEndDate, a RES FAM and "
                "PriorLearnFundAdj. Otherwise set LearnActEndDate to the last day the learner was in learning.",
                aim, line=aim.line_of("learn_act_end_date"))
        else:
            yield Problem(
                f"{aim_label(aim)} was continuing in the {ctx.year.first - 1}-{ctx.year.first % 100:02d} R14 and is now "
                f"withdrawn on {first_day}: a learner found to have left last year ends on their last day in "
                "learning, in the previous year",
                "Set LearnActEndDate to the last day the learner was in learning (in the previous year; it may be the "
                "LearnStartDate if they never attended), never 1 August, and add a Destination and Progression "
                "record if applicable. If the learner really was in learning on 1 August, keep the date.",
                aim, line=aim.line_of("learn_act_end_date"))
