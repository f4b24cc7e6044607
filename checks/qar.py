"""Topic ``qar``: records that will count against the qualification achievement rates.

Source: Qualification achievement rates 2024 to 2025 ('Withdrawals', 'Processing
learner reference number changes'). With ``--previous`` the earlier years' files (the
latest of each year before this file's) are summarised once, as ``ilr-lint qar`` does; the
wording of each finding is shared with that command (``ilr_lint.qar.risks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from ilr_lint.api import Check, Context, FileState, Problem
from ilr_lint.edits import RemoveField, SetField
from ilr_lint.model import Learner
from ilr_lint.qar import risks
from ilr_lint.qar.dataset import OPEN, QarAim, choose_files, overdue_candidates, year_label
from ilr_lint.qar.derive import qar_year_end
from ilr_lint.qar.exclusions import record_exclusions
from ilr_lint.qar.records import AimRecord, LearnerEntry, YearFile, read_year_file

QAR = "Qualification achievement rates 2024 to 2025"
OVERDUE_CONTINUING_OPTION = "overdue-continuing-days"  # ILR605: past the planned end this long, a warning
OVERDUE_CONTINUING_DAYS = 180


def history(ctx: Context) -> list[YearFile]:
    """The earlier years' files among ``--previous`` (one per year, latest prepared).

    Each file's QAR summary is made while the ``--previous`` index reads it, in one pass (an
    index built without it reads the file again, once).
    """
    files = getattr(ctx.previous, "files", ()) or ()
    for file in files:
        if file.qar is None:
            file.qar = read_year_file(file.path)
    earlier = [f.qar for f in files if f.qar.year < ctx.year.first]
    return choose_files(earlier, ctx.year.first - 1)[0] if earlier else []


def previous_year(ctx: Context) -> YearFile | None:
    return next((f for f in history(ctx) if f.year == ctx.year.first - 1 and f.ukprn == ctx.header.ukprn), None)


@dataclass
class _Current(FileState):
    """This file's QAR records, learner by learner; kept for the whole file only when ``keep``.

    Only the overdue checks need the whole file (with ``--previous``, to build the QAR data
    set at the end); the other checks look at one learner's records, so without
    ``--previous`` nothing is kept and memory stays flat. With it, the file keeps only the
    records the overdue checks can use (:meth:`matters`). In a worker of a parallel run the
    learners' entries are also logged, for the parent's file (:class:`ilr_lint.api.FileState`).
    """

    file: YearFile
    keep: bool
    history: list[YearFile]
    overdue: list[QarAim] | None = None  # the aims the overdue checks may report, made once
    open_keys: set[tuple[object, ...]] | None = None  # what matches last year's continuing aims and breaks
    log: list[LearnerEntry] | None = None  # in a worker: the entries added since the last handover

    @classmethod
    def new(cls, ctx: Context) -> "_Current":
        keep = ctx.previous is not None
        file = YearFile(ctx.path, ctx.year.first, ctx.header.ukprn, ctx.header.file_preparation_date)
        return cls(file, keep, history(ctx) if keep else [], log=[] if ctx.worker else None)

    def matters(self, rec: AimRecord) -> bool:
        """Whether ILR600/ILR601 can need this record of the file: a restart (it may match a
        break), or one that may match an aim continuing or on a break in last year's file
        (same UKPRN, ProgType, aim reference or framework/standard and LearnStartDate).
        Any other record of this file is the latest of its own aims, which the checks skip."""
        if self.open_keys is None:
            self.open_keys = {_open_key(r) for f in self.history if f.year == self.file.year - 1
                              for r in f.records if r.comp_status in OPEN}
        return rec.restart or _open_key(rec) in self.open_keys

    def add(self, learner: Learner) -> list[AimRecord]:
        """The learner's QAR records, kept in the file when ``keep`` (once per learner: :func:`learner_records`)."""
        if self.keep and learner.learn_ref_number not in self.file.ulns:
            entry, found = self.file.entry(learner, self.matters)
            self.file.take(entry)
            if self.log is not None:
                self.log.append(entry)
            return found
        return self.file.records_of(learner)

    def handover(self) -> list[LearnerEntry]:
        part, self.log = self.log or [], []
        done = self.file  # the worker's file starts again: the parent keeps the first of each learner
        self.file = YearFile(done.path, done.year, done.ukprn, done.file_preparation_date)
        return part

    def take_over(self, part: list[LearnerEntry]) -> None:
        for entry in part:  # the first of a LearnRefNumber in the file, as add() keeps
            if entry.learner not in self.file.ulns:
                self.file.take(entry)


