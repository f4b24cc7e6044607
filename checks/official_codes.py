"""Official rules: a field's code is on the ILR specification's list for the year (``valid-code-list``).

The lists are data, one file per collection year (``ilr_lint/reference/codes/<year>.toml``),
each with its source beside it; docs/reference-data.md says where each came from. Only a code
the year's list rules out is an error: a list marked incomplete (codes are added during the
year, as for learning delivery monitoring) and a code marked unconfirmed never raise one.
Dated codes are checked on the date the rule names: the aim's start date, the learner's
earliest start date (DD06), or the employment status date. One row per rule; see
:mod:`ilr_lint.official`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from ilr_lint.official.predicates import When, has_fam
from ilr_lint.official.records import Item, attribute
from ilr_lint.official.rows import Row
from ilr_lint.reference.codelists import CodeList, code_list

FIX = "Use a code from the year's list in the ILR specification (the finding names the valid codes)."
FIX_DATED = "Use a code that is valid on that date (the ILR specification gives each code's valid dates)."


class ValidCode(Row):
    """A returned ``field`` is a code the year's list allows; with ``on``, not after its valid-to date."""

    def __init__(self, rule: str, kind: str, field: str, *, typed_by: str | None = None,
                 on: Callable[[Item], date | None] | None = None, **kw: Any):
        super().__init__(rule, kind, field=field, **kw)
        self.typed_by = typed_by  # the field holding the code's type: the list is FIELD.TYPE
        self.on = on  # the date a dated code must be valid on (the "valid to" rules)
        self._lists: dict[tuple[Any, Any], CodeList] = {}  # per year and type
        # per year, type and code (few of each in a file): whether it is invalid, or with ``on`` its valid-to date
        self._verdicts: dict[tuple[Any, Any, Any], Any] = {}
        self._attr, self._type_attr = attribute(field), attribute(typed_by) if typed_by else None
        if on is not None:  # only a code that ends can be past its end: decided on the code (and type) alone
            self.when = self.when & When(lambda item: self._verdict(item) is not None,
                                         static=frozenset(a for a in (self._attr, self._type_attr) if a))

    def broken_reads(self) -> frozenset[str] | None:
        if self.on is not None:
            return None  # a date too
        return frozenset(attribute(f) for f in (self.field, self.typed_by) if f is not None)

    def _list(self, item: Item) -> CodeList:
        key = (item.ctx.year.first, getattr(item.record, self._type_attr) if self._type_attr else None)
        found = self._lists.get(key)
        if found is None:
            name = f"{self.field}.{key[1]}" if self.typed_by else self.field
            found = self._lists[key] = code_list(item.ctx.year, name)
        return found

    def broken(self, item: Item) -> bool:
        found = self._verdict(item)
        if self.on is None or found is None:
            return bool(found)
        day = self.on(item)
        return day is not None and day > found

    def _verdict(self, item: Item) -> Any:
        """Whether the code is invalid (with ``on``: its valid-to date, or None); None without a code."""
        record = item.record
        code = getattr(record, self._attr, None)
        if code is None:
            return None
        key = (item.ctx.year.first, getattr(record, self._type_attr) if self._type_attr else None, code)
        found = self._verdicts.get(key, self)  # self: not yet worked out
        if found is self:
            codes = self._list(item)
            found = self._verdicts[key] = codes.invalid(code) if self.on is None else codes.valid_to.get(str(code))
        return found

    def fact(self, item: Item) -> str:
        code, found = item.get(self.field), self._list(item)
        typed = f"{self.typed_by} {item.get(self.typed_by)} " if self.typed_by else ""
        if self.on is None:
            return (f"{typed}{self.field} {code} is not a valid code in {item.ctx.year.label} "
                    f"(valid: {found.shown()})")
        return f"{typed}{self.field} {code} is valid only to {found.expired(code, self.on(item))}, before {self.on(item)}"


def aim_start(item: Item) -> date:
    return item.aim.learn_start_date


def earliest_start(item: Item) -> date | None:
    """DD06: the earliest LearnStartDate of the learner's aims."""
    return min((aim.learn_start_date for aim in item.learner.deliveries), default=None)


