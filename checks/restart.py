"""Topic ``restart``: restarts, RES FAMs, OrigLearnStartDate, PriorLearnFundAdj and breaks.

Source: Making changes and correcting errors
(CHANGES: 'Recording breaks in learning, transfers and restarts', 'Continuing learners
whose Learning planned end date has now been identified as significantly incorrect'), the
apprenticeship sections of Recording apprenticeship programmes (APPS: 'Apprentice
takes an agreed break in learning', 'Funding model 36: Learning Delivery FAM Eligibility for
enhanced apprenticeship funding') and the official rules ``OrigLearnStartDate_*`` and
``PriorLearnFundAdj_*``.

A restart is a later aim of the same learning (same LearnAimRef and, for programmes, the
same ProgType and standard or framework/pathway: ``LearningDelivery.learning_key``); the
restart of a break aim is the first such aim (``Learner.next_same_learning``). The new aims
of a transfer within the provider are ``Learner.transfer_targets``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import AddFAM, RemoveFAM, RemoveField, SetField
from ilr_lint.model import Learner, LearningDelivery, shift_years
from ilr_lint.years import CollectionYear

CHANGES = "Making changes and correcting errors"
APPS = "Recording apprenticeship programmes"
BREAKS = f"{CHANGES}: 'Recording agreed breaks in learning for Adult skills funded learners'; {APPS}: " \
         "'Apprentice takes an agreed break in learning'"
QAR = "Qualification achievement rates 2024 to 2025: 'Overdue planned breaks'"
QAR_UNMATCHED = ("the QAR process will not match the restart to the break and will count the break as an overdue "
                 "planned break, that is a withdrawal")


def no_restart_funding(aim: LearningDelivery, year: CollectionYear) -> bool:
    """16-19 (FundModel 25, 82) or community learning (10, until 2025-26): no restart data."""
    community = year.first <= codes.FM_COMMUNITY_LAST_YEAR and aim.fund_model == codes.FM_COMMUNITY
    return aim.fund_model in codes.FM_16_19_FUNDED or community


def res_fam(aim: LearningDelivery) -> AddFAM:
    return AddFAM(aim.aim_seq_number, codes.FAM_RESTART, codes.RESTART)


def _original_start(brk: LearningDelivery, restart: LearningDelivery) -> SetField:
    """The restart's OrigLearnStartDate: the break aim's own original start, else its start."""
    return SetField(restart.aim_seq_number, "OrigLearnStartDate",
                    (brk.orig_learn_start_date or brk.learn_start_date).isoformat())


def _breaks_with_restart(learner: Learner, ctx: Context) -> Iterator[tuple[LearningDelivery, LearningDelivery]]:
    """(break aim, its restart) for each break aim (CompStatus 6) that has a restart in the file."""
    for aim in learner.deliveries:
        if aim.comp_status == codes.BREAK and not no_restart_funding(aim, ctx.year):
            restart = learner.next_same_learning(aim)
            if restart is not None:
                yield aim, restart


def _is_end_date_correction(old: LearningDelivery, new: LearningDelivery) -> bool:
    """The guidance's correction of a wrong planned end date: closed 1 August, restarted 2 August."""
    end = old.learn_act_end_date
    return (end is not None and old.learn_aim_ref == new.learn_aim_ref and (end.month, end.day) == (8, 1)
            and new.learn_start_date == end + timedelta(days=1))


# --- OrigLearnStartDate ------------------------------------------------------------------------


@check(code="ILR150", name="original-start-needs-res", topic="restart", severity="error",
       rules=("OrigLearnStartDate_04",), guidance=f"{CHANGES}: 'Recording agreed breaks in learning for Adult "
       "skills funded learners' (Recording new aims when a learner returns)")
