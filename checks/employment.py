"""Topic ``employment``: apprentices' employment status records, EmpId and OET 3.

Source: Recording apprenticeship programmes ('Recording
employment status for apprenticeships', 'Change of employer and using OET 3', 'Apprentice
changes employer during the apprenticeship', 'Apprentice is made redundant (redundancy)') and
the official rules ``EmpStat_*``, ``EmpId_*``, ``ESMType_*``, ``R_97``, ``R_110``.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.model import Learner, LearnerEmploymentStatus

APPS = "Recording apprenticeship programmes"
EMPLOYMENT = f"{APPS}: 'Recording employment status for apprenticeships'"
OET3 = f"{APPS}: 'Change of employer and using OET 3'"
REDUNDANCY = f"{APPS}: 'Apprentice is made redundant (redundancy)'"
# Learning Delivery Monitoring codes that the official EmpStat_12 and EmpStat_15 exempt.
STATUS_ON_START_EXEMPT_LDM = ("353", "355")
EMPID_UNKNOWN_DAYS = 60  # default of the option ``empid-unknown-days``


def is_apprentice(learner: Learner) -> bool:
    return any(d.is_apprenticeship for d in learner.deliveries)


EMPSTAT_09_FROM = date(2014, 8, 1)  # EmpStat_09: apprenticeship programmes started from 1 August 2014


def may_hide_employer_change(learner: Learner, repeated: LearnerEmploymentStatus) -> bool:
    """ILR294's case of a repeated record (R_97): an apprentice employed by an employer without an
    Employer Data Service number (EmpId 999999999) from 1 August 2022, where OET 3 may be missing."""
    return (repeated.date_emp_stat_app >= codes.OET3_FROM and repeated.emp_stat == codes.EMPLOYED
            and repeated.has_unknown_employer and is_apprentice(learner))


def status_name(record: LearnerEmploymentStatus) -> str:
    return f"EmpStat {record.emp_stat} dated {record.date_emp_stat_app.isoformat()}"


@check(code="ILR290", name="apprentice-status-on-start", topic="employment", severity="error",
       scope=("apprenticeship",),
       rules=("EmpStat_02",), guidance=EMPLOYMENT)
def apprentice_status_on_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprentice has an employment status record that applies on the programme's first day.

    **What.** For each apprenticeship programme aim some LearnerEmploymentStatus has a
    DateEmpStatApp on or before the aim's LearnStartDate (the latest such record applies).
    The official EmpStat_02 asks this of programmes started before August 2014; the guidance
    asks it of all.

    **Why.** The guidance ('Recording employment status for apprenticeships') says all
    apprentices must have an employment status record that applies on the first day of their
    programme; it is used to check eligibility for funding.

    **Fix.** Add an employment status record dated the programme's LearnStartDate (EmpStat 10
    with the employer's EmpId), and one dated before it for the status before the programme.
    """
    for aim in learner.apprenticeship_programme_aims():
        if learner.employment_status_on(aim.learn_start_date) is None:
            yield Problem(
                f"no employment status record applies on {aim.learn_start_date.isoformat()}, the start of "
                f"programme aim {aim.aim_seq_number}",
                f"Add a LearnerEmploymentStatus dated {aim.learn_start_date.isoformat()} with EmpStat 10 and the "
                "employer's EmpId, and one dated before the start for the apprentice's status before the programme.",
                aim, line=aim.line_of("learn_start_date"),
                rules=("EmpStat_02", "EmpStat_09") if aim.learn_start_date >= EMPSTAT_09_FROM else ())


@check(code="ILR291", name="apprentice-employed-on-start", topic="employment", severity="error",
       scope=("apprenticeship",),
       rules=("EmpStat_12", "EmpStat_15"), guidance=EMPLOYMENT)
