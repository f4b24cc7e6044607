"""The official-rules framework: catalogue, row shapes, claims, listing and docs."""

from __future__ import annotations

import collections
import dataclasses
import json
import random
from datetime import date

import pytest

from builders import delivery, fam, learner
from conftest import REPO
from official_cases import assert_rule

from ilr_lint import synth
from ilr_lint.api import Context, discover
from ilr_lint.model import EmploymentStatusMonitoring as ESM
from ilr_lint.model import LearnerHE, LearnerHEFinancialSupport as HEFin
from ilr_lint.model import Learner, LearnerFAM, LearningDeliveryFAM, LearningDeliveryHE, LLDDandHealthProblem
from ilr_lint.model import PriorAttain
from ilr_lint.model import LearningDeliveryWorkPlacement as WorkPlacement, ProviderSpecMonitoring as Monitoring
from ilr_lint.official import listing
from ilr_lint.official.catalogue import LIST_YEARS, catalogue, latest, live_years
from ilr_lint.official.predicates import age_at_start, fund_model, known, started
from ilr_lint.official.records import attribute
from ilr_lint.official.rows import DateOrder, Forbidden, OneOf, Required, Row, RowBatch, batched
from ilr_lint.reader import IlrReader
from ilr_lint.years import BY_CODE


def test_catalogue_holds_each_years_list():
    # 881 rows in the 2025-26 list: FD_FINAMOUNT_MA is listed twice, identically
    assert len(catalogue("2025-26")) == 880 and len(catalogue("2026-27")) == 909
    assert sum(r.live for r in catalogue("2026-27").values()) == 866
    assert catalogue("2025-26")["ULN_03"].severity == "warning"
    assert catalogue("2025-26")["PHours_01"].live and not catalogue("2026-27")["PHours_01"].live
    assert live_years("PHours_01") == {"2526"} and live_years("HRSType_04") == {"2627"}
    assert latest("AchDate_02").severity == "warning" and catalogue("2025-26")["AchDate_02"].severity == "error"
    assert catalogue("2024-25") == {}


def test_field_names_map_to_model_attributes():
    assert [attribute(f) for f in ("LearnActEndDate", "OTJActHours", "EPAOrgID", "LearnDelFAMDateTo", "QUALENT3")] == [
        "learn_act_end_date", "otj_act_hours", "epa_org_id", "date_to", "qualent3"]


def test_a_row_takes_code_severity_years_and_doc_from_the_catalogue():
    row = Required("AchDate_07", "aim", "AchDate", topic="delivery", when=fund_model(36),
                   what="An example. With more words.", fix="Add it.")
    assert (row.code, row.name, row.severity, row.rules) == ("AchDate_07", "achdate-07", "error", ("AchDate_07",))
    assert row.years == live_years("AchDate_07") and row.summary == "An example"
    assert all(word in row.doc for word in ("**What.**", "**Why.**", "**Fix.**"))
    with pytest.raises(ValueError, match="must each be live"):
        Required("PHours_99", "aim", "PHours", topic="delivery", what="x", fix="y")
    with pytest.raises(ValueError, match="unknown record kind"):
        Required("AchDate_07", "course", "AchDate", topic="delivery", what="x", fix="y")


def _run(row, xml_learner, year="2627"):
    from ilr_lint.api import Context
    from ilr_lint.reader import IlrReader
    from builders import ilr
    import tempfile, os
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "f.xml")
        with open(path, "w", encoding="utf-8") as out:
            out.write(ilr(xml_learner, year=year))
        reader = IlrReader(path)
        found = []
        for record in reader:
            ctx = Context(path="f.xml", header=reader.header, year=reader.year, today=date(2026, 11, 1))
            found.extend(row.run(record.item, ctx))
        return found


