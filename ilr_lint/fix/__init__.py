"""Corrections: ``ilr-lint check --fix``, ``--unsafe-fixes`` and ``--diff``.

:func:`fix_file` lints a file, writes a corrected copy beside it (a temporary folder in the
same directory), lints the copy again and only then, if no fix created or left a finding,
moves it over the original (``os.replace``, atomic), keeping ``<file>.ilr-lint.bak``. A
crash, Ctrl-C or SIGTERM at any point leaves the original as it was and no temporary file
behind. The temporary folder (``.ilr-lint-fix-<pid>-*``, hidden: folder scans never enter
it) can only outlive a process killed outright (SIGKILL); the next fix in that folder
removes it once its process is gone. A read-only file or folder, or a backup path that is
not a file, is refused before anything is written. See docs/fixes.md.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from ..api import Finding
from ..engine import FileResult, Options, lint_file
from ..reader import display_path
from ..wording import plural
from .diff import write_diff
from .rewriter import Rewrite, rewrite

STRUCTURAL = ("ILR001", "ILR002")
BACKUP_SUFFIX = ".ilr-lint.bak"
WORK_PREFIX = ".ilr-lint-fix-"
_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class FixRefused(Exception):
    """The file cannot be fixed safely; the message is one line for the user."""

    def __init__(self, message: str, result: FileResult | None = None):
        super().__init__(message)
        self.result = result  # the file's findings, when it was linted


@dataclass
class FixOutcome:
    result: FileResult  # the findings that remain (after the fixes, when they were applied)
    fixed: list[Finding] = field(default_factory=list)  # findings of the original that are gone
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # fixable, but not fixed, and why
    bugs: list[Finding] = field(default_factory=list)  # findings the fixes created or failed to remove
    written: bool = False
    untouched: list[str] = field(default_factory=list)  # learners with schema errors, left as they are
    changes: dict[int, list[str]] = field(default_factory=dict)  # id of a fixed finding -> what its edits changed


def schema_on(opts: Options) -> Options:
    """``opts`` with schema validation on, so that a file is only fixed when it is structurally sound."""
    if opts.schema_for is not None:
        return opts
    try:
        from ..schema import IlrSchema
    except ImportError:  # schema validation not available: ILR002 is the structural signal
        return opts
    return dataclasses.replace(opts, schema_for=IlrSchema.for_year)


def _key(f: Finding) -> tuple[object, ...]:
    """A finding's identity across the rewrite, where line numbers may move."""
    return (f.code, f.learner, f.aim, f.message)


def _wanted(f: Finding, unsafe: bool) -> bool:
    return bool(f.edits) and f.record is not None and (f.fixable == "safe" or unsafe)


def _structural(result: FileResult) -> list[str]:
    """The learners with schema errors, which are left untouched; refuses the file when an
    error lies outside a learner (or in one without a LearnRefNumber to name it by)."""
    bad = [f for f in result.findings if f.code in STRUCTURAL]
    outside = [f for f in bad if f.learner is None]
    if outside:
        codes = "/".join(sorted({f.code for f in outside}))
        raise FixRefused(f"{result.path}: not fixed: {plural(len(outside), 'schema error')} ({codes}) outside any "
                         "named learner must be corrected first, as a structurally invalid file cannot be rewritten "
                         "safely", result)
    return sorted({f.learner for f in bad if f.learner is not None})


