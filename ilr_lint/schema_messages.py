"""Schema errors in plain words, built from the element and the schema, never from libxml2's text.

libxml2 says *what kind* of error it met (``entry.type_name``) and *where* (``entry.path``, the
position of the element inside the validated record). :class:`Explainer` finds that element,
looks up its declaration in the schema (:mod:`ilr_lint.schema_model`) and writes the message
itself: "AimType must be one digit, not '12'". libxml2's own message is never
shown, so nothing from the file can leak through it; a value is quoted only when its element is
not personal (:data:`PERSONAL_FIELDS`), and then cut short.

Each explanation names the official field-definition rule(s) it corresponds to, where the
year's rules list has one (:func:`ilr_lint.fd_rules.fd_rules`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Container, Mapping

from .fd_rules import fd_rules
from .model import PERSONAL_FIELDS
from .schema_model import Element, Field, walk
from .schema_words import describe_pattern, moved_field_fix

_SHOWN_CHARACTERS = 20  # a quoted value is cut to this length
_NAME = re.compile(r"(?:\{[^}]*\})?([A-Za-z_][\w.\-]*)")  # an element name in libxml2's "Expected is" list
_POSITION = re.compile(r"\*(?:\[(\d+)\])?")
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
_INTEGER_TYPES = frozenset({"int", "long", "integer", "short", "byte", "nonNegativeInteger", "positiveInteger",
                            "unsignedInt", "unsignedLong", "unsignedShort"})


@dataclass(frozen=True, slots=True)
class Explained:
    """A schema error in words: what is wrong, how to fix it, and the official rules it breaks."""

    message: str
    fix: str
    rules: tuple[str, ...] = ()


def shown(value: str) -> str:
    """``value`` quoted for a message and cut short (never called for a personal element)."""
    value = value.strip()
    if len(value) > _SHOWN_CHARACTERS:
        value = value[:_SHOWN_CHARACTERS] + "…"
    return f"'{value}'"


def _not(name: str, value: str) -> str:
    """", not 'value'" for an ordinary element; nothing for a personal one."""
    if name in PERSONAL_FIELDS:
        return ""
    return ", not empty" if not value.strip() else f", not {shown(value)}"


def _count(n: int, what: str) -> str:
    return f"{_NUMBER_WORDS.get(n, n)} {what}{'' if n == 1 else 's'}"


def length_words(field: Field) -> str:
    facets = field.facets
    if "length" in facets:
        return f"exactly {_count(int(facets['length']), 'character')}"
    low, high = facets.get("minLength"), facets.get("maxLength")
    if low and high:
        return f"{low} to {high} characters"
    if high:
        return f"at most {_count(int(high), 'character')}"
    return f"at least {_count(int(low or 0), 'character')}"


def range_words(field: Field) -> str:
    facets = field.facets
    low = facets.get("minInclusive") or facets.get("minExclusive")
    high = facets.get("maxInclusive") or facets.get("maxExclusive")
    if low and high:
        return f"from {low} to {high}"
    return f"at least {low}" if low else f"at most {high}"


def type_words(field: Field) -> str:
    """What a value of the field's built-in type looks like."""
    if field.base == "date":
        return "a date written YYYY-MM-DD (a real calendar date)"
    if field.base == "dateTime":
        return "a date and time written YYYY-MM-DDThh:mm:ss"
    if field.base in _INTEGER_TYPES:
        digits = field.facets.get("totalDigits")
        return f"a whole number of at most {_count(int(digits), 'digit')}" if digits else "a whole number"
    if field.base == "decimal":
        return "a number"
    return "text"


