"""Configuration files and check selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilr_lint.api import discover
from ilr_lint.config import ConfigError, choose, load_config, matches, split_selectors


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_configuration(tmp_path):
    config = load_config(tmp_path)
    assert (config.select, config.ignore, config.fail_on, config.format, config.source) == ([], [], None, None, None)


def test_pyproject_table(tmp_path):
    path = write(tmp_path, "pyproject.toml", '[tool.ilr-lint]\nselect = ["withdrawal", "ILR1"]\nignore = "ILR105"\n'
                 'fail-on = "warning"\nformat = "json"\nschema = "xsd/ILR.xsd"\n[tool.ilr-lint.options]\n'
                 "break-overdue-days = 365\n")
    config = load_config(tmp_path)
    assert config.select == ["withdrawal", "ILR1"] and config.ignore == ["ILR105"]
    assert (config.fail_on, config.format) == ("warning", "json")
    assert config.schema == str(tmp_path / "xsd" / "ILR.xsd")  # relative to the configuration file
    assert config.options == {"break-overdue-days": 365} and config.source == path


def test_dedicated_file_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ilr-lint]\nfail-on = "never"\n')
    write(tmp_path, ".ilr-lint.toml", 'fail-on = "warning"\n')
    assert load_config(tmp_path).fail_on == "warning"


def test_nearest_folder_wins_and_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path, ".ilr-lint.toml", 'format = "json"\n')
    write(tmp_path / "a", "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(tmp_path / "a").format == "json"
    write(tmp_path / "a" / "b", ".ilr-lint.toml", 'format = "text"\n')
    assert load_config(tmp_path / "a" / "b").format == "text"


def test_absolute_schema_path_is_kept(tmp_path):
    write(tmp_path, ".ilr-lint.toml", 'schema = "/opt/xsd/ILR.xsd"\n')
    assert load_config(tmp_path).schema == "/opt/xsd/ILR.xsd"


@pytest.mark.parametrize("text,words", [
    ('unknown-key = 1\n', "unknown ilr-lint setting(s): unknown-key"),
    ('select = [1, 2]\n', "select must be a list of strings"),
    ('format = ["json"]\n', "format must be a string"),
    ('options = 3\n', "options must be a table"),
    ('select = [', "cannot read configuration"),
])
def test_bad_configuration(tmp_path, text, words):
    write(tmp_path, ".ilr-lint.toml", text)
    with pytest.raises(ConfigError, match=words.replace("(", r"\(").replace(")", r"\)")):
        load_config(tmp_path)


def test_split_selectors():
    assert split_selectors(["ILR101, ILR102", "withdrawal", " ,"]) == ["ILR101", "ILR102", "withdrawal"]


def test_matching_by_code_prefix_name_and_topic():
    (chk,) = [c for c in discover() if c.code == "ILR101"]
    for selector in ("ILR101", "ILR1", "ilr1", "withdrawn-needs-reason", "withdrawal"):
        assert matches(chk, selector)
    for selector in ("ILR102", "ILR2", "withdrawn", "restart"):
        assert not matches(chk, selector)


def test_choose():
    checks = discover()
    codes = [c.code for c in checks]
    assert [c.code for c in choose(checks, [], [])] == codes  # nothing selected: every check, in registry order
    withdrawal = [c.code for c in checks if c.topic == "withdrawal"]
    assert "ILR101" in withdrawal and [c.code for c in choose(checks, ["withdrawal"], [])] == withdrawal
    assert [c.code for c in choose(checks, ["withdrawn-needs-reason"], [])] == ["ILR101"]  # by name
    assert [c.code for c in choose(checks, ["ILR10"], [])] == [c for c in codes if c.startswith("ILR10")]
    assert [c.code for c in choose(checks, ["ILR101", "restart"], [])] == [
        c.code for c in checks if c.code == "ILR101" or c.topic == "restart"]  # several selectors: the union
    assert [c.code for c in choose(checks, [], ["ILR101"])] == [c for c in codes if c != "ILR101"]
    assert [c.code for c in choose(checks, ["withdrawal"], ["ILR101", "ILR102"])] == [
        c for c in withdrawal if c not in ("ILR101", "ILR102")]  # ignore wins over select
    assert choose(checks, ["withdrawal"], ["withdrawal"]) == []
    with pytest.raises(ConfigError, match="unknown check, code or topic: 'nope'"):
        choose(checks, ["nope"], [])
    with pytest.raises(ConfigError, match="unknown check, code or topic: 'ILR999'"):
        choose(checks, [], ["ILR999"])
