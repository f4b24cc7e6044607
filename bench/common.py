"""What the benchmark scripts share: the ilr-lint command, synthetic files, measuring a child.

Not a test: nothing here runs under pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"  # generated files (git-ignored), reused between runs
LARS_EXTRACT = OUT.parent.parent / "tests" / "lars_extract.py"  # a fictional LARS extract of a file's aims


def ilr_lint() -> str:
    """The installed ilr-lint console script, beside this Python first."""
    exe = shutil.which("ilr-lint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        raise SystemExit("the ilr-lint console script is not installed (pip install -e .)")
    return exe


def synth(path: Path, learners: int, year: str, seed: int, ukprn: int = 10000001,
          previous: Path | None = None, faults: float = 0.0) -> Path:
    """Write a synthetic file (and its previous-year companion) unless an earlier run left them."""
    if not (path.exists() and (previous is None or previous.exists())):
        extra = ["--previous-year-file", str(previous)] if previous else []
        extra += ["--faults", str(faults)] if faults else []
        subprocess.run([sys.executable, "-m", "ilr_lint.synth", "--learners", str(learners), "--year", year,
                        "--seed", str(seed), "--ukprn", str(ukprn), "-o", str(path), *extra], check=True)
    return path


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float  # the largest maximum resident set size of the child and its worker processes
    exit_code: int
    cpu_seconds: float = 0.0  # user and system time of the child and its worker processes


# The children as a user runs them: Python writes and reads bytecode caches (a session with
# PYTHONDONTWRITEBYTECODE set would compile every changed module in every run).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str]) -> Measured:
    """Run one child process; exit codes 0 and 1 (findings) are fine, anything else stops the run."""
    OUT.mkdir(exist_ok=True)
    errors = OUT / "stderr.txt"
    with open(os.devnull, "wb") as sink, open(errors, "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=sink, stderr=err, env=ENV)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {errors.read_text().strip()}")
    return Measured(seconds, usage.ru_maxrss / 1024, code, usage.ru_utime + usage.ru_stime)


def lars_extract(path: Path) -> Path | None:
    """A fictional LARS extract covering the aims of ``path`` (made once, kept in OUT), or None without
    tests/lars_extract.py (the --lars scenarios are then left out)."""
    if not LARS_EXTRACT.exists():
        print(f"no {LARS_EXTRACT}: the --lars scenario is left out", file=sys.stderr)
        return None
    folder = OUT / f"lars-{path.stem}"
    if not folder.exists():
        subprocess.run([sys.executable, str(LARS_EXTRACT), str(path), str(folder)], check=True,
                       stdout=subprocess.DEVNULL)
    return folder
