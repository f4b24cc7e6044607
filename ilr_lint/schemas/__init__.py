"""The XSD of each supported collection year, written for ilr-lint (see docs/schema.md)."""
