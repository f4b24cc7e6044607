"""The official field-definition rules (``FD_<field>_<kind>``) that schema findings name.

The funder's rules list for each year has one "Field Definition" row per field and kind of
check: ``AL`` a length, number of digits or range of lengths, ``AP`` a pattern, ``AR`` a range of
values, ``MA`` a mandatory field, ``EO`` the number of occurrences of a record. The XSD enforces
all of them but one (FD_EPAOrgID_AP, see :mod:`checks.schema`). The names come from the official
catalogue (:mod:`ilr_lint.official.catalogue`), spelled as in the list (``Tlout`` for TLOut); a
year without a list of its own (2023-24, 2024-25) uses the earliest list, deleted rows included,
since those were live before it (ContactPreference, FworkCode, PwayCode).
"""

from __future__ import annotations

import functools

from .official.catalogue import LIST_YEARS, catalogue


@functools.cache
def _field_definitions(year: str) -> dict[str, str]:
    """``fd_<field>_<kind>`` in lower case -> the rule's name, for the list that applies to ``year``."""
    own = year in LIST_YEARS
    rules = catalogue(year if own else LIST_YEARS[0]).values()
    return {rule.name.lower(): rule.name for rule in rules
            if rule.category == "Field Definition" and (rule.live or not own)}


def fd_rules(element: str, kind: str, year: str) -> tuple[str, ...]:
    """The field-definition rule of ``kind`` for ``element`` in ``year`` (``"2025-26"``), as a 0- or 1-tuple.

    A range (``AR``) falls back to the length rule (``AL``) where the field has no range rule:
    the list counts a number's digits as its length.
    """
    if not kind:
        return ()
    names = _field_definitions(year)
    for candidate in (kind, "AL") if kind == "AR" else (kind,):
        name = names.get(f"fd_{element}_{candidate}".lower())
        if name is not None:
            return (name,)
    return ()
