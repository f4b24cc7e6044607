"""Topic ``fam``: official rules on LearningDeliveryFAM records (funding and monitoring codes of an aim).

Rules of the funder's validation rules list (``LearnDelFAMType_*``, ``LearnDelFAMDateFrom_*``,
``LearnDelFAMDateTo_*``), one row each; see :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from ilr_lint.official.rows import DateOrder

FAMS_DATE_TO_NOT_BEFORE_FROM = DateOrder(
    "LearnDelFAMDateTo_01", "aim_fam", "LearnDelFAMDateFrom", "LearnDelFAMDateTo", topic="fam",
    what="A LearningDeliveryFAM's Date applies to, when returned, is on or after its Date applies from, "
         "whatever the FAM type (ACT, LSF, ALB, ...).",
    fix="Correct LearnDelFAMDateFrom and LearnDelFAMDateTo so that the period ends on or after it starts.")
