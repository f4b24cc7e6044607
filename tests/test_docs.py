"""The documentation keeps up with the code: every check is documented, counts are current."""

from __future__ import annotations

import re

from conftest import REPO

from ilr_lint.api import discover


def test_every_check_is_documented_under_docs():
    text = "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md"))
    assert [c.code for c in discover() if c.code not in text] == []


def test_readme_states_the_number_of_checks():
    count = re.search(r"\*\*(\d+) checks\*\*", (REPO / "README.md").read_text(encoding="utf-8"))
    assert count is not None and int(count.group(1)) == len(discover())


def test_every_check_explains_what_why_and_fix():
    for chk in discover():
        doc = chk.doc
        assert doc and chk.guidance, chk.code
        assert all(word in doc for word in ("What", "Why", "Fix")), f"{chk.code} docstring lacks What/Why/Fix"


def test_readme_shows_the_html_report():
    shot = REPO / "docs" / "html-report.png"
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size < 200_000  # a small one
    assert "](docs/html-report.png)" in (REPO / "README.md").read_text()


def test_the_guidance_table_is_in_the_docs():
    from ilr_lint.guidance import GUIDES
    text = (REPO / "docs" / "README.md").read_text()
    for guide in GUIDES.values():
        assert f"| {guide.title} | {guide.publisher} |" in text and (guide.url is None or guide.url in text)
