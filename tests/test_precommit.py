"""The real pre-commit, through `pre-commit try-repo`, against this repository's hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from builders import delivery, ilr, learner

REPO = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
CLEAN = "ILR-10000001-2627-20261101-090000-01.xml"
FAULTY = "ILR-10000001-2627-20261102-090000-01.xml"

pytestmark = pytest.mark.skipif(PRE_COMMIT is None or not (REPO / ".git").exists(),
                                reason="needs pre-commit (test extra) and a git checkout of ilr-lint")


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def try_repo(project: Path, *files: str, home: Path, hook: str = "ilr-lint") -> subprocess.CompletedProcess[str]:
    return subprocess.run([PRE_COMMIT, "try-repo", str(REPO), hook, "--files", *files],
                          cwd=project, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home)})


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def test_hook_passes_clean_files_and_fails_faulty_ones(tmp_path, home):
    project = tmp_path / "mis-export"
    project.mkdir()
    git("init", "-q", cwd=project)
    (project / CLEAN).write_text(ilr(learner("L1", deliveries=[delivery(AimSeqNumber=1)])), encoding="utf-8")
    withdrawn = delivery(AimSeqNumber=1, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)
    (project / FAULTY).write_text(ilr(learner("L2", deliveries=[withdrawn])), encoding="utf-8")
    (project / "notes.xml").write_text("<not-an-ilr-file/>", encoding="utf-8")  # not matched by the hook
    # The funder's own naming has no serial (ILR-99999999-2627-20250408-094403.xml); zips are linted too.
    unserialled, zipped = "ILR-10000001-2627-20261103-090000.xml", "ILR-10000001-2627-20261104-090000.zip"
    (project / unserialled).write_text(ilr(learner("L3", deliveries=[withdrawn])), encoding="utf-8")
    with zipfile.ZipFile(project / zipped, "w") as archive:
        archive.writestr("ILR-10000001-2627-20261104-090000.xml", ilr(learner("L4", deliveries=[withdrawn])))
    # The provider's own settings apply inside the hook (here: only the check this test is about).
    (project / ".ilr-lint.toml").write_text('select = ["ILR101"]\n', encoding="utf-8")
    git("add", ".", cwd=project)

    clean = try_repo(project, CLEAN, "notes.xml", home=home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    faulty = try_repo(project, CLEAN, FAULTY, unserialled, zipped, home=home)
    assert faulty.returncode == 1, faulty.stdout + faulty.stderr
    assert "Failed" in faulty.stdout and "ILR101" in faulty.stdout
    assert all(f"Learner {ref}" in faulty.stdout for ref in ("L2", "L3", "L4")), faulty.stdout


def test_fix_hook_corrects_the_file_and_fails_so_it_can_be_reviewed(tmp_path, home):
    project = tmp_path / "mis-export"
    project.mkdir()
    git("init", "-q", cwd=project)
    withdrawn = delivery(AimSeqNumber=1, CompStatus=3, LearnActEndDate="2026-10-01", WithdrawReason=97,
                         OutGrade="FL")
    (project / FAULTY).write_text(ilr(learner("L2", deliveries=[withdrawn])), encoding="utf-8")
    (project / ".ilr-lint.toml").write_text('select = ["ILR001", "ILR103", "ILR105"]\n', encoding="utf-8")
    git("add", ".", cwd=project)

    first = try_repo(project, FAULTY, home=home, hook="ilr-lint-fix")
    assert first.returncode == 1, first.stdout + first.stderr  # the file was modified: review and add it
    fixed = (project / FAULTY).read_text(encoding="utf-8")
    assert "<Outcome>3</Outcome>" in fixed and "OutGrade" not in fixed
    assert not list(project.glob("*.ilr-lint.bak"))  # --no-backup: the previous version is in git

    git("add", ".", cwd=project)
    second = try_repo(project, FAULTY, home=home, hook="ilr-lint-fix")
    assert second.returncode == 0, second.stdout + second.stderr
