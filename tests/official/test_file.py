"""Official file-level rules, end to end through ``ilr-lint check``: BAD's file fails, OK's look-alike does not."""

from __future__ import annotations

import json
import zipfile

import pytest

from builders import ilr, learner

NAME = "ILR-10000001-2627-20261101-090000-01.xml"
ONE = ilr(learner("L1"))

# rule: (BAD file name, BAD content, OK file name, OK content)
CASES = {
    "Filename_1": ("ILR-10000001-2627-20261131-090000-01.xml", ONE, "export.xml", ONE),
    "Filename_5": ("ILR-10000001-2627-20261101-090000-1.xml", ONE, NAME, ONE),
    "Filename_6": ("ILR-10000001-2627-20261101-090000-00.xml", ONE, NAME, ONE),
    "Filename_4": ("ILR-10000001-2526-20261101-090000-01.xml", ONE, NAME, ONE),
    "Header_3": ("ILR-10000002-2627-20261101-090000-01.xml", ONE, NAME, ONE),
    "Filename_7": ("ILR-10000001-2627-20261102-090000-01.xml", ONE, NAME, ONE),
    "Header_2": (NAME, ilr(learner("L1"), prep="2026-11-02"), NAME, ONE),
    "Entity_1": (NAME, ilr(), NAME, ONE),
    "UKPRN_03": (NAME, ONE.replace("<LearningProvider><UKPRN>10000001", "<LearningProvider><UKPRN>10000002"), NAME, ONE),
}


def check(cli, *paths, select: str, today: str = "2026-11-01") -> list[dict]:
    result = cli("check", "--select", select, "--today", today, "--format", "json", *paths)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def test_each_rule_fails_its_file_and_spares_its_look_alike(cli, tmp_path):
    """One run over every case: each BAD file draws its own rule only, each OK file nothing."""
    paths = []
    for rule, (bad_name, bad, good_name, good) in CASES.items():
        for side, name, xml in (("bad", bad_name, bad), ("ok", good_name, good)):
            folder = tmp_path / rule / side
            folder.mkdir(parents=True)
            (folder / name).write_text(xml, encoding="utf-8")
            paths.append(folder / name)
    for zip_name, member in (("bad", "other.xml"), ("ok", "ILR-10000001-2627-20261101-090000-01.xml")):
        folder = tmp_path / "ZIP_INCONSISTENT_FILENAME" / zip_name
        folder.mkdir(parents=True)
        with zipfile.ZipFile(folder / "ILR-10000001-2627-20261101-090000-01.zip", "w") as archive:
            archive.writestr(member, ONE)
        paths.append(folder / "ILR-10000001-2627-20261101-090000-01.zip")
    findings = check(cli, *paths, select="file")
    found = sorted((f["file"].split("/")[-3], f["file"].split("/")[-2], f["code"], tuple(f["rules"])) for f in findings)
    assert found == sorted((rule, "bad", rule, (rule,)) for rule in [*CASES, "ZIP_INCONSISTENT_FILENAME"])


def _encrypted(path, member: str) -> None:
    """A zip whose member is flagged as encrypted (general purpose bit 0), as a password-protected zip is."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, ONE)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 1
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("case, words", [
    ("corrupt", "cannot be read"), ("empty", "exactly one .xml"), ("protected", "encrypted"),
])
def test_zip_rules_enforced_by_input_validation(cli, tmp_path, case, words):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.zip"
    if case == "corrupt":  # a member whose content no longer matches its CRC
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("ILR-10000001-2627-20261101-090000-01.xml", ONE)
        path.write_bytes(path.read_bytes().replace(b"<Learner>", b"<Leamer>", 1))
    elif case == "empty":
        zipfile.ZipFile(path, "w").close()
    else:
        _encrypted(path, "ILR-10000001-2627-20261101-090000-01.xml")
    result = cli("check", path)
    assert result.returncode == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_listing_names_input_validation_for_the_rules_it_enforces(cli):
    rows = {r["rule"]: r for r in json.loads(cli("rules", "--official", "--format", "json").stdout)["2025-26"]}
    assert rows["ZIP_EMPTY"]["checks"] == ["input"] and rows["Namespace Mismatch"]["checks"] == ["input"]
    assert rows["Entity_1"]["checks"] == ["Entity_1"]
