"""The HTML reports of ``check`` and ``qar``, loaded in headless Chromium through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import chromium, needs_browser
from builders import complete_learner, delivery, ilr, learner
from qar_support import run_qar
from test_qar_multiyear import FILES as QAR_FILES

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_ilr"


def visible(driver, selector: str) -> int:
    return sum(1 for el in driver.find_elements("css selector", selector) if el.is_displayed())


def choose(driver, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element("id", select_id)).select_by_value(value)


def assert_clean_load(driver) -> None:
    """No console errors, and nothing fetched: the page is self-contained."""
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0


@pytest.fixture(scope="module")
def check_reports(tmp_path_factory):
    """The bundled samples as HTML and as JSON, from one run each of the CLI."""
    import subprocess
    import sys
    out = tmp_path_factory.mktemp("html")
    exe = Path(sys.executable).parent / "ilr-lint"
    for fmt in ("html", "json"):
        done = subprocess.run([str(exe), "check", str(SAMPLES), "--format", fmt, "-o", str(out / f"r.{fmt}")],
                              capture_output=True, text=True, cwd=REPO, timeout=300)
        assert done.returncode == 1, done.stderr
    return out / "r.html", json.loads((out / "r.json").read_text())


@needs_browser
def test_check_report_in_the_browser(check_reports, tmp_path):
    html, report = check_reports
    findings = report["findings"]
    with chromium() as driver:
        driver.get(html.as_uri())
        assert_clean_load(driver)
        assert driver.find_element("id", "total").text == str(len(findings))
        for severity, count in report["summary"].items():
            assert driver.find_element("id", f"total-{severity}").text == str(count)
        assert visible(driver, ".finding") == len(findings) == int(driver.find_element("id", "shown").text)
        assert driver.find_elements("css selector", "svg rect"), "the chart by topic is drawn"

        choose(driver, "filter-severity", "warning")
        warnings = report["summary"]["warning"]
        assert visible(driver, ".finding") == warnings == int(driver.find_element("id", "shown").text)
        choose(driver, "filter-severity", "")
        choose(driver, "filter-topic", "restart")
        assert visible(driver, ".finding") == sum(f["topic"] == "restart" for f in findings)
        choose(driver, "filter-code", "ILR161")
        assert visible(driver, ".finding") == sum(f["code"] == "ILR161" for f in findings) > 0
        shown = [el for el in driver.find_elements("css selector", ".learner") if el.is_displayed()]
        assert {el.get_attribute("data-learner") for el in shown} == {
            f["learner"] for f in findings if f["code"] == "ILR161"}
        driver.save_screenshot(str(tmp_path / "check-report.png"))  # a test artefact, never in the repo
        assert_clean_load(driver)


def test_check_report_content(check_reports):
    html, report = check_reports
    text = html.read_text(encoding="utf-8")
    assert "<script src" not in text and "<link" not in text and "@import" not in text
    fixable = next(f for f in report["findings"] if f["code"] == "ILR161")
    assert f"{fixable['file']}:{fixable['line']}" in text
    assert "[*] fixable with --fix" in text and "fixable with --unsafe-fixes" in text
    assert "Official rules: " in text  # the official rule names beside each finding that has them


def test_html_escapes_what_comes_from_the_file(cli, tmp_path):
    path = tmp_path / "ILR-10000001-2627-20261101-090000-01.xml"
    path.write_text(ilr(learner("X<b>1", deliveries=[
        delivery(AimSeqNumber=1, CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)])), encoding="utf-8")
    done = cli("check", "--select", "withdrawal", "--format", "html", path)
    assert done.returncode == 1
    assert "Learner X&lt;b&gt;1" in done.stdout and "<b>" not in done.stdout


def test_clean_file_report_says_no_findings(cli, tmp_path):
    path = tmp_path / "clean.xml"
    path.write_text(ilr(complete_learner("L1", deliveries=[delivery(AimType=5)])), encoding="utf-8")
    done = cli("check", "--format", "html", path)
    assert done.returncode == 0 and "No findings." in done.stdout and "<script>" not in done.stdout


@pytest.fixture(scope="module")
def qar_report(tmp_path_factory):
    import subprocess
    import sys
    folder = tmp_path_factory.mktemp("qar")
    exe = str(Path(sys.executable).parent / "ilr-lint")

    def cli(*args, cwd=None):
        return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)
    report = run_qar(cli, folder, QAR_FILES)
    args = ["qar", "2627.xml", "--previous", "2425.xml", "--previous", "2526.xml", "--previous",
            "new-college-2627.xml"]
    done = cli(*args, "--format", "html", "-o", "qar.html", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "qar.html", report


@needs_browser
def test_qar_report_in_the_browser(qar_report, tmp_path):
    html, report = qar_report
    with chromium() as driver:
        driver.get(html.as_uri())
        assert_clean_load(driver)
        rows = driver.find_elements("css selector", "#rates tbody tr")
        assert len(rows) == len(report["rates"])
        first = report["rates"][0]
        cells = [c.text for c in rows[0].find_elements("css selector", "td")]
        assert cells[2:5] == [str(first["leavers"]), str(first["achievers"]), str(first["completers"])]
        assert driver.find_elements("css selector", "svg rect"), "the rates chart is drawn"
        assert visible(driver, ".finding") == len(report["at_risk"]) > 0
        kind = report["at_risk"][0]["kind"]
        choose(driver, "filter-kind", kind)
        assert visible(driver, ".finding") == sum(r["kind"] == kind for r in report["at_risk"])
        driver.save_screenshot(str(tmp_path / "qar-report.png"))
