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

from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import SetField
from ilr_lint.model import Learner

from .tlevel_aims import (PROGRAMME_AIM, PSM_TLEVELS, QUALIFICATION, SPECIALISM, T_LEVEL_PROG_TYPES, is_foundation_core,
                          is_placement, is_programme_ref, is_qualification, is_specialism, missing_aim,
                          outside_programme, tlevel_exempt, wrong_aim_type)


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
        if aim.is_programme_aim and aim.prog_type in T_LEVEL_PROG_TYPES and not is_programme_ref(aim):
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
        placement = is_placement(aim) and aim.fund_model != codes.FM_NON_FUNDED
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
    present = is_qualification if lars is None else (
        lambda aim: aim.aim_type == codes.AIM_CORE and lars.is_technical_qualification(aim.learn_aim_ref))
    yield from missing_aim(
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
        if is_qualification(aim) and aim.aim_type != codes.AIM_CORE:
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
    special = (is_specialism, is_placement, is_programme_ref, is_foundation_core)
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
    yield from missing_aim(
        learner, codes.PROG_TLEVEL, is_specialism, "occupational specialism aim (LearnAimRef ZTLOS...)",
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
    yield from wrong_aim_type(
        learner, lambda a: is_specialism(a) and a.is_tlevel, codes.AIM_COMPONENT,
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
    yield from outside_programme(learner, is_specialism, codes.PROG_TLEVEL, "occupational specialism",
                                  "T Level", tlevel_exempt)
