"""Topic ``finance``: official rules on AppFinRecords (TNP prices, PMR payments, RIP price reductions).

``AFinType_*`` and ``AFinDate_*`` rules not already enforced by the ILR26x checks; see
:mod:`ilr_lint.official`.
"""

from __future__ import annotations

from ilr_lint.model import shift_years
from ilr_lint.official.predicates import PROGRAMME_AIM, When, fund_model, prog_type, value
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken


def _has_fin(fin_type: str, *codes: int) -> When:
    wanted = frozenset(codes)
    return When(lambda item: any(r.type == fin_type and (not wanted or r.code in wanted)
                                 for r in item.aim.app_fin_records))


def _fin(item: Item) -> str:
    return f"{item.record.type} {item.record.code} dated {item.record.date}"


STANDARD_PROGRAMME = prog_type(25) & PROGRAMME_AIM

TRAILBLAZER_NEEDS_TNP_1 = Broken(
    "AFinType_01", "aim", topic="finance", when=fund_model(81) & STANDARD_PROGRAMME & ~_has_fin("TNP", 1),
    fact="an FM81 apprenticeship standard programme aim has no TNP 1",
    what="A trailblazer apprenticeship standard programme aim (FundModel 81, ProgType 25, AimType 1) records a "
         "training price (TNP 1).",
    fix="Add an AppFinRecord TNP 1 with the agreed training price, dated the programme's start.")
RESIDUAL_PRICE_FM36 = Broken(
    "AFinType_08", "app_fin", topic="finance",
    when=value("AFinType", "TNP") & value("AFinCode", 3, 4) & ~fund_model(36), fact=_fin,
    what="A residual price (TNP 3 or 4) is recorded only on funding model 36 aims.",
    fix="Remove the residual price, or correct FundModel.")
NO_ASSESSMENT_CODES_ON_FRAMEWORKS = Broken(
    "AFinType_11", "aim", topic="finance",
    when=fund_model(36) & ~prog_type(25) & When(lambda item: any(r.code in (2, 4) for r in item.aim.app_fin_records)),
    fact="an FM36 framework aim has a financial record with code 2 or 4",
    what="An FM36 aim that is not an apprenticeship standard (a framework) records no assessment financial codes "
         "(AFinCode 2 or 4): frameworks have no end-point assessment price.",
    fix="Remove the assessment price or payment records from the framework aim.")
TRAINING_PAYMENT_NEEDS_PRICE = Broken(
    "AFinType_14", "aim", topic="finance",
    when=PROGRAMME_AIM & _has_fin("PMR", 1) & ~_has_fin("TNP", 1, 3) & ~(fund_model(36) & ~_has_fin("TNP"))
    & ~(fund_model(81) & STANDARD_PROGRAMME),
    fact="a programme aim records a training payment (PMR 1) but no training price (TNP 1 or 3)",
    what="A programme aim with a training payment (PMR 1) records a training price (TNP 1 or 3). The same missing "
         "price is reported once elsewhere: on an FM36 programme aim with no price at all by ILR261 (AFinType_12), "
         "on an FM81 standard programme aim by AFinType_01.",
    fix="Add the TNP 1 (or, after a change of employer, TNP 3) the payment is against.")
PRIOR_LEARNING_REDUCTION_AT_MOST = Broken(
    "AFinType_15", "app_fin", topic="finance",
    when=value("AFinType", "RIP") & value("AFinCode", 1) & When(lambda item: item.record.amount > 18000),
    fact=lambda item: f"RIP 1 of {item.record.amount}",
    what="A price reduction for prior learning (RIP 1) is no more than 18,000.",
    fix="Check the reduction amount: it is the reduction in the price, in whole pounds.")
PRIOR_LEARNING_REDUCTION_AT_LEAST = Broken(
    "AFinType_16", "app_fin", topic="finance",
    when=value("AFinType", "RIP") & value("AFinCode", 1) & When(lambda item: item.record.amount < 5),
    fact=lambda item: f"RIP 1 of {item.record.amount}",
    what="A price reduction for prior learning (RIP 1) is at least 5.",
    fix="Check the reduction amount, or remove the RIP record if there is no reduction.")
FIN_DATE_NOT_LONG_BEFORE_START = Broken(
    "AFinDate_09", "app_fin", topic="finance",
    when=STANDARD_PROGRAMME & When(lambda item: item.record.date < shift_years(item.aim.learn_start_date, -1)),
    fact=_fin, field="AFinDate",
    what="On an apprenticeship standard programme aim (ProgType 25, AimType 1) no financial record is dated more "
         "than one year before the LearnStartDate.",
    fix="Correct the AFinDate (a price is dated from the programme's start).")
FIN_DATE_NOT_LONG_AFTER_END = Broken(
    "AFinDate_12", "app_fin", topic="finance",
    when=STANDARD_PROGRAMME & When(lambda item: item.aim.learn_act_end_date is not None
                                   and item.record.date > shift_years(item.aim.learn_act_end_date, 2)),
    fact=_fin, field="AFinDate",
    what="On an apprenticeship standard programme aim (ProgType 25, AimType 1) no financial record is dated more "
         "than two years after the LearnActEndDate.",
    fix="Correct the AFinDate.")
