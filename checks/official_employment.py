"""Topic ``employment``: official rules on LearnerEmploymentStatus and its monitoring (ESM).

Rules of the funder's validation rules list, category "Employment status" (``EmpStat_*``,
``ESMType_*``, ``DateEmpStatApp_*``, ``EmpId_14``, ``AgreemId_01``), and the cross-record
rule R_97 on consecutive employment statuses; see :mod:`ilr_lint.official`. The status
"on" a start date is the latest record dated on or before it
(:meth:`ilr_lint.model.Learner.employment_status_on`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Callable, Iterator

from ilr_lint.checks.employment import may_hide_employer_change
from ilr_lint import codes
from ilr_lint.api import Context
from ilr_lint.model import Learner, LearnerEmploymentStatus
from ilr_lint.official.predicates import (
    COMMUNITY_LEARNING, DD07, PROGRAMME_AIM, RESTART, When, age_on_31_august, fund_model, has_fam, prog_type,
    started, value,
)
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken, judged

TOPIC = "employment"
NOT_EMPLOYED = codes.NOT_EMPLOYED
ONCE_ONLY_ESM = ("SEI", "EII", "LOU", "LOE", "BSI", "PEI", "SEM")


def _status(test: Callable[[LearnerEmploymentStatus], bool], reads: tuple[str, ...] | None = None) -> When:
    """An employment status record (kind ``esr``) that passes ``test``; ``reads``: the fields of its signature
    that decide it, if it reads nothing else (``"monitoring"``: its ESM types and codes)."""
    return When(lambda item: test(item.record), static=None if reads is None else frozenset(reads))


def _on_start(test: Callable[[LearnerEmploymentStatus], bool]) -> When:
    """A record applies on the aim's LearnStartDate and passes ``test``."""
    def check(item: Item) -> bool:
        found = item.learner.employment_status_on(item.aim.learn_start_date)
        return found is not None and test(found)
    return When(check)


def _none_before_start(*, on_the_day: bool = False) -> When:
    """No record is dated before the aim's LearnStartDate (``on_the_day``: on or before it)."""
    def check(item: Item) -> bool:
        start = item.aim.learn_start_date
        return not any(e.date_emp_stat_app < start or (on_the_day and e.date_emp_stat_app == start)
                       for e in item.learner.employment_statuses)
    return When(check)


def _esm(esm_type: str, *esm_codes: int) -> Callable[[LearnerEmploymentStatus], bool]:
    """A status with monitoring of ``esm_type`` (with one of ``esm_codes``, if given)."""
    return lambda e: any(m.type == esm_type and (not esm_codes or m.code in esm_codes) for m in e.monitoring)


def _has(esm_type: str, *esm_codes: int) -> When:
    """The employment status record has monitoring of ``esm_type`` (with one of ``esm_codes``, if given)."""
    return _status(_esm(esm_type, *esm_codes), reads=("monitoring",))


def _dated_from(day: date) -> Callable[[LearnerEmploymentStatus], bool]:
    return lambda e: e.date_emp_stat_app >= day


HAS_LOE = _esm("LOE")
EMPLOYED = value("EmpStat", codes.EMPLOYED)
NOT_IN_PAID_WORK = value("EmpStat", *NOT_EMPLOYED)
NO_STATUS_FIX = ("Add a LearnerEmploymentStatus dated before the LearnStartDate with the learner's status before "
                 "the learning started.")

DATE_NOT_BEFORE_1990 = Broken(
    "DateEmpStatApp_02", "esr", topic=TOPIC, field="DateEmpStatApp",
    when=_status(lambda e: e.date_emp_stat_app < date(1990, 8, 1)),
    what="A DateEmpStatApp is not before 1 August 1990.", fix="Correct DateEmpStatApp.")

