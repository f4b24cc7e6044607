"""Which aims the QAR counts: the methodology's 'Learning aims' and 'Identifying apprenticeship aims'.

Apprenticeships: programme aims (AimType 1) with ProgType 2, 3, 10, 20-23 or 25 under
funding model 35, 36 or 81 (and 99, kept so that the non-funded exclusion can say so).
Education and training: aims that are not apprenticeship or traineeship aims, under adult
skills (FM35 before 2024-25, FM38 from 2024-25), 16-19 (FM25), tailored learning (FM11),
advanced learner loans (FM99 with ADL; FM99 without it is kept and excluded as non-funded)
and community learning (FM10, kept and excluded by education and training scenario 13).
Apprenticeship component aims and every other funding model are not QAR aims at all.
"""

from __future__ import annotations

from ilr_lint import codes
from ilr_lint.model import LearningDelivery

APPRENTICESHIP = "apprenticeship"
EDUCATION_AND_TRAINING = "education_and_training"
PROVISIONS = (APPRENTICESHIP, EDUCATION_AND_TRAINING)

APPRENTICESHIP_PROG_TYPES = frozenset({2, 3, 10, 20, 21, 22, 23, codes.PROG_STANDARD})
APPRENTICESHIP_FUND_MODELS = frozenset({codes.FM_ADULT_SKILLS_OLD, codes.FM_APPRENTICESHIPS,
                                        codes.FM_OTHER_ADULT, codes.FM_NON_FUNDED})
ADULT_SKILLS_FM38_FROM = 2024  # adult skills is FM35 before 2024-25 and FM38 from 2024-25


def adult_skills_model(year: int) -> int:
    """The adult skills funding model in the funding year starting in ``year``."""
    return codes.FM_ADULT_SKILLS if year >= ADULT_SKILLS_FM38_FROM else codes.FM_ADULT_SKILLS_OLD


def education_and_training_models(year: int) -> frozenset[int]:
    return frozenset({adult_skills_model(year), codes.FM_16_19, codes.FM_TAILORED, codes.FM_COMMUNITY,
                      codes.FM_NON_FUNDED})


def provision_of(aim: LearningDelivery, year: int) -> str | None:
    """``APPRENTICESHIP``, ``EDUCATION_AND_TRAINING`` or ``None`` (not a QAR aim) in ``year``'s file."""
    if aim.prog_type in APPRENTICESHIP_PROG_TYPES:
        if aim.aim_type == codes.AIM_PROGRAMME and aim.fund_model in APPRENTICESHIP_FUND_MODELS:
            return APPRENTICESHIP
        return None
    if aim.prog_type == codes.PROG_TRAINEESHIP:
        return None  # traineeships left the education and training dataset from 2024 to 2025
    if aim.fund_model in education_and_training_models(year):
        return EDUCATION_AND_TRAINING
    return None
