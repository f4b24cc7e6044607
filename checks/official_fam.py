"""Topic ``fam``: official rules on LearningDeliveryFAM records (funding and monitoring codes of an aim).

Rules of the funder's validation rules list (``LearnDelFAMType_*``, ``LearnDelFAMDateFrom_*``,
``LearnDelFAMDateTo_*``), one row each; see :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from ilr_lint.official.predicates import FUNDED_APPRENTICESHIP, fund_model, has_fam
from ilr_lint.official.rows import Broken, DateOrder

FAMS_DATE_TO_NOT_BEFORE_FROM = DateOrder(
    "LearnDelFAMDateTo_01", "aim_fam", "LearnDelFAMDateFrom", "LearnDelFAMDateTo", topic="fam",
    what="A LearningDeliveryFAM's Date applies to, when returned, is on or after its Date applies from, "
         "whatever the FAM type (ACT, LSF, ALB, ...).",
    fix="Correct LearnDelFAMDateFrom and LearnDelFAMDateTo so that the period ends on or after it starts.")

SOURCE_OF_FUNDING_REQUIRED = Broken(
    "LearnDelFAMType_01", "aim", topic="fam", fact="no LearningDeliveryFAM SOF (source of funding) is returned",
    when=fund_model(10, 11, 25, 35, 36, 37, 38, 39, 81, 82) & ~has_fam("SOF") & ~FUNDED_APPRENTICESHIP,
    what="A funded aim (FundModel 10, 11, 25, 35, 36, 37, 38, 39 from 2026-27, 81 or 82) has a source of funding "
         "(LearningDeliveryFAM SOF). A funded apprenticeship aim without SOF is left to ILR207, which asks for SOF "
         "105 and adds it (its finding names this rule too).",
    fix="Add LearningDeliveryFAM SOF with the code of the body funding the aim.")
