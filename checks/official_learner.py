"""Topic ``learner``: official rules on the Learner record, its FAMs, LLDD and prior attainment.

Rules of the funder's validation rules list, category "Learner", that the file alone decides
(``ULN_*``, ``FamilyName_*``, ``GivenNames_*``, ``AddLine1_03``, ``Postcode_15``,
``LearnFAMType_*``, ``PrimaryLLDD_*``, ``LLDDHealthProb_*``, ``EngGrade_*``, ``MathGrade_*``,
``PlanLearnHours_*``, ``PriorAttain_*``, ...); the date-of-birth and duration rules are in
:mod:`.official_learner_age`. Personal fields are judged through the model's derived booleans
(returned, in the funder's format), never their values; see :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from operator import mul
from typing import Callable

from ilr_lint import codes
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.official.predicates import (
    ANY_RECORD, OLASS, When, age, first_of, fund_model, funded_by, funded_outside, has_fam, learner_is, prog_type,
    some_aim, year_is,
)
from ilr_lint.official.records import attribute
from ilr_lint.official.rows import Broken

TOPIC = "learner"
TEMPORARY_ULN = codes.TEMPORARY_ULN
ULN_WEIGHTS = range(10, 1, -1)  # DD01: the first nine digits' weights
ZERO = ord("0")
ZERO_WEIGHTED = ZERO * sum(ULN_WEIGHTS)
MET_CODES = frozenset({"2", "3", "4"})  # ECF/MCF: exempt from or met the condition of funding
LOW_GRADES = frozenset({"D", "DD", "DE", "E", "EE", "EF", "F", "FF", "FG", "G", "GG", "N", "U", "3", "2", "1"})


def any_aim(test: Callable[[LearningDelivery], bool], reads: tuple[str, ...] | None = None) -> When:
    """Some aim of the learner passes ``test``; ``reads=("aims",)`` where it reads only what the learner's
    signature holds of each aim (FundModel, ProgType, AimType, whether it is open)."""
    return When(lambda item: any(test(aim) for aim in item.learner.deliveries),
                static=None if reads is None else frozenset(reads))


def all_aims(test: Callable[[LearningDelivery], bool]) -> When:
    """The learner has aims, and every one passes ``test``."""
    return When(lambda item: bool(item.learner.deliveries) and all(test(aim) for aim in item.learner.deliveries))


def community_learning(aim: LearningDelivery) -> bool:
    """Community learning: FundModel 10, or non-funded (99) with source of funding 108."""
    return aim.fund_model == codes.FM_COMMUNITY or (aim.fund_model == codes.FM_NON_FUNDED and aim.has_fam("SOF", 108))


def tlevel(aim: LearningDelivery) -> bool:
    """A T Level programme aim: FundModel 25 with ProgType 31."""
    return aim.fund_model == codes.FM_16_19 and aim.prog_type == codes.PROG_TLEVEL


def lfam_count(learner: Learner, fam_type: str) -> int:
    """How many distinct codes of ``fam_type`` the learner has (a record repeated exactly is R_51's)."""
    return len({f.code for f in learner.fams if f.type == fam_type})


TEMPORARY = learner_is(lambda learner: learner.uln == TEMPORARY_ULN, reads=("uln_temporary",))
ALL_COMMUNITY = all_aims(community_learning)
SMALL_CL = ALL_COMMUNITY & learner_is(lambda learner: (learner.plan_learn_hours or 0) <= 10, reads=("hours",))
BIG_CL = ALL_COMMUNITY & learner_is(lambda learner: (learner.plan_learn_hours or 0) > 10, reads=("hours",))
JANUARY_ON = When(lambda item: item.ctx.file_preparation_date >= date(item.ctx.year.first + 1, 1, 1),
                  static=ANY_RECORD)


def _lasting(item_aim: LearningDelivery) -> bool:
    """Planned or actual duration of 5 days or more."""
    end = item_aim.learn_act_end_date
    return ((item_aim.learn_plan_end_date - item_aim.learn_start_date).days >= 5
            or (end is not None and (end - item_aim.learn_start_date).days >= 5))


def _started_within(days: int, *, more: bool) -> When:
    def test(item) -> bool:  # type: ignore[no-untyped-def]
        since = (item.ctx.file_preparation_date - item.aim.learn_start_date).days
        return since > days if more else since <= days
    return When(test)


LASTING = When(lambda item: _lasting(item.aim))
TEMP_ULN_FIX = "Record the learner's ULN from the Learning Records Service (9999999999 is only for the first weeks)."
ULN_FACT = "ULN is the temporary 9999999999"

OFS = fund_model(99) & has_fam("SOF", 1)
FUNDED = (fund_model(25, 82, 35, 37, 38, 36, 81) | (year_is("2627") & fund_model(39))
          | (fund_model(99) & has_fam("ADL", 1)))
RECENT, OLD = _started_within(60, more=False), _started_within(60, more=True)
ACT_1 = has_fam("ACT", 1)
# Rules on the temporary ULN, most severe first: the first that applies reports the learner.
ULN_WHEN = first_of({
    "ULN_13": TEMPORARY & some_aim(prog_type(34)),
    "ULN_07": TEMPORARY & JANUARY_ON & some_aim((FUNDED | fund_model(70)) & LASTING & OLD & ~OLASS & ~ACT_1),
    "ULN_11": TEMPORARY & JANUARY_ON & some_aim(OFS & LASTING & OLD & ~OLASS),
    "ULN_06": TEMPORARY & JANUARY_ON & some_aim(FUNDED & LASTING & RECENT & ~OLASS & ~ACT_1),
    "ULN_10": TEMPORARY & JANUARY_ON & some_aim(OFS & LASTING & RECENT & ~OLASS),
    "ULN_09": TEMPORARY & JANUARY_ON & some_aim(OLASS),
    "ULN_02": TEMPORARY & some_aim(((year_is("2526") & fund_model(10, 11, 99)) | (year_is("2627") & fund_model(11, 99)))
                                   & ~has_fam("SOF", 1)),
    "ULN_03": TEMPORARY & ~JANUARY_ON & ~some_aim(ACT_1),
})
ONE_FINDING = " Where a rule listed before it in ilr-lint's order (ULN_13, 07, 11, 06, 10, 09, 02, 03) applies, that one reports."


def _uln_rule(rule: str, what: str) -> Broken:
    return Broken(rule, "learner", topic=TOPIC, fact=ULN_FACT, when=ULN_WHEN[rule], what=what + ONE_FINDING,
                  fix=TEMP_ULN_FIX)


ULN_UNITS = _uln_rule("ULN_13", "An apprenticeship unit learner (ProgType 34) has a real ULN, not 9999999999.")
ULN_FUNDED_OLD = _uln_rule(
    "ULN_07", "From 1 January of the teaching year a learner with a funded aim (FundModel 25, 35, 36, 37, 38, 70, "
    "81, 82, 39 from 2026-27, or 99 with ADL 1) of 5 days or more, started more than 60 days before the file "
    "preparation date, has a real ULN. OLASS (LDM 034) and ACT 1 aims are exempt.")
ULN_OFS_OLD = _uln_rule(
    "ULN_11", "From 1 January of the teaching year a learner with an Office for Students funded aim (FundModel 99, "
    "SOF 1) of 5 days or more, started more than 60 days before the file preparation date, has a real ULN. OLASS "
    "aims are exempt.")
ULN_FUNDED_RECENT = _uln_rule(
    "ULN_06", "From 1 January of the teaching year a learner with a funded aim (as ULN_07, without FundModel 70) of "
    "5 days or more, started up to 60 days before the file preparation date, has a real ULN. OLASS and ACT 1 aims "
    "are exempt.")
ULN_OFS_RECENT = _uln_rule(
    "ULN_10", "From 1 January of the teaching year a learner with an Office for Students funded aim (FundModel 99, "
    "SOF 1) of 5 days or more, started up to 60 days before the file preparation date, has a real ULN. OLASS aims "
    "are exempt.")
ULN_OLASS = _uln_rule("ULN_09", "From 1 January of the teaching year an OLASS learner (LDM 034) has a real ULN.")
ULN_NON_FUNDED = _uln_rule(
    "ULN_02", "A learner with a non-funded or tailored learning aim (FundModel 99 or 11; also 10, community "
    "learning, up to 2025-26) has a real ULN. Office for Students funded aims (SOF 1) are exempt.")
ULN_BEFORE_JANUARY = _uln_rule(
    "ULN_03", "A file prepared before 1 January of its teaching year carries no temporary ULN (9999999999). "
    "Learners with an ACT 1 aim (contract with the employer) are exempt.")


def _uln_checksum_ok(uln: int) -> bool:
    """DD01: the tenth digit of a ULN is 10 minus the weighted sum (10 down to 2) of the first nine, mod 11."""
    if uln == TEMPORARY_ULN:
        return True
    if not 1_000_000_000 <= uln <= 9_999_999_999:
        return False
    digits = str(uln).encode()  # ASCII codes: each digit's value plus ord("0")
    remainder = (sum(map(mul, digits[:9], ULN_WEIGHTS)) - ZERO_WEIGHTED) % 11
    return remainder != 0 and 10 - remainder == digits[9] - ZERO


ULN_CHECKSUM = Broken(
    "ULN_04", "learner", topic=TOPIC, fact="ULN fails the checksum",
    when=learner_is(lambda learner: not _uln_checksum_ok(learner.uln)),
    what="The ULN passes the checksum (DD01: ten digits, the last being 10 minus the sum of the first nine "
         "weighted 10 down to 2, modulo 11).", fix="Correct the ULN from the Learning Records Service.")

REAL_ULN = learner_is(lambda learner: learner.uln != TEMPORARY_ULN, reads=("uln_temporary",))


def _name_rules(field: str, attr: str, words: str, rules: tuple[str, str, str]) -> tuple[Broken, Broken, Broken]:
    """FamilyName_01/_02/_04 and GivenNames_01/_02/_04: the same three rules for both names."""
    missing = learner_is(lambda learner: not getattr(learner, attr), reads=(attr,))
    fact, fix = f"{field} is not returned", f"Record the learner's {words} (never all spaces)."
    every, big, small = rules
    return (
        Broken(every, "learner", topic=TOPIC, fact=fact, when=missing & (year_is("2627") | ~ALL_COMMUNITY),
               what=f"The learner's {field} is returned and not all spaces. Up to 2025-26 a learner whose aims are "
                    f"all community learning is left to {big} and {small}.", fix=fix),
        Broken(big, "learner", topic=TOPIC, fact=fact, when=missing & BIG_CL,
               what=f"A learner whose aims are all community learning (FundModel 10, or 99 with SOF 108) with more "
                    f"than 10 planned learning hours has {field}.", fix=fix),
        Broken(small, "learner", topic=TOPIC, fact=fact, when=missing & SMALL_CL & REAL_ULN,
               what=f"A learner whose aims are all community learning with 10 planned learning hours or fewer, and "
                    f"a real ULN, has {field}.", fix=fix),
    )


FAMILY_NAME, FAMILY_NAME_CL, FAMILY_NAME_SHORT_CL = _name_rules(
    "FamilyName", "has_family_name", "family name", ("FamilyName_01", "FamilyName_02", "FamilyName_04"))
GIVEN_NAMES, GIVEN_NAMES_CL, GIVEN_NAMES_SHORT_CL = _name_rules(
    "GivenNames", "has_given_names", "given names", ("GivenNames_01", "GivenNames_02", "GivenNames_04"))

ADDRESS = Broken(
    "AddLine1_03", "learner", topic=TOPIC, fact="AddLine1 is not returned",
    when=learner_is(lambda learner: not learner.has_add_line1, reads=("has_add_line1",))
    & (year_is("2627") | ~SMALL_CL),
    what="The learner's address line 1 (AddLine1) is returned. Up to 2025-26 a learner whose aims are all "
         "community learning with 10 planned hours or fewer is exempt.", fix="Record AddLine1 of the address.")

POSTCODE_FORMAT = ("the funder's postcode format: one or two capital letters, then one or two digits or a digit "
                   "and a letter, a space, a digit and two capital letters other than C, I, K, M, O and V")
UNKNOWN_POSTCODE_FIX = ("Correct the {} (capital letters, one space), or record the ILR specification's code for "
                        "an unknown postcode if it is not known.")
POSTCODE = Broken(
    "Postcode_15", "learner", topic=TOPIC, fact="Postcode is not in the postcode format",
    when=learner_is(lambda learner: learner.postcode_valid is False, reads=("postcode_valid",)),
    what=f"The learner's Postcode is in {POSTCODE_FORMAT} (the ILR's code for an unknown postcode when it "
         "is not known).", fix=UNKNOWN_POSTCODE_FIX.format("Postcode"))

POSTCODE_PRIOR = Broken(
    "PostcodePrior_02", "learner", topic=TOPIC, fact="PostcodePrior is not in the postcode format",
    when=learner_is(lambda learner: learner.postcode_prior_valid is False, reads=("postcode_prior_valid",)),
    what=f"The learner's PostcodePrior is in {POSTCODE_FORMAT} (the ILR's code for an unknown postcode when "
         "it is not known).", fix=UNKNOWN_POSTCODE_FIX.format("PostcodePrior"))

NI_NUMBER = Broken(
    "NINumber_01", "learner", topic=TOPIC, fact="NINumber is not in the National Insurance number format",
    when=learner_is(lambda learner: learner.ni_number_valid is False, reads=("ni_number_valid",)),
    what="A returned NINumber has two letters (the first not D, F, I, Q, U or V; the second not D, F, I, O, Q, U "
         "or V), six digits and A, B, C, D or a space.", fix="Correct the NINumber, or leave it out if not known.")

ONCE_ONLY_LFAM = ("HNS", "EHC", "DLA", "SEN", "MCF", "ECF", "FME", "MMH", "EMH")
LFAM_ONCE = Broken(
    "LearnFAMType_09", "learner", topic=TOPIC,
    fact=lambda item: "LearnFAMType " + ", ".join(t for t in ONCE_ONLY_LFAM if lfam_count(item.learner, t) > 1)
    + " is returned more than once",
    when=learner_is(lambda learner: len(learner.fams) > 1 and any(lfam_count(learner, t) > 1 for t in ONCE_ONLY_LFAM),
                    reads=("fams",)),
    what="The LearnerFAM types HNS, EHC, DLA, SEN, MCF, ECF, FME, MMH and EMH are returned at most once each. "
         "(This counts distinct codes: a record repeated with the same code is R_51's.)",
    fix="Keep one LearnerFAM of the type, with the code that applies.")

LFAM_TWICE = Broken(
    "LearnFAMType_11", "learner", topic=TOPIC, fact="LearnFAMType NLM or EDF is returned more than twice",
    when=learner_is(lambda learner: lfam_count(learner, "NLM") > 2 or lfam_count(learner, "EDF") > 2, reads=("fams",)),
    what="The LearnerFAM types NLM and EDF are returned at most twice each (distinct codes; an exact repeat is "
         "R_51's).", fix="Remove the extra records.")

LSR_FOUR = Broken(
    "LearnFAMType_10", "learner", topic=TOPIC, fact="LearnFAMType LSR is returned more than four times",
    when=learner_is(lambda learner: lfam_count(learner, "LSR") > 4, reads=("fams",)),
    what="The LearnerFAM type LSR (learner support reason) is returned at most four times (distinct codes; an "
         "exact repeat is R_51's).",
    fix="Keep the four support reasons that apply.")

NLM_21_OR_22 = Broken(
    "LearnFAMType_17", "learner", topic=TOPIC, fact="both NLM 21 and NLM 22 are returned",
    when=learner_is(lambda learner: learner.has_fam("NLM", 21) and learner.has_fam("NLM", 22), reads=("fams",)),
    what="A learner repeating up to one final year of 16-19 provision (NLM 22) is not also in receipt of the "
         "16-19 tuition fund (NLM 21).", fix="Keep the NLM code that applies.")

ECF_NEEDS_EHC = Broken(
    "LearnFAMType_16", "learner", topic=TOPIC, fact="ECF 1 without an EHC record",
    when=learner_is(lambda learner: learner.has_fam("ECF", 1) and not learner.has_fam("EHC"), reads=("fams",)),
    what="A learner exempt from the English condition of funding for learning difficulties (ECF 1) has an "
         "education, health and care plan (LearnerFAM EHC).", fix="Record LearnerFAM EHC, or correct ECF.")

MCF_NEEDS_EHC = Broken(
    "LearnFAMType_15", "learner", topic=TOPIC, fact="MCF 1 without an EHC record",
    when=learner_is(lambda learner: learner.has_fam("MCF", 1) and not learner.has_fam("EHC"), reads=("fams",)),
    what="A learner exempt from the maths condition of funding for learning difficulties (MCF 1) has an "
         "education, health and care plan (LearnerFAM EHC).", fix="Record LearnerFAM EHC, or correct MCF.")

SEN_OR_EHC = Broken(
    "LearnFAMType_14", "learner", topic=TOPIC, fact="both SEN 1 and EHC 1 are returned",
    when=learner_is(lambda learner: learner.has_fam("SEN", 1) and learner.has_fam("EHC", 1), reads=("fams",)),
    what="A learner with special educational needs (SEN 1) has no EHC 1 as well: the plan supersedes it.",
    fix="Keep EHC 1 and remove SEN 1, or correct them.")

LLDD_PRIMARY_OF_ONE = Broken(
    "PrimaryLLDD_04", "lldd", topic=TOPIC, fact="the only LLDDandHealthProblem record has no PrimaryLLDD",
    when=learner_is(lambda learner: len(learner.lldd_and_health_problems) == 1)
    & When(lambda item: item.record.primary_lldd is None),
    what="A learner's only LLDD and health problem record is marked primary (PrimaryLLDD 1).",
    fix="Set PrimaryLLDD 1 on the record.")

LLDD_ONE_PRIMARY = Broken(
    "PrimaryLLDD_03", "learner", topic=TOPIC, fact="more than one LLDDandHealthProblem record has PrimaryLLDD 1",
    when=learner_is(lambda learner: sum(p.primary_lldd == 1 for p in learner.lldd_and_health_problems) > 1,
                    reads=("lldds",)),
    what="At most one LLDD and health problem record is marked primary (PrimaryLLDD 1).",
    fix="Keep PrimaryLLDD on the learner's main difficulty only.")

LLDD_PRIMARY = Broken(
    "PrimaryLLDD_01", "learner", topic=TOPIC, fact="no LLDDandHealthProblem record has PrimaryLLDD 1",
    when=learner_is(lambda learner: len(learner.lldd_and_health_problems) > 1
                    and not any(p.primary_lldd == 1 for p in learner.lldd_and_health_problems), reads=("lldds",))
    & learner_is(lambda learner: min((a.learn_start_date for a in learner.deliveries), default=date.min)
                 >= date(2015, 8, 1)),
    what="A learner with LLDD and health problem records whose earliest aim started from 1 August 2015 marks "
         "one of them primary (PrimaryLLDD 1). A single record without it is PrimaryLLDD_04.",
    fix="Set PrimaryLLDD 1 on the record of the learner's main difficulty.")


def _age_at_first_start(learner: Learner) -> int | None:
    first = min((a.learn_start_date for a in learner.deliveries), default=None)
    return None if first is None or learner.date_of_birth is None else age(learner.date_of_birth, first)


UNDER_25_AT_FIRST_START = learner_is(lambda learner: (_age_at_first_start(learner) or 0) < 25)
LLDD_MISSING = learner_is(lambda learner: learner.lldd_health_prob == 1 and not learner.lldd_and_health_problems,
                          reads=("lldd_health_prob", "lldds"))

LLDD_CL = Broken(
    "LLDDHealthProb_07", "learner", topic=TOPIC, fact="LLDDHealthProb 1 without an LLDDandHealthProblem record",
    when=LLDD_MISSING & BIG_CL & UNDER_25_AT_FIRST_START,
    what="A community learning learner (all aims) with more than 10 planned hours who declares a learning "
         "difficulty, disability or health problem (LLDDHealthProb 1) has an LLDD and health problem record. "
         "Learners 25 or over at their first start are exempt.", fix="Record the LLDDandHealthProblem categories.")

LLDD_RECORD = Broken(
    "LLDDHealthProb_06", "learner", topic=TOPIC, fact="LLDDHealthProb 1 without an LLDDandHealthProblem record",
    when=LLDD_MISSING & UNDER_25_AT_FIRST_START
    & ~funded_by(codes.FM_NON_FUNDED, only=True)
    & (year_is("2627") | ~funded_by(codes.FM_COMMUNITY, codes.FM_NON_FUNDED, only=True)),
    what="A learner who declares a learning difficulty, disability or health problem (LLDDHealthProb 1) has an "
         "LLDD and health problem record. Exempt: learners whose aims are all non-funded (FundModel 99; up to "
         "2025-26 also community learning, FundModel 10) and learners 25 or over at their first start.",
    fix="Record the LLDDandHealthProblem categories, or correct LLDDHealthProb.")

LLDD_NONE = Broken(
    "LLDDHealthProb_04", "learner", topic=TOPIC, fact="LLDDHealthProb 2 with LLDDandHealthProblem records",
    when=learner_is(lambda learner: learner.lldd_health_prob == 2 and bool(learner.lldd_and_health_problems),
                    reads=("lldd_health_prob", "lldds")),
    what="A learner who declares no learning difficulty, disability or health problem (LLDDHealthProb 2) has no "
         "LLDD and health problem records.", fix="Remove the LLDDandHealthProblem records, or correct LLDDHealthProb.")


def _grade_rules(subject: str, field: str, fam_type: str, edf: int, rules: tuple[str, str, str]
                 ) -> tuple[Broken, Broken, Broken]:
    """EngGrade_04/_03/_01 and MathGrade_04/_03/_01: the same three rules for English and maths."""
    def grade(learner: Learner) -> str | None:
        return getattr(learner, attribute(field))
    met, low, needed = rules
    return (
        Broken(met, "learner", topic=TOPIC, fact=f"{fam_type} 2, 3 or 4 with a {subject} grade other than NONE",
               when=learner_is(lambda lr: any(f.type == fam_type and f.code in MET_CODES for f in lr.fams)
                               and grade(lr) != "NONE", reads=("fams", attribute(field))),
               what=f"A learner exempt from or meeting the {subject} condition of funding ({fam_type} 2, 3 or 4) has "
                    f"{field} NONE.",
               fix=f"Set the GCSE {subject} grade to NONE, or correct {fam_type}."),
        Broken(low, "learner", topic=TOPIC, fact=f"a {subject} grade of D or 3 or below without EDF {edf}",
               when=learner_is(lambda lr: grade(lr) in LOW_GRADES and not lr.has_fam("EDF", edf),
                               reads=("fams", attribute(field))),
               what=f"A learner whose GCSE {subject} grade is D or 3 or below has LearnerFAM EDF {edf} (eligible for "
                    "disadvantage funding).", fix=f"Record LearnerFAM EDF {edf}, or correct the grade."),
        Broken(needed, "learner", topic=TOPIC, fact=f"no GCSE {subject} grade is returned",
               when=learner_is(lambda lr: grade(lr) is None, reads=(attribute(field),)) & funded_by(codes.FM_16_19),
               what=f"A learner with a 16-19 funded aim (FundModel 25) has a GCSE {subject} grade.",
               fix=f"Record the learner's best GCSE {subject} grade (NONE if none)."),
    )


ENGLISH_MET, ENGLISH_LOW, ENGLISH_NEEDED = _grade_rules(
    "English", "EngGrade", "ECF", 2, ("EngGrade_04", "EngGrade_03", "EngGrade_01"))
MATHS_MET, MATHS_LOW, MATHS_NEEDED = _grade_rules(
    "maths", "MathGrade", "MCF", 1, ("MathGrade_04", "MathGrade_03", "MathGrade_01"))

# --- planned hours, learning support and prior attainment -------------------------------------------------
EXEMPT_FROM_HOURS = any_aim(lambda aim: aim.fund_model == codes.FM_OTHER_16_19 or tlevel(aim), reads=("aims",))
TOTAL_HOURS = lambda learner: (learner.plan_learn_hours or 0) + (learner.plan_eep_hours or 0)  # noqa: E731

HOURS_POSITIVE = Broken(
    "PlanLearnHours_02", "learner", topic=TOPIC, fact="PlanLearnHours is 0",
    when=learner_is(lambda learner: learner.plan_learn_hours == 0, reads=("hours",)) & some_aim(
        ~When(lambda item: tlevel(item.aim)) & ((year_is("2526") & fund_model(25, 35, 38, 37, 81, 10, 99))
                                                 | (year_is("2627") & fund_model(25, 35, 38, 37, 39, 81, 99)))),
    what="A learner with an aim of FundModel 25, 35, 37, 38, 81, 99 (10 up to 2025-26, 39 from 2026-27) has planned "
         "learning hours above zero. T Level aims are exempt.", fix="Record the planned learning hours.")

HOURS_AT_MOST_4000 = Broken(
    "PlanLearnHours_05", "learner", topic=TOPIC, fact="PlanLearnHours plus PlanEEPHours is over 4000",
    when=learner_is(lambda learner: learner.plan_learn_hours is not None and TOTAL_HOURS(learner) > 4000,
                    reads=("hours",))
    & ~EXEMPT_FROM_HOURS,
    what="Planned learning plus employability, enrichment and pastoral hours total at most 4000. Learners with "
         "other 16-19 (FundModel 82) or T Level aims are exempt.", fix="Correct PlanLearnHours and PlanEEPHours.")

HOURS_AT_MOST_1000 = Broken(
    "PlanLearnHours_04", "learner", topic=TOPIC, fact="PlanLearnHours plus PlanEEPHours is over 1000",
    when=learner_is(lambda learner: TOTAL_HOURS(learner) > 1000, reads=("hours",)) & ~EXEMPT_FROM_HOURS
    & ~HOURS_AT_MOST_4000.when,
    what="Planned learning plus employability, enrichment and pastoral hours total at most 1000 for the year. "
         "Learners with other 16-19 (FundModel 82) or T Level aims are exempt; over 4000 is PlanLearnHours_05's.",
    fix="Correct PlanLearnHours and PlanEEPHours (the hours of this teaching year).")

STUDY_PROGRAMME_HOURS = Broken(
    "PlanLearnHours_03", "learner", topic=TOPIC, fact="PlanLearnHours plus PlanEEPHours is 0",
    when=learner_is(lambda learner: learner.plan_learn_hours is not None and TOTAL_HOURS(learner) == 0,
                    reads=("hours",))
    & funded_by(codes.FM_16_19) & ~EXEMPT_FROM_HOURS,
    what="A learner with a 16-19 funded aim (FundModel 25) has planned learning plus employability, enrichment "
         "and pastoral hours above zero. Other 16-19 (FundModel 82) and T Level learners are exempt.",
    fix="Record the planned hours of the study programme.")

OPEN_LEARNER = any_aim(lambda aim: aim.learn_act_end_date is None, reads=("aims",))

HOURS_RETURNED = Broken(
    "PlanLearnHours_01", "learner", topic=TOPIC, fact="PlanLearnHours is not returned",
    when=learner_is(lambda learner: learner.plan_learn_hours is None, reads=("hours",)) & OPEN_LEARNER
    & ~EXEMPT_FROM_HOURS
    & any_aim(lambda aim: aim.prog_type != codes.PROG_STANDARD, reads=("aims",)),
    what="A learner returns PlanLearnHours. Exempt: learners whose aims are all apprenticeship standards (DD07) "
         "or all closed (LearnActEndDate returned), and learners with other 16-19 (FundModel 82) or T Level aims.",
    fix="Record the planned learning hours.")

EEP_HOURS_RETURNED = Broken(
    "PlanEEPHours_01", "learner", topic=TOPIC, fact="PlanEEPHours is not returned",
    when=learner_is(lambda learner: learner.plan_eep_hours is None, reads=("hours",)) & OPEN_LEARNER
    & any_aim(lambda aim: aim.fund_model == codes.FM_16_19 and aim.prog_type != codes.PROG_STANDARD and not tlevel(aim),
              reads=("aims",)),
    what="A learner with a 16-19 funded aim (FundModel 25) returns PlanEEPHours. Exempt: apprenticeships (DD07), "
         "T Level aims, and learners whose aims are all closed.", fix="Record the planned EEP hours (0 if none).")

LEARNING_SUPPORT_NEEDS_HNS = Broken(
    "ALSCost_02", "learner", topic=TOPIC, fact="ALSCost without a LearnerFAM HNS",
    when=learner_is(lambda learner: learner.als_cost is not None and not learner.has_fam("HNS"),
                    reads=("als_cost?", "fams")),
    what="A learner with a learning support cost (ALSCost) is a high needs student (LearnerFAM HNS).",
    fix="Record LearnerFAM HNS, or remove ALSCost.")

PRIOR_ATTAIN_ONE_PER_DATE = Broken(
    "PriorAttain_10", "learner", topic=TOPIC, fact="two PriorAttain records have the same DateLevelApp",
    when=learner_is(lambda learner: len(learner.prior_attain) > 1, reads=("prior",)) & learner_is(lambda learner: any(
        n > 1 for day, n in Counter(p.date_level_app for p in learner.prior_attain).items() if day is not None)),
    what="No two prior attainment records have the same DateLevelApp.", fix="Keep one record per date.")

PRIOR_ATTAIN_NOT_FUTURE = Broken(
    "PriorAttain_09", "prior_attain", topic=TOPIC, field="DateLevelApp",
    when=When(lambda item: item.record.date_level_app is not None
              and item.record.date_level_app > item.ctx.file_preparation_date),
    what="A DateLevelApp is not after the file preparation date.", fix="Correct DateLevelApp.")

PRIOR_LEVEL_4_FRAMEWORK = Broken(
    "PriorAttain_04", "aim", topic=TOPIC, fact="a level 4 or higher prior attainment on an FM35 framework",
    when=fund_model(35) & When(lambda item: item.aim.prog_type in (2, 3, 20))
    & learner_is(lambda learner: any(p.prior_level in (7, 8, 9, 10) for p in learner.prior_attain)),
    what="A learner with prior attainment at level 4 or above (PriorLevel 7, 8, 9 or 10) is not on an adult "
         "skills funded (FundModel 35) intermediate, advanced or higher level 4 apprenticeship (ProgType 2, 3, 20).",
    fix="Correct PriorLevel, or the aim's funding.")

PRIOR_ATTAIN_RETURNED = Broken(
    "PriorAttain_01", "learner", topic=TOPIC, fact="no PriorAttain with a PriorLevel is returned",
    when=learner_is(lambda learner: not any(p.prior_level is not None for p in learner.prior_attain), reads=("prior",))
    & ((year_is("2526") & funded_outside(10, 99, 25, 82, 11)) | (year_is("2627") & funded_outside(99, 25, 82, 11))),
    what="A learner with an aim funded otherwise than non-funded, 16-19 (FundModel 25, 82), tailored learning (11) "
         "or, up to 2025-26, community learning (10) returns a prior attainment level.",
    fix="Record PriorAttain with the learner's prior level and the date it applies from.")

PROVIDER_MONITORING_OCCURRENCE = Broken(
    "ProvSpecLearnMonOccur_01", "learner_monitoring", topic=TOPIC, field="ProvSpecLearnMonOccur",
    when=When(lambda item: item.record.occur not in ("A", "B")),
    what="A provider specified learner monitoring occurrence is A or B.", fix="Use occurrence A or B.")
