"""Official rules on programmes that need LARS to tell one aim from another.

Skills bootcamp subject aims are the aims in LARS category 62 (on their start date);
English and maths aims are those LARS gives an English or maths BasicSkillsType or the
English and maths common component (20); a T Level's technical qualification and occupational
specialism belong together when LARS's FrameworkAims table lists both under one framework and
pathway; a trailblazer standard's core government contribution cap is LARS StandardFunding's.
They run only with ``--lars``; see :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem
from ilr_lint.model import AppFinRecord, Learner, LearningDelivery
from ilr_lint.official.predicates import (
    LARS_ENGLISH_MATHS, LARS_KNOWN, age_at_start, aim_type, fund_model, has_fam, lars_category, lars_standard,
    learner_has_fam, prog_type, started, value,
)
from ilr_lint.official.rows import Broken, Function, official

BOOTCAMP_SUBJECT = 62  # LARS category of the skills bootcamp subject learning aims


def _subject_aims(learner: Learner, ctx: Context, programme: LearningDelivery) -> list[LearningDelivery]:
    """The bootcamp subject aims (component, LARS category 62) with the programme aim's contract reference."""
    found = []
    for aim in learner.deliveries:
        if aim.aim_type == codes.AIM_COMPONENT and aim.con_ref_number == programme.con_ref_number:
            lars = ctx.lars.aim(aim.learn_aim_ref)
            if lars is not None and lars.in_category(BOOTCAMP_SUBJECT, aim.learn_start_date):
                found.append(aim)
    return found


def _bootcamp_programmes(learner: Learner) -> Iterator[LearningDelivery]:
    return (a for a in learner.deliveries if a.is_programme_aim and a.prog_type == codes.PROG_BOOTCAMP)


@official("R_139", topic="cross", scope=("bootcamp",),
          what="A completed skills bootcamp programme (ProgType 32, AimType 1, CompStatus 2) has a closed subject "
               "aim (a component in LARS category 62 with a LearnActEndDate) with the same ConRefNumber. The "
               "rule's condition says 'not returned' where its description says 'closed'; the description is "
               "followed.", fix="Close the subject aim (LearnActEndDate, CompStatus, Outcome) or correct the "
                                "programme aim's CompStatus.")