def apprentice_employed_on_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The employment status that applies on an apprenticeship's first day is 'in paid employment'.

    **What.** The latest employment status record dated on or before an apprenticeship
    programme aim's LearnStartDate has EmpStat 10. Aims with LDM 353 or 355 are exempt, as in
    the official rules.

    **Why.** The guidance ('Recording employment status for apprenticeships') says all
    apprentices must have an employment status record that applies on the first day of their
    programme with EmpStat 10; if the apprentice was unemployed before, a new record dated the
    first day is added (EmpStat_12 warns on any other status, EmpStat_15 rejects 98).

    **Fix.** Add an employment status record dated the LearnStartDate with EmpStat 10 and the
    employer's EmpId, keeping the earlier record for the status before the programme.
    """
    for aim in learner.apprenticeship_programme_aims():
        status = learner.employment_status_on(aim.learn_start_date)
        exempt = any(aim.has_fam("LDM", code) for code in STATUS_ON_START_EXEMPT_LDM)
        if status is not None and status.emp_stat != codes.EMPLOYED and not exempt:
            yield Problem(
                f"the employment status on {aim.learn_start_date.isoformat()}, the start of programme aim "
                f"{aim.aim_seq_number}, is {status_name(status)}, not 10 (in paid employment)",
                f"Add a LearnerEmploymentStatus dated {aim.learn_start_date.isoformat()} with EmpStat 10 and the "
                "employer's EmpId; keep the earlier record for the status before the programme.",
                aim, line=status.line)


@check(code="ILR292", name="apprentice-employer-on-start", topic="employment", severity="error",
       scope=("apprenticeship",),
       rules=("EmpId_10",), guidance=EMPLOYMENT)
def apprentice_employer_on_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The employment status on an apprenticeship's first day names the employer (EmpId).

    **What.** When the record that applies on an apprenticeship programme aim's LearnStartDate
    has EmpStat 10, it has an EmpId.

    **Why.** The guidance's examples ('Recording employment status for apprenticeships') record
    the apprenticeship employer's identifier on the record dated the first day; the funder
    rejects a programme without it (EmpId_10).

    **Fix.** Record the employer's Employer Data Service number in EmpId (999999999 only while
    the employer has no number).
    """
    for aim in learner.apprenticeship_programme_aims():
        status = learner.employment_status_on(aim.learn_start_date)
        if status is not None and status.emp_stat == codes.EMPLOYED and status.emp_id is None:
            yield Problem(
                f"the employment status on {aim.learn_start_date.isoformat()}, the start of programme aim "
                f"{aim.aim_seq_number}, is in paid employment but has no EmpId",
                "Record the apprenticeship employer's Employer Data Service number in EmpId on this record "
                "(999999999 only while the employer has no number).",
                aim, line=status.line)


@check(code="ILR293", name="apprentice-status-before-start", topic="employment", severity="error",
       scope=("apprenticeship",),
       rules=("EmpStat_09",), guidance=EMPLOYMENT)
def apprentice_status_before_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprentice has an employment status record dated before the programme starts.

    **What.** When a record applies on an apprenticeship programme aim's LearnStartDate, some
    record is also dated before that day. (With none on or before the start, ILR290 reports,
    naming EmpStat_09 too for programmes started from 1 August 2014.) The official EmpStat_09
    asks this of apprenticeship programme aims started from 1 August 2014 (its detailed text
    repeats EmpStat_08's by mistake; its description and the funder's validator say so).

    **Why.** The guidance ('Recording employment status for apprenticeships') says that for all
    apprentices you must return a record of their employment status prior to the start of the
    programme, as well as the one that applies on its first day.

    **Fix.** Add a LearnerEmploymentStatus dated before the LearnStartDate with the status the
    apprentice had then (for example EmpStat 11 if unemployed, or 10 with a previous employer).
    """
    for aim in learner.apprenticeship_programme_aims():
        on_start = learner.employment_status_on(aim.learn_start_date)
        if on_start is not None and on_start.date_emp_stat_app == aim.learn_start_date and not any(
                e.date_emp_stat_app < aim.learn_start_date for e in learner.employment_statuses):
            yield Problem(
                f"no employment status record is dated before {aim.learn_start_date.isoformat()}, the start of "
                f"programme aim {aim.aim_seq_number}",
                "Add a LearnerEmploymentStatus dated before the LearnStartDate with the apprentice's status before "
                "the programme (for example EmpStat 11 if unemployed, or EmpStat 10 with the previous employer).",
                aim, line=on_start.line)


@check(code="ILR294", name="possible-unrecorded-employer-change", topic="employment", severity="warning",
       scope=("apprenticeship",),
       guidance=OET3)
def possible_unrecorded_employer_change(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Two identical consecutive records with EmpId 999999999 may hide a change of employer.

    **What.** From 1 August 2022, an apprentice's employment status record with EmpStat 10 and
    EmpId 999999999 that follows one with exactly the same EmpStat, EmpId, AgreeId and
    monitoring is reported.

    **Why.** A new record during the programme is added when something changes ('Recording
    employment status for apprenticeships'); when both the old and the new employer have no
    Employer Data Service number the EmpIds cannot show the change, so OET 3 records it ('Change
    of employer and using OET 3'). Identical consecutive records draw the official warning R_97;
    the R_97 check leaves these to this one, whose finding names R_97.

    **Fix.** If the employer changed, add OET 3 to the later record (and record the residual
    price and any ACT change); if nothing changed, remove the repeated record.
    """
    for before, after in learner.repeated_employment_statuses():
        if may_hide_employer_change(learner, after):
            yield Problem(
                f"the employment status dated {after.date_emp_stat_app.isoformat()} repeats the one dated "
                f"{before.date_emp_stat_app.isoformat()} (EmpStat 10, EmpId 999999999, same monitoring)",
                "If the apprentice changed employer, add ESMType OET with ESMCode 3 to the later record (and record "
                "the residual price TNP 3 and any ACT change); if nothing changed, remove the repeated record.",
                after, rules=("R_97",))


