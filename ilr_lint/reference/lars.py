"""LARS, the funder's Learning Aim Reference Service, from its CSV download.

``--lars PATH`` (or ``lars = "PATH"`` in the configuration) names the download as the funder
publishes it: the zip of CSV files, or the folder it unzips to. Only the tables and columns the
rules need are read (:data:`TABLES`), once: they are indexed into a small SQLite database in
the user's cache folder (``$XDG_CACHE_HOME/ilr-lint``, else ``~/.cache/ilr-lint``), named by the
download's content hash, so every later run with the same download opens the index directly.
Checks then look aims and standards up by key (:meth:`Lars.aim`, :meth:`Lars.standard`);
nothing is scanned per learner.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

INDEX_VERSION = "6"  # bump when TABLES or the index layout changes

# file -> (index table, the columns read, in the order stored)
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "LearningDelivery.csv": ("aim", ("LearnAimRef", "LearnAimRefType", "NotionalNVQLevelv2",
                                     "LearningDeliveryGenre", "FrameworkCommonComponent", "SectorSubjectAreaTier2",
                                     "EffectiveFrom", "EffectiveTo")),
    "Validity.csv": ("validity", ("LearnAimRef", "ValidityCategory", "StartDate", "EndDate", "LastNewStartDate")),
    "LearningDeliveryCategory.csv": ("category", ("LearnAimRef", "CategoryRef", "EffectiveFrom", "EffectiveTo")),
    "Category.csv": ("category_parent", ("CategoryRef", "ParentCategoryRef")),
    "AnnualValue.csv": ("annual", ("LearnAimRef", "BasicSkillsType", "EffectiveFrom", "EffectiveTo")),
    "Standard.csv": ("standard", ("StandardCode", "EffectiveFrom", "LastDateStarts", "EffectiveTo",
                                  "ApprenticeshipStandardTypeCode", "NotionalEndLevel")),
    "StandardValidity.csv": ("standard_validity", ("StandardCode", "ValidityCategory", "StartDate",
                                                    "LastNewStartDate", "EndDate")),
    "FrameworkAims.csv": ("framework_aim", ("LearnAimRef", "FworkCode", "PwayCode")),
    "StandardFunding.csv": ("standard_funding", ("StandardCode", "CoreGovContributionCap", "EffectiveFrom",
                                                  "EffectiveTo")),
}
TLEVEL_TECHNICAL_QUALIFICATION = "1468"  # LearnAimRefType of a T Level technical qualification
# BasicSkillsType of English and maths aims (the rules' DD31 and DD40) and of ESOL aims (AddHours_03)
ENGLISH_MATHS = frozenset({1, 2, 11, 12, 13, 14, 19, 20, 21, 23, 24, 25, 29, 30, 31, 32, 33, 34, 35})
ENGLISH_MATHS_COMPONENT = "20"  # FrameworkCommonComponent of English and maths (LearnDelFAMType_63/64)
ESOL = frozenset(range(36, 43))
DATE_COLUMNS = {"EffectiveFrom", "EffectiveTo", "StartDate", "EndDate", "LastNewStartDate", "LastDateStarts"}
KEY_COLUMNS = {"LearnAimRef", "StandardCode"}
CSCS_CARD = "76"  # LARS category (and parent category) of Construction Skills Certification Scheme card aims


class LarsError(Exception):
    """The LARS download cannot be used: one line for the user (exit 2)."""


@dataclass(frozen=True, slots=True)
class Validity:
    category: str
    start: date | None
    end: date | None
    last_new_start: date | None


@dataclass(frozen=True, slots=True)
class Dated:
    """A dated value: a LARS category, or an annual value's BasicSkillsType."""

    value: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Aim:
    ref: str
    ref_type: str
    level: str  # NotionalNVQLevelv2 in capitals: E, 1, 2, 3 ... H, X
    genre: str
    common_component: str  # FrameworkCommonComponent
    validities: tuple[Validity, ...]  # categories in capitals
    categories: tuple[Dated, ...]
    basic_skills: tuple[Dated, ...]  # BasicSkillsType per annual value
    frameworks: frozenset[tuple[str, str]] = frozenset()  # (FworkCode, PwayCode) of its FrameworkAims records
    sector_tier2: str = ""  # SectorSubjectAreaTier2 as LARS writes it: "5.2", "5.20"
    # a Construction Skills Certification Scheme card aim: in LARS category 76 or one of its subcategories
    is_cscs_card: bool = False
    # looked up by many rules on every aim, so worked out once: validities by category, the category refs
    _by_category: dict[str, tuple[Validity, ...]] = field(init=False, repr=False, compare=False)
    _category_refs: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_category: dict[str, tuple[Validity, ...]] = {}
        for validity in self.validities:
            by_category[validity.category] = by_category.get(validity.category, ()) + (validity,)
        object.__setattr__(self, "_by_category", by_category)
        object.__setattr__(self, "_category_refs", frozenset(c.value for c in self.categories))

    def validities_in(self, category: str) -> tuple[Validity, ...]:
        """The aim's validity records of one category (in capitals: LARS writes ``Tailored_Learning`` too)."""
        return self._by_category.get(category, ())

    def in_category(self, ref: int, on: date | None = None) -> bool:
        """Whether the aim has LARS category ``ref`` (on the date, when given)."""
        wanted = str(ref)
        if wanted not in self._category_refs:
            return False
        return on is None or any(c.value == wanted and c.covers(on) for c in self.categories)

    def in_sector(self, tier2: str) -> bool:
        """Whether the aim's SectorSubjectAreaTier2 is ``tier2`` (``"5.2"`` matches LARS's ``5.20`` too)."""
        try:
            return float(self.sector_tier2) == float(tier2)
        except ValueError:
            return False

    def ever_english_maths(self) -> bool:
        """Whether any of the aim's annual values gives it an English or maths BasicSkillsType (whatever the date)."""
        return any(v.value.strip().isdigit() and int(v.value) in ENGLISH_MATHS for v in self.basic_skills)

    @property
    def is_tlevel_technical_qualification(self) -> bool:
        return self.ref_type == TLEVEL_TECHNICAL_QUALIFICATION

    def is_english_maths(self, on: date) -> bool:
        """An English or maths aim on ``on``: by its BasicSkillsType, or as the English and maths common component."""
        return self.common_component == ENGLISH_MATHS_COMPONENT or self.basic_skills_type(on) in ENGLISH_MATHS

    def basic_skills_type(self, on: date) -> int | None:
        """The BasicSkillsType of the annual value covering ``on``, if any."""
        for value in self.basic_skills:
            if value.covers(on) and value.value.strip().isdigit():
                return int(value.value)
        return None


