"""Official rules that look a learning aim or a standard up in LARS (besides the validity family).

They run only with ``--lars`` (their catalogue rows need LARS); without it the run lists them
as not assessed. The validity rules per funding stream are in :mod:`official_lars_validity`;
ProgType_19 (a T Level needs its technical qualification) stays with ILR405, which uses LARS
when given it. Each rule states its condition in ``what``; see :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.official.rows import Function, official
from ilr_lint.reference.lars import ESOL, Aim, Standard, Validity

LOOK = "Check the aim against LARS ('Find a learning aim')"
NEWER_STANDARD = "Correct the StdCode (the apprentice may be on a newer standard) or the LearnStartDate."


def _found(learner: Learner, ctx: Context) -> list[tuple[LearningDelivery, Aim]]:
    """Each aim with its LARS record (an aim LARS does not know is LearnAimRef_01's finding), once per learner."""
    held = ctx.scratch.get("lars-aims")
    if held is None or held[0] is not learner:
        lookup = ctx.lars.aim
        held = ctx.scratch["lars-aims"] = (learner, [(aim, found) for aim in learner.deliveries
                                                     if (found := lookup(aim.learn_aim_ref)) is not None])
    return held[1]


def _named(aim: LearningDelivery) -> str:
    return f"aim {aim.aim_seq_number} ({aim.learn_aim_ref})"


@official("LearnAimRef_01", topic="delivery", what="The learning aim reference is an aim in LARS.",
          fix=f"{LOOK}: correct the LearnAimRef, or download the latest LARS if the aim is new.")
def aim_in_lars(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for aim in learner.deliveries:
        if ctx.lars.aim(aim.learn_aim_ref) is None:
            yield rule.problem(ctx, f"aim {aim.aim_seq_number} has LearnAimRef {aim.learn_aim_ref}, not in LARS", aim,
                               line=aim.line_of("learn_aim_ref"))


@official("StdCode_02", topic="delivery", what="A returned StdCode is a standard with validity records in LARS.",
          fix="Correct the StdCode to the apprenticeship standard's code in LARS.")
def standard_in_lars(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for aim in learner.deliveries:
        if aim.std_code is not None:
            found = ctx.lars.standard(aim.std_code)
            if found is None or not found.validities:
                yield rule.problem(ctx, f"aim {aim.aim_seq_number} has StdCode {aim.std_code}, not a standard in LARS",
                                   aim, line=aim.line_of("std_code"))


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


@official("ProgType_16", topic="delivery",
          what="An aim that LARS types as a T Level technical qualification (LearnAimRefType 1468) has "
               "ProgType 31, except in the adult T Level pilot (LDM 384) and non-funded T Levels (FundModel 99).",
          fix="Record the technical qualification within the T Level: ProgType 31, AimType 5.")
def technical_qualification_needs_tlevel(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for aim, found in _found(learner, ctx):
        if (found.is_tlevel_technical_qualification and aim.prog_type != codes.PROG_TLEVEL
                and aim.fund_model != codes.FM_NON_FUNDED and not aim.has_fam("LDM", codes.LDM_ADULT_TLEVEL_PILOT)):
            yield rule.problem(ctx, f"{_named(aim)} is a T Level technical qualification with ProgType "
                               f"{aim.prog_type if aim.prog_type is not None else '(not returned)'}", aim,
                               line=aim.line_of("prog_type"))


@official("R_129", topic="delivery",
          what="A learner with a core aim (AimType 5) that LARS types as a T Level technical qualification "
               "(1468) has a programme aim (AimType 1). A T Level (ProgType 30 or 31) core aim without its "
               "programme aim is ILR404's finding, and one with another ProgType ProgType_16's, so this rule "
               "reports the aims those leave: the adult T Level pilot (LDM 384) and non-funded (FundModel 99).",
          fix="Add the T Level programme aim: ZPROG001, AimType 1, ProgType 31.")
def technical_qualification_needs_programme(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    if learner.programme_aims():
        return
    for aim, found in _found(learner, ctx):
        if (aim.aim_type == codes.AIM_CORE and found.is_tlevel_technical_qualification and not aim.is_tlevel
                and (aim.fund_model == codes.FM_NON_FUNDED or aim.has_fam("LDM", codes.LDM_ADULT_TLEVEL_PILOT))):
            yield rule.problem(ctx, f"{_named(aim)} is a T Level technical qualification and the learner has no "
                               "programme aim", aim)


def _category_rule(rule: str, category: int, applies: Callable[[LearningDelivery], bool], fact: str, what: str,
                   fix: str) -> Function:
    """A rule broken by an aim ``applies`` holds for that is in LARS category ``category``."""
    def judge(check: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
        for aim, found in _found(learner, ctx):
            if applies(aim) and found.in_category(category):
                yield check.problem(ctx, f"{_named(aim)} {fact}", aim)
    return official(rule, topic="delivery", what=what, fix=fix)(judge)


DEVOLVED_BOOTCAMP = _category_rule(
    "LearnAimRef_153", 67, lambda a: a.fund_model == codes.FM_ADULT_SKILLS_OLD,
    "is an Exceptional Devolved Skills Bootcamps aim (LARS category 67) with FundModel 35",
    "An aim in LARS category 67 (Exceptional Devolved Skills Bootcamps) is not adult skills funded (FundModel 35).",
    "Correct the FundModel (skills bootcamps are FundModel 37) or the aim.")
OFFENDER_SECURITY_LICENCE = _category_rule(
    "LearnAimRef_56", 22, lambda a: (a.learn_start_date >= date(2015, 8, 1) and a.fund_model in (35, 81)
                                     and (a.has_fam("LDM", codes.LDM_OLASS) or a.has_fam("LDM", "328"))),
    "is a Security Licence to Practise aim (LARS category 22) funded for an OLASS or RoTL learner",
    "An aim started on or after 1 August 2015 with FundModel 35 or 81 and LDM 034 (OLASS) or 328 (release on "
    "temporary licence) is not in LARS category 22 (Security Licence to Practise).",
    "Fund the aim another way, or correct the aim or the LDM code.")


def _within(records: tuple[Validity, ...], day: date) -> bool:
    return any((r.start is None or r.start <= day) and (r.end is None or day <= r.end) for r in records)


def _original_start_rule(rule: str, applies: Callable[[LearningDelivery], bool], categories: tuple[str, ...],
                         funding: str) -> Function:
    """OrigLearnStartDate lies in one of the aim's validity periods of ``categories``."""
    def judge(check: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
        for aim, found in _found(learner, ctx):
            day = aim.orig_learn_start_date
            if day is None or not applies(aim):
                continue
            records = tuple(r for c in categories for r in found.validities_in(c))
            if records and not _within(records, day):  # no record at all: the stream's validity rule reports it
                yield check.problem(ctx, f"{_named(aim)} has OrigLearnStartDate {day}, outside its {categories[0]} "
                                    "validity in LARS", aim, line=aim.line_of("orig_learn_start_date"))
    return official(rule, topic="delivery", fix=f"{LOOK}: correct OrigLearnStartDate, or the aim.",
                    what=f"On an aim {funding}, a returned OrigLearnStartDate lies within one of the aim's "
                         f"{', '.join(categories)} validity periods in LARS.")(judge)


ORIGINAL_START_ADULT = _original_start_rule(
    "OrigLearnStartDate_06", lambda a: (a.fund_model == 35 and a.prog_type != codes.PROG_STANDARD
                                        and not a.has_fam("LDM", "378")),
    ("ADULT_SKILLS", "UNEMPLOYED", "OLASS_ADULT"),
    "funded by adult skills (FundModel 35; not apprenticeships nor Level 3 Free Courses for Jobs, LDM 378)")
ORIGINAL_START_ANY = _original_start_rule(
    "OrigLearnStartDate_07", lambda a: a.fund_model == 81 or (a.fund_model == 36 and a.prog_type == codes.PROG_STANDARD),
    ("ANY",), "funded as other adult (FundModel 81) or an apprenticeship standard (FundModel 36, ProgType 25)")
ORIGINAL_START_LOAN = _original_start_rule(
    "OrigLearnStartDate_08", lambda a: a.fund_model == 99 and a.has_fam(codes.FAM_LOAN), ("ADV_LEARN_LOAN",),
    "financed by an Advanced Learner Loan (FundModel 99 with ADL)")
ORIGINAL_START_BOOTCAMP = _original_start_rule(
    "OrigLearnStartDate_10", lambda a: a.fund_model == 37, ("ANY",), "funded as a skills bootcamp (FundModel 37)")
ORIGINAL_START_ASF = _original_start_rule(
    "OrigLearnStartDate_11",
    # an original start before the Adult Skills Fund began (1 August 2024) is FundModel_21's finding
    lambda a: a.fund_model == 38 and not a.has_fam("LDM", "378") and a.orig_learn_start_date is not None
    and a.orig_learn_start_date >= ASF_FROM, ("ADULT_SKILLS",),
    "funded by the Adult Skills Fund (FundModel 38; not Level 3 Free Courses for Jobs, LDM 378; an original start "
    "before 1 August 2024 is reported by FundModel_21)")


@official("AddHours_03", topic="delivery",
          what="AddHours are returned only on ESOL aims: LARS BasicSkillsType 36 to 42 on the aim's start date.",
          fix="Remove AddHours: additional delivery hours are for ESOL aims only.")
def add_hours_only_esol(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for aim, found in _found(learner, ctx):
        if aim.add_hours is not None and found.basic_skills_type(aim.learn_start_date) not in ESOL:
            yield rule.problem(ctx, f"{_named(aim)} has AddHours but is not an ESOL aim in LARS", aim,
                               line=aim.line_of("add_hours"))


ASF_FROM = date(2024, 8, 1)  # the Adult Skills Fund (FundModel 38) began
FREE_COURSES = frozenset({45, 46, 49, 56})  # NSF level 3 rates 1 and 2, short qualification, MCA/GLA flexible


def _free_courses_rule(rule: str, applies: Callable[[LearningDelivery, Aim], bool], what: str) -> Function:
    """LDM 378 (Level 3 Free Courses for Jobs) on an aim outside the Free Courses for Jobs LARS categories."""
    def judge(check: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
        for aim, found in _found(learner, ctx):
            if (aim.has_fam("LDM", "378") and applies(aim, found)
                    and not any(found.in_category(c) for c in FREE_COURSES)):
                yield check.problem(ctx, f"{_named(aim)} has LDM 378 (Level 3 Free Courses for Jobs) and no Free "
                                    "Courses for Jobs category in LARS", aim)
    return official(rule, topic="fam", what=what, fix="Remove LDM 378, or correct the aim.")(judge)


FREE_COURSES_ASF = _free_courses_rule(
    "LearnDelFAMType_121", lambda a, f: (a.learn_start_date >= date(2024, 8, 1) and a.fund_model == 38
                                         and not a.has_fam("LDM", "395")),
    "An Adult Skills Fund aim (FundModel 38) started on or after 1 August 2024 with LDM 378 is in LARS category "
    "45, 46, 49 or 56, except in the Project S pilot (LDM 395; the rule's exclusion writes 95).")
FREE_COURSES_ADULT_SKILLS = _free_courses_rule(
    "LearnDelFAMType_98", lambda a, f: (a.learn_start_date <= date(2024, 7, 31) and a.fund_model == 35
                                        and not f.in_category(48)),
    "An adult skills aim (FundModel 35) started on or before 31 July 2024 with LDM 378 is in LARS category 45, 46, "
    "49 or 56, or category 48 (National Skills Fund Level 3 Adult Offer only).")
REGULATED = frozenset({"EOQ", "EOU", "EQQ"})


@official("LearnDelFAMType_117", topic="fam",
          what="An aim with LDM 388 (adult education budget procurement 2023) has a regulated LARS "
               "LearningDeliveryGenre (EOQ, EOU, EQQ) or is in LARS category 65 (AEB procurement 2023 "
               "non-regulated aims). The rule's condition joins the two with 'or' where its description asks "
               "for one or the other; the description is followed.", fix="Remove LDM 388, or correct the aim.")
def procured_aeb_regulated(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for aim, found in _found(learner, ctx):
        if aim.has_fam("LDM", "388") and found.genre.upper() not in REGULATED and not found.in_category(65):
            yield rule.problem(ctx, f"{_named(aim)} has LDM 388 but is neither regulated nor an AEB procurement 2023 "
                               "non-regulated aim in LARS", aim)
