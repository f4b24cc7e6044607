"""The synthetic file generator: readable, deterministic, right size, right fields for each year."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from collections import Counter
from pathlib import Path

import pytest

from ilr_lint import synth, synth_faults, synth_learners
from ilr_lint.api import discover
from ilr_lint.engine import Options, lint_file
from ilr_lint.model import Learner
from ilr_lint.reader import IlrReader
from ilr_lint.years import READABLE, YEARS

YEAR_IDS = [y.code for y in YEARS]


def generate(tmp_path, year, count=60, seed=1, name="syn.xml"):
    path = tmp_path / name
    assert synth.write(str(path), year, count, seed) == count
    return path


@pytest.mark.parametrize("year", YEARS, ids=YEAR_IDS)
def test_generated_file_is_readable_with_the_right_count(tmp_path, year):
    path = generate(tmp_path, year)
    rdr = IlrReader(str(path))
    learners = [r.item for r in rdr]
    assert rdr.year == year and rdr.header.ukprn == synth.UKPRN
    assert len(learners) == 60 and all(isinstance(x, Learner) for x in learners)
    assert len({x.learn_ref_number for x in learners}) == 60


@pytest.mark.parametrize("year", YEARS, ids=YEAR_IDS)
def test_same_seed_same_bytes(tmp_path, year):
    first = generate(tmp_path, year, seed=7, name="a.xml").read_bytes()
    assert first == generate(tmp_path, year, seed=7, name="b.xml").read_bytes()
    assert first != generate(tmp_path, year, seed=8, name="c.xml").read_bytes()


@pytest.mark.parametrize("year", YEARS, ids=YEAR_IDS)
def test_hours_fields_follow_the_year(tmp_path, year):
    learners = [r.item for r in IlrReader(str(generate(tmp_path, year, count=200)))]
    programmes = [d for x in learners for d in x.deliveries if d.is_programme_aim]
    apprenticeships = [d for d in programmes if d.prog_type == 25]
    tlevels = [d for d in programmes if d.prog_type == 31]
    assert apprenticeships and tlevels
    if year.code == "2627":
        assert all(d.hrs(1) and d.p_hours is None for d in apprenticeships)
        assert all(d.hrs(2) and d.p_hours is None for d in tlevels)
    else:
        assert all(d.p_hours and not d.hrs_records for d in apprenticeships + tlevels)
    text = generate(tmp_path, year, count=200, name="raw.xml").read_text()
    assert ("<HRSRecord>" in text) == (year.code == "2627") and ("<PHours>" in text) == (year.code != "2627")
    adult = {d.fund_model for x in learners for d in x.deliveries if d.has_fam("SOF", 105) and d.prog_type is None}
    assert adult == ({35} if year.code == "2324" else {38})


def test_realistic_mix(tmp_path):
    learners = [r.item for r in IlrReader(str(generate(tmp_path, YEARS[-1], count=400)))]
    aims = [d for x in learners for d in x.deliveries]
    kinds = Counter(d.fund_model for d in aims)
    assert kinds[25] and kinds[36] and kinds[38]
    assert any(d.comp_status == 6 for d in aims) and any(d.orig_learn_start_date and d.has_fam("RES", 1) for d in aims)
    assert any(d.comp_status == 3 and d.withdraw_reason and d.outcome == 3 for d in aims)
    assert any(d.comp_status == 2 and d.outcome == 1 and d.ach_date for d in aims if d.is_programme_aim)
    assert any(d.fin_records("TNP", 3) for d in aims) and any(d.fin_records("PMR") for d in aims)
    assert any(len(x.employment_statuses) > 1 for x in learners)
    assert any(d.learn_aim_ref == "ZWRKX003" and d.work_placements for d in aims)


def _lint(path, previous=None):
    from ilr_lint.previous import PreviousIndex
    from ilr_lint.schema import IlrSchema
    index = PreviousIndex.build([str(previous)]) if previous else None
    return lint_file(str(path), Options(checks=discover(), schema_for=IlrSchema.for_year, previous=index)).findings


def _findings_of(findings):
    return Counter((f.learner, f.aim, f.code) for f in findings)


@pytest.mark.parametrize("year", YEARS, ids=YEAR_IDS)
def test_generated_file_is_clean_under_the_checks(tmp_path, year):
    """Every check, schema validation included, and the change checks against the previous-year file."""
    path = generate(tmp_path, year, count=300)
    assert _findings_of(_lint(path)) == Counter()
    if year != YEARS[0]:
        previous = tmp_path / "before.xml"
        synth.write(str(previous), year, 300, 1, previous=True)
        assert _findings_of(_lint(previous)) == Counter()
        assert _findings_of(_lint(path, previous)) == Counter()


@pytest.mark.parametrize("year", YEARS, ids=YEAR_IDS)
def test_planted_faults_are_found_and_nothing_else(tmp_path, year):
    path = tmp_path / "faulty.xml"
    synth.write(str(path), year, 600, 5, faults=0.3)
    sidecar = json.loads(Path(synth.faults_path(str(path))).read_text())
    planted = sidecar["faults"]
    assert sidecar["file"] == "faulty.xml" and sidecar["rate"] == 0.3 and sidecar["seed"] == 5
    assert {p["fault"] for p in planted} == {f.name for f in synth_faults.FAULTS}  # every kind of fault was planted
    expected = Counter((p["learner"], p["aim"], p["code"]) for p in planted)
    assert _findings_of(_lint(path)) == expected
    if year != YEARS[0]:  # the faults change nothing the cross-submission checks compare
        previous = tmp_path / "before.xml"
        synth.write(str(previous), year, 600, 5, previous=True)
        assert _findings_of(_lint(path, previous)) == expected


def _learner_blocks(path):
    """Each learner's XML text by LearnRefNumber."""
    blocks = Path(path).read_text().split("<Learner>")[1:]
    return {b.split("<LearnRefNumber>")[1].split("<")[0]: b for b in blocks}


