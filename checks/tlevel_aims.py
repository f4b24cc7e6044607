"""What each aim of a T Level programme (ProgType 31) or T Level foundation year (ProgType 30) is, and the
shapes of rule the ``tlevel`` checks share (:mod:`ilr_lint.checks.tlevel`, ``tlevel_placement``, ``tlevel_hours``).

Source: T-levels for the ILR."""

from __future__ import annotations

from typing import Callable, Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem
from ilr_lint.edits import SetField
from ilr_lint.model import Learner, LearningDelivery

TLEVELS = "T-levels for the ILR"
PROGRAMME_AIM = f"{TLEVELS}: 'T-level Programme Aim'"
QUALIFICATION = f"{TLEVELS}: 'T-level Qualification'"
SPECIALISM = f"{TLEVELS}: 'Occupational Specialism'"
PLACEMENT = f"{TLEVELS}: 'Industry Placement'"
PSM_TLEVELS = ("provider support manual 2020-21: 'Recording T Level programmes on the ILR' (FundModel 25, SOF 107, "
               "ProgType 31)")

T_LEVEL_PROG_TYPES = frozenset({codes.PROG_TLEVEL_FOUNDATION, codes.PROG_TLEVEL})
HRS_FROM_YEAR = 2026  # first collection year whose planned hours are an HRSRecord, not PHours


# --- what an aim is ------------------------------------------------------------------------
def capital_ref(aim: LearningDelivery) -> str:
    return aim.learn_aim_ref.upper()


def is_specialism(aim: LearningDelivery) -> bool:
    return capital_ref(aim).startswith(codes.TLEVEL_SPECIALISM_PREFIX)


def is_placement(aim: LearningDelivery) -> bool:
    return capital_ref(aim) == codes.TLEVEL_PLACEMENT_REF


def is_foundation_core(aim: LearningDelivery) -> bool:
    return capital_ref(aim).startswith(codes.TLEVEL_FOUNDATION_CORE_PREFIX)


def is_programme_ref(aim: LearningDelivery) -> bool:
    return capital_ref(aim) == codes.PROGRAMME_AIM_REF


def is_qualification(aim: LearningDelivery) -> bool:
    """A T Level aim with a qualification reference (QAN): the technical qualification."""
    return aim.is_tlevel and not aim.is_class_code and not aim.is_programme_aim


def tlevel_exempt(aim: LearningDelivery) -> bool:
    """Not funded as a T Level: the adult T Level pilot (LDM 384) and non-funded T Levels (FundModel 99)."""
    return aim.fund_model == codes.FM_NON_FUNDED or aim.has_fam("LDM", codes.LDM_ADULT_TLEVEL_PILOT)


def _programme_anchor(learner: Learner, prog_type: int) -> LearningDelivery | None:
    """Where a learner-level finding about a programme points: its latest programme aim, else its first aim."""
    aims = [d for d in learner.deliveries if d.prog_type == prog_type]
    programmes = [d for d in aims if d.is_programme_aim]
    if programmes:
        return max(programmes, key=lambda d: (d.learn_start_date, d.aim_seq_number))
    return min(aims, key=lambda d: d.aim_seq_number, default=None)


def planned_hours(aim: LearningDelivery, ctx: Context) -> tuple[str, int | None, int]:
    """The programme aim's planned hours for the file's year: (field name, value or None, line)."""
    if ctx.year.first >= HRS_FROM_YEAR:
        record = aim.hrs(codes.HRS_TLEVEL_PLANNED)
        return "HRS2 (HRSRecord HRSCode 2)", record.amount if record else None, record.line if record else aim.line
    return "PHours", aim.p_hours, aim.line_of("p_hours")


def tlevel_programme_aims(learner: Learner) -> Iterator[LearningDelivery]:
    """Programme aims of T Levels that are 16-19 funded (AimType 1, FundModel 25, ProgType 31)."""
    return (d for d in learner.deliveries
            if d.is_programme_aim and d.is_tlevel and d.fund_model == codes.FM_16_19)


# --- shared shapes of rule ----------------------------------------------------------------
def wrong_aim_type(learner: Learner, matches: Callable[[LearningDelivery], bool], wanted: int,
                    what: str, classification: str) -> Iterator[Problem]:
    for aim in learner.deliveries:
        if matches(aim) and aim.aim_type != wanted:
            yield Problem(
                f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is the {what} but has AimType {aim.aim_type}; "
                f"it must be AimType {wanted}",
                f"Set AimType {wanted} on aim {aim.aim_seq_number} (Programme Classification '{classification}').",
                aim, line=aim.line_of("aim_type"),
                edits=(SetField(aim.aim_seq_number, "AimType", str(wanted)),))


def outside_programme(learner: Learner, matches: Callable[[LearningDelivery], bool], prog_type: int,
                       what: str, programme: str, exempt: Callable[[LearningDelivery], bool]) -> Iterator[Problem]:
    for aim in learner.deliveries:
        if matches(aim) and aim.prog_type != prog_type and not exempt(aim):
            shown = "no ProgType" if aim.prog_type is None else f"ProgType {aim.prog_type}"
            # Setting ProgType is a sensible fix only when the learner has that programme's aim.
            has_programme = any(d.is_programme_aim and d.prog_type == prog_type for d in learner.deliveries)
            yield Problem(
                f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is the {what}, which belongs only to a "
                f"{programme} (ProgType {prog_type}), but it has {shown}",
                f"Record aim {aim.aim_seq_number} inside the {programme}: ProgType {prog_type}, funding model 25, "
                f"with its programme aim ZPROG001; if the learner is not on a {programme}, use the reference "
                "of the aim actually studied.",
                aim, line=aim.line_of("prog_type"),
                edits=(SetField(aim.aim_seq_number, "ProgType", str(prog_type)),) if has_programme else (),
                unsafe=True)


def missing_aim(learner: Learner, prog_type: int, present: Callable[[LearningDelivery], bool],
                 what: str, fix: str) -> Iterator[Problem]:
    anchor = _programme_anchor(learner, prog_type)
    if anchor is not None and not any(present(d) for d in learner.deliveries):
        yield Problem(f"the learner has a ProgType {prog_type} programme (aim {anchor.aim_seq_number}) but no {what}",
                      fix, anchor)
