"""One learner: the Learner record with its aims and the helpers checks read them through, and the learner's
destination and progression record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .. import codes
from .delivery import LearningDelivery
from .records import (EmployerChange, LearnerEmploymentStatus, LearnerFAM, LearnerHE, LLDDandHealthProblem, PriorAttain,
                      ProviderSpecMonitoring)


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
