"""The generator: determinism, the organisation's shape, and the planted ground truth."""

from __future__ import annotations

import statistics
from collections.abc import AsyncIterator
from typing import Any, LiteralString

import networkx as nx
import pytest
import pytest_asyncio

from graph import bulk
from graph.constraints import apply_schema
from graph.db import Database
from seeds.generator import TARGET_HOURS, _Generator, generate
from seeds.manifest import Manifest

PEOPLE = 240
SEED = 11


@pytest_asyncio.fixture(scope="module")
async def seeded(database: Database) -> AsyncIterator[tuple[Database, Manifest]]:
    await database.write("MATCH (n) DETACH DELETE n")
    await apply_schema(database)
    manifest = await generate(database, people=PEOPLE, seed=SEED)
    yield database, manifest
    await database.write("MATCH (n) DETACH DELETE n")


def _fingerprint(seed: int, people: int = 60) -> list[Any]:
    return [(statement, rows) for statement, rows in _Generator(people, seed, 0.03).batches()]


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    first = _fingerprint(3)
    assert first == _fingerprint(3)
    assert first != _fingerprint(4)


def _ties(generator: _Generator) -> tuple[set[tuple[str, str]], dict[str, str]]:
    team: dict[str, str] = {}
    pairs: set[tuple[str, str]] = set()
    for statement, rows in generator.batches():
        if statement == bulk.MEMBERSHIPS:
            team.update({r["person_id"]: r["team_id"] for r in rows})
        elif statement == bulk.COLLABORATIONS:
            pairs.update(
                (min(r["source_id"], r["target_id"]), max(r["source_id"], r["target_id"]))
                for r in rows
            )
    return pairs, team


def test_tie_density_adds_ties_and_keeps_the_planted_structure() -> None:
    sparse, dense = _Generator(PEOPLE, SEED, 0.03), _Generator(PEOPLE, SEED, 0.03, 3.0)
    sparse_pairs, _ = _ties(sparse)
    dense_pairs, team = _ties(dense)
    assert len(dense_pairs) > 2 * len(sparse_pairs)
    assert dense.manifest.isolated_teams == sparse.manifest.isolated_teams
    assert dense.manifest.brokers == sparse.manifest.brokers
    outside = {team[x] for a, b in dense_pairs if team[a] != team[b] for x in (a, b)}
    assert not outside & set(dense.manifest.isolated_teams)
    for broker in dense.manifest.brokers:
        reached = {team[b if a == broker else a] for a, b in dense_pairs if broker in (a, b)}
        assert len(reached - {team[broker]}) >= 20


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="people must be at least 1"):
        _run_sync(generate(None, people=0, seed=1))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="curator_share"):
        _run_sync(generate(None, people=5, seed=1, curator_share=2))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tie_density must be above 0, got 0"):
        _run_sync(generate(None, people=5, seed=1, tie_density=0))  # type: ignore[arg-type]


def _run_sync(coro: Any) -> None:
    try:
        coro.send(None)
    finally:
        coro.close()


def test_manifest_json_round_trip(seeded: tuple[Database, Manifest]) -> None:
    _, manifest = seeded
    assert Manifest.from_json(manifest.to_json()) == manifest
    assert manifest.people == PEOPLE
    assert manifest.seed == SEED


async def test_counts_in_the_graph_match_the_manifest(seeded: tuple[Database, Manifest]) -> None:
    db, manifest = seeded
    rows = await db.read("MATCH (p:Person) RETURN count(p) AS n")
    assert rows[0]["n"] == PEOPLE == manifest.counts["Person"]
    for kind in ("COLLABORATES_WITH", "COMPLETED", "FOLLOWS", "HAS_SKILL", "REPORTS_TO"):
        counted = await db.read(
            "MATCH (:Person)-[r]->() WHERE type(r) = $kind RETURN count(r) AS n", {"kind": kind}
        )
        assert counted[0]["n"] == manifest.counts[kind], kind