def test_row_shapes_judge_one_record_each():
    required = Required("AchDate_07", "aim", "AchDate", topic="delivery", when=fund_model(36), what="The rule holds.", fix="F.")
    forbidden = Forbidden("AchDate_07", "aim", "AchDate", topic="delivery", what="The rule holds.", fix="F.")
    one_of = OneOf("AchDate_07", "aim", "CompStatus", {1, 2}, topic="delivery", what="The rule holds.", fix="F.")
    order = DateOrder("AchDate_07", "aim", "LearnStartDate", "LearnActEndDate", topic="delivery", what="The rule holds.", fix="F.")
    fm36 = learner("A", deliveries=[delivery(FundModel=36, CompStatus=3, LearnActEndDate="2026-08-01",
                                             WithdrawReason=97, Outcome=3, LearnStartDate="2026-09-01")])
    fm35 = learner("B", deliveries=[delivery(FundModel=35, AchDate="2026-10-01", CompStatus=2,
                                             LearnActEndDate="2026-10-01", Outcome=1)])
    assert [p.message for p in _run(required, fm36)] == ["AchDate is not returned: the rule holds"]
    assert _run(required, fm35) == []
    assert [p.message for p in _run(forbidden, fm35)] == ["AchDate 2026-10-01 is returned: the rule holds"]
    assert [p.message for p in _run(one_of, fm36)] == ["CompStatus 3: the rule holds"]
    assert [p.message for p in _run(order, fm36)] == ["LearnActEndDate 2026-08-01 is before LearnStartDate 2026-09-01: the rule holds"]
    assert _run(order, fm35) == []


def test_predicates_compose():
    row = Required("AchDate_07", "aim", "AchDate", topic="delivery", what="The rule holds.", fix="F.",
                   when=(fund_model(35) | fund_model(36)) & ~known("OutGrade") & started(on_or_after=date(2026, 8, 1))
                   & age_at_start(at_least=19))
    old = learner("A", DateOfBirth="2000-01-01", deliveries=[delivery(FundModel=35)])
    young = learner("B", DateOfBirth="2010-01-01", deliveries=[delivery(FundModel=35)])
    graded = learner("C", DateOfBirth="2000-01-01", deliveries=[delivery(FundModel=36, OutGrade="A")])
    assert len(_run(row, old)) == 1 and _run(row, young) == [] and _run(row, graded) == []


def test_personal_values_never_reach_a_message():
    order = DateOrder("AchDate_07", "aim", "learner.DateOfBirth", "LearnStartDate", topic="delivery", what="The rule holds.", fix="F.")
    born_late = learner("A", DateOfBirth="2027-01-01", deliveries=[delivery()])
    [problem] = _run(order, born_late)
    assert "2027-01-01" not in problem.message and "DateOfBirth (value not shown)" in problem.message


def test_severity_follows_the_years_list(lint):
    from ilr_lint.official.rows import Broken
    row = Broken("AchDate_02", "aim", topic="delivery", when=known("AchDate"), what="The rule holds.", fix="F.")
    done = learner("A", deliveries=[delivery(CompStatus=2, LearnActEndDate="2025-10-01", Outcome=1,
                                             AchDate="2025-10-01")], year="2526")
    assert [p.severity for p in _run(row, done, year="2526")] == ["error"]
    assert row.severity == "warning"


def test_learn_del_fam_date_to_01(lint):
    bad = learner("BAD", deliveries=[delivery(fams=[fam("LSF", 1, "2026-09-01", "2026-08-31")])])
    good = learner("OK", deliveries=[delivery(fams=[fam("LSF", 1, "2026-09-01", "2026-09-01")])])
    [finding] = assert_rule(lint, "LearnDelFAMDateTo_01", bad, good)
    assert "LearnDelFAMDateTo 2026-08-31 is before LearnDelFAMDateFrom 2026-09-01" in finding.message


def test_every_official_rule_is_claimed_by_at_most_one_check():
    checks = discover()
    for year in LIST_YEARS:
        twice = {rule: [c.code for c in found] for rule, found in listing.claims(checks, year).items() if len(found) > 1}
        assert twice == {}, year
    known_names = set().union(*(catalogue(year) for year in LIST_YEARS))
    assert sorted({r for c in checks for r in c.rules} - known_names) == []


def test_official_checks_are_coded_by_their_rule():
    for chk in discover():
        if not chk.code.startswith("ILR") and chk.rules:
            assert chk.rules[0] == chk.code and chk.years == live_years(chk.code), chk.code


