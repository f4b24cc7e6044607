"""The ILR learner model: frozen dataclasses built from one ``<Learner>`` at a time.

Field names are the ILR field names in snake case (``LearnAimRef`` is ``learn_aim_ref``).
Dates are ``datetime.date``, whole numbers ``int``, absent fields ``None``; every record
keeps ``line``, the source line of its element, for reporting. Personal data that no check
needs (names, addresses, home postcodes, telephone, e-mail) is never read into the model: the
official rules on them see only derived booleans (a family name, given names, address line 1
returned; the postcodes and NI number in the funder's format or not), and UCASPERID and
HEPostCode only as ``has_ucasperid`` and ``he_post_code_well_formed``. Elements dropped or
added in a year (PHours, OTJActHours, AddHours, FworkCode, PwayCode, EmpOutcome up to
2025-26; HRSRecord, TLOut, AgreemId in 2026-27) are optional fields, ``None`` or empty
when the year has no such element.

Helpers that many checks need live here, once. The package is split by record: :mod:`.records` (the records
within a learner and an aim, and the Header), :mod:`.delivery` (LearningDelivery), :mod:`.learner` (Learner and
the destination and progression record) and :mod:`.formats` (value formats and date helpers); import every name
from ``ilr_lint.model``.
"""

from .delivery import LearningDelivery
from .formats import PERSONAL_FIELDS, employer_id_check_digit_ok, is_postcode_format, shift_years
from .learner import DPOutcome, Learner, LearnerDestinationandProgression
from .records import (AppFinRecord, EmployerChange, EmploymentStatusMonitoring, Header, HRSRecord,
                      LearnerEmploymentStatus, LearnerFAM, LearnerHE, LearnerHEFinancialSupport, LearningDeliveryFAM,
                      LearningDeliveryHE, LearningDeliveryWorkPlacement, LLDDandHealthProblem, PriorAttain,
                      ProviderSpecMonitoring)

__all__ = [
    "PERSONAL_FIELDS", "AppFinRecord", "DPOutcome", "EmployerChange", "EmploymentStatusMonitoring", "HRSRecord",
    "Header", "LLDDandHealthProblem", "Learner", "LearnerDestinationandProgression", "LearnerEmploymentStatus",
    "LearnerFAM", "LearnerHE", "LearnerHEFinancialSupport", "LearningDelivery", "LearningDeliveryFAM",
    "LearningDeliveryHE", "LearningDeliveryWorkPlacement", "PriorAttain", "ProviderSpecMonitoring",
    "employer_id_check_digit_ok", "is_postcode_format", "shift_years",
]
