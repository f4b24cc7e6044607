"""Official rules: a learning aim's LARS validity for its funding (``LearnAimRef_94`` to ``_152``).

LARS gives each learning aim validity records per funding stream (``ValidityCategory``:
``1619_EFA``, ``ADULT_SKILLS``, ``ANY`` ...), each with a start date, an end date and a last
date for new starts. For each stream the funder has the same five rules:

- *has*: a new start funded this way needs a validity record of the stream's category;
- *start in*: the aim's start date falls within one of those records;
- *end before*: the aim's actual end is not after the record's end date;
- *new start*: the start is not before the record's start nor, unless the aim is a restart,
  after its last date for new starts;
- *latest*: the end date of the latest record is after the end of the previous teaching year.

One aim has one fault, so each aim gets at most one of its stream's five findings: the first
that applies in the order missing record, start outside every record, start after the last
date for new starts, end after the record's end, validity ended before this year
(:func:`verdict`). The date windows are the rules' own conditions; where a rule's condition
and its description disagree (the 'new start' rules that test LearnActEndDate) the description
wins, as the sibling rules' conditions do. The 'start in' and 'end before' rules apply, as
their conditions say, to aims with an actual end date on or after the rule's date. Without
``--lars`` these rules are not assessed. Source: ILR validation rules 2025 to 2026 and 2026
to 2027 (LearnAimRef_94 ... LearnAimRef_160).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ilr_lint import codes
from ilr_lint.api import Context
from ilr_lint.model import LearningDelivery
from ilr_lint.official.predicates import DD35, When, fund_model, has_fam, prog_type
from ilr_lint.official.records import Item
from ilr_lint.official.rows import Broken
from ilr_lint.reference.lars import Validity

DAY = timedelta(days=1)
LOOK = "Check the learning aim reference, funding model and dates against LARS ('Find a learning aim')"


@dataclass(frozen=True)
class Window:
    """The dates a rule looks at: the aim's start (``start``) or actual end (``end``) on or between."""

    field: str
    on_or_after: date | None = None
    on_or_before: date | None = None

    def holds(self, aim: LearningDelivery) -> bool:
        day = aim.learn_start_date if self.field == "start" else aim.learn_act_end_date
        if day is None:
            return False
        return (self.on_or_after is None or day >= self.on_or_after) and (
            self.on_or_before is None or day <= self.on_or_before)


ALWAYS = Window("start")


@dataclass(frozen=True)
class Stream:
    """One funding stream's validity category and its five rules: name and date window each."""

    key: str
    funding: str  # how the message names the funding
    categories: tuple[str, ...]  # the validity categories that count (the first is named)
    applies: When  # the aims funded this way; keyed by their FundModels or a FAM type: the rows' batch key
    rules: dict[str, tuple[str, Window]]  # kind -> (official rule, window)
    no_restart_exemption: frozenset[str] = frozenset()  # header years whose 'new start' rule holds for restarts too


def _window(field: str, after: str | None = None, before: str | None = None) -> Window:
    return Window(field, date.fromisoformat(after) if after else None, date.fromisoformat(before) if before else None)


