"""Official rules that look a learning aim or a standard up in LARS (besides the validity family).

They run only with ``--lars`` (their catalogue rows need LARS); without it the run lists them
as not assessed. The validity rules per funding stream are in :mod:`official_lars_validity`;
ProgType_19 (a T Level needs its technical qualification) stays with ILR405, which uses LARS
when given it. Each rule states its condition in ``what``; see :mod:`ilr_lint.official`.
Rules on one aim are rows of the aim batch (keyed by FundModel or FAM type where they can be),
so an aim is looked up in LARS once and a rule is tried only on the aims it may concern.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.official.predicates import (
    LARS_KNOWN, When, fund_model, has_fam, has_hrs, known, lars_aim_type, lars_basic_skills, lars_category, lars_level,
    prog_type, started, value,
)
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken, Function, official
from ilr_lint.reference.lars import ESOL, TLEVEL_TECHNICAL_QUALIFICATION, Aim, Standard, Validity

LOOK = "Check the aim against LARS ('Find a learning aim')"
NEWER_STANDARD = "Correct the StdCode (the apprentice may be on a newer standard) or the LearnStartDate."


def _named(aim: LearningDelivery) -> str:
    return f"aim {aim.aim_seq_number} ({aim.learn_aim_ref})"


def _lars(item: Item) -> Aim:
    """The aim's LARS record, for a row whose condition includes LARS_KNOWN."""
    return item.ctx.lars.aim(item.aim.learn_aim_ref)  # type: ignore[no-any-return]


def _named_item(item: Item) -> str:
    return _named(item.aim)


AIM_IN_LARS = Broken(
    "LearnAimRef_01", "aim", topic="delivery", field="LearnAimRef", when=~LARS_KNOWN,
    fact=lambda item: f"aim {item.aim.aim_seq_number} has LearnAimRef {item.aim.learn_aim_ref}, not in LARS",
    what="The learning aim reference is an aim in LARS.",
    fix=f"{LOOK}: correct the LearnAimRef, or download the latest LARS if the aim is new.")


def _no_standard(item: Item) -> bool:
    found = item.ctx.lars.standard(item.aim.std_code)
    return found is None or not found.validities


STANDARD_IN_LARS = Broken(
    "StdCode_02", "aim", topic="delivery", field="StdCode", when=known("StdCode") & When(_no_standard),
    fact=lambda item: f"aim {item.aim.aim_seq_number} has StdCode {item.aim.std_code}, not a standard in LARS",
    what="A returned StdCode is a standard with validity records in LARS.",
    fix="Correct the StdCode to the apprenticeship standard's code in LARS.")


def _standard_aims(learner: Learner, aim_type: int) -> Iterator[LearningDelivery]:
    """The learner's ProgType 25 aims of ``aim_type`` with a StdCode, restarts excluded (the rules' exclusion)."""
    for aim in learner.deliveries:
        if (aim.prog_type == codes.PROG_STANDARD and aim.aim_type == aim_type and aim.std_code is not None
                and not aim.is_restart):
            yield aim


def _programme_start(learner: Learner, std_code: int) -> date | None:
    """DD18: the earliest start of the learner's ProgType 25 programme aims on the standard."""
    return min((a.learn_start_date for a in learner.deliveries
                if a.is_standard_programme_aim and a.std_code == std_code), default=None)


