"""Build small ILR XML fixtures in schema order.

    xml = ilr(learner("L1", deliveries=[delivery(AimSeqNumber=1, CompStatus=3, LearnActEndDate="2026-10-01",
                                                  fams=[fam("SOF", 105)])]))

Field keyword arguments use the ILR element names; they are written in the order the
schema requires whatever order they are given in. ``year`` picks the namespace; for
2026-27 the fields that year dropped are refused, so fixtures cannot drift from the spec.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

NAMESPACES = {"2021": "ESFA/ILR/2020-21", "2122": "ESFA/ILR/2021-22", "2223": "ESFA/ILR/2022-23",
              "2324": "ESFA/ILR/2023-24", "2425": "ESFA/ILR/2024-25", "2526": "ESFA/ILR/2025-26",
              "2627": "ILR/2026-27"}  # 2020-21 to 2022-23: read by qar and --previous only

LEARNER_ORDER = [
    "LearnRefNumber", "PrevLearnRefNumber", "PrevUKPRN", "PMUKPRN", "CampId", "ULN", "FamilyName", "GivenNames",
    "DateOfBirth", "Ethnicity", "Sex", "LLDDHealthProb", "NINumber", "Accom", "ALSCost", "PlanLearnHours",
    "PlanEEPHours", "MathGrade", "EngGrade", "PostcodePrior", "Postcode", "AddLine1", "AddLine2", "AddLine3",
    "AddLine4", "TelNo", "Email",
]
DELIVERY_ORDER = [
    "LearnAimRef", "AimType", "AimSeqNumber", "LearnStartDate", "OrigLearnStartDate", "LearnPlanEndDate",
    "FundModel", "PHours", "OTJActHours", "ProgType", "FworkCode", "PwayCode", "StdCode", "PartnerUKPRN",
    "DelLocPostCode", "LSDPostcode", "AddHours", "PriorLearnFundAdj", "OtherFundAdj", "ConRefNumber", "EPAOrgID",
    "CompStatus", "LearnActEndDate", "WithdrawReason", "Outcome", "AchDate", "OutGrade",
    "SWSupAimId", "TLOut",
]
# Fields that only some years' schemas have (see docs/schema.md).
_OLDER = {"2021", "2122", "2223"}
ONLY_IN = {"PHours": {"2324", "2425", "2526"} | _OLDER, "OTJActHours": {"2324", "2425", "2526"} | _OLDER,
           "AddHours": {"2324", "2425", "2526"} | _OLDER, "FworkCode": {"2324", "2425"} | _OLDER,
           "PwayCode": {"2324", "2425"} | _OLDER}

LEARNER_DEFAULTS = {"ULN": 1000000042, "Ethnicity": 31, "Sex": "F", "LLDDHealthProb": 2,
                    "PostcodePrior": "AB1 2CD", "Postcode": "AB1 2CD"}
DELIVERY_DEFAULTS = {"LearnAimRef": "60146242", "AimType": 4, "AimSeqNumber": 1, "LearnStartDate": "2026-09-01",
                     "LearnPlanEndDate": "2027-06-30", "FundModel": 25, "DelLocPostCode": "AB1 2DD",
                     "CompStatus": 1}


def _fields(order: list[str], values: dict[str, object], year: str) -> str:
    unknown = set(values) - set(order)
    if unknown:
        raise KeyError(f"not a field here: {sorted(unknown)}")
    absent = sorted(name for name in values if name in ONLY_IN and year not in ONLY_IN[name])
    if absent:
        raise KeyError(f"{year} has no {absent}")
    return "".join(f"<{name}>{escape(str(values[name]))}</{name}>" for name in order
                   if name in values and values[name] is not None)


def _element(tag: str, **children: object) -> str:
    return f"<{tag}>" + "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in children.items() if v is not None) + f"</{tag}>"


def fam(fam_type: str, code: object, date_from: str | None = None, date_to: str | None = None) -> str:
    return _element("LearningDeliveryFAM", LearnDelFAMType=fam_type, LearnDelFAMCode=code,
                    LearnDelFAMDateFrom=date_from, LearnDelFAMDateTo=date_to)


# The source of funding (and, for adult skills, the full-funding indicator) a correctly recorded aim
# of each funding model carries (LearnDelFAMType_01, _02, _07); used when a fixture gives no FAMs.
DEFAULT_FAMS = {25: [fam("SOF", 107)], 82: [fam("SOF", 107)], 35: [fam("SOF", 105), fam("FFI", 1)],
                38: [fam("SOF", 105), fam("FFI", 1)], 36: [fam("SOF", 105)], 81: [fam("SOF", 105)]}


def fin(fin_type: str, code: int, date: str, amount: int) -> str:
    return _element("AppFinRecord", AFinType=fin_type, AFinCode=code, AFinDate=date, AFinAmount=amount)


def hrs(code: int, amount: int) -> str:
    return _element("HRSRecord", HRSType="HRS", HRSCode=code, HRSAmount=amount)


def work_placement(start: str, hours: int | None = None, mode: int = 1, end: str | None = None,
                   emp_id: int | None = None) -> str:
    return _element("LearningDeliveryWorkPlacement", WorkPlaceStartDate=start, WorkPlaceEndDate=end,
                    WorkPlaceHours=hours, WorkPlaceMode=mode, WorkPlaceEmpId=emp_id)


def learner_fam(fam_type: str, code: int) -> str:
    return _element("LearnerFAM", LearnFAMType=fam_type, LearnFAMCode=code)


def employment(emp_stat: int, date: str, emp_id: int | None = None, esm: tuple[tuple[str, int], ...] = (),
               year: str = "2627", agree_id: str | None = None) -> str:
    monitoring = "".join(_element("EmploymentStatusMonitoring", ESMType=t, ESMCode=c) for t, c in esm)
    return (f"<LearnerEmploymentStatus><EmpStat>{emp_stat}</EmpStat><DateEmpStatApp>{date}</DateEmpStatApp>"
            + (f"<EmpId>{emp_id}</EmpId>" if emp_id is not None else "")
            + (f"<AgreeId>{agree_id}</AgreeId>" if agree_id is not None else "") + monitoring
            + "</LearnerEmploymentStatus>")


HE_ORDER = ["SSN", "QUALENT3", "SOC", "SEC", "UCASSCHEMECODE", "TYPEYR", "MODESTUD", "FUNDLEV", "FUNDCOMP", "STULOAD",
            "YEARSTU", "MSTUFEE", "PCOLAB", "SPECFEE", "NETFEE", "GROSSFEE", "PERMADDCOUNTRY", "ELQ", "HEPostCode"]


def delivery_he(**values: object) -> str:
    """A LearningDeliveryHE (fields in schema order); pass it to ``delivery(he=...)``."""
    return "<LearningDeliveryHE>" + _fields(HE_ORDER, values, "2627") + "</LearningDeliveryHE>"


def learner_he(ttaccom: int | None = None, ucasperid: str | None = None, support: tuple[tuple[int, int], ...] = ()) -> str:
    """A LearnerHE; ``support`` holds (FINTYPE, FINAMOUNT) pairs. Pass it to ``learner(he=...)``."""
    money = "".join(_element("LearnerHEFinancialSupport", FINTYPE=t, FINAMOUNT=a) for t, a in support)
    return _element("LearnerHE", UCASPERID=ucasperid, TTACCOM=ttaccom)[:-len("</LearnerHE>")] + money + "</LearnerHE>"


def learner_monitoring(occur: str, value: str) -> str:
    """A ProviderSpecLearnerMonitoring; pass it to ``learner(monitoring=[...])``."""
    return _element("ProviderSpecLearnerMonitoring", ProvSpecLearnMonOccur=occur, ProvSpecLearnMon=value)


def delivery_monitoring(occur: str, value: str) -> str:
    return _element("ProviderSpecDeliveryMonitoring", ProvSpecDelMonOccur=occur, ProvSpecDelMon=value)


def delivery(*, year: str = "2627", fams: list[str] | None = None, work_placements: list[str] = (),  # type: ignore[assignment]
             fins: list[str] = (), hrs_records: list[str] = (), monitoring: list[str] = (),  # type: ignore[assignment]
             he: str = "", **values: object) -> str:
    """A LearningDelivery; without ``fams``, the funding FAMs its FundModel needs (see :data:`DEFAULT_FAMS`)."""
    merged = {**DELIVERY_DEFAULTS, **values}
    if fams is None:
        fams = DEFAULT_FAMS.get(int(merged["FundModel"]), [])  # type: ignore[call-overload]
    return ("<LearningDelivery>" + _fields(DELIVERY_ORDER, merged, year) + "".join(fams)
            + ("".join(hrs_records) if year == "2627" else "")
            + "".join(work_placements) + "".join(fins) + "".join(monitoring) + he + "</LearningDelivery>")


def prior_attain(level: int, date: str) -> str:
    return _element("PriorAttain", PriorLevel=level, DateLevelApp=date)


def lldd(category: int, primary: int | None = None) -> str:
    return _element("LLDDandHealthProblem", LLDDCat=category, PrimaryLLDD=primary)


def learner(ref: str = "L1", *, year: str = "2627", deliveries: list[str] = (),  # type: ignore[assignment]
            employment_statuses: list[str] = (), learner_fams: list[str] = (), he: str = "",  # type: ignore[assignment]
            prior_attains: list[str] = (), lldds: list[str] = (), monitoring: list[str] = (),  # type: ignore[assignment]
            **values: object) -> str:
    merged = {"LearnRefNumber": ref, **LEARNER_DEFAULTS, **values}
    return ("<Learner>" + _fields(LEARNER_ORDER, merged, year) + "".join(prior_attains) + "".join(lldds)
            + "".join(learner_fams) + "".join(monitoring) + "".join(employment_statuses) + he + "".join(deliveries)
            + "</Learner>")


def ilr(*learners: str, year: str = "2627", prep: str = "2026-11-01", ukprn: int = 10000001,
        after_learners: str = "") -> str:
    """A whole ILR message; each learner on its own line so findings have distinct lines."""
    body = "\n".join(learners)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Message xmlns="{NAMESPACES[year]}">
<Header><CollectionDetails><Collection>ILR</Collection><Year>{year}</Year><FilePreparationDate>{prep}</FilePreparationDate></CollectionDetails><Source><ProtectiveMarking>OFFICIAL-SENSITIVE-Personal</ProtectiveMarking><UKPRN>{ukprn}</UKPRN><SerialNo>01</SerialNo><DateTime>{prep}T09:00:00</DateTime></Source></Header>
<LearningProvider><UKPRN>{ukprn}</UKPRN></LearningProvider>
{body}
{after_learners}</Message>
"""