def test_rules_lists_checks_and_official_rules(cli):
    checks = json.loads(cli("rules", "--format", "json").stdout)
    assert {"code": "LearnDelFAMDateTo_01", "topic": "fam", "rules": ["LearnDelFAMDateTo_01"]}.items() <= next(
        c for c in checks if c["code"] == "LearnDelFAMDateTo_01").items()
    official = json.loads(cli("rules", "--official", "--year", "2026-27", "--format", "json").stdout)
    rows = {r["rule"]: r for r in official["2026-27"]}
    assert len(rows) == 866 and rows["LearnDelFAMDateTo_01"]["checks"] == ["LearnDelFAMDateTo_01"]
    assert rows["FD_ULN_AL"]["checks"] == ["ILR001"]
    assert rows["UKPRN_06"]["checks"] == [] and "funding contracts" in rows["UKPRN_06"]["reason"]
    text = cli("rules", "--official", "--year", "2025-26").stdout
    assert "2025-26:" in text and "rules decidable from the file enforced" in text
    bad = cli("rules", "--official", "--year", "2023-24")
    assert bad.returncode == 2 and bad.stderr.startswith("ilr-lint: --year must be one of")


def test_official_rules_doc_is_current():
    doc = (REPO / "docs" / "official-rules.md").read_text(encoding="utf-8")
    assert doc == listing.markdown(discover()) + "\n", "regenerate: ilr-lint rules --official --format markdown"


def test_a_finding_names_only_the_rules_live_in_its_files_year(lint):
    """ILR290 cites EmpStat_02, which the 2026-27 list deleted: a 2026-27 finding names EmpStat_09 alone."""
    from builders import ilr
    from ilr_lint.official.catalogue import named_in

    def unemployed_apprentice(year: str) -> str:
        start = "2025-09-01" if year == "2526" else "2026-09-01"
        aim = delivery(year=year, LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25, StdCode=123,
                       LearnStartDate=start)
        return ilr(learner("L1", year=year, deliveries=[aim]), year=year, prep=start[:4] + "-11-01")
    assert [f.rules for f in lint(unemployed_apprentice("2526"), select=("ILR290",))] == [("EmpStat_02", "EmpStat_09")]
    assert [f.rules for f in lint(unemployed_apprentice("2627"), select=("ILR290",))] == [("EmpStat_09",)]
    assert named_in(("EmpStat_02",), "2024-25") == ("EmpStat_02",)  # no list held for that year: as cited


MIXED = ("fund_model", "prog_type", "aim_type", "comp_status", "outcome", "ach_date", "learn_act_end_date",
         "learn_start_date", "learn_plan_end_date", "std_code", "fams", "hrs_records", "app_fin_records",
         "learn_aim_ref", "withdraw_reason", "out_grade", "add_hours", "p_hours", "partner_ukprn")


# The Learner record's own fields, each with values its rules tell apart (LEARNER_FACTS), mixed in as the aims' are.
LEARNER_VALUES = {
    "uln": (9999999999, 1000000042, 1234567890), "date_of_birth": (None, date(1990, 5, 1), date(2009, 9, 1)),
    "has_family_name": (True, False), "has_given_names": (True, False), "has_add_line1": (True, False),
    "postcode_valid": (None, True, False), "postcode_prior_valid": (None, True, False),
    "ni_number_valid": (None, True, False), "accom": (None, 5, 7), "als_cost": (None, 500),
    "lldd_health_prob": (None, 1, 2, 9), "plan_learn_hours": (None, 0, 8, 540, 1200, 4100),
    "plan_eep_hours": (None, 0, 100, 3000), "eng_grade": (None, "NONE", "D", "4", "9", "XX"),
    "math_grade": (None, "NONE", "3", "B", "XX"),
    "lldd_and_health_problems": ((), (LLDDandHealthProblem(1, 4, 1),), (LLDDandHealthProblem(1, 4),),
                                 (LLDDandHealthProblem(1, 4, 1), LLDDandHealthProblem(2, 5, 1)),
                                 (LLDDandHealthProblem(1, 4), LLDDandHealthProblem(2, 5))),
    "prior_attain": ((), (PriorAttain(1, 2, date(2020, 1, 1)),), (PriorAttain(1),),
                     (PriorAttain(1, 3, date(2020, 1, 1)), PriorAttain(2, 7, date(2020, 1, 1))),
                     (PriorAttain(1, 3, date(2019, 1, 1)), PriorAttain(2, 7, date(2020, 1, 1)))),
    "fams": ((), (LearnerFAM("ECF", "1", 1),), (LearnerFAM("MCF", "2", 1), LearnerFAM("EDF", "1", 1)),
             (LearnerFAM("SEN", "1", 1), LearnerFAM("EHC", "1", 1)), (LearnerFAM("HNS", "1", 1),),
             tuple(LearnerFAM("LSR", str(c), 1) for c in range(55, 60))),
}


