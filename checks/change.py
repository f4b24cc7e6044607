"""Topic ``change``: what changed since an earlier submission (``--previous``).

Each check compares the file with the earlier files that :mod:`ilr_lint.matching` selects
(earlier returns of this year, the previous year's R14) and is silent without them.
Sources: Making changes and correcting errors, the QAR
methodology Qualification achievement rates 2024 to 2025 ('Matching learning aims', 'Processing learner
reference number changes', 'Overdue continuing aims') and
Managing Qualification Exemptions in Enrolment. A learner's identity between submissions is in
:mod:`ilr_lint.checks.change_learner`. The funder has no validation rule for any
of them: its validator sees one file at a time (its derived rule DD39, matching an aim to
the previous year's return, is deleted), so ``rules`` stays empty.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

from ilr_lint import codes
from ilr_lint.api import Check, Context, Problem, check
from ilr_lint.edits import SetField
from ilr_lint.matching import (BY_SEQUENCE, AimMatch, Version, describe, earlier_files, history, match_aims,
                               unmatched_learners)
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.previous import PrevAim

CHANGES = "Making changes and correcting errors"
QAR = "Qualification achievement rates 2024 to 2025"
EXEMPTIONS = "Managing Qualification Exemptions in Enrolment"

STATUS = {codes.CONTINUING: "continuing", codes.COMPLETED: "completed", codes.WITHDRAWN: "withdrawn",
          codes.BREAK: "on a break in learning"}


def aim_label(aim: LearningDelivery | PrevAim) -> str:
    return f"aim {aim.aim_seq_number} ({aim.learn_aim_ref})"


def _qualifying_days(start: date, planned_end: date) -> int:
    """Days in learning before an aim counts for funding: 42 for a planned 168 days or more,
    14 for 14 to 167 days, else 1 (the thresholds the QAR methodology uses for the same period)."""
    planned = (planned_end - start).days
    return 42 if planned >= 168 else 14 if planned >= 14 else 1


def _within_qualifying_period(match: AimMatch, version: Version, ctx: Context) -> bool:
    """An in-year change that may have been made within the aim's funding qualifying period.

    The change was made after the earlier file was prepared; if the aim was still inside its
    qualifying period then, the guidance allows its details to be amended.
    """
    if not version.in_year:
        return False
    start = min(match.previous.learn_start_date, match.aim.learn_start_date)
    changed_after = version.file.file_preparation_date or ctx.today
    return (changed_after - start).days < _qualifying_days(start, match.previous.learn_plan_end_date)


def aim_matches(learner: Learner, ctx: Context, *, cross_year_only: bool = False, continuous: bool = False
             ) -> Iterator[tuple[Version, AimMatch]]:
    """Each current aim with its match in each earlier file, newest file first.

    ``continuous``: only aims that are in the most recent earlier file too; an aim that was
    left out of it and is back is ILR506's to judge.
    """
    versions = history(learner, ctx)
    newest = {id(m.aim) for m in versions[0].pairs} if versions else set()
    for version in versions:
        if not (cross_year_only and version.in_year):
            for match in version.pairs:
                if not continuous or id(match.aim) in newest:
                    yield version, match


def _by_aim(found: Iterable[tuple[LearningDelivery, Problem]]) -> Iterator[Problem]:
    """At most one finding per current aim, from the newest earlier file that shows it."""
    seen: set[int] = set()
    for aim, problem in found:
        if id(aim) not in seen:
            seen.add(id(aim))
            yield problem


@check(code="ILR500", name="planned-end-date-changed", topic="change", severity="error",
       guidance=f"{CHANGES}: 'Changes to the Learning start and end dates', 'Continuing learners whose "
                "Learning planned end date has now been identified as significantly incorrect'")
def planned_end_date_changed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """LearnPlanEndDate of an aim is the same as in the earlier submissions.

    **What.** An aim matched with an earlier return of this year or the previous year's R14
    has a different LearnPlanEndDate. An in-year change made while the aim was still within
    its funding qualifying period is allowed.

    **Why.** The guidance ('Changes to the Learning start and end dates') says the planned
    end date must not be updated once entered, even if the learner continues beyond it, and
    must stay the same between teaching years: it is used in funding and achievement rates.
    A longer stay is shown by LearnActEndDate; a break or slow progress by closing the aim
    and recording a restart.

    **Fix.** Put back the earlier LearnPlanEndDate. Where it was significantly wrong through
    an administrative error, the guidance's correction is to close the aim (CompStatus 3,
    WithdrawReason 40, LearnActEndDate 1 August of this year) and record a new aim with the
    same LearnAimRef from 2 August, with the correct planned end date, a RES FAM and
    PriorLearnFundAdj. If the incorrect planned end date itself falls before 1 August of this
    year, it cannot be corrected: keep it and record the administrative error in the learner
    evidence.
    """
    year = ctx.year.start.year
    yield from _by_aim((
        (m.aim, Problem(
            f"{aim_label(m.aim)}: LearnPlanEndDate changed from {m.previous.learn_plan_end_date} in {v.label} "
            f"to {m.aim.learn_plan_end_date}",
            f"Put LearnPlanEndDate back to {m.previous.learn_plan_end_date}: it must never be changed once "
            "entered, not for illness, slow progress or a break in learning (show those in LearnActEndDate "
            "or by closing the aim and recording a restart). If it was significantly wrong through an "
            f"administrative error, close this aim with CompStatus 3, WithdrawReason 40 and LearnActEndDate "
            f"{year}-08-01, and record a new aim with the same LearnAimRef, LearnStartDate {year}-08-02, the "
            "correct LearnPlanEndDate, a RES FAM and PriorLearnFundAdj (the percentage still to be "
            f"delivered). If the incorrect planned end date is before 1 August {year}, it cannot be corrected: "
            "record the administrative error in the learner evidence.",
            m.aim, line=m.aim.line_of("learn_plan_end_date"),
            edits=(SetField(m.aim.aim_seq_number, "LearnPlanEndDate", m.previous.learn_plan_end_date.isoformat()),),
            unsafe=True))
        for v, m in aim_matches(learner, ctx, continuous=True)
        if m.previous.learn_plan_end_date != m.aim.learn_plan_end_date and not _within_qualifying_period(m, v, ctx)))


@check(code="ILR501", name="start-date-changed", topic="change", severity="error",
       guidance=f"{CHANGES}: 'Changes to the Learning start and end dates', 'Changes to learning aims "
                f"within the funding qualifying period'; {QAR}: 'Matching learning aims'")
def start_date_changed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """LearnStartDate of an aim is the same as in the earlier submissions.

    **What.** An aim matched (on LearnAimRef and AimSeqNumber) with an aim of an earlier
    submission has a different LearnStartDate, other than an in-year change while the aim
    was still within its funding qualifying period (42 days for aims planned to last 168
    days or more, 14 days for 14 to 167 days, 1 day otherwise).

    **Why.** The guidance says start dates must not change after the funding qualifying
    period except to correct errors in the current year, and must stay the same between
    teaching years. The QAR process matches aims across years on their start date: a
    changed date makes the old aim look withdrawn and the new one a separate start.

    **Fix.** Put back the earlier LearnStartDate. If the learner really moved to another aim,
    close this aim (CompStatus 3, WithdrawReason 40, LearnActEndDate = last day of learning,
    Outcome 3) and record the new aim, without RES. If they took an agreed break or withdrew
    and came back, close this aim as that (CompStatus 6, or 3 with the WithdrawReason that
    applies) and record the restart with RES.
    """
    yield from _by_aim((
        (m.aim, Problem(
            f"{aim_label(m.aim)}: LearnStartDate changed from {m.previous.learn_start_date} in {v.label} "
            f"to {m.aim.learn_start_date}",
            f"Put LearnStartDate back to {m.previous.learn_start_date}: start dates must not change after "
            "the funding qualifying period, nor between years. If the learner moved to another aim, close this "
            "aim (CompStatus 3, WithdrawReason 40, LearnActEndDate = last day of learning, Outcome 3) and record "
            "the new aim, without RES; if they took an agreed break or withdrew and came back, close this aim as "
            "that (CompStatus 6, or 3 with the WithdrawReason that applies, LearnActEndDate = last day of "
            "learning, Outcome 3) and record the restart with RES.",
            m.aim, line=m.aim.line_of("learn_start_date"),
            edits=(SetField(m.aim.aim_seq_number, "LearnStartDate", m.previous.learn_start_date.isoformat()),),
            unsafe=True))
        for v, m in aim_matches(learner, ctx, continuous=True)
        if m.previous.learn_start_date != m.aim.learn_start_date and not _within_qualifying_period(m, v, ctx)))


@check(code="ILR502", name="actual-end-date-changed", topic="change", severity="error",
       guidance=f"{CHANGES}: 'Correcting data errors after hard close', 'Learners on a break in learning "
                "in the previous year who have now been identified as withdrawn'")
def actual_end_date_changed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An aim closed in the previous year's R14 keeps its LearnActEndDate.

    **What.** An aim that was completed, withdrawn or on a break (CompStatus 2, 3 or 6) in
    the previous year's R14, and is still returned, has a different LearnActEndDate.

    **Why.** The previous year's file cannot be amended after hard close; the guidance
    ('Correcting data errors after hard close') lists the actual end date of an aim
    recorded as complete in the R14 among the fields that must not be amended, and a break
    later found to be a withdrawal keeps all its dates.

    **Fix.** Put back the LearnActEndDate of the R14.
    """
    yield from _by_aim((
        (m.aim, Problem(
            f"{aim_label(m.aim)} was {STATUS.get(m.previous.comp_status, 'closed')} (CompStatus "
            f"{m.previous.comp_status}) in {v.label} with LearnActEndDate {m.previous.learn_act_end_date}; "
            f"it is now {m.aim.learn_act_end_date}",
            f"Put LearnActEndDate back to {m.previous.learn_act_end_date}: the previous year's R14 cannot be "
            "amended, and an aim closed there keeps its actual end date.",
            m.aim, line=m.aim.line_of("learn_act_end_date"),
            edits=(SetField(m.aim.aim_seq_number, "LearnActEndDate", m.previous.learn_act_end_date.isoformat()),)))
        for v, m in aim_matches(learner, ctx, cross_year_only=True)
        if m.previous.is_closed and m.previous.learn_act_end_date is not None
        and m.aim.learn_act_end_date is not None and m.aim.learn_act_end_date != m.previous.learn_act_end_date))


