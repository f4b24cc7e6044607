"""The official rules that need LARS, on a small fictional LARS extract (tests/fixtures/lars).

The extract has the published file names and header rows and a handful of made-up aims:
ZPROG001 (ANY); 60000001 (1619_EFA and ANY, open); 60000002 (ADULT_SKILLS 2024-08-01 to
2026-07-31, last new start 2025-12-31; category 37); 60000003 (1619_EFA 2018-08-01 to
2024-07-31, last new start 2023-07-31); 60000004 (a T Level technical qualification, type 1468);
60000005 (English: BasicSkillsType 1); 60000006 (ESOL: 36); 60000007 (ANY from 2023-08-01;
category 67; genre NOQ); 60000008 (FCFJ_ADULT_SKILLS, category 45); 60000009
(GROWTH_SKILLS_SHORT_COURSES from 2026-08-01); 60000010 (category 22); 60000011 (level 3,
category 38); 60000012 (level 4); 60000013 (level 5); 60000015 (level 1); 60000016 (a skills
bootcamp subject aim, category 62); 60000017 (category 48); 60000018 (category 56 from 2024-08-01 to
2025-07-31); 60000019 (ADULT_SKILLS from 2025-01-01); 60000030 (a CSCS card, category 76) and
60000031 (category 77, a subcategory of 76 in Category.csv); 60000032 (building and construction,
SectorSubjectAreaTier2 5.20); 60000033 (an apprenticeship unit, category 91). Standards: 100 (from
2019-01-01, starts to 2027-07-31, open); 200 (from 2018-01-01, starts to 2024-07-31, closed
2025-07-31); 300 (a foundation apprenticeship, type A0001); 400 (level 7).
"""

from __future__ import annotations

import re

import pytest

from builders import COMPLETE, DEFAULT_FAMS, delivery, fam, hrs, ilr, learner, learner_fam, learner_for, prior_attain
from official_cases import assert_rule

from ilr_lint.reference.lars import Lars

FIXTURE = __import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures" / "lars"


@pytest.fixture(scope="module")
def lars(tmp_path_factory: pytest.TempPathFactory) -> Lars:
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        return Lars.open(FIXTURE)


def aim(year: str = "2526", **values: object) -> str:
    """An aim; given ``fams`` are added to the funding FAMs its FundModel needs (of the types not given)."""
    start = "2025-09-01" if year == "2526" else "2026-09-01"
    fams = values.pop("fams", None)
    if fams is not None:
        given = {re.search(r"<LearnDelFAMType>(\w+)<", f).group(1) for f in fams}  # type: ignore[union-attr]
        defaults = DEFAULT_FAMS.get(int(values.get("FundModel", 25)), [])  # type: ignore[call-overload]
        values["fams"] = [f for f in defaults if re.search(r"<LearnDelFAMType>(\w+)<", f).group(1) not in given] + fams  # type: ignore[union-attr]
    return delivery(year=year, **{"LearnStartDate": start, "LearnPlanEndDate": "2027-07-31", **values})


def prog(std: int, start: str, **values: object) -> str:
    return aim(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=std, LearnStartDate=start,
               **values)


def comp(ref: str, std: int, start: str, **values: object) -> str:
    return aim(LearnAimRef=ref, AimType=3, AimSeqNumber=2, FundModel=36, ProgType=25, StdCode=std,
               LearnStartDate=start, **values)