SIX_LDM, SIX_DAM = (tuple(LearningDeliveryFAM(t, f"{t}{c}", 1) for c in range(6)) for t in ("LDM", "DAM"))
AIM_VALUES = {  # start dates either side of the rules' dates, as each year's file reads them
    "lsd_postcode_well_formed": (None, True, False), "other_fund_adj": (None, 1), "fund_model": (25, 35, 36, 82, 99),
    "prog_type": (None, 25, 31), "aim_type": (1, 3, 5), "learn_act_end_date": (None, date(2026, 10, 1)),
    "learn_start_date": tuple(date(y, m, d) for y in (2015, 2016, 2026, 2027, 2028) for m, d in ((7, 31), (8, 1))),
}
STATUS_VALUES = {
    "emp_stat": (10, 11, 12, 98), "emp_id": (None, 154549452), "date_emp_stat_app": (date(1990, 1, 1), date(2013, 1, 1)),
    "monitoring": ((), (ESM("EII", 1, 1),), (ESM("EII", 1, 1), ESM("EII", 2, 1)), (ESM("LOU", 1, 1), ESM("LOE", 1, 1)),
                   (ESM("SEI", 1, 1),), (ESM("OET", 1, 1), ESM("OET", 1, 1)), (ESM("OET", 2, 1), ESM("BSI", 1, 1))),
}
EXTRA_FAMS = (SIX_LDM, SIX_LDM + SIX_LDM[:1], SIX_DAM, SIX_DAM + SIX_DAM[-1:],  # 6 or 7, the same codes
              (LearningDeliveryFAM("SOF", "105", 1), LearningDeliveryFAM("SOF", "107", 1)),
              (LearningDeliveryFAM("LDM", "034", 1), LearningDeliveryFAM("LDM", "034", 1)))


def _mixed(learners: list[Learner], seed: int) -> list[Learner]:
    """The learners with each aim's, employment status's and their own fields swapped at random with others' (many
    faults, many signatures)."""
    rng = random.Random(seed)
    aims = [aim for lr in learners for aim in lr.deliveries]
    statuses = [e for lr in learners for e in lr.employment_statuses]

    def mix(record: object, others: list, fields: tuple[str, ...]) -> object:
        return dataclasses.replace(record, **{f: getattr(rng.choice(others), f) for f in fields if rng.random() < 0.3})
    def more_fams(aim: object) -> object:  # FAM types repeated, as the count rules (LearnDelFAMType_18/31/77) test
        extra = rng.choice(EXTRA_FAMS) if rng.random() < 0.2 else ()
        return dataclasses.replace(aim, fams=aim.fams + extra) if extra else aim
    return [dataclasses.replace(
        lr, deliveries=tuple(more_fams(mix(aim, aims, MIXED)) for aim in lr.deliveries),
        employment_statuses=tuple(mix(e, statuses, ("emp_stat", "monitoring")) for e in lr.employment_statuses),
        **{f: rng.choice(values) for f, values in LEARNER_VALUES.items() if rng.random() < 0.3})
        for lr in learners]


