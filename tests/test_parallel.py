"""One file's learners on several processes (``ilr_lint.parallel``): the output of one process, byte for byte.

``--parallel-min-bytes 1`` (hidden) splits even these small files, into batches of about
16 KB, so that every run below goes through several batches and worker processes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ilr_lint import parallel, synth
from ilr_lint.qar import reading
from ilr_lint.api import Check, discover
from ilr_lint.schema import MAX_PER_FILE, MAX_PER_RECORD
from ilr_lint.synth_r14 import write_series
from ilr_lint.years import BY_CODE

from builders import delivery, ilr, learner

FORMATS = ("text", "json", "sarif", "github", "csv")
SPLIT = ("--parallel-min-bytes", "1")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The generator's files: clean and faulty 2026-27 returns and the previous year's R14."""
    folder = tmp_path_factory.mktemp("synth")
    files = {"clean": folder / "clean.xml", "faulty": folder / "faulty.xml", "previous": folder / "r14.xml"}
    synth.write(str(files["clean"]), BY_CODE["2627"], 150, 3)
    synth.write(str(files["faulty"]), BY_CODE["2627"], 150, 3, faults=0.5)
    synth.write(str(files["previous"]), BY_CODE["2627"], 150, 3, previous=True)
    return files


def reports(cli, path: Path, out: Path, *args: object) -> tuple[int, str, dict[str, bytes]]:
    """Exit code, stderr and every format's report of one run (one lint, five reports)."""
    out.mkdir()
    extra = [arg for fmt in FORMATS[1:] for arg in ("--also-write", f"{fmt}:{out / fmt}")]
    result = cli("check", path, "--format", "text", "-o", out / "text", *extra, "--today", "2027-01-15", *args)
    return result.returncode, result.stderr, {fmt: (out / fmt).read_bytes() for fmt in FORMATS}


@pytest.mark.parametrize("name, previous", [("clean", True), ("faulty", False), ("faulty", True)])
def test_two_processes_give_the_output_of_one_in_every_format(cli, synthetic, tmp_path, name, previous):
    path = synthetic[name]
    layout, cut, workers = parallel.batches(str(path), 1, 2)
    assert workers == 2 and len(cut) > 4 and sum(batch.learners for batch in cut) == 150
    more = ("--previous", synthetic["previous"]) if previous else ()
    one = reports(cli, path, tmp_path / "one", "--jobs", "1", *more)
    two = reports(cli, path, tmp_path / "two", "--jobs", "2", *SPLIT, *more)
    assert two == one
    assert one[0] == (1 if name == "faulty" else 0)
    if name == "faulty":
        assert b"ILR001" in one[2]["json"] and b"ILR101" in one[2]["json"]


def test_fix_is_the_same_with_two_processes(cli, synthetic, tmp_path):
    fixed = {}
    for jobs in ("1", "2"):
        copy = tmp_path / jobs / "faulty.xml"
        copy.parent.mkdir()
        shutil.copy(synthetic["faulty"], copy)
        result = cli("check", copy, "--fix", "--unsafe-fixes", "--no-backup", "--format", "json", "--jobs", jobs,
                     *SPLIT, "--today", "2027-01-15", cwd=copy.parent)
        fixed[jobs] = (result.returncode, result.stdout, result.stderr, copy.read_bytes())
    assert fixed["2"] == fixed["1"]
    assert fixed["1"][3] != synthetic["faulty"].read_bytes()  # something was fixed


def test_cap_strays_destinations_and_unreadable_learners_across_batches(cli, write_ilr, tmp_path):
    """Schema findings spend the file's cap in file order, whichever process validated them."""
    bad = [learner(f"L{n}", deliveries=[delivery(AimType=12)]) for n in range(MAX_PER_FILE - 5)]
    many = learner("MANY", deliveries=[delivery(AimSeqNumber=n, AimType=12) for n in range(1, 3 * MAX_PER_RECORD)])
    unreadable = learner("BAD", deliveries=[delivery(LearnStartDate="2026-02-30")])
    destination = ("<LearnerDestinationandProgression><LearnRefNumber>L1</LearnRefNumber><ULN>9999999999</ULN>"
                   "</LearnerDestinationandProgression>")
    xml = ilr(*bad[:300], "<Stray/>", unreadable, *bad[300:], many, *bad[:40], destination, "<Stray>x</Stray>",
              destination, after_learners="<Stray/>\n<Another/>\n")
    path = write_ilr(xml)
    one = cli("check", path, "--format", "json", "--jobs", "1")
    two = cli("check", path, "--format", "json", "--jobs", "2", *SPLIT)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert "more schema errors in the file, not listed" in one.stdout and "2026-02-30" in one.stdout