RES = [fam("RES", 1)]
ENDED = dict(CompStatus=2, Outcome=1)
CONSTRUCTION = aim("2627", LearnAimRef="60000032", FundModel=38, AimSeqNumber=2)  # a building and construction aim
# rule -> (BAD learner's aims, OK look-alike's aims, year)
CASES: dict[str, tuple[list[str], list[str], str]] = {
    "LearnAimRef_01": ([aim(LearnAimRef="69999999")], [aim(LearnAimRef="60000001")], "2526"),
    "StdCode_02": ([prog(999, "2025-09-01")], [prog(100, "2025-09-01")], "2526"),
    "LearnStartDate_13": ([prog(200, "2025-09-01")], [prog(200, "2025-09-01", fams=RES)], "2526"),
    "LearnStartDate_14": ([prog(200, "2025-09-01", fams=RES), comp("60000005", 200, "2025-09-01")],
                          [prog(200, "2024-07-01", fams=RES), comp("60000005", 200, "2025-09-01")], "2526"),
    "LearnStartDate_17": ([prog(100, "2018-09-01")], [prog(100, "2019-09-01")], "2526"),
    "LearnStartDate_18": ([prog(200, "2025-03-01")], [prog(200, "2024-07-01")], "2526"),
    "ProgType_16": ([aim(LearnAimRef="60000004", AimType=5)], [aim(LearnAimRef="60000004", FundModel=99)], "2526"),
    "R_129": ([aim(LearnAimRef="60000004", AimType=5, FundModel=99)],
              [aim(LearnAimRef="ZPROG001", AimType=1, FundModel=99),
               aim(LearnAimRef="60000004", AimType=5, FundModel=99, AimSeqNumber=2)], "2526"),
    "LearnAimRef_153": ([aim(LearnAimRef="60000007", FundModel=35)], [aim(LearnAimRef="60000007", FundModel=37)],
                        "2526"),
    "LearnAimRef_56": ([aim(LearnAimRef="60000010", FundModel=35, fams=[fam("LDM", "034")])],
                       [aim(LearnAimRef="60000010", FundModel=35)], "2526"),
    "OrigLearnStartDate_07": ([prog(100, "2025-09-01"), comp("60000007", 100, "2025-09-01",
                                                             OrigLearnStartDate="2022-09-01")],
                              [prog(100, "2025-09-01"), comp("60000007", 100, "2025-09-01",
                                                             OrigLearnStartDate="2023-09-01")], "2526"),
    "AddHours_03": ([aim(LearnAimRef="60000001", AddHours=10)], [aim(LearnAimRef="60000006", AddHours=10)], "2526"),
    "LearnDelFAMType_121": ([aim(LearnAimRef="60000002", FundModel=38, fams=[fam("LDM", 378)])],
                            [aim(LearnAimRef="60000008", FundModel=38, fams=[fam("LDM", 378)])], "2526"),
    "LearnDelFAMType_98": ([aim(LearnAimRef="60000006", FundModel=35, LearnStartDate="2024-06-01",
                                fams=[fam("LDM", 378)])],
                           [aim(LearnAimRef="60000008", FundModel=35, LearnStartDate="2024-06-01",
                                fams=[fam("LDM", 378)])], "2526"),
    "LearnDelFAMType_117": ([aim(LearnAimRef="60000007", FundModel=81, fams=[fam("LDM", 388)])],
                            [aim(LearnAimRef="60000001", FundModel=81, fams=[fam("LDM", 388)])], "2526"),
    # the validity family: one rule of each kind, and the FM39 stream of 2026-27
    "LearnAimRef_129": ([aim(LearnAimRef="60000002")], [aim(LearnAimRef="60000001")], "2526"),
    "LearnAimRef_102": ([aim(LearnAimRef="60000003", LearnStartDate="2017-09-01", LearnActEndDate="2025-08-15",
                             **ENDED)],
                        [aim(LearnAimRef="60000003", LearnStartDate="2019-09-01", LearnActEndDate="2024-07-01",
                             **ENDED)], "2526"),
    "LearnAimRef_103": ([aim(LearnAimRef="60000003", LearnStartDate="2019-09-01", LearnActEndDate="2024-09-01",
                             **ENDED)],
                        [aim(LearnAimRef="60000003", LearnStartDate="2019-09-01", LearnActEndDate="2024-07-31",
                             **ENDED)], "2526"),
    "LearnAimRef_104": ([aim(LearnAimRef="60000003", LearnStartDate="2023-09-01")],
                        [aim(LearnAimRef="60000003", LearnStartDate="2023-09-01", fams=RES)], "2526"),
    "LearnAimRef_105": ([aim(LearnAimRef="60000003", LearnStartDate="2022-09-01")],
                        [aim(LearnAimRef="60000001", LearnStartDate="2022-09-01")], "2526"),
    "LearnAimRef_142": ([aim(LearnAimRef="60000001", FundModel=38)], [aim(LearnAimRef="60000002", FundModel=38)],
                        "2526"),
    "LearnAimRef_140": ([aim(LearnAimRef="60000002", FundModel=38, LearnStartDate="2026-01-15")],
                        [aim(LearnAimRef="60000002", FundModel=38, LearnStartDate="2026-01-15", fams=RES)], "2526"),
    "LearnAimRef_133": ([aim(LearnAimRef="60000001", FundModel=38, fams=[fam("SOF", 110)])],
                        [aim(LearnAimRef="60000001", FundModel=38, fams=[fam("SOF", 110), fam("LDM", 378)])], "2526"),
    "LearnAimRef_132": ([aim(LearnAimRef="60000002", FundModel=99)], [aim(LearnAimRef="60000001", FundModel=99)],
                        "2526"),
    "LearnAimRef_160": ([aim("2627", LearnAimRef="60000001", FundModel=39)],
                        [aim("2627", LearnAimRef="60000009", FundModel=39)], "2627"),
    # a component ending after its programme: an English component (BasicSkillsType 1) is excluded
    "R_89": ([prog(100, "2024-09-01", LearnActEndDate="2025-06-30", **ENDED),
              comp("60000007", 100, "2024-09-01", LearnActEndDate="2025-07-15", **ENDED)],
             [prog(100, "2024-09-01", LearnActEndDate="2025-06-30", **ENDED),
              comp("60000005", 100, "2024-09-01", LearnActEndDate="2025-07-15", **ENDED)], "2526"),
    "HRSType_11": ([aim("2627", LearnAimRef="60000015", FundModel=38, hrs_records=[hrs(6, 20)])],
                   [aim("2627", LearnAimRef="60000006", FundModel=38, hrs_records=[hrs(6, 20)])], "2627"),
    "LearnDelFAMType_140": ([aim("2627", LearnAimRef="60000001", FundModel=99, fams=[fam("LDM", 403)])],
                            [aim("2627", LearnAimRef="60000033", FundModel=99, fams=[fam("LDM", 403)])], "2627"),
    "LearnAimRef_155": ([aim("2627", LearnAimRef="60000031", FundModel=38, LearnPlanEndDate="2026-09-02"), CONSTRUCTION],
                        [aim("2627", LearnAimRef="60000031", FundModel=38, LearnPlanEndDate="2026-09-01"), CONSTRUCTION],
                        "2627"),
    "R_158": ([aim("2627", LearnAimRef="60000030", FundModel=38, LearnPlanEndDate="2026-09-01"),
               aim("2627", LearnAimRef="60000032", FundModel=38, AimSeqNumber=2, LearnStartDate="2026-09-02")],
              [aim("2627", LearnAimRef="60000030", FundModel=38, LearnPlanEndDate="2026-09-01"),
               aim("2627", LearnAimRef="60000032", FundModel=38, AimSeqNumber=2, LearnStartDate="2026-09-01")], "2627"),
}


