"""Every check that offers a fix: lint a fixture, fix it, lint it again, compare with the expected diff.

The fixtures are the faulty learners of the checks' own tests (and the sample files in
sample_ilr/); the expected diffs are tests/fixtures/fixes/<CODE>.diff. After a deliberate
change, regenerate them with ``ILR_LINT_UPDATE_FIXES=1 pytest tests/test_fixes_checks.py``
and review the diffs.
"""

from __future__ import annotations

import inspect
import io
import os
from collections import Counter
from typing import Callable

import pytest
import test_act
import test_change
import test_finance
import test_precision
import test_qar_checks
import test_restart
import test_tlevel
import test_withdrawal
from apprentice import START, act, apprentice, component, english_maths, ldm, programme_aim
from builders import delivery, fam, ilr, learner
from cases import case_file
from conftest import REPO
from qar_support import et, person, year_file

from ilr_lint.api import Check, FunctionCheck, discover
from ilr_lint.engine import Options, lint_file
from ilr_lint.fix import fix_file, schema_on
from ilr_lint.previous import PreviousIndex

EXPECTED = REPO / "tests" / "fixtures" / "fixes"
SAMPLES = REPO / "sample_ilr" / "faulty"
UPDATE = os.environ.get("ILR_LINT_UPDATE_FIXES") == "1"
NAME = "ILR-10000001-2627-20261101-090000-01.xml"


def sample(name: str) -> Callable[[], str]:
    return lambda: (SAMPLES / name).read_text(encoding="utf-8")


def fixture(build: Callable[[], str], options: dict | None = None, previous: Callable[[], tuple[str, ...]] = tuple,
            together: tuple[str, ...] = ()) -> tuple[Callable[[], str], dict, Callable[[], tuple], tuple[str, ...]]:
    """The faulty file, its options, the earlier submissions (``--previous``) it is compared with,
    and the checks whose fixes complete this one's (applied with it)."""
    return build, options or {}, previous, together


WITHDRAWAL_RESTART = sample("withdrawal-restart.xml")
PROGRAMME_ACT = sample("programme-act.xml")
TLEVEL = test_tlevel.tlevel

R14, THIS_YEAR, AIM = test_change.r14, test_change.this_year, test_change.aim
CLOSED = dict(CompStatus=2, Outcome=1, LearnPlanEndDate="2026-06-30")
REINSTATED = dict(AimSeqNumber=3, LearnAimRef="60311046")

