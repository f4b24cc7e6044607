"""Official LearningDelivery rules: work placements, identifiers and related aims (topic ``delivery``).

The funder's validation rules for 2025-26 and 2026-27 (the "ILR validation rules" list
published with the ILR specification on GOV.UK) that the file alone decides, for work
placement records (WorkPlaceStartDate_*, WorkPlaceEndDate_*, WorkPlaceEmpId_*), the format
of identifiers and postcodes (SWSupAimId_01, DelLocPostCode_11, LSDPostcode_03,
ProvSpecDelMonOccur_01), AimSeqNumber_02, the one-day event aims (LearnAimRef_126,
LearnAimRef_154) and the pairing of apprenticeship unit aims (AimType_10, R_159, R_160).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem
from ilr_lint.model import Learner, LearningDelivery, employer_id_check_digit_ok, is_postcode_format
from ilr_lint.official.predicates import STATIC, When, aim_ref, has_fam, known, prog_type, started
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken, DateOrder, OfficialCheck

from .official_delivery import BOOTCAMP_EVENT_AIMS, HGV_EVENT_AIMS

TOPIC = "delivery"
# Work experience, supported internship and industry placement aims (WorkPlaceStartDate_01 and _03)
PLACEMENT_AIMS = ("Z0007834", "Z0007835", "Z0007836", "Z0007837", "Z0007838", "Z0002347", "ZWRKX001", "ZWRKX002")
MONITORING_OCCURRENCES = frozenset("ABCD")
# A UUID as .NET reads one: 32 hexadecimal digits, with or without the hyphens of the 8-4-4-4-12 form
_UUID = re.compile(r"[0-9a-f]{8}(-?)[0-9a-f]{4}\1[0-9a-f]{4}\1[0-9a-f]{4}\1[0-9a-f]{12}", re.IGNORECASE)
# the usual form, matched first (faster than the back-reference)
_HYPHENATED = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(text: str) -> bool:
    """Whether ``text`` is a UUID other than the all-zero one (SWSupAimId_01)."""
    digits = text.strip("{}")
    return (_HYPHENATED.fullmatch(digits) or _UUID.fullmatch(digits)) is not None and digits.strip("0-") != ""


# --- work placements ------------------------------------------------------------------------

WORK_PLACE_START_DATE_01 = Broken(
    "WorkPlaceStartDate_01", "aim", fact="no LearningDeliveryWorkPlacement is returned",
    when=aim_ref(*PLACEMENT_AIMS) & started(on_or_after=date(2014, 8, 1))
    & When(lambda i: not i.aim.work_placements),
    topic=TOPIC, what="A work experience, supported internship or industry placement aim (Z0007834 to Z0007838, "
                      "Z0002347, ZWRKX001, ZWRKX002) that started on or after 1 August 2014 has a "
                      "LearningDeliveryWorkPlacement.",
    fix="Add the work placement record (start date, mode, hours and employer).")

WORK_PLACE_START_DATE_02 = DateOrder(
    "WorkPlaceStartDate_02", "work_placement", "aim.LearnStartDate", "WorkPlaceStartDate", scope=("work_placement",),
    topic=TOPIC, what="A work placement starts on or after its aim's LearnStartDate.",
    fix="Correct WorkPlaceStartDate (or the aim's LearnStartDate).")

WORK_PLACE_START_DATE_03 = Broken(
    "WorkPlaceStartDate_03", "aim", scope=("work_placement",), fact=lambda i: f"LearnAimRef {i.aim.learn_aim_ref} has a work placement",
    when=~aim_ref(*PLACEMENT_AIMS, codes.TLEVEL_PLACEMENT_REF) & When(lambda i: bool(i.aim.work_placements)),
    topic=TOPIC, what="Only work experience, supported internship and placement aims (Z0007834 to Z0007838, Z0002347,"
                      " ZWRKX001, ZWRKX002, ZWRKX003) have LearningDeliveryWorkPlacement records.",
    fix="Move the work placement records to the placement aim, or remove them.")

WORK_PLACE_END_DATE_01 = DateOrder(
    "WorkPlaceEndDate_01", "work_placement", "WorkPlaceStartDate", "WorkPlaceEndDate", scope=("work_placement",),
    topic=TOPIC, what="A work placement's WorkPlaceEndDate is not before its WorkPlaceStartDate.",
    fix="Correct WorkPlaceEndDate (or WorkPlaceStartDate).")

WORK_PLACE_END_DATE_02 = DateOrder(
    "WorkPlaceEndDate_02", "work_placement", "WorkPlaceEndDate", "aim.LearnActEndDate", scope=("work_placement",),
    topic=TOPIC, what="A work placement's WorkPlaceEndDate is not after its aim's LearnActEndDate.",
    fix="Correct WorkPlaceEndDate, or the aim's LearnActEndDate.")

WORK_PLACE_EMP_ID_02 = Broken(
    "WorkPlaceEmpId_02", "work_placement", scope=("work_placement",), field="WorkPlaceEmpId",
    when=When(lambda i: i.record.emp_id is not None and i.record.emp_id != codes.UNKNOWN_EMPLOYER
              and not employer_id_check_digit_ok(i.record.emp_id)),
    topic=TOPIC, what="A WorkPlaceEmpId other than 999999999 is a nine-digit Employer Data Service number whose last "
                      "digit is its check digit.",
    fix="Correct WorkPlaceEmpId from the Employer Data Service, or use 999999999 until the number is known.")

# --- formats --------------------------------------------------------------------------------

# A provider delivers at a few postcodes, on most of its aims: each one's form is worked out once.
_delivery_postcode_format = lru_cache(maxsize=1024)(is_postcode_format)

DEL_LOC_POST_CODE_11 = Broken(
    "DelLocPostCode_11", "aim", field="DelLocPostCode",
    when=~has_fam("LDM", codes.LDM_OLASS)
    & known("DelLocPostCode") & When(lambda i: not _delivery_postcode_format(i.aim.del_loc_post_code)),
    topic=TOPIC, what="An aim's DelLocPostCode is in the UK postcode format: an outward code of one or two capital "
                      "letters, a digit and an optional digit or capital letter, a space, and an inward code of a "
                      "digit and two capital letters other than C, I, K, M, O and V. OLASS aims (LDM 034) are exempt.",
    fix="Correct DelLocPostCode (ZZ99 9ZZ when the delivery postcode is not known).")

LSD_POSTCODE_03 = Broken(
    "LSDPostcode_03", "aim", field="LSDPostcode", fact="LSDPostcode (value not shown) is not in the postcode format",
    when=When(lambda i: i.aim.lsd_postcode_well_formed is False, static=STATIC),  # in the aim's signature
    topic=TOPIC, what="LSDPostcode, when returned, is in the UK postcode format (as DelLocPostCode_11 describes).",
    fix="Correct LSDPostcode.")

SW_SUP_AIM_ID_01 = Broken(
    "SWSupAimId_01", "aim", field="SWSupAimId",
    when=known("SWSupAimId") & When(lambda i: not is_uuid(i.aim.sw_sup_aim_id)),
    topic=TOPIC, what="SWSupAimId, when returned, is a UUID.",
    fix="Return the software's UUID for the aim in SWSupAimId, or leave it out.")

# --- one-day event aims -----------------------------------------------------------------------


def _event_dates(item: Item) -> str:
    aim = item.aim
    return (f"LearnStartDate {aim.learn_start_date}, LearnPlanEndDate {aim.learn_plan_end_date}, LearnActEndDate "
            f"{aim.learn_act_end_date or '(not returned)'}")


def _not_one_day(aim: LearningDelivery) -> bool:
    """LearnPlanEndDate, or a returned LearnActEndDate, differs from LearnStartDate."""
    return aim.learn_plan_end_date != aim.learn_start_date or (
        aim.learn_act_end_date is not None and aim.learn_act_end_date != aim.learn_start_date)


LEARN_AIM_REF_126 = Broken(
    "LearnAimRef_126", "aim", fact=_event_dates, when=aim_ref(*BOOTCAMP_EVENT_AIMS) & When(lambda i: _not_one_day(i.aim)),
    topic=TOPIC, what="A skills bootcamp event aim (Z0059747, Z0059748, Z0059749) has the same LearnStartDate, "
                      "LearnPlanEndDate and LearnActEndDate.",
    fix="Set LearnPlanEndDate and LearnActEndDate to the day of the event.")

LEARN_AIM_REF_154 = Broken(
    "LearnAimRef_154", "aim", scope=("bootcamp",), fact=_event_dates,
    when=aim_ref(*HGV_EVENT_AIMS) & prog_type(32) & started(on_or_after=date(2024, 8, 1))
    & When(lambda i: _not_one_day(i.aim)),
    topic=TOPIC, what="A skills bootcamp HGV event aim (Z0060439, Z0009541, Z0060440 to Z0060443, ProgType 32) that "
                      "started on or after 1 August 2024 has the same LearnStartDate, LearnPlanEndDate and "
                      "LearnActEndDate.",
    fix="Set LearnPlanEndDate and LearnActEndDate to the day of the event.")

# --- rules on several records ----------------------------------------------------------------


class AimSeqNumberWithinCount(OfficialCheck):
    """AimSeqNumber_02: compares each aim's number with the learner's count of aims."""

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        count = len(learner.deliveries)
        for aim in learner.deliveries:
            if aim.aim_seq_number > count:
                yield self.problem(ctx, f"AimSeqNumber {aim.aim_seq_number} is greater than the learner's {count} aims",
                                   aim, line=aim.line_of("aim_seq_number"))


AIM_SEQ_NUMBER_02 = AimSeqNumberWithinCount(
    "AimSeqNumber_02", topic=TOPIC,
    what="No AimSeqNumber is greater than the number of the learner's LearningDelivery records: aims are "
         "numbered 1, 2, 3 and so on.",
    fix="Renumber the learner's aims from 1 without gaps.")


class DeliveryMonitoringOccurrence(OfficialCheck):
    """ProvSpecDelMonOccur_01: each provider specified delivery monitoring record's occurrence letter."""

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        for aim in learner.deliveries:
            for record in aim.monitoring:
                if record.occur not in MONITORING_OCCURRENCES:
                    yield self.problem(ctx, f"ProvSpecDelMonOccur {record.occur}", aim, line=record.line)


