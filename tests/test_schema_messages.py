"""Schema findings people can read: plain words per field and year, official FD rules, no personal values, caps."""

from __future__ import annotations

import json
import time

import pytest

from builders import delivery, hrs, ilr, learner
from ilr_lint.output import RENDERERS
from ilr_lint.reader import IlrReader
from ilr_lint.schema import MAX_ELEMENTS_PER_RECORD, MAX_PER_FILE, MAX_PER_RECORD, IlrSchema
from ilr_lint.years import BY_CODE

LINE = 5  # builders.ilr(): the first learner's line


def one_aim(ref: str = "L1", year: str = "2627", **aim: object) -> str:
    return learner(ref, year=year, deliveries=[delivery(year=year, **aim)])


def schema(lint, xml: str) -> list[tuple[str, str, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return [(f.message, f.fix, f.rules) for f in lint(xml, select=("ILR001",)) if f.code == "ILR001"]


@pytest.mark.parametrize("xml, message, fix, rules", [
    (ilr(one_aim(AimType=12)), "AimType must be one digit, not '12'", "Correct AimType: it must be one digit.",
     ("FD_AimType_AL",)),
    (ilr(one_aim(LearnAimRef="TOOLONGREF")), "LearnAimRef is 10 characters long: it must be 1 to 8 characters",
     "Correct LearnAimRef: it must be 1 to 8 characters.", ("FD_LearnAimRef_AL",)),
    (ilr(one_aim(LearnStartDate="2026-02-30")),
     "LearnStartDate must be a date written YYYY-MM-DD (a real calendar date), not '2026-02-30'",
     "Correct LearnStartDate: it must be a date written YYYY-MM-DD (a real calendar date).", ()),
    (ilr(one_aim(AimSeqNumber=99)), "AimSeqNumber must be from 1 to 98, not '99'",
     "Correct AimSeqNumber: it must be from 1 to 98.", ("FD_AimSeqNumber_AR",)),
    (ilr(learner("L1", CampId="AB-1", deliveries=[delivery()])), "CampId must be 1 to 8 letters or digits, not 'AB-1'",
     "Correct CampId: it must be 1 to 8 letters or digits.", ("FD_CampId_AP",)),
    (ilr(one_aim(LearnPlanEndDate=None)),
     "LearningDelivery has no LearnPlanEndDate, which is required in the 2026-27 ILR",
     "Add LearnPlanEndDate to LearningDelivery after LearnStartDate.", ("FD_LearnPlanEndDate_MA",)),
    (ilr(one_aim()).replace("<Ethnicity>31</Ethnicity><Sex>F</Sex>", "<Sex>F</Sex><Ethnicity>31</Ethnicity>"),
     "Sex is out of order in Learner: it must come after Ethnicity",
     "Move Sex after Ethnicity: the order of the fields in Learner is fixed.", ()),
    (ilr(one_aim()).replace("<FundModel>25</FundModel>", "<FundModel>25</FundModel><PHours>400</PHours>"),
     "PHours is not in the 2026-27 ILR (only in 2023-24, 2024-25, 2025-26)",
     "Record planned hours in an HRSRecord on the aim (HRSType HRS; HRSCode 1 for planned off-the-job hours, "
     "2 for T Level planned hours).", ()),
    (ilr(one_aim(year="2526"), year="2526").replace("<CompStatus>", hrs(1, 10) + "<CompStatus>"),
     "HRSRecord is not in the 2025-26 ILR (only in 2026-27)",
     "Record hours in PHours, OTJActHours or AddHours on the aim: HRSRecord starts in 2026-27.", ()),
    (ilr(one_aim()).replace("<AimType>4</AimType>", "<AimType>4</AimType><AimTyp>4</AimTyp>"),
     "LearningDelivery has no field called AimTyp in the 2026-27 ILR",
     "Check the spelling of AimTyp against the ILR specification, or remove it.", ()),
    (ilr(one_aim()).replace("<Sex>F</Sex>", "<Sex>F</Sex><Sex>M</Sex>"),
     "Sex appears more than once in Learner; it may appear only once", "Remove the extra Sex.", ()),
    (ilr(one_aim()).replace("<DelLocPostCode>", "<LearnerFAM><LearnFAMType>EHC</LearnFAMType>"
                                                "<LearnFAMCode>1</LearnFAMCode></LearnerFAM><DelLocPostCode>"),
     "LearnerFAM does not belong in LearningDelivery: it is a field of Learner", "Move LearnerFAM into Learner.", ()),
])
def test_each_kind_of_schema_error_in_plain_words(lint, xml, message, fix, rules):
    assert schema(lint, xml) == [(message, fix, rules)]


def test_renamed_field_names_its_name_in_the_year(lint):
    he = ("<LearningDeliveryHE><NUMHUS>1</NUMHUS></LearningDeliveryHE>")
    xml = ilr(one_aim(year="2425"), year="2425").replace("</LearningDelivery>", he + "</LearningDelivery>")
    assert schema(lint, xml)[0][0] == "NUMHUS is not in the 2024-25 ILR (only in 2023-24)"
    he = ("<LearningDeliveryHE><SOC>1234</SOC><TYPEYR>1</TYPEYR><MODESTUD>1</MODESTUD><YEARSTU>1</YEARSTU>"
          "<MSTUFEE>1</MSTUFEE><SPECFEE>1</SPECFEE></LearningDeliveryHE>")
    xml = ilr(one_aim(year="2425"), year="2425").replace("</LearningDelivery>", he + "</LearningDelivery>")
    assert schema(lint, xml) == [("SOC is not in the 2024-25 ILR (only in 2025-26, 2026-27)",
                                  "Rename SOC to SOC2000, its name in this year's ILR.", ())]
    assert schema(lint, xml.replace("SOC>", "SOC2000>")) == []


def test_message_level_errors_in_plain_words(lint):
    assert schema(lint, ilr()) == [("the file has no Learner, which is required in the 2026-27 ILR",
                                    "Add Learner to the file after LearningProvider.", ())]


# ----- personal values never appear, whatever the format

HOSTILE = {  # values that fail the schema, each holding the text libxml2's old scrubber stopped at
    "FamilyName": "Qzwab' is 42 Xkvcd", "GivenNames": "Wvkef' is not 7 Jjxgh", "TelNo": "Ykqij' is 7741",
    "Email": "Pqzkl' is Vvqmn", "NINumber": "QQ12' is 3456C", "Postcode": "Kkqop' is QJ7W",
    "AddLine1": "Bbqrs' is <Lane> Zzqtu", "DateOfBirth": "1987' is -02-31", "ULN": "8765431' is 2468",
}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_hostile_personal_values_never_appear_in_any_format(cli, write_ilr, fmt):
    values = {k: v for k, v in HOSTILE.items() if k not in ("ULN", "DateOfBirth")}
    learners = [learner(f"L{i}", **{name: value}, deliveries=[delivery()]) for i, (name, value) in
                enumerate(values.items())]
    learners.append(learner("LD", DateOfBirth=HOSTILE["DateOfBirth"], ULN=HOSTILE["ULN"], deliveries=[delivery()]))
    result = cli("check", write_ilr(ilr(*learners)), "--format", fmt)
    assert result.returncode == 1, result.stderr
    output = result.stdout + result.stderr
    assert output.count("ILR001") >= len(learners)
    for value in HOSTILE.values():
        for piece in value.split("' is "):
            assert piece.strip() not in output, (fmt, piece)


# ----- caps: a hostile file cannot turn into millions of findings

def test_attributes_are_one_finding_per_element(cli, write_ilr):
    attributes = " ".join(f'a{i}="x"' for i in range(20000))
    xml = ilr(one_aim()).replace("<LearnRefNumber>", f"<LearnRefNumber {attributes}>")
    result = cli("check", write_ilr(xml), "--select", "ILR001", "--format", "json")
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert messages == ["LearnRefNumber has 20,000 attributes; no ILR element has attributes"]


def test_a_record_too_large_to_be_real_is_not_validated(cli, write_ilr):
    fams = "<LearnerFAM/>" * MAX_ELEMENTS_PER_RECORD
    xml = ilr(one_aim()).replace("<LearningDelivery>", fams + "<LearningDelivery>", 1)
    result = cli("check", write_ilr(xml), "--select", "ILR001", "--format", "json")
    size = MAX_ELEMENTS_PER_RECORD + one_aim().count("</")  # the learner's own elements, and the FAMs
    assert [f["message"] for f in json.loads(result.stdout)["findings"] if f["code"] == "ILR001"] == [
        f"this Learner holds {size:,} elements, far more than any real record: it was not validated"]


def test_errors_in_one_learner_are_capped(cli, write_ilr):
    aims = [delivery(AimSeqNumber=n, AimType=12) for n in range(1, 31)]
    result = cli("check", write_ilr(ilr(learner("L1", deliveries=aims))), "--select", "ILR001", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == MAX_PER_RECORD + 1
    assert findings[-1]["message"] == "and 20 more schema errors in this Learner, not listed"
    assert {f["learner"] for f in findings} == {"L1"}


def test_errors_in_one_file_are_capped(cli, write_ilr):
    learners = [one_aim(f"L{n}", AimType=12) for n in range(MAX_PER_FILE + 150)]
    result = cli("check", write_ilr(ilr(*learners)), "--select", "ILR001", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == MAX_PER_FILE + 1
    assert findings[-1]["message"] == "and 150 more schema errors in the file, not listed"


def test_many_stray_top_level_elements_are_quick_and_capped(cli, write_ilr):
    xml = ilr(one_aim(), after_learners="<Stray/>\n" * 60000)
    started = time.monotonic()
    result = cli("check", write_ilr(xml), "--select", "ILR001", "--format", "json")
    elapsed = time.monotonic() - started
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == MAX_PER_FILE + 1
    assert findings[0]["message"] == "the file has no field called Stray in the 2026-27 ILR"
    assert findings[-1]["message"] == "and 59,000 more schema errors in the file, not listed"
    assert elapsed < 30  # quadratic work took minutes here


# ----- FD_EPAOrgID_AP, the one field definition the XSD does not enforce

def test_epaorgid_pattern(cli, write_ilr):
    values = {"L1": "EPA0001", "L2": "epa0042", "L3": "EPA001", "L4": "EPX0001", "L5": "EPA00012"}
    xml = ilr(*(one_aim(ref, EPAOrgID=value) for ref, value in values.items()))
    result = cli("check", write_ilr(xml), "--select", "FD_EPAOrgID_AP,ILR001", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [{k: f[k] for k in ("code", "learner", "line", "rules", "message")} for f in findings] == [
        {"code": "FD_EPAOrgID_AP", "learner": ref, "line": LINE + n, "rules": ["FD_EPAOrgID_AP"],
         "message": f"aim 1 has EPAOrgID '{values[ref]}', which is not EPA and four digits"}
        for n, ref in ((2, "L3"), (3, "L4"), (4, "L5"))]


def test_schema_findings_carry_their_rules_in_json(cli, write_ilr):
    result = cli("check", write_ilr(ilr(one_aim(AimType=12))), "--select", "ILR001", "--format", "json")
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["rules"] == ["FD_AimType_AL"]


def test_fd_rules_follow_the_files_year(lint):
    hours = hrs(1, 10).replace("<HRSCode>1</HRSCode>", "<HRSCode>123</HRSCode>")
    xml = ilr(one_aim()).replace("</LearningDelivery>", hours + "</LearningDelivery>")
    assert schema(lint, xml) == [("HRSCode must be at most two digits, not '123'",
                                  "Correct HRSCode: it must be at most two digits.", ("FD_HRSCode_AL",))]
    contact = ("<ContactPreference><ContPrefType>RUIX</ContPrefType><ContPrefCode>1</ContPrefCode>"
               "</ContactPreference>")
    xml = ilr(one_aim(year="2425"), year="2425").replace("<LearningDelivery>", contact + "<LearningDelivery>")
    assert schema(lint, xml)[0][2] == ("FD_ContPrefType_AL",)  # deleted in 2025-26, live in 2024-25


def test_2024_25_he_names_are_read_into_the_model(write_ilr):
    he = ("<LearningDeliveryHE><SOC2000>1234</SOC2000><UCASAPPID>AB12</UCASAPPID><TYPEYR>1</TYPEYR>"
          "<MODESTUD>1</MODESTUD><YEARSTU>1</YEARSTU><MSTUFEE>1</MSTUFEE><SPECFEE>1</SPECFEE>"
          "<DOMICILE>XF</DOMICILE></LearningDeliveryHE>")
    xml = ilr(one_aim(year="2425"), year="2425").replace("</LearningDelivery>", he + "</LearningDelivery>")
    reader = IlrReader(str(write_ilr(xml)), IlrSchema.for_year(BY_CODE["2425"]))
    [record] = list(reader)
    assert record.schema_errors == () and reader.file_schema_errors == []
    he_record = record.item.deliveries[0].he
    assert (he_record.soc, he_record.ucasschemecode, he_record.permaddcountry) == (1234, "AB12", "XF")
