"""Topic ``tlevel``: a T Level programme's planned hours and source of funding, and the T Level foundation year
(ProgType 30).

Source: T-levels for the ILR, the ILR specification's code lists and the official rules named in each check; see
docs/checks/tlevel.md. What each T Level aim is: :mod:`ilr_lint.checks.tlevel_aims`.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import RemoveField
from ilr_lint.model import Learner

from .tlevel_aims import (HRS_FROM_YEAR, PLACEMENT, PROGRAMME_AIM, PSM_TLEVELS, is_foundation_core, is_placement,
                          missing_aim, outside_programme, planned_hours, tlevel_programme_aims, wrong_aim_type)

FOUNDATION = "ILR specification: 'Code lists' (ProgType 30 T Level foundation year) and the 2025-26 validation rules"
PHOURS_REQUIRED_FROM = date(2020, 8, 1)  # PHours_03: T Level programme aims starting on or after


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
        else tlevel_programme_aims(learner)
    for aim in aims:
        name, value, _ = planned_hours(aim, ctx)
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
    for aim in tlevel_programme_aims(learner):
        name, value, line = planned_hours(aim, ctx)
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
        name, value, line = planned_hours(aim, ctx)
        if value is None:
            continue
        if is_placement(aim):
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
    yield from missing_aim(
        learner, codes.PROG_TLEVEL_FOUNDATION, is_foundation_core,
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
    yield from wrong_aim_type(learner, is_foundation_core, codes.AIM_CORE,
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
    yield from outside_programme(learner, is_foundation_core, codes.PROG_TLEVEL_FOUNDATION,
                                  "T Level foundation year core aim", "T Level foundation year",
                                  lambda aim: False)