FOURTEEN_TO_SIXTEEN = has_fam("LDM", 320, 321, 381)
"""14-16 provision (LDM 320, 321 or 381 on a FundModel 25 aim)."""
FREE_COURSES = has_fam("LDM", 378)
"""Level 3 Free Courses for Jobs."""
STREAMS = (
    Stream("1619", "16-19 funded (FundModel 25 or 82)", ("1619_EFA",),
           fund_model(25, 82) & ~FOURTEEN_TO_SIXTEEN,
           {"has": ("LearnAimRef_129", _window("start", "2021-08-01")),
            "start_in": ("LearnAimRef_102", _window("end", "2020-08-01")),
            "end_before": ("LearnAimRef_103", _window("end", "2020-08-01")),
            "new_start": ("LearnAimRef_104", _window("start", "2021-08-01")),
            "latest": ("LearnAimRef_105", _window("start", "2021-08-01"))},
           no_restart_exemption=frozenset({"2627"})),  # 2026-27: LearnAimRef_104 no longer exempts restarts
    Stream("comm", "community learning funded (FundModel 10)", ("COMM_LEARN",), fund_model(10),
           {"has": ("LearnAimRef_130", _window("start", "2023-08-01")),
            "start_in": ("LearnAimRef_106", _window("end", "2020-08-01")),
            "end_before": ("LearnAimRef_107", _window("end", "2020-08-01")),
            "new_start": ("LearnAimRef_108", _window("start", "2021-08-01")),
            "latest": ("LearnAimRef_109", ALWAYS)}),
    Stream("loan", "financed by an Advanced Learner Loan (FundModel 99 with ADL)", ("ADV_LEARN_LOAN",),
           fund_model(99) & has_fam(codes.FAM_LOAN),
           {"has": ("LearnAimRef_131", _window("start", "2021-08-01")),
            "start_in": ("LearnAimRef_110", _window("end", "2020-08-01")),
            "end_before": ("LearnAimRef_111", _window("end", "2020-08-01")),
            "new_start": ("LearnAimRef_112", _window("start", "2021-08-01")),
            "latest": ("LearnAimRef_113", ALWAYS)}),
    Stream("any", "an apprenticeship standard, skills bootcamp, other adult or non-funded aim", ("ANY",),
           (fund_model(36) & prog_type(codes.PROG_STANDARD) | fund_model(37, 81, 99)) & ~has_fam(codes.FAM_LOAN),
           {"has": ("LearnAimRef_132", _window("start", "2023-08-01")),
            "start_in": ("LearnAimRef_114", _window("end", "2020-08-01")),
            "end_before": ("LearnAimRef_115", _window("end", "2020-08-01")),
            "new_start": ("LearnAimRef_116", _window("start", "2021-08-01")),
            "latest": ("LearnAimRef_117", ALWAYS)}),
    Stream("mca", "funded by a combined authority (SOF 110-120)", ("MCA_GLA", "COMM_LEARN", "TAILORED_LEARNING"),
           has_fam("SOF") & DD35 & ~FREE_COURSES,
           {"has": ("LearnAimRef_133", _window("start", "2023-08-01")),
            "start_in": ("LearnAimRef_118", _window("end", "2020-08-01")),
            "end_before": ("LearnAimRef_119", _window("end", "2020-08-01")),
            "new_start": ("LearnAimRef_120", _window("start", "2021-08-01")),
            "latest": ("LearnAimRef_121", ALWAYS)}),
    Stream("1416", "14-16 funded (FundModel 25 with LDM 320, 321 or 381)", ("1416_EFA",),
           FOURTEEN_TO_SIXTEEN & fund_model(25),
           {"has": ("LearnAimRef_134", _window("start", "2023-08-01")),
            "start_in": ("LearnAimRef_122", _window("end", "2020-08-01")),
            "end_before": ("LearnAimRef_123", _window("end", "2020-08-01")),
            "new_start": ("LearnAimRef_124", _window("start", "2021-08-01")),
            "latest": ("LearnAimRef_125", ALWAYS)}),
    Stream("adult", "adult skills funded (FundModel 35)", ("ADULT_SKILLS",),
           fund_model(35) & ~prog_type(codes.PROG_STANDARD) & ~DD35 & ~has_fam("LDM", codes.LDM_OLASS, 378),
           {"has": ("LearnAimRef_127", _window("start", "2023-08-01", "2024-07-31")),
            "start_in": ("LearnAimRef_94", _window("end", "2020-08-01", "2024-07-31")),
            "end_before": ("LearnAimRef_95", _window("end", "2020-08-01", "2024-07-31")),
            "new_start": ("LearnAimRef_96", _window("end", "2021-08-01", "2024-07-31")),
            "latest": ("LearnAimRef_97", _window("start", None, "2024-07-31"))}),
    Stream("asf", "Adult Skills Fund funded (FundModel 38)", ("ADULT_SKILLS",),
           fund_model(38) & ~DD35 & ~has_fam("LDM", 378, 395),
           {"has": ("LearnAimRef_142", _window("start", "2024-08-01")),
            "start_in": ("LearnAimRef_138", _window("end", "2024-08-01")),
            "end_before": ("LearnAimRef_139", _window("end", "2024-08-01")),
            "new_start": ("LearnAimRef_140", _window("start", "2024-08-01")),
            "latest": ("LearnAimRef_141", _window("start", "2024-08-01"))}),
    Stream("fcfj", "Free Courses for Jobs (FundModel 38 with LDM 378)", ("FCFJ_ADULT_SKILLS",),
           FREE_COURSES & fund_model(38) & ~has_fam("LDM", 395),
           {"has": ("LearnAimRef_147", _window("start", "2024-08-01")),
            "start_in": ("LearnAimRef_143", _window("end", "2024-08-01")),
            "end_before": ("LearnAimRef_144", _window("end", "2024-08-01")),
            "new_start": ("LearnAimRef_145", _window("start", "2024-08-01")),
            "latest": ("LearnAimRef_146", _window("start", "2024-08-01"))}),
    Stream("tailored", "tailored learning funded (FundModel 11)", ("TAILORED_LEARNING",),
           fund_model(11),
           {"has": ("LearnAimRef_152", _window("start", "2024-08-01")),
            "start_in": ("LearnAimRef_148", _window("end", "2024-08-01")),
            "end_before": ("LearnAimRef_149", _window("end", "2024-08-01")),
            "new_start": ("LearnAimRef_150", _window("start", "2024-08-01")),
            "latest": ("LearnAimRef_151", ALWAYS)}),
    Stream("short", "a short course (FundModel 39)", ("GROWTH_SKILLS_SHORT_COURSES",), fund_model(39),
           {"has": ("LearnAimRef_160", ALWAYS), "start_in": ("LearnAimRef_156", ALWAYS),
            "end_before": ("LearnAimRef_157", ALWAYS), "new_start": ("LearnAimRef_158", ALWAYS),
            "latest": ("LearnAimRef_159", ALWAYS)}),
)
FCFJ_MCA_FLEXIBLE = 56  # LARS category: Free Courses for Jobs MCA and GLA only flexible delivery qualifications


