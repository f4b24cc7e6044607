"""A small batch of the mutation fuzzer (tests/fuzz/fuzz_ilr.py) through the real command.

150 mutants of a file full of personal values, linted and diffed in one run each: exit 0,
1 or 2, one ``ilr-lint:`` line per problem naming its file, no check crash, no personal value
in any output. Run the script itself for thousands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))

import fuzz_ilr  # noqa: E402


@pytest.mark.parametrize("seed", [1, 2])
def test_mutants_never_crash_or_leak(tmp_path, seed):
    assert fuzz_ilr.run(tmp_path, mutants=75, seed=seed) == []


def test_the_judge_sees_a_leak_and_a_crash():
    """The fuzzer's verdict can fail: a personal value or a crashed check in the output is reported."""
    from subprocess import CompletedProcess
    leak = CompletedProcess([], 1, stdout=f"<FamilyName>{fuzz_ilr.PERSONAL['FamilyName']}</FamilyName>", stderr="")
    crash = CompletedProcess([], 2, stdout="", stderr="ilr-lint: ILR-00001.xml: check ILR101 (x) failed at learner L1: E\n")
    trace = CompletedProcess([], 1, stdout="", stderr="Traceback (most recent call last):\n")
    assert fuzz_ilr.judge(leak, ["ILR-00001.xml"], "json")
    assert fuzz_ilr.judge(crash, ["ILR-00001.xml"], "json")
    assert fuzz_ilr.judge(trace, ["ILR-00001.xml"], "json")
