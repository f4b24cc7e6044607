"""Official employment status rules: each fails on BAD and spares its look-alike OK (its exclusion)."""

from __future__ import annotations

import pytest

from builders import delivery, employment, fam, hrs, learner
from official_cases import assert_rule

ADULT = "1990-01-01"


PRIOR = "<PriorAttain><PriorLevel>2</PriorLevel><DateLevelApp>2020-01-01</DateLevelApp></PriorAttain>"


def person(ref: str, *aims: str, statuses: tuple[str, ...] = (), **values: object) -> str:
    xml = learner(ref, deliveries=list(aims) or [delivery()], employment_statuses=list(statuses), **values)
    return xml.replace("<LearnerEmploymentStatus>", PRIOR + "<LearnerEmploymentStatus>", 1) if statuses else \
        xml.replace("<LearningDelivery>", PRIOR + "<LearningDelivery>", 1)


def status(emp_stat: int = 10, date: str = "2026-08-01", emp_id: int | None = None, *esm: tuple[str, int]) -> str:
    return employment(emp_stat, date, emp_id, esm)


EMPLOYED = status(10, "2026-08-01", 999999999, ("EII", 1), ("LOE", 1))
APPRENTICE = delivery(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=28,
                      fams=[fam("ACT", 1, "2026-09-01")])
UNIT = delivery(LearnAimRef="ZPROG001", AimType=1, FundModel=39, ProgType=34)

