"""Stream an ILR file into a corrected copy, one learner at a time.

Only the learners that have edits are touched; every other piece of the decoded text is
written back unchanged, in the file's own encoding, so untouched learners, the declaration,
namespaces, comments and line endings stay byte for byte. Each finding's edits are applied
together or not at all; a finding whose edits do not fit, or that would contradict another
finding's edit of the same field, is left unfixed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import IO, Mapping, Sequence

from ..api import Finding
from ..edits import AddAppFinRecord, AddFAM, Edit, RemoveFAM, RemoveFAMDateTo, RemoveField, SetFAMDateTo, SetField
from .apply import EditError, apply_edits, describe
from .scan import CHUNK, detect_encoding, pieces


@dataclass(frozen=True, slots=True)
class Region:
    """Changed lines, 1-based and inclusive: ``a_*`` in the original, ``b_*`` in the copy."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass
class Rewrite:
    encoding: str = "utf-8"
    applied: list[Finding] = field(default_factory=list)
    changes: dict[int, list[str]] = field(default_factory=dict)  # id of an applied finding -> what its edits changed
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, why not)
    regions: list[Region] = field(default_factory=list)


def _target(edit: Edit) -> tuple[object, ...]:
    """What an edit changes, to spot two findings that change one thing differently."""
    if isinstance(edit, (SetField, RemoveField)):
        return (edit.aim, edit.field)
    if isinstance(edit, (SetFAMDateTo, RemoveFAMDateTo)):
        return (edit.aim, "FAM", edit.fam_type, edit.date_from)
    if isinstance(edit, RemoveFAM):
        return (edit.aim, "RemoveFAM", edit.fam_type, edit.code)
    if isinstance(edit, AddFAM):
        return (edit.aim, "AddFAM", edit.fam_type, edit.date_from)
    if isinstance(edit, AddAppFinRecord):
        return (edit.aim, "AddAppFinRecord", edit.fin_type, edit.code, edit.date)
    raise TypeError(f"unknown edit {edit!r}")


def fix_learner(text: str, findings: Sequence[Finding], year_code: str, log: Rewrite) -> str:
    """Apply each finding's edits to one learner's text; record which were applied or skipped."""
    done: dict[tuple[object, ...], Edit] = {}
    for finding in findings:
        todo = [e for e in finding.edits if done.get(_target(e)) != e]
        clash = next((e for e in todo if _target(e) in done), None)
        if clash is not None:
            log.skipped.append((finding, f"another fix already changes the same field ({_target(clash)[1]})"))
            continue
        changed, changes = text, []
        try:  # all of a finding's edits or none
            for edit in todo:
                changes.append(describe(changed, edit))
                changed = apply_edits(changed, [edit], year_code)
        except EditError as exc:
            log.skipped.append((finding, str(exc)))
            continue
        text = changed
        done.update((_target(e), e) for e in todo)
        log.applied.append(finding)
        log.changes[id(finding)] = changes
    return text


def rewrite(source: IO[bytes], target: IO[bytes], by_learner: Mapping[int, Sequence[Finding]],
            year_code: str) -> Rewrite:
    """Copy ``source`` to ``target`` applying the findings' edits, keyed by learner position."""
    head = source.read(CHUNK)
    log = Rewrite(encoding=detect_encoding(head))
    encoder = codecs.getincrementalencoder(log.encoding)(errors="xmlcharrefreplace")
    a_line = b_line = 1
    index = 0
    for is_learner, text in pieces(_Replay(head, source), log.encoding):
        new = text
        if is_learner:
            if index in by_learner:
                new = fix_learner(text, by_learner[index], year_code, log)
            index += 1
        if new != text:
            log.regions.append(Region(a_line, a_line + text.count("\n"), b_line, b_line + new.count("\n")))
        a_line += text.count("\n")
        b_line += new.count("\n")
        target.write(encoder.encode(new))
    target.write(encoder.encode("", final=True))
    return log


class _Replay:
    """A binary stream that first returns the bytes already read from it."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head, self._rest = head, rest

    def read(self, size: int) -> bytes:
        if self._head:
            data, self._head = self._head, b""
            return data
        return self._rest.read(size)
