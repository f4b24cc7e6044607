"""A three-year fixture set (2024-25, 2025-26, 2026-27) through ``ilr-lint qar``.

Every derivation and every exclusion the ILR can decide appears at least once; the rates
are checked against the counts worked out by hand in the comments. QAR year 2026/27.
"""

from __future__ import annotations

import csv
import io
import json
from itertools import count

import pytest

from builders import fam
from qar_support import aims_of, et, flags, only_aim, person, run_qar, standard, year_file

_ulns = count(1000000100)
ULN: dict[str, int] = {}


def who(ref: str, year: str, *aims: str, key: str | None = None, **fields: object) -> str:
    """A learner whose ULN is fixed by ``key`` (default: the reference number)."""
    uln = ULN.setdefault(key or ref, next(_ulns))
    return person(ref, year, *aims, uln=uln, **fields)


DONE = dict(CompStatus=2, LearnActEndDate="2027-06-20", Outcome=1)
Y1 = dict(LearnStartDate="2026-09-01", LearnPlanEndDate="2027-06-30")  # a 2026-27 one-year course


def sixteen(year: str, **fields: object) -> str:
    return et(year, FundModel=25, fams=[fam("SOF", 107)], **fields)


def app_done(**fields: object) -> dict[str, object]:
    return dict(CompStatus=2, Outcome=1, **fields)


Y2425 = year_file(
    "2425",
    who("OVERDUE", "2425", et("2425", LearnStartDate="2024-09-02", LearnPlanEndDate="2025-06-30")),
    who("COMMUNITY", "2425", et("2425", FundModel=10, LearnStartDate="2024-09-02", LearnPlanEndDate="2025-06-30",
                                CompStatus=2, LearnActEndDate="2025-06-20", Outcome=1, fams=[])),
    who("OLDFM35", "2425", et("2425", FundModel=35, LearnStartDate="2024-09-02", LearnPlanEndDate="2025-06-30")),
    who("GAP", "2425", et("2425", LearnStartDate="2024-09-02", LearnPlanEndDate="2025-06-30")),
    who("DONE2425", "2425", et("2425", LearnStartDate="2024-09-02", LearnPlanEndDate="2025-06-30", CompStatus=2,
                               LearnActEndDate="2025-06-20", Outcome=3)),
    who("EPA", "2425", standard("2425", LearnStartDate="2025-01-06", LearnPlanEndDate="2026-06-30")),
    who("FWORK", "2425", standard("2425", StdCode=None, ProgType=3, FworkCode=420, PwayCode=1,
                                  LearnStartDate="2023-09-04", LearnPlanEndDate="2025-06-30",
                                  **app_done(LearnActEndDate="2025-06-30"))),
)

