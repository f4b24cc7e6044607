"""Rules split out of guidance checks so that each has one check enforcing all of it (issue 13)."""

from __future__ import annotations

from builders import delivery, fam, ilr, learner


def test_a_funded_apprenticeship_without_sof_draws_one_finding_under_the_rule_name(lint):
    apprentice = learner("A1", deliveries=[delivery(LearnAimRef="ZPROG001", AimType=1, FundModel=36, ProgType=25,
                                                    StdCode=28, fams=[fam("ACT", 1, "2026-09-01")])])
    findings = lint(ilr(apprentice), select=("LearnDelFAMType_01", "ILR207"))
    assert [(f.code, f.rules) for f in findings] == [("ILR207", ("LearnDelFAMType_01",))]
