"""Schema validation (ILR001, ILR002): our XSD per year, per-record validation, ``--schema``."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from builders import (DELIVERY_ORDER, LEARNER_ORDER, ONLY_IN, delivery, employment, fam, fin, hrs, ilr,
                      learner, learner_fam, work_placement)
from conftest import SAMPLE_2526, SAMPLE_2627, codes, needs_shared
from ilr_lint.schema import XS, IlrSchema, SchemaLoadError
from ilr_lint.years import BY_CODE

YEARS = ("2324", "2425", "2526", "2627")
FIRST_LEARNER_LINE = 5  # builders.ilr(): declaration, Message, Header, LearningProvider, then one learner a line


def one_aim(ref: str, **values: object) -> str:
    """A learner with one default aim: the schema requires at least one LearningDelivery."""
    return learner(ref, deliveries=[delivery()], **values)


def xsd_path(year: str) -> Path:
    label = BY_CODE[year].label
    return Path(str(resources.files("ilr_lint.schemas").joinpath(f"ilr-{label}.xsd")))


def schema_findings(findings):  # type: ignore[no-untyped-def]
    return sorted(((f.learner, f.line, f.message) for f in findings if f.code == "ILR001"),
                  key=lambda t: (t[1] or 0, t[2]))


def funder_style(year: str) -> bytes:
    """Our XSD rewritten the way the funder publishes it: Message's children declared locally."""
    root = etree.parse(str(xsd_path(year))).getroot()
    sequence = root.find(f"{XS}element[@name='Message']/{XS}complexType/{XS}sequence")
    for ref in [p for p in sequence if isinstance(p.tag, str)]:
        declaration = root.find(f"{XS}element[@name='{ref.get('ref')}']")
        root.remove(declaration)
        for attr in ("minOccurs", "maxOccurs"):
            if ref.get(attr) is not None:
                declaration.set(attr, ref.get(attr))
        sequence.replace(ref, declaration)
    assert [el.get("name") for el in root.iterfind(f"{XS}element")] == ["Message"]
    return etree.tostring(root)


def valid_fixture(year: str) -> str:
    """A learner using most record types, valid for ``year``."""
    hours = {"hrs_records": [hrs(1, 400)]} if year == "2627" else {"PHours": 400}
    programme = delivery(year=year, AimType=1, LearnAimRef="ZPROG001", FundModel=36, ProgType=25, StdCode=123,
                         EPAOrgID="EPA0001", fams=[fam("ACT", 1, "2026-09-01"), fam("SOF", 105)],
                         fins=[fin("TNP", 1, "2026-09-01", 9000)], **hours)
    placement = delivery(year=year, AimSeqNumber=2, LearnAimRef="ZWRKX001",
                         work_placements=[work_placement("2026-10-01", hours=100, emp_id=123456789)])
    return ilr(learner("L1", year=year, DateOfBirth="2000-01-01", learner_fams=[learner_fam("EHC", 1)],
                       employment_statuses=[employment(10, "2026-08-01", emp_id=123456789, esm=(("EII", 6),))],
                       deliveries=[programme, placement]),
               learner("L2", year=year, deliveries=[delivery(year=year)]), year=year)


# ----- the funder's sample files

@needs_shared
def test_sample_2526_has_no_schema_findings(lint):
    assert lint(SAMPLE_2526.read_text(encoding="utf-8"), select=("ILR001", "ILR002")) == []
    # a second, independent validator agrees that the sample fits our 2025-26 XSD
    assert xmlschema.XMLSchema10(str(xsd_path("2526"))).is_valid(str(SAMPLE_2526))


@needs_shared
def test_sample_2627_fails_only_on_its_long_learnrefnumber(lint):
    text = SAMPLE_2627.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "<LearnRefNumber>GrowthskillsAppunits<" in row)
    findings = lint(text, select=("ILR001", "ILR002"))
    # The funder's own 2026-27 sample gives this learner a 20-character LearnRefNumber; the
    # schema allows 1-12 letters, digits and spaces, so the file would be rejected as it stands.
    assert schema_findings(findings) == [(
        "GrowthskillsAppunits", line, "LearnRefNumber must be 1 to 12 letters, digits or spaces, "
                                      "not 'GrowthskillsAppunits'")]
    assert codes(findings) == ["ILR001"]


# ----- every error reported, with its learner and line

def several_errors() -> str:
    return ilr(one_aim("L1", ULN=12),
               one_aim("L2"),
               learner("L3", deliveries=[delivery(AimSeqNumber=99),
                                         delivery(AimSeqNumber=2, LearnAimRef="TOOLONGREF")]),
               one_aim("L4", Postcode="AB1 2CD XYZ"))


