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
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.model import Learner, LearningDelivery, employer_id_check_digit_ok, is_postcode_format
from ilr_lint.official.predicates import When, aim_ref, has_fam, prog_type, started
from ilr_lint.official.rows import Broken, DateOrder

from .official_delivery import BOOTCAMP_EVENT_AIMS, HGV_EVENT_AIMS

GUIDANCE = "ILR specification: LearningDelivery"
# Work experience, supported internship and industry placement aims (WorkPlaceStartDate_01 and _03)
PLACEMENT_AIMS = ("Z0007834", "Z0007835", "Z0007836", "Z0007837", "Z0007838", "Z0002347", "ZWRKX001", "ZWRKX002")
MONITORING_OCCURRENCES = frozenset("ABCD")
# A UUID as .NET reads one: 32 hexadecimal digits, with or without the hyphens of the 8-4-4-4-12 form
_UUID = re.compile(r"[0-9a-f]{8}(-?)[0-9a-f]{4}\1[0-9a-f]{4}\1[0-9a-f]{4}\1[0-9a-f]{12}", re.IGNORECASE)


def is_uuid(text: str) -> bool:
    """Whether ``text`` is a UUID other than the all-zero one (SWSupAimId_01)."""
    return _UUID.fullmatch(text.strip("{}")) is not None and set(text) - set("0-{}") != set()


# --- work placements ------------------------------------------------------------------------

WORK_PLACE_START_DATE_01 = Broken(
    "WorkPlaceStartDate_01", "aim",
    when=aim_ref(*PLACEMENT_AIMS) & started(on_or_after=date(2014, 8, 1))
    & When(lambda i: not i.aim.work_placements),
    what="A work experience, supported internship or industry placement aim (Z0007834 to Z0007838, Z0002347, "
         "ZWRKX001, ZWRKX002) that started on or after 1 August 2014 has a LearningDeliveryWorkPlacement.",
    fix="Add the work placement record (start date, mode, hours and employer).")

WORK_PLACE_START_DATE_02 = DateOrder(
    "WorkPlaceStartDate_02", "work_placement", "LearnStartDate", "WorkPlaceStartDate",
    what="A work placement starts on or after its aim's LearnStartDate.",
    fix="Correct WorkPlaceStartDate (or the aim's LearnStartDate).")

WORK_PLACE_START_DATE_03 = Broken(
    "WorkPlaceStartDate_03", "aim",
    when=~aim_ref(*PLACEMENT_AIMS, codes.TLEVEL_PLACEMENT_REF) & When(lambda i: bool(i.aim.work_placements)),
    what="Only work experience, supported internship and placement aims (Z0007834 to Z0007838, Z0002347, "
         "ZWRKX001, ZWRKX002, ZWRKX003) have LearningDeliveryWorkPlacement records.",
    fix="Move the work placement records to the placement aim, or remove them.")

WORK_PLACE_END_DATE_01 = DateOrder(
    "WorkPlaceEndDate_01", "work_placement", "WorkPlaceStartDate", "WorkPlaceEndDate",
    what="A work placement's WorkPlaceEndDate is not before its WorkPlaceStartDate.",
    fix="Correct WorkPlaceEndDate (or WorkPlaceStartDate).")

WORK_PLACE_END_DATE_02 = DateOrder(
    "WorkPlaceEndDate_02", "work_placement", "WorkPlaceEndDate", "LearnActEndDate",
    what="A work placement's WorkPlaceEndDate is not after its aim's LearnActEndDate.",
    fix="Correct WorkPlaceEndDate, or the aim's LearnActEndDate.")

WORK_PLACE_EMP_ID_02 = Broken(
    "WorkPlaceEmpId_02", "work_placement", field="WorkPlaceEmpId",
    when=When(lambda i: i.record.emp_id is not None and i.record.emp_id != codes.UNKNOWN_EMPLOYER
              and not employer_id_check_digit_ok(i.record.emp_id)),
    what="A WorkPlaceEmpId other than 999999999 is a nine-digit Employer Data Service number whose last digit "
         "is its check digit.",
    fix="Correct WorkPlaceEmpId from the Employer Data Service, or use 999999999 until the number is known.")

# --- formats --------------------------------------------------------------------------------

DEL_LOC_POST_CODE_11 = Broken(
    "DelLocPostCode_11", "aim", field="DelLocPostCode",
    when=~has_fam("LDM", codes.LDM_OLASS)
    & When(lambda i: i.aim.del_loc_post_code is not None and not is_postcode_format(i.aim.del_loc_post_code)),
    what="DelLocPostCode is in the UK postcode format: an outward code of one or two capital letters, a digit "
         "and an optional digit or capital letter, a space, and an inward code of a digit and two capital "
         "letters other than C, I, K, M, O and V. OLASS aims (LDM 034) are exempt.",
    fix="Correct DelLocPostCode (ZZ99 9ZZ when the delivery postcode is not known).")

