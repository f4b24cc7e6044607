"""Topic ``schema``: the ILR XML schema for the file's collection year.

These two rules are applied by the reader rather than per learner: every Learner subtree is
validated against the schema as it is parsed (see ``ilr_lint.schema``).
"""

from __future__ import annotations

from ilr_lint.api import Check
from ilr_lint.years import CollectionYear


class SchemaViolation(Check):
    """The file does not match the ILR XML schema for its collection year.

    **What.** Element order, required and repeated elements, data types, lengths and
    patterns, exactly as the published XSD for the year fixes them (our own copy of each
    year's rules, or the funder's file with ``--schema``).

    **Why.** The funder's data collection service rejects a file that fails the schema
    before any validation rule runs: nothing in it is funded until it loads.

    **Fix.** Correct the element named in the message: put elements in the specification's
    order, supply required ones, and keep values within their type and length.
    """

    code = "ILR001"
    name = "schema-violation"
    topic = "schema"
    severity = "error"
    supersedes = ("ILR002",)  # the schema error names the element and value that stopped the checks
    guidance = "ILR specification for the year: XML schema (XSD) and field definitions"

    def fix_text(self, year: CollectionYear) -> str:
        return (f"Correct the element so that it matches the ILR schema for {year.label}: element order, "
                "required fields, data types and lengths.")


class LearnerNotChecked(Check):
    """A record's values could not be read, so no other check ran on it.

    **What.** A Learner (or destination record) has a required field missing, or a date or
    number that is not one; ilr-lint cannot build it and skips its checks.

    **Why.** Such a record also fails the schema and would be rejected; its other faults
    stay hidden until it can be read.

    **Fix.** Correct the schema errors reported for the same learner and lint again. When
    schema validation runs (ILR001 selected) the schema error, which names the element, the
    value and its line, is reported instead of this finding: one fault, one finding.
    """

    code = "ILR002"
    name = "learner-not-checked"
    topic = "schema"
    severity = "error"
    guidance = "ILR specification for the year: XML schema (XSD)"

    def fix_text(self, year: CollectionYear) -> str:
        return f"Correct this learner's schema errors for {year.label}, then lint the file again."


SCHEMA_VIOLATION = SchemaViolation()
LEARNER_NOT_CHECKED = LearnerNotChecked()
