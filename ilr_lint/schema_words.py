"""Plain words for what ILR schemas require: patterns, and fields that moved between years."""

from __future__ import annotations

import re

from .schema_model import Element, Field

_ALLOWED = "letters, digits, spaces and ~!@#$%&'()*+,-./:;<=>?[\\]_{}^£€"
# The patterns the ILR schemas use, in words.
PATTERN_WORDS = {
    "[A-Za-z0-9 ~!@#$%&'\\(\\)\\*\\+,\\-\\./:;<=>\\?\\[\\\\\\]_\\{\\}\\^\u00a3\u20ac]*": f"made of {_ALLOWED} only",
    "[A-Za-z0-9 ]{1,12}": "1 to 12 letters, digits or spaces",
    "[A-Za-z0-9]{1,8}": "1 to 8 letters or digits",
    "[A-Za-z0-9]{1,7}": "1 to 7 letters or digits",
    "[0-9]{1,2}": "1 or 2 digits",
    "[0-9]{10}": "10 digits",
    "[0-9]{1,18}": "1 to 18 digits, with no spaces",
    ".+@.+": "an e-mail address (an @ with characters either side)",
    "[^0-9\\r\\n\\t|\"]{1,100}": "1 to 100 characters with no digits, tabs, line breaks, | or \"",
    "[A-Za-z0-9 ~!@&'\\\\()*+,\\-./:;]{1,50}": "1 to 50 letters, digits, spaces or ~!@&'\\()*+,-./:;",
    "[a-zA-Z]{2}[0-9]{2}|[0-9]{9}": "two letters and two digits, or nine digits",
}

# Fields that a later or earlier year replaced: what to record instead, by field name.
MOVED = {
    "PHours": "Record planned hours in an HRSRecord on the aim (HRSType HRS; HRSCode 1 for planned "
              "off-the-job hours, 2 for T Level planned hours).",
    "OTJActHours": "Record actual off-the-job hours in an HRSRecord on the aim (HRSType HRS, HRSCode 3).",
    "AddHours": "Record the hours in an HRSRecord on the aim (HRSType HRS) with the HRSCode the 2026-27 "
                "specification gives.",
    "HRSRecord": "Record hours in PHours, OTJActHours or AddHours on the aim: HRSRecord starts in 2026-27.",
    "FworkCode": "Frameworks have closed: remove FworkCode (record a standard in StdCode).",
    "PwayCode": "Frameworks have closed: remove PwayCode (record a standard in StdCode).",
    "EmpOutcome": "Remove EmpOutcome: it is no longer collected.",
    "ContactPreference": "Remove ContactPreference: contact preferences are not collected in this year's ILR.",
    "LearnerDestinationandProgression": "Remove the destination and progression record: it is not collected "
                                        "in this year's ILR.",
    "AgreemId": "Remove AgreemId: it starts in 2026-27.",
}
# Fields renamed between years: each name and its other spelling.
RENAMED = {"SOC2000": "SOC", "UCASAPPID": "UCASSCHEMECODE", "DOMICILE": "PERMADDCOUNTRY"}
RENAMED.update({new: old for old, new in list(RENAMED.items())})


def describe_pattern(field: Field, value: str) -> str:
    """The pattern ``value`` fails, in words (the first of the field's patterns it does not match)."""
    failing = [p for p in field.patterns if not _matches(p, value)] or list(field.patterns[-1:])
    if not failing:
        return "in the form the ILR specification gives"
    pattern = failing[0]
    return PATTERN_WORDS.get(pattern, f"in the form the ILR specification gives (the pattern {pattern})")


def _matches(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return True  # an XSD pattern Python cannot read: do not blame it


def moved_field_fix(name: str, path: tuple[str, ...], paths: dict[tuple[str, ...], Element]) -> str | None:
    """How to record a field that is not in this year but is in another one."""
    other = RENAMED.get(name)
    if other is not None and path[:-1] + (other,) in paths:
        return f"Rename {name} to {other}, its name in this year's ILR."
    return MOVED.get(name)
