"""The schema's order of the children that edits add, per record type and collection year.

One list per record type serves every year: the years differ by which elements exist, never
by their relative order (FworkCode and PwayCode end with 2024-25; 2026-27 drops PHours,
OTJActHours and AddHours and adds HRSRecord after the FAMs; see ilr_lint/schemas and
docs/schema.md). ``allowed`` refuses an edit naming an element the file's year does not have.
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
    "CompStatus", "LearnActEndDate", "WithdrawReason", "Outcome", "AchDate", "OutGrade",
    "SWSupAimId", "TLOut", "LearningDeliveryFAM", "HRSRecord", "LearningDeliveryWorkPlacement", "AppFinRecord",
    "ProviderSpecDeliveryMonitoring", "LearningDeliveryHE",
)
FAM = ("LearnDelFAMType", "LearnDelFAMCode", "LearnDelFAMDateFrom", "LearnDelFAMDateTo")
APP_FIN = ("AFinType", "AFinCode", "AFinDate", "AFinAmount")

# LearningDelivery children that only some years have: (first year, last year), header Year codes
_YEARS = {"PHours": ("2324", "2526"), "OTJActHours": ("2324", "2526"), "AddHours": ("2324", "2526"),
          "FworkCode": ("2324", "2425"), "PwayCode": ("2324", "2425"), "HRSRecord": ("2627", "9999")}


def allowed(name: str, year_code: str) -> bool:
    """Whether a LearningDelivery child ``name`` exists in the year (header Year code)."""
    first, last = _YEARS.get(name, ("0000", "9999"))
    return first <= year_code <= last