# Learner fields a fixture needs so that its two learners differ only in the fault: an OLASS aim
# (exempt from DateOfBirth_01) would otherwise draw DateOfBirth_24 for the missing date of birth, a
# 19-23 learner's level 2 aim outside the entitlement LearnDelFAMType_122, a 16-19 funded learner
# without GCSE grades and planned hours the Learner rules.
LEARNER_VALUES = {"LearnAimRef_56": {"DateOfBirth": "1990-01-01"}, "OrigLearnStartDate_11": {"DateOfBirth": "1990-01-01"},
                  "ProgType_16": COMPLETE}

# A fixture whose learner has a second fault another official rule reports on the same aim.
ALSO = {"LearnAimRef_153": ("FundModel_17",)}  # a new FundModel 35 start after July 2024 is a fault of its own


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_flags_fault_and_spares_look_alike(lint, lars, rule: str) -> None:
    bad, good, year = CASES[rule]
    values = LEARNER_VALUES.get(rule, {})
    assert_rule(lint, rule, learner("BAD", year=year, deliveries=bad, **values),
                learner("OK", year=year, deliveries=good, **values), year=year, lars=lars, also=ALSO.get(rule, ()))


def test_2026_27_new_start_rule_no_longer_exempts_restarts(lint, lars) -> None:
    restart = aim("2627", LearnAimRef="60000003", LearnStartDate="2023-09-01", fams=RES)
    ok = aim("2627", LearnAimRef="60000001", LearnStartDate="2023-09-01")
    assert_rule(lint, "LearnAimRef_104", learner("BAD", year="2627", deliveries=[restart]),
                learner("OK", year="2627", deliveries=[ok]), year="2627", lars=lars)


