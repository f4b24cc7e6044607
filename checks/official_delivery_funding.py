"""Official LearningDelivery rules: funding model, programme and aim type (topic ``delivery``).

The funder's validation rules for 2025-26 and 2026-27 (the "ILR validation rules" list
published with the ILR specification on GOV.UK) that the file alone decides, for
FundModel_*, ProgType_*, AimType_*, and the funding adjustment, contract and partner fields.
"""

from __future__ import annotations

from datetime import date

from ilr_lint.official.predicates import (
    DD07, DD35, PROGRAMME_AIM, RESTART, When, aim_type, fund_model, has_fam, known, prog_type, started, year_is,
)
from ilr_lint.official.rows import Broken, Forbidden, NotOneOf, OneOf, Required

TOPIC = "delivery"

MAY_2017 = date(2017, 5, 1)  # apprenticeship funding model 36 begins
AUGUST_2024 = date(2024, 8, 1)  # Adult Skills Fund (38) and tailored learning (11) begin

# --- funding model ------------------------------------------------------------------------

FUND_MODEL_03 = OneOf(
    "FundModel_03", "aim", "FundModel", {99}, when=has_fam("ADL"),
    topic=TOPIC, what="An aim financed by an Advanced Learner Loan (LearningDeliveryFAM ADL) is not funded: FundModel"
                      " 99.",
    fix="Set FundModel 99, or remove the ADL record if the aim is not loan-financed.")

FUND_MODEL_04 = NotOneOf(
    "FundModel_04", "aim", "FundModel", {25, 82}, scope=("apprenticeship",), when=DD07,
    topic=TOPIC, what="An apprenticeship standard aim (ProgType 25) is not 16-19 funded (FundModel 25 or 82).",
    fix="Set the apprenticeship funding model (36), or correct ProgType.")

FUND_MODEL_05 = Broken(
    "FundModel_05", "aim", scope=("fm36",), field="FundModel", when=fund_model(36) & started(before=MAY_2017),
    topic=TOPIC, what="Apprenticeship funding model 36 is not used for aims that started before 1 May 2017.",
    fix="Use FundModel 81 (other adult) for apprenticeship aims that started before 1 May 2017.")

FUND_MODEL_06 = Broken(
    "FundModel_06", "aim", scope=("fm36",), field="ProgType", when=fund_model(36) & ~DD07,
    topic=TOPIC, what="An apprenticeship-funded aim (FundModel 36) is part of an apprenticeship standard (ProgType "
                      "25).",
    fix="Set ProgType 25 (and StdCode) on the apprenticeship aim, or correct FundModel.")

FUND_MODEL_07 = OneOf(
    "FundModel_07", "aim", "FundModel", {36}, scope=("apprenticeship",),
    when=DD07 & PROGRAMME_AIM & started(on_or_after=MAY_2017) & ~fund_model(99) & ~RESTART
    & ~has_fam("LDM", "353") & ~has_fam("LDM", "355"),
    topic=TOPIC, what="A funded apprenticeship standard programme aim (ProgType 25, AimType 1) that started on or "
                      "after 1 May 2017 has FundModel 36. Not funded aims (FundModel 99), restarts (RES) and aims "
                      "with LDM 353 or 355 are exempt.",
    fix="Set FundModel 36.")

FUND_MODEL_09 = OneOf(
    "FundModel_09", "aim", "FundModel", {81}, scope=("apprenticeship",),
    when=DD07 & PROGRAMME_AIM & started(before=MAY_2017) & ~fund_model(99),
    topic=TOPIC, what="A funded apprenticeship standard programme aim (ProgType 25, AimType 1) that started before 1 "
                      "May 2017 has FundModel 81. Not funded aims (FundModel 99) are exempt.",
    fix="Set FundModel 81.")

FUND_MODEL_10 = Broken(
    "FundModel_10", "aim", field="FundModel",
    when=started(before=AUGUST_2024) & DD35
    & (year_is("2627") & ~fund_model(35) | ~year_is("2627") & ~fund_model(35, 10)),
    topic=TOPIC, what="An aim that started on or before 31 July 2024 with a devolved authority's source of funding "
                      "(SOF 110 and above) is adult skills funded: FundModel 35 (or 10, community learning, up to "
                      "2025-26).",
    fix="Correct FundModel, or the SOF of an aim the devolved authority does not fund.")

