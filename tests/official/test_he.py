"""Official HE rules: a failing fixture and a passing look-alike each."""

from __future__ import annotations

import pytest

from builders import delivery, delivery_he, fam, learner, learner_he
from official_cases import assert_rule

from ilr_lint.checks.official_he import _ssn_check_letter

HE = dict(PERMADDCOUNTRY="XF", STULOAD="100", QUALENT3="P50", NETFEE=9000, GROSSFEE=9000)
GOOD_SSN = "ABCD12345678" + _ssn_check_letter("ABCD12345678")


def case(bad_he: dict, good_he: dict, year: str = "2627", aim: dict | None = None, good_aim: dict | None = None,
         bad_learner_he: str = "", good_learner_he: str = "") -> tuple:
    def one(ref: str, he: dict, values: dict, lhe: str) -> str:
        return learner(ref, year=year, he=lhe, deliveries=[delivery(year=year, he=delivery_he(**he),
                                                                    **{"FundModel": 35, **values})])
    return (one("BAD", bad_he, aim or {}, bad_learner_he),
            one("OK", good_he, good_aim if good_aim is not None else (aim or {}), good_learner_he), year)


OFS = dict(FundModel=99, fams=[fam("SOF", 1)])
BOOTCAMP = dict(AimType=1, LearnAimRef="ZPROG001", FundModel=37, ProgType=32, ConRefNumber="C1")
BOOTCAMP_PART = delivery(**{**BOOTCAMP, "AimType": 3, "LearnAimRef": "Z0009734", "AimSeqNumber": 2})
CASES = {
    "PERMADDCOUNTRY_01": case({**HE, "PERMADDCOUNTRY": None}, HE),
    "MSTUFEE_03": case({**HE, "PERMADDCOUNTRY": "XH", "MSTUFEE": 2}, {**HE, "PERMADDCOUNTRY": "XH", "MSTUFEE": 3}),
    "MSTUFEE_04": case({**HE, "PERMADDCOUNTRY": "XG", "MSTUFEE": 3, "SSN": GOOD_SSN},
                       {**HE, "PERMADDCOUNTRY": "XG", "MSTUFEE": 4, "SSN": GOOD_SSN}),
    "MSTUFEE_05": case({**HE, "MSTUFEE": 4, "SSN": GOOD_SSN}, {**HE, "MSTUFEE": 2, "SSN": GOOD_SSN},
                       aim=dict(LearnStartDate="2025-07-01"),
                       year="2526"),
    "MSTUFEE_06": case({**HE, "MSTUFEE": 2}, {**HE, "MSTUFEE": 2, "SSN": GOOD_SSN}, aim=dict(LearnStartDate="2025-07-01"),
                       year="2526"),
    "MSTUFEE_07": case({**HE, "MSTUFEE": 10}, {**HE, "MSTUFEE": 10, "SSN": GOOD_SSN}),
    "UCASSCHEMECODE_02": case({**HE, "UCASSCHEMECODE": "A123"}, {**HE, "UCASSCHEMECODE": "AB12"}),
    "SEC_02": case({**HE, "UCASSCHEMECODE": "AB12", "SOC": 1234}, {**HE, "UCASSCHEMECODE": "AB12", "SOC": 1234, "SEC": 1}),
    "SOC_02": case({**HE, "UCASSCHEMECODE": "AB12", "SEC": 1}, {**HE, "UCASSCHEMECODE": "AB12", "SEC": 1, "SOC": 1234}),
    "GROSSFEE_01": case({**HE, "GROSSFEE": None}, HE),
    "GROSSFEE_02": case({**HE, "GROSSFEE": 8999}, {**HE, "GROSSFEE": 9000}),
    "GROSSFEE_03": case({**HE, "GROSSFEE": 9536}, {**HE, "GROSSFEE": 9535}),
    "NETFEE_02": case({**HE, "NETFEE": 9536, "GROSSFEE": 9536}, {**HE, "NETFEE": 9535, "GROSSFEE": 9536}),
    "NETFEE_01": case({**HE, "NETFEE": None, "GROSSFEE": None, "SSN": None}, {**HE, "NETFEE": None, "GROSSFEE": None,
                                                                            "SSN": GOOD_SSN}),
    "SPECFEE_02": case({**HE, "MODESTUD": 2, "SPECFEE": 0}, {**HE, "MODESTUD": 2, "SPECFEE": 1}),
    "PCOLAB_01": case(HE, {**HE, "PCOLAB": "50"}, aim=dict(PartnerUKPRN=10000002)),
    "LearningDeliveryHE_10": (learner("BAD", deliveries=[delivery(**BOOTCAMP, he=delivery_he(**HE)), BOOTCAMP_PART]),
                              learner("OK", deliveries=[delivery(**BOOTCAMP), BOOTCAMP_PART.replace(
                                  "</LearningDelivery>", delivery_he(**HE) + "</LearningDelivery>")]), "2627"),
    "LearningDeliveryHE_02": (learner("BAD", deliveries=[delivery(**OFS)]),
                              learner("OK", deliveries=[delivery(**OFS, he=delivery_he(**HE, ELQ=1))]), "2627"),
    "ELQ_01": case(HE, {**HE, "ELQ": 1}, aim=OFS),
    "STULOAD_04": case({**HE, "STULOAD": None}, HE),
    "MODESTUD_03": case({**HE, "SPECFEE": 4, "MODESTUD": 1}, {**HE, "SPECFEE": 4, "MODESTUD": 3},
                        bad_learner_he=learner_he(ttaccom=1), good_learner_he=learner_he(ttaccom=1)),
    "TYPEYR_02": case({**HE, "FUNDCOMP": 1, "TYPEYR": 2}, {**HE, "FUNDCOMP": 1, "TYPEYR": 1},
                      aim=dict(LearnStartDate="2025-09-01", LearnPlanEndDate="2026-06-30", CompStatus=2,
                               LearnActEndDate="2026-06-30", Outcome=1), year="2526"),
    "QUALENT3_01": case({**HE, "QUALENT3": None}, HE),
    "SSN_02": case({**HE, "SSN": GOOD_SSN[:12] + ("A" if GOOD_SSN[12] != "A" else "B")}, {**HE, "SSN": GOOD_SSN}),
    "HEPostCode_02": case({**HE, "HEPostCode": "AB1 2CI"}, {**HE, "HEPostCode": "AB1 2AB"}),
    "UCASSCHEMECODE_01": case({**HE, "SEC": 1, "SOC": 1234}, {**HE, "UCASSCHEMECODE": "AB12", "SEC": 1, "SOC": 1234},
                              bad_learner_he=learner_he(ucasperid="1234567890"),
                              good_learner_he=learner_he(ucasperid="1234567890")),
    "FINTYPE_02": case(HE, HE, bad_learner_he=learner_he(support=((1, 100), (1, 50))),
                       good_learner_he=learner_he(support=((1, 150), (2, 50)))),
    "LearnerHE_02": (learner("BAD", he=learner_he(ttaccom=1), deliveries=[delivery()]),
                     learner("OK", deliveries=[delivery()]), "2627"),
    "TTACCOM_04": case({**HE, "MODESTUD": 1}, {**HE, "MODESTUD": 1}, bad_learner_he=learner_he(),
                       good_learner_he=learner_he(ttaccom=1)),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_fault_and_spares_look_alike(lint, rule):
    bad, good, year = CASES[rule]
    assert_rule(lint, rule, bad, good, year=year)


def test_every_he_rule_has_a_case():
    from ilr_lint.api import checks_in
    from ilr_lint.checks import official_he
    assert {c.code for c in checks_in(official_he)} == set(CASES)


def test_ssn_check_letter_follows_hesa():
    assert _ssn_check_letter("ABCD12345678") == GOOD_SSN[12]
    # every weighted position counts: changing one digit changes the letter
    assert _ssn_check_letter("ABCD12345679") != GOOD_SSN[12]
