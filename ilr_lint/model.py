"""The ILR learner model: frozen dataclasses built from one ``<Learner>`` at a time.

Field names are the ILR field names in snake case (``LearnAimRef`` is ``learn_aim_ref``).
Dates are ``datetime.date``, whole numbers ``int``, absent fields ``None``; every record
keeps ``line``, the source line of its element, for reporting. Personal data that no check
needs (names, addresses, home postcodes, telephone, e-mail) is never read into the model: the
official rules on them see only derived booleans (a family name, given names, address line 1
returned; the postcodes and NI number in the funder's format or not), and UCASPERID and
HEPostCode only as ``has_ucasperid`` and ``he_post_code_well_formed``. Elements dropped or
added in a year (PHours, OTJActHours, AddHours, FworkCode, PwayCode, EmpOutcome up to
2025-26; HRSRecord, TLOut, AgreemId in 2026-27) are optional fields, ``None`` or empty
when the year has no such element.

Helpers that many checks need live here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable
from decimal import Decimal

from . import codes

# A UK postcode as the funder's rules define its format (DelLocPostCode_11, LSDPostcode_03): outward
# code of one or two letters, a digit and an optional digit or letter; a space; inward code of a
# digit and two letters other than C, I, K, M, O and V.
_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][ABD-HJLNP-UW-Z]{2}")


def is_postcode_format(text: str) -> bool:
    """Whether ``text`` is written in the UK postcode format (not whether the postcode exists)."""
    return _POSTCODE.fullmatch(text) is not None


def employer_id_check_digit_ok(emp_id: int) -> bool:
    """Whether an Employer Data Service number has nine digits and a correct check digit.

    The funder's derived items DD05 (EmpId) and DD14 (WorkPlaceEmpId): weights 9 down to 2 on
    the first eight digits; the check digit is 11 minus their sum modulo 11 (11 gives 0, and
    10 is never valid). EmpId 999999999 (employer not known) is not a real number: test it first.
    """
    text = str(emp_id)
    if len(text) != 9:
        return False
    check = 11 - sum(int(d) * w for d, w in zip(text, range(9, 1, -1))) % 11
    return check != 10 and check % 11 == int(text[8])


# ILR elements whose values are personal data: no output (message, diff, report) ever shows them.
PERSONAL_FIELDS = frozenset({
    "FamilyName", "GivenNames", "DateOfBirth", "NINumber", "ULN", "PostcodePrior", "Postcode", "LSDPostcode",
    "AddLine1", "AddLine2", "AddLine3", "AddLine4", "TelNo", "Email", "UCASPERID", "SSN", "HEPostCode",
})


def shift_years(day: date, years: int) -> date:
    """``day`` moved by whole ``years`` (negative: back); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, slots=True)
class Header:
    namespace: str
    year_code: str | None
    file_preparation_date: date | None
    ukprn: int | None
    line: int
    collection: str | None = None
    serial_no: str | None = None
    date_time: str | None = None  # Source/DateTime as written (xs:dateTime)
    software_supplier: str | None = None
    software_package: str | None = None
    release: str | None = None


@dataclass(frozen=True, slots=True)
class LearnerFAM:
    type: str
    code: str
    line: int


@dataclass(frozen=True, slots=True)
class PriorAttain:
    line: int
    prior_level: int | None = None
    date_level_app: date | None = None


@dataclass(frozen=True, slots=True)
class LLDDandHealthProblem:
    line: int
    lldd_cat: int | None = None
    primary_lldd: int | None = None


@dataclass(frozen=True, slots=True)
class ProviderSpecMonitoring:
    """ProviderSpecLearnerMonitoring or ProviderSpecDeliveryMonitoring."""

    occur: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class EmploymentStatusMonitoring:
    type: str
    code: int
    line: int


