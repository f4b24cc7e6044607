"""Baselines: adopt ilr-lint on an existing backlog and fail only on new findings.

A baseline file records each finding's ILR key (UKPRN / LearnRefNumber / AimSeqNumber /
check code) with a count: never messages, lines or personal data. With ``--baseline``,
findings up to the recorded count per key are suppressed; keys that no longer occur are
listed, so the file can shrink as the backlog is fixed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from . import __version__
from .api import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    pass


def write(path: Path, counts: Counter[str]) -> int:
    """Record ``counts`` (findings per key) as the baseline in ``path``; returns how many findings."""
    data = {"tool": "ilr-lint", "version": __version__, "format": FORMAT_VERSION,
            "entries": [{"key": key, "count": n} for key, n in sorted(counts.items())]}
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise BaselineError(f"--write-baseline {path}: cannot write ({exc.strerror})") from None
    return sum(counts.values())


def read(path: Path) -> Counter[str]:
    if path.exists() and not path.is_file():  # a folder, a pipe or a device: never read
        raise BaselineError(f"--baseline {path}: not a regular file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"]
        return Counter({str(e["key"]): int(e["count"]) for e in entries})
    except FileNotFoundError:
        raise BaselineError(f"--baseline {path}: no such file") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"--baseline {path}: not an ilr-lint baseline ({type(exc).__name__})") from None


class Filter:
    """Findings up to the baseline's count per key are suppressed, one at a time as they come."""

    def __init__(self, baseline: Counter[str]):
        self.baseline = baseline
        self.remaining = Counter(baseline)
        self.seen: set[str] = set()  # baseline keys found (only those: it does not grow with the findings)
        self.suppressed = 0

    def keeps(self, f: Finding) -> bool:
        key = f.key
        if key not in self.baseline:
            return True
        self.seen.add(key)
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            self.suppressed += 1
            return False
        return True

    @property
    def stale(self) -> list[str]:
        """Baseline keys that no longer occur at all."""
        return sorted(k for k in self.baseline if k not in self.seen)
