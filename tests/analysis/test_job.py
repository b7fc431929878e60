from __future__ import annotations

import pytest

from analysis.job import JOB_STAGES, run_analysis
from analysis.model import Parameters
from graph import analysis_runs
from graph.db import Database, Row, count_round_trips
from tests.analysis import org


async def test_run_finds_the_planted_structure_and_records_the_run(db: Database) -> None:
    await org.build(db)
    stages: list[str] = []
    report = await run_analysis(db, Parameters(seed=3), progress=stages.append)
    assert stages == list(JOB_STAGES)
    assert report.rows == 11 + 3 + 5  # people, teams, champions (3 of sql, python, cobol)

    latest = await analysis_runs.latest_run(db)
    assert latest is not None
    assert latest["id"] == report.run_id
    assert latest["status"] == "complete"
    assert latest["people"] == 11
    assert latest["ties"] == 17
    assert latest["components"] == 2
    assert latest["giantComponentShare"] == pytest.approx(8 / 11)
    assert latest["knowledgeFlow"] == pytest.approx(0.6)
    assert latest["reciprocity"] == pytest.approx(2 / 18)
    assert latest["parameters"]["seed"] == 3
    assert latest.get("betweennessSamples") is None  # exact: no sample
    assert set(latest["durations"]) == set(JOB_STAGES)
    assert latest["spofSkills"] == [
        {"skill": "cobol", "holders": 1},
        {"skill": "python", "holders": 1},
    ]

    isolated = await analysis_runs.isolated_teams(db, report.run_id, limit=10)
    assert [t["id"] for t in isolated] == ["C"]
    assert "no ties outside the team" in isolated[0]["reasons"][0]
    assert any("random mixing" in r for r in isolated[0]["reasons"])

    brokers = await analysis_runs.brokers(db, report.run_id, limit=10)
    assert brokers == []  # a 4-person team has no betweenness outlier at z >= 3

    people = await analysis_runs.person_metrics(db, report.run_id, ["a2", "c1", "nobody"])
    assert people[0] is not None
    assert people[1] is not None
    assert people[2] is None
    assert people[0]["teamsReached"] == 1
    assert people[0]["followers"] == 3
    assert people[1]["isManager"] is True

    champions = await analysis_runs.champions(db, report.run_id, "sql", limit=5)
    assert [c["person"] for c in champions] == ["a2", "a1", "b1"]
    assert champions[0]["sharing"] == 1.0


async def test_second_run_records_change_per_team(db: Database) -> None:
    await org.build(db)
    first = await run_analysis(db)
    await db.write(
        "MATCH (a:Person {id: 'c2'}), (b:Person {id: 'b4'}) "
        "CREATE (a)-[:COLLABORATES_WITH {weight: 3.0}]->(b)"
    )
    second = await run_analysis(db)
    latest = await analysis_runs.latest_run(db)
    assert latest is not None
    assert latest["id"] == second.run_id
    assert latest["previousRunId"] == first.run_id
    [c] = await analysis_runs.team_metrics(db, second.run_id, ["C"])
    assert c is not None
    assert c["previousRunId"] == first.run_id
    assert c["wasIsolated"] is True
    assert c["isolated"] is False
    assert c["eiIndexChange"] == pytest.approx(c["eiIndex"] - (-1.0))
    trend = await analysis_runs.team_trend(db, "C", limit=5)
    assert [t["run"] for t in trend] == [second.run_id, first.run_id]
    runs, total = await analysis_runs.page_runs(db, limit=1, after=None)
    assert total == 2
    assert [r["id"] for r in runs] == [second.run_id]
    older, _ = await analysis_runs.page_runs(db, limit=5, after=second.run_id)
    assert [r["id"] for r in older] == [first.run_id]


class _Interrupted(Exception):
    pass


