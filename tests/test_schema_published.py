"""Our XSDs against the funder's published ones (in ../shared/reference/), element by element and by mutants.

Three checks, each skipped when ../shared is absent:

- the structure: every element's order, occurrences, type and facets, read from both XSDs by
  :mod:`ilr_lint.schema_model`, are the same;
- a differential test: a few hundred seeded mutants of valid files (the funder's samples and
  generated files) are judged by our XSD, record by record through the reader as ilr-lint
  validates, and by the published XSD on the whole document; the verdicts agree;
- every message those mutants draw through the CLI is in plain words, with no libxml2 wording.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import random
from pathlib import Path

import pytest
from lxml import etree

from conftest import SAMPLE_2526, SAMPLE_2627, SHARED, needs_shared
from ilr_lint import synth
from ilr_lint.reader import IlrInputError, IlrReader
from ilr_lint.schema import IlrSchema
from ilr_lint.schema_model import read_model, walk
from ilr_lint.years import BY_CODE

REFERENCE = SHARED / "reference"
PUBLISHED = {
    "2425": REFERENCE / "ilr-2024-25" / "ILR-2024-25-schemafile-January.xsd",
    "2526": REFERENCE / "ilr-2025-26" / "schemafile25.xsd",
    "2627": REFERENCE / "ilr-2026-27" / "ILR-2026-27-schemafile-January.xsd",
}
MUTANTS_PER_BASE = 60
LIBXML2_WORDING = ("facet", "Element '{", "Element '", "is not expected", "xs:", "atomic type", "Expected is",
                   "Missing child", "not accepted by the pattern", "{ESFA", "{ILR")

pytestmark = needs_shared


@functools.cache
def _published_models() -> dict:
    return {year: _model(path) for year, path in PUBLISHED.items()}


def _ours(year: str) -> Path:
    from importlib import resources
    return Path(str(resources.files("ilr_lint.schemas").joinpath(f"ilr-{BY_CODE[year].label}.xsd")))


def _model(path: Path) -> dict:
    return {"/".join(p): e for p, e in walk(read_model(etree.parse(str(path)).getroot()))}


@pytest.mark.parametrize("year", PUBLISHED)
def test_our_xsd_declares_what_the_published_one_declares(year):
    ours, published = _model(_ours(year)), _model(PUBLISHED[year])
    assert sorted(ours) == sorted(published)
    for path, element in published.items():
        mine = ours[path]
        assert (mine.min, mine.max) == (element.min, element.max), path
        assert [c.name for c in mine.children] == [c.name for c in element.children], path
        assert mine.field == element.field, path  # built-in type, facets, patterns, enumeration


def test_2024_25_has_its_own_names_and_limits():
    model = _model(_ours("2425"))
    he = [c.name for c in model["Message/Learner/LearningDelivery/LearningDeliveryHE"].children]
    assert {"SOC2000", "UCASAPPID", "DOMICILE"} <= set(he) and not {"SOC", "UCASSCHEMECODE", "PERMADDCOUNTRY"} & set(he)
    assert model["Message/Learner"].min == 0
    assert model["Message/Learner/ContactPreference"].max == 5


# ----- the differential test

def _bases() -> list[tuple[str, bytes]]:
    """Valid files: the funder's samples (the 2026-27 one with its long LearnRefNumber shortened) and generated ones."""
    sample_2627 = SAMPLE_2627.read_bytes().replace(b"GrowthskillsAppunits", b"GrowthAppUn1")
    bases = [("2526", SAMPLE_2526.read_bytes()), ("2627", sample_2627)]
    for year in PUBLISHED:
        out = io.StringIO()
        cy = BY_CODE[year]
        synth.write_file(out, cy, synth.learners(cy, 12, seed=7), prep=synth.preparation_date(cy))
        bases.append((year, out.getvalue().encode()))
    return bases


def _just_outside(field) -> str | None:  # type: ignore[no-untyped-def]
    """A value one step outside the field's published limits (length, digits or range), if it has one."""
    facets = field.facets
    if "maxLength" in facets or "length" in facets:
        return "A" * (int(facets.get("maxLength") or facets["length"]) + 1)
    if "totalDigits" in facets:
        return "1" * (int(facets["totalDigits"]) + 1)
    if "maxInclusive" in facets:
        return str(int(float(facets["maxInclusive"])) + 1)
    return None


