"""The ILR code lists per collection year (``codes/<year>.toml``).

Each field's list says which codes are valid, whether the list is ``complete`` (any other
code is then an error) and which codes a source names but could not be confirmed for the
year (never an error). Typed codes (a FAM code valid for its FAM type, an ESM code for its
ESM type, an AppFinRecord code for its type) are keyed ``FIELD.TYPE``:
``LearnDelFAMCode.LDM``. docs/reference-data.md says where each list came from and how to
add a year.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

from ..years import CollectionYear


@dataclass(frozen=True)
class CodeList:
    name: str
    source: str
    complete: bool
    codes: frozenset[str]
    unconfirmed: frozenset[str] = frozenset()
    valid_from: dict[str, date] = field(default_factory=dict)
    valid_to: dict[str, date] = field(default_factory=dict)

    def invalid(self, code: object) -> bool:
        """True only when the list is complete and names neither the code nor an unconfirmed one.

        A code longer than every code on the list is left to the schema check: the field's
        type in the XSD is sized to its codes and rejects it (one fault, one finding).
        """
        text = str(code)
        return (self.complete and text not in self.codes and text not in self.unconfirmed
                and len(text) <= self.longest)

    @cached_property
    def longest(self) -> int:
        return max((len(c) for c in self.codes | self.unconfirmed), default=0)

    def expired(self, code: object, on: date) -> date | None:
        """The code's valid-to date when ``on`` is after it, else None."""
        end = self.valid_to.get(str(code))
        return end if end is not None and on > end else None

    def not_yet_valid(self, code: object, on: date) -> date | None:
        """The code's valid-from date when ``on`` is before it, else None."""
        start = self.valid_from.get(str(code))
        return start if start is not None and on < start else None

    def shown(self) -> str:
        """The valid codes for a fix message, in a natural order."""
        return ", ".join(sorted(self.codes, key=lambda c: (len(c), c)))


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if "codes" in value:
            found[name] = value
        else:
            found.update(_flatten(value, f"{name}."))
    return found


@cache
def code_lists(label: str) -> dict[str, CodeList]:
    """Every list of the year ``label`` (``"2025-26"``), by field name."""
    with files(__package__).joinpath("codes", f"{label}.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return {
        name: CodeList(name, entry["source"], entry["complete"], frozenset(entry["codes"]),
                       frozenset(entry.get("unconfirmed", ())), dict(entry.get("valid_from", {})),
                       dict(entry.get("valid_to", {})))
        for name, entry in _flatten(data).items()
    }


@cache
def code_list(year: CollectionYear, name: str) -> CodeList:
    """The year's list for ``name`` (``"EmpStat"``, ``"LearnDelFAMCode.LDM"``).

    A field or type without a list gets an empty incomplete one: nothing is ruled out.
    """
    return code_lists(year.label).get(name) or CodeList(name, "no list", False, frozenset())
