"""Official rules: a field's code is on the ILR specification's list for the year.

The lists are data, one file per collection year (``ilr_lint/reference/codes/<year>.toml``),
each with its source beside it; docs/reference-data.md says where each came from. A list
marked incomplete (codes are added during the year, as for learning delivery monitoring) and
a code marked unconfirmed never raise an error: only a code the list rules out does. Dated
codes are checked against the date the rule names: the aim's start date, the learner's
earliest start date (DD06), or the employment status date.
Source: ILR validation rules 2025 to 2026 (the ``valid-code-list`` rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterator

from ilr_lint.api import Check, Context, Problem
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.reference.codelists import CodeList, code_list

GUIDANCE = "ILR specification for the year: the field's code list (ILR validation rules: valid lookups)"


@dataclass(frozen=True)
class Item:
    """One record a rule looks at: what it belongs to, its code type (typed lists) and value, its line."""

    where: Any  # the LearningDelivery (names the aim) or the Learner
    label: str  # how the message names the record
    kind: str | None  # the FAM, ESM or AppFinRecord type of a typed code
    value: object
    line: int
    day: date | None = None  # the date a dated code is checked on


def _learner(attr: str) -> Callable[[Learner], Iterator[Item]]:
    def items(learner: Learner) -> Iterator[Item]:
        value = getattr(learner, attr)
        if value is not None:
            yield Item(learner, "the learner", None, value, learner.line_of(attr))
    return items


def _aims(attr: str) -> Callable[[Learner], Iterator[Item]]:
    def items(learner: Learner) -> Iterator[Item]:
        for aim in learner.deliveries:
            value = getattr(aim, attr)
            if value is not None:
                yield Item(aim, f"aim {aim.aim_seq_number}", None, value, aim.line_of(attr), aim.learn_start_date)
    return items


def _earliest_start(learner: Learner) -> date | None:
    """DD06: the earliest LearnStartDate of the learner's aims."""
    return min((aim.learn_start_date for aim in learner.deliveries), default=None)


def _lldd(attr: str) -> Callable[[Learner], Iterator[Item]]:
    def items(learner: Learner) -> Iterator[Item]:
        for record in learner.lldd_and_health_problems:
            value = getattr(record, attr)
            if value is not None:
                yield Item(learner, "an LLDD and health problem record", None, value, record.line,
                           _earliest_start(learner))
    return items


def _prior(learner: Learner) -> Iterator[Item]:
    for record in learner.prior_attain:
        if record.prior_level is not None:
            yield Item(learner, "a prior attainment record", None, record.prior_level, record.line)


def _learner_fams(learner: Learner) -> Iterator[Item]:
    for fam in learner.fams:
        yield Item(learner, f"LearnerFAM {fam.type}", fam.type, fam.code, fam.line, _earliest_start(learner))


def _aim_fams(learner: Learner) -> Iterator[Item]:
    for aim in learner.deliveries:
        for fam in aim.fams:
            yield Item(aim, f"aim {aim.aim_seq_number} LearningDeliveryFAM {fam.type}", fam.type, fam.code, fam.line,
                       aim.learn_start_date)


def _emp_stats(learner: Learner) -> Iterator[Item]:
    for record in learner.employment_statuses:
        yield Item(learner, f"the employment status dated {record.date_emp_stat_app}", None, record.emp_stat,
                   record.line, record.date_emp_stat_app)


def _esms(learner: Learner) -> Iterator[Item]:
    for record in learner.employment_statuses:
        for esm in record.monitoring:
            yield Item(learner, f"the employment status dated {record.date_emp_stat_app} ESMType {esm.type}",
                       esm.type, esm.code, esm.line, record.date_emp_stat_app)


def _work_placements(learner: Learner) -> Iterator[Item]:
    for aim in learner.deliveries:
        for placement in aim.work_placements:
            if placement.mode is not None:
                yield Item(aim, f"aim {aim.aim_seq_number} work placement", None, placement.mode, placement.line)


def _app_fins(learner: Learner) -> Iterator[Item]:
    for aim in learner.deliveries:
        for record in aim.app_fin_records:
            yield Item(aim, f"aim {aim.aim_seq_number} AppFinRecord {record.type}", record.type, record.code,
                       record.line)


