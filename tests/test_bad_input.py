"""Bad input through the installed console script: one line on stderr naming the file, exit 2.

Schema validation is left out (``--ignore schema``) so that these tests exercise the reader.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from builders import delivery, ilr, learner
from conftest import without_notes

GOOD = ilr(learner("L1", deliveries=[delivery()]), learner("L2", deliveries=[delivery()]))
PASSWD_MARKERS = ("root:", "/bin/", "nologin", "daemon")


def lol_entities(levels: int = 9) -> str:
    defs = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, levels + 1))
    return f"<!DOCTYPE Message [{defs}]>"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


CASES: dict[str, tuple[str, str | bytes, str]] = {
    # name: (file name, content, expected words in the message)
    "empty": ("empty.xml", "", "the file is empty"),
    "whitespace": ("blank.xml", "  \n\n ", "the file is empty"),
    "binary": ("picture.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary content"),
    "malformed": ("malformed.xml", GOOD.replace("</ULN>", "</ULNX>", 1), "not well-formed XML"),
    "truncated": ("truncated.xml", GOOD[:GOOD.index("<LearnRefNumber>L2") + 40], "truncated"),
    "wrong root": ("root.xml", '<?xml version="1.0"?>\n<Return xmlns="ILR/2026-27"><Header/></Return>\n',
                   "root element is <Return>"),
    "wrong namespace": ("ns.xml", GOOD.replace('xmlns="ILR/2026-27"', 'xmlns="http://example.org/ilr"'),
                        "unsupported ILR namespace"),
    "no namespace": ("nons.xml", GOOD.replace(' xmlns="ILR/2026-27"', ""), "unsupported ILR namespace"),
    "external entity": ("xxe.xml", GOOD.replace(
        "<Message", '<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Message', 1).replace(
        "<LearnRefNumber>L1", "<LearnRefNumber>&xxe;L1"), "DOCTYPE"),
    "external entity after a long comment": ("xxe-late.xml", GOOD.replace(
        "<Message", "<!--" + "x" * 20000 + '-->\n<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        "<Message", 1).replace("<LearnRefNumber>L1", "<LearnRefNumber>&xxe;L1"), "DOCTYPE"),
    "external DTD": ("dtd.xml", GOOD.replace("<Message", '<!DOCTYPE Message SYSTEM "file:///etc/passwd">\n<Message',
                                             1), "DOCTYPE"),
    "billion laughs": ("lol.xml", GOOD.replace("<Message", lol_entities() + "\n<Message", 1).replace(
        "<LearnRefNumber>L1", "<LearnRefNumber>&lol9;"), "DOCTYPE"),
    "billion laughs after a long comment": ("lol-late.xml", GOOD.replace(
        "<Message", "<!--" + "x" * 20000 + "-->\n" + lol_entities() + "\n<Message", 1).replace(
        "<LearnRefNumber>L1", "<LearnRefNumber>&lol9;"), "DOCTYPE"),
    "no header": ("nohdr.xml", '<?xml version="1.0"?>\n<Message xmlns="ILR/2026-27">\n' + learner("L1") +
                  "\n</Message>\n", "before the <Header>"),
}


def assert_one_line_error(result, *names: str, words: str = "") -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = without_notes(result.stderr).splitlines()  # notes (checks that did not run) are not errors
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("ilr-lint: ")
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    for name in names:
        assert name in line
    assert words in line
    for marker in PASSWD_MARKERS:
        assert marker not in result.stdout and marker not in result.stderr
    return line


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file(cli, tmp_path, case):
    name, content, words = CASES[case]
    path = write(tmp_path, name, content)
    result = cli("check", "--ignore", "schema", path)
    assert_one_line_error(result, name, words=words)


@pytest.mark.parametrize("case", ["external entity", "billion laughs", "truncated"])
def test_bad_file_in_a_zip(cli, tmp_path, case):
    name, content, words = CASES[case]
    archive = tmp_path / "return.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, content)
    assert_one_line_error(cli("check", "--ignore", "schema", archive), "return.zip", words=words)


def test_missing_file(cli, tmp_path):
    result = cli("check", "--ignore", "schema", tmp_path / "ILR-missing.xml")
    assert_one_line_error(result, "ILR-missing.xml", words="no such file")


def test_zip_with_two_xml_files(cli, tmp_path):
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.xml", GOOD)
        z.writestr("b.xml", GOOD)
    assert_one_line_error(cli("check", "--ignore", "schema", archive), "two.zip", words="exactly one .xml")


def test_folder_without_xml(cli, tmp_path):
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "notes.txt").write_text("nothing here")
    assert_one_line_error(cli("check", "--ignore", "schema", folder), "returns", words="no .xml or .zip files")


def test_unwritable_output(cli, tmp_path):
    path = write(tmp_path, "ILR.xml", GOOD)
    target = tmp_path / "no-such-folder" / "report.json"
    result = cli("check", "--ignore", "schema", path, "--output", target)
    assert_one_line_error(result, "report.json", words="cannot write")


def test_bad_today(cli, tmp_path):
    path = write(tmp_path, "ILR.xml", GOOD)
    assert_one_line_error(cli("check", "--ignore", "schema", path, "--today", "31/07/2027"), "31/07/2027",
                          words="is not a date")


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_check_selector(cli, tmp_path, option):
    path = write(tmp_path, "ILR.xml", GOOD)
    assert_one_line_error(cli("check", option, "ILR999", path), "ILR999", words="unknown check")


@pytest.mark.parametrize("option,value", [("--format", "xml"), ("--fail-on", "sometimes")])
def test_bad_option_values(cli, tmp_path, option, value):
    path = write(tmp_path, "ILR.xml", GOOD)
    assert_one_line_error(cli("check", "--ignore", "schema", path, option, value), value)


def test_bad_previous_file(cli, tmp_path):
    path = write(tmp_path, "ILR.xml", GOOD)
    previous = write(tmp_path, "previous.xml", "")
    assert_one_line_error(cli("check", "--ignore", "schema", path, "--previous", previous), "previous.xml",
                          words="empty")


def test_one_bad_file_among_good_ones(cli, tmp_path):
    """The bad file is reported; the others are still linted; the exit code is 2."""
    good_a = write(tmp_path, "a.xml", GOOD)
    bad = write(tmp_path, "b.xml", CASES["external entity"][1])
    good_c = write(tmp_path, "c.xml", GOOD)
    result = cli("check", "--ignore", "schema", "--format", "json", good_a, bad, good_c)
    line = assert_one_line_error(result, "b.xml", words="DOCTYPE")
    assert "a.xml" not in line and "c.xml" not in line
    import json
    report = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["a.xml", "c.xml"]
    assert all(f["learners"] == 2 for f in report["files"])
