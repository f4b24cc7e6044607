"""Configuration: ``[tool.ilr-lint]`` in pyproject.toml, or ``.ilr-lint.toml``.

The nearest file in the working directory or a parent wins (``.ilr-lint.toml`` before
``pyproject.toml`` in the same folder); the command line wins over both. Keys::

    select = ["withdrawal", "ILR1"]   # codes, code prefixes, names or topics
    ignore = ["ILR105"]
    fail-on = "error"                 # error | warning | never
    format = "text"
    schema = "path/to/ILR-2026-27.xsd"
    lars = "path/to/LearningDelivery_V012_CSV.Zip"   # the LARS download: zip or folder
    [tool.ilr-lint.options]           # per-check settings, e.g.
    break-overdue-days = 365

Every key and every option is checked: an unknown one (an option is known when ilr-lint or an
installed plug-in check reads it), or a value of the wrong kind, is a :class:`ConfigError`
naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from .api import Check

KEYS = {"select", "ignore", "fail-on", "format", "schema", "lars", "options"}

# The per-check settings under [options] and what each must be: a number of days, or LARS references.
DAYS, REFERENCES = "a whole number of days (at least 1)", "a list of LARS references (strings)"
OPTIONS = {
    "break-overdue-days": DAYS,  # ILR163
    "empid-unknown-days": DAYS,  # ILR297
    "overdue-continuing-days": DAYS,  # ILR605 (issue 14: warning only this long past the planned end)
    "english-maths-aims": REFERENCES,  # ILR230: apprenticeship English and maths aims
}


class ConfigError(Exception):
    pass


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    format: str | None = None
    schema: str | None = None
    lars: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in (start, *start.parents):
        dedicated = folder / ".ilr-lint.toml"
        if dedicated.is_file():
            return dedicated, _load(dedicated)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _load(pyproject).get("tool", {}).get("ilr-lint")
            if table is not None:
                return pyproject, table
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from None


def read_config(path: Path) -> tuple[Path, dict[str, Any]]:
    """``--config FILE``: its ``[tool.ilr-lint]`` table for a pyproject.toml, else the whole file."""
    if not path.is_file():
        raise ConfigError(f"--config {path}: no such file")
    data = _load(path)
    return path, data.get("tool", {}).get("ilr-lint", {}) if path.name == "pyproject.toml" else data


def load_config(start: Path | None = None, path: Path | None = None) -> Config:
    """The settings in ``path``, else in the nearest configuration file above ``start``."""
    found = read_config(path) if path else find_config((start or Path.cwd()).resolve())
    if found is None:
        return Config()
    path, table = found
    unknown = set(table) - KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown ilr-lint setting(s): {', '.join(sorted(unknown))}")
    options = _options(path, table.get("options", {}))
    schema = _string(path, table, "schema")
    lars = _string(path, table, "lars")
    return Config(
        select=_strings(path, table, "select"), ignore=_strings(path, table, "ignore"),
        fail_on=_string(path, table, "fail-on"), format=_string(path, table, "format"),
        schema=str(path.parent / schema) if schema else None,  # relative to the configuration file
        lars=str(path.parent / lars) if lars else None,  # relative to the configuration file
        options=options, source=path,
    )


def _options(path: Path, options: Any) -> dict[str, Any]:
    """The [options] table, every built-in option's value of the right kind (names: :func:`check_option_names`)."""
    if not isinstance(options, dict):
        raise ConfigError(f"{path}: options must be a table ([tool.ilr-lint.options] or [options])")
    for key, value in options.items():
        kind = OPTIONS.get(key)
        if kind is None:
            continue  # perhaps a plug-in's
        if kind == DAYS:
            good = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        else:
            good = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        if not good:
            raise ConfigError(f"{path}: options.{key} must be {kind}, not {value!r}")
    return dict(options)


def _string(path: Path, table: dict[str, Any], key: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{path}: {key} must be a string")
    return value


def _strings(path: Path, table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return value


def check_option_names(config: Config, checks: Sequence[Check]) -> None:
    """Refuse an [options] key that neither ilr-lint nor an installed plug-in check reads."""
    known = set(OPTIONS).union(*(c.options for c in checks))
    unknown = sorted(set(config.options) - known)
    if unknown:
        raise ConfigError(f"{config.source}: unknown option options.{unknown[0]} (known: {', '.join(sorted(known))})")


def split_selectors(values: Iterable[str]) -> list[str]:
    """``--select a,b --select c`` -> ``["a", "b", "c"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def matches(chk: Check, selector: str) -> bool:
    sel = selector.strip().lower()
    return sel in (chk.topic, chk.name) or chk.code.lower().startswith(sel)


def choose(checks: Sequence[Check], select: Sequence[str], ignore: Sequence[str]) -> list[Check]:
    """Checks matched by ``select`` (all when empty) and by no ``ignore`` selector."""
    for sel in (*select, *ignore):
        if not any(matches(c, sel) for c in checks):
            raise ConfigError(f"unknown check, code or topic: {sel!r} (see 'ilr-lint rules')")
    chosen = [c for c in checks if not select or any(matches(c, s) for s in select)]
    return [c for c in chosen if not any(matches(c, s) for s in ignore)]
