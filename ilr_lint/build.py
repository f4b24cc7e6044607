"""Build model records from lxml elements, one ``<Learner>`` at a time.

Each record type has a table from ILR element name to model field and converter; elements
the model does not need (names, addresses, HE detail) are skipped. A value that cannot be
converted, or a required field that is missing, raises :class:`Unbuildable`: the schema
findings say precisely what is wrong, and the engine reports that checks could not run.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from lxml import etree

from . import model as m


class Unbuildable(ValueError):
    """A record whose values do not fit the model."""


def _date(text: str) -> date:
    return date.fromisoformat(text)


def _present(text: str) -> bool:
    return True


Convert = Callable[[str], Any]
Build = Callable[[Any, int], Any]


def builder(cls: type, scalars: dict[str, tuple[str, Convert]], lists: dict[str, tuple[str, Build]] | None = None,
            *, keep_lines: bool = False) -> Build:
    """A function ``(element, namespace_prefix_length) -> cls`` driven by the two tables.

    ``scalars`` maps a child element name to (field, converter); ``lists`` maps a repeating
    child to (field, builder). ``keep_lines`` records each scalar's line in ``field_lines``.
    """
    lists = lists or {}

    def build(el: Any, nslen: int) -> Any:
        values: dict[str, Any] = {"line": el.sourceline}
        many: dict[str, list[Any]] = {}
        lines: dict[str, int] = {}
        for child in el.iterchildren(etree.Element):
            name = child.tag[nslen:]
            spec = scalars.get(name)
            if spec is not None:
                text = (child.text or "").strip()
                if text:
                    field_name, convert = spec
                    try:
                        values[field_name] = convert(text)
                    except ValueError:
                        raise Unbuildable(f"{name} on line {child.sourceline} is not a valid value") from None
                    lines[field_name] = child.sourceline
                continue
            nested = lists.get(name)
            if nested is not None:
                many.setdefault(nested[0], []).append(nested[1](child, nslen))
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

_delivery = builder(m.LearningDelivery, {
    "LearnAimRef": ("learn_aim_ref", str), "AimType": ("aim_type", int),
    "AimSeqNumber": ("aim_seq_number", int), "LearnStartDate": ("learn_start_date", _date),
    "OrigLearnStartDate": ("orig_learn_start_date", _date),
    "LearnPlanEndDate": ("learn_plan_end_date", _date), "FundModel": ("fund_model", int),
    "PHours": ("p_hours", int), "OTJActHours": ("otj_act_hours", int), "ProgType": ("prog_type", int),
    "FworkCode": ("fwork_code", int), "PwayCode": ("pway_code", int), "StdCode": ("std_code", int),
    "PartnerUKPRN": ("partner_ukprn", int), "AddHours": ("add_hours", int),
    "PriorLearnFundAdj": ("prior_learn_fund_adj", int), "OtherFundAdj": ("other_fund_adj", int),
    "ConRefNumber": ("con_ref_number", str), "EPAOrgID": ("epa_org_id", str),
    "CompStatus": ("comp_status", int),
    "LearnActEndDate": ("learn_act_end_date", _date), "WithdrawReason": ("withdraw_reason", int),
    "Outcome": ("outcome", int), "AchDate": ("ach_date", _date), "OutGrade": ("out_grade", str),
    "SWSupAimId": ("sw_sup_aim_id", str), "TLOut": ("tl_out", int),
    "LearningDeliveryHE": ("has_he", _present),
}, {
    "LearningDeliveryFAM": ("fams", builder(m.LearningDeliveryFAM, {
        "LearnDelFAMType": ("type", str), "LearnDelFAMCode": ("code", str),
        "LearnDelFAMDateFrom": ("date_from", _date), "LearnDelFAMDateTo": ("date_to", _date),
    })),
    "LearningDeliveryWorkPlacement": ("work_placements", builder(m.LearningDeliveryWorkPlacement, {
        "WorkPlaceStartDate": ("start_date", _date), "WorkPlaceEndDate": ("end_date", _date),
        "WorkPlaceHours": ("hours", int), "WorkPlaceMode": ("mode", int), "WorkPlaceEmpId": ("emp_id", int),
    })),
    "AppFinRecord": ("app_fin_records", builder(m.AppFinRecord, {
        "AFinType": ("type", str), "AFinCode": ("code", int), "AFinDate": ("date", _date),
        "AFinAmount": ("amount", int),
    })),
    "HRSRecord": ("hrs_records", builder(m.HRSRecord, {
        "HRSType": ("type", str), "HRSCode": ("code", int), "HRSAmount": ("amount", int),
    })),
    "ProviderSpecDeliveryMonitoring": ("monitoring", _monitoring),
}, keep_lines=True)

build_learner = builder(m.Learner, {
    "LearnRefNumber": ("learn_ref_number", str), "PrevLearnRefNumber": ("prev_learn_ref_number", str),
    "PrevUKPRN": ("prev_ukprn", int), "PMUKPRN": ("pmukprn", int), "CampId": ("camp_id", str),
    "ULN": ("uln", int), "DateOfBirth": ("date_of_birth", _date), "Ethnicity": ("ethnicity", int),
    "Sex": ("sex", str), "LLDDHealthProb": ("lldd_health_prob", int), "NINumber": ("has_ni_number", _present),
    "Accom": ("accom", int), "ALSCost": ("als_cost", int), "PlanLearnHours": ("plan_learn_hours", int),
    "PlanEEPHours": ("plan_eep_hours", int), "MathGrade": ("math_grade", str), "EngGrade": ("eng_grade", str),
    "LearnerHE": ("has_he", _present),
}, {
    "PriorAttain": ("prior_attain", builder(m.PriorAttain, {
        "PriorLevel": ("prior_level", int), "DateLevelApp": ("date_level_app", _date),
    })),
    "LLDDandHealthProblem": ("lldd_and_health_problems", builder(m.LLDDandHealthProblem, {
        "LLDDCat": ("lldd_cat", int), "PrimaryLLDD": ("primary_lldd", int),
    })),
    "LearnerFAM": ("fams", builder(m.LearnerFAM, {"LearnFAMType": ("type", str), "LearnFAMCode": ("code", str)})),
    "ProviderSpecLearnerMonitoring": ("monitoring", _monitoring),
    "LearnerEmploymentStatus": ("employment_statuses", builder(m.LearnerEmploymentStatus, {
        "EmpStat": ("emp_stat", int), "DateEmpStatApp": ("date_emp_stat_app", _date), "EmpId": ("emp_id", int),
        "AgreeId": ("agree_id", str), "AgreemId": ("agree_id", str),
    }, {
        "EmploymentStatusMonitoring": ("monitoring", builder(m.EmploymentStatusMonitoring, {
            "ESMType": ("type", str), "ESMCode": ("code", int),
        })),
    })),
    "LearningDelivery": ("deliveries", _delivery),
}, keep_lines=True)

build_destination = builder(m.LearnerDestinationandProgression, {
    "LearnRefNumber": ("learn_ref_number", str), "ULN": ("uln", int),
}, {
    "DPOutcome": ("outcomes", builder(m.DPOutcome, {
        "OutType": ("out_type", str), "OutCode": ("out_code", int), "OutStartDate": ("out_start_date", _date),
        "OutEndDate": ("out_end_date", _date), "OutCollDate": ("out_coll_date", _date),
    })),
})
