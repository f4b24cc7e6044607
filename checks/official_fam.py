"""Topic ``fam``: official rules on LearningDeliveryFAM records (funding and monitoring codes of an aim).

Rules of the funder's validation rules list (``LearnDelFAMType_*``, ``LearnDelFAMDateFrom_*``,
``LearnDelFAMDateTo_*``), one row each; see :mod:`ilr_lint.official`. FAM codes are compared as
written (``LDM 034``, ``DAM 002``). Rules on the dates of FAMs are in
:mod:`ilr_lint.checks.official_fam_dates`.
"""

from __future__ import annotations

from datetime import date

from ilr_lint.official.predicates import (
    DD07, DD35, PROGRAMME_AIM, STATIC, When, age_at_start, age_on, fam_count, fund_model, has_fam, known, prog_type,
    started, year_is,
)
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken


def _fm(item: Item) -> str:
    return f"FundModel {item.aim.fund_model}"


def _fam_on(fam_type: str, *codes: str, rule: str, what: str, fix: str, broken: When, fact: str) -> Broken:
    """A rule on aims holding ``fam_type`` (one of ``codes``): broken where ``broken`` also holds."""
    return Broken(rule, "aim", topic="fam", when=has_fam(fam_type, *codes) & broken, what=what, fix=fix,
                  fact=lambda item: f"{fact} on an aim of {_fm(item)}")


def _lacks(fam_type: str, *codes: str) -> When:
    return ~has_fam(fam_type, *codes)


def _sof_not(*codes: str) -> When:
    """The aim has a SOF record, and it is none of ``codes``."""
    return has_fam("SOF") & _lacks("SOF", *codes)


SOF_ADULT = "105"


def _31_august(item: Item) -> date:
    start = item.aim.learn_start_date
    return date(start.year if start.month >= 9 else start.year - 1, 8, 31)


# --- source of funding (SOF) --------------------------------------------------------------

SOF_FOR_FUNDED_AIMS = Broken(
    "LearnDelFAMType_01", "aim", topic="fam",
    when=(fund_model(25, 82, 35, 36, 37, 81, 10, 11, 38) | (fund_model(39) & year_is("2627"))) & _lacks("SOF")
    & When(lambda item: not item.aim.is_funded_apprenticeship),
    fact=lambda item: f"no source of funding (SOF) on an aim of {_fm(item)}",
    what="Every funded aim (FundModel 25, 82, 35, 36, 37, 81, 10, 11 or 38; from 2026-27 also 39) records its "
         "source of funding: a LearningDeliveryFAM of type SOF. A funded apprenticeship aim without one is "
         "reported (and fixed, with SOF 105) by ILR207, under this rule's name.",
    fix="Add a LearningDeliveryFAM SOF with the code of the body funding the aim (105 for the funder's adult "
        "funding, 107 for 16-19, 110 and above for a combined authority).")
SOF_16_19 = Broken(
    "LearnDelFAMType_07", "aim", topic="fam", when=fund_model(25, 82) & _sof_not(SOF_ADULT, "107"),
    fact=lambda item: f"SOF {item.aim.fam('SOF').code} on an aim of {_fm(item)}",
    what="A 16-19 aim (FundModel 25 or 82) returning a source of funding has SOF 105 or 107.",
    fix="Set the SOF code to 107 (16-19 funding) or 105 (adult funding), whichever funds the aim.")
SOF_NON_FUNDED = _fam_on(
    "SOF", SOF_ADULT, "107", rule="LearnDelFAMType_08", broken=fund_model(99), fact="SOF 105 or 107",
    what="A non-funded aim (FundModel 99) has no SOF 105 (adult) or 107 (16-19).",
    fix="Remove the SOF record from the non-funded aim, or correct FundModel if the funder does fund it.")
SOF_COMBINED_AUTHORITY_FUNDING_MODEL = _fam_on(
    "SOF", "121", "122", "123", rule="LearnDelFamType_134", fact="SOF 121, 122 or 123",
    broken=fund_model(35) | (fund_model(10) & year_is("2526")),
    what="Aims funded by East Midlands Combined County Authority, York and North Yorkshire Combined Authority "
         "or Cornwall Council (SOF 121, 122, 123) are not Adult skills funded (FundModel 35); in 2025-26 not "
         "Community Learning (FundModel 10) either.",
    fix="Use the funding model the authority funds the aim under (Adult Skills Fund, FundModel 38), or "
        "correct the SOF code.")