class CodeRule(Check):
    """An official valid-lookup rule: ``mode`` "invalid" (not on the list) or "expired" (after its valid-to date)."""

    severity = "error"
    guidance = GUIDANCE

    def __init__(self, code: str, topic: str, field: str, items: Callable[[Learner], Iterator[Item]],
                 mode: str = "invalid", skip: Callable[[Item], bool] = lambda item: False):
        self.code = code
        self.name = code.lower().replace("_", "-")
        self.rules = (code,)
        self.topic = topic
        self.field = field  # the list name; a typed code's list (a name ending Code) is FIELD.TYPE
        self.items = items
        self.mode = mode
        self.skip = skip
        typed = " for its type" if field.endswith("Code") else ""
        list_name = field
        if mode == "invalid":
            self.__doc__ = (f"{list_name} is a valid code{typed} in the file's year.\n\n**What.** The code is on the "
                            f"ILR specification's {list_name} list for the collection year.\n\n**Why.** The funder "
                            "rejects a code that is not a valid lookup for the year.\n\n**Fix.** Use a code from the "
                            "year's list.")
        else:
            self.__doc__ = (f"{list_name} is not used after its valid-to date.\n\n**What.** A {list_name} code that "
                            "the specification dates is used only up to its valid-to date (on the date the rule "
                            "names).\n\n**Why.** The funder rejects a code that has been withdrawn.\n\n**Fix.** Use "
                            "a code that is valid on that date.")

    def _list(self, ctx: Context, item: Item) -> CodeList:
        name = f"{self.field}.{item.kind}" if self.field.endswith("Code") else self.field
        return code_list(ctx.year, name)

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        for item in self.items(learner):
            found = self._list(ctx, item)
            if self.skip(item):
                continue
            field = self.field
            if self.mode == "invalid" and found.invalid(item.value):
                yield Problem(f"{item.label} has {field} {item.value}, which is not a valid code in {ctx.year.label}",
                              f"Use a {field} code valid in {ctx.year.label}: {found.shown()}.",
                              item.where, line=item.line)
            elif self.mode == "expired" and item.day is not None:
                end = found.expired(item.value, item.day)
                if end is not None:
                    yield Problem(f"{item.label} has {field} {item.value}, valid only to {end}, but the date the rule "
                                  f"checks is {item.day}", f"Replace {field} {item.value}: it is not valid after {end}.",
                                  item.where, line=item.line)


def _restart(item: Item) -> bool:
    """The rule's exclusion: an aim that is a restart (RES)."""
    return isinstance(item.where, LearningDelivery) and item.where.is_restart


CHECKS = [
    CodeRule("Sex_01", "learner", "Sex", _learner("sex")),
    CodeRule("Ethnicity_01", "learner", "Ethnicity", _learner("ethnicity")),
    CodeRule("LLDDHealthProb_01", "learner", "LLDDHealthProb", _learner("lldd_health_prob")),
    CodeRule("Accom_01", "learner", "Accom", _learner("accom")),
    CodeRule("EngGrade_02", "learner", "EngGrade", _learner("eng_grade")),
    CodeRule("MathGrade_02", "learner", "MathGrade", _learner("math_grade")),
    CodeRule("PriorAttain_03", "learner", "PriorLevel", _prior),
    CodeRule("LLDDCat_01", "learner", "LLDDCat", _lldd("lldd_cat")),
    CodeRule("LLDDCat_02", "learner", "LLDDCat", _lldd("lldd_cat"), mode="expired"),
    CodeRule("PrimaryLLDD_02", "learner", "PrimaryLLDD", _lldd("primary_lldd")),
    CodeRule("LearnFAMType_01", "learner", "LearnFAMCode", _learner_fams),
    CodeRule("EmpStat_05", "employment", "EmpStat", _emp_stats),
    CodeRule("ESMType_01", "employment", "ESMCode", _esms),
    CodeRule("AimType_01", "delivery", "AimType", _aims("aim_type")),
    CodeRule("FundModel_01", "delivery", "FundModel", _aims("fund_model")),
    CodeRule("CompStatus_01", "delivery", "CompStatus", _aims("comp_status")),
    CodeRule("Outcome_01", "delivery", "Outcome", _aims("outcome")),
    CodeRule("ProgType_03", "delivery", "ProgType", _aims("prog_type")),
    CodeRule("LearnDelFAMType_04", "fam", "LearnDelFAMCode", _aim_fams),
    CodeRule("LearnDelFAMType_06", "fam", "LearnDelFAMCode", _aim_fams, mode="expired", skip=_restart),
    CodeRule("WorkPlaceMode_01", "delivery", "WorkPlaceMode", _work_placements),
    CodeRule("AFinType_02", "finance", "AFinCode", _app_fins),
]
globals().update({c.code: c for c in CHECKS})  # each rule a module-level Check, as entry points load them