async def test_teams_hierarchy_and_reporting_line(seeded: tuple[Database, Manifest]) -> None:
    db, manifest = seeded
    sizes = await db.read(
        "MATCH (t:Team) WHERE NOT EXISTS { MATCH (:Team)-[:PART_OF]->(t) } "
        "RETURN t.id AS team, COUNT { MATCH (:Person)-[:MEMBER_OF]->(t) } AS size"
    )
    assert len(sizes) == manifest.teams
    assert all(4 <= r["size"] <= 15 for r in sizes)
    assert sum(r["size"] for r in sizes) == PEOPLE
    placed = await db.read(
        "MATCH (p:Person) RETURN count(p) AS people, "
        "sum(COUNT { MATCH (p)-[:MEMBER_OF]->(:Team) }) AS memberships"
    )
    assert placed == [{"people": PEOPLE, "memberships": PEOPLE}]
    depth = await db.read(
        "MATCH (t:Team) WHERE NOT EXISTS { MATCH (:Team)-[:PART_OF]->(t) } "
        "MATCH path = (t)-[:PART_OF*]->(root:Team {id: $root}) "
        "RETURN DISTINCT length(path) AS depth",
        {"root": manifest.root_team},
    )
    assert depth == [{"depth": 3}]
    cycles = await db.read("MATCH (p:Person)-[:REPORTS_TO*1..]->(p) RETURN count(p) AS n")
    assert cycles == [{"n": 0}]
    tops = await db.read(
        "MATCH (p:Person) WHERE NOT EXISTS { MATCH (p)-[:REPORTS_TO]->() } RETURN p.title AS t"
    )
    assert tops == [{"t": "Chief Executive"}]
    managers = await db.read(
        "MATCH (m:Person) WHERE EXISTS { MATCH (:Person)-[:REPORTS_TO]->(m) } "
        "RETURN m.id AS id ORDER BY id"
    )
    assert [r["id"] for r in managers] == manifest.managers


async def _collaboration(db: Database) -> tuple[nx.Graph[str], dict[str, str]]:
    ties = await db.read(
        "MATCH (a:Person)-[c:COLLABORATES_WITH]->(b:Person) "
        "RETURN a.id AS a, b.id AS b, c.weight AS w"
    )
    teams = await db.read("MATCH (p:Person)-[:MEMBER_OF]->(t:Team) RETURN p.id AS p, t.id AS t")
    graph: nx.Graph[str] = nx.Graph()
    graph.add_weighted_edges_from((r["a"], r["b"], r["w"]) for r in ties)
    return graph, {r["p"]: r["t"] for r in teams}


async def test_isolated_teams_have_no_ties_outside(seeded: tuple[Database, Manifest]) -> None:
    db, manifest = seeded
    graph, team_of = await _collaboration(db)
    external: dict[str, int] = {}
    internal: dict[str, int] = {}
    for a, b in graph.edges():
        for side in (a, b):
            counter = internal if team_of[a] == team_of[b] else external
            counter[team_of[side]] = counter.get(team_of[side], 0) + 1
    ei = {
        t: (external.get(t, 0) - internal.get(t, 0)) / (external.get(t, 0) + internal.get(t, 0))
        for t in set(team_of.values())
    }
    assert len(manifest.isolated_teams) >= 2
    assert sorted(t for t, v in ei.items() if v == -1.0) == manifest.isolated_teams
    others = [v for t, v in ei.items() if t not in manifest.isolated_teams]
    assert min(others) > -0.9


async def test_brokers_bridge_many_teams(seeded: tuple[Database, Manifest]) -> None:
    db, manifest = seeded
    graph, team_of = await _collaboration(db)
    assert len(manifest.brokers) >= 3
    assert not set(manifest.brokers) & set(manifest.managers)
    betweenness = nx.betweenness_centrality(graph, seed=1)
    plain = sorted((p for p in graph if p not in manifest.managers), key=lambda p: -betweenness[p])
    assert sorted(plain[: len(manifest.brokers)]) == manifest.brokers
    constraint = nx.constraint(graph, nodes=manifest.brokers)
    median = statistics.median(nx.constraint(graph, nodes=plain[::7]).values())
    for broker in manifest.brokers:
        assert len({team_of[n] for n in graph[broker]}) >= 10
        assert constraint[broker] < median / 2


async def test_rare_skills_are_exactly_those_held_by_one_or_two(
    seeded: tuple[Database, Manifest],
) -> None:
    db, manifest = seeded
    rows = await db.read(
        "MATCH (s:Skill) WITH s, COUNT { MATCH (:Person)-[:HAS_SKILL]->(s) } AS holders "
        "WHERE holders IN [1, 2] RETURN s.id AS id ORDER BY id"
    )
    assert [r["id"] for r in rows] == manifest.rare_skills
    assert len(manifest.rare_skills) == 6


