"""Every official validation rule per collection year, from the funder's published lists.

``data/rules-2025-26.csv`` and ``data/rules-2026-27.csv`` hold one row per rule of the
funder's list for that year: its name, status (Active, Changed, New, Deleted), severity,
category and ``needs``: what deciding it takes (``file``: the ILR file alone; ``schema``: a
field definition that the XSD enforces; otherwise the reference data it needs). The rules'
conditions are not copied here: each check states its rule in its own docstring.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib.resources import files

from ..years import CollectionYear

LIVE_STATUSES = frozenset({"Active", "Changed", "New"})
LIST_YEARS = ("2025-26", "2026-27")  # the years whose official list ilr-lint holds
GUIDANCE = ("ILR validation rules for the collection year, published by the Department for Education "
            "(Individualised Learner Record specification, validation rules and appendices)")

# What each ``needs`` value means, as said to the user for a rule ilr-lint does not assess.
NEEDS = {
    "file": "decidable from the file",
    "schema": "a field definition: the ILR XML schema check (ILR001) enforces it",
    "lars": "needs LARS (the Learning Aim Reference Service download)",
    "code-list": "needs the ILR specification's code lists with their valid dates",
    "derived": "a derived data item: a definition the rules use, not a rule that fires",
    "fcs-contracts": "needs the provider's funding contracts (FCS)",
    "organisations": "needs the funder's organisations data (UKPRN directory)",
    "postcodes": "needs the UK postcode list",
    "submission-history": "needs the submission service's history of earlier uploads",
    "campus-ids": "needs the campus identifier list",
    "eds": "needs the Employer Data Service",
    "sld-account": "needs the Submit Learner Data account the file is uploaded to",
    "uln-register": "needs the Learning Records Service ULN register",
    "collection-calendar": "needs the collection calendar (which return period this is)",
    "epa-organisations": "needs the register of end-point assessment organisations",
    "org-type": "needs the provider's organisation type (the funder's organisations data): specialist designated "
                "colleges (LegalOrgType USDC) are exempt",
    "appendix-q": "needs the ILR specification's Appendix Q (the valid outcome grades of each qualification type), "
                  "which no public machine-readable source gives",
    "validity-table": "needs Table 1 of the LARS validity codes (the validity or LARS category each funding uses "
                      "for starts before 1 August 2021), which no public machine-readable source gives",
    "apprenticeship-service": "needs the apprenticeship service's funding rules for each standard",
    "as-courses": "needs the apprenticeship service's register of the courses each provider may deliver (course "
                  "type, status, effective dates and last date for new starts per LARS code), which only the funder "
                  "holds",
}


# Reference data a run may be given (``--lars``): a check of a rule that needs it declares it in
# ``needs``, and a run without it lists the rule as not assessed.
RUN_NEEDS = frozenset({"lars"})


@dataclass(frozen=True, slots=True)
class OfficialRule:
    name: str
    year: str  # the list it comes from, e.g. "2025-26"
    status: str
    severity: str  # "error", "warning" or "" (derived data items)
    category: str
    needs: tuple[str, ...]  # keys of NEEDS; () for a deleted rule

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def reason(self) -> str:
        """Why ilr-lint does not decide the rule from the file (for ``rules --official``)."""
        return "; ".join(NEEDS[n] for n in self.needs)


@functools.cache
def catalogue(year: str) -> dict[str, OfficialRule]:
    """The official rules list of ``year`` (``"2025-26"``), by name; empty for a year without one."""
    if year not in LIST_YEARS:
        return {}
    text = files(__package__).joinpath("data", f"rules-{year}.csv").read_text(encoding="utf-8")
    rules = {}
    for row in csv.DictReader(text.splitlines()):
        needs = tuple(n for n in row["needs"].split("+") if n)
        unknown = [n for n in needs if n not in NEEDS]
        if unknown:
            raise ValueError(f"rules-{year}.csv: {row['name']}: unknown needs {unknown}")
        rules[row["name"]] = OfficialRule(row["name"], year, row["status"], row["severity"].lower().replace(
            "n/a", ""), row["category"], needs)
    return rules


def live_years(name: str) -> frozenset[str]:
    """The header Year codes (``"2526"``) of the years whose list has ``name`` live."""
    return frozenset(year[2:4] + year[5:] for year in LIST_YEARS if (r := catalogue(year).get(name)) and r.live)


def latest(name: str) -> OfficialRule | None:
    """The rule as the latest list that has it live (else as the latest list that has it at all)."""
    found = [catalogue(year)[name] for year in LIST_YEARS if name in catalogue(year)]
    return next((r for r in reversed(found) if r.live), found[-1] if found else None)


@functools.cache
def named_in(rules: tuple[str, ...], year: str) -> tuple[str, ...]:
    """``rules`` as a finding in a ``year`` file names them: less the official rules that year's
    list has deleted or no longer holds (a guidance check citing PHours_03 names HRSType_02 in a
    2026-27 file, not the deleted rule). Unchanged for a year whose list ilr-lint does not hold."""
    held = catalogue(year)
    if not held:
        return rules
    return tuple(r for r in rules if (r in held and held[r].live) or latest(r) is None)


def severity_in(name: str, year: CollectionYear) -> str | None:
    """The rule's severity in ``year``'s list, when that list has it live."""
    rule = catalogue(year.label).get(name)
    return rule.severity if rule is not None and rule.live else None