@dataclass(frozen=True, slots=True)
class LearnerEmploymentStatus:
    emp_stat: int
    date_emp_stat_app: date
    line: int
    emp_id: int | None = None
    agree_id: str | None = None  # AgreeId up to 2025-26, AgreemId from 2026-27
    monitoring: tuple[EmploymentStatusMonitoring, ...] = ()

    def esm(self, esm_type: str) -> EmploymentStatusMonitoring | None:
        """The monitoring record of ``esm_type`` (ESMType), if any."""
        return next((m for m in self.monitoring if m.type == esm_type), None)

    def has_esm(self, esm_type: str, code: int | None = None) -> bool:
        """Whether a monitoring record of ``esm_type`` (and ``code``) is present; OET may repeat."""
        return any(m.type == esm_type and (code is None or m.code == code) for m in self.monitoring)

    def repeats(self, other: "LearnerEmploymentStatus") -> bool:
        """Same EmpStat, EmpId, agreement identifier and monitoring (types and codes) as ``other``."""
        return (self.emp_stat == other.emp_stat and self.emp_id == other.emp_id
                and (self.agree_id or "").casefold() == (other.agree_id or "").casefold()
                and {(m.type, m.code) for m in self.monitoring} == {(m.type, m.code) for m in other.monitoring})

    @property
    def has_unknown_employer(self) -> bool:
        """EmpId 999999999: the employer has no Employer Data Service number."""
        return self.emp_id == codes.UNKNOWN_EMPLOYER

    @property
    def has_real_employer(self) -> bool:
        """An EmpId that is an Employer Data Service number (not absent, not 999999999)."""
        return self.emp_id is not None and self.emp_id != codes.UNKNOWN_EMPLOYER

    @property
    def records_change_of_employer(self) -> bool:
        """OET 3 (change of employer where both EmpIds are 999999999), used from 1 August 2022."""
        return self.date_emp_stat_app >= codes.OET3_FROM and self.has_esm(
            codes.ESM_OTHER_EMPLOYMENT, codes.OET_CHANGE_OF_EMPLOYER)


@dataclass(frozen=True, slots=True)
class EmployerChange:
    """A change of employer: ``new`` names an employer other than ``previous`` (or has OET 3)."""

    previous: LearnerEmploymentStatus | None  # the latest earlier record with an EmpId
    new: LearnerEmploymentStatus

    @property
    def date(self) -> date:
        return self.new.date_emp_stat_app


@dataclass(frozen=True, slots=True)
class LearningDeliveryFAM:
    type: str
    code: str
    line: int
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class LearningDeliveryWorkPlacement:
    start_date: date
    line: int
    end_date: date | None = None
    hours: int | None = None
    mode: int | None = None
    emp_id: int | None = None


@dataclass(frozen=True, slots=True)
class AppFinRecord:
    type: str  # TNP or PMR
    code: int
    date: date
    amount: int
    line: int


@dataclass(frozen=True, slots=True)
class HRSRecord:
    """2026-27 hours record (HRS1 planned off-the-job, HRS2 T Level planned hours, ...)."""

    type: str
    code: int
    amount: int
    line: int


@dataclass(frozen=True, slots=True)
class LearnerHEFinancialSupport:
    fin_type: int
    fin_amount: int
    line: int


@dataclass(frozen=True, slots=True)
class LearnerHE:
    """LearnerHE; of UCASPERID (a personal identifier) only whether it is returned."""

    line: int
    ttaccom: int | None = None
    has_ucasperid: bool = False
    financial_support: tuple[LearnerHEFinancialSupport, ...] = ()


