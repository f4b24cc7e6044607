"""Official LearningDelivery rules: dates, completion, outcome and grade (topic ``delivery``).

The funder's validation rules for 2025-26 and 2026-27 (the "ILR validation rules" list
published with the ILR specification on GOV.UK) that the file alone decides, for the
LearningDelivery record's dates (LearnStartDate_*, LearnPlanEndDate_*, OrigLearnStartDate_*,
AchDate_*) and its completion fields (CompStatus_*, Outcome_*, OutGrade_*, Tlout_*). Rules
the existing ``withdrawal`` and ``restart`` checks already enforce are claimed there.
"""

from __future__ import annotations

from datetime import date

from ilr_lint.official.predicates import (
    BOOTCAMP, STANDARD, When, aim_ref, aim_type, fund_model, known, prog_type, started, value,
)
from ilr_lint.official.rows import Broken, DateOrder, Forbidden, NotOneOf, OneOf, Required
from ilr_lint.dates import add_months, add_years

FAIL_GRADES = frozenset({"FL", "U", "N", "X", "Y"})  # OutGrade_05, OutGrade_06: grades that are not an achievement
BOOTCAMP_EVENT_AIMS = ("Z0059747", "Z0059748", "Z0059749")  # CompStatus_09, LearnAimRef_126
