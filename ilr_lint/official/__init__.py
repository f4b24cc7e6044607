"""The funder's official validation rules: which exist each year, and how ilr-lint enforces them.

ilr-lint's aim is that a clean report means the funder's validator will accept the file. Every
official rule of a year is listed in :mod:`.catalogue` (from the funder's published rules list,
``data/rules-YYYY-YY.csv``: name, status, severity, category and what deciding it ``needs``).

A rule that the file alone decides is enforced by exactly one check that claims it in
``rules=``. Checks written for an official rule use its name as their code (``ULN_03``,
``R_97``); they are ordinary :class:`ilr_lint.api.Check` objects, registered through the
``ilr_lint.checks`` entry points like any plug-in, grouped by the record they concern
(``checks/official_*.py``).

Most rules share a few shapes, so they are written as rows of a table, one row per rule,
from the classes in :mod:`.rows`:

``Required`` / ``Forbidden``
    a field must (not) be returned when a condition holds;
``OneOf`` / ``NotOneOf``
    a code must (not) be one of a set when a condition holds;
``DateOrder``
    one date must not be before another (both known);
``Broken``
    any other condition on one record: the rule is broken where the predicate holds.

A row names the ``kind`` of record it iterates (:data:`.records.KINDS`: ``learner``, ``aim``,
``aim_fam``, ``esr``, ``esm``, ...) and a ``when`` predicate built from
:mod:`.predicates` (``fund_model(36) & prog_type(25) & ~has_fam("RES")``). Severity and the
years a rule applies to come from the catalogue: a rule runs only on files of a year whose
list has it live (Active, Changed or New). A rule whose condition changed between years picks
the year in its predicate (``year_is("2627")``).

Rules that are not one-record shapes (sequences, duplicates, cross-record) are small
functions beside the rows, made checks with ``@judged("R_97", ...)`` (:class:`.rows.Judged`:
the function yields the record and what is wrong with it); rules on the file as a whole (its
name, header, learner count) with ``@file_rule("Header_2", ...)`` (:class:`.rows.FileRule`,
judged once the file is read, from what the reader learnt of it in ``ctx.facts``).
"""