async def test_failed_write_leaves_the_previous_run_latest_and_complete(db: Database) -> None:
    await org.build(db)
    first = await run_analysis(db)
    leaders_before = await analysis_runs.culture_leaders(db, first.run_id, limit=100)
    await db.write(
        "MATCH (a:Person {id: 'c1'}), (b:Person {id: 'a4'}) "
        "CREATE (a)-[:COLLABORATES_WITH {weight: 5.0}]->(b)"
    )

    def fail(rows: int) -> None:  # the first batch is written, then the run dies
        raise _Interrupted

    with pytest.raises(_Interrupted):
        await run_analysis(db, on_rows=fail)

    latest = await analysis_runs.latest_run(db)
    assert latest is not None
    assert latest["id"] == first.run_id
    assert latest["status"] == "complete"
    assert latest["people"] == 11
    assert await analysis_runs.culture_leaders(db, first.run_id, limit=100) == leaders_before
    failed = await db.read(
        "MATCH (r:AnalysisRun {status: 'failed'}) RETURN r.id AS id, r.error AS error, "
        "COUNT { (r)-[:MEASURED]->(:Person) } AS people, "
        "COUNT { (r)-[:MEASURED]->(:Team) } AS teams"
    )
    assert len(failed) == 1
    assert failed[0]["error"] == "_Interrupted: "
    # midway: the people's batch was written (invisible to readers), the teams' never
    assert (failed[0]["people"], failed[0]["teams"]) == (11, 0)

    third = await run_analysis(db)  # cleans the failed run's rows up
    assert (await analysis_runs.latest_run(db) or {})["id"] == third.run_id
    assert await db.read("MATCH (r:AnalysisRun) WHERE r.status <> 'complete' RETURN r") == []
    runs, total = await analysis_runs.page_runs(db, limit=10, after=None)
    assert total == 2


async def test_a_run_in_progress_blocks_another(db: Database) -> None:
    await org.build(db)
    running = await analysis_runs.start_run(db, {"seed": 1})
    with pytest.raises(analysis_runs.AnalysisBusy, match=running):
        await run_analysis(db)
    assert await analysis_runs.latest_run(db) is None


async def test_culture_leaders_of_a_team_include_its_sub_teams(db: Database) -> None:
    await org.build(db)
    report = await run_analysis(db)
    everyone = await analysis_runs.culture_leaders(db, report.run_id, limit=100)
    assert len(everyone) == 11
    assert [p["cultureRank"] for p in everyone] == list(range(1, 12))
    team_b = await analysis_runs.culture_leaders(db, report.run_id, limit=100, team="B")
    assert {p["id"] for p in team_b} == {"b1", "b2", "b3", "b4"}
    division = await analysis_runs.culture_leaders(db, report.run_id, limit=3, team="d")
    assert division == everyone[:3]


_LISTS = ("leaderIds", "brokerIds", "isolatedPersonIds", "isolatedTeamIds")


async def _ranked(db: Database, run_id: str, limit: int) -> dict[str, list[Row]]:
    return {
        "leaderIds": await analysis_runs.culture_leaders(db, run_id, limit=limit),
        "brokerIds": await analysis_runs.brokers(db, run_id, limit=limit),
        "isolatedPersonIds": await analysis_runs.isolated_people(db, run_id, limit=limit),
        "isolatedTeamIds": await analysis_runs.isolated_teams(db, run_id, limit=limit),
    }


async def test_ranked_lists_come_from_the_run_or_from_its_rows(db: Database) -> None:
    await org.build(db)
    # A lower isolation bar makes isolated people too; brokers need a lower score.
    params = Parameters(weak_tie_share=1.0, broker_min_score=0.5, broker_min_teams=1)
    report = await run_analysis(db, params)
    run = await analysis_runs.get_run(db, report.run_id)
    assert run is not None
    listed = await _ranked(db, report.run_id, limit=5)
    for name, rows in listed.items():
        assert run[name][: len(rows)] == [r["id"] for r in rows], name
    assert [p["cultureRank"] for p in listed["leaderIds"]] == [1, 2, 3, 4, 5]
    assert len(run["leaderIds"]) == 11
    assert [t["id"] for t in listed["isolatedTeamIds"]] == ["C"]
    assert listed["brokerIds"]  # both rankings are exercised
    assert listed["isolatedPersonIds"]
    with count_round_trips() as trips:
        await analysis_runs.culture_leaders(db, report.run_id, limit=5)
    assert trips.count == 1  # the list, then a lookup per leader, in one statement

    # Past a list's end, or a run written before runs had lists: the same, from the rows.
    beyond = analysis_runs.LIST_KEPT + 1
    assert {k: v[:5] for k, v in (await _ranked(db, report.run_id, beyond)).items()} == listed
    await db.write(
        "MATCH (r:AnalysisRun {id: $id}) SET r.leaderIds = null, r.brokerIds = null,"
        " r.isolatedPersonIds = null, r.isolatedTeamIds = null",
        {"id": report.run_id},
    )
    with count_round_trips() as trips:
        assert await _ranked(db, report.run_id, limit=5) == listed
    assert trips.count == 4 * 3  # the list (none), whether there is one, the rows

    # An empty list is an answer: no brokers, without reading the rows.
    await db.write("MATCH (r:AnalysisRun {id: $id}) SET r.brokerIds = []", {"id": report.run_id})
    with count_round_trips() as trips:
        assert await analysis_runs.brokers(db, report.run_id, limit=5) == []
    assert trips.count == 2
