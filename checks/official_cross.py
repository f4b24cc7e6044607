"""Topic ``cross``: official cross-record rules (``R_*``) on one learner, or across the file.

Rules of the funder's validation rules list, category "Cross Record", that the file alone
decides: duplicates (R_06, R_07, R_43, R_45, R_49-R_52, R_59, R_67, R_96), overlapping dates
(R_58, R_61, R_106, R_157), programme structure (R_56, R_63, R_100, R_126), prior attainment
(R_131, R_132, R_148, R_151) and the 2026-27 pairing of HRS 4 with RIP 1 (R_161, R_162).
Skills bootcamp programmes are in :mod:`.official_cross_bootcamp`; R_97 (employment
statuses) is in :mod:`.official_employment`. See :mod:`ilr_lint.official`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Hashable, Iterator, Sequence

from ilr_lint import codes
from ilr_lint.api import Context, Problem
from ilr_lint.checks.official_learner import PRIOR_ATTAIN_RETURNED
from ilr_lint.model import Learner, LearningDelivery, LearningDeliveryFAM
from ilr_lint.official.predicates import age
from ilr_lint.official.records import Item
from ilr_lint.official.rows import OfficialCheck, judged
from ilr_lint.official.unique import Firsts

TOPIC = "cross"


def repeats(records: Sequence[Any], key: Callable[[Any], Hashable]) -> list[Any]:
    """Each record whose ``key`` an earlier record of ``records`` already had (None keys never repeat)."""
    found: list[Any] = []
    if len(records) < 2:  # most learners: nothing can repeat
        return found
    seen: set[Hashable] = set()
    for record in records:
        value = key(record)
        if value is None:
            continue
        if value in seen:
            found.append(record)
        seen.add(value)
    return found


def _distinct(values: list[Hashable]) -> bool:
    """No value twice: a quick test before :func:`repeats` looks for which record repeats."""
    return len(set(values)) == len(values)


@judged("R_07", topic=TOPIC, what="A learner's aims have distinct AimSeqNumbers.",
        fix="Give each aim its own AimSeqNumber (they run 1, 2, 3 ... within the learner).")
def r_07(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    if _distinct([aim.aim_seq_number for aim in learner.deliveries]):
        return  # the usual case, without a key function per aim
    for aim in repeats(learner.deliveries, lambda a: a.aim_seq_number):
        yield aim, f"AimSeqNumber {aim.aim_seq_number} is used by another aim"


@judged("R_43", topic=TOPIC, what="A learner's employment statuses have distinct DateEmpStatApp.",
        fix="Keep one employment status per date: a later status is dated from when it applies.", scope=("statuses",))
def r_43(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for status in repeats(learner.employment_statuses, lambda e: e.date_emp_stat_app):
        yield status, f"another employment status is dated {status.date_emp_stat_app.isoformat()}"


@judged("R_45", topic=TOPIC, what="A learner has at most one LLDD and health problem record per LLDDCat.",
        fix="Remove the repeated LLDD category.", scope=("lldds",))
def r_45(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for record in repeats(learner.lldd_and_health_problems, lambda p: p.lldd_cat):
        yield record, f"LLDDCat {record.lldd_cat} is returned twice"


@judged("R_49", topic=TOPIC, what="A learner has at most one provider specified learner monitoring per occurrence "
        "code.", fix="Use occurrence A for one monitoring value and B for the other.",
        scope=("learner-monitoring",))
def r_49(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for record in repeats(learner.monitoring, lambda m: m.occur):
        yield record, f"ProvSpecLearnMonOccur {record.occur} is returned twice"


@judged("R_50", topic=TOPIC, what="An aim has at most one provider specified delivery monitoring per occurrence "
        "code.", fix="Use a different occurrence code (A to D) for each monitoring value.", scope=("monitoring",))
def r_50(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if len(aim.monitoring) < 2:
            continue
        for record in repeats(aim.monitoring, lambda m: m.occur):
            yield aim, f"ProvSpecDelMonOccur {record.occur} is returned twice on aim {aim.aim_seq_number}"


@judged("R_51", topic=TOPIC, what="A learner has at most one LearnerFAM of each type and code.",
        fix="Remove the repeated LearnerFAM.", scope=("learner-fams",))
def r_51(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for record in repeats(learner.fams, lambda f: (f.type, f.code)):
        yield record, f"LearnerFAM {record.type} {record.code} is returned twice"


DATED_FAMS = ("LSF", "ACT", "ALB")


@judged("R_52", topic=TOPIC, what="An aim has at most one LearningDeliveryFAM of each type and code, except the "
        "dated types LSF, ACT and ALB.", fix="Remove the repeated LearningDeliveryFAM.", scope=("repeated-fams",))
def r_52(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if len(aim.fams) < 2 or _distinct([(f.type, f.code) for f in aim.fams]):
            continue
        for record in repeats([f for f in aim.fams if f.type not in DATED_FAMS], lambda f: (f.type, f.code)):
            yield aim, f"LearningDeliveryFAM {record.type} {record.code} is returned twice on aim {aim.aim_seq_number}"


@judged("R_67", topic=TOPIC, what="An aim has at most one work placement per start date and employer.",
        fix="Remove the repeated work placement.", scope=("work_placement",))
def r_67(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if len(aim.work_placements) < 2:
            continue
        for record in repeats(aim.work_placements, lambda w: (w.start_date, w.emp_id)):
            yield aim, f"two work placements of aim {aim.aim_seq_number} start on {record.start_date} with one employer"


@judged("R_96", topic=TOPIC, what="A learner has at most one work placement per start date, across all aims. A "
        "repeat on one aim with the same employer is R_67's.", fix="Correct the placements' start dates.",
        scope=("work_placement",))
def r_96(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    seen: dict[date, tuple[LearningDelivery, Any]] = {}
    for aim in learner.deliveries:
        for placement in aim.work_placements:
            first = seen.setdefault(placement.start_date, (aim, placement))
            if first[1] is placement or (first[0] is aim and first[1].emp_id == placement.emp_id):
                continue
            yield aim, f"another work placement also starts on {placement.start_date}"


class FileUnique(OfficialCheck):
    """A value unique across the file's learners (``repeats``: which of :class:`~ilr_lint.official.unique.Firsts`'
    lists names the learners repeating one): the second learner with it is reported, once the file is read (so
    that a file split over processes finds the same). Both rules share what they keep of each learner, added by
    the first of them to meet the learner."""

    file_state = True

    def __init__(self, rule: str, repeats: str, fact: str, **kw: Any):
        super().__init__(rule, **kw)
        self._repeats, self._fact = repeats, fact

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        memo = ctx.memo(learner)
        if FIRSTS not in memo:
            memo[FIRSTS] = True
            firsts = ctx.scratch.get(FIRSTS)
            if firsts is None:
                firsts = ctx.scratch[FIRSTS] = Firsts.new(ctx)
            uln = learner.uln
            firsts.add(learner.learn_ref_number or "", None if uln == codes.TEMPORARY_ULN else uln, learner.line)
        return ()

    def finish(self, ctx: Context) -> Iterator[Problem]:
        firsts = ctx.scratch.get(FIRSTS)
        for line, learner, first in getattr(firsts, self._repeats) if firsts is not None else ():
            yield self.problem(ctx, self._fact.format(first=first), None, line=line, learner=learner)


FIRSTS = "official.firsts"  # the learners' Firsts in ctx.scratch, and in a learner's memo whether it is added

UNIQUE_LEARN_REF = FileUnique(
    "R_06", "repeated_refs", "learner {first} has the same LearnRefNumber", topic=TOPIC,
    what="Each learner's LearnRefNumber is unique within the file.",
    fix="Give each learner their own LearnRefNumber, or merge the two records into one.")

UNIQUE_ULN = FileUnique(
    "R_59", "repeated_ulns", "learner {first} has the same ULN", topic=TOPIC,
    what="No two learners in the file share a ULN (other than the temporary 9999999999).",
    fix="Correct the ULN, or merge the two records if they are one learner.")


def _ends(aim: LearningDelivery) -> date:
    return aim.learn_act_end_date or date.max


@judged("R_58", topic=TOPIC, what="A learner's core aims (AimType 5) do not overlap: a later one starts once the "
        "earlier has ended (on its LearnActEndDate at the earliest).",
        fix="Close the earlier core aim before the later one starts, or correct the dates.", scope=("core",))
def r_58(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    cores = [a for a in learner.deliveries if a.aim_type == codes.AIM_CORE]
    if len(cores) < 2:
        return
    cores.sort(key=lambda a: (a.learn_start_date, a.aim_seq_number))
    for earlier, later in zip(cores, cores[1:]):
        if later.learn_start_date < _ends(earlier):
            yield later, f"core aim {later.aim_seq_number} starts while core aim {earlier.aim_seq_number} is open"


def _fam_types(learner: Learner) -> list[str]:
    """The LearnDelFAMType of each of the learner's FAMs: a quick test before a search for overlaps or repeats."""
    return [f.type for aim in learner.deliveries for f in aim.fams]