PROV_SPEC_DEL_MON_OCCUR_01 = DeliveryMonitoringOccurrence(
    "ProvSpecDelMonOccur_01", topic=TOPIC, scope=("monitoring",),
    what="A provider specified delivery monitoring record's occurrence (ProvSpecDelMonOccur) is A, B, C or D.",
    fix="Set ProvSpecDelMonOccur to A, B, C or D.")


def _same_dates(one: LearningDelivery, other: LearningDelivery) -> bool:
    """Same start and planned end date, and the same actual end date where ``one`` returns one."""
    return (one.learn_start_date == other.learn_start_date and one.learn_plan_end_date == other.learn_plan_end_date
            and (one.learn_act_end_date is None or one.learn_act_end_date == other.learn_act_end_date))


def _unit_aims(learner: Learner, aim_type: int) -> list[LearningDelivery]:
    """The learner's Growth and Skills Offer apprenticeship unit aims (ProgType 34) of ``aim_type``."""
    return [d for d in learner.deliveries if d.aim_type == aim_type and d.prog_type == codes.PROG_APPRENTICESHIP_UNITS]


class UnitNeedsPartner(OfficialCheck):
    """R_159 and R_160: each apprenticeship unit aim of ``own`` AimType has a partner aim of ``other`` AimType."""

    def __init__(self, rule: str, own: int, other: int, **kw: Any):
        super().__init__(rule, **kw)
        self.own, self.other = own, other

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        partners = _unit_aims(learner, self.other)
        for aim in _unit_aims(learner, self.own):
            if not any(d.fund_model == aim.fund_model and _same_dates(aim, d) for d in partners):
                yield self.problem(ctx, f"no AimType {self.other} aim has this aim's FundModel {aim.fund_model}, "
                                   "ProgType 34 and dates", aim)


