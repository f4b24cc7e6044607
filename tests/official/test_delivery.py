"""Official LearningDelivery rules: each on a faulty learner and on its correct look-alike.

``CASES[rule]`` holds the faulty learner's aims, the look-alike learner's aims (the rule's
exclusion, or the nearest correct record), the AimSeqNumbers flagged on the faulty learner and
the year of the file. 2025-26 files are prepared on 1 November 2025, 2026-27 ones on 1
November 2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collections import Counter

import pytest

from builders import delivery, delivery_monitoring, employment, fam, hrs, ilr, learner, learner_for, work_placement
from official_cases import NOT_SCHEMA


@dataclass(frozen=True)
class Case:
    bad: list[str]
    good: list[str]
    aims: list[int] = field(default_factory=lambda: [1])
    year: str = "2526"
    bad_learner: dict[str, object] = field(default_factory=dict)  # learner fields of the faulty learner
    good_learner: dict[str, object] = field(default_factory=dict)
    also: tuple[str, ...] = ()  # other official rules that see the same faulty record


def aim(year: str = "2526", **values: object) -> str:
    """A stand-alone aim started in the file's year (1 September), ending the next June."""
    first = 2025 if year == "2526" else 2026
    dates = {"LearnStartDate": f"{first}-09-01", "LearnPlanEndDate": f"{first + 1}-06-30"}
    return delivery(year=year, **(dates | values))


def standard(year: str = "2526", **values: object) -> str:
    """An FM36 apprenticeship standard programme aim."""
    return aim(year, **({"LearnAimRef": "ZPROG001", "AimType": 1, "FundModel": 36, "ProgType": 25,
                         "StdCode": 123} | values))


def bootcamp(year: str = "2526", **values: object) -> str:
    return aim(year, **({"LearnAimRef": "ZPROG001", "AimType": 1, "FundModel": 37, "ProgType": 32} | values))


def unit(aim_type: int = 1, **values: object) -> str:
    """A 2026-27 Growth and Skills Offer apprenticeship unit aim (FundModel 39, ProgType 34)."""
    ref = "ZPROG001" if aim_type == 1 else "60146242"
    return aim("2627", **({"LearnAimRef": ref, "AimType": aim_type, "FundModel": 39, "ProgType": 34,
                           "LearnPlanEndDate": "2026-11-30"} | values))


def hours(*pairs: tuple[int, int]) -> list[str]:
    return [hrs(code, amount) for code, amount in pairs]


DONE = {"CompStatus": 2, "LearnActEndDate": "2025-10-01", "Outcome": 1}
DONE27 = {"CompStatus": 2, "LearnActEndDate": "2026-10-01", "Outcome": 1}
WITHDRAWN27 = {"CompStatus": 3, "LearnActEndDate": "2026-10-01", "Outcome": 3, "WithdrawReason": 97}
RES = [fam("RES", 1)]

