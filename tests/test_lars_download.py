"""--lars: the LARS CSV download as a zip or a folder, indexed once into the user's cache."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from builders import delivery, ilr, learner
from ilr_lint import synth
from ilr_lint.api import discover
from ilr_lint.engine import Options, lint_file
from ilr_lint.reference import lars as lars_module
from ilr_lint.reference.lars import Lars, LarsError, parse_date
from ilr_lint.years import BY_CODE
from lars_extract import extract_for

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lars"
FAULTY = ilr(learner("L1", year="2526", deliveries=[
    delivery(year="2526", LearnAimRef="69999999", LearnStartDate="2025-09-01"),
    delivery(year="2526", LearnAimRef="60000002", AimSeqNumber=2, LearnStartDate="2025-09-01")]),
    year="2526", prep="2025-11-01")


def zipped(folder: Path, target: Path) -> Path:
    """The folder as the funder ships it: one zip, the CSVs inside a folder of their own."""
    with zipfile.ZipFile(target, "w") as archive:
        for csv_file in sorted(folder.glob("*.csv")):
            archive.write(csv_file, f"LearningDelivery_V012_CSV/{csv_file.name}")
    return target


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def test_zip_and_its_folder_give_the_same_findings(cli, tmp_path: Path, cache: Path) -> None:
    ilr_file = tmp_path / "ILR.xml"
    ilr_file.write_text(FAULTY, encoding="utf-8")
    archive = zipped(FIXTURE, tmp_path / "LearningDelivery_V012_CSV.Zip")
    env = {"XDG_CACHE_HOME": str(cache)}
    runs = [cli("check", "--format", "json", "--select", "delivery", "--lars", where, ilr_file, env=env)
            for where in (FIXTURE, archive)]
    found = [[(f["code"], f["aim"], f["message"]) for f in json.loads(r.stdout)["findings"]] for r in runs]
    assert found[0] == found[1] and ("LearnAimRef_01", 1) in [(c, a) for c, a, _ in found[0]]
    assert ("LearnAimRef_129", 2) in [(c, a) for c, a, _ in found[0]]
    assert all(r.returncode == 1 and "need LARS" not in r.stderr for r in runs)
    assert len(list((cache / "ilr-lint").glob("lars-*.sqlite"))) == 2  # one index per download


def test_second_open_reuses_the_index_without_reading_the_csvs(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Lars.open(FIXTURE)
    assert first.aim("60000004").is_tlevel_technical_qualification

    def no_reading(self, name):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{name} was read again")
    monkeypatch.setattr(lars_module._Download, "rows", no_reading)
    again = Lars.open(FIXTURE)
    assert again.database == first.database and again.standard(200).effective_to == date(2025, 7, 31)


def test_a_changed_download_is_indexed_afresh(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "lars"
    shutil.copytree(FIXTURE, copy)
    before = Lars.open(copy)
    with (copy / "Validity.csv").open("a", encoding="utf-8") as out:
        out.write("60000004,ANY,2020-08-01,,,,,,\n")
    after = Lars.open(copy)
    assert after.database != before.database and after.aim("60000004").validities_in("ANY")


def test_a_missing_file_or_column_is_one_line_and_exit_2(cli, tmp_path: Path, cache: Path) -> None:
    ilr_file = tmp_path / "ILR.xml"
    ilr_file.write_text(FAULTY, encoding="utf-8")
    no_file = tmp_path / "no-file"
    shutil.copytree(FIXTURE, no_file)
    (no_file / "Standard.csv").unlink()
    no_column = tmp_path / "no-column"
    shutil.copytree(FIXTURE, no_column)
    text = (no_column / "Validity.csv").read_text(encoding="utf-8")
    (no_column / "Validity.csv").write_text(text.replace("LastNewStartDate", "LastStart", 1), encoding="utf-8")
    for folder, named in ((no_file, "no Standard.csv"), (no_column, "Validity.csv in the LARS download has no "
                                                                      "column LastNewStartDate")):
        result = cli("check", "--lars", folder, ilr_file, env={"XDG_CACHE_HOME": str(cache)})
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and named in result.stderr and "Traceback" not in result.stderr
    result = cli("check", "--lars", tmp_path / "absent.zip", ilr_file)
    assert result.returncode == 2 and "no such LARS download" in result.stderr


def test_config_lars_is_relative_to_the_config_file(cli, tmp_path: Path, cache: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project / "reference" / "lars")
    (project / ".ilr-lint.toml").write_text('lars = "reference/lars"\nselect = ["LearnAimRef_01"]\n', encoding="utf-8")
    (project / "ILR.xml").write_text(FAULTY, encoding="utf-8")
    result = cli("check", "--format", "json", "ILR.xml", cwd=project, env={"XDG_CACHE_HOME": str(cache)})
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["LearnAimRef_01"]


def test_without_lars_the_run_says_once_what_it_did_not_assess(cli, tmp_path: Path) -> None:
    ilr_file = tmp_path / "ILR.xml"
    ilr_file.write_text(FAULTY, encoding="utf-8")
    result = cli("check", "--select", "delivery", ilr_file, ilr_file)
    lines = [line for line in result.stderr.splitlines() if "need LARS" in line]
    assert len(lines) == 1 and "give --lars" in lines[0] and "not assessed" in lines[0]


def test_lars_dates_in_either_published_form() -> None:
    assert parse_date("2025-08-01") == parse_date("01/08/2025") == parse_date("2025-08-01 00:00:00") == date(2025, 8, 1)
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("August 2025")


def test_a_file_that_is_not_a_zip_is_an_input_error(tmp_path: Path) -> None:
    bogus = tmp_path / "lars.zip"
    bogus.write_text("not a zip", encoding="utf-8")
    with pytest.raises(LarsError, match="not a LARS CSV zip"):
        Lars.open(bogus)


def _standard_programme(ref: str, start: str) -> str:
    return learner(ref, year="2526", DateOfBirth="2000-01-01", deliveries=[delivery(
        year="2526", LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=100, LearnStartDate=start,
        LearnPlanEndDate="2025-10-01", LearnActEndDate="2025-09-01", CompStatus=2, Outcome=1, AchDate="2025-10-15")])


def test_qar_decides_the_standard_effective_from_exclusion_with_lars(cli, tmp_path: Path, cache: Path) -> None:
    # standard 100 opened on 2019-01-01 in the fictional extract
    ilr_file = tmp_path / "ILR.xml"
    ilr_file.write_text(ilr(_standard_programme("EARLY", "2018-09-01"), _standard_programme("LATER", "2023-09-01"),
                            year="2526", prep="2025-11-01"), encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(cache)}
    with_lars = json.loads(cli("qar", ilr_file, "--format", "json", "--lars", FIXTURE, env=env).stdout)
    without = json.loads(cli("qar", ilr_file, "--format", "json", env=env).stdout)
    assert [(a["learner"], a["exclusions"]) for a in with_lars["aims"]] == [("EARLY", ["lars_effective_from"]),
                                                                          ("LATER", [])]
    assert "lars_effective_from" not in {n["exclusion"] for n in with_lars["not_assessed"]}
    assert [a["exclusions"] for a in without["aims"]] == [[], []]
    assert {n["exclusion"]: n["aims"] for n in without["not_assessed"]}["lars_effective_from"] == 2


def test_the_timing_extract_covers_the_generators_aims(tmp_path: Path, cache: Path) -> None:
    # tests/lars_extract.py: with it the generator's clean file draws no more findings than without LARS
    path = tmp_path / "synth.xml"
    synth.write(str(path), BY_CODE["2627"], 60, 1)
    checks = discover()
    codes = {c.code for c in checks if "lars" in c.needs}
    with_lars = lint_file(str(path), Options(checks=checks, lars=Lars.open(extract_for(path, tmp_path / "lars"))))
    assert len(codes) > 100 and not [f.code for f in with_lars.findings if f.code in codes]
    without = lint_file(str(path), Options(checks=checks))
    assert len(with_lars.findings) == len(without.findings)