BOOTCAMP_SOF_ADULT = Broken(
    "LearnDelFAMType_112", "aim", topic="fam", when=prog_type(32) & _lacks("SOF", SOF_ADULT),
    fact="a skills bootcamp aim has no SOF 105",
    what="A skills bootcamp aim (ProgType 32) has source of funding 105 (the funder's adult funding).",
    fix="Set the aim's SOF code to 105.")
OLASS_SOF_ADULT = _fam_on(
    "LDM", "034", rule="LearnDelFAMType_76", broken=_sof_not(SOF_ADULT) & ~DD35,
    fact="LDM 034 (OLASS) with a SOF other than 105",
    what="An offender-in-custody aim (LDM 034, OLASS) returning a source of funding has SOF 105. With a combined "
         "authority's SOF the code itself is wrong, and LearnDelFAMType_75 reports it.",
    fix="Set the SOF code to 105, or remove LDM 034 if the learner is not in custody.")

# --- once-only and limited FAM types --------------------------------------------------------

ONCE_ONLY = ("SOF", "FFI", "EEF", "RES", "ADL", "ACL", "AFL", "ASL", "FLN")
FAM_ONCE_ONLY = Broken(
    "LearnDelFAMType_18", "aim", topic="fam",
    when=When(lambda item: len(item.fam_keys) < 2 * len(item.aim.fams)  # some FAM type repeats
              and any(sum(1 for f in item.aim.fams if f.type == t) > 1 for t in ONCE_ONLY), static=STATIC),
    fact=lambda item: "more than one " + ", ".join(
        t for t in ONCE_ONLY if sum(1 for f in item.aim.fams if f.type == t) > 1) + " record",
    what=f"An aim holds at most one FAM of each of the types {', '.join(ONCE_ONLY)}.",
    fix="Keep the one record of the type that applies and remove the others.")
LDM_AT_MOST_SIX = Broken(
    "LearnDelFAMType_31", "aim", topic="fam", when=fam_count("LDM", over=6), fact="more than six LDM records",
    what="An aim holds no more than six learning delivery monitoring (LDM) records.",
    fix="Keep the six LDM codes that apply and remove the rest.")
DAM_AT_MOST_SIX = Broken(
    "LearnDelFAMType_77", "aim", topic="fam", when=fam_count("DAM", over=6), fact="more than six DAM records",
    what="An aim holds no more than six devolved area monitoring (DAM) records.",
    fix="Keep the six DAM codes that apply and remove the rest.")

# --- full or co-funding (FFI), learning support (LSF), loans (ADL, ALB) ----------------------

FFI_FOR_ADULT_SKILLS = Broken(
    "LearnDelFAMType_02", "aim", topic="fam", when=fund_model(35, 38) & _lacks("FFI"),
    fact=lambda item: f"no full or co-funding indicator (FFI) on an aim of {_fm(item)}",
    what="An Adult skills or Adult Skills Fund aim (FundModel 35 or 38) returns the full or co-funding "
         "indicator (FFI).",
    fix="Add a LearningDeliveryFAM FFI: 1 fully funded, 2 co-funded.")
FFI_ONLY_ADULT = _fam_on(
    "FFI", rule="LearnDelFAMType_22", fact="FFI",
    broken=When(lambda item: item.aim.fund_model not in (
        (35, 37, 38, 81) if item.ctx.year.code == "2627" else (35, 37, 38, 81, 11, 10))),
    what="The full or co-funding indicator (FFI) is returned only on Adult skills, Skills Bootcamps, Adult Skills "
         "Fund and Other Adult aims (FundModel 35, 37, 38, 81); in 2025-26 also Tailored and Community Learning "
         "(11, 10).",
    fix="Remove the FFI record, or correct FundModel.")
BOOTCAMP_NEEDS_FFI = Broken(
    "LearnDelFAMType_111", "aim", topic="fam", when=prog_type(32) & _lacks("FFI"),
    fact="a skills bootcamp aim has no full or co-funding indicator (FFI)",
    what="A skills bootcamp aim (ProgType 32) returns the full or co-funding indicator (FFI).",
    fix="Add a LearningDeliveryFAM FFI: 1 fully funded, 2 co-funded.")
