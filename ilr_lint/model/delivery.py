"""One learning aim: the LearningDelivery record, with the helpers checks read it through."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from .. import codes
from .records import (AppFinRecord, HRSRecord, LearningDeliveryFAM, LearningDeliveryHE, LearningDeliveryWorkPlacement,
                      ProviderSpecMonitoring)


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