def _reopened(learner: Learner, ctx: Context, sixteen_to_nineteen: bool) -> Iterator[tuple[Version, AimMatch]]:
    for v, m in aim_matches(learner, ctx):
        if (m.previous.is_closed and m.aim.comp_status == codes.CONTINUING
                and (m.aim.fund_model in codes.FM_16_19_FUNDED) == sixteen_to_nineteen):
            yield v, m


def _reopened_message(v: Version, m: AimMatch) -> str:
    return (f"{aim_label(m.aim)} was {STATUS.get(m.previous.comp_status, 'closed')} (CompStatus "
            f"{m.previous.comp_status}, LearnActEndDate {m.previous.learn_act_end_date}) in {v.label} and is "
            "continuing (CompStatus 1) again")


RESTART_FIX = ("record the return as a new aim with a RES FAM: LearnStartDate = the day learning restarted, a new "
               "LearnPlanEndDate, after an agreed break OrigLearnStartDate = the original start, and PriorLearnFundAdj "
               "on aims other than the programme aim")


@check(code="ILR503", name="aim-reopened", topic="change", severity="error",
       guidance=f"{CHANGES}: 'Recording agreed breaks in learning', 'Recording restarts (without an agreed "
                "break in learning)', 'Learners reported in the previous year as withdrawn who have now been "
                "identified as continuing'")