def current(ctx: Context) -> _Current:
    state = ctx.scratch.get("qar")
    if state is None:
        state = ctx.scratch["qar"] = _Current.new(ctx)
    return state


def learner_records(learner: Learner, ctx: Context) -> list[AimRecord]:
    """The learner's QAR records, added to this file's once (the checks that read them share them)."""
    memo = ctx.memo(learner)
    found = memo.get("qar.records")
    if found is None:
        found = memo["qar.records"] = current(ctx).add(learner)
    return found


def _open_key(rec: AimRecord) -> tuple[object, ...]:
    return (rec.ukprn, rec.prog_type, rec.aim_key, rec.start)


def overdue(ctx: Context) -> list[QarAim]:
    """Last year's continuing aims and breaks, matched against this file (shared by ILR600 and ILR601)."""
    state = current(ctx)
    if state.overdue is None:
        state.overdue = overdue_candidates([state.file, *history(ctx)], ctx.year.first)
    return state.overdue


class _Overdue(Check):
    """Shared by the two overdue checks: collect this file's aims, compare at the end.

    Each finding names last year's learner and aim. ILR505 (aim-vanished) says the same of an
    aim missing since last year's R14 with less precision (the QAR's matching and exclusions
    decide here), so it stays silent on the aims these checks report.
    """

    compares_previous = True
    file_state = True
    topic = "qar"
    severity = "warning"
    supersedes = ("ILR505",)
    guidance = f"{QAR}: 'Withdrawals'"
    flag = ""  # the Derived field that marks the aim
    advice = staticmethod(risks.overdue_continuing)

    def run(self, learner: Learner, ctx: Context) -> Iterable[Problem]:
        if ctx.previous is not None:
            learner_records(learner, ctx)
        return ()

    def finish(self, ctx: Context) -> Iterator[Problem]:
        if previous_year(ctx) is None:
            return
        for aim in overdue(ctx):
            rec = aim.matched.latest
            if aim.excluded or not getattr(aim.derived, self.flag) or rec.year != ctx.year.first - 1:
                continue
            message, fix = self.advice(rec, year_label(aim.hybrid_end_year), risks.uln_changed(rec, current(ctx).file))
            yield Problem(f"learner {rec.learner} (in {rec.file}, line {rec.line}): {message}", fix, None,
                          learner=rec.learner, aim=rec.aim, learn_aim_ref=rec.learn_aim_ref)


class OverdueContinuingAim(_Overdue):
    """A continuing aim in last year's R14 is missing from this year's file.

    **What.** An education and training or apprenticeship aim that the previous year's file
    (``--previous``) returned as continuing (CompStatus 1) has no matching aim in this file
    (same UKPRN, ULN or learner reference number, ProgType, aim reference or
    framework/standard, and LearnStartDate).

    **Why.** The QAR methodology ('Withdrawals', 'Overdue continuing aims') treats such an
    aim as a withdrawal: leaver 1, achiever 0, in the latest of its actual end, planned end
    and reporting years.

    **Fix.** Return the aim in this year's file with its real status: still continuing, or
    closed with LearnActEndDate, CompStatus and Outcome. Keep its LearnStartDate unchanged.
    """

    code = "ILR600"
    name = "qar-overdue-continuing-aim"
    flag = "overdue_continuing_aim"


