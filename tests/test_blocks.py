"""The engine checks learners in blocks, check by check: findings, order and failures as one learner at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from ilr_lint import engine, synth
from ilr_lint.api import MEMOS, Check, Context, Problem, discover
from ilr_lint.engine import CheckFailed, CheckPlan, FileStream, Options, lint_file
from ilr_lint.reader import IlrInputError, IlrReader
from ilr_lint.schema import IlrSchema
from ilr_lint.years import BY_CODE


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Fault-dense generator files of both years (apprentices, adults, 16-19s and more: many check plans)."""
    folder = tmp_path_factory.mktemp("blocks")
    files = {}
    for year in ("2526", "2627"):
        files[year] = folder / f"faulty-{year}.xml"
        synth.write(str(files[year]), BY_CODE[year], 300, 4, faults=1.0)
    return files


def every_check() -> Options:
    return Options(checks=discover(), schema_for=IlrSchema.for_year, today=synth.preparation_date(BY_CODE["2627"]))


def learners_of(path: Path) -> list[Any]:
    return [record.item for record in IlrReader(str(path)) if record.is_learner]


@pytest.mark.parametrize("year", ["2526", "2627"])
def test_blocks_give_the_findings_of_one_learner_at_a_time(faulty, monkeypatch, year):
    monkeypatch.setattr(engine, "BLOCK", 1)
    one_at_a_time = lint_file(str(faulty[year]), every_check()).findings
    assert len(one_at_a_time) >= 300
    for size in (7, 128):  # a block size that leaves a part block at the end, and the engine's
        monkeypatch.setattr(engine, "BLOCK", size)
        assert lint_file(str(faulty[year]), every_check()).findings == one_at_a_time


def test_schedule_runs_each_learners_checks_in_its_order_and_each_check_in_file_order(faulty):
    plan = CheckPlan(discover())
    learners = learners_of(faulty["2627"])[:128]
    plans = [plan.for_learner(learner) for learner in learners]
    assert len({id(p) for p in plans}) > 3  # learners of several check plans in the block
    seen: list[list[Any]] = [[] for _ in learners]
    for runner, members in plan.schedule(learners):
        assert members == sorted(set(members))
        for at in members:
            seen[at].append(runner)
    assert seen == plans


class Recorder(Check):
    """Notes the learners it meets, in order (and reports each, so that order shows in the findings)."""

    topic, severity, guidance = "learner", "info", "test"

    def __init__(self, code: str, scope: tuple[str, ...] = ()):
        self.code, self.name, self.scope = code, f"recorder-{code.lower()}", scope
        self.met: list[str] = []

    def run(self, learner: Any, ctx: Context) -> Iterator[Problem]:
        self.met.append(learner.learn_ref_number)
        yield Problem("met", "nothing to fix", learner)


def test_each_check_meets_its_learners_in_file_order(faulty):
    every, apprentices = Recorder("XBL001"), Recorder("XBL002", scope=("apprenticeship",))
    lint_file(str(faulty["2627"]), Options(checks=[apprentices, *discover(), every]))
    refs = [learner.learn_ref_number for learner in learners_of(faulty["2627"])]
    assert every.met == refs
    assert 0 < len(apprentices.met) < len(refs) and apprentices.met == [ref for ref in refs if ref in apprentices.met]


class Failing(Check):
    """Raises on the learners named."""

    topic, severity, guidance = "learner", "error", "test"

    def __init__(self, code: str, refs: set[str]):
        self.code, self.name, self.refs = code, f"failing-{code.lower()}", refs

    def run(self, learner: Any, ctx: Context) -> Iterator[Problem]:
        if learner.learn_ref_number in self.refs:
            raise ValueError("boom")
        return iter(())


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_check_fails_where_one_learner_at_a_time_would(faulty, monkeypatch, jobs):
    """Check by check, XBL011 (listed first) meets learner 6 before XBL012 meets learner 5; one learner at a time,
    XBL012 fails first, on learner 5, after every finding of learners 1 to 4."""
    monkeypatch.setattr(engine, "BLOCK", 16)
    refs = [learner.learn_ref_number for learner in learners_of(faulty["2627"])]
    checks = [Recorder("XBL001"), Failing("XBL011", {refs[5]}), Failing("XBL012", {refs[4]})]
    stream = FileStream(str(faulty["2627"]), Options(checks=checks, jobs=jobs, parallel_min_bytes=1))
    reported = []
    with pytest.raises(CheckFailed, match=f"check XBL012 .* failed at learner {refs[4]}: ValueError: boom"):
        for finding in stream:
            reported.append(finding.learner)
    assert reported == refs[:4]


def test_records_read_before_an_input_error_are_reported_before_it(faulty, tmp_path, monkeypatch):
    text = faulty["2627"].read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(text[:text.index("<Learner>", len(text) * 2 // 3) + 200], encoding="utf-8")

    def until_the_error() -> list[Any]:
        found = []
        with pytest.raises(IlrInputError):
            for finding in FileStream(str(cut), every_check()):
                found.append(finding)
        return found

    monkeypatch.setattr(engine, "BLOCK", 1)
    one_at_a_time = until_the_error()
    assert len({f.learner for f in one_at_a_time}) > 100
    monkeypatch.setattr(engine, "BLOCK", 128)
    assert until_the_error() == one_at_a_time


def test_memo_is_one_dict_per_learner_and_bounded(faulty):
    ctx = Context(path="x", header=None, year=BY_CODE["2627"], today=synth.preparation_date(BY_CODE["2627"]))  # type: ignore[arg-type]
    first, second = learners_of(faulty["2627"])[:2]
    ctx.memo(first)["key"] = 1
    assert ctx.memo(first) == {"key": 1} and ctx.memo(second) == {}
    for _ in range(MEMOS + 10):
        ctx.memo(object())  # type: ignore[arg-type]
    assert len(ctx.memos) <= MEMOS  # (a caller outside the engine keeps at most this many learners alive)
    assert engine.BLOCK < MEMOS  # the engine's block is never emptied part way


def test_a_block_holds_at_most_about_a_megabyte_of_the_file(faulty, monkeypatch):
    """Learners of many aims come fewer to a block: 128 learners of a thousand aims each would be held at once."""
    sizes = []
    check_block = engine.check_block

    def counted(records, *args):
        sizes.append(len(records))
        return check_block(records, *args)

    monkeypatch.setattr(engine, "check_block", counted)
    monkeypatch.setattr(engine, "BLOCK_BYTES", 64 << 10)
    findings = lint_file(str(faulty["2627"]), every_check()).findings
    assert sum(sizes) == 300 and 1 < max(sizes) < 64 and len(sizes) > 300 * 2.6 / 64
    monkeypatch.setattr(engine, "BLOCK", 1)
    assert lint_file(str(faulty["2627"]), every_check()).findings == findings
