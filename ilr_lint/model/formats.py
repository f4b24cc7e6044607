"""Formats and small helpers of ILR values that many checks need: the postcode format, the Employer Data Service
check digit, which fields are personal data, and moving a date by whole years."""

from __future__ import annotations

import re
from datetime import date

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