def original_start_needs_res(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An aim with OrigLearnStartDate carries the restart indicator RES 1.

    **What.** OrigLearnStartDate is returned only on restarts, which carry LearningDeliveryFAM
    RES 1. (The new aim of a transfer is ILR157; aims that may not have OrigLearnStartDate at
    all are ILR153.)

    **Why.** The guidance records a returning learner's new aims with the original start date
    and RES 1 together; the funder rejects OrigLearnStartDate without RES
    (OrigLearnStartDate_04).

    **Fix.** If the aim restarts earlier learning, add LearnDelFAMType RES, code 1 (suggested
    edit, unsafe: confirm it is a restart); if it is new learning, remove OrigLearnStartDate.
    """
    for aim in learner.deliveries:
        if (aim.orig_learn_start_date is None or aim.has_fam(codes.FAM_RESTART)
                or no_restart_funding(aim, ctx.year) or learner.transferred_from(aim) is not None):
            continue
        yield Problem(
            f"aim {aim.aim_seq_number} has OrigLearnStartDate {aim.orig_learn_start_date} but no restart indicator "
            "(LearningDeliveryFAM RES 1)",
            "If this aim restarts earlier learning, add LearnDelFAMType RES with LearnDelFAMCode 1; if it is new "
            "learning, remove OrigLearnStartDate.",
            aim, line=aim.line_of("orig_learn_start_date"), edits=(res_fam(aim),), unsafe=True)


@check(code="ILR151", name="original-start-before-start", topic="restart", severity="error",
       rules=("OrigLearnStartDate_02",), guidance=f"{CHANGES}: 'Recording agreed breaks in learning for Adult "
       "skills funded learners' (Original learning start date)")
def original_start_before_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """OrigLearnStartDate is before LearnStartDate.

    **What.** The original start of the learning comes before the restart's own start.

    **Why.** It is the date the learner originally started the aim or programme, before the
    break; the funder rejects a date on or after LearnStartDate (OrigLearnStartDate_02).

    **Fix.** Set OrigLearnStartDate to the LearnStartDate of the original aim (or that aim's
    own OrigLearnStartDate if it was itself a restart).
    """
    for aim in learner.deliveries:
        orig = aim.orig_learn_start_date
        if orig is not None and orig >= aim.learn_start_date and not no_restart_funding(aim, ctx.year):
            yield Problem(
                f"aim {aim.aim_seq_number} has OrigLearnStartDate {orig}, not before its LearnStartDate "
                f"{aim.learn_start_date}",
                "Set OrigLearnStartDate to the date the learner originally started this learning (the LearnStartDate "
                "of the original aim).", aim, line=aim.line_of("orig_learn_start_date"))


@check(code="ILR152", name="original-start-within-10-years", topic="restart", severity="error",
       rules=("OrigLearnStartDate_01",), guidance=f"{CHANGES}: 'Recording agreed breaks in learning for Adult "
       "skills funded learners' (Original learning start date)")
def original_start_within_10_years(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """OrigLearnStartDate is not more than 10 years before LearnStartDate.

    **What.** A restart's original start date lies within the ten years before its start.

    **Why.** The funder rejects older dates (OrigLearnStartDate_01): learning that long ago
    cannot be restarted, since the aim's certification period will have passed, which the
    guidance says ends any break in learning.

    **Fix.** Correct OrigLearnStartDate if it was mistyped; otherwise record new learning
    without OrigLearnStartDate and RES.
    """
    for aim in learner.deliveries:
        orig = aim.orig_learn_start_date
        if (orig is not None and orig < shift_years(aim.learn_start_date, -10)
                and not no_restart_funding(aim, ctx.year)):
            yield Problem(
                f"aim {aim.aim_seq_number} has OrigLearnStartDate {orig}, more than 10 years before its "
                f"LearnStartDate {aim.learn_start_date}",
                "Correct OrigLearnStartDate if it was mistyped; otherwise record the aim as new learning, without "
                "OrigLearnStartDate and RES.", aim, line=aim.line_of("orig_learn_start_date"))


@check(code="ILR153", name="no-original-start-on-16-19", topic="restart", severity="error",
       rules=("OrigLearnStartDate_03",), guidance=f"{CHANGES}: 'For 16-19 funded learners'")
def no_original_start_on_16_19(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """OrigLearnStartDate is never returned on FundModel 25, 82 or (until 2025-26) 10 aims.

    **What.** 16-19 funded (25, 82) and community learning (10, which 2026-27 removed) aims
    carry no OrigLearnStartDate.

    **Why.** The ILR records no breaks in learning or restarts for 16-19 funded learners (the
    aims are left open or reopened); the funder rejects the field (OrigLearnStartDate_03).

    **Fix.** Remove OrigLearnStartDate (a safe correction).
    """
    for aim in learner.deliveries:
        if aim.orig_learn_start_date is not None and no_restart_funding(aim, ctx.year):
            yield Problem(
                f"aim {aim.aim_seq_number} is funded by FundModel {aim.fund_model} but has OrigLearnStartDate "
                f"{aim.orig_learn_start_date}", "Remove OrigLearnStartDate: it is not returned for this funding model.",
                aim, line=aim.line_of("orig_learn_start_date"),
                edits=(RemoveField(aim.aim_seq_number, "OrigLearnStartDate"),))


# --- restart after a break ----------------------------------------------------------------------


@check(code="ILR154", name="restart-after-break-needs-res", topic="restart", severity="warning", guidance=BREAKS,
       supersedes=("ILR155",))
def restart_after_break_needs_res(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The restart of an aim on a break in learning carries RES 1 and OrigLearnStartDate.

    **What.** When an aim is on a break (CompStatus 6) and a later aim restarts the same
    learning (same LearnAimRef; for programmes the same ProgType and standard or
    framework/pathway), the later aim has LearningDeliveryFAM RES 1. (A restart that has
    OrigLearnStartDate but no RES is ILR150.)

    **Why.** The guidance records every new aim after a break with restart indicator RES1,
    programme and component aims alike; funding and the QAR treat the aim as a restart.

    **Fix.** Add LearnDelFAMType RES, code 1, and OrigLearnStartDate = the break aim's
    original start to the restart (unsafe edits: confirm the aim restarts the learning on the
    break). Where a restart lacks both, this is the one finding: ILR155 (the missing
    OrigLearnStartDate) is the same fault and stays silent.
    """
    for brk, restart in _breaks_with_restart(learner, ctx):
        if not restart.has_fam(codes.FAM_RESTART) and restart.orig_learn_start_date is None:
            start = _original_start(brk, restart)
            yield Problem(
                f"aim {restart.aim_seq_number} restarts aim {brk.aim_seq_number} ({brk.learn_aim_ref}, on a break in "
                f"learning since {brk.learn_act_end_date}) but has no restart indicator (RES 1) and no "
                "OrigLearnStartDate",
                f"Add LearnDelFAMType RES with LearnDelFAMCode 1 and OrigLearnStartDate {start.value} to the "
                "restarted aim.",
                restart, edits=(res_fam(restart), start), unsafe=True)


@check(code="ILR155", name="restart-original-start-matches-break", topic="restart", severity="warning",
       guidance=f"{BREAKS}; {QAR}", supersedes=("ILR602",))
def restart_original_start_matches_break(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The restart after a break has OrigLearnStartDate = the break aim's original start.

    **What.** A restart of an aim on a break records OrigLearnStartDate equal to the break
    aim's LearnStartDate, or the break aim's own OrigLearnStartDate when it was itself a
    restart.

    **Why.** The guidance: original learning start date is the date the learner originally
    started the programme or aim. The QAR matches a restart to its break on that date (either
    of the two); if it is missing or different, the QAR counts the break as an overdue planned
    break, that is, a withdrawal, and the restart as a separate new aim.

    **Fix.** Set OrigLearnStartDate to the date in the message (unsafe edit: confirm the
    pairing of break and restart). Where ILR602 (the QAR's view of the same restart) would
    report the same aim, this finding, which names the break aim, is the one reported.
    """
    for brk, restart in _breaks_with_restart(learner, ctx):
        expected = _original_start(brk, restart)
        found = restart.orig_learn_start_date
        if found is not None and found in (brk.learn_start_date, brk.orig_learn_start_date):
            continue  # the QAR matches either date
        has = (f"has no OrigLearnStartDate (it needs {expected.value}" if found is None
               else f"has OrigLearnStartDate {found} (not {expected.value}")
        yield Problem(
            f"aim {restart.aim_seq_number} restarts aim {brk.aim_seq_number} after its break in learning but {has}, "
            f"the original start of the learning); {QAR_UNMATCHED}",
            f"Set OrigLearnStartDate to {expected.value} on aim {restart.aim_seq_number}.",
            restart, line=restart.line_of("orig_learn_start_date"), edits=(expected,), unsafe=True)


@check(code="ILR156", name="restart-starts-after-break", topic="restart", severity="warning", guidance=BREAKS)
def restart_starts_after_break(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The restart after a break starts after the break aim's LearnActEndDate.

    **What.** The restart's LearnStartDate is later than the LearnActEndDate of the aim on
    the break.

    **Why.** The break aim ends on the last day of learning before the break and the new aim
    starts on the day the learner restarts; the two cannot overlap (the guidance moves a
    break that falls on the day aims end to the following day).

    **Fix.** Correct the restart's LearnStartDate to the day learning resumed, or the break
    aim's LearnActEndDate to the last day of learning before the break.
    """
    for brk, restart in _breaks_with_restart(learner, ctx):
        if brk.learn_act_end_date is not None and restart.learn_start_date <= brk.learn_act_end_date:
            yield Problem(
                f"aim {restart.aim_seq_number} restarts aim {brk.aim_seq_number} on {restart.learn_start_date}, not "
                f"after the break aim's LearnActEndDate {brk.learn_act_end_date}",
                "Set the restart's LearnStartDate to the day learning resumed, after the break aim's LearnActEndDate "
                "(the last day of learning before the break).", restart, line=restart.line_of("learn_start_date"))


# --- transfers ------------------------------------------------------------------------------------


@check(code="ILR157", name="transfer-is-not-restart", topic="restart", severity="warning",
       guidance=f"{CHANGES}: 'A learner transfers to a different learning aim within the same provider', "
       "'Continuing learners whose Learning planned end date has now been identified as significantly incorrect'")
def transfer_is_not_restart(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The new aim of a transfer within the provider carries neither RES nor OrigLearnStartDate.

    **What.** When an aim closes with WithdrawReason 40, the new aim that the learner moves to
    (the first to start on or after the old aim's LearnActEndDate) has no RES and no
    OrigLearnStartDate. One exception: the guidance's correction of a significantly wrong
    planned end date (same LearnAimRef, old aim ended 1 August, new aim from 2 August with
    RES and, except on a programme aim, PriorLearnFundAdj) is correct.

    **Why.** The guidance on recording new aims after a transfer: original learning start
    date and restart indicator data are not returned. A RES makes the QAR and funding treat
    the new learning as a restart of the old.

    **Fix.** Remove RES and OrigLearnStartDate from the new aim (unsafe edit: if the learner
    in fact took a break, record the old aim as CompStatus 6 instead). For the planned end
    date correction, keep RES and add PriorLearnFundAdj (not on a programme aim, where it is
    not returned, as for every restart).
    """
    for old in learner.deliveries:
        for new in learner.transfer_targets(old):
            has_res = new.has_fam(codes.FAM_RESTART)
            if not has_res and new.orig_learn_start_date is None:
                continue
            correction = _is_end_date_correction(old, new)
            if correction and has_res and (new.prior_learn_fund_adj is not None or new.is_programme_aim):
                continue
            if correction and has_res:
                yield Problem(
                    f"aim {new.aim_seq_number} restarts aim {old.aim_seq_number} (WithdrawReason 40 on "
                    f"{old.learn_act_end_date}) with RES, like the correction of a wrong planned end date, but has no "
                    "PriorLearnFundAdj",
                    "For the planned end date correction, add PriorLearnFundAdj = the percentage of the learning "
                    "still to be delivered; for an ordinary transfer, remove RES.",
                    new, line=new.line_of("learn_start_date"))
                continue
            carried = " and ".join(x for x in ("RES" if has_res else "", "OrigLearnStartDate"
                                               if new.orig_learn_start_date else "") if x)
            edits = ((RemoveFAM(new.aim_seq_number, codes.FAM_RESTART),) if has_res else ()) + (
                (RemoveField(new.aim_seq_number, "OrigLearnStartDate"),) if new.orig_learn_start_date else ())
            yield Problem(
                f"aim {new.aim_seq_number} is the new aim of a transfer from aim {old.aim_seq_number} (WithdrawReason "
                f"40 on {old.learn_act_end_date}) but carries {carried}; a transfer is not a restart",
                f"Remove {carried} from aim {new.aim_seq_number}; if the learner took an agreed break instead, set "
                f"aim {old.aim_seq_number} to CompStatus 6 with no WithdrawReason.",
                new, line=new.line_of("orig_learn_start_date") if new.orig_learn_start_date else new.line,
                edits=edits, unsafe=True)


# --- PriorLearnFundAdj ------------------------------------------------------------------------------


@check(code="ILR158", name="prior-learning-adjustment-not-allowed", topic="restart", severity="error",
       rules=("PriorLearnFundAdj_01",), guidance=f"{CHANGES}: 'For 16-19 funded learners'")
def prior_learning_adjustment_not_allowed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """PriorLearnFundAdj is not returned on FundModel 25, 82, 10 (until 2025-26) or 99 without ADL.

    **What.** 16-19 funded, community learning and non-funded aims (unless financed by an
    advanced learner loan, LearningDeliveryFAM ADL) carry no PriorLearnFundAdj.

    **Why.** The field adjusts funding for learning already done; these aims are not funded
    that way (PriorLearnFundAdj_01).

    **Fix.** Remove PriorLearnFundAdj (a safe correction).
    """
    for aim in learner.deliveries:
        if aim.prior_learn_fund_adj is None:
            continue
        non_funded = aim.fund_model == codes.FM_NON_FUNDED and not aim.has_fam(codes.FAM_LOAN)
        if no_restart_funding(aim, ctx.year) or non_funded:
            yield Problem(
                f"aim {aim.aim_seq_number} is funded by FundModel {aim.fund_model}"
                + (" without an advanced learner loan (ADL)" if non_funded else "")
                + f" but has PriorLearnFundAdj {aim.prior_learn_fund_adj}",
                "Remove PriorLearnFundAdj: it is not returned for this funding.",
                aim, line=aim.line_of("prior_learn_fund_adj"),
                edits=(RemoveField(aim.aim_seq_number, "PriorLearnFundAdj"),))


@check(code="ILR159", name="no-prior-learning-adjustment-on-fm36-programme", topic="restart", severity="error",
       guidance=f"{APPS}: 'Recording new aims when an apprentice returns from an agreed break in learning', "
       "'Additional guidance for apprenticeship standards recorded on Funding model 36'")
def no_prior_learning_adjustment_on_fm36_programme(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """PriorLearnFundAdj is never returned on an FM36 programme aim.

    **What.** On FundModel 36 the funding adjustment for prior learning is used only on
    English and maths component aims, never on the programme aim (ZPROG001).

    **Why.** The guidance: on a return from a break, PriorLearnFundAdj is not returned on the
    programme aim, and on FM36 it may be used for English and maths aims; prior learning on
    the programme is reflected in the negotiated price (TNP) instead.

    **Fix.** Remove PriorLearnFundAdj from the programme aim (a safe correction); reflect
    prior learning in the price.
    """
    for aim in learner.deliveries:
        if aim.prior_learn_fund_adj is not None and aim.is_programme_aim and aim.fund_model == codes.FM_APPRENTICESHIPS:
            yield Problem(
                f"programme aim {aim.aim_seq_number} (FundModel 36) has PriorLearnFundAdj {aim.prior_learn_fund_adj}",
                "Remove PriorLearnFundAdj from the programme aim; on FundModel 36 it is only for English and maths "
                "aims, and prior learning is reflected in the negotiated price.",
                aim, line=aim.line_of("prior_learn_fund_adj"),
                edits=(RemoveField(aim.aim_seq_number, "PriorLearnFundAdj"),))
