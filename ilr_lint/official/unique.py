"""Values unique across a file's learners (R_06's LearnRefNumber, R_59's ULN), remembered compactly.

A file's learners are read one at a time, so that memory stays flat however long the file is
(bench/memory.py); a rule on the whole file must then keep one value per learner. :class:`Seen`
keeps each value once, at its first learner, in machine integers and bytes (about 40 bytes a
learner, where a dict of tuples took about 300): the value's hash (an ``int`` value itself), its
learner's line, and the text that tells it (a ``str`` value, compared in full) and names that
learner (its LearnRefNumber). An open-addressing table of entry numbers finds a value again; its
slots come from the process's string hash (randomised), so no file can be made to crowd them.
"""

from __future__ import annotations

from array import array
from typing import Any, Hashable

from ..api import Context, FileState

_INT64 = range(-(2 ** 63), 2 ** 63)


class Seen(FileState):
    """Each value's first learner, and the later learners repeating one, in file order.

    ``repeats`` holds ``(line, LearnRefNumber, the first learner's LearnRefNumber)``. In a worker of
    a parallel run the learners' values are only logged: the parent takes them over batch by
    batch in file order, so the repeats are those one process finds."""

    def __init__(self, log: bool = False):
        self.repeats: list[tuple[int, str, str]] = []
        self.log: list[tuple[Hashable, int, str]] | None = [] if log else None
        self._slots = array("i", bytes(4 * 1024))  # 0, or an entry's number + 1; at most half are used
        self._keys = array("q")  # per entry (a value's first learner): an int value, or the hash of its text
        self._ints = bytearray()  # 1 where the key is an int value
        self._lines = array("i")  # its learner's line
        self._ends = array("i")  # where its text ends in _text: the value's text, NUL, the LearnRefNumber
        self._text = bytearray()  # (a value's text that is its learner's LearnRefNumber: once, without the NUL)

    @classmethod
    def new(cls, ctx: Context) -> "Seen":
        return cls(log=ctx.worker)

    def add(self, value: Hashable, line: int, learner: str) -> None:
        if self.log is not None:
            self.log.append((value, line, learner))
            return
        exact = type(value) is int and value in _INT64  # an int is its own key; anything else, its text's hash
        text = str(value)
        told = b"" if exact else text.encode()
        hashed = hash(text)
        key = value if exact else hashed
        mask = len(self._slots) - 1
        slot = hashed & mask
        while number := self._slots[slot]:
            entry = number - 1
            if self._keys[entry] == key and (exact or self._told(entry) == told):
                if self._lines[entry] != line:  # (not the same learner's again)
                    self.repeats.append((line, learner, self._learner(entry)))
                return
            slot = (slot + 1) & mask
        self._slots[slot] = len(self._keys) + 1
        self._keys.append(key)
        self._ints.append(exact)
        self._lines.append(line)
        named = str(learner).encode()
        self._text += named if named == told else told + b"\0" + named
        self._ends.append(len(self._text))
        if 2 * len(self._keys) > len(self._slots):
            self._grow()

    def _piece(self, entry: int) -> bytes:
        return bytes(self._text[self._ends[entry - 1] if entry else 0:self._ends[entry]])

    def _told(self, entry: int) -> bytes:
        return self._piece(entry).partition(b"\0")[0]

    def _learner(self, entry: int) -> str:
        told, apart, named = self._piece(entry).partition(b"\0")
        return (named if apart else told).decode()

    def _grow(self) -> None:
        """Twice the slots, each entry placed again (its slot comes from its text's hash, or an int's digits')."""
        self._slots = slots = array("i", bytes(8 * len(self._slots)))
        mask = len(slots) - 1
        for entry, key in enumerate(self._keys):
            slot = (hash(str(key)) if self._ints[entry] else key) & mask
            while slots[slot]:
                slot = (slot + 1) & mask
            slots[slot] = entry + 1

    def handover(self) -> list[tuple[Hashable, int, str]]:
        part, self.log = self.log or [], []
        return part

    def take_over(self, part: Any) -> None:
        for value, line, learner in part:
            self.add(value, line, learner)
