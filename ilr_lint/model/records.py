"""The records within a learner and within an aim (FAMs, employment statuses, work placements, financial and
HRS records, HE records), and the file's Header."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .. import codes


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
