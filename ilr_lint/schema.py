"""Schema validation of an ILR file, one top-level record at a time.

libxml2's streaming validation (``iterparse(schema=...)``) reports line 0 and logs errors in
read-ahead chunks, so its errors cannot be tied to learners. Instead the reader hands each
top-level element (Header, SourceFiles, LearningProvider, Learner, ...) to
:meth:`IlrSchema.validate` as soon as it is parsed: validating a subtree keeps the real line
numbers, and every error belongs to the record being validated. That needs the children of
``<Message>`` to be global element declarations; our own XSDs are written that way, and
:meth:`IlrSchema.from_file` rewrites the funder's published XSD (where they are local
declarations inside Message) to the same shape in memory. The order and number of Message's
children is checked separately, from the schema's own content model, by
:meth:`IlrSchema.check_message`.
"""

from __future__ import annotations

import copy
import functools
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from lxml import etree

from .reader import SchemaError
from .years import CollectionYear

XS = "{http://www.w3.org/2001/XMLSchema}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_UNBOUNDED = sys.maxsize

# Values of these elements are personal data: schema messages about them never quote the value.
PERSONAL_FIELDS = frozenset({
    "FamilyName", "GivenNames", "DateOfBirth", "NINumber", "PostcodePrior", "Postcode",
    "AddLine1", "AddLine2", "AddLine3", "AddLine4", "TelNo", "Email", "UCASPERID", "SSN", "HEPostCode",
})
_ELEMENT_MESSAGE = re.compile(r"Element '([^']*)': (.*)", re.S)
_QUOTED_VALUE = re.compile(r"^((?:\[facet '\w+'\] )?)"  # an optional facet name, then the quoted value
                           r"(?:The value '.*?' (?=is |has )|'.*?' (?=is not a valid value))", re.S)
_NOT_ABSOLUTE = "is not absolute"


class SchemaLoadError(Exception):
    """An XSD that cannot be used; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class _Slot:
    """One child of ``<Message>`` in the schema's sequence."""

    tag: str  # Clark notation, {namespace}Name
    name: str
    min: int
    max: int


class IlrSchema:
    """A compiled ILR schema whose top-level records can be validated one at a time."""

    def __init__(self, doc: Any, source: str):
        self.source = source
        self.namespace: str = doc.get("targetNamespace") or ""
        if not self.namespace:
            raise SchemaLoadError(f"{source}: the schema declares no targetNamespace (an ILR schema has one)")
        self._prefix = "{%s}" % self.namespace
        self.slots = _message_model(doc, self._prefix, source)
        self._slot_index = {slot.tag: i for i, slot in enumerate(self.slots)}
        self._globals = frozenset(self._prefix + el.get("name") for el in doc.iterfind(f"{XS}element[@name]"))
        try:
            self._schema = etree.XMLSchema(doc)
        except etree.XMLSchemaParseError as exc:
            raise SchemaLoadError(f"{source}: not a usable XML schema: {_first_line(exc)}") from None

    @classmethod
    def for_year(cls, year: CollectionYear) -> IlrSchema:
        """ilr-lint's own schema for ``year`` (compiled once per year and process)."""
        return _for_year(year)

    @classmethod
    def from_file(cls, path: str | Path) -> IlrSchema:
        """A schema from an XSD file, typically the funder's published one (``--schema PATH``)."""
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise SchemaLoadError(f"schema {path}: no such file") from None
        except IsADirectoryError:
            raise SchemaLoadError(f"schema {path}: is a folder, not an XSD file") from None
        except OSError as exc:
            raise SchemaLoadError(f"schema {path}: cannot be read ({exc.strerror or exc})") from None
        source = f"schema {path}"
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise SchemaLoadError(f"{source}: has a DOCTYPE (refused; an XSD needs none)")
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise SchemaLoadError(f"{source}: not well-formed XML: {_first_line(exc)}") from None
        if root.tag != f"{XS}schema":
            local = etree.QName(root).localname
            raise SchemaLoadError(f"{source}: not an XML schema (its root element is <{local}>, not <xs:schema>)")
        return cls(_globalize(root, source), source)

    def validate(self, el: Any) -> tuple[SchemaError, ...]:
        """Schema errors in one top-level record (an element the schema declares globally).

        Elements the schema does not know at top level are left to :meth:`check_message`.
        """
        if el.tag not in self._globals or self._schema.validate(el):
            return ()
        return tuple(self._errors(self._schema.error_log))

    def check_message(self, top_level: list[tuple[str, int]]) -> tuple[SchemaError, ...]:
        """Order and number of Message's children, given as (tag, line) in document order."""
        if top_level and not any(tag.startswith(self._prefix) for tag, _line in top_level):
            tag, line = top_level[0]
            found = tag[1:].partition("}")[0] if tag.startswith("{") else ""
            return (SchemaError(line, f"The file's namespace {found!r} is not the schema's target namespace "
                                      f"{self.namespace!r}: the file cannot be validated against this schema."),)
        errors: list[SchemaError] = []
        at, count = 0, 0  # current position in the sequence and how many times it has occurred
        for tag, line in top_level:
            j = self._slot_index.get(tag)
            if j is not None and j == at and count < self.slots[at].max:
                count += 1
                continue
            if j is None or j <= at or self._required_between(at, count, j):
                errors.append(SchemaError(line, f"Element '{self._show(tag)}': This element is not expected."
                                                + self._expected(at, count)))
            if j is not None and j > at:  # resynchronise on it, so that one fault is reported once
                at, count = j, 1
        if self._required_between(at, count, len(self.slots)):
            errors.append(SchemaError(None, "Element 'Message': Missing child element(s)." + self._expected(at, count)))
        return tuple(errors)

    def _required_between(self, at: int, count: int, stop: int) -> bool:
        """Whether a required slot is left unsatisfied by moving from (at, count) to slot ``stop``."""
        return count < self.slots[at].min or any(slot.min > 0 for slot in self.slots[at + 1:stop])

    def _expected(self, at: int, count: int) -> str:
        names = [self.slots[at].name] if count < self.slots[at].max else []
        if count >= self.slots[at].min:
            for slot in self.slots[at + 1:]:
                names.append(slot.name)
                if slot.min > 0:
                    break
        if not names:
            return ""
        return f" Expected is ( {names[0]} )." if len(names) == 1 else f" Expected is one of ( {', '.join(names)} )."

    def _show(self, tag: str) -> str:
        return tag[len(self._prefix):] if tag.startswith(self._prefix) else tag

    def _errors(self, log: Iterable[Any]) -> Iterable[SchemaError]:
        for entry in log:
            if entry.level < etree.ErrorLevels.ERROR or _NOT_ABSOLUTE in entry.message:
                continue
            yield SchemaError(entry.line or None, self._clean(entry.message))

    def _clean(self, message: str) -> str:
        """libxml2's message without the namespace, and without personal values."""
        message = message.replace(self._prefix, "")
        match = _ELEMENT_MESSAGE.fullmatch(message)
        if match and match.group(1) in PERSONAL_FIELDS:
            rest = _QUOTED_VALUE.sub(r"\1The value ", match.group(2), count=1)
            message = f"Element '{match.group(1)}': {rest}"
        return message