CASES: dict[str, Case] = {
    # --- dates ---------------------------------------------------------------------------
    "LearnStartDate_02": Case([aim(LearnStartDate="2015-07-31", LearnPlanEndDate="2016-06-30")],
                              [aim(LearnStartDate="2015-08-01", LearnPlanEndDate="2016-06-30")]),
    "LearnStartDate_03": Case([aim(LearnStartDate="2026-08-01", LearnPlanEndDate="2027-06-30")],
                              [standard(LearnStartDate="2026-08-01", LearnPlanEndDate="2027-06-30"),
                               aim(AimSeqNumber=2, LearnStartDate="2026-07-31", LearnPlanEndDate="2027-06-30")]),
    "LearnStartDate_05": Case([aim()], [aim()], bad_learner={"DateOfBirth": "2025-09-01"},
                              good_learner={"DateOfBirth": "2025-08-31"}),
    "LearnStartDate_12": Case([standard(LearnStartDate="2027-08-01", LearnPlanEndDate="2028-06-30")],
                              [standard(LearnStartDate="2027-07-31", LearnPlanEndDate="2028-06-30")]),
    "LearnStartDate_21": Case([bootcamp(LearnStartDate="2022-07-31")], [bootcamp(LearnStartDate="2022-08-01")]),
    "LearnPlanEndDate_02": Case([aim(LearnPlanEndDate="2025-08-31")], [aim(LearnPlanEndDate="2025-09-01")]),
    "LearnPlanEndDate_03": Case([aim(LearnPlanEndDate="2035-09-01")], [aim(LearnPlanEndDate="2035-08-31")]),
    "OrigLearnStartDate_09": Case([standard(OrigLearnStartDate="2017-04-30")],
                                  [standard(OrigLearnStartDate="2017-05-01")]),
    "AchDate_02": Case([aim(**DONE, AchDate="2026-08-01")], [aim(**DONE, AchDate="2026-07-31")]),
    "AchDate_03": Case([aim(**DONE, AchDate="2025-08-31")],
                       [bootcamp(**DONE, AchDate="2025-08-31"), aim(AimSeqNumber=2, **DONE, AchDate="2025-09-01")]),
    "AchDate_08": Case([standard(FundModel=81, **DONE)], [standard(FundModel=81, **DONE, AchDate="2025-10-20")]),
    "AchDate_11": Case([standard(**DONE, AchDate="2025-10-07")], [standard(**DONE, AchDate="2025-10-08")]),
    "AchDate_13": Case([bootcamp(**DONE, AchDate="2026-04-02")], [bootcamp(**DONE, AchDate="2026-04-01")]),
    # --- completion, outcome, grade --------------------------------------------------------
    "Outcome_04": Case([aim(**(DONE | {"Outcome": 3}), AchDate="2025-10-01")],
                       [standard(**(DONE | {"Outcome": 3}), AchDate="2025-10-20"),
                        aim(AimSeqNumber=2, **DONE, AchDate="2025-10-01")]),
    "Outcome_05": Case([aim(AimType=5, CompStatus=2, Outcome=1)], [bootcamp(CompStatus=2, Outcome=1)]),
    "CompStatus_08": Case([bootcamp(**(DONE | {"CompStatus": 3}), WithdrawReason=97, AchDate="2025-10-20")],
                          [bootcamp(**DONE, AchDate="2025-10-20")]),
    "CompStatus_09": Case([aim(LearnAimRef="Z0059747", FundModel=37, ProgType=32, AimType=3)],
                          [aim(LearnAimRef="Z0059747", FundModel=37, ProgType=32, AimType=3, **DONE)]),
    "StdCode_03": Case([aim(AimType=5, StdCode=123)], [standard()]),
    "CompStatus_10": Case([standard("2627", Outcome=1)], [standard("2627")], year="2627"),
    "OutGrade_04": Case([aim(**(DONE | {"Outcome": 8}), OutGrade="PA"), aim(AimSeqNumber=2, OutGrade="PA")],
                        [aim(**DONE, OutGrade="PA")], aims=[1, 2]),
    "OutGrade_05": Case([aim(**DONE, OutGrade="FL")], [aim(**(DONE | {"Outcome": 3}), OutGrade="FL")]),
    "OutGrade_06": Case([aim(**(DONE | {"Outcome": 3}), OutGrade="PA")],
                        [aim(**(DONE | {"Outcome": 3}), OutGrade="U"),
                         aim(AimSeqNumber=2, **(DONE | {"Outcome": 3}))]),
    "Tlout_01": Case([aim(FundModel=11, **DONE)], [aim(FundModel=11, **DONE, TLOut=1)]),
    # --- funding model, programme type, aim type -------------------------------------------
    "FundModel_03": Case([aim(FundModel=38, fams=[fam("SOF", 105), fam("FFI", 1), fam("ADL", 1)])],
                         [aim(FundModel=99, fams=[fam("ADL", 1)])], also=("LearnDelFAMType_35",)),
    "FundModel_04": Case([standard(FundModel=25)], [standard()], also=('FundModel_07', 'ProgType_06', 'R_63')),
    "FundModel_05": Case([standard(LearnStartDate="2017-04-30")], [standard(LearnStartDate="2017-05-01")], also=('FundModel_09',)),
    "FundModel_06": Case([aim(FundModel=36)], [standard()]),
    "FundModel_07": Case([standard(FundModel=81, LearnStartDate="2018-09-01")],
                         [standard(FundModel=81, LearnStartDate="2018-09-01", fams=RES),
                          standard(AimSeqNumber=2, FundModel=81, LearnStartDate="2018-09-01",
                                   fams=[fam("LDM", 353)]),
                          standard(AimSeqNumber=3, FundModel=99, LearnStartDate="2018-09-01")]),
    "FundModel_09": Case([standard(FundModel=35, LearnStartDate="2017-04-30")],
                         [standard(FundModel=81, LearnStartDate="2017-04-30"),
                          standard(AimSeqNumber=2, FundModel=99, LearnStartDate="2017-04-30")], also=('ProgType_06',)),
    "FundModel_10": Case([aim(FundModel=81, LearnStartDate="2024-07-31", fams=[fam("SOF", 110)])],
                         [aim(FundModel=35, LearnStartDate="2024-07-31", fams=[fam("SOF", 110)])], also=("LearnDelFAMType_39",)),
    "FundModel_14": Case([aim(AimType=5, OTJActHours=10)], [standard(OTJActHours=10)], also=('OTJActHours_01',)),
    "FundModel_15": Case([aim(FundModel=81, fams=[fam("SOF", 105), fam("LDM", 378)])], [aim(FundModel=38, fams=[fam("LDM", 378)])]),
    "FundModel_16": Case([aim(FundModel=37)], [bootcamp()]),
    "FundModel_17": Case([aim(FundModel=35, LearnStartDate="2024-08-01")],
                         [aim(FundModel=35, LearnStartDate="2024-08-01", fams=RES),
                          aim(AimSeqNumber=2, FundModel=35, LearnStartDate="2024-07-31")]),
    "FundModel_18": Case([aim(FundModel=81, LearnStartDate="2024-08-01", fams=[fam("SOF", 110)])],
                         [aim(FundModel=38, LearnStartDate="2024-08-01", fams=[fam("SOF", 110)]),
                          aim(AimSeqNumber=2, FundModel=35, LearnStartDate="2024-08-01",
                              fams=[fam("SOF", 110), fam("RES", 1)])], also=("LearnDelFAMType_39",)),
    "FundModel_19": Case([aim(FundModel=38, LearnStartDate="2024-07-31")],
                         [aim(FundModel=38, LearnStartDate="2024-08-01")]),
    # FundModel 38 on a devolved authority's aim started too early also breaks FundModel_10: one fault,
    # reported once, as FundModel_19 (which supersedes FundModel_10; the funder's 2025-26 sample, MCALearner).
    "FundModel_19/devolved": Case([aim(FundModel=38, LearnStartDate="2024-07-31", fams=[fam("SOF", 110)])],
                                  [aim(FundModel=35, LearnStartDate="2024-07-31", fams=[fam("SOF", 110)])]),
    "FundModel_20": Case([aim(FundModel=11, LearnStartDate="2024-07-31")],
                         [aim(FundModel=11, LearnStartDate="2024-08-01")]),
    "FundModel_21": Case([aim(FundModel=38, OrigLearnStartDate="2024-07-31")],
                         [aim(FundModel=38, OrigLearnStartDate="2024-08-01")]),
    "ProgType_01": Case([aim(AimType=3)], [aim(AimType=3, ProgType=25)]),
    "ProgType_02": Case([aim(FundModel=37, ProgType=32, fams=[fam("SOF", 105), fam("FFI", 1)])], [aim()]),
    "ProgType_06": Case([standard(FundModel=38)], [standard(FundModel=99)], also=('FundModel_07',)),
    "ProgType_21": Case([bootcamp(FundModel=38)], [bootcamp()]),
    "ProgType_22": Case([aim(FundModel=38, AimType=1, ProgType=33, fams=[fam("SOF", 105)])],
                        [aim(FundModel=38, AimType=1, ProgType=33, fams=[fam("SOF", 110)])]),
    "AimType_05": Case([aim(AimType=5, FundModel=99, fams=[])], [aim(AimType=5, FundModel=25)]),
    "AimType_07": Case([aim(AimType=5, fams=[fam("SOF", 105)])], [aim(AimType=5, fams=[fam("SOF", 107)])],
                       bad_learner={"DateOfBirth": "2005-06-01"}),  # 19: SOF 105 is no DateOfBirth_20 fault
    # --- hours -----------------------------------------------------------------------------
    "PHours_01": Case([standard()], [standard(PHours=400)]),
    "PHours_05": Case([aim(PHours=100)], [aim(PHours=100, AimType=1, ProgType=31)]),
    "PHours_06": Case([standard(LearnStartDate="2024-09-01", PHours=277)],
                      [standard(LearnStartDate="2024-09-01", PHours=278),
                       standard(AimSeqNumber=2, LearnStartDate="2024-09-01", PHours=200, fams=RES)]),
    "PHours_07": Case([aim(FundModel=11)], [aim(FundModel=11, PHours=30)]),
    "PHours_08": Case([standard(PHours=186)], [standard(PHours=187), standard(AimSeqNumber=2, PHours=100, fams=RES)]),
    "OTJActHours_01": Case([standard(PHours=400), standard(AimSeqNumber=2, AimType=3, LearnAimRef="60146242", OTJActHours=10)],
                           [standard(PHours=400, OTJActHours=10)], aims=[2]),
    "OTJActHours_02": Case([standard(**DONE)], [standard(**DONE, OTJActHours=300),
                                                 standard(AimSeqNumber=2, **DONE, fams=RES)]),
    "OTJActHours_03": Case([standard(**(DONE | {"CompStatus": 3, "Outcome": 3}), WithdrawReason=97)],
                           [standard(**(DONE | {"CompStatus": 3, "Outcome": 3}), WithdrawReason=97, OTJActHours=20)]),
    "AddHours_01": Case([aim(FundModel=35, LearnStartDate="2015-07-31", AddHours=10)],
                        [aim(FundModel=35, LearnStartDate="2015-08-01", AddHours=10)], also=('LearnStartDate_02',)),
    "AddHours_02": Case([aim(AimType=5, AddHours=10)], [aim(FundModel=38, AddHours=10)]),
    "AddHours_04": Case([aim(FundModel=38, LearnPlanEndDate="2025-09-02", AddHours=61)],
                        [aim(FundModel=38, LearnPlanEndDate="2025-09-03", AddHours=61)]),
    "AddHours_05": Case([aim(FundModel=38, LearnPlanEndDate="2025-09-07", AddHours=61)],
                        [aim(FundModel=38, LearnPlanEndDate="2025-09-13", AddHours=61),
                         aim(AimSeqNumber=2, FundModel=38, LearnPlanEndDate="2025-09-01", AddHours=60)]),
    "AddHours_06": Case([aim(FundModel=38, LearnPlanEndDate="2025-09-02", AddHours=20)],
                        [aim(FundModel=38, LearnPlanEndDate="2025-09-02", AddHours=18),
                         aim(AimSeqNumber=2, FundModel=38, LearnPlanEndDate="2025-09-01", AddHours=24)]),
    # --- other fields ----------------------------------------------------------------------
    "OtherFundAdj_01": Case([aim(AimType=5, OtherFundAdj=10)], [aim(FundModel=35, OtherFundAdj=10)]),
    "ConRefNumber_03": Case([aim(FundModel=38, ConRefNumber="SBC-1234")], [bootcamp(ConRefNumber="SBC-1234")]),
    "PartnerUKPRN_02": Case([bootcamp(PartnerUKPRN=10000002), bootcamp(AimType=3, AimSeqNumber=2)],
                            [bootcamp(), bootcamp(AimType=3, AimSeqNumber=2, PartnerUKPRN=10000002)]),
    "PartnerUKPRN_03": Case([aim(PartnerUKPRN=10000001)], [aim(PartnerUKPRN=10000002)]),
    "AimSeqNumber_02": Case([aim(AimSeqNumber=2)], [aim(AimSeqNumber=1)], aims=[2]),
    "SWSupAimId_01": Case([aim(SWSupAimId="aim-0001")],
                          [aim(SWSupAimId="0f8fad5b-d9cb-469f-a165-70867728950e")]),
    "ProvSpecDelMonOccur_01": Case([aim(monitoring=[delivery_monitoring("E", "X1")])],
                                   [aim(monitoring=[delivery_monitoring("D", "X1")])]),
    "DelLocPostCode_11": Case([aim(DelLocPostCode="AB1 2CI")],
                              [aim(DelLocPostCode="ZZ99 9ZZ"),
                               aim(AimSeqNumber=2, DelLocPostCode="AB12", fams=[fam("LDM", "034")])]),
    "LSDPostcode_03": Case([aim(LSDPostcode="B15TT")], [aim(LSDPostcode="B1 5TT")]),
    "LearnAimRef_126": Case([aim(LearnAimRef="Z0059748", LearnPlanEndDate="2025-09-02", **DONE)],
                            [aim(LearnAimRef="Z0059748", LearnPlanEndDate="2025-09-01",
                                 **(DONE | {"LearnActEndDate": "2025-09-01"}))]),
    "LearnAimRef_154": Case([bootcamp(LearnAimRef="Z0060440", AimType=3, LearnPlanEndDate="2025-09-01",
                                      **(DONE | {"LearnActEndDate": "2025-09-02"}))],
                            [bootcamp(LearnAimRef="Z0060440", AimType=3, LearnPlanEndDate="2025-09-01",
                                      **(DONE | {"LearnActEndDate": "2025-09-01"}))]),
    # --- work placements -------------------------------------------------------------------
    "WorkPlaceStartDate_01": Case([aim(LearnAimRef="ZWRKX001")],
                                  [aim(LearnAimRef="ZWRKX001", work_placements=[work_placement("2025-09-01")])]),
    "WorkPlaceStartDate_02": Case([aim(LearnAimRef="ZWRKX001", work_placements=[work_placement("2025-08-31")])],
                                  [aim(LearnAimRef="ZWRKX001", work_placements=[work_placement("2025-09-01")])]),
    "WorkPlaceStartDate_03": Case([aim(work_placements=[work_placement("2025-09-01")])],
                                  [aim(LearnAimRef="ZWRKX003", work_placements=[work_placement("2025-09-01")])]),
    "WorkPlaceEndDate_01": Case(
        [aim(LearnAimRef="ZWRKX001", work_placements=[work_placement("2025-09-10", end="2025-09-09")])],
        [aim(LearnAimRef="ZWRKX001", work_placements=[work_placement("2025-09-10", end="2025-09-10")])]),
    "WorkPlaceEndDate_02": Case(
        [aim(LearnAimRef="ZWRKX001", **DONE, work_placements=[work_placement("2025-09-10", end="2025-10-02")])],
        [aim(LearnAimRef="ZWRKX001", **DONE, work_placements=[work_placement("2025-09-10", end="2025-10-01")])]),
    "WorkPlaceEmpId_02": Case(
        [aim(LearnAimRef="ZWRKX001", work_placements=[work_placement("2025-09-10", emp_id=123456788)])],
        [aim(LearnAimRef="ZWRKX001", work_placements=[work_placement("2025-09-10", emp_id=123456789),
                                                       work_placement("2025-10-10", emp_id=999999999)])]),
    # --- 2026-27 -------------------------------------------------------------------------------
    "AchDate_14": Case([aim("2627", FundModel=38, **DONE27, AchDate="2026-10-20")],
                       [standard("2627", **DONE27, AchDate="2026-10-20")], year="2627", also=("ILR112",)),
    "AchDate_15": Case([bootcamp("2627", **DONE27, AchDate="2026-08-31")],
                       [bootcamp("2627", **DONE27, AchDate="2026-09-01")], year="2627"),
    "CompStatus_11": Case([unit(**(WITHDRAWN27 | {"CompStatus": 6, "WithdrawReason": None}))],
                          [unit(**WITHDRAWN27)], year="2627"),
    "LearnPlanEndDate_04": Case([unit(LearnPlanEndDate="2026-12-23")], [unit(LearnPlanEndDate="2026-12-22")],
                                year="2627"),
    "Outcome_13": Case([unit(**DONE27)], [unit(**DONE27, fams=[fam("LDM", 404)])], year="2627"),
    "FundModel_22": Case([aim("2627", FundModel=39)], [unit(AimType=4)], year="2627"),
    "ProgType_25": Case([unit(FundModel=38), unit(3, AimSeqNumber=2, FundModel=38)], [unit(), unit(3, AimSeqNumber=2)],
                        aims=[1, 2], year="2627"),
    "FundModel_10/2627": Case([aim("2627", FundModel=81, LearnStartDate="2024-07-31",
                                   fams=[fam("SOF", 121), fam("LDM", 396)])],
                              [aim("2627", FundModel=35, LearnStartDate="2024-07-31", fams=[fam("SOF", 121)])],
                              year="2627"),
    "OtherFundAdj_01/2627": Case([unit(OtherFundAdj=10, fams=[fam("SOF", 105)]), unit(3, AimSeqNumber=2, fams=[fam("SOF", 105)])],
                                 [aim("2627", FundModel=38, OtherFundAdj=10)], year="2627",
                                 bad_learner={"employment_statuses": [employment(10, "2025-08-01", emp_id=123456789,
                                                                                 agree_id="A123456",
                                                                                 esm=(("EII", 8), ("LOE", 1)))]}),
    "HRSType_01": Case([standard("2627")], [standard("2627", hrs_records=hours((1, 400)))], year="2627"),
    "HRSType_05": Case([aim("2627", hrs_records=hours((2, 500)))],
                       [aim("2627", AimType=1, ProgType=31, hrs_records=hours((2, 500)))], year="2627"),
    "HRSType_06": Case([aim("2627", FundModel=11)], [aim("2627", FundModel=11, hrs_records=hours((5, 30)))],
                       year="2627"),
    "HRSType_07": Case([standard("2627", hrs_records=hours((1, 400))),
                        standard("2627", AimSeqNumber=2, AimType=3, LearnAimRef="60146242", hrs_records=hours((3, 10)))],
                       [standard("2627", hrs_records=hours((1, 400), (3, 10)))], aims=[2], year="2627"),
    "HRSType_08": Case([standard("2627", **DONE27, hrs_records=hours((1, 400)))],
                       [standard("2627", **DONE27, hrs_records=hours((1, 400), (3, 390))),
                        standard("2627", AimSeqNumber=2, **DONE27, fams=RES, hrs_records=hours((1, 400)))],
                       year="2627"),
    "HRSType_09": Case([standard("2627", **WITHDRAWN27, hrs_records=hours((1, 400)))],
                       [standard("2627", **WITHDRAWN27, hrs_records=hours((1, 400), (3, 20)))], year="2627"),
    "HRSType_10": Case([aim("2627", FundModel=99, hrs_records=hours((6, 10)))],
                       [aim("2627", FundModel=38, hrs_records=hours((6, 10)))], year="2627"),
    "HRSType_12": Case([aim("2627", AimType=1, ProgType=31, hrs_records=hours((2, 500), (6, 10)))],
                       [aim("2627", AimType=1, ProgType=31, hrs_records=hours((2, 500)))], year="2627"),
    "HRSType_13": Case([aim("2627", FundModel=99, hrs_records=hours((4, 10)))],
                       [standard("2627", hrs_records=hours((1, 400), (4, 10)))], year="2627"),
    "HRSType_14": Case([standard("2627", hrs_records=hours((1, 400), (2, 10)))],
                       [standard("2627", hrs_records=hours((1, 400)))], year="2627"),
    # HRS 6 on an apprenticeship is HRSType_14's (its fix names the code), not also HRSType_10's
    "HRSType_14/additional": Case([standard("2627", hrs_records=hours((1, 400), (6, 10)))],
                                  [standard("2627", hrs_records=hours((1, 400)))], year="2627"),
    "HRSType_15": Case([aim("2627", FundModel=99, hrs_records=hours((5, 30)))],
                       [aim("2627", FundModel=11, hrs_records=hours((5, 30)))], year="2627"),
    "HRSType_16": Case([aim("2627", FundModel=11, hrs_records=hours((5, 30), (2, 10)))],
                       [aim("2627", FundModel=11, hrs_records=hours((5, 30)))], year="2627"),
    "HRSType_17": Case([aim("2627", FundModel=38, hrs_records=hours((2, 10)))],
                       [aim("2627", FundModel=38, hrs_records=hours((6, 10)))], year="2627"),
    "HRSType_18": Case([aim("2627", FundModel=38, hrs_records=hours((6, 10), (6, 12)))],
                       [aim("2627", FundModel=38, hrs_records=hours((6, 22)))], year="2627"),
    "HRSAmount_02": Case([standard("2627", LearnStartDate="2024-09-01", hrs_records=hours((1, 277)))],
                         [standard("2627", LearnStartDate="2024-09-01", hrs_records=hours((1, 278)))], year="2627"),
    "HRSAmount_03": Case([standard("2627", hrs_records=hours((1, 186)))],
                         [standard("2627", hrs_records=hours((1, 187))),
                          standard("2627", AimSeqNumber=2, fams=RES, hrs_records=hours((1, 100)))], year="2627"),
    "HRSAmount_04": Case([aim("2627", FundModel=38, LearnPlanEndDate="2026-09-02", hrs_records=hours((6, 61)))],
                         [aim("2627", FundModel=38, LearnPlanEndDate="2026-09-03", hrs_records=hours((6, 61)))],
                         year="2627"),
    "HRSAmount_05": Case([aim("2627", FundModel=38, LearnPlanEndDate="2026-09-07", hrs_records=hours((6, 61)))],
                         [aim("2627", FundModel=38, LearnPlanEndDate="2026-09-13", hrs_records=hours((6, 61)))],
                         year="2627"),
    "HRSAmount_06": Case([aim("2627", FundModel=38, LearnPlanEndDate="2026-09-02", hrs_records=hours((6, 20)))],
                         [aim("2627", FundModel=38, LearnPlanEndDate="2026-09-02", hrs_records=hours((6, 18)))],
                         year="2627"),
    "R_159": Case([unit(3)], [unit(1), unit(3, AimSeqNumber=2)], year="2627"),
    "R_160": Case([unit(1)], [unit(1), unit(3, AimSeqNumber=2)], year="2627"),
    "AimType_10": Case([unit(1), unit(3, AimSeqNumber=2), unit(3, AimSeqNumber=3)],
                       [unit(1), unit(3, AimSeqNumber=2), unit(1, AimSeqNumber=3, LearnStartDate="2026-09-02"),
                        unit(3, AimSeqNumber=4, LearnStartDate="2026-09-02")], year="2627"),
}


