"""Official LearningDeliveryFAM and AppFinRecord rules: a failing fixture and a passing look-alike each."""

from __future__ import annotations

import pytest

from builders import delivery, employment, fam, fin, learner
from official_cases import assert_rule

SOF = fam("SOF", 105)
S107 = fam("SOF", 107)
FFI = fam("FFI", 1)
ACT1 = fam("ACT", 1, "2026-09-01")
STANDARD = dict(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=1)
TNP = [fin("TNP", 1, "2026-09-01", 9000), fin("TNP", 2, "2026-09-01", 1000)]
STUDENT = dict(DateOfBirth="2009-01-01", EngGrade="4", MathGrade="4", PlanLearnHours=540, PlanEEPHours=0)
ADULT = dict(DateOfBirth="1990-01-01", PlanLearnHours=100, employment_statuses=[employment(11, "2025-08-01", esm=(("LOU", 1),))],
             learner_fams=["<PriorAttain><PriorLevel>2</PriorLevel><DateLevelApp>2020-01-01</DateLevelApp></PriorAttain>"])


def case(bad: dict, good: dict, year: str = "2627", bad_learner: dict | None = None,
         good_learner: dict | None = None, also: tuple[str, ...] = ()) -> tuple:
    """``also``: the official LearningDelivery rules that see the same faulty record too."""
    return (learner("BAD", year=year, deliveries=[delivery(year=year, **bad)], **(bad_learner or {})),
            learner("OK", year=year, deliveries=[delivery(year=year, **good)], **(good_learner or {})), year, also)


