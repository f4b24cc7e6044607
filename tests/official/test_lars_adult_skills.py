"""Official LARS rules on adult skills (FundModel 35) aims up to July 2024 and on programmes.

On the fictional LARS extract of :mod:`test_lars` (tests/fixtures/lars), with these aims:
60000020 (level 2, ADULT_SKILLS and ANY from 2015), 60000022 (level 4), 60000023 (level 3 in the
entitlement category 38), 60000024 (a licence to practise aim, category 20), 60000015 (level 1),
60000016 (a skills bootcamp subject aim, category 62), 60000025 (a T Level technical
qualification of framework 801 pathway 1), ZTLOS001 (occupational specialism of 801/1) and
ZTLOS002 (of 802/1), 60000026 (undergraduate, LearnAimRefType 1406), 60000027 (postgraduate,
1410) and 60000028 (under the English and maths conditions of funding: validity categories
EFAConFundEnglish and EFAConFundMaths).
"""

from __future__ import annotations

import pytest

from builders import delivery_he, employment, fam, fin, ilr, learner_fam, learner_for, prior_attain
from official_cases import assert_rule
from official.test_lars import aim, lars  # noqa: F401  (its LARS fixture)

AGED_21_IN_2019, AGED_21_IN_2021, AGED_29 = "1998-01-01", "2000-01-01", "1990-01-01"


def adult(ref: str, start: str, *fams: tuple[str, object], fund_model: int = 35) -> list[str]:
    return [aim(LearnAimRef=ref, FundModel=fund_model, LearnStartDate=start, fams=[fam(t, c) for t, c in fams])]


QUALIFIED_2015 = [prior_attain(4, "2015-06-30")]  # level 2 or above
BELOW_LEVEL_2 = [prior_attain(3, "2015-06-30")]
FULL_LEVEL_3 = [prior_attain(7, "2015-06-30")]
# rule -> (BAD learner, OK learner): learner_for() keyword arguments, 2025-26
CASES: dict[str, tuple[dict, dict]] = {
    "LearnAimRef_79": (dict(deliveries=adult("60000022", "2019-09-01")),
                       dict(deliveries=adult("60000022", "2019-09-01", ("DAM", "023")))),
    "LearnAimRef_85": (dict(DateOfBirth=AGED_21_IN_2019, prior_attains=FULL_LEVEL_3,
                            deliveries=adult("60000023", "2019-09-01")),
                       dict(DateOfBirth=AGED_21_IN_2019, prior_attains=BELOW_LEVEL_2,
                            deliveries=adult("60000023", "2019-09-01"))),
    "LearnAimRef_81": (dict(employment_statuses=[employment(11, "2019-01-01", esm=(("BSI", 3),))],
                            deliveries=adult("60000024", "2019-09-01", fund_model=81)),
                       dict(employment_statuses=[employment(11, "2019-01-01", esm=(("BSI", 1),))],
                            deliveries=adult("60000024", "2019-09-01", fund_model=81))),
    "LearnDelFAMType_61": (dict(DateOfBirth=AGED_21_IN_2019, deliveries=adult("60000020", "2019-09-01")),
                           dict(DateOfBirth=AGED_21_IN_2019, deliveries=adult("60000020", "2019-09-01", ("LDM", 363)))),
    "LearnDelFAMType_65": (dict(DateOfBirth=AGED_21_IN_2019, prior_attains=QUALIFIED_2015,
                                deliveries=adult("60000015", "2019-09-01")),
                           dict(DateOfBirth=AGED_21_IN_2019, prior_attains=BELOW_LEVEL_2,
                                deliveries=adult("60000015", "2019-09-01"))),
    "LearnDelFAMType_66": (dict(DateOfBirth=AGED_29, deliveries=adult("60000020", "2019-09-01")),
                           dict(DateOfBirth=AGED_29, deliveries=adult("60000020", "2019-09-01", ("LDM", 347)))),
    "LearnDelFAMType_79": (dict(DateOfBirth=AGED_21_IN_2021, deliveries=adult("60000020", "2021-09-01")),
                           dict(DateOfBirth=AGED_21_IN_2021, deliveries=adult("60000020", "2021-09-01", ("LDM", 363)))),
    "LearnDelFAMType_80": (dict(DateOfBirth=AGED_21_IN_2021, prior_attains=QUALIFIED_2015,
                                deliveries=adult("60000015", "2021-09-01")),
                           dict(DateOfBirth=AGED_21_IN_2021, prior_attains=BELOW_LEVEL_2,
                                deliveries=adult("60000015", "2021-09-01"))),
    "LearnDelFAMType_81": (dict(DateOfBirth=AGED_29, deliveries=adult("60000020", "2021-09-01")),
                           dict(DateOfBirth=AGED_29, employment_statuses=[employment(11, "2021-01-01", esm=(("BSI", 4),))],
                                deliveries=adult("60000020", "2021-09-01"))),
    # FundModel 81 aims carry an LDM code (LearnDelFAMType_39): 034, or 396 for the Project S bootcamps pilot
    "ProgType_23": (dict(deliveries=[aim(LearnAimRef="60000016", FundModel=81, fams=[fam("LDM", "034")])]),
                    dict(deliveries=[aim(LearnAimRef="60000016", FundModel=81, fams=[fam("LDM", 396)])])),
}


def tlevel(specialism: str) -> list[str]:
    common = dict(FundModel=25, ProgType=31)
    return [aim(LearnAimRef="ZPROG001", AimType=1, **common), aim(LearnAimRef="60000025", AimType=5, AimSeqNumber=2,
                                                                  **common),
            aim(LearnAimRef=specialism, AimType=3, AimSeqNumber=3, **common)]


