"""Apprenticeship fixtures for the programme, act and learner tests.

A standard (ProgType 25, StdCode 28) on FundModel 36 starting 1 September 2026, built with
tests/builders.py. Each aim and each FAM starts on its own line, so findings can be asserted
by line (``line_of`` finds the line of a snippet in the XML).
"""

from __future__ import annotations

from builders import delivery, employment, fam, fin, hrs, learner

START = "2026-09-01"
PLANNED_END = "2028-03-31"
EMPLOYER = 123456789
ENGLISH = "60346690"  # a fictional LARS reference standing for a Functional Skills English aim


def act(code: int, date_from: str | None, date_to: str | None = None) -> str:
    return "\n" + fam("ACT", code, date_from, date_to)


def ldm(code: int) -> str:
    return "\n" + fam("LDM", code)


SOF = "\n" + fam("SOF", 105)


def _aim(defaults: dict[str, object], fams: list[str], fins: list[str], year: str, fields: dict[str, object],
         hrs_records: list[str] = ()) -> str:  # type: ignore[assignment]
    values = {"LearnPlanEndDate": PLANNED_END, "FundModel": 36, "ProgType": 25, "StdCode": 28, **defaults, **fields}
    return "\n" + delivery(year=year, fams=fams, fins=fins, hrs_records=hrs_records, **values)


def programme_aim(seq: int = 1, start: str = START, *, acts: list[str] | None = None, fams: list[str] = (),  # type: ignore[assignment]
                  fins: list[str] | None = None, sof: bool = True, year: str = "2627",
                  hrs_records: list[str] | None = None, **fields: object) -> str:
    """ZPROG001 (AimType 1) with SOF 105, ACT 1 from its start and a TNP 1 unless told otherwise.

    In 2026-27 it also records the off-the-job hours a correct programme aim has (HRSType_01,
    _08, _09): HRS 1 planned, and HRS 3 actual once it is completed or withdrawn.
    """
    acts = [act(1, start)] if acts is None else acts
    fins = [fin("TNP", 1, start, 9000)] if fins is None else fins
    if hrs_records is None:
        closed = fields.get("CompStatus") in (2, 3)
        hrs_records = [hrs(1, 400), *([hrs(3, 400)] if closed else [])] if year == "2627" else []
    return _aim({"LearnAimRef": "ZPROG001", "AimType": 1, "AimSeqNumber": seq, "LearnStartDate": start},
                [SOF] * sof + acts + list(fams), fins, year, fields, hrs_records)


def component(seq: int = 2, ref: str = "Z0001946", start: str = START, *, acts: list[str] = (),  # type: ignore[assignment]
              fams: list[str] = (), sof: bool = True, year: str = "2627", **fields: object) -> str:  # type: ignore[assignment]
    """A component aim (AimType 3) of the standard; no ACT unless given (an English or maths aim has one)."""
    return _aim({"LearnAimRef": ref, "AimType": 3, "AimSeqNumber": seq, "LearnStartDate": start},
                [SOF] * sof + list(acts) + list(fams), [], year, fields)


def english_maths(seq: int = 3, start: str = START, *, acts: list[str] | None = None, **fields: object) -> str:
    """An English or maths component aim, identified by its ACT record (ACT 1 from its start)."""
    return component(seq, ENGLISH, start, acts=[act(1, start)] if acts is None else acts, **fields)


def apprentice(ref: str = "A1", *deliveries: str, employment_statuses: list[str] | None = None,
               year: str = "2627", **values: object) -> str:
    """A learner with a real ULN, an NI number and employment with one employer from before the start."""
    if employment_statuses is None:
        employment_statuses = [employment(10, "2026-08-01", emp_id=EMPLOYER)]
    values.setdefault("NINumber", "AB123456C")
    return learner(ref, year=year, deliveries=list(deliveries), employment_statuses=employment_statuses, **values)
