"""Topic ``finance``: apprenticeship financial records (AppFinRecord: TNP prices, PMR payments).

Source: Recording apprenticeship programmes ('Funding model 36:
recording financial data', 'Recording apprenticeship standards', 'Apprentice changes employer
during the apprenticeship', 'Changes in negotiated price during the programme (TNP)',
'Apprentice takes an agreed break in learning', 'Transfers ...') and the official rules
``AFinType_*``, ``AFinDate_*``, ``EPAOrgID_*``, ``R_68``, ``R_119``, ``R_142``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterator

from ilr_lint import codes
from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import AddAppFinRecord
from ilr_lint.model import AppFinRecord, Learner, LearningDelivery
from ilr_lint.wording import plural

APPS = "Recording apprenticeship programmes"
FINANCIAL = f"{APPS}: 'Funding model 36: recording financial data'"
STANDARDS = f"{APPS}: 'Recording apprenticeship standards'"
PRICE_CHANGES = f"{APPS}: 'Changes in negotiated price during the programme (TNP)'"
EMPLOYER_CHANGE = f"{APPS}: 'Apprentice changes employer during the apprenticeship'"
BREAK = f"{APPS}: 'Apprentice takes an agreed break in learning'"
R119_FROM = date(2019, 2, 1)  # R_119 applies to starts from 1 February 2019
R142_FROM = date(2022, 8, 1)  # R_142 applies to open programmes started from 1 August 2022


def carries_prices(aim: LearningDelivery) -> bool:
    """A programme aim that holds the programme's AppFinRecords: funding model 36, or a funding
    model 81 apprenticeship standard (the pre-May-2017 'trailblazer' standards, AFinType_04)."""
    return aim.is_programme_aim and (
        aim.fund_model == codes.FM_APPRENTICESHIPS
        or (aim.fund_model == codes.FM_OTHER_ADULT and aim.is_standard))


def fm36_programme_aims(learner: Learner) -> Iterator[LearningDelivery]:
    return (a for a in learner.programme_aims() if a.fund_model == codes.FM_APPRENTICESHIPS)


def describe(record: AppFinRecord) -> str:
    return f"{record.type} {record.code} dated {record.date.isoformat()}"


@check(code="ILR260", name="fin-record-on-wrong-aim", topic="finance", scope=("fin",), severity="error",
       rules=("AFinType_04",), guidance=FINANCIAL)
def fin_record_on_wrong_aim(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """AppFinRecords are returned only on an apprenticeship programme aim.

    **What.** An aim with TNP or PMR records is a programme aim (AimType 1) of funding model 36,
    or of a funding model 81 apprenticeship standard.

    **Why.** The guidance ('Funding model 36: recording financial data') says the programme's
    financial records are associated with the programme aim; the funder rejects them on any
    other aim (AFinType_04).

    **Fix.** Move the price and payment records to the programme aim (ZPROG001, AimType 1) of
    the apprenticeship, or remove them from an aim that is not an apprenticeship programme aim.
    """
    for aim in learner.deliveries:
        if aim.app_fin_records and not carries_prices(aim):
            first = min(aim.app_fin_records, key=lambda r: r.line)
            yield Problem(
                f"aim {aim.aim_seq_number} (AimType {aim.aim_type}, FundModel {aim.fund_model}) has "
                f"{plural(len(aim.app_fin_records), 'AppFinRecord')}; they belong only on the programme aim "
                "of a funding model 36 apprenticeship (or a funding model 81 standard)",
                "Move the TNP and PMR records to the apprenticeship's programme aim (ZPROG001, AimType 1), "
                "or remove them if this learning is not part of a funded apprenticeship.",
                aim, line=first.line)


@check(code="ILR261", name="programme-needs-price", topic="finance", scope=("fm36",), severity="error",
       rules=("AFinType_12",), guidance=f"{FINANCIAL}; {BREAK}")
def programme_needs_price(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A funding model 36 programme aim has at least one negotiated price (TNP) record.

    **What.** Every FM36 programme aim carries a TNP record, including a programme aim restarted
    after a break or opened after a transfer: each has its own price.

    **Why.** The guidance ('Funding model 36: recording financial data') requires the price
    agreed with the employer to be recorded at the start of the programme; funding is
    calculated from it, and the funder rejects a programme without one (AFinType_12). After a
    break, the price on the new programme aim should be the same as before the break unless a
    new price was negotiated ('Apprentice takes an agreed break in learning').

    **Fix.** Add a TNP 1 record (training price) dated the programme's LearnStartDate, and for a
    standard a TNP 2 (end-point assessment price) once the assessment organisation is chosen.
    For a restart after a break, ``--fix`` can add the latest prices from before the break,
    dated the new start (unsafe: confirm no new price was negotiated).
    """
    for aim in fm36_programme_aims(learner):
        if aim.fin_records(codes.TNP):
            continue
        edits = restart_prices(learner, aim)
        yield Problem(
            f"programme aim {aim.aim_seq_number} is funded through funding model 36 but has no price (TNP) record",
            f"Add a TNP 1 record dated {aim.learn_start_date.isoformat()} (the LearnStartDate) with the training "
            "price agreed with the employer; for a standard add TNP 2 for the end-point assessment price once the "
            "assessment organisation is chosen."
            + (" After a break, record the same prices as before it unless a new price was negotiated." if edits
               else ""),
            aim, edits=edits, unsafe=bool(edits))


