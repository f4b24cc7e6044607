"""Topic ``programme``: how an apprenticeship programme is put together.

One programme aim (ZPROG001, AimType 1) and its component aims (AimType 3) sharing ProgType
and StdCode (or FworkCode and PwayCode); SOF 105 on funded aims; the agency LDM codes on all
aims or none; no PMR for the provider's own employees; programmes one after another.

Source: Recording apprenticeship programmes and the official
rules ``R_30``, ``R_31``, ``R_66``, ``R_124``, ``LearnAimRef_30``, ``StdCode_01``,
``LearnDelFAMType_09`` (2025-26 list).
"""

from __future__ import annotations

from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import AddFAM, SetField
from ilr_lint.model import Learner, LearningDelivery

GUIDE = "Recording apprenticeship programmes"
AIMS = f"{GUIDE}: 'Recording learning aims for apprenticeship programmes'"
YEARS_WITH_FRAMEWORK_CODES = ("2324", "2425")  # 2025-26 dropped FworkCode and PwayCode (docs/schema.md)
AGENCY_LDM = {"386": "flexi-job apprenticeship agency", "130": "apprenticeship training agency",
              "129": "group training association"}
OWN_EMPLOYEES_LDM = "356"


def _has_full_key(aim: LearningDelivery, ctx: Context) -> bool:
    """Whether the aim records the codes that identify its programme (else ILR205/ILR206 report it)."""
    if aim.is_standard:
        return aim.std_code is not None
    if aim.prog_type in codes.PROG_FRAMEWORKS and ctx.year.code in YEARS_WITH_FRAMEWORK_CODES:
        return aim.fwork_code is not None and aim.pway_code is not None
    return True


def _unmatched_components(learner: Learner, ctx: Context) -> Iterator[tuple[LearningDelivery, tuple[str, ...]]]:
    """Component aims without a programme aim of their own, and the official rules each breaks.

    R_30: no programme aim (AimType 1) with the component's ProgType and StdCode (and, up to
    2024-25, FworkCode and PwayCode); R_66: a funded component (FundModel other than 99) has
    none with its FundModel as well. A component without ProgType, or a standard's without
    StdCode, is left to the checks that report the missing code, and a funded component of an
    open non-funded programme aim to R_56.
    """
    programmes = learner.programme_aims()
    for aim in learner.deliveries:
        if aim.aim_type != codes.AIM_COMPONENT or aim.prog_type is None or not _has_full_key(aim, ctx):
            continue
        same = [p for p in programmes if p.programme_key == aim.programme_key]
        funded = aim.fund_model != codes.FM_NON_FUNDED
        if not same:
            yield aim, ("R_30", "R_66") if funded else ("R_30",)
        elif (funded and all(p.fund_model != aim.fund_model for p in same)
              and learner.open_non_funded_programme_of(aim) is None):  # R_56 reports that case
            yield aim, ("R_66",)


def _key_text(aim: LearningDelivery) -> str:
    if aim.is_standard or aim.std_code is not None:
        return f"ProgType {aim.prog_type}, StdCode {aim.std_code}"
    if aim.fwork_code is None and aim.pway_code is None:
        return f"ProgType {aim.prog_type}"
    return f"ProgType {aim.prog_type}, FworkCode {aim.fwork_code}, PwayCode {aim.pway_code}"


@check(code="ILR200", name="programme-aim-missing", topic="programme", severity="error",
       rules=("R_30", "R_66"), guidance=f"{AIMS}; {GUIDE}: 'Guidance for completing important Learning Delivery fields'")
