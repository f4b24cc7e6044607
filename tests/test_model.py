"""Model helpers that checks share: FAMs, ACT order, finance records, programme aims, employment."""

from __future__ import annotations

from datetime import date

import pytest
from builders import delivery, employment, fam, fin, hrs, ilr, learner, work_placement

from conftest import SAMPLE_2526, needs_shared

from ilr_lint.model import Learner
from ilr_lint.reader import IlrReader


@pytest.fixture
def load(write_ilr):
    def run(*learners: str, year: str = "2627") -> list[Learner]:
        return [r.item for r in IlrReader(str(write_ilr(ilr(*learners, year=year))))]
    return run


def programme(seq=1, start="2025-09-01", **values):
    return delivery(LearnAimRef="ZPROG001", AimType=1, AimSeqNumber=seq, LearnStartDate=start, FundModel=36,
                    ProgType=25, StdCode=91, **values)


def component(seq, start="2025-09-01", std=91, **values):
    return delivery(LearnAimRef="60347909", AimType=3, AimSeqNumber=seq, LearnStartDate=start, FundModel=36,
                    ProgType=25, StdCode=std, **values)


def test_fams_of_fam_and_has_fam(load):
    (lrn,) = load(learner("L1", deliveries=[delivery(fams=[fam("SOF", 105), fam("LDM", "034"), fam("LDM", 356)])]))
    aim = lrn.deliveries[0]
    assert [f.code for f in aim.fams_of("LDM")] == ["034", "356"]
    assert aim.fam("SOF").code == "105" and aim.fam("RES") is None
    assert aim.has_fam("LDM", 356) and aim.has_fam("LDM", "034") and not aim.has_fam("LDM", 34)
    assert aim.has_fam("SOF") and not aim.has_fam("ACT")


def test_act_records_are_in_date_order(load):
    fams = [fam("ACT", 2, "2026-03-01"), fam("SOF", 105), fam("ACT", 1, "2025-09-01", "2026-02-28")]
    (lrn,) = load(learner("L1", deliveries=[programme(fams=fams)]))
    acts = lrn.deliveries[0].act_records()
    assert [(a.code, a.date_from, a.date_to) for a in acts] == [
        ("1", date(2025, 9, 1), date(2026, 2, 28)), ("2", date(2026, 3, 1), None)]


def test_fin_records_by_type_code_and_date(load):
    fins = [fin("TNP", 3, "2026-01-10", 4000), fin("TNP", 1, "2025-09-01", 9000), fin("PMR", 1, "2025-10-01", 450),
            fin("TNP", 2, "2025-09-01", 1500)]
    (lrn,) = load(learner("L1", deliveries=[programme(fins=fins)]))
    aim = lrn.deliveries[0]
    assert [(r.code, r.amount) for r in aim.fin_records("TNP")] == [(1, 9000), (2, 1500), (3, 4000)]
    assert [(r.code, r.amount) for r in aim.fin_records("TNP", 1, 3)] == [(1, 9000), (3, 4000)]
    assert [r.date for r in aim.fin_records("PMR")] == [date(2025, 10, 1)]
    assert aim.fin_records("TNP", 4) == ()


def test_hrs_records_2627(load):
    (lrn,) = load(learner("L1", deliveries=[programme(hrs_records=[hrs(1, 400), hrs(3, 120)])]))
    aim = lrn.deliveries[0]
    assert aim.hrs(1).amount == 400 and aim.hrs(3).amount == 120 and aim.hrs(2) is None
    assert aim.p_hours is None and aim.otj_act_hours is None


def test_older_year_hours_fields(load):
    (lrn,) = load(learner("L1", year="2526", deliveries=[programme(year="2526", PHours=400, OTJActHours=120,
                                                                  AddHours=30)]),
                  year="2526")
    aim = lrn.deliveries[0]
    assert (aim.p_hours, aim.otj_act_hours, aim.add_hours) == (400, 120, 30)
    assert aim.hrs_records == () and (aim.fwork_code, aim.pway_code) == (None, None)


def test_framework_codes_up_to_2024_25(load):
    # FworkCode and PwayCode left the schema after 2024-25; EmpOutcome is in no supported year's
    # schema, so the model has no field for it (docs/schema.md).
    framework = delivery(year="2425", LearnAimRef="ZPROG001", AimType=1, LearnStartDate="2024-09-02", FundModel=35,
                         ProgType=3, FworkCode=420, PwayCode=1, PHours=400)
    (lrn,) = load(learner("L1", year="2425", deliveries=[framework]), year="2425")
    aim = lrn.deliveries[0]
    assert (aim.prog_type, aim.fwork_code, aim.pway_code, aim.std_code, aim.p_hours) == (3, 420, 1, None, 400)
    assert not hasattr(aim, "emp_outcome")


def test_every_delivery_field_is_read(load):
    (lrn,) = load(learner("L1", deliveries=[delivery(
        OrigLearnStartDate="2025-09-01", PartnerUKPRN=10000002, LSDPostcode="CV1 1AA", PriorLearnFundAdj=50,
        OtherFundAdj=10, ConRefNumber="ABC123", EPAOrgID="EPA0001", LearnActEndDate="2026-10-01", WithdrawReason=97,
        Outcome=3, AchDate="2026-10-20", OutGrade="PA", SWSupAimId="x", TLOut=1, CompStatus=3, DelLocPostCode="CV1 2WT",
        work_placements=[work_placement("2026-10-01", hours=315, mode=2, end="2026-12-01", emp_id=123456789)])]))
    aim = lrn.deliveries[0]
    assert aim.orig_learn_start_date == date(2025, 9, 1) and aim.partner_ukprn == 10000002
    assert (aim.prior_learn_fund_adj, aim.other_fund_adj, aim.con_ref_number, aim.epa_org_id) == (50, 10, "ABC123",
                                                                                                  "EPA0001")
    assert (aim.withdraw_reason, aim.outcome, aim.out_grade, aim.sw_sup_aim_id, aim.tl_out) == (97, 3, "PA", "x", 1)
    assert aim.ach_date == date(2026, 10, 20) and aim.del_loc_post_code == "CV1 2WT"
    placement = aim.work_placements[0]
    assert (placement.start_date, placement.end_date, placement.hours, placement.mode, placement.emp_id) == (
        date(2026, 10, 1), date(2026, 12, 1), 315, 2, 123456789)


