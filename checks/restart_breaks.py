"""Topic ``restart``: breaks in learning on apprenticeships, restarts of aims on the employer
eligibility funding (EEF), reopened aims and overdue breaks.

Source: Making changes and correcting errors, Recording apprenticeship programmes and the
QAR methodology ('Overdue planned breaks'). Original start dates, restarts after a break,
transfers and PriorLearnFundAdj are in :mod:`ilr_lint.checks.restart`.
"""

from __future__ import annotations

from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.model import Learner

from .restart import APPS, BREAKS, CHANGES, QAR, no_restart_funding, res_fam

STATUS_WORDS = {codes.COMPLETED: "completed", codes.WITHDRAWN: "withdrawn"}


# --- breaks in apprenticeships, EEF, reopened aims, overdue breaks ---------------------------------


@check(code="ILR160", name="break-closes-whole-programme", topic="restart", severity="error",
       rules=("R_90",), guidance=f"{APPS}: 'Apprentice takes an agreed break in learning'")
def break_closes_whole_programme(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship break closes the programme aim and all its component aims together.

    **What.** When an apprenticeship programme aim is on a break (CompStatus 6), none of its
    component aims is still continuing; and when a component aim is on a break, its programme
    aim is not still continuing.

    **Why.** The guidance: if the apprentice takes an agreed break, the programme and
    component aims must be closed; on return new programme and component aims are recorded.
    Open components under a closed programme are also rejected by R_90.

    **Fix.** Close every aim of the programme with CompStatus 6, LearnActEndDate = the last
    day of learning before the break and Outcome 3 (aims already completed stay completed).
    """
    for prog in learner.programme_aims():
        if not prog.is_apprenticeship:
            continue
        components = learner.components_of(prog)
        if prog.comp_status == codes.BREAK:
            for comp in components:
                if comp.comp_status == codes.CONTINUING:
                    yield Problem(
                        f"aim {comp.aim_seq_number} is continuing (CompStatus 1) but its programme aim "
                        f"{prog.aim_seq_number} is on a break in learning (CompStatus 6)",
                        f"Close aim {comp.aim_seq_number} for the break too: CompStatus 6, LearnActEndDate = the last "
                        "day of learning before the break, Outcome 3.", comp, line=comp.line_of("comp_status"))
        elif prog.comp_status == codes.CONTINUING:
            on_break = [c.aim_seq_number for c in components if c.comp_status == codes.BREAK]
            if on_break:
                yield Problem(
                    f"programme aim {prog.aim_seq_number} is continuing (CompStatus 1) but its component aim(s) "
                    f"{', '.join(map(str, on_break))} are on a break in learning (CompStatus 6)",
                    "An apprenticeship break closes the whole programme: close the programme aim and its open "
                    "component aims with CompStatus 6, LearnActEndDate = the last day of learning before the break, "
                    "Outcome 3; if only the component stopped, record it as it really ended (CompStatus 3 with a "
                    "WithdrawReason, or 2 completed).",
                    prog, line=prog.line_of("comp_status"))


@check(code="ILR161", name="eef-restart-needs-res", topic="restart", severity="warning",
       guidance=f"{APPS}: 'Funding model 36: Learning Delivery FAM Eligibility for enhanced apprenticeship funding'")
def eef_restart_needs_res(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """EEF 2 on a restart of earlier learning goes with RES 1.

    **What.** An aim with LearningDeliveryFAM EEF 2 (16-18 funding for an apprentice restarting
    aged 19 or over) that restarts an aim the learner completed or withdrew from (not by a
    transfer, WithdrawReason 40) also carries RES 1. (Restarts after a break are ILR154;
    aims with OrigLearnStartDate are ILR150.)

    **Why.** The guidance: if an apprentice is recorded with EEF due to restarting their
    programme, the restart indicator RES must also be recorded.

    **Fix.** Add LearnDelFAMType RES, code 1 (unsafe edit: confirm the EEF is for the restart
    and not, for example, an EHC plan).
    """
    for aim in learner.deliveries:
        if (not aim.has_fam(codes.FAM_ENHANCED_FUNDING, codes.EEF_16_18_ENTITLEMENT) or aim.has_fam(codes.FAM_RESTART)
                or aim.orig_learn_start_date is not None):
            continue
        earlier = learner.previous_same_learning(aim)
        if (earlier is not None and earlier.comp_status in (codes.COMPLETED, codes.WITHDRAWN)
                and earlier.withdraw_reason != codes.WR_TRANSFER_SAME_PROVIDER):
            yield Problem(
                f"aim {aim.aim_seq_number} has EEF 2 and restarts aim {earlier.aim_seq_number} "
                f"({STATUS_WORDS[earlier.comp_status]} on {earlier.learn_act_end_date}) but has no restart indicator "
                "(RES 1)", "Add LearnDelFAMType RES with LearnDelFAMCode 1: EEF for a restart needs RES as well.",
                aim, edits=(res_fam(aim),), unsafe=True)


@check(code="ILR162", name="original-aim-not-reopened", topic="restart", severity="warning",
       guidance=f"{CHANGES}: 'Recording agreed breaks in learning for Adult skills funded learners', 'Recording "
       f"restarts (without an agreed break in learning)'; {APPS}: 'Apprentice takes an agreed break in learning'")
def original_aim_not_reopened(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An original aim is never reopened: no continuing aim has a later restart of itself.

    **What.** An aim with CompStatus 1 has no later aim of the same learning that carries RES
    or OrigLearnStartDate (a restart of it).

    **Why.** The guidance, for breaks and restarts alike: the original learning aims must not
    be reopened; the learner returns on new aims. Two open aims for one learning are funded
    and counted twice.

    **Fix.** Close the original aim as it was before the return: CompStatus 6 (break) or 3
    (withdrawn) with its LearnActEndDate and Outcome 3, and keep the learner on the restart.
    """
    for aim in learner.deliveries:
        if aim.comp_status != codes.CONTINUING or no_restart_funding(aim, ctx.year):
            continue
        restart = next((d for d in learner.later_same_learning(aim)
                        if d.has_fam(codes.FAM_RESTART) or d.orig_learn_start_date is not None), None)
        if restart is not None:
            yield Problem(
                f"aim {aim.aim_seq_number} is continuing (CompStatus 1) but aim {restart.aim_seq_number} restarts the "
                f"same learning ({aim.learn_aim_ref}) from {restart.learn_start_date}; the original aim has been "
                "reopened",
                f"Close aim {aim.aim_seq_number} again as it was before the learner returned: CompStatus 6 for a "
                "break (or 3 with a WithdrawReason), LearnActEndDate = the last day of learning before the restart, "
                "Outcome 3.", aim, line=aim.line_of("comp_status"))


@check(code="ILR163", name="break-overdue", topic="restart", severity="warning",
       guidance=f"{BREAKS}; {CHANGES}: 'Learners on a break in learning in the previous year who have now been "
       f"identified as withdrawn'; {QAR}")
def break_overdue(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A break in learning that has lasted long with no restart in the file.

    **What.** An aim on a break (CompStatus 6) whose LearnActEndDate is more than
    ``break-overdue-days`` (option, default 365) before the reference date (``--today``, by
    default the file preparation date), with no restart of the same learning in the file.
    A component whose programme aim is also on the break is reported with the programme.

    **Why.** The guidance: report a learner on a break until they restart or you report them
    as withdrawn; if they do not return, the aims are updated to withdrawn. The QAR counts an
    overdue planned break as a withdrawal anyway.

    **Fix.** If the learner has returned, record the restart (new aims with RES 1 and
    OrigLearnStartDate); if not, set CompStatus 3 with a WithdrawReason, keeping the dates.
    """
    limit = int(ctx.option("break-overdue-days", 365))
    for aim in learner.deliveries:
        end = aim.learn_act_end_date
        if (aim.comp_status != codes.BREAK or end is None or (ctx.today - end).days <= limit
                or no_restart_funding(aim, ctx.year) or learner.next_same_learning(aim) is not None):
            continue
        prog = learner.programme_aim_of(aim)
        if prog is not None and prog.comp_status == codes.BREAK:
            continue
        yield Problem(
            f"aim {aim.aim_seq_number} has been on a break in learning since {end} ({(ctx.today - end).days} days, "
            f"more than {limit}) with no restart in the file",
            "If the learner has returned, record the restart (new aims with RES 1 and OrigLearnStartDate); if they "
            "will not return, set CompStatus 3 and the WithdrawReason that applies, keeping the dates"
            + (" (on the programme aim and its component aims)." if aim.is_programme_aim else "."),
            aim, line=aim.line_of("learn_act_end_date"))