FUND_MODEL_14 = OneOf(
    "FundModel_14", "aim", "FundModel", {36}, when=known("OTJActHours"),
    topic=TOPIC, what="An aim with OTJActHours (actual off-the-job training hours) is an apprenticeship: FundModel "
                      "36.",
    fix="Remove OTJActHours from an aim that is not an apprenticeship, or correct FundModel.")

FUND_MODEL_15 = OneOf(
    "FundModel_15", "aim", "FundModel", {35, 38}, when=has_fam("LDM", "378"),
    topic=TOPIC, what="An aim with LDM 378 (Level 3 Free Courses for Jobs) is adult skills funded: FundModel 35 or "
                      "38.",
    fix="Correct FundModel, or remove LDM 378.")

FUND_MODEL_16 = Broken(
    "FundModel_16", "aim", scope=("bootcamp",), field="ProgType", when=fund_model(37) & ~prog_type(32),
    topic=TOPIC, what="A skills bootcamp aim (FundModel 37) has ProgType 32.",
    fix="Set ProgType 32, or correct FundModel.")

FUND_MODEL_17 = Broken(
    "FundModel_17", "aim", field="FundModel", when=fund_model(35) & started(on_or_after=AUGUST_2024) & ~RESTART,
    topic=TOPIC, what="Adult skills funding model 35 is not used for aims that started on or after 1 August 2024 (use"
                      " 38, the Adult Skills Fund). Restarts (RES) are exempt.",
    fix="Set FundModel 38.")

FUND_MODEL_18 = OneOf(
    "FundModel_18", "aim", "FundModel", {38, 11}, when=started(on_or_after=AUGUST_2024) & DD35 & ~RESTART,
    topic=TOPIC, what="An aim that started on or after 1 August 2024 with a devolved authority's source of funding "
                      "(SOF 110 and above) has FundModel 38 (Adult Skills Fund) or 11 (tailored learning). Restarts "
                      "(RES) are exempt.",
    fix="Correct FundModel, or the SOF of an aim the devolved authority does not fund.")

FUND_MODEL_19 = Broken(
    "FundModel_19", "aim", field="FundModel", when=fund_model(38) & started(before=AUGUST_2024),
    supersedes=("FundModel_10",),  # on a devolved authority's aim FundModel_10 reports the same FundModel 38
    topic=TOPIC, what="Funding model 38 (the Adult Skills Fund) is not used for aims that started before 1 August "
                      "2024. Where the aim also has a devolved authority's source of funding, this finding "
                      "replaces FundModel_10's on it (one fault: FundModel 38 on an aim that started too early).",
    fix="Use FundModel 35 for adult skills aims that started before 1 August 2024.")

FUND_MODEL_20 = Broken(
    "FundModel_20", "aim", scope=("tailored",), field="FundModel", when=fund_model(11) & started(before=AUGUST_2024),
    topic=TOPIC, what="Tailored learning funding model 11 is not used for aims that started before 1 August 2024.",
    fix="Correct FundModel (10, community learning, for aims that started before 1 August 2024).")

FUND_MODEL_21 = Broken(
    "FundModel_21", "aim", field="FundModel",
    when=fund_model(38) & started(on_or_after=AUGUST_2024) & When(
        lambda i: i.aim.orig_learn_start_date is not None and i.aim.orig_learn_start_date < AUGUST_2024),
    topic=TOPIC, what="Funding model 38 (the Adult Skills Fund) is not used for an aim whose OrigLearnStartDate is "
                      "before 1 August 2024: learning that began earlier continues under FundModel 35.",
    fix="Set FundModel 35.")

FUND_MODEL_22 = Broken(
    "FundModel_22", "aim", scope=("units",), field="ProgType", when=fund_model(39) & ~prog_type(34),
    topic=TOPIC, what="A Growth and Skills Short Course Offer aim (FundModel 39) has ProgType 34 (apprenticeship "
                      "units).",
    fix="Set ProgType 34, or correct FundModel.")

# --- programme and aim type ---------------------------------------------------------------

PROG_TYPE_01 = Required(
    "ProgType_01", "aim", "ProgType", when=aim_type(1, 3),
    topic=TOPIC, what="A programme aim or component aim (AimType 1 or 3) has a ProgType.",
    fix="Add the programme's ProgType, or set AimType 4 for an aim that is not part of a programme.")