def fix_file(path: str, opts: Options, *, unsafe: bool = False, write: bool = True, backup: bool = True,
             diff_out: IO[bytes] | None = None) -> FixOutcome:
    """Fix one ILR XML file in place (``write``) and/or write the diff of the fixes to ``diff_out``.

    A learner with schema errors is left as it is (``FixOutcome.untouched``). Raises
    :class:`FixRefused` for a zip or a file with schema errors outside its learners, and
    :class:`ilr_lint.reader.IlrInputError` for unreadable input.
    """
    if zipfile.is_zipfile(path):
        raise FixRefused(f"{display_path(path)}: not fixed: it is a zip; unzip it, fix the XML file inside and "
                         "zip it again")
    opts = schema_on(opts)
    before = lint_file(path, opts)
    untouched = _structural(before)
    wanted = [f for f in before.findings if _wanted(f, unsafe) and f.learner not in untouched]
    if not wanted:
        return FixOutcome(before, untouched=untouched)
    real = os.path.realpath(path)
    if write:
        _writable(real, before, backup)
    folder = os.path.dirname(real)
    _remove_stale(folder)
    try:
        workdir = tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=folder)
    except OSError as exc:
        raise FixRefused(f"{before.path}: not fixed: cannot write beside it ({exc.strerror or exc})", before) from None
    try:
        copy = os.path.join(workdir, os.path.basename(real))  # same name: checks may read it
        log = _write_copy(real, copy, wanted, before.year)
        after = _relint(copy, opts, before.path)
        outcome = _compare(before, after, log)
        outcome.untouched, outcome.changes = untouched, log.changes
        if outcome.bugs:
            outcome.result = before  # nothing is written: the original's findings stand
            return outcome
        if not log.regions:
            return outcome
        if diff_out is not None:
            with open(real, "rb") as original, open(copy, "rb") as fixed:
                write_diff(original, fixed, log.regions, log.encoding, before.path, diff_out)
        if write:
            try:
                _replace(real, copy, backup)
            except OSError as exc:
                raise FixRefused(f"{before.path}: not fixed: cannot replace it ({exc.strerror or exc})",
                                 before) from None
            outcome.written = True
        return outcome
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _read_only(path: str) -> bool:
    """No write permission for us, or none for anyone (which root would otherwise override)."""
    return not os.access(path, os.W_OK) or not os.stat(path).st_mode & _WRITE_BITS


def _writable(real: str, before: FileResult, backup: bool) -> None:
    """Refuse before any work what would make the replacement fail or overrule the owner."""
    if _read_only(real):
        raise FixRefused(f"{before.path}: not fixed: the file is read-only", before)
    if _read_only(os.path.dirname(real)):
        raise FixRefused(f"{before.path}: not fixed: its folder is read-only", before)
    bak = real + BACKUP_SUFFIX
    if backup and os.path.lexists(bak) and not os.path.isfile(bak):
        raise FixRefused(f"{before.path}: not fixed: {display_path(bak)} exists and is not a file", before)


def _remove_stale(folder: str) -> None:
    """Remove work folders left by fixes whose process was killed (SIGKILL) before it could clean up."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(WORK_PREFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(WORK_PREFIX):].partition("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _write_copy(real: str, copy: str, wanted: list[Finding], year_code: str) -> Rewrite:
    by_learner: dict[int, list[Finding]] = {}
    for f in wanted:
        assert f.record is not None
        by_learner.setdefault(f.record, []).append(f)
    with open(real, "rb") as source, open(copy, "wb") as target:
        log = rewrite(source, target, by_learner, year_code)
        target.flush()
        os.fsync(target.fileno())
    return log


def _relint(copy: str, opts: Options, shown: str) -> FileResult:
    result = lint_file(copy, opts)
    result.path = shown
    result.findings = [dataclasses.replace(f, file=shown) for f in result.findings]
    return result


def _compare(before: FileResult, after: FileResult, log: Rewrite) -> FixOutcome:
    """What the fixes did: the findings gone, and any finding they created or left in place."""
    expected = _keys(before.findings) - _keys(log.applied)
    bugs = _pick(after.findings, _keys(after.findings) - expected)
    fixed = _pick(before.findings, _keys(before.findings) - _keys(after.findings))
    return FixOutcome(after, fixed=fixed, skipped=log.skipped, bugs=bugs)


def _keys(findings: list[Finding]) -> Counter[tuple[object, ...]]:
    return Counter(_key(f) for f in findings)


def _pick(findings: list[Finding], wanted: Counter[tuple[object, ...]]) -> list[Finding]:
    """The findings named in ``wanted``, as many of each as it counts, in file order."""
    picked = []
    for f in findings:
        if wanted[_key(f)] > 0:
            wanted[_key(f)] -= 1
            picked.append(f)
    return picked


def _replace(real: str, copy: str, backup: bool) -> None:
    """Move ``copy`` over ``real`` atomically, keeping its permissions and, if asked, a backup."""
    os.chmod(copy, stat.S_IMODE(os.stat(real).st_mode))
    if backup:
        bak = real + BACKUP_SUFFIX
        staged = copy + BACKUP_SUFFIX
        try:
            os.link(real, staged)
        except OSError:  # no hard links here: copy instead
            shutil.copy2(real, staged)
        os.replace(staged, bak)
    os.replace(copy, real)

