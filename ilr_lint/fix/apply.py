"""Apply declarative edits to the raw text of one ``<Learner>``, surgically.

The learner's text is indexed (elements with their offsets; comments and other markup kept
as opaque nodes) and each edit becomes one replacement of a span: a field's text, a removed
element with the indentation before it, or a new element inserted in schema order and laid
out like its siblings (tabs or spaces, one element per line or compact, CRLF or LF, the
namespace prefix of its parent). Everything else in the learner is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, Sequence
from xml.sax.saxutils import escape, unescape

from ..model import PERSONAL_FIELDS
from ..edits import AddAppFinRecord, AddFAM, Edit, RemoveFAM, RemoveFAMDateTo, RemoveField, SetFAMDateTo, SetField
from . import order
from .scan import next_token


class EditError(ValueError):
    """An edit that does not fit the learner (no such aim, record or field)."""


@dataclass
class Node:
    name: str  # qualified name; "" for a comment, CDATA section or processing instruction
    start: int
    end: int
    open_end: int = 0  # end of the start tag
    close_start: int = 0  # start of the end tag
    children: list[Node] = field(default_factory=list)

    @property
    def local(self) -> str:
        return self.name.rpartition(":")[2]

    @property
    def prefix(self) -> str:
        return self.name[:-len(self.local)]

    @property
    def elements(self) -> list[Node]:
        return [c for c in self.children if c.name]

    def child(self, local: str) -> Node | None:
        return next((c for c in self.elements if c.local == local), None)

    def all(self, local: str) -> list[Node]:
        return [c for c in self.elements if c.local == local]

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.elements:
            yield from c.walk()


def parse(text: str) -> Node:
    """Index a complete element (``<Learner>...</Learner>``) by offsets."""
    stack: list[Node] = []
    root: Node | None = None
    pos = 0
    while (lt := text.find("<", pos)) >= 0:
        token = next_token(text, lt)
        if token is None:
            raise EditError("the learner's markup is cut off")
        pos = token.end
        if token.kind == "end":
            node = stack.pop()
            node.close_start, node.end = token.start, token.end
            if not stack:
                root = node
            continue
        node = Node(token.name if token.kind != "other" else "", token.start, token.end, token.end, token.start)
        if stack:
            stack[-1].children.append(node)
        if token.kind == "start":
            stack.append(node)
    if root is None or stack:
        raise EditError("the learner is not one complete element")
    return root


def value_of(text: str, node: Node) -> str:
    return unescape(text[node.open_end:node.close_start]).strip()


# --- layout ------------------------------------------------------------------------------
def _line_start_ws(ws: str) -> str:
    """The newline and indentation that start the next line in ``ws``; ``ws`` without one."""
    if "\n" not in ws:
        return ws if not ws.strip() else ""
    newline = "\r\n" if "\r\n" in ws else "\n"
    return newline + ws.rpartition("\n")[2]


def _gap_before(text: str, parent: Node, node: Node) -> str:
    index = parent.children.index(node)
    start = parent.children[index - 1].end if index else parent.open_end
    return text[start:node.start]


def _separator(text: str, parent: Node, near: Node | None = None) -> str:
    """What stands between two children of ``parent`` (before ``near``, when it is not the first)."""
    elements = parent.elements
    if not elements:
        raise EditError(f"<{parent.local}> has no children to take the layout from")
    probe = near if near is not None and near is not elements[0] else elements[min(1, len(elements) - 1)]
    return _line_start_ws(_gap_before(text, parent, probe))


def _closing(text: str, parent: Node) -> str:
    return _line_start_ws(text[parent.children[-1].end:parent.close_start]) if parent.children else ""


def _inner_layout(text: str, root: Node, parent: Node, local: str) -> tuple[str, str]:
    """(separator, closing) inside a new ``local`` element under ``parent``.

    Copied from an element of the same name in the learner if there is one, otherwise one
    indentation step deeper than ``parent``'s children.
    """
    template = next((n for n in root.walk() if n.local == local and n.elements), None)
    if template is not None:
        return _separator(text, template), _closing(text, template)
    sep, close = _separator(text, parent), _closing(text, parent)
    if "\n" not in sep:
        return sep, ""
    newline = "\r\n" if "\r\n" in sep else "\n"
    child_indent, parent_indent = sep[len(newline):], close[len(newline):]
    if child_indent.startswith(parent_indent) and len(child_indent) > len(parent_indent):
        step = child_indent[len(parent_indent):]
    else:
        step = "\t" if "\t" in child_indent else "  "
    return newline + child_indent + step, newline + child_indent


# --- span edits ----------------------------------------------------------------------------
Splice = tuple[int, int, str]  # replace text[start:end] with the string


def _simple(prefix: str, name: str, value: str) -> str:
    return f"<{prefix}{name}>{escape(value)}</{prefix}{name}>"


def _insert(text: str, root: Node, parent: Node, name: str, rank_order: Sequence[str],
            children: Sequence[tuple[str, str]] | None = None, value: str = "") -> Splice:
    """Insert a new child ``name`` of ``parent`` after the last sibling that precedes it in schema order."""
    prefix = parent.prefix
    if children is None:
        new = _simple(prefix, name, value)
    else:
        inner_sep, inner_close = _inner_layout(text, root, parent, name)
        new = (f"<{prefix}{name}>" + "".join(inner_sep + _simple(prefix, n, v) for n, v in children)
               + f"{inner_close}</{prefix}{name}>")
    rank = rank_order.index(name)
    before = [c for c in parent.elements if c.local in rank_order and rank_order.index(c.local) <= rank]
    if before:
        return before[-1].end, before[-1].end, _separator(text, parent, before[-1]) + new
    first = parent.elements[0]
    return first.start, first.start, new + _separator(text, parent)


def _set(text: str, root: Node, parent: Node, name: str, value: str, rank_order: Sequence[str]) -> Splice:
    node = parent.child(name)
    if node is None:
        return _insert(text, root, parent, name, rank_order, value=value)
    if node.elements:
        raise EditError(f"<{name}> is not a simple field")
    if node.open_end == node.end:  # <Name/>
        return node.start, node.end, f"<{node.name}>{escape(value)}</{node.name}>"
    return node.open_end, node.close_start, escape(value)


def _remove(text: str, parent: Node, name: str) -> Splice:
    node = parent.child(name)
    if node is None:
        raise EditError(f"there is no <{name}> to remove")
    return _cut(text, parent, node)


def _cut(text: str, parent: Node, node: Node) -> Splice:
    """Remove ``node`` with the indentation before it."""
    gap = _gap_before(text, parent, node)
    return (node.start - len(gap) if not gap.strip() else node.start), node.end, ""


def _aim(text: str, root: Node, aim: int) -> Node:
    found = [d for d in root.all("LearningDelivery")
             if (seq := d.child("AimSeqNumber")) is not None and value_of(text, seq) == str(aim)]
    if len(found) != 1:
        raise EditError(f"the learner has {len(found)} aims with AimSeqNumber {aim}")
    return found[0]


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _fam(text: str, delivery: Node, fam_type: str, date_from: date | None) -> Node:
    found = [f for f in delivery.all("LearningDeliveryFAM")
             if _field(text, f, "LearnDelFAMType") == fam_type
             and _field(text, f, "LearnDelFAMDateFrom") == _day(date_from)]
    if len(found) != 1:
        raise EditError(f"the aim has {len(found)} {fam_type} FAMs from {_day(date_from) or 'no date'}")
    return found[0]


def splices_for(text: str, edit: Edit, year_code: str) -> list[Splice]:
    """The span replacements (disjoint, last first) that perform ``edit`` on the learner ``text``."""
    if isinstance(edit, RemoveFAM):
        root = parse(text)
        delivery = _aim(text, root, edit.aim)
        fams = [f for f in delivery.all("LearningDeliveryFAM")
                if _field(text, f, "LearnDelFAMType") == edit.fam_type
                and (edit.code is None or _field(text, f, "LearnDelFAMCode") == str(edit.code))]
        if not fams:
            raise EditError(f"the aim has no {edit.fam_type} FAM{'' if edit.code is None else ' ' + edit.code} to remove")
        return [_cut(text, delivery, f) for f in reversed(fams)]
    return [_splice_for(text, edit, year_code)]


def _field(text: str, parent: Node, name: str) -> str | None:
    node = parent.child(name)
    return None if node is None else value_of(text, node)


def _splice_for(text: str, edit: Edit, year_code: str) -> Splice:
    root = parse(text)
    if root.local != "Learner":
        raise EditError(f"expected a <Learner>, found <{root.local}>")
    if edit.aim is None:
        parent, rank_order = root, order.LEARNER
    else:
        parent, rank_order = _aim(text, root, edit.aim), order.DELIVERY
    if isinstance(edit, (SetField, RemoveField)):
        if edit.field not in rank_order or (edit.aim is not None and not order.allowed(edit.field, year_code)):
            raise EditError(f"{edit.field} is not a field of this record in year {year_code}")
        if isinstance(edit, SetField):
            return _set(text, root, parent, edit.field, edit.value, rank_order)
        return _remove(text, parent, edit.field)
    if isinstance(edit, SetFAMDateTo):
        fam = _fam(text, parent, edit.fam_type, edit.date_from)
        return _set(text, root, fam, "LearnDelFAMDateTo", edit.date_to.isoformat(), order.FAM)
    if isinstance(edit, RemoveFAMDateTo):
        return _remove(text, _fam(text, parent, edit.fam_type, edit.date_from), "LearnDelFAMDateTo")
    if isinstance(edit, AddFAM):
        values = (("LearnDelFAMType", edit.fam_type), ("LearnDelFAMCode", str(edit.code)),
                  ("LearnDelFAMDateFrom", _day(edit.date_from)), ("LearnDelFAMDateTo", _day(edit.date_to)))
        return _insert(text, root, parent, "LearningDeliveryFAM", rank_order,
                       children=[(n, v) for n, v in values if v is not None])
    if isinstance(edit, AddAppFinRecord):
        values = (("AFinType", edit.fin_type), ("AFinCode", str(edit.code)), ("AFinDate", edit.date.isoformat()),
                  ("AFinAmount", str(edit.amount)))
        return _insert(text, root, parent, "AppFinRecord", rank_order, children=values)
    raise EditError(f"unknown edit {edit!r}")


def _shown(name: str, value: str | None) -> str:
    """A field's value as a fix listing shows it: never a personal one."""
    if value is None:
        return "none"
    return "(personal, not shown)" if name in PERSONAL_FIELDS or name == "ULN" else value


