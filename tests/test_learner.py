"""Topic ``learner``: an ACT 1 apprentice has a real ULN and a National Insurance number."""

from __future__ import annotations

from apprentice import START, act, apprentice, component, programme_aim
from builders import fam, ilr, line_of
from conftest import codes

RESTART = "\n" + fam("RES", 1)


def act2_programme() -> list[str]:
    """A restarted programme under ACT 2 (contract with the funder), allowed for a 2020 original start."""
    return [programme_aim(1, OrigLearnStartDate="2020-09-01", acts=[act(2, START)], fams=[RESTART]),
            component(2, OrigLearnStartDate="2020-09-01", fams=[RESTART])]


def test_act1_apprentice_with_temporary_uln(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2), ULN=9999999999))
    findings = lint(xml, select=("ILR050", "ILR051"))
    assert [(f.code, f.learner, f.aim, f.line) for f in findings] == [("ILR050", "A1", None, line_of(xml, "<Learner>"))]
    assert "aim 1 records ACT 1" in findings[0].message


def test_act1_apprentice_with_real_uln_and_act2_apprentice_with_temporary_uln_are_clean(lint):
    real = apprentice("A1", programme_aim(1), component(2))
    funder_contract = apprentice("A2", *act2_programme(), ULN=9999999999)
    assert lint(ilr(real, funder_contract), select=("ILR050",)) == []


def test_act1_apprentice_without_ni_number(lint):
    xml = ilr(apprentice("A1", programme_aim(1), component(2)),
              apprentice("A2", programme_aim(1), component(2), NINumber=None))
    findings = lint(xml, select=("ILR050", "ILR051"))
    assert [(f.code, f.learner, f.aim, f.line) for f in findings] == [("ILR051", "A2", None, line_of(xml, "<Learner><LearnRefNumber>A2"))]
    assert "AB123456C" not in findings[0].message + findings[0].fix


def test_act2_apprentice_without_ni_number_is_clean(lint):
    assert lint(ilr(apprentice("A2", *act2_programme(), NINumber=None)), select=("ILR051",)) == []


def test_act1_on_an_english_aim_alone_counts(lint):
    """ACT 1 on any aim (here only the English aim, the programme aim lacks its ACT) needs the NI number."""
    xml = ilr(apprentice("A1", programme_aim(1, acts=[]), component(2, acts=[act(1, START)]), NINumber=None))
    assert codes(lint(xml, select=("ILR051",))) == ["ILR051"]
