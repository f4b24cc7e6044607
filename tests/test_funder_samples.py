"""Every finding on the funder's two sample returns, each checked by hand against the rule.

The funder publishes one sample file per year (see tests/conftest.py, SAMPLE_2526 and SAMPLE_2627).
Each finding ilr-lint gives on them was checked against the record it points at and the
official rule's condition and exclusions (or the ILR check's guidance); docs/funder-samples.md
gives the reasons in full. The comment on each line below says in a few words why it is genuine.
No finding depends on today's date: ILR605 measures overdue aims from the file preparation date.
"""

from __future__ import annotations

import json
from collections import Counter

from conftest import SAMPLE_2526, SAMPLE_2627, needs_shared

# (learner, code, aim); aim None for a learner-level finding, learner None for the file.
FOUND_2526 = [
    ("16Learner", "ILR111", 2),                 # LearnActEndDate 2025-04-01 after FilePreparationDate 2025-01-08
    ("18Learner", "MathGrade_04", None),        # MCF 3 (maths condition met) but MathGrade C, not NONE
    ("AdultLearner", "FundModel_17", 1),        # FundModel 35 on an aim started 2024-09-01, no RES
    ("ASLearner", "ILR111", 1),                 # LearnActEndDate 2025-06-30 after the preparation date
    ("ASLearner", "R_07", 1),                   # two aims both numbered AimSeqNumber 1
    ("CLLearner", "ULN_02", None),              # temporary ULN on a community learning (FM 10) aim, no SOF 1
    ("NonFunded", "R_131", 1),                  # only prior attainment dated 2020-08-31, after the 2020-05-01 start
    ("LoanLearner", "ILR605", 1),               # loans aim continuing, planned end 2022-07-02: long overdue
    ("StandLearn", "ILR605", 1),                # standard programme continuing, planned end 2016-10-31
    ("Levy", "ILR237", 4),                      # continuing FM36 standard aim whose ACT has a Date applies to
    ("Levy", "ILR605", 2),                      # programme aim continuing, planned end 2020-12-30
    ("MCALearner", "FundModel_19", 1),          # FundModel 38 on a 2021 start (replaces FundModel_10 there)
    ("MCALearner", "ILR605", 1),                # continuing, planned end 2022-07-31
    ("MCALearner", "R_59", None),               # same ULN as ASLearner
    *[("TLevelT", "EmpStat_11", n) for n in (1, 2, 3, 4)],  # FM25, 250 + 100 planned hours, no employment status
    *[("TLevelT", "LearnPlanEndDate_02", n) for n in (1, 2, 3, 4)],  # planned end 2023-07-30 before 2023-09-01
    ("TLevelT", "EngGrade_01", None),           # FM25 learner with no GCSE English grade
    ("TLevelT", "MathGrade_01", None),          # FM25 learner with no GCSE maths grade
    ("TLevelT", "ULN_03", None),                # temporary ULN in a file prepared before 1 January 2026
    ("TLevel16", "EngGrade_01", None),          # FM25 learner with no GCSE English grade
    ("TLevel16", "MathGrade_01", None),         # FM25 learner with no GCSE maths grade
    ("TLevel16", "ULN_03", None),               # temporary ULN before 1 January of the teaching year
    ("TLevel16", "WorkPlaceStartDate_02", 4),   # work placement from 2020-11-15, aim started 2023-11-15
    ("TLLearner", "PHours_07", 1),              # tailored learning (FM 11) aim without PHours
    ("TLLearner", "ULN_02", None),              # temporary ULN on a tailored learning aim
    ("TLLearner", "ILR605", 1),                 # info: planned end 2024-11-01, 68 days before preparation
    ("ASFLearner", "ULN_04", None),             # ULN fails the checksum
    *[("SBLearner", "EmpStat_08", n) for n in (1, 2)],  # bootcamp, 19+, employment status only from 2024-08-31
    *[("SBLearner", "LearnDelFAMType_111", n) for n in (1, 2)],  # ProgType 32 aims without FFI
    ("SBLearner", "PlanLearnHours_01", None),   # no PlanLearnHours; bootcamps are not excluded
    ("SBLearner", "PriorAttain_01", None),      # no PriorAttain; bootcamps are not excluded
    ("SBLearner", "ULN_03", None),              # temporary ULN before 1 January 2026
    *[("SBLearnerEV", "EmpStat_08", n) for n in (1, 2)],  # as SBLearner
    *[("SBLearnerEV", "LearnDelFAMType_111", n) for n in (1, 2)],  # as SBLearner
    ("SBLearnerEV", "LearnAimRef_154", 2),      # HGV event aim Z0009541: start, planned and actual end differ
    ("SBLearnerEV", "PriorAttain_01", None),    # no PriorAttain
    ("SBLearnerEV", "ULN_03", None),            # temporary ULN before 1 January 2026
    *[("SBLearnerEV", "ILR111", n) for n in (1, 2)],  # LearnActEndDate 2025-03-30 after the preparation date
    ("SBLearnerEV", "ILR114", 1),               # AchDate 2025-04-03 after the preparation date
    ("SBLearnerEV", "R_152", 1),                # EVI on a programme started 2024-08-01 (replaces the
                                                # LearnDelFAMDateFrom_06 findings on its EVI dates)
    (None, "Filename_1", None),                 # file name lacks the -NN serial number
]

