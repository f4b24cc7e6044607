"""``--fix`` under a kill signal, on read-only files and folders, and other refusals: one line, exit 2.

Through the installed console script. The kill tests stop a real fix of a file large enough
to be caught in the middle, once its work folder holds the corrected copy.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from builders import delivery, fam, ilr, learner
from test_bad_input import assert_one_line_error

NAME = "ILR-10000001-2627-20261101-090000-01.xml"
# Withdrawn without an Outcome (ILR103) and with an OutGrade (ILR105): both fixable.
FAULTY = learner("L{}", deliveries=[delivery(FundModel=38, fams=[fam("SOF", 105)], CompStatus=3,
                                             LearnActEndDate="2026-10-01", WithdrawReason=97, OutGrade="FL")])


def faulty_file(folder: Path, learners: int = 1) -> Path:
    path = folder / NAME
    path.write_text(ilr(*(FAULTY.replace("L{}", f"L{i}") for i in range(learners))), encoding="utf-8")
    return path


def work_folders(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".ilr-lint-fix-")]


def fix_killed_midway(cli, folder: Path, sig: int) -> tuple[subprocess.Popen, bytes]:  # type: ignore[type-arg]
    path = faulty_file(folder, learners=800)
    original = path.read_bytes()
    child = subprocess.Popen([cli.exe, "check", "--fix", "--unsafe-fixes", NAME], cwd=folder,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        copies = [c for w in work_folders(folder) for c in w.iterdir() if c.stat().st_size > len(original) // 2]
        if copies:
            child.send_signal(sig)
            break
        time.sleep(0.005)
    child.wait(timeout=120)
    assert path.read_bytes() == original  # the original is never half-written
    return child, original


def test_sigterm_cleans_up(cli, tmp_path):
    child, _original = fix_killed_midway(cli, tmp_path, signal.SIGTERM)
    assert child.returncode == 128 + signal.SIGTERM, child.stderr.read() if child.stderr else ""
    assert work_folders(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == [NAME]


def test_sigkill_leftovers_are_never_linted_and_the_next_fix_removes_them(cli, tmp_path):
    child, _original = fix_killed_midway(cli, tmp_path, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL
    (left,) = work_folders(tmp_path)  # holds learner data: a folder scan must not read it
    scan = cli("check", "--format", "json", "--select", "ILR103", tmp_path)
    assert [Path(f["path"]).name for f in json.loads(scan.stdout)["files"]] == [NAME]
    cli("check", "--diff", "--select", "ILR103", NAME, cwd=tmp_path)
    assert not left.exists()


def test_work_folder_of_a_running_fix_is_left_alone(cli, tmp_path):
    path = faulty_file(tmp_path)
    running = tmp_path / f".ilr-lint-fix-{os.getpid()}-abc"  # this test's process is alive
    running.mkdir()
    assert cli("check", "--fix", "--select", "ILR103", path).returncode == 0
    assert running.exists()


def test_read_only_file_is_refused(cli, tmp_path):
    path = faulty_file(tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)
    result = cli("check", "--fix", path)
    assert_one_line_error(result, NAME, words="not fixed: the file is read-only")
    assert path.read_bytes() == before and not path.with_name(NAME + ".ilr-lint.bak").exists()


def test_read_only_folder_is_refused(cli, tmp_path):
    folder = tmp_path / "returns"
    folder.mkdir()
    path = faulty_file(folder)
    folder.chmod(0o555)
    try:
        result = cli("check", "--fix", path)
    finally:
        folder.chmod(0o755)
    assert_one_line_error(result, NAME, words="not fixed: its folder is read-only")


def test_backup_that_is_a_folder_is_refused(cli, tmp_path):
    path = faulty_file(tmp_path)
    before = path.read_bytes()
    (tmp_path / (NAME + ".ilr-lint.bak")).mkdir()
    assert_one_line_error(cli("check", "--fix", path), NAME, words="ilr-lint.bak exists and is not a file")
    assert path.read_bytes() == before


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_output_into_a_missing_folder_is_refused_before_any_change(cli, tmp_path, mode):
    path = faulty_file(tmp_path)
    before = path.read_bytes()
    result = cli("check", mode, path, "-o", tmp_path / "missing" / "report.txt")
    assert_one_line_error(result, "report.txt", words="cannot write")
    assert path.read_bytes() == before


@pytest.mark.parametrize("year", ["9999/00", "1899/00"])
def test_qar_year_out_of_range(cli, tmp_path, year):
    path = faulty_file(tmp_path)
    assert_one_line_error(cli("qar", path, "--qar-year", year), year, words="not a collection year")
