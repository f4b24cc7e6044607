"""Rules split out of guidance checks so that each has one check enforcing all of it (issue 13)."""

from __future__ import annotations

from builders import delivery, fam, ilr, learner
from official_cases import assert_rule


def test_learn_del_fam_type_01_source_of_funding_on_every_funded_aim(lint):
    bad = learner("BAD", deliveries=[delivery(FundModel=38)])
    good = learner("OK", deliveries=[delivery(FundModel=99)])  # non-funded aims need no SOF
    [finding] = assert_rule(lint, "LearnDelFAMType_01", bad, good)
    assert "no LearningDeliveryFAM SOF" in finding.message


def test_a_funded_apprenticeship_without_sof_draws_one_finding_naming_both_rules(lint):
    apprentice = learner("A1", deliveries=[delivery(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25,
                                                    StdCode=28, fams=[fam("ACT", 1, "2026-09-01")])])
    findings = lint(ilr(apprentice), select=("LearnDelFAMType_01", "ILR207"))
    assert [(f.code, f.rules) for f in findings] == [("ILR207", ("LearnDelFAMType_01", "LearnDelFAMType_09"))]