Y2526 = year_file(
    "2526",
    who("BREAKOD", "2526", et("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2026-06-30", CompStatus=6,
                              LearnActEndDate="2026-01-10")),
    who("BREAKOK", "2526", et("2526", LearnAimRef="60100006", LearnStartDate="2025-09-01",
                              LearnPlanEndDate="2026-06-30", CompStatus=6, LearnActEndDate="2025-12-01")),
    who("BREAKBAD", "2526", et("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2026-06-30", CompStatus=6,
                               LearnActEndDate="2026-02-02")),
    who("OLDREF", "2526", et("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30"), key="NEWREF"),
    who("SWAPOLD", "2526", et("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30"), key="SWAP"),
    who("LATEDONE", "2526", et("2526", LearnStartDate="2025-08-04", LearnPlanEndDate="2026-06-30")),
    who("DONE2526", "2526", et("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2026-06-30", CompStatus=2,
                               LearnActEndDate="2026-06-20", Outcome=1)),
    who("EPA", "2526", standard("2526", LearnStartDate="2025-01-06", LearnPlanEndDate="2026-06-30",
                                LearnActEndDate="2026-05-29", Outcome=8)),
    who("AWAIT", "2526", standard("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30")),
    who("APPWD", "2526", standard("2526", LearnStartDate="2025-10-01", LearnPlanEndDate="2027-04-30")),
    who("APPPRIV", "2526", standard("2526", FundModel=99, LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30")),
    who("APPBRK", "2526", standard("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2027-03-31", CompStatus=6,
                                   LearnActEndDate="2026-02-01")),
    who("APPOD", "2526", standard("2526", LearnStartDate="2025-09-01", LearnPlanEndDate="2026-07-31")),
)

Y2627 = year_file(
    "2627",
    who("ACH", "2627", et("2627", **Y1, **DONE)),
    who("FAIL", "2627", et("2627", **Y1, CompStatus=2, LearnActEndDate="2027-06-20", Outcome=3)),
    who("WDRAWN", "2627", et("2627", **Y1, CompStatus=3, WithdrawReason=97, LearnActEndDate="2027-01-15", Outcome=3)),
    who("BREAKOK", "2627", et("2627", LearnAimRef="60100006", LearnStartDate="2026-09-07",
                              OrigLearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30", CompStatus=2,
                              LearnActEndDate="2027-06-25", Outcome=1, fams=[fam("SOF", 105), fam("RES", 1)])),
    who("BREAKBAD", "2627", et("2627", LearnStartDate="2026-09-07", OrigLearnStartDate="2025-09-02",
                               LearnPlanEndDate="2027-12-31", fams=[fam("SOF", 105), fam("RES", 1)])),
    who("TRANSFER", "2627", et("2627", **Y1, CompStatus=3, WithdrawReason=40, LearnActEndDate="2026-11-30", Outcome=3),
        et("2627", LearnAimRef="60100008", AimSeqNumber=2, LearnStartDate="2026-12-02", LearnPlanEndDate="2027-09-30")),
    who("LATEMOVE", "2627", et("2627", LearnStartDate="2026-08-03", LearnPlanEndDate="2027-06-30", CompStatus=3,
                               WithdrawReason=40, LearnActEndDate="2026-10-30", Outcome=3),
        et("2627", LearnAimRef="60100009", AimSeqNumber=2, LearnStartDate="2027-03-01", LearnPlanEndDate="2027-12-31")),
    who("QUALIFY", "2627", et("2627", **Y1, CompStatus=3, WithdrawReason=97, LearnActEndDate="2026-10-01", Outcome=3)),
    who("QUALOK", "2627", et("2627", **Y1, CompStatus=3, WithdrawReason=97, LearnActEndDate="2026-10-20", Outcome=3)),
    who("INTERV", "2627", et("2627", **Y1, CompStatus=3, WithdrawReason=41, LearnActEndDate="2026-12-01", Outcome=3)),
    who("MERGER", "2627", et("2627", **Y1, CompStatus=3, WithdrawReason=47, LearnActEndDate="2026-10-31", Outcome=3)),
    who("TLEVEL", "2627",
        sixteen("2627", LearnAimRef="ZPROG001", AimType=1, ProgType=31, LearnStartDate="2026-09-01",
                LearnPlanEndDate="2028-06-30"),
        sixteen("2627", LearnAimRef="60311111", AimType=5, ProgType=31, AimSeqNumber=2, LearnStartDate="2026-09-01",
                LearnPlanEndDate="2028-06-30"),
        sixteen("2627", LearnAimRef="60322222", AimType=3, ProgType=30, AimSeqNumber=3, LearnStartDate="2026-09-01",
                LearnPlanEndDate="2028-06-30"), dob="2009-03-01"),
    who("WORK", "2627", sixteen("2627", LearnAimRef="ZWRKX002", **Y1, **DONE),
        sixteen("2627", LearnAimRef="Z0002347", AimSeqNumber=2, **Y1, **DONE), dob="2009-03-01"),
    who("PILOTS", "2627", *(et("2627", LearnAimRef=f"6020000{n}", AimSeqNumber=n, **Y1, **DONE,
                                fams=[fam("SOF", 105), fam("LDM", code)])
                             for n, code in enumerate(("332", "034", "320", "351", "360", "384"), start=1))),
    who("NOFUND", "2627", et("2627", FundModel=99, **Y1, **DONE, fams=[])),
    who("LOAN", "2627", et("2627", FundModel=99, **Y1, **DONE, fams=[fam("ADL", 1)])),
    who("GAP", "2627", et("2627", LearnStartDate="2024-09-02", LearnPlanEndDate="2025-06-30", CompStatus=2,
                          LearnActEndDate="2025-06-20", Outcome=1)),
    who("YOUNG", "2627", sixteen("2627", **Y1, **DONE), dob="2012-01-01"),
    who("NEWREF", "2627", et("2627", LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30", CompStatus=2,
                             LearnActEndDate="2027-06-18", Outcome=1), PrevLearnRefNumber="OLDREF"),
    who("SWAPNEW", "2627", et("2627", LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30", CompStatus=2,
                              LearnActEndDate="2027-06-18", Outcome=1), key="SWAP"),
    who("PASTEND", "2627", et("2627", **Y1)),
    who("LATEDONE", "2627", et("2627", LearnStartDate="2025-08-04", LearnPlanEndDate="2026-06-30", CompStatus=2,
                               LearnActEndDate="2026-06-25", Outcome=1)),
    who("EPA", "2627", standard("2627", LearnStartDate="2025-01-06", LearnPlanEndDate="2026-06-30",
                                **app_done(LearnActEndDate="2026-05-29", AchDate="2026-09-15"))),
    who("AWAIT", "2627", standard("2627", LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30",
                                  LearnActEndDate="2027-06-30", Outcome=8)),
    who("APPWD", "2627", standard("2627", LearnStartDate="2025-10-01", LearnPlanEndDate="2027-04-30", CompStatus=3,
                                  WithdrawReason=97, LearnActEndDate="2026-12-15", Outcome=3)),
    who("LONGAPP", "2627", standard("2627", LearnStartDate="2026-09-01", LearnPlanEndDate="2028-03-31")),
    who("APPQUAL", "2627", standard("2627", **Y1, CompStatus=3, WithdrawReason=97, LearnActEndDate="2026-09-20",
                                    Outcome=3)),
    who("APPMOVE", "2627",
        standard("2627", LearnStartDate="2026-08-03", LearnPlanEndDate="2027-07-30", CompStatus=3, WithdrawReason=40,
                 LearnActEndDate="2026-10-31", Outcome=3),
        standard("2627", std=92, AimSeqNumber=2, LearnStartDate="2026-11-03", LearnPlanEndDate="2027-07-30",
                 **app_done(LearnActEndDate="2027-07-15", AchDate="2027-07-20"))),
    who("APPINT", "2627", standard("2627", LearnStartDate="2026-08-03", LearnPlanEndDate="2027-07-30", CompStatus=3,
                                   WithdrawReason=7, LearnActEndDate="2026-12-01", Outcome=3)),
    who("APPPRIV", "2627", standard("2627", FundModel=99, LearnStartDate="2025-09-01", LearnPlanEndDate="2027-06-30",
                                    **app_done(LearnActEndDate="2027-06-01", AchDate="2027-06-20"))),
    who("APPBRK", "2627", standard("2627", LearnStartDate="2026-09-01", OrigLearnStartDate="2025-09-01",
                                   LearnPlanEndDate="2027-12-31",
                                   fams=[fam("ACT", 1, "2026-09-01"), fam("RES", 1)])),
    who("APPPILOT", "2627",
        standard("2627", LearnStartDate="2026-08-03", LearnPlanEndDate="2027-06-30",
                 fams=[fam("ACT", 1, "2026-08-03"), fam("LDM", 351)],
                 **app_done(LearnActEndDate="2027-06-01", AchDate="2027-06-15")),
        standard("2627", std=93, AimSeqNumber=2, LearnStartDate="2026-08-03", LearnPlanEndDate="2027-06-30",
                 fams=[fam("ACT", 1, "2026-08-03"), fam("LDM", 383)],
                 **app_done(LearnActEndDate="2027-06-01", AchDate="2027-06-15"))),
)

NEW_COLLEGE = year_file("2627", who("NEWCOL1", "2627", et("2627", LearnStartDate="2026-11-15",
                                                           LearnPlanEndDate="2027-12-31"), key="MERGER"),
                        ukprn=10000002)

FILES = {"2627.xml": Y2627, "2425.xml": Y2425, "new-college-2627.xml": NEW_COLLEGE, "2526.xml": Y2526}


@pytest.fixture
def report(cli, tmp_path):
    return run_qar(cli, tmp_path / "report", FILES)


def rate(report, provision, year):
    row = next(r for r in report["rates"] if r["provision"] == provision and r["hybrid_end_year"] == year)
    return (row["leavers"], row["achievers"], row["completers"], row["achievement_rate"], row["retention_rate"],
            row["pass_rate"])


def test_rates_match_the_hand_counts(report):
    assert report["qar_year"] == "2026/27"
    # 2026/27 leavers: ACH FAIL WDRAWN BREAKOD(overdue) BREAKOK(restart) BREAKBAD(overdue break) LATEMOVE(first)
    # QUALOK NEWREF SWAPNEW LATEDONE LOAN = 12; achievers ACH BREAKOK NEWREF SWAPNEW LATEDONE LOAN = 6;
    # completers those and FAIL = 7. YOUNG (14 on 31 August) counts nowhere.
    assert rate(report, "education_and_training", "2026/27") == (12, 6, 7, 50.0, 58.3, 85.7)
    assert rate(report, "education_and_training", "2025/26") == (1, 1, 1, 100.0, 100.0, 100.0)  # DONE2526
    # OVERDUE (overdue continuing aim, reporting year 2024) and DONE2425 (completed, not achieved)
    assert rate(report, "education_and_training", "2024/25") == (2, 0, 1, 0.0, 50.0, 0.0)
    assert rate(report, "education_and_training", "future") == (0, 0, 0, None, None, None)
    # EPA (achieved 2026-09-15), APPWD (withdrawn), APPMOVE's second programme
    assert rate(report, "apprenticeship", "2026/27") == (3, 2, 2, 66.7, 66.7, 100.0)
    assert rate(report, "apprenticeship", "2025/26") == (1, 0, 0, 0.0, 0.0, None)  # APPOD overdue
    assert rate(report, "apprenticeship", "2024/25") == (1, 1, 1, 100.0, 100.0, 100.0)  # FWORK
    assert rate(report, "apprenticeship", "future") == (1, 0, 0, 0.0, 0.0, None)  # AWAIT: assessment pending
    assert len(report["rates"]) == 8


@pytest.mark.parametrize(("ref", "exclusions"), [
    ("TRANSFER", ["transfer"]), ("QUALIFY", ["funding_qualifying_period"]), ("INTERV", ["intervention_transfer"]),
    ("MERGER", ["merger_transfer"]), ("NOFUND", ["not_funded"]), ("COMMUNITY", ["community_learning"]),
    ("GAP", ["returned_after_gap"]), ("LONGAPP", ["planned_end_after_qar_year"]),
    ("APPQUAL", ["funding_qualifying_period"]), ("APPINT", ["intervention_transfer"]),
    ("APPPRIV", ["not_funded"]),
])
def test_single_aim_exclusions(report, ref, exclusions):
    aim = aims_of(report, ref)[0]
    assert aim["exclusions"] == exclusions and aim["excluded"] == 1


def test_exclusions_on_several_aims(report):
    assert [a["exclusions"] for a in aims_of(report, "TLEVEL")] == [
        ["programme_aim", "t_level"], ["t_level"], ["component_aim", "t_level"]]
    assert sorted(a["exclusions"][0] for a in aims_of(report, "WORK")) == ["supported_internship", "work_placement"]
    assert sorted(a["exclusions"][0] for a in aims_of(report, "PILOTS")) == [
        "adult_t_level_pilot", "direct_funded_14_16", "employer_ownership_pilot", "flexible_learning_fund", "olass",
        "pilot"]
    assert sorted(a["exclusions"][0] for a in aims_of(report, "APPPILOT")) == ["employer_ownership_pilot", "pilot"]
    transfer, new = aims_of(report, "APPMOVE")
    assert transfer["exclusions"] == ["transfer"] and new["excluded"] == 0 and flags(new) == (1, 1, 1)
    brk, restart = aims_of(report, "APPBRK")
    assert brk["exclusions"] == ["planned_break"] and restart["exclusions"] == ["planned_end_after_qar_year"]
    brk, restart = aims_of(report, "BREAKOK")
    assert brk["exclusions"] == ["planned_break"] and flags(restart) == (1, 1, 1)


def test_look_alikes_are_not_excluded(report):
    moved, later = aims_of(report, "LATEMOVE")  # the new aim starts 122 days after: not a transfer
    assert moved["excluded"] == 0 and flags(moved) == (1, 0, 0) and later["hybrid_end_year"] == "future"
    assert only_aim(report, "QUALOK")["excluded"] == 0  # 49 days: past the qualifying period
    assert only_aim(report, "LOAN")["excluded"] == 0 and flags(only_aim(report, "LOAN")) == (1, 1, 1)
    assert aims_of(report, "OLDFM35") == []  # FM35 is not adult skills from 2024-25: not a QAR aim


def test_derivations(report):
    overdue = only_aim(report, "OVERDUE")
    assert (overdue["overdue_continuing_aim"], overdue["hybrid_end_year"], overdue["file"]) == (1, "2024/25", "2425.xml")
    assert only_aim(report, "APPOD")["overdue_continuing_aim"] == 1
    assert only_aim(report, "BREAKOD")["overdue_planned_break"] == 1
    assert only_aim(report, "BREAKOD")["hybrid_end_year"] == "2026/27"  # 2025 + 1
    brk, restart = aims_of(report, "BREAKBAD")
    assert brk["overdue_planned_break"] == 1 and restart["hybrid_end_year"] == "future"
    assert only_aim(report, "LATEDONE")["hybrid_end_year"] == "2026/27"  # first reported complete in 2026-27
    epa = only_aim(report, "EPA")
    assert (epa["hybrid_end_year"], epa["achievement_date"], flags(epa)) == ("2026/27", "2026-09-15", (1, 1, 1))
    assert only_aim(report, "AWAIT")["hybrid_end_year"] == "future"
    young = only_aim(report, "YOUNG")
    assert (young["hybrid_end_year"], flags(young), young["excluded"]) == ("2026/27", (0, 0, 0), 0)


def test_learner_reference_changes(report):
    assert aims_of(report, "OLDREF") == [] and only_aim(report, "NEWREF")["file"] == "2627.xml"
    assert aims_of(report, "SWAPOLD") == [] and flags(only_aim(report, "SWAPNEW")) == (1, 1, 1)


def test_records_at_risk(report):
    found = [(r["kind"], r["learner"], r["file"]) for r in report["at_risk"]]
    assert found == [
        ("overdue_planned_break", "BREAKOD", "2526.xml"), ("overdue_planned_break", "BREAKBAD", "2526.xml"),
        ("overdue_continuing_aim", "OVERDUE", "2425.xml"), ("overdue_continuing_aim", "APPOD", "2526.xml"),
        ("restart_will_not_match", "BREAKBAD", "2627.xml"),
        ("lrn_change_not_recorded", "SWAPNEW", "2627.xml"),
        ("continuing_past_planned_end", "PASTEND", "2627.xml"),
    ]
    restart = report["at_risk"][4]
    assert restart["aim"] == 1 and "Set OrigLearnStartDate to 2025-09-01" in restart["fix"]


def test_not_assessed(report):
    listed = {n["exclusion"]: n["aims"] for n in report["not_assessed"]}
    assert listed == {"lars_effective_from": 14, "provider_register": 15, "college_merger_ukprn": len(report["aims"])}


def test_file_order_does_not_matter(report, cli, tmp_path):
    shuffled = {name: FILES[name] for name in ("2627.xml", "2526.xml", "new-college-2627.xml", "2425.xml")}
    assert run_qar(cli, tmp_path, shuffled) == report


def test_merger_without_the_new_providers_file_is_not_assessed(cli, tmp_path):
    files = {name: xml for name, xml in FILES.items() if name != "new-college-2627.xml"}
    data = run_qar(cli, tmp_path, files)
    assert only_aim(data, "MERGER")["excluded"] == 0
    assert {n["exclusion"]: n["aims"] for n in data["not_assessed"]}["merger_transfer"] == 1


def test_csv_has_one_row_per_aim(cli, tmp_path, report):
    for name, xml in FILES.items():
        (tmp_path / name).write_text(xml, encoding="utf-8")
    done = cli("qar", "2627.xml", "--previous", "2425.xml", "--previous", "2526.xml", "--previous",
                      "new-college-2627.xml", "--format", "csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == len(report["aims"])
    assert list(rows[0]) == [k for k in report["aims"][0] if k != "uln"]  # a spreadsheet carries no ULN
    tlevel = [r for r in rows if r["learner"] == "TLEVEL"]
    assert tlevel[0]["exclusions"] == "programme_aim;t_level" and tlevel[0]["actual_end_date"] == ""


def test_text_report(cli, tmp_path):
    for name, xml in FILES.items():
        (tmp_path / name).write_text(xml, encoding="utf-8")
    done = cli("qar", "2627.xml", "--previous", "2425.xml", "--previous", "2526.xml", "--previous",
               "new-college-2627.xml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "QAR 2026/27" in out and "education and training" in out and "58.3%" in out
    assert "Overdue planned breaks (counted as withdrawals): 2" in out
    assert "what to do:" in out and "Not assessed" in out and "lars_effective_from" in out
    assert "1990-05-01" not in out  # no dates of birth


def test_json_is_stable_under_output_option(cli, tmp_path, report):
    for name, xml in FILES.items():
        (tmp_path / name).write_text(xml, encoding="utf-8")
    args = [a for name in ("2425.xml", "2526.xml", "new-college-2627.xml") for a in ("--previous", name)]
    done = cli("qar", "2627.xml", *args, "--format", "json", "-o", "out.json", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads((tmp_path / "out.json").read_text()) == report