EEF_ONLY_FUNDED_APPRENTICESHIPS = Broken(
    "LearnDelFAMType_14", "aim", topic="fam", also=("LearnDelFAMType_54",),
    when=has_fam("EEF") & ~(fund_model(35, 36, 81) & DD07), fact=lambda item: f"EEF on an aim of {_fm(item)}",
    what="The eligibility for enhanced apprenticeship funding (EEF) is returned only on funded apprenticeship "
         "standard aims (FundModel 35, 36 or 81 with ProgType 25). LearnDelFAMType_54 (EEF 2 on a co-funded aim, "
         "FFI 2) exempts exactly those aims, so every aim it rejects is rejected here, once.",
    fix="Remove the EEF record from the aim.")
LSF_NOT_ON_16_19_OR_NON_FUNDED = _fam_on(
    "LSF", rule="LearnDelFAMType_50", fact="learning support funding (LSF)",
    broken=fund_model(25, 82, 99) | (fund_model(10) & year_is("2526")),
    what="Learning support funding (LSF) is not returned on 16-19 (FundModel 25, 82) or non-funded (99) aims, "
         "nor in 2025-26 on Community Learning (10).",
    fix="Remove the LSF record, or correct FundModel.")
ADL_ONLY_NON_FUNDED = _fam_on(
    "ADL", rule="LearnDelFAMType_35", fact="an Advanced Learner Loans indicator (ADL)", broken=~fund_model(99),
    what="The Advanced Learner Loans indicator (ADL) is returned only on aims with FundModel 99.",
    fix="Remove the ADL record, or set FundModel 99 if the aim is funded by an Advanced Learner Loan.")
ALB_ONLY_NON_FUNDED = _fam_on(
    "ALB", rule="LearnDelFAMType_38", fact="an Advanced Learner Loans Bursary record (ALB)", broken=~fund_model(99),
    what="The Advanced Learner Loans Bursary indicator (ALB) is returned only on aims with FundModel 99.",
    fix="Remove the ALB record, or set FundModel 99 if the aim is loan funded.")
ALB_NEEDS_ADL = _fam_on(
    "ALB", rule="LearnDelFAMType_36", fact="ALB without an Advanced Learner Loans indicator (ADL)",
    broken=_lacks("ADL"),
    what="An aim with an Advanced Learner Loans Bursary record (ALB) also has the Advanced Learner Loans "
         "indicator (ADL).",
    fix="Add a LearningDeliveryFAM ADL 1, or remove the ALB record if there is no loan.")
NO_LOAN_ON_APPRENTICESHIP = _fam_on(
    "ADL", rule="LearnDelFAMType_40", fact="an Advanced Learner Loans indicator (ADL)",
    broken=fund_model(99) & DD07,
    what="A non-funded apprenticeship standard aim (FundModel 99, ProgType 25) has no Advanced Learner Loans "
         "indicator (ADL): apprenticeships are not loan funded.",
    fix="Remove the ADL record.")
LOAN_AIM_HAS_NO_SOF = _fam_on(
    "ADL", rule="LearnDelFAMType_91", fact="ADL with a source of funding (SOF)", broken=fund_model(99) & has_fam("SOF"),
    what="A non-funded aim with the Advanced Learner Loans indicator (ADL, FundModel 99) returns no source of "
         "funding (SOF).",
    fix="Remove the SOF record from the loan-funded aim.")

# --- learning delivery monitoring (LDM) and devolved area monitoring (DAM) codes --------------

PROXY_AIM_NOT_ENDED = _fam_on(
    "LDM", "118", rule="LearnDelFAMType_15", fact="LDM 118 (proxy learning aim) with a LearnActEndDate",
    broken=known("LearnActEndDate"),
    what="The proxy learning aim code (LDM 118) is not used on an aim that has ended (LearnActEndDate returned).",
    fix="Replace the proxy aim with the real learning aim, or remove LDM 118.")
