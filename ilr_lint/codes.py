"""ILR code values that checks share (see ../shared/DOMAIN.md and the ILR specification)."""

from datetime import date

# AimType
AIM_PROGRAMME = 1
AIM_COMPONENT = 3
AIM_STANDALONE = 4
AIM_CORE = 5

# CompStatus
CONTINUING = 1
COMPLETED = 2
WITHDRAWN = 3
BREAK = 6

# Outcome
ACHIEVED = 1
PARTIAL = 2
NO_ACHIEVEMENT = 3
OUTCOME_NOT_KNOWN = 8

# WithdrawReason
WR_TRANSFER_OTHER_PROVIDER = 2
WR_OLASS = 28  # OLASS learner withdrawn: not in 2026-27
WR_TRANSFER_SAME_PROVIDER = 40
WR_TRANSFER_GOVERNMENT_STRATEGY = 41
WR_INDUSTRY_PLACEMENT = 48

# FundModel
FM_COMMUNITY = 10
FM_COMMUNITY_LAST_YEAR = 2025  # funding model 10 ends with 2025-26
FM_TAILORED = 11
FM_16_19 = 25
FM_ADULT_SKILLS_OLD = 35
FM_APPRENTICESHIPS = 36
FM_BOOTCAMPS = 37
FM_ADULT_SKILLS = 38
FM_SHORT_COURSES = 39
FM_OTHER_ADULT = 81
FM_OTHER_16_19 = 82
FM_NON_FUNDED = 99
FM_16_19_FUNDED = frozenset({FM_16_19, FM_OTHER_16_19})

# ProgType
PROG_FRAMEWORKS = frozenset({2, 3, 20, 21, 22, 23})
PROG_TRAINEESHIP = 24
PROG_STANDARD = 25
PROG_TLEVEL_FOUNDATION = 30
PROG_TLEVEL = 31
PROG_BOOTCAMP = 32
PROG_APPRENTICESHIP_UNITS = 34
APPRENTICESHIP_PROG_TYPES = PROG_FRAMEWORKS | {PROG_STANDARD}

# EmpStat
EMPLOYED = 10
UNEMPLOYED_LOOKING = 11
UNEMPLOYED_NOT_LOOKING = 12
EMP_NOT_KNOWN = 98

# LearningDeliveryFAM
FAM_RESTART = "RES"
FAM_ENHANCED_FUNDING = "EEF"
FAM_LOAN = "ADL"
FAM_MONITORING = "LDM"
RESTART = "1"  # RES code
EEF_16_18_ENTITLEMENT = "2"  # EEF code: entitlement to 16-18 funding aged 19+ (restarts among others)
LDM_OLASS = "034"

PROGRAMME_AIM_REF = "ZPROG001"
INDUSTRY_PLACEMENT_AIM_REF = "ZWRKX002"  # the aim WithdrawReason_06 allows reason 48 on
TEMPORARY_ULN = 9999999999
UNKNOWN_EMPLOYER = 999999999  # EmpId for an employer with no Employer Data Service number

# T Levels (ProgType 30 and 31): special learning aim references and codes
TLEVEL_SPECIALISM_PREFIX = "ZTLOS"  # occupational specialism class codes
TLEVEL_FOUNDATION_CORE_PREFIX = "ZTPR"  # T Level foundation year core aim class codes
TLEVEL_PLACEMENT_REF = "ZWRKX003"  # T Level industry placement
# Work experience, supported internship and CDF placement aims that a T Level must not use
NON_TLEVEL_WORK_PLACEMENT_REFS = frozenset({
    "Z0007834", "Z0007835", "Z0007836", "Z0007837", "Z0007838", "Z0002347", "ZWRKX001", "ZWRKX002",
})
HRS_TLEVEL_PLANNED = 2  # 2026-27 HRSRecord HRSCode 2: T Level planned hours on the programme aim
SOF_16_19 = 107
LDM_ADULT_TLEVEL_PILOT = 384
# AppFinRecord (AFinType, AFinCode)
TNP = "TNP"  # negotiated price
PMR = "PMR"  # payment record
TNP_TOTAL_TRAINING = 1
TNP_TOTAL_ASSESSMENT = 2
TNP_RESIDUAL_TRAINING = 3
TNP_RESIDUAL_ASSESSMENT = 4
TNP_TOTAL = frozenset({TNP_TOTAL_TRAINING, TNP_TOTAL_ASSESSMENT})
TNP_RESIDUAL = frozenset({TNP_RESIDUAL_TRAINING, TNP_RESIDUAL_ASSESSMENT})
TNP_ASSESSMENT = frozenset({TNP_TOTAL_ASSESSMENT, TNP_RESIDUAL_ASSESSMENT})
PMR_ASSESSMENT = 2

# EmploymentStatusMonitoring (ESMType, ESMCode)
ESM_SMALL_EMPLOYER = "SEM"  # SEM 1 small employer
ESM_OTHER_EMPLOYMENT = "OET"
OET_REDUNDANT = 1
OET_CHANGE_OF_EMPLOYER = 3  # both employers' EmpId 999999999; valid from OET3_FROM
OET3_FROM = date(2022, 8, 1)
NOT_EMPLOYED = frozenset({UNEMPLOYED_LOOKING, UNEMPLOYED_NOT_LOOKING})

# LearningDeliveryFAM ACT codes
ACT_EMPLOYER = "1"  # contract for services with the employer (apprenticeship service)
