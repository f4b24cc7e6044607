"""Hostile input through the installed console script: every read is bounded, nothing hangs.

A DOCTYPE is refused by the reader itself wherever it is (whatever the lxml version would do
with it); pipes and devices are refused before they are opened; a zip member that would
inflate beyond what an ILR return can is refused before it is inflated; comments never reach
memory, and a comment inside a value does not cut the value short.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from builders import delivery, ilr, learner
from test_bad_input import GOOD, assert_one_line_error, lol_entities

LXML_READ = 32768  # lxml hands the parser the file in chunks of this size


@pytest.mark.parametrize("offset", [-9, -4, -1, 0, 3])
def test_doctype_split_between_two_reads(cli, tmp_path, offset):
    """'<!DOCTYPE' is found when a chunk boundary falls inside it."""
    prefix = '<?xml version="1.0"?>\n<!--'
    pad = LXML_READ + offset - len(prefix) - len("-->\n")
    content = GOOD.replace('<?xml version="1.0" encoding="utf-8"?>\n', prefix + "x" * pad + "-->\n" + lol_entities()
                           + "\n", 1).replace("<LearnRefNumber>L1", "<LearnRefNumber>&lol9;")
    path = tmp_path / "split.xml"
    path.write_text(content, encoding="utf-8")
    assert_one_line_error(cli("check", "--ignore", "schema", path), "split.xml", words="DOCTYPE")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_doctype_in_utf16(cli, tmp_path, encoding):
    content = GOOD.replace('encoding="utf-8"', 'encoding="utf-16"').replace(
        "<Message", "<!--" + "y" * 40000 + "-->" + lol_entities() + "\n<Message", 1)
    path = tmp_path / "wide.xml"
    data = content.encode(encoding)
    path.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    assert_one_line_error(cli("check", "--ignore", "schema", path), "wide.xml", words="DOCTYPE")


def test_utf16_file_without_doctype_is_read(cli, tmp_path):
    path = tmp_path / "wide.xml"
    path.write_bytes(GOOD.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"))
    result = cli("check", "--ignore", "schema", "--format", "json", path)
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["files"][0]["learners"] == 2


def test_fifo_is_refused_without_hanging(cli, tmp_path):
    fifo = tmp_path / "ILR.xml"
    os.mkfifo(fifo)
    assert_one_line_error(cli("check", "--ignore", "schema", fifo), "ILR.xml", words="not a regular file")


@pytest.mark.parametrize("option", [None, "--schema", "--previous", "--baseline"])
def test_device_is_refused(cli, tmp_path, option):
    path = tmp_path / "ILR.xml"
    path.write_text(GOOD, encoding="utf-8")
    args = ["/dev/zero"] if option is None else [path, option, "/dev/zero"]
    assert_one_line_error(cli("check", *args), "/dev/zero", words="not a regular file")


def test_fifo_as_qar_input_is_refused(cli, tmp_path):
    fifo = tmp_path / "ILR.xml"
    os.mkfifo(fifo)
    assert_one_line_error(cli("qar", fifo), "ILR.xml", words="not a regular file")


def comment_bomb(archive: Path, megabytes: int) -> None:
    """A zip whose one member is a valid ILR message padded with megabytes of comments."""
    head, tail = GOOD.split("</Message>")
    block = "<!-- padding -->" * 65536  # 1 MiB
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z, z.open("ILR.xml", "w", force_zip64=True) as member:
        member.write(head.encode())
        for _ in range(megabytes):
            member.write(block.encode())
        member.write(("</Message>" + tail).encode())


def test_zip_bomb_is_refused_before_inflating(cli, tmp_path):
    archive = tmp_path / "bomb.zip"
    comment_bomb(archive, 64)
    assert archive.stat().st_size < 1 << 20
    assert_one_line_error(cli("check", "--ignore", "schema", archive), "bomb.zip", words="zip bomb")


def peak_mb(command: list[str]) -> tuple[int, float]:
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024


def test_comments_stay_out_of_memory(cli, tmp_path):
    """20 MiB of comments before, among and after the learners cost no memory (as nodes, ~300 MB)."""
    block = "<!-- c -->" * (1 << 20)  # 10 MiB of 10-byte comments
    content = GOOD.replace("<Message", block + "\n<Message", 1).replace("</Message>", "</Message>" + block)
    content = content.replace("\n<Learner>", "\n" + "<!-- c -->" * 1000 + "<Learner>")
    path = tmp_path / "ILR-comments.xml"
    path.write_text(content, encoding="utf-8")
    small = tmp_path / "ILR-small.xml"
    small.write_text(GOOD, encoding="utf-8")
    exe = cli.exe  # type: ignore[attr-defined]
    code, peak = peak_mb([exe, "check", "--ignore", "schema", str(path)])
    _code, baseline = peak_mb([exe, "check", "--ignore", "schema", str(small)])
    assert code in (0, 1)
    assert peak < baseline + 40, (peak, baseline)


def test_comment_or_processing_instruction_inside_a_value(cli, tmp_path):
    """The whole text of a value is read: the findings are those of the file without the comment."""
    plain = ilr(learner("L1", deliveries=[delivery(CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)]))
    split = plain.replace("<CompStatus>3</CompStatus>", "<CompStatus><!-- c -->3</CompStatus>").replace(
        "<Outcome>3</Outcome>", "<Outcome><?pi x?>3</Outcome>").replace(
        "<LearnRefNumber>L1</LearnRefNumber>", "<LearnRefNumber>L<!-- c -->1</LearnRefNumber>")
    assert split != plain
    reports = []
    for name, content in (("plain.xml", plain), ("split.xml", split)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result = cli("check", "--format", "json", path)
        reports.append(sorted((f["code"], f["learner"], f["message"]) for f in json.loads(result.stdout)["findings"]))
    assert ("ILR101", "L1") in {(code, ref) for code, ref, _ in reports[0]}  # withdrawn, no WithdrawReason
    assert reports[0] == reports[1]