def _overlapping(fams: Sequence[LearningDeliveryFAM], *, open_ended: bool) -> list[tuple[Any, Any]]:
    """Consecutive dated FAMs (by DateFrom) where the earlier's DateTo is after the later's DateFrom
    (``open_ended``: an earlier one without DateTo overlaps too)."""
    if len(fams) < 2:
        return []
    dated = sorted([f for f in fams if f.date_from is not None], key=lambda f: (f.date_from, f.line))
    return [(earlier, later) for earlier, later in zip(dated, dated[1:]) if (earlier.date_to is None and open_ended)
            or (earlier.date_to is not None and earlier.date_to > later.date_from)]


@judged("R_61", topic=TOPIC, what="An aim's learning support (LSF) records do not overlap, nor do its loans "
        "bursary (ALB) records: each ends before the next of its type starts. Two ALB records from the same date "
        "on an aim that R_157 judges are R_157's.",
        fix="Set the earlier record's LearnDelFAMDateTo before the later one's LearnDelFAMDateFrom.",
        scope=("support",))
def r_61(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    types = _fam_types(learner)
    if types.count("LSF") < 2 and types.count("ALB") < 2:
        return  # most learners: no two records to overlap
    for aim in learner.deliveries:
        for fam_type in ("LSF", "ALB"):
            for earlier, later in _overlapping(aim.fams_of(fam_type), open_ended=False):
                if not (fam_type == "ALB" and earlier.date_from == later.date_from and _r157_applies(aim, ctx)):
                    yield aim, f"{fam_type} ending {earlier.date_to} overlaps the one from {later.date_from}"


R_157_FROM = date(2026, 8, 1)
LSF_FROM = date(2016, 8, 1)  # R_106


def _r157_applies(aim: LearningDelivery, ctx: Context) -> bool:
    """R_157 (two ALB records from one date) judges the aim: from 2026-27, aims started from 1 August 2026."""
    return ctx.year.code >= "2627" and aim.learn_start_date >= R_157_FROM


@judged("R_106", topic=TOPIC, what="At no time does a learner have two learning support (LSF) records applying "
        "from 1 August 2016, across all aims. Overlaps on one aim that R_61 reports are left to it.",
        fix="Record learning support on one aim at a time: end one LSF before the next starts.", scope=("support",))
def r_106(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    lsf = [f for aim in learner.deliveries for f in aim.fams
           if f.type == "LSF" and f.date_from and f.date_from >= LSF_FROM]
    if len(lsf) < 2:
        return
    owner = {id(f): aim for aim in learner.deliveries for f in aim.fams}
    for earlier, later in _overlapping(lsf, open_ended=True):
        same_aim = owner[id(earlier)] is owner[id(later)]
        if not (same_aim and earlier.date_to is not None):  # R_61's case
            yield owner[id(later)], f"LSF from {later.date_from} overlaps another LSF record"
            return


@judged("R_157", topic=TOPIC, what="An aim started from 1 August 2026 has at most one loans bursary (ALB) record "
        "per LearnDelFAMDateFrom.", fix="Keep one ALB record per date.", scope=("support",))
def r_157(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    if _fam_types(learner).count("ALB") < 2:
        return
    for aim in learner.deliveries:
        if _r157_applies(aim, ctx):
            for record in repeats(aim.fams_of("ALB"), lambda f: f.date_from):
                yield aim, f"two ALB records apply from {record.date_from}"


@judged("R_56", topic=TOPIC, what="An open non-funded programme aim (FundModel 99, AimType 1, no LearnActEndDate) "
        "has no funded component aim (AimType 3, FundModel other than 99) with its ProgType and StdCode.",
        fix="Record the component as non-funded (FundModel 99), or fund the programme aim.", scope=("non-funded",))
def r_56(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        programme = learner.open_non_funded_programme_of(aim)
        if programme is not None:
            yield aim, (f"funded component aim {aim.aim_seq_number} (FundModel {aim.fund_model}) belongs to the open "
                        f"non-funded programme aim {programme.aim_seq_number}")


@judged("R_63", topic=TOPIC, what="A 16-19 funded learner (an aim with FundModel 25) has a core aim (AimType 5). "
        "FundModel 25 aims with source of funding 105 do not count.", fix="Record the study programme's core aim.",
        scope=("16-19",))
def r_63(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    funded = None
    for aim in learner.deliveries:
        if aim.aim_type == codes.AIM_CORE:
            return
        if funded is None and aim.fund_model == codes.FM_16_19 and not aim.has_fam("SOF", 105):
            funded = aim
    if funded is not None:
        yield funded, "no aim is the core aim (AimType 5)"


@judged("R_100", topic=TOPIC, what="A completed (CompStatus 2) apprenticeship standard programme aim (ProgType 25, "
        "AimType 1) has an assessment price (TNP 2 or 4). Non-funded standards (FundModel 99) are exempt.",
        fix="Record the end-point assessment price (TNP 2, or TNP 4 after a change).", scope=("apprenticeship",))
def r_100(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if (aim.comp_status == codes.COMPLETED and aim.is_standard_programme_aim
                and aim.fund_model != codes.FM_NON_FUNDED and not aim.fin_records("TNP", 2, 4)):
            yield aim, f"completed standard programme aim {aim.aim_seq_number} has no TNP 2 or TNP 4"


@judged("R_126", topic=TOPIC, what="A T Level or T Level foundation year programme aim (AimType 1, ProgType 31 or "
        "30) has a component or core aim (AimType 3 or 5) with the same FundModel and ProgType.",
        fix="Record the programme's core and component aims.", scope=("tlevel",))
def r_126(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if aim.prog_type in TLEVELS and aim.is_programme_aim and not any(
                other.aim_type in (codes.AIM_COMPONENT, codes.AIM_CORE)
                and (other.fund_model, other.prog_type) == (aim.fund_model, aim.prog_type)
                for other in learner.deliveries):
            yield aim, f"programme aim {aim.aim_seq_number} (ProgType {aim.prog_type}) has no component or core aim"


TLEVELS = (codes.PROG_TLEVEL, codes.PROG_TLEVEL_FOUNDATION)
PRIOR_RULE_FM = frozenset({36, 35, 37, 38, 99, 81})  # R_131; and 39 from 2026-27
PRIOR_RULE_FM_2627 = PRIOR_RULE_FM | {39}


@judged("R_131", topic=TOPIC, what="A learner with an apprenticeship, adult skills, bootcamp, Adult Skills Fund, "
        "non-funded or other adult aim (FundModel 36, 35, 37, 38, 99, 81; 39 from 2026-27) has a prior attainment "
        "record dated on or before the earliest start of those aims. A learner with no prior attainment at all "
        "that PriorAttain_01 reports is left to it.", fix="Record the prior attainment that applied at the start.",
        scope=("fm36", "adult-skills", "bootcamp", "units", "other-adult", "non-funded"))
def r_131(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    fund_models = PRIOR_RULE_FM_2627 if ctx.year.code >= "2627" else PRIOR_RULE_FM
    aims = [a for a in learner.deliveries if a.fund_model in fund_models]
    if not aims:
        return
    start = min([a.learn_start_date for a in aims])
    if any(p.date_level_app is not None and p.date_level_app <= start for p in learner.prior_attain):
        return
    if not learner.prior_attain and PRIOR_ATTAIN_RETURNED.when(Item(learner, learner, learner, ctx)):
        return
    first = min(aims, key=lambda a: (a.learn_start_date, a.aim_seq_number))
    yield first, f"no prior attainment is dated on or before {start}"


def _on_benefits(learner: Learner, aim: LearningDelivery) -> bool:
    """DD38: an adult skills (FundModel 35) learner unemployed, or on low pay, with benefits at the aim's start."""
    status = learner.employment_status_on(aim.learn_start_date)
    if aim.fund_model != codes.FM_ADULT_SKILLS_OLD or status is None:
        return False
    bsi = {m.code for m in status.monitoring if m.type == "BSI"}
    eii = {m.code for m in status.monitoring if m.type == "EII"}
    return ((status.emp_stat in (10, 11, 12, 98) and 1 in bsi) or (status.emp_stat in (11, 12) and bsi & {4, 5, 6})
            or (status.emp_stat == 10 and bool(eii & {2, 5, 6}) and bool(bsi & {4, 5, 6})))


@judged("R_132", topic=TOPIC, what="A Level 3 free courses for jobs aim (LDM 378) started from 1 April 2022 to 31 "
        "July 2024 by a learner with a full level 3 or above (PriorLevel 6-10, 97, 98) is for a learner unemployed "
        "on benefits (DD38) or a low wage learner (LDM 382). Devolved delivery exclusions (DAM 023) are exempt.",
        fix="Record LDM 382 if the learner is on low wages, or correct LDM 378.", scope=("free-courses",))
def r_132(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    if not any(p.prior_level in (6, 7, 8, 9, 10, 97, 98) for p in learner.prior_attain):
        return
    for aim in learner.deliveries:
        if (date(2022, 4, 1) <= aim.learn_start_date <= date(2024, 7, 31) and aim.has_fam("LDM", 378)
                and not aim.has_fam("LDM", 382) and not aim.has_fam("DAM", "023") and not _on_benefits(learner, aim)):
            yield aim, "LDM 378 for a learner with a full level 3, neither on benefits nor LDM 382"


FREE_COURSES_FROM = date(2024, 8, 1)  # R_148, R_151


def _age_at(learner: Learner, day: date) -> int | None:
    return None if learner.date_of_birth is None else age(learner.date_of_birth, day)


@judged("R_148", topic=TOPIC, what="A Level 3 free courses for jobs aim (LDM 378) started from 1 August 2024 by a "
        "learner aged 19 to 23 is for a learner earning below the threshold (LDM 391) or without a full level 3 "
        "(PriorLevel 1-5 or 99).", fix="Record LDM 391 if the learner earns below the threshold, or correct LDM 378.",
        scope=("free-courses",))
def r_148(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if aim.learn_start_date < FREE_COURSES_FROM or not aim.has_fam("LDM", 378) or aim.has_fam("LDM", 391):
            continue
        years = _age_at(learner, aim.learn_start_date)
        if years is not None and 19 <= years <= 23 and not any(p.prior_level in (1, 2, 3, 4, 5, 99)
                                                              for p in learner.prior_attain):
            yield aim, "LDM 378 for a learner aged 19 to 23 without LDM 391 or a prior level below full level 3"


@judged("R_151", topic=TOPIC, what="An Adult Skills Fund (FundModel 38) Level 3 free courses for jobs aim (LDM 378) "
        "started from 1 August 2024 by a learner 24 or over is for a learner earning below the threshold (LDM 391). "
        "Devolved delivery exclusions (DAM 023) are exempt.",
        fix="Record LDM 391 if the learner earns below the threshold, or correct LDM 378.", scope=("adult-skills",))
def r_151(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if (aim.fund_model != codes.FM_ADULT_SKILLS or aim.learn_start_date < FREE_COURSES_FROM
                or not aim.has_fam("LDM", 378) or aim.has_fam("LDM", 391) or aim.has_fam("DAM", "023")):
            continue
        years = _age_at(learner, aim.learn_start_date)
        if years is not None and years >= 24:
            yield aim, "LDM 378 for a learner 24 or over without LDM 391"


@judged("R_161", topic=TOPIC, what="An aim with HRS 4 (off-the-job hours reduced for prior learning) has the price "
        "reduction for prior learning (AppFinRecord RIP 1).", fix="Record AppFinRecord RIP 1, or remove HRS 4.",
        scope=("hrs",))
def r_161(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if aim.hrs(4) is not None and not aim.fin_records("RIP", 1):
            yield aim, f"aim {aim.aim_seq_number} has HRS 4 but no RIP 1"


@judged("R_162", topic=TOPIC, what="An aim with the price reduction for prior learning (AppFinRecord RIP 1) has HRS 4 "
        "(off-the-job hours reduced for prior learning).", fix="Record HRSRecord HRS 4, or remove RIP 1.",
        scope=("fin",))
def r_162(learner: Learner, ctx: Context) -> Iterator[tuple[Any, str]]:
    for aim in learner.deliveries:
        if aim.fin_records("RIP", 1) and aim.hrs(4) is None:
            yield aim, f"aim {aim.aim_seq_number} has RIP 1 but no HRS 4"
