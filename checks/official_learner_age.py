"""Topic ``learner``: official rules on the learner's date of birth, age and programme duration.

Rules of the funder's validation rules list named ``DateOfBirth_*`` that the file alone
decides (the age rules that need LARS or the Apprenticeship Service are listed as not
assessed). Ages are whole years on a day the rule names: the aim's LearnStartDate, or 31
August of the teaching year. The date of birth itself never appears in a message.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from ilr_lint.checks.official_learner import TOPIC
from ilr_lint.official.predicates import (
    DD07, OLASS, PROGRAMME_AIM, STATIC, When, age_at_start, age_on, age_on_31_august, first_of, fund_model,
    has_fam, learner_has_fam, learner_is, prog_type, some_aim, started, year_is,
)
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken

DOB_FIX = "Record the learner's date of birth."
AGE_FIX = "Check the date of birth; if it is right, the aim is not eligible for this funding: correct its funding."
NO_BIRTH_DATE = learner_is(lambda learner: learner.date_of_birth is None, reads=("date_of_birth?",))

# Rules asking for the date of birth, errors first: the first that applies reports the learner.
DOB_WHEN = first_of({
    "DateOfBirth_01": NO_BIRTH_DATE & some_aim(
        (fund_model(25, 82, 35, 36, 37, 38, 81) | (year_is("2627") & fund_model(39))) & ~OLASS),
    "DateOfBirth_23": NO_BIRTH_DATE & some_aim(fund_model(99) & has_fam("ADL") & ~OLASS),
    "DateOfBirth_24": NO_BIRTH_DATE & learner_is(lambda learner: learner.uln != 9999999999, reads=("uln_temporary",)),
    "DateOfBirth_02": NO_BIRTH_DATE & some_aim(
        ((year_is("2526") & fund_model(10, 99, 11)) | (year_is("2627") & fund_model(99, 11))) & ~has_fam("ADL")),
})
ONE_FINDING = " Of DateOfBirth_01, 23, 24 and 02 (in that order) the first that applies reports the learner."


def _needs_birth_date(rule: str, what: str) -> Broken:
    return Broken(rule, "learner", topic=TOPIC, fact="DateOfBirth is not returned", when=DOB_WHEN[rule],
                  what=what + ONE_FINDING, fix=DOB_FIX)


FUNDED_NEEDS_DOB = _needs_birth_date(
    "DateOfBirth_01", "A learner with a 16-19, adult skills, apprenticeship, Adult Skills Fund or skills bootcamp "
    "aim (FundModel 25, 82, 35, 36, 37, 38, 81; 39 from 2026-27) has a date of birth. OLASS aims are exempt.")
LOAN_NEEDS_DOB = _needs_birth_date(
    "DateOfBirth_23", "A learner with an Advanced Learner Loan aim (FundModel 99 with ADL) has a date of birth. "
    "OLASS aims are exempt.")
ULN_NEEDS_DOB = _needs_birth_date("DateOfBirth_24", "A learner with a real ULN (not 9999999999) has a date of birth.")
OTHER_NEEDS_DOB = _needs_birth_date(
    "DateOfBirth_02", "A learner with a non-funded or tailored learning aim (FundModel 99, 11; 10 up to 2025-26) "
    "should have a date of birth. Advanced Learner Loan aims (ADL) are exempt.")


def _days(item: Item, *, actual: bool) -> int | None:
    end = item.aim.learn_act_end_date if actual else item.aim.learn_plan_end_date
    return None if end is None else (end - item.aim.learn_start_date).days


def _shorter(days: int, *, actual: bool) -> When:
    return When(lambda item: (found := _days(item, actual=actual)) is not None and found < days)


STANDARD_PROGRAMME = prog_type(25) & PROGRAMME_AIM & ~has_fam("RES")
COMPLETED = When(lambda item: item.aim.comp_status == 2)

MIN_DURATION_ACTUAL = Broken(
    "DateOfBirth_47", "aim", topic=TOPIC, fact="the apprenticeship lasted less than 365 days",
    when=STANDARD_PROGRAMME & fund_model(36, 81) & started(date(2016, 8, 1), date(2025, 8, 1)) & COMPLETED
    & _shorter(365, actual=True),
    what="A completed apprenticeship standard programme aim (FundModel 36 or 81, ProgType 25, AimType 1, CompStatus "
         "2) started from 1 August 2016 to 31 July 2025 lasted at least 365 days to its LearnActEndDate. Restarts "
         "are exempt.", fix="Check LearnStartDate and LearnActEndDate.")

MIN_DURATION_PLANNED = Broken(
    "DateOfBirth_46", "aim", topic=TOPIC, fact="the apprenticeship is planned to last less than 365 days",
    when=STANDARD_PROGRAMME & fund_model(36, 81) & started(date(2016, 8, 1), date(2025, 8, 1))
    & age_at_start(at_least=16) & _shorter(365, actual=False),
    what="An apprenticeship standard programme aim (FundModel 36 or 81, ProgType 25, AimType 1) started from 1 "
         "August 2016 to 31 July 2025 by a learner of 16 or over is planned to last at least 365 days. Restarts "
         "are exempt.", fix="Check LearnStartDate and LearnPlanEndDate.")

MIN_DURATION_PLANNED_2025 = Broken(
    "DateOfBirth_57", "aim", topic=TOPIC, fact="the apprenticeship is planned to last less than 242 days",
    when=STANDARD_PROGRAMME & fund_model(36) & started(date(2025, 8, 1)) & age_at_start(at_least=16)
    & _shorter(242, actual=False),
    what="An FM36 apprenticeship standard programme aim started from 1 August 2025 by a learner of 16 or over is "
         "planned to last at least 242 days (8 months). Restarts are exempt.",
    fix="Check LearnStartDate and LearnPlanEndDate.")

MIN_DURATION_ACTUAL_2025 = Broken(
    "DateOfBirth_58", "aim", topic=TOPIC, fact="the apprenticeship lasted less than 242 days",
    when=STANDARD_PROGRAMME & fund_model(36) & started(date(2025, 8, 1)) & COMPLETED & _shorter(242, actual=True),
    what="A completed FM36 apprenticeship standard programme aim started from 1 August 2025 lasted at least 242 "
         "days to its LearnActEndDate. Restarts are exempt.", fix="Check LearnStartDate and LearnActEndDate.")

OLD_STANDARD = prog_type(25) & PROGRAMME_AIM & ~has_fam("RES") & fund_model(35, 81) & age_at_start(at_least=19)
MIN_DURATION_2016 = Broken(
    "DateOfBirth_40", "aim", topic=TOPIC, fact="the apprenticeship lasted less than 365 days",
    when=OLD_STANDARD & started(before=date(2016, 8, 1)) & When(lambda item: item.aim.outcome == 1)
    & _shorter(365, actual=True),
    what="An achieved (Outcome 1) apprenticeship standard programme aim (FundModel 35 or 81) started by 31 July "
         "2016 by a learner of 19 or over lasted at least 365 days. Restarts are exempt.",
    fix="Check LearnStartDate and LearnActEndDate.")

MIN_PLANNED_2014 = Broken(
    "DateOfBirth_37", "aim", topic=TOPIC, fact="the apprenticeship is planned to last less than 365 days",
    when=OLD_STANDARD & started(date(2014, 8, 1), date(2016, 8, 1)) & _shorter(365, actual=False),
    what="An apprenticeship standard programme aim (FundModel 35 or 81) started from 1 August 2014 to 31 July 2016 "
         "by a learner of 19 or over is planned to last at least 365 days. Restarts are exempt.",
    fix="Check LearnStartDate and LearnPlanEndDate.")


@cache
def _years_before(day: date, years: int) -> date:
    """The day ``years`` years before ``day`` (1 August, so never 29 February)."""
    return day.replace(year=day.year - years)


@cache
def _last_friday_of_june(year: int) -> date:
    day = date(year, 6, 30)
    return day - timedelta(days=(day.weekday() - 4) % 7)


def _school_leaving_date(born: date) -> date:
    """The last Friday in June of the school year (1 September to 31 August) in which the learner turns 16."""
    return _last_friday_of_june(born.year + 16 + (born.month >= 9))


def _too_young_for_apprenticeship(item: Item) -> bool:
    born = item.learner.date_of_birth
    programme_starts = [a.learn_start_date for a in item.learner.deliveries
                        if a.aim_type == 1 and a.prog_type == item.aim.prog_type]
    return born is not None and bool(programme_starts) and min(programme_starts) <= _school_leaving_date(born)


SCHOOL_LEAVING = Broken(
    "DateOfBirth_48", "aim", topic=TOPIC, fact="the programme starts before the learner may leave school",
    when=DD07 & started(date(2016, 8, 1)) & When(_too_young_for_apprenticeship),
    what="An apprenticeship (ProgType 25) started from 1 August 2016 has its programme start (DD04, the earliest "
         "programme aim of that ProgType) after the last Friday in June of the school year in which the learner "
         "turns 16.", fix=AGE_FIX)


def _age_31_august_between(low: int, high: int) -> When:
    """Aged ``low`` to ``high`` on 31 August of the file's teaching year."""
    return age_on_31_august(at_least=low, current=True) & age_on_31_august(under=high + 1, current=True)


