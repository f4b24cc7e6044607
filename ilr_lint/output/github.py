"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line a finding."""

from __future__ import annotations

from ..api import Finding
from .stream import Writer

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubWriter(Writer):
    def finding(self, f: Finding) -> None:
        props = [f"file={_property(f.file)}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_property(f'{f.code} {f.name}')}")
        who = f"Learner {f.learner}" + (f" aim {f.aim}" if f.aim is not None else "") + ": " if f.learner else ""
        self.out.write(f"::{COMMAND[f.severity]} {','.join(props)}::{_data(f'{who}{f.message} Fix: {f.fix}')}\n")