LSD_POSTCODE_03 = Broken(
    "LSDPostcode_03", "aim", field="LSDPostcode",
    when=When(lambda i: i.aim.lsd_postcode_well_formed is False),
    what="LSDPostcode, when returned, is in the UK postcode format (as DelLocPostCode_11 describes).",
    fix="Correct LSDPostcode.")

SW_SUP_AIM_ID_01 = Broken(
    "SWSupAimId_01", "aim", field="SWSupAimId",
    when=When(lambda i: i.aim.sw_sup_aim_id is not None and not is_uuid(i.aim.sw_sup_aim_id)),
    what="SWSupAimId, when returned, is a UUID.",
    fix="Return the software's UUID for the aim in SWSupAimId, or leave it out.")

# --- one-day event aims -----------------------------------------------------------------------


def _not_one_day(aim: LearningDelivery) -> bool:
    """LearnPlanEndDate, or a returned LearnActEndDate, differs from LearnStartDate."""
    return aim.learn_plan_end_date != aim.learn_start_date or (
        aim.learn_act_end_date is not None and aim.learn_act_end_date != aim.learn_start_date)


LEARN_AIM_REF_126 = Broken(
    "LearnAimRef_126", "aim", when=aim_ref(*BOOTCAMP_EVENT_AIMS) & When(lambda i: _not_one_day(i.aim)),
    what="A skills bootcamp event aim (Z0059747, Z0059748, Z0059749) has the same LearnStartDate, "
         "LearnPlanEndDate and LearnActEndDate.",
    fix="Set LearnPlanEndDate and LearnActEndDate to the day of the event.")

LEARN_AIM_REF_154 = Broken(
    "LearnAimRef_154", "aim",
    when=aim_ref(*HGV_EVENT_AIMS) & prog_type(32) & started(on_or_after=date(2024, 8, 1))
    & When(lambda i: _not_one_day(i.aim)),
    what="A skills bootcamp HGV event aim (Z0060439, Z0009541, Z0060440 to Z0060443, ProgType 32) that started "
         "on or after 1 August 2024 has the same LearnStartDate, LearnPlanEndDate and LearnActEndDate.",
    fix="Set LearnPlanEndDate and LearnActEndDate to the day of the event.")

# --- functions: whole-learner rules -----------------------------------------------------------


@check(code="AimSeqNumber_02", name="aim-seq-number-within-count", topic="delivery", severity="error",
       rules=("AimSeqNumber_02",), guidance=GUIDANCE)
