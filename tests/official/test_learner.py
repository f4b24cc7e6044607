"""Official Learner rules: each fails on BAD and spares its look-alike OK (its exclusion, or the nearest good record)."""

from __future__ import annotations

import pytest

from builders import delivery, employment, fam, ilr, learner, learner_fam
from official_cases import assert_rule

TEMP = 9999999999
ADULT = "1990-01-01"
# A correctly recorded adult learner on an Adult Skills Fund aim: each case changes one thing.
PERSON = {"ULN": 1000000019, "FamilyName": "X", "GivenNames": "Y", "DateOfBirth": ADULT, "AddLine1": "1 Road",
          "Postcode": "AB1 2XY", "PostcodePrior": "AB1 2XY", "PlanLearnHours": 100}
STATUS = employment(11, "2026-08-01", esm=(("LOU", 1),))
# A 16-19 study programme learner: core aim, grades, hours.
YOUNG = {"DateOfBirth": "2009-01-01", "EngGrade": "4", "MathGrade": "4", "PlanLearnHours": 540, "PlanEEPHours": 0}


def person(ref: str, *aims: str, fams: tuple[str, ...] = (), lldd: str = "", prior: str = "", **values: object) -> str:
    xml = learner(ref, deliveries=list(aims) or [delivery(FundModel=38)], learner_fams=list(fams),
                  employment_statuses=[STATUS], **(PERSON | values))
    return xml.replace("<LearnerEmploymentStatus>", (prior or PRIOR) + lldd + "<LearnerEmploymentStatus>", 1)


def student(ref: str, *aims: str, **values: object) -> str:
    """A 16-19 learner; ``aims`` default to one core aim (FundModel 25, AimType 5)."""
    return person(ref, *(aims or [delivery(AimType=5)]), **(YOUNG | values))


def lldd(*records: tuple[int, int | None]) -> str:
    return "".join(f"<LLDDandHealthProblem><LLDDCat>{cat}</LLDDCat>"
                   + (f"<PrimaryLLDD>{primary}</PrimaryLLDD>" if primary else "") + "</LLDDandHealthProblem>"
                   for cat, primary in records)


def prior(level: int, day: str) -> str:
    return f"<PriorAttain><PriorLevel>{level}</PriorLevel><DateLevelApp>{day}</DateLevelApp></PriorAttain>"


PRIOR = prior(2, "2020-01-01")


NO_PRIOR = "<!-- no prior attainment -->"
BOOTCAMP = (delivery(FundModel=37, AimType=1, ProgType=32, LearnAimRef="ZPROG001"),
            delivery(FundModel=37, AimType=3, ProgType=32, AimSeqNumber=2))
CL = delivery(FundModel=10)  # community learning (2025-26)
STANDARD = dict(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=28)