CASES["R_147"] = (dict(deliveries=tlevel("ZTLOS002")), dict(deliveries=tlevel("ZTLOS001")))


def trailblazer(employer_paid: int) -> list[str]:
    # standard 100's cap is 9000: two thirds of the price of 7500 is within it, so a third (2500) is the most
    prices = [fin("TNP", 1, "2019-09-01", 6000), fin("TNP", 2, "2019-09-01", 1500)]
    return [aim(LearnAimRef="ZPROG001", AimType=1, FundModel=81, ProgType=25, StdCode=100, LearnStartDate="2019-09-01",
                fams=[fam("LDM", "034")], fins=prices + [fin("PMR", 1, "2019-10-01", employer_paid)])]


CASES["R_72"] = (dict(deliveries=trailblazer(3000)), dict(deliveries=trailblazer(2000)))

HE = dict(PERMADDCOUNTRY="XF", STULOAD="100", QUALENT3="P50", NETFEE=9000, GROSSFEE=9000)


def with_he(ref: str, fund_model: int, **he: object) -> list[str]:
    return [aim(LearnAimRef=ref, FundModel=fund_model, he=delivery_he(**HE, **he))]


CASES.update({
    "FUNDLEV_02": (dict(deliveries=with_he("60000026", 99, FUNDLEV=20)), dict(deliveries=with_he("60000026", 99, FUNDLEV=10))),
    "FUNDLEV_03": (dict(deliveries=with_he("60000027", 99, FUNDLEV=10)), dict(deliveries=with_he("60000027", 99, FUNDLEV=20))),
    "LearningDeliveryHE_06": (dict(deliveries=with_he("60000015", 10)), dict(deliveries=with_he("60000026", 10))),
    "LearningDeliveryHE_09": (dict(deliveries=with_he("60000015", 11)), dict(deliveries=with_he("60000026", 11))),
})
CONDITION_OF_FUNDING = [aim(LearnAimRef="60000028")]  # 16-19 funded (FundModel 25, SOF 107); the learner is 16
CASES.update({
    "R_155": (dict(EngGrade="3", deliveries=CONDITION_OF_FUNDING),
              dict(EngGrade="3", learner_fams=[learner_fam("EMH", 1)], deliveries=CONDITION_OF_FUNDING)),
    "R_156": (dict(MathGrade="U", deliveries=CONDITION_OF_FUNDING),
              dict(MathGrade="U", learner_fams=[learner_fam("MCF", 2)], deliveries=CONDITION_OF_FUNDING)),
})


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_flags_fault_and_spares_look_alike(lint, lars, rule: str) -> None:  # noqa: F811
    bad, good = CASES[rule]
    assert_rule(lint, rule, learner_for("BAD", year="2526", **bad), learner_for("OK", year="2526", **good),
                year="2526", lars=lars)


def test_overlapping_full_funding_rules_report_one_fault_once(lint, lars) -> None:  # noqa: F811
    # aged 21, qualified to level 2, a level 2 aim outside the entitlement, fully funded: LearnDelFAMType_61 only
    xml = ilr(learner_for("BAD", year="2526", DateOfBirth=AGED_21_IN_2019, prior_attains=QUALIFIED_2015,
                      deliveries=adult("60000020", "2019-09-01")), year="2526", prep="2025-11-01")
    rules = ("LearnDelFAMType_61", "LearnDelFAMType_65")
    assert [f.code for f in lint(xml, select=rules, lars=lars)] == ["LearnDelFAMType_61"]


def test_a_level_4_adult_skills_aim_for_a_learner_over_24_is_one_finding(lint, lars) -> None:  # noqa: F811
    xml = ilr(learner_for("BAD", year="2526", DateOfBirth=AGED_29, deliveries=adult("60000022", "2019-09-01")),
              year="2526", prep="2025-11-01")
    assert [f.code for f in lint(xml, select=("LearnAimRef_79", "DateOfBirth_55"), lars=lars)] == ["LearnAimRef_79"]


def test_identical_rules_are_reported_once() -> None:
    from ilr_lint.api import discover
    from ilr_lint.official import listing
    rows = {r["rule"]: r for r in listing.official_rows(discover(), "2025-26")}
    assert rows["ProgType_24"]["checks"] == ["ProgType_23"] and rows["ProgType_24"]["reason"] == "with --lars"
    assert rows["R_73"]["checks"] == ["R_72"]


def test_r72_spares_a_price_beyond_the_cap(lint, lars) -> None:  # noqa: F811
    # two thirds of 15000 exceed standard 100's cap of 9000 (DD17 = Y): the employer may pay more than a third
    prices = [fin("TNP", 1, "2019-09-01", 13000), fin("TNP", 2, "2019-09-01", 2000)]
    over_cap = aim(LearnAimRef="ZPROG001", AimType=1, FundModel=81, ProgType=25, StdCode=100, LearnStartDate="2019-09-01",
                   fams=[fam("LDM", "034")], fins=prices + [fin("PMR", 1, "2019-10-01", 6000)])
    xml = ilr(learner_for("L1", year="2526", deliveries=[over_cap]), year="2526", prep="2025-11-01")
    assert lint(xml, select=("R_72",), lars=lars) == []
    paid_more = over_cap.replace("<AFinAmount>13000<", "<AFinAmount>5000<")  # 7000 in all: within the cap
    xml = ilr(learner_for("L1", year="2526", deliveries=[paid_more]), year="2526", prep="2025-11-01")
    assert [f.code for f in lint(xml, select=("R_72",), lars=lars)] == ["R_72"]
