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
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from .reader import SchemaError
from .schema_messages import Explained, Explainer
from .schema_model import UNBOUNDED, XS, Element, ModelError, read_model, walk
from .years import BY_NAMESPACE, YEARS, CollectionYear

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

_NOT_ABSOLUTE = "is not absolute"
_WITH_ATTRIBUTES = etree.XPath("descendant-or-self::*[@*]")
_COUNT_ELEMENTS = etree.XPath("count(descendant-or-self::*)")
_COUNT_ATTRIBUTES = etree.XPath("count(descendant-or-self::*/@*)")  # cheap; _WITH_ATTRIBUTES is not
# At most this many schema findings for one record, and for one file; the rest are counted.
MAX_PER_RECORD = 10
MAX_PER_FILE = 1000
# A record with more elements than this is not validated (a large real learner has a few thousand).
MAX_ELEMENTS_PER_RECORD = 50_000


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
        self._screen_attributes = doc.find(f".//{XS}attribute") is None  # no ILR element has attributes
        year = BY_NAMESPACE.get(self.namespace)
        self.explainer = Explainer(_model_or_none(doc), year.label if year else None,
                                   {label: paths for label, paths in _builtin_paths().items()
                                    if year is None or label != year.label})
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

    def validate(self, el: Any, limit: int = MAX_PER_RECORD) -> tuple[SchemaError, ...]:
        """Schema errors in one top-level record (an element the schema declares globally), in words.

        Elements the schema does not know at top level are left to :meth:`check_message`. At most
        ``limit`` errors are explained; one more error (:class:`MoreErrors`) counts the rest, which
        are counted and never worded. Attributes (which no ILR element has) are reported once per element
        and removed from ``el`` before libxml2 sees it, and a record of more than
        :data:`MAX_ELEMENTS_PER_RECORD` elements is not given to libxml2 at all, so that a hostile
        file cannot make libxml2 log an error per attribute or per element.
        """
        if el.tag not in self._globals:
            return ()
        record = el.tag[len(self._prefix):]
        size = int(_COUNT_ELEMENTS(el))
        if size > MAX_ELEMENTS_PER_RECORD:
            return (SchemaError(el.sourceline, f"this {record} holds {size:,} elements, far more than any real "
                                               "record: it was not validated",
                                "Check how the file was produced: no learner's record is this large."),)
        found, more = self._attributes(el, limit) if self._screen_attributes and _COUNT_ATTRIBUTES(el) else ([], 0)
        if self._schema.validate(el) and not found:
            return ()
        seen = set()  # libxml2 may report one fault of one element twice
        for entry in self._schema.error_log:
            if entry.level < etree.ErrorLevels.ERROR or _NOT_ABSOLUTE in entry.message:
                continue
            if len(found) >= limit:
                more += 1
                continue
            error = _error(entry.line or None, self.explainer.explain(entry, el, self._prefix))
            if (entry.path, error.message) not in seen:
                seen.add((entry.path, error.message))
                found.append(error)
        return (*found, *(_more(more, f"this {record}", el.sourceline) if more else ()))

    def _attributes(self, el: Any, limit: int) -> tuple[list[SchemaError], int]:
        """One error for each of the first ``limit`` elements with attributes, how many more there are.

        The attributes are removed."""
        found: list[SchemaError] = []
        more = 0
        for holder in _WITH_ATTRIBUTES(el):
            count = len(holder.attrib)
            holder.attrib.clear()
            if len(found) >= limit:
                more += 1
                continue
            name = holder.tag.rpartition("}")[2]
            found.append(SchemaError(holder.sourceline, f"{name} has {count:,} attribute{'s' if count > 1 else ''}; "
                                                        "no ILR element has attributes",
                                     f"Remove the attributes from <{name}>."))
        return found, more

    def check_message(self, top_level: list[tuple[str, int]], limit: int = MAX_PER_FILE) -> tuple[SchemaError, ...]:
        """Order and number of Message's children, given as (tag, line) in document order.

        At most ``limit`` errors are explained; one more (:class:`MoreErrors`) counts the rest."""
        if top_level and not any(tag.startswith(self._prefix) for tag, _line in top_level):
            tag, line = top_level[0]
            found = tag[1:].partition("}")[0] if tag.startswith("{") else ""
            return (SchemaError(line, f"The file's namespace {found!r} is not the schema's target namespace "
                                      f"{self.namespace!r}: the file cannot be validated against this schema.",
                                "Validate the file against the schema of its own year."),)
        return tuple(self._message_errors(top_level, limit))

    def _message_errors(self, top_level: list[tuple[str, int]], limit: int) -> Iterator[SchemaError]:
        """One pass over Message's children; at most ``limit`` errors are explained, the rest counted."""
        last = {self._local(tag): i for i, (tag, _line) in enumerate(top_level) if tag in self._slot_index}
        seen: Counter[str] = Counter()  # the schema's records met so far, by name
        at, count = 0, 0  # current position in the sequence and how many times it has occurred
        explained, more = 0, 0
        for i, (tag, line) in enumerate(top_level):
            j = self._slot_index.get(tag)
            name = self._local(tag)
            if j is not None and j == at and count < self.slots[at].max:
                count += 1
            elif j is None or j <= at or self._required_between(at, count, j):
                if explained < limit:
                    explained += 1
                    later = _After(last, i)
                    yield _error(line, self.explainer.unexpected(("Message", name), seen, later))
                else:
                    more += 1
            if j is not None and j > at:  # resynchronise on it, so that one fault is reported once
                at, count = j, 1
            if j is not None:
                seen[name] += 1
        if more:
            yield from _more(more, "the order of the file's records", None)
        if self._required_between(at, count, len(self.slots)):
            missing = [slot.name for slot in self.slots if slot.min]
            yield _error(None, self.explainer.missing(("Message",), seen, missing)) if explained < limit \
                else MoreErrors(None, "", count=1)

    def _local(self, tag: str) -> str:
        return tag[len(self._prefix):] if tag.startswith(self._prefix) else tag.rpartition("}")[2]

    def _required_between(self, at: int, count: int, stop: int) -> bool:
        """Whether a required slot is left unsatisfied by moving from (at, count) to slot ``stop``."""
        return count < self.slots[at].min or any(slot.min > 0 for slot in self.slots[at + 1:stop])