@dataclass(frozen=True, slots=True)
class LearningDeliveryHE:
    """LearningDeliveryHE; of HEPostCode only whether it has a postcode's form."""

    line: int
    ssn: str | None = None
    qualent3: str | None = None
    soc: int | None = None
    sec: int | None = None
    ucasschemecode: str | None = None
    typeyr: int | None = None
    modestud: int | None = None
    fundlev: int | None = None
    fundcomp: int | None = None
    stuload: Decimal | None = None
    yearstu: int | None = None
    mstufee: int | None = None
    pcolab: Decimal | None = None
    specfee: int | None = None
    netfee: int | None = None
    grossfee: int | None = None
    permaddcountry: str | None = None
    elq: int | None = None
    he_post_code_well_formed: bool | None = None  # HEPostCode's form only; None when absent
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class LearningDelivery:
    learn_aim_ref: str
    aim_type: int
    aim_seq_number: int
    learn_start_date: date
    learn_plan_end_date: date
    fund_model: int
    comp_status: int
    line: int
    orig_learn_start_date: date | None = None
    p_hours: int | None = None
    otj_act_hours: int | None = None
    prog_type: int | None = None
    fwork_code: int | None = None
    pway_code: int | None = None
    std_code: int | None = None
    partner_ukprn: int | None = None
    add_hours: int | None = None
    prior_learn_fund_adj: int | None = None
    other_fund_adj: int | None = None
    con_ref_number: str | None = None
    epa_org_id: str | None = None
    learn_act_end_date: date | None = None
    withdraw_reason: int | None = None
    outcome: int | None = None
    ach_date: date | None = None
    out_grade: str | None = None
    sw_sup_aim_id: str | None = None
    tl_out: int | None = None
    del_loc_post_code: str | None = None  # the delivery location (not the learner's address)
    # LSDPostcode (the learner's postcode at the start: personal) only as whether it is well formed
    lsd_postcode_well_formed: bool | None = None
    fams: tuple[LearningDeliveryFAM, ...] = ()
    work_placements: tuple[LearningDeliveryWorkPlacement, ...] = ()
    app_fin_records: tuple[AppFinRecord, ...] = ()
    hrs_records: tuple[HRSRecord, ...] = ()
    monitoring: tuple[ProviderSpecMonitoring, ...] = ()
    has_he: bool = False
    he: LearningDeliveryHE | None = None
    # The line of each scalar field's element, for findings that point at one field.
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    # --- FAMs -------------------------------------------------------------------
    # Plain loops and list comprehensions, not generators: these run for every aim of every learner.
    def fams_of(self, fam_type: str) -> tuple[LearningDeliveryFAM, ...]:
        return tuple([f for f in self.fams if f.type == fam_type])

    def fam(self, fam_type: str) -> LearningDeliveryFAM | None:
        """The first FAM of ``fam_type``: for the once-only types SOF, FFI, EEF, RES, ADL."""
        return next((f for f in self.fams if f.type == fam_type), None)

    def has_fam(self, fam_type: str, code: str | int | None = None) -> bool:
        wanted = None if code is None else str(code)
        for f in self.fams:
            if f.type == fam_type and (wanted is None or f.code == wanted):
                return True
        return False

    def act_records(self) -> tuple[LearningDeliveryFAM, ...]:
        """ACT (apprenticeship contract type) FAMs in DateFrom order."""
        return tuple(sorted(self.fams_of("ACT"), key=lambda f: (f.date_from or date.min, f.line)))

    def fin_records(self, fin_type: str, *fin_codes: int) -> tuple[AppFinRecord, ...]:
        """AppFinRecords of ``fin_type`` (TNP/PMR), optionally only ``fin_codes``, by date."""
        if not self.app_fin_records:  # most aims: nothing to sort
            return ()
        found = (r for r in self.app_fin_records if r.type == fin_type and (not fin_codes or r.code in fin_codes))
        return tuple(sorted(found, key=lambda r: (r.date, r.line)))

    def fam_on(self, fam_type: str, day: date) -> LearningDeliveryFAM | None:
        """The dated FAM of ``fam_type`` (ACT, LSF, ...) that applies on ``day``.

        A FAM applies from its DateFrom to its DateTo; one without DateTo applies until the
        aim's :attr:`closing_date` (or indefinitely on a continuing aim). Of overlapping
        records (an error in itself) the earliest-starting one is returned.
        """
        for record in sorted(self.fams_of(fam_type), key=lambda f: (f.date_from or date.min, f.line)):
            if record.date_from is None or record.date_from > day:
                continue
            end = record.date_to or self.closing_date
            if end is None or day <= end:
                return record
        return None

    def hrs(self, code: int) -> HRSRecord | None:
        for record in self.hrs_records:
            if record.code == code:
                return record
        return None

    def line_of(self, field_name: str) -> int:
        """Source line of one field's element, or the aim's own line when it is absent."""
        return self.field_lines.get(field_name, self.line)

    # --- classification -----------------------------------------------------------
    @property
    def is_programme_aim(self) -> bool:
        return self.aim_type == codes.AIM_PROGRAMME

    @property
    def is_apprenticeship(self) -> bool:
        return self.prog_type in codes.APPRENTICESHIP_PROG_TYPES

    @property
    def is_standard(self) -> bool:
        return self.prog_type == codes.PROG_STANDARD

    @property
    def is_funded_apprenticeship(self) -> bool:
        """A funded apprenticeship aim: FundModel 36, or an apprenticeship ProgType on FundModel 35 or 81."""
        return self.fund_model == codes.FM_APPRENTICESHIPS or (
            self.fund_model in (codes.FM_ADULT_SKILLS_OLD, codes.FM_OTHER_ADULT) and self.is_apprenticeship)

    @property
    def is_tlevel(self) -> bool:
        """Part of a T Level programme (ProgType 31)."""
        return self.prog_type == codes.PROG_TLEVEL

    @property
    def is_class_code(self) -> bool:
        """A learning aim class code (a Z-reference such as ZPROG001, ZTLOS006), not a qualification's QAN."""
        return self.learn_aim_ref.upper().startswith("Z")

    @property
    def is_standard_programme_aim(self) -> bool:
        """An apprenticeship standard programme aim (AimType 1, ProgType 25)."""
        return self.is_programme_aim and self.is_standard

    @property
    def is_bootcamp(self) -> bool:
        """A skills bootcamp aim (FundModel 37, ProgType 32): many outcome rules exempt these."""
        return self.fund_model == codes.FM_BOOTCAMPS and self.prog_type == codes.PROG_BOOTCAMP

    @property
    def is_closed(self) -> bool:
        return self.comp_status != codes.CONTINUING

    @property
    def closing_date(self) -> date | None:
        """The aim's last day, on which its dated records (ACT) end; ``None`` while it is open.

        For an apprenticeship standard with an AchDate (the end of the end-point assessment,
        recorded on the programme aim) that is the AchDate; a continuing standard's programme
        aim whose training has ended (LearnActEndDate, Outcome 8) is still open until its
        end-point assessment. Otherwise the LearnActEndDate (withdrawal, break, transfer, a
        framework, a component aim).
        """
        if self.is_standard and self.ach_date is not None:
            return self.ach_date
        if self.is_programme_aim and self.is_standard and self.comp_status == codes.CONTINUING:
            return None
        return self.learn_act_end_date

    def in_learning_on(self, day: date) -> bool:
        """Whether ``day`` lies between the aim's LearnStartDate and LearnActEndDate (if any)."""
        return self.learn_start_date <= day and (self.learn_act_end_date is None or day <= self.learn_act_end_date)

    def is_english_maths_component(self, english_maths_refs: Iterable[str] = ()) -> bool:
        """An apprenticeship English or maths component aim.

        Identified by its ACT records (only the programme aim and English and maths aims
        carry ACT), or by ``english_maths_refs``, LARS aim references a provider has
        configured (option ``english-maths-aims``). Titles are never used to guess.
        """
        return self.aim_type == codes.AIM_COMPONENT and (
            self.has_fam("ACT") or self.learn_aim_ref.upper() in {r.upper() for r in english_maths_refs})

    @property
    def is_restart(self) -> bool:
        """Recorded as a restart: a RES (restart indicator) FAM with code 1."""
        return self.has_fam("RES", 1)

    @property
    def programme_key(self) -> tuple[int | None, int | None, int | None, int | None]:
        """What makes aims part of one programme: ProgType and standard or framework/pathway."""
        return (self.prog_type, self.std_code, self.fwork_code, self.pway_code)

    @property
    def learning_key(self) -> tuple[object, ...]:
        """What makes a later aim a restart of the same learning: LearnAimRef and programme."""
        return (self.learn_aim_ref, *self.programme_key)