PROG_TYPE_02 = Forbidden(
    "ProgType_02", "aim", "ProgType", when=aim_type(4),
    topic=TOPIC, what="An aim that is not part of a programme (AimType 4) has no ProgType.",
    fix="Remove ProgType, or set AimType 3 for a component of the programme.")

PROG_TYPE_06 = OneOf(
    "ProgType_06", "aim", "FundModel", {36, 81}, scope=("apprenticeship",), when=DD07 & ~fund_model(99),
    topic=TOPIC, what="An apprenticeship standard aim (ProgType 25) is apprenticeship funded: FundModel 36 or 81. Not"
                      " funded aims (FundModel 99) are exempt.",
    fix="Correct FundModel, or ProgType.")

PROG_TYPE_21 = OneOf(
    "ProgType_21", "aim", "FundModel", {37}, scope=("bootcamp",), when=prog_type(32),
    topic=TOPIC, what="A skills bootcamp aim (ProgType 32) has FundModel 37.",
    fix="Set FundModel 37, or correct ProgType.")

PROG_TYPE_22 = Broken(
    "ProgType_22", "aim", field="ProgType", when=prog_type(33) & ~DD35,
    topic=TOPIC, what="A combined authority programme (ProgType 33) has a devolved authority's source of funding (SOF"
                      " 110 and above).",
    fix="Add the devolved authority's SOF, or correct ProgType.")

PROG_TYPE_25 = OneOf(
    "ProgType_25", "aim", "FundModel", {39}, scope=("units",), when=prog_type(34),
    topic=TOPIC, what="A Growth and Skills Offer apprenticeship unit aim (ProgType 34) has FundModel 39.",
    fix="Set FundModel 39, or correct ProgType.")

AIM_TYPE_05 = OneOf(
    "AimType_05", "aim", "FundModel", {25, 82}, when=aim_type(5),
    topic=TOPIC, what="A core aim (AimType 5) is 16-19 funded: FundModel 25 or 82.",
    fix="Set AimType 4 for an aim outside a 16-19 study programme, or correct FundModel.")

AIM_TYPE_07 = NotOneOf(
    "AimType_07", "aim", "AimType", {5}, when=started(on_or_after=date(2017, 8, 1)) & has_fam("SOF", "105"),
    topic=TOPIC, what="An aim funded by the ESFA adult budget (SOF 105) that started on or after 1 August 2017 is not"
                      " a core aim (AimType 5).",
    fix="Set AimType 4 (or correct SOF).")

# --- funding adjustments, contract, partner -----------------------------------------------

OTHER_FUND_ADJ_01 = Forbidden(
    "OtherFundAdj_01", "aim", "OtherFundAdj",
    when=year_is("2627") & fund_model(25, 82, 39) | ~year_is("2627") & fund_model(25, 82, 10),
    topic=TOPIC, what="An aim's OtherFundAdj is not returned for 16-19 funding (FundModel 25, 82), community learning"
                      " (10, up to 2025-26) or the Growth and Skills Short Course Offer (39, from 2026-27).",
    fix="Remove OtherFundAdj.")

CON_REF_NUMBER_03 = Forbidden(
    "ConRefNumber_03", "aim", "ConRefNumber", when=fund_model(10, 11, 25, 35, 38, 81, 82, 99),
    topic=TOPIC, what="An aim's ConRefNumber is not returned for funding models that have no procured contract "
                      "reference: 10, 11, 25, 35, 38, 81, 82 and 99.",
    fix="Remove ConRefNumber.")

PARTNER_UKPRN_02 = Forbidden(
    "PartnerUKPRN_02", "aim", "PartnerUKPRN", when=PROGRAMME_AIM,
    topic=TOPIC, what="A programme aim (AimType 1) has no PartnerUKPRN: subcontracting is recorded on the learning "
                      "aims.",
    fix="Remove PartnerUKPRN from the programme aim; record it on the aims the partner delivers.")

PARTNER_UKPRN_03 = Broken(
    "PartnerUKPRN_03", "aim", field="PartnerUKPRN",
    when=known("PartnerUKPRN") & When(lambda i: i.aim.partner_ukprn == i.ctx.header.ukprn),
    topic=TOPIC, what="An aim's PartnerUKPRN is not the UKPRN of the provider returning the file.",
    fix="Remove PartnerUKPRN when the provider delivers the aim itself; otherwise give the partner's UKPRN.")