def line_of(xml: str, snippet: str, occurrence: int = 1) -> int:
    """The line on which the ``occurrence``-th ``snippet`` starts in ``xml``."""
    at = -1
    for _ in range(occurrence):
        at = xml.index(snippet.strip(), at + 1)
    return xml.count("\n", 0, at) + 1


# What the official Learner rules ask of every 16-19 learner besides the defaults above: names,
# address, postcodes in the funder's format, date of birth, GCSE grades and planned hours.
COMPLETE = {"FamilyName": "Example", "GivenNames": "Ann", "DateOfBirth": "2009-06-01", "AddLine1": "1 High Street",
            "Postcode": "AB1 2XY", "PostcodePrior": "AB1 2XY", "EngGrade": "4", "MathGrade": "4",
            "PlanLearnHours": 540, "PlanEEPHours": 0}


def valid_uln(ref: str) -> int:
    """A ULN for learner ``ref`` that passes the ULN checksum (DD01), different for each ref."""
    body = 100000000 + sum(ord(c) * 31 ** i for i, c in enumerate(ref)) % 800000000
    while (remainder := sum(int(d) * w for d, w in zip(str(body), range(10, 1, -1))) % 11) == 0:
        body += 1  # remainder 0 has no check digit
    return body * 10 + 10 - remainder