FOUND_2627 = [
    ("16Learner", "ILR605", 1),                 # continuing, planned end 2025-07-02, file prepared 2026-04-08
    ("18Learner", "MathGrade_04", None),        # MCF 3 but MathGrade C
    ("NonFunded", "R_131", 1),                  # prior attainment dated after the earliest start
    ("LoanLearner", "ILR605", 1),               # continuing, planned end 2022-07-02
    ("Levy", "ILR233", 3),                      # ACT applies from 2019-07-01, aim started 2026-08-01
    ("MCALearner", "FundModel_19", 1),          # FundModel 38 on a 2021 start
    ("MCALearner", "ILR605", 1),                # continuing, planned end 2022-07-31
    *[("TLevelT", "EmpStat_11", n) for n in (1, 2, 3, 4)],  # as in 2025-26
    *[("TLevelT", "LearnPlanEndDate_02", n) for n in (1, 2, 3, 4)],  # as in 2025-26
    ("TLevelT", "EngGrade_01", None),           # FM25 learner with no GCSE English grade
    ("TLevelT", "MathGrade_01", None),          # FM25 learner with no GCSE maths grade
    ("TLevelT", "ULN_03", None),                # temporary ULN before 1 January 2027
    ("TLevel16", "EngGrade_01", None),          # FM25 learner with no GCSE English grade
    ("TLevel16", "MathGrade_01", None),         # FM25 learner with no GCSE maths grade
    ("TLevel16", "ULN_03", None),               # temporary ULN before 1 January 2027
    ("TLevel16", "WorkPlaceStartDate_02", 4),   # work placement before the aim's start
    ("TLLearner", "ULN_04", None),              # ULN fails the checksum
    ("TLLearner", "ILR605", 1),                 # planned end 2024-11-01, over 500 days overdue
    ("ASFLearner", "ULN_04", None),             # ULN fails the checksum
    ("ASFLearner", "ILR605", 1),                # planned end 2025-07-02, 280 days overdue
    *[("SBLearner", "EmpStat_08", n) for n in (1, 2)],  # as in 2025-26
    *[("SBLearner", "LearnDelFAMType_111", n) for n in (1, 2)],  # as in 2025-26
    ("SBLearner", "PlanLearnHours_01", None),   # no PlanLearnHours
    ("SBLearner", "PriorAttain_01", None),      # no PriorAttain
    ("SBLearner", "ULN_04", None),              # ULN fails the checksum
    *[("SBLearnerEV", "EmpStat_08", n) for n in (1, 2)],  # as in 2025-26
    *[("SBLearnerEV", "LearnDelFAMType_111", n) for n in (1, 2)],  # as in 2025-26
    ("SBLearnerEV", "LearnAimRef_154", 2),      # HGV event aim dates differ
    ("SBLearnerEV", "PriorAttain_01", None),    # no PriorAttain
    ("SBLearnerEV", "ULN_04", None),            # ULN fails the checksum
    ("SBLearnerEV", "R_152", 1),                # EVI on a programme started 2024-08-01
    ("GrowthskillsAppunits", "ILR001", None),   # LearnRefNumber of 20 characters (the schema allows 12)
    ("GrowthskillsAppunits", "ESMType_21", 1),  # unit programme; status at the start has no LOE
    *[("GrowthskillsAppunits", "LearnDelFAMType_01", n) for n in (1, 2)],  # FM 39 aims without SOF (2026-27)
    ("GrowthskillsAppunits", "PlanLearnHours_01", None),  # no PlanLearnHours, aims open
    ("GrowthskillsAppunits", "ULN_04", None),   # ULN fails the checksum
    ("GrowthskillsAppunits", "PriorAttain_09", None),  # DateLevelApp 2026-08-01 after the preparation date
    (None, "Filename_1", None),                 # file name lacks the -NN serial number
]


def _found(cli, sample) -> Counter[tuple[str | None, str, int | None]]:
    result = cli("check", "--format", "json", sample)
    assert result.returncode == 1, result.stderr
    return Counter((f["learner"], f["code"], f["aim"]) for f in json.loads(result.stdout)["findings"])


@needs_shared
def test_the_2025_26_sample_draws_exactly_its_checked_findings(cli):
    assert _found(cli, SAMPLE_2526) == Counter(FOUND_2526)


@needs_shared
def test_the_2026_27_sample_draws_exactly_its_checked_findings(cli):
    assert _found(cli, SAMPLE_2627) == Counter(FOUND_2627)