LDM_FOR_OTHER_FUNDING = Broken(
    "LearnDelFAMType_39", "aim", topic="fam",
    when=fund_model(81, 82) & started(on_or_after=date(2013, 8, 1)) & ~prog_type(25) & _lacks("LDM"),
    fact=lambda item: f"no learning delivery monitoring (LDM) code on an aim of {_fm(item)}",
    what="An Other Adult or Other 16-19 aim (FundModel 81 or 82) started from 1 August 2013 returns at least one "
         "learning delivery monitoring (LDM) code; apprenticeship standards (ProgType 25) are exempt.",
    fix="Add the LDM code that says how the aim is funded.")
DAM_FUNDING_MODEL = _fam_on(
    "DAM", rule="LearnDelFAMType_78", fact="devolved area monitoring (DAM)",
    broken=When(lambda item: item.aim.fund_model not in ((35, 38, 11) if item.ctx.year.code == "2627"
                                                          else (35, 38, 11, 10))),
    what="Devolved area monitoring (DAM) is returned only on Adult skills, Adult Skills Fund or Tailored Learning "
         "aims (FundModel 35, 38, 11), and in 2025-26 Community Learning (10).",
    fix="Remove the DAM record, or correct FundModel.")
DAM_002_NOT_ADULT_SKILLS = _fam_on(
    "DAM", "002", rule="LearnDelFAMType_97", fact="DAM 002 (procured devolved adult education) with SOF 105",
    broken=fund_model(35) & has_fam("SOF", SOF_ADULT),
    what="An aim with procured devolved adult education monitoring (DAM 002) is not both Adult skills funded "
         "(FundModel 35) and funded by the funder's adult budget (SOF 105).",
    fix="Correct FundModel or the SOF code to the devolved authority's funding, or remove DAM 002.")
FAMILY_LEARNING_FUNDING = _fam_on(
    "FLN", rule="LearnDelFAMType_46", fact="family English, maths or language (FLN)", broken=~fund_model(35, 38),
    what="Family English, maths and language aims (FLN) are Adult skills or Adult Skills Fund funded "
         "(FundModel 35 or 38).",
    fix="Correct FundModel, or remove the FLN record.")
OWN_EMPLOYEES = _fam_on(
    "LDM", "356", rule="LearnDelFAMType_68", fact="LDM 356 (apprenticeship delivered to own employees)",
    broken=~(fund_model(36) & PROGRAMME_AIM),
    what="LDM 356 (an apprenticeship delivered to the provider's own employees) is recorded only on an FM36 "
         "programme aim (FundModel 36, AimType 1).",
    fix="Move LDM 356 to the apprenticeship's programme aim.")
PROCURED_AEB_2017 = _fam_on(
    "LDM", "357", rule="LearnDelFAMType_69", fact="LDM 357 (procured AEB)",
    broken=When(lambda item: item.aim.fund_model not in ((35,) if item.ctx.year.code == "2627" else (35, 10))
                or item.aim.learn_start_date < date(2017, 11, 1)),
    what="Procured Adult Education Budget aims (LDM 357) are Adult skills funded (FundModel 35; in 2025-26 also "
         "Community Learning, 10) and start on or after 1 November 2017.",
    fix="Correct FundModel or the start date, or remove LDM 357.")
NON_LEVY_FROM_2018 = _fam_on(
    "LDM", "358", rule="LearnDelFAMType_70", fact="LDM 358 (non-procured non-levy contract)",
    broken=started(before=date(2018, 1, 1)),
    what="An aim under a non-procured non-levy contract (LDM 358) starts on or after 1 January 2018.",
    fix="Remove LDM 358 from aims started before 1 January 2018.")
NON_LEVY_NEEDS_ACT_2 = _fam_on(
    "LDM", "358", rule="LearnDelFAMType_71", fact="LDM 358 (non-procured non-levy contract) without ACT 2",
    broken=_lacks("ACT", "2"),
    what="An aim under a non-procured non-levy contract (LDM 358) has an ACT 2 (contract for services with the "
         "funder) record.",
    fix="Add the ACT 2 record for the non-levy period, or remove LDM 358.")
COMBINED_AUTHORITY_LDM = Broken(
    "LearnDelFAMType_75", "aim", topic="fam", when=DD35 & has_fam("LDM", "034", "357", "363", "379", "388"),
    fact="a combined authority source of funding with LDM 034, 357, 363, 379 or 388",
    what="An aim funded by a combined authority (DD35: SOF 110 and above) records none of the LDM codes for "
         "OLASS (034), procured AEB (357, 379, 388) or low-wage learners (363).",
    fix="Remove the LDM code: it applies only to the funder's own adult funding.")
