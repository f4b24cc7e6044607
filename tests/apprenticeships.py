"""Apprenticeship fixtures for the finance and employment tests.

A funding model 36 standard (ProgType 25, StdCode 100): ``programme()`` is the ZPROG001 aim,
``component()`` a component aim. Every AppFinRecord and employment status record starts on
its own line, so findings can be told apart by ``line_of(xml, text)``.
"""

from __future__ import annotations

from builders import delivery, employment, fam, fin, learner

START = "2026-09-01"
EMPLOYER = 123456782
OTHER_EMPLOYER = 234567891
UNKNOWN = 999999999


def programme(seq: int = 1, start: str = START, *, fins: list[str] | None = None, acts: list[str] | None = None,
              epa: str | None = "EPA0001", fund_model: int = 36, extra_fams: tuple[str, ...] = (),
              **values: object) -> str:
    """A standard's programme aim, by default priced TNP 1 and TNP 2 from ``start`` and ACT 1."""
    fins = [fin("TNP", 1, start, 9000), fin("TNP", 2, start, 1000)] if fins is None else fins
    acts = [fam("ACT", 1, start)] if acts is None else acts
    values = {"LearnPlanEndDate": "2028-06-30", **values}
    return delivery(LearnAimRef="ZPROG001", AimType=1, AimSeqNumber=seq, LearnStartDate=start, FundModel=fund_model,
                    ProgType=25, StdCode=100, EPAOrgID=epa, fams=[fam("SOF", 105), *acts, *extra_fams],
                    fins=["\n" + f for f in fins], **values)


def component(seq: int = 2, start: str = START, **values: object) -> str:
    values = {"LearnPlanEndDate": "2028-06-30", **values}
    return delivery(LearnAimRef="60000001", AimType=3, AimSeqNumber=seq, LearnStartDate=start, FundModel=36,
                    ProgType=25, StdCode=100, fams=[fam("SOF", 105)], **values)


def status(emp_stat: int, date: str, emp_id: int | None = None, esm: tuple[tuple[str, int], ...] = ()) -> str:
    return "\n" + employment(emp_stat, date, emp_id=emp_id, esm=esm)


def employed(date: str = START, emp_id: int | None = EMPLOYER, esm: tuple[tuple[str, int], ...] = (("EII", 8),)) -> str:
    return status(10, date, emp_id=emp_id, esm=esm)


BEFORE_START = status(11, "2026-06-01", esm=(("LOU", 1),))


def apprentice(*deliveries: str, ref: str = "L1", statuses: list[str] | None = None) -> str:
    """A learner with ``deliveries`` (default: one priced programme and a component) who was
    unemployed before the start and employed by EMPLOYER from it."""
    statuses = [BEFORE_START, employed()] if statuses is None else statuses
    return learner(ref, deliveries=list(deliveries or (programme(), component())), employment_statuses=statuses,
                   NINumber="AB123456C")
