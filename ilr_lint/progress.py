"""Progress on stderr while a file is read: how much of it, learners per second, time left.

Shown only when stderr is a terminal (and not with ``--quiet`` or ``--no-progress``), and
cleared when the run ends, so reports and pipes never see it. While it is shown, what is
printed to the terminal (a report on stdout when stdout is the terminal too, notes on
stderr) goes above the progress line. The share of the file is the
reader's bytes of XML read over the file's size (a zip member's unzipped size); the time
left is estimated from the rate at which bytes are read.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

Update = Callable[[int, int, "int | None"], None]  # (learners so far, bytes read, bytes in all or None)
EVERY = 100  # learners between two updates


class FileProgress:
    """A progress line per file; :meth:`file` gives the engine's ``on_learner`` callback."""

    def __init__(self, enabled: bool):
        self.bar: Progress | None = None
        if enabled:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                                TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True,
                                # on a terminal, the report (and any note) is printed above the progress line
                                redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)

    def __enter__(self) -> "FileProgress":
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def file(self, name: str) -> Update | None:
        """The callback that shows ``name``'s progress, or ``None`` when progress is off."""
        bar = self.bar
        if bar is None:
            return None
        task = bar.add_task(name, total=None, rate="")
        state: dict[str, Any] = {"start": time.monotonic(), "learners": 0, "shown": 0}

        def update(learners: int, read: int, size: int | None) -> None:
            if learners < state["learners"]:  # the file is read again (--fix checks its corrected copy)
                bar.reset(task)
                state.update(start=time.monotonic(), shown=0)
            state["learners"] = learners
            if learners - state["shown"] < EVERY and read != size:  # one by one, or a batch at a time (qar --jobs)
                return
            state["shown"] = learners
            elapsed = max(time.monotonic() - state["start"], 1e-6)
            bar.update(task, total=size, completed=read, rate=f"{learners:,} learners, {learners / elapsed:,.0f}/s")
        return update


def enabled(quiet: bool, no_progress: bool) -> bool:
    """Whether to show progress: stderr is a terminal and neither option turns it off."""
    return sys.stderr.isatty() and not quiet and not no_progress