def test_prefixed_namespace_and_windows_line_ends(cli, write_ilr):
    learners = [learner(f"L{n}", deliveries=[delivery(AimType=12 if n % 7 == 0 else 1)]) for n in range(400)]
    xml = ilr(*learners).replace('<Message xmlns="', '<ilr:Message\n    xmlns:ilr="').replace("</Message>", "</ilr:Message>")
    for name in ("Header", "Learner", "LearningProvider", "LearningDelivery"):
        xml = xml.replace(f"<{name}>", f"<ilr:{name}>").replace(f"</{name}>", f"</ilr:{name}>")
    path = write_ilr(xml.replace("\n", "\r\n"))
    assert parallel.batches(str(path), 1, 2) is not None
    one = cli("check", path, "--format", "json", "--jobs", "1")
    two = cli("check", path, "--format", "json", "--jobs", "2", *SPLIT)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert '"line": ' in one.stdout and one.returncode == 1


def test_unreadable_file_gives_the_error_of_one_process(cli, synthetic, tmp_path):
    data = synthetic["faulty"].read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[:len(data) // 2] + b"</Message>\n")  # well-formed head, broken middle
    one = cli("check", cut, "--jobs", "1")
    two = cli("check", cut, "--jobs", "2", *SPLIT)
    assert two.returncode == one.returncode == 2
    assert two.stderr == one.stderr and "not well-formed" in one.stderr
    assert two.stdout == one.stdout


@pytest.mark.parametrize("change", [
    lambda xml: xml.replace("<LearningProvider>", "<!-- a note --><LearningProvider>"),  # a comment
    lambda xml: xml.replace('encoding="utf-8"', 'encoding="windows-1252"'),
    lambda xml: xml.replace("</Message>", "</Message><!-- after -->"),
    lambda xml: xml.replace("</Message>", "<Header/></Message>"),  # a second Header
    lambda xml: xml.replace("<LearnRefNumber>L7<", "<?pi?><LearnRefNumber>L7<"),  # a processing instruction
    lambda xml: xml.replace("</Learner>\n", "</Learner><![CDATA[</Learner>]]>\n", 1),
])
def test_files_the_scan_cannot_cut_run_in_one_process(write_ilr, change):
    xml = ilr(*(learner(f"L{n}", deliveries=[delivery()]) for n in range(20)))
    assert parallel.batches(str(write_ilr(xml)), 1, 2) is not None
    assert parallel.batches(str(write_ilr(change(xml))), 1, 2) is None


def test_small_files_run_in_one_process(synthetic):
    assert parallel.batches(str(synthetic["clean"]), parallel.MIN_BYTES, 2) is None


def test_records_the_cut_splits_wrongly_are_read_again_in_one_process(cli, write_ilr):
    """Learners nested in another element are not the file's records: the batch that cut them fails,
    and the rest of the file is read in the parent, as one process reads it."""
    learners = [learner(f"L{n}", deliveries=[delivery(AimType=12 if n % 5 == 0 else 1)]) for n in range(600)]
    path = write_ilr(ilr(*learners[:100], "<Stray>", *learners[100:400], "</Stray>", *learners[400:]))
    one = cli("check", path, "--format", "json", "--jobs", "1")
    two = cli("check", path, "--format", "json", "--jobs", "2", *SPLIT)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert '"learner": "L500"' in one.stdout and "Stray" in one.stdout


def test_every_built_in_whole_file_check_keeps_its_state_for_a_split():
    """Otherwise every file would run in one process: a whole-file check without FileState blocks the split."""
    checks = discover()
    assert parallel.whole_file_blocks(checks) == []
    assert any(type(c).finish is not Check.finish for c in checks)  # and there are some


def test_values_unique_in_the_file_are_found_across_batches(cli, write_ilr):
    learners = [learner(f"L{n}", ULN=1000000000 + n, deliveries=[delivery()]) for n in range(600)]
    again = [learner("L3", ULN=1000000598, deliveries=[delivery()])]  # L3's reference, L598's ULN
    path = write_ilr(ilr(*learners, *again))
    args = ("check", path, "--format", "json", "--select", "R_06,R_59")
    one, two = cli(*args, "--jobs", "1"), cli(*args, "--jobs", "2", *SPLIT)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert '"code": "R_06"' in one.stdout and '"code": "R_59"' in one.stdout


QAR_FORMATS = ("text", "json", "csv", "html")


def qar_reports(cli, out: Path, *args: object) -> tuple[int, str, dict[str, bytes]]:
    """Exit code, stderr (of the last run) and every format's report of ``ilr-lint qar ARGS``."""
    out.mkdir()
    found = {}
    for fmt in QAR_FORMATS:
        result = cli("qar", *args, "--format", fmt, "-o", out / fmt, "--today", "2027-01-15")
        found[fmt] = (out / fmt).read_bytes()
    found["rates"] = (out / "csv-rates.csv").read_bytes()  # -o FILE of the csv format: the rates beside it
    return result.returncode, result.stderr, found


def test_qar_on_two_processes_gives_the_output_of_one_in_every_format(cli, synthetic, tmp_path):
    """Two large files, each read as batches of learners by the workers."""
    args = (synthetic["faulty"], "--previous", synthetic["previous"])
    one = qar_reports(cli, tmp_path / "one", *args, "--jobs", "1")
    two = qar_reports(cli, tmp_path / "two", *args, "--jobs", "2", *SPLIT)
    assert two == one
    assert one[0] == 0 and b"overdue_continuing_aim" in one[2]["json"]


def test_qar_of_one_large_file_split_over_processes(cli, synthetic):
    path = synthetic["clean"]
    assert len(parallel.batches(str(path), 1, 2)[1]) > 4
    one = cli("qar", path, "--format", "json", "--jobs", "1")
    two = cli("qar", path, "--format", "json", "--jobs", "2", *SPLIT)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 0 and '"learn_aim_ref"' in one.stdout


def test_qar_of_a_folder_of_returns_on_two_processes(cli, tmp_path):
    """Five small files, each read whole by a worker; notes come in the order of one process."""
    write_series(str(tmp_path / "five"), BY_CODE["2425"], 5, 40, seed=3)
    (tmp_path / "five" / "notes.xml").write_text("<x/>")  # not named like a return: noted
    one = cli("qar", tmp_path / "five", "--format", "json", "--jobs", "1")
    two = cli("qar", tmp_path / "five", "--format", "json", "--jobs", "2", *SPLIT)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 0 and "notes.xml" in one.stderr


def test_qar_files_that_cannot_be_read_fail_as_in_one_process(cli, synthetic, tmp_path):
    """A broken file: as the current file an error, as an earlier one noted and left out; Learners
    nested in another element (the cut takes them for records): the file read in the parent."""
    data = synthetic["previous"].read_bytes()
    broken = tmp_path / "broken.xml"
    broken.write_bytes(data[:len(data) // 2] + b"</Message>\n")
    text = synthetic["clean"].read_text()
    inside = text.index("<Learner>", len(text) // 3), text.index("<Learner>", 2 * len(text) // 3)
    nested = tmp_path / "nested.xml"
    nested.write_text(text[:inside[0]] + "<Stray>" + text[inside[0]:inside[1]] + "</Stray>" + text[inside[1]:])
    layout, cut, _workers = parallel.batches(str(nested), 1, 2)
    assert any(reading._part(reading._head(str(nested), layout), layout, batch) is None for batch in cut)
    runs = [(broken,), (synthetic["clean"], "--previous", broken), (tmp_path / "missing.xml",),
            (synthetic["clean"], "--previous", tmp_path / "missing.xml", "--previous", tmp_path),
            (nested, "--previous", synthetic["previous"])]
    for args in runs:
        one = cli("qar", *args, "--format", "json", "--jobs", "1")
        two = cli("qar", *args, "--format", "json", "--jobs", "2", *SPLIT)
        assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 0 and '"learn_aim_ref"' in one.stdout
    first_run = cli("qar", broken, "--jobs", "2", *SPLIT)
    assert first_run.returncode == 2 and "not well-formed" in first_run.stderr
    assert "broken.xml" in cli("qar", synthetic["clean"], "--previous", broken, "--jobs", "2", *SPLIT).stderr
