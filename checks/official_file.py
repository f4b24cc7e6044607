"""Topic ``file``: official rules on the file as a whole, judged once per file.

Rules of the funder's validation rules list, category "File Level" (and UKPRN_03, which
compares the LearningProvider with the Header): the file name (``Filename_*``), the header
(``Header_2``, ``Header_3``), at least one learner (``Entity_1``) and a zip's member name
(``ZIP_INCONSISTENT_FILENAME``). See :mod:`ilr_lint.official`.

A submission's name is ``ILR-LLLLLLLL-YYYY-yyyymmdd-hhmmss-NN.XML`` (UKPRN, collection year,
date and time of the export, serial number), or the same with ``.ZIP`` for a zip holding
that XML. Only files whose name begins ``ILR`` are taken to be submissions and have their
name judged: a working copy (``export.xml``) is linted for its content alone.

Other file-level rules are enforced by ilr-lint's input validation, which refuses the input
with one line and exit status 2 before any check runs: a damaged zip (ZIP_CORRUPT), a zip
without exactly one XML file (ZIP_EMPTY), a password-protected zip (Protected ZIP file) and
a namespace that is no year's schema (Namespace Mismatch); ``ilr-lint rules --official``
lists them as enforced by ``input``.

``Header_2`` and ``Filename_7`` compare with the reference date: ``--today``, else the file
preparation date (so pass ``--today`` to check a file against the day of upload).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath
from typing import Iterator

from ilr_lint.api import Context
from ilr_lint.official.rows import file_rule

TOPIC = "file"
NAME = re.compile(r"ILR-([^-]*)-([^-]*)-([^-]*)-([^-]*)-([^-]*)\.(XML|ZIP)", re.IGNORECASE)
NAME_FIX = "Export the file again from your MIS: its name is ILR-LLLLLLLL-YYYY-yyyymmdd-hhmmss-NN.XML."


def _name(ctx: Context) -> str:
    return PurePath(ctx.path).name


def _parts(ctx: Context) -> tuple[str, ...] | None:
    """The name's UKPRN, year, date, time and serial, when it is shaped like a submission's name."""
    found = NAME.fullmatch(_name(ctx))
    return found.groups()[:5] if found else None


def _export_date(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:])) if re.fullmatch(r"[0-9]{8}", text) else None
    except ValueError:
        return None


def _well_formed(parts: tuple[str, ...]) -> bool:
    """UKPRN, year, date and time as Filename_1 asks (the serial number is Filename_5's)."""
    ukprn, year, day, time, _serial = parts
    return bool(re.fullmatch(r"[0-9]{8}", ukprn) and re.fullmatch(r"[0-9]{4}", year) and _export_date(day)
                and re.fullmatch(r"([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]", time))


def _judged_name(ctx: Context) -> tuple[str, ...] | None:
    """The parts of a well-formed submission name (the rules on its parts judge only those)."""
    parts = _parts(ctx)
    return parts if parts is not None and _well_formed(parts) else None


@file_rule("Filename_1", topic=TOPIC, what="A submission's file name (one beginning ILR) has the form "
           "ILR-LLLLLLLL-YYYY-yyyymmdd-hhmmss-NN.XML: an 8-digit UKPRN, the 4-digit collection year, a real date "
           "and time, and the serial number.", fix=NAME_FIX)
def filename_1(ctx: Context) -> Iterator[tuple[int | None, str]]:
    name = _name(ctx)
    if name.upper().startswith("ILR"):
        parts = _parts(ctx)
        if parts is None or not _well_formed(parts):
            yield None, f"the file name {name} is not in the form of a submission"


@file_rule("Filename_5", topic=TOPIC, what="The serial number at the end of a submission's name is two digits "
           "(01 for the first).", fix="Name the file with a two-digit serial number (01, 02, ...).")
def filename_5(ctx: Context) -> Iterator[tuple[int | None, str]]:
    parts = _judged_name(ctx)
    if parts is not None and not re.fullmatch(r"[0-9]{2}", parts[4]):
        yield None, f"the serial number {parts[4]!r} is not two digits"


@file_rule("Filename_6", topic=TOPIC, what="The serial number of a submission's name is not 00.",
           fix="Number the files from 01.")
def filename_6(ctx: Context) -> Iterator[tuple[int | None, str]]:
    parts = _judged_name(ctx)
    if parts is not None and parts[4] == "00":
        yield None, "the serial number is 00"


@file_rule("Filename_4", topic=TOPIC, what="The collection year in a submission's name is the year of the file "
           "(its schema namespace).", fix="Export the file for the right collection year, or correct its name.")
def filename_4(ctx: Context) -> Iterator[tuple[int | None, str]]:
    parts = _judged_name(ctx)
    if parts is not None and parts[1] != ctx.year.code:
        yield None, f"the name's year {parts[1]} is not the file's collection year {ctx.year.code}"


@file_rule("Header_3", topic=TOPIC, what="The UKPRN in a submission's name is the UKPRN of its Header.",
           fix="Export the file again so that its name carries the provider's UKPRN.")
def header_3(ctx: Context) -> Iterator[tuple[int | None, str]]:
    parts = _judged_name(ctx)
    if parts is not None and ctx.header.ukprn is not None and int(parts[0]) != ctx.header.ukprn:
        yield ctx.header.line, f"the name's UKPRN {parts[0]} is not the Header's UKPRN {ctx.header.ukprn}"


@file_rule("Filename_7", topic=TOPIC, what="The export date in a submission's name is not after the reference date "
           "(--today, else the file preparation date).", fix="Correct the date in the file name.")
def filename_7(ctx: Context) -> Iterator[tuple[int | None, str]]:
    parts = _judged_name(ctx)
    exported = _export_date(parts[2]) if parts is not None else None
    if exported is not None and exported > ctx.today:
        yield None, f"the name's date {exported} is after {ctx.today}"


@file_rule("Header_2", topic=TOPIC, what="The FilePreparationDate is not after the reference date (--today; without "
           "it the file preparation date itself, so the rule holds).", fix="Export the file again to date it.")
def header_2(ctx: Context) -> Iterator[tuple[int | None, str]]:
    prepared = ctx.header.file_preparation_date
    if prepared is not None and prepared > ctx.today:
        yield ctx.header.line, f"FilePreparationDate {prepared} is after {ctx.today}"


@file_rule("Entity_1", topic=TOPIC, what="The file holds at least one Learner record.",
           fix="Export the file with its learners.")
def entity_1(ctx: Context) -> Iterator[tuple[int | None, str]]:
    if not ctx.facts.get("learners"):
        yield ctx.header.line, "the file has no Learner record"


@file_rule("UKPRN_03", topic=TOPIC, what="The LearningProvider's UKPRN is the UKPRN in the Header.",
           fix="Record the same UKPRN in the LearningProvider record and the Header.")
def ukprn_03(ctx: Context) -> Iterator[tuple[int | None, str]]:
    provider = ctx.facts.get("provider_ukprn")
    if provider is not None and ctx.header.ukprn is not None and provider != ctx.header.ukprn:
        yield ctx.facts.get("provider_line"), f"LearningProvider UKPRN {provider} is not the Header's {ctx.header.ukprn}"


@file_rule("ZIP_INCONSISTENT_FILENAME", topic=TOPIC, what="The XML file inside a zip has the zip's name (the "
           "extensions aside).", fix="Zip the XML file under its own name (ILR-...-NN.ZIP holding ILR-...-NN.XML).")
def zip_inconsistent_filename(ctx: Context) -> Iterator[tuple[int | None, str]]:
    member = ctx.facts.get("zip_member")
    if member is not None and PurePath(member).stem != PurePath(ctx.path).stem:
        yield None, f"the zip holds {PurePath(member).name}, not {PurePath(ctx.path).stem}.xml"