COMBINED_AUTHORITY_PROGRAMMES = Broken(
    "LearnDelFAMType_109", "aim", topic="fam", when=DD35 & prog_type(2, 3, 20, 21, 22, 23, 25, 24, 30, 31),
    fact=lambda item: f"a combined authority source of funding on an aim of ProgType {item.aim.prog_type}",
    what="An aim funded by a combined authority (DD35) is not part of an apprenticeship, traineeship or T Level "
         "programme (ProgType 2, 3, 20-25, 30, 31).",
    fix="Correct the SOF code: these programmes are funded by the funder, not the authority.")
FREE_COURSES_FROM_APRIL_2021 = _fam_on(
    "LDM", "378", rule="LearnDelFAMType_100", fact="LDM 378 (level 3 Free Courses for Jobs)",
    broken=started(before=date(2021, 4, 1)),
    what="A level 3 Free Courses for Jobs aim (LDM 378) starts on or after 1 April 2021.",
    fix="Remove LDM 378 from aims started before 1 April 2021.")
PROCURED_AEB_2021 = _fam_on(
    "LDM", "379", rule="LearnDelFAMType_105", fact="LDM 379 (procured AEB 2021)",
    broken=When(lambda item: item.aim.fund_model not in ((35,) if item.ctx.year.code == "2627" else (35, 10)))
    | _sof_not(SOF_ADULT) | known("ProgType"),
    what="A procured Adult Education Budget 2021 aim (LDM 379) is Adult skills funded (FundModel 35; in 2025-26 "
         "also 10), has SOF 105 when a SOF is returned, and returns no ProgType.",
    fix="Correct FundModel, SOF or ProgType, or remove LDM 379.")
DIRECT_FE_AGE = _fam_on(
    "LDM", "320", "321", rule="LearnDelFAMType_106", fact="LDM 320 or 321 for a learner under 14 on 31 August",
    broken=age_on(_31_august, under=14),
    what="A direct FE-funded 14-16 learner (LDM 320) or home-schooled learner (LDM 321) is at least 14 on "
         "31 August of the aim's start year.",
    fix="Check the learner's date of birth, or remove the LDM code.")
DIRECT_FE_FUNDING = _fam_on(
    "LDM", "320", "321", "381", rule="LearnDelFAMType_107", fact="LDM 320, 321 or 381", broken=~fund_model(25, 82),
    what="Aims with LDM 320, 321 or 381 are 16-19 funded (FundModel 25 or 82).",
    fix="Correct FundModel, or remove the LDM code.")
LOW_WAGE_NEEDS_FREE_COURSES = _fam_on(
    "LDM", "382", rule="LearnDelFAMType_108", fact="LDM 382 without LDM 378",
    broken=started(before=date(2024, 8, 1)) & _lacks("LDM", "378"),
    what="An aim started on or before 31 July 2024 with the low-wage Free Courses for Jobs code (LDM 382) also "
         "has the level 3 Free Courses for Jobs code (LDM 378).",
    fix="Add LDM 378, or remove LDM 382.")
LDM_384_OTHER_ADULT = _fam_on(
    "LDM", "384", rule="LearnDelFAMType_113", fact="LDM 384", broken=~fund_model(81),
    what="An aim with LDM 384 is Other Adult funded (FundModel 81).",
    fix="Correct FundModel, or remove LDM 384.")
AEB_2021_AND_2023 = _fam_on(
    "LDM", "379", rule="LearnDelFAMType_115", fact="LDM 379 and LDM 388 together", broken=has_fam("LDM", "388"),
    what="An aim does not record both procured AEB 2021 (LDM 379) and procured AEB 2023 (LDM 388).",
    fix="Keep the LDM code of the procurement that funds the aim.")
PROCURED_AEB_2023 = _fam_on(
    "LDM", "388", rule="LearnDelFAMType_116", fact="LDM 388 (procured AEB 2023)",
    broken=When(lambda item: item.aim.fund_model not in ((35, 11, 38) if item.ctx.year.code == "2627"
                                                          else (35, 10, 11, 38)))
    | _sof_not(SOF_ADULT) | known("ProgType"),
    what="A procured Adult Education Budget 2023 aim (LDM 388) is funded under FundModel 35, 38 or 11 (in "
         "2025-26 also 10), has SOF 105 when a SOF is returned, and returns no ProgType.",
    fix="Correct FundModel, SOF or ProgType, or remove LDM 388.")