def restart_prices(learner: Learner, aim: LearningDelivery) -> tuple[AddAppFinRecord, ...]:
    """For a restart (RES) after a break: the break aim's latest training and assessment prices,
    dated the restart's LearnStartDate. Empty when ``aim`` is not such a restart."""
    before = learner.previous_programme_aim(aim)
    if not aim.has_fam("RES") or before is None or before.comp_status != codes.BREAK:
        return ()
    latest = {r.code in codes.TNP_ASSESSMENT: r for r in before.fin_records(codes.TNP)}  # by date: last wins
    return tuple(AddAppFinRecord(aim.aim_seq_number, codes.TNP, r.code, aim.learn_start_date, r.amount)
                 for _, r in sorted(latest.items()))


@check(code="ILR262", name="price-from-programme-start", topic="finance", scope=("fin",), severity="error",
       rules=("AFinType_13",), guidance=f"{FINANCIAL}; {BREAK}")
def price_from_programme_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A funding model 36 programme has a price that applies from its first day.

    **What.** At least one TNP record on an FM36 programme aim is dated the aim's
    LearnStartDate. This holds for every programme aim, including one restarted after a break
    (RES) or opened after a transfer: each has its own TNP from its new start.

    **Why.** The guidance ('Funding model 36: recording financial data') says the financial
    record date for the initial record(s) must be the start date of the programme aim; after a
    break, the price details are recorded on the new programme aim ('Apprentice takes an agreed
    break in learning'). The funder rejects a programme with no price from its start
    (AFinType_13).

    **Fix.** Date the initial TNP record(s) from the programme aim's LearnStartDate.
    """
    for aim in fm36_programme_aims(learner):
        prices = aim.fin_records(codes.TNP)
        if prices and all(r.date != aim.learn_start_date for r in prices):
            restart = " (a restarted programme needs its own price from its new start)" if aim.has_fam("RES") else ""
            yield Problem(
                f"programme aim {aim.aim_seq_number} started {aim.learn_start_date.isoformat()} but no price "
                f"(TNP) is dated that day; the earliest is {describe(prices[0])}{restart}",
                f"Date the initial TNP record(s) {aim.learn_start_date.isoformat()}, the programme aim's "
                "LearnStartDate.",
                aim, line=prices[0].line)


@check(code="ILR263", name="assessment-price-needs-epao", topic="finance", scope=("fin",), severity="error",
       rules=("EPAOrgID_02",), guidance=STANDARDS)
def assessment_price_needs_epao(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An end-point assessment price (TNP 2 or 4) needs the assessment organisation (EPAOrgID).

    **What.** A programme aim with a TNP 2 or TNP 4 record has an EPAOrgID.

    **Why.** The guidance ('Funding model 36: recording financial data') says the assessment
    price must not be recorded until the end-point assessment organisation has been
    identified, and an estimated assessment cost must not be recorded; the funder rejects it
    (EPAOrgID_02).

    **Fix.** Record EPAOrgID (from the register of apprentice assessment organisations) on the
    programme aim, or remove the assessment price until the organisation is chosen.
    """
    for aim in learner.deliveries:
        assessment = aim.fin_records(codes.TNP, *codes.TNP_ASSESSMENT)
        if carries_prices(aim) and assessment and aim.epa_org_id is None:
            yield Problem(
                f"programme aim {aim.aim_seq_number} has an end-point assessment price ({describe(assessment[0])}) "
                "but no EPAOrgID",
                "Record the end-point assessment organisation in EPAOrgID on this programme aim, or remove the "
                "assessment price (TNP 2/4) until the organisation has been chosen.",
                aim, line=assessment[0].line)


@check(code="ILR264", name="epao-needs-assessment-price", topic="finance", severity="warning",
       scope=("fm36", "apprenticeship"),
       rules=("EPAOrgID_03", "AFinType_10"), guidance=STANDARDS)
def epao_needs_assessment_price(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An end-point assessment organisation (EPAOrgID) comes with an assessment price.

    **What.** A standard's programme aim with an EPAOrgID has a TNP 2 or TNP 4 record. A warning
    here (the funder's EPAOrgID_03 is an error): the price may follow in the next return.

    **Why.** The guidance ('Recording apprenticeship standards') says that once an end-point
    assessment organisation has been identified on the ILR there must be a financial record
    for the price of the end-point assessment. It also says the assessment price must not be
    recorded until the organisation is identified, so this check enforces AFinType_10 (a
    standard's programme aim has a TNP 2 or 4) only from then: before it, a standard without an
    assessment price is correctly recorded and draws nothing.

    **Fix.** Add a TNP 2 record with the assessment price agreed with the employer (TNP 4 if the
    programme's prices are residual after a change of employer).
    """
    for aim in learner.deliveries:
        if carries_prices(aim) and aim.epa_org_id is not None and not aim.fin_records(codes.TNP, *codes.TNP_ASSESSMENT):
            yield Problem(
                f"programme aim {aim.aim_seq_number} records EPAOrgID {aim.epa_org_id} but no end-point assessment "
                "price (TNP 2 or 4)",
                "Add a TNP 2 record with the end-point assessment price agreed with the employer (TNP 4 where the "
                "programme's prices are residual after a change of employer).",
                aim, line=aim.line_of("epa_org_id"))


@check(code="ILR265", name="assessment-payment-needs-price", topic="finance", scope=("fin",), severity="error",
       rules=("AFinType_07",), guidance=FINANCIAL)
def assessment_payment_needs_price(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """An employer's assessment payment (PMR 2) needs an assessment price (TNP 2 or 4).

    **What.** A programme aim with a PMR 2 record has a TNP 2 or TNP 4 record.

    **Why.** The guidance ('Funding model 36: recording financial data') says the assessment
    price and organisation must be recorded before any assessment co-investment payment (PMR 2)
    can be recorded (AFinType_07).

    **Fix.** Record the end-point assessment price (TNP 2, or TNP 4 if residual) and EPAOrgID, or
    record the payment as a training payment (PMR 1) if that is what it was.
    """
    for aim in learner.deliveries:
        payments = aim.fin_records(codes.PMR, codes.PMR_ASSESSMENT)
        if carries_prices(aim) and payments and not aim.fin_records(codes.TNP, *codes.TNP_ASSESSMENT):
            yield Problem(
                f"aim {aim.aim_seq_number} has an assessment payment ({describe(payments[0])}) but no end-point "
                "assessment price (TNP 2 or 4)",
                "Record the end-point assessment price (TNP 2, or TNP 4 if residual) and EPAOrgID on the programme "
                "aim, or correct the payment to PMR 1 if it was for training.",
                aim, line=payments[0].line)


@check(code="ILR266", name="total-price-after-residual", topic="finance", scope=("fin",), severity="error",
       rules=("AFinDate_05", "AFinDate_06"), guidance=PRICE_CHANGES)
def total_price_after_residual(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """After a residual price (TNP 3 or 4), every later price on the programme is residual.

    **What.** No TNP 1 or TNP 2 record is dated after the programme aim's first TNP 3 or TNP 4.

    **Why.** The guidance ('Funding model 36: recording financial data' and 'Changes in
    negotiated price during the programme') says that after a residual price has been recorded,
    any subsequent price records for that programme must also be residual; a new total price
    must not follow (AFinDate_05, AFinDate_06).

    **Fix.** Record the later price as a residual price: TNP 3 for training, TNP 4 for assessment.
    """
    for aim in learner.deliveries:
        residual = aim.fin_records(codes.TNP, *codes.TNP_RESIDUAL)
        if not carries_prices(aim) or not residual:
            continue
        for record in aim.fin_records(codes.TNP, *codes.TNP_TOTAL):
            if record.date > residual[0].date:
                yield Problem(
                    f"aim {aim.aim_seq_number} records a total price ({describe(record)}) after the residual price "
                    f"{describe(residual[0])}",
                    f"Record this price as a residual price (TNP {record.code + 2}): after a residual price every "
                    "later price for the programme is residual.",
                    aim, line=record.line)


@check(code="ILR267", name="total-and-residual-same-day", topic="finance", scope=("fin",), severity="error",
       rules=("AFinDate_07", "AFinDate_08"), guidance=PRICE_CHANGES)
def total_and_residual_same_day(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A total and a residual price of the same kind are never dated the same day.

    **What.** No TNP 1 and TNP 3 (training), and no TNP 2 and TNP 4 (assessment), with the same
    AFinDate on one aim.

    **Why.** Only one price for training (and one for assessment) can apply from a date: the
    total price, or, after a change of employer, the residual price for what remains
    ('Changes in negotiated price during the programme'; AFinDate_07, AFinDate_08).

    **Fix.** Keep one of the two: the residual price if the employer changed on that date,
    otherwise the total price; remove the other.
    """
    for aim in filter(carries_prices, learner.deliveries):
        for residual in aim.fin_records(codes.TNP, *codes.TNP_RESIDUAL):
            total_code = residual.code - 2
            if any(r.date == residual.date for r in aim.fin_records(codes.TNP, total_code)):
                yield Problem(
                    f"aim {aim.aim_seq_number} has both TNP {total_code} and TNP {residual.code} dated "
                    f"{residual.date.isoformat()}",
                    f"Keep one price for {residual.date.isoformat()}: TNP {residual.code} if the employer changed "
                    f"that day, otherwise TNP {total_code}; remove the other record.",
                    aim, line=residual.line)


@check(code="ILR268", name="duplicate-fin-record", topic="finance", scope=("fin",), severity="error",
       rules=("R_68",), guidance=FINANCIAL)
def duplicate_fin_record(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """No two financial records of one programme share type, code and date.

    **What.** Across the funding model 36 programme aims of one programme (same ProgType and
    standard or framework, including aims closed for a break), no two AppFinRecords have the
    same AFinType, AFinCode and AFinDate.

    **Why.** Each price applies from its own date and each employer payment is one record
    ('Funding model 36: recording financial data'); a duplicate double-counts in funding and is
    rejected (R_68).

    **Fix.** Remove the duplicate, or correct its date or code; two payments received the same
    day are recorded as one payment record for their total.
    """
    programmes: dict[tuple, list[LearningDelivery]] = defaultdict(list)
    for aim in fm36_programme_aims(learner):
        programmes[aim.programme_key].append(aim)
    for aims in programmes.values():
        seen: dict[tuple[str, int, date], LearningDelivery] = {}
        for aim in aims:  # document order: the first occurrence stays, later ones are reported
            for record in aim.app_fin_records:
                key = (record.type, record.code, record.date)
                if key not in seen:
                    seen[key] = aim
                    continue
                where = "this aim" if seen[key] is aim else f"aim {seen[key].aim_seq_number}"
                yield Problem(
                    f"aim {aim.aim_seq_number} repeats {describe(record)}, already recorded on {where}",
                    "Remove the duplicate record, or correct its AFinDate or AFinCode; payments received the same "
                    "day are one PMR record for their total.",
                    aim, line=record.line)


@check(code="ILR269", name="price-before-start", topic="finance", scope=("fin",), severity="error",
       rules=("R_119",), guidance=FINANCIAL)
def price_before_start(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A negotiated price (TNP) is not dated before the programme aim's LearnStartDate.

    **What.** For programmes started from 1 February 2019, no TNP record is dated before the
    programme aim's LearnStartDate.

    **Why.** The TNP date is the date the price applies from, and the initial records are dated
    the programme's start ('Funding model 36: recording financial data'); the funder rejects
    an earlier date (R_119).

    **Fix.** Date the price from the LearnStartDate (or the later date a changed price applies
    from).
    """
    for aim in learner.deliveries:
        if not carries_prices(aim) or aim.learn_start_date < R119_FROM:
            continue
        for record in aim.fin_records(codes.TNP):
            if record.date < aim.learn_start_date:
                yield Problem(
                    f"programme aim {aim.aim_seq_number} has {describe(record)}, before its LearnStartDate "
                    f"{aim.learn_start_date.isoformat()}",
                    f"Set AFinDate to {aim.learn_start_date.isoformat()} (the LearnStartDate), or to the later date "
                    "a changed price applies from.",
                    aim, line=record.line)


@check(code="ILR270", name="fin-date-after-file-preparation", topic="finance", scope=("fin",), severity="error",
       rules=("AFinDate_03", "AFinDate_14"), guidance=FINANCIAL)
def fin_date_after_file_preparation(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """No financial record is dated after the file preparation date.

    **What.** Every AFinDate is on or before the header's FilePreparationDate. From 2026-27 only
    payment records (PMR) are held to it: the 2026-27 rules list drops AFinDate_03 (prices) and
    keeps AFinDate_14 (payments), so a price agreed ahead of its date is accepted.

    **Why.** A price is recorded from the date it applies and a payment when it has been
    received from (or sent to) the employer ('Funding model 36: recording financial data');
    a future date is rejected (AFinDate_03 up to 2025-26; AFinDate_14 for payments).

    **Fix.** Correct AFinDate, or leave the record out until the price applies or the payment
    has been made.
    """
    prepared = ctx.file_preparation_date
    payments_only = ctx.year.code >= "2627"
    for aim in learner.deliveries:
        for record in sorted(aim.app_fin_records, key=lambda r: r.line):
            if record.date > prepared and not (payments_only and record.type != codes.PMR):
                yield Problem(
                    f"aim {aim.aim_seq_number} has {describe(record)}, after the file preparation date "
                    f"{prepared.isoformat()}",
                    "Correct AFinDate, or remove the record until the price applies or the payment has been "
                    "received or made.",
                    aim, line=record.line)


@check(code="ILR271", name="price-after-programme-end", topic="finance", scope=("fin",), severity="error",
       rules=("AFinDate_13", "AFinDate_04"), guidance=FINANCIAL)
def price_after_programme_end(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """No price applies after the programme has ended.

    **What.** On a standard's programme aim no TNP is dated after the AchDate, or, when there is
    no AchDate and the apprentice withdrew (WithdrawReason returned), after the
    LearnActEndDate. On a framework's programme aim no TNP is dated after the LearnActEndDate.

    **Why.** A TNP date is the date a price applies from ('Funding model 36: recording
    financial data'); nothing is delivered after the end-point assessment or the withdrawal
    (AFinDate_13; AFinDate_04 for frameworks).

    **Fix.** Correct the AFinDate to the date the price applied from, or remove the record.
    """
    for aim in learner.deliveries:
        if not carries_prices(aim):
            continue
        if aim.is_standard:
            end = aim.ach_date or (aim.learn_act_end_date if aim.withdraw_reason is not None else None)
            field = "AchDate" if aim.ach_date else "LearnActEndDate"
        else:
            end, field = aim.learn_act_end_date, "LearnActEndDate"
        if end is None:
            continue
        for record in aim.fin_records(codes.TNP):
            if record.date > end:
                yield Problem(
                    f"programme aim {aim.aim_seq_number} has {describe(record)}, after its {field} {end.isoformat()}",
                    f"Correct AFinDate to the date the price applied from (on or before {end.isoformat()}), or "
                    "remove the record.",
                    aim, line=record.line)


@check(code="ILR272", name="employer-change-needs-residual-price", topic="finance", severity="error",
       scope=("fm36",),
       guidance=f"{EMPLOYER_CHANGE}; {APPS}: 'Apprentice is made redundant (redundancy)'")
def employer_change_needs_residual_price(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A change of employer during the programme is priced with a residual TNP 3 from the change.

    **What.** When, after a funding model 36 programme's start and up to its end (AchDate, else
    LearnActEndDate), a new employment status record names an employer other than the
    previous one (a different EmpId after a real EmpId, or OET 3 where both EmpIds are
    999999999), the programme aim has a TNP 3 record dated the day the new employment applies;
    a TNP 4 if the change falls after the LearnActEndDate, in the end-point assessment period.
    A real EmpId that follows 999999999 is not counted: the employer's number may simply have
    become known.

    **Why.** The guidance ('Apprentice changes employer during the apprenticeship') says a new
    price record must reflect the cost of the remaining programme with the new employer,
    recorded as a residual price (AFinCode 3 for training, 4 for assessment); after a
    redundancy, the new employer's price is recorded for the start of learning with them
    ('Apprentice is made redundant'). No official rule checks this.

    **Fix.** Add a TNP 3 record dated the change with the training price still to be
    delivered with the new employer (and TNP 4 for the assessment, where applicable); do not
    change the learning aims.
    """
    for aim in fm36_programme_aims(learner):
        for change in learner.employer_changes(aim.learn_start_date, aim.closing_date):
            training_done = aim.learn_act_end_date is not None and change.date > aim.learn_act_end_date
            code = codes.TNP_RESIDUAL_ASSESSMENT if training_done else codes.TNP_RESIDUAL_TRAINING
            if any(r.date == change.date for r in aim.fin_records(codes.TNP, code)):
                continue
            shown = (f"EmpId {change.new.emp_id} after EmpId {change.previous.emp_id}"
                     if change.previous is not None and change.previous.emp_id != change.new.emp_id else "OET 3")
            remaining = ("assessment price (TNP 4), as training had ended" if training_done
                         else "training price (TNP 3)")
            yield Problem(
                f"the apprentice changed employer on {change.date.isoformat()} ({shown}) during programme aim "
                f"{aim.aim_seq_number}, which has no residual {remaining} dated that day",
                f"Add a TNP {code} record dated {change.date.isoformat()} with the price of the "
                + ("assessment still to be delivered with the new employer; "
                   if training_done else
                   "training still to be delivered with the new employer (and TNP 4 for the assessment, where "
                   "applicable); ")
                + "do not change the learning aims.",
                aim, line=change.new.line)


@check(code="ILR273", name="price-on-closed-aim-after-restart", topic="finance", scope=("fin",), severity="error",
       rules=("R_142",), guidance=BREAK)
def price_on_closed_aim_after_restart(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """A price from the restart belongs on the new programme aim, not on the closed one.

    **What.** When a standard's programme aim is closed for a withdrawal or a break (CompStatus
    3 or 6) and a later standard programme aim, started from 1 August 2022, is open (no
    LearnActEndDate), no TNP on the closed aim is dated on or after the open aim's
    LearnStartDate.

    **Why.** When the apprentice returns, a new programme aim is recorded with its own price;
    the original aims are not reopened ('Apprentice takes an agreed break in learning',
    'Transfers to a different apprenticeship with the same provider'). The funder rejects a
    price left on the old aim (R_142).

    **Fix.** Move the price to the new programme aim, dated from its LearnStartDate; the closed
    aim keeps only the prices that applied before it closed.
    """
    standards = [a for a in learner.programme_aims() if a.is_standard]
    open_aims = [a for a in standards if a.learn_act_end_date is None and a.learn_start_date >= R142_FROM]
    for closed in standards:
        if closed.comp_status not in (codes.WITHDRAWN, codes.BREAK):
            continue
        later = [a for a in open_aims if a is not closed and a.learn_start_date > closed.learn_start_date]
        if not later:
            continue
        restart = min(later, key=lambda a: a.learn_start_date)
        for record in closed.fin_records(codes.TNP):
            if record.date >= restart.learn_start_date:
                yield Problem(
                    f"closed programme aim {closed.aim_seq_number} has {describe(record)}, on or after the start "
                    f"{restart.learn_start_date.isoformat()} of open programme aim {restart.aim_seq_number}",
                    f"Move this price to programme aim {restart.aim_seq_number}, dated from its LearnStartDate "
                    f"{restart.learn_start_date.isoformat()}; keep on aim {closed.aim_seq_number} only the prices "
                    "that applied before it closed.",
                    closed, line=record.line)