def _mutate(root, rng: random.Random, year: str) -> str:  # type: ignore[no-untyped-def]
    """One random fault in a copy's element tree; returns what was done (for the assertion message)."""
    ns = root.tag[:root.tag.index("}") + 1]
    elements = [el for el in root.iter() if isinstance(el.tag, str) and el is not root]
    el = rng.choice(elements)
    name = el.tag[len(ns):]
    parent = el.getparent()
    kind = rng.choice(("drop", "duplicate", "swap", "value", "value", "boundary", "boundary", "unknown", "other-year",
                       "text-in-group"))
    if kind == "boundary":
        path = "/".join(["Message", *(a.tag[len(ns):] for a in reversed(list(el.iterancestors()))
                                      if a is not root), name])
        field = _published_models()[year].get(path)
        outside = _just_outside(field.field) if field is not None and field.field is not None else None
        if outside is not None:
            el.text = outside
            return f"{name} = {outside!r}"
        kind = "drop"
    if kind == "drop":
        parent.remove(el)
    elif kind == "duplicate":
        el.addnext(copy.deepcopy(el))
    elif kind == "swap" and el.getnext() is not None:
        el.addprevious(el.getnext())
    elif kind == "value" and len(el) == 0:
        el.text = rng.choice(("", " ", "x" * 101, "-1", "0", "100000000000", "12.345", "abc", "2025-02-30",
                              "2025-13-01", "1", "99", "EPA0001", "é", "|", "AB123456C", "2025-08-01T09:00:00"))
        return f"{name} = {el.text!r}"
    elif kind == "unknown":
        el.addnext(etree.Element(ns + rng.choice(("Bogus", "PHours", "HRSRecord", "FworkCode", "SOC2000"))))
    elif kind == "other-year":
        el.addprevious(etree.Element(ns + rng.choice(("ContactPreference", "AgreemId", "TLOut", "EmpOutcome"))))
    elif kind == "text-in-group" and len(el):
        el.text = "x"
    else:
        parent.remove(el)
        kind = "drop"
    return f"{kind} {name}"


def _keep_one_learner(root, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Keep the header records and one learner chosen at random: small files, every kind of learner in turn."""
    learners = [el for el in root if isinstance(el.tag, str) and el.tag.endswith("}Learner")]
    keep = rng.choice(learners)
    for el in learners:
        if el is not keep:
            root.remove(el)


def _ours_says_valid(path: Path, year: str) -> tuple[bool, list[str]]:
    reader = IlrReader(str(path), IlrSchema.for_year(BY_CODE[year]))
    errors = [e.message for record in reader for e in record.schema_errors]
    errors += [e.message for e in reader.file_schema_errors]
    return not errors, errors


def mutants(tmp_path: Path) -> list[tuple[str, Path, str]]:
    """(year, file, what was done) for every seeded mutant, written under ``tmp_path``."""
    rng = random.Random(2526)
    found = []
    for n, (year, data) in enumerate(_bases()):
        base = etree.fromstring(data)
        for i in range(MUTANTS_PER_BASE):
            root = copy.deepcopy(base)
            _keep_one_learner(root, rng)
            done = _mutate(root, rng, year)
            path = tmp_path / f"ILR-10000001-{year}-20261101-090000-{n:02d}{i:03d}.xml"
            path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
            found.append((year, path, done))
    return found


@pytest.fixture(scope="module")
def mutant_files(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The mutants the reader accepts, in a folder of their own; those it refuses are moved beside it.

    A mutant without its Header first is refused as input (exit 2, one line), not validated.
    """
    folder = tmp_path_factory.mktemp("mutants")
    refused = tmp_path_factory.mktemp("refused")
    accepted, moved = [], []
    for year, path, done in mutants(folder):
        try:
            IlrReader(str(path)).__iter__().__next__()
            accepted.append((year, path, done))
        except IlrInputError:
            moved.append((year, path.rename(refused / path.name), done))
        except StopIteration:
            accepted.append((year, path, done))
    return accepted, moved


def test_bases_are_valid_for_both_schemas(tmp_path):
    for i, (year, data) in enumerate(_bases()):
        path = tmp_path / f"base-{i}.xml"
        path.write_bytes(data)
        assert etree.XMLSchema(etree.parse(str(PUBLISHED[year]))).validate(etree.parse(str(path)))
        assert _ours_says_valid(path, year) == (True, [])


def test_our_xsd_and_the_published_xsd_agree_on_every_mutant(mutant_files):
    accepted, refused = mutant_files
    published = {year: etree.XMLSchema(etree.parse(str(path))) for year, path in PUBLISHED.items()}
    assert [path.name for year, path, _done in refused if published[year].validate(etree.parse(str(path)))] == []
    disagreements, invalid = [], 0
    for year, path, done in accepted:
        theirs = published[year].validate(etree.parse(str(path)))
        ours, errors = _ours_says_valid(path, year)
        invalid += not theirs
        if ours != theirs:
            disagreements.append((path.name, done, theirs, errors, str(published[year].error_log)[:200]))
    assert disagreements == []
    assert invalid > len(accepted) // 2  # the mutants do break files, mostly
    assert len(refused) < len(accepted) // 10


def test_every_mutant_message_is_in_plain_words(mutant_files, cli):
    accepted, _refused = mutant_files
    result = cli("check", accepted[0][1].parent, "--select", "ILR001", "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert len({f["file"] for f in findings}) > len(accepted) // 2
    worded = [(f["message"], f["fix"]) for f in findings if any(w in f["message"] or w in f["fix"]
                                                               for w in LIBXML2_WORDING)]
    assert worded == []


def test_the_published_xsd_through_schema_gives_the_same_findings(mutant_files, cli):
    """``--schema`` with the funder's file words its findings as our own XSD does (same elements, same limits)."""
    accepted, _refused = mutant_files
    for year in ("2526", "2627"):
        files = [str(path) for y, path, _done in accepted if y == year][:12]
        ours = cli("check", *files, "--select", "ILR001", "--format", "json")
        theirs = cli("check", *files, "--select", "ILR001", "--format", "json", "--schema", PUBLISHED[year])
        assert ours.returncode == theirs.returncode == 1, (ours.stderr, theirs.stderr)
        assert json.loads(theirs.stdout)["findings"] == json.loads(ours.stdout)["findings"]
