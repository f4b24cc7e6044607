"""Topic ``tlevel``: a T Level's industry placement aim (ZWRKX003, AimType 3) and its work placement records.

Source: T-levels for the ILR ('Industry Placement') and the official rules named in each check; see
docs/checks/tlevel.md. What each T Level aim is: :mod:`ilr_lint.checks.tlevel_aims`.
"""

from __future__ import annotations

from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import SetField
from ilr_lint.model import Learner

from .tlevel_aims import PLACEMENT, capital_ref, is_placement, outside_programme, tlevel_exempt, wrong_aim_type


# --- industry placement ------------------------------------------------------------------------
@check(code="ILR411", name="tlevel-industry-placement-missing", topic="tlevel", severity="warning",
       scope=("tlevel",),
       guidance=PLACEMENT)
def industry_placement_missing(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A completed T Level has its industry placement aim (ZWRKX003).

    **What.** A learner whose T Level programme aim is completed (CompStatus 2) has a
    ZWRKX003 aim. Continuing and withdrawn T Levels are not flagged: the placement aim is
    commonly added when the placement starts, and a learner may leave before it.

    **Why.** 'Every T-level should consist of a substantial industry placement', recorded
    with the reference ZWRKX003 (T-levels for the ILR, 'Industry Placement'); a completed T Level without it
    under-records the programme. There is no official rule for this, hence a warning.

    **Fix.** Add the industry placement: LearnAimRef ZWRKX003, AimType 3, ProgType 31,
    FundModel 25, with a work placement record holding the placement's planned hours.
    """
    completed = [d for d in learner.deliveries
                 if d.is_programme_aim and d.is_tlevel and d.comp_status == codes.COMPLETED]
    if completed and not any(is_placement(d) for d in learner.deliveries):
        aim = max(completed, key=lambda d: (d.learn_start_date, d.aim_seq_number))
        yield Problem(
            f"T Level programme aim {aim.aim_seq_number} is completed (CompStatus 2) but the learner has no "
            "industry placement aim (ZWRKX003)",
            "Add the industry placement: LearnAimRef ZWRKX003, AimType 3, ProgType 31, FundModel 25, with a "
            "LearningDeliveryWorkPlacement recording the placement's WorkPlaceHours.",
            aim, line=aim.line_of("comp_status"))


@check(code="ILR412", name="tlevel-industry-placement-aim-type", topic="tlevel", severity="error",
       scope=("tlevel",),
       guidance=PLACEMENT)
def industry_placement_aim_type(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The industry placement is a component aim (AimType 3).

    **What.** A ZWRKX003 aim with ProgType 31 has AimType 3.

    **Why.** The guidance sets the industry placement's Programme Classification to
    'Component learning aim within a programme' (T-levels for the ILR, 'Industry Placement').

    **Fix.** Set AimType 3 on the ZWRKX003 aim.
    """
    yield from wrong_aim_type(
        learner, lambda a: is_placement(a) and a.is_tlevel, codes.AIM_COMPONENT,
        "T Level industry placement", "Component learning aim within a programme")


@check(code="ILR413", name="tlevel-industry-placement-outside-tlevel", topic="tlevel", severity="error",
       rules=("ProgType_15",), guidance=PLACEMENT)
def industry_placement_outside(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The T Level industry placement (ZWRKX003) is part of a T Level (ProgType 31).

    **What.** A ZWRKX003 aim has ProgType 31, unless it is in the adult T Level pilot
    (LDM 384) or not funded (FundModel 99), which the official rule exempts (ProgType_15).

    **Why.** ZWRKX003 is reserved for T Level industry placements (T-levels for the ILR, 'Industry Placement');
    the funder rejects it outside ProgType 31. Other work experience uses other references.

    **Fix.** Set ProgType 31 and record the placement within the learner's T Level, or use
    the work experience reference that fits the learner's programme.
    """
    yield from outside_programme(learner, is_placement, codes.PROG_TLEVEL, "T Level industry placement",
                                  "T Level", tlevel_exempt)


@check(code="ILR414", name="tlevel-industry-placement-needs-work-placement", topic="tlevel", severity="error",
       rules=("WorkPlacement_01",), guidance=PLACEMENT)
def industry_placement_needs_work_placement(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The industry placement aim has at least one work placement record.

    **What.** Every ZWRKX003 aim has a LearningDeliveryWorkPlacement (WorkPlacement_01).

    **Why.** Each learner should have a Work Placement linked to their Industry Placement
    programme enrolment (T-levels for the ILR, 'Industry Placement'); it records where and for how many hours the
    placement happens. The funder rejects the aim without one.

    **Fix.** Add a LearningDeliveryWorkPlacement to the aim: WorkPlaceStartDate,
    WorkPlaceHours (the placement's planned hours), WorkPlaceMode and WorkPlaceEmpId.
    """
    for aim in learner.deliveries:
        if is_placement(aim) and not aim.work_placements:
            yield Problem(
                f"aim {aim.aim_seq_number} is the T Level industry placement (ZWRKX003) but has no work "
                "placement record",
                f"Add a LearningDeliveryWorkPlacement to aim {aim.aim_seq_number} with WorkPlaceStartDate, "
                "WorkPlaceHours (the planned placement hours), WorkPlaceMode and the employer's WorkPlaceEmpId.",
                aim)


@check(code="ILR415", name="tlevel-work-placement-hours", topic="tlevel", severity="error",
       guidance=PLACEMENT)
def work_placement_hours(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Each work placement of the industry placement records its planned hours.

    **What.** Every LearningDeliveryWorkPlacement on a ZWRKX003 aim has WorkPlaceHours
    greater than zero.

    **Why.** 'The work placement must have the appropriate planned learning hours recorded
    against it' (T-levels for the ILR, 'Industry Placement'): the placement's hours are recorded on the work
    placement, not on the programme enrolment, and show whether the placement is
    substantial enough.

    **Fix.** Set WorkPlaceHours on the work placement to the hours planned for it.
    """
    for aim in learner.deliveries:
        if not is_placement(aim):
            continue
        for placement in aim.work_placements:
            if placement.hours is None or placement.hours <= 0:
                shown = "no WorkPlaceHours" if placement.hours is None else f"WorkPlaceHours {placement.hours}"
                yield Problem(
                    f"the work placement starting {placement.start_date.isoformat()} on industry placement aim "
                    f"{aim.aim_seq_number} (ZWRKX003) has {shown}",
                    f"Set WorkPlaceHours on that work placement of aim {aim.aim_seq_number} to the hours planned "
                    "for the placement.",
                    aim, line=placement.line)


@check(code="ILR416", name="tlevel-old-work-placement-reference", topic="tlevel", severity="error",
       scope=("tlevel",),
       rules=("LearnAimRef_90",), guidance=PLACEMENT)
def old_work_placement_reference(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level does not use the other work experience references.

    **What.** No ProgType 31 aim has LearnAimRef Z0007834-Z0007838, Z0002347, ZWRKX001 or
    ZWRKX002 (LearnAimRef_90).

    **Why.** A T Level's placement is the industry placement ZWRKX003 ('Industry
    Placement'); the traineeship work experience, supported internship and CDF industry
    placement references are for other programmes and the funder rejects them in a T Level.

    **Fix.** Record the placement as ZWRKX003 (AimType 3) with its work placement records;
    if the learner already has a ZWRKX003 aim, move the work placements to it.
    """
    placement = next((d for d in learner.deliveries if is_placement(d)), None)
    for aim in learner.deliveries:
        if aim.is_tlevel and capital_ref(aim) in codes.NON_TLEVEL_WORK_PLACEMENT_REFS:
            message = (f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is a work experience reference that a "
                       "T Level (ProgType 31) must not use")
            if placement is None:
                yield Problem(message, f"Set LearnAimRef ZWRKX003 on aim {aim.aim_seq_number} (AimType 3), keeping "
                              "its work placement records.", aim, line=aim.line_of("learn_aim_ref"),
                              edits=(SetField(aim.aim_seq_number, "LearnAimRef", codes.TLEVEL_PLACEMENT_REF),),
                              unsafe=True)
            else:
                yield Problem(message, f"Move the work placement records of aim {aim.aim_seq_number} to the industry "
                              f"placement aim {placement.aim_seq_number} (ZWRKX003) and delete aim "
                              f"{aim.aim_seq_number}.", aim, line=aim.line_of("learn_aim_ref"))
