"""Streaming ILR reader: the Header first, then one Learner at a time, memory kept flat.

The parser is hardened: no DTD is loaded, entities are not resolved, the network is never
used and ``huge_tree`` stays off. A DOCTYPE anywhere in the file is refused by the reader
itself, before the parser sees it, so the outcome does not depend on the lxml version.
Comments and processing instructions are dropped as they are parsed: they never reach
memory, and a value split by one (``<CompStatus><!-- c -->1</CompStatus>``) is read whole.
Only regular files are read (never a FIFO or a device). A ``.zip`` holding exactly one
``.xml`` member is read in place, without unpacking it to disk, and refused when its member
would inflate beyond a size or ratio no ILR return reaches (a zip bomb).

Schema validation is per subtree: libxml2's streaming validation reports no line numbers
and reads ahead in chunks, so instead each Learner is validated as soon as it is parsed.
"""

from __future__ import annotations

import os
import re
import stat
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


class NotIlr(IlrInputError):
    """The input is some other XML (or zip), not an ILR return of any year: a folder scan skips it."""


@dataclass(frozen=True, slots=True)
class SchemaError:
    line: int | None
    message: str
    fix: str = ""  # how to correct it, when the schema knows (ilr_lint.schema_messages)
    rules: tuple[str, ...] = ()  # the official field-definition rules it breaks


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
    remove_comments=True, remove_pis=True,
)
_SNIFF_BYTES = 8192

# "<!DOCTYPE" in every encoding libxml2 detects without a declaration.
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_CARRY = max(map(len, _DOCTYPE_MARKS)) - 1

# A zip member larger than this, or inflating more than this many times, is refused. Real
# ILR XML compresses about 10 to 30 times; deflate cannot exceed about 1,000.
MAX_UNZIPPED_BYTES = 4 << 30
MAX_ZIP_RATIO = 200


# What a damaged file or zip member raises while it is being read.
_READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error)


class _Guarded:
    """A binary stream that refuses a DOCTYPE anywhere in it before the parser is given it."""

    def __init__(self, path: str, raw: IO[bytes], size: int | None):
        self._path = path
        self._raw = raw
        self._tail = b""  # the end of the previous chunk, for a mark split between two reads
        self.size = size  # the bytes of XML in all (a zip member's unzipped size)
        self.bytes_read = 0
        self.member_name = getattr(raw, "member_name", None)  # the XML's name inside a zip

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.bytes_read += len(data)
        seen = self._tail + data
        if any(mark in seen for mark in _DOCTYPE_MARKS):
            raise IlrInputError(f"{self._path}: has a DOCTYPE (entity declarations are refused; an ILR file has none)")
        self._tail = seen[-_CARRY:]
        return data

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> "_Guarded":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _ZipMember:
    """The one XML member of a zip, as a binary stream that closes the archive with it."""

    def __init__(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo):
        self._archive = archive
        self._stream = archive.open(member)
        self.size = member.file_size
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
        raise NotIlr(f"{path}: a zip must hold exactly one .xml file (it holds {len(members)})")
    member = members[0]
    if member.file_size > MAX_UNZIPPED_BYTES or member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1):
        archive.close()
        raise IlrInputError(f"{path}: {member.filename} would inflate from {member.compress_size:,} to "
                            f"{member.file_size:,} bytes, more than an ILR return can (a zip bomb?)")
    try:
        return _ZipMember(archive, member)
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, or an unsupported compression method
        archive.close()
        raise IlrInputError(f"{path}: cannot read {member.filename} in the zip ({exc})") from None