SEVERAL_ERRORS = [
    ("L1", FIRST_LEARNER_LINE, "ULN must be from 1000000000 to 9999999999"),  # a ULN is never quoted
    ("L3", FIRST_LEARNER_LINE + 2, "AimSeqNumber must be from 1 to 98, not '99'"),
    ("L3", FIRST_LEARNER_LINE + 2, "LearnAimRef is 10 characters long: it must be 1 to 8 characters"),
    ("L4", FIRST_LEARNER_LINE + 3, "Postcode is 11 characters long: it must be 1 to 8 characters"),
]


def test_all_errors_in_several_learners_are_reported_with_learner_and_line(lint):
    findings = lint(several_errors(), select=("ILR001",))
    assert schema_findings(findings) == sorted(SEVERAL_ERRORS, key=lambda t: (t[1], t[2]))
    assert {f.topic for f in findings} == {"schema"}


def test_cli_reports_every_schema_error_as_json(cli, write_ilr):
    path = write_ilr(several_errors())
    result = cli("check", path, "--select", "ILR001", "--format", "json")
    assert result.returncode == 1, result.stderr
    found = sorted((f["learner"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"])
    assert found == sorted(SEVERAL_ERRORS)


def test_clean_fixture_is_silent(lint):
    assert lint(ilr(one_aim("L1"), one_aim("L2")), select=("ILR001", "ILR002")) == []


def test_elements_out_of_order(lint):
    xml = ilr(one_aim("L1"), one_aim("L2")).replace("<Ethnicity>31</Ethnicity><Sex>F</Sex>",
                                                    "<Sex>F</Sex><Ethnicity>31</Ethnicity>", 1)
    assert schema_findings(lint(xml, select=("ILR001",))) == [
        ("L1", FIRST_LEARNER_LINE, "Sex is out of order in Learner: it must come after Ethnicity")]


def test_missing_required_element(lint):
    xml = ilr(learner("L1", deliveries=[delivery(LearnPlanEndDate=None)]))
    assert schema_findings(lint(xml, select=("ILR001",))) == [
        ("L1", FIRST_LEARNER_LINE, "LearningDelivery has no LearnPlanEndDate, which is required in the 2026-27 ILR")]


def test_wrong_type_leaves_learner_unchecked_and_others_are_checked(lint):
    bad = learner("L1", deliveries=[delivery(LearnStartDate="2026-13-01")])
    withdrawn = learner("L2", deliveries=[delivery(CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)])
    findings = lint(ilr(bad, withdrawn), select=("ILR001", "ILR002", "ILR101"))
    assert [(f.code, f.learner, f.line) for f in sorted(findings, key=lambda f: (f.line, f.code))] == [
        ("ILR001", "L1", FIRST_LEARNER_LINE), ("ILR101", "L2", FIRST_LEARNER_LINE + 1)]
    assert findings[0].message == ("LearnStartDate must be a date written YYYY-MM-DD (a real calendar date), "
                                   "not '2026-13-01'")


def test_personal_values_are_not_quoted(lint):
    xml = ilr(one_aim("L1", FamilyName="Smith2", DateOfBirth="2001-02-30", NINumber="AB123456CD"))
    messages = [m for _l, _line, m in schema_findings(lint(xml, select=("ILR001",)))]
    assert messages == [
        "DateOfBirth must be a date written YYYY-MM-DD (a real calendar date)",
        "FamilyName must be 1 to 100 characters with no digits, tabs, line breaks, | or \"",
        "NINumber is 10 characters long: it must be 1 to 9 characters",
    ]


# ----- the children of <Message>

def test_header_errors_are_file_level_findings(lint):
    xml = ilr(one_aim("L1")).replace("<Collection>ILR</Collection>", "<Collection>ILX</Collection>")
    assert schema_findings(lint(xml, select=("ILR001",))) == [
        (None, 3, "Collection must be ILR in the 2026-27 ILR, not 'ILX'")]


def test_misplaced_and_unknown_top_level_elements(lint):
    provider = "<LearningProvider><UKPRN>10000001</UKPRN></LearningProvider>\n"
    xml = ilr(one_aim("L1"), one_aim("L2"), after_learners="<Extra/>\n").replace(provider, "")
    xml = xml.replace("</Message>", provider + "</Message>")
    assert schema_findings(lint(xml, select=("ILR001",))) == [
        (None, 4, "Learner is out of order in the file: it must come after LearningProvider"),
        (None, 6, "the file has no field called Extra in the 2026-27 ILR"),
        (None, 7, "LearningProvider is out of order in the file: it must come before Learner"),
    ]


def test_a_message_without_learners(lint):
    assert schema_findings(lint(ilr(), select=("ILR001",))) == [
        (None, None, "the file has no Learner, which is required in the 2026-27 ILR")]


def test_a_second_header(lint):
    xml = ilr(one_aim("L1"))
    header = xml.splitlines()[2] + "\n"
    xml = xml.replace(header, header + header, 1)
    assert schema_findings(lint(xml, select=("ILR001",))) == [
        (None, 4, "Header appears more than once in the file; it may appear only once")]


# ----- each year's schema

@pytest.mark.parametrize("year", YEARS)
def test_each_year_accepts_a_valid_fixture(lint, year):
    assert lint(valid_fixture(year), select=("ILR001", "ILR002")) == []


def test_2627_refuses_phours(lint):
    xml = valid_fixture("2627").replace("<FundModel>36</FundModel>", "<FundModel>36</FundModel><PHours>400</PHours>")
    [(ref, line, message)] = schema_findings(lint(xml, select=("ILR001",)))
    assert (ref, line) == ("L1", FIRST_LEARNER_LINE)
    assert message == "PHours is not in the 2026-27 ILR (only in 2023-24, 2024-25, 2025-26)"


def test_2526_refuses_hrsrecord(lint):
    xml = valid_fixture("2526").replace("<AppFinRecord>", hrs(1, 400) + "<AppFinRecord>", 1)
    [(ref, line, message)] = schema_findings(lint(xml, select=("ILR001",)))
    assert (ref, line) == ("L1", FIRST_LEARNER_LINE)
    assert message == "HRSRecord is not in the 2025-26 ILR (only in 2026-27)"


def test_year_header_must_match_the_schema_year(lint):
    xml = ilr(one_aim("L1")).replace("<Year>2627</Year>", "<Year>2526</Year>")
    assert schema_findings(lint(xml, select=("ILR001",))) == [
        (None, 3, "Year must be 2627 in the 2026-27 ILR, not '2526'")]


def with_2024_25_fields(year: str) -> str:
    """The valid fixture with a ContactPreference on L1 and FworkCode, PwayCode on L2's aim.

    Both were removed in 2025-26. They go in different learners because libxml2 does not look
    further into a record's content after an element it did not expect there.
    """
    lines = valid_fixture(year).splitlines(keepends=True)
    l1, l2 = FIRST_LEARNER_LINE - 1, FIRST_LEARNER_LINE
    lines[l1] = lines[l1].replace("<LearnerFAM>", "<ContactPreference><ContPrefType>RUI</ContPrefType>"
                                  "<ContPrefCode>1</ContPrefCode></ContactPreference><LearnerFAM>", 1)
    lines[l2] = lines[l2].replace("<DelLocPostCode>", "<FworkCode>420</FworkCode><PwayCode>1</PwayCode>"
                                  "<DelLocPostCode>", 1)
    return "".join(lines)


@pytest.mark.parametrize("year", ("2324", "2425"))
def test_contact_preference_and_framework_codes_until_2024_25(lint, year):
    assert lint(with_2024_25_fields(year), select=("ILR001",)) == []


@pytest.mark.parametrize("year", ("2526", "2627"))
def test_contact_preference_and_framework_codes_gone_from_2025_26(lint, year):
    found = schema_findings(lint(with_2024_25_fields(year), select=("ILR001",)))
    assert [(ref, message.partition(" is not in")[0]) for ref, _line, message in found] == [
        ("L1", "ContactPreference"), ("L2", "FworkCode")]


@pytest.mark.parametrize("year, limit", [("2425", 15), ("2526", 17)])
def test_learner_fam_limit(lint, year, limit):
    def fams(n: int) -> str:
        return ilr(learner("L1", year=year, learner_fams=[learner_fam("EDF", 1)] * n,
                           deliveries=[delivery(year=year)]), year=year)
    assert lint(fams(limit), select=("ILR001",)) == []
    [(_ref, _line, message)] = schema_findings(lint(fams(limit + 1), select=("ILR001",)))
    assert message == f"Learner has more than {limit} LearnerFAM records; the {BY_CODE[year].label} ILR allows at most {limit}"


@pytest.mark.parametrize("year", YEARS)
def test_xsd_is_valid_xsd_1_0_and_its_order_matches_the_builders(year):
    schema = xmlschema.XMLSchema10(str(xsd_path(year)))  # raises if not a valid XSD 1.0 schema
    assert schema.target_namespace == BY_CODE[year].namespace

    def children(element):  # type: ignore[no-untyped-def]
        return [e.local_name for e in element.type.content.iter_elements()]

    def same_order(xsd: list[str], ours: list[str]) -> bool:
        return [n for n in xsd if n in ours] == [n for n in ours if n in xsd]

    learner_children = children(schema.elements["Learner"])
    aim = next(e for e in schema.elements["Learner"].type.content.iter_elements() if e.local_name == "LearningDelivery")
    aim_children = children(aim)
    assert same_order(learner_children, LEARNER_ORDER + ["LearnerFAM", "LearnerEmploymentStatus", "LearningDelivery"])
    assert same_order(aim_children, DELIVERY_ORDER + ["LearningDeliveryFAM", "HRSRecord",
                                                      "LearningDeliveryWorkPlacement", "AppFinRecord"])
    assert children(schema.elements["Message"]) == ["Header", "SourceFiles", "LearningProvider", "Learner"] + (
        ["LearnerDestinationandProgression"] if year == "2324" else [])
    for name, years in ONLY_IN.items():  # the builders know which years have which fields
        assert (name in aim_children) == (year in years), name
    assert ("HRSRecord" in aim_children) == (year == "2627")


# ----- --schema PATH: the funder's published XSD, whose records are local declarations

def test_funder_style_schema_gives_the_same_findings(tmp_path, cli, write_ilr):
    xsd = tmp_path / "funder-2627.xsd"
    xsd.write_bytes(funder_style("2627"))
    path = write_ilr(several_errors())
    result = cli("check", path, "--select", "ILR001", "--format", "json", "--schema", xsd)
    assert result.returncode == 1, result.stderr
    found = sorted((f["learner"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"])
    assert found == sorted(SEVERAL_ERRORS)


def test_funder_style_schema_checks_the_message_order(tmp_path):
    xsd = tmp_path / "funder-2627.xsd"
    xsd.write_bytes(funder_style("2627"))
    schema = IlrSchema.from_file(xsd)
    ns = "{ILR/2026-27}"
    assert [(s.name, s.min) for s in schema.slots] == [("Header", 1), ("SourceFiles", 0), ("LearningProvider", 1),
                                                       ("Learner", 1)]
    assert schema.check_message([(ns + "Header", 3), (ns + "Learner", 4)]) == IlrSchema.for_year(
        BY_CODE["2627"]).check_message([(ns + "Header", 3), (ns + "Learner", 4)])


SMALL_FUNDER_STYLE = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="ILR/2026-27"
           elementFormDefault="qualified">
  <xs:complexType name="Anything" xmlns:ilr="ILR/2026-27">
    <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
  </xs:complexType>
  <xs:element name="Message" xmlns:ilr="ILR/2026-27"><xs:complexType><xs:sequence>
    <xs:element name="Header" type="ilr:Anything"/>
    <xs:element name="LearningProvider" type="ilr:Anything"/>
    <xs:element name="Learner" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="LearnRefNumber">
        <xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
      </xs:element>
      <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
"""


def test_small_funder_style_schema_without_a_prefix_for_its_namespace(tmp_path, cli, write_ilr):
    xsd = tmp_path / "small.xsd"
    xsd.write_bytes(SMALL_FUNDER_STYLE)
    result = cli("check", write_ilr(ilr(one_aim("L1"), one_aim("LONG1"))), "--select", "ILR001", "--format", "json",
                 "--schema", xsd)
    found = [(f["learner"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("LONG1", FIRST_LEARNER_LINE + 1,
                      "LearnRefNumber is five characters long: it must be at most three characters")]


def test_schema_of_another_year_is_one_finding(tmp_path, cli, write_ilr):
    xsd = tmp_path / "funder-2526.xsd"
    xsd.write_bytes(funder_style("2526"))
    result = cli("check", write_ilr(several_errors()), "--select", "ILR001", "--format", "json", "--schema", xsd)
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["line"] == 3
    assert finding["message"] == ("The file's namespace 'ILR/2026-27' is not the schema's target namespace "
                                  "'ESFA/ILR/2025-26': the file cannot be validated against this schema.")


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    (b"<xs:schema", "not well-formed XML"),
    (b"<Message xmlns='ILR/2026-27'/>", "not an XML schema"),
    (b"<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='X'/>",
     "declares no top-level <Message>"),
    (b"<!DOCTYPE x [<!ENTITY e 'x'>]><x/>", "has a DOCTYPE"),
])
def test_unusable_schema_file(tmp_path, cli, write_ilr, content, problem):
    xsd = tmp_path / "bad.xsd"
    if content is not None:
        xsd.write_bytes(content)
    with pytest.raises(SchemaLoadError, match=problem):
        IlrSchema.from_file(xsd)
    result = cli("check", write_ilr(ilr(one_aim("L1"))), "--schema", xsd)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and problem in result.stderr and "Traceback" not in result.stderr