def case_file(case: Case) -> str:
    prep = "2025-11-01" if case.year == "2526" else "2026-11-01"
    return ilr(learner_for("BAD", year=case.year, deliveries=case.bad, **case.bad_learner),
               learner_for("OK", year=case.year, deliveries=case.good, **case.good_learner), year=case.year, prep=prep)


@pytest.mark.parametrize("key", sorted(CASES))
def test_rule_flags_the_fault_alone_and_spares_the_look_alike(lint, key):
    """``CASES`` keys are rule names, or ``rule/year`` for a second year's version of a rule.

    Linted with every check: the rule flags the faulty learner's aims (on its line) and not the
    look-alike, and the faulty learner draws nothing else beyond what the look-alike draws (one
    fault, one finding) but the official rules that see the same record (``also``).
    """
    case, rule = CASES[key], key.split("/")[0]
    findings = lint(case_file(case), select=NOT_SCHEMA)
    assert [(f.learner, f.aim, f.line) for f in findings if f.code == rule] == [("BAD", n, 5) for n in case.aims]
    assert all(rule in f.rules for f in findings if f.code == rule)
    every = Counter((f.learner, f.code) for f in findings)
    extra = sorted(code for (who, code), n in every.items() if who == "BAD" and n > every[("OK", code)])
    assert extra == sorted({rule, *case.also})


def test_delivery_scopes_of_learners(write_ilr):
    """The scopes the delivery rules declare: bootcamp, units, tailored, hrs and work_placement."""
    from ilr_lint.api import learner_scopes
    from ilr_lint.model import Learner
    from ilr_lint.reader import IlrReader
    learners = [learner("B", year="2627", deliveries=[bootcamp("2627")]),
                learner("U", year="2627", deliveries=[unit()]),
                learner("T", year="2627", deliveries=[aim("2627", FundModel=11, hrs_records=hours((5, 30)))]),
                learner("W", year="2627", deliveries=[aim("2627", work_placements=[work_placement("2026-09-01")])])]
    path = write_ilr(ilr(*learners))
    found = {r.item.learn_ref_number: learner_scopes(r.item) for r in IlrReader(str(path)) if isinstance(r.item, Learner)}
    assert found == {"B": {"bootcamp"}, "U": {"units"}, "T": {"tailored", "hrs"}, "W": {"work_placement", "16-19"}}
