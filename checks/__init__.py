"""The built-in checks, one module per topic (installed as ``ilr_lint.checks``)."""