DATE_NOT_AFTER_YEAR = Broken(
    "DateEmpStatApp_01", "esr", topic=TOPIC, field="DateEmpStatApp",
    when=When(lambda item: item.record.date_emp_stat_app > item.ctx.year.end),
    what="A DateEmpStatApp is not after the end of the file's teaching year (31 July).",
    fix="Correct DateEmpStatApp; a status that applies from a later year is returned in that year's file.")

TAILORED_NEEDS_STATUS = Broken(
    "EmpStat_22", "aim", topic=TOPIC, fact="no employment status applies on the LearnStartDate",
    when=fund_model(11) & _none_before_start(on_the_day=True),
    what="A Tailored Learning aim (FundModel 11) has an employment status record dated on or before its "
         "LearnStartDate.", fix=NO_STATUS_FIX)

LOW_WAGES_EMPLOYED = Broken(
    "EmpStat_20", "aim", topic=TOPIC, fact="the employment status on the LearnStartDate is not 10",
    when=has_fam("LDM", 363) & _on_start(lambda e: e.emp_stat != codes.EMPLOYED),
    what="An aim with LDM 363 (learner in receipt of low wages) starts while the learner is in paid employment "
         "(EmpStat 10 on the LearnStartDate).",
    fix="Record EmpStat 10 applying on the LearnStartDate, or remove LDM 363.")

def _planned_hours(learner: Learner) -> int:
    """PlanLearnHours plus PlanEEPHours; a T Level learner, who returns neither (R_130), has the planned
    hours of the T Level programme aim (HRS 2 from 2026-27, PHours before), as R_155 and R_156 read them."""
    if learner.plan_learn_hours is not None or learner.plan_eep_hours is not None:
        return (learner.plan_learn_hours or 0) + (learner.plan_eep_hours or 0)
    return max(((h.amount if (h := aim.hrs(2)) else aim.p_hours or 0) for aim in learner.deliveries
                if aim.prog_type == codes.PROG_TLEVEL and aim.aim_type == codes.AIM_PROGRAMME), default=0)


STUDY_PROGRAMME_NEEDS_STATUS = Broken(
    "EmpStat_11", "aim", topic=TOPIC, fact="no employment status is dated before the LearnStartDate",
    when=fund_model(25, 82) & started(on_or_after=date(2014, 8, 1))
    & When(lambda item: _planned_hours(item.learner) < 540) & _none_before_start(),
    what="A 16-19 funded aim (FundModel 25 or 82) started from 1 August 2014 by a learner with fewer than 540 "
         "planned hours (PlanLearnHours plus PlanEEPHours; for a T Level learner, who returns neither, the T Level "
         "programme's planned hours) has an employment status dated before its start.",
    fix=NO_STATUS_FIX)

ADULT = fund_model(35, 37, 81, 99) & started(on_or_after=date(2014, 8, 1)) & age_on_31_august(at_least=19)
ADULT_NEEDS_STATUS = Broken(
    "EmpStat_08", "aim", topic=TOPIC, fact="no employment status is dated before the LearnStartDate",
    when=ADULT & ~DD07 & ~COMMUNITY_LEARNING & _none_before_start(),
    what="An adult skills, skills bootcamp or non-funded aim (FundModel 35, 37, 81 or 99) started from 1 August "
         "2014 by a learner 19 or over on 31 August of that teaching year has an employment status dated before "
         "its start. Apprenticeships and community learning (FundModel 99 with SOF 108) are exempt.",
    fix=NO_STATUS_FIX)

OLD_ADULT_NEEDS_STATUS = Broken(
    "EmpStat_01", "aim", topic=TOPIC, fact="no employment status applies on the LearnStartDate",
    when=fund_model(35, 81, 99) & started(on_or_after=date(2012, 8, 1), before=date(2014, 8, 1))
    & age_on_31_august(at_least=19) & ~DD07 & ~COMMUNITY_LEARNING & _none_before_start(on_the_day=True),
    what="An adult skills or non-funded aim (FundModel 35, 81 or 99) started from 1 August 2012 to 31 July 2014 "
         "by a learner 19 or over on 31 August of that teaching year has an employment status dated on or before "
         "its start. Apprenticeships and community learning are exempt.",
    fix="Add a LearnerEmploymentStatus dated on or before the LearnStartDate.")

