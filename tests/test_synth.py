"""The synthetic file generator: readable, deterministic, right size, right fields for each year."""

from __future__ import annotations

import subprocess
import sys
import types
from collections import Counter

import pytest

from ilr_lint import synth
from ilr_lint.api import discover
from ilr_lint.config import choose
from ilr_lint.engine import Options, lint_file
from ilr_lint.model import Learner
from ilr_lint.reader import IlrReader
from ilr_lint.years import YEARS

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


def test_generated_file_is_clean_under_the_checks(tmp_path):
    path = generate(tmp_path, YEARS[-1], count=300)
    checks = choose(discover(), [], ["schema"])
    assert lint_file(str(path), Options(checks=checks)).findings == []


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
    assert set(before) < set(now)
    year_end = YEARS[-2].end
    for ref, old in before.items():
        assert all(d.learn_start_date <= year_end for d in old.deliveries)
        assert all(d.learn_act_end_date is None or d.learn_act_end_date <= year_end for d in old.deliveries)
        assert {d.aim_seq_number for d in old.deliveries} <= {d.aim_seq_number for d in now[ref].deliveries}


def test_previous_year_before_the_first_supported_year_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="no supported collection year before 2023-24"):
        synth.write(str(tmp_path / "x.xml"), YEARS[0], 5, 1, previous=True)


def test_uln_check_digit():
    assert synth.uln_with_check_digit(106148401) == 1061484016  # a ULN from the funder's sample file
    assert synth.uln_with_check_digit(100000001) == 1000000019
    assert synth.uln_with_check_digit(100000006) is None  # remainder 0: no valid check digit


def test_command_line(tmp_path):
    out, previous = tmp_path / "cli.xml", tmp_path / "cli-prev.xml"
    result = subprocess.run([sys.executable, "-m", "ilr_lint.synth", "--learners", "25", "--year", "2526",
                             "--seed", "3", "-o", str(out), "--previous-year-file", str(previous)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "25 learners (2025-26)" in result.stderr
    assert sum(1 for r in IlrReader(str(out))) == 25 and IlrReader(str(previous)).year.code == "2425"