@dataclass(frozen=True, slots=True)
class Standard:
    code: int
    effective_from: date | None
    last_date_starts: date | None
    effective_to: date | None
    validities: tuple[Validity, ...]
    type_code: str = ""  # ApprenticeshipStandardTypeCode: A0001 a foundation apprenticeship
    end_level: str = ""  # NotionalEndLevel
    caps: tuple[Dated, ...] = ()  # CoreGovContributionCap of each StandardFunding record

    def cap_on(self, day: date) -> float | None:
        """The core government contribution cap on ``day``: the lowest of the funding records covering it
        (the funder's records per funding category should agree), or None when none gives one."""
        found = [float(c.value) for c in self.caps if c.covers(day) and _number(c.value)]
        return min(found, default=None)


def parse_date(text: str) -> date | None:
    """A LARS date: ISO (``2025-08-01``, with or without a time) or ``01/08/2025``; empty is None."""
    text = text.strip()
    if not text:
        return None
    try:
        if "/" in text:
            return datetime.strptime(text.split()[0], "%d/%m/%Y").date()
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{text!r} is not a date") from None


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ilr-lint"


class _Download:
    """The zip or folder as given: finds the needed CSVs by name, whatever folder holds them."""

    def __init__(self, path: Path):
        if not path.exists():
            raise LarsError(f"{path}: no such LARS download (give the LARS CSV zip or the folder it unzips to)")
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        if path.is_dir():
            names = {p.name.lower(): p for p in path.rglob("*.csv")}
            self._files = names
        else:
            try:
                self.zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise LarsError(f"{path}: not a LARS CSV zip ({exc})") from None
            self._files = {Path(n).name.lower(): n for n in self.zip.namelist() if n.lower().endswith(".csv")}
        missing = [name for name in TABLES if name.lower() not in self._files]
        if missing:
            raise LarsError(f"{path}: the LARS download has no {missing[0]} (needed for the LARS rules)")

    def digest(self) -> str:
        """The content hash: of the zip file, or of the needed CSVs in a folder."""
        sha = hashlib.sha256(INDEX_VERSION.encode())
        if self.zip is not None:
            with self.path.open("rb") as fh:
                sha.update(hashlib.file_digest(fh, "sha256").digest())
        else:
            for name in TABLES:
                with self._files[name.lower()].open("rb") as fh:  # type: ignore[union-attr]
                    sha.update(name.encode() + hashlib.file_digest(fh, "sha256").digest())
        return sha.hexdigest()[:24]

    def rows(self, name: str) -> Iterator[tuple[str, ...]]:
        """The needed columns of one CSV, row by row; a missing column is a LarsError."""
        _, columns = TABLES[name]
        found = self._files[name.lower()]
        raw = self.zip.open(found) if self.zip is not None else open(found, "rb")  # type: ignore[arg-type]
        with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as text:
            reader = csv.reader(text)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in columns if c not in header]
            if missing:
                raise LarsError(f"{self.path}: {name} in the LARS download has no column {missing[0]}")
            at = [header.index(c) for c in columns]
            for row in reader:
                if len(row) >= len(header):
                    yield tuple(row[i].strip() for i in at)