@pytest.mark.parametrize("year", ["2627", "2526"])
def test_batched_rows_decide_as_each_row_alone(tmp_path, year):
    """A batch decides a row's conditions on an aim's signature once per signature (FundModel, FAMs, which
    fields are returned, ...): on the generator's learners with their aims' fields mixed at random, it finds
    exactly what each row finds when run on its own."""
    path = tmp_path / "f.xml"
    synth.write(str(path), BY_CODE[year], 150, 7)
    reader = IlrReader(str(path))
    learners = [r.item for r in reader if isinstance(r.item, Learner)]
    ctx = Context(path="f.xml", header=reader.header, year=reader.year, today=date(2026, 11, 1))
    rows = [c for c in discover() if isinstance(c, Row) and c.applies_to(reader.year) and not c.needs]
    batches = [b for b in batched(rows) if isinstance(b, RowBatch)]
    fired = 0
    for one in _mixed(learners, 1) + _mixed(learners, 2):
        for batch in batches:
            together = [(row.code, p.message, p.line) for row, p in batch.problems(one, ctx)]
            alone = [(row.code, p.message, p.line) for row in batch.rows for p in row.run(one, ctx)]
            assert sorted(together) == sorted(alone), (one.learn_ref_number, batch.kind)
            fired += len(alone)
    assert fired > 300  # rows fired: the comparison is not of empty lists
    # Learners that differ in one field of the Learner record, or of their first employment status, only: a
    # signature missing what tells them apart would share one decision between them.
    kinds = {b.kind: b for b in batches}
    fired = collections.Counter()
    for base in learners[:40]:
        variants = [(("learner",), f, dataclasses.replace(base, **{f: v})) for f, values in LEARNER_VALUES.items()
                    for v in values]
        for aim in base.deliveries[:1]:  # the learner's signature holds something of each aim too
            variants += [(("aim", "learner"), f, dataclasses.replace(
                base, deliveries=(dataclasses.replace(aim, **{f: v}), *base.deliveries[1:])))
                for f, values in AIM_VALUES.items() for v in values]
        for status in base.employment_statuses[:1]:
            variants += [(("esr",), f, dataclasses.replace(base, employment_statuses=(
                dataclasses.replace(status, **{f: v}), *base.employment_statuses[1:])))
                for f, values in STATUS_VALUES.items() for v in values]
        variants += _with_records(base)
        for batch_kinds, field, one in variants:
            for kind in batch_kinds:
                together = [(row.code, p.message) for row, p in kinds[kind].problems(one, ctx)]
                alone = [(row.code, p.message) for row in kinds[kind].rows for p in row.run(one, ctx)]
                assert sorted(together) == sorted(alone), (one.learn_ref_number, kind, field)
                fired[kind] += len(alone)
    assert min(fired[kind] for kind in ("aim", "learner", "esr")) > 100, fired
    assert min(fired[kind] for kind in RECORD_KINDS) > 10, fired


RECORD_KINDS = ("aim_fam", "work_placement", "ld_he", "learner_he", "learner_monitoring", "lldd", "prior_attain",
                "esm")


def _with_records(base: Learner) -> list[tuple[tuple[str, ...], str, Learner]]:
    """``base`` with none, one or two records of a kind within its first aim or the Learner record, faulty or not,
    or a FAM that returns its dates or not: a record's signature that did not tell them apart would share one
    decision between them."""
    aim, day = base.deliveries[0], date(2001, 1, 1)
    on_aim = {"aim_fam": ("fams", [aim.fams + (LearningDeliveryFAM(t, c, 1, date_from=start, date_to=end),)
                                   for t, c in (("LDM", "034"), ("ACT", "1"), ("SOF", "105"))
                                   for start in (None, day) for end in (None, day)]),
              "work_placement": ("work_placements", [(WorkPlacement(day, 1, mode=mode),) * count
                                                     for count in (0, 1, 2) for mode in (1, 9)]),
              "ld_he": ("he", [None, LearningDeliveryHE(1), LearningDeliveryHE(1, fundlev=99, modestud=9)])}
    on_learner = {"learner_he": ("he", [None, LearnerHE(1), LearnerHE(1, financial_support=(HEFin(9, 10, 1),))]),
                  "learner_monitoring": ("monitoring", [(Monitoring(o, "x", 1),) * n for n in (0, 1, 2)
                                                        for o in ("A", "Z")]),
                  "lldd": ("lldd_and_health_problems", [(LLDDandHealthProblem(1, cat, 1),) * n for n in (0, 1, 2)
                                                        for cat in (4, 50)]),
                  "prior_attain": ("prior_attain", [(PriorAttain(1, level),) * n for n in (0, 1, 2)
                                                    for level in (2, 98, 77)])}
    found = [(("aim", kind), field, dataclasses.replace(base, deliveries=(
        dataclasses.replace(aim, **{field: value}), *base.deliveries[1:])))
        for kind, (field, values) in on_aim.items() for value in values]
    found += [((kind,), field, dataclasses.replace(base, **{field: value}))
              for kind, (field, values) in on_learner.items() for value in values]
    return found + [(("esm", "esr"), "monitoring", dataclasses.replace(base, employment_statuses=(
        dataclasses.replace(status, monitoring=monitoring), *base.employment_statuses[1:])))
        for status in base.employment_statuses[:1]
        for monitoring in ((), (ESM("EII", 1, 1),), (ESM("EII", 1, 1), ESM("XYZ", 1, 1)), (ESM("XYZ", 1, 1),))]
