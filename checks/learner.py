"""Topic ``learner``: learner fields that apprenticeship funding depends on.

An apprentice funded through a contract for services with the employer (ACT 1) has a real
ULN and a National Insurance number.

Source: Recording apprenticeship programmes ('Funding model
36: Unique learner number and National Insurance number') and the official rules
``ULN_12`` and ``NINumber_02``.
"""

from __future__ import annotations

from typing import Iterator

from ilr_lint.api import Context, Problem, check
from ilr_lint.model import Learner, LearningDelivery

ULN_NI = ("Recording apprenticeship programmes: "
          "'Funding model 36: Unique learner number and National Insurance number'")


def _first_act1_aim(learner: Learner) -> LearningDelivery | None:
    """The first aim (by AimSeqNumber) that records ACT 1, if any."""
    return min((d for d in learner.deliveries if d.has_fam("ACT", 1)), key=lambda d: d.aim_seq_number, default=None)


@check(code="ILR050", name="act1-needs-real-uln", topic="learner", scope=("act",), severity="error",
       rules=("ULN_12",), guidance=ULN_NI)
def act1_needs_real_uln(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprentice with ACT 1 has a real ULN, not the temporary 9999999999.

    **What.** A learner with any aim recording ACT 1 (contract for services with the employer)
    has a ULN other than 9999999999.

    **Why.** 'You must have a ULN for the apprentice at the point you record them on the ILR.
    You cannot record a temporary ULN of 9999999999 for these apprentices' (guidance, 'Funding
    model 36: Unique learner number and National Insurance number'); ULN_12.

    **Fix.** Obtain the apprentice's ULN from the Learning Records Service and record it.
    """
    aim = _first_act1_aim(learner)
    if aim is not None and learner.has_temporary_uln:
        yield Problem(
            f"learner has the temporary ULN 9999999999 but aim {aim.aim_seq_number} records ACT 1 "
            "(contract for services with the employer)",
            "Record the apprentice's real ULN from the Learning Records Service; ACT 1 apprentices cannot use "
            "9999999999.",
            learner, line=learner.line_of("uln"))


@check(code="ILR051", name="act1-needs-ni-number", topic="learner", scope=("act",), severity="error",
       rules=("NINumber_02",), guidance=ULN_NI)
def act1_needs_ni_number(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprentice with ACT 1 has a National Insurance number.

    **What.** A learner with any aim recording ACT 1 has a NINumber.

    **Why.** 'You must also complete the NI number for these apprentices (where Learning
    Delivery FAM = ACT1)' (guidance, 'Funding model 36: Unique learner number and National
    Insurance number'); NINumber_02.

    **Fix.** Record the apprentice's National Insurance number in NINumber.
    """
    aim = _first_act1_aim(learner)
    if aim is not None and not learner.has_ni_number:
        yield Problem(
            f"learner has no NINumber but aim {aim.aim_seq_number} records ACT 1 (contract for services with the "
            "employer)",
            "Record the apprentice's National Insurance number in NINumber.",
            learner)