def _stored(name: str, columns: tuple[str, ...], row: tuple[str, ...]) -> tuple[str | None, ...]:
    out: list[str | None] = []
    for column, value in zip(columns, row):
        if column in DATE_COLUMNS:
            try:
                day = parse_date(value)
            except ValueError as exc:
                raise LarsError(f"{name} in the LARS download: {column} {exc}") from None
            out.append(day.isoformat() if day else None)
        elif column in KEY_COLUMNS:
            out.append(value.upper())
        else:
            out.append(value)
    return tuple(out)


def _index(download: _Download, target: Path) -> None:
    """Read the needed CSVs into a new SQLite database at ``target`` (atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(handle)
    try:
        db = sqlite3.connect(temp)
        for name, (table, columns) in TABLES.items():
            db.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})",
                           (_stored(name, columns, row) for row in download.rows(name)))
            db.execute(f"CREATE INDEX {table}_key ON {table} ({columns[0]})")
        db.commit()
        db.close()
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class Lars:
    """An indexed LARS download: look-ups by learning aim reference and standard code."""

    def __init__(self, database: Path, source: Path):
        self.database = database
        self.source = source
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self.memo: dict[object, object] = {}  # what checks work out from LARS once per run (keys are theirs)

    @classmethod
    def open(cls, path: str | Path) -> "Lars":
        """Index the download on first use, then reuse the index; LarsError if it cannot be used."""
        source = Path(path)
        download = _Download(source)
        target = cache_folder() / f"lars-{download.digest()}.sqlite"
        if not target.is_file():
            try:
                _index(download, target)
            except OSError as exc:
                raise LarsError(f"{source}: cannot index the LARS download ({exc})") from None
        return cls(target, source)

    def _query(self, sql: str, key: str | int) -> list[tuple[str | None, ...]]:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own connection
            self._db = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db.execute(sql, (str(key).upper(),)).fetchall()

    @lru_cache(maxsize=65536)
    def aim(self, ref: str) -> Aim | None:
        """The learning aim ``ref`` with its validities, categories and basic skills types; None if unknown."""
        rows = self._query("SELECT LearnAimRefType, NotionalNVQLevelv2, LearningDeliveryGenre, "
                           "FrameworkCommonComponent, SectorSubjectAreaTier2 FROM aim WHERE LearnAimRef = ?", ref)
        if not rows:
            return None
        ref_type, level, genre, component, sector = rows[0]
        categories = _dated(self._query("SELECT CategoryRef, EffectiveFrom, EffectiveTo FROM category "
                                        "WHERE LearnAimRef = ?", ref))
        parents = {p for (p,) in self._query("SELECT t.ParentCategoryRef FROM category c JOIN category_parent t "
                                             "ON t.CategoryRef = c.CategoryRef WHERE c.LearnAimRef = ?", ref)}
        return Aim(
            ref.upper(), ref_type or "", (level or "").upper(), genre or "", component or "",
            tuple(Validity((c or "").upper(), _day(s), _day(e), _day(n)) for c, s, e, n in self._query(
                "SELECT ValidityCategory, StartDate, EndDate, LastNewStartDate FROM validity WHERE LearnAimRef = ?",
                ref)),
            categories,
            _dated(self._query("SELECT BasicSkillsType, EffectiveFrom, EffectiveTo FROM annual WHERE LearnAimRef = ?",
                               ref)),
            frozenset((f or "", w or "") for f, w in self._query(
                "SELECT FworkCode, PwayCode FROM framework_aim WHERE LearnAimRef = ?", ref)),
            sector or "",
            CSCS_CARD in parents or any(c.value == CSCS_CARD for c in categories),
        )

    @lru_cache(maxsize=4096)
    def standard(self, code: int) -> Standard | None:
        """The apprenticeship standard ``code`` over all its versions; None if LARS does not know it.

        Effective from is the earliest version's; the last date for starts and effective to
        are the latest versions' (open when any version leaves them open); the type and end
        level are the latest version's.
        """
        rows = self._query("SELECT EffectiveFrom, LastDateStarts, EffectiveTo, ApprenticeshipStandardTypeCode, "
                           "NotionalEndLevel FROM standard WHERE StandardCode = ? ORDER BY EffectiveFrom", code)
        if not rows:
            return None
        starts = [_day(r[0]) for r in rows]
        validities = tuple(Validity(c or "", _day(s), _day(e), _day(n)) for c, s, n, e in self._query(
            "SELECT ValidityCategory, StartDate, LastNewStartDate, EndDate FROM standard_validity "
            "WHERE StandardCode = ?", code))
        caps = _dated(self._query("SELECT CoreGovContributionCap, EffectiveFrom, EffectiveTo FROM standard_funding "
                                  "WHERE StandardCode = ?", code))
        return Standard(code, min((d for d in starts if d), default=None), _latest(r[1] for r in rows),
                        _latest(r[2] for r in rows), validities, rows[-1][3] or "", rows[-1][4] or "", caps)

    def is_technical_qualification(self, ref: str) -> bool:
        """Whether LARS types the aim as a T Level technical qualification."""
        found = self.aim(ref)
        return found is not None and found.is_tlevel_technical_qualification

    def __getstate__(self) -> dict[str, object]:  # pickled for worker processes: no connection
        return {"database": self.database, "source": self.source, "_db": None, "_pid": 0, "memo": {}}


def _latest(values: Iterable[str | None]) -> date | None:
    """The latest date, or None (open) when any is open."""
    days = [_day(v) for v in values]
    return None if any(d is None for d in days) else max(d for d in days if d)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _dated(rows: Iterable[tuple[str | None, ...]]) -> tuple[Dated, ...]:
    return tuple(Dated(value or "", _day(start), _day(end)) for value, start, end in rows)