# rule: (BAD learner, OK learner, year)
CASES = {
    "DateEmpStatApp_02": (person("BAD", statuses=(status(11, "1990-07-31", None, ("LOU", 1)),)),
                          person("OK", statuses=(status(11, "1990-08-01", None, ("LOU", 1)),)), "2627"),
    "DateEmpStatApp_01": (person("BAD", statuses=(status(11, "2027-08-01", None, ("LOU", 1)),)),
                          person("OK", statuses=(status(11, "2027-07-31", None, ("LOU", 1)),)), "2627"),
    "EmpStat_22": (person("BAD", delivery(FundModel=11), statuses=(status(11, "2026-09-02", None, ("LOU", 1)),)),
                   person("OK", delivery(FundModel=11), statuses=(status(11, "2026-09-01", None, ("LOU", 1)),)), "2627"),
    "EmpStat_20": (person("BAD", delivery(FundModel=38, fams=[fam("LDM", 363)]), statuses=(status(11, "2026-08-01", None, ("LOU", 1)),)),
                   person("OK", delivery(FundModel=38, fams=[fam("LDM", 363)]), statuses=(EMPLOYED,)), "2627"),
    "EmpStat_11": (person("BAD", PlanLearnHours=500, PlanEEPHours=39),
                   person("OK", PlanLearnHours=500, PlanEEPHours=40), "2627"),
    "EmpStat_11 T Level": (person("BAD", delivery(LearnAimRef="ZPROG001", AimType=1, ProgType=31, hrs_records=[hrs(2, 539)])),
                           person("OK", delivery(LearnAimRef="ZPROG001", AimType=1, ProgType=31, hrs_records=[hrs(2, 540)])),
                           "2627"),
    "EmpStat_08": (person("BAD", delivery(FundModel=35, LearnStartDate="2024-07-01", LearnPlanEndDate="2025-06-30"), DateOfBirth=ADULT),
                   # community learning: non-funded with SOF 108
                   person("OK", delivery(FundModel=99, fams=[fam("SOF", 108)]), DateOfBirth=ADULT), "2627"),
    "EmpStat_01": (person("BAD", delivery(FundModel=35, LearnStartDate="2014-07-31", LearnPlanEndDate="2015-06-30"),
                          DateOfBirth=ADULT, statuses=(status(11, "2014-08-01", None, ("LOU", 1)),)),
                   person("OK", delivery(FundModel=35, LearnStartDate="2014-07-31", LearnPlanEndDate="2015-06-30"),
                          DateOfBirth=ADULT, statuses=(status(11, "2014-07-31", None, ("LOU", 1)),)), "2526"),
    "EmpStat_21": (person("BAD", delivery(FundModel=38), DateOfBirth="2007-08-31"),
                   person("OK", delivery(FundModel=38), DateOfBirth="2007-09-01"), "2627"),
    "ESMType_02": (person("BAD", statuses=(status(10, "2026-08-01", 999999999),)),
                   person("OK", statuses=(status(10, "2026-08-01", 999999999, ("EII", 1)),)), "2627"),
    "ESMType_05": (person("BAD", statuses=(status(10, "2026-08-01", 999999999, ("EII", 2), ("LOU", 1)),)),
                   person("OK", statuses=(status(11, "2026-08-01", None, ("LOU", 1)),)), "2627"),
    "ESMType_07": (person("BAD", statuses=(status(98, "2026-08-01", None, ("SEI", 1)),)),
                   person("OK", statuses=(status(10, "2026-08-01", None, ("SEI", 1), ("EII", 1)),)), "2627"),
    "ESMType_08": (person("BAD", delivery(FundModel=38), statuses=(status(11, "2026-08-01"),)),
                   # applies on the start of a 16-19 aim
                   person("OK", delivery(FundModel=25), statuses=(status(11, "2026-08-01"),)), "2627"),
    "ESMType_09": (person("BAD", APPRENTICE, statuses=(status(10, "2026-08-01", 999999999, ("EII", 1)),)),
                   person("OK", APPRENTICE, statuses=(EMPLOYED,)), "2627"),
    "ESMType_10": (person("BAD", statuses=(status(11, "2026-08-01", None, ("LOU", 1), ("LOE", 1)),)),
                   person("OK", statuses=(EMPLOYED,)), "2627"),
    "ESMType_12": (person("BAD", statuses=(status(11, "2026-08-01", None, ("LOU", 1), ("EII", 1)),)),
                   person("OK", statuses=(status(11, "2013-07-31", None, ("LOU", 1), ("EII", 1)),)), "2627"),
    "ESMType_15": (person("BAD", statuses=(status(10, "2026-08-01", 999999999, ("EII", 1), ("EII", 2)),)),
                   person("OK", statuses=(status(10, "2026-08-01", 999999999, ("EII", 1), ("OET", 2), ("OET", 3)),)), "2627"),
    "ESMType_17": (person("BAD", delivery(FundModel=38, fams=[fam("LDM", 375)]), statuses=(status(11, "2026-08-01", None, ("LOU", 1), ("BSI", 3)),)),
                   person("OK", delivery(FundModel=38, fams=[fam("LDM", 375)]), statuses=(status(11, "2026-08-01", None, ("LOU", 1), ("BSI", 4)),)), "2627"),
    "ESMType_18": (person("BAD", statuses=(status(10, "2026-08-01", 999999999, ("EII", 2), ("OET", 1)),)),
                   person("OK", statuses=(status(11, "2026-08-01", None, ("LOU", 1), ("OET", 1)),)), "2627"),
    "ESMType_19": (person("BAD", statuses=(status(11, "2026-08-01", None, ("LOU", 1), ("OET", 2)),)),
                   person("OK", statuses=(status(10, "2026-08-01", 999999999, ("EII", 1), ("OET", 2)),)), "2627"),
    "ESMType_20": (person("BAD", statuses=(status(10, "2026-08-01", 999999999, ("EII", 1), ("OET", 2), ("OET", 2)),)),
                   person("OK", statuses=(status(10, "2026-08-01", 999999999, ("EII", 1), ("OET", 2), ("OET", 3)),)), "2627"),
    "EmpId_14": (person("BAD", APPRENTICE, statuses=(EMPLOYED, status(11, "2026-12-01", 999999999, ("LOU", 1)))),
                 person("OK", APPRENTICE, statuses=(EMPLOYED, status(11, "2026-12-01", None, ("LOU", 1)))), "2627"),
    "AgreemId_01": (person("BAD", UNIT, statuses=(EMPLOYED,)),
                    person("OK", delivery(LearnAimRef="ZPROG001", AimType=1, FundModel=39, ProgType=34, fams=[fam("RES", 1)]),
                           statuses=(EMPLOYED,)), "2627"),
    "ESMType_21": (person("BAD", UNIT, statuses=(status(10, "2026-08-01", 999999999, ("EII", 1)),)),
                   person("OK", UNIT, statuses=(EMPLOYED,)), "2627"),
    "EmpStat_24": (person("BAD", UNIT, statuses=(status(11, "2026-08-01", None, ("LOU", 1)),)),
                   person("OK", UNIT, statuses=(EMPLOYED,)), "2627"),
    "EmpStat_23": (person("BAD", delivery(FundModel=99, fams=[fam("LDM", 403)]), statuses=(status(11, "2026-08-01", None, ("LOU", 1)),)),
                   person("OK", delivery(FundModel=99, fams=[fam("LDM", 403)]), statuses=(EMPLOYED,)), "2627"),
    "R_97": (person("BAD", statuses=(status(11, "2026-08-01", None, ("LOU", 1)), status(11, "2026-09-01", None, ("LOU", 1)))),
             person("OK", statuses=(status(11, "2026-08-01", None, ("LOU", 1)), status(11, "2026-09-01", None, ("LOU", 2)))),
             "2627"),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails_its_fixture_and_spares_its_look_alike(lint, rule):
    bad, good, year = CASES[rule]
    if year == "2526":
        bad, good = bad.replace("2026-", "2025-"), good.replace("2026-", "2025-")
    assert_rule(lint, rule.split()[0], bad, good, year=year)


def test_a_repeated_unknown_employer_of_an_apprentice_is_left_to_ilr294(lint):
    from builders import ilr
    repeated = person("A1", APPRENTICE, statuses=(EMPLOYED, status(10, "2026-10-01", 999999999, ("EII", 1), ("LOE", 1))))
    assert [(f.code, f.rules) for f in lint(ilr(repeated), select=("R_97", "ILR294"))] == [("ILR294", ("R_97",))]