def aim_seq_number_within_count(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """No AimSeqNumber is greater than the number of the learner's aims.

    **What.** Aims are numbered 1, 2, 3 ... in each learner's record, so no AimSeqNumber
    exceeds the number of LearningDelivery records (AimSeqNumber_02).

    **Why.** The funder identifies each aim by its sequence number; a number beyond the
    count means aims are missing or numbered wrongly.

    **Fix.** Renumber the learner's aims from 1 without gaps.
    """
    count = len(learner.deliveries)
    for aim in learner.deliveries:
        if aim.aim_seq_number > count:
            yield Problem(f"aim {aim.aim_seq_number} has an AimSeqNumber greater than the learner's {count} aims",
                          "Renumber the learner's aims 1, 2, 3 ... without gaps.", aim,
                          line=aim.line_of("aim_seq_number"))


@check(code="ProvSpecDelMonOccur_01", name="delivery-monitoring-occurrence", topic="delivery", severity="error",
       rules=("ProvSpecDelMonOccur_01",), guidance=GUIDANCE)
def delivery_monitoring_occurrence(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """ProvSpecDelMonOccur is A, B, C or D.

    **What.** A provider specified delivery monitoring record's occurrence
    (ProvSpecDelMonOccur) is one of A, B, C and D (ProvSpecDelMonOccur_01).

    **Why.** The specification allows four provider monitoring fields per aim, lettered A
    to D; the funder rejects any other letter.

    **Fix.** Use A, B, C or D for the monitoring record.
    """
    for aim in learner.deliveries:
        for record in aim.monitoring:
            if record.occur not in MONITORING_OCCURRENCES:
                yield Problem(f"aim {aim.aim_seq_number} has a ProviderSpecDeliveryMonitoring record with "
                              f"ProvSpecDelMonOccur {record.occur!r}, not A, B, C or D",
                              "Set ProvSpecDelMonOccur to A, B, C or D.", aim, line=record.line)


def _same_dates(one: LearningDelivery, other: LearningDelivery) -> bool:
    """Same start and planned end date, and the same actual end date where ``one`` returns one."""
    return (one.learn_start_date == other.learn_start_date and one.learn_plan_end_date == other.learn_plan_end_date
            and (one.learn_act_end_date is None or one.learn_act_end_date == other.learn_act_end_date))


def _unit_partners(learner: Learner, aim: LearningDelivery, aim_type: int) -> list[LearningDelivery]:
    """The apprenticeship unit aims of ``aim_type`` recorded with ``aim``'s funding, programme and dates."""
    return [d for d in learner.deliveries if d.aim_type == aim_type and d.prog_type == aim.prog_type
            and d.fund_model == aim.fund_model and _same_dates(aim, d)]


def _unit_aims(learner: Learner, aim_type: int) -> Iterator[LearningDelivery]:
    return (d for d in learner.deliveries if d.aim_type == aim_type and d.prog_type == codes.PROG_APPRENTICESHIP_UNITS)


@check(code="R_159", name="unit-component-needs-programme-aim", topic="delivery", severity="error",
       rules=("R_159",), years=("2627",), guidance=GUIDANCE)
def unit_component_needs_programme_aim(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship unit component aim has its programme aim.

    **What.** A Growth and Skills Offer apprenticeship unit component aim (AimType 3,
    ProgType 34) has a programme aim (AimType 1) with the same FundModel, ProgType,
    LearnStartDate, LearnPlanEndDate and, where the component returns one, LearnActEndDate
    (R_159).

    **Why.** An apprenticeship unit is recorded as a programme aim and its one component
    aim, with matching funding and dates.

    **Fix.** Add the ZPROG001 programme aim, or align its funding model and dates with the
    component's.
    """
    for aim in _unit_aims(learner, codes.AIM_COMPONENT):
        if not _unit_partners(learner, aim, codes.AIM_PROGRAMME):
            yield Problem(f"apprenticeship unit component aim {aim.aim_seq_number} has no programme aim with the "
                          "same FundModel, ProgType and dates",
                          "Add the programme aim (ZPROG001), or align its FundModel and dates with this aim's.", aim)


@check(code="R_160", name="unit-programme-needs-component", topic="delivery", severity="error",
       rules=("R_160",), years=("2627",), guidance=GUIDANCE)
def unit_programme_needs_component(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship unit programme aim has its component aim.

    **What.** A Growth and Skills Offer apprenticeship unit programme aim (AimType 1,
    ProgType 34) has a component aim (AimType 3) with the same FundModel, ProgType,
    LearnStartDate, LearnPlanEndDate and, where the programme aim returns one,
    LearnActEndDate (R_160).

    **Why.** The component aim names the unit the learner takes; a programme aim without it
    records no learning.

    **Fix.** Add the unit's component aim, or align its funding model and dates with the
    programme aim's.
    """
    for aim in _unit_aims(learner, codes.AIM_PROGRAMME):
        if not _unit_partners(learner, aim, codes.AIM_COMPONENT):
            yield Problem(f"apprenticeship unit programme aim {aim.aim_seq_number} has no component aim with the "
                          "same FundModel, ProgType and dates",
                          "Add the unit's component aim, or align its FundModel and dates with this aim's.", aim)


@check(code="AimType_10", name="one-unit-per-programme-aim", topic="delivery", severity="error",
       rules=("AimType_10",), years=("2627",), guidance=GUIDANCE)
def one_unit_per_programme_aim(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An apprenticeship unit programme aim has one component aim, not several.

    **What.** A Growth and Skills Offer apprenticeship unit programme aim (AimType 1,
    ProgType 34) has at most one component aim (AimType 3, ProgType 34) with its
    LearnStartDate, LearnPlanEndDate and LearnActEndDate (AimType_10).

    **Why.** Each apprenticeship unit is its own programme: a second unit is recorded with
    its own programme aim.

    **Fix.** Record each further unit with its own programme aim.
    """
    for aim in _unit_aims(learner, codes.AIM_PROGRAMME):
        units = [d for d in _unit_aims(learner, codes.AIM_COMPONENT) if _same_dates(aim, d)]
        if len(units) > 1:
            yield Problem(f"apprenticeship unit programme aim {aim.aim_seq_number} has {len(units)} component aims "
                          f"({', '.join(str(d.aim_seq_number) for d in units)})",
                          "Record each further unit with its own programme aim.", aim)
