"""Each LearnRefNumber's and each ULN's first learner in a file (R_06, R_59), remembered compactly.

A file's learners are read a block at a time, so that memory stays flat however long the file
is (bench/memory.py); a rule on the whole file must then keep something of every learner.
:class:`Firsts` keeps, in machine integers and bytes, each LearnRefNumber once (its text) and
each ULN once (the number, and which LearnRefNumber its first learner has): about 50 bytes a
learner for both rules, where a dict of tuples per rule took about 300. Two open-addressing
tables of entry numbers find a value again; their slots come from the process's string hash
(randomised), so no file can be made to crowd them, and a value is compared in full (a hash
never stands for it).
"""

from __future__ import annotations

from array import array
from typing import Any, Iterable

from ..api import Context, FileState

_INT64 = range(-(2 ** 63), 2 ** 63)
_LONG = "\0"  # before a ULN's digits where the number is too long to keep as one: never in XML, so in no LearnRefNumber
_EMPTY = 1024  # slots in a new table


class Firsts(FileState):
    """The learners repeating an earlier learner's LearnRefNumber or ULN, in file order.

    Each holds ``(line, LearnRefNumber, the first learner's LearnRefNumber)`` (in ``repeated_refs`` the same
    number twice). In a worker of a parallel run the learners are only logged: the parent takes
    them over batch by batch in file order, so the repeats are those one process finds."""

    def __init__(self, log: bool = False):
        self.repeated_refs: list[tuple[int, str, str]] = []
        self.repeated_ulns: list[tuple[int, str, str]] = []
        self.log: list[tuple[str, int | None, int]] | None = [] if log else None
        self._text = bytearray()  # each text entry's UTF-8: a LearnRefNumber, or _LONG and a long ULN's digits
        self._ends = array("i")  # per text entry: where its text ends in _text
        self._tags = bytearray()  # per text entry: the low byte of its hash (most other texts are told by it)
        self._text_slots = array("i", bytes(4 * _EMPTY))  # 0, or a text entry's number + 1; at most half used
        self._ulns = array("q")  # per ULN entry: the ULN, or where _long is 1 its text entry
        self._long = bytearray()
        self._owners = array("i")  # per ULN entry: the text entry of its first learner's LearnRefNumber
        self._uln_slots = array("i", bytes(4 * _EMPTY))

    @classmethod
    def new(cls, ctx: Context) -> "Firsts":
        return cls(log=ctx.worker)

    def add(self, ref: str, uln: int | None, line: int) -> None:
        """One learner: its LearnRefNumber, its ULN (None: not compared, as the temporary ULN) and line."""
        if self.log is not None:
            self.log.append((ref, uln, line))
            return
        owner, new = self._text_entry(ref)
        if not new:
            self.repeated_refs.append((line, ref, ref))
        if uln is not None:
            first = self._uln_owner(uln, owner)
            if first is not None:
                self.repeated_ulns.append((line, ref, self._piece(first)))

    def _text_entry(self, text: str) -> tuple[int, bool]:
        """The entry of ``text`` (made if new), and whether it is new."""
        told, hashed = text.encode(), hash(text)
        tag, slots = hashed & 0xFF, self._text_slots
        mask = len(slots) - 1
        slot = hashed & mask
        while number := slots[slot]:
            entry = number - 1
            if self._tags[entry] == tag and self._bytes(entry) == told:
                return entry, False
            slot = (slot + 1) & mask
        entry = len(self._ends)
        slots[slot] = entry + 1
        self._tags.append(tag)
        self._text += told
        self._ends.append(len(self._text))
        if 2 * len(self._ends) > len(slots):
            self._text_slots = _grown(len(slots), (hash(self._piece(e)) for e in range(len(self._ends))))
        return entry, True

    def _uln_owner(self, uln: int, owner: int) -> int | None:
        """The text entry of the LearnRefNumber of the first learner with ``uln``; None (and ``owner`` kept as
        its first learner's) if none had it."""
        digits = str(uln)
        exact = uln in _INT64
        key = uln if exact else self._text_entry(_LONG + digits)[0]
        slots = self._uln_slots
        mask = len(slots) - 1
        slot = hash(digits) & mask
        while number := slots[slot]:
            entry = number - 1
            if self._ulns[entry] == key and self._long[entry] == (not exact):
                return self._owners[entry]
            slot = (slot + 1) & mask
        entry = len(self._ulns)
        slots[slot] = entry + 1
        self._ulns.append(key)
        self._long.append(not exact)
        self._owners.append(owner)
        if 2 * len(self._ulns) > len(slots):
            self._uln_slots = _grown(len(slots), (hash(self._piece(key)[1:] if long else str(key))
                                                  for key, long in zip(self._ulns, self._long)))
        return None

    def _bytes(self, entry: int) -> bytes:
        return bytes(self._text[self._ends[entry - 1] if entry else 0:self._ends[entry]])

    def _piece(self, entry: int) -> str:
        return self._bytes(entry).decode()

    def handover(self) -> list[tuple[str, int | None, int]]:
        part, self.log = self.log or [], []
        return part

    def take_over(self, part: Any) -> None:
        for ref, uln, line in part:
            self.add(ref, uln, line)


def _grown(size: int, hashes: Iterable[int]) -> array:
    """A table of twice ``size`` slots, each entry (numbered in order, by its hash) placed again."""
    slots = array("i", bytes(8 * size))
    mask = len(slots) - 1
    for entry, hashed in enumerate(hashes):
        slot = hashed & mask
        while slots[slot]:
            slot = (slot + 1) & mask
        slots[slot] = entry + 1
    return slots