def programme_aim_missing(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A component aim belongs to a recorded programme aim with the same codes.

    **What.** A component aim (AimType 3) has a programme aim (AimType 1) with the same
    ProgType and StdCode (up to 2024-25 also FworkCode and PwayCode), R_30; a funded component
    (FundModel other than 99) one with the same FundModel too, R_66. When an apprenticeship
    programme aim with other codes is in learning on the component's start date, the message
    names it: the component sits in that programme with the wrong codes.

    **Why.** 'All apprenticeship programmes must be recorded with one programme aim and at
    least one component learning aim' (guidance, 'Recording learning aims for apprenticeship
    programmes'); 'all learning aims in the programme must have the same programme type' and
    standard code ('Guidance for completing important Learning Delivery fields'). The funder
    rejects a component without its programme aim (R_30, R_66).

    **Fix.** Add the programme aim (LearnAimRef ZPROG001, AimType 1, the same ProgType, StdCode
    and FundModel, the programme's dates and funding records), or set the component's codes
    to those of the programme it belongs to.
    """
    for aim, broken in _unmatched_components(learner, ctx):
        running = [p for p in learner.apprenticeship_programme_aims() if p.in_learning_on(aim.learn_start_date)]
        if broken == ("R_66",):
            message = (f"funded component aim {aim.aim_seq_number} (FundModel {aim.fund_model}) has no programme aim "
                       f"with the same FundModel, ProgType and standard")
            fix = f"Set the FundModel of the programme aim on component aim {aim.aim_seq_number}, or correct theirs."
        elif running and running[-1].programme_key != aim.programme_key:
            message = (f"component aim {aim.aim_seq_number} has {_key_text(aim)} but programme aim "
                       f"{running[-1].aim_seq_number}, in learning when it started, has {_key_text(running[-1])}")
            fix = (f"Set {_key_text(running[-1])} on component aim {aim.aim_seq_number} (all aims of one programme "
                   "share these codes), or add the programme aim it belongs to.")
        else:
            message = (f"component aim {aim.aim_seq_number} ({_key_text(aim)}) has no programme aim (ZPROG001, "
                       "AimType 1) with the same ProgType and standard")
            fix = (f"Add the programme aim: LearnAimRef ZPROG001, AimType 1, {_key_text(aim)}, with the programme's "
                   "start date, planned end date and funding records.")
        yield Problem(message, fix, aim, line=aim.line_of("fund_model" if broken == ("R_66",) else "prog_type"),
                      rules=broken)


@check(code="ILR201", name="programme-needs-component", topic="programme", severity="error",
       scope=("apprenticeship",),
       rules=("R_31",), guidance=AIMS)
def programme_needs_component(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An open apprenticeship programme aim has at least one component aim.

    **What.** Every apprenticeship programme aim without a LearnActEndDate has a component
    aim (AimType 3) with the same ProgType and StdCode (or FworkCode and PwayCode) started
    with or after it. A programme restarted after a break needs new component aims of its own.

    **Why.** 'All apprenticeship programmes must be recorded with one programme aim and at
    least one component learning aim'; for a standard with no regulated qualification a
    non-regulated Category E aim is recorded (guidance, 'Recording learning aims for
    apprenticeship programmes'). Official rule R_31.

    **Fix.** Record the component aims (AimType 3) with the programme's ProgType and StdCode,
    or a non-regulated learning aim from Category E of the Learning Aim Class Codes.
    """
    for programme in learner.apprenticeship_programme_aims():
        if programme.learn_act_end_date is None and not learner.components_of(programme):
            yield Problem(
                f"programme aim {programme.aim_seq_number} ({_key_text(programme)}) is open but has no component aim "
                "(AimType 3) with the same ProgType and standard",
                f"Add the component learning aims (AimType 3, {_key_text(programme)}); if no regulated qualification "
                "is taken, record a non-regulated aim from Category E of the Learning Aim Class Codes.",
                programme)


@check(code="ILR202", name="programme-aim-not-zprog001", topic="programme", severity="error",
       scope=("apprenticeship",),
       guidance=f"{GUIDE}: 'Guidance for completing important Learning Delivery fields'")
def programme_aim_not_zprog001(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship programme aim uses LearnAimRef ZPROG001.

    **What.** An aim with AimType 1 and an apprenticeship ProgType has LearnAimRef ZPROG001.

    **Why.** 'For the programme aim, the code ZPROG001 must be used' (guidance, 'Guidance for
    completing important Learning Delivery fields recorded for apprenticeship aims').

    **Fix.** Set LearnAimRef to ZPROG001 on the programme aim; if the aim is a qualification
    within the programme, record it as a component aim (AimType 3) instead.
    """
    for aim in learner.deliveries:
        if aim.is_programme_aim and aim.is_apprenticeship and aim.learn_aim_ref.upper() != codes.PROGRAMME_AIM_REF:
            yield Problem(
                f"programme aim {aim.aim_seq_number} (AimType 1) has LearnAimRef {aim.learn_aim_ref}, not ZPROG001",
                "Set LearnAimRef ZPROG001 on the programme aim, or record this qualification as a component aim "
                "(AimType 3) beside a ZPROG001 programme aim.",
                aim, line=aim.line_of("learn_aim_ref"))


@check(code="ILR203", name="zprog001-only-on-programme-aim", topic="programme", severity="error",
       rules=("LearnAimRef_30",), guidance=f"{AIMS}; T Levels for the ILR: 'T-level Programme Aim'")
def zprog001_only_on_programme_aim(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """ZPROG001 is recorded only with AimType 1.

    **What.** No aim with LearnAimRef ZPROG001 has an AimType other than 1, in any programme.

    **Why.** ZPROG001 describes the overall programme; 'the programme aim is recorded with Aim
    type code 1' and components with 3 (guidance, 'Recording learning aims for apprenticeship
    programmes'); a T Level's programme aim has the Programme Classification 'Programme Aim'
    (T Levels for the ILR, 'T-level Programme Aim'). The funder rejects any other combination
    (LearnAimRef_30).

    **Fix.** Set AimType 1 on the ZPROG001 aim (the correction does so: safely in a T Level or
    T Level foundation year, where ZPROG001 is always the programme aim; elsewhere marked
    unsafe), or give a component aim its own LARS learning aim reference.
    """
    for aim in learner.deliveries:
        if aim.learn_aim_ref.upper() == codes.PROGRAMME_AIM_REF and not aim.is_programme_aim:
            yield Problem(
                f"aim {aim.aim_seq_number} has LearnAimRef ZPROG001 with AimType {aim.aim_type}; ZPROG001 is only "
                "used for the programme aim (AimType 1)",
                "Set AimType 1 on this ZPROG001 aim, or give the component aim (AimType 3) its LARS learning aim "
                "reference.",
                aim, line=aim.line_of("aim_type"), edits=(SetField(aim.aim_seq_number, "AimType", "1"),),
                unsafe=aim.prog_type not in (codes.PROG_TLEVEL_FOUNDATION, codes.PROG_TLEVEL))


@check(code="ILR205", name="standard-needs-std-code", topic="programme", severity="error",
       scope=("apprenticeship",),
       rules=("StdCode_01",), guidance=f"{GUIDE}: 'Recording apprenticeship standards'")
def standard_needs_std_code(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Every aim of an apprenticeship standard (ProgType 25) has a StdCode.

    **What.** Aims with ProgType 25 record the Apprenticeship standard code.

    **Why.** 'You must complete the Apprenticeship standard code field with the code for the
    standard from the LARS database' (guidance, 'Recording apprenticeship standards');
    StdCode_01.

    **Fix.** Record StdCode, the LARS code of the standard, on the aim (the same on every aim
    of the programme).
    """
    for aim in learner.deliveries:
        if aim.is_standard and aim.std_code is None:
            yield Problem(
                f"aim {aim.aim_seq_number} is an apprenticeship standard (ProgType 25) but has no StdCode",
                "Record StdCode with the standard's LARS code, the same as on the other aims of the programme.",
                aim, line=aim.line_of("prog_type"))


@check(code="ILR206", name="framework-needs-codes", topic="programme", scope=("apprenticeship",), severity="error",
       rules=("FworkCode_01", "PwayCode_03"), years=YEARS_WITH_FRAMEWORK_CODES,
       guidance=f"{GUIDE}: 'Transfers to a different apprenticeship with the same provider'")
def framework_needs_codes(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Every aim of an apprenticeship framework has a FworkCode and a PwayCode (up to 2024-25).

    **What.** Aims with a framework ProgType (2, 3, 20-23) record FworkCode and PwayCode in
    the years that have these fields (2023-24 and 2024-25; the 2025-26 schema dropped them).

    **Why.** The framework and pathway identify which programme a component belongs to: on a
    transfer 'the Framework code and Apprenticeship pathway fields should be amended to the
    new framework/pathway' (guidance). FworkCode_01 and PwayCode_03 required them (both are
    marked deleted in the 2025-26 rule list, as frameworks are closing).

    **Fix.** Record FworkCode and PwayCode of the framework on the aim, the same on every aim
    of the programme.
    """
    for aim in learner.deliveries:
        if aim.prog_type in codes.PROG_FRAMEWORKS and (aim.fwork_code is None or aim.pway_code is None):
            missing = " and ".join(n for n, v in (("FworkCode", aim.fwork_code), ("PwayCode", aim.pway_code))
                                   if v is None)
            yield Problem(
                f"aim {aim.aim_seq_number} is an apprenticeship framework (ProgType {aim.prog_type}) but has no {missing}",
                f"Record {missing} of the framework on the aim, the same as on the other aims of the programme.",
                aim, line=aim.line_of("prog_type"))


@check(code="ILR207", name="apprenticeship-needs-sof-105", topic="programme", severity="error",
       scope=("fm36", "apprenticeship"),
       rules=("LearnDelFAMType_09",),
       guidance=f"{GUIDE}: 'Additional guidance for apprenticeship standards recorded on Funding model 36'")
def apprenticeship_needs_sof_105(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Funded apprenticeship aims carry source of funding SOF 105.

    **What.** Every FM36 aim, and every FM35 or FM81 aim with an apprenticeship ProgType, has
    a LearningDeliveryFAM SOF 105.

    **Why.** 'Source of funding (SOF) 105 must be recorded in the Learning Delivery FAM fields
    on all funded aims for these apprenticeships' (guidance, 'Additional guidance for
    apprenticeship standards recorded on Funding model 36', and the FM35 and FM81 sections);
    LearnDelFAMType_09; an aim with no SOF at all also breaks LearnDelFAMType_01, whose check
    leaves funded apprenticeships to this one, which knows the code and fixes it.

    **Fix.** Record LearnDelFAMType SOF with LearnDelFAMCode 105 on the aim.
    """
    for aim in learner.deliveries:
        if not aim.is_funded_apprenticeship or aim.has_fam("SOF", 105):
            continue
        sof = aim.fam("SOF")
        if sof is None:
            yield Problem(f"funded apprenticeship aim {aim.aim_seq_number} (FundModel {aim.fund_model}) has no SOF",
                          "Add LearningDeliveryFAM SOF 105.", aim, edits=(AddFAM(aim.aim_seq_number, "SOF", "105"),),
                          rules=("LearnDelFAMType_01",))
        else:
            yield Problem(f"funded apprenticeship aim {aim.aim_seq_number} (FundModel {aim.fund_model}) has SOF "
                          f"{sof.code}, not 105", "Set LearnDelFAMCode 105 on the SOF record: funded apprenticeships are "
                          "funded from the funder's adult budget.", aim, line=sof.line)


@check(code="ILR208", name="agency-ldm-on-all-aims", topic="programme", severity="error",
       scope=("apprenticeship",),
       guidance=f"{GUIDE}: 'Flexi-Job Apprenticeship Agencies (FJAAs)' and 'Apprenticeship training agencies (ATAs)'")
def agency_ldm_on_all_aims(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """LDM 386, 130 and 129 are on every aim of the programme or on none.

    **What.** When one aim of an apprenticeship programme records LDM 386 (flexi-job
    apprenticeship agency), LDM 130 (apprenticeship training agency) or LDM 129 (group
    training association), the programme aim and all its component aims record it too.

    **Why.** Record the code 'against all aims delivered as part of the apprenticeship ...
    This applies to the programme aim and all component aims' (guidance, 'Flexi-Job
    Apprenticeship Agencies (FJAAs)', which GTAs follow with LDM129, and 'Apprenticeship
    training agencies (ATAs)'). These apprentices are monitored and reported to ministers.

    **Fix.** Add the LDM code to the aims that lack it, or remove it from all aims if the
    apprentice is not employed by such an agency.
    """
    for programme in learner.apprenticeship_programme_aims():
        aims = learner.programme_of(programme)
        for ldm, meaning in AGENCY_LDM.items():
            holders = [a.aim_seq_number for a in aims if a.has_fam("LDM", ldm)]
            if not holders or len(holders) == len(aims):
                continue
            shown = ", ".join(map(str, holders))
            for aim in aims:
                if aim.aim_seq_number not in holders:
                    yield Problem(
                        f"aim {aim.aim_seq_number} lacks LDM {ldm} ({meaning}) that aim(s) {shown} of the same "
                        f"programme record",
                        f"Add LearningDeliveryFAM LDM {ldm} to every aim of the programme (programme aim and all "
                        f"components), or remove it from aim(s) {shown} if the employer is not a {meaning}.",
                        aim, edits=(AddFAM(aim.aim_seq_number, "LDM", ldm),), unsafe=True)


@check(code="ILR209", name="own-employees-no-pmr", topic="programme", severity="warning",
       scope=("apprenticeship",),
       guidance=f"{GUIDE}: 'Funding model 36: recording financial data'")
def own_employees_no_pmr(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship for the provider's own employees (LDM 356) has no PMR records.

    **What.** A programme aim recording LDM 356 has no AppFinRecord of type PMR.

    **Why.** 'If you are a provider delivering an apprenticeship to your own employees, then
    you do not need to record co-investment payments on the ILR' (guidance, 'Funding model
    36: recording financial data'): the provider is the employer, so there is no employer
    payment to record. A warning: the guidance says "need not", and the PMR may instead mean
    that LDM 356 is wrong.

    **Fix.** Remove the PMR records, or remove LDM 356 if the apprentice is employed by
    another employer.
    """
    for programme in learner.apprenticeship_programme_aims():
        payments = programme.fin_records("PMR")
        if programme.has_fam("LDM", OWN_EMPLOYEES_LDM) and payments:
            yield Problem(
                f"programme aim {programme.aim_seq_number} records LDM 356 (own employees) and {len(payments)} PMR "
                "record(s)",
                "Remove the PMR (employer payment) records: a provider training its own employees records no "
                "co-investment; or remove LDM 356 if another employer employs the apprentice.",
                programme, line=payments[0].line)


@check(code="ILR210", name="programme-overlaps-previous", topic="programme", severity="error",
       scope=("apprenticeship",),
       rules=("R_124",), guidance=f"{GUIDE}: 'Progression from one apprenticeship framework level to another'")
def programme_overlaps_previous(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A new apprenticeship programme starts after the previous one's LearnActEndDate.

    **What.** Of two apprenticeship programme aims, the later-started one starts after the
    earlier one's LearnActEndDate (the day after at the earliest); the earlier one is not
    still open.

    **Why.** 'The Learning start date for the new programme aim must not overlap with the
    Learning actual end date for the completed programme aim' (guidance, 'Progression from one
    apprenticeship framework level to another'); 'the Learning start date is recorded as a day
    after the close of the previous closed programme' (learner changes guidance, 'Learners whose
    Apprenticeship standard have been identified as incorrect after hard close'). The funder's R_124 counts a start on the end date itself as an
    overlap.

    **Fix.** Close the previous programme aim (CompStatus, LearnActEndDate, WithdrawReason or
    Outcome as applies) before the new programme's LearnStartDate, or start the new programme
    the day after the previous one's LearnActEndDate.
    """
    programmes = learner.apprenticeship_programme_aims()
    for index, later in enumerate(programmes):
        for earlier in programmes[:index]:
            end = earlier.learn_act_end_date
            if end is None or later.learn_start_date <= end:
                state = "is still open" if end is None else f"ends on {end}"
                yield Problem(
                    f"programme aim {later.aim_seq_number} starts on {later.learn_start_date} but the previous "
                    f"programme aim {earlier.aim_seq_number} (started {earlier.learn_start_date}) {state}",
                    f"Close programme aim {earlier.aim_seq_number} with a LearnActEndDate before "
                    f"{later.learn_start_date}, or start programme aim {later.aim_seq_number} the day after the "
                    "previous programme's LearnActEndDate.",
                    later, line=later.line_of("learn_start_date"))
                break


@check(code="ILR211", name="new-programme-before-ach-date", topic="programme", severity="error",
       scope=("apprenticeship",),
       guidance=f"{GUIDE}: 'Recording apprenticeship standards'")
def new_programme_before_ach_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """After a completed standard, the next apprenticeship starts once its AchDate is returned.

    **What.** When a standard's programme aim is completed (CompStatus 2) and a later
    apprenticeship programme aim starts (after its LearnActEndDate), the completed aim has an
    AchDate and the new programme starts after it (R_124 takes the AchDate as the end of a
    completed standard).

    **Why.** 'Where one apprenticeship standard has been completed and the learner is
    progressing to another apprenticeship programme, they cannot start the new apprenticeship
    until the achievement date has been returned' (guidance, 'Recording apprenticeship
    standards'). A start on or before LearnActEndDate is ILR210.

    **Fix.** Record the AchDate (end of the end-point assessment) on the completed programme
    aim, and start the new programme after it.
    """
    programmes = learner.apprenticeship_programme_aims()
    for index, later in enumerate(programmes):
        for earlier in programmes[:index]:
            end = earlier.learn_act_end_date
            if not (earlier.is_standard and earlier.comp_status == codes.COMPLETED and end is not None
                    and later.learn_start_date > end):
                continue
            if earlier.ach_date is None:
                problem = f"the completed standard's programme aim {earlier.aim_seq_number} has no AchDate"
            elif later.learn_start_date < earlier.ach_date:
                problem = f"that is before the AchDate {earlier.ach_date} of completed standard aim {earlier.aim_seq_number}"
            else:
                continue
            yield Problem(
                f"programme aim {later.aim_seq_number} starts on {later.learn_start_date}; {problem}",
                f"Return the AchDate on programme aim {earlier.aim_seq_number} and start programme aim "
                f"{later.aim_seq_number} after it.",
                later, line=later.line_of("learn_start_date"))
            break