@dataclass(frozen=True)
class Verdict:
    kind: str
    message: str


def _shown(day: date | None) -> str:
    return day.isoformat() if day else "open"


def _covering(records: tuple[Validity, ...], day: date) -> Validity | None:
    found = [r for r in records if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)]
    return max(found, key=lambda r: r.start or date.min) if found else None


def _applies(stream: Stream, kind: str, aim: LearningDelivery) -> bool:
    rule = stream.rules.get(kind)
    return rule is not None and rule[1].holds(aim)


def verdict(stream: Stream, aim: LearningDelivery, ctx: Context) -> Verdict | None:
    """The one LARS validity fault of an aim in ``stream``, or None (see the module docstring)."""
    found = ctx.lars.aim(aim.learn_aim_ref)
    if found is None:
        return None  # LearnAimRef_01 reports an aim LARS does not know
    if stream.key == "fcfj" and found.in_category(FCFJ_MCA_FLEXIBLE):
        return None
    records = tuple(r for c in stream.categories for r in found.validities_in(c))
    named = stream.categories[0]
    what = f"is {stream.funding}"
    if not records:
        if _applies(stream, "has", aim):
            return Verdict("has", f"{what} but LARS gives the aim no {named} validity")
        return None
    start = aim.learn_start_date
    record = _covering(records, start)
    if record is None:
        before = all(r.start is not None and start < r.start for r in records)
        first = min(records, key=lambda r: r.start or date.min)
        last = max(records, key=lambda r: r.start or date.min)
        if before and _applies(stream, "new_start", aim):
            return Verdict("new_start", f"{what} and starts on {start} before its {named} validity starts "
                           f"({_shown(first.start)})")
        if _applies(stream, "start_in", aim):
            return Verdict("start_in", f"{what} but starts on {start}, outside every {named} validity period of the "
                           f"aim in LARS (latest {_shown(last.start)} to {_shown(last.end)})")
        return None
    exempt = aim.is_restart and ctx.year.code not in stream.no_restart_exemption
    if (_applies(stream, "new_start", aim) and record.last_new_start is not None and start > record.last_new_start
            and not exempt):
        return Verdict("new_start", f"{what} and starts on {start}, after the last date for new starts "
                       f"({record.last_new_start}) of its {named} validity in LARS")
    end = aim.learn_act_end_date
    if _applies(stream, "end_before", aim) and end is not None and record.end is not None and end > record.end:
        return Verdict("end_before", f"{what} and ends on {end}, after its {named} validity in LARS ends "
                       f"({record.end})")
    latest = max(records, key=lambda r: r.start or date.min)
    previous_year_end = ctx.year.start - DAY
    if _applies(stream, "latest", aim) and latest.end is not None and latest.end <= previous_year_end:
        return Verdict("latest", f"{what} but its latest {named} validity in LARS ended on {latest.end}, before "
                       f"this teaching year")
    return None


def _keyed(kind: str, value: object) -> tuple[Stream, ...]:
    """The streams whose condition's key admits this FundModel (``"fm"``) or FAM type (``"fam"``)."""
    return tuple(s for s in STREAMS if s.applies.key is not None and s.applies.key[0] == kind
                 and (value in s.applies.key[1] if kind == "fm" else value == s.applies.key[1]))


