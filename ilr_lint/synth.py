"""Write synthetic ILR files of any size: fictional learners, correctly recorded.

    python -m ilr_lint.synth --learners 5000 --year 2627 --seed 1 -o ILR.xml
    python -m ilr_lint.synth --learners 5000 --year 2627 -o ILR.xml --previous-year-file ILR-2526.xml

The output is deterministic for a seed and is written one learner at a time, so memory stays
flat for any number of learners. The mix is what a general FE college returns: 16-19 study
programmes, adult skills aims, apprenticeship standards (ACT, TNP, PMR, employment status,
changes of employer, breaks and restarts, withdrawals, achievements) and T Levels.

Learners are built year-neutrally (:mod:`ilr_lint.synth_learners`) and written by
:func:`write_learner` in the element order of the requested year: 2026-27 writes hours as
``HRSRecord`` (HRS1 planned off-the-job, HRS2 T Level planned, HRS3 actual off-the-job),
earlier years as ``PHours`` and ``OTJActHours``.

``--previous-year-file`` also writes the previous collection year's R14 view of the same
provider, as many learners long: the learners with aims started before this year, as they
stood on 31 July, and learners who finished within that year.

``--r14-years N`` writes instead N years of R14 returns ending with ``--year`` into the folder
``OUTPUT``, 2020-21 onwards, for ``ilr-lint qar`` (:mod:`ilr_lint.synth_r14`).

``--faults RATE`` plants one fault (:data:`ilr_lint.synth_faults.FAULTS`) in about that share of learners of the
main file and lists each, as it is planted, in ``OUTPUT.faults.json`` with the one finding
(code, learner, aim) it causes; the other learners are byte for byte those of the clean file.
Without faults every check, schema validation and ``--previous`` against the companion file
included, finds nothing (tests/test_synth.py).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import sys
from datetime import date
from typing import IO, Iterable
from xml.sax.saxutils import escape

from .synth_faults import with_faults
from .synth_learners import (HRS_ACTUAL_OTJ, HRS_PLANNED_OTJ, HRS_TLEVEL_PLANNED, MAX_LEARNERS, UKPRN, Aim, Learner,
                             learners, preparation_date, previous_year, previous_year_learners)
from .years import BY_CODE, CollectionYear

LEARNER_ORDER = (
    "LearnRefNumber", "PrevLearnRefNumber", "PrevUKPRN", "PMUKPRN", "CampId", "ULN", "FamilyName", "GivenNames",
    "DateOfBirth", "Ethnicity", "Sex", "LLDDHealthProb", "NINumber", "Accom", "ALSCost", "PlanLearnHours",
    "PlanEEPHours", "MathGrade", "EngGrade", "PostcodePrior", "Postcode", "AddLine1", "AddLine2", "AddLine3",
    "AddLine4", "TelNo", "Email",
)
DELIVERY_ORDER = (
    "LearnAimRef", "AimType", "AimSeqNumber", "LearnStartDate", "OrigLearnStartDate", "LearnPlanEndDate",
    "FundModel", "PHours", "OTJActHours", "ProgType", "FworkCode", "PwayCode", "StdCode", "PartnerUKPRN",
    "DelLocPostCode", "LSDPostcode", "AddHours", "PriorLearnFundAdj", "OtherFundAdj", "ConRefNumber", "EPAOrgID",
    "EmpOutcome", "CompStatus", "LearnActEndDate", "WithdrawReason", "Outcome", "AchDate", "OutGrade",
    "SWSupAimId", "TLOut",
)
# The field that held the hours of each HRS code before 2026-27.
HOURS_FIELD_BEFORE_2627 = {HRS_PLANNED_OTJ: "PHours", HRS_TLEVEL_PLANNED: "PHours", HRS_ACTUAL_OTJ: "OTJActHours"}


# --- writing ------------------------------------------------------------------------------

def _text(value: object) -> str:
    return escape(value.isoformat() if isinstance(value, date) else str(value))


def _simple(tag: str, value: object) -> str:
    return f"<{tag}>{_text(value)}</{tag}>"


def _group(tag: str, pairs: Iterable[tuple[str, object]], indent: str) -> list[str]:
    inner = "".join(_simple(k, v) for k, v in pairs if v is not None)
    return [f"{indent}<{tag}>{inner}</{tag}>"]


def _aim_lines(aim: Aim, year: CollectionYear) -> list[str]:
    values = dict(aim.fields)
    if year.code != "2627":
        for code, hours in aim.hours.items():
            values[HOURS_FIELD_BEFORE_2627[code]] = hours
    lines = ["\t\t<LearningDelivery>"]
    lines += [f"\t\t\t{_simple(name, values[name])}" for name in DELIVERY_ORDER if values.get(name) is not None]
    for fam_type, code, date_from, date_to in aim.fams:
        lines += _group("LearningDeliveryFAM", (("LearnDelFAMType", fam_type), ("LearnDelFAMCode", code),
                                                ("LearnDelFAMDateFrom", date_from), ("LearnDelFAMDateTo", date_to)),
                        "\t\t\t")
    if year.code == "2627":
        for code in sorted(aim.hours):
            lines += _group("HRSRecord", (("HRSType", "HRS"), ("HRSCode", code), ("HRSAmount", aim.hours[code])),
                            "\t\t\t")
    for placement in aim.placements:
        lines += _group("LearningDeliveryWorkPlacement", placement.items(), "\t\t\t")
    for fin_type, code, on, amount in aim.fins:
        lines += _group("AppFinRecord", (("AFinType", fin_type), ("AFinCode", code), ("AFinDate", on),
                                         ("AFinAmount", amount)), "\t\t\t")
    lines.append("\t\t</LearningDelivery>")
    return lines


def write_learner(out: IO[str], learner: Learner, year: CollectionYear) -> None:
    """One ``<Learner>`` in the element order of ``year``; it starts on a line of its own."""
    lines = ["\t<Learner>"]
    lines += [f"\t\t{_simple(name, learner.fields[name])}" for name in LEARNER_ORDER
              if learner.fields.get(name) is not None]
    for level, day in learner.prior:
        lines += _group("PriorAttain", (("PriorLevel", level), ("DateLevelApp", day)), "\t\t")
    for fam_type, code in learner.fams:
        lines += _group("LearnerFAM", (("LearnFAMType", fam_type), ("LearnFAMCode", code)), "\t\t")
    for emp in learner.employment:
        inner = "".join(_simple(k, v) for k, v in (
            ("EmpStat", emp.emp_stat), ("DateEmpStatApp", emp.date), ("EmpId", emp.emp_id),
            ("AgreemId", emp.agreem_id if year.code == "2627" else None)) if v is not None)
        inner += "".join(f"<EmploymentStatusMonitoring>{_simple('ESMType', t)}{_simple('ESMCode', c)}"
                         "</EmploymentStatusMonitoring>" for t, c in emp.esm)
        lines.append(f"\t\t<LearnerEmploymentStatus>{inner}</LearnerEmploymentStatus>")
    for aim in learner.aims:
        lines += _aim_lines(aim, year)
    lines.append("\t</Learner>")
    out.write("\n".join(lines) + "\n")


def write_file(out: IO[str], year: CollectionYear, learners: Iterable[Learner], *, prep: date,
               ukprn: int = UKPRN) -> int:
    """A whole ILR message; returns the number of learners written."""
    out.write(f'<?xml version="1.0" encoding="utf-8"?>\n<Message xmlns="{year.namespace}">\n')
    out.write(f"\t<Header>\n\t\t<CollectionDetails><Collection>ILR</Collection><Year>{year.code}</Year>"
              f"<FilePreparationDate>{prep.isoformat()}</FilePreparationDate></CollectionDetails>\n"
              f"\t\t<Source><ProtectiveMarking>OFFICIAL-SENSITIVE-Personal</ProtectiveMarking><UKPRN>{ukprn}</UKPRN>"
              f"<SoftwareSupplier>ilr-lint</SoftwareSupplier><SoftwarePackage>ilr-lint synth</SoftwarePackage>"
              f"<Release>1</Release><SerialNo>01</SerialNo><DateTime>{prep.isoformat()}T09:00:00</DateTime>"
              "</Source>\n\t</Header>\n")
    out.write(f"\t<LearningProvider><UKPRN>{ukprn}</UKPRN></LearningProvider>\n")
    count = 0
    for learner in learners:
        write_learner(out, learner, year)
        count += 1
    out.write("</Message>\n")
    return count


def faults_path(path: str) -> str:
    """Where the planted faults of the file at ``path`` are listed."""
    return f"{path}.faults.json"


def write(path: str, year: CollectionYear, count: int, seed: int, *, previous: bool = False,
          faults: float = 0.0, ukprn: int = UKPRN) -> int:
    """Write a synthetic file (or, with ``previous``, its previous-year R14 companion); returns learners.

    With ``faults`` (a share of learners, 0-1; not for the previous-year file) the planted faults
    are listed, as they are planted, in :func:`faults_path`: ``{"faults": [{"learner", "aim",
    "code", "fault"}, ...]}`` - one finding each, learner-level ones with ``aim`` null.
    """
    if not 1 <= count <= MAX_LEARNERS:
        raise SystemExit(f"--learners must be between 1 and {MAX_LEARNERS:,}")
    target = previous_year(year) if previous else year
    source = previous_year_learners(year, count, seed) if previous else learners(year, count, seed)
    prep = date(target.first + 1, 10, 15) if previous else preparation_date(year)  # R14 is prepared in October
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(path, "w", encoding="utf-8", newline="\n"))
        if faults and not previous:
            sidecar = stack.enter_context(open(faults_path(path), "w", encoding="utf-8", newline="\n"))
            sidecar.write('{"file": %s, "rate": %s, "seed": %d, "faults": [' % (
                json.dumps(os.path.basename(path)), json.dumps(faults), seed))
            stack.callback(sidecar.write, "\n]}\n")
            separators = iter(itertools.chain(["\n"], itertools.repeat(",\n")))
            source = with_faults(source, faults, seed,
                                 lambda entry: sidecar.write(next(separators) + json.dumps(entry)))
        return write_file(out, target, source, prep=prep, ukprn=ukprn)


def _rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1 (a share of learners)")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ilr_lint.synth", description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, required=True, help="how many learners to write")
    parser.add_argument("--year", default="2627", choices=sorted(BY_CODE), help="collection year (header Year)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same file)")
    parser.add_argument("-o", "--output", required=True, help="the ILR XML file to write")
    parser.add_argument("--previous-year-file", metavar="PATH",
                        help="also write the previous year's R14 view of the same provider here")
    parser.add_argument("--faults", type=_rate, default=0.0, metavar="RATE",
                        help="plant one fault in this share of learners (0-1), listed in OUTPUT.faults.json")
    parser.add_argument("--ukprn", type=int, default=UKPRN, help=f"the provider's UKPRN (default {UKPRN})")
    parser.add_argument("--r14-years", type=int, metavar="N",
                        help="write N years of R14 returns ending with --year into the folder OUTPUT, for "
                             "'ilr-lint qar' (see ilr_lint/synth_r14.py)")
    args = parser.parse_args(argv)
    year = BY_CODE[args.year]
    if args.r14_years:
        from .synth_r14 import write_series  # it builds on this module
        for path in write_series(args.output, year, args.r14_years, args.learners, args.seed, args.ukprn):
            print(f"{path}: R14", file=sys.stderr)
        return 0
    written = write(args.output, year, args.learners, args.seed, faults=args.faults, ukprn=args.ukprn)
    print(f"{args.output}: {written} learners ({year.label})", file=sys.stderr)
    if args.previous_year_file:
        earlier = write(args.previous_year_file, year, args.learners, args.seed, previous=True, ukprn=args.ukprn)
        print(f"{args.previous_year_file}: {earlier} learners (previous year)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
