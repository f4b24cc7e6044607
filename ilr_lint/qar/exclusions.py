"""QAR exclusions the ILR alone can decide, and those it cannot ('not assessed').

Source: Qualification achievement rates 2024 to 2025, 'Exclusions' (apprenticeships scenarios 1-11,
education and training scenarios 1-19) and the dataset's ``*_excl`` field definitions.
Each exclusion has a stable name, used in the JSON and CSV output and in docs/qar.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable

from ilr_lint import codes

from .derive import Derived, qar_year_end
from .identify import APPRENTICESHIP
from .match import MatchedAim
from .records import AimRecord, YearFile

TRANSFER_DAYS = 120
MERGER_DAYS = 30
WORK_PLACEMENT_REFS = frozenset({f"Z000783{n}" for n in range(4, 9)} | {f"ZWRKX00{n}" for n in range(1, 10)})
SUPPORTED_INTERNSHIP_REF = "Z0002347"
DIPLOMA_REFS = frozenset({"60333376", "60333388"})
DIPLOMA_PROG_TYPES = frozenset({15, 16, 17, 18})
ET_PILOT_LDM = frozenset({332, 337, 341})
APP_PILOT_LDM = frozenset({383})
T_LEVEL_PROG_TYPES = frozenset({codes.PROG_TLEVEL_FOUNDATION, codes.PROG_TLEVEL})
ET_LDM_EXCLUSIONS = (("olass", frozenset({34})), ("direct_funded_14_16", frozenset({320, 321})),
                     ("flexible_learning_fund", frozenset({360})), ("adult_t_level_pilot", frozenset({384})))

# Exclusions that need data the ILR does not hold: listed as not assessed (lars_effective_from: unless --lars).
LARS_EXCLUSION = "lars_effective_from"
NEEDS_OTHER_DATA: dict[str, tuple[Callable[[AimRecord], bool], str]] = {
    LARS_EXCLUSION: (lambda r: r.prog_type == codes.PROG_STANDARD, "apprenticeship standards started before the standard's Effective "
                            "From date in LARS (apprenticeships scenario 8): needs LARS, give --lars"),
    "provider_register": (lambda r: r.provision == APPRENTICESHIP, "apprenticeships count only for providers on the apprenticeship "
                          "provider and assessment register (APAR): needs the register"),
    "college_merger_ukprn": (lambda r: True, "UKPRNs of merged colleges are replaced from the provider register before "
                             "matching: UKPRNs are used as recorded"),
}
# Exclusions decided only when the files given hold the other record; otherwise not assessed.
UNRESOLVED = {
    "merger_transfer": "withdrawn with reason 47 (college merger) but no aim at another UKPRN starting within "
                       "30 days is in the files given: pass the new provider's file to decide",
    "funding_qualifying_period_restart": "restarts that withdrew within the qualifying period whose original "
                                         "learning is not in the files given (excluded only if it was at "
                                         "another provider)",
}


@dataclass(frozen=True, slots=True)
class Start:
    ukprn: int | None
    start: date
    apprenticeship_programme: bool
    learn_aim_ref: str


class Exclusions:
    def __init__(self, files: list[YearFile], qar_year: int, years_given: frozenset[tuple[int | None, int]],
                 lars: Any = None):
        self.qar_year = qar_year
        self.end = qar_year_end(qar_year)
        self.years_given = years_given
        self.files = files
        self.lars = lars  # the indexed LARS download (--lars): decides lars_effective_from

    def starts(self, uln: int) -> list[Start]:
        """Every aim's start for the ULN, in every file (looked up, not copied: files hold them)."""
        return [Start(f.ukprn, *s) for f in self.files for s in f.starts.get(uln, ())]

    def of(self, aim: MatchedAim, d: Derived) -> tuple[list[str], list[str]]:
        """(exclusions that apply, exclusions that could not be assessed) for one aim."""
        rec = aim.latest
        unassessed: list[str] = []
        found = self._matched(aim, d, unassessed) + record_exclusions(rec, self.end)
        if self.lars is not None and self._before_standard_opened(rec):
            found.append("lars_effective_from")
        if rec.provision == APPRENTICESHIP and not aim.ever_funded:
            found.append("not_funded")
        return sorted(set(found)), unassessed

    def _before_standard_opened(self, rec: AimRecord) -> bool:
        """Apprenticeships scenario 8: a standard started before the standard's Effective From date in LARS."""
        if rec.prog_type != codes.PROG_STANDARD or rec.std_code is None:
            return False
        standard = self.lars.standard(rec.std_code)
        return standard is not None and standard.effective_from is not None and rec.start < standard.effective_from

    def _matched(self, aim: MatchedAim, d: Derived, unassessed: list[str]) -> list[str]:
        """Exclusions that need the other years' records or the derived variables."""
        rec = aim.latest
        out = []
        if self._transferred(rec):
            out.append("transfer")
        if rec.withdraw_reason == 47:
            if self._merger_successor(rec):
                out.append("merger_transfer")
            else:
                unassessed.append("merger_transfer")
        if rec.comp_status == codes.BREAK and not d.overdue_planned_break and rec.actual_end \
                and rec.actual_end <= self.end:
            out.append("planned_break")
        qualifying = self._qualifying_period(rec)
        if qualifying == "unassessed":
            unassessed.append("funding_qualifying_period_restart")
        elif qualifying:
            out.append("funding_qualifying_period")
        if self._returned_after_gap(aim):
            out.append("returned_after_gap")
        return out

    def _transferred(self, rec: AimRecord) -> bool:
        """WithdrawReason 40 and a new aim (a new programme, for apprenticeships) within 120 days."""
        if rec.comp_status != codes.WITHDRAWN or rec.withdraw_reason != 40 or rec.actual_end is None \
                or rec.actual_end > self.end:
            return False
        last = rec.actual_end + timedelta(days=TRANSFER_DAYS)
        return any(s.ukprn == rec.ukprn and rec.actual_end <= s.start <= last
                   and not (s.start == rec.start and s.learn_aim_ref == rec.learn_aim_ref)
                   and (s.apprenticeship_programme or rec.provision != APPRENTICESHIP)
                   for s in self.starts(rec.uln))

    def _merger_successor(self, rec: AimRecord) -> bool:
        if rec.actual_end is None:
            return False
        last = rec.actual_end + timedelta(days=MERGER_DAYS)
        wanted = rec.provision == APPRENTICESHIP
        return any(s.ukprn != rec.ukprn and rec.actual_end < s.start <= last and s.apprenticeship_programme == wanted
                   for s in self.starts(rec.uln))

    def _qualifying_period(self, rec: AimRecord) -> bool | str:
        """Withdrew within the funding qualifying period (True), did not (False), or ``"unassessed"``."""
        if rec.comp_status != codes.WITHDRAWN or rec.actual_end is None:
            return False
        if rec.provision == APPRENTICESHIP and rec.prog_type == codes.PROG_STANDARD \
                and rec.fund_model == codes.FM_OTHER_ADULT:
            return False  # trailblazer pilot standards have no qualifying period exclusion
        planned = (rec.planned_end - rec.start).days + 1  # inclusive of the last day
        actual = (rec.actual_end - rec.start).days
        if not ((planned >= 168 and actual < 42) or (14 <= planned <= 167 and actual < 14)):
            return False
        if not rec.restart:
            return True
        originals = [s for s in self.starts(rec.uln) if s.start == rec.orig_start and s.start < rec.start]
        if any(s.ukprn != rec.ukprn for s in originals):
            return True
        return False if originals else "unassessed"

    def _returned_after_gap(self, aim: MatchedAim) -> bool:
        """A record reported again after a year's gap, ended before its year, first completed in it."""
        rec, prev = aim.latest, aim.previous
        year = rec.year
        if prev is None or prev.year > year - 2 or (year - 1) in aim.years \
                or (rec.ukprn, year - 1) not in self.years_given or aim.first_complete_year != year:
            return False
        if rec.last_end_year >= year:
            return False
        if prev.comp_status == codes.BREAK:
            if prev.last_end_year + 1 == self.qar_year:
                return False  # an update to what would have been an overdue planned break this year
        return True