class Explainer:
    """Explains libxml2's errors for one schema, given the models of the ILR years to compare with."""

    def __init__(self, message: Element | None, label: str | None,
                 other_years: dict[str, dict[tuple[str, ...], Element]]):
        self.label = label  # "2025-26", or None for an XSD of no known year
        self.year = f"the {label} ILR" if label else "this schema"
        self.paths: dict[tuple[str, ...], Element] = dict(walk(message)) if message is not None else {}
        self.other_years = other_years

    # ----- one error inside a record

    def explain(self, entry: Any, record: Any, prefix: str) -> Explained:
        """``entry`` is libxml2's log entry for an error in ``record`` (an element of namespace ``prefix``)."""
        el = _locate(record, entry.path)
        kind = entry.type_name
        if el is None:
            return Explained(f"a record does not match {self.year}", self._fix())
        path = _names(el, record, prefix)
        name = path[-1]
        decl = self.paths.get(path)
        if kind == "SCHEMAV_ELEMENT_CONTENT" or kind.startswith("SCHEMAV_CVC_COMPLEX_TYPE_2_4"):
            if "Missing child" in entry.message:
                return self.missing(path, {_local(c, prefix) for c in _children(el)}, _expected(entry.message))
            siblings = [_local(c, prefix) for c in _children(el.getparent())]
            index = _index_of(el)
            return self.unexpected(path, Counter(siblings[:index]), set(siblings[index + 1:]))
        if kind.startswith("SCHEMAV_CVC_TYPE_3_1_1") or kind.startswith("SCHEMAV_CVC_COMPLEX_TYPE_3_2"):
            return Explained(f"{name} has an attribute; no ILR element has attributes",
                             f"Remove the attributes from <{name}>.")
        if kind.startswith("SCHEMAV_CVC_COMPLEX_TYPE_2_3"):
            return Explained(f"{name} holds text, but it is a group of fields and holds only elements",
                             f"Remove the text inside <{name}> and keep only its fields.")
        if kind.startswith("SCHEMAV_CVC_TYPE_3_1_2") or kind.startswith("SCHEMAV_CVC_COMPLEX_TYPE_2_2"):
            return Explained(f"{name} holds elements, but it is a single value", f"Keep only the value of {name}.")
        if decl is None or decl.field is None:
            return Explained(f"{name} does not match {self.year}", self._fix())
        return self.value(kind, name, el.text or "", decl.field)

    def value(self, kind: str, name: str, value: str, field: Field) -> Explained:
        """A value that does not fit the field's type or facets."""
        suffix = "AL"  # the field-definition rule: length (AL), range (AR), pattern (AP)
        if kind.endswith(("_MINLENGTH_VALID", "_MAXLENGTH_VALID", "_LENGTH_VALID")):
            requirement = length_words(field)
            size = len(value)
            actual = "is empty" if size == 0 else f"is {_count(size, 'character')} long"
            message = f"{name} {actual}: it must be {requirement}"
        else:
            if kind.endswith("_TOTALDIGITS_VALID"):
                digits = int(field.facets.get("totalDigits", "0"))
                requirement = "one digit" if digits == 1 else f"at most {_count(digits, 'digit')}"
            elif kind.endswith("_FRACTIONDIGITS_VALID"):
                requirement = f"a number with at most {_count(int(field.facets.get('fractionDigits', '0')), 'decimal place')}"
            elif kind.endswith(("INCLUSIVE_VALID", "EXCLUSIVE_VALID")):
                suffix, requirement = "AR", range_words(field)
            elif kind.endswith("_ENUMERATION_VALID"):
                requirement = f"{' or '.join(field.enumeration)} in {self.year}"
            elif kind.endswith("_PATTERN_VALID"):
                suffix, requirement = "AP", describe_pattern(field, value)
            else:  # the value is not of the type at all: not a date, not a number
                suffix, requirement = "", type_words(field)
            message = f"{name} must be {requirement}{_not(name, value)}"
        return Explained(message, f"Correct {name}: it must be {requirement}.", self._rules(name, suffix))

    # ----- content: what is missing, out of order, too many, or unknown

    def missing(self, path: tuple[str, ...], present: Container[str], expected: list[str]) -> Explained:
        """``path`` ends with an element that stops before a required child (``expected``)."""
        parent = _label(path[-1])
        decl = self.paths.get(path)
        required = [c.name for c in decl.children if c.min > 0 and c.name not in present] if decl else []
        name = (required or expected or ["a required element"])[0]
        after = _previous_present(decl, name, present) if decl else None
        where = f" after {after}" if after else ""
        return Explained(f"{parent} has no {name}, which is required in {self.year}",
                         f"Add {name} to {parent}{where}.", self._rules(name, "MA") or self._rules(name, "EO"))

    def unexpected(self, path: tuple[str, ...], before: Mapping[str, int], later: Container[str]) -> Explained:
        """The element ``path`` is where it may not be: after ``before`` (its siblings' names and how many
        times each occurs) and before siblings named in ``later``."""
        name, parent_path = path[-1], path[:-1]
        parent = _label(parent_path[-1]) if parent_path else "the file"
        decl = self.paths.get(parent_path)
        order = [c.name for c in decl.children] if decl else []
        if decl is None or name not in order:
            return self.unknown(path)
        position = order.index(name)
        child = decl.children[position]
        if before.get(name, 0) >= child.max:
            if child.max == 1:
                return Explained(f"{name} appears more than once in {parent}; it may appear only once",
                                 f"Remove the extra {name}.", self._rules(name, "EO"))
            return Explained(f"{parent} has more than {child.max} {name} records; {self.year} allows at most "
                             f"{child.max}", f"Remove the extra {name} records (keep {child.max}).",
                             self._rules(name, "EO"))
        last = max((order.index(n) for n in before if n in order), default=-1)
        if last > position:  # something that belongs later is already there
            return Explained(f"{name} is out of order in {parent}: it must come before {order[last]}",
                             f"Move {name} before {order[last]}: the order of the fields in {parent} is fixed.")
        for gap in decl.children[last + 1:position]:
            if gap.min > 0 and gap.name in later:
                return Explained(f"{name} is out of order in {parent}: it must come after {gap.name}",
                                 f"Move {name} after {gap.name}: the order of the fields in {parent} is fixed.")
            if gap.min > 0:
                return self.missing(parent_path, _Either(before, later), [gap.name])
        return Explained(f"{name} may not appear here in {parent}",
                         f"Put the fields in {parent} in the order the ILR specification gives for {self.year}.")

    def unknown(self, path: tuple[str, ...]) -> Explained:
        """An element its parent does not have in this year."""
        name, parent = path[-1], _label(path[-2] if len(path) > 1 else "Message")
        homes = sorted({_label(p[-2]) for p in self.paths if len(p) > 1 and p[-1] == name})
        if homes:
            return Explained(f"{name} does not belong in {parent}: it is a field of {' or '.join(homes)}",
                             f"Move {name} into {homes[0]}." if len(homes) == 1 else f"Move {name} where it belongs.")
        elsewhere = sorted(year for year, paths in self.other_years.items() if any(p[-1] == name for p in paths))
        if elsewhere:
            fix = moved_field_fix(name, path, self.paths) or f"Remove {name} from {parent}."
            return Explained(f"{name} is not in {self.year} (only in {', '.join(elsewhere)})", fix)
        return Explained(f"{parent} has no field called {name} in {self.year}",
                         f"Check the spelling of {name} against the ILR specification, or remove it.")

    def _rules(self, name: str, kind: str) -> tuple[str, ...]:
        return fd_rules(name, kind, self.label) if self.label else ()

    def _fix(self) -> str:
        return f"Correct the record so that it matches the ILR specification for {self.year}."