CASES = {
    # source of funding
    "LearnDelFAMType_01": case(dict(FundModel=35, fams=[FFI]), dict(FundModel=35, fams=[SOF, FFI])),
    "LearnDelFAMType_07": case(dict(FundModel=25, fams=[fam("SOF", 110)]), dict(FundModel=25, fams=[fam("SOF", 107)]), also=("FundModel_18",)),
    "LearnDelFAMType_08": case(dict(FundModel=99, fams=[SOF]), dict(FundModel=99, fams=[fam("SOF", 110)])),
    "LearnDelFamType_134": case(dict(FundModel=35, fams=[fam("SOF", 121), FFI]),
                                dict(FundModel=38, fams=[fam("SOF", 121), FFI]), also=("FundModel_17", "FundModel_18",)),
    "LearnDelFAMType_112": case(dict(FundModel=37, ProgType=32, fams=[fam("SOF", 110), FFI]),
                                dict(FundModel=37, ProgType=32, fams=[SOF, FFI]), also=("FundModel_18",)),
    "LearnDelFAMType_76": case(dict(FundModel=35, fams=[fam("LDM", "034"), S107, FFI]),
                               dict(FundModel=35, fams=[fam("LDM", "034"), SOF, FFI])),
    # once-only and limited types
    "LearnDelFAMType_18": case(dict(FundModel=35, fams=[SOF, FFI, fam("FFI", 2)]), dict(FundModel=35, fams=[SOF, FFI])),
    "LearnDelFAMType_31": case(dict(fams=[fam("LDM", c) for c in (100, 101, 102, 103, 104, 105, 106)]),
                               dict(fams=[fam("LDM", c) for c in (100, 101, 102, 103, 104, 105)])),
    "LearnDelFAMType_77": case(dict(FundModel=35, fams=[fam("DAM", f"00{c}") for c in range(1, 8)]),
                               dict(FundModel=35, fams=[fam("DAM", f"00{c}") for c in range(1, 7)])),
    # funding indicators and loans
    "LearnDelFAMType_02": case(dict(FundModel=38, fams=[SOF]), dict(FundModel=38, fams=[SOF, FFI])),
    "LearnDelFAMType_22": case(dict(FundModel=25, fams=[S107, FFI]), dict(FundModel=25, fams=[S107])),
    "LearnDelFAMType_111": case(dict(FundModel=37, ProgType=32, fams=[SOF]), dict(FundModel=37, ProgType=32,
                                                                                  fams=[SOF, FFI])),
    "LearnDelFAMType_14": case(dict(FundModel=25, fams=[S107, fam("EEF", 2)]), dict(FundModel=25, fams=[S107])),
    "LearnDelFAMType_50": case(dict(FundModel=25, AimType=5, fams=[fam("LSF", 1, "2026-09-01", "2026-10-01")]),
                               dict(FundModel=35, fams=[fam("LSF", 1, "2026-09-01", "2026-10-01")]), bad_learner=STUDENT),
    "LearnDelFAMType_35": case(dict(FundModel=25, fams=[S107, fam("ADL", 1)]), dict(FundModel=25, fams=[S107]), also=("FundModel_03",)),
    "LearnDelFAMType_38": case(dict(FundModel=25, fams=[S107, fam("ADL", 1), fam("ALB", 1, "2026-09-01", "2026-10-01")]),
                               dict(FundModel=25, fams=[S107, fam("ADL", 1)])),
    "LearnDelFAMType_36": case(dict(FundModel=99, fams=[fam("ALB", 1, "2026-09-01", "2026-10-01")]),
                               dict(FundModel=99, fams=[fam("ADL", 1), fam("ALB", 1, "2026-09-01", "2026-10-01")]), bad_learner=ADULT, good_learner=ADULT),
    "LearnDelFAMType_40": case(dict(FundModel=99, ProgType=25, StdCode=1, fams=[fam("ADL", 1)]),
                               dict(FundModel=99, fams=[fam("ADL", 1)]), also=("ProgType_02",)),
    "LearnDelFAMType_91": case(dict(FundModel=99, fams=[fam("ADL", 1), fam("SOF", 110)]),
                               dict(FundModel=99, fams=[fam("ADL", 1)]), also=("FundModel_18",)),
    # monitoring codes
    "LearnDelFAMType_15": case(dict(fams=[fam("LDM", 118)], CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1),
                               dict(fams=[fam("LDM", 118)])),
    "LearnDelFAMType_39": case(dict(FundModel=81, fams=[SOF]), dict(FundModel=81, fams=[SOF, fam("LDM", 347)])),
    "LearnDelFAMType_78": case(dict(FundModel=25, AimType=5, fams=[fam("DAM", "001")]), dict(FundModel=35, fams=[fam("DAM", "001")]), bad_learner=STUDENT),
    "LearnDelFAMType_97": case(dict(FundModel=35, fams=[fam("DAM", "002"), SOF]),
                               dict(FundModel=35, fams=[fam("DAM", "002"), fam("SOF", 110)])),
    "LearnDelFAMType_46": case(dict(FundModel=25, fams=[S107, fam("FLN", 1)]), dict(FundModel=25, fams=[S107])),
    "LearnDelFAMType_68": case(dict(FundModel=36, fams=[fam("LDM", 356)]), dict(**STANDARD, fams=[fam("LDM", 356)]), bad_learner=dict(PlanLearnHours=100), also=("FundModel_06",)),
    "LearnDelFAMType_69": case(dict(FundModel=38, fams=[fam("LDM", 357)]), dict(FundModel=35, fams=[fam("LDM", 357)])),
    "LearnDelFAMType_70": case(dict(LearnStartDate="2017-12-31", fams=[fam("LDM", 358), fam("ACT", 2, "2017-12-31")]),
                               dict(LearnStartDate="2018-01-01", fams=[fam("LDM", 358), fam("ACT", 2, "2018-01-01")]),
                               year="2526"),
    "LearnDelFAMType_71": case(dict(fams=[fam("LDM", 358)]), dict(fams=[fam("LDM", 358), fam("ACT", 2, "2026-09-01")]),
                               year="2526"),
    "LearnDelFAMType_75": case(dict(FundModel=35, fams=[fam("SOF", 110), fam("LDM", 363)]),
                               dict(FundModel=35, fams=[SOF, fam("LDM", 363)]), also=("FundModel_18",)),
    "LearnDelFAMType_109": case(dict(FundModel=35, ProgType=24, fams=[fam("SOF", 110)]),
                                dict(FundModel=35, fams=[fam("SOF", 110)]), also=("ProgType_02",)),
    "LearnDelFAMType_100": case(dict(LearnStartDate="2021-03-31", fams=[fam("LDM", 378)]),
                                dict(LearnStartDate="2021-04-01", fams=[fam("LDM", 378)]), year="2526"),
    "LearnDelFAMType_105": case(dict(FundModel=35, ProgType=24, fams=[SOF, FFI, fam("LDM", 379)]),
                                dict(FundModel=35, fams=[SOF, FFI, fam("LDM", 379)]), also=("ProgType_02",)),
    "LearnDelFAMType_106": case(dict(fams=[fam("LDM", 320)]), dict(fams=[fam("LDM", 320)]),
                                bad_learner=dict(DateOfBirth="2012-09-01"), good_learner=dict(DateOfBirth="2012-08-31")),
    "LearnDelFAMType_107": case(dict(FundModel=99, fams=[fam("LDM", 381)]), dict(FundModel=82, fams=[S107, fam("LDM", 381)]), bad_learner=ADULT),
    "LearnDelFAMType_108": case(dict(LearnStartDate="2024-07-31", fams=[fam("LDM", 382)]),
                                dict(LearnStartDate="2024-08-01", fams=[fam("LDM", 382)]), year="2526"),
    "LearnDelFAMType_113": case(dict(FundModel=99, fams=[fam("LDM", 384)]), dict(FundModel=81, fams=[SOF, fam("LDM", 384)]),
                                year="2526", bad_learner=ADULT),
    "LearnDelFAMType_115": case(dict(FundModel=35, fams=[SOF, FFI, fam("LDM", 379), fam("LDM", 388)]),
                                dict(FundModel=35, fams=[SOF, FFI, fam("LDM", 388)])),
    "LearnDelFAMType_116": case(dict(FundModel=25, AimType=5, fams=[S107, fam("LDM", 388)]), dict(FundModel=11, fams=[fam("LDM", 388)]), bad_learner=STUDENT),
    "LearnDelFAMType_119": case(dict(FundModel=10, LearnStartDate="2025-09-01"),
                                dict(FundModel=10, LearnStartDate="2025-09-01", fams=[fam("ACL", 1)]), year="2526"),
    "LearnDelFAMType_120": case(dict(fams=[fam("LDM", 378)]), dict(fams=[fam("LDM", 378), fam("LDM", 391)])),
    "LearnDelFAMType_126": case(dict(FundModel=11), dict(FundModel=11, fams=[fam("ACL", 1)])),
    "LearnDelFAMType_127": case(dict(FundModel=35, fams=[fam("LDM", 395)]), dict(FundModel=38, fams=[fam("LDM", 395)]), also=("FundModel_17",)),
    "LearnDelFAMType_128": case(dict(FundModel=37, fams=[fam("LDM", 396)]), dict(FundModel=81, fams=[fam("LDM", 396)]), also=("FundModel_16",)),
    "LearnDelFAMType_131": case(dict(FundModel=11, fams=[fam("LDM", 398)]), dict(FundModel=11, fams=[fam("LDM", 400)])),
    # contract type, events, apprenticeship units
    "LearnDelFAMType_92": case(dict(**STANDARD, fams=[fam("ACT", 2, "2026-09-01")]),
                               dict(**STANDARD, fams=[fam("ACT", 2, "2026-09-01"), fam("RES", 1)])),
    "LearnDelFAMType_132": case(dict(AimType=1, fams=[fam("EVI", 1, "2026-09-01")]),
                                dict(AimType=1, ProgType=32, fams=[fam("EVI", 1, "2026-09-01")]), also=("ProgType_01",)),
    "LearnDelFAMType_133": case(dict(ProgType=32, fams=[fam("EVI", 1, "2026-09-01")]),
                                dict(AimType=1, ProgType=32, fams=[fam("EVI", 1, "2026-09-01")]), also=("ProgType_02",)),
    "LearnDelFAMType_135": case(dict(FundModel=25, AimType=5, fams=[S107, fam("LDM", 403)]), dict(FundModel=99, fams=[fam("LDM", 403)]), bad_learner=STUDENT | dict(DateOfBirth="2007-01-01")),
    "LearnDelFAMType_136": case(dict(FundModel=99, fams=[fam("LDM", 403)]), dict(FundModel=99, fams=[fam("LDM", 403)]),
                                bad_learner=dict(DateOfBirth="2007-09-02"), good_learner=dict(DateOfBirth="2007-09-01")),
    "LearnDelFAMType_137": case(dict(LearnStartDate="2026-03-31", fams=[fam("LDM", 403)]),
                                dict(LearnStartDate="2026-04-01", fams=[fam("LDM", 403)])),
    "LearnDelFAMType_138": case(dict(fams=[fam("LDM", 404)]), dict(fams=[fam("LDM", 403), fam("LDM", 404)])),
    "LearnDelFAMType_139": case(dict(fams=[fam("LDM", 403)], CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1),
                                dict(fams=[fam("LDM", 403), fam("LDM", 404)], CompStatus=2,
                                     LearnActEndDate="2026-10-01", Outcome=1)),
    "LearnDelFamType_142": case(dict(FundModel=39, ProgType=34, fams=[SOF, fam("LDM", 404)]),
                                dict(AimType=1, FundModel=39, ProgType=34, fams=[SOF, fam("LDM", 404)]), also=("ProgType_02",)),
    # FAM dates
    "LearnDelFAMDateTo_01": case(dict(fams=[fam("LSF", 1, "2026-09-01", "2026-08-31")]),
                                 dict(fams=[fam("LSF", 1, "2026-09-01", "2026-09-01")])),
    "LearnDelFAMDateFrom_01": case(dict(fams=[fam("LSF", 1, "2026-09-01")]),
                                   dict(fams=[fam("LSF", 1, "2026-09-01", "2026-10-01")])),
    "LearnDelFAMDateFrom_03": case(dict(fams=[fam("SOF", 105, "2026-09-01")]), dict(fams=[fam("EVI", 1, "2026-09-01")])),
    "LearnDelFAMDateTo_04": case(dict(fams=[fam("LDM", 118, None, "2026-09-01")]),
                                 dict(fams=[fam("ALB", 1, "2026-09-01", "2026-10-01")])),
    "LearnDelFAMDateTo_02": case(dict(fams=[fam("LSF", 1, "2026-09-01", "2027-07-01")]),
                                 dict(fams=[fam("LSF", 1, "2026-09-01", "2027-06-30")])),
    "LearnDelFAMDateTo_03": case(dict(FundModel=35, CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1,
                                      fams=[fam("LSF", 1, "2026-09-01", "2026-10-02")]),
                                 dict(FundModel=35, CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1,
                                      fams=[fam("LSF", 1, "2026-09-01", "2026-10-01")])),
    "LearnDelFAMDateFrom_05": case(dict(fams=[fam("EVI", 1)]), dict(fams=[fam("EVI", 1, "2026-09-01")])),
    "LearnDelFAMDateFrom_06": case(dict(fams=[fam("EVI", 1, "2025-07-31")]), dict(fams=[fam("EVI", 1, "2025-08-01")])),
    "LearnDelFAMDateFrom_07": case(dict(AimType=1, fams=[fam("EVI", 1, "2026-08-31")]),
                                   dict(AimType=1, fams=[fam("EVI", 1, "2026-09-01")])),
    # AppFinRecords
    "AFinType_01": case(dict(**{**STANDARD, "FundModel": 81}, fins=TNP[1:]), dict(**{**STANDARD, "FundModel": 81}, fins=TNP)),
    "AFinType_08": case(dict(**{**STANDARD, "FundModel": 81}, fams=[SOF], fins=[*TNP, fin("TNP", 3, "2026-10-01", 100)]),
                        dict(**{**STANDARD, "FundModel": 81}, fams=[SOF], fins=TNP)),
    "AFinType_11": case(dict(**{**STANDARD, "ProgType": 2}, fins=TNP), dict(**STANDARD, fins=TNP), year="2526", bad_learner=dict(PlanLearnHours=100), also=("FundModel_06", "StdCode_03")),
    "AFinType_14": case(dict(**STANDARD, fins=[fin("PMR", 1, "2026-09-01", 100), TNP[1]]),
                        dict(**STANDARD, fins=[fin("PMR", 1, "2026-09-01", 100), *TNP])),
    "AFinType_15": case(dict(fins=[fin("RIP", 1, "2026-09-01", 18001)]), dict(fins=[fin("RIP", 1, "2026-09-01", 18000)])),
    "AFinType_16": case(dict(fins=[fin("RIP", 1, "2026-09-01", 4)]), dict(fins=[fin("RIP", 1, "2026-09-01", 5)])),
    "AFinDate_09": case(dict(**STANDARD, fins=[fin("TNP", 1, "2025-08-31", 9000)]),
                        dict(**STANDARD, fins=[fin("TNP", 1, "2025-09-01", 9000)])),
    "AFinDate_12": case(dict(**STANDARD, CompStatus=3, LearnActEndDate="2024-09-01", WithdrawReason=97, Outcome=3,
                             fins=[fin("PMR", 1, "2026-09-02", 9000)]),
                        dict(**STANDARD, CompStatus=3, LearnActEndDate="2024-09-01", WithdrawReason=97, Outcome=3,
                             fins=[fin("PMR", 1, "2026-09-01", 9000)])),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_fault_and_spares_look_alike(lint, rule):
    bad, good, year, also = CASES[rule]
    assert_rule(lint, rule, bad, good, year=year, also=also)


def test_every_fam_and_finance_rule_has_a_case():
    from ilr_lint.api import checks_in
    from ilr_lint.checks import official_fam, official_fam_dates, official_finance
    mine = {c.code for m in (official_fam, official_fam_dates, official_finance) for c in checks_in(m)}
    assert mine == set(CASES)
