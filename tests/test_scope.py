"""Check scopes (ilr_lint.api.SCOPES, LEARNER_SCOPES): a scoped check runs only on the learners it concerns."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import (delivery, delivery_he, delivery_monitoring, employment, fam, fin, ilr, learner, learner_fam,
                      learner_monitoring, lldd)
from ilr_lint import synth
from ilr_lint.api import LEARNER_SCOPES, SCOPES, Problem, check, discover, learner_scopes
from ilr_lint.engine import Options, _context, lint_file
from ilr_lint.model import Learner
from ilr_lint.reader import IlrReader
from ilr_lint.years import YEARS

APPRENTICE = learner("A1", deliveries=[delivery(AimType=1, LearnAimRef="ZPROG001", ProgType=25, StdCode=100,
                                                FundModel=36, fams=[fam("ACT", 1, "2026-09-01")],
                                                fins=[fin("TNP", 1, "2026-09-01", 9000)])])
TLEVEL = learner("T1", deliveries=[delivery(AimType=1, LearnAimRef="ZPROG001", ProgType=31, FundModel=25)])
ADULT = learner("S1", deliveries=[delivery(AimType=4, LearnAimRef="60000000", FundModel=38)])


@check(code="ILR999", name="every-tlevel-learner", topic="tlevel", severity="info", guidance="test",
       scope=("tlevel",))
def every_tlevel_learner(learner: Learner, ctx):  # type: ignore[no-untyped-def]
    """Reports every learner it runs on (a probe for the engine's scoping)."""
    yield Problem("ran", "nothing", learner)


def test_scoped_check_runs_only_on_learners_in_its_scope(write_ilr):
    path = write_ilr(ilr(APPRENTICE, TLEVEL, ADULT))
    findings = lint_file(str(path), Options(checks=[every_tlevel_learner])).findings
    assert [f.learner for f in findings] == ["T1"]


def test_scopes_of_parsed_learners(write_ilr):
    path = write_ilr(ilr(APPRENTICE, TLEVEL, ADULT))
    found = {r.item.learn_ref_number: learner_scopes(r.item) for r in IlrReader(str(path))
             if isinstance(r.item, Learner)}
    assert found == {"A1": frozenset({"fm36", "apprenticeship", "act", "fin"}), "T1": frozenset({"tlevel", "16-19"}),
                     "S1": frozenset({"adult-skills"})}


def test_learner_scopes_count_the_learners_records(write_ilr):
    """A learner scope holds from two records of its kind (the rules on repeated records need two)."""
    two = learner("2", deliveries=[delivery(AimSeqNumber=1), delivery(AimSeqNumber=2)],
                  employment_statuses=[employment(10, "2025-08-01"), employment(11, "2026-08-01")],
                  lldds=[lldd(4, 1), lldd(5)], learner_fams=[learner_fam("LSR", 55), learner_fam("LSR", 56)],
                  monitoring=[learner_monitoring("A", "X"), learner_monitoring("B", "Y")])
    one = learner("1", deliveries=[delivery()], employment_statuses=[employment(10, "2025-08-01")],
                  lldds=[lldd(4, 1)], learner_fams=[learner_fam("LSR", 55)], monitoring=[learner_monitoring("A", "X")])
    names = frozenset(LEARNER_SCOPES)
    found = {r.item.learn_ref_number: learner_scopes(r.item, names) for r in IlrReader(str(write_ilr(ilr(two, one))))
             if isinstance(r.item, Learner)}
    assert found == {"2": names, "1": frozenset()}


def test_only_the_scopes_asked_for_are_worked_out(write_ilr):
    path = write_ilr(ilr(APPRENTICE))
    apprentice = next(r.item for r in IlrReader(str(path)) if isinstance(r.item, Learner))
    assert learner_scopes(apprentice, frozenset({"act", "tlevel", "statuses"})) == {"act"}
    assert learner_scopes(apprentice) == {"fm36", "apprenticeship", "act", "fin"}


OFFICIAL_SCOPED = [
    learner("S", deliveries=[delivery(FundModel=81, fams=[fam("LSF", 1, "2026-09-01")])]),
    learner("F", deliveries=[delivery(FundModel=99, fams=[fam("LDM", 378)])]),
    learner("C", deliveries=[delivery(AimType=5, FundModel=25, monitoring=[delivery_monitoring("A", "X")])]),
    learner("N", deliveries=[delivery(FundModel=35, fams=[fam("LDM", 377), fam("ALB", 1, "2026-09-01")])]),
    learner("H", deliveries=[delivery(FundModel=99, he=delivery_he())])]


def test_scopes_of_the_official_cross_record_rules(write_ilr):
    """The scopes the official rules declare: each from one aim's FundModel, AimType, FAMs, monitoring or HE
    record."""
    found = {r.item.learn_ref_number: learner_scopes(r.item) for r in IlrReader(str(write_ilr(ilr(*OFFICIAL_SCOPED))))
             if isinstance(r.item, Learner)}
    assert found == {"S": {"other-adult", "support"}, "F": {"non-funded", "free-courses"},
                     "C": {"core", "16-19", "monitoring"}, "N": {"adult-skills", "support"}, "H": {"non-funded", "he"}}


def test_scopes_found_per_kind_of_aim_are_each_aims_own(tmp_path: Path, write_ilr):
    """The scopes of aims alike (kept per kind of aim) are those each aim's own tests give: on faulty files of each
    year, and on learners between them in every scope."""
    others = learner("O", deliveries=[delivery(AimSeqNumber=1, FundModel=37), delivery(AimSeqNumber=2, FundModel=11),
                                      delivery(AimSeqNumber=3, FundModel=39)])
    not_free = learner("G", deliveries=[delivery(FundModel=99, fams=[fam("LDM", 377)])])  # as F's, but LDM 377
    twice = learner("R", deliveries=[delivery(FundModel=99, fams=[fam("LDM", 377), fam("LDM", 377)])])
    paths = [write_ilr(ilr(APPRENTICE, TLEVEL, ADULT, others, not_free, twice, *OFFICIAL_SCOPED))]
    for year in YEARS:
        paths.append(tmp_path / f"ILR-{year.code}.xml")
        synth.write(str(paths[-1]), year, 300, 11, faults=0.5)
    seen: set[str] = set()
    for path in paths:
        for one in (r.item for r in IlrReader(str(path)) if isinstance(r.item, Learner)):
            own = {name for name, test in SCOPES.items() if any(test(aim) for aim in one.deliveries)}
            own |= {name for name, test in LEARNER_SCOPES.items() if test(one)}
            assert learner_scopes(one) == own, one.learn_ref_number
            seen |= own
    assert seen >= set(SCOPES)


@pytest.mark.parametrize("scope", [("nope",), "act"], ids=["unknown", "string-not-tuple"])
def test_unknown_scope_is_rejected(scope):
    with pytest.raises(ValueError, match="unknown scope"):
        check(code="ILR998", name="bad-scope", topic="act", severity="info", guidance="test", scope=scope)


@pytest.mark.parametrize("year", YEARS, ids=lambda y: y.code)
def test_no_registered_check_fires_outside_its_scope(tmp_path: Path, year):
    """Every scoped check, run on every learner of a faulty synthetic file regardless of scope,
    finds nothing on learners outside its scopes (so skipping them changes no finding)."""
    path = tmp_path / "ILR.xml"
    synth.write(str(path), year, 400, 7, faults=0.5)
    scoped = [c for c in discover() if c.scope and c.applies_to(year)]
    assert scoped and all(set(c.scope) <= {*SCOPES, *LEARNER_SCOPES} for c in scoped)
    reader = IlrReader(str(path))
    ctx = None
    outside = []
    for record in reader:
        if not isinstance(record.item, Learner):
            continue
        if ctx is None:
            ctx = _context(str(path), reader, Options(checks=scoped))
        scopes = learner_scopes(record.item)
        for chk in scoped:
            if not chk.concerns(scopes):
                outside.extend((chk.code, record.item.learn_ref_number) for _ in chk.run(record.item, ctx))
    assert outside == []