R_159 = UnitNeedsPartner(
    "R_159", codes.AIM_COMPONENT, codes.AIM_PROGRAMME, topic=TOPIC, scope=("units",), supersedes=("ILR200",),
    what="A Growth and Skills Offer apprenticeship unit component aim (AimType 3, ProgType 34) has a programme "
         "aim (AimType 1) with the same FundModel, ProgType, LearnStartDate, LearnPlanEndDate and, where the "
         "component returns one, LearnActEndDate. A unit component with no programme aim at all breaks ILR200's "
         "R_30 too: reported once, here, with the dates to match.",
    fix="Add the programme aim (ZPROG001), or align its FundModel and dates with the component aim's.")

R_160 = UnitNeedsPartner(
    "R_160", codes.AIM_PROGRAMME, codes.AIM_COMPONENT, topic=TOPIC, scope=("units",),
    what="A Growth and Skills Offer apprenticeship unit programme aim (AimType 1, ProgType 34) has a component "
         "aim (AimType 3) with the same FundModel, ProgType, LearnStartDate, LearnPlanEndDate and, where the "
         "programme aim returns one, LearnActEndDate.",
    fix="Add the unit's component aim, or align its FundModel and dates with the programme aim's.")


class OneUnitPerProgramme(OfficialCheck):
    """AimType_10: counts the unit component aims that share a unit programme aim's dates."""

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        components = _unit_aims(learner, codes.AIM_COMPONENT)
        for aim in _unit_aims(learner, codes.AIM_PROGRAMME):
            units = [d.aim_seq_number for d in components if _same_dates(aim, d)]
            if len(units) > 1:
                yield self.problem(ctx, f"component aims {', '.join(map(str, units))} share this programme aim's "
                                   "dates", aim)


AIM_TYPE_10 = OneUnitPerProgramme(
    "AimType_10", topic=TOPIC, scope=("units",),
    what="A Growth and Skills Offer apprenticeship unit programme aim (AimType 1, ProgType 34) has at most one "
         "component aim (AimType 3, ProgType 34) with its LearnStartDate, LearnPlanEndDate and LearnActEndDate: "
         "each further unit has its own programme aim.",
    fix="Record each further unit with its own programme aim.")