# code: fixture(the faulty file, [tool.ilr-lint.options], earlier submissions, fixed together with)
CASES: dict[str, tuple[Callable[[], str], dict, Callable[[], tuple], tuple[str, ...]]] = {
    **{code: fixture(lambda code=code: case_file(test_withdrawal.CASES[code]))
       for code in ("ILR102", "ILR103", "ILR104", "ILR105", "ILR112", "ILR119")},
    **{code: fixture(WITHDRAWAL_RESTART)
       for code in ("ILR150", "ILR153", "ILR157", "ILR158", "ILR159", "ILR161")},
    # a restart needs RES and its OrigLearnStartDate: ILR154's fix adds both
    "ILR154": fixture(WITHDRAWAL_RESTART),
    # in the sample, learner R154 also lacks RES: setting its OrigLearnStartDate alone turns ILR154 into ILR150
    "ILR155": fixture(lambda: case_file(test_restart.CASES["ILR155"])),
    **{code: fixture(PROGRAMME_ACT) for code in ("ILR207", "ILR236", "ILR237", "ILR239")},
    "ILR117": fixture(test_precision.achieved_but_continuing),
    "ILR208": fixture(lambda: ilr(apprentice("A1", programme_aim(1, fams=[ldm(386)]), component(2),
                                             english_maths(3, fams=[ldm(386)])))),
    "ILR230": fixture(lambda: ilr(test_act.change_of_employer(english_acts=False)),
                      {"english-maths-aims": [test_act.ENGLISH]}),
    "ILR235": fixture(lambda: ilr(apprentice("A1", programme_aim(1, acts=[act(1, START), act(1, "2027-01-01")]),
                                             component(2)))),
    "ILR240": fixture(lambda: ilr(apprentice("A1", programme_aim(1, CompStatus=2, LearnActEndDate="2027-06-30",
                                                                 Outcome=1, AchDate="2027-07-20",
                                                                 acts=[act(1, START, "2027-07-31")]),
                                             component(2)))),
    "ILR261": fixture(lambda: ilr(test_finance.on_break_and_restart([]), prep="2027-04-01")),
    "ILR400": fixture(lambda: ilr(TLEVEL(prog={"LearnAimRef": "60358294"}))),
    "ILR203": fixture(lambda: ilr(TLEVEL(prog={"AimType": 3}))),
    "ILR402": fixture(lambda: ilr(TLEVEL(prog={"FundModel": 82}))),
    "ILR406": fixture(sample("tlevel.xml")),
    "ILR409": fixture(lambda: ilr(TLEVEL(spec={"AimType": 5}))),
    # ILR410, ILR413, ILR424: an aim of the programme recorded without its ProgType. (On a
    # standalone aim, setting ProgType alone leaves the aim without its programme: the fixer
    # catches the new findings and refuses; see test_fixes.py.)
    "ILR410": fixture(lambda: ilr(TLEVEL(spec={"ProgType": None}))),
    "ILR412": fixture(lambda: ilr(TLEVEL(place={"AimType": 5}))),
    "ILR413": fixture(lambda: ilr(TLEVEL(place={"ProgType": None}))),
    "ILR416": fixture(lambda: ilr(TLEVEL(place={"LearnAimRef": "ZWRKX001"}))),
    "ILR419": fixture(lambda: ilr(TLEVEL(year="2526", place={"PHours": 315}), year="2526", prep="2025-11-01")),
    "ILR420": fixture(lambda: ilr(TLEVEL(PlanLearnHours=540, PlanEEPHours=60))),
    "ILR423": fixture(lambda: ilr(test_tlevel.foundation(core={"AimType": 3}))),
    "ILR424": fixture(lambda: ilr(learner("L1", deliveries=["\n" + delivery(fams=[fam("SOF", 107)], **aim) for aim in (
        {"LearnAimRef": "ZPROG001", "AimType": 1, "AimSeqNumber": 1, "ProgType": 30},
        {"LearnAimRef": "ZTPR0004", "AimType": 5, "AimSeqNumber": 2},
        {"LearnAimRef": "60142923", "AimType": 3, "AimSeqNumber": 3, "ProgType": 30})]))),
    "ILR500": fixture(lambda: THIS_YEAR(learner("L1", deliveries=[AIM()])), previous=lambda: (
        R14(learner("L1", deliveries=[AIM(year="2526", LearnPlanEndDate="2027-01-31")])),)),
    "ILR501": fixture(lambda: THIS_YEAR(learner("L1", deliveries=[AIM(LearnStartDate="2025-10-01")])),
                      previous=lambda: (R14(learner("L1", deliveries=[AIM(year="2526")])),)),
    "ILR502": fixture(lambda: THIS_YEAR(learner("L1", deliveries=[AIM(LearnActEndDate="2026-07-15", **CLOSED)])),
                      previous=lambda: (R14(learner("L1", deliveries=[
                          AIM(year="2526", LearnActEndDate="2026-06-30", **CLOSED)])),)),
    "ILR506": fixture(lambda: THIS_YEAR(learner("L1", deliveries=[
        AIM(), AIM(LearnStartDate="2026-10-20", LearnPlanEndDate="2027-07-31", **REINSTATED)])),
        previous=lambda: (R14(learner("L1", deliveries=[AIM(year="2526"), AIM(year="2526", **REINSTATED)])),
                          THIS_YEAR(learner("L1", deliveries=[AIM()]), prep="2026-10-05"))),
    "ILR507": fixture(lambda: THIS_YEAR(learner("NEW1", deliveries=[AIM()])),
                      previous=lambda: (R14(learner("OLD1", deliveries=[AIM(year="2526")])),)),
    "ILR508": fixture(lambda: THIS_YEAR(learner("L1", PrevLearnRefNumber="L1", deliveries=[AIM()])),
                      previous=lambda: (R14(learner("L1", deliveries=[AIM(year="2526")])),)),
    "ILR509": fixture(lambda: THIS_YEAR(learner("L1", PrevLearnRefNumber="X9", deliveries=[AIM()])),
                      previous=lambda: (R14(learner("L1", deliveries=[AIM(year="2526")])),)),
    "ILR510": fixture(lambda: THIS_YEAR(learner("L1", PrevLearnRefNumber="X9", deliveries=[AIM()])),
                      previous=lambda: (R14(learner("L1", year="2526", PrevLearnRefNumber="X9",
                                                    deliveries=[AIM(year="2526")])),)),
    "ILR602": fixture(lambda: test_qar_checks._restart_2627(None), previous=lambda: (test_qar_checks._break_2526(),)),
    # ILR603 on a learner whose ULN is new: with L1's ULN, the right fix is PrevLearnRefNumber L1 (ILR507)
    "ILR603": fixture(lambda: year_file("2627", person("L9", "2627", et("2627"), PrevLearnRefNumber="NOPE",
                                                       uln=1000000077)),
                      previous=lambda: (test_qar_checks._continuing_2526(),)),
    "ILR604": fixture(lambda: year_file("2627", person("L9", "2627", et("2627", LearnStartDate="2025-09-01",
                                                                        LearnPlanEndDate="2027-06-30"))),
                      previous=lambda: (test_qar_checks._continuing_2526(),)),
}


