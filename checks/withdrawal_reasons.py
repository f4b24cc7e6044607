"""Topic ``withdrawal``: the WithdrawReason codes each kind of aim may have.

Source: Making changes and correcting errors (CHANGES) and the official rules
``WithdrawReason_*``. The companion fields of each CompStatus are in
:mod:`ilr_lint.checks.withdrawal`.
"""

from __future__ import annotations

from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import SetField
from ilr_lint.model import Learner
from ilr_lint.reference.codelists import code_list

from .withdrawal import CHANGES, CLOSE_WITHDRAWN

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