class OverduePlannedBreak(_Overdue):
    """A planned break in last year's R14 has no restart and is not continued in this file.

    **What.** An aim the previous year's file returned with CompStatus 6 (agreed break in
    learning) has no restart record (LearningDeliveryFAM RES 1 whose OrigLearnStartDate is
    the break's LearnStartDate or OrigLearnStartDate) in that year or this one, and this
    file does not return the break again.

    **Why.** The QAR methodology ('Withdrawals', 'Overdue planned breaks') then counts the
    aim as a withdrawal, one year after the later of its planned and actual end years.

    **Fix.** Record the restart with RES 1 and the break's start date as OrigLearnStartDate,
    or return the break record again (CompStatus 6) while the break goes on.
    """

    code = "ILR601"
    name = "qar-overdue-planned-break"
    flag = "overdue_planned_break"
    advice = staticmethod(risks.overdue_break)


class RestartWillNotMatch(Check):
    """A restart's OrigLearnStartDate does not match the planned break it follows.

    **What.** An aim with LearningDeliveryFAM RES 1 follows a planned break (CompStatus 6)
    of the same learning (same ULN, and ProgType with framework/standard for
    apprenticeships or LearnAimRef otherwise) in this file or last year's, but its
    OrigLearnStartDate is neither the break's LearnStartDate nor its OrigLearnStartDate.

    **Why.** The QAR methodology ('Withdrawals') matches restarts to breaks on exactly those
    dates; its withdrawal examples show a blank OrigLearnStartDate turning the break into an
    overdue planned break (a withdrawal) and the restart into a new aim.

    **Fix.** Set OrigLearnStartDate on the restarted aim to the break's OrigLearnStartDate
    (or its LearnStartDate when the break was not itself a restart).
    """

    code = "ILR602"
    name = "qar-restart-will-not-match-break"
    topic = "qar"
    severity = "warning"
    guidance = f"{QAR}: 'Withdrawals', 'Overdue planned breaks'"

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        records = learner_records(learner, ctx)
        before = previous_year(ctx) if ctx.previous is not None else None
        earlier = before.records_by_uln.get(learner.uln, []) if before else []
        breaks = risks.Breaks([*records, *earlier])
        for rec in records:
            brk = breaks.unmatched(rec)
            aim = learner.delivery(rec.aim)
            if brk is None or aim is None:
                continue
            message, fix = risks.restart_will_not_match(rec, brk)
            wanted = (brk.orig_start or brk.start).isoformat()
            yield Problem(message, fix, aim, line=aim.line_of("orig_learn_start_date"),
                          edits=(SetField(aim.aim_seq_number, "OrigLearnStartDate", wanted),), unsafe=True)


class PrevLearnRefNotFound(Check):
    """PrevLearnRefNumber names no learner in last year's file.

    **What.** The learner's PrevLearnRefNumber is not the LearnRefNumber of any learner in
    the previous year's file given with ``--previous``.

    **Why.** The QAR methodology ('Processing learner reference number changes') uses the
    field to bring earlier records across to the new number; a value that matches nothing
    (often one left over from an earlier year, which must be cleared between years) can
    stop the learner's aims matching.

    **Fix.** Set PrevLearnRefNumber to the number used last year, or remove it if the
    learner reference number did not change (a change within this year is the exception).
    """

    compares_previous = True
    code = "ILR603"
    name = "qar-prev-learn-ref-not-found"
    topic = "qar"
    severity = "warning"
    guidance = f"{QAR}: 'Processing learner reference number changes'"

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        prev = learner.prev_learn_ref_number
        before = previous_year(ctx) if ctx.previous is not None and prev else None
        advice = risks.prev_lrn_not_found(learner.learn_ref_number, prev, before) if before and prev else None
        if advice is not None:
            # Last year's number for this ULN, when there is one, is what PrevLearnRefNumber should say.
            known = [ref for ref in before.learners_with(learner.uln) if ref != learner.learn_ref_number]
            edit = SetField(None, "PrevLearnRefNumber", known[0]) if known else RemoveField(None, "PrevLearnRefNumber")
            yield Problem(*advice, learner, line=learner.line_of("prev_learn_ref_number"), edits=(edit,), unsafe=True)