def regular_file(path: str, what: str = "an ILR file") -> None:
    """Refuse anything but a regular file: a FIFO would block, a device never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise IlrInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise IlrInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise IlrInputError(f"{path}: is a folder, not {what}")
    if not stat.S_ISREG(mode):
        raise IlrInputError(f"{path}: is not a regular file (a pipe or a device), not {what}")


def _open(path: str) -> _Guarded:
    """A binary stream of the ILR XML at ``path`` (a file, or the one XML inside a zip)."""
    regular_file(path)
    try:
        if zipfile.is_zipfile(path):
            member = _open_zip(path)
            return _Guarded(path, member, member.size)  # type: ignore[arg-type]
        return _Guarded(path, open(path, "rb"), os.path.getsize(path))
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


def _refuse_binary(path: str, head: bytes) -> None:
    """Refuse NUL bytes in the first bytes, unless a UTF-16 byte order mark explains them."""
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IlrInputError(f"{path}: binary content, not an ILR XML file")


def sniff(path: str) -> CollectionYear:
    """Check the file is an ILR message of a supported year and return the year.

    Reads only up to the root element. Refuses empty and binary files (and, through
    :func:`_open`, any DOCTYPE).
    """
    with _open(path) as stream:
        try:
            head = stream.read(_SNIFF_BYTES)
        except _READ_ERRORS as exc:
            raise _read_error(path, exc) from None
    if not head.strip():
        raise IlrInputError(f"{path}: the file is empty")
    _refuse_binary(path, head)
    with _open(path) as stream:
        try:
            for _event, root in etree.iterparse(stream, events=("start",), **_PARSER_OPTIONS):
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
        raise NotIlr(f"{path}: root element is <{local}>, not an ILR <Message>")
    year = BY_NAMESPACE.get(namespace)
    if year is None:
        shown = namespace or "no namespace"
        ilr_like = not namespace or re.search(r"(^|/)ILR/\d{4}-\d{2}$", namespace)  # an ILR of another year
        error = IlrInputError if ilr_like else NotIlr
        raise error(f"{path}: unsupported ILR namespace {shown!r}; supported: {supported_namespaces()}")
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
        # (tag, line) of the children of <Message>, for the order check; a run of Learner (or
        # destination) elements is kept as its first one, so that the list does not grow with the file.
        self.top_level: list[tuple[str, int]] = []
        ns = self.year.namespace
        self._tags = tuple(f"{{{ns}}}{n}" for n in ("Learner", "LearnerDestinationandProgression", "Header"))
        self._stream: _Guarded | None = None  # while iterating: for the bytes read so far

    @property
    def bytes_read(self) -> int:
        """The bytes of XML read so far (the parser reads ahead in chunks of about 32 KB)."""
        return self._stream.bytes_read if self._stream is not None else 0

    @property
    def size(self) -> int | None:
        """The bytes of XML in the file, once iteration has started."""
        return self._stream.size if self._stream is not None else None

    def __iter__(self) -> Iterator[Record]:
        with _open(self.path) as stream:
            self._stream = stream
            self.facts["zip_member"] = getattr(stream, "member_name", None)
            yield from self.read(stream)
        self.end_message()

    def read(self, stream: Any) -> Iterator[Record]:
        """The records of ``stream``: the file, or a part of it in the same shape (a ``<Message>``
        holding some of the file's top-level elements, on their own lines: ``ilr_lint.parallel``).

        Each top-level element other than a record is validated where it stands, into
        ``file_schema_errors``, and noted in ``top_level`` with the records.
        """
        ns = self.year.namespace
        nslen = len(ns) + 2
        learner_tag, dp_tag, header_tag = self._tags
        streamed = self._tags
        parser = etree.iterparse(stream, events=("end",), tag=streamed, **_PARSER_OPTIONS)
        try:
            for _event, el in parser:
                parent = el.getparent()
                while el.getprevious() is not None:  # what precedes was read already: drop it
                    if parent[0].tag not in streamed:  # SourceFiles, LearningProvider, strays
                        self._top_level(parent[0])
                    del parent[0]
                self.note_top_level(el.tag, el.sourceline)
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
        for child in root:
            if child.tag not in streamed:  # records and the Header are counted already
                self._top_level(child)

    def note_top_level(self, tag: str, line: int) -> None:
        """Note a child of ``<Message>`` in ``top_level``; a run of Learner (or destination) records
        is kept as its first one."""
        top = self.top_level
        if tag not in self._tags[:2] or not top or top[-1][0] != tag:
            top.append((tag, line))

    def end_message(self) -> None:
        """Once every top-level element is read: the Header is required, and the schema's order
        and number of Message's children are checked."""
        if self.header is None:
            raise IlrInputError(f"{self.path}: no <Header> element")
        if self.schema is not None:
            self.file_schema_errors.extend(self.schema.check_message(self.top_level))

    def _top_level(self, el: Any) -> None:
        if not isinstance(el.tag, str):
            return  # a comment or processing instruction
        self.top_level.append((el.tag, el.sourceline))
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


def learn_ref_numbers(path: str, namespace: str) -> set[str]:
    """Every LearnRefNumber in the file, read ahead in one streaming pass (malformed XML is an input error)."""
    found: set[str] = set()
    with _open(path) as stream:
        try:
            for _event, el in etree.iterparse(stream, events=("end",), tag=f"{{{namespace}}}Learner",
                                              **_PARSER_OPTIONS):
                found.add((el.findtext(f"{{{namespace}}}LearnRefNumber") or "").strip())
                el.clear(keep_tail=False)
                while el.getprevious() is not None:
                    del el.getparent()[0]
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(path, exc) from None
        except _READ_ERRORS as exc:
            raise _read_error(path, exc) from None
    return found


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