def _offers_edits(chk: Check) -> bool:
    """Whether a check's code (or a helper of the checks' package that its module has and it calls) attaches
    edits."""
    if not isinstance(chk, FunctionCheck):
        return "edits" in inspect.getsource(type(chk))
    module = inspect.getmodule(chk._func)
    helpers = [name for name, obj in vars(module).items() if inspect.isfunction(obj)
               and obj.__module__.startswith("ilr_lint.checks.") and "edits=" in inspect.getsource(obj)]
    source = inspect.getsource(chk._func)
    return "edits" in source or any(f"{name}(" in source for name in helpers)


def test_every_check_that_offers_a_fix_has_a_case():
    fixable = {c.code for c in discover() if _offers_edits(c)}
    assert fixable == set(CASES)


def _keys(findings) -> Counter:  # type: ignore[no-untyped-def]
    return Counter((f.code, f.learner, f.aim, f.message) for f in findings)


@pytest.mark.parametrize("code", sorted(CASES))
def test_fix_removes_the_finding_and_creates_none(code, tmp_path, monkeypatch):
    build, options, previous, together = CASES[code]
    monkeypatch.chdir(tmp_path)
    path = tmp_path / NAME
    path.write_text(build(), encoding="utf-8")
    earlier = []
    for i, xml in enumerate(previous()):
        earlier.append(tmp_path / f"previous-{i}.xml")
        earlier[-1].write_text(xml, encoding="utf-8")
    index = PreviousIndex.build([str(p) for p in earlier]) if earlier else None
    everything = schema_on(Options(checks=discover(), options=options, previous=index))
    before = lint_file(str(path), everything)
    fixable = [f for f in before.findings if f.code == code and f.edits]
    assert fixable, f"the fixture draws no fixable {code}"

    diff = io.BytesIO()
    only = Options(checks=[c for c in discover() if c.code in (code, *together)], options=options, previous=index)
    outcome = fix_file(str(path), only, unsafe=True, diff_out=diff)
    assert outcome.written and outcome.bugs == [] and outcome.skipped == []

    after = lint_file(str(path), everything)
    assert not [f for f in after.findings if f.code in (code, *together) and f.edits]  # the fixed findings are gone
    assert _keys(after.findings) - _keys(before.findings) == Counter()  # and no check finds anything new
    expected = EXPECTED / f"{code}.diff"
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(diff.getvalue())
    assert diff.getvalue().decode("utf-8") == expected.read_text(encoding="utf-8")


def test_fixture_folder_holds_only_expected_diffs_of_known_cases():
    assert {p.stem for p in EXPECTED.glob("ILR*.diff")} == set(CASES)
