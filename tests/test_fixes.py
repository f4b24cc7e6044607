"""``--fix``, ``--unsafe-fixes`` and ``--diff``: what is kept, atomic writes, refusals, the diff."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from builders import complete_adult, delivery, fam, ilr, learner
from conftest import REPO
from lxml import etree

from ilr_lint.api import Context, Problem, check
from ilr_lint.edits import AddAppFinRecord, AddFAM, RemoveField, SetFAMDateTo, SetField
from ilr_lint.engine import Options, lint_file
from ilr_lint.fix import BACKUP_SUFFIX, FixRefused, fix_file
from ilr_lint.fix import rewriter
from ilr_lint.privacy import mask
from ilr_lint.fix.apply import apply_edits

NAME = "ILR-10000001-2627-20261101-090000-01.xml"
EXPECTED = REPO / "tests" / "fixtures" / "fixes"
UPDATE = os.environ.get("ILR_LINT_UPDATE_FIXES") == "1"
SOF = fam("SOF", 105)


COMPLETED = {"CompStatus": 2, "LearnActEndDate": "2026-10-01", "Outcome": 1}


def adult(**values: object) -> str:
    return delivery(FundModel=38, **values)


# L2's aim 1 is withdrawn without an Outcome (ILR103) and keeps its OutGrade (ILR105); its
# aim 2 is completed with a WithdrawReason (ILR102). L4 is completed with a WithdrawReason. (On a
# continuing aim, removing the reason is unsafe: the learner may have withdrawn.)
CLEAN_1 = complete_adult("L1", deliveries=[adult()])
FAULTY_2 = complete_adult("L2", deliveries=[adult(CompStatus=3, LearnActEndDate="2026-10-01", WithdrawReason=97,
                                                  OutGrade="FL"), adult(AimSeqNumber=2, WithdrawReason=97, **COMPLETED)])
CLEAN_3 = complete_adult("L3", deliveries=[adult(**COMPLETED)])
FAULTY_4 = complete_adult("L4", deliveries=[adult(WithdrawReason=97, **COMPLETED)])


def _tabbed(fragment: str, prefix: str) -> str:
    """``fragment`` one element per line, tab-indented one level below <Message>, with ``prefix``."""
    el = etree.fromstring(fragment)
    etree.indent(el, space="\t", level=1)
    text = etree.tostring(el, encoding="unicode")
    return re.sub(r"<(/?)(\w)", rf"<\1{prefix}\2", text)


def mixed_file() -> bytes:
    """CRLF, tabs, comments (one holding a <Learner>), an ``ilr:`` prefix, and a compact learner."""
    lines = ilr(CLEAN_1).splitlines()
    header, provider = (re.sub(r"<(/?)(\w)", r"<\1ilr:\2", line) for line in lines[2:4])
    compact = re.sub(r"<(/?)(\w)", r"<\1ilr:\2", FAULTY_4)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- prepared by hand: <ilr:Learner> in a comment is not a learner -->",
        '<ilr:Message xmlns:ilr="ILR/2026-27">',
        "\t" + header, "\t" + provider,
        "\t" + _tabbed(CLEAN_1, "ilr:"),
        "\t<!-- L2 needs fixing -->",
        "\t" + _tabbed(FAULTY_2, "ilr:"),
        "\t" + _tabbed(CLEAN_3, "ilr:") + "<?app note?>",
        "\t" + compact,
        "</ilr:Message>", "",
    ]
    return "\r\n".join(parts).replace("\n\t", "\r\n\t").replace("\r\r\n", "\r\n").encode("utf-8")


def learner_span(data: bytes, ref: str) -> tuple[int, int]:
    at = data.index(f"<ilr:LearnRefNumber>{ref}<".encode())
    start = data.rindex(b"<ilr:Learner>", 0, at)
    return start, data.index(b"</ilr:Learner>", at) + len(b"</ilr:Learner>")


def _keys(findings) -> list[tuple]:  # type: ignore[no-untyped-def]
    return sorted((f.code, f.learner, f.aim) for f in findings)


def _all_checks_options() -> Options:
    from ilr_lint.api import discover
    from ilr_lint.fix import schema_on
    return schema_on(Options(checks=discover()))


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / NAME
    path.write_bytes(mixed_file())
    return path


# --- what is kept ---------------------------------------------------------------------------
def test_mixed_file_is_what_it_claims(mixed):
    data = mixed.read_bytes()
    assert b"\t\t<ilr:LearnRefNumber>L1" in data and b"\r\n" in data and not re.search(rb"[^\r]\n", data)
    findings = lint_file(str(mixed), _all_checks_options()).findings
    assert _keys(findings) == [("ILR102", "L2", 2), ("ILR102", "L4", 1), ("ILR103", "L2", 1), ("ILR105", "L2", 1),
                               ("OutGrade_04", "L2", 1)]  # the grade without an outcome, seen by the official rule


def test_fix_keeps_every_untouched_byte_and_fixes_the_faulty_learners(mixed):
    original = mixed.read_bytes()
    outcome = fix_file(str(mixed), _all_checks_options())
    fixed = mixed.read_bytes()
    assert outcome.written and outcome.bugs == [] and _keys(outcome.fixed) == [
        ("ILR102", "L2", 2), ("ILR102", "L4", 1), ("ILR103", "L2", 1), ("ILR105", "L2", 1), ("OutGrade_04", "L2", 1)]
    assert outcome.result.findings == []
    (s2, e2), (s4, e4) = learner_span(original, "L2"), learner_span(original, "L4")
    (t2, f2), (t4, f4) = learner_span(fixed, "L2"), learner_span(fixed, "L4")
    assert fixed[:t2] == original[:s2]  # declaration, comments, namespace, header, L1
    assert fixed[f2:t4] == original[e2:s4]  # L3, its processing instruction, the indentation
    assert fixed[f4:] == original[e4:]
    assert not re.search(rb"[^\r]\n", fixed)  # still CRLF throughout
    assert (mixed.parent / (NAME + BACKUP_SUFFIX)).read_bytes() == original
    expected = EXPECTED / "mixed-fixed.xml"
    if UPDATE:
        expected.write_bytes(fixed)
    assert fixed == expected.read_bytes()


def test_fixed_learners_keep_their_layout(mixed):
    fix_file(str(mixed), _all_checks_options())
    fixed = mixed.read_bytes()
    start, end = learner_span(fixed, "L2")
    l2 = fixed[start:end].decode()
    assert ("\r\n\t\t\t<ilr:CompStatus>3</ilr:CompStatus>\r\n\t\t\t<ilr:LearnActEndDate>2026-10-01</ilr:LearnActEndDate>"
            "\r\n\t\t\t<ilr:WithdrawReason>97</ilr:WithdrawReason>\r\n\t\t\t<ilr:Outcome>3</ilr:Outcome>"
            "\r\n\t\t\t<ilr:LearningDeliveryFAM>") in l2
    assert "OutGrade" not in l2 and l2.count("WithdrawReason>") == 2
    start, end = learner_span(fixed, "L4")
    assert b"\r\n" not in fixed[start:end] and b"WithdrawReason" not in fixed[start:end]


def test_permissions_are_kept_and_no_backup_is_made_when_asked(mixed):
    mixed.chmod(0o640)
    fix_file(str(mixed), _all_checks_options(), backup=False)
    assert stat.S_IMODE(mixed.stat().st_mode) == 0o640
    assert sorted(p.name for p in mixed.parent.iterdir()) == [NAME]


# --- atomic ----------------------------------------------------------------------------------
@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, OSError])
def test_interrupted_fix_leaves_the_original_and_no_temporary_file(mixed, monkeypatch, interrupt):
    original = mixed.read_bytes()
    calls = []

    def fail_on_second_learner(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise interrupt("interrupted while writing")
        return real(*args, **kwargs)

    real = rewriter.fix_learner
    monkeypatch.setattr(rewriter, "fix_learner", fail_on_second_learner)
    with pytest.raises(interrupt):
        fix_file(str(mixed), _all_checks_options())
    assert len(calls) == 2  # the first faulty learner had been written to the copy
    assert mixed.read_bytes() == original
    assert sorted(p.name for p in mixed.parent.iterdir()) == [NAME]


def test_interruption_after_writing_before_the_rename_leaves_the_original(mixed, monkeypatch):
    original = mixed.read_bytes()
    import ilr_lint.fix as fix_package

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(fix_package, "_relint", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fix_file(str(mixed), _all_checks_options())
    assert mixed.read_bytes() == original and sorted(p.name for p in mixed.parent.iterdir()) == [NAME]


# --- refusals ---------------------------------------------------------------------------------
def test_zip_is_refused_with_one_line(cli, mixed):
    archive = mixed.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(mixed, NAME)
    before = archive.read_bytes()
    done = cli("check", "--fix", archive.name, cwd=mixed.parent)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"ilr-lint: {archive.name}: not fixed: it is a zip; unzip it, fix "
                                                "the XML file inside and zip it again"]
    assert archive.read_bytes() == before


def test_file_with_schema_errors_outside_its_learners_is_refused(cli, tmp_path):
    bad = ilr(FAULTY_4).replace("<LearningProvider><UKPRN>10000001</UKPRN>", "<LearningProvider><UKPRN>1</UKPRN>")
    path = tmp_path / NAME
    path.write_text(bad, encoding="utf-8")
    done = cli("check", "--fix", "--select", "ILR102", NAME, cwd=tmp_path)
    assert done.returncode == 2
    assert "not fixed: 1 schema error (ILR001) outside any named learner must be corrected first" in done.stderr
    assert path.read_text(encoding="utf-8") == bad
    with pytest.raises(FixRefused):
        fix_file(str(path), Options(checks=[]))


# --- a fix that creates a finding is caught --------------------------------------------------
@check(code="ILR991", name="test-outcome-missing", topic="withdrawal", severity="error", guidance="test only")
def _outcome_missing(learner, ctx: Context):  # type: ignore[no-untyped-def]
    """Test check: a continuing aim without Outcome gets Outcome 1 (a wrong fix)."""
    for aim in learner.deliveries:
        if aim.outcome is None and aim.comp_status == 1:
            yield Problem(f"aim {aim.aim_seq_number} has no Outcome", "Set Outcome 1.", aim,
                          edits=(SetField(aim.aim_seq_number, "Outcome", "1"),))


@check(code="ILR992", name="test-continuing-achieved", topic="withdrawal", severity="error", guidance="test only")
def _continuing_achieved(learner, ctx: Context):  # type: ignore[no-untyped-def]
    """Test check: a continuing aim has no Outcome 1."""
    for aim in learner.deliveries:
        if aim.outcome == 1 and aim.comp_status == 1:
            yield Problem(f"aim {aim.aim_seq_number} is continuing but achieved", "Remove Outcome.", aim)


def test_fix_that_creates_a_finding_is_reported_and_nothing_is_written(mixed):
    original = mixed.read_bytes()
    outcome = fix_file(str(mixed), Options(checks=[_outcome_missing, _continuing_achieved]))
    assert not outcome.written and mixed.read_bytes() == original
    assert {(f.code, f.learner) for f in outcome.bugs} == {("ILR992", "L1")}
    assert sorted(p.name for p in mixed.parent.iterdir()) == [NAME]


def test_buggy_plug_in_fix_fails_the_command_with_exit_2(cli, mixed, tmp_path):
    site = tmp_path / "site"
    (site / "buggy_checks-0.1.dist-info").mkdir(parents=True)
    (site / "buggy_checks-0.1.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: buggy-checks\n"
                                                                  "Version: 0.1\n")
    (site / "buggy_checks-0.1.dist-info" / "entry_points.txt").write_text("[ilr_lint.checks]\nbuggy = buggy_checks\n")
    source = Path(__file__).read_text(encoding="utf-8")
    start = source.index('@check(code="ILR991"')
    (site / "buggy_checks.py").write_text(
        "from ilr_lint.api import Context, Problem, check\nfrom ilr_lint.edits import SetField\n\n"
        + source[start:source.index("def test_fix_that_creates")], encoding="utf-8")
    original = mixed.read_bytes()
    done = cli("check", "--fix", "--select", "ILR991", "--select", "ILR992", NAME, cwd=mixed.parent,
               env={"PYTHONPATH": str(site)})
    assert done.returncode == 2, done.stderr
    assert "bug: the fixes would leave ILR992 at" in done.stderr and "not changed" in done.stderr
    assert mixed.read_bytes() == original


# --- the command line -------------------------------------------------------------------------
def test_fix_reports_what_was_fixed_and_exits_on_what_remains(cli, mixed):
    done = cli("check", "--fix", NAME, cwd=mixed.parent)
    assert done.returncode == 0, done.stderr
    assert "Fixed 5 findings." in done.stdout and "No findings." in done.stdout
    assert f"fixed  {NAME}:" in done.stdout and "ILR103 aim 1 is withdrawn (CompStatus 3) but has no Outcome" in done.stdout
    again = cli("check", "--fix", "--format", "json", NAME, cwd=mixed.parent)
    assert again.returncode == 0 and json.loads(again.stdout)["fixed"] == []


def test_unsafe_fixes_only_with_the_flag(cli, tmp_path):
    # ILR104: a withdrawn aim with Outcome 1; the fix (Outcome 3) is unsafe
    path = tmp_path / NAME
    path.write_text(ilr(learner("L1", deliveries=[adult(CompStatus=3, LearnActEndDate="2026-10-01",
                                                          WithdrawReason=97, Outcome=1)])), encoding="utf-8")
    safe = cli("check", "--fix", "--format", "json", "--select", "withdrawal", NAME, cwd=tmp_path)
    report = json.loads(safe.stdout)
    assert safe.returncode == 1 and report["fixed"] == [] and [f["code"] for f in report["findings"]] == ["ILR104"]
    unsafe = cli("check", "--fix", "--unsafe-fixes", "--format", "json", "--select", "withdrawal", NAME, cwd=tmp_path)
    assert unsafe.returncode == 0 and [f["code"] for f in json.loads(unsafe.stdout)["fixed"]] == ["ILR104"]
    assert "<Outcome>3</Outcome>" in path.read_text(encoding="utf-8")


def test_unsafe_fixes_alone_is_a_usage_error(cli, mixed):
    done = cli("check", "--unsafe-fixes", NAME, cwd=mixed.parent)
    assert done.returncode == 2 and "go with --fix or --diff" in done.stderr


# --- --diff -------------------------------------------------------------------------------------
needs_patch = pytest.mark.skipif(shutil.which("patch") is None, reason="the patch program is not installed")


@needs_patch
@pytest.mark.parametrize("source, unsafe", [("mixed", False), ("withdrawal-restart.xml", True),
                                            ("programme-act.xml", True)])
def test_diff_changes_nothing_and_patch_applies_it_to_give_the_fix(cli, tmp_path, source, unsafe):
    data = mixed_file() if source == "mixed" else (REPO / "sample_ilr" / "faulty" / source).read_bytes()
    for folder in ("diffed", "fixed"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / NAME).write_bytes(data)
    flags = ["--unsafe-fixes"] if unsafe else []
    diff = cli("check", "--diff", *flags, "--output", "../fixes.diff", NAME, cwd=tmp_path / "diffed")
    patch = (tmp_path / "fixes.diff").read_bytes()
    assert patch.startswith(f"--- {NAME}\n+++ {NAME}\n@@ ".encode())
    assert (tmp_path / "diffed" / NAME).read_bytes() == data
    assert sorted(p.name for p in (tmp_path / "diffed").iterdir()) == [NAME]
    assert "would fix" in diff.stderr
    fixed = cli("check", "--fix", *flags, NAME, cwd=tmp_path / "fixed")
    assert fixed.returncode in (0, 1), fixed.stderr
    # The diff shows no personal value, so patch reproduces the fix on the file with its values masked.
    (tmp_path / "diffed" / NAME).write_bytes(masked(data))
    applied = subprocess.run(["patch", "-p0", "--binary", "--no-backup-if-mismatch", "-i", "../fixes.diff"],
                             cwd=tmp_path / "diffed", capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (tmp_path / "diffed" / NAME).read_bytes() == masked((tmp_path / "fixed" / NAME).read_bytes()) != masked(data)


def masked(data: bytes) -> bytes:
    return "".join(map(mask, data.decode("utf-8").splitlines(keepends=True))).encode("utf-8")


def test_diff_marks_a_last_line_without_newline(tmp_path):
    import io
    path = tmp_path / NAME
    path.write_text(ilr(FAULTY_4).replace("\n", ""), encoding="utf-8")
    sink = io.BytesIO()
    fix_file(str(path), Options(checks=[c for c in _all_checks_options().checks if c.code == "ILR102"]),
             write=False, diff_out=sink)
    lines = sink.getvalue().decode().splitlines()
    assert lines[2] == "@@ -1 +1 @@" and lines[4] == lines[6] == "\\ No newline at end of file"


# --- edits on their own ------------------------------------------------------------------------
LD = ("<Learner>\n  <LearnRefNumber>L1</LearnRefNumber>\n  <LearningDelivery>\n    <LearnAimRef>ZPROG001</LearnAimRef>\n"
      "    <AimSeqNumber>1</AimSeqNumber>\n    <CompStatus>3</CompStatus>\n"
      "    <LearningDeliveryFAM><LearnDelFAMType>ACT</LearnDelFAMType><LearnDelFAMCode>1</LearnDelFAMCode>"
      "<LearnDelFAMDateFrom>2026-09-01</LearnDelFAMDateFrom></LearningDeliveryFAM>\n  </LearningDelivery>\n</Learner>")


def test_set_field_goes_in_schema_order():
    out = apply_edits(LD, [SetField(1, "LearnActEndDate", "2026-10-01"), SetField(1, "FundModel", "36")], "2627")
    assert ("<AimSeqNumber>1</AimSeqNumber>\n    <FundModel>36</FundModel>\n    <CompStatus>3</CompStatus>\n"
            "    <LearnActEndDate>2026-10-01</LearnActEndDate>\n    <LearningDeliveryFAM>") in out


def test_fam_edits_follow_the_existing_fam_layout():
    out = apply_edits(LD, [SetFAMDateTo(1, "ACT", date(2026, 9, 1), date(2026, 10, 1)),
                           AddFAM(1, "RES", "1")], "2627")
    assert ("<LearnDelFAMDateFrom>2026-09-01</LearnDelFAMDateFrom><LearnDelFAMDateTo>2026-10-01</LearnDelFAMDateTo>"
            "</LearningDeliveryFAM>\n    <LearningDeliveryFAM><LearnDelFAMType>RES</LearnDelFAMType>"
            "<LearnDelFAMCode>1</LearnDelFAMCode></LearningDeliveryFAM>\n  </LearningDelivery>") in out


def test_new_record_without_a_model_is_indented_one_step_deeper():
    out = apply_edits(LD, [AddAppFinRecord(1, "TNP", 1, date(2026, 9, 1), 9000)], "2627")
    assert ("</LearningDeliveryFAM>\n    <AppFinRecord>\n      <AFinType>TNP</AFinType>\n      <AFinCode>1</AFinCode>\n"
            "      <AFinDate>2026-09-01</AFinDate>\n      <AFinAmount>9000</AFinAmount>\n    </AppFinRecord>\n"
            "  </LearningDelivery>") in out


def test_remove_takes_the_indentation_with_it():
    assert apply_edits(LD, [RemoveField(1, "CompStatus")], "2627") == LD.replace("    <CompStatus>3</CompStatus>\n", "")


def test_field_the_year_does_not_have_is_refused():
    from ilr_lint.fix.apply import EditError
    with pytest.raises(EditError, match="PHours is not a field"):
        apply_edits(LD, [SetField(1, "PHours", "10")], "2627")
    assert "<PHours>10</PHours>" in apply_edits(LD, [SetField(1, "PHours", "10")], "2526")
    with pytest.raises(EditError, match="FworkCode is not a field"):
        apply_edits(LD, [SetField(1, "FworkCode", "420")], "2526")


def test_pre_commit_fix_hook_fixes_in_place_without_a_backup(cli, mixed):
    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks["ilr-lint-fix"]
    assert re.search(hook["files"], NAME) and hook["entry"].startswith("ilr-lint check --fix")
    done = cli(*hook["entry"].split()[1:], NAME, cwd=mixed.parent)
    assert done.returncode == 0, done.stderr
    assert mixed.read_bytes() == (EXPECTED / "mixed-fixed.xml").read_bytes()
    assert sorted(p.name for p in mixed.parent.iterdir()) == [NAME]


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("iso-8859-1", b"")])
def test_encoding_and_byte_order_mark_are_kept(tmp_path, encoding, bom):
    text = (ilr(CLEAN_1, FAULTY_4).replace('encoding="utf-8"', f'encoding="{encoding}"')
            .replace("<Learner>", "<!-- fees in \u00a3 --><Learner>", 1))
    path = tmp_path / NAME
    path.write_bytes(bom + text.encode(encoding))
    outcome = fix_file(str(path), _all_checks_options(), backup=False)
    assert _keys(outcome.fixed) == [("ILR102", "L4", 1)] and outcome.result.findings == []
    expected = text.replace("<WithdrawReason>97</WithdrawReason>", "")
    assert path.read_bytes() == bom + expected.encode(encoding)