COMMUNITY_LEARNING_NEEDS_ACL = Broken(
    "LearnDelFAMType_119", "aim", topic="fam",
    when=fund_model(10) & started(on_or_after=date(2023, 8, 1)) & _lacks("ACL"),
    fact="a Community Learning aim (FundModel 10) started from 1 August 2023 has no ACL record",
    what="A Community Learning aim (FundModel 10) started on or after 1 August 2023 returns an ACL record.",
    fix="Add the LearningDeliveryFAM ACL that applies.")
FREE_COURSES_NEEDS_EARNINGS = _fam_on(
    "LDM", "378", rule="LearnDelFAMType_120", fact="LDM 378 without LDM 391 (earnings threshold)",
    broken=started(on_or_after=date(2024, 8, 1)) & _lacks("LDM", "391"),
    what="A level 3 Free Courses for Jobs aim (LDM 378) started on or after 1 August 2024 also records the "
         "earnings threshold code (LDM 391).",
    fix="Add LDM 391.")
TAILORED_LEARNING_NEEDS_ACL = Broken(
    "LearnDelFAMType_126", "aim", topic="fam",
    when=fund_model(11) & started(on_or_after=date(2024, 8, 1)) & _lacks("ACL"),
    fact="a Tailored Learning aim (FundModel 11) started from 1 August 2024 has no ACL record",
    what="A Tailored Learning aim (FundModel 11) started on or after 1 August 2024 returns an ACL record.",
    fix="Add the LearningDeliveryFAM ACL that applies.")
PROJECT_S_ADULT_SKILLS = _fam_on(
    "LDM", "395", rule="LearnDelFAMType_127", fact="LDM 395 (Project S pilot)", broken=~fund_model(38),
    what="An aim with the Project S pilot code for Adult Skills Fund providers (LDM 395) is Adult Skills Fund "
         "funded (FundModel 38).",
    fix="Correct FundModel, or remove LDM 395.")
PROJECT_S_BOOTCAMPS = _fam_on(
    "LDM", "396", rule="LearnDelFAMType_128", fact="LDM 396 (Project S pilot for skills bootcamps)",
    broken=~fund_model(81),
    what="An aim with the Project S pilot code for skills bootcamps (LDM 396) is Other Adult funded "
         "(FundModel 81).",
    fix="Correct FundModel, or remove LDM 396.")
TAILORED_LEARNING_FUNDING_LDM = Broken(
    "LearnDelFAMType_131", "aim", topic="fam",
    when=fund_model(11) & started(on_or_after=date(2025, 8, 1)) & _lacks("LDM", "399", "400", "401"),
    fact="a Tailored Learning aim started from 1 August 2025 has no LDM 399, 400 or 401",
    what="A Tailored Learning aim (FundModel 11) started on or after 1 August 2025 records how the learner is "
         "funded: LDM 399, 400 or 401.",
    fix="Add the LDM code (399, 400 or 401) that says how the learner is funded.")

# --- contract type and event indicator ------------------------------------------------------

NO_ACT_2_FROM_APRIL_2021 = _fam_on(
    "ACT", "2", rule="LearnDelFAMType_92", fact="ACT 2 on a programme aim started from 1 April 2021",
    broken=PROGRAMME_AIM & started(on_or_after=date(2021, 4, 1)) & ~has_fam("RES"),
    what="A programme aim (AimType 1) started on or after 1 April 2021 has no ACT 2 record (non-levy contracts "
         "for services with the funder ended); restarts are exempt.",
    fix="Record ACT 1 (the apprenticeship service) for the programme.")
EVENT_ONLY_BOOTCAMPS = _fam_on(
    "EVI", rule="LearnDelFAMType_132", fact="an event indicator (EVI)", broken=~prog_type(32),
    what="The event indicator (EVI) is returned only on skills bootcamp aims (ProgType 32).",
    fix="Remove the EVI record.")
