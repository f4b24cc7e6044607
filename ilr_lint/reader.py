"""Streaming ILR reader: the Header first, then one Learner at a time, memory kept flat.

The parser is hardened: no DTD is loaded, entities are not resolved, the network is never
used, ``huge_tree`` stays off, and a document with a DOCTYPE is refused outright. A ``.zip``
holding exactly one ``.xml`` member is read in place, without unpacking it to disk.

Schema validation is per subtree: libxml2's streaming validation reports no line numbers
and reads ahead in chunks, so instead each Learner is validated as soon as it is parsed.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Any, Iterator

from lxml import etree

from . import build
from .model import Header, Learner, LearnerDestinationandProgression
from .years import BY_NAMESPACE, CollectionYear, supported_namespaces


class IlrInputError(Exception):
    """The input cannot be read as an ILR file; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class SchemaError:
    line: int | None
    message: str


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A Learner element whose values do not fit the model: checks cannot run on it."""

    learn_ref_number: str | None
    uln: int | None
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Record:
    """One top-level record and the schema errors found in it."""

    item: Learner | LearnerDestinationandProgression | Unreadable
    schema_errors: tuple[SchemaError, ...]
    is_learner: bool = True  # False for LearnerDestinationandProgression


_PARSER_OPTIONS: dict[str, Any] = dict(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False,
)
_SNIFF_BYTES = 8192


# What a damaged file or zip member raises while it is being read.
_READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error)


class _ZipMember:
    """The one XML member of a zip, as a binary stream that closes the archive with it."""

    def __init__(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo):
        self._archive = archive
        self._stream = archive.open(member)
        self.member_name = member.filename

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)

    def close(self) -> None:
        self._stream.close()
        self._archive.close()

    def __enter__(self) -> "_ZipMember":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open_zip(path: str) -> _ZipMember:
    archive = zipfile.ZipFile(path)
    members = [i for i in archive.infolist()
               if not i.is_dir() and i.filename.lower().endswith(".xml") and "__MACOSX" not in i.filename]
    if len(members) != 1:
        archive.close()
        raise IlrInputError(f"{path}: a zip must hold exactly one .xml file (it holds {len(members)})")
    try:
        return _ZipMember(archive, members[0])
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, or an unsupported compression method
        archive.close()
        raise IlrInputError(f"{path}: cannot read {members[0].filename} in the zip ({exc})") from None


def _open(path: str) -> IO[bytes]:
    """A binary stream of the ILR XML at ``path`` (a file, or the one XML inside a zip)."""
    try:
        if zipfile.is_zipfile(path):
            return _open_zip(path)  # type: ignore[return-value]
        return open(path, "rb")
    except IsADirectoryError:
        raise IlrInputError(f"{path}: is a folder, not an ILR file") from None
    except FileNotFoundError:
        raise IlrInputError(f"{path}: no such file") from None
    except zipfile.BadZipFile as exc:
        raise IlrInputError(f"{path}: damaged zip file ({exc})") from None
    except OSError as exc:
        raise IlrInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _syntax_error(path: str, exc: etree.XMLSyntaxError) -> IlrInputError:
    text = str(exc).splitlines()[0] if str(exc) else "malformed XML"
    text = re.sub(r" \([^()]*, line \d+\)$", "", text)  # libxml2 repeats the file name and line
    if "Document is empty" in text:
        return IlrInputError(f"{path}: the file is empty")
    if "Premature end of data" in text or "EndTag: '</' not found" in text:
        return IlrInputError(f"{path}: the file ends before the XML is complete (truncated?): {text}")
    return IlrInputError(f"{path}: not well-formed XML: {text}")


def _read_error(path: str, exc: BaseException) -> IlrInputError:
    return IlrInputError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})")


_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def _head_text(path: str, head: bytes) -> bytes:
    """The first bytes as 8-bit text for the sniffing tests; UTF-16 (with a BOM) is decoded."""
    for bom, encoding in _BOMS.items():
        if head.startswith(bom):
            return head[2:].decode(encoding, errors="replace").encode("utf-8", errors="replace")
    if b"\x00" in head:
        raise IlrInputError(f"{path}: binary content, not an ILR XML file")
    return head


def sniff(path: str) -> CollectionYear:
    """Check the file is an ILR message of a supported year and return the year.

    Reads only up to the root element. Refuses empty and binary files and any DOCTYPE.
    """
    with _open(path) as stream:
        try:
            head = stream.read(_SNIFF_BYTES)
        except _READ_ERRORS as exc:
            raise _read_error(path, exc) from None
    if not head.strip():
        raise IlrInputError(f"{path}: the file is empty")
    text = _head_text(path, head)
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        raise IlrInputError(f"{path}: has a DOCTYPE (entity declarations are refused; an ILR file has none)")
    with _open(path) as stream:
        try:
            for _event, root in etree.iterparse(stream, events=("start",), **_PARSER_OPTIONS):
                if root.getroottree().docinfo.doctype:
                    raise IlrInputError(f"{path}: has a DOCTYPE (an ILR file has none)")
                break
            else:
                raise IlrInputError(f"{path}: the file is empty")
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(path, exc) from None
        except _READ_ERRORS as exc:
            raise _read_error(path, exc) from None
    namespace, _, local = root.tag.rpartition("}")
    namespace = namespace.lstrip("{")
    if local != "Message":
        raise IlrInputError(f"{path}: root element is <{local}>, not an ILR <Message>")
    year = BY_NAMESPACE.get(namespace)
    if year is None:
        shown = namespace or "no namespace"
        raise IlrInputError(f"{path}: unsupported ILR namespace {shown!r}; supported: {supported_namespaces()}")
    return year


def _header(el: Any, ns: str) -> Header:
    def text(xpath: str) -> str | None:
        found = el.find(xpath.replace("/", "/{%s}" % ns).join(("{%s}" % ns, "")))
        return found.text.strip() if found is not None and found.text and found.text.strip() else None

    prep = text("CollectionDetails/FilePreparationDate")
    ukprn = text("Source/UKPRN")
    try:
        prep_date = build.parse_date(prep) if prep else None
    except ValueError:
        prep_date = None
    return Header(
        namespace=ns,
        year_code=text("CollectionDetails/Year"),
        file_preparation_date=prep_date,
        ukprn=int(ukprn) if ukprn and ukprn.isascii() and ukprn.isdigit() else None,
        line=el.sourceline,
        collection=text("CollectionDetails/Collection"),
        serial_no=text("Source/SerialNo"),
        date_time=text("Source/DateTime"),
        software_supplier=text("Source/SoftwareSupplier"),
        software_package=text("Source/SoftwarePackage"),
        release=text("Source/Release"),
    )


class IlrReader:
    """Iterate over an ILR file's records; ``header`` is set once the Header has been read.

    ``schema`` is an :class:`ilr_lint.schema.IlrSchema` or ``None``. Each Learner (and
    Header, LearningProvider, destination record) is validated as a subtree once parsed, so
    every violation keeps its line and its learner; schema errors outside any learner are in
    ``file_schema_errors`` after iteration.
    """

    def __init__(self, path: str, schema: Any = None):
        self.path = path
        self.year = sniff(path)
        self.schema = schema
        self.header: Header | None = None
        self.file_schema_errors: list[SchemaError] = []
        # What file-level rules judge, filled while reading: "learners" (Learner records read),
        # "zip_member" (the XML's name inside a zip), "provider_ukprn" and "provider_line".
        self.facts: dict[str, Any] = {"learners": 0}

    def __iter__(self) -> Iterator[Record]:
        ns = self.year.namespace
        nslen = len(ns) + 2
        learner_tag, dp_tag, header_tag = (f"{{{ns}}}{n}" for n in ("Learner", "LearnerDestinationandProgression", "Header"))
        # (tag, line) of the children of <Message>, for the order check; a run of Learner (or
        # destination) elements is kept as its first one, so that the list does not grow with the file.
        top_level: list[tuple[str, int]] = []
        repeating = (learner_tag, dp_tag)
        streamed = (learner_tag, dp_tag, header_tag)
        with _open(self.path) as stream:
            self.facts["zip_member"] = getattr(stream, "member_name", None)
            parser = etree.iterparse(stream, events=("end",), tag=(learner_tag, dp_tag, header_tag), **_PARSER_OPTIONS)
            try:
                for _event, el in parser:
                    parent = el.getparent()
                    while el.getprevious() is not None:  # what precedes was read already: drop it
                        if parent[0].tag not in streamed:  # SourceFiles, LearningProvider, strays
                            self._top_level(parent[0], top_level)
                        del parent[0]
                    if el.tag not in repeating or not top_level or top_level[-1][0] != el.tag:
                        top_level.append((el.tag, el.sourceline))
                    if el.tag == header_tag:
                        self.header = _header(el, ns)
                        self.file_schema_errors.extend(self._validate(el))
                        continue
                    if self.header is None:
                        raise IlrInputError(f"{self.path}: line {el.sourceline}: <{el.tag[nslen:]}> before "
                                            "the <Header> (an ILR message starts with its Header)")
                    errors = self._validate(el)
                    if el.tag == learner_tag:
                        self.facts["learners"] += 1
                        yield Record(self._learner(el, nslen), errors)
                    else:
                        yield Record(self._destination(el, nslen), errors, is_learner=False)
                    el.clear(keep_tail=False)
                root = parser.root
            except etree.XMLSyntaxError as exc:
                raise _syntax_error(self.path, exc) from None
            except _READ_ERRORS as exc:
                raise _read_error(self.path, exc) from None
        if self.header is None:
            raise IlrInputError(f"{self.path}: no <Header> element")
        for child in root:
            if child.tag in (learner_tag, dp_tag, header_tag):
                continue  # already counted
            self._top_level(child, top_level)
        if self.schema is not None:
            self.file_schema_errors.extend(self.schema.check_message(top_level))

    def _top_level(self, el: Any, top_level: list[tuple[str, int]]) -> None:
        if not isinstance(el.tag, str):
            return  # a comment or processing instruction
        top_level.append((el.tag, el.sourceline))
        self.file_schema_errors.extend(self._validate(el))
        if el.tag.endswith("}LearningProvider"):
            ukprn = next((c.text.strip() for c in el if isinstance(c.tag, str) and c.tag.endswith("}UKPRN") and c.text), "")
            self.facts.update(provider_ukprn=int(ukprn) if ukprn.isascii() and ukprn.isdigit() else None,
                              provider_line=el.sourceline)

    def _validate(self, el: Any) -> tuple[SchemaError, ...]:
        return () if self.schema is None else self.schema.validate(el)

    def _learner(self, el: Any, nslen: int) -> Learner | Unreadable:
        try:
            return build.build_learner(el, nslen)
        except build.Unbuildable as exc:
            return _unreadable(el, nslen, str(exc))

    def _destination(self, el: Any, nslen: int) -> LearnerDestinationandProgression | Unreadable:
        try:
            return build.build_destination(el, nslen)
        except build.Unbuildable as exc:
            return _unreadable(el, nslen, str(exc))


def _unreadable(el: Any, nslen: int, reason: str) -> Unreadable:
    ref = uln = None
    for child in el.iterchildren(etree.Element):
        name = child.tag[nslen:]
        if name == "LearnRefNumber":
            ref = (child.text or "").strip() or None
        elif name == "ULN" and (child.text or "").strip().isdigit():
            uln = int(child.text.strip())
    return Unreadable(ref, uln, el.sourceline, reason)


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