def _code_rule(rule: str, kind: str, field: str, topic: str, what: str, **kw: Any) -> ValidCode:
    return ValidCode(rule, kind, field, topic=topic, what=what, fix=FIX_DATED if "on" in kw else FIX, **kw)


SEX = _code_rule("Sex_01", "learner", "Sex", "learner", "The learner's Sex is a valid code for the year.")
ETHNICITY = _code_rule("Ethnicity_01", "learner", "Ethnicity", "learner",
                       "The learner's Ethnicity is a valid code for the year.")
LLDD_HEALTH_PROB = _code_rule("LLDDHealthProb_01", "learner", "LLDDHealthProb", "learner",
                              "The learner's LLDDHealthProb is a valid code for the year.")
ACCOM = _code_rule("Accom_01", "learner", "Accom", "learner", "A returned Accom is a valid code for the year.")
ENG_GRADE = _code_rule("EngGrade_02", "learner", "EngGrade", "learner",
                       "A returned EngGrade is NONE or a valid GCSE grade (the specification's Appendix Q).")
MATH_GRADE = _code_rule("MathGrade_02", "learner", "MathGrade", "learner",
                        "A returned MathGrade is NONE or a valid GCSE grade (the specification's Appendix Q).")
PRIOR_LEVEL = _code_rule("PriorAttain_03", "prior_attain", "PriorLevel", "learner",
                         "A returned PriorLevel is a valid code for the year.")
LLDD_CAT = _code_rule("LLDDCat_01", "lldd", "LLDDCat", "learner", "A returned LLDDCat is a valid code for the year.")
LLDD_CAT_DATED = _code_rule("LLDDCat_02", "lldd", "LLDDCat", "learner", on=earliest_start,
                            what="The learner's earliest learning start date (DD06) is not after the LLDDCat's "
                                 "valid-to date.")
PRIMARY_LLDD = _code_rule("PrimaryLLDD_02", "lldd", "PrimaryLLDD", "learner",
                          "A returned PrimaryLLDD is a valid code for the year.")
LEARNER_FAM = _code_rule("LearnFAMType_01", "learner_fam", "LearnFAMCode", "learner", typed_by="LearnFAMType",
                         what="A LearnerFAM's code is valid for its FAM type.")
EMP_STAT = _code_rule("EmpStat_05", "esr", "EmpStat", "employment", "A returned EmpStat is a valid code for the year.")
ESM_CODE = _code_rule("ESMType_01", "esm", "ESMCode", "employment", typed_by="ESMType",
                      what="An employment status monitoring code is valid for its ESM type.")
AIM_TYPE = _code_rule("AimType_01", "aim", "AimType", "delivery", "The AimType is a valid code for the year.")
FUND_MODEL = _code_rule("FundModel_01", "aim", "FundModel", "delivery", "The FundModel is a valid code for the year.")
COMP_STATUS = _code_rule("CompStatus_01", "aim", "CompStatus", "delivery",
                         "The CompStatus is a valid code for the year.")
OUTCOME = _code_rule("Outcome_01", "aim", "Outcome", "delivery", "A returned Outcome is a valid code for the year.")
PROG_TYPE = _code_rule("ProgType_03", "aim", "ProgType", "delivery",
                       "A returned ProgType is a valid code for the year on the aim's start date.")
DELIVERY_FAM = _code_rule("LearnDelFAMType_04", "aim_fam", "LearnDelFAMCode", "fam", typed_by="LearnDelFAMType",
                          what="A LearningDeliveryFAM's code is valid for its FAM type.")
DELIVERY_FAM_DATED = _code_rule(
    "LearnDelFAMType_06", "aim_fam", "LearnDelFAMCode", "fam", typed_by="LearnDelFAMType", on=aim_start,
    when=~has_fam("RES"), what="The aim's start date is not after the valid-to date of its LearningDeliveryFAM "
                               "codes; restarts (RES) are excluded.")
WORK_PLACE_MODE = _code_rule("WorkPlaceMode_01", "work_placement", "WorkPlaceMode", "delivery",
                             "A work placement's WorkPlaceMode is a valid code for the year.")
APP_FIN_CODE = _code_rule("AFinType_02", "app_fin", "AFinCode", "finance", typed_by="AFinType",
                          what="An AppFinRecord's code is valid for its financial type.")