def record_exclusions(rec: AimRecord, qar_year_end: date) -> list[str]:
    """Exclusions decided by the one record alone."""
    out = []
    if rec.withdraw_reason in ((7,) if rec.provision == APPRENTICESHIP else (7, 41)):
        out.append("intervention_transfer")
    if 351 in rec.ldm:
        out.append("employer_ownership_pilot")
    if rec.provision == APPRENTICESHIP:
        if rec.planned_end > qar_year_end:
            out.append("planned_end_after_qar_year")
        if rec.ldm & APP_PILOT_LDM:
            out.append("pilot")
        return out
    if rec.aim_type == codes.AIM_COMPONENT and rec.prog_type not in DIPLOMA_PROG_TYPES:
        out.append("component_aim")
    if rec.aim_type not in (codes.AIM_COMPONENT, codes.AIM_STANDALONE, codes.AIM_CORE) \
            or rec.learn_aim_ref in DIPLOMA_REFS:
        out.append("programme_aim")
    if rec.fund_model == codes.FM_NON_FUNDED and not rec.adl:
        out.append("not_funded")
    if rec.fund_model == codes.FM_COMMUNITY:
        out.append("community_learning")
    if rec.ldm & ET_PILOT_LDM:
        out.append("pilot")
    if rec.learn_aim_ref == SUPPORTED_INTERNSHIP_REF:
        out.append("supported_internship")
    if rec.learn_aim_ref.upper() in WORK_PLACEMENT_REFS:
        out.append("work_placement")
    if rec.prog_type in T_LEVEL_PROG_TYPES:
        out.append("t_level")
    out.extend(name for name, ldm in ET_LDM_EXCLUSIONS if rec.ldm & ldm)
    return out