def bootcamp_completed_needs_closed_subject(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for programme in _bootcamp_programmes(learner):
        if programme.comp_status == codes.COMPLETED and not any(
                a.learn_act_end_date is not None for a in _subject_aims(learner, ctx, programme)):
            yield rule.problem(ctx, f"bootcamp programme aim {programme.aim_seq_number} is completed and no subject "
                               "aim with its ConRefNumber is closed", programme)


@official("R_141", topic="cross", scope=("bootcamp",),
          what="An open skills bootcamp programme (ProgType 32, AimType 1, no LearnActEndDate) has a subject aim "
               "(a component in LARS category 62) with the same ConRefNumber.",
          fix="Add the bootcamp's subject aim with the programme's ConRefNumber, or correct the ConRefNumber.")
def bootcamp_needs_subject(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for programme in _bootcamp_programmes(learner):
        if programme.learn_act_end_date is None and not _subject_aims(learner, ctx, programme):
            yield rule.problem(ctx, f"open bootcamp programme aim {programme.aim_seq_number} has no subject aim with "
                               "its ConRefNumber", programme)


@official("R_149", topic="cross", scope=("bootcamp",),
          what="For a skills bootcamp programme started on or after 1 August 2024, no subject aim (LARS category "
               "62) with the programme's ConRefNumber starts before the earliest programme aim with that "
               "ConRefNumber.", fix="Correct the subject aim's LearnStartDate, or the programme aim's.")
def bootcamp_subject_before_programme(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    programmes = [p for p in _bootcamp_programmes(learner) if p.learn_start_date >= date(2024, 8, 1)]
    seen: set[str | None] = set()
    for programme in programmes:
        if programme.con_ref_number in seen:
            continue
        seen.add(programme.con_ref_number)
        earliest = min(p.learn_start_date for p in learner.deliveries
                       if p.is_programme_aim and p.con_ref_number == programme.con_ref_number)
        for aim in _subject_aims(learner, ctx, programme):
            if aim.learn_start_date < earliest:
                yield rule.problem(ctx, f"subject aim {aim.aim_seq_number} starts on {aim.learn_start_date}, before "
                                   f"its bootcamp programme ({earliest})", aim, line=aim.line_of("learn_start_date"))


def _english_maths_during_apprenticeship(rule: Function, learner: Learner, ctx: Context, fund: int,
                                         started_by: date | None) -> Iterator[Problem]:
    """An English or maths aim of FundModel ``fund`` started on or after an open apprenticeship programme's start (DD32)."""
    open_programmes = [a.learn_start_date for a in learner.deliveries if a.is_programme_aim
                       and a.fund_model == codes.FM_APPRENTICESHIPS and a.learn_act_end_date is None]
    if not open_programmes:
        return
    since = min(open_programmes)
    for aim in learner.deliveries:
        if aim.fund_model != fund or aim.learn_start_date < since or (started_by and aim.learn_start_date > started_by):
            continue
        found = ctx.lars.aim(aim.learn_aim_ref)
        if found is not None and found.is_english_maths(aim.learn_start_date):
            yield rule.problem(ctx, f"English or maths aim {aim.aim_seq_number} ({aim.learn_aim_ref}) with FundModel "
                               f"{fund} starts on {aim.learn_start_date}, while the learner is on an apprenticeship "
                               f"(since {since})", aim)


@official("R_89", topic="cross",
          what="When the learner's latest programme aim (AimType 1, the latest LearnStartDate) has a LearnActEndDate, "
               "no component aim (AimType 3) of the same programme (ProgType, StdCode, FworkCode and PwayCode) ends "
               "after it; English and maths components (an English or maths BasicSkillsType in LARS) are excluded.",
          fix="Correct the programme aim's LearnActEndDate (a programme ends on or after its last component "
              "aim's end) or the component aim's.")
def programme_ends_before_component(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    programme = None
    for aim in learner.deliveries:
        if aim.is_programme_aim and (programme is None or aim.learn_start_date > programme.learn_start_date):
            programme = aim
    end = programme.learn_act_end_date if programme is not None else None
    if programme is None or end is None:
        return
    later = [a for a in learner.deliveries if a.aim_type == codes.AIM_COMPONENT
             and a.programme_key == programme.programme_key and a.learn_act_end_date is not None
             and a.learn_act_end_date > end and not _english_maths(ctx, a)]
    if later:
        last = max(later, key=lambda a: a.learn_act_end_date)  # type: ignore[arg-type, return-value]
        yield rule.problem(ctx, f"programme aim {programme.aim_seq_number} ends on {end}, before its component aim "
                           f"{last.aim_seq_number} ({last.learn_act_end_date})", programme,
                           line=programme.line_of("learn_act_end_date"))


def _english_maths(ctx: Context, aim: LearningDelivery) -> bool:
    """An English or maths aim in LARS: any of its annual values gives it such a BasicSkillsType (the rule's list)."""
    found = ctx.lars.aim(aim.learn_aim_ref)
    return found is not None and found.ever_english_maths()


ON_APPRENTICESHIP = ("An apprentice's English and maths are funded within the apprenticeship: record the aim as a "
                     "component of the programme (FundModel 36), not as separate adult skills provision.")


@official("R_114", topic="cross", scope=("fm36",),
          what="An adult skills funded (FundModel 35) English or maths aim (DD31) started on or before 31 July 2024 "
               "does not start on or after the start of an open apprenticeship programme aim (DD32: FundModel 36, "
               "AimType 1, no LearnActEndDate).", fix=ON_APPRENTICESHIP)
def adult_skills_english_maths_on_apprenticeship(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    yield from _english_maths_during_apprenticeship(rule, learner, ctx, codes.FM_ADULT_SKILLS_OLD, date(2024, 7, 31))


@official("R_146", topic="cross", scope=("fm36",),
          what="An Adult Skills Fund (FundModel 38) English or maths aim (DD40) does not start on or after the "
               "start of an open apprenticeship programme aim (DD32).", fix=ON_APPRENTICESHIP)
def asf_english_maths_on_apprenticeship(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    yield from _english_maths_during_apprenticeship(rule, learner, ctx, codes.FM_ADULT_SKILLS, None)


APPRENTICESHIP_ENGLISH_MATHS = fund_model(36) & aim_type(3) & LARS_ENGLISH_MATHS

ACT_OUTSIDE_APPRENTICESHIP = Broken(
    "LearnDelFAMType_63", "aim_fam", topic="fam", field="LearnDelFAMType",
    # has_fam("ACT") keys the row to aims with ACT records: their other FAMs are tried, no one else's
    when=(has_fam("ACT") & value("LearnDelFAMType", "ACT") & LARS_KNOWN & ~(fund_model(36) & aim_type(1))
          & ~APPRENTICESHIP_ENGLISH_MATHS),
    fact="an ACT (apprenticeship contract type) record on an aim that is neither an apprenticeship programme aim "
         "nor an apprenticeship English or maths aim",
    what="ACT is returned only on apprenticeship funded (FundModel 36) programme aims and English or maths "
         "component aims (LARS BasicSkillsType or common component 20). The rule's exclusion reads as if both "
         "conditions applied to every aim; ilr-lint takes it as the guidance puts it: programme aims, and English "
         "and maths aims.", fix="Remove the ACT records from this aim.")
LEARNING_SUPPORT_ON_COMPONENT = Broken(
    "LearnDelFAMType_67", "aim_fam", topic="fam", scope=("fm36",), field="LearnDelFAMType",
    when=value("LearnDelFAMType", "LSF") & fund_model(36) & aim_type(3) & LARS_KNOWN & ~LARS_ENGLISH_MATHS,
    fact="learning support funding (LSF) on an apprenticeship component aim that is not English or maths",
    what="On an apprenticeship funded (FundModel 36) component aim, learning support funding (LSF) is returned "
         "only if LARS makes the aim an English or maths aim.",
    fix="Record LSF on the programme aim (or on the English or maths aim), not on this component.")


STANDARD_PROGRAMME = fund_model(36) & prog_type(25) & aim_type(1) & ~has_fam("RES")
"""A funded apprenticeship standard's programme aim, not a restart (the age rules' scope)."""
FOUNDATION_APPRENTICE_25_PLUS = Broken(
    "DateOfBirth_59", "aim", topic="learner", scope=("fm36",),
    when=(STANDARD_PROGRAMME & started(on_or_after=date(2025, 8, 1))
          & lars_standard(lambda s: s.type_code.upper() == "A0001") & age_at_start(at_least=25)),
    fact="a foundation apprenticeship (LARS standard type A0001) for a learner aged 25 or over at the start",
    what="A foundation apprenticeship programme (a standard of LARS ApprenticeshipStandardTypeCode A0001, "
         "FundModel 36, AimType 1) started on or after 1 August 2025 is for a learner under 25 at the start; "
         "restarts are excluded.", fix="Correct the StdCode or the learner's DateOfBirth; a learner of 25 or over "
                                       "cannot start a funded foundation apprenticeship.")
LEVEL_7_AGE = (STANDARD_PROGRAMME & started(on_or_after=date(2026, 1, 1))
               & lars_standard(lambda s: s.end_level == "7") & ~age_at_start(at_least=16, under=22)
               & ~(has_fam("LDM", 362) & age_at_start(under=25)) & ~(learner_has_fam("EHC") & age_at_start(under=25)))
LEVEL_7_WHAT = ("A level 7 apprenticeship standard programme (LARS NotionalEndLevel 7, FundModel 36, AimType 1) "
                "started on or after 1 January 2026 is for a learner aged 16 to 21 at the start, or under 25 and a "
                "care leaver (LDM 362) or with an education, health and care plan (LearnerFAM EHC); restarts are "
                "excluded. The rule is DateofBirth_60 in 2025-26 and DateOfBirth_60 in 2026-27.")
LEVEL_7_FACT = "a level 7 apprenticeship (LARS) for a learner outside the funded ages at the start"
LEVEL_7_FIX = "Check the learner's age and eligibility (care leaver LDM 362, EHC plan); level 7 apprenticeships " \
              "are funded only for these learners."
LEVEL_7_AGE_2526 = Broken("DateofBirth_60", "aim", topic="learner", scope=("fm36",), when=LEVEL_7_AGE, fact=LEVEL_7_FACT,
                          what=LEVEL_7_WHAT, fix=LEVEL_7_FIX)
LEVEL_7_AGE_2627 = Broken("DateOfBirth_60", "aim", topic="learner", scope=("fm36",), when=LEVEL_7_AGE, fact=LEVEL_7_FACT,
                          what=LEVEL_7_WHAT, fix=LEVEL_7_FIX)


BOOTCAMP_SUBJECT_OUTSIDE_BOOTCAMP = Broken(
    "ProgType_23", "aim", topic="delivery", field="ProgType", also=("ProgType_24",),
    when=lars_category(BOOTCAMP_SUBJECT) & ~prog_type(codes.PROG_BOOTCAMP) & ~has_fam("LDM", 396),
    fact="a skills bootcamp subject aim (LARS category 62) without the skills bootcamp ProgType 32",
    what="A skills bootcamp subject aim (LARS category 62) has ProgType 32 (skills bootcamp), except in the Project S "
         "pilot for skills bootcamps (LDM 396). ProgType_24 states the same rule; ilr-lint reports it once, "
         "as ProgType_23.", fix="Record the aim within a skills bootcamp (ProgType 32), or choose another aim.")


CONSTRUCTION = "5.2"  # SectorSubjectAreaTier2 of Building and Construction


def _cscs(ctx: Context, aim: LearningDelivery) -> bool:
    found = ctx.lars.aim(aim.learn_aim_ref)
    return found is not None and found.is_cscs_card


@official("R_158", topic="cross", scope=("adult-skills",),
          what="An Adult Skills Fund aim (FundModel 38) that is a CSCS (Construction Skills Certification Scheme) "
               "card in LARS (category 76) starts within another FundModel 38 aim that is a Building and "
               "Construction aim in LARS (SectorSubjectAreaTier2 5.2) and not a CSCS card: on or after its "
               "LearnStartDate and, if it has ended, on or before its LearnActEndDate. Aims with DAM 023 (the MCA "
               "and GLA delivery exclusion) are excluded.",
          fix="Record the CSCS card aim within the construction learning it supports (its start within that aim's "
              "dates), or correct the aim or its dates.")
def cscs_card_within_construction(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    funded = [a for a in learner.deliveries if a.fund_model == codes.FM_ADULT_SKILLS]
    cards = [a for a in funded if not a.has_fam("DAM", "023") and _cscs(ctx, a)]
    if not cards:
        return
    construction = [a for a in funded if (found := ctx.lars.aim(a.learn_aim_ref)) is not None
                    and found.in_sector(CONSTRUCTION) and not found.is_cscs_card]
    for card in cards:
        if not any(c.in_learning_on(card.learn_start_date) for c in construction):
            yield rule.problem(ctx, f"CSCS card aim {card.aim_seq_number} ({card.learn_aim_ref}) starts on "
                               f"{card.learn_start_date}, within no other Adult Skills Fund construction aim", card,
                               line=card.line_of("learn_start_date"))


def _open(learner: Learner) -> Iterator[LearningDelivery]:
    return (a for a in learner.deliveries if a.learn_act_end_date is None)


@official("R_147", topic="cross",
          what="An open T Level technical qualification (LARS LearnAimRefType 1468) and an open occupational "
               "specialism (LearnAimRef ZTLOS...) share a framework code and pathway in LARS's FrameworkAims "
               "table (the rule's condition; its message also names the programme type).",
          fix="Check that the occupational specialism belongs to the T Level of the technical qualification "
              "(LARS 'Find a learning aim'), and correct the one that is wrong.")
def tlevel_specialism_matches_qualification(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    specialisms = [a for a in _open(learner) if a.learn_aim_ref.upper().startswith("ZTLOS")]
    if not specialisms:
        return
    qualifications = [found for aim in _open(learner) if (found := ctx.lars.aim(aim.learn_aim_ref)) is not None
                      and found.is_tlevel_technical_qualification]
    for aim in specialisms if qualifications else ():
        specialism = ctx.lars.aim(aim.learn_aim_ref)
        if specialism is not None and not any(q.frameworks & specialism.frameworks for q in qualifications):
            yield rule.problem(ctx, f"occupational specialism aim {aim.aim_seq_number} ({aim.learn_aim_ref}) shares "
                               f"no framework and pathway with the technical qualification "
                               f"({', '.join(q.ref for q in qualifications)}) in LARS", aim,
                               line=aim.line_of("learn_aim_ref"))


def _latest_amount(records: list[AppFinRecord], fin_type: str, code: int) -> int:
    found = [r for r in records if r.type == fin_type and r.code == code]
    return max(found, key=lambda r: (r.date, r.line)).amount if found else 0


def _trailblazers(learner: Learner) -> dict[int, list[LearningDelivery]]:
    """The learner's trailblazer standard programme aims (FundModel 81, ProgType 25, AimType 1) by StdCode."""
    found: dict[int, list[LearningDelivery]] = {}
    for aim in learner.deliveries:
        if (aim.fund_model == codes.FM_OTHER_ADULT and aim.prog_type == codes.PROG_STANDARD and aim.is_programme_aim
                and aim.std_code is not None):
            found.setdefault(aim.std_code, []).append(aim)
    return found


@official("R_72", topic="finance", scope=("fin",), also=("R_73",),
          what="On a trailblazer apprenticeship standard (FundModel 81, ProgType 25), the employer's payments "
               "(PMR 1 and 2, less PMR 3) over the learner's programme aims on the standard do not exceed a third "
               "of the total negotiated price (the latest TNP 1 plus the latest TNP 2), where two thirds of that "
               "price is within the standard's core government contribution cap in LARS StandardFunding on the "
               "programme's earliest start (DD17 = N; where funding records disagree, the lowest cap). R_73 states "
               "the same rule; ilr-lint reports it once, as R_72.",
          fix="Correct the PMR amounts, or the total negotiated price (TNP 1 and 2).")
def trailblazer_employer_payments(rule: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
    for std_code, aims in _trailblazers(learner).items():
        records = [r for a in aims for r in a.app_fin_records]
        price = _latest_amount(records, "TNP", 1) + _latest_amount(records, "TNP", 2)
        paid = sum(r.amount if r.code in (1, 2) else -r.amount for r in records if r.type == "PMR" and r.code in (1, 2, 3))
        if 3 * paid <= price:
            continue
        standard = ctx.lars.standard(std_code)
        began = min(d for a in aims for d in (a.learn_start_date, a.orig_learn_start_date) if d is not None)
        cap = standard.cap_on(began) if standard is not None else None
        if cap is not None and 2 * price <= 3 * cap:
            yield rule.problem(ctx, f"the employer's payments on standard {std_code} ({paid}) exceed a third of its "
                               f"total negotiated price ({price})", aims[0])


TEAM_AIMS = frozenset({"60023995", "60027307", "60027629", "60032121", "60033344"})  # King's Trust TEAM programme
BELOW_GRADE_4 = frozenset({"3", "2", "1", "U", "D", "E", "F", "G", "X", "NONE"})
FUNCTIONAL_SKILLS_PASS_BELOW_3 = frozenset({"2", "1", "U", "E", "F", "G", "X", "NONE"})


def _minimum_hours_rule(rule: str, subject: str, category: str, exemption: str, grade: str, field: str,
                        recorded: str, note: str = "") -> Function:
    """A 16-19 learner whose condition of funding in ``subject`` applies records its minimum hours (``recorded``)."""
    def judge(check: Function, learner: Learner, ctx: Context) -> Iterator[Problem]:
        held = getattr(learner, grade)
        if held not in BELOW_GRADE_4 or any(f.type == recorded for f in learner.fams):
            return  # the cheapest tests first: this runs on every learner
        age = learner.age_on(date(ctx.year.first, 8, 31))
        codes_held = {f.code for f in learner.fams if f.type == exemption}
        if (age is None or age < 16 or codes_held & {"1", "2", "3", "4"}
                or ("5" in codes_held and held in FUNCTIONAL_SKILLS_PASS_BELOW_3) or not _planned_150_hours(learner)):
            return
        for aim in learner.deliveries:
            if (aim.fund_model == 25 and aim.has_fam("SOF", 107) and _condition_of_funding(aim, ctx, category)
                    and not (aim.prog_type == codes.PROG_TLEVEL and aim.learn_start_date < date(2022, 8, 1))):
                yield check.problem(ctx, f"the {subject} condition of funding applies (aim {aim.aim_seq_number}) and "
                                    f"no LearnerFAM {recorded} records the minimum hours", aim)
                return
    return official(rule, topic="learner", fix=f"Record the {subject} minimum hours (LearnerFAM {recorded}).",
                    what=f"A learner aged 16 or over on 31 August of the teaching year, with a 16-19 funded aim "
                         f"(FundModel 25, SOF 107) under the {subject} condition of funding (LARS validity category "
                         f"{category}, or a King's Trust TEAM aim with LDM 331), {field} 3 or "
                         f"below, no {exemption} exemption (1 to 4) and 150 or more planned hours has LearnerFAM "
                         f"{recorded} (the {subject} minimum hours); a functional skills level 2 pass ({exemption} 5) "
                         "with a grade below 3 and T Levels started before 1 August 2022 are excluded." + note)(judge)


def _planned_150_hours(learner: Learner) -> bool:
    if (learner.plan_learn_hours or 0) + (learner.plan_eep_hours or 0) >= 150:
        return True
    tlevels = [a for a in learner.deliveries if a.prog_type == codes.PROG_TLEVEL and a.is_programme_aim]
    latest = max(tlevels, key=lambda a: a.learn_start_date, default=None)
    return latest is not None and (latest.p_hours or 0) >= 150


def _condition_of_funding(aim: LearningDelivery, ctx: Context, category: str) -> bool:
    if aim.learn_aim_ref in TEAM_AIMS and aim.has_fam("LDM", 331):
        return True
    found = ctx.lars.aim(aim.learn_aim_ref)
    return found is not None and bool(found.validities_in(category))


ENGLISH_MINIMUM_HOURS = _minimum_hours_rule("R_155", "English", "EFACONFUNDENGLISH", "ECF", "eng_grade", "EngGrade", "EMH",
                                            " The rule's condition repeats R_156's MCF and MathGrade; its description "
                                            "(English: ECF, EngGrade) is followed.")
MATHS_MINIMUM_HOURS = _minimum_hours_rule("R_156", "maths", "EFACONFUNDMATHS", "MCF", "math_grade", "MathGrade", "MMH")