def test_an_aim_gets_one_validity_finding_per_stream(lint, lars) -> None:
    # starts before its 1619_EFA validity and ends after it: one fault, reported once
    bad = aim(LearnAimRef="60000003", LearnStartDate="2021-09-01", LearnActEndDate="2024-09-01", **ENDED)
    findings = lint(ilr(learner("BAD", year="2526", deliveries=[bad]), year="2526", prep="2025-11-01"),
                    select=("delivery",), lars=lars)
    assert [f.code for f in findings] == ["LearnAimRef_103"]


def test_without_lars_the_rules_do_not_run(lint) -> None:
    xml = ilr(learner("BAD", year="2526", deliveries=[aim(LearnAimRef="69999999")]), year="2526", prep="2025-11-01")
    assert lint(xml, select=("LearnAimRef_01",)) == []


TLEVEL_WITH_OTHER_CORE = [aim(LearnAimRef="ZPROG001", AimType=1, ProgType=31),
                          aim(LearnAimRef="60000001", AimType=5, ProgType=31, AimSeqNumber=2)]


def test_ilr405_uses_the_lars_aim_type(lint, lars) -> None:
    xml = ilr(learner("BAD", year="2526", deliveries=TLEVEL_WITH_OTHER_CORE), year="2526", prep="2025-11-01")
    assert lint(xml, select=("ILR405",)) == []  # without LARS any QAN counts as the technical qualification
    assert [f.code for f in lint(xml, select=("ILR405",), lars=lars)] == ["ILR405"]


def test_ilr230_finds_english_and_maths_aims_in_lars(lint, lars) -> None:
    english = [prog(100, "2025-09-01", fams=[fam("ACT", 1, "2025-09-01")]), comp("60000005", 100, "2025-09-01")]
    xml = ilr(learner("BAD", year="2526", deliveries=english), year="2526", prep="2025-11-01")
    assert lint(xml, select=("ILR230",)) == []  # without LARS or the option the ILR cannot say
    assert [(f.code, f.aim) for f in lint(xml, select=("ILR230",), lars=lars)] == [("ILR230", 2)]
    assert [(f.code, f.aim) for f in lint(xml, select=("ILR230",), options={"english-maths-aims": ["60000005"]})] \
        == [("ILR230", 2)]