@dataclass(frozen=True, slots=True)
class Learner:
    learn_ref_number: str
    uln: int
    line: int
    prev_learn_ref_number: str | None = None
    prev_ukprn: int | None = None
    pmukprn: int | None = None
    camp_id: str | None = None
    date_of_birth: date | None = field(default=None, repr=False)
    ethnicity: int | None = None
    sex: str | None = None
    lldd_health_prob: int | None = None
    ni_number_valid: bool | None = None  # NINumber in the funder's format (None: not returned)
    has_family_name: bool = False  # FamilyName returned, not all whitespace
    has_given_names: bool = False
    has_add_line1: bool = False
    postcode_valid: bool | None = None  # Postcode in the funder's format (None: not returned)
    postcode_prior_valid: bool | None = None
    accom: int | None = None
    als_cost: int | None = None
    plan_learn_hours: int | None = None
    plan_eep_hours: int | None = None
    math_grade: str | None = None
    eng_grade: str | None = None
    prior_attain: tuple[PriorAttain, ...] = ()
    lldd_and_health_problems: tuple[LLDDandHealthProblem, ...] = ()
    fams: tuple[LearnerFAM, ...] = ()
    monitoring: tuple[ProviderSpecMonitoring, ...] = ()
    employment_statuses: tuple[LearnerEmploymentStatus, ...] = ()
    deliveries: tuple[LearningDelivery, ...] = ()
    has_he: bool = False
    he: LearnerHE | None = None
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_ni_number(self) -> bool:
        return self.ni_number_valid is not None

    @property
    def has_temporary_uln(self) -> bool:
        return self.uln == codes.TEMPORARY_ULN

    def has_fam(self, fam_type: str, code: str | int | None = None) -> bool:
        wanted = None if code is None else str(code)
        return any(f.type == fam_type and (wanted is None or f.code == wanted) for f in self.fams)

    def line_of(self, field_name: str) -> int:
        return self.field_lines.get(field_name, self.line)

    def delivery(self, aim_seq_number: int) -> LearningDelivery | None:
        return next((d for d in self.deliveries if d.aim_seq_number == aim_seq_number), None)

    def programme_aims(self) -> tuple[LearningDelivery, ...]:
        return tuple(d for d in self.deliveries if d.is_programme_aim)

    def apprenticeship_programme_aims(self) -> tuple[LearningDelivery, ...]:
        """Apprenticeship programme aims (AimType 1, framework or standard) by start date."""
        found = (d for d in self.deliveries if d.is_programme_aim and d.is_apprenticeship)
        return tuple(sorted(found, key=lambda d: (d.learn_start_date, d.aim_seq_number)))

    def programme_of(self, programme: LearningDelivery) -> tuple[LearningDelivery, ...]:
        """All aims of one programme: the programme aim first, then its components."""
        return (programme, *self.components_of(programme))

    def programme_aim_of(self, aim: LearningDelivery) -> LearningDelivery | None:
        """The programme aim (AimType 1) that a component or core aim belongs to.

        Same ProgType and standard or framework/pathway, started on or before the aim;
        of several (a restart, a transfer), the latest one started. ``None`` for aims that
        are not part of a programme, or whose programme aim is missing.
        """
        if aim.is_programme_aim or aim.prog_type is None:
            return None
        candidates = [
            p for p in self.deliveries
            if p.is_programme_aim and p.programme_key == aim.programme_key
            and p.learn_start_date <= aim.learn_start_date
        ]
        if not candidates:  # a component started (wrongly) before its programme aim
            candidates = [p for p in self.deliveries if p.is_programme_aim and p.programme_key == aim.programme_key]
        return max(candidates, key=lambda p: (p.learn_start_date, p.aim_seq_number), default=None)

    def previous_programme_aim(self, programme: LearningDelivery) -> LearningDelivery | None:
        """The latest programme aim of the same programme (ProgType and standard or framework)
        that started before ``programme``: the aim closed for a break before a restart."""
        earlier = [p for p in self.deliveries
                   if p.is_programme_aim and p is not programme and p.programme_key == programme.programme_key
                   and p.learn_start_date < programme.learn_start_date]
        return max(earlier, key=lambda p: (p.learn_start_date, p.aim_seq_number), default=None)

    def open_non_funded_programme_of(self, aim: LearningDelivery) -> LearningDelivery | None:
        """The open non-funded programme aim (FundModel 99, no LearnActEndDate) with the ProgType and
        StdCode of ``aim``, when ``aim`` is a funded component (R_56: such a component is wrongly funded)."""
        if aim.aim_type != codes.AIM_COMPONENT or aim.fund_model == codes.FM_NON_FUNDED:
            return None
        for p in self.deliveries:
            if (p.fund_model == codes.FM_NON_FUNDED and p.is_programme_aim and p.learn_act_end_date is None
                    and (p.prog_type, p.std_code) == (aim.prog_type, aim.std_code)):
                return p
        return None

    def components_of(self, programme: LearningDelivery) -> tuple[LearningDelivery, ...]:
        """The aims whose programme aim is ``programme``."""
        return tuple(d for d in self.deliveries if not d.is_programme_aim and self.programme_aim_of(d) is programme)

    def later_same_learning(self, aim: LearningDelivery) -> tuple[LearningDelivery, ...]:
        """Aims of the same learning (``learning_key``) that start after ``aim``, by start date."""
        later = (d for d in self.deliveries
                 if d is not aim and d.learning_key == aim.learning_key and d.learn_start_date > aim.learn_start_date)
        return tuple(sorted(later, key=lambda d: (d.learn_start_date, d.aim_seq_number)))

    def next_same_learning(self, aim: LearningDelivery) -> LearningDelivery | None:
        """The first later aim of the same learning: the restart of ``aim``, if it has one."""
        return next(iter(self.later_same_learning(aim)), None)

    def previous_same_learning(self, aim: LearningDelivery) -> LearningDelivery | None:
        """The latest aim of the same learning that started before ``aim``: what it restarts."""
        earlier = [d for d in self.deliveries
                   if d is not aim and d.learning_key == aim.learning_key and d.learn_start_date < aim.learn_start_date]
        return max(earlier, key=lambda d: (d.learn_start_date, d.aim_seq_number), default=None)

    def transfer_targets(self, closed: LearningDelivery) -> tuple[LearningDelivery, ...]:
        """The new aims of a transfer within the provider (``closed`` has WithdrawReason 40).

        The aims that start first on or after the closed aim's LearnActEndDate, leaving out
        restarts of other aims; empty when there are none (or ``closed`` is no such transfer).
        """
        end = closed.learn_act_end_date
        if closed.withdraw_reason != codes.WR_TRANSFER_SAME_PROVIDER or end is None:
            return ()
        candidates = [d for d in self.deliveries if d is not closed and d.learn_start_date >= end
                      and self.previous_same_learning(d) in (None, closed)]
        first = min((d.learn_start_date for d in candidates), default=None)
        return tuple(d for d in candidates if d.learn_start_date == first)

    def transferred_from(self, aim: LearningDelivery) -> LearningDelivery | None:
        """The aim closed with WithdrawReason 40 whose transfer ``aim`` is a new aim of."""
        return next((d for d in self.deliveries if any(t is aim for t in self.transfer_targets(d))), None)

    def age_on(self, day: date) -> int | None:
        """The learner's age in whole years on ``day`` (None without a date of birth)."""
        born = self.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def employment_statuses_by_date(self) -> tuple[LearnerEmploymentStatus, ...]:
        return tuple(sorted(self.employment_statuses, key=lambda e: (e.date_emp_stat_app, e.line)))

    def repeated_employment_statuses(self) -> tuple[tuple[LearnerEmploymentStatus, LearnerEmploymentStatus], ...]:
        """Consecutive records (by DateEmpStatApp) where the later one repeats the earlier one."""
        if len(self.employment_statuses) < 2:
            return ()
        ordered = self.employment_statuses_by_date()
        return tuple((before, after) for before, after in zip(ordered, ordered[1:]) if after.repeats(before))

    def employment_status_on(self, day: date) -> LearnerEmploymentStatus | None:
        """The employment status record that applies on ``day``: the latest dated on or before it."""
        applying = [e for e in self.employment_statuses if e.date_emp_stat_app <= day]
        return max(applying, key=lambda e: (e.date_emp_stat_app, e.line), default=None)

    def employment_statuses_during(self, start: date, end: date | None) -> tuple[LearnerEmploymentStatus, ...]:
        """The records that apply at some time from ``start`` to ``end`` (``None``: still open):
        the one applying on ``start``, then those dated after it up to ``end``, by date."""
        first = self.employment_status_on(start)
        later = tuple(e for e in self.employment_statuses_by_date()
                      if e.date_emp_stat_app > start and (end is None or e.date_emp_stat_app <= end))
        return ((first,) if first is not None else ()) + later

    def previous_employer_record(self, record: LearnerEmploymentStatus) -> LearnerEmploymentStatus | None:
        """The latest record dated before ``record`` that names an employer (has an EmpId)."""
        earlier = [e for e in self.employment_statuses
                   if e.emp_id is not None and e.date_emp_stat_app < record.date_emp_stat_app]
        return max(earlier, key=lambda e: (e.date_emp_stat_app, e.line), default=None)

    def employer_changes(self, start: date, end: date | None) -> tuple[EmployerChange, ...]:
        """Changes of employer dated after ``start`` and up to ``end`` (``None``: still open).

        A record with an EmpId other than the previous employer's real EmpId is a change, and
        so is a record with OET 3. EmpId 999999999 followed by a real number is not: the
        employer's number may simply have become known.
        """
        changes = []
        for record in self.employment_statuses_by_date():
            if record.date_emp_stat_app <= start or (end is not None and record.date_emp_stat_app > end):
                continue
            if record.emp_id is None:
                continue
            previous = self.previous_employer_record(record)
            named_other = previous is not None and previous.has_real_employer and previous.emp_id != record.emp_id
            if named_other or record.records_change_of_employer:
                changes.append(EmployerChange(previous, record))
        return tuple(changes)


@dataclass(frozen=True, slots=True)
class DPOutcome:
    out_type: str
    out_code: int
    out_start_date: date
    out_coll_date: date
    line: int
    out_end_date: date | None = None


@dataclass(frozen=True, slots=True)
class LearnerDestinationandProgression:
    learn_ref_number: str
    uln: int
    line: int
    outcomes: tuple[DPOutcome, ...] = ()
