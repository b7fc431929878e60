from __future__ import annotations

from typing import Any

import httpx
import pytest
from strawberry.relay import GlobalID

from analysis.model import Parameters
from analysis.pipeline import compute
from graph import analysis_runs
from graph.db import Database, count_round_trips
from graph.projection import project
from tests.analysis import org


async def _post(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body.get("errors") is None, body
    return body["data"]  # type: ignore[no-any-return]


_RUN = """
mutation { runCommunityAnalysis {
  __typename
  ... on RunCommunityAnalysisPayload { run { runId people ties algorithm betweennessSamples } }
  ... on RunCommunityAnalysisError { code message field }
} }
"""


async def test_nothing_before_the_first_run(client: httpx.AsyncClient, db: Database) -> None:
    data = await _post(
        client,
        "{ communityHealth { runId } cultureLeaders { score } brokers { betweenness }"
        " isolatedTeams { reasons } communityHealthRuns { totalCount } }",
    )
    assert data == {
        "communityHealth": None,
        "cultureLeaders": [],
        "brokers": [],
        "isolatedTeams": [],
        "communityHealthRuns": {"totalCount": 0},
    }


async def test_run_then_read_the_documented_fields(client: httpx.AsyncClient, db: Database) -> None:
    await org.build(db)
    expected = compute(await project(db), Parameters())
    run = (await _post(client, _RUN))["runCommunityAnalysis"]
    assert run["__typename"] == "RunCommunityAnalysisPayload"
    run_id = run["run"]["runId"]
    assert run["run"] == {
        "runId": run_id,
        "people": 11,
        "ties": 17,
        "algorithm": expected.summary["algorithm"],
        "betweennessSamples": None,
    }

    data = await _post(
        client,
        """{
          communityHealth { runId modularity communityCount giantComponentShare density }
          isolatedTeams { runId team { id key name } eiIndex externalTieShare reasons }
          cultureLeaders(first: 3) { runId person { key } score isManager }
          brokers { person { id } betweenness constraint }
        }""",
    )
    s = expected.summary
    assert data["communityHealth"] == {
        "runId": run_id,
        "modularity": pytest.approx(s["modularity"]),
        "communityCount": s["communityCount"],
        "giantComponentShare": pytest.approx(8 / 11),
        "density": pytest.approx(17 / 55),
    }
    [team] = data["isolatedTeams"]
    assert team["runId"] == run_id
    assert team["team"] == {"id": str(GlobalID("Team", "C")), "key": "C", "name": "Gamma"}
    assert team["eiIndex"] == -1.0
    assert team["externalTieShare"] == 0.0
    assert team["reasons"][0] == "no ties outside the team (tie weight 9 inside)"
    assert "random mixing for a team of 3 in 11 people" in team["reasons"][1]
    leaders = [
        {
            "runId": run_id,
            "person": {"key": p["id"]},
            "score": pytest.approx(p["cultureScore"]),
            "isManager": p["isManager"],
        }
        for p in expected.people[:3]
    ]
    assert data["cultureLeaders"] == leaders
    assert data["brokers"] == []


async def test_lists_cost_a_constant_number_of_queries(
    client: httpx.AsyncClient, db: Database
) -> None:
    await org.build(db)
    await _post(client, _RUN)
    query = "{ cultureLeaders(first: 100) { person { key name team { name } } rank } }"
    with count_round_trips() as trips:
        data = await _post(client, query)
    assert len(data["cultureLeaders"]) == 11
    assert trips.count == 4  # the run, the leaders, the people, their teams


async def test_person_team_champions_and_trend(client: httpx.AsyncClient, db: Database) -> None:
    await org.build(db)
    first = (await _post(client, _RUN))["runCommunityAnalysis"]["run"]["runId"]
    await db.write(
        "MATCH (a:Person {id: 'c2'}), (b:Person {id: 'b4'}) "
        "CREATE (a)-[:COLLABORATES_WITH {weight: 3.0}]->(b)"
    )
    second = (await _post(client, _RUN))["runCommunityAnalysis"]["run"]["runId"]
    data = await _post(
        client,
        """query($first: ID!) {
          personNetwork(personId: "a2") { runId person { key } followers contentCurated
            teamsReached isManager betweennessError }
          old: personNetwork(personId: "a2", runId: $first) { runId }
          teamHealth(teamId: "C") { isolated change { previousRunId wasIsolated } }
          champions(skillId: "sql", first: 2) { person { key } level sharing rank }
          teamHealthTrend(teamId: "C") { runId isolated }
          communityHealthRuns(first: 1) { totalCount nodes { runId previousRunId } }
        }""",
        first=first,
    )
    assert data["personNetwork"] == {
        "runId": second,
        "person": {"key": "a2"},
        "followers": 3,
        "contentCurated": 1,
        "teamsReached": 1,
        "isManager": False,
        "betweennessError": 0.0,
    }
    assert data["old"] == {"runId": first}
    assert data["teamHealth"] == {
        "isolated": False,
        "change": {"previousRunId": first, "wasIsolated": True},
    }
    assert data["champions"] == [
        {"person": {"key": "a2"}, "level": 5, "sharing": 1.0, "rank": 1},
        {"person": {"key": "a1"}, "level": 3, "sharing": 0.0, "rank": 2},
    ]
    assert data["teamHealthTrend"] == [
        {"runId": second, "isolated": False},
        {"runId": first, "isolated": True},
    ]
    assert data["communityHealthRuns"] == {
        "totalCount": 2,
        "nodes": [{"runId": second, "previousRunId": first}],
    }


async def test_mutation_errors(client: httpx.AsyncClient, db: Database) -> None:
    await org.build(db)
    bad = await _post(
        client,
        "mutation { runCommunityAnalysis(input: {betweennessSamples: 0}) {"
        " ... on RunCommunityAnalysisError { code field message } } }",
    )
    assert bad["runCommunityAnalysis"] == {
        "code": "INVALID",
        "field": "betweennessSamples",
        "message": "betweennessSamples must be at least 1, got 0",
    }
    bad = await _post(
        client,
        "mutation { runCommunityAnalysis(input: {coUseMaxAudience: 1}) {"
        " ... on RunCommunityAnalysisError { code field message } } }",
    )
    assert bad["runCommunityAnalysis"] == {
        "code": "INVALID",
        "field": "coUseMaxAudience",
        "message": "coUseMaxAudience must be at least 2, got 1",
    }
    running = await analysis_runs.start_run(db, {})
    busy = (await _post(client, _RUN))["runCommunityAnalysis"]
    assert busy["code"] == "ALREADY_RUNNING"
    assert running in busy["message"]


async def test_mutation_takes_the_co_use_parameters(
    client: httpx.AsyncClient, db: Database
) -> None:
    await org.build(db)  # k2 is completed by a1 and b2: co-use ties them (17 ties become 18)
    run = (
        await _post(
            client,
            "mutation { runCommunityAnalysis(input: {coUseWeight: 0.5, coUseMaxAudience: 3}) {"
            " ... on RunCommunityAnalysisPayload { run { ties parameters } } } }",
        )
    )["runCommunityAnalysis"]["run"]
    assert run["ties"] == 18
    assert run["parameters"]["co_use_weight"] == 0.5
    assert run["parameters"]["co_use_max_audience"] == 3


async def test_first_is_capped(client: httpx.AsyncClient, db: Database) -> None:
    await org.build(db)
    await _post(client, _RUN)
    response = await client.post("/graphql", json={"query": "{ brokers(first: 101) { score } }"})
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["message"] == (
        "first: must be between 0 and 100, got 101 (first of brokers; "
        "page size limit SKILLGRAPH_MAX_PAGE_SIZE)"
    )


async def test_culture_leaders_of_a_team_follow_the_organisations_ranking(
    client: httpx.AsyncClient, db: Database
) -> None:
    await org.build(db)
    expected = compute(await project(db), Parameters())
    await _post(client, _RUN)
    query = """query($team: ID, $first: Int!) {
      cultureLeaders(teamId: $team, first: $first) { person { key } rank }
    }"""
    ranked = [(p["id"], p["cultureRank"], p["team"]) for p in expected.people]
    for team, first in (("B", 2), ("C", 3), ("d", 4), (None, 5)):
        data = await _post(client, query, team=team, first=first)
        wanted = [
            {"person": {"key": person}, "rank": rank}
            for person, rank, of in sorted(ranked, key=lambda x: x[1])
            if team in (None, "d", of)  # d is the division of every team
        ][:first]
        assert data["cultureLeaders"] == wanted, team
    # a team's leaders may rank far below the organisation's top: the cut is the team's
    [last] = (await _post(client, query, team="C", first=1))["cultureLeaders"]
    assert last["rank"] == min(rank for _, rank, of in ranked if of == "C")
