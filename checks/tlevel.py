"""Topic ``tlevel``: T Level programmes (ProgType 31) and T Level foundation years (ProgType 30).

A T Level is four aims: the programme aim (ZPROG001, AimType 1), the technical
qualification (its QAN, the core aim, AimType 5), the occupational specialism (ZTLOS...,
AimType 3) and the industry placement (ZWRKX003, AimType 3, with work placement records),
all ProgType 31 and funding model 25. The programme's planned hours are PHours on the
programme aim up to 2025-26 and an HRSRecord with HRSCode 2 from 2026-27.

Source: T-levels for the ILR and the official rules named in each
check (the funder's validation rules for 2025 to 2026); see docs/checks/tlevel.md.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import RemoveField, SetField
from ilr_lint.model import Learner, LearningDelivery

TLEVELS = "T-levels for the ILR"
PROGRAMME_AIM = f"{TLEVELS}: 'T-level Programme Aim'"
QUALIFICATION = f"{TLEVELS}: 'T-level Qualification'"
SPECIALISM = f"{TLEVELS}: 'Occupational Specialism'"
PLACEMENT = f"{TLEVELS}: 'Industry Placement'"
FOUNDATION = "ILR specification: 'Code lists' (ProgType 30 T Level foundation year) and the 2025-26 validation rules"
PSM_TLEVELS = ("provider support manual 2020-21: 'Recording T Level programmes on the ILR' (FundModel 25, SOF 107, "
               "ProgType 31)")

T_LEVEL_PROG_TYPES = frozenset({codes.PROG_TLEVEL_FOUNDATION, codes.PROG_TLEVEL})
HRS_FROM_YEAR = 2026  # first collection year whose planned hours are an HRSRecord, not PHours
PHOURS_REQUIRED_FROM = date(2020, 8, 1)  # PHours_03: T Level programme aims starting on or after


# --- what an aim is ------------------------------------------------------------------------
def _ref(aim: LearningDelivery) -> str:
    return aim.learn_aim_ref.upper()


def _is_specialism(aim: LearningDelivery) -> bool:
    return _ref(aim).startswith(codes.TLEVEL_SPECIALISM_PREFIX)


def _is_placement(aim: LearningDelivery) -> bool:
    return _ref(aim) == codes.TLEVEL_PLACEMENT_REF


def _is_foundation_core(aim: LearningDelivery) -> bool:
    return _ref(aim).startswith(codes.TLEVEL_FOUNDATION_CORE_PREFIX)


def _is_programme_ref(aim: LearningDelivery) -> bool:
    return _ref(aim) == codes.PROGRAMME_AIM_REF


def _is_qualification(aim: LearningDelivery) -> bool:
    """A T Level aim with a qualification reference (QAN): the technical qualification."""
    return aim.is_tlevel and not aim.is_class_code and not aim.is_programme_aim


def _tlevel_exempt(aim: LearningDelivery) -> bool:
    """Not funded as a T Level: the adult T Level pilot (LDM 384) and non-funded T Levels (FundModel 99)."""
    return aim.fund_model == codes.FM_NON_FUNDED or aim.has_fam("LDM", codes.LDM_ADULT_TLEVEL_PILOT)


def _anchor(learner: Learner, prog_type: int) -> LearningDelivery | None:
    """Where a learner-level finding about a programme points: its latest programme aim, else its first aim."""
    aims = [d for d in learner.deliveries if d.prog_type == prog_type]
    programmes = [d for d in aims if d.is_programme_aim]
    if programmes:
        return max(programmes, key=lambda d: (d.learn_start_date, d.aim_seq_number))
    return min(aims, key=lambda d: d.aim_seq_number, default=None)


def _planned_hours(aim: LearningDelivery, ctx: Context) -> tuple[str, int | None, int]:
    """The programme aim's planned hours for the file's year: (field name, value or None, line)."""
    if ctx.year.first >= HRS_FROM_YEAR:
        record = aim.hrs(codes.HRS_TLEVEL_PLANNED)
        return "HRS2 (HRSRecord HRSCode 2)", record.amount if record else None, record.line if record else aim.line
    return "PHours", aim.p_hours, aim.line_of("p_hours")


def _tlevel_programme_aims(learner: Learner) -> Iterator[LearningDelivery]:
    """Programme aims of T Levels that are 16-19 funded (AimType 1, FundModel 25, ProgType 31)."""
    return (d for d in learner.deliveries
            if d.is_programme_aim and d.is_tlevel and d.fund_model == codes.FM_16_19)


# --- shared shapes of rule ----------------------------------------------------------------
def _wrong_aim_type(learner: Learner, matches: Callable[[LearningDelivery], bool], wanted: int,
                    what: str, classification: str) -> Iterator[Problem]:
    for aim in learner.deliveries:
        if matches(aim) and aim.aim_type != wanted:
            yield Problem(
                f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is the {what} but has AimType {aim.aim_type}; "
                f"it must be AimType {wanted}",
                f"Set AimType {wanted} on aim {aim.aim_seq_number} (Programme Classification '{classification}').",
                aim, line=aim.line_of("aim_type"),
                edits=(SetField(aim.aim_seq_number, "AimType", str(wanted)),))


def _outside_programme(learner: Learner, matches: Callable[[LearningDelivery], bool], prog_type: int,
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


def _missing_aim(learner: Learner, prog_type: int, present: Callable[[LearningDelivery], bool],
                 what: str, fix: str) -> Iterator[Problem]:
    anchor = _anchor(learner, prog_type)
    if anchor is not None and not any(present(d) for d in learner.deliveries):
        yield Problem(f"the learner has a ProgType {prog_type} programme (aim {anchor.aim_seq_number}) but no {what}",
                      fix, anchor)


# --- programme aim ------------------------------------------------------------------------
@check(code="ILR400", name="tlevel-programme-aim-reference", topic="tlevel", scope=("tlevel",), severity="error",
       guidance=PROGRAMME_AIM)
def programme_aim_reference(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level or T Level foundation year programme aim has the reference ZPROG001.

    **What.** Every AimType 1 aim with ProgType 31 or 30 has LearnAimRef ZPROG001.

    **Why.** The guidance (T-levels for the ILR, 'T-level Programme Aim') says the
    qualification reference of the programme aim must be ZPROG001; the programme aim carries
    the programme's planned hours, and every other aim of the T Level is matched to it.

    **Fix.** Set LearnAimRef ZPROG001 on the programme aim; a qualification recorded as
    AimType 1 belongs on its own aim (the technical qualification is AimType 5).
    """
    for aim in learner.deliveries:
        if aim.is_programme_aim and aim.prog_type in T_LEVEL_PROG_TYPES and not _is_programme_ref(aim):
            yield Problem(
                f"aim {aim.aim_seq_number} is a ProgType {aim.prog_type} programme aim (AimType 1) but its "
                f"LearnAimRef is {aim.learn_aim_ref}, not ZPROG001",
                f"Set LearnAimRef ZPROG001 on aim {aim.aim_seq_number}; record {aim.learn_aim_ref} as its own aim "
                "(the technical qualification is the core aim, AimType 5).",
                aim, line=aim.line_of("learn_aim_ref"),
                edits=(SetField(aim.aim_seq_number, "LearnAimRef", codes.PROGRAMME_AIM_REF),), unsafe=True)


