"""Baseline round trip: write, re-run clean, add a fault, only the new finding fails."""

from __future__ import annotations

import json

from builders import delivery, ilr, learner

WITHDRAWN = dict(CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)


def test_baseline_round_trip(cli, write_ilr, tmp_path):
    backlog = ilr(learner("OLD1", deliveries=[delivery(AimSeqNumber=1, **WITHDRAWN)]),
                  learner("OLD2", ULN=1000000050, deliveries=[delivery(AimSeqNumber=2, **WITHDRAWN)]))
    path = write_ilr(backlog)
    written = cli("check", "--select", "ILR101", "--write-baseline", "baseline.json", path, cwd=tmp_path)
    assert written.returncode == 0 and "wrote 2 findings" in written.stderr  # recorded: the gate passes
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert [e["key"] for e in data["entries"]] == ["10000001/OLD1/1/ILR101", "10000001/OLD2/2/ILR101"]
    assert "CompStatus" not in (tmp_path / "baseline.json").read_text()  # keys and counts only

    again = cli("check", "--select", "ILR101", "--baseline", "baseline.json", path, cwd=tmp_path)
    assert again.returncode == 0, again.stdout
    assert "suppressed 2 known findings" in again.stderr

    # OLD2 is fixed and a new learner brings a new fault: only the new one fails the run.
    new = ilr(learner("OLD1", deliveries=[delivery(AimSeqNumber=1, **WITHDRAWN)]),
              learner("OLD2", ULN=1000000050, deliveries=[delivery(AimSeqNumber=2, WithdrawReason=97, **WITHDRAWN)]),
              learner("NEW1", ULN=1000000069, deliveries=[delivery(AimSeqNumber=1, **WITHDRAWN)]))
    write_ilr(new)
    proc = cli("check", "--select", "ILR101", "--format", "json", "--baseline", "baseline.json", path, cwd=tmp_path)
    assert proc.returncode == 1
    assert [f["learner"] for f in json.loads(proc.stdout)["findings"]] == ["NEW1"]
    assert "1 baseline entry no longer occurs" in proc.stderr


def test_a_second_occurrence_of_a_baselined_key_is_new(cli, write_ilr, tmp_path):
    one = ilr(learner("L1", deliveries=[delivery(AimSeqNumber=1, **WITHDRAWN)]))
    path = write_ilr(one)
    cli("check", "--select", "ILR101", "--write-baseline", "b.json", path, cwd=tmp_path)
    data = json.loads((tmp_path / "b.json").read_text())
    data["entries"][0]["count"] = 0
    (tmp_path / "b.json").write_text(json.dumps(data))
    assert cli("check", "--select", "ILR101", "--baseline", "b.json", path, cwd=tmp_path).returncode == 1


def test_bad_baseline_file_is_one_line_exit_2(cli, write_ilr, tmp_path):
    path = write_ilr(ilr(learner("L1", deliveries=[delivery()])))
    (tmp_path / "b.json").write_text("not json")
    for name in ("b.json", "missing.json"):
        proc = cli("check", "--baseline", name, path, cwd=tmp_path)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
        assert "Traceback" not in proc.stderr