ADULT_SKILLS_FUND_NEEDS_STATUS = Broken(
    "EmpStat_21", "aim", topic=TOPIC, fact="no employment status is dated before the LearnStartDate",
    when=fund_model(38) & age_on_31_august(at_least=19) & _none_before_start(),
    what="An Adult Skills Fund aim (FundModel 38) of a learner 19 or over on 31 August of the teaching year it "
         "started in has an employment status dated before its start.",
    fix=NO_STATUS_FIX)

EMPLOYED_NEEDS_INTENSITY = Broken(
    "ESMType_02", "esr", topic=TOPIC, fact="EmpStat 10 without an EII (employment intensity) record",
    when=EMPLOYED & _status(_dated_from(date(2012, 8, 1))) & ~_has("EII"),
    what="A status 'in paid employment' (EmpStat 10) dated from 1 August 2012 has an employment intensity "
         "indicator (ESMType EII).", fix="Add EmploymentStatusMonitoring EII with the hours worked.")

EMPLOYED_NO_UNEMPLOYMENT_LENGTH = Broken(
    "ESMType_05", "esr", topic=TOPIC, fact="EmpStat 10 with a LOU (length of unemployment) record",
    when=EMPLOYED & _has("LOU"),
    what="A status 'in paid employment' (EmpStat 10) has no length of unemployment (ESMType LOU).",
    fix="Remove the LOU monitoring, or correct EmpStat.")

NOT_EMPLOYED_SINCE_2013 = NOT_IN_PAID_WORK & _status(_dated_from(date(2013, 8, 1)))

SELF_EMPLOYED_IS_EMPLOYED = Broken(
    "ESMType_07", "esr", topic=TOPIC, fact="SEI (self employed) on a status other than EmpStat 10",
    when=_has("SEI") & ~EMPLOYED & ~NOT_EMPLOYED_SINCE_2013,
    what="A record with the self-employment indicator (ESMType SEI) has EmpStat 10 (in paid employment). A status "
         "not in paid employment (11, 12) dated from 1 August 2013 is ESMType_12's.",
    fix="Set EmpStat 10, or remove the SEI monitoring.")


def _applies_to_exempt_aim(item: Item) -> bool:
    """The record is the one applying on the start of a 16-19 or skills bootcamp aim (FundModel 25, 82, 37)."""
    return any(aim.fund_model in (25, 82, 37) and item.learner.employment_status_on(aim.learn_start_date) is item.record
               for aim in item.learner.deliveries)


LOOKING_NEEDS_UNEMPLOYMENT_LENGTH = Broken(
    "ESMType_08", "esr", topic=TOPIC, fact="EmpStat 11 without a LOU (length of unemployment) record",
    when=value("EmpStat", codes.UNEMPLOYED_LOOKING) & _status(_dated_from(date(2012, 8, 1)))
    & ~_has("LOU") & ~When(_applies_to_exempt_aim),
    what="A status 'not in paid employment and looking for work' (EmpStat 11) dated from 1 August 2012 has a "
         "length of unemployment (ESMType LOU). A record that applies on the start of a 16-19 (FundModel 25, 82) "
         "or skills bootcamp (37) aim is exempt.",
    fix="Add EmploymentStatusMonitoring LOU with the length of unemployment.")

APPRENTICE_NEEDS_EMPLOYMENT_LENGTH = Broken(
    "ESMType_09", "aim", topic=TOPIC, fact="the employment status on the LearnStartDate has no LOE record",
    when=DD07 & PROGRAMME_AIM & _on_start(lambda e: e.emp_stat == codes.EMPLOYED
                                          and e.date_emp_stat_app >= date(2013, 8, 1) and not HAS_LOE(e)),
    what="An apprenticeship programme aim whose status on the LearnStartDate is EmpStat 10, dated from 1 August "
         "2013, has a length of employment (ESMType LOE) on that record.",
    fix="Add EmploymentStatusMonitoring LOE (how long the apprentice has worked for the employer) to the record.")