@check(code="ILR402", name="tlevel-funding-model", topic="tlevel", severity="error",
       rules=("FundModel_11", "WorkPlaceStartDate_04"), guidance=PSM_TLEVELS)
def tlevel_funding_model(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """T Level aims are 16-19 funded (funding model 25).

    **What.** Every ProgType 31 aim has FundModel 25 (FundModel_11), and so does every
    industry placement aim ZWRKX003 except a non-funded one (FundModel 99,
    WorkPlaceStartDate_04).

    **Why.** T Level aims are recorded as funding model 25 (provider support manual,
    'Recording T Level programmes on the ILR'); the funder rejects a ProgType 31 aim with
    any other funding model. The rules imply that non-funded T Levels (FundModel 99) are
    recorded without ProgType 31: ProgType_15 and ProgType_17 exempt them.

    **Fix.** Set FundModel 25 on the aim, or, if the learning really is not 16-19 funded,
    record it outside ProgType 31.
    """
    for aim in learner.deliveries:
        placement = _is_placement(aim) and aim.fund_model != codes.FM_NON_FUNDED
        if (aim.is_tlevel or placement) and aim.fund_model != codes.FM_16_19:
            part = "a ProgType 31 (T Level) aim" if aim.is_tlevel else "the T Level industry placement (ZWRKX003)"
            yield Problem(
                f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is {part} but has FundModel {aim.fund_model}; "
                "T Levels are funding model 25",
                f"Set FundModel 25 on aim {aim.aim_seq_number}.",
                aim, line=aim.line_of("fund_model"),
                edits=(SetField(aim.aim_seq_number, "FundModel", str(codes.FM_16_19)),), unsafe=True)


@check(code="ILR403", name="tlevel-one-open-programme-aim", topic="tlevel", scope=("tlevel",), severity="error",
       guidance=PROGRAMME_AIM)
def one_open_programme_aim(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A learner has at most one open T Level programme aim.

    **What.** At most one AimType 1, ProgType 31 aim without a LearnActEndDate.

    **Why.** The guidance (T-levels for the ILR, 'T-level Programme Aim') records one programme aim for the
    T Level, carrying the planned hours for the whole programme; a second open one double
    counts the programme and its planned hours, and leaves it unclear which aims belong to
    which.

    **Fix.** Close the programme aim the learner is no longer on (LearnActEndDate,
    CompStatus and Outcome; WithdrawReason when withdrawn) or delete a duplicate.
    """
    open_aims = sorted((d for d in learner.deliveries if d.is_programme_aim and d.is_tlevel
                        and d.learn_act_end_date is None),
                       key=lambda d: (d.learn_start_date, d.aim_seq_number))
    for aim in open_aims[1:]:
        yield Problem(
            f"aim {aim.aim_seq_number} is a second open T Level programme aim (AimType 1, ProgType 31); "
            f"aim {open_aims[0].aim_seq_number} is open too",
            "Keep one open T Level programme aim: give the one the learner left a LearnActEndDate, CompStatus "
            "and Outcome (CompStatus 3 with a WithdrawReason if withdrawn), or delete the duplicate.",
            aim)


@check(code="ILR404", name="tlevel-aim-without-programme-aim", topic="tlevel", scope=("tlevel",), severity="error",
       rules=("R_125",), guidance=PROGRAMME_AIM)
def aim_without_programme_aim(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Each T Level or foundation year component or core aim has its programme aim.

    **What.** Every AimType 3 or 5 aim with ProgType 31 or 30 has a programme aim
    (AimType 1) with the same ProgType and FundModel (R_125).

    **Why.** The guidance creates the T Level as four aims under one programme aim
    (T-levels for the ILR, 'T-level Programme Aim'); without it the funder rejects the components and has no
    programme or planned hours to fund.

    **Fix.** Add the programme aim: LearnAimRef ZPROG001, AimType 1, the same ProgType and
    FundModel, starting with the programme (for a T Level, with its planned hours); or
    correct the ProgType or FundModel that differs from the existing programme aim.
    """
    for aim in learner.deliveries:
        if aim.aim_type not in (codes.AIM_COMPONENT, codes.AIM_CORE) or aim.prog_type not in T_LEVEL_PROG_TYPES:
            continue
        same_type = [d for d in learner.deliveries if d.is_programme_aim and d.prog_type == aim.prog_type]
        if any(d.fund_model == aim.fund_model for d in same_type):
            continue
        other = (f"; programme aim {same_type[0].aim_seq_number} has FundModel {same_type[0].fund_model}"
                 if same_type else "")
        yield Problem(
            f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}, AimType {aim.aim_type}) has no programme aim with "
            f"ProgType {aim.prog_type} and FundModel {aim.fund_model}{other}",
            f"Add a programme aim (LearnAimRef ZPROG001, AimType 1, ProgType {aim.prog_type}, FundModel "
            f"{aim.fund_model}) for aim {aim.aim_seq_number}, or make its ProgType and FundModel match the "
            "existing programme aim.",
            aim)