class _After:
    """Whether a record of a name comes after position ``i`` (given each name's last position)."""

    def __init__(self, last: dict[str, int], i: int):
        self.last, self.i = last, i

    def __contains__(self, name: object) -> bool:
        return self.last.get(str(name), -1) > self.i


@dataclass(frozen=True, slots=True)
class MoreErrors(SchemaError):
    """The one error that stands for ``count`` more, not listed."""

    count: int = 0


class SchemaRun:
    """An :class:`IlrSchema` as one file's reader uses it: the file's cap is spent record by record.

    At most ``limit`` errors of the file are worded; past that, every record's errors are only
    counted, for one summary at the end. So neither the findings nor the errors the reader holds
    grow with a hostile file. A record is validated with the per-record cap alone and its errors
    then cut to what the file has left (:meth:`spend`), so that a worker process can validate a
    record without knowing what earlier records spent (``ilr_lint.parallel``).
    """

    def __init__(self, schema: IlrSchema, limit: int = MAX_PER_FILE):
        self.schema = schema
        self.left = limit
        self.held = 0

    def validate(self, el: Any) -> tuple[SchemaError, ...]:
        return self.spend(self.schema.validate(el))

    def check_message(self, top_level: list[tuple[str, int]]) -> tuple[SchemaError, ...]:
        return self.spend(self.schema.check_message(top_level, self.left))

    def spend(self, errors: tuple[SchemaError, ...]) -> tuple[SchemaError, ...]:
        """A record's errors, in file order, as the file's cap allows: those past it are counted."""
        worded = tuple(error for error in errors if not isinstance(error, MoreErrors))
        if len(worded) < self.left:
            self.left -= len(worded)
            return errors
        kept, self.left = worded[:self.left], 0
        self.held += len(worded) - len(kept) + sum(error.count for error in errors if isinstance(error, MoreErrors))
        return kept

    def summary(self) -> tuple[SchemaError, ...]:
        """One error counting those the cap held back, if any were."""
        return _more(self.held, "the file", None) if self.held else ()


def _more(count: int, where: str, line: int | None) -> tuple[SchemaError, ...]:
    return (MoreErrors(line, f"and {count:,} more schema error{'s' if count > 1 else ''} in {where}, not listed",
                       "Correct the schema errors listed, then lint the file again to see the rest.", count=count),)


def _error(line: int | None, explained: Explained) -> SchemaError:
    return SchemaError(line, explained.message, explained.fix, explained.rules)


def _model_or_none(doc: Any) -> Element | None:
    """The schema's model for explaining errors, or ``None`` for an XSD whose shape it cannot read."""
    try:
        return read_model(doc)
    except ModelError:
        return None


@functools.cache
def _builtin_paths() -> dict[str, dict[tuple[str, ...], Element]]:
    """Each built-in year's elements by path, to tell a field of another year from a misspelt one."""
    found = {}
    for year in YEARS:
        data = resources.files("ilr_lint.schemas").joinpath(f"ilr-{year.label}.xsd").read_bytes()
        found[year.label] = dict(walk(read_model(etree.fromstring(data, _PARSER))))
    return found


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
                           UNBOUNDED if maximum == "unbounded" else int(maximum)))
    if not slots:
        raise SchemaLoadError(f"{source}: <Message> declares no children (not an ILR schema)")
    return tuple(slots)