def aim_reopened(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An aim that was closed is not reopened.

    **What.** An aim that an earlier submission showed completed, withdrawn or on a break
    (CompStatus 2, 3 or 6) is continuing again (CompStatus 1). 16-19 funded aims are
    ILR504.

    **Why.** The guidance says the original aims must not be reopened when a learner
    returns from a break or restarts after withdrawing: new aims are recorded with the
    restart indicator. A learner reported as withdrawn in the previous year who is found to
    be continuing gets CompStatus 6 on the original aim and a restart the following day.

    **Fix.** Put back the earlier CompStatus, LearnActEndDate, WithdrawReason and Outcome,
    and record the return as a new aim with a RES FAM.
    """
    yield from _by_aim((
        (m.aim, Problem(
            _reopened_message(v, m),
            f"Original aims are never reopened: put back CompStatus {m.previous.comp_status} and LearnActEndDate "
            f"{m.previous.learn_act_end_date} (with WithdrawReason and Outcome) and {RESTART_FIX}. If the learner "
            "was wrongly reported as withdrawn in the previous year, set CompStatus 6 on this aim instead and "
            "record the restart from the following day.",
            m.aim, line=m.aim.line_of("comp_status")))
        for v, m in _reopened(learner, ctx, sixteen_to_nineteen=False)))


@check(code="ILR504", name="aim-reopened-16-19", topic="change", severity="warning",
       guidance=f"{CHANGES}: 'For 16-19 funded learners'")
def aim_reopened_16_19(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A closed 16-19 funded aim reopened: allowed only at the provider's discretion.

    **What.** A 16-19 funded aim (FundModel 25 or 82) that an earlier submission showed
    closed is continuing (CompStatus 1) again.

    **Why.** The ILR records no breaks for 16-19 funded learners; the guidance lets a
    provider reopen the aims of a learner who withdrew and returns to the same programme,
    at its discretion depending on the timing. Other aims are never reopened (ILR503).

    **Fix.** Confirm the learner returned to the same programme soon enough for the aim to
    be reopened; otherwise put back the closed aim and record new aims.
    """
    yield from _by_aim((
        (m.aim, Problem(
            _reopened_message(v, m),
            "Reopen a 16-19 funded aim only when the learner has returned to the same programme soon after "
            f"withdrawing; otherwise put back CompStatus {m.previous.comp_status} and LearnActEndDate "
            f"{m.previous.learn_act_end_date} and record new aims.",
            m.aim, line=m.aim.line_of("comp_status")))
        for v, m in _reopened(learner, ctx, sixteen_to_nineteen=True)))


def _must_return(aim: PrevAim, version: Version) -> bool:
    """Whether this file must still hold an aim of the earlier file: every aim of an earlier
    return this year (the file is year to date); from the previous year's R14 the aims
    still continuing or on a break."""
    return version.in_year or aim.comp_status in (codes.CONTINUING, codes.BREAK)


class AimVanished(Check):
    """An aim or learner of the earlier submission is still in this file.

    **What.** Compared with the most recent earlier file (an earlier return of this year,
    else the previous year's R14): an aim of a learner still in the file, or a whole learner,
    is missing (from the R14, one finding per open aim of a missing learner). From the R14
    only aims that were continuing or on a break count; from an earlier return this year every aim does, since the file holds the whole year to date,
    except an aim whose record (same AimSeqNumber) was amended to another aim while it was
    within its funding qualifying period, which the guidance allows ('Changes to learning
    aims within the funding qualifying period'), and a break whose restart (RES 1,
    OrigLearnStartDate = the break's start) is in this file. Where ILR600 or ILR601 report
    the same aim (with the QAR's matching and exclusions), they are the one finding.

    **Why.** Records may only be deleted when the learner withdrew without completing one
    episode of learning (PSM 'How to delete records'); a learner who never attended in the
    previous year is closed, not deleted. The QAR methodology ('Overdue continuing aims',
    'Overdue planned breaks') counts a continuing aim of the R14 that is missing from the
    next year as a withdrawal, and a break with no continuation or restart record likewise.
    A component aim that disappears while its programme continues was probably removed by
    the MIS when the qualification was fully exempted after the aim had been returned
    (Managing Qualification Exemptions in Enrolment, 'ILR Handling').

    **Fix.** Keep returning the aim. If the learner left, close it: CompStatus 3, a
    WithdrawReason, LearnActEndDate = the last day of learning (in the previous year if they
    left then, never 1 August), Outcome 3. Delete only a record of a learner who never
    attended. For an exempted qualification, remove the exemption so that the MIS
    reinstates the aim with its original dates, or close the aim instead of deleting it.
    """

    code = "ILR505"
    name = "aim-vanished"
    topic = "change"
    severity = "warning"
    file_state = True
    guidance = (f"{CHANGES}: 'How to delete records', 'Changes to learning aims within the funding qualifying "
                f"period'; {QAR}: 'Overdue continuing aims', 'Overdue planned breaks'; "
                f"{EXEMPTIONS}: 'ILR Handling'")

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        versions = history(learner, ctx)
        if not versions or versions[0].learner is None:
            return
        newest = versions[0]
        for aim in newest.vanished:
            if (_must_return(aim, newest) and not self._amended(aim, newest, learner, ctx)
                    and not self._restarted(aim, newest, learner)):
                yield Problem(self._message(aim, newest, learner), self._fix(aim, learner), learner,
                              aim=aim.aim_seq_number, learn_aim_ref=aim.learn_aim_ref)

    def finish(self, ctx: Context) -> Iterator[Problem]:
        files = earlier_files(ctx)
        if not files:
            return
        file, in_year = files[0]
        for gone in unmatched_learners(ctx, 0):
            open_aims = [a for a in gone.deliveries if in_year or a.comp_status in (codes.CONTINUING, codes.BREAK)]
            if not open_aims:
                continue
            fix = ("Return the learner again. If the LearnRefNumber changed, set PrevLearnRefNumber to "
                   f"{gone.learn_ref_number} on the new record. If the learner left, close the open aims (CompStatus "
                   "3, a WithdrawReason, LearnActEndDate = last day of learning, never 1 August, Outcome 3); delete "
                   "the learner only if they never attended.")
            if in_year:
                aims = ("aim " if len(open_aims) == 1 else "aims ") + ", ".join(str(a.aim_seq_number) for a in open_aims)
                yield Problem(f"learner {gone.learn_ref_number} (line {gone.line} of {describe(file, in_year)}, "
                              f"{aims}) is not in this file; records may only be deleted when the learner never "
                              "attended", fix, gone, file=file.shown)
                continue
            for a in open_aims:  # one per aim, as ILR600 and ILR601 report them (and supersede these)
                yield Problem(
                    f"{aim_label(a)}, started {a.learn_start_date}, of learner {gone.learn_ref_number} (line {gone.line} of "
                    f"{describe(file, in_year)}) was {STATUS[a.comp_status]} and the learner is not in this file: "
                    "the QAR process will count the aim as a withdrawal (an overdue continuing aim or planned "
                    "break)", fix, gone, file=file.shown, aim=a.aim_seq_number, learn_aim_ref=a.learn_aim_ref)

    @staticmethod
    def _amended(aim: PrevAim, version: Version, learner: Learner, ctx: Context) -> bool:
        """Whether the aim's record (same AimSeqNumber, matched to no earlier aim) was amended in
        year while the aim was within its funding qualifying period, as the guidance allows."""
        matched = {id(m.aim) for m in version.pairs}
        return any(id(d) not in matched and d.aim_seq_number == aim.aim_seq_number
                   and _within_qualifying_period(AimMatch(d, aim, BY_SEQUENCE), version, ctx)
                   for d in learner.deliveries)

    @staticmethod
    def _restarted(aim: PrevAim, version: Version, learner: Learner) -> bool:
        """Whether a break of the previous year's R14 has its restart in this file: an aim of the
        same learning recorded as a restart from the break's start, which the QAR matches to it."""
        return (not version.in_year and aim.comp_status == codes.BREAK
                and any(d.is_restart and d.orig_learn_start_date == aim.learn_start_date
                        and d.learn_aim_ref == aim.learn_aim_ref for d in learner.deliveries))

    @staticmethod
    def _exempted(aim: PrevAim, learner: Learner) -> bool:
        return aim.aim_type == codes.AIM_COMPONENT and any(
            p.is_programme_aim and p.comp_status == codes.CONTINUING and p.prog_type == aim.prog_type
            and p.std_code == aim.std_code for p in learner.deliveries)

    def _message(self, aim: PrevAim, version: Version, learner: Learner) -> str:
        head = (f"{aim_label(aim)}, started {aim.learn_start_date}, of learner {version.learner.learn_ref_number} "
                f"(line {version.learner.line}) in {version.label}")
        if version.in_year:
            text = f"{head}, is not in this file; records may only be deleted when the learner never attended"
        elif aim.comp_status == codes.BREAK:
            text = (f"{head}, was on a break in learning and is not in this file: without it, or a restart, the "
                    "QAR process counts it as an overdue planned break (a withdrawal)")
        else:
            text = (f"{head}, was continuing and is not in this file: the QAR process will count it as a "
                    "withdrawal (an overdue continuing aim)")
        if self._exempted(aim, learner):
            text += ("; its programme is still continuing, so the MIS probably removed it when the qualification "
                     "was fully exempted after the aim had been returned")
        return text

    def _fix(self, aim: PrevAim, learner: Learner) -> str:
        fix = (f"Return aim {aim.aim_seq_number} again. If the learner left it, close it (CompStatus 3, a "
               "WithdrawReason, LearnActEndDate = last day of learning, in the previous year if they left then and "
               "never 1 August, Outcome 3); delete it only if the learner never attended.")
        if self._exempted(aim, learner):
            fix += (" If the qualification was exempted in the MIS after the aim had been returned, remove the "
                    "exemption so that the aim is reinstated with its original LearnStartDate and LearnPlanEndDate, "
                    "or close the aim instead of letting the exemption delete it.")
        return fix


AIM_VANISHED = AimVanished()


@check(code="ILR506", name="aim-reinstated-with-new-details", topic="change", severity="error",
       guidance=f"{EXEMPTIONS}: 'Removing an Exemption'; {CHANGES}: 'Changes to the Learning start and end dates'")
def aim_reinstated_with_new_details(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An aim that comes back after being left out keeps its original dates.

    **What.** An aim that was in an older earlier file, is missing from the most recent one
    and is in this file again has a LearnStartDate or LearnPlanEndDate other than the
    older file's.

    **Why.** When a qualification exemption is removed in the MIS the aim is reinstated
    'with its default details' (Managing Qualification Exemptions in Enrolment, 'Removing an
    Exemption'), but for the funder it is the same aim: start and planned end dates must
    stay the same between returns and years (PSM 'Changes to the Learning start and end
    dates'), and the QAR matches the aim on its start date.

    **Fix.** Restore the aim's original LearnStartDate and LearnPlanEndDate.
    """
    versions = history(learner, ctx)
    if len(versions) < 2:
        return
    in_newest = {id(m.aim) for m in versions[0].pairs}
    done: set[int] = set()
    for older in versions[1:]:
        if older.learner is None:
            continue
        pairs, _ = match_aims(older.learner.deliveries, learner.deliveries, in_year=older.in_year, loose=True)
        for m in pairs:
            if id(m.aim) in in_newest or id(m.aim) in done:
                continue
            done.add(id(m.aim))
            was, now = m.previous, m.aim
            if (was.learn_start_date, was.learn_plan_end_date) != (now.learn_start_date, now.learn_plan_end_date):
                yield Problem(
                    f"{aim_label(now)} is back after being absent from {versions[0].label}, with new dates: in "
                    f"{older.label} it started {was.learn_start_date} with LearnPlanEndDate {was.learn_plan_end_date}, "
                    f"now {now.learn_start_date} and {now.learn_plan_end_date}",
                    f"Restore LearnStartDate {was.learn_start_date} and LearnPlanEndDate {was.learn_plan_end_date}: a "
                    "reinstated aim (for example after a qualification exemption is removed in the MIS) is the same "
                    "aim and keeps its original dates.",
                    now, line=now.line_of("learn_start_date"),
                    edits=(SetField(now.aim_seq_number, "LearnStartDate", was.learn_start_date.isoformat()),
                           SetField(now.aim_seq_number, "LearnPlanEndDate", was.learn_plan_end_date.isoformat())),
                    unsafe=True)