NOT_EMPLOYED_NO_EMPLOYMENT_LENGTH = Broken(
    "ESMType_10", "esr", topic=TOPIC, fact="a status not in paid employment with a LOE (length of employment) record",
    when=NOT_IN_PAID_WORK & _has("LOE"),
    what="A status 'not in paid employment' (EmpStat 11 or 12) has no length of employment (ESMType LOE).",
    fix="Remove the LOE monitoring, or correct EmpStat.")

NOT_EMPLOYED_NO_INTENSITY = Broken(
    "ESMType_12", "esr", topic=TOPIC, fact="a status not in paid employment with EII or SEI",
    when=NOT_EMPLOYED_SINCE_2013 & (_has("EII") | _has("SEI")),
    what="A status 'not in paid employment' (EmpStat 11 or 12) dated from 1 August 2013 has no employment "
         "intensity (EII) or self-employment (SEI) indicator.",
    fix="Remove the EII or SEI monitoring, or correct EmpStat.")

ESM_ONCE = Broken(
    "ESMType_15", "esr", topic=TOPIC,
    fact=lambda item: "ESMType " + ", ".join(sorted(t for t, n in Counter(m.type for m in item.record.monitoring).items()
                                                    if n > 1 and t in ONCE_ONLY_ESM)) + " is returned more than once",
    when=_status(lambda e: any(n > 1 for t, n in Counter(m.type for m in e.monitoring).items() if t in ONCE_ONLY_ESM),
                 reads=("monitoring",)),
    what="A record has at most one monitoring of each of the types SEI, EII, LOU, LOE, BSI, PEI and SEM.",
    fix="Keep one monitoring record of the type, with the code that applies.")

SECTOR_ACADEMY_NEEDS_BENEFITS = Broken(
    "ESMType_17", "aim", topic=TOPIC, fact="the employment status on the LearnStartDate has no BSI 1, 4 or 5",
    when=has_fam("LDM", 375) & ~_on_start(_esm("BSI", 1, 4, 5)),
    what="An aim with LDM 375 (sector-based work academy pre-employment training) starts while the learner "
         "receives Jobseeker's Allowance, Universal Credit or Employment and Support Allowance: the status on the "
         "LearnStartDate has benefit status indicator BSI 1, 4 or 5.",
    fix="Record the benefit status (BSI 1, 4 or 5) on the status applying on the LearnStartDate, or remove LDM 375.")

EMPLOYED_NOT_REDUNDANT = Broken(
    "ESMType_18", "esr", topic=TOPIC, fact="EmpStat 10 with OET 1 (made redundant)",
    when=EMPLOYED & _has("OET", 1),
    what="A status 'in paid employment' (EmpStat 10) has no OET 1 (learner made redundant).",
    fix="Remove OET 1, or correct EmpStat.")

SMALL_EMPLOYER_IS_EMPLOYED = Broken(
    "ESMType_19", "esr", topic=TOPIC, fact="OET 2 (small or medium employer) on a status other than EmpStat 10",
    when=_has("OET", 2) & ~EMPLOYED,
    what="A record with OET 2 (small or medium employer) has EmpStat 10 (in paid employment).",
    fix="Set EmpStat 10, or remove OET 2.")

OET_CODE_ONCE = Broken(
    "ESMType_20", "esr", topic=TOPIC, fact="an OET code is returned more than once",
    when=_status(lambda e: any(n > 1 for n in Counter(m.code for m in e.monitoring if m.type == "OET").values()),
                 reads=("monitoring",)),
    what="A record has each other employment type (OET) code at most once.", fix="Remove the repeated OET code.")