# --- technical qualification (core aim) ------------------------------------------------------
@check(code="ILR405", name="tlevel-technical-qualification-missing", topic="tlevel", severity="error",
       scope=("tlevel",),
       rules=("ProgType_19",), guidance=QUALIFICATION)
def technical_qualification_missing(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level has its technical qualification.

    **What.** A learner with ProgType 31 aims has a ProgType 31 aim whose LearnAimRef is a
    qualification (a QAN, not a Z-reference). When such an aim exists with the wrong
    AimType, ILR406 says so instead. With ``--lars`` the rule is the official one exactly:
    a core aim (AimType 5) that LARS types as a T Level technical qualification (1468).

    **Why.** The technical qualification is the qualification underpinning the T Level; the
    programme must record its QAN (T-levels for the ILR, 'T-level Qualification'). The funder rejects ProgType 31
    when no technical qualification is recorded in the programme (ProgType_19).

    **Fix.** Add the technical qualification: its QAN as LearnAimRef, AimType 5 (core aim),
    ProgType 31, FundModel 25.
    """
    lars = ctx.lars
    present = _is_qualification if lars is None else (
        lambda aim: aim.aim_type == codes.AIM_CORE and lars.is_technical_qualification(aim.learn_aim_ref))
    yield from _missing_aim(
        learner, codes.PROG_TLEVEL, present, "technical qualification (a QAN with ProgType 31)",
        "Add the T Level technical qualification: LearnAimRef = its QAN, AimType 5 (Programme Classification "
        "'Core Aim'), ProgType 31, FundModel 25.")


@check(code="ILR406", name="tlevel-technical-qualification-aim-type", topic="tlevel", severity="error",
       scope=("tlevel",),
       guidance=QUALIFICATION)
def technical_qualification_aim_type(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The technical qualification is the T Level's core aim (AimType 5).

    **What.** A ProgType 31 aim with a qualification reference (QAN) that is not the
    programme aim has AimType 5. The only component aims (AimType 3) of a T Level are the
    occupational specialism (ZTLOS...) and the industry placement (ZWRKX003).

    **Why.** The guidance sets the technical qualification's Programme Classification to
    Core Aim (T-levels for the ILR, 'T-level Qualification'); a QAN recorded as a component is either the
    technical qualification with the wrong aim type or another qualification (English,
    maths) wrongly placed inside the T Level.

    **Fix.** If the aim is the technical qualification, set AimType 5; if it is another
    qualification, record it outside the programme (AimType 4, no ProgType).
    """
    for aim in learner.deliveries:
        if _is_qualification(aim) and aim.aim_type != codes.AIM_CORE:
            yield Problem(
                f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is a qualification in a T Level (ProgType 31) "
                f"with AimType {aim.aim_type}; the technical qualification is the core aim (AimType 5)",
                f"If aim {aim.aim_seq_number} is the technical qualification set AimType 5 (Programme "
                "Classification 'Core Aim'); if it is another qualification such as English or maths, record it "
                "outside the T Level: AimType 4 and no ProgType.",
                aim, line=aim.line_of("aim_type"),
                edits=(SetField(aim.aim_seq_number, "AimType", str(codes.AIM_CORE)),), unsafe=True)


@check(code="ILR407", name="tlevel-core-aim-reference", topic="tlevel", scope=("tlevel",), severity="error",
       guidance=QUALIFICATION)
def core_aim_reference(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The T Level's core aim is a qualification (QAN), never a Z-reference.

    **What.** An AimType 5, ProgType 31 aim does not have a learning aim class code
    (LearnAimRef beginning Z). ZTLOS, ZWRKX003, ZPROG001 and ZTPR aims in the core slot are
    reported by their own aim-type and programme-type checks (ILR409, ILR412, ILR203,
    ILR424).

    **Why.** The guidance says the technical qualification must have the appropriate QAN
    recorded (T-levels for the ILR, 'T-level Qualification'), through a linked qualification or a placeholder
    reference; a class code is not the qualification and will not match the qualification
    the learner is registered for.

    **Fix.** Replace the LearnAimRef with the technical qualification's QAN.
    """
    special = (_is_specialism, _is_placement, _is_programme_ref, _is_foundation_core)
    for aim in learner.deliveries:
        if (aim.aim_type == codes.AIM_CORE and aim.is_tlevel and aim.is_class_code
                and not any(kind(aim) for kind in special)):
            yield Problem(
                f"aim {aim.aim_seq_number} is the T Level core aim (AimType 5, ProgType 31) but its LearnAimRef "
                f"{aim.learn_aim_ref} is a class code, not the technical qualification's QAN",
                f"Set LearnAimRef on aim {aim.aim_seq_number} to the QAN of the T Level technical qualification.",
                aim, line=aim.line_of("learn_aim_ref"))


# --- occupational specialism ----------------------------------------------------------------
@check(code="ILR408", name="tlevel-occupational-specialism-missing", topic="tlevel", severity="error",
       scope=("tlevel",),
       rules=("R_137",), guidance=SPECIALISM)
def occupational_specialism_missing(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level has its occupational specialism aim (ZTLOS...).

    **What.** A learner with ProgType 31 aims has an aim whose LearnAimRef begins ZTLOS
    (R_137).

    **Why.** The occupational specialism is one of the four aims of a T Level ('Occupational
    Specialism'); the funder rejects a T Level learner without one.

    **Fix.** Add the occupational specialism: the ZTLOS class code for the specialism the
    learner takes, AimType 3, ProgType 31, FundModel 25.
    """
    yield from _missing_aim(
        learner, codes.PROG_TLEVEL, _is_specialism, "occupational specialism aim (LearnAimRef ZTLOS...)",
        "Add the occupational specialism: LearnAimRef = the ZTLOS code of the learner's specialism, AimType 3 "
        "(Programme Classification 'Component learning aim within a programme'), ProgType 31, FundModel 25.")


@check(code="ILR409", name="tlevel-occupational-specialism-aim-type", topic="tlevel", severity="error",
       scope=("tlevel",),
       guidance=SPECIALISM)
def occupational_specialism_aim_type(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The occupational specialism is a component aim (AimType 3).

    **What.** A ZTLOS aim with ProgType 31 has AimType 3.

    **Why.** The guidance sets the occupational specialism's Programme Classification to
    'Component learning aim within a programme' (T-levels for the ILR, 'Occupational Specialism'); the core aim
    is the technical qualification.

    **Fix.** Set AimType 3 on the ZTLOS aim.
    """
    yield from _wrong_aim_type(
        learner, lambda a: _is_specialism(a) and a.is_tlevel, codes.AIM_COMPONENT,
        "occupational specialism", "Component learning aim within a programme")


@check(code="ILR410", name="tlevel-occupational-specialism-outside-tlevel", topic="tlevel", severity="error",
       rules=("ProgType_17",), guidance=SPECIALISM)
def occupational_specialism_outside(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An occupational specialism (ZTLOS...) is part of a T Level (ProgType 31).

    **What.** A ZTLOS aim has ProgType 31, unless it is in the adult T Level pilot (LDM 384)
    or not funded (FundModel 99), which the official rule exempts (ProgType_17).

    **Why.** Occupational specialisms exist only within T Levels ('Occupational
    Specialism'); the funder rejects a ZTLOS aim outside ProgType 31.

    **Fix.** Set ProgType 31 and record the aim within the learner's T Level, or use the
    reference of the aim the learner is actually studying.
    """
    yield from _outside_programme(learner, _is_specialism, codes.PROG_TLEVEL, "occupational specialism",
                                  "T Level", _tlevel_exempt)


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
    if completed and not any(_is_placement(d) for d in learner.deliveries):
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
    yield from _wrong_aim_type(
        learner, lambda a: _is_placement(a) and a.is_tlevel, codes.AIM_COMPONENT,
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
    yield from _outside_programme(learner, _is_placement, codes.PROG_TLEVEL, "T Level industry placement",
                                  "T Level", _tlevel_exempt)


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
        if _is_placement(aim) and not aim.work_placements:
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
        if not _is_placement(aim):
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
    placement = next((d for d in learner.deliveries if _is_placement(d)), None)
    for aim in learner.deliveries:
        if aim.is_tlevel and _ref(aim) in codes.NON_TLEVEL_WORK_PLACEMENT_REFS:
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


# --- planned hours -----------------------------------------------------------------------------
@check(code="ILR417", name="tlevel-planned-hours-missing", topic="tlevel", scope=("tlevel",), severity="error",
       rules=("PHours_03", "HRSType_02", "HRSType_04"), guidance=PROGRAMME_AIM)
def planned_hours_missing(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The T Level programme aim returns the planned hours for the programme.

    **What.** Up to 2025-26 every T Level programme aim (AimType 1, FundModel 25, ProgType
    31) that started on or after 1 August 2020 returns its planned hours in PHours
    (PHours_03). From 2026-27 every T Level programme aim (AimType 1, ProgType 31), whatever
    its funding and start date, returns them in an HRSRecord with HRSCode 2 (HRSType_04; for
    a 16-19 funded one HRSType_02 too: one finding names both). PHours no longer exists.

    **Why.** 'Including Planned Hours informs the ESFA of the number of hours planned for
    the T-level programme' (T-levels for the ILR, 'T-level Programme Aim'); the funder uses them for lagged
    funding. They cover the technical qualification, the occupational specialism and EEP,
    not English and maths, placements or other qualifications.

    **Fix.** Record the programme's planned hours on the programme aim: PHours up to
    2025-26, an HRSRecord (HRSType HRS, HRSCode 2, HRSAmount) from 2026-27.
    """
    hrs_year = ctx.year.first >= HRS_FROM_YEAR
    aims = (d for d in learner.deliveries if d.is_programme_aim and d.is_tlevel) if hrs_year \
        else _tlevel_programme_aims(learner)
    for aim in aims:
        name, value, _ = _planned_hours(aim, ctx)
        if hrs_year:
            broken = ("HRSType_02", "HRSType_04") if aim.fund_model == codes.FM_16_19 else ("HRSType_04",)
        else:
            broken = ("PHours_03",)
        if value is None and (hrs_year or aim.learn_start_date >= PHOURS_REQUIRED_FROM):
            where = ("an HRSRecord (HRSType HRS, HRSCode 2, HRSAmount)" if name.startswith("HRS2")
                     else "PHours")
            yield Problem(
                f"T Level programme aim {aim.aim_seq_number} has no {name} for its planned hours in {ctx.year.label}",
                f"Add {where} to aim {aim.aim_seq_number} with the planned hours for the whole T Level: the "
                "technical qualification, occupational specialism and EEP, excluding English and maths, "
                "industry and work placements and other qualifications.",
                aim, rules=broken)


@check(code="ILR418", name="tlevel-planned-hours-zero", topic="tlevel", scope=("tlevel",), severity="error",
       rules=("PHours_04", "HRSAmount_01"), guidance=PROGRAMME_AIM)
def planned_hours_zero(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The T Level programme aim's planned hours are greater than zero.

    **What.** The planned hours on a T Level programme aim (AimType 1, FundModel 25,
    ProgType 31), when returned, are more than zero: PHours up to 2025-26 (PHours_04), the
    HRSCode 2 HRSAmount from 2026-27 (HRSAmount_01).

    **Why.** The planned hours are the hours of the whole programme ('T-level Programme
    Aim'); zero funds nothing and the funder rejects it.

    **Fix.** Set the planned hours to the hours planned for the technical qualification,
    occupational specialism and EEP.
    """
    for aim in _tlevel_programme_aims(learner):
        name, value, line = _planned_hours(aim, ctx)
        if value is not None and value <= 0:
            yield Problem(
                f"T Level programme aim {aim.aim_seq_number} returns {name} = {value}; the planned hours must be "
                "greater than zero",
                f"Set {name} on aim {aim.aim_seq_number} to the planned hours for the whole T Level (technical "
                "qualification, occupational specialism and EEP).",
                aim, line=line, rules=("HRSAmount_01",) if ctx.year.first >= HRS_FROM_YEAR else ("PHours_04",))


@check(code="ILR419", name="tlevel-planned-hours-on-component", topic="tlevel", severity="warning",
       scope=("tlevel",),
       guidance=PLACEMENT)
def planned_hours_on_component(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Planned hours sit on the T Level programme aim; placement hours on the work placement.

    **What.** No T Level aim other than the programme aim returns planned hours (PHours up
    to 2025-26, an HRSCode 2 record from 2026-27).

    **Why.** The planned hours of the T Level are recorded against the programme aim
    (T-levels for the ILR, 'T-level Programme Aim'), and the industry placement's hours against its work
    placement: 'You don't need to record the planned learning hours against the programme
    enrolment' (T-levels for the ILR, 'Industry Placement'). Hours on a component are not used, or double count
    the placement.

    **Fix.** Remove the planned hours from the component aim; put the industry placement's
    hours in WorkPlaceHours and the programme's hours on the programme aim.
    """
    for aim in learner.deliveries:
        if not aim.is_tlevel or aim.is_programme_aim:
            continue
        name, value, line = _planned_hours(aim, ctx)
        if value is None:
            continue
        if _is_placement(aim):
            fix = (f"Remove {name} from industry placement aim {aim.aim_seq_number}; record the placement's hours "
                   "in WorkPlaceHours on its work placement record.")
        else:
            fix = (f"Remove {name} from aim {aim.aim_seq_number}; the T Level's planned hours belong on its "
                   "programme aim (ZPROG001).")
        edits = () if name.startswith("HRS2") else (RemoveField(aim.aim_seq_number, "PHours"),)
        yield Problem(
            f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is a T Level component or core aim but returns "
            f"{name} = {value}",
            fix, aim, line=line, edits=edits, unsafe=True)


@check(code="ILR420", name="tlevel-learner-planned-hours-returned", topic="tlevel", severity="error",
       scope=("tlevel",),
       rules=("R_130",), guidance=PROGRAMME_AIM)
def learner_planned_hours_returned(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A learner whose aims are all T Level aims returns no PlanLearnHours or PlanEEPHours.

    **What.** When every aim is FundModel 25 and ProgType 31, the learner has neither
    PlanLearnHours nor PlanEEPHours (R_130).

    **Why.** A T Level's planned hours are recorded once, on the programme aim ('T-level
    Programme Aim'); the learner-level 16-19 study programme hours would count them a
    second time. The guidance's remark that Learning and EEP hours can be filled in
    'alternatively' is overridden by the funder's rule R_130 for T Level-only learners; a
    learner who also has study programme aims outside the T Level keeps them.

    **Fix.** Remove PlanLearnHours and PlanEEPHours from the learner.
    """
    if not learner.deliveries or not all(d.is_tlevel and d.fund_model == codes.FM_16_19
                                         for d in learner.deliveries):
        return
    returned = [(name, field) for name, field in (("PlanLearnHours", "plan_learn_hours"),
                                                  ("PlanEEPHours", "plan_eep_hours"))
                if getattr(learner, field) is not None]
    if returned:
        names = " and ".join(name for name, _ in returned)
        yield Problem(
            f"every aim of learner {learner.learn_ref_number} is a T Level aim (FundModel 25, ProgType 31) but "
            f"the learner returns {names}",
            f"Remove {names} from the learner; the T Level's planned hours are recorded on its programme aim.",
            learner, line=learner.line_of(returned[0][1]),
            edits=tuple(RemoveField(None, name) for name, _ in returned))


@check(code="ILR421", name="tlevel-source-of-funding", topic="tlevel", scope=("tlevel",), severity="error",
       rules=("LearnDelFAMType_118",), guidance=PSM_TLEVELS)
def tlevel_source_of_funding(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level aim's source of funding is 16-19 (SOF 107).

    **What.** A ProgType 31 aim with a SOF record has LearnDelFAMCode 107
    (LearnDelFAMType_118).

    **Why.** T Level aims are recorded with SOF 107, 16-19 funding (provider support
    manual, 'Recording T Level programmes on the ILR'); the funder rejects another source
    of funding on a ProgType 31 aim.

    **Fix.** Set the SOF record's LearnDelFAMCode to 107.
    """
    for aim in learner.deliveries:
        sof = aim.fam("SOF")
        if aim.is_tlevel and sof is not None and sof.code != str(codes.SOF_16_19):
            yield Problem(
                f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is a T Level aim (ProgType 31) with source of "
                f"funding SOF {sof.code}; T Levels are SOF 107",
                f"Set LearnDelFAMCode 107 on the SOF record of aim {aim.aim_seq_number}.",
                aim, line=sof.line)


# --- T Level foundation year (ProgType 30) -----------------------------------------------------
@check(code="ILR422", name="tlevel-foundation-core-aim-missing", topic="tlevel", severity="error",
       scope=("tlevel",),
       rules=("ProgType_18",), guidance=FOUNDATION)
def foundation_core_aim_missing(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level foundation year has its foundation year core aim (ZTPR...).

    **What.** A learner with ProgType 30 aims has an aim whose LearnAimRef begins ZTPR
    (ProgType_18). When the ZTPR aim exists with the wrong AimType, ILR423 says so instead.

    **Why.** The T Level foundation year (ProgType 30, the ILR specification's 'Code lists'; the T Level
    guidance has no foundation year section) is identified by its own class code as the
    core aim; the funder rejects ProgType 30 without it.

    **Fix.** Add the foundation year's ZTPR class code as AimType 5 (core aim), ProgType 30,
    FundModel 25.
    """
    yield from _missing_aim(
        learner, codes.PROG_TLEVEL_FOUNDATION, _is_foundation_core,
        "T Level foundation year core aim (LearnAimRef ZTPR...)",
        "Add the T Level foundation year core aim: LearnAimRef = its ZTPR class code, AimType 5, ProgType 30, "
        "FundModel 25.")


@check(code="ILR423", name="tlevel-foundation-core-aim-type", topic="tlevel", severity="error",
       rules=("AimType_08", "AimType_09"), guidance=FOUNDATION)
def foundation_core_aim_type(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The T Level foundation year aim (ZTPR...) is the core aim (AimType 5).

    **What.** An aim whose LearnAimRef begins ZTPR has AimType 5 (AimType_08, AimType_09).

    **Why.** The foundation year class code is the core of the foundation year programme
    (ProgType 30, the ILR specification's 'Code lists'; official rules AimType_08/09);
    its other qualifications are its component aims. The funder rejects a ZTPR aim with
    another aim type.

    **Fix.** Set AimType 5 on the ZTPR aim.
    """
    yield from _wrong_aim_type(learner, _is_foundation_core, codes.AIM_CORE,
                               "T Level foundation year core aim", "Core Aim")


@check(code="ILR424", name="tlevel-foundation-core-aim-outside", topic="tlevel", severity="error",
       rules=("ProgType_20",), guidance=FOUNDATION)
def foundation_core_aim_outside(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The T Level foundation year aim (ZTPR...) is part of a ProgType 30 programme.

    **What.** An aim whose LearnAimRef begins ZTPR has ProgType 30 (ProgType_20).

    **Why.** ZTPR class codes exist only for the T Level foundation year (ProgType 30,
    the ILR specification's 'Code lists'); the funder
    rejects one with another or no programme type.

    **Fix.** Set ProgType 30 on the ZTPR aim and record it within the foundation year
    programme (programme aim ZPROG001, ProgType 30).
    """
    yield from _outside_programme(learner, _is_foundation_core, codes.PROG_TLEVEL_FOUNDATION,
                                  "T Level foundation year core aim", "T Level foundation year",
                                  lambda aim: False)