# rule: (BAD, OK, year, file preparation date or None)
CASES = {
    "ULN_02": (person("BAD", delivery(FundModel=99), ULN=TEMP),
               person("OK", delivery(FundModel=99, fams=[fam("SOF", 1)]), ULN=TEMP), "2627", None),
    "ULN_03": (person("BAD", ULN=TEMP), person("OK", delivery(fams=[fam("ACT", 1, "2026-09-01")]), ULN=TEMP), "2627", None),
    "ULN_04": (person("BAD", ULN=1000000042), person("OK", ULN=TEMP), "2627", None),
    "ULN_09": (person("BAD", delivery(FundModel=99, fams=[fam("LDM", "034")]), ULN=TEMP),
               person("OK", delivery(FundModel=99, fams=[fam("LDM", "034")])), "2627", "2027-01-05"),
    "ULN_10": (person("BAD", delivery(FundModel=99, LearnStartDate="2026-12-01", fams=[fam("SOF", 1)]), ULN=TEMP),
               person("OK", delivery(FundModel=99, LearnStartDate="2026-12-01", fams=[fam("SOF", 1), fam("LDM", "034")]),
                      ULN=TEMP), "2627", "2027-01-05"),
    "ULN_11": (person("BAD", delivery(FundModel=99, fams=[fam("SOF", 1)]), ULN=TEMP),
               person("OK", delivery(FundModel=99, LearnPlanEndDate="2026-09-03", fams=[fam("SOF", 1)]), ULN=TEMP),
               "2627", "2027-01-05"),
    "ULN_06": (person("BAD", delivery(FundModel=38, LearnStartDate="2026-12-01"), ULN=TEMP),
               person("OK", delivery(FundModel=38, LearnStartDate="2026-12-01", fams=[fam("SOF", 105), fam("FFI", 1),
                                                                                       fam("ACT", 1, "2026-12-01")]),
                      ULN=TEMP), "2627", "2027-01-05"),
    "ULN_07": (person("BAD", ULN=TEMP),
               person("OK", delivery(FundModel=38, fams=[fam("SOF", 105), fam("FFI", 1), fam("LDM", "034")]), ULN=TEMP),
               "2627", "2027-01-05"),
    "ULN_13": (person("BAD", delivery(FundModel=39, ProgType=34), ULN=TEMP),
               person("OK", delivery(FundModel=39, ProgType=34)), "2627", None),
    "FamilyName_01": (person("BAD", FamilyName=" "), person("OK", CL, FamilyName=None), "2526", None),
    "FamilyName_02": (person("BAD", CL, FamilyName=None, PlanLearnHours=11),
                      person("OK", CL, FamilyName=None, PlanLearnHours=10, ULN=TEMP), "2526", None),
    "FamilyName_04": (person("BAD", CL, FamilyName=None, PlanLearnHours=10),
                      person("OK", CL, FamilyName=None, PlanLearnHours=10, ULN=TEMP), "2526", None),
    "GivenNames_01": (person("BAD", GivenNames=None), person("OK", CL, GivenNames=None), "2526", None),
    "GivenNames_02": (person("BAD", CL, GivenNames=None, PlanLearnHours=11),
                      person("OK", CL, GivenNames=None, PlanLearnHours=10, ULN=TEMP), "2526", None),
    "GivenNames_04": (person("BAD", CL, GivenNames=None, PlanLearnHours=10),
                      person("OK", CL, GivenNames=None, PlanLearnHours=10, ULN=TEMP), "2526", None),
    "AddLine1_03": (person("BAD", AddLine1=None), person("OK", CL, AddLine1=None, PlanLearnHours=10), "2526", None),
    "Postcode_15": (person("BAD", Postcode="AB1 2CD"), person("OK", Postcode="ZZ99 9ZZ"), "2627", None),
    "PostcodePrior_02": (person("BAD", PostcodePrior="ab1 2xy"), person("OK", PostcodePrior="A1A 2XY"), "2627", None),
    "NINumber_01": (person("BAD", NINumber="QQ123456C"), person("OK", NINumber="AB123456"), "2627", None),
    "LearnFAMType_09": (person("BAD", fams=(learner_fam("FME", 1), learner_fam("FME", 2))),
                        person("OK", fams=(learner_fam("NLM", 17), learner_fam("NLM", 18))), "2627", None),
    "LearnFAMType_11": (person("BAD", fams=tuple(learner_fam("NLM", c) for c in (17, 18, 19))),
                        person("OK", fams=(learner_fam("NLM", 17), learner_fam("NLM", 18))), "2627", None),
    "LearnFAMType_10": (person("BAD", fams=tuple(learner_fam("LSR", c) for c in (55, 56, 57, 58, 59))),
                        person("OK", fams=tuple(learner_fam("LSR", c) for c in (55, 56, 57, 58))), "2627", None),
    "LearnFAMType_17": (person("BAD", fams=(learner_fam("NLM", 21), learner_fam("NLM", 22))),
                        person("OK", fams=(learner_fam("NLM", 22),)), "2627", None),
    "LearnFAMType_16": (person("BAD", fams=(learner_fam("ECF", 1),)),
                        person("OK", fams=(learner_fam("ECF", 1), learner_fam("EHC", 1))), "2627", None),
    "LearnFAMType_15": (person("BAD", fams=(learner_fam("MCF", 1),)),
                        person("OK", fams=(learner_fam("MCF", 2),)), "2627", None),
    "LearnFAMType_14": (person("BAD", fams=(learner_fam("SEN", 1), learner_fam("EHC", 1))),
                        person("OK", fams=(learner_fam("SEN", 1),)), "2627", None),
    "PrimaryLLDD_04": (person("BAD", lldd=lldd((4, None)), LLDDHealthProb=1),
                       person("OK", lldd=lldd((4, None), (5, 1)), LLDDHealthProb=1), "2627", None),
    "PrimaryLLDD_03": (person("BAD", lldd=lldd((4, 1), (5, 1)), LLDDHealthProb=1),
                       person("OK", lldd=lldd((4, 1), (5, None)), LLDDHealthProb=1), "2627", None),
    "PrimaryLLDD_01": (person("BAD", lldd=lldd((4, None), (5, None)), LLDDHealthProb=1),
                       person("OK", delivery(LearnStartDate="2015-07-31"), lldd=lldd((4, None), (5, None)),
                              LLDDHealthProb=1), "2627", None),
    "LLDDHealthProb_07": (person("BAD", CL, LLDDHealthProb=1, PlanLearnHours=11, DateOfBirth="2005-01-01"),
                          person("OK", CL, LLDDHealthProb=1, PlanLearnHours=11), "2526", None),
    "LLDDHealthProb_06": (student("BAD", LLDDHealthProb=1),
                          person("OK", delivery(FundModel=99), LLDDHealthProb=1, DateOfBirth="2009-01-01"), "2627", None),
    "LLDDHealthProb_04": (person("BAD", lldd=lldd((4, 1)), LLDDHealthProb=2),
                          person("OK", lldd=lldd((4, 1)), LLDDHealthProb=1), "2627", None),
    "EngGrade_04": (person("BAD", fams=(learner_fam("ECF", 2),), EngGrade="4"),
                    person("OK", fams=(learner_fam("ECF", 2),), EngGrade="NONE"), "2627", None),
    "EngGrade_03": (person("BAD", EngGrade="3"), person("OK", fams=(learner_fam("EDF", 2),), EngGrade="3"), "2627", None),
    "EngGrade_01": (student("BAD", EngGrade=None), student("OK"), "2627", None),
    "MathGrade_04": (person("BAD", fams=(learner_fam("MCF", 3),), MathGrade="9"),
                     person("OK", fams=(learner_fam("MCF", 3),), MathGrade="NONE"), "2627", None),
    "MathGrade_03": (person("BAD", MathGrade="D"), person("OK", fams=(learner_fam("EDF", 1),), MathGrade="D"), "2627", None),
    "MathGrade_01": (student("BAD", MathGrade=None), student("OK", MathGrade="NONE"), "2627", None),
    "PlanLearnHours_02": (person("BAD", PlanLearnHours=0),
                          person("OK", delivery(ProgType=31), PlanLearnHours=0), "2627", None),
    "PlanLearnHours_05": (person("BAD", PlanLearnHours=3900, PlanEEPHours=101),
                          person("OK", delivery(FundModel=82), PlanLearnHours=3900, PlanEEPHours=101), "2627", None),
    "PlanLearnHours_04": (person("BAD", PlanLearnHours=900, PlanEEPHours=101),
                          person("OK", PlanLearnHours=900, PlanEEPHours=100), "2627", None),
    "PlanLearnHours_03": (student("BAD", PlanLearnHours=0, PlanEEPHours=0),
                          student("OK", PlanLearnHours=0, PlanEEPHours=1), "2627", None),
    "PlanLearnHours_01": (person("BAD", PlanLearnHours=None),
                          person("OK", delivery(FundModel=38, CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1),
                                 PlanLearnHours=None), "2627", None),
    "PlanEEPHours_01": (student("BAD", PlanEEPHours=None),
                        student("OK", delivery(AimType=5, CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1),
                                PlanEEPHours=None), "2627", None),
    "ALSCost_02": (person("BAD", ALSCost=100), person("OK", fams=(learner_fam("HNS", 1),), ALSCost=100), "2627", None),
    "PriorAttain_10": (person("BAD", prior=prior(2, "2020-01-01") + prior(3, "2020-01-01")),
                       person("OK", prior=prior(2, "2020-01-01") + prior(3, "2021-01-01")), "2627", None),
    "PriorAttain_09": (person("BAD", prior=prior(2, "2026-11-02")), person("OK", prior=prior(2, "2026-11-01")), "2627", None),
    "PriorAttain_04": (person("BAD", delivery(FundModel=35, ProgType=3, AimType=1, LearnAimRef="ZPROG001"),
                              prior=prior(7, "2020-01-01")),
                       person("OK", delivery(FundModel=35, ProgType=3, AimType=1, LearnAimRef="ZPROG001"),
                              prior=prior(3, "2020-01-01")), "2526", None),
    "PriorAttain_01": (person("BAD", prior=NO_PRIOR), student("OK", prior=NO_PRIOR), "2627", None),
    "ProvSpecLearnMonOccur_01": (
        person("BAD").replace("<LearningDelivery>", "<ProviderSpecLearnerMonitoring><ProvSpecLearnMonOccur>C"
                              "</ProvSpecLearnMonOccur><ProvSpecLearnMon>x</ProvSpecLearnMon></ProviderSpecLearnerMonitoring>"
                              "<LearningDelivery>", 1),
        person("OK").replace("<LearningDelivery>", "<ProviderSpecLearnerMonitoring><ProvSpecLearnMonOccur>B"
                             "</ProvSpecLearnMonOccur><ProvSpecLearnMon>x</ProvSpecLearnMon></ProviderSpecLearnerMonitoring>"
                             "<LearningDelivery>", 1), "2627", None),
    # --- date of birth and age (official_learner_age) ---
    "DateOfBirth_01": (person("BAD", DateOfBirth=None), person("OK", delivery(fams=[fam("LDM", "034")]), DateOfBirth=None,
                                                            ULN=TEMP), "2627", None),
    "DateOfBirth_23": (person("BAD", delivery(FundModel=99, fams=[fam("ADL", 1)]), DateOfBirth=None),
                       person("OK", delivery(FundModel=99, fams=[fam("ADL", 1), fam("LDM", "034")]), DateOfBirth=None,
                              ULN=TEMP), "2627", None),
    "DateOfBirth_24": (person("BAD", delivery(FundModel=99, fams=[fam("ADL", 1), fam("LDM", "034")]), DateOfBirth=None),
                       person("OK", delivery(FundModel=99, fams=[fam("ADL", 1), fam("LDM", "034")]), DateOfBirth=None,
                              ULN=TEMP), "2627", None),
    "DateOfBirth_02": (person("BAD", delivery(FundModel=99), DateOfBirth=None, ULN=TEMP),
                       person("OK", delivery(FundModel=99, fams=[fam("ADL", 1), fam("LDM", "034")]), DateOfBirth=None,
                              ULN=TEMP), "2627", None),
    "DateOfBirth_47": (person("BAD", delivery(**STANDARD, LearnStartDate="2024-09-01", CompStatus=2,
                                              LearnActEndDate="2025-08-31", Outcome=1)),
                       person("OK", delivery(**STANDARD, LearnStartDate="2024-09-01", CompStatus=2,
                                             LearnActEndDate="2025-09-01", Outcome=1)), "2627", None),
    "DateOfBirth_46": (person("BAD", delivery(**STANDARD, LearnStartDate="2024-09-01", LearnPlanEndDate="2025-08-31")),
                       person("OK", delivery(**STANDARD, LearnStartDate="2024-09-01", LearnPlanEndDate="2025-08-31",
                                             fams=[fam("RES", 1)])), "2627", None),
    "DateOfBirth_57": (person("BAD", delivery(**STANDARD, LearnPlanEndDate="2027-04-30")),
                       person("OK", delivery(**STANDARD, LearnPlanEndDate="2027-05-01")), "2627", None),
    "DateOfBirth_58": (person("BAD", delivery(**STANDARD, CompStatus=2, LearnActEndDate="2027-04-30", Outcome=1)),
                       person("OK", delivery(**STANDARD, CompStatus=2, LearnActEndDate="2027-05-01", Outcome=1)),
                       "2627", None),
    "DateOfBirth_40": (person("BAD", delivery(**(STANDARD | {"FundModel": 35}), LearnStartDate="2015-09-01", CompStatus=2,
                                              LearnActEndDate="2016-08-30", Outcome=1)),
                       person("OK", delivery(**(STANDARD | {"FundModel": 35}), LearnStartDate="2015-09-01", CompStatus=2,
                                             LearnActEndDate="2016-08-30", Outcome=3)), "2526", None),
    "DateOfBirth_37": (person("BAD", delivery(**(STANDARD | {"FundModel": 35}), LearnStartDate="2015-09-01",
                                              LearnPlanEndDate="2016-08-30")),
                       person("OK", delivery(**(STANDARD | {"FundModel": 35}), LearnStartDate="2015-09-01",
                                             LearnPlanEndDate="2016-08-31")), "2526", None),
    # turns 16 on 1 May 2025: may start after Friday 27 June 2025 (dates moved back a year for 2025-26)
    "DateOfBirth_48": (person("BAD", delivery(**STANDARD, LearnStartDate="2026-06-27"), DateOfBirth="2009-05-01"),
                       person("OK", delivery(**STANDARD, LearnStartDate="2026-06-28"), DateOfBirth="2009-05-01"),
                       "2526", None),
    "DateOfBirth_34": (student("BAD", fams=(learner_fam("HNS", 1),), DateOfBirth="2005-01-01"),
                       student("OK", fams=(learner_fam("HNS", 1), learner_fam("EHC", 1)), DateOfBirth="2005-01-01"),
                       "2627", None),
    "DateOfBirth_25": (person("BAD", delivery(FundModel=38, LearnStartDate="2026-07-01"), DateOfBirth="2008-01-01"),
                       person("OK", delivery(FundModel=38, LearnStartDate="2026-07-01"), DateOfBirth="2007-08-31"),
                       "2627", None),
    "DateOfBirth_62": (person("BAD", delivery(FundModel=38), DateOfBirth="2008-01-01"),
                       person("OK", delivery(FundModel=38, fams=[fam("LDM", "034")]), DateOfBirth="2008-01-01"),
                       "2627", None),
    "DateOfBirth_63": (person("BAD", *BOOTCAMP, DateOfBirth="2008-01-01"),
                       person("OK", *BOOTCAMP, DateOfBirth="2007-08-01"), "2627", None),
    "DateOfBirth_61": (person("BAD", delivery(FundModel=39, ProgType=34), DateOfBirth="2008-01-01"),
                       person("OK", delivery(FundModel=39, ProgType=34), DateOfBirth="2007-09-01"), "2627", None),
    "DateOfBirth_30": (person("BAD", delivery(FundModel=38, fams=[fam("SOF", 105)]), fams=(learner_fam("EHC", 1),),
                              DateOfBirth="2005-01-01"),
                       person("OK", delivery(FundModel=38, fams=[fam("SOF", 107)]), fams=(learner_fam("EHC", 1),),
                              DateOfBirth="2005-01-01"), "2627", None),
    "DateOfBirth_20": (person("BAD", delivery(fams=[fam("SOF", 105)]), DateOfBirth="2009-01-01"),
                       person("OK", delivery(fams=[fam("SOF", 107)]), DateOfBirth="2009-01-01"), "2627", None),
    "DateOfBirth_27": (person("BAD", DateOfBirth="2026-08-01"), person("OK", DateOfBirth="2026-07-31"), "2627", None),
    "DateOfBirth_26": (person("BAD", delivery(FundModel=99, fams=[fam("ADL", 1)]), DateOfBirth="2008-01-01"),
                       person("OK", delivery(FundModel=99), DateOfBirth="2008-01-01"), "2627", None),
    "DateOfBirth_14": (person("BAD", delivery(FundModel=35, fams=[fam("LDM", "034")]), DateOfBirth="2008-01-01"),
                       person("OK", delivery(FundModel=35, fams=[fam("LDM", "034")]), DateOfBirth="2007-09-01"),
                       "2526", None),
    "DateOfBirth_13": (person("BAD", delivery(FundModel=99, fams=[fam("SOF", 1)]), DateOfBirth="2011-08-01"),
                       person("OK", delivery(FundModel=99, fams=[fam("SOF", 1)]), DateOfBirth="2011-07-31"), "2627", None),
    "DateOfBirth_12": (person("BAD", delivery(FundModel=10, fams=[fam("ASL", 1)]), DateOfBirth="2009-01-01"),
                       person("OK", delivery(FundModel=10, fams=[fam("ASL", 3)]), DateOfBirth="2009-01-01"), "2526", None),
    "DateOfBirth_07": (student("BAD", DateOfBirth=ADULT),
                       student("OK", delivery(AimType=5, fams=[fam("SOF", 105)]), DateOfBirth=ADULT), "2627", None),
    "DateOfBirth_06": (student("BAD", DateOfBirth="2014-01-01"), student("OK", DateOfBirth="2013-08-31"), "2627", None),
    "DateOfBirth_05": (person("BAD", delivery(FundModel=99), DateOfBirth="2022-01-01"),
                       person("OK", delivery(FundModel=99), DateOfBirth="2021-09-01"), "2526", None),
    "DateOfBirth_04": (person("BAD", DateOfBirth="1911-08-01"), person("OK", DateOfBirth="1911-08-02"), "2627", None),
}