def complete_learner(ref: str = "L1", **values: object) -> str:
    """A learner whose record the official Learner rules accept (a 16-19 study programme learner);
    give it a core aim (AimType 5) when its aims are 16-19 funded (R_63)."""
    return learner(ref, **{"ULN": valid_uln(ref), **COMPLETE, **values})


ADULT_COMPLETE = {k: v for k, v in COMPLETE.items() if k not in ("EngGrade", "MathGrade", "PlanEEPHours")} | {
    "DateOfBirth": "1990-01-01", "PlanLearnHours": 100}
PRIOR_ATTAINMENT = "<PriorAttain><PriorLevel>2</PriorLevel><DateLevelApp>2020-01-01</DateLevelApp></PriorAttain>"


def learner_for(ref: str, *, year: str = "2627", deliveries: list[str] = (),  # type: ignore[assignment]
                **values: object) -> str:
    """A learner whose own record the official Learner and employment rules accept for the aims
    it has: 16-19 fields (GCSE grades, planned hours, a date of birth making it 16) when any aim is
    16-19 funded, else an adult's of 21; prior attainment and an employment status dated a year before
    its earliest aim starts. ``values`` override the learner's fields."""
    body = "".join(deliveries)
    models = {int(m) for m in re.findall(r"<FundModel>(\d+)</FundModel>", body)}
    first = min([int(y) for y in re.findall(r"<LearnStartDate>(\d{4})-", body)] or [int("20" + year[:2])])
    young = bool(models & {25, 82})
    fields = (COMPLETE if young else ADULT_COMPLETE) | {"DateOfBirth": f"{first - (16 if young else 21)}-06-01"}
    return learner(ref, year=year, deliveries=deliveries, **{
        "prior_attains": [prior_attain(2, f"{first - 1}-06-30")],
        "employment_statuses": [employment(11, f"{first - 1}-08-01", esm=(("LOU", 1),))],
        "ULN": valid_uln(ref), **fields, **values})


def complete_adult(ref: str = "L1", **values: object) -> str:
    """An adult learner whose record the official Learner and employment rules accept: with prior
    attainment and an employment status from before the aims start (2026-08-01)."""
    return learner(ref, learner_fams=[PRIOR_ATTAINMENT],
                   employment_statuses=[employment(11, "2026-08-01", esm=(("LOU", 1),))],
                   **{"ULN": valid_uln(ref), **ADULT_COMPLETE, **values})
