"""On a generated organisation the analysis finds what the generator planted."""

from __future__ import annotations

from analysis.job import run_analysis
from graph import analysis_runs
from graph.db import Database
from seeds.generator import generate


def _precision_recall(found: set[str], truth: set[str]) -> tuple[float, float]:
    hits = len(found & truth)
    return hits / len(found) if found else 0.0, hits / len(truth) if truth else 1.0


async def test_planted_isolated_teams_and_brokers_are_found(db: Database) -> None:
    manifest = await generate(db, people=500, seed=11)
    assert len(manifest.isolated_teams) >= 2
    assert len(manifest.brokers) >= 3
    report = await run_analysis(db)

    teams = await analysis_runs.isolated_teams(db, report.run_id, limit=100)
    precision, recall = _precision_recall({t["id"] for t in teams}, set(manifest.isolated_teams))
    assert precision >= 0.9
    assert recall >= 0.9

    # every broker found counts, managers included (the planted brokers are not managers)
    brokers = await analysis_runs.brokers(db, report.run_id, limit=100)
    precision, recall = _precision_recall({b["id"] for b in brokers}, set(manifest.brokers))
    assert precision >= 0.9
    assert recall >= 0.9
