"""Topic ``he``: official rules on the higher education records (LearnerHE, LearningDeliveryHE).

The funder's HE rules that the file alone decides; the ones that need the HE code lists' valid
dates, LARS levels or the Office for Students register are listed as not assessed (see
``ilr-lint rules --official``). See :mod:`ilr_lint.official`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from ilr_lint.api import Context, Problem
from ilr_lint.model import Learner
from ilr_lint.official.predicates import PROGRAMME_AIM, When, fund_model, has_fam, known, started, value
from ilr_lint.official.rows import Broken, OfficialCheck, Required
from ilr_lint.years import year_of

BRITISH_ISLES = ("XF", "XG", "XH", "XI", "XK")
FEE_CAP = 9535
OFS_FUNDED = fund_model(99) & has_fam("SOF", "1")


def _aim_started(on_or_after: date) -> When:
    return started(on_or_after=on_or_after)


def _fees(*codes: int) -> When:
    return value("MSTUFEE", *codes)


def _he(field: str, rule: str, what: str, fix: str, when: When) -> Required:
    return Required(rule, "ld_he", field, topic="he", when=when, what=what, fix=fix)


def _ssn_check_letter(ssn: str) -> str | None:
    """The check letter a Student Support Number's first 12 characters call for (HESA's algorithm).

    Letters count A=0 ... Z=22 leaving out I, O and Q; the 12 characters are weighted 13 down to
    2; the check letter is the one whose value is 22 minus the weighted sum modulo 23.
    """
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    total = sum((letters.index(c) if c.isalpha() else int(c)) * (13 - i) for i, c in enumerate(ssn[:12]))
    return letters[22 - total % 23]


def _ssn_valid(ssn: str) -> bool:
    text = ssn.upper()
    return bool(re.fullmatch(r"[A-HJ-NPR-Y]{4}[0-9]{8}[A-HJ-NPR-Z]", text)) and _ssn_check_letter(text) == text[12]


COUNTRY_REQUIRED = _he(
    "PERMADDCOUNTRY", "PERMADDCOUNTRY_01", when=_aim_started(date(2013, 8, 1)),
    what="A LearningDeliveryHE on an aim started on or after 1 August 2013 returns the country of permanent "
         "address (PERMADDCOUNTRY).",
    fix="Add PERMADDCOUNTRY: the learner's country of permanent address before entry (XF England, XI Wales, ...).")
FEES_SCOTLAND = Broken(
    "MSTUFEE_03", "ld_he", topic="he", field="MSTUFEE", when=value("PERMADDCOUNTRY", "XH") & _fees(2, 4),
    what="A learner domiciled in Scotland (PERMADDCOUNTRY XH) has no English or Welsh LEA award or Northern Irish "
         "board as the major source of tuition fees (MSTUFEE 2 or 4).",
    fix="Correct MSTUFEE (or PERMADDCOUNTRY, if the domicile is wrong).")
FEES_NORTHERN_IRELAND = Broken(
    "MSTUFEE_04", "ld_he", topic="he", field="MSTUFEE", when=value("PERMADDCOUNTRY", "XG") & _fees(2, 3),
    what="A learner domiciled in Northern Ireland (PERMADDCOUNTRY XG) has no English or Welsh LEA award or "
         "Student Awards Agency for Scotland as the major source of tuition fees (MSTUFEE 2 or 3).",
    fix="Correct MSTUFEE (or PERMADDCOUNTRY, if the domicile is wrong).")
FEES_ENGLAND_WALES = Broken(
    "MSTUFEE_05", "ld_he", topic="he", field="MSTUFEE", when=value("PERMADDCOUNTRY", "XF", "XI") & _fees(3, 4),
    what="A learner domiciled in England or Wales (PERMADDCOUNTRY XF or XI) has no Student Awards Agency for "
         "Scotland or Northern Irish board as the major source of tuition fees (MSTUFEE 3 or 4).",
    fix="Correct MSTUFEE (or PERMADDCOUNTRY, if the domicile is wrong).")
SSN_FOR_SUPPORTED_FEES_TO_2025 = _he(
    "SSN", "MSTUFEE_06", when=started(on_or_after=date(2021, 8, 1), before=date(2025, 8, 1))
    & _fees(2, 3, 4, 52, 53, 54),
    what="An aim started from 1 August 2021 to 31 July 2025 whose major source of tuition fees is a student "
         "support body (MSTUFEE 2, 3, 4, 52, 53 or 54) returns the Student Support Number (SSN).",
    fix="Add the learner's Student Support Number.")
SSN_FOR_SUPPORTED_FEES = _he(
    "SSN", "MSTUFEE_07", when=_aim_started(date(2025, 8, 1)) & _fees(3, 10),
    what="An aim started on or after 1 August 2025 whose major source of tuition fees is the Student Awards "
         "Agency for Scotland or the Student Loans Company (MSTUFEE 3 or 10) returns the Student Support "
         "Number (SSN).",
    fix="Add the learner's Student Support Number.")
UCAS_CODE_FORM = Broken(
    "UCASSCHEMECODE_02", "ld_he", topic="he", field="UCASSCHEMECODE",
    when=_aim_started(date(2025, 8, 1)) & When(lambda item: item.record.ucasschemecode is not None and not (
        len(item.record.ucasschemecode) == 4 and item.record.ucasschemecode[:2].isalpha()
        and item.record.ucasschemecode[:2].isascii() and item.record.ucasschemecode[2:].isdigit())),
    what="On aims started on or after 1 August 2025 the UCAS scheme code is two letters followed by two digits.",
    fix="Correct UCASSCHEMECODE to the form AA99.")
SEC_FOR_UCAS_ENTRANTS = _he(
    "SEC", "SEC_02", when=_aim_started(date(2013, 8, 1)) & known("UCASSCHEMECODE")
    & value("PERMADDCOUNTRY", *BRITISH_ISLES),
    what="An aim started on or after 1 August 2013 with a UCAS scheme code, for a learner domiciled in the "
         "British Isles (PERMADDCOUNTRY XF, XG, XH, XI or XK), returns the socio-economic classification (SEC).",
    fix="Add SEC.")
SOC_FOR_UCAS_ENTRANTS = _he(
    "SOC", "SOC_02", when=_aim_started(date(2013, 8, 1)) & known("UCASSCHEMECODE")
    & value("PERMADDCOUNTRY", *BRITISH_ISLES),
    what="An aim started on or after 1 August 2013 with a UCAS scheme code, for a learner domiciled in the "
         "British Isles (PERMADDCOUNTRY XF, XG, XH, XI or XK), returns the occupation code (SOC).",
    fix="Add SOC.")
GROSS_FEE_WITH_NET = _he(
    "GROSSFEE", "GROSSFEE_01", when=known("NETFEE"),
    what="Where the net tuition fee (NETFEE) is returned, so is the gross tuition fee (GROSSFEE).",
    fix="Add GROSSFEE.")
GROSS_FEE_NOT_BELOW_NET = Broken(
    "GROSSFEE_02", "ld_he", topic="he", field="GROSSFEE",
    when=When(lambda item: None not in (item.record.grossfee, item.record.netfee)
              and item.record.grossfee < item.record.netfee),
    fact=lambda item: f"GROSSFEE {item.record.grossfee} is less than NETFEE {item.record.netfee}",
    what="The gross tuition fee (GROSSFEE) is not less than the net tuition fee (NETFEE).",
    fix="Correct GROSSFEE or NETFEE: the net fee is the gross fee less any waiver or discount.")
GROSS_FEE_CAP = Broken(
    "GROSSFEE_03", "ld_he", topic="he", field="GROSSFEE",
    when=When(lambda item: (item.record.grossfee or 0) > FEE_CAP),
    what=f"The gross tuition fee (GROSSFEE) is not more than £{FEE_CAP:,}.",
    fix="Check GROSSFEE: it is the annual fee in whole pounds.")
NET_FEE_CAP = Broken(
    "NETFEE_02", "ld_he", topic="he", field="NETFEE",
    when=When(lambda item: (item.record.netfee or 0) > FEE_CAP),
    what=f"The net tuition fee (NETFEE) is not more than £{FEE_CAP:,}.",
    fix="Check NETFEE: it is the annual fee in whole pounds, after waivers and discounts.")
NET_FEE_WITHOUT_SSN = Required(
    "NETFEE_01", "ld_he", "NETFEE", topic="he", also=("SSN_03",), when=_aim_started(date(2012, 8, 1)) & ~known("SSN"),
    what="A LearningDeliveryHE on an aim started on or after 1 August 2012 without a Student Support Number (SSN) "
         "returns the net tuition fee (NETFEE). SSN_03 (from 1 August 2021, without an SSN both NETFEE and GROSSFEE "
         "are returned) adds nothing of its own: a missing NETFEE is reported here and a missing GROSSFEE beside a "
         "NETFEE by GROSSFEE_01, each once.",
    fix="Add NETFEE (or the SSN, where the learner has student support).")
SANDWICH_YEAR_OUT_FEE = Broken(
    "SPECFEE_02", "ld_he", topic="he", field="SPECFEE",
    when=_aim_started(date(2009, 8, 1)) & value("MODESTUD", 2) & ~value("SPECFEE", 1),
    what="A sandwich year out (MODESTUD 2) on an aim started on or after 1 August 2009 has special fee indicator 1 "
         "(sandwich placement).",
    fix="Set SPECFEE 1, or correct MODESTUD.")
PARTNER_SHARE = Required(
    "PCOLAB_01", "ld_he", "PCOLAB", topic="he",
    when=_aim_started(date(2013, 8, 1)) & When(lambda item: item.aim.partner_ukprn is not None),
    what="An aim with a LearningDeliveryHE, started on or after 1 August 2013 and delivered with a partner "
         "(PartnerUKPRN returned), returns the percentage not taught by this provider (PCOLAB).",
    fix="Add PCOLAB.")
NO_HE_ON_PROGRAMME_AIM = Broken(
    "LearningDeliveryHE_10", "aim", topic="he", when=PROGRAMME_AIM & _aim_started(date(2025, 8, 1))
    & When(lambda item: item.aim.he is not None), fact="the programme aim has a LearningDeliveryHE",
    what="A programme aim (AimType 1) started on or after 1 August 2025 has no LearningDeliveryHE: it goes on the "
         "aims that lead to the HE qualification.",
    fix="Move the LearningDeliveryHE from the programme aim to the HE learning aim.")
OFS_FUNDED_NEEDS_HE = Broken(
    "LearningDeliveryHE_02", "aim", topic="he", when=OFS_FUNDED & When(lambda item: item.aim.he is None),
    fact="an OfS funded aim (FundModel 99, SOF 1) has no LearningDeliveryHE",
    what="An aim funded by the Office for Students (FundModel 99 with SOF 1) returns a LearningDeliveryHE.",
    fix="Add the LearningDeliveryHE record.")
OFS_FUNDED_NEEDS_ELQ = Required(
    "ELQ_01", "ld_he", "ELQ", topic="he", when=OFS_FUNDED,
    what="An aim funded by the Office for Students (FundModel 99 with SOF 1) returns the equivalent or lower "
         "qualification (ELQ) field.",
    fix="Add ELQ.")
STUDENT_LOAD = _he(
    "STULOAD", "STULOAD_04", when=_aim_started(date(2013, 8, 1)),
    what="A LearningDeliveryHE on an aim started on or after 1 August 2013 returns the student instance FTE "
         "(STULOAD).",
    fix="Add STULOAD.")
SHORT_FINAL_YEAR_PART_TIME = Broken(
    "MODESTUD_03", "ld_he", topic="he", field="MODESTUD",
    when=_aim_started(date(2009, 8, 1)) & value("SPECFEE", 4, 5) & ~value("MODESTUD", 3),
    what="An aim started on or after 1 August 2009 in the final year of a full-time course lasting under 24 weeks "
         "(SPECFEE 4 or 5) has mode of study part-time (MODESTUD 3).",
    fix="Set MODESTUD 3, or correct SPECFEE.")
ONE_YEAR_INSTANCE = Broken(
    "TYPEYR_02", "ld_he", topic="he", field="TYPEYR",
    when=_aim_started(date(2009, 8, 1)) & value("FUNDCOMP", 1) & ~value("TYPEYR", 1) & When(
        lambda item: item.aim.learn_act_end_date is not None
        and year_of(item.aim.learn_start_date) == year_of(item.aim.learn_act_end_date)),
    what="An aim started on or after 1 August 2009 that starts and ends in one academic year and completed the "
         "year of instance (FUNDCOMP 1) has type of instance year 1 (TYPEYR 1).",
    fix="Set TYPEYR 1.")
QUALIFICATION_ON_ENTRY = _he(
    "QUALENT3", "QUALENT3_01", when=_aim_started(date(2010, 8, 1)),
    what="A LearningDeliveryHE on an aim started on or after 1 August 2010 returns the highest qualification on "
         "entry (QUALENT3).",
    fix="Add QUALENT3.")
SSN_CHECKSUM = Broken(
    "SSN_02", "ld_he", topic="he", field="SSN",
    when=When(lambda item: bool(item.record.ssn and item.record.ssn.strip()) and not _ssn_valid(item.record.ssn)),
    fact="the SSN (value not shown) fails the Student Support Number check",
    what="A returned Student Support Number (SSN) is four letters, eight digits and a check letter, the check "
         "letter agreeing with HESA's checksum (https://www.hesa.ac.uk/collection/c17051/a/ssn).",
    fix="Correct the Student Support Number from the student support body's records.")
CENTRE_POSTCODE_FORM = Broken(
    "HEPostCode_02", "ld_he", topic="he", field="HEPostCode",
    when=When(lambda item: item.record.he_post_code_well_formed is False),
    fact="HEPostCode (value not shown) is not in the form of a postcode",
    what="A returned HE centre location postcode (HEPostCode) has the form of a UK postcode: one or two capital "
         "letters, one or two digits (or a digit and a letter), a space, a digit and two letters.",
    fix="Correct HEPostCode to the centre's full postcode, in capitals with one space.")
UCAS_CODE_FOR_UCAS_APPLICANTS = Broken(
    "UCASSCHEMECODE_01", "ld_he", topic="he", field="UCASSCHEMECODE",
    when=_aim_started(date(2013, 8, 1)) & ~known("UCASSCHEMECODE")
    & When(lambda item: item.learner.he is not None and item.learner.he.has_ucasperid),
    fact="the learner has a UCAS personal ID but the aim has no UCASSCHEMECODE",
    what="Where the learner has a UCAS personal ID (UCASPERID), a LearningDeliveryHE on an aim started on or "
         "after 1 August 2013 returns the UCAS scheme code.",
    fix="Add UCASSCHEMECODE.")
FIN_TYPE_ONCE = Broken(
    "FINTYPE_02", "learner_he", topic="he",
    when=When(lambda item: any(sum(1 for f in item.record.financial_support if f.fin_type == t) > 1
                               for t in (1, 2, 3, 4))),
    fact="a financial support type (FINTYPE 1-4) is returned more than once",
    what="Each financial support type cash, near cash, accommodation discount and other (FINTYPE 1 to 4) is "
         "returned at most once.",
    fix="Add the amounts of one type together into one LearnerHEFinancialSupport record.")
LEARNER_HE_NEEDS_DELIVERY_HE = Broken(
    "LearnerHE_02", "learner_he", topic="he",
    when=When(lambda item: all(aim.he is None for aim in item.learner.deliveries)),
    fact="the learner has a LearnerHE but no aim has a LearningDeliveryHE",
    what="A learner with a LearnerHE record has at least one aim with a LearningDeliveryHE.",
    fix="Add the LearningDeliveryHE to the HE aim, or remove the LearnerHE.")


class TermTimeAccommodation(OfficialCheck):
    """TTACCOM_04: full-time HE learners record their term-time accommodation (a learner-wide rule)."""

    def run(self, learner: Learner, ctx: Context) -> Iterable[Problem]:
        full_time = [aim for aim in learner.deliveries if aim.he is not None and aim.he.modestud == 1]
        if not full_time or learner.he is not None and learner.he.ttaccom is not None:
            return
        first_start = min(aim.learn_start_date for aim in learner.deliveries)  # DD06
        if first_start >= date(2013, 8, 1):
            yield self.problem(ctx, f"aim {full_time[0].aim_seq_number} is full-time HE (MODESTUD 1) and there is "
                               "no TTACCOM", full_time[0], line=(learner.he or learner).line)


TERM_TIME_ACCOMMODATION = TermTimeAccommodation(
    "TTACCOM_04", topic="he",
    what="A learner whose earliest aim started on or after 1 August 2013 and who has a full-time or sandwich HE "
         "aim (MODESTUD 1) returns the term-time accommodation (TTACCOM) in a LearnerHE.",
    fix="Add a LearnerHE with TTACCOM.", scope=("he",))
