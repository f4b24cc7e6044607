"""Build model records from lxml elements, one ``<Learner>`` at a time.

Each record type has a table from ILR element name to model field and converter; elements
the model does not need (names, addresses, HE detail) are skipped. A value that cannot be
converted, or a required field that is missing, raises :class:`Unbuildable`: the schema
findings say precisely what is wrong, and the engine reports that checks could not run.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from lxml import etree

from . import model as m


class Unbuildable(ValueError):
    """A record whose values do not fit the model."""


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT = re.compile(r"[+-]?[0-9]+")


@functools.lru_cache(maxsize=65536)
def _date(text: str) -> date:
    """An ``xs:date`` as the ILR writes it (YYYY-MM-DD); ``ValueError`` otherwise.

    Cached: a file repeats the same few thousand dates, and a shared object costs no memory.
    """
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


parse_date = _date


def _int(text: str) -> int:
    """An ``xs:int``: ASCII digits with an optional sign (Python's ``int`` also takes ``1_000``)."""
    if not (text.isascii() and text.isdigit()) and not _INT.fullmatch(text):  # plain digits: the usual case
        raise ValueError(text)
    return int(text)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


def _present(text: str) -> bool:
    return True


def _postcode_well_formed(text: str) -> bool:
    """Only whether a personal postcode is in the postcode format; the value is not kept."""
    return m.is_postcode_format(text)


# The funder's NI number format (NINumber_01): only whether a value fits is kept.
_NI_NUMBER = re.compile(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D ]?")


def _ni_number_ok(text: str) -> bool:
    return _NI_NUMBER.fullmatch(text) is not None


Convert = Callable[[str], Any]
_SCALAR, _LIST, _RECORD = range(3)
Build = Callable[[Any, int], Any]


def builder(cls: type, scalars: dict[str, tuple[str, Convert]], lists: dict[str, tuple[str, Build]] | None = None,
            *, records: dict[str, tuple[str, Build]] | None = None, flags: dict[str, str] | None = None,
            keep_lines: bool = False) -> Build:
    """A function ``(element, namespace_prefix_length) -> cls`` driven by the tables.

    ``scalars`` maps a child element name to (field, converter); ``lists`` maps a repeating
    child to (field, builder); ``records`` an at-most-once child record to (field, builder);
    ``flags`` a child to a bool field set when it is present. ``keep_lines`` records each
    scalar's line in ``field_lines``.
    """
    # One lookup per child element: name -> (field, converter or builder, how it is stored).
    table: dict[str, tuple[str, Callable[..., Any], int]] = {}
    table.update((name, (f, convert, _SCALAR)) for name, (f, convert) in scalars.items())
    table.update((name, (f, build, _LIST)) for name, (f, build) in (lists or {}).items())
    table.update((name, (f, build, _RECORD)) for name, (f, build) in (records or {}).items())
    flags = flags or {}
    lookup = table.get

    def build(el: Any, nslen: int) -> Any:
        values: dict[str, Any] = {"line": el.sourceline}
        many: dict[str, list[Any]] = {}
        lines: dict[str, int] = {}
        for child in el.iterchildren(etree.Element):
            name = child.tag[nslen:]
            spec = lookup(name)
            if spec is None:
                continue  # an element the model does not need
            field_name, make, kind = spec
            if kind == _SCALAR:
                text = child.text
                text = text.strip() if text else text
                if text:
                    try:
                        values[field_name] = make(text)
                    except ValueError:
                        raise Unbuildable(f"{name} on line {child.sourceline} is not a valid value") from None
                    if keep_lines:  # a line lookup per field costs as much as reading it
                        lines[field_name] = child.sourceline
            elif kind == _LIST:
                many.setdefault(field_name, []).append(make(child, nslen))
            else:
                values[field_name] = make(child, nslen)
            if flags and name in flags:
                values[flags[name]] = True
        for field_name, items in many.items():
            values[field_name] = tuple(items)
        if keep_lines:
            values["field_lines"] = lines
        try:
            return cls(**values)
        except TypeError as exc:  # a required field is missing
            missing = str(exc).rpartition(":")[2].strip()
            raise Unbuildable(f"{cls.__name__} on line {el.sourceline} lacks {missing}") from None
    return build


_monitoring = builder(m.ProviderSpecMonitoring, {
    "ProvSpecLearnMonOccur": ("occur", str), "ProvSpecLearnMon": ("value", str),
    "ProvSpecDelMonOccur": ("occur", str), "ProvSpecDelMon": ("value", str),
})

# A UK postcode as the ILR writes one: outward code (1-2 letters, then 1-2 digits or a digit and
# a letter), a space, inward code (a digit and two letters other than C, I, K, M, O, V).
_POSTCODE = re.compile(r"[A-Z]{1,2}(?:[0-9]{1,2}|[0-9][A-Z]) [0-9][ABD-HJLNP-UW-Z]{2}")


def postcode_well_formed(text: str) -> bool:
    """Whether ``text`` has the form of a UK postcode; the value itself is never kept."""
    return bool(_POSTCODE.fullmatch(text))


# HE records: the fields HE validation rules use. UCASPERID and HEPostCode are personal: only
# whether UCASPERID is present, and whether HEPostCode has a postcode's form, are read.
_learner_he = builder(m.LearnerHE, {"TTACCOM": ("ttaccom", _int), "UCASPERID": ("has_ucasperid", _present)}, {
    "LearnerHEFinancialSupport": ("financial_support", builder(m.LearnerHEFinancialSupport, {
        "FINTYPE": ("fin_type", _int), "FINAMOUNT": ("fin_amount", _int),
    })),
})

_delivery_he = builder(m.LearningDeliveryHE, {
    "SSN": ("ssn", str), "QUALENT3": ("qualent3", str), "SOC": ("soc", _int), "SEC": ("sec", _int),
    "UCASSCHEMECODE": ("ucasschemecode", str), "TYPEYR": ("typeyr", _int), "MODESTUD": ("modestud", _int),
    "FUNDLEV": ("fundlev", _int), "FUNDCOMP": ("fundcomp", _int), "STULOAD": ("stuload", _decimal),
    "YEARSTU": ("yearstu", _int), "MSTUFEE": ("mstufee", _int), "PCOLAB": ("pcolab", _decimal),
    "SPECFEE": ("specfee", _int), "NETFEE": ("netfee", _int), "GROSSFEE": ("grossfee", _int),
    "PERMADDCOUNTRY": ("permaddcountry", str), "ELQ": ("elq", _int),
    "HEPostCode": ("he_post_code_well_formed", postcode_well_formed),
    # the same three fields under their names up to 2024-25
    "SOC2000": ("soc", _int), "UCASAPPID": ("ucasschemecode", str), "DOMICILE": ("permaddcountry", str),
}, keep_lines=True)

_delivery = builder(m.LearningDelivery, {
    "LearnAimRef": ("learn_aim_ref", str), "AimType": ("aim_type", _int),
    "AimSeqNumber": ("aim_seq_number", _int), "LearnStartDate": ("learn_start_date", _date),
    "OrigLearnStartDate": ("orig_learn_start_date", _date),
    "LearnPlanEndDate": ("learn_plan_end_date", _date), "FundModel": ("fund_model", _int),
    "PHours": ("p_hours", _int), "OTJActHours": ("otj_act_hours", _int), "ProgType": ("prog_type", _int),
    "FworkCode": ("fwork_code", _int), "PwayCode": ("pway_code", _int), "StdCode": ("std_code", _int),
    "PartnerUKPRN": ("partner_ukprn", _int), "AddHours": ("add_hours", _int),
    "PriorLearnFundAdj": ("prior_learn_fund_adj", _int), "OtherFundAdj": ("other_fund_adj", _int),
    "ConRefNumber": ("con_ref_number", str), "EPAOrgID": ("epa_org_id", str),
    "CompStatus": ("comp_status", _int),
    "LearnActEndDate": ("learn_act_end_date", _date), "WithdrawReason": ("withdraw_reason", _int),
    "Outcome": ("outcome", _int), "AchDate": ("ach_date", _date), "OutGrade": ("out_grade", str),
    "SWSupAimId": ("sw_sup_aim_id", str), "TLOut": ("tl_out", _int),
    "DelLocPostCode": ("del_loc_post_code", str), "LSDPostcode": ("lsd_postcode_well_formed", _postcode_well_formed),
}, {
    "LearningDeliveryFAM": ("fams", builder(m.LearningDeliveryFAM, {
        "LearnDelFAMType": ("type", str), "LearnDelFAMCode": ("code", str),
        "LearnDelFAMDateFrom": ("date_from", _date), "LearnDelFAMDateTo": ("date_to", _date),
    })),
    "LearningDeliveryWorkPlacement": ("work_placements", builder(m.LearningDeliveryWorkPlacement, {
        "WorkPlaceStartDate": ("start_date", _date), "WorkPlaceEndDate": ("end_date", _date),
        "WorkPlaceHours": ("hours", _int), "WorkPlaceMode": ("mode", _int), "WorkPlaceEmpId": ("emp_id", _int),
    })),
    "AppFinRecord": ("app_fin_records", builder(m.AppFinRecord, {
        "AFinType": ("type", str), "AFinCode": ("code", _int), "AFinDate": ("date", _date),
        "AFinAmount": ("amount", _int),
    })),
    "HRSRecord": ("hrs_records", builder(m.HRSRecord, {
        "HRSType": ("type", str), "HRSCode": ("code", _int), "HRSAmount": ("amount", _int),
    })),
    "ProviderSpecDeliveryMonitoring": ("monitoring", _monitoring),
}, records={"LearningDeliveryHE": ("he", _delivery_he)}, flags={"LearningDeliveryHE": "has_he"}, keep_lines=True)

build_learner = builder(m.Learner, {
    "LearnRefNumber": ("learn_ref_number", str), "PrevLearnRefNumber": ("prev_learn_ref_number", str),
    "PrevUKPRN": ("prev_ukprn", _int), "PMUKPRN": ("pmukprn", _int), "CampId": ("camp_id", str),
    "ULN": ("uln", _int), "DateOfBirth": ("date_of_birth", _date), "Ethnicity": ("ethnicity", _int),
    "Sex": ("sex", str), "LLDDHealthProb": ("lldd_health_prob", _int), "NINumber": ("ni_number_valid", _ni_number_ok),
    "FamilyName": ("has_family_name", _present), "GivenNames": ("has_given_names", _present),
    "AddLine1": ("has_add_line1", _present), "Postcode": ("postcode_valid", _postcode_well_formed),
    "PostcodePrior": ("postcode_prior_valid", _postcode_well_formed),
    "Accom": ("accom", _int), "ALSCost": ("als_cost", _int), "PlanLearnHours": ("plan_learn_hours", _int),
    "PlanEEPHours": ("plan_eep_hours", _int), "MathGrade": ("math_grade", str), "EngGrade": ("eng_grade", str),
}, {
    "PriorAttain": ("prior_attain", builder(m.PriorAttain, {
        "PriorLevel": ("prior_level", _int), "DateLevelApp": ("date_level_app", _date),
    })),
    "LLDDandHealthProblem": ("lldd_and_health_problems", builder(m.LLDDandHealthProblem, {
        "LLDDCat": ("lldd_cat", _int), "PrimaryLLDD": ("primary_lldd", _int),
    })),
    "LearnerFAM": ("fams", builder(m.LearnerFAM, {"LearnFAMType": ("type", str), "LearnFAMCode": ("code", str)})),
    "ProviderSpecLearnerMonitoring": ("monitoring", _monitoring),
    "LearnerEmploymentStatus": ("employment_statuses", builder(m.LearnerEmploymentStatus, {
        "EmpStat": ("emp_stat", _int), "DateEmpStatApp": ("date_emp_stat_app", _date), "EmpId": ("emp_id", _int),
        "AgreeId": ("agree_id", str), "AgreemId": ("agree_id", str),
    }, {
        "EmploymentStatusMonitoring": ("monitoring", builder(m.EmploymentStatusMonitoring, {
            "ESMType": ("type", str), "ESMCode": ("code", _int),
        })),
    })),
    "LearningDelivery": ("deliveries", _delivery),
}, records={"LearnerHE": ("he", _learner_he)}, flags={"LearnerHE": "has_he"}, keep_lines=True)

build_destination = builder(m.LearnerDestinationandProgression, {
    "LearnRefNumber": ("learn_ref_number", str), "ULN": ("uln", _int),
}, {
    "DPOutcome": ("outcomes", builder(m.DPOutcome, {
        "OutType": ("out_type", str), "OutCode": ("out_code", _int), "OutStartDate": ("out_start_date", _date),
        "OutEndDate": ("out_end_date", _date), "OutCollDate": ("out_coll_date", _date),
    })),
})
