"""Topic ``withdrawal``: completion status, withdrawal reason and outcome codes.

Source: ``../shared/guidance/psm-recording-learner-changes-and-correcting-errors.txt``
and the official rules ``WithdrawReason_*``, ``Outcome_*``, ``CompStatus_*``.
"""

from __future__ import annotations

from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.model import Learner

CHANGES = "psm-recording-learner-changes-and-correcting-errors.txt"


@check(code="ILR101", name="withdrawn-needs-reason", topic="withdrawal", severity="error",
       rules=("WithdrawReason_03",), guidance=f"{CHANGES}: 'Learners who withdraw'")
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
