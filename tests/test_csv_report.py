"""``--format csv`` for ``check`` and ``qar``: spreadsheet-ready, through the real CLI."""

from __future__ import annotations

import csv
import io
import json

from builders import delivery, ilr, learner
from qar_support import run_qar
from test_qar_multiyear import FILES as QAR_FILES

from ilr_lint.output.csv_format import FIELDS, cell

WITHDRAWN = delivery(AimSeqNumber=2, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)


def test_check_csv_has_one_row_per_json_finding(cli, tmp_path):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_text(ilr(learner("L2", deliveries=[delivery(AimSeqNumber=1), WITHDRAWN])), encoding="utf-8")
    cli("check", path, "--format", "json", "-o", tmp_path / "r.json")
    assert cli("check", path, "--format", "csv", "-o", tmp_path / "r.csv").returncode == 1
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    findings = json.loads((tmp_path / "r.json").read_text())["findings"]
    assert len(rows) == len(findings) > 0 and tuple(rows[0]) == FIELDS
    by_code = {r["code"]: r for r in rows}
    assert by_code["ILR101"]["learner"] == "L2" and by_code["ILR101"]["aim"] == "2"
    assert by_code["ILR101"]["rules"] == "WithdrawReason_03"  # the official rule, beside the finding
    assert "uln" not in rows[0]  # no personal data, in this format as in every other


def test_cells_a_spreadsheet_would_run_are_neutralised():
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell("+1") == "'+1" and cell("@x") == "'@x"
    assert cell("-1 day") == "'-1 day" and cell(-1) == -1 and cell(None) == "" and cell(("a", "b")) == "a;b"
    assert cell("aim 2 2026-10-01") == "aim 2 2026-10-01"


def test_qar_csv_writes_the_aims_and_the_rates(cli, tmp_path):
    report = run_qar(cli, tmp_path, QAR_FILES)
    done = cli("qar", "2627.xml", "--previous", "2425.xml", "--previous", "2526.xml", "--previous", "new-college-2627.xml", "--format", "csv",
               "-o", "qar.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    aims = list(csv.DictReader(io.StringIO((tmp_path / "qar.csv").read_text(encoding="utf-8-sig"))))
    rates = list(csv.DictReader(io.StringIO((tmp_path / "qar-rates.csv").read_text(encoding="utf-8-sig"))))
    assert (tmp_path / "qar-rates.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "uln" not in aims[0] and aims[0]["start_date"][4] == "-"  # ISO dates
    first = report["rates"][0]
    assert rates[0]["provision"] == first["provision"] and rates[0]["leavers"] == str(first["leavers"])
    assert rates[0]["achievement_rate"] == ("" if first["achievement_rate"] is None else str(first["achievement_rate"]))
