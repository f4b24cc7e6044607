"""The synthetic generator's learners (:mod:`ilr_lint.synth`): fictional learners built year-neutrally, one at a time
from a seeded random generator, and the previous year's R14 view of them.

:class:`Maker` builds each kind of learner in :data:`MIX` (16-19 study programmes, adult skills aims, apprenticeship
standards with their ACT, TNP, PMR, employment, employer changes, breaks, restarts, withdrawals and achievements,
and T Levels); :func:`learners` yields them; :func:`previous_year_learners` gives the same provider's learners as
the previous year's R14 held them.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Callable, Iterator

from .model import employer_id_check_digit_ok
from .years import BY_CODE, CollectionYear

UKPRN = 10000001
# The HRS codes the generator writes (before 2026-27, as PHours and OTJActHours).
HRS_PLANNED_OTJ, HRS_TLEVEL_PLANNED, HRS_ACTUAL_OTJ = 1, 2, 3

FAMILY_NAMES = ("Adebayo", "Brown", "Chen", "Davies", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones",
                "Khan", "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Singh", "Taylor")
GIVEN_NAMES = ("Alex", "Bea", "Callum", "Dina", "Eli", "Farah", "George", "Hana", "Isaac", "Jade", "Kai", "Layla",
               "Milo", "Nia", "Oscar", "Priya", "Rhys", "Sana", "Theo", "Zara")
STREETS = ("Mill Lane", "Station Road", "Church Street", "Park Avenue", "High Street", "Victoria Road")
TOWNS = ("Ashford", "Barnsley", "Crewe", "Dudley", "Exmouth", "Frome")
CAMPUS_POSTCODES = ("CV1 2WT", "CV3 4FJ")
SIXTEEN_NINETEEN_AIMS = ("60146242", "60311046", "60149735", "60177184")  # substantive core qualifications
GCSE_MATHS, GCSE_ENGLISH = "50086832", "50079116"
ADULT_AIMS = ("60324476", "60062389", "50120905", "60145479")
FUNCTIONAL_MATHS = "60347909"
KNOWLEDGE_AIMS = ("Z0001946", "Z0001874")  # non-regulated provision, apprenticeship component
STANDARDS = (28, 91, 244, 275, 311)
TLEVEL_CORE, TLEVEL_SPECIALISM, INDUSTRY_PLACEMENT = "60358294", "ZTLOS006", "ZWRKX003"


@dataclass
class Aim:
    fields: dict[str, object]
    fams: list[tuple[str, object, date | None, date | None]] = field(default_factory=list)
    hours: dict[int, int] = field(default_factory=dict)  # HRS code -> hours
    placements: list[dict[str, object]] = field(default_factory=list)
    fins: list[tuple[str, int, date, int]] = field(default_factory=list)

    @property
    def start(self) -> date:
        return self.fields["LearnStartDate"]  # type: ignore[return-value]


@dataclass
class Employment:
    emp_stat: int
    date: date
    emp_id: int | None = None
    agreem_id: str | None = None  # 2026-27 only
    esm: tuple[tuple[str, int], ...] = ()


@dataclass
class Learner:
    fields: dict[str, object]
    employment: list[Employment] = field(default_factory=list)
    aims: list[Aim] = field(default_factory=list)
    prior: list[tuple[int, date]] = field(default_factory=list)  # PriorAttain: (PriorLevel, DateLevelApp)
    fams: list[tuple[str, int]] = field(default_factory=list)  # LearnerFAM: (type, code)
    kind: str = ""  # the MIX entry it was made as, e.g. "apprenticeship:achieved"

    @property
    def ref(self) -> str:
        return self.fields["LearnRefNumber"]  # type: ignore[return-value]


# --- values -----------------------------------------------------------------------------------

def uln_with_check_digit(first_nine: int) -> int | None:
    """A ULN passing the checksum (ULN_04): weights 10..2 on nine digits, check = 10 - sum mod 11."""
    digits = [int(d) for d in f"{first_nine:09d}"]
    remainder = sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
    return None if remainder == 0 else first_nine * 10 + (10 - remainder)


def preparation_date(year: CollectionYear) -> date:
    """Synthetic files are the R03 return: prepared on 1 November of the year."""
    return date(year.first, 11, 1)


class Maker:
    """Builds one fictional learner at a time from a seeded random generator."""

    def __init__(self, year: CollectionYear, seed: int | str, *, uln_block: int = 100_000_000):
        self.year = year
        self.rng = random.Random(seed)
        self.prep = preparation_date(year)
        self.y0 = year.start  # 1 August
        self.uln_block = uln_block

    # small helpers ----------------------------------------------------------------------------
    def day(self, start: date, low: int, high: int) -> date:
        return start + timedelta(days=self.rng.randint(low, high))

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def uln(self, ref: str) -> int:
        """A valid ULN unique to the learner: ten candidates per learner number, the first with a check digit."""
        first = self.uln_block + int(ref[3:]) * 10
        return next(u for u in map(uln_with_check_digit, range(first, first + 10)) if u is not None)

    def employer(self) -> int:
        """An Employer Data Service number with a correct check digit (EmpId_02, WorkPlaceEmpId_02)."""
        return next(n for n in iter(lambda: self.rng.randint(100000000, 899999999), None)
                    if employer_id_check_digit_ok(n))

    def postcode(self) -> str:
        r = self.rng
        return f"{r.choice('BCDLMNS')}{r.choice('ABEHLMNR')}{r.randint(1, 9)} {r.randint(1, 9)}{r.choice('ABDEFGHJ')}" \
               f"{r.choice('LNPQRSTUWXYZ')}"

    def person(self, ref: str, age: int, *, ni: bool = False) -> dict[str, object]:
        r = self.rng
        born = date(self.year.first - age, 8, 31) - timedelta(days=r.randint(0, 364))
        home = self.postcode()
        return {
            "LearnRefNumber": ref, "ULN": self.uln(ref), "FamilyName": r.choice(FAMILY_NAMES),
            "GivenNames": r.choice(GIVEN_NAMES), "DateOfBirth": born, "Ethnicity": r.choice((31, 31, 34, 39, 42, 46)),
            "Sex": r.choice("FM"), "LLDDHealthProb": 2,
            "NINumber": f"{r.choice('ABCEHJKLMNPRSTWXYZ')}{r.choice('ABCEHJKLMNPRSTWXYZ')}{r.randint(0, 999999):06d}"
                        f"{r.choice('ABCD')}" if ni else None,
            "PostcodePrior": home, "Postcode": home, "AddLine1": f"{r.randint(1, 200)} {r.choice(STREETS)}",
            "AddLine2": r.choice(TOWNS), "TelNo": f"07{r.randint(100000000, 999999999)}",
            "Email": f"learner{ref.lower()}@example.org",
        }

    def aim(self, seq: int, ref: str, aim_type: int, start: date, plan_end: date, fund_model: int,
            **extra: object) -> Aim:
        fields: dict[str, object] = {
            "LearnAimRef": ref, "AimType": aim_type, "AimSeqNumber": seq, "LearnStartDate": start,
            "LearnPlanEndDate": plan_end, "FundModel": fund_model, "DelLocPostCode": self.rng.choice(CAMPUS_POSTCODES),
            "CompStatus": 1, "SWSupAimId": self.uuid(),
        }
        fields.update(extra)
        return Aim(fields)

    # learner kinds ------------------------------------------------------------------------
    def study_programme(self, ref: str) -> Learner:
        """A 16-year-old on a one-year 16-19 study programme: core aim plus GCSE maths and English."""
        r = self.rng
        start = self.day(self.y0, 32, 40)
        plan_end = date(self.year.first + 1, 6, 30)
        learner = Learner({**self.person(ref, 16), "PlanLearnHours": r.choice((540, 580, 600)),
                           "PlanEEPHours": r.choice((40, 60)), "MathGrade": "3", "EngGrade": "4"})
        learner.fams.append(("EDF", 1))  # maths below grade 4: eligible for disadvantage funding (MathGrade_03)
        refs = [(r.choice(SIXTEEN_NINETEEN_AIMS), 5), (GCSE_MATHS, 4), (GCSE_ENGLISH, 4)]
        learner.aims = [self.aim(i, aim_ref, aim_type, start, plan_end, 25) for i, (aim_ref, aim_type)
                        in enumerate(refs, 1)]
        if r.random() < 0.12:  # withdrew after the first weeks
            left = self.day(start, 20, 50)
            for aim in learner.aims:
                self.withdraw(aim, left, r.choice((97, 44, 43)))
        for aim in learner.aims:
            aim.fams.append(("SOF", 107, None, None))
        return learner

    def adult_skills(self, ref: str) -> Learner:
        """An adult on one or two adult skills aims; some finished and achieved an August course.

        Planned hours, prior attainment and the employment status are recorded as they apply
        before the first aim starts.
        """
        r = self.rng
        fund_model = 38 if self.year.first >= 2024 else 35
        learner = Learner({**self.person(ref, r.randint(20, 55), ni=r.random() < 0.5),
                           "PlanLearnHours": r.choice((60, 120, 200))})
        start = self.day(self.y0, 5, 60)
        employed = r.random() < 0.5
        aim = self.aim(1, r.choice(ADULT_AIMS), 4, start, self.day(start, 150, 280), fund_model)
        learner.aims = [aim]
        if r.random() < 0.3:  # a short course already completed
            short = self.aim(2, r.choice(ADULT_AIMS), 4, self.day(self.y0, 1, 5), self.day(self.y0, 50, 60),
                             fund_model)
            self.complete(short, short.fields["LearnPlanEndDate"], achieved=True)  # type: ignore[arg-type]
            learner.aims.append(short)
        first = min(each.start for each in learner.aims)
        learner.employment = [Employment(10 if employed else 11, self.day(first, -40, -1),
                                         esm=(("EII", r.choice((5, 6, 7))),) if employed else (("LOU", 2),))]
        learner.prior = [(r.choice((1, 2, 3)), date(first.year - 2, 7, 1))]
        for each in learner.aims:  # adult funding: source of funding and full funding (LearnDelFAMType_02)
            each.fams += [("SOF", 105, None, None), ("FFI", 1, None, None)]
        return learner

    def tlevel(self, ref: str) -> Learner:
        """A two-year T Level: programme aim with HRS2, core TQ, occupational specialism, industry placement."""
        r = self.rng
        start = self.day(self.y0, 32, 40)
        plan_end = date(self.year.first + 2, 7, 15)
        # every aim is a T Level aim: the planned hours are HRS2 on the programme aim, not on the learner (R_130)
        learner = Learner({**self.person(ref, 16), "MathGrade": "5", "EngGrade": "6"})
        common = {"ProgType": 31}
        programme = self.aim(1, "ZPROG001", 1, start, plan_end, 25, **common)
        programme.hours[HRS_TLEVEL_PLANNED] = r.choice((1100, 1200, 1300))
        core = self.aim(2, TLEVEL_CORE, 5, start, plan_end, 25, **common)
        specialism = self.aim(3, TLEVEL_SPECIALISM, 3, start, plan_end, 25, **common)
        placement_start = self.day(start, 60, 80)
        placement = self.aim(4, INDUSTRY_PLACEMENT, 3, placement_start, date(self.year.first + 2, 6, 15), 25,
                             **common)
        placement.placements.append({"WorkPlaceStartDate": placement_start, "WorkPlaceHours": 315,
                                     "WorkPlaceMode": 2, "WorkPlaceEmpId": self.employer()})
        learner.aims = [programme, core, specialism, placement]
        for aim in learner.aims:
            aim.fams.append(("SOF", 107, None, None))
        return learner

    def apprenticeship(self, ref: str, variant: str) -> Learner:
        """An apprenticeship standard; ``variant`` is continuing, achieved, withdrawn, new-employer or break."""
        r = self.rng
        if variant == "achieved":
            start = self.day(date(self.year.first - 2, 9, 1), 0, 40)
        elif variant == "continuing" and r.random() < 0.5:
            start = self.day(self.y0, 0, 60)  # a new start this year
        else:
            start = self.day(date(self.year.first - 1, 9, 1), 0, 60)
        learner = Learner(self.person(ref, r.randint(19, 30), ni=True))
        employer, new_employer = self.employer(), self.employer()
        learner.employment = [Employment(10, self.day(start, -200, -10), emp_id=employer,
                                         esm=(("EII", 8), ("LOE", r.choice((2, 3, 4))))
                                         + ((("SEM", 1),) if r.random() < 0.3 else ()))]
        learner.prior = [(r.choice((2, 3)), date(start.year - 3, 7, 1))]
        std, training, epa = r.choice(STANDARDS), r.choice((9000, 12000, 15000)), r.choice((1200, 1500, 2250))
        days = 700 if variant == "achieved" else r.choice((450, 540, 720))
        programme, maths, knowledge = self.standard_aims(1, start, start + timedelta(days=days), std, training, epa)
        learner.aims = [programme, maths, knowledge]
        if variant == "continuing" and r.random() < 0.2:  # the employer is paying co-investment
            programme.fins.append(("PMR", 1, self.before_prep(self.day(start, 20, 60)), training // 20))
        if variant == "achieved":
            end = self.day(self.y0, 10, 40)
            self.finish_components(learner, end)
            for aim in learner.aims:
                if aim.fields["CompStatus"] == 1:
                    self.complete(aim, end, achieved=True)
            self.achieve(programme, self.before_prep(self.day(end, 20, 45)))
            programme.hours[HRS_ACTUAL_OTJ] = programme.hours[HRS_PLANNED_OTJ] + r.randint(0, 40)
        elif variant == "withdrawn":
            end = self.day(self.y0, 10, 70)
            self.finish_components(learner, end)
            for aim in learner.aims:
                if aim.fields["CompStatus"] == 1:
                    self.withdraw(aim, end, r.choice((97, 44, 29)))
            programme.hours[HRS_ACTUAL_OTJ] = r.randint(60, 200)
        elif variant == "new-employer":
            changed = self.day(self.y0, 5, 60)
            learner.employment.append(Employment(10, changed, emp_id=new_employer, esm=(("EII", 8),)))
            programme.fins += [("TNP", 3, changed, training // 2), ("TNP", 4, changed, epa)]
        elif variant == "break":
            self.break_and_restart(learner, std, training, epa)
        self.finish_components(learner, self.prep)
        return learner

    def finished(self, ref: str) -> Learner:
        """A 16-19 study programme or adult course that ended within this year, as the R14 holds it."""
        r = self.rng
        learner = self.study_programme(ref) if r.random() < 0.6 else self.adult_skills(ref)
        for aim in learner.aims:
            if aim.fields["CompStatus"] == 1:
                self.complete(aim, aim.fields["LearnPlanEndDate"], achieved=r.random() < 0.85)  # type: ignore[arg-type]
        learner.kind = "finished"
        return learner

    def before_prep(self, day: date) -> date:
        """``day``, or the day before the file preparation date if it would fall after it."""
        return min(day, self.prep - timedelta(days=1))

    def finish_components(self, learner: Learner, by: date) -> None:
        """Components still open whose planned end fell before ``by`` were completed and achieved then."""
        for aim in learner.aims:
            plan_end: date = aim.fields["LearnPlanEndDate"]  # type: ignore[assignment]
            if aim.fields["AimType"] == 3 and aim.fields["CompStatus"] == 1 and plan_end < by:
                self.complete(aim, plan_end, achieved=True)

    def standard_aims(self, first_seq: int, start: date, plan_end: date, std: int, training: int, epa: int,
                      **extra: object) -> tuple[Aim, Aim, Aim]:
        """ZPROG001 with ACT 1, TNP 1 and 2, EPAOrgID and HRS1; a maths component with ACT; a knowledge aim."""
        r = self.rng
        common = {"ProgType": 25, "StdCode": std, **extra}
        programme = self.aim(first_seq, "ZPROG001", 1, start, plan_end, 36, EPAOrgID=f"EPA{r.randint(1, 999):04d}",
                             **common)
        programme.hours[HRS_PLANNED_OTJ] = r.choice((320, 380, 450))
        programme.fins += [("TNP", 1, start, training), ("TNP", 2, start, epa)]
        maths_start = self.day(start, 0, 20)
        maths = self.aim(first_seq + 1, FUNCTIONAL_MATHS, 3, maths_start, maths_start + timedelta(days=360), 36,
                         **common)
        knowledge = self.aim(first_seq + 2, r.choice(KNOWLEDGE_AIMS), 3, start, plan_end, 36, **common)
        programme.fams += [("SOF", 105, None, None), ("ACT", 1, start, None)]
        maths.fams += [("SOF", 105, None, None), ("ACT", 1, maths_start, None)]
        knowledge.fams.append(("SOF", 105, None, None))
        return programme, maths, knowledge

    def break_and_restart(self, learner: Learner, std: int, training: int, epa: int) -> None:
        """Close every aim as an agreed break (CompStatus 6), then restart them with RES and OrigLearnStartDate."""
        r = self.rng
        last_day = self.day(self.y0, -60, -20)
        for aim in learner.aims:
            self.close(aim, last_day, comp_status=6, outcome=3)
        programme = learner.aims[0]
        programme.hours[HRS_ACTUAL_OTJ] = r.randint(80, 200)
        back = self.day(self.y0, 30, 60)
        plan_end = back + timedelta(days=r.choice((300, 360)))
        originals = [aim.start for aim in learner.aims]
        new = self.standard_aims(len(learner.aims) + 1, back, plan_end, std, training, epa)
        for aim, original in zip(new, originals):
            aim.fields["OrigLearnStartDate"] = original
            aim.fams.append(("RES", 1, None, None))
        new[1].fields["PriorLearnFundAdj"] = 50  # the part of the maths aim still to deliver
        learner.aims += list(new)

    # closing aims ------------------------------------------------------------------------
    def close(self, aim: Aim, last_day: date, *, comp_status: int, outcome: int, reason: int | None = None) -> None:
        """Close an aim on ``last_day``; its open ACT record ends on the same day."""
        aim.fields.update(CompStatus=comp_status, LearnActEndDate=last_day, WithdrawReason=reason, Outcome=outcome)
        aim.fams = [(t, c, f, last_day if t == "ACT" and to is None else to) for t, c, f, to in aim.fams]

    def achieve(self, programme: Aim, on: date) -> None:
        """A completed standard passed its end-point assessment: AchDate, and the latest ACT ends on it."""
        programme.fields["AchDate"] = on
        programme.fams = [(t, c, f, on if t == "ACT" and to is not None else to) for t, c, f, to in programme.fams]

    def withdraw(self, aim: Aim, last_day: date, reason: int) -> None:
        self.close(aim, last_day, comp_status=3, outcome=3, reason=reason)

    def complete(self, aim: Aim, last_day: date, *, achieved: bool) -> None:
        self.close(aim, last_day, comp_status=2, outcome=1 if achieved else 3)


# Learner kinds and their share of a file.
MIX: tuple[tuple[str, float], ...] = (
    ("study_programme", 0.40), ("adult_skills", 0.25), ("tlevel", 0.10),
    ("apprenticeship:continuing", 0.12), ("apprenticeship:achieved", 0.04), ("apprenticeship:withdrawn", 0.03),
    ("apprenticeship:new-employer", 0.03), ("apprenticeship:break", 0.03),
)


def learners(year: CollectionYear, count: int, seed: int | str) -> Iterator[Learner]:
    """``count`` fictional learners, generated lazily; the same seed gives the same learners."""
    maker = Maker(year, seed, uln_block=ULN_BLOCK + _seed_block(seed))
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    for number in range(1, count + 1):
        entry = maker.rng.choices(kinds, weights)[0]
        kind, _, variant = entry.partition(":")
        make: Callable[..., Learner] = getattr(maker, kind)
        ref = f"SYN{number:07d}"
        learner = make(ref, variant) if variant else make(ref)
        learner.kind = entry
        yield learner


# ULNs: each learner number owns ten consecutive candidates in a block of 100 million, so a
# file's ULNs are unique. The block depends on the seed (four blocks), so files written with
# seeds 1-4 hold different people; learners who left in the previous year have blocks of their own.
ULN_BLOCK, PREVIOUS_ONLY_ULN_BLOCK, BLOCK = 100_000_000, 500_000_000, 100_000_000
MAX_LEARNERS = 9_999_999  # seven digits in the LearnRefNumber, and ten ULN candidates each within a block


def _seed_block(seed: int | str) -> int:
    return (seed % 4 if isinstance(seed, int) else 0) * BLOCK


# --- the previous year's R14 view ---------------------------------------------------------------

def as_at(learner: Learner, day: date) -> Learner | None:
    """The learner as an R14 file for the year ending on ``day`` held them, or ``None`` if not yet started."""
    aims = []
    for aim in learner.aims:
        if aim.start > day:
            continue
        ended = aim.fields.get("LearnActEndDate")
        if ended is not None and ended > day:  # still open then: continuing
            fields = {**aim.fields, "CompStatus": 1, "LearnActEndDate": None, "WithdrawReason": None,
                      "Outcome": None, "AchDate": None}
            fams = [(t, c, f, None if to is not None and to > day else to) for t, c, f, to in aim.fams]
            hours = {k: v for k, v in aim.hours.items() if k != HRS_ACTUAL_OTJ}
            aim = replace(aim, fields=fields, fams=fams, hours=hours)
        aim = replace(aim, fins=[fin for fin in aim.fins if fin[2] <= day])
        aims.append(aim)
    if not aims:
        return None
    return replace(learner, aims=aims, employment=[e for e in learner.employment if e.date <= day])


def previous_year(year: CollectionYear) -> CollectionYear:
    earlier = BY_CODE.get(f"{(year.first - 1) % 100:02d}{year.first % 100:02d}")
    if earlier is None:
        raise SystemExit(f"no supported collection year before {year.label}")
    return earlier


def previous_year_learners(year: CollectionYear, count: int, seed: int) -> Iterator[Learner]:
    """The previous year's R14, ``count`` learners long, in the same order as this year's file.

    Each learner of this year's file who had started by 31 July is there as they stood on that
    day (:func:`as_at`); in the place of each one who had not, the R14 holds a learner who
    finished within the previous year (LearnRefNumber PRV and the same number, a ULN of their own).
    """
    end = year.start - timedelta(days=1)
    finished = Maker(previous_year(year), f"{seed}-previous",
                     uln_block=PREVIOUS_ONLY_ULN_BLOCK + _seed_block(seed))
    for learner in learners(year, count, seed):
        earlier = as_at(learner, end)
        yield earlier if earlier is not None else finished.finished(f"PRV{learner.ref[3:]}")
