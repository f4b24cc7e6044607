from builders import delivery, ilr, learner
from conftest import codes


def test_withdrawn_without_reason_is_flagged(lint):
    xml = ilr(learner("L1", deliveries=[delivery(CompStatus=3, LearnActEndDate="2026-10-01", Outcome=3)]))
    findings = lint(xml, select=("ILR101",))
    assert codes(findings) == ["ILR101"]
    assert findings[0].learner == "L1" and findings[0].aim == 1
    assert findings[0].line == 5


def test_withdrawn_with_reason_is_clean(lint):
    xml = ilr(learner("L1", deliveries=[delivery(CompStatus=3, LearnActEndDate="2026-10-01", WithdrawReason=97,
                                                 Outcome=3)]))
    assert lint(xml, select=("ILR101",)) == []
