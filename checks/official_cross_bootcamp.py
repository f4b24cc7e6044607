"""Topic ``cross``: official cross-record rules on skills bootcamp programmes (ProgType 32).

A bootcamp's aims belong together when they share FundModel, ProgType and contract reference
(ConRefNumber); its "programme start" is the earliest LearnStartDate of the programme aims
(AimType 1) with that contract reference. Rules R_134-R_154 of the funder's validation rules
list; see :mod:`ilr_lint.official` and :mod:`.official_cross`.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, Iterator

from ilr_lint import codes
from ilr_lint.api import Context
from ilr_lint.checks.official_delivery import BOOTCAMP_EVENT_AIMS
from ilr_lint.model import Learner, LearningDelivery
from ilr_lint.official.rows import judged

TOPIC = "cross"
BOOTCAMP = codes.PROG_BOOTCAMP
EVENT_AIMS = frozenset({"Z0059747", "Z0059748", "Z0059749", "Z0060439", "Z0009541", "Z0060440", "Z0060441",
                        "Z0060442", "Z0060443"})
EVENTS_FROM = date(2025, 8, 1)  # event aims give way to the EVI event indicator


def _group(aim: LearningDelivery) -> tuple[int, int | None, str | None]:
    return (aim.fund_model, aim.prog_type, aim.con_ref_number)


def _programmes(learner: Learner, aim: LearningDelivery) -> list[LearningDelivery]:
    """The bootcamp programme aims with ``aim``'s FundModel, ProgType and ConRefNumber, by start."""
    return sorted((p for p in learner.deliveries if p.aim_type == codes.AIM_PROGRAMME and _group(p) == _group(aim)),
                  key=lambda p: (p.learn_start_date, p.aim_seq_number))


def _programme_start(learner: Learner, con_ref: str | None) -> date | None:
    """The earliest start of the learner's bootcamp programme aims with contract reference ``con_ref``."""
    return min((p.learn_start_date for p in learner.deliveries
                if p.prog_type == BOOTCAMP and p.aim_type == codes.AIM_PROGRAMME and p.con_ref_number == con_ref),
               default=None)


def _bootcamp_programmes(learner: Learner) -> Iterator[tuple[LearningDelivery, date]]:
    """Each bootcamp programme aim with the programme start of its contract reference."""
    for aim in learner.deliveries:
        if aim.prog_type == BOOTCAMP and aim.aim_type == codes.AIM_PROGRAMME:
            yield aim, _programme_start(learner, aim.con_ref_number)  # type: ignore[misc]


def _is_event(aim: LearningDelivery) -> bool:
    return aim.aim_type == codes.AIM_COMPONENT and aim.learn_aim_ref.upper() in EVENT_AIMS


@judged("R_134", topic=TOPIC, what="A learner with OET 2 (small or medium employer) on an employment status has a "
        "skills bootcamp aim (ProgType 32). Devolved delivery exclusions (DAM 023) are exempt.",
        fix="Remove OET 2: it is only used for skills bootcamp learners.")