def _year(xml: str, year: str) -> str:
    """A 2026-27 learner moved one year back for a 2025-26 file (explicit old dates are kept)."""
    return xml.replace("2026-", "2025-").replace("2027-", "2026-") if year == "2526" else xml


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails_its_fixture_and_spares_its_look_alike(lint, rule):
    bad, good, year, prep = CASES[rule]
    assert_rule(lint, rule, _year(bad, year), _year(good, year), year=year, prep=prep and _year(prep, year))


def test_personal_values_never_reach_a_message(lint):
    xml = ilr(person("L1", FamilyName=" ", Postcode="AB1 2CD", NINumber="QQ123456C", DateOfBirth="2026-08-01"))
    findings = lint(xml, select=("learner",))
    assert {"FamilyName_01", "Postcode_15", "NINumber_01", "DateOfBirth_27"} <= {f.code for f in findings}
    assert not any(value in f.message for f in findings for value in ("AB1 2CD", "QQ123456C", "2026-08-01"))


ULN_RULES = ("ULN_02", "ULN_03", "ULN_06", "ULN_07", "ULN_09", "ULN_10", "ULN_11", "ULN_13")


def test_a_temporary_uln_draws_one_finding_from_the_uln_rules(lint):
    aims = [delivery(AimSeqNumber=1), delivery(AimSeqNumber=2, FundModel=99), delivery(AimSeqNumber=3, fams=[fam("LDM", "034")])]
    findings = lint(ilr(person("L1", *aims, ULN=TEMP), prep="2027-01-05"), select=ULN_RULES)
    assert [f.code for f in findings] == ["ULN_07"]
