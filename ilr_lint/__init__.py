"""ilr-lint: a streaming linter and corrector for the Individualised Learner Record.

``ilr_lint.lint(paths)`` and ``ilr_lint.qar_dataset(paths)`` are the library API
(:mod:`ilr_lint.library`).
"""

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """The library API, imported on first use (the command line does not need it)."""
    if name in ("lint", "qar_dataset"):
        from . import library
        return getattr(library, name)
    raise AttributeError(f"module 'ilr_lint' has no attribute {name!r}")