def test_rules_official_lists_the_lars_and_code_list_rules_as_enforced() -> None:
    from ilr_lint.api import discover
    from ilr_lint.official import listing
    rows = {r["rule"]: r for r in listing.official_rows(discover(), "2025-26")}
    assert rows["LearnAimRef_01"]["checks"] == ["LearnAimRef_01"] and rows["LearnAimRef_01"]["reason"] == "with --lars"
    assert rows["ProgType_19"]["checks"] == ["ILR405"] and rows["Sex_01"]["checks"] == ["Sex_01"]
    assert rows["WithdrawReason_02"]["checks"] == ["ILR122"]
    assert rows["OutGrade_01"]["checks"] == [] and "Appendix Q" in rows["OutGrade_01"]["reason"]
    assert "specialist designated colleges" in rows["DateOfBirth_32"]["reason"]  # LARS alone cannot decide it


YOUNG, OLDER = "2005-01-01", "1990-01-01"  # aged 20 and 35 on 2025-09-01


def asf(ref: str, *fams: tuple[str, object]) -> list[str]:
    return [aim(LearnAimRef=ref, FundModel=38, fams=[fam(t, c) for t, c in fams])]


# rule -> (BAD learner, OK learner): learner() keyword arguments, 2025-26
ADULT_CASES: dict[str, tuple[dict, dict]] = {
    "LearnAimRef_135": (dict(deliveries=asf("60000012")), dict(deliveries=asf("60000012", ("DAM", "023")))),
    "LearnAimRef_136": (dict(deliveries=asf("60000008")), dict(deliveries=asf("60000011"))),
    "LearnDelFAMType_125": (dict(DateOfBirth=OLDER, deliveries=asf("60000011")),
                            dict(DateOfBirth=OLDER, deliveries=asf("60000011", ("LDM", 378)))),
    "LearnAimRef_137": (dict(DateOfBirth=YOUNG, prior_attains=[prior_attain(7, "2024-06-30")], deliveries=asf("60000011")),
                        dict(DateOfBirth=YOUNG, prior_attains=[prior_attain(7, "2024-06-30")],
                             deliveries=asf("60000011", ("LDM", 391)))),
    "DateOfBirth_56": (dict(DateOfBirth=OLDER, deliveries=asf("60000013")),
                       dict(DateOfBirth=OLDER, deliveries=asf("60000013", ("LDM", 378)))),
    "LearnDelFAMType_122": (dict(DateOfBirth=YOUNG, deliveries=asf("60000001", ("FFI", 1))),
                            dict(DateOfBirth=YOUNG, deliveries=asf("60000001", ("FFI", 1), ("LDM", 391)))),
    "LearnDelFAMType_123": (dict(DateOfBirth=YOUNG, deliveries=asf("60000015", ("FFI", 1))),
                            dict(DateOfBirth=YOUNG, deliveries=asf("60000015", ("FFI", 1), ("SOF", 110)))),
    "LearnDelFAMType_124": (dict(DateOfBirth=OLDER, deliveries=asf("60000015", ("FFI", 1))),
                            dict(DateOfBirth=OLDER, deliveries=asf("60000005", ("FFI", 1)))),
    "LearnDelFAMType_130": (dict(DateOfBirth=YOUNG, prior_attains=[prior_attain(4, "2024-06-30")],
                                 deliveries=asf("60000002", ("FFI", 1))),
                            dict(DateOfBirth=YOUNG, prior_attains=[prior_attain(3, "2024-06-30")],
                                 deliveries=asf("60000002", ("FFI", 1)))),
}


