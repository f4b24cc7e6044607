"""Streaming: the engine yields findings in file order while it reads; reports are written as they come."""

from __future__ import annotations

import json

import pytest

from ilr_lint import synth
from ilr_lint.api import discover
from ilr_lint.engine import FileStream, Options, lint_file
from ilr_lint.schema import IlrSchema
from ilr_lint.years import BY_CODE


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    """A 2026-27 file of 300 learners, a planted fault in about half of them."""
    path = tmp_path_factory.mktemp("stream") / "faulty.xml"
    synth.write(str(path), BY_CODE["2627"], 300, 1, faults=0.5)
    return path


def options():
    return Options(checks=discover(), schema_for=IlrSchema.for_year)


def test_findings_arrive_while_the_file_is_read(faulty):
    stream = FileStream(str(faulty), options())
    seen = []
    for finding in stream:
        seen.append((finding, stream.result.learners, stream.read))
    planted = json.loads(open(synth.faults_path(str(faulty))).read())["faults"]
    assert len(seen) == len(planted) > 100
    # the first finding comes when few learners are read, the file far from its end
    first, learners, read = seen[0]
    assert learners < 50 and read < stream.size / 2
    assert stream.result.learners == 300 and stream.read == stream.size == faulty.stat().st_size
    assert stream.result.ukprn == synth.UKPRN and stream.result.year == "2627"


def test_findings_come_in_file_order_and_lint_file_collects_them(faulty):
    streamed = list(FileStream(str(faulty), options()))
    records = [f.record for f in streamed if f.record is not None]
    assert records == sorted(records) and len(set(records)) > 50
    assert [f.line for f in streamed] == sorted(f.line for f in streamed)
    assert lint_file(str(faulty), options()).findings == streamed
