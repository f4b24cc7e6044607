"""Records that will count against the provider's rate, and what to do about each.

Source: Qualification achievement rates 2024 to 2025, 'Withdrawals' (overdue continuing aims, overdue
planned breaks, restart matching) and 'Processing learner reference number changes'. The
same wording serves ``ilr-lint qar`` and the ``qar`` checks of ``ilr-lint check``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from ilr_lint import codes
from ilr_lint.years import label_of as label

from .derive import restart_key
from .identify import APPRENTICESHIP
from .records import AimRecord, YearFile

KINDS = {
    "overdue_planned_break": "Overdue planned breaks (counted as withdrawals)",
    "overdue_continuing_aim": "Overdue continuing aims (counted as withdrawals)",
    "restart_will_not_match": "Restarts that will not match their break",
    "prev_lrn_not_found": "PrevLearnRefNumber not in the previous year's file",
    "lrn_change_not_recorded": "Learner reference number changes not recorded",
    "continuing_past_planned_end": "Continuing aims past their planned end date",
}
Advice = tuple[str, str]  # (message, fix)


@dataclass(frozen=True, slots=True)
class AtRisk:
    kind: str
    learner: str
    uln: int
    aim: int | None
    learn_aim_ref: str | None
    file: str
    line: int | None
    message: str
    fix: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "learner": self.learner, "uln": None, "aim": self.aim,  # no ULN in any output
                "learn_aim_ref": self.learn_aim_ref, "file": self.file, "line": self.line,
                "message": self.message, "fix": self.fix}


def at_risk(kind: str, rec: AimRecord, advice: Advice) -> AtRisk:
    return AtRisk(kind, rec.learner, rec.uln, rec.aim, rec.learn_aim_ref, rec.file, rec.line, *advice)


def _what(rec: AimRecord) -> str:
    if rec.provision == APPRENTICESHIP:
        code = f"standard {rec.std_code}" if rec.prog_type == codes.PROG_STANDARD else f"framework {rec.fwork_code}"
        return f"aim {rec.aim} (ProgType {rec.prog_type} {code}, started {rec.start})"
    return f"aim {rec.aim} ({rec.learn_aim_ref}, started {rec.start})"


def uln_changed(rec: AimRecord, later: YearFile | None) -> bool:
    """Whether a later year's file holds the record's learner (same LearnRefNumber) under another ULN."""
    uln = later.ulns.get(rec.learner) if later is not None and later.year > rec.year else None
    return uln is not None and uln != rec.uln


def _uln_changed(rec: AimRecord, state: str, hybrid: str) -> Advice:
    """An aim the QAR cannot follow because its learner's ULN changed (no ULN is quoted)."""
    return (f"{_what(rec)} is {state} in the {label(rec.year)} file; learner {rec.learner} is in the "
            f"{label(rec.year + 1)} file with another ULN (ULN changed), and the QAR matches aims by ULN, so it "
            f"counts as a withdrawal in hybrid end year {hybrid}",
            f"Check learner {rec.learner}'s ULN: if the {label(rec.year + 1)} one is wrong, correct it; if the "
            f"{label(rec.year)} one was wrong, the earlier aim can no longer be matched.")


def overdue_continuing(rec: AimRecord, hybrid: str, uln_was_changed: bool = False) -> Advice:
    if uln_was_changed:
        return _uln_changed(rec, "continuing (CompStatus 1)", hybrid)
    return (f"{_what(rec)} is continuing (CompStatus 1) in the {label(rec.year)} file but missing from the "
            f"{label(rec.year + 1)} file: it counts as a withdrawal in hybrid end year {hybrid}",
            f"Return the aim in the {label(rec.year + 1)} file with the same LearnStartDate and learner: "
            "still continuing, or closed with LearnActEndDate, CompStatus and Outcome as they really are.")


