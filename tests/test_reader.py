"""The streaming reader: header, years, zips, line numbers, comments, destinations, memory."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from builders import NAMESPACES, delivery, fam, ilr, learner

from ilr_lint import reader as reader_module
from ilr_lint.model import Learner, LearnerDestinationandProgression
from ilr_lint.reader import IlrInputError, IlrReader, Unreadable, sniff
from ilr_lint.years import READABLE, YEARS

DESTINATION = ("<LearnerDestinationandProgression><LearnRefNumber>L1</LearnRefNumber><ULN>1000000042</ULN>"
               "<DPOutcome><OutType>EMP</OutType><OutCode>1</OutCode><OutStartDate>2026-10-19</OutStartDate>"
               "<OutCollDate>2026-10-30</OutCollDate></DPOutcome></LearnerDestinationandProgression>\n")


def read(path):
    rdr = IlrReader(str(path))
    return rdr, list(rdr)


def test_header_fields(write_ilr):
    rdr, records = read(write_ilr(ilr(learner("L1"), prep="2026-11-01", ukprn=10012345)))
    header = rdr.header
    assert header.ukprn == 10012345
    assert header.year_code == "2627"
    assert header.file_preparation_date == date(2026, 11, 1)
    assert header.namespace == "ILR/2026-27"
    assert header.collection == "ILR" and header.serial_no == "01" and header.date_time == "2026-11-01T09:00:00"
    assert header.line == 3
    assert [r.item.learn_ref_number for r in records] == ["L1"]


@pytest.mark.parametrize("year", YEARS, ids=lambda y: y.code)
def test_year_detected_from_namespace(write_ilr, year):
    path = write_ilr(ilr(learner("L1", year=year.code, deliveries=[delivery(year=year.code)]), year=year.code))
    assert NAMESPACES[year.code] == year.namespace
    assert sniff(str(path)) == year
    rdr, records = read(path)
    assert rdr.year == year and isinstance(records[0].item, Learner)


def test_unknown_namespace_lists_supported_ones(write_ilr):
    path = write_ilr(ilr(learner("L1")).replace('xmlns="ILR/2026-27"', 'xmlns="ESFA/ILR/2019-20"'))
    with pytest.raises(IlrInputError) as err:
        sniff(str(path))
    message = str(err.value)
    assert "ESFA/ILR/2019-20" in message
    for year in READABLE:  # the QAR reads 2020-21 to 2022-23 as well
        assert year.namespace in message


def test_zip_with_one_xml_is_read(write_ilr, tmp_path):
    xml_path = write_ilr(ilr(learner("L1"), learner("L2")))
    archive = tmp_path / "return.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(xml_path, "ILR-10000001-2627-20261101-090000-01.xml")
        z.writestr("__MACOSX/._ILR.xml", b"\x00\x05")  # resource forks are ignored
    _rdr, records = read(archive)
    assert [r.item.learn_ref_number for r in records] == ["L1", "L2"]


@pytest.mark.parametrize("members", [0, 2])
def test_zip_must_hold_exactly_one_xml(tmp_path, members):
    archive = tmp_path / "return.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "not an ILR")
        for i in range(members):
            z.writestr(f"ILR-{i}.xml", ilr(learner("L1")))
    with pytest.raises(IlrInputError, match=f"exactly one .xml file \\(it holds {members}\\)"):
        IlrReader(str(archive))


def test_zip_with_damaged_member_is_an_input_error(write_ilr, tmp_path):
    data = ilr(*(learner(f"L{i}") for i in range(50))).encode()
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
        z.writestr("ILR.xml", data)
    raw = bytearray(archive.read_bytes())
    at = raw.find(b"<Learner>", len(raw) // 2)
    raw[at + 1] = ord("X")  # the stored bytes no longer match their CRC
    archive.write_bytes(bytes(raw))
    with pytest.raises(IlrInputError, match="cannot be read"):
        list(IlrReader(str(archive)))


def test_line_numbers_of_learners_aims_and_fields(write_ilr):
    xml = ilr(learner("L1", deliveries=[delivery(AimSeqNumber=1)]),
              learner("L2", deliveries=[delivery(AimSeqNumber=1), delivery(AimSeqNumber=2, CompStatus=3)]))
    # one field per line so that field lines differ from the aim's line
    xml = xml.replace("<CompStatus>", "\n<CompStatus>").replace("<LearningDelivery>", "\n<LearningDelivery>")
    _rdr, records = read(write_ilr(xml))
    first, second = (r.item for r in records)
    lines = xml.splitlines()
    assert lines[first.line - 1].startswith("<Learner><LearnRefNumber>L1<")
    assert lines[second.line - 1].startswith("<Learner><LearnRefNumber>L2<")
    aim2 = second.delivery(2)
    assert lines[aim2.line - 1].startswith("<LearningDelivery><LearnAimRef>")
    assert aim2.line_of("comp_status") == aim2.line + 1
    assert lines[aim2.line_of("comp_status") - 1].startswith("<CompStatus>3</CompStatus>")
    assert aim2.line_of("withdraw_reason") == aim2.line  # absent field: the aim's own line
    assert second.line_of("uln") == second.line


def test_comments_and_destination_records(write_ilr):
    xml = ilr("<!-- first learner -->\n" + learner("L1"), "<!-- second -->\n" + learner("L2"),
              after_learners="<!-- destinations -->\n" + DESTINATION)
    xml = xml.replace("<LearningProvider>", "<!-- provider -->\n<LearningProvider>")
    _rdr, records = read(write_ilr(xml))
    learners = [r.item for r in records if r.is_learner]
    destinations = [r.item for r in records if not r.is_learner]
    assert [item.learn_ref_number for item in learners] == ["L1", "L2"]
    assert len(destinations) == 1
    dest = destinations[0]
    assert isinstance(dest, LearnerDestinationandProgression)
    assert dest.learn_ref_number == "L1" and dest.uln == 1000000042
    assert dest.outcomes[0].out_type == "EMP" and dest.outcomes[0].out_start_date == date(2026, 10, 19)


def test_learner_with_bad_values_is_unreadable_not_fatal(write_ilr):
    xml = ilr(learner("L1", deliveries=[delivery(LearnStartDate="2026-13-45")]), learner("L2"))
    _rdr, records = read(write_ilr(xml))
    bad, good = (r.item for r in records)
    assert isinstance(bad, Unreadable) and bad.learn_ref_number == "L1" and "LearnStartDate" in bad.reason
    assert isinstance(good, Learner)


@pytest.mark.parametrize("value", ["20260901", "2026-W36-1", "1_000"])
def test_values_are_read_strictly(write_ilr, value):
    field = "AimSeqNumber" if value == "1_000" else "LearnStartDate"
    _rdr, records = read(write_ilr(ilr(learner("L1", deliveries=[delivery(**{field: value})]))))
    assert isinstance(records[0].item, Unreadable)


def test_learner_before_header_is_an_input_error(write_ilr):
    xml = ilr(learner("L1"))
    header = xml[xml.index("<Header>"):xml.index("</Header>") + len("</Header>")]
    xml = xml.replace(header, "").replace("</LearningProvider>\n", "</LearningProvider>\n" + learner("L0") + "\n" + header)
    with pytest.raises(IlrInputError, match="before the <Header>"):
        list(IlrReader(str(write_ilr(xml))))


def test_elements_are_cleared_as_reading_goes(write_ilr, monkeypatch):
    """When a learner is built, the learners before it are gone from the tree: memory stays flat."""
    xml = ilr(*(learner(f"L{i}", deliveries=[delivery(fams=[fam("SOF", 107)])]) for i in range(2000)))
    preceding, tree_sizes = [], []
    real_build = reader_module.build.build_learner

    def spy(el, nslen):
        preceding.append(sum(1 for _ in el.itersiblings(preceding=True)))
        tree_sizes.append(sum(1 for _ in el.getroottree().getroot().iter()))
        return real_build(el, nslen)

    monkeypatch.setattr(reader_module.build, "build_learner", spy)
    _rdr, records = read(write_ilr(xml))
    assert len(records) == 2000
    assert set(preceding) == {0}
    total_elements = xml.count("</")
    assert max(tree_sizes) < total_elements / 10  # only the parser's read-ahead is in memory


def test_utf16_file_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.xml"
    path.write_bytes(ilr(learner("L1")).replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"))
    _rdr, records = read(path)
    assert records[0].item.learn_ref_number == "L1"


class RecordingSchema:
    """Stands in for ilr_lint.schema.IlrSchema: records what the reader hands to it."""

    def __init__(self):
        self.validated: list[str] = []
        self.message_children: list[tuple[str, int]] = []

    def validate(self, el):
        self.validated.append(el.tag.rpartition("}")[2])
        return ()

    def check_message(self, top_level):
        self.message_children = list(top_level)
        return ()


def test_schema_sees_each_record_once_and_the_message_order_compactly(write_ilr):
    xml = ilr(*(learner(f"L{i}") for i in range(5)), after_learners=DESTINATION + DESTINATION)
    xml = xml.replace("<LearningProvider>", "<!-- provider -->\n<LearningProvider>")
    schema = RecordingSchema()
    rdr = IlrReader(str(write_ilr(xml)), schema=schema)
    assert sum(1 for _ in rdr) == 7
    assert schema.validated == ["Header", "LearningProvider"] + ["Learner"] * 5 + [
        "LearnerDestinationandProgression"] * 2
    names = [(tag.rpartition("}")[2], line) for tag, line in schema.message_children]
    lines = xml.splitlines()
    first_learner = next(i for i, x in enumerate(lines, 1) if x.startswith("<Learner>"))
    first_dest = next(i for i, x in enumerate(lines, 1) if x.startswith("<LearnerDestination"))
    assert names == [("Header", 3), ("LearningProvider", 5), ("Learner", first_learner),
                     ("LearnerDestinationandProgression", first_dest)]