@functools.cache
def _for_year(year: CollectionYear) -> IlrSchema:
    name = f"ilr-{year.label}.xsd"
    data = resources.files("ilr_lint.schemas").joinpath(name).read_bytes()
    return IlrSchema(etree.fromstring(data, _PARSER), f"built-in schema {name}")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def _message_sequence(root: Any, source: str) -> Any:
    message = root.find(f"{XS}element[@name='Message']")
    if message is None:
        raise SchemaLoadError(f"{source}: declares no top-level <Message> element (not an ILR schema)")
    sequence = message.find(f"{XS}complexType/{XS}sequence")
    if sequence is None:
        raise SchemaLoadError(f"{source}: <Message> is not a sequence of elements (not an ILR schema)")
    return sequence


def _globalize(root: Any, source: str) -> Any:
    """The schema with Message's local element declarations moved to top level, ``ref``\\ s in their place.

    Global declarations take no occurrence or form attributes; the ``ref`` keeps the occurrences.
    """
    namespace = root.get("targetNamespace")
    if not namespace:
        raise SchemaLoadError(f"{source}: the schema declares no targetNamespace (an ILR schema has one)")
    prefixes = [p for p, uri in root.nsmap.items() if uri == namespace]
    if not prefixes:  # the target namespace has no prefix in scope: declare one for the refs
        rebuilt = etree.Element(root.tag, root.attrib, nsmap={**root.nsmap, "ilr": namespace})
        rebuilt.extend(list(root))
        root, prefixes = rebuilt, ["ilr"]
    qualify = "" if prefixes[0] is None else f"{prefixes[0]}:"
    sequence = _message_sequence(root, source)
    existing = {el.get("name") for el in root.iterfind(f"{XS}element[@name]")}
    for local in sequence.findall(f"{XS}element[@name]"):
        name = local.get("name")
        if name in existing:
            continue  # a global of that name exists already: keep this one local
        ref = etree.Element(f"{XS}element", ref=qualify + name)
        for attr in ("minOccurs", "maxOccurs"):
            if local.get(attr) is not None:
                ref.set(attr, local.get(attr))
        ref.tail = local.tail
        sequence.replace(local, ref)
        glob = copy.deepcopy(local)
        for attr in ("minOccurs", "maxOccurs", "form"):
            glob.attrib.pop(attr, None)
        root.append(glob)
        existing.add(name)
    return root


def _message_model(root: Any, prefix: str, source: str) -> tuple[_Slot, ...]:
    slots = []
    for particle in _message_sequence(root, source):
        if not isinstance(particle.tag, str) or particle.tag == f"{XS}annotation":
            continue
        if particle.tag != f"{XS}element":
            raise SchemaLoadError(f"{source}: <Message> holds a {etree.QName(particle).localname}; "
                                  "only a plain sequence of elements is supported")
        name = particle.get("name") or particle.get("ref", "").rpartition(":")[2]
        maximum = particle.get("maxOccurs", "1")
        slots.append(_Slot(prefix + name, name, int(particle.get("minOccurs", "1")),
                           _UNBOUNDED if maximum == "unbounded" else int(maximum)))
    if not slots:
        raise SchemaLoadError(f"{source}: <Message> declares no children (not an ILR schema)")
    return tuple(slots)