ADULT_CASES.update({
    "LearnAimRef_84": (dict(deliveries=[aim(LearnAimRef="60000008", FundModel=35, LearnStartDate="2023-09-01")]),
                       dict(deliveries=[aim(LearnAimRef="60000008", FundModel=35, LearnStartDate="2023-09-01",
                                            fams=[fam("LDM", 378)])])),
    "DateOfBirth_55": (dict(DateOfBirth=OLDER, deliveries=[aim(LearnAimRef="60000013", FundModel=35,
                                                               LearnStartDate="2023-09-01")]),
                       dict(DateOfBirth=OLDER, deliveries=[aim(LearnAimRef="60000013", FundModel=35,
                                                               LearnStartDate="2023-09-01", fams=[fam("LDM", "034")])])),
    "LearnDelFAMType_99": (dict(deliveries=[aim(LearnAimRef="60000017", FundModel=35, LearnStartDate="2023-09-01")]),
                           dict(deliveries=[aim(LearnAimRef="60000017", FundModel=35, LearnStartDate="2023-09-01",
                                                fams=[fam("LDM", 378)])])),
    "LearnDelFAMType_110": (dict(deliveries=[aim(LearnAimRef="60000018", FundModel=38, LearnStartDate="2024-09-01",
                                                 fams=[fam("LDM", 378)])]),
                            dict(deliveries=[aim(LearnAimRef="60000018", FundModel=38, LearnStartDate="2024-09-01",
                                                 fams=[fam("LDM", 378), fam("SOF", 110)])])),
    "LearnDelFAMType_114": (dict(deliveries=[aim(LearnAimRef="60000008", FundModel=35, LearnStartDate="2024-06-01",
                                                 fams=[fam("LDM", 378)])]),
                            dict(deliveries=[aim(LearnAimRef="60000008", FundModel=35, LearnStartDate="2024-06-01",
                                                 fams=[fam("LDM", 378), fam("RES", 1)])])),
    "LearnDelFAMType_129": (dict(deliveries=asf("60000018", ("LDM", 378), ("SOF", 110))),
                            dict(deliveries=[aim(LearnAimRef="60000018", FundModel=38, LearnStartDate="2024-09-01",
                                                 fams=[fam("LDM", 378), fam("SOF", 110)])])),
})


@pytest.mark.parametrize("rule", sorted(ADULT_CASES))
def test_adult_skills_fund_rule_flags_fault_and_spares_look_alike(lint, lars, rule: str) -> None:
    bad, good = ADULT_CASES[rule]
    assert_rule(lint, rule, learner("BAD", year="2526", **bad), learner("OK", year="2526", **good), year="2526",
                lars=lars)


def test_overlapping_adult_skills_fund_rules_report_one_fault_once(lint, lars) -> None:
    # aged 35, qualified to level 7, a level 3 entitlement aim without LDM 378: LearnDelFAMType_125 only
    xml = ilr(learner("BAD", year="2526", DateOfBirth=OLDER, prior_attains=[prior_attain(7, "2010-06-30")],
                      deliveries=asf("60000011")), year="2526", prep="2025-11-01")
    rules = ("LearnDelFAMType_125", "LearnAimRef_136", "LearnAimRef_137", "DateOfBirth_56")
    assert [f.code for f in lint(xml, select=rules, lars=lars)] == ["LearnDelFAMType_125"]


def bootcamp(**values: object) -> str:
    return aim(**{"LearnAimRef": "ZPROG001", "AimType": 1, "FundModel": 37, "ProgType": 32, "ConRefNumber": "BC1",
                  **values})


def subject(**values: object) -> str:
    return aim(**{"LearnAimRef": "60000016", "AimType": 3, "AimSeqNumber": 2, "FundModel": 37, "ProgType": 32,
                  "ConRefNumber": "BC1", **values})


