"""The official field-definition rules (``FD_<field>_<kind>``) that schema findings name.

The funder's 2025-26 validation rules list has one "Field Definition" row per field and kind
of check: ``AL`` a length, number of digits or range of lengths, ``AP`` a pattern, ``AR`` a
range of values, ``MA`` a mandatory field, ``EO`` the number of occurrences of a record. The
XSD enforces all of them but one (FD_EPAOrgID_AP, see :mod:`checks.schema`). This table lists,
for each field, the kinds it has a rule for, spelled as in the list (``Tlout`` for TLOut); rules
deleted in 2025-26 (ContactPreference, FworkCode, PwayCode) are kept for 2024-25 files. A test
compares it with the list when the funder's reference files are present.
"""

from __future__ import annotations

_KINDS: dict[str, str] = {
    "Accom": "AL", "AddHours": "AL AR", "AddLine1": "AL AP", "AddLine2": "AL AP", "AddLine3": "AL AP",
    "AddLine4": "AL AP", "AFinAmount": "AL AR MA", "AFinCode": "AL MA", "AFinType": "AL AP MA",
    "AimSeqNumber": "AL AR MA", "AimType": "AL MA", "ALSCost": "AL AR", "CampId": "AL AP", "CompStatus": "AL MA",
    "ConRefNumber": "AL", "ContactPreference": "EO", "ContPrefCode": "AL MA", "ContPrefType": "AL AP MA",
    "DateEmpStatApp": "MA", "DateLevelApp": "MA", "DelLocPostCode": "AL AP MA", "ELQ": "AL", "Email": "AL AP",
    "EmpId": "AL", "EmploymentStatusMonitoring": "EO", "EmpStat": "AL MA", "EngGrade": "AL AP", "EPAOrgID": "AL AP",
    "ESMCode": "AL MA", "ESMType": "AL AP MA", "Ethnicity": "AL MA", "FamilyName": "AL AP",
    "FINAMOUNT": "AL AR MA", "FINTYPE": "AL", "FUNDCOMP": "AL", "FUNDLEV": "AL", "FundModel": "AL MA",
    "FworkCode": "AL", "GivenNames": "AL AP", "GROSSFEE": "AL AR", "HEPostCode": "AL AP", "LearnAimRef": "AL AP MA",
    "LearnDelFAMCode": "AL AP MA", "LearnDelFAMType": "AL AP MA", "LearnerFAM": "EO", "LearnerHE": "EO",
    "LearnerHEFinancialSupport": "EO", "LearnFAMCode": "AL MA", "LearnFAMType": "AL AP MA", "LearningDelivery": "EO",
    "LearningDeliveryHE": "EO", "LearnPlanEndDate": "MA", "LearnRefNumber": "AL AP MA", "LearnStartDate": "MA",
    "LLDDandHealthProblem": "EO", "LLDDCat": "AL MA", "LLDDHealthProb": "AL MA", "LSDPostcode": "AL AP",
    "MathGrade": "AL AP", "MODESTUD": "AL MA", "MSTUFEE": "AL MA", "NETFEE": "AL AR", "NINumber": "AL AP",
    "OtherFundAdj": "AL AR", "OTJActHours": "AL AR", "Outcome": "AL", "OutGrade": "AL AP", "PartnerUKPRN": "AL AR",
    "PCOLAB": "AL AR", "PERMADDCOUNTRY": "AL AP", "PHours": "AL AR", "PlanEEPHours": "AL AR",
    "PlanLearnHours": "AL AR", "PMUKPRN": "AL AR", "Postcode": "AL AP MA", "PostcodePrior": "AL AP MA",
    "PrevLearnRefNumber": "AL AP", "PrevUKPRN": "AL AR", "PrimaryLLDD": "AL", "PriorLearnFundAdj": "AL AR",
    "PriorLevel": "MA", "ProgType": "AL", "ProviderSpecDeliveryMonitoring": "EO",
    "ProviderSpecLearnerMonitoring": "EO", "ProvSpecDelMon": "AL AP MA", "ProvSpecDelMonOccur": "AL AP MA",
    "ProvSpecLearnMon": "AL AP MA", "ProvSpecLearnMonOccur": "AL AP MA", "PwayCode": "AL", "QUALENT3": "AL AP",
    "SEC": "AL", "Sex": "AL AP MA", "SOC": "AL", "SPECFEE": "AL MA", "SSN": "AL AP", "StdCode": "AL",
    "STULOAD": "AL AR", "SWSupAimId": "AL AP", "TelNo": "AL AP", "Tlout": "AL", "TTACCOM": "AL", "TYPEYR": "AL MA",
    "UCASPERID": "AL AP AR", "UCASSCHEMECODE": "AL AP", "ULN": "AL AR MA", "WithdrawReason": "AL",
    "WorkPlaceEmpId": "AL", "WorkPlaceHours": "AL AR MA", "WorkPlaceMode": "AL MA", "WorkPlaceStartDate": "MA",
    "YEARSTU": "AL AR MA",
}
# Every field-definition rule name in the table.
FD_RULES = frozenset(f"FD_{field}_{kind}" for field, kinds in _KINDS.items() for kind in kinds.split())
_SPELLING = {field.lower(): field for field in _KINDS}


def fd_rules(element: str, kind: str) -> tuple[str, ...]:
    """The field-definition rule of ``kind`` for ``element``, as a 0- or 1-tuple.

    A range (``AR``) falls back to the length rule (``AL``) where the field has no range rule:
    the list counts a number's digits as its length.
    """
    field = _SPELLING.get(element.lower())
    if field is None or not kind:
        return ()
    for candidate in (kind, "AL") if kind == "AR" else (kind,):
        name = f"FD_{field}_{candidate}"
        if name in FD_RULES:
            return (name,)
    return ()
