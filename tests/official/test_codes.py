"""The valid-code-list rules: each flags a code its year's list rules out and spares the look-alike."""

from __future__ import annotations

import pytest

from builders import delivery, employment, fam, fin, ilr, learner, learner_fam, lldd, prior_attain, work_placement
from ilr_lint.reference.codelists import code_lists

PROG = dict(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=100)


def aim(year: str = "2526", **values: object) -> str:
    start = "2025-09-01" if year == "2526" else "2026-09-01"
    return delivery(year=year, **{"LearnStartDate": start, **values})


# code -> (BAD learner's fields, OK look-alike's fields, year); fields are learner() keyword arguments
CASES: dict[str, tuple[dict, dict, str]] = {
    "Sex_01": (dict(Sex="X"), dict(Sex="M"), "2526"),
    "Ethnicity_01": (dict(Ethnicity=30), dict(Ethnicity=47), "2526"),
    "LLDDHealthProb_01": (dict(LLDDHealthProb=3), dict(LLDDHealthProb=9), "2526"),
    "Accom_01": (dict(Accom=4), dict(Accom=5), "2526"),
    "EngGrade_02": (dict(EngGrade="Z"), dict(EngGrade="NONE"), "2526"),
    "MathGrade_02": (dict(MathGrade="A+"), dict(MathGrade="98"), "2526"),  # 98: a double award, unconfirmed
    "PriorAttain_03": (dict(prior_attains=[prior_attain(11, "2024-06-30")]),
                       dict(prior_attains=[prior_attain(10, "2024-06-30")]), "2526"),
    "LLDDCat_01": (dict(lldds=[lldd(19)]), dict(lldds=[lldd(1)]), "2526"),  # 1: unconfirmed, never an error
    "LLDDCat_02": (dict(lldds=[lldd(15)], deliveries=[aim()]),
                   dict(lldds=[lldd(15)], deliveries=[aim(AimSeqNumber=1, LearnStartDate="2025-07-01")]), "2526"),
    "PrimaryLLDD_02": (dict(lldds=[lldd(4, primary=2)]), dict(lldds=[lldd(4, primary=1)]), "2526"),
    "LearnFAMType_01": (dict(learner_fams=[learner_fam("EHC", 2)]),
                        dict(learner_fams=[learner_fam("EHC", 1), learner_fam("NLM", 99)]), "2526"),
    "EmpStat_05": (dict(employment_statuses=[employment(13, "2025-08-01", year="2526")]),
                   dict(employment_statuses=[employment(98, "2025-08-01", year="2526")]), "2526"),
    "ESMType_01": (dict(employment_statuses=[employment(11, "2025-08-01", esm=(("BSI", 7),), year="2526")]),
                   dict(employment_statuses=[employment(11, "2025-08-01", esm=(("BSI", 6),), year="2526")]), "2526"),
    "AimType_01": (dict(deliveries=[aim(AimType=2)]), dict(deliveries=[aim(AimType=5)]), "2526"),
    "FundModel_01": (dict(deliveries=[aim("2627", FundModel=10)]), dict(deliveries=[aim("2627", FundModel=39)]), "2627"),
    "CompStatus_01": (dict(deliveries=[aim(CompStatus=4)]), dict(deliveries=[aim(CompStatus=6)]), "2526"),
    "Outcome_01": (dict(deliveries=[aim(Outcome=4)]), dict(deliveries=[aim(Outcome=8)]), "2526"),
    "ProgType_03": (dict(deliveries=[aim(**{**PROG, "ProgType": 26})]), dict(deliveries=[aim(**PROG)]), "2526"),
    "LearnDelFAMType_04": (dict(deliveries=[aim(fams=[fam("ACT", 3, "2025-09-01")])]),
                           dict(deliveries=[aim(fams=[fam("ACT", 2, "2025-09-01"), fam("LDM", 999)])]), "2526"),
    "LearnDelFAMType_06": (dict(deliveries=[aim(fams=[fam("LDM", 358)])]),
                           dict(deliveries=[aim(LearnStartDate="2025-07-01", fams=[fam("LDM", 358)]),
                                            aim(AimSeqNumber=2, fams=[fam("LDM", 358), fam("RES", 1)])]), "2526"),
    "WorkPlaceMode_01": (dict(deliveries=[aim(work_placements=[work_placement("2025-09-01", mode=3)])]),
                         dict(deliveries=[aim(work_placements=[work_placement("2025-09-01", mode=2)])]), "2526"),
    "AFinType_02": (dict(deliveries=[aim(**PROG, fins=[fin("TNP", 5, "2025-09-01", 100)])]),
                    dict(deliveries=[aim(**PROG, fins=[fin("PMR", 3, "2025-09-01", 100)])]), "2526"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_flags_code_ruled_out_and_spares_look_alike(lint, code: str) -> None:
    bad, good, year = CASES[code]
    prep = "2025-11-01" if year == "2526" else "2026-11-01"
    xml = ilr(learner("BAD", year=year, **bad), learner("OK", year=year, **good), year=year, prep=prep)
    findings = lint(xml, select=(code,))
    assert [(f.code, f.learner) for f in findings] == [(code, "BAD")]


def test_messages_name_the_field_value_and_year(lint) -> None:
    xml = ilr(learner("BAD", year="2526", deliveries=[aim(fams=[fam("ACT", 3, "2025-09-01")])]), year="2526",
              prep="2025-11-01")
    (finding,) = lint(xml, select=("LearnDelFAMType_04",))
    assert "LearnDelFAMType ACT LearnDelFAMCode 3 is not a valid code in 2025-26 (valid: 1, 2)" in finding.message
    assert finding.aim == 1 and finding.severity == "error"


@pytest.mark.parametrize("label", ["2023-24", "2024-25", "2025-26", "2026-27"])
def test_every_year_has_its_lists_with_sources(label: str) -> None:
    lists = code_lists(label)
    assert {"Sex", "FundModel", "LearnDelFAMCode.LDM", "ESMCode.BSI", "AFinCode.TNP"} <= set(lists)
    assert all(entry.source and (entry.codes or not entry.complete) for entry in lists.values())


def test_year_differences_follow_the_change_summaries() -> None:
    assert "10" in code_lists("2025-26")["FundModel"].codes and "10" not in code_lists("2026-27")["FundModel"].codes
    assert "39" in code_lists("2026-27")["FundModel"].codes
    assert str(code_lists("2025-26")["LearnDelFAMCode.DAM"].valid_to["013"]) == "2026-07-31"
    assert not code_lists("2025-26")["LearnDelFAMCode.LDM"].invalid("999")  # incomplete list: never an error


def test_a_code_longer_than_any_on_the_list_is_left_to_the_schema_check(lint) -> None:
    xml = ilr(learner("BAD", year="2526", LLDDHealthProb=12), year="2526", prep="2025-11-01")
    found = {f.code for f in lint(xml, select=("LLDDHealthProb_01", "ILR001"))}
    assert found == {"ILR001"}
