"""Topic ``act``: apprenticeship contract type (ACT) records and their date spans.

The ACT FAM is on FM36 programme aims and English and maths component aims. Its records
run without gaps or overlaps from the aim's LearnStartDate; the latest one stays open while
the aim continues and ends on the aim's closing date (LearnActEndDate, or the AchDate of a
completed standard) once it has ended. English and maths aims are identified by their ACT
records or the configured option ``english-maths-aims`` (LARS aim references), never by title.

Source: Recording apprenticeship programmes ('Apprenticeship
contract type (ACT)', 'Withdrawal', 'Apprentice takes an agreed break in learning',
'Recording apprenticeship standard completions') and the official rules ``R_101``,
``R_102``, ``R_104``, ``R_105``, ``R_121``-``R_123``, ``LearnDelFAMType_64``,
``LearnDelFAMDateFrom_02``/``_04``, ``LearnDelFAMDateTo_01``/``_05``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import AddFAM, RemoveFAMDateTo, SetFAMDateTo
from ilr_lint.model import Learner, LearningDelivery, LearningDeliveryFAM

GUIDE = "Recording apprenticeship programmes"
ACT = f"{GUIDE}: 'Apprenticeship contract type (ACT)'"
CLOSING = (f"{GUIDE}: 'Withdrawal from the apprenticeship programme', 'Apprentice takes an agreed break in "
           "learning' and 'Recording apprenticeship standard completions'")
DAY = timedelta(days=1)
OPTION = "english-maths-aims"


def _english_maths_refs(ctx: Context) -> tuple[str, ...]:
    return tuple(str(ref) for ref in ctx.option(OPTION, []))


def _is_english_maths(aim: LearningDelivery, ctx: Context, refs: tuple[str, ...]) -> bool:
    """An English or maths component: by its ACT records or the option, or (with --lars) its LARS BasicSkillsType."""
    if aim.is_english_maths_component(refs):
        return True
    found = ctx.lars.aim(aim.learn_aim_ref) if ctx.lars is not None and aim.aim_type == codes.AIM_COMPONENT else None
    return found is not None and found.is_english_maths(aim.learn_start_date)


def _dated_acts(aim: LearningDelivery) -> tuple[LearningDeliveryFAM, ...]:
    """The aim's ACT records that have a DateFrom (ILR232 reports the others), by DateFrom."""
    return tuple(f for f in aim.act_records() if f.date_from is not None)


def _consecutive(aim: LearningDelivery) -> Iterator[tuple[LearningDeliveryFAM, LearningDeliveryFAM]]:
    acts = _dated_acts(aim)
    return zip(acts, acts[1:])


def _closing_text(aim: LearningDelivery) -> str:
    if aim.closing_date is not None and aim.closing_date == aim.ach_date:
        return f"its AchDate {aim.ach_date} (a completed standard's ACT ends on the achievement date)"
    return f"its LearnActEndDate {aim.learn_act_end_date}"


def _mirrored_acts(programme: LearningDelivery, aim: LearningDelivery) -> tuple[AddFAM, ...]:
    """ACT records for ``aim`` copying the programme aim's contract types over the aim's own span."""
    end = aim.closing_date
    edits = []
    for act in _dated_acts(programme):
        start = max(act.date_from, aim.learn_start_date)  # type: ignore[type-var]
        stop = act.date_to
        if (stop is not None and stop < start) or (end is not None and start > end):
            continue
        if end is not None and (stop is None or stop > end):
            stop = end
        edits.append(AddFAM(aim.aim_seq_number, "ACT", act.code, date_from=start, date_to=stop))
    return tuple(edits)


@check(code="ILR230", name="apprenticeship-aim-needs-act", topic="act", scope=("fm36",), severity="error",
       rules=("LearnDelFAMType_64",), guidance=ACT)