EVENT_ON_PROGRAMME_AIM = _fam_on(
    "EVI", rule="LearnDelFAMType_133", fact="an event indicator (EVI) on an aim that is not the programme aim",
    broken=~PROGRAMME_AIM,
    what="The event indicator (EVI) is returned on the programme aim (AimType 1).",
    fix="Move the EVI record to the skills bootcamp's programme aim.")

# --- apprenticeship units (2026-27): LDM 403 identifier, LDM 404 milestone ------------------

APPRENTICESHIP_UNIT = has_fam("LDM", "403")
GROWTH_SKILLS_UNITS = fund_model(39) & prog_type(34)
UNIT_NON_FUNDED = _fam_on(
    "LDM", "403", rule="LearnDelFAMType_135", fact="LDM 403 (apprenticeship unit)",
    broken=~fund_model(99) & ~GROWTH_SKILLS_UNITS,
    what="An apprenticeship unit aim (LDM 403) is non-funded (FundModel 99), unless it is a Growth and Skills "
         "Offer apprenticeship unit (FundModel 39, ProgType 34).",
    fix="Set FundModel 99, or record the unit under the Growth and Skills Offer (FundModel 39, ProgType 34).")
UNIT_AGE_19 = _fam_on(
    "LDM", "403", rule="LearnDelFAMType_136", fact="LDM 403 for a learner under 19 at the start",
    broken=age_at_start(under=19),
    what="A learner on an apprenticeship unit (LDM 403) is 19 or over on the aim's LearnStartDate.",
    fix="Check the learner's date of birth and the aim's start date, or remove LDM 403.")
UNIT_FROM_APRIL_2026 = _fam_on(
    "LDM", "403", rule="LearnDelFAMType_137", fact="LDM 403 on an aim started before 1 April 2026",
    broken=started(before=date(2026, 4, 1)),
    what="An apprenticeship unit aim (LDM 403) starts on or after 1 April 2026.",
    fix="Check the start date, or remove LDM 403.")
MILESTONE_NEEDS_UNIT = Broken(
    "LearnDelFAMType_138", "aim", topic="fam", also=("LearnDelFamType_141",),
    when=has_fam("LDM", "404") & ~APPRENTICESHIP_UNIT & ~GROWTH_SKILLS_UNITS,
    fact=lambda item: f"LDM 404 (30% and onboarding milestone) without LDM 403 on an aim of {_fm(item)}, "
                      f"ProgType {item.aim.prog_type}",
    what="The apprenticeship unit 30% and onboarding milestone (LDM 404) is recorded only with the apprenticeship "
         "unit identifier (LDM 403), or on a Growth and Skills Offer apprenticeship unit (FundModel 39, ProgType "
         "34). Every aim LearnDelFamType_141 rejects (LDM 404 without LDM 403 on an aim that is not ProgType 34) "
         "breaks this rule too, so that rule is reported here, once.",
    fix="Add LDM 403 to the unit aim, or record the unit under the Growth and Skills Offer (FundModel 39, "
        "ProgType 34), or remove LDM 404.")
ACHIEVED_UNIT_NEEDS_MILESTONE = Broken(
    "LearnDelFAMType_139", "aim", topic="fam",
    when=APPRENTICESHIP_UNIT & When(lambda item: item.aim.outcome == 1) & _lacks("LDM", "404"),
    fact="an achieved apprenticeship unit (LDM 403, Outcome 1) has no LDM 404",
    what="An achieved apprenticeship unit aim (LDM 403 with Outcome 1) also records the 30% and onboarding "
         "milestone (LDM 404).",
    fix="Add LDM 404, or correct the Outcome.")
MILESTONE_ON_PROGRAMME_AIM = Broken(
    "LearnDelFamType_142", "aim", topic="fam",
    when=has_fam("LDM", "404") & ~APPRENTICESHIP_UNIT & ~PROGRAMME_AIM & GROWTH_SKILLS_UNITS,
    fact="LDM 404 (30% and onboarding milestone) on an aim that is not the programme aim",
    what="Where the 30% and onboarding milestone (LDM 404) is recorded without the apprenticeship unit identifier "
         "(LDM 403), it is on the programme aim (AimType 1). On an aim outside the Growth and Skills Offer "
         "(FundModel 39, ProgType 34) such an LDM 404 is reported once, by LearnDelFAMType_138.",
    fix="Move LDM 404 to the programme aim.")
