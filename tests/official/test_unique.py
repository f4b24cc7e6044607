"""ilr_lint.official.unique.Seen: the compact memory of R_06's and R_59's values finds exactly what a dict finds."""

from __future__ import annotations

import random

import pytest

from ilr_lint.official import unique
from ilr_lint.official.unique import Seen


def _by_dict(stream):
    """What the rules found when each value's first learner was kept in a dict."""
    first, repeats = {}, []
    for value, line, learner in stream:
        earlier = first.setdefault(value, (line, learner))
        if earlier[0] != line:
            repeats.append((line, learner, str(earlier[1])))
    return repeats


def _stream(seed: int, count: int):
    rng = random.Random(seed)
    values = [rng.choice([rng.randrange(10 ** 9, 10 ** 10), f"L{rng.randrange(10 ** 6)}", 2 ** 70, -5, "", "é"])
              for _ in range(count // 3)]
    stream = []
    for line in range(1, count + 1):
        value = rng.choice(values)
        learner = f"L{line}" if rng.random() < 0.7 else (value if isinstance(value, str) else None)
        stream.append((value, line * 10, learner))
        if rng.random() < 0.01:
            stream.append((value, line * 10, learner))  # the same learner's value again: not a repeat
    return stream


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_repeats_are_those_a_dict_finds(seed):
    stream = _stream(seed, 5000)  # past several doublings of the table
    seen = Seen()
    for value, line, learner in stream:
        seen.add(value, line, learner)
    assert seen.repeats == _by_dict(stream)
    assert len(seen.repeats) > 1000


def test_values_whose_hashes_meet_are_told_apart_by_their_text(monkeypatch):
    monkeypatch.setattr(unique, "hash", lambda text: 7, raising=False)  # every value in one slot's run
    stream = _stream(4, 600)
    seen = Seen()
    for value, line, learner in stream:
        seen.add(value, line, learner)
    assert seen.repeats == _by_dict(stream)


def test_a_worker_logs_and_the_parent_finds_the_same():
    stream = _stream(5, 3000)
    worker, parent, alone = Seen(log=True), Seen(), Seen()
    for at in range(0, len(stream), 700):  # batch by batch, in file order
        for value, line, learner in stream[at:at + 700]:
            worker.add(value, line, learner)
            alone.add(value, line, learner)
        parent.take_over(worker.handover())
    assert worker.repeats == [] and parent.repeats == alone.repeats == _by_dict(stream)


def test_a_first_learner_without_a_learnrefnumber_is_never_named_by_the_value():
    seen = Seen()
    for line, (value, learner) in enumerate([(10 ** 25, ""), (10 ** 25, "B"), ("x", None), ("x", "D")]):
        seen.add(value, line, learner)  # a ULN too long for the schema is kept as text; it is personal data
    assert seen.repeats == [(1, "B", ""), (3, "D", "None")]


def test_a_value_costs_tens_of_bytes():
    seen = Seen()
    for number in range(100_000):
        seen.add(1_000_000_000 + 11 * number, number, f"LRN{number:07d}")
    held = sum(len(a) * a.itemsize for a in (seen._slots, seen._keys, seen._lines, seen._ends)) + len(seen._text)
    assert held / 100_000 < 50  # a dict of (line, LearnRefNumber) tuples held about 300 bytes a learner