def apprenticeship_aim_needs_act(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An FM36 programme aim, and an English or maths component aim, carries an apprenticeship contract type (ACT).

    **What.** Every programme aim (AimType 1) with FundModel 36 has at least one
    LearningDeliveryFAM of type ACT, and so has every FM36 component aim (AimType 3) that is an
    English or maths aim: with ``--lars`` by its LARS BasicSkillsType on its start date, and by
    the option ``english-maths-aims`` (LARS references of English and maths aims). Without
    either only programme aims are judged: the ILR alone does not say which aims are English
    or maths, and titles are never used to guess.

    **Why.** 'The Apprenticeship contract type (ACT) FAM type must be recorded on all
    apprenticeship programme aims, and English and maths component aims' (guidance,
    'Apprenticeship contract type (ACT)'); LearnDelFAMType_64.

    **Fix.** Programme aim: add an ACT record (1 contract with the employer via the
    apprenticeship service, 2 contract with the funder) with LearnDelFAMDateFrom = the aim's
    LearnStartDate. English or maths aim: add the ACT records of the programme aim, from the
    aim's LearnStartDate (the same codes over the same dates); the correction copies them.
    """
    refs = _english_maths_refs(ctx)
    for aim in learner.deliveries:
        if aim.fund_model != codes.FM_APPRENTICESHIPS or aim.has_fam("ACT"):
            continue
        if aim.is_programme_aim:
            yield Problem(
                f"FM36 programme aim {aim.aim_seq_number} has no ACT (apprenticeship contract type) record",
                f"Add LearningDeliveryFAM ACT with the contract type (1 or 2) and LearnDelFAMDateFrom "
                f"{aim.learn_start_date} (the LearnStartDate).",
                aim)
        elif (refs or ctx.lars is not None) and _is_english_maths(aim, ctx, refs):
            programme = learner.programme_aim_of(aim)
            edits = _mirrored_acts(programme, aim) if programme is not None else ()
            yield Problem(
                f"English or maths aim {aim.aim_seq_number} ({aim.learn_aim_ref}) has no ACT record",
                f"Add ACT records matching the programme aim's contract type, the first with LearnDelFAMDateFrom "
                f"{aim.learn_start_date} (the aim's LearnStartDate).",
                aim, edits=edits)


@check(code="ILR232", name="act-needs-date-from", topic="act", scope=("act",), severity="error",
       rules=("LearnDelFAMDateFrom_04",), guidance=ACT)
def act_needs_date_from(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Every ACT record has a LearnDelFAMDateFrom.

    **What.** No ACT record lacks its 'Date applies from'.

    **Why.** 'You must also complete the Date applies from field' (guidance, 'Apprenticeship
    contract type (ACT)'); LearnDelFAMDateFrom_04. Funding follows the dated ACT periods.

    **Fix.** Record LearnDelFAMDateFrom: the aim's LearnStartDate on the first ACT, the day
    after the previous ACT's DateTo on a later one.
    """
    for aim in learner.deliveries:
        for act in aim.fams_of("ACT"):
            if act.date_from is None:
                yield Problem(f"ACT {act.code} on aim {aim.aim_seq_number} has no LearnDelFAMDateFrom",
                              f"Record LearnDelFAMDateFrom (the LearnStartDate {aim.learn_start_date} on the first ACT "
                              "record, else the day after the previous ACT's DateTo).", aim, line=act.line)


@check(code="ILR233", name="first-act-from-start-date", topic="act", scope=("act",), severity="error",
       rules=("R_102", "LearnDelFAMDateFrom_02"), guidance=ACT)