def r_134(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    flagged = [status for status in learner.employment_statuses if status.has_esm("OET", 2)]
    if not flagged or any(a.prog_type == BOOTCAMP or a.has_fam("DAM", "023") for a in learner.deliveries):
        return
    for status in flagged:
        yield status, "OET 2 without a skills bootcamp aim"


@judged("R_135", topic=TOPIC, what="A skills bootcamp component aim (AimType 3, ProgType 32) has a programme aim with "
        "its FundModel, ProgType and ConRefNumber. A component with no programme aim of its ProgType and FundModel "
        "at all is ILR200's (R_30, R_66).", fix="Give the component the ConRefNumber of its programme aim.",
        scope=("bootcamp",))
def r_135(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if aim.aim_type == codes.AIM_COMPONENT and aim.prog_type == BOOTCAMP and not _programmes(learner, aim) and any(
                p.aim_type == codes.AIM_PROGRAMME and (p.fund_model, p.prog_type) == (aim.fund_model, aim.prog_type)
                for p in learner.deliveries):
            yield aim, f"no bootcamp programme aim has ConRefNumber {aim.con_ref_number}"


@judged("R_136", topic=TOPIC, what="A skills bootcamp programme aim (AimType 1, ProgType 32) has a component aim "
        "with its FundModel, ProgType and ConRefNumber. A component with another ConRefNumber is R_135's.",
        fix="Record the bootcamp's component aim.", scope=("bootcamp",))
def r_136(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if aim.aim_type == codes.AIM_PROGRAMME and aim.prog_type == BOOTCAMP and not any(
                c.aim_type == codes.AIM_COMPONENT and _group(c)[:2] == _group(aim)[:2] for c in learner.deliveries):
            yield aim, f"programme aim {aim.aim_seq_number} has no component aim with its ConRefNumber"


@judged("R_140", topic=TOPIC, what="A skills bootcamp component aim is not open (no LearnActEndDate) while the latest "
        "programme aim with its FundModel, ProgType and ConRefNumber is closed.",
        fix="Close the component aim, or reopen the programme aim.", scope=("bootcamp",))
def r_140(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if aim.aim_type == codes.AIM_COMPONENT and aim.prog_type == BOOTCAMP and aim.learn_act_end_date is None:
            programmes = _programmes(learner, aim)
            if programmes and programmes[-1].learn_act_end_date is not None:
                yield aim, f"component aim {aim.aim_seq_number} is open but programme aim {programmes[-1].aim_seq_number} is closed"


@judged("R_143", topic=TOPIC, what="A closed skills bootcamp's latest programme aim does not end before the latest "
        "end of its component aims (same FundModel, ProgType and ConRefNumber).",
        fix="Set the programme aim's LearnActEndDate to the last component's, or correct the components.",
        scope=("bootcamp",))
def r_143(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        programmes = _programmes(learner, aim) if aim.aim_type == codes.AIM_PROGRAMME and aim.prog_type == BOOTCAMP else []
        if not programmes or programmes[-1] is not aim or aim.learn_act_end_date is None:
            continue
        ends = [c.learn_act_end_date for c in learner.deliveries
                if c.aim_type == codes.AIM_COMPONENT and _group(c) == _group(aim) and c.learn_act_end_date is not None]
        if ends and aim.learn_act_end_date < max(ends):
            yield aim, f"LearnActEndDate {aim.learn_act_end_date} is before a component's {max(ends)}"


@judged("R_144", topic=TOPIC, what="A skills bootcamp programme aim started from 1 August 2023 has no AchDate before "
        "the programme start (the earliest start of the programme aims with its ConRefNumber).",
        fix="Correct the AchDate.", scope=("bootcamp",))
def r_144(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim, start in _bootcamp_programmes(learner):
        if aim.learn_start_date >= date(2023, 8, 1) and aim.ach_date is not None and aim.ach_date < start:
            yield aim, f"AchDate {aim.ach_date} is before the programme start {start}"


@judged("R_138", topic=TOPIC, what="A completed skills bootcamp programme aim (CompStatus 2) started by 31 July 2025 "
        "has an AchDate on the latest programme aim, or one of the event aims Z0059747-Z0059749 is recorded. "
        "Not asked once the file is prepared more than six months after the LearnActEndDate.",
        fix="Record the AchDate (the learner's offer of a job or new role) or the event aim.", scope=("bootcamp",))
def r_138(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    completed = [aim for aim in learner.deliveries if aim.prog_type == BOOTCAMP and aim.aim_type == codes.AIM_PROGRAMME
                 and aim.comp_status == codes.COMPLETED and aim.learn_start_date < EVENTS_FROM]
    if not completed or any(a.learn_aim_ref.upper() in BOOTCAMP_EVENT_AIMS for a in learner.deliveries):
        return
    for aim in completed:
        end = aim.learn_act_end_date
        if end is not None and ctx.file_preparation_date > _months_later(end, 6):
            continue
        if _programmes(learner, aim)[-1].ach_date is None:
            yield aim, f"completed programme aim {aim.aim_seq_number} has no AchDate and no event aim"


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@judged("R_150", topic=TOPIC, what="For a skills bootcamp programme started from 1 August 2024 to 31 July 2025, no "
        "event aim starts before the programme start of its ConRefNumber.", fix="Correct the event aim's start.",
        scope=("bootcamp",))
def r_150(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        start = _programme_start(learner, aim.con_ref_number) if _is_event(aim) else None
        if start is not None and date(2024, 8, 1) <= start <= date(2025, 7, 31) and aim.learn_start_date < start:
            yield aim, f"event aim {aim.aim_seq_number} starts before the programme start {start}"


@judged("R_152", topic=TOPIC, what="A skills bootcamp whose programme started before 1 August 2025 has no event "
        "indicator (LearningDeliveryFAM EVI). Its finding replaces LearnDelFAMDateFrom_06's on the same aim: an "
        "EVI dated before 1 August 2025 on such a programme is one fault, the EVI itself.",
        fix="Record the event as an event aim instead of EVI.", supersedes=("LearnDelFAMDateFrom_06",),
        scope=("bootcamp",))
def r_152(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim, start in _bootcamp_programmes(learner):
        if start < EVENTS_FROM and aim.has_fam("EVI"):
            yield aim, f"EVI on a programme started {start}"


@judged("R_153", topic=TOPIC, what="A skills bootcamp whose programme started from 1 August 2025 has no event "
        "indicator (EVI) applying from before 1 August 2025.", fix="Correct the EVI's LearnDelFAMDateFrom.",
        scope=("bootcamp",))
def r_153(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim, start in _bootcamp_programmes(learner):
        if start >= EVENTS_FROM and any(f.date_from is not None and f.date_from < EVENTS_FROM for f in aim.fams_of("EVI")):
            yield aim, "EVI applies from before 1 August 2025"


@judged("R_154", topic=TOPIC, what="A skills bootcamp whose programme started from 1 August 2025 has no event aims "
        "(AimType 3 with LearnAimRef Z0059747-Z0059749, Z0009541, Z0060439-Z0060443): it records events with EVI.",
        fix="Remove the event aim and record the event with LearningDeliveryFAM EVI on the programme aim.",
        scope=("bootcamp",))
def r_154(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        start = _programme_start(learner, aim.con_ref_number) if _is_event(aim) else None
        if start is not None and start >= EVENTS_FROM:
            yield aim, f"event aim {aim.aim_seq_number} in a programme started {start}"