def test_faults_leave_the_other_learners_as_they_were(tmp_path):
    clean = _learner_blocks(generate(tmp_path, YEARS[-1], count=200, seed=5))
    path = tmp_path / "faulty.xml"
    synth.write(str(path), YEARS[-1], 200, 5, faults=0.1)
    faulty = _learner_blocks(path)
    touched = {p["learner"] for p in json.loads(Path(synth.faults_path(str(path))).read_text())["faults"]}
    assert 5 <= len(touched) <= 40 and clean.keys() == faulty.keys()
    assert all((clean[ref] == faulty[ref]) == (ref not in touched) for ref in clean)
    assert not Path(synth.faults_path(str(generate(tmp_path, YEARS[-1], count=20, name="clean.xml")))).exists()


def test_learners_are_generated_lazily():
    stream = synth.learners(YEARS[-1], 10**9, seed=1)
    assert isinstance(stream, types.GeneratorType)
    assert next(stream).fields["LearnRefNumber"] == "SYN0000001"


def test_previous_year_file(tmp_path):
    current = generate(tmp_path, YEARS[-1], count=200, name="now.xml")
    previous = tmp_path / "before.xml"
    synth.write(str(previous), YEARS[-1], 200, 1, previous=True)
    rdr = IlrReader(str(previous))
    before = {x.learn_ref_number: x for x in (r.item for r in rdr)}
    assert rdr.year == YEARS[-2] and before
    now = {x.learn_ref_number: x for x in (r.item for r in IlrReader(str(current)))}
    assert len(before) == 200  # as many learners as this year's file
    carried = {ref for ref in before if ref.startswith("SYN")}
    left = set(before) - carried
    assert carried < set(now) and left and all(ref.startswith("PRV") for ref in left)
    assert not {before[ref].uln for ref in left} & {x.uln for x in now.values()}
    year_end = YEARS[-2].end
    for ref, old in before.items():
        assert all(d.learn_start_date <= year_end for d in old.deliveries)
        assert all(d.learn_act_end_date is None or d.learn_act_end_date <= year_end for d in old.deliveries)
        if ref in carried:
            assert {d.aim_seq_number for d in old.deliveries} <= {d.aim_seq_number for d in now[ref].deliveries}
        else:  # finished within the previous year
            assert all(d.comp_status in (2, 3) for d in old.deliveries)


def test_previous_year_before_the_first_readable_year_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="no supported collection year before 2020-21"):
        synth.write(str(tmp_path / "x.xml"), READABLE[0], 5, 1, previous=True)


def test_previous_year_of_the_first_checked_year_is_a_qar_only_year(tmp_path):
    assert synth.write(str(tmp_path / "x.xml"), YEARS[0], 5, 1, previous=True) == 5
    assert 'xmlns="ESFA/ILR/2022-23"' in (tmp_path / "x.xml").read_text(encoding="utf-8")


def test_ulns_are_unique_and_differ_between_seeds(tmp_path):
    ulns = [r.item.uln for r in IlrReader(str(generate(tmp_path, YEARS[-1], count=2000, seed=1)))]
    assert len(set(ulns)) == 2000
    other = {r.item.uln for r in IlrReader(str(generate(tmp_path, YEARS[-1], count=2000, seed=2, name="b.xml")))}
    assert not other & set(ulns)


def test_uln_check_digit():
    assert synth_learners.uln_with_check_digit(106148401) == 1061484016  # a ULN from the funder's sample file
    assert synth_learners.uln_with_check_digit(100000001) == 1000000019
    assert synth_learners.uln_with_check_digit(100000006) is None  # remainder 0: no valid check digit


def test_command_line(tmp_path):
    out, previous = tmp_path / "cli.xml", tmp_path / "cli-prev.xml"
    result = subprocess.run([sys.executable, "-m", "ilr_lint.synth", "--learners", "25", "--year", "2526",
                             "--seed", "3", "-o", str(out), "--previous-year-file", str(previous),
                             "--faults", "0.2", "--ukprn", "10000002"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "25 learners (2025-26)" in result.stderr
    assert sum(1 for r in IlrReader(str(out))) == 25 and IlrReader(str(previous)).year.code == "2425"
    assert "<UKPRN>10000002</UKPRN>" in out.read_text() and "<UKPRN>10000002</UKPRN>" in previous.read_text()
    assert json.loads(Path(synth.faults_path(str(out))).read_text())["faults"]
    assert not Path(synth.faults_path(str(previous))).exists()


@pytest.mark.parametrize("args, message", [(["--faults", "1.5"], "between 0 and 1"),
                                           (["--learners", "0"], "between 1 and 9,999,999")])
def test_command_line_refuses_bad_values(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "ilr_lint.synth", "--learners", "5", "-o", str(tmp_path / "x.xml"),
                             *args], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and message in result.stderr