def describe(text: str, edit: Edit) -> str:
    """What ``edit`` changes in the learner ``text``, with the old and new value: ``Outcome: none -> 3``."""
    root = parse(text)
    parent = root if edit.aim is None else _aim(text, root, edit.aim)
    where = "" if edit.aim is None else f"aim {edit.aim} "
    if isinstance(edit, SetField):
        old = _field(text, parent, edit.field)
        return f"{where}{edit.field}: {_shown(edit.field, old)} -> {_shown(edit.field, edit.value)}"
    if isinstance(edit, RemoveField):
        return f"{where}{edit.field}: {_shown(edit.field, _field(text, parent, edit.field))} -> removed"
    if isinstance(edit, (SetFAMDateTo, RemoveFAMDateTo)):
        old = _field(text, _fam(text, parent, edit.fam_type, edit.date_from), "LearnDelFAMDateTo")
        new = edit.date_to.isoformat() if isinstance(edit, SetFAMDateTo) else "removed"
        since = _day(edit.date_from) or "no date"
        return f"{where}{edit.fam_type} from {since} LearnDelFAMDateTo: {old or 'none'} -> {new}"
    if isinstance(edit, AddFAM):
        dates = " ".join(d for d in (_day(edit.date_from), _day(edit.date_to)) if d)
        return f"{where}LearningDeliveryFAM {edit.fam_type} {edit.code}{' ' + dates if dates else ''}: added"
    if isinstance(edit, RemoveFAM):
        return f"{where}LearningDeliveryFAM {edit.fam_type}{'' if edit.code is None else ' ' + edit.code}: removed"
    return f"{where}AppFinRecord {edit.fin_type} {edit.code} {edit.date.isoformat()} {edit.amount}: added"


def apply_edits(text: str, edits: Sequence[Edit], year_code: str) -> str:
    """``text`` with every edit applied in turn; raises :class:`EditError` if one does not fit."""
    for edit in edits:
        for start, end, new in splices_for(text, edit, year_code):
            text = text[:start] + new + text[end:]
    return text