def _label(name: str) -> str:
    """How a message names a parent element: the file itself for ``Message``."""
    return "the file" if name == "Message" else name


def _locate(record: Any, path: str | None) -> Any:
    """The element at libxml2's node ``path`` (``/*/*[24]/*[2]``) inside ``record``."""
    if not path:
        return None
    steps = path.strip("/").split("/")
    el = record
    for step in steps[1:]:
        match = _POSITION.fullmatch(step)
        if match is None:
            return None
        children = _children(el)
        index = int(match.group(1) or 1) - 1
        if index >= len(children):
            return None
        el = children[index]
    return el


def _children(el: Any) -> list[Any]:
    return [] if el is None else [c for c in el if isinstance(c.tag, str)]


def _index_of(el: Any) -> int:
    return sum(1 for _ in el.itersiblings(preceding=True) if isinstance(_.tag, str))


def _local(el: Any, prefix: str) -> str:
    tag = el.tag
    return tag[len(prefix):] if tag.startswith(prefix) else tag.rpartition("}")[2]


def _names(el: Any, record: Any, prefix: str) -> tuple[str, ...]:
    names = []
    while el is not None:
        names.append(_local(el, prefix))
        if el is record:
            break
        el = el.getparent()
    return ("Message", *reversed(names))


def _expected(message: str) -> list[str]:
    """The element names in libxml2's "Expected is ( ... )" (names only: no values are in it)."""
    _head, found, rest = message.partition("Expected is")
    if not found:
        return []
    inside = rest.partition("(")[2].partition(")")[0]
    return [m.group(1) for m in (_NAME.fullmatch(part.strip()) for part in inside.split(",")) if m]


def _previous_present(decl: Element, name: str, present: Container[str]) -> str | None:
    names = [c.name for c in decl.children]
    if name not in names:
        return None
    return next((earlier for earlier in reversed(names[:names.index(name)]) if earlier in present), None)


class _Either:
    """Names in either of two containers."""

    def __init__(self, first: Container[str], second: Container[str]):
        self.first, self.second = first, second

    def __contains__(self, name: object) -> bool:
        return name in self.first or name in self.second