class LearnRefChangeNotRecorded(Check):
    """The learner's ULN was under another learner reference number last year, unrecorded.

    **What.** Last year's file (``--previous``) holds this learner's ULN under a different
    LearnRefNumber, this learner's number is not in that file, and PrevLearnRefNumber does
    not record the change.

    **Why.** The QAR methodology ('Processing learner reference number changes'): without
    PrevLearnRefNumber the aims may not match, giving two records for one aim, the earlier
    one without its achievement.

    **Fix.** Set PrevLearnRefNumber to last year's learner reference number, or keep the
    learner's original number.
    """

    compares_previous = True
    code = "ILR604"
    name = "qar-learn-ref-change-not-recorded"
    topic = "qar"
    severity = "warning"
    guidance = f"{QAR}: 'Processing learner reference number changes'"

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        before = previous_year(ctx) if ctx.previous is not None else None
        if before is None:
            return
        advice = risks.lrn_change_not_recorded(learner.learn_ref_number, learner.uln,
                                               learner.prev_learn_ref_number, before)
        if advice is not None:
            old = before.learners_with(learner.uln)[0]
            yield Problem(*advice, learner, line=learner.line_of("uln"),
                          edits=(SetField(None, "PrevLearnRefNumber", old),), unsafe=True)


class ContinuingPastPlannedEnd(Check):
    """A QAR aim is still continuing after its planned end date (a reminder; a warning when long overdue).

    **What.** An aim the QAR counts (an apprenticeship programme aim or an education and
    training aim that no exclusion removes) has CompStatus 1, no LearnActEndDate, and a
    LearnPlanEndDate before the reference date (``--today``, else the file preparation date).
    Learners often continue a little past the planned end, so this is an info note; it is a
    warning once the planned end is more than ``overdue-continuing-days`` (option, default
    180) days past.

    **Why.** The QAR methodology ('Withdrawals', 'Overdue continuing aims'; 'past planned
    end date' in the key terms): if the aim is not returned in next year's file it becomes
    an overdue continuing aim and counts as a withdrawal; an aim that really ended but is
    still shown as continuing hides an achievement or a withdrawal from the rates.

    **Fix.** If the learner has finished, record LearnActEndDate, CompStatus and Outcome; if
    on an agreed break, CompStatus 6; if still learning, make sure the aim is returned next year.
    """

    code = "ILR605"
    name = "qar-continuing-past-planned-end"
    topic = "qar"
    severity = "info"
    guidance = f"{QAR}: 'Overdue continuing aims', 'Summary of key terms'"

    def run(self, learner: Learner, ctx: Context) -> Iterator[Problem]:
        end = qar_year_end(ctx.year.first)
        overdue_days = int(ctx.option(OVERDUE_CONTINUING_OPTION, OVERDUE_CONTINUING_DAYS))
        for rec in learner_records(learner, ctx):
            aim = learner.delivery(rec.aim)
            if aim is None or not risks.is_past_planned_end(rec, ctx.today) or record_exclusions(rec, end):
                continue
            message, fix = risks.continuing_past_planned_end(rec, ctx.today)
            late = (ctx.today - rec.planned_end).days
            yield Problem(f"{message}; {late} days past it", fix, aim, line=aim.line_of("learn_plan_end_date"),
                          severity="warning" if late > overdue_days else None)


OVERDUE_CONTINUING_AIM = OverdueContinuingAim()
OVERDUE_PLANNED_BREAK = OverduePlannedBreak()
RESTART_WILL_NOT_MATCH = RestartWillNotMatch()
PREV_LEARN_REF_NOT_FOUND = PrevLearnRefNotFound()
LEARN_REF_CHANGE_NOT_RECORDED = LearnRefChangeNotRecorded()
CONTINUING_PAST_PLANNED_END = ContinuingPastPlannedEnd()