@check(code="ILR295", name="oet3-with-real-employer", topic="employment", severity="error",
       guidance=OET3)
def oet3_with_real_employer(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """OET 3 is used only where both the previous and the new EmpId are 999999999.

    **What.** A record with OET 3 (from 1 August 2022) has EmpId 999999999, and so has the
    previous record that names an employer.

    **Why.** The guidance ('Change of employer and using OET 3') introduces OET 3 for a change of
    employer where both employer identifiers are 999999999 because neither employer has a
    number on the Employer Data Service; where either has a real number the EmpIds already
    show the change.

    **Fix.** Remove OET 3 from this record: the change of employer is shown by the different
    EmpIds.
    """
    for record in learner.employment_statuses_by_date():
        if not record.records_change_of_employer:
            continue
        previous = learner.previous_employer_record(record)
        real = [r for r in (previous, record) if r is not None and r.has_real_employer]
        if real:
            named = ", ".join(f"EmpId {r.emp_id} on the record dated {r.date_emp_stat_app.isoformat()}" for r in real)
            yield Problem(
                f"the employment status dated {record.date_emp_stat_app.isoformat()} has OET 3, but {named} is a "
                "real employer number",
                "Remove ESMType OET code 3 from this record: the different EmpIds already show the change of "
                "employer.",
                record)


@check(code="ILR296", name="oet3-before-august-2022", topic="employment", severity="error",
       guidance=OET3)
def oet3_before_august_2022(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """OET 3 is not used on a record dated before 1 August 2022.

    **What.** No employment status record dated before 1 August 2022 carries OET 3.

    **Why.** The guidance ('Change of employer and using OET 3') introduced the code from
    1 August 2022; a record dated earlier cannot use it. No official rule checks the date
    (ESMType_01 checks only that the type and code exist).

    **Fix.** Remove OET 3 from the record, or correct DateEmpStatApp if the change of employer
    happened on or after 1 August 2022.
    """
    for record in learner.employment_statuses_by_date():
        if (record.date_emp_stat_app < codes.OET3_FROM
                and record.has_esm(codes.ESM_OTHER_EMPLOYMENT, codes.OET_CHANGE_OF_EMPLOYER)):
            yield Problem(
                f"the employment status dated {record.date_emp_stat_app.isoformat()} has OET 3, which is valid only "
                "from 1 August 2022",
                "Remove ESMType OET code 3 from this record, or correct DateEmpStatApp if the change of employer "
                "happened on or after 1 August 2022.",
                record)


@check(code="ILR297", name="employer-id-still-unknown", topic="employment", severity="info",
       guidance=f"{EMPLOYMENT}; {OET3}")
def employer_id_still_unknown(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A reminder: a continuing apprentice's EmpId is still 999999999 after 60 days.

    **What.** An employment status record with EmpId 999999999 that applies during an
    apprenticeship programme still continuing, when more than ``empid-unknown-days`` (option,
    default 60) days have passed from the programme's start, or the record's date if later,
    to the reference date (``--today``, else the file preparation date). Not reported: closed
    programmes (nothing more can be recorded for them), and a change of employer recorded
    with OET 3, which the guidance uses exactly when neither employer has a number, for the
    new employer's record and the previous one. An info note: no current validation rule
    asks for this (the funder retired the warning that did, EmpId_13).

    **Why.** EmpId 999999999 means the employer has no Employer Data Service number yet; the
    guidance ('Recording employment status for apprenticeships') asks for the apprenticeship
    employer's identifier, which may have become known since.

    **Fix.** Record the employer's Employer Data Service number in EmpId once it has one; keep
    999999999 if the employer genuinely has none.
    """
    limit = int(ctx.option("empid-unknown-days", EMPID_UNKNOWN_DAYS))
    no_numbers = _changes_without_numbers(learner)
    reported: set[int] = set()
    for aim in learner.apprenticeship_programme_aims():
        if aim.is_closed:
            continue
        for record in learner.employment_statuses_during(aim.learn_start_date, aim.closing_date):
            applies_from = max(record.date_emp_stat_app, aim.learn_start_date)
            if (record.has_unknown_employer and (ctx.today - applies_from).days > limit
                    and id(record) not in reported | no_numbers):
                reported.add(id(record))
                yield Problem(
                    f"the employment status dated {record.date_emp_stat_app.isoformat()} for programme aim "
                    f"{aim.aim_seq_number} still has EmpId 999999999, {(ctx.today - applies_from).days} days after "
                    f"{applies_from.isoformat()} (more than {limit})",
                    "Record the employer's Employer Data Service number in EmpId once it has one; keep 999999999 "
                    "if the employer genuinely has none.",
                    aim, line=record.line)


def _changes_without_numbers(learner: Learner) -> set[int]:
    """The records (by id) of each change between two employers without numbers, recorded with
    OET 3: the OET 3 record and the previous employer's, both EmpId 999999999."""
    found: set[int] = set()
    for record in learner.employment_statuses:
        previous = learner.previous_employer_record(record) if record.records_change_of_employer else None
        if previous is not None and record.has_unknown_employer and previous.has_unknown_employer:
            found.update((id(record), id(previous)))
    return found


@check(code="ILR298", name="small-employer-while-not-employed", topic="employment", severity="error",
       scope=("apprenticeship",),
       rules=("ESMType_16",), guidance=EMPLOYMENT)
def small_employer_while_not_employed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The small employer indicator (SEM 1) is not used while the apprentice is not employed.

    **What.** No apprentice's employment status record with EmpStat 11 or 12 carries SEM 1.

    **Why.** The guidance ('Recording employment status for apprenticeships') uses SEM 1 to
    identify small employers; a learner who is not in paid employment has no employer
    (ESMType_16).

    **Fix.** Remove SEM 1 from this record, or correct EmpStat to 10 if the apprentice was
    employed by a small employer.
    """
    if not is_apprentice(learner):
        return
    for record in learner.employment_statuses_by_date():
        if record.emp_stat in codes.NOT_EMPLOYED and record.has_esm(codes.ESM_SMALL_EMPLOYER, 1):
            yield Problem(
                f"the employment status dated {record.date_emp_stat_app.isoformat()} is EmpStat {record.emp_stat} "
                "(not in paid employment) but has SEM 1 (small employer)",
                "Remove ESMType SEM from this record, or correct EmpStat to 10 if the apprentice was employed by a "
                "small employer.",
                record)


@check(code="ILR299", name="employer-contract-while-not-employed", topic="employment", severity="warning",
       rules=("R_110",), guidance=REDUNDANCY)
def employer_contract_while_not_employed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An ACT 1 period (contract with the employer) does not cover a time of unemployment.

    **What.** For each ACT 1 record on a funding model 36 programme aim, the employment status
    records that apply from its DateFrom to its DateTo (or the aim's end, or open) have EmpStat
    10, unless the apprentice is redundant: an EmpStat 11 or 12 record with OET 1, or following
    one in the same spell out of work, is accepted (the guidance keeps such an ACT open while the
    apprentice is eligible; eligibility itself cannot be read from the ILR).

    **Why.** ACT 1 is a contract for services with the employer; an apprentice who is not
    employed has none. The guidance ('Apprentice is made redundant') says a redundant
    apprentice keeps the ACT of the latest employment while eligible, and one who is not
    eligible to continue must be withdrawn (R_110 rejects ACT 1 without employment).

    **Fix.** If the apprentice was made redundant and may continue, add OET 1 to the EmpStat 11
    or 12 record; if they cannot continue, withdraw them from the programme (CompStatus 3,
    LearnActEndDate, ACT DateTo = LearnActEndDate); if they were in fact employed, correct
    EmpStat to 10.
    """
    for aim in learner.programme_aims():
        if aim.fund_model != codes.FM_APPRENTICESHIPS:
            continue
        # Not employed on the first day is ILR291's finding (one fault, one finding), unless its exemption applies.
        on_start = None if any(aim.has_fam("LDM", c) for c in STATUS_ON_START_EXEMPT_LDM) else (
            learner.employment_status_on(aim.learn_start_date))
        for act in aim.act_records():
            if act.code != codes.ACT_EMPLOYER or act.date_from is None:
                continue
            redundant = False
            for record in learner.employment_statuses_during(act.date_from, act.date_to or aim.closing_date):
                if record.emp_stat not in codes.NOT_EMPLOYED:
                    redundant = False
                    continue
                redundant = redundant or record.has_esm(codes.ESM_OTHER_EMPLOYMENT, codes.OET_REDUNDANT)
                if not redundant and record is not on_start:
                    yield Problem(
                        f"the ACT 1 period from {act.date_from.isoformat()} on programme aim {aim.aim_seq_number} "
                        f"covers the employment status {status_name(record)} (not in paid employment) with no "
                        "redundancy (OET 1)",
                        "If the apprentice was made redundant and may continue, add OET 1 to that employment status "
                        "record; if they cannot continue, withdraw them (CompStatus 3, LearnActEndDate, ACT DateTo = "
                        "LearnActEndDate); if they were employed, correct EmpStat to 10.",
                        aim, line=record.line)