def overdue_break(rec: AimRecord, hybrid: str, uln_was_changed: bool = False) -> Advice:
    if uln_was_changed:
        return _uln_changed(rec, "on a planned break (CompStatus 6)", hybrid)
    starts = " or ".join(str(d) for d in dict.fromkeys((rec.orig_start, rec.start)) if d)
    return (f"{_what(rec)} is on a planned break (CompStatus 6) in the {label(rec.year)} file with no matching "
            f"restart that year or the next and no continuation of the break in {label(rec.year + 1)}: it counts "
            f"as a withdrawal in hybrid end year {hybrid}",
            f"If the learner has come back, record the restart with LearningDeliveryFAM RES 1 and "
            f"OrigLearnStartDate {starts}; if the break goes on, return this break record again in the "
            f"{label(rec.year + 1)} file.")


class Breaks:
    """Planned break records (CompStatus 6), by what a restart must share with them."""

    def __init__(self, records: Iterable[AimRecord]):
        self._by_key: dict[tuple[object, ...], list[AimRecord]] = defaultdict(list)
        for rec in records:
            if rec.comp_status == codes.BREAK:
                self._by_key[restart_key(rec)].append(rec)

    def unmatched(self, restart: AimRecord) -> AimRecord | None:
        """The break a restart (RES 1) belongs to but will not match on OrigLearnStartDate, if any.

        A break of the same learning in the restart's year or the year before, started
        earlier: when none of them has the restart's OrigLearnStartDate as its LearnStartDate
        or OrigLearnStartDate, the latest is returned.
        """
        if not restart.restart:
            return None
        found = [b for b in self._by_key.get(restart_key(restart), ())
                 if b.year in (restart.year, restart.year - 1) and b.start < restart.start]
        if not found or any(restart.orig_start in {b.start, b.orig_start} - {None} for b in found):
            return None
        return max(found, key=lambda b: (b.year, b.start))


def restart_will_not_match(restart: AimRecord, brk: AimRecord) -> Advice:
    wanted = brk.orig_start or brk.start
    shown = restart.orig_start or "blank"
    return (f"{_what(restart)} is a restart (RES 1) but its OrigLearnStartDate ({shown}) is neither the "
            f"LearnStartDate nor the OrigLearnStartDate of the planned break {_what(brk)} in the "
            f"{label(brk.year)} file: the break becomes an overdue planned break (a withdrawal) and the "
            "restart is counted as a new aim",
            f"Set OrigLearnStartDate to {wanted} on the restarted aim.")


def prev_lrn_not_found(ref: str, prev: str, earlier: YearFile) -> Advice | None:
    if prev in earlier.ulns:
        return None
    return (f"learner {ref} has PrevLearnRefNumber {prev}, but no learner {prev} is in the {earlier.label} file "
            f"{earlier.path}: earlier records will not be brought across to {ref}",
            f"If the learner reference number changed, set PrevLearnRefNumber to the number used in "
            f"{earlier.label}; if it did not change (or the field was left over from an earlier year), "
            "remove PrevLearnRefNumber.")


def lrn_change_not_recorded(ref: str, uln: int, prev: str | None, earlier: YearFile) -> Advice | None:
    if uln == codes.TEMPORARY_ULN:
        return None
    others = [r for r in earlier.learners_with(uln) if r != ref and r != prev]
    if not others or ref in earlier.ulns:
        return None
    return (f"learner {ref}'s ULN is held by the {earlier.label} file {earlier.path} as learner "
            f"{others[0]}, and no PrevLearnRefNumber records the change: the learner's aims may not match "
            "across years and the earlier record can count as a withdrawal",
            f"Set PrevLearnRefNumber {others[0]} on learner {ref} (or go back to learner reference number "
            f"{others[0]}).")


def is_past_planned_end(rec: AimRecord, today: date) -> bool:
    return rec.comp_status == codes.CONTINUING and rec.actual_end is None and rec.planned_end < today


def continuing_past_planned_end(rec: AimRecord, today: date) -> Advice:
    return (f"{_what(rec)} is continuing (CompStatus 1) but its LearnPlanEndDate {rec.planned_end} is before "
            f"{today}: if it is not returned in the next year's file it becomes an overdue continuing aim "
            "(a withdrawal)",
            "If the learner has finished, record LearnActEndDate, CompStatus and Outcome; if the learner is on "
            "an agreed break, record CompStatus 6; if still learning, make sure the aim is returned next year.")
