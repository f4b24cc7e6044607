"""Streaming: the engine yields findings in file order while it reads; reports are written as they come."""

from __future__ import annotations

import io
import json
import re

import pytest

from ilr_lint import synth
from ilr_lint.api import discover
from ilr_lint.engine import FileResult, FileStream, Options, lint_file
from ilr_lint.output import RENDERERS, WRITERS, json_format
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


def run_on_terminal(exe, *args, cwd):
    """Run ilr-lint with stderr on a pseudo-terminal; returns (exit code, stdout, what the terminal got)."""
    import os
    import pty
    import subprocess

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    report = cwd / "stdout.txt"  # a file, not a pipe: nothing blocks while the terminal is read
    with report.open("wb") as stdout:
        proc = subprocess.Popen([exe, *map(str, args)], stdout=stdout, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    proc.wait(timeout=300)
    os.close(master)
    return proc.returncode, report.read_text(encoding="utf-8"), screen.decode(errors="replace")


@pytest.mark.parametrize("extra", [(), ("--fix", "--no-backup")], ids=["check", "fix"])
def test_progress_on_a_terminal_with_percentage_rate_and_time_left(cli, faulty, tmp_path, extra):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_bytes(faulty.read_bytes())
    code, out, screen = run_on_terminal(cli.exe, "check", "--format", "json", *extra, path.name, cwd=tmp_path)
    assert code in (0, 1), screen
    assert path.name in screen and "300 learners" in screen  # the last update, at the end of the file
    assert "%" in screen and "/s" in screen and re.search(r"\d:\d\d:\d\d", screen)  # share, rate, time left
    assert json.loads(out)["findings"]  # the report on stdout is untouched


def test_no_progress_off_a_terminal_or_when_turned_off(cli, faulty, tmp_path):
    piped = cli("check", "--format", "json", faulty, cwd=tmp_path)
    assert piped.returncode == 1 and "learners" not in piped.stderr and "%" not in piped.stderr
    for option in ("--no-progress", "--quiet"):
        code, out, screen = run_on_terminal(cli.exe, "check", "--format", "json", option, faulty, cwd=tmp_path)
        assert code == 1 and "learners" not in screen and "%" not in screen, option


def test_qar_shows_progress_on_a_terminal_only(cli, faulty, tmp_path):
    code, out, screen = run_on_terminal(cli.exe, "qar", "--format", "json", faulty, cwd=tmp_path)
    assert code == 0 and "300 learners" in screen and "%" in screen and json.loads(out)["rates"]
    code, out, screen = run_on_terminal(cli.exe, "qar", "--format", "json", "--no-progress", faulty, cwd=tmp_path)
    assert code == 0 and "learners" not in screen
    piped = cli("qar", "--format", "json", faulty, cwd=tmp_path)
    assert piped.returncode == 0 and "learners" not in piped.stderr
    split = ("--jobs", "2", "--parallel-min-bytes", "1")  # learners come a batch at a time
    code, out, screen = run_on_terminal(cli.exe, "qar", "--format", "json", *split, faulty, cwd=tmp_path)
    assert code == 0 and "300 learners" in screen and "%" in screen and json.loads(out)["rates"]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "csv"])
def test_reports_are_written_while_the_file_is_read_and_match_the_collected_report(faulty, fmt):
    checks = discover()
    out = io.StringIO()
    writer = WRITERS[fmt](checks, out)
    stream = FileStream(str(faulty), options())
    written = []
    for finding in stream:
        writer.finding(finding)
        written.append(len(out.getvalue()))
    writer.file_done(stream.result)
    writer.close()
    assert 0 < written[len(written) // 2] < written[-1]  # the report grows as the findings come
    collected = io.StringIO()
    RENDERERS[fmt]([lint_file(str(faulty), options())], checks, collected)
    assert out.getvalue() == collected.getvalue()


def test_streamed_json_is_json_dump_of_the_report(faulty):
    results = [lint_file(str(faulty), options()), FileResult("empty.xml", None, "2627", 0)]
    out = io.StringIO()
    RENDERERS["json"](results, [], out)
    assert out.getvalue() == json.dumps(json_format.report(results), indent=2) + "\n"
    empty = io.StringIO()
    RENDERERS["json"]([], [], empty)
    assert empty.getvalue() == json.dumps(json_format.report([]), indent=2) + "\n"