def _faults(item: Item) -> dict[str, Verdict]:
    """The aim's fault in each funding stream that has one, by stream key: worked out once per aim for all the
    validity rows, and once per run for aims alike in what the verdicts depend on (:func:`_verdicts`)."""
    memo = item.memo
    if memo is None:
        memo = item.memo = {}
    found = memo.get("lars-validity")
    if found is None:
        found = memo["lars-validity"] = _verdicts(item)
    return found


def _verdicts(item: Item) -> dict[str, Verdict]:
    """The verdicts of the streams that fund the aim. Which streams fund it depends on its FundModel, ProgType
    and FAMs and the file's year (:attr:`Stream.applies`); their verdicts on its reference, dates and restart
    indicator (a FAM): aims alike in all these (a cohort's) share one dict, kept for the run in
    ``ctx.lars.memo``."""
    aim, ctx, fams = item.aim, item.ctx, item.fam_keys
    key = ("validity", aim.fund_model, aim.prog_type, fams, aim.learn_aim_ref, aim.learn_start_date,
           aim.learn_act_end_date, ctx.year.first)
    memo = ctx.lars.memo
    found = memo.get(key)
    if found is None:
        held = (fam_type for fam_type in BY_FAM_TYPE if (fam_type, None) in fams)
        streams = BY_FUND_MODEL.get(aim.fund_model, ()) + tuple(s for fam_type in held for s in BY_FAM_TYPE[fam_type])
        found = memo[key] = {stream.key: fault for stream in streams
                             if stream.applies(item) and (fault := verdict(stream, aim, ctx)) is not None}
    return found  # type: ignore[return-value]


def _rule(stream: Stream, kind: str) -> Broken:
    """One of a funding stream's five LARS validity rules, as a row on aims (see the module docstring)."""
    what = WHAT[kind].format(funding=stream.funding, category=" or ".join(stream.categories))
    if kind == "new_start" and stream.no_restart_exemption:
        what += " From 2026-27 restarts are not exempt."

    def faulty(item: Item, key: str = stream.key) -> bool:
        memo = item.memo  # _faults(item), without a call for each of the aim's rows once it is worked out
        found = memo.get("lars-validity") if memo is not None else None
        fault = (_faults(item) if found is None else found).get(key)
        return fault is not None and fault.kind == kind

    # the stream's key is the row's batch key: the batch tries the row only on aims that pass it
    return Broken(stream.rules[kind][0], "aim", topic="delivery", field="LearnAimRef",
                  when=When(faulty, key=stream.applies.key),
                  fact=lambda item: _message(item, stream), what=what + ONE_FAULT, fix=FIXES[kind])


def _message(item: Item, stream: Stream) -> str:
    return f"aim {item.aim.aim_seq_number} ({item.aim.learn_aim_ref}) {_faults(item)[stream.key].message}"


FIXES = {
    "has": f"{LOOK}: choose an aim that LARS makes valid for this funding, or correct the FundModel.",
    "start_in": f"{LOOK}: correct LearnStartDate or the aim.",
    "end_before": f"{LOOK}: correct LearnActEndDate or the aim.",
    "new_start": f"{LOOK}: correct LearnStartDate or the aim; a new start needs an aim still open to new starts "
                 "(if this is a restart, add LearningDeliveryFAM RES 1).",
    "latest": f"{LOOK}: the aim cannot be funded this way this year.",
}
ONE_FAULT = (" An aim gets at most one of its funding stream's LARS validity findings: missing validity, start "
             "outside it, start after the last date for new starts, end after it, validity ended before this year.")
WHAT = {
    "has": "An aim {funding} that is a new start has a LARS validity record of category {category}.",
    "start_in": "An aim {funding} starts within one of its {category} validity periods in LARS.",
    "end_before": "An aim {funding} does not end after its {category} validity in LARS ends.",
    "new_start": ("An aim {funding} starts neither before its {category} validity in LARS nor, unless it is a "
                  "restart (RES), after the validity's last date for new starts."),
    "latest": ("An aim {funding} has a latest {category} validity in LARS that ends after the end of the previous "
               "teaching year (or is open)."),
}

BY_FUND_MODEL = {fm: _keyed("fm", fm) for s in STREAMS if s.applies.key[0] == "fm" for fm in s.applies.key[1]}
BY_FAM_TYPE = {t: _keyed("fam", t) for t in ("SOF", "LDM")}
CHECKS = [_rule(stream, kind) for stream in STREAMS for kind in stream.rules]
globals().update({c.code: c for c in CHECKS})  # each rule a module-level Check: the entry point loads them all
