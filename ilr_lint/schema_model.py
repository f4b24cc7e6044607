"""What an ILR XSD says about each element, read from the XSD itself.

:func:`read_model` walks a schema from ``<Message>`` down and gives, for every element, its
place in its parent's sequence (order, minimum and maximum occurrences) and, for a field (an
element holding a value), its built-in type and the facets that restrict it. It reads our own
XSDs (named types, global records referred to with ``ref``) and the funder's published ones
(anonymous types declared in place) alike. :mod:`ilr_lint.schema_messages` uses it to explain
a schema error in plain words, and the tests use it to compare our XSDs with the published ones.

Only what ILR schemas use is supported: sequences of elements (wildcards are skipped), simple
types restricting a built-in type or another named simple type; anything else raises
:class:`ModelError`, and messages then fall back to naming the element only.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

XS = "{http://www.w3.org/2001/XMLSchema}"
UNBOUNDED = sys.maxsize
# Facets that take one value; pattern and enumeration may be given several times.
_SINGLE_FACETS = ("length", "minLength", "maxLength", "minInclusive", "maxInclusive",
                  "minExclusive", "maxExclusive", "totalDigits", "fractionDigits")


@dataclass(frozen=True, slots=True)
class Field:
    """The value of a simple element: a built-in type and its facets."""

    base: str  # the XSD built-in type, without prefix: "string", "int", "long", "date", "decimal", ...
    facets: dict[str, str] = field(default_factory=dict)  # single-valued facets, values stripped
    patterns: tuple[str, ...] = ()  # each must match (one per derivation step)
    enumeration: tuple[str, ...] = ()  # the allowed values, when the type lists them


@dataclass(frozen=True, slots=True)
class Element:
    """One element declaration in its parent's sequence."""

    name: str
    min: int
    max: int
    field: Field | None = None  # a simple element
    children: tuple["Element", ...] = ()  # a record: its sequence of children

    def child(self, name: str) -> "Element | None":
        for child in self.children:
            if child.name == name:
                return child
        return None


class ModelError(Exception):
    """The XSD uses a construct the reader does not support (the message is one line)."""


def read_model(root: Any) -> Element:
    """The ``Message`` element of the schema whose root element (``xs:schema``) is ``root``."""
    globals_ = {el.get("name"): el for el in root.iterfind(f"{XS}element[@name]")}
    simple = {el.get("name"): el for el in root.iterfind(f"{XS}simpleType[@name]")}
    complex_ = {el.get("name"): el for el in root.iterfind(f"{XS}complexType[@name]")}
    if "Message" not in globals_:
        raise ModelError("the schema declares no top-level <Message> element")
    return _Walker(globals_, simple, complex_).element(globals_["Message"], "1", "1")


@dataclass
class _Walker:
    globals_: dict[str, Any]
    simple: dict[str, Any]
    complex_: dict[str, Any]

    def element(self, decl: Any, min_occurs: str | None = None, max_occurs: str | None = None) -> Element:
        low = int(decl.get("minOccurs", "1") if min_occurs is None else min_occurs)
        high_text = decl.get("maxOccurs", "1") if max_occurs is None else max_occurs
        high = UNBOUNDED if high_text == "unbounded" else int(high_text)
        ref = decl.get("ref")
        if ref is not None:
            target = self.globals_.get(_local(ref))
            if target is None:
                raise ModelError(f"element ref {ref!r} names no top-level element")
            return self.element(target, str(low), high_text)
        name = decl.get("name")
        type_name = decl.get("type")
        if type_name is not None:
            local = _local(type_name)
            if type_name.startswith("xs:") or local not in self.simple and local not in self.complex_:
                return Element(name, low, high, field=Field(local))
            if local in self.simple:
                return Element(name, low, high, field=self.simple_type(self.simple[local]))
            return Element(name, low, high, children=self.sequence(self.complex_[local]))
        inline_simple = decl.find(f"{XS}simpleType")
        if inline_simple is not None:
            return Element(name, low, high, field=self.simple_type(inline_simple))
        inline_complex = decl.find(f"{XS}complexType")
        if inline_complex is not None:
            return Element(name, low, high, children=self.sequence(inline_complex))
        return Element(name, low, high, field=Field("anyType"))

    def sequence(self, complex_type: Any) -> tuple[Element, ...]:
        sequence = complex_type.find(f"{XS}sequence")
        if sequence is None:
            return ()
        children = []
        for particle in sequence:
            if not isinstance(particle.tag, str) or particle.tag in (f"{XS}annotation", f"{XS}any"):
                continue  # a wildcard accepts anything: libxml2 reports nothing there to explain
            if particle.tag != f"{XS}element":
                raise ModelError(f"a sequence holds an xs:{particle.tag[len(XS):]} (only elements are supported)")
            children.append(self.element(particle))
        return tuple(children)

    def simple_type(self, simple_type: Any) -> Field:
        restriction = simple_type.find(f"{XS}restriction")
        if restriction is None:
            raise ModelError("a simple type that is not a restriction (lists and unions are not supported)")
        base = restriction.get("base", "")
        local = _local(base)
        inherited = self.simple_type(self.simple[local]) if local in self.simple and not base.startswith("xs:") \
            else Field(local)
        facets = dict(inherited.facets)
        patterns = [restriction.findall(f"{XS}pattern")]
        enumeration = tuple(el.get("value") for el in restriction.findall(f"{XS}enumeration"))
        for name in _SINGLE_FACETS:
            el = restriction.find(f"{XS}{name}")
            if el is not None:
                facets[name] = el.get("value", "").strip()
        own = tuple("|".join(el.get("value") for el in group) for group in patterns if group)
        return Field(inherited.base, facets, inherited.patterns + own, enumeration or inherited.enumeration)


def _local(qname: str) -> str:
    return qname.rpartition(":")[2]


def walk(element: Element, path: tuple[str, ...] = ()) -> Any:
    """Every element under ``element`` (itself included) with its path of names from the top."""
    here = path + (element.name,)
    yield here, element
    for child in element.children:
        yield from walk(child, here)