def first_act_from_start_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The first ACT record applies from the aim's LearnStartDate.

    **What.** The earliest ACT record's LearnDelFAMDateFrom equals the aim's LearnStartDate.

    **Why.** 'The Date applies from for the first ACT record must be the same as the Learning
    start date' (guidance, 'Apprenticeship contract type (ACT)'); R_102 (an ACT from the first
    day), LearnDelFAMDateFrom_02 (not before the start).

    **Fix.** Set LearnDelFAMDateFrom of the first ACT record to the LearnStartDate; a restarted
    or transferred aim has its own ACT from its new start.
    """
    for aim in learner.deliveries:
        acts = _dated_acts(aim)
        if acts and acts[0].date_from != aim.learn_start_date:
            side = "before" if acts[0].date_from < aim.learn_start_date else "after"  # type: ignore[operator]
            yield Problem(
                f"the first ACT on aim {aim.aim_seq_number} applies from {acts[0].date_from}, {side} the "
                f"LearnStartDate {aim.learn_start_date}",
                f"Set LearnDelFAMDateFrom {aim.learn_start_date} on the first ACT record of aim {aim.aim_seq_number}.",
                aim, line=acts[0].line)


@check(code="ILR235", name="act-overlap", topic="act", scope=("act",), severity="error",
       rules=("R_101",), guidance=ACT)
def act_overlap(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An aim's ACT records do not overlap: each one ends before the next begins.

    **What.** When an ACT record follows another, the earlier one has a DateTo before the
    later one's DateFrom.

    **Why.** On a change of contract type 'Return the Date applies to field on the previous
    ACT record with the date that day before the change in contract type came into effect'
    (guidance, 'Apprenticeship contract type (ACT)'); an apprentice cannot be funded under two
    contract types at once (R_101).

    **Fix.** Set the earlier record's LearnDelFAMDateTo to the day before the later record's
    DateFrom. The correction does so; it is safe when the DateTo is missing and only a
    default when the two dates conflict.
    """
    for aim in learner.deliveries:
        for earlier, later in _consecutive(aim):
            if earlier.date_to is not None and earlier.date_to < later.date_from:  # type: ignore[operator]
                continue
            day_before = later.date_from - DAY  # type: ignore[operator]
            what = "has no DateTo" if earlier.date_to is None else f"runs to {earlier.date_to}"
            yield Problem(
                f"ACT {earlier.code} from {earlier.date_from} on aim {aim.aim_seq_number} {what} but ACT {later.code} "
                f"applies from {later.date_from}",
                f"Set LearnDelFAMDateTo {day_before} (the day before the next ACT's DateFrom) on the earlier ACT.",
                aim, line=earlier.line, edits=(SetFAMDateTo(aim.aim_seq_number, "ACT", earlier.date_from, day_before),),
                unsafe=earlier.date_to is not None)


@check(code="ILR236", name="act-gap", topic="act", scope=("act",), severity="error",
       rules=("R_104",), guidance=ACT)