def _sof_other_than(code: int) -> When:
    other = str(code)
    # on the aim's FAMs alone, which its signature holds
    return When(lambda item: any(f.type == "SOF" and f.code != other for f in item.aim.fams), static=STATIC)


HIGH_NEEDS_NEEDS_EHC = Broken(
    "DateOfBirth_34", "aim", topic=TOPIC, fact="a high needs student aged 19 to 24 without an EHC plan",
    when=fund_model(25) & learner_has_fam("HNS") & ~learner_has_fam("EHC") & _age_31_august_between(19, 24),
    what="A 16-19 funded (FundModel 25) high needs student (LearnerFAM HNS) aged 19 to 24 on 31 August of the "
         "teaching year has an education, health and care plan (LearnerFAM EHC).",
    fix="Record LearnerFAM EHC, or correct HNS or the funding.")

ADULT_FUNDING = (fund_model(35) & ~DD07) | fund_model(37, 38)
UNDER_19_ADULT = Broken(
    "DateOfBirth_25", "aim", topic=TOPIC, fact="the learner is under 19 on 31 August of the teaching year",
    when=ADULT_FUNDING & age_on_31_august(under=19, current=True) & ~OLASS
    & (year_is("2526") | started(before=date(2026, 8, 1))),
    what="An adult skills (FundModel 35, not an apprenticeship), skills bootcamp (37) or Adult Skills Fund (38) aim "
         "is for a learner 19 or over on 31 August of the teaching year; from 2026-27 only aims started by 31 July "
         "2026 (DateOfBirth_62 and _63 take over). OLASS aims are exempt.", fix=AGE_FIX)

