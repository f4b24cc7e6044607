"""Mutation fuzzing of ``ilr-lint check`` and ``--diff``: no traceback, no crash, no personal data.

A valid ILR file whose learners carry personal values is mutated at random (truncation,
byte damage, elements dropped, doubled or moved, odd values, comments and processing
instructions inside values, DOCTYPEs), and the mutants are linted in one run of the real
command. Whatever the damage, the run must end with exit 0, 1 or 2, every line on stderr
must be one ``ilr-lint:`` line naming a file, no check may crash, and no personal value may
appear in any output. ``tests/test_fuzz.py`` runs a small batch; for a larger run::

    python tests/fuzz/fuzz_ilr.py --mutants 2000 --seed 7
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for builders

from builders import delivery, fam, ilr, learner  # noqa: E402

PERSONAL = dict(FamilyName="Zanzibarova", GivenNames="Quintessa", DateOfBirth="2001-02-03", NINumber="QQ123456C",
                Postcode="ZZ8 8ZZ", AddLine1="17 Quayside Mews", TelNo="07700900123", Email="quintessa@example.org")
ULNS = ("1000000042", "1000000050", "1000000069")
SECRETS = (*(v for k, v in PERSONAL.items() if k != "DateOfBirth"), *ULNS)  # a date may be a finding's subject
ODD_VALUES = ("", " ", "-1", "0", "99999999999", "2026-13-45", "abc", "&amp;", "<!-- c -->1", "1<?pi x?>", "é",
              "x" * 300, "2026-08-01", "9999999999", "3", "6")


def base_file() -> str:
    withdrawn = dict(CompStatus=3, LearnActEndDate="2026-10-01", WithdrawReason=97, OutGrade="FL")
    learners = [
        learner("L1", ULN=int(ULNS[0]), deliveries=[delivery(FundModel=38, fams=[fam("SOF", 105)], **withdrawn)],
                **PERSONAL),
        learner("L2", ULN=int(ULNS[1]), deliveries=[delivery(), delivery(AimSeqNumber=2, WithdrawReason=97)],
                **PERSONAL),
        learner("L3", ULN=int(ULNS[2]), deliveries=[delivery(CompStatus=2, LearnActEndDate="2026-10-01", Outcome=1)],
                **PERSONAL),
    ]
    return ilr(*learners)


_ELEMENT = re.compile(r"<(\w+)>[^<]*</\1>")
_PERSONAL_ELEMENT = re.compile(r"<(%s)>" % "|".join(PERSONAL))


def mutate(text: str, rnd: random.Random) -> str:
    """One to three random mutations of ``text``."""
    for _ in range(rnd.randint(1, 3)):
        text = rnd.choice(MUTATIONS)(text, rnd)
    return text


def _truncate(text: str, rnd: random.Random) -> str:
    return text[:rnd.randrange(len(text))]


def _damage_byte(text: str, rnd: random.Random) -> str:
    at = rnd.randrange(len(text))
    return text[:at] + rnd.choice(["", "<", ">", "&", "\x00", "\"", "/", "x"]) + text[at + 1:]


def _elements(text: str) -> list[re.Match[str]]:
    return [m for m in _ELEMENT.finditer(text) if not _PERSONAL_ELEMENT.match(m[0])]


def _drop_element(text: str, rnd: random.Random) -> str:
    m = rnd.choice(_elements(text) or [None]) if _elements(text) else None
    return text if m is None else text[:m.start()] + text[m.end():]


def _double_element(text: str, rnd: random.Random) -> str:
    found = _elements(text)
    if not found:
        return text
    m = rnd.choice(found)
    return text[:m.end()] + m[0] + text[m.end():]


def _odd_value(text: str, rnd: random.Random) -> str:
    found = _elements(text)
    if not found:
        return text
    m = rnd.choice(found)
    return text[:m.start()] + f"<{m[1]}>{rnd.choice(ODD_VALUES)}</{m[1]}>" + text[m.end():]


def _insert_markup(text: str, rnd: random.Random) -> str:
    spots = [m.start() for m in re.finditer("<", text)]
    at = rnd.choice(spots) if spots else 0
    markup = rnd.choice(["<!-- note -->", "<?app x?>", "<![CDATA[1]]>", "<Unknown>1</Unknown>",
                         '<!DOCTYPE Message [<!ENTITY e "x">]>', "&e;", "<Learner/>"])
    return text[:at] + markup + text[at:]


def _move_learner(text: str, rnd: random.Random) -> str:
    learners = re.findall(r"<Learner>.*?</Learner>", text, re.S)
    if len(learners) < 2:
        return text
    moved = rnd.choice(learners)
    text = text.replace(moved, "", 1)
    return text.replace("<LearningProvider>", moved + "<LearningProvider>", 1) if rnd.random() < 0.5 \
        else text.replace("</Message>", moved + "</Message>", 1)


MUTATIONS = (_truncate, _damage_byte, _drop_element, _double_element, _odd_value, _odd_value, _insert_markup,
             _move_learner)


def ilr_lint() -> str:
    exe = shutil.which("ilr-lint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        raise SystemExit("the ilr-lint console script is not installed (pip install -e .)")
    return exe


def run(folder: Path, mutants: int, seed: int) -> list[str]:
    """Write ``mutants`` mutated files to ``folder``, lint and diff them; return every problem found."""
    rnd = random.Random(seed)
    base = base_file()
    names = []
    for i in range(mutants):
        name = f"ILR-{i:05d}.xml"
        (folder / name).write_text(mutate(base, rnd), encoding="utf-8", errors="surrogateescape")
        names.append(name)
    problems = []
    for mode in (["--format", "json"], ["--diff", "--unsafe-fixes"]):
        done = subprocess.run([ilr_lint(), "check", *mode, "--jobs", "1", "--today", "2026-11-01", *names],
                              cwd=folder, capture_output=True, text=True, timeout=600)
        problems += judge(done, names, mode[0])
    return problems


def judge(done: subprocess.CompletedProcess[str], names: list[str], mode: str) -> list[str]:
    problems = []
    if done.returncode not in (0, 1, 2):
        problems.append(f"{mode}: exit code {done.returncode}")
    for line in done.stderr.splitlines():
        if not line.startswith("ilr-lint: ") or "Traceback" in line:
            problems.append(f"{mode}: stray stderr line: {line[:200]}")
        elif " failed at " in line or line.startswith("ilr-lint: bug:"):
            problems.append(f"{mode}: crash: {line[:300]}")
        elif not line.startswith("ilr-lint: note: ") and not any(n in line for n in names):
            problems.append(f"{mode}: error naming no file: {line[:200]}")
    for secret in SECRETS:
        if secret in done.stdout or secret in done.stderr:
            problems.append(f"{mode}: personal value {secret!r} in the output")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        problems = run(Path(tmp), args.mutants, args.seed)
    print("\n".join(problems) or f"{args.mutants} mutants: no problem found")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
