"""``check --jobs N``: files linted in parallel give the output of one process, in the order given."""

from __future__ import annotations

import json

import pytest

from ilr_lint import synth
from ilr_lint.years import BY_CODE


@pytest.fixture
def files(tmp_path):
    """Four files of different years and sizes, with planted faults, and one that cannot be read."""
    paths = []
    for number, (year, count) in enumerate((("2627", 120), ("2526", 40), ("2324", 80), ("2425", 10)), 1):
        path = tmp_path / f"f{number}-{year}.xml"
        synth.write(str(path), BY_CODE[year], count, number, faults=0.3)
        paths.append(path)
    broken = tmp_path / "f0-broken.xml"
    broken.write_text("<Message>", encoding="utf-8")
    paths.insert(2, broken)
    return paths


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_give_the_same_output_as_one_process(cli, files, fmt):
    one = cli("check", "--format", fmt, "--jobs", "1", *files)
    many = cli("check", "--format", fmt, "--jobs", "3", *files)
    assert one.returncode == many.returncode == 2  # findings, and a file that could not be read
    assert many.stdout == one.stdout and many.stderr == one.stderr
    assert "f0-broken.xml" in many.stderr
    if fmt == "json":
        report = json.loads(many.stdout)
        assert [f["path"].rpartition("/")[2] for f in report["files"]] == [p.name for p in files if "broken" not in p.name]
        assert report["findings"]


def test_default_jobs_is_every_core_and_matches_one_process(cli, files):
    assert cli("check", "--format", "json", *files).stdout == cli("check", "--format", "json", "-j", "1", *files).stdout


def test_jobs_must_be_positive(cli, files):
    result = cli("check", "--jobs", "0", files[0])
    assert result.returncode == 2 and "--jobs" in result.stderr