UNDER_19_ADULT_2026 = Broken(
    "DateOfBirth_62", "aim", topic=TOPIC, fact="the learner is under 19 on 31 August of the teaching year",
    when=((fund_model(35) & ~DD07) | fund_model(38)) & started(date(2026, 8, 1))
    & age_on_31_august(under=19, current=True) & ~OLASS,
    what="An adult skills (FundModel 35, not an apprenticeship) or Adult Skills Fund (38) aim started from 1 August "
         "2026 is for a learner 19 or over on 31 August of the teaching year. OLASS aims are exempt.", fix=AGE_FIX)

UNDER_19_BOOTCAMP = Broken(
    "DateOfBirth_63", "aim", topic=TOPIC, fact="the learner is under 19 at the start",
    when=fund_model(37) & PROGRAMME_AIM & started(date(2026, 8, 1)) & age_at_start(under=19),
    what="A skills bootcamp programme aim (FundModel 37, AimType 1) started from 1 August 2026 is for a learner 19 "
         "or over at its start.", fix=AGE_FIX)

UNDER_19_UNIT = Broken(
    "DateOfBirth_61", "aim", topic=TOPIC, fact="the learner is under 19 at the start",
    when=prog_type(34) & age_at_start(under=19),
    what="An apprenticeship unit aim (ProgType 34) is for a learner 19 or over at its start.", fix=AGE_FIX)

EHC_19_TO_24_IS_16_19 = Broken(
    "DateOfBirth_30", "aim", topic=TOPIC, fact="a learner aged 19 to 24 with an EHC plan has SOF other than 107",
    when=fund_model(25, 82, 35, 38, 81) & learner_has_fam("EHC") & _age_31_august_between(19, 24)
    & _sof_other_than(107) & ~OLASS & ~DD07,
    what="An agency funded aim (FundModel 25, 82, 35, 38, 81) of a learner aged 19 to 24 on 31 August of the "
         "teaching year with an education, health and care plan (LearnerFAM EHC) has source of funding 107 "
         "(16-19). OLASS aims and apprenticeships are exempt.", fix="Set SOF 107, or correct EHC or the funding.")

