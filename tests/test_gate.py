"""The CI gate and the command line: exit codes, checks that did not run, folder scans, [options].

Everything runs through the installed console script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import complete_learner, delivery, ilr, learner
from test_bad_input import assert_one_line_error

WITHDRAWN = dict(CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)
FAULTY = ilr(learner("L1", deliveries=[delivery(**WITHDRAWN)]))  # ILR101: an error
CLEAN = ilr(complete_learner("L1", deliveries=[delivery(AimType=5)]))  # clean under every check
NAME = "ILR-10000001-2627-20261101-090000-01.xml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- exit codes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["missing", "empty"])
def test_exit_zero_never_hides_an_input_error(cli, tmp_path, bad):
    path = tmp_path / "ILR.xml"
    if bad == "empty":
        path.write_text("")
    result = cli("check", "--exit-zero", "--format", "json", path)
    assert_one_line_error(result, "ILR.xml")


def test_exit_zero_still_hides_findings(cli, tmp_path):
    path = write(tmp_path, NAME, FAULTY)
    assert cli("check", "--select", "ILR101", path).returncode == 1
    assert cli("check", "--select", "ILR101", "--exit-zero", path).returncode == 0


def test_exit_zero_keeps_usage_errors(cli, tmp_path):
    path = write(tmp_path, NAME, FAULTY)
    assert_one_line_error(cli("check", "--exit-zero", "--today", "someday", path), words="is not a date")


def test_write_baseline_passes_and_the_next_run_gates_on_new_findings(cli, tmp_path):
    path = write(tmp_path, NAME, FAULTY)
    written = cli("check", "--select", "ILR101", "--write-baseline", tmp_path / "b.json", path)
    assert written.returncode == 0 and "wrote 1 finding to" in written.stderr
    assert cli("check", "--select", "ILR101", "--baseline", tmp_path / "b.json", path).returncode == 0
    assert cli("check", "--select", "ILR101", path).returncode == 1


# --- checks that need --previous ------------------------------------------------------------------

def test_checks_needing_previous_are_named_once(cli, tmp_path):
    first, second = write(tmp_path, "a.xml", CLEAN), write(tmp_path, "b.xml", CLEAN)
    result = cli("check", first, second)
    notes = [line for line in result.stderr.splitlines() if "did not run" in line]
    assert len(notes) == 1, result.stderr
    assert "no --previous" in notes[0] and "ILR500" in notes[0] and "ILR603" in notes[0]
    assert "ILR101" not in notes[0] and "ILR602" not in notes[0]  # ILR602 also works within one file


def test_no_note_when_previous_is_given_or_no_such_check_is_selected(cli, tmp_path):
    path = write(tmp_path, NAME, CLEAN)
    previous = write(tmp_path, "r14.xml", ilr(learner("L1", year="2526", deliveries=[delivery(year="2526")]),
                                              year="2526", prep="2026-10-15"))
    assert "did not run" not in cli("check", path, "--previous", previous).stderr
    assert "did not run" not in cli("check", "--select", "withdrawal", path).stderr


def test_previous_file_of_another_ukprn_is_an_input_error(cli, tmp_path):
    path = write(tmp_path, NAME, CLEAN)
    previous = write(tmp_path, "r14.xml", ilr(learner("L1", year="2526", deliveries=[delivery(year="2526")]),
                                              year="2526", prep="2026-10-15", ukprn=10000099))
    result = cli("check", path, "--previous", previous)
    assert_one_line_error(result, "r14.xml", NAME, words="UKPRN 10000099")


def test_current_file_malformed_after_some_learners_with_previous(cli, tmp_path):
    """A check reading the file ahead meets the fault first: still "not well-formed XML", not a crash."""
    previous = write(tmp_path, "r14.xml", ilr(learner("OLD1", year="2526", ULN=1000000042,
                                                      deliveries=[delivery(year="2526")]), year="2526",
                                              prep="2026-10-15"))
    many = [learner(f"L{i}", ULN=1000000050, deliveries=[delivery()]) for i in range(2, 200)]  # > 32 KiB
    text = ilr(learner("NEW1", ULN=1000000042, deliveries=[delivery()]), *many)
    path = write(tmp_path, NAME, text.replace("<LearnRefNumber>L199</LearnRefNumber>",
                                              "<LearnRefNumber>L199</LearnRefNumberX>"))
    result = cli("check", "--ignore", "schema", path, "--previous", previous)
    line = assert_one_line_error(result, NAME, words="not well-formed XML")
    assert "check" not in line and "failed" not in line


# --- folder scans ---------------------------------------------------------------------------------

def test_folder_scan_skips_other_xml_and_tool_folders(cli, tmp_path):
    write(tmp_path, f"returns/{NAME}", FAULTY)
    write(tmp_path, "returns/manifest.xml", '<?xml version="1.0"?><manifest xmlns="urn:x"/>')
    write(tmp_path, "returns/other-namespace.xml", '<Message xmlns="http://example.org/soap"/>')
    for hidden in (".venv/lib/site.xml", ".git/x.xml", "node_modules/p/ILR.xml", ".ilr-lint-fix-abc/ILR.xml"):
        write(tmp_path, f"returns/{hidden}", "not even XML")
    result = cli("check", "--format", "json", "--select", "ILR101", tmp_path / "returns")
    assert result.returncode == 1, result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == [NAME]
    notes = [x for x in result.stderr.splitlines() if x.startswith("ilr-lint: note: skipped")]
    assert len(notes) == 2 and any("manifest.xml: root element is <manifest>" in n for n in notes), result.stderr
    assert ".venv" not in result.stderr and "node_modules" not in result.stderr


def test_ilr_of_an_unsupported_year_in_a_folder_is_still_an_error(cli, tmp_path):
    write(tmp_path, f"returns/{NAME}", CLEAN)
    write(tmp_path, "returns/old.xml", CLEAN.replace('xmlns="ILR/2026-27"', 'xmlns="ESFA/ILR/2019-20"'))
    result = cli("check", "--ignore", "schema", tmp_path / "returns")
    assert_one_line_error(result, "old.xml", words="unsupported ILR namespace")


def test_file_named_on_the_command_line_is_never_skipped(cli, tmp_path):
    path = write(tmp_path, "manifest.xml", "<manifest/>")
    assert_one_line_error(cli("check", path), "manifest.xml", words="root element is <manifest>")


def test_exclude_globs(cli, tmp_path):
    write(tmp_path, f"returns/{NAME}", CLEAN)
    write(tmp_path, "returns/drafts/ILR-draft.xml", FAULTY)
    write(tmp_path, "returns/ILR-old.xml", FAULTY)
    result = cli("check", "--format", "json", "--select", "ILR101", "--exclude", "drafts", "--exclude", "*-old.xml",
                 tmp_path / "returns")
    assert result.returncode == 0, result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == [NAME]
    only = cli("check", "--format", "json", "--select", "ILR101", "--exclude", "ILR-1*", tmp_path / "returns")
    assert sorted(Path(f["path"]).name for f in json.loads(only.stdout)["files"]) == ["ILR-draft.xml", "ILR-old.xml"]


# --- [options] ------------------------------------------------------------------------------------

@pytest.mark.parametrize("options,words", [
    ("empid-unknown-dayz = 60", "unknown option options.empid-unknown-dayz"),
    ('empid-unknown-days = "sixty"', "options.empid-unknown-days must be a whole number of days"),
    ("break-overdue-days = 0", "options.break-overdue-days must be a whole number of days"),
    ("break-overdue-days = true", "options.break-overdue-days must be a whole number of days"),
    ('english-maths-aims = "60346690"', "options.english-maths-aims must be a list of LARS references"),
    ("english-maths-aims = [60346690]", "options.english-maths-aims must be a list of LARS references"),
])
@pytest.mark.parametrize("config", [".ilr-lint.toml", "pyproject.toml"])
def test_bad_options_are_errors_naming_file_and_key(cli, tmp_path, options, words, config):
    path = write(tmp_path, NAME, CLEAN)
    table = "[options]" if config == ".ilr-lint.toml" else "[tool.ilr-lint]\n[tool.ilr-lint.options]"
    write(tmp_path, config, f"{table}\n{options}\n")
    result = cli("check", path, cwd=tmp_path)
    assert_one_line_error(result, config, words=words)


def test_good_options_are_used(cli, tmp_path):
    path = write(tmp_path, NAME, CLEAN)
    write(tmp_path, ".ilr-lint.toml", '[options]\nempid-unknown-days = 90\nbreak-overdue-days = 400\n'
          'overdue-continuing-days = 180\nenglish-maths-aims = ["60346690"]\n')
    result = cli("check", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