def act_gap(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """Each later ACT record starts the day after the previous one's DateTo.

    **What.** No days lie between one ACT record's DateTo and the next record's DateFrom.

    **Why.** The new ACT has 'a Date applies from of the day after the Date applies to on the
    previous ACT record' (guidance, 'Apprenticeship contract type (ACT)'); an ACT covers the
    whole of the aim (R_104).

    **Fix.** Make the periods contiguous: the later DateFrom is the day after the earlier
    DateTo. The correction moves the earlier DateTo (a default to confirm).
    """
    for aim in learner.deliveries:
        for earlier, later in _consecutive(aim):
            if earlier.date_to is None or later.date_from - earlier.date_to <= DAY:  # type: ignore[operator]
                continue
            day_before = later.date_from - DAY  # type: ignore[operator]
            yield Problem(
                f"ACT on aim {aim.aim_seq_number} ends on {earlier.date_to} but the next ACT applies from "
                f"{later.date_from}: no contract type covers {earlier.date_to + DAY} to {day_before}",
                f"Set the next ACT's DateFrom to {earlier.date_to + DAY}, or the earlier ACT's DateTo to {day_before}.",
                aim, line=later.line,
                edits=(SetFAMDateTo(aim.aim_seq_number, "ACT", earlier.date_from, day_before),), unsafe=True)


def _latest_act(aim: LearningDelivery) -> LearningDeliveryFAM | None:
    acts = _dated_acts(aim)
    return acts[-1] if acts else None


@check(code="ILR237", name="continuing-aim-act-open", topic="act", scope=("act",), severity="error",
       rules=("R_123",), guidance=f"{ACT} and 'Apprentice is made redundant (redundancy)'")
def continuing_aim_act_open(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A continuing aim's latest ACT record has no DateTo.

    **What.** On an aim with CompStatus 1 the latest ACT record has no LearnDelFAMDateTo:
    a DateTo is recorded only when another ACT follows or the aim has been closed.

    **Why.** 'The Date applies to field should only be completed when either you need to add
    a new ACT record with a later Date applies from, or the aim has been closed' (guidance,
    'Apprenticeship contract type (ACT)'). A redundant apprentice keeps 'an ACT ... without an
    end date' while eligible to continue ('Apprentice is made redundant'). R_123.

    **Fix.** Remove LearnDelFAMDateTo from the latest ACT (the correction does, as a default
    to confirm); if the contract type changed, add the new ACT from the next day instead; if
    the apprentice left, close the aim. Not reported where the ACT ends on the aim's AchDate:
    that date is right, as the guidance dates a completed standard's ACT to it, and the
    status is what is wrong (ILR117: set CompStatus 2).
    """
    for aim in learner.deliveries:
        latest = _latest_act(aim)
        if (aim.comp_status == codes.CONTINUING and latest is not None and latest.date_to is not None
                and latest.date_to != aim.ach_date):
            yield Problem(
                f"aim {aim.aim_seq_number} is continuing (CompStatus 1) but its latest ACT ends on {latest.date_to}",
                "Remove LearnDelFAMDateTo from the latest ACT record (it stays open while the aim continues, also for "
                "a redundant apprentice still eligible); if the contract type changed, add the new ACT record from "
                f"{latest.date_to + DAY}; if the apprentice has left, close the aim.",
                aim, line=latest.line, edits=(RemoveFAMDateTo(aim.aim_seq_number, "ACT", latest.date_from),),
                unsafe=True)


def _closed_with_act(learner: Learner) -> Iterator[tuple[LearningDelivery, LearningDeliveryFAM, date]]:
    """Closed aims with a closing date, their latest ACT and that closing date."""
    for aim in learner.deliveries:
        latest = _latest_act(aim)
        if aim.is_closed and latest is not None and aim.closing_date is not None:
            yield aim, latest, aim.closing_date


def _set_latest(aim: LearningDelivery, latest: LearningDeliveryFAM, closing: date) -> tuple[SetFAMDateTo, ...]:
    """The edit giving the latest ACT its DateTo, unless the ACT starts after the aim closed."""
    if latest.date_from is not None and latest.date_from > closing:
        return ()
    return (SetFAMDateTo(aim.aim_seq_number, "ACT", latest.date_from, closing),)


def _standard_rule(aim: LearningDelivery) -> tuple[str, ...]:
    """R_121 (an FM36 standard's latest ACT ends on its AchDate) or R_122 (on its LearnActEndDate while
    no AchDate is returned); the rules name FM36 standards, the guidance closes every aim's ACT alike."""
    if aim.fund_model != codes.FM_APPRENTICESHIPS or not aim.is_standard:
        return ()
    return ("R_121",) if aim.ach_date is not None else ("R_122",)


@check(code="ILR239", name="closed-aim-act-date-to", topic="act", scope=("act",), severity="error",
       rules=("R_121", "R_122"), guidance=CLOSING)
def closed_aim_act_date_to(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A closed aim's latest ACT ends on its LearnActEndDate, or a completed standard's AchDate.

    **What.** Once an aim is closed (CompStatus 2, 3 or 6) the latest ACT record has a
    LearnDelFAMDateTo, and it is the aim's LearnActEndDate (withdrawal, break, transfer,
    component aims, frameworks) or, on a standard's programme aim with an AchDate, the
    AchDate. A DateTo after the AchDate is ILR240. On FM36 standards this is R_121 (AchDate)
    and R_122 (LearnActEndDate while no AchDate is returned); the guidance asks the same of
    every aim with ACT.

    **Why.** On withdrawal and on a break 'the Date applies to for the latest Apprenticeship
    contract type FAM records (on the programme aim and any English or maths aims) must be set
    to the Learning actual end date of the aim'; for a completed standard 'the Date applies to
    must be recorded on the latest ACT FAM record as the same date as the achievement date'
    (guidance, 'Recording apprenticeship standard completions').

    **Fix.** Set the latest ACT's LearnDelFAMDateTo to that date (the correction does so).
    """
    for aim, latest, closing in _closed_with_act(learner):
        date_to = latest.date_to
        if date_to is None:
            yield Problem(
                f"aim {aim.aim_seq_number} is closed (CompStatus {aim.comp_status}) but its latest ACT has no DateTo",
                f"Set LearnDelFAMDateTo {closing} on the latest ACT record: {_closing_text(aim)}.",
                aim, line=latest.line, edits=_set_latest(aim, latest, closing), rules=_standard_rule(aim))
        elif date_to != closing and (aim.ach_date is None or date_to <= aim.ach_date):
            yield Problem(
                f"the latest ACT on closed aim {aim.aim_seq_number} ends on {date_to}, not on {_closing_text(aim)}",
                f"Set LearnDelFAMDateTo {closing} on the latest ACT record.",
                aim, line=latest.line, edits=_set_latest(aim, latest, closing), rules=_standard_rule(aim))


@check(code="ILR240", name="act-date-to-after-ach-date", topic="act", scope=("act",), severity="error",
       rules=("LearnDelFAMDateTo_05",), guidance=f"{GUIDE}: 'Recording apprenticeship standard completions'")
def act_date_to_after_ach_date(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """No ACT record runs past the aim's AchDate.

    **What.** An ACT record's LearnDelFAMDateTo is never after the aim's AchDate.

    **Why.** A completed standard's latest ACT ends on 'the same date as the achievement date'
    (guidance, 'Recording apprenticeship standard completions'); nothing is funded after it.
    LearnDelFAMDateTo_05.

    **Fix.** Set the latest ACT's LearnDelFAMDateTo to the AchDate (the correction does so);
    an earlier ACT that runs past it is wrong too and needs its dates correcting.
    """
    for aim in learner.deliveries:
        if aim.ach_date is None:
            continue
        latest = _latest_act(aim)
        for act in _dated_acts(aim):
            if act.date_to is not None and act.date_to > aim.ach_date:
                edits = _set_latest(aim, act, aim.ach_date) if act is latest else ()
                yield Problem(
                    f"ACT {act.code} on aim {aim.aim_seq_number} ends on {act.date_to}, after the AchDate {aim.ach_date}",
                    f"Set LearnDelFAMDateTo {aim.ach_date} (the AchDate) on the latest ACT record and end no ACT after "
                    "it.", aim, line=act.line, edits=edits)


def _boundaries(aim: LearningDelivery) -> set[date]:
    """Days on which the aim's ACT coverage may change: each DateFrom and each day after a DateTo."""
    days = {a.date_from for a in _dated_acts(aim) if a.date_from is not None}
    return days | {a.date_to + DAY for a in _dated_acts(aim) if a.date_to is not None}


def _first_conflict(programme: LearningDelivery, aim: LearningDelivery
                    ) -> tuple[date, LearningDeliveryFAM, LearningDeliveryFAM] | None:
    """The first day both aims carry an ACT with different codes, and the aim's and programme's ACT."""
    start = max(programme.learn_start_date, aim.learn_start_date)
    ends = [d for d in (programme.closing_date, aim.closing_date) if d is not None]
    end = min(ends) if ends else None
    days = sorted(d for d in _boundaries(programme) | _boundaries(aim) | {start}
                  if d >= start and (end is None or d <= end))
    for day in days:
        mine, theirs = aim.fam_on("ACT", day), programme.fam_on("ACT", day)
        if mine is not None and theirs is not None and mine.code != theirs.code:
            return day, mine, theirs
    return None


@check(code="ILR241", name="act-matches-programme", topic="act", scope=("act",), severity="error",
       rules=("R_105",), guidance=ACT)
def act_matches_programme(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """English and maths aims carry the programme aim's ACT code over the same dates.

    **What.** On every day on which both an English or maths component aim and its programme
    aim carry an ACT, the two codes are the same: a change of contract type is recorded on
    the programme aim and its English and maths aims on the same date.

    **Why.** 'Create a new ACT record on the programme aim and English and maths component
    aims'; 'The ACT records for the programme aim and English and maths aims for the same
    apprenticeship programme must all have the same FAM code' (guidance, 'Apprenticeship
    contract type (ACT)'). A learner cannot be under two contract types at once (R_105).

    **Fix.** Record the same ACT code on the English or maths aim as on the programme aim from
    the date shown, ending and starting the records on the same days.
    """
    refs = _english_maths_refs(ctx)
    for aim in learner.deliveries:
        if not _is_english_maths(aim, ctx, refs):
            continue
        programme = learner.programme_aim_of(aim)
        if programme is None:
            continue
        conflict = _first_conflict(programme, aim)
        if conflict is not None:
            day, mine, theirs = conflict
            yield Problem(
                f"on {day} English or maths aim {aim.aim_seq_number} has ACT {mine.code} but its programme aim "
                f"{programme.aim_seq_number} has ACT {theirs.code}",
                f"Record ACT {theirs.code} on aim {aim.aim_seq_number} from {day}, with the same DateFrom and DateTo "
                "as the programme aim's ACT records.",
                aim, line=mine.line)
