"""ilr-lint: a streaming linter and corrector for the Individualised Learner Record."""

__version__ = "0.1.0"
