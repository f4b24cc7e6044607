"""Official rules that look a learning aim or standard up in LARS (besides the validity family).

Each rule is enforced only with ``--lars``; without it the run lists it as not assessed.
The validity rules per funding stream are in :mod:`official_lars_validity`; ProgType_19 (a
T Level needs its technical qualification) stays with ILR405, which uses LARS when given it.
Source: ILR validation rules 2025 to 2026 (the rules that name LARS tables).
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.reference.lars import ESOL, Aim, Validity

GUIDANCE = "ILR validation rules: rules that use LARS; LARS: 'Find a learning aim'"
LOOK = "Check the aim against LARS ('Find a learning aim')"
LARS = ("lars",)


def _found(learner: Learner, ctx: Context) -> Iterator[tuple[LearningDelivery, Aim]]:
    """Each aim with its LARS record (aims LARS does not know are LearnAimRef_01's)."""
    for aim in learner.deliveries:
        found = ctx.lars.aim(aim.learn_aim_ref)
        if found is not None:
            yield aim, found


@check(code="LearnAimRef_01", name="learnaimref-01", topic="delivery", severity="error", needs=LARS,
       rules=("LearnAimRef_01",), guidance=GUIDANCE)
def aim_in_lars(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The learning aim reference is in LARS.

    **What.** Every LearnAimRef is a learning aim in the LARS download given.

    **Why.** The funder rejects an aim reference LARS does not know (LearnAimRef_01).

    **Fix.** Correct the LearnAimRef (find the aim in LARS, 'Find a learning aim'); if the
    aim is new, download the latest LARS.
    """
    for aim in learner.deliveries:
        if ctx.lars.aim(aim.learn_aim_ref) is None:
            yield Problem(f"aim {aim.aim_seq_number} has LearnAimRef {aim.learn_aim_ref}, which is not in LARS",
                          f"{LOOK}: correct the LearnAimRef, or download the latest LARS if the aim is new.",
                          aim, line=aim.line_of("learn_aim_ref"))


@check(code="StdCode_02", name="stdcode-02", topic="delivery", severity="error", needs=LARS,
       rules=("StdCode_02",), guidance=GUIDANCE)
def standard_in_lars(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The apprenticeship standard code is in LARS.

    **What.** A returned StdCode has validity records in LARS (StandardValidity).

    **Why.** The funder rejects a standard code LARS does not know (StdCode_02).

    **Fix.** Correct the StdCode to the standard's LARS code.
    """
    for aim in learner.deliveries:
        if aim.std_code is not None:
            found = ctx.lars.standard(aim.std_code)
            if found is None or not found.validities:
                yield Problem(f"aim {aim.aim_seq_number} has StdCode {aim.std_code}, which is not a standard in LARS",
                              "Correct the StdCode to the apprenticeship standard's code in LARS.",
                              aim, line=aim.line_of("std_code"))


def _standard_starts(learner: Learner) -> dict[int, date]:
    """DD18 per standard: the earliest start of the learner's ProgType 25 programme aims for it."""
    found: dict[int, date] = {}
    for aim in learner.deliveries:
        if aim.is_standard_programme_aim and aim.std_code is not None:
            found[aim.std_code] = min(found.get(aim.std_code, aim.learn_start_date), aim.learn_start_date)
    return found


def _standard_aims(learner: Learner, aim_type: int) -> Iterator[LearningDelivery]:
    for aim in learner.deliveries:
        if (aim.prog_type == codes.PROG_STANDARD and aim.aim_type == aim_type and aim.std_code is not None
                and not aim.is_restart):
            yield aim


@check(code="LearnStartDate_13", name="learnstartdate-13", topic="delivery", severity="error", needs=LARS,
       rules=("LearnStartDate_13",), guidance=GUIDANCE)
def programme_after_standard_closed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship standard's programme aim does not start after the standard's Effective To date.

    **What.** A ProgType 25 programme aim (not a restart) starts on or before the standard's
    EffectiveTo in LARS, when LARS gives one.

    **Why.** A standard that has closed takes no new apprentices (LearnStartDate_13).

    **Fix.** Correct the StdCode (the apprentice is on a newer standard) or LearnStartDate.
    """
    for aim in _standard_aims(learner, codes.AIM_PROGRAMME):
        found = ctx.lars.standard(aim.std_code)
        if found is not None and found.effective_to is not None and aim.learn_start_date > found.effective_to:
            yield Problem(f"aim {aim.aim_seq_number} starts on {aim.learn_start_date}, after standard {aim.std_code} "
                          f"closed in LARS ({found.effective_to})",
                          "Correct the StdCode (a newer standard) or the LearnStartDate.", aim,
                          line=aim.line_of("learn_start_date"))


@check(code="LearnStartDate_14", name="learnstartdate-14", topic="delivery", severity="error", needs=LARS,
       rules=("LearnStartDate_14",), guidance=GUIDANCE)
def component_after_standard_closed(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship standard's programme did not start after the standard's Effective To date (component aims).

    **What.** For a ProgType 25 component aim (not a restart), the earliest start of the
    learner's programme aims on that standard (DD18) is on or before the standard's
    EffectiveTo in LARS.

    **Why.** A closed standard takes no new apprentices (LearnStartDate_14).

    **Fix.** Correct the StdCode (a newer standard) or the programme's LearnStartDate.
    """
    starts = _standard_starts(learner)
    for aim in _standard_aims(learner, codes.AIM_COMPONENT):
        began = starts.get(aim.std_code)  # type: ignore[arg-type]
        found = ctx.lars.standard(aim.std_code)
        if began is not None and found is not None and found.effective_to is not None and began > found.effective_to:
            yield Problem(f"component aim {aim.aim_seq_number} is on standard {aim.std_code}, whose programme started "
                          f"on {began}, after the standard closed in LARS ({found.effective_to})",
                          "Correct the StdCode (a newer standard) or the programme's LearnStartDate.", aim,
                          line=aim.line_of("std_code"))


@check(code="LearnStartDate_17", name="learnstartdate-17", topic="delivery", severity="error", needs=LARS,
       rules=("LearnStartDate_17",), guidance=GUIDANCE)
def programme_before_standard_opened(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship standard's programme aim does not start before the standard's Effective From date.

    **What.** A ProgType 25 programme aim (not a restart) starts on or after the standard's
    EffectiveFrom in LARS.

    **Why.** No one can start a standard before it is approved for delivery (LearnStartDate_17).

    **Fix.** Correct the StdCode or the LearnStartDate.
    """
    for aim in _standard_aims(learner, codes.AIM_PROGRAMME):
        found = ctx.lars.standard(aim.std_code)
        if found is not None and found.effective_from is not None and aim.learn_start_date < found.effective_from:
            yield Problem(f"aim {aim.aim_seq_number} starts on {aim.learn_start_date}, before standard {aim.std_code} "
                          f"opened in LARS ({found.effective_from})", "Correct the StdCode or the LearnStartDate.",
                          aim, line=aim.line_of("learn_start_date"))


@check(code="LearnStartDate_18", name="learnstartdate-18", topic="delivery", severity="error", needs=LARS,
       rules=("LearnStartDate_18",), guidance=GUIDANCE)
def programme_after_last_starts(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship standard's programme aim does not start after the standard's last date for starts.

    **What.** A ProgType 25 programme aim (not a restart) starting on or after 1 August 2020
    starts on or before the standard's LastDateStarts in LARS. A start after the standard's
    EffectiveTo is LearnStartDate_13's finding instead.

    **Why.** A standard stops taking new starts before it closes (LearnStartDate_18).

    **Fix.** Correct the StdCode (a newer standard) or the LearnStartDate.
    """
    for aim in _standard_aims(learner, codes.AIM_PROGRAMME):
        found = ctx.lars.standard(aim.std_code)
        start = aim.learn_start_date
        if (found is not None and start >= date(2020, 8, 1) and found.last_date_starts is not None
                and start > found.last_date_starts and (found.effective_to is None or start <= found.effective_to)):
            yield Problem(f"aim {aim.aim_seq_number} starts on {start}, after the last date for starts on standard "
                          f"{aim.std_code} in LARS ({found.last_date_starts})",
                          "Correct the StdCode (a newer standard) or the LearnStartDate.", aim,
                          line=aim.line_of("learn_start_date"))


@check(code="ProgType_16", name="progtype-16", topic="delivery", severity="error", needs=LARS,
       rules=("ProgType_16",), guidance=GUIDANCE)
def technical_qualification_needs_tlevel(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level technical qualification is recorded with the T Level programme type.

    **What.** An aim whose LARS LearnAimRefType is 1468 (T Level technical qualification) has
    ProgType 31, except in the adult T Level pilot (LDM 384) and non-funded T Levels
    (FundModel 99).

    **Why.** The technical qualification is funded only as part of a T Level (ProgType_16).

    **Fix.** Record the aim within the T Level: ProgType 31, AimType 5.
    """
    for aim, found in _found(learner, ctx):
        if (found.is_tlevel_technical_qualification and aim.prog_type != codes.PROG_TLEVEL
                and aim.fund_model != codes.FM_NON_FUNDED and not aim.has_fam("LDM", codes.LDM_ADULT_TLEVEL_PILOT)):
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is a T Level technical qualification in "
                          f"LARS but has ProgType {aim.prog_type if aim.prog_type is not None else '(none)'}",
                          "Record the technical qualification within the T Level: ProgType 31, AimType 5.", aim,
                          line=aim.line_of("prog_type"))


@check(code="R_129", name="r-129", topic="delivery", severity="error", needs=LARS,
       rules=("R_129",), guidance=GUIDANCE)
def technical_qualification_needs_programme(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A T Level technical qualification has a programme aim.

    **What.** A learner with a core aim (AimType 5) that LARS types as a T Level technical
    qualification (1468) also has a programme aim (AimType 1).

    **Why.** The technical qualification belongs to a T Level programme (R_129).

    **Fix.** Add the T Level programme aim (ZPROG001, AimType 1, ProgType 31).
    """
    if learner.programme_aims():
        return
    for aim, found in _found(learner, ctx):
        if aim.aim_type == codes.AIM_CORE and found.is_tlevel_technical_qualification:
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is a T Level technical qualification but "
                          "the learner has no programme aim", "Add the T Level programme aim: ZPROG001, AimType 1, "
                          "ProgType 31.", aim)


@check(code="LearnAimRef_153", name="learnaimref-153", topic="delivery", severity="error", needs=LARS,
       rules=("LearnAimRef_153",), guidance=GUIDANCE)
def devolved_bootcamp_not_adult_skills(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An Exceptional Devolved Skills Bootcamps aim is not adult skills funded.

    **What.** An aim in LARS category 67 (Exceptional Devolved Skills Bootcamps) does not have
    FundModel 35.

    **Why.** These aims are funded as skills bootcamps, not through adult skills (LearnAimRef_153).

    **Fix.** Correct the FundModel (skills bootcamps are FundModel 37) or the aim.
    """
    for aim, found in _found(learner, ctx):
        if aim.fund_model == codes.FM_ADULT_SKILLS_OLD and found.in_category(67):
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is an Exceptional Devolved Skills Bootcamps "
                          "aim in LARS but has FundModel 35", "Correct the FundModel or the aim.", aim,
                          line=aim.line_of("fund_model"))


@check(code="LearnAimRef_56", name="learnaimref-56", topic="delivery", severity="error", needs=LARS,
       rules=("LearnAimRef_56",), guidance=GUIDANCE)
def offender_security_licence(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """OLASS and RoTL learners are not adult skills funded for Security Licence to Practise aims.

    **What.** An aim started on or after 1 August 2015 with FundModel 35 or 81 and LDM 034
    (OLASS) or 328 (release on temporary licence) is not in LARS category 22 (Security
    Licence to Practise).

    **Why.** The funder does not fund these aims for offenders (LearnAimRef_56).

    **Fix.** Remove the aim from adult skills funding, or correct the aim or the monitoring code.
    """
    for aim, found in _found(learner, ctx):
        if (aim.learn_start_date >= date(2015, 8, 1) and aim.fund_model in (35, 81)
                and (aim.has_fam("LDM", codes.LDM_OLASS) or aim.has_fam("LDM", "328")) and found.in_category(22)):
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) is a Security Licence to Practise aim "
                          f"funded by FundModel {aim.fund_model} for an OLASS or RoTL learner",
                          "Fund the aim another way, or correct the aim or the LDM code.", aim)


def _within(records: tuple[Validity, ...], day: date) -> bool:
    return any((r.start is None or r.start <= day) and (r.end is None or day <= r.end) for r in records)


# OrigLearnStartDate rules: (rule, which aims, their validity categories)
ORIGINAL_START = (
    ("OrigLearnStartDate_06", lambda a: a.fund_model == 35 and a.prog_type != codes.PROG_STANDARD
     and not a.has_fam("LDM", "378"), ("ADULT_SKILLS", "UNEMPLOYED", "OLASS_ADULT")),
    ("OrigLearnStartDate_07", lambda a: a.fund_model == 81 or (a.fund_model == 36 and a.prog_type == codes.PROG_STANDARD),
     ("ANY",)),
    ("OrigLearnStartDate_08", lambda a: a.fund_model == 99 and a.has_fam(codes.FAM_LOAN), ("ADV_LEARN_LOAN",)),
    ("OrigLearnStartDate_10", lambda a: a.fund_model == 37, ("ANY",)),
)


def _original_start_rule(rule: str, applies, categories: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def run(learner: Learner, ctx: Context) -> Iterator[Problem]:
        for aim, found in _found(learner, ctx):
            day = aim.orig_learn_start_date
            if day is None or not applies(aim):
                continue
            records = tuple(r for c in categories for r in found.validities_in(c))
            if records and not _within(records, day):  # no record at all: the aim's own validity rule reports it
                yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) has OrigLearnStartDate {day}, outside "
                              f"every {categories[0]} validity period of the aim in LARS",
                              f"{LOOK}: correct OrigLearnStartDate, or the aim.", aim,
                              line=aim.line_of("orig_learn_start_date"))
    run.__doc__ = (f"The original start date lies within the aim's {categories[0]} validity in LARS.\n\n**What.** "
                   f"When OrigLearnStartDate is returned on an aim the rule covers, it falls between the start "
                   f"and end date of one of the aim's {', '.join(categories)} validity records.\n\n**Why.** "
                   f"Funding follows the original start date, so the aim must have been valid then ({rule}).\n\n"
                   f"**Fix.** Correct OrigLearnStartDate, or the aim.")
    return check(code=rule, name=rule.lower().replace("_", "-"), topic="delivery", severity="error", needs=LARS,
                 rules=(rule,), guidance=GUIDANCE)(run)


globals().update({rule: _original_start_rule(rule, applies, cats) for rule, applies, cats in ORIGINAL_START})


@check(code="AddHours_03", name="addhours-03", topic="delivery", severity="error", needs=LARS,
       rules=("AddHours_03",), guidance=GUIDANCE)
def add_hours_only_esol(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Additional delivery hours are recorded only on ESOL aims.

    **What.** An aim with AddHours has a LARS BasicSkillsType of 36 to 42 (ESOL) on its
    start date.

    **Why.** Additional hours are funded only for ESOL qualifications and units (AddHours_03).

    **Fix.** Remove AddHours from the aim.
    """
    for aim, found in _found(learner, ctx):
        if aim.add_hours is not None and found.basic_skills_type(aim.learn_start_date) not in ESOL:
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) has AddHours but is not an ESOL aim in LARS",
                          "Remove AddHours: additional delivery hours are for ESOL aims only.", aim,
                          line=aim.line_of("add_hours"))


FCFJ_CATEGORIES = frozenset({45, 46, 49, 56})  # NSF level 3 rates 1 and 2, short qualification, MCA/GLA flexible


def _fcfj_category(found: Aim) -> bool:
    return any(found.in_category(c) for c in FCFJ_CATEGORIES)


@check(code="LearnDelFAMType_121", name="learndelfamtype-121", topic="fam", severity="error", needs=LARS,
       rules=("LearnDelFAMType_121",), guidance=GUIDANCE)
def free_courses_category_asf(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A Free Courses for Jobs aim (Adult Skills Fund) is in a Free Courses for Jobs LARS category.

    **What.** An aim started on or after 1 August 2024 with FundModel 38 and LDM 378 is in LARS
    category 45, 46, 49 or 56, except in the Project S pilot (LDM 395).

    **Why.** Only these aims qualify for Level 3 Free Courses for Jobs (LearnDelFAMType_121).

    **Fix.** Remove LDM 378, or correct the aim.
    """
    for aim, found in _found(learner, ctx):
        if (aim.learn_start_date >= date(2024, 8, 1) and aim.fund_model == 38 and aim.has_fam("LDM", "378")
                and not aim.has_fam("LDM", "395") and not _fcfj_category(found)):
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) has LDM 378 (Free Courses for Jobs) but is "
                          "not in a Free Courses for Jobs category in LARS", "Remove LDM 378, or correct the aim.", aim)


@check(code="LearnDelFAMType_98", name="learndelfamtype-98", topic="fam", severity="error", needs=LARS,
       rules=("LearnDelFAMType_98",), guidance=GUIDANCE)
def free_courses_category_adult_skills(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A Free Courses for Jobs aim (adult skills, to July 2024) is in a Free Courses for Jobs LARS category.

    **What.** An aim started on or before 31 July 2024 with FundModel 35 and LDM 378 is in LARS
    category 45, 46, 49 or 56, or category 48 (National Skills Fund Level 3 Adult Offer only).

    **Why.** Only these aims qualified for the Level 3 offer (LearnDelFAMType_98).

    **Fix.** Remove LDM 378, or correct the aim.
    """
    for aim, found in _found(learner, ctx):
        if (aim.learn_start_date <= date(2024, 7, 31) and aim.fund_model == 35 and aim.has_fam("LDM", "378")
                and not _fcfj_category(found) and not found.in_category(48)):
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) has LDM 378 (Level 3 offer) but is not in a "
                          "Level 3 offer category in LARS", "Remove LDM 378, or correct the aim.", aim)


REGULATED = frozenset({"EOQ", "EOU", "EQQ"})


@check(code="LearnDelFAMType_117", name="learndelfamtype-117", topic="fam", severity="error", needs=LARS,
       rules=("LearnDelFAMType_117",), guidance=GUIDANCE)
def procured_aeb_regulated(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An aim under the 2023 adult education budget procurement is regulated or on the procurement's list.

    **What.** An aim with LDM 388 has a regulated LARS LearningDeliveryGenre (EOQ, EOU, EQQ)
    or is in LARS category 65 (AEB Procurement 2023 non-regulated aims). The rule's condition
    joins the two with 'or' where its description says 'must be one or the other'; the
    description is followed.

    **Why.** The procured provision funds only these aims (LearnDelFAMType_117).

    **Fix.** Remove LDM 388, or correct the aim.
    """
    for aim, found in _found(learner, ctx):
        if aim.has_fam("LDM", "388") and found.genre.upper() not in REGULATED and not found.in_category(65):
            yield Problem(f"aim {aim.aim_seq_number} ({aim.learn_aim_ref}) has LDM 388 but is neither regulated nor an "
                          "AEB procurement 2023 non-regulated aim in LARS", "Remove LDM 388, or correct the aim.", aim)