def _standard_date_rule(rule: str, what: str, fix: str,
                        fault: Callable[[date, Standard], str | None]) -> Function:
    """A ProgType 25 programme aim's start date against its standard's dates in LARS: ``fault`` says what is wrong."""
    def judge(check: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
        for aim in _standard_aims(learner, codes.AIM_PROGRAMME):
            found = ctx.lars.standard(aim.std_code)
            fact = fault(aim.learn_start_date, found) if found is not None else None
            if fact:
                yield check.problem(ctx, f"aim {aim.aim_seq_number} starts on {aim.learn_start_date}, {fact}", aim,
                                    line=aim.line_of("learn_start_date"))
    return official(rule, topic="delivery", what=what, fix=fix, scope=("apprenticeship",))(judge)


STANDARD_CLOSED = _standard_date_rule(
    "LearnStartDate_13", "A ProgType 25 programme aim (not a restart) does not start after its standard's EffectiveTo "
    "date in LARS.", NEWER_STANDARD,
    lambda start, s: f"after standard {s.code} closed ({s.effective_to})"
    if s.effective_to is not None and start > s.effective_to else None)
STANDARD_NOT_OPEN = _standard_date_rule(
    "LearnStartDate_17", "A ProgType 25 programme aim (not a restart) does not start before its standard's "
    "EffectiveFrom date in LARS.", "Correct the StdCode or the LearnStartDate.",
    lambda start, s: f"before standard {s.code} opened ({s.effective_from})"
    if s.effective_from is not None and start < s.effective_from else None)
STANDARD_STARTS_ENDED = _standard_date_rule(
    "LearnStartDate_18", "A ProgType 25 programme aim (not a restart) starting on or after 1 August 2020 does not "
    "start after its standard's LastDateStarts in LARS. A start after the standard's EffectiveTo is "
    "LearnStartDate_13's finding instead.", NEWER_STANDARD,
    lambda start, s: f"after standard {s.code}'s last date for starts ({s.last_date_starts})"
    if (start >= date(2020, 8, 1) and s.last_date_starts is not None and start > s.last_date_starts
        and (s.effective_to is None or start <= s.effective_to)) else None)


@official("LearnStartDate_14", topic="delivery",
          what="A ProgType 25 component aim (not a restart) is on a standard whose programme (the learner's "
               "earliest programme aim on it, DD18) did not start after the standard's EffectiveTo date in LARS. "
               "When a programme aim on the standard that is not a restart starts after it, LearnStartDate_13 "
               "reports the fault on that aim instead.",
          fix=NEWER_STANDARD, scope=("apprenticeship",))
def component_after_standard_closed(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for aim in _standard_aims(learner, codes.AIM_COMPONENT):
        began = _programme_start(learner, aim.std_code)  # type: ignore[arg-type]
        found = ctx.lars.standard(aim.std_code)
        if (began is not None and found is not None and found.effective_to is not None and began > found.effective_to
                and not any(p.std_code == aim.std_code and p.learn_start_date > found.effective_to
                            for p in _standard_aims(learner, codes.AIM_PROGRAMME))):
            yield rule.problem(ctx, f"component aim {aim.aim_seq_number} is on standard {aim.std_code}, whose "
                               f"programme started on {began}, after the standard closed ({found.effective_to})", aim,
                               line=aim.line_of("std_code"))


TECHNICAL_QUALIFICATION_OUTSIDE_TLEVEL = Broken(
    "ProgType_16", "aim", topic="delivery", field="ProgType",
    when=(lars_aim_type(TLEVEL_TECHNICAL_QUALIFICATION) & ~prog_type(codes.PROG_TLEVEL) & ~fund_model(codes.FM_NON_FUNDED)
          & ~has_fam("LDM", codes.LDM_ADULT_TLEVEL_PILOT)),
    fact=lambda item: (f"{_named_item(item)} is a T Level technical qualification with ProgType "
                       f"{item.aim.prog_type if item.aim.prog_type is not None else '(not returned)'}"),
    what="An aim that LARS types as a T Level technical qualification (LearnAimRefType 1468) has ProgType 31, "
         "except in the adult T Level pilot (LDM 384) and non-funded T Levels (FundModel 99).",
    fix="Record the technical qualification within the T Level: ProgType 31, AimType 5.")


@official("R_129", topic="delivery",
          what="A learner with a core aim (AimType 5) that LARS types as a T Level technical qualification "
               "(1468) has a programme aim (AimType 1). A T Level (ProgType 30 or 31) core aim without its "
               "programme aim is ILR404's finding, and one with another ProgType ProgType_16's, so this rule "
               "reports the aims those leave: the adult T Level pilot (LDM 384) and non-funded (FundModel 99).",
          fix="Add the T Level programme aim: ZPROG001, AimType 1, ProgType 31.")
def technical_qualification_needs_programme(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    if learner.programme_aims():
        return
    for aim in learner.deliveries:
        if (aim.aim_type == codes.AIM_CORE and not aim.is_tlevel
                and (aim.fund_model == codes.FM_NON_FUNDED or aim.has_fam("LDM", codes.LDM_ADULT_TLEVEL_PILOT))
                and ctx.lars.is_technical_qualification(aim.learn_aim_ref)):
            yield rule.problem(ctx, f"{_named(aim)} is a T Level technical qualification and the learner has no "
                               "programme aim", aim)


DEVOLVED_BOOTCAMP = Broken(
    "LearnAimRef_153", "aim", topic="delivery", when=fund_model(codes.FM_ADULT_SKILLS_OLD) & lars_category(67),
    fact=lambda item: f"{_named_item(item)} is an Exceptional Devolved Skills Bootcamps aim (LARS category 67) with "
                      "FundModel 35",
    what="An aim in LARS category 67 (Exceptional Devolved Skills Bootcamps) is not adult skills funded (FundModel 35).",
    fix="Correct the FundModel (skills bootcamps are FundModel 37) or the aim.")
OFFENDER_SECURITY_LICENCE = Broken(
    "LearnAimRef_56", "aim", topic="delivery",
    when=(fund_model(35, 81) & started(on_or_after=date(2015, 8, 1)) & has_fam("LDM", codes.LDM_OLASS, 328)
          & lars_category(22)),
    fact=lambda item: f"{_named_item(item)} is a Security Licence to Practise aim (LARS category 22) funded for an "
                      "OLASS or RoTL learner",
    what="An aim started on or after 1 August 2015 with FundModel 35 or 81 and LDM 034 (OLASS) or 328 (release on "
         "temporary licence) is not in LARS category 22 (Security Licence to Practise).",
    fix="Fund the aim another way, or correct the aim or the LDM code.")


def _within(records: tuple[Validity, ...], day: date) -> bool:
    return any((r.start is None or r.start <= day) and (r.end is None or day <= r.end) for r in records)


def _original_start_rule(rule: str, applies: When, categories: tuple[str, ...], funding: str) -> Broken:
    """OrigLearnStartDate lies in one of the aim's validity periods of ``categories``."""
    def outside(item: Item) -> bool:
        records = tuple(r for c in categories for r in _lars(item).validities_in(c))
        return bool(records) and not _within(records, item.aim.orig_learn_start_date)  # type: ignore[arg-type]
    # no record at all: the stream's validity rule reports it
    return Broken(rule, "aim", topic="delivery", field="OrigLearnStartDate",
                  when=applies & known("OrigLearnStartDate") & LARS_KNOWN & When(outside),
                  fact=lambda item: f"{_named_item(item)} has OrigLearnStartDate {item.aim.orig_learn_start_date}, "
                                    f"outside its {categories[0]} validity in LARS",
                  fix=f"{LOOK}: correct OrigLearnStartDate, or the aim.",
                  what=f"On an aim {funding}, a returned OrigLearnStartDate lies within one of the aim's "
                       f"{', '.join(categories)} validity periods in LARS.")


ASF_FROM = date(2024, 8, 1)  # the Adult Skills Fund (FundModel 38) began
ORIGINAL_START_ADULT = _original_start_rule(
    "OrigLearnStartDate_06", fund_model(35) & ~prog_type(codes.PROG_STANDARD) & ~has_fam("LDM", 378),
    ("ADULT_SKILLS", "UNEMPLOYED", "OLASS_ADULT"),
    "funded by adult skills (FundModel 35; not apprenticeships nor Level 3 Free Courses for Jobs, LDM 378)")
ORIGINAL_START_ANY = _original_start_rule(
    "OrigLearnStartDate_07", fund_model(81) | fund_model(36) & prog_type(codes.PROG_STANDARD), ("ANY",),
    "funded as other adult (FundModel 81) or an apprenticeship standard (FundModel 36, ProgType 25)")
ORIGINAL_START_LOAN = _original_start_rule(
    "OrigLearnStartDate_08", fund_model(99) & has_fam(codes.FAM_LOAN), ("ADV_LEARN_LOAN",),
    "financed by an Advanced Learner Loan (FundModel 99 with ADL)")
ORIGINAL_START_BOOTCAMP = _original_start_rule(
    "OrigLearnStartDate_10", fund_model(37), ("ANY",), "funded as a skills bootcamp (FundModel 37)")
ORIGINAL_START_ASF = _original_start_rule(
    "OrigLearnStartDate_11",
    # an original start before the Adult Skills Fund began (1 August 2024) is FundModel_21's finding
    fund_model(38) & ~has_fam("LDM", 378) & When(lambda item: item.aim.orig_learn_start_date is not None
                                                  and item.aim.orig_learn_start_date >= ASF_FROM),
    ("ADULT_SKILLS",), "funded by the Adult Skills Fund (FundModel 38; not Level 3 Free Courses for Jobs, LDM 378; "
                       "an original start before 1 August 2024 is reported by FundModel_21)")


NOT_ESOL = LARS_KNOWN & ~lars_basic_skills(*ESOL)
"""LARS knows the aim and it is not an ESOL aim (BasicSkillsType 36 to 42) on its start date."""
ADD_HOURS_NOT_ESOL = Broken(
    "AddHours_03", "aim", topic="delivery", field="AddHours", when=known("AddHours") & NOT_ESOL,
    fact=lambda item: f"{_named_item(item)} has AddHours but is not an ESOL aim in LARS",
    what="AddHours are returned only on ESOL aims: LARS BasicSkillsType 36 to 42 on the aim's start date.",
    fix="Remove AddHours: additional delivery hours are for ESOL aims only.")
ADDITIONAL_HOURS_NOT_ESOL = Broken(
    "HRSType_11", "aim", topic="delivery", scope=("hrs",), when=has_hrs(6) & fund_model(35, 38, 81) & NOT_ESOL,
    fact=lambda item: f"{_named_item(item)} has additional delivery hours (HRS 6) but is not an ESOL aim in LARS",
    what="Additional delivery hours (HRSRecord HRS 6, from 2026-27) are returned only on ESOL aims: LARS "
         "BasicSkillsType 36 to 42 on the aim's start date. On an aim not funded by adult skills or as other adult "
         "(FundModel 35, 38 or 81) HRS 6 is HRSType_10's finding, so this rule reports the aims that one leaves.",
    fix="Remove the HRSRecord with HRSCode 6: additional delivery hours are for ESOL aims only.")
APPRENTICESHIP_UNIT = 91  # LARS category: Growth and Skills Levy short courses, apprenticeship units
UNIT_NOT_IN_CATEGORY = Broken(
    "LearnDelFAMType_140", "aim", topic="fam", when=has_fam("LDM", 403) & LARS_KNOWN & ~lars_category(APPRENTICESHIP_UNIT),
    fact=lambda item: f"{_named_item(item)} has LDM 403 (apprenticeship unit) but is not in LARS category 91",
    what="An aim with LDM 403 (Apprenticeship Unit Identifier) is in LARS category 91 (Growth and Skills Levy short "
         "courses: apprenticeship units).",
    fix="Choose the apprenticeship unit's aim from LARS category 91, or remove LDM 403.")


def _card_dates_differ(item: Item) -> bool:
    aim = item.aim
    return aim.learn_plan_end_date != aim.learn_start_date or (
        aim.learn_act_end_date is not None and aim.learn_act_end_date != aim.learn_start_date)


CSCS_CARD_DATES = Broken(
    "LearnAimRef_155", "aim", topic="delivery", field="LearnPlanEndDate",
    when=When(lambda item: (found := item.ctx.lars.aim(item.aim.learn_aim_ref)) is not None and found.is_cscs_card)
    & When(_card_dates_differ),
    fact=lambda item: (f"{_named_item(item)} is a CSCS card aim starting on {item.aim.learn_start_date}, planned to "
                       f"end on {item.aim.learn_plan_end_date}"
                       + (f" and ended on {item.aim.learn_act_end_date}" if item.aim.learn_act_end_date else "")),
    what="A CSCS (Construction Skills Certification Scheme) card aim (LARS parent category 76, or category 76 "
         "itself) starts, is planned to end and ends on one day: LearnStartDate, LearnPlanEndDate and, once "
         "returned, LearnActEndDate are the same. An aim still open is judged on its two dates.",
    fix="Record the CSCS card aim on one day: LearnPlanEndDate and LearnActEndDate equal to LearnStartDate.")


NOT_FREE_COURSES = LARS_KNOWN & ~(lars_category(45) | lars_category(46) | lars_category(49) | lars_category(56))
"""The aim is in none of the Free Courses for Jobs LARS categories (45, 46 NSF level 3 rates 1 and 2, 49 short
qualification, 56 MCA/GLA flexible)."""


def _free_courses_rule(rule: str, applies: When, what: str) -> Broken:
    """LDM 378 (Level 3 Free Courses for Jobs) on an aim outside the Free Courses for Jobs LARS categories."""
    return Broken(rule, "aim", topic="fam", when=has_fam("LDM", 378) & applies & NOT_FREE_COURSES,
                  fact=lambda item: f"{_named_item(item)} has LDM 378 (Level 3 Free Courses for Jobs) and no Free "
                                    "Courses for Jobs category in LARS",
                  what=what, fix="Remove LDM 378, or correct the aim.")


FREE_COURSES_ASF = _free_courses_rule(
    "LearnDelFAMType_121", started(on_or_after=date(2024, 8, 1)) & fund_model(38) & ~has_fam("LDM", 395),
    "An Adult Skills Fund aim (FundModel 38) started on or after 1 August 2024 with LDM 378 is in LARS category "
    "45, 46, 49 or 56, except in the Project S pilot (LDM 395; the rule's exclusion writes 95).")
FREE_COURSES_ADULT_SKILLS = _free_courses_rule(
    "LearnDelFAMType_98", started(before=date(2024, 8, 1)) & fund_model(35) & ~lars_category(48),
    "An adult skills aim (FundModel 35) started on or before 31 July 2024 with LDM 378 is in LARS category 45, 46, "
    "49 or 56, or category 48 (National Skills Fund Level 3 Adult Offer only).")
REGULATED = frozenset({"EOQ", "EOU", "EQQ"})


PROCURED_AEB_NOT_REGULATED = Broken(
    "LearnDelFAMType_117", "aim", topic="fam",
    when=has_fam("LDM", 388) & LARS_KNOWN & When(lambda item: _lars(item).genre.upper() not in REGULATED)
    & ~lars_category(65),
    fact=lambda item: f"{_named_item(item)} has LDM 388 but is neither regulated nor an AEB procurement 2023 "
                      "non-regulated aim in LARS",
    what="An aim with LDM 388 (adult education budget procurement 2023) has a regulated LARS LearningDeliveryGenre "
         "(EOQ, EOU, EQQ) or is in LARS category 65 (AEB procurement 2023 non-regulated aims). The rule's condition "
         "joins the two with 'or' where its description asks for one or the other; the description is followed.",
    fix="Remove LDM 388, or correct the aim.")


UNDERGRADUATE_TYPES = ("0394", "1406", "1407", "1408", "9000", "9002", "9107", "E007", "9112", "9111", "9110", "9113")
POSTGRADUATE_TYPES = ("0393", "1410", "2001", "9100", "9101", "9109", "E008", "1411", "1412", "9103")
FUNDING_LEVEL_FIX = "Correct FUNDLEV to the aim's level, or check the learning aim reference against LARS."
UNDERGRADUATE_FUNDING_LEVEL = Broken(
    "FUNDLEV_02", "ld_he", topic="he", field="FUNDLEV",
    when=(started(on_or_after=date(2009, 8, 1)) & lars_aim_type(*UNDERGRADUATE_TYPES)
          & known("FUNDLEV") & ~value("FUNDLEV", 10, 11, 99)),
    what="An aim started on or after 1 August 2009 that LARS types as undergraduate (LearnAimRefType "
         f"{', '.join(UNDERGRADUATE_TYPES)}) has FUNDLEV 10 or 11 (undergraduate) or 99 (not in the HESES "
         "population).", fix=FUNDING_LEVEL_FIX)
POSTGRADUATE_FUNDING_LEVEL = Broken(
    "FUNDLEV_03", "ld_he", topic="he", field="FUNDLEV",
    when=(started(on_or_after=date(2009, 8, 1)) & lars_aim_type(*POSTGRADUATE_TYPES)
          & known("FUNDLEV") & ~value("FUNDLEV", 20, 21, 30, 31, 99)),
    what="An aim started on or after 1 August 2009 that LARS types as postgraduate (LearnAimRefType "
         f"{', '.join(POSTGRADUATE_TYPES)}) has FUNDLEV 20, 21, 30 or 31 (postgraduate) or 99 (not in the HESES "
         "population).", fix=FUNDING_LEVEL_FIX)
HIGHER_LEVEL = lars_level("4", "5", "6", "7", "8", "H")


def _no_he_below_level_4(rule: str, fund: int, funding: str) -> Broken:
    return Broken(rule, "ld_he", topic="he", when=fund_model(fund) & LARS_KNOWN & ~HIGHER_LEVEL,
                  fact=lambda item: f"{_named_item(item)} is {funding} at level 3 or below in LARS and has a "
                                    "LearningDeliveryHE record",
                  what=f"A {funding} aim (FundModel {fund}) at level 3 or below in LARS (NotionalNVQLevelv2 not 4 to "
                       "8 or H) has no LearningDeliveryHE record.",
                  fix="Remove the LearningDeliveryHE record, or check the aim's level in LARS.")


COMMUNITY_LEARNING_HE = _no_he_below_level_4("LearningDeliveryHE_06", 10, "community learning funded")
TAILORED_LEARNING_HE = _no_he_below_level_4("LearningDeliveryHE_09", 11, "tailored learning funded")
