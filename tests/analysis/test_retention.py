"""Retention: older runs lose their per-person rows; their own and their teams' figures stay."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from analysis.job import run_analysis
from graph import analysis_runs
from graph.db import Database
from tests.analysis import org

_ROWS = """
MATCH (r:AnalysisRun {id: $id})
RETURN COUNT { (r)-[:MEASURED]->(:Person) } AS people,
       COUNT { (r)-[:MEASURED]->(:Team) } AS teams,
       COUNT { (r)-[:CHAMPION]->(:Person) } AS champions
"""


async def _rows(db: Database, run_id: str) -> dict[str, int]:
    [row] = await db.read(_ROWS, {"id": run_id})
    return {k: int(v) for k, v in row.items()}


async def test_older_runs_lose_their_per_person_rows_only(db: Database) -> None:
    await org.build(db)
    full = {"people": 11, "teams": 3, "champions": 5}
    first = await run_analysis(db, keep_person_results=2)
    second = await run_analysis(db, keep_person_results=2)
    assert first.pruned == second.pruned == ()
    third = await run_analysis(db, keep_person_results=2)
    assert third.pruned == (first.run_id,)

    assert await _rows(db, first.run_id) == {"people": 0, "teams": 3, "champions": 0}
    assert await _rows(db, second.run_id) == full
    assert await _rows(db, third.run_id) == full
    old = await analysis_runs.get_run(db, first.run_id)
    assert old is not None
    assert old["people"] == 11  # the run's own figures stay
    assert not analysis_runs.has_person_results(old)
    assert old["personResultsPrunedAt"] is not None
    [latest] = (await analysis_runs.page_runs(db, limit=1, after=None))[0]
    assert analysis_runs.has_person_results(latest)
    # The teams' rows are the trend: all three runs are still in it.
    trend = await analysis_runs.team_trend(db, "C", limit=5)
    assert [t["run"] for t in trend] == [third.run_id, second.run_id, first.run_id]

    # A run already pruned is not pruned again; keeping 1 prunes the next older one.
    fourth = await run_analysis(db, keep_person_results=1)
    assert fourth.pruned == (third.run_id, second.run_id)
    assert await _rows(db, fourth.run_id) == full


async def test_zero_keeps_every_run(db: Database) -> None:
    await org.build(db)
    runs = [await run_analysis(db, keep_person_results=0) for _ in range(2)]
    assert await analysis_runs.prune_person_results(db, keep=0) == []
    for run in runs:
        assert await _rows(db, run.run_id) == {"people": 11, "teams": 3, "champions": 5}


async def test_a_prune_stopped_half_way_is_refused_to_readers_and_finished_later(
    db: Database,
) -> None:
    await org.build(db)
    first = await run_analysis(db)
    await run_analysis(db)
    # What a prune leaves when it stops after marking the run and deleting some rows.
    await db.write(
        "MATCH (r:AnalysisRun {id: $id}) SET r.personResults = 'pruning'", {"id": first.run_id}
    )
    await db.write(
        "MATCH (:AnalysisRun {id: $id})-[m:MEASURED]->(:Person) WITH m LIMIT 4 DELETE m",
        {"id": first.run_id},
    )
    run = await analysis_runs.get_run(db, first.run_id)
    assert run is not None
    assert not analysis_runs.has_person_results(run)
    assert (await _rows(db, first.run_id))["people"] == 7

    assert await analysis_runs.prune_person_results(db, keep=1, batch=3) == [first.run_id]
    assert await _rows(db, first.run_id) == {"people": 0, "teams": 3, "champions": 0}


async def _post(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    "field",
    [
        "cultureLeaders(runId: $run) { score }",
        "brokers(runId: $run) { betweenness }",
        "isolatedPeople(runId: $run) { degree }",
        'champions(skillId: "sql", runId: $run) { score }',
        'personNetwork(personId: "a1", runId: $run) { degree }',
    ],
)
async def test_per_person_fields_of_a_pruned_run_say_so(
    client: httpx.AsyncClient, db: Database, field: str
) -> None:
    await org.build(db)
    old = await run_analysis(db)
    new = await run_analysis(db)
    await analysis_runs.prune_person_results(db, keep=1)

    body = await _post(client, f"query($run: ID) {{ x: {field} }}", run=old.run_id)
    assert body["data"] == {"x": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "RESULTS_PRUNED"
    assert error["message"] == (
        f"analysis run {old.run_id!r} no longer holds per-person results: only the latest "
        "complete runs keep them (SKILLGRAPH_KEEP_PERSON_RESULTS); its organisation and team "
        "figures remain"
    )
    assert (await _post(client, f"query($run: ID) {{ x: {field} }}", run=new.run_id)).get(
        "errors"
    ) is None

    runs = await _post(
        client,
        "{ communityHealthRuns { edges { node { runId personResultsKept people } } }"
        ' isolatedTeams(runId: "' + old.run_id + '") { team { key } } }',
    )
    assert runs.get("errors") is None, runs
    nodes = [e["node"] for e in runs["data"]["communityHealthRuns"]["edges"]]
    assert nodes == [
        {"runId": new.run_id, "personResultsKept": True, "people": 11},
        {"runId": old.run_id, "personResultsKept": False, "people": 11},
    ]
    assert [t["team"]["key"] for t in runs["data"]["isolatedTeams"]] == ["C"]