async def test_goals_are_clearly_met_or_unmet(seeded: tuple[Database, Manifest]) -> None:
    db, manifest = seeded
    rows = await db.read(
        "MATCH (g:Goal)-[r:REQUIRES]->(s:Skill), (scope:Team)-[:COMMITTED_TO]->(g) "
        "RETURN g.id AS goal, r.headcount AS headcount, COUNT { "
        "  MATCH (p:Person)-[h:HAS_SKILL]->(s) WHERE h.level >= r.level "
        "  AND EXISTS { MATCH (p)-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(scope) } "
        "} AS supply"
    )
    assert {r["goal"] for r in rows} == set(manifest.met_goals) | set(manifest.unmet_goals)
    assert len(manifest.met_goals) == 2
    assert len(manifest.unmet_goals) == 2
    for r in rows:
        if r["goal"] in manifest.met_goals:
            assert r["supply"] >= 3 * r["headcount"], r
        else:
            assert r["headcount"] >= 2 * r["supply"] + 5, r


async def test_a_year_of_learning_around_the_target(seeded: tuple[Database, Manifest]) -> None:
    db, manifest = seeded
    assert manifest.target_hours_per_person == TARGET_HOURS
    goal = await db.read(
        "MATCH (t:Team)-[:COMMITTED_TO]->(g:Goal {id: $id}) "
        "RETURN g.kind AS kind, g.targetHoursPerPerson AS target, t.id AS team",
        {"id": manifest.learning_hours_goal},
    )
    assert goal == [{"kind": "learning_hours", "target": TARGET_HOURS, "team": manifest.root_team}]
    rows = await db.read(
        "MATCH (p:Person) OPTIONAL MATCH (p)-[c:COMPLETED]->(:Content) "
        "RETURN p.id AS id, sum(coalesce(c.minutes, 0)) AS minutes"
    )
    hours = [r["minutes"] / 60 for r in rows]
    assert 0.75 * TARGET_HOURS < statistics.mean(hours) < 1.25 * TARGET_HOURS
    assert 0.03 * PEOPLE < sum(1 for h in hours if h == 0) < 0.2 * PEOPLE
    assert max(hours) > 2 * TARGET_HOURS


async def test_content_curated_in_curators_skills(seeded: tuple[Database, Manifest]) -> None:
    db, manifest = seeded
    rows = await db.read(
        "MATCH (c:Content) RETURN c.origin AS origin, count(c) AS n, "
        "sum(COUNT { MATCH (c)<-[:CREATED]-(:Person) }) AS created, "
        "sum(COUNT { MATCH (c)<-[:CURATES]-(:Curator) }) AS curated ORDER BY origin"
    )
    by_origin = {r["origin"]: r for r in rows}
    total = sum(r["n"] for r in rows)
    ugc = by_origin["user_generated"]
    assert 0.2 * total < ugc["n"] < 0.5 * total
    assert ugc["created"] == ugc["n"]
    assert ugc["curated"] == 0
    assert by_origin["curated"]["curated"] == by_origin["curated"]["n"]
    outside = await db.read(
        "MATCH (k:Curator)-[:CURATES]->(c:Content) "
        "WHERE NOT EXISTS { MATCH (c)-[:TEACHES]->(:Skill)<-[:HAS_SKILL]-(k) } "
        "RETURN count(c) AS n"
    )
    assert outside == [{"n": 0}]
    curators = await db.read("MATCH (k:Curator) RETURN count(k) AS n")
    assert curators == [{"n": manifest.curators}]


_NODES: LiteralString = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
_RELATIONSHIPS: LiteralString = """
MATCH (a)-[r]->(b)
RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props
"""


def _key(row: dict[str, Any]) -> str:
    return repr(sorted((k, sorted(v.items()) if k == "props" else v) for k, v in row.items()))


async def _dump(db: Database) -> tuple[list[str], list[str]]:
    """Every node and relationship with all its properties, in a stable order."""
    nodes = [{**r, "labels": sorted(r["labels"])} for r in await db.read(_NODES)]
    return sorted(map(_key, nodes)), sorted(map(_key, await db.read(_RELATIONSHIPS)))


# Last in this module: it leaves the same graph behind as it found.
async def test_seeding_again_changes_nothing_and_upserts_write_the_same_graph(
    seeded: tuple[Database, Manifest],
) -> None:
    db, manifest = seeded
    assert manifest.written_with == "create"  # the module's graph was empty
    created = await _dump(db)
    nodes = sum(n for k, n in manifest.counts.items() if not k.isupper())
    assert len(created[0]) == nodes - manifest.counts["Curator"]  # a curator is a person
    assert len(created[1]) == sum(n for k, n in manifest.counts.items() if k.isupper())

    again = await generate(db, people=PEOPLE, seed=SEED)
    assert again.written_with == "merge"
    assert await _dump(db) == created

    await db.write("MATCH (n) DETACH DELETE n")
    merged = await generate(db, people=PEOPLE, seed=SEED, create=False)
    assert merged.written_with == "merge"
    assert merged.counts == manifest.counts
    assert await _dump(db) == created