CLOSED = dict(LearnActEndDate="2025-10-15", CompStatus=2, Outcome=1)
APPRENTICE = aim(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=100, LearnStartDate="2023-09-01")
PROGRAMME_CASES: dict[str, tuple[list[str], list[str]]] = {
    "R_141": ([bootcamp(), subject(LearnAimRef="60000007")], [bootcamp(), subject()]),  # LARS category 67, not 62
    "R_139": ([bootcamp(**CLOSED), subject(LearnAimRef="60000007", **CLOSED)], [bootcamp(**CLOSED), subject(**CLOSED)]),
    "R_149": ([bootcamp(), subject(LearnStartDate="2025-08-15")], [bootcamp(), subject()]),
    "R_146": ([APPRENTICE, aim(LearnAimRef="60000005", AimSeqNumber=2, FundModel=38)],
              [APPRENTICE, aim(LearnAimRef="60000005", AimSeqNumber=2, FundModel=38, LearnStartDate="2023-08-01")]),
    "R_114": ([APPRENTICE, aim(LearnAimRef="60000005", AimSeqNumber=2, FundModel=35, LearnStartDate="2024-03-01")],
              [APPRENTICE, aim(LearnAimRef="60000005", AimSeqNumber=2, FundModel=35, LearnStartDate="2023-08-01")]),
    "LearnDelFAMType_63": ([aim(LearnAimRef="60000001", AimType=5, fams=[fam("ACT", 1, "2025-09-01")])],
                           [APPRENTICE, comp("60000005", 100, "2025-09-01", fams=[fam("ACT", 1, "2025-09-01")])]),
    "LearnDelFAMType_67": ([APPRENTICE, comp("60000001", 100, "2025-09-01", fams=[fam("LSF", 1, "2025-09-01")])],
                           [APPRENTICE, comp("60000005", 100, "2025-09-01", fams=[fam("LSF", 1, "2025-09-01")])]),
    "OrigLearnStartDate_11": ([aim(LearnAimRef="60000019", FundModel=38, OrigLearnStartDate="2024-09-01")],
                              [aim(LearnAimRef="60000002", FundModel=38, OrigLearnStartDate="2024-09-01")]),
}


@pytest.mark.parametrize("rule", sorted(PROGRAMME_CASES))
def test_programme_rule_flags_fault_and_spares_look_alike(lint, lars, rule: str) -> None:
    bad, good = PROGRAMME_CASES[rule]
    values = LEARNER_VALUES.get(rule, {})
    assert_rule(lint, rule, learner_for("BAD", year="2526", deliveries=bad, **values),
                learner_for("OK", year="2526", deliveries=good, **values), year="2526", lars=lars)


AGE_CASES = {
    "DateOfBirth_59": ("2526", [prog(300, "2025-09-01")], OLDER, YOUNG, {}),
    "DateofBirth_60": ("2526", [prog(400, "2026-01-15")], OLDER, "2003-01-01", {"learner_fams": [learner_fam("EHC", 1)]}),
    "DateOfBirth_60": ("2627", [aim("2627", LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=400)],
                       OLDER, "2006-01-01", {}),
}


@pytest.mark.parametrize("rule", sorted(AGE_CASES))
def test_apprenticeship_age_rule_flags_fault_and_spares_look_alike(lint, lars, rule: str) -> None:
    year, aims, bad_born, good_born, extra = AGE_CASES[rule]
    assert_rule(lint, rule, learner("BAD", year=year, DateOfBirth=bad_born, deliveries=aims),
                learner("OK", year=year, DateOfBirth=good_born, deliveries=aims, **extra), year=year, lars=lars)


def test_a_cscs_card_needs_a_construction_aim_that_is_not_a_card(lint, lars) -> None:
    card = aim("2627", LearnAimRef="60000030", FundModel=38, LearnPlanEndDate="2026-09-01")
    # 60000031 is a card too (a subcategory of 76), so it is no construction aim for the other
    other_card = aim("2627", LearnAimRef="60000031", FundModel=38, AimSeqNumber=2, LearnPlanEndDate="2026-09-01")
    findings = lint(ilr(learner("BAD", year="2627", deliveries=[card, other_card])), select=("R_158",), lars=lars)
    assert [(f.code, f.aim) for f in findings] == [("R_158", 1), ("R_158", 2)]
    devolved = aim("2627", LearnAimRef="60000030", FundModel=38, LearnPlanEndDate="2026-09-01",
                   fams=[fam("DAM", "023")])  # the MCA and GLA delivery exclusion
    assert lint(ilr(learner("OK", year="2627", deliveries=[devolved])), select=("R_158",), lars=lars) == []
