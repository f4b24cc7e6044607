"""ilr_lint.official.unique.Firsts: the compact memory of R_06's and R_59's values finds exactly what dicts find."""

from __future__ import annotations

import random

import pytest

from ilr_lint.official import unique
from ilr_lint.official.unique import Firsts


def _by_dicts(stream):
    """What the rules found when each value's first learner was kept in a dict."""
    refs, ulns, repeated_refs, repeated_ulns = set(), {}, [], []
    for ref, uln, line in stream:
        if ref in refs:
            repeated_refs.append((line, ref, ref))
        refs.add(ref)
        if uln in ulns:
            repeated_ulns.append((line, ref, ulns[uln]))
        elif uln is not None:
            ulns[uln] = ref
    return repeated_refs, repeated_ulns


def _stream(seed: int, count: int):
    """Learners as (LearnRefNumber, ULN, line): numbers and ULNs repeated, a ULN too long for 64 bits, texts
    beyond ASCII, a LearnRefNumber that is a ULN's digits."""
    rng = random.Random(seed)
    ulns = [rng.choice([rng.randrange(10 ** 9, 10 ** 10), 2 ** 70 + rng.randrange(3), -5, None])
            for _ in range(count // 3)]
    refs = [rng.choice([f"L{rng.randrange(10 ** 6)}", "é", "", "1234567890", "\u00e9x"]) for _ in range(count // 2)]
    return [(rng.choice(refs) if rng.random() < 0.3 else f"N{line}", rng.choice(ulns), line * 10)
            for line in range(1, count + 1)]


def _firsts(stream):
    firsts = Firsts()
    for learner in stream:
        firsts.add(*learner)
    return firsts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_repeats_are_those_dicts_find(seed):
    stream = _stream(seed, 5000)  # past several doublings of both tables
    firsts = _firsts(stream)
    assert (firsts.repeated_refs, firsts.repeated_ulns) == _by_dicts(stream)
    assert len(firsts.repeated_refs) > 500 and len(firsts.repeated_ulns) > 1000


def test_values_whose_hashes_meet_are_told_apart_in_full(monkeypatch):
    monkeypatch.setattr(unique, "hash", lambda text: 7, raising=False)  # every value in one slot's run
    stream = _stream(4, 600)
    firsts = _firsts(stream)
    assert (firsts.repeated_refs, firsts.repeated_ulns) == _by_dicts(stream)


def test_a_worker_logs_and_the_parent_finds_the_same():
    stream = _stream(5, 3000)
    worker, parent, alone = Firsts(log=True), Firsts(), Firsts()
    for at in range(0, len(stream), 700):  # batch by batch, in file order
        for learner in stream[at:at + 700]:
            worker.add(*learner)
            alone.add(*learner)
        parent.take_over(worker.handover())
    assert worker.repeated_refs == worker.repeated_ulns == []
    assert (parent.repeated_refs, parent.repeated_ulns) == (alone.repeated_refs, alone.repeated_ulns) \
        == _by_dicts(stream)


def test_a_long_uln_is_never_taken_for_a_learnrefnumber_or_another_uln():
    firsts = _firsts([("A", 10 ** 25, 1), (str(10 ** 25), None, 2), ("B", 10 ** 25 + 1, 3),
                      ("C", 10 ** 25, 4)])
    assert firsts.repeated_refs == [] and firsts.repeated_ulns == [(4, "C", "A")]


def test_a_learner_costs_about_fifty_bytes():
    firsts = Firsts()
    for number in range(100_000):
        firsts.add(f"LRN{number:07d}", 1_000_000_000 + 11 * number, number)
    held = sum(len(a) * a.itemsize for a in (firsts._text_slots, firsts._ends, firsts._ulns, firsts._owners,
                                            firsts._uln_slots)) + len(firsts._text) + len(firsts._tags) \
        + len(firsts._long)
    assert held / 100_000 < 60  # two dicts of (line, LearnRefNumber) tuples held about 600 bytes a learner
