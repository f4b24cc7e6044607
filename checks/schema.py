"""Topic ``schema``: the ILR XML schema for the file's collection year, and its field definitions.

ILR001 and ILR002 are applied by the reader rather than per learner: every Learner subtree is
validated against the schema as it is parsed (see ``ilr_lint.schema``). FD_EPAOrgID_AP is the
one field-definition rule the published schema does not enforce; it runs on each learner.
"""

from __future__ import annotations

import re
from typing import Iterator

from ilr_lint.api import Check, Context, Problem, check
from ilr_lint.model import Learner
from ilr_lint.official.catalogue import live_years
from ilr_lint.years import CollectionYear

# The funder's own file validation accepts "EPA" in any case followed by four digits.
EPA_ORG_ID = re.compile(r"[Ee][Pp][Aa][0-9]{4}")


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


@check(code="FD_EPAOrgID_AP", name="epaorgid-pattern", topic="schema", severity="error",
       rules=("FD_EPAOrgID_AP",), years=live_years("FD_EPAOrgID_AP"),
       guidance="ILR specification for the year: field definitions (EPAOrgID)")
def epa_org_id_pattern(learner: Learner, ctx: Context) -> Iterator[Problem]:
    """The end-point assessment organisation (EPAOrgID) is EPA and four digits.

    **What.** EPAOrgID, where it is recorded, is the organisation's identifier from the register
    of end-point assessment organisations: the letters EPA and four digits (EPA0001). This is the
    funder's field-definition rule FD_EPAOrgID_AP, which its XSD does not enforce (the XSD only
    limits the length), so a file can pass the schema and still be rejected for it. It applies to
    the years whose rules list ilr-lint holds (2025-26 and 2026-27).

    **Why.** The funder checks EPAOrgID against the register; an identifier in any other form is
    an error and the programme aim's assessment price cannot be matched to an organisation.

    **Fix.** Record the organisation's identifier exactly as the register gives it (EPA and four
    digits). Whether a price record goes with it is checked separately (ILR263, ILR264).
    """
    for aim in learner.deliveries:
        if aim.epa_org_id is not None and not EPA_ORG_ID.fullmatch(aim.epa_org_id):
            yield Problem(f"aim {aim.aim_seq_number} has EPAOrgID '{aim.epa_org_id}', which is not EPA and four digits",
                          "Record the end-point assessment organisation's identifier from the register: EPA and "
                          "four digits, for example EPA0001.", aim, line=aim.line_of("epa_org_id"))
