"""The library API (``ilr_lint.lint``, ``ilr_lint.qar_dataset``) and the Dask example of docs/scale.md."""

from __future__ import annotations

import json
import sys

import pytest

from builders import delivery, ilr, learner
from conftest import REPO

import ilr_lint
from ilr_lint.reader import IlrInputError

SAMPLES = REPO / "sample_ilr"
FAULTY = SAMPLES / "faulty" / "withdrawal-restart.xml"
CLEAN = SAMPLES / "ILR-10000001-2627-20261101-090000-01.xml"


def _keys(findings):
    return [(f["code"], f["learner"], f["aim"], f["line"]) if isinstance(f, dict) else (f.code, f.learner, f.aim, f.line)
            for f in findings]


def test_lint_gives_what_the_command_line_reports(cli):
    report = json.loads(cli("check", "--format", "json", FAULTY, CLEAN).stdout)
    results = ilr_lint.lint([FAULTY, CLEAN])
    assert [r.learners for r in results] == [f["learners"] for f in report["files"]]
    assert _keys(f for r in results for f in r.findings) == _keys(report["findings"])


def test_lint_selects_and_raises_on_bad_input(tmp_path):
    [result] = ilr_lint.lint([FAULTY], select=["ILR101"])
    assert result.findings and {f.code for f in result.findings} == {"ILR101"}
    empty = tmp_path / "empty.xml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(IlrInputError):
        ilr_lint.lint([empty])


def test_qar_dataset_matches_the_qar_command(cli, write_ilr):
    path = write_ilr(ilr(learner("L1", deliveries=[delivery(CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1)])))
    report = json.loads(cli("qar", "--format", "json", path).stdout)
    data = ilr_lint.qar_dataset([path])
    assert len(data.aims) == len(report["aims"]) == 1
    assert [(r.provision, r.leavers, r.achievers) for r in data.rates] == [
        (r["provision"], r["leavers"], r["achievers"]) for r in report["rates"]]


def test_dask_example_lints_on_a_local_cluster():
    distributed = pytest.importorskip("dask.distributed")
    sys.path.insert(0, str(REPO / "examples"))
    try:
        import dask_lint
    finally:
        sys.path.pop(0)
    paths = [str(FAULTY), str(CLEAN)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        rows = dask_lint.lint_all(paths, client)
    direct = [dask_lint.summarise(p) for p in paths]
    assert rows == direct and rows[0]["by_severity"] and rows[1]["by_code"] == {}


def test_scale_doc_shows_the_example_as_it_is():
    doc = (REPO / "docs" / "scale.md").read_text(encoding="utf-8")
    assert (REPO / "examples" / "dask_lint.py").read_text(encoding="utf-8") in doc