def test_personal_data_is_not_in_the_model(load):
    (lrn,) = load(learner("L1", FamilyName="Zebedee", GivenNames="Quentin", NINumber="AB123456C",
                          TelNo="07700900999", Email="q@example.org", AddLine1="1 Secret Street"))
    assert lrn.has_ni_number
    text = repr(lrn)
    for value in ("Zebedee", "Quentin", "AB123456C", "07700900999", "q@example.org", "Secret", "AB1 2CD"):
        assert value not in text
    assert not hasattr(lrn, "family_name") and not hasattr(lrn, "postcode")


def test_programme_aim_of_and_components_of(load):
    (lrn,) = load(learner("L1", deliveries=[
        programme(1, "2025-09-01", CompStatus=6, LearnActEndDate="2026-05-29", Outcome=3),
        component(2, "2025-09-01", CompStatus=6, LearnActEndDate="2026-05-29", Outcome=3),
        programme(3, "2026-09-21", OrigLearnStartDate="2025-09-01"),
        component(4, "2026-09-21", OrigLearnStartDate="2025-09-01"),
        component(5, "2026-09-21", std=244),  # a different standard: no programme aim
        delivery(AimSeqNumber=6),  # not part of a programme
    ]))
    old, old_part, new, new_part, orphan, alone = lrn.deliveries
    assert lrn.programme_aim_of(old_part) is old
    assert lrn.programme_aim_of(new_part) is new  # the latest programme aim started on or before it
    assert lrn.programme_aim_of(orphan) is None and lrn.programme_aim_of(alone) is None
    assert lrn.programme_aim_of(new) is None
    assert lrn.components_of(old) == (old_part,) and lrn.components_of(new) == (new_part,)
    assert lrn.programme_aims() == (old, new)
    assert lrn.delivery(4) is new_part and lrn.delivery(9) is None


def test_component_started_before_its_programme_aim_still_finds_it(load):
    (lrn,) = load(learner("L1", deliveries=[programme(1, "2025-09-10"), component(2, "2025-09-01")]))
    assert lrn.programme_aim_of(lrn.deliveries[1]) is lrn.deliveries[0]


def test_employment_status_on(load):
    (lrn,) = load(learner("L1", employment_statuses=[
        employment(10, "2026-09-14", emp_id=222222222),
        employment(11, "2025-06-01"),
        employment(10, "2025-09-01", emp_id=111111111, esm=(("EII", 8), ("SEM", 1))),
    ]))
    assert lrn.employment_status_on(date(2025, 5, 31)) is None
    assert lrn.employment_status_on(date(2025, 8, 31)).emp_stat == 11
    on_start = lrn.employment_status_on(date(2025, 9, 1))
    assert on_start.emp_id == 111111111 and on_start.has_esm("SEM", 1) and on_start.esm("EII").code == 8
    assert not on_start.has_esm("SEM", 2) and not on_start.has_esm("OET")
    assert lrn.employment_status_on(date(2026, 10, 1)).emp_id == 222222222
    assert [e.date_emp_stat_app for e in lrn.employment_statuses_by_date()] == [
        date(2025, 6, 1), date(2025, 9, 1), date(2026, 9, 14)]


def test_agreement_id_in_both_spellings(load):
    agreem = employment(10, "2026-08-01", emp_id=123456789).replace("</EmpId>", "</EmpId><AgreemId>A123456</AgreemId>")
    agree = employment(10, "2025-08-01", emp_id=123456789).replace("</EmpId>", "</EmpId><AgreeId>A654321</AgreeId>")
    (new,) = load(learner("L1", employment_statuses=[agreem]))
    (old,) = load(learner("L1", year="2425", employment_statuses=[agree]), year="2425")
    assert new.employment_statuses[0].agree_id == "A123456"
    assert old.employment_statuses[0].agree_id == "A654321"


def test_classification_properties(load):
    (lrn,) = load(learner("L1", ULN=9999999999, deliveries=[programme(1), delivery(AimSeqNumber=2, CompStatus=2,
                                                                                  LearnActEndDate="2026-10-01")]))
    prog, other = lrn.deliveries
    assert prog.is_programme_aim and prog.is_apprenticeship and prog.is_standard and not prog.is_closed
    assert not other.is_programme_aim and not other.is_apprenticeship and other.is_closed
    assert prog.programme_key == (25, 91, None, None)
    assert lrn.has_temporary_uln


@needs_shared
def test_he_records_are_read_from_the_funders_sample():
    learners = [r.item for r in IlrReader(str(SAMPLE_2526)) if r.is_learner]
    he_learner = next(lrn for lrn in learners if lrn.has_he)
    assert he_learner.he is not None and he_learner.he.financial_support[0].fin_amount == 5000
    he_aims = [d for d in he_learner.deliveries if d.has_he]
    assert he_aims and all(d.he is not None for d in he_aims)
    assert he_aims[0].he.qualent3 == "D82"
