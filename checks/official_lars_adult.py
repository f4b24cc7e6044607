"""Official rules on adult skills aims that need LARS: level, entitlement, full funding, Free Courses for Jobs.

These rules overlap: a level 3 aim for a learner of 24 can break several at once. One fault,
one finding: each row leaves to the more specific rule the aims it reports (the order is
LearnAimRef_135 and _136, LearnDelFAMType_125, LearnAimRef_137, DateOfBirth_56; and
LearnDelFAMType_122 before _123 and _130; for adult skills (FundModel 35) up to July 2024, LearnAimRef_84, _79
and _85 before DateOfBirth_55, LearnDelFAMType_61 before _65 and _79 before _80). The derived
data items (DD12, DD21, DD29, DD38) are the rules list's definitions, in
:mod:`ilr_lint.official.predicates`. They run only with ``--lars``; see :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from datetime import date

from ilr_lint.official.predicates import (
    DD12, DD21, DD29, DD35, DD38, LARS_ENGLISH_MATHS, bsi, employment_at_start, When, age_at_start, fund_model, has_fam, lars_aim_type, lars_basic_skills, lars_category,
    lars_level, prior_level_at_start, prog_type, started,
)
from ilr_lint.official.rows import Broken

ADULT = ("adult-skills",)  # every rule here concerns a FundModel 35 or 38 aim
ASF = fund_model(38) & started(on_or_after=date(2024, 8, 1))
"""An Adult Skills Fund aim started on or after 1 August 2024."""
AGED_19_TO_23 = age_at_start(at_least=19, under=24)
AGED_24_PLUS = age_at_start(at_least=24)
RESTART = has_fam("RES")
DEVOLVED_FULL_FUNDING = has_fam("DAM", "023")
COMBINED_AUTHORITY = DD35
FULL_FUNDING_CLAIMED = has_fam("FFI", 1) & ~has_fam("LDM", 391)
"""FFI 1 (fully funded) without LDM 391 (learner earning below the earnings threshold)."""
DIGITAL = lars_basic_skills(43, 44)  # essential digital skills, digital functional skills
UP_TO_LEVEL_2 = lars_level("E", "1", "2")
FULL_LEVEL_3_OR_ABOVE = prior_level_at_start(6, 7, 8, 9, 10, 97, 98)
FIX_FUNDING = "Claim co-funding (remove FFI 1) or, if the learner earns below the threshold, add LDM 391."
FIX_NOT_ASF = "Correct the funding: the aim cannot be Adult Skills Fund funded for this learner."

LEVEL_4 = ASF & lars_level("4") & ~DEVOLVED_FULL_FUNDING
NOT_ENTITLEMENT = (ASF & lars_level("3") & ~lars_category(38, on_start=True) & ~RESTART & ~DEVOLVED_FULL_FUNDING
                   & ~has_fam("LDM", 378, 395))
ENTITLEMENT_WITHOUT_FCFJ = (ASF & AGED_24_PLUS & lars_level("3") & lars_category(38) & ~has_fam("LDM", 378, 395)
                            & ~RESTART & ~DEVOLVED_FULL_FUNDING)
PRIOR_LEVEL_3 = (ASF & FULL_LEVEL_3_OR_ABOVE & lars_level("3") & ~has_fam("LDM", 391) & ~RESTART
                 & ~DEVOLVED_FULL_FUNDING & ~NOT_ENTITLEMENT & ~ENTITLEMENT_WITHOUT_FCFJ)
LEVEL_2_NOT_ENTITLEMENT = (ASF & AGED_19_TO_23 & lars_level("2") & ~lars_category(37) & FULL_FUNDING_CLAIMED
                           & ~RESTART & ~LARS_ENGLISH_MATHS & ~DEVOLVED_FULL_FUNDING)

ASF_LEVEL_4 = Broken(
    "LearnAimRef_135", "aim", scope=ADULT, topic="delivery", when=LEVEL_4, fact="a level 4 aim (LARS) funded by the Adult Skills Fund",
    what="An Adult Skills Fund aim (FundModel 38) started on or after 1 August 2024 is not a level 4 aim in LARS, "
         "except with full funding for learners in devolved areas (DAM 023).", fix=FIX_NOT_ASF)
ASF_LEVEL_3_ENTITLEMENT = Broken(
    "LearnAimRef_136", "aim", scope=ADULT, topic="delivery", when=NOT_ENTITLEMENT,
    fact="a level 3 aim (LARS) outside the entitlement category 38 on its start date",
    what="An Adult Skills Fund level 3 aim started on or after 1 August 2024 is in LARS category 38 (the level 3 "
         "entitlement) on its start date; restarts, DAM 023, Free Courses for Jobs (LDM 378) and the Project S "
         "pilot (LDM 395) are excluded.", fix=FIX_NOT_ASF)
ASF_ENTITLEMENT_24_PLUS = Broken(
    "LearnDelFAMType_125", "aim", scope=ADULT, topic="fam", when=ENTITLEMENT_WITHOUT_FCFJ,
    fact="a level 3 entitlement aim (LARS category 38) for a learner aged 24 or over without LDM 378",
    what="An Adult Skills Fund level 3 entitlement aim (LARS category 38) started on or after 1 August 2024 for a "
         "learner aged 24 or over at the start has LDM 378 (Free Courses for Jobs); restarts, DAM 023 and LDM 395 "
         "are excluded.", fix="Add LDM 378 if the aim is delivered as Free Courses for Jobs; otherwise correct "
                              "the funding.")
ASF_PRIOR_LEVEL_3 = Broken(
    "LearnAimRef_137", "aim", scope=ADULT, topic="delivery", when=PRIOR_LEVEL_3,
    fact="a level 3 aim (LARS) for a learner already qualified to full level 3 and not earning below the threshold",
    what="An Adult Skills Fund aim started on or after 1 August 2024 for a learner whose prior attainment on the "
         "start date (the latest PriorAttain dated on or before it) is full level 3 or above (6 to 10, 97, 98) is "
         "not a level 3 aim in LARS, unless LDM 391 (earning below the threshold); restarts and DAM 023 are "
         "excluded.", fix="Add LDM 391 if the learner earns below the threshold; otherwise correct the funding.")
ASF_24_PLUS_LEVEL_3 = Broken(
    "DateOfBirth_56", "aim", scope=ADULT, topic="learner",
    when=(ASF & AGED_24_PLUS & lars_level("3", "4", "5", "6", "7", "8", "H") & ~RESTART & ~DEVOLVED_FULL_FUNDING
          & ~lars_aim_type("0002", "1413", "1430", "1431", "1453") & ~has_fam("LDM", 378, 395)
          & ~LEVEL_4 & ~NOT_ENTITLEMENT & ~ENTITLEMENT_WITHOUT_FCFJ & ~PRIOR_LEVEL_3),
    fact="a level 3 or above aim (LARS) funded by the Adult Skills Fund for a learner aged 24 or over",
    what="An aim started on or after 1 August 2024 for a learner aged 24 or over at the start, at level 3 or above "
         "in LARS, is not Adult Skills Fund funded; restarts, A levels, DAM 023, LDM 378 and LDM 395 are excluded.",
    fix=FIX_NOT_ASF)
FULL_FUNDING_LEVEL_2 = Broken(
    "LearnDelFAMType_122", "aim", scope=ADULT, topic="fam", when=LEVEL_2_NOT_ENTITLEMENT,
    fact="FFI 1 (full funding) on a level 2 aim outside the entitlement (LARS category 37) without LDM 391",
    what="An Adult Skills Fund aim started on or after 1 August 2024 for a learner aged 19 to 23 at level 2 in "
         "LARS, outside category 37 (the level 2 entitlement), claims full funding (FFI 1) only with LDM 391 "
         "(earning below the threshold); restarts, English and maths and DAM 023 are excluded.", fix=FIX_FUNDING)
FULL_FUNDING_19_23 = Broken(
    "LearnDelFAMType_123", "aim", scope=ADULT, topic="fam",
    when=(ASF & AGED_19_TO_23 & UP_TO_LEVEL_2 & ~lars_category(37) & FULL_FUNDING_CLAIMED & ~RESTART
          & ~LARS_ENGLISH_MATHS & ~DIGITAL & ~COMBINED_AUTHORITY & ~LEVEL_2_NOT_ENTITLEMENT),
    fact="FFI 1 (full funding) on an aim up to level 2 outside the entitlement (LARS category 37) without LDM 391",
    what="An Adult Skills Fund aim started on or after 1 August 2024 for a learner aged 19 to 23, up to level 2 in "
         "LARS and outside category 37, claims full funding (FFI 1) only with LDM 391; restarts, English and "
         "maths, digital skills (BasicSkillsType 43, 44) and combined authorities are excluded.", fix=FIX_FUNDING)
FULL_FUNDING_24_PLUS = Broken(
    "LearnDelFAMType_124", "aim", scope=ADULT, topic="fam",
    when=(ASF & AGED_24_PLUS & UP_TO_LEVEL_2 & FULL_FUNDING_CLAIMED & ~RESTART & ~LARS_ENGLISH_MATHS & ~DIGITAL
          & ~DEVOLVED_FULL_FUNDING),
    fact="FFI 1 (full funding) on an aim up to level 2 for a learner aged 24 or over without LDM 391",
    what="An Adult Skills Fund aim started on or after 1 August 2024 for a learner aged 24 or over, up to level 2 in "
         "LARS, claims full funding (FFI 1) only with LDM 391; restarts, English and maths, digital skills and "
         "DAM 023 are excluded.", fix=FIX_FUNDING)
FULL_FUNDING_ENTITLEMENT_QUALIFIED = Broken(
    "LearnDelFAMType_130", "aim", scope=ADULT, topic="fam",
    when=(ASF & AGED_19_TO_23 & lars_category(37) & prior_level_at_start(4, 6, 7, 8, 9, 10, 97, 98)
          & FULL_FUNDING_CLAIMED & ~RESTART & ~LARS_ENGLISH_MATHS & ~DIGITAL & ~COMBINED_AUTHORITY),
    fact="FFI 1 (full funding) on a level 2 entitlement aim for a learner already qualified to level 2 or above "
         "without LDM 391",
    what="An Adult Skills Fund aim in LARS category 37 started on or after 1 August 2024 for a learner aged 19 to "
         "23 whose prior attainment is level 2 or above (4, 6 to 10, 97, 98) claims full funding (FFI 1) only with "
         "LDM 391; restarts, English and maths, digital skills and combined authorities are excluded.",
    fix=FIX_FUNDING)

# --- adult skills (FundModel 35) and Free Courses for Jobs, starts up to 31 July 2024 ------------------------
ADULT_SKILLS_2017_2024 = fund_model(35) & started(on_or_after=date(2017, 8, 1), before=date(2024, 8, 1))
"""An adult skills aim (FundModel 35) started between 1 August 2017 and 31 July 2024."""
FREE_COURSES = has_fam("LDM", 378)
STARTED_BY_JULY_2024 = started(before=date(2024, 8, 1))
NOT_ADULT_SKILLS_EXCLUSIONS = ~prog_type(25) & ~has_fam("LDM", "034") & ~RESTART & ~DEVOLVED_FULL_FUNDING & ~FREE_COURSES


def outside_category(*refs: int) -> When:
    """The aim is in one of these LARS categories, but none covers its start date."""
    return When(lambda item: any(lars_category(r)(item) for r in refs)
                and not any(lars_category(r, on_start=True)(item) for r in refs))


ADULT_NOT_ENTITLEMENT = (ADULT_SKILLS_2017_2024 & lars_level("3") & ~lars_category(38, on_start=True)
                         & NOT_ADULT_SKILLS_EXCLUSIONS & ~prog_type(24))
ADULT_LEVEL_4 = (fund_model(35) & started(on_or_after=date(2016, 8, 1), before=date(2024, 8, 1)) & lars_level("4")
                 & ~prog_type(25) & ~has_fam("LDM", "034") & ~RESTART & ~DEVOLVED_FULL_FUNDING)
ADULT_PRIOR_LEVEL_3 = (ADULT_SKILLS_2017_2024 & FULL_LEVEL_3_OR_ABOVE & lars_level("3") & ~prog_type(25, 24) & ~RESTART
                       & ~DEVOLVED_FULL_FUNDING & ~FREE_COURSES & ~DD38 & ~has_fam("LDM", 382) & ~ADULT_NOT_ENTITLEMENT)
ADULT_LEVEL_3_ENTITLEMENT = Broken(
    "LearnAimRef_84", "aim", scope=ADULT, topic="delivery", when=ADULT_NOT_ENTITLEMENT,
    fact="a level 3 aim (LARS) outside the entitlement category 38 on its start date",
    what="An adult skills level 3 aim (FundModel 35) started between 1 August 2017 and 31 July 2024 is in LARS "
         "category 38 on its start date; apprenticeships, OLASS (LDM 034), restarts, DAM 023, traineeships and "
         "LDM 378 are excluded.", fix=FIX_NOT_ASF.replace("Adult Skills Fund", "adult skills"))
ADULT_24_PLUS_LEVEL_3 = Broken(
    "DateOfBirth_55", "aim", scope=ADULT, topic="learner",
    when=(ADULT_SKILLS_2017_2024 & AGED_24_PLUS & lars_level("3", "4", "5", "6", "7", "8", "H")
          & NOT_ADULT_SKILLS_EXCLUSIONS & ~lars_aim_type("0002", "1413", "1430", "1431", "1453")
          & ~ADULT_NOT_ENTITLEMENT & ~ADULT_LEVEL_4 & ~ADULT_PRIOR_LEVEL_3),
    fact="a level 3 or above aim (LARS) funded by adult skills for a learner aged 24 or over",
    what="An aim started between 1 August 2017 and 31 July 2024 for a learner aged 24 or over at the start, at "
         "level 3 or above in LARS, is not adult skills funded (FundModel 35); apprenticeships, OLASS, restarts, A "
         "levels, DAM 023 and LDM 378 are excluded. An aim LearnAimRef_84, _79 or _85 reports is left to it.",
    fix=FIX_NOT_ASF.replace("Adult Skills Fund", "adult skills"))
LEVEL_3_OFFER_NEEDS_LDM = Broken(
    "LearnDelFAMType_99", "aim", scope=ADULT, topic="fam",
    when=fund_model(35) & STARTED_BY_JULY_2024 & lars_category(48) & ~FREE_COURSES & ~COMBINED_AUTHORITY,
    fact="an aim in LARS category 48 (National Skills Fund Level 3 Adult Offer only) without LDM 378",
    what="An adult skills aim (FundModel 35) started on or before 31 July 2024 in LARS category 48 (National "
         "Skills Fund Level 3 Adult Offer only) has LDM 378; combined authorities are excluded.",
    fix="Add LearningDeliveryFAM LDM 378 (Level 3 Free Courses for Jobs).")
FLEXIBLE_NEEDS_COMBINED_AUTHORITY = Broken(
    "LearnDelFAMType_110", "aim", topic="fam",
    when=FREE_COURSES & ~COMBINED_AUTHORITY & lars_category(56, on_start=True) & ~RESTART,
    fact="LDM 378 on an aim in LARS category 56 (MCA and GLA only flexible delivery) without combined authority "
         "funding",
    what="An aim with LDM 378 in LARS category 56 (Free Courses for Jobs, MCA and GLA only flexible delivery) on "
         "its start date is funded by a combined authority (SOF 110 to 120); restarts are excluded.",
    fix="Correct the source of funding (SOF) or the aim.")
FREE_COURSES_DATES = Broken(
    "LearnDelFAMType_114", "aim", topic="fam",
    when=STARTED_BY_JULY_2024 & FREE_COURSES & ~COMBINED_AUTHORITY & outside_category(45, 46) & ~RESTART,
    fact="LDM 378 on an aim that is in LARS category 45 or 46 but not on its start date",
    what="An aim started on or before 31 July 2024 with LDM 378, not funded by a combined authority, in LARS "
         "category 45 or 46 (National Skills Fund Level 3 Adult Offer rates 1 and 2), starts within that "
         "category's effective dates; restarts are excluded.", fix="Correct the LearnStartDate, or remove LDM 378.")
FLEXIBLE_DATES = Broken(
    "LearnDelFAMType_129", "aim", topic="fam",
    when=FREE_COURSES & COMBINED_AUTHORITY & outside_category(56) & ~lars_category(45) & ~lars_category(46)
    & ~RESTART,
    fact="LDM 378 on a combined authority aim that is in LARS category 56 but not on its start date",
    what="A combined authority aim (SOF 110 to 120) with LDM 378 in LARS category 56 starts within that "
         "category's effective dates; restarts and aims in categories 45 and 46 are excluded.",
    fix="Correct the LearnStartDate, or remove LDM 378.")

ADULT_LEVEL_4_AIM = Broken(
    "LearnAimRef_79", "aim", scope=ADULT, topic="delivery", when=ADULT_LEVEL_4,
    fact="a level 4 aim (LARS) funded by adult skills",
    what="An adult skills aim (FundModel 35) started between 1 August 2016 and 31 July 2024 is not a level 4 aim in "
         "LARS; apprenticeships, OLASS (LDM 034), restarts and DAM 023 are excluded.",
    fix=FIX_NOT_ASF.replace("Adult Skills Fund", "adult skills"))
ADULT_PRIOR_LEVEL_3_AIM = Broken(
    "LearnAimRef_85", "aim", scope=ADULT, topic="delivery", when=ADULT_PRIOR_LEVEL_3,
    fact="a level 3 aim (LARS) funded by adult skills for a learner already qualified to full level 3",
    what="An adult skills aim (FundModel 35) started between 1 August 2017 and 31 July 2024 for a learner whose "
         "prior attainment on the start date is full level 3 or above (6 to 10, 97, 98) is not a level 3 aim in "
         "LARS; apprenticeships, traineeships, restarts, DAM 023 are excluded, and, each on its own (the rule "
         "joins them ambiguously), Free Courses for Jobs (LDM 378), unemployed learners on benefits (DD38) and LDM "
         "382. An aim outside the level 3 entitlement is LearnAimRef_84's finding.",
    fix="Correct the funding, or the learner's prior attainment.")
LICENCE_TO_PRACTISE_ON_BENEFITS = Broken(
    "LearnAimRef_81", "aim", topic="delivery",
    when=(fund_model(35, 81) & started(on_or_after=date(2016, 8, 1)) & employment_at_start(lambda e, item: bsi(e, 3))
          & lars_category(20)),
    fact="a licence to practise aim (LARS category 20) for a learner on other state benefits (BSI 3) at its start",
    what="An aim funded by adult skills or other adult (FundModel 35, 81) started on or after 1 August 2016 for a "
         "learner in receipt of another state benefit (ESM BSI 3) on the start date is not a licence to practise "
         "aim (LARS category 20).", fix="Correct the funding, or the learner's benefit status.")

# --- adult skills (FundModel 35) full funding (FFI 1), starts 1 August 2017 to 31 July 2024 ----------------
STARTED_2017_2020 = fund_model(35) & started(on_or_after=date(2017, 8, 1), before=date(2020, 8, 1))
STARTED_2020_2024 = fund_model(35) & started(on_or_after=date(2020, 8, 1), before=date(2024, 8, 1))
FULLY_FUNDED = has_fam("FFI", 1)
STEEL_REDUNDANCY = has_fam("LDM", 347)
FULL_FUNDING_EXCLUSIONS = (~prog_type(25) & ~DD29 & ~has_fam("LDM", "034", 328) & ~RESTART & ~LARS_ENGLISH_MATHS
                           & ~has_fam("LDM", 363) & ~DEVOLVED_FULL_FUNDING)
"""Every adult skills full-funding rule's exclusions: apprenticeships, traineeship non work preparation (DD29),
OLASS and RoTL (LDM 034, 328), restarts, English and maths, low wages (LDM 363) and DAM 023."""
PRIOR_LEVEL_2 = prior_level_at_start(4, 6, 7, 8, 9, 10, 97, 98)
LEVEL_2_OUTSIDE_ENTITLEMENT = lars_level("2") & ~lars_category(37)
FFI_WHAT = ("An adult skills aim (FundModel 35) started {dates} for a learner aged {age} at the start{prior}, "
            "{level} in LARS, does not claim full funding (FFI 1); apprenticeships, traineeship non work "
            "preparation (DD29), OLASS and RoTL (LDM 034, 328), restarts, English and maths, low wages (LDM 363), "
            "DAM 023{more} are excluded.")
FIX_FULL_FUNDING = "Claim co-funding (remove FFI 1), unless the learner qualifies for full funding."
FROM_2017, FROM_2020 = "between 1 August 2017 and 31 July 2020", "between 1 August 2020 and 31 July 2024"
FFI_2017_LEVEL_2 = (STARTED_2017_2020 & AGED_19_TO_23 & LEVEL_2_OUTSIDE_ENTITLEMENT & FULLY_FUNDED
                    & FULL_FUNDING_EXCLUSIONS & ~DD21 & ~DD12 & ~STEEL_REDUNDANCY)
FFI_2020_LEVEL_2 = (STARTED_2020_2024 & AGED_19_TO_23 & LEVEL_2_OUTSIDE_ENTITLEMENT & FULLY_FUNDED
                    & FULL_FUNDING_EXCLUSIONS & ~DD21 & ~STEEL_REDUNDANCY & ~lars_basic_skills(43))

FULL_FUNDING_2017_LEVEL_2 = Broken(
    "LearnDelFAMType_61", "aim", scope=ADULT, topic="fam", when=FFI_2017_LEVEL_2,
    fact="FFI 1 (full funding) on a level 2 aim outside the entitlement (LARS category 37) for a learner aged 19 to 23",
    what=FFI_WHAT.format(dates=FROM_2017, age="19 to 23", prior="", level="at level 2 and outside category 37 (the "
                         "level 2 entitlement)", more=", benefits (DD12, DD21) and steel redundancy (LDM 347)"),
    fix=FIX_FULL_FUNDING)
FULL_FUNDING_2017_QUALIFIED = Broken(
    "LearnDelFAMType_65", "aim", scope=ADULT, topic="fam",
    when=(STARTED_2017_2020 & AGED_19_TO_23 & PRIOR_LEVEL_2 & UP_TO_LEVEL_2 & FULLY_FUNDED & FULL_FUNDING_EXCLUSIONS
          & ~DD21 & ~STEEL_REDUNDANCY & ~FFI_2017_LEVEL_2),
    fact="FFI 1 (full funding) on an aim up to level 2 for a learner aged 19 to 23 already qualified to level 2",
    what=FFI_WHAT.format(dates=FROM_2017, age="19 to 23", prior=" whose prior attainment is level 2 or above (4, 6 "
                         "to 10, 97, 98)", level="up to level 2", more=", other state benefits (DD21) and steel "
                         "redundancy (LDM 347); an aim LearnDelFAMType_61 reports is left to it"),
    fix=FIX_FULL_FUNDING)
FULL_FUNDING_2017_24_PLUS = Broken(
    "LearnDelFAMType_66", "aim", scope=ADULT, topic="fam",
    when=(STARTED_2017_2020 & AGED_24_PLUS & UP_TO_LEVEL_2 & FULLY_FUNDED & FULL_FUNDING_EXCLUSIONS & ~DD21
          & ~STEEL_REDUNDANCY),
    fact="FFI 1 (full funding) on an aim up to level 2 for a learner aged 24 or over",
    what=FFI_WHAT.format(dates=FROM_2017, age="24 or over", prior="", level="up to level 2",
                         more=", other state benefits (DD21) and steel redundancy (LDM 347)"),
    fix=FIX_FULL_FUNDING)
FULL_FUNDING_2020_LEVEL_2 = Broken(
    "LearnDelFAMType_79", "aim", scope=ADULT, topic="fam", when=FFI_2020_LEVEL_2,
    fact="FFI 1 (full funding) on a level 2 aim outside the entitlement (LARS category 37) for a learner aged 19 to 23",
    what=FFI_WHAT.format(dates=FROM_2020, age="19 to 23", prior="", level="at level 2 and outside category 37",
                         more=", other state benefits (DD21), steel redundancy (LDM 347) and essential digital "
                              "skills (BasicSkillsType 43)"),
    fix=FIX_FULL_FUNDING)
FULL_FUNDING_2020_QUALIFIED = Broken(
    "LearnDelFAMType_80", "aim", scope=ADULT, topic="fam",
    when=(STARTED_2020_2024 & AGED_19_TO_23 & PRIOR_LEVEL_2 & UP_TO_LEVEL_2 & FULLY_FUNDED & FULL_FUNDING_EXCLUSIONS
          & ~DD21 & ~STEEL_REDUNDANCY & ~DIGITAL & ~FFI_2020_LEVEL_2),
    fact="FFI 1 (full funding) on an aim up to level 2 for a learner aged 19 to 23 already qualified to level 2",
    what=FFI_WHAT.format(dates=FROM_2020, age="19 to 23", prior=" whose prior attainment is level 2 or above (4, 6 "
                         "to 10, 97, 98)", level="up to level 2", more=", other state benefits (DD21), steel "
                         "redundancy (LDM 347) and digital skills (BasicSkillsType 43, 44); an aim "
                         "LearnDelFAMType_79 reports is left to it"),
    fix=FIX_FULL_FUNDING)
FULL_FUNDING_2020_24_PLUS = Broken(
    "LearnDelFAMType_81", "aim", scope=ADULT, topic="fam",
    when=STARTED_2020_2024 & AGED_24_PLUS & UP_TO_LEVEL_2 & FULLY_FUNDED & FULL_FUNDING_EXCLUSIONS & ~DD38 & ~DIGITAL,
    fact="FFI 1 (full funding) on an aim up to level 2 for a learner aged 24 or over",
    what=FFI_WHAT.format(dates=FROM_2020, age="24 or over", prior="", level="up to level 2",
                         more=", unemployed learners on benefits (DD38) and digital skills (BasicSkillsType 43, 44)"),
    fix=FIX_FULL_FUNDING)