APPRENTICE_NOT_EMPLOYED_NO_EMPLOYER = Broken(
    "EmpId_14", "esr", topic=TOPIC, field="EmpId",
    when=NOT_IN_PAID_WORK & _status(lambda e: e.emp_id is not None, reads=("emp_id?",))
    & When(lambda item: any(aim.is_apprenticeship for aim in item.learner.deliveries)),
    what="An apprentice's status 'not in paid employment' (EmpStat 11 or 12) names no employer (EmpId).",
    fix="Remove EmpId from the record, or correct EmpStat.")

SHORT_COURSE_NEEDS_AGREEMENT = Broken(
    "AgreemId_01", "aim", topic=TOPIC, fact="the employment status on the LearnStartDate has no AgreemId",
    when=fund_model(39) & PROGRAMME_AIM & ~RESTART & _on_start(lambda e: e.agree_id is None),
    what="A Growth and Skills Offer programme aim (FundModel 39, AimType 1) has the agreement identifier "
         "(AgreemId) on the status applying on its LearnStartDate. Restarts (RES) are exempt.",
    fix="Record the AgreemId of the employer's agreement on that employment status.")

UNIT_NEEDS_EMPLOYMENT_LENGTH = Broken(
    "ESMType_21", "aim", topic=TOPIC, fact="the employment status on the LearnStartDate has no LOE record",
    when=prog_type(34) & PROGRAMME_AIM & _on_start(lambda e: e.emp_stat == codes.EMPLOYED and not HAS_LOE(e)),
    what="An apprenticeship unit programme aim (ProgType 34, AimType 1) has a length of employment (ESMType LOE) "
         "on the status applying on its LearnStartDate. A learner not in paid employment then is EmpStat_24's.",
    fix="Add EmploymentStatusMonitoring LOE to that employment status.")

UNIT_NEEDS_EMPLOYMENT = Broken(
    "EmpStat_24", "aim", topic=TOPIC, fact="the employment status on the LearnStartDate is not 10",
    when=prog_type(34) & PROGRAMME_AIM & _on_start(lambda e: e.emp_stat != codes.EMPLOYED),
    what="An apprenticeship unit programme aim (ProgType 34, AimType 1) starts while the learner is in paid "
         "employment (EmpStat 10 on the LearnStartDate).",
    fix="Record EmpStat 10 applying on the LearnStartDate.")

UNIT_IDENTIFIER_NEEDS_EMPLOYMENT = Broken(
    "EmpStat_23", "aim", topic=TOPIC, fact="the employment status on the LearnStartDate is not 10",
    when=has_fam("LDM", 403) & _on_start(lambda e: e.emp_stat != codes.EMPLOYED),
    what="An aim with LDM 403 (apprenticeship unit identifier) starts while the learner is in paid employment "
         "(EmpStat 10 on its LearnStartDate). The list's condition names AimType 4 aims; its description, which "
         "this follows, any aim with LDM 403.",
    fix="Record EmpStat 10 applying on the LearnStartDate, or remove LDM 403.")


@judged("R_97", topic=TOPIC,
        what="Consecutive employment status records (by DateEmpStatApp) do not repeat each other: the same "
             "EmpStat, EmpId (or none), agreement identifier and monitoring types and codes. An apprentice's "
             "repeated record with EmpId 999999999 is left to ILR294, which asks whether OET 3 is missing.",
        fix="Remove the repeated record, or record what changed on it.", scope=("statuses",))
def r_97(learner: Learner, ctx: Context) -> Iterator[tuple[LearnerEmploymentStatus, str]]:
    for before, after in learner.repeated_employment_statuses():
        if not may_hide_employer_change(learner, after):
            yield after, (f"the employment status dated {after.date_emp_stat_app.isoformat()} repeats the one dated "
                          f"{before.date_emp_stat_app.isoformat()}")
