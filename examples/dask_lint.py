"""Lint many ILR returns on a Dask cluster and gather one summary row per return.

    python examples/dask_lint.py returns/*.xml

Each task lints one return with ``ilr_lint.lint`` on a worker; only the summary (no learner
data) comes back to the client. Point ``Client`` at your scheduler's address to use a real
cluster; without one, a local cluster of worker processes is started.
"""

from __future__ import annotations

import sys
from collections import Counter

import dask.bag as db
from dask.distributed import Client, LocalCluster

import ilr_lint


def summarise(path: str) -> dict[str, object]:
    """Lint one return on a worker: its UKPRN, year, learners and findings per severity and code."""
    [result] = ilr_lint.lint([path])
    return {
        "path": result.path, "ukprn": result.ukprn, "year": result.year, "learners": result.learners,
        "by_severity": dict(Counter(f.severity for f in result.findings)),
        "by_code": dict(Counter(f.code for f in result.findings)),
    }


def lint_all(paths: list[str], client: Client) -> list[dict[str, object]]:
    """One summary per return, in the order given, computed on ``client``'s cluster."""
    bag = db.from_sequence(paths, npartitions=max(1, len(paths)))
    return bag.map(summarise).compute(scheduler=client.get)


if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        for row in lint_all(sys.argv[1:], client):
            print(row)