UNDER_19_IS_16_19 = Broken(
    "DateOfBirth_20", "aim", topic=TOPIC, fact="a learner under 19 has a SOF other than 107",
    when=fund_model(25, 82) & age_on_31_august(under=19, current=True) & _sof_other_than(107) & ~prog_type(31),
    what="A 16-19 funded aim (FundModel 25 or 82) of a learner under 19 on 31 August of the teaching year has "
         "source of funding 107. A T Level aim (ProgType 31) with another SOF is ILR421's (LearnDelFAMType_118).",
    fix="Set SOF 107.")

BORN_BEFORE_YEAR = Broken(
    "DateOfBirth_27", "learner", topic=TOPIC, fact="DateOfBirth is in the teaching year or later",
    when=When(lambda item: item.learner.date_of_birth is not None
              and item.learner.date_of_birth >= item.ctx.year.start),
    what="The learner's date of birth is before the start of the file's teaching year.", fix="Correct DateOfBirth.")

LOAN_AGE = Broken(
    "DateOfBirth_26", "aim", topic=TOPIC, fact="the learner is under 19 at the start",
    when=fund_model(99) & has_fam("ADL") & age_at_start(under=19),
    what="An Advanced Learner Loan aim (FundModel 99 with ADL) is for a learner 19 or over at its start.",
    fix=AGE_FIX)

OLASS_AGE = Broken(
    "DateOfBirth_14", "aim", topic=TOPIC, fact="the learner is under 18 at the start",
    when=fund_model(35, 81) & OLASS & age_at_start(under=18),
    what="An OLASS aim (offender in custody, FundModel 35 or 81 with LDM 034) should be for a learner 18 or over "
         "at its start.", fix=AGE_FIX)

OFS_AGE = Broken(
    "DateOfBirth_13", "aim", topic=TOPIC, fact="the learner is under 16 on 31 July of the teaching year",
    when=fund_model(99) & has_fam("SOF", 1) & age_on(lambda item: item.ctx.year.end, under=16),
    what="An Office for Students funded aim (FundModel 99, SOF 1) should be for a learner 16 or over on 31 July "
         "of the teaching year.", fix=AGE_FIX)

COMMUNITY_UNDER_19 = Broken(
    "DateOfBirth_12", "aim", topic=TOPIC, fact="a learner under 19 with ASL 1 or 2",
    when=fund_model(10) & age_at_start(under=19) & (has_fam("ASL", 1) | has_fam("ASL", 2)),
    what="A community learning aim (FundModel 10) of a learner under 19 at its start has no ASL 1 or 2 (personal "
         "and community development learning, neighbourhood learning in deprived communities).",
    fix="Correct the ASL code or the date of birth.")

OVER_24_NOT_16_19 = Broken(
    "DateOfBirth_07", "aim", topic=TOPIC, fact="a learner 25 or over has SOF 107",
    when=fund_model(25, 82) & age_on_31_august(at_least=25, current=True) & has_fam("SOF", 107),
    what="A 16-19 funded aim (FundModel 25 or 82) of a learner 25 or over on 31 August of the teaching year does "
         "not have source of funding 107.", fix="Correct the source of funding or the date of birth.")

UNDER_13 = Broken(
    "DateOfBirth_06", "aim", topic=TOPIC, fact="the learner is under 13 on 31 August of the teaching year",
    when=fund_model(25, 82) & age_on_31_august(under=13, current=True),
    what="A 16-19 funded aim (FundModel 25 or 82) should be for a learner 13 or over on 31 August of the teaching "
         "year.", fix="Check the date of birth.")

UNDER_4 = Broken(
    "DateOfBirth_05", "aim", topic=TOPIC, fact="the learner is under 4 at the start",
    when=fund_model(10, 99) & age_at_start(under=4),
    what="A community learning or non-funded aim (FundModel 10 or 99) should be for a learner 4 or over at its "
         "start.", fix="Check the date of birth.")

OVER_115 = Broken(
    "DateOfBirth_04", "learner", topic=TOPIC, fact="the learner would be 115 or over at the start of the year",
    when=When(lambda item: item.learner.date_of_birth is not None  # 115 or over on 1 August: born on or before
              and item.learner.date_of_birth <= _years_before(item.ctx.year.start, 115)),
    what="The learner is under 115 at the start of the teaching year.", fix="Correct DateOfBirth.")
