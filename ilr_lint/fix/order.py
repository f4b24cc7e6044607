"""The schema's order of the children that edits add, per record type and collection year.

One list per record type serves every year: the years differ by which elements exist, never
by their relative order (2026-27 drops PHours, OTJActHours, FworkCode, PwayCode, AddHours and
EmpOutcome, adds TLOut after SWSupAimId and HRSRecord after the FAMs). ``allowed`` refuses
an edit naming an element the file's year does not have.
"""

from __future__ import annotations

LEARNER = (
    "LearnRefNumber", "PrevLearnRefNumber", "PrevUKPRN", "PMUKPRN", "CampId", "ULN", "FamilyName", "GivenNames",
    "DateOfBirth", "Ethnicity", "Sex", "LLDDHealthProb", "NINumber", "Accom", "ALSCost", "PlanLearnHours",
    "PlanEEPHours", "MathGrade", "EngGrade", "PostcodePrior", "Postcode", "AddLine1", "AddLine2", "AddLine3",
    "AddLine4", "TelNo", "Email", "PriorAttain", "LLDDandHealthProblem", "LearnerFAM",
    "ProviderSpecLearnerMonitoring", "LearnerEmploymentStatus", "LearnerHE", "LearningDelivery",
)
DELIVERY = (
    "LearnAimRef", "AimType", "AimSeqNumber", "LearnStartDate", "OrigLearnStartDate", "LearnPlanEndDate",
    "FundModel", "PHours", "OTJActHours", "ProgType", "FworkCode", "PwayCode", "StdCode", "PartnerUKPRN",
    "DelLocPostCode", "LSDPostcode", "AddHours", "PriorLearnFundAdj", "OtherFundAdj", "ConRefNumber", "EPAOrgID",
    "EmpOutcome", "CompStatus", "LearnActEndDate", "WithdrawReason", "Outcome", "AchDate", "OutGrade",
    "SWSupAimId", "TLOut", "LearningDeliveryFAM", "HRSRecord", "LearningDeliveryWorkPlacement", "AppFinRecord",
    "ProviderSpecDeliveryMonitoring", "LearningDeliveryHE",
)
FAM = ("LearnDelFAMType", "LearnDelFAMCode", "LearnDelFAMDateFrom", "LearnDelFAMDateTo")
APP_FIN = ("AFinType", "AFinCode", "AFinDate", "AFinAmount")

_ONLY_2627 = frozenset({"TLOut", "HRSRecord"})
_DROPPED_2627 = frozenset({"PHours", "OTJActHours", "FworkCode", "PwayCode", "AddHours", "EmpOutcome"})


def allowed(name: str, year_code: str) -> bool:
    """Whether a LearningDelivery child ``name`` exists in the year (header Year code)."""
    if year_code >= "2627":
        return name not in _DROPPED_2627
    return name not in _ONLY_2627
