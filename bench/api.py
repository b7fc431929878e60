"""GraphQL latency and throughput beside the same data fetched by Cypher through the driver.

For each organisation size: seed it into a fresh embedded database, serve the API with
``skillgraph serve`` on loopback, and for five representative operations measure p50, p95,
p99 and requests/s at concurrency 1, 16 and 64 through HTTP; then the same for the
operation's Cypher run directly through the driver (``Database.read``) at the same
concurrency. The ratio of the p50s is the API's overhead (HTTP, GraphQL, resolvers,
loaders). Round trips: Cypher statements one request sends (counted in-process).

An operation whose fields the schema does not have (yet) is reported as missing, with the
validation error that says which field.

    python -m bench.api --sizes 1000,10000 --repeats 3
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

import httpx
from graphql import parse, validate

from analysis.job import run_analysis
from bench import _common
from graph import analysis_runs
from graph.db import Database, count_round_trips
from resolvers.context import Context
from schema import schema

CONCURRENCY = (1, 16, 64)

# The baselines: each operation's data in one statement, as a hand-written query would fetch
# it. They live here, not in graph/, because nothing in the service runs them.
PROFILE: LiteralString = """
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(t:Team)
CALL {
  WITH p
  OPTIONAL MATCH (p)-[h:HAS_SKILL]->(s:Skill)
  RETURN collect({level: h.level, id: s.id, name: s.name}) AS skills
}
RETURN p {.id, .name, .title, .email} AS person, t {.id, .name} AS team, skills
"""

PROFILE_WITHOUT_SKILLS: LiteralString = """
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(t:Team)
RETURN p {.id, .name, .title, .email, curator: p:Curator} AS person, t {.id, .name} AS team
"""

MATRIX: LiteralString = """
MATCH (t:Team {id: $id})<-[:PART_OF*0..]-(:Team)<-[:MEMBER_OF]-(p:Person)
OPTIONAL MATCH (p)-[h:HAS_SKILL]->(s:Skill)
WITH p, collect({id: s.id, level: h.level}) AS skills
RETURN p.id AS id, p.name AS name, skills
ORDER BY id
LIMIT 100
"""

_IDS: LiteralString = """
MATCH (n) WHERE $label IN labels(n)
RETURN n.id AS id ORDER BY id LIMIT 5000
"""
_TEAMS_WITH_MEMBERS: LiteralString = """
MATCH (t:Team) WHERE EXISTS { (t)<-[:MEMBER_OF]-(:Person) }
RETURN t.id AS id ORDER BY id LIMIT 5000
"""


Cypher = Callable[[Database, str], Awaitable[Any]]


@dataclass
class Operation:
    """One representative request: GraphQL candidates, richest first, each with its Cypher."""

    name: str
    kind: str  # which ids its variables take: person, team, goal or none
    documents: Sequence[tuple[str, Cypher | None]]
    chosen: str | None = None
    cypher: Cypher | None = None
    missing: str | None = None
    partial: str | None = None
    ids: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


async def _profile(db: Database, key: str) -> Any:
    return await db.read(PROFILE, {"id": key})


async def _profile_without_skills(db: Database, key: str) -> Any:
    return await db.read(PROFILE_WITHOUT_SKILLS, {"id": key})


async def _matrix(db: Database, key: str) -> Any:
    return await db.read(MATRIX, {"id": key})


async def _leaders(db: Database, key: str) -> Any:
    latest = await analysis_runs.latest_run(db)
    if latest is None:
        return []
    return await analysis_runs.culture_leaders(db, str(latest["id"]), limit=20)


def _graph_call(module: str, function: str) -> Callable[[Database, str], Awaitable[Any]] | None:
    """The graph/ function a resolver runs, when that module exists (the Cypher baseline)."""
    try:
        found = getattr(__import__(f"graph.{module}", fromlist=[function]), function)
    except (ImportError, AttributeError):
        return None

    async def call(db: Database, key: str) -> Any:
        return await found(db, key)

    return call


OPERATIONS = [
    Operation(
        "person profile with skills",
        "person",
        [
            (
                "query($id: ID!) { person(id: $id) { key name title email isCurator"
                " team { key name } skills(first: 50) { nodes { level skill { key name } } } } }",
                _profile,
            ),
            (
                "query($id: ID!) { person(id: $id) { key name title email isCurator"
                " team { key name } } }",
                _profile_without_skills,
            ),
        ],
    ),
    Operation(
        "team skill matrix",
        "team",
        [
            (
                "query($id: ID!) { team(id: $id) { key name skillMatrix(first: 100) { nodes {"
                " person { key name } skills { level skill { key } } } } } }",
                _matrix,
            ),
            (
                "query($id: ID!) { team(id: $id) { key name members(first: 100,"
                " includeSubTeams: true) { nodes { key name skills(first: 100) {"
                " nodes { level skill { key } } } } } } }",
                _matrix,
            ),
        ],
    ),
    Operation(
        "skillGaps for a goal",
        "goal",
        [
            (
                "query($id: ID!) { skillGaps(goalId: $id) { scopeSize headcount supply gap"
                " coverage met requirements { level headcount supply gap coverage"
                " singlePointOfFailure readySoonCount skill { key name } } } }",
                _graph_call("gaps", "goal_gaps_one"),
            ),
        ],
    ),
    Operation(
        "culture leaders",
        "none",
        [
            (
                "{ cultureLeaders(first: 20) { rank score influence brokerage contribution"
                " isManager person { key name } } }",
                _leaders,
            ),
        ],
    ),
    Operation(
        "recommendations for a person",
        "person",
        [
            (
                "query($id: ID!) { recommendations(personId: $id) { currentLevel targetLevel"
                " expectedHours skill { key name } content { key title hours levelFit curated }"
                " mentors { level hops reasons person { key name } } } }",
                _graph_call("recommendations", "plans"),
            ),
        ],
    ),
]


def choose(op: Operation) -> None:
    """Pick the first document the schema validates; else record why the operation is missing."""
    graphql_schema = schema._schema
    first_error = ""
    for doc, cypher in op.documents:
        errors = validate(graphql_schema, parse(doc))
        if not errors:
            op.chosen, op.cypher = doc, cypher
            op.partial = first_error or None
            return
        first_error = first_error or errors[0].message
    op.missing = first_error


def _variables(op: Operation, i: int) -> dict[str, Any]:
    if op.kind == "none":
        return {}
    return {"id": op.ids[i % len(op.ids)]}


async def _round_trips(db: Database, op: Operation) -> int:
    assert op.chosen is not None
    counts = []
    for i in range(3):
        with count_round_trips() as counter:
            result = await schema.execute(
                op.chosen, variable_values=_variables(op, i), context_value=Context(db)
            )
        if result.errors:
            raise RuntimeError(f"{op.name}: {result.errors[0].message}")
        counts.append(counter.count)
    return max(counts)


async def _measure(
    seconds: float, concurrency: int, repeats: int, call: Callable[[int], Awaitable[bool]]
) -> dict[str, float]:
    runs = []
    for _ in range(repeats):
        latencies, failures, wall = await _common.run_for(seconds, concurrency, call)
        figures = _common.percentiles(latencies)
        figures["rps"] = len(latencies) / wall
        figures["failed"] = float(failures)
        runs.append(figures)
    return _common.median_of(runs)


async def bench_size(people: int, opts: _common.Options) -> list[dict[str, Any]]:
    seconds = 1.0 if opts.quick else 3.0
    rows: list[dict[str, Any]] = []
    async with _common.organisation(people) as (server, _state, target, counts):
        async with _common.opened(target) as db:
            print(f"{people:,} people: {counts}", flush=True)
            if await analysis_runs.latest_run(db) is None:
                # culture leaders read the latest analysis run: without one they cost nothing
                started = time.monotonic()
                await run_analysis(db)
                print(f"analysis run in {time.monotonic() - started:.0f} s", flush=True)
            ids = {
                "person": [r["id"] for r in await db.read(_IDS, {"label": "Person"})],
                "team": [r["id"] for r in await db.read(_TEAMS_WITH_MEMBERS)],
                "goal": [r["id"] for r in await db.read(_IDS, {"label": "Goal"})],
            }
            rng = random.Random(7)
            for op in OPERATIONS:
                choose(op)
                if op.kind != "none":
                    op.ids = rng.sample(ids[op.kind], min(200, len(ids[op.kind])))
                    if not op.ids:
                        op.missing = op.missing or f"no {op.kind} in the organisation"
            with _common.serve(server) as service:
                # Idle connections are dropped before the service's keep-alive (uvicorn: 5 s) ends
                # them, or a request sent as the service closes one fails as a ReadError.
                limits = httpx.Limits(max_connections=max(CONCURRENCY), keepalive_expiry=2.0)
                async with httpx.AsyncClient(
                    base_url=service.url, headers=service.headers, limits=limits, timeout=60
                ) as client:
                    for op in OPERATIONS:
                        if op.missing or op.chosen is None:
                            continue
                        trips = await _round_trips(db, op)
                        for concurrency in CONCURRENCY:
                            row = await _bench_cell(
                                client, db, op, concurrency, seconds, opts.repeats
                            )
                            row.update(people=people, round_trips=trips)
                            rows.append(row)
                            print(_common.markdown([row], COLUMNS).splitlines()[-1], flush=True)
    return rows


async def _bench_cell(
    client: httpx.AsyncClient,
    db: Database,
    op: Operation,
    concurrency: int,
    seconds: float,
    repeats: int,
) -> dict[str, Any]:
    assert op.chosen is not None
    document = op.chosen

    async def api(i: int) -> bool:
        try:
            response = await client.post(
                "/graphql", json={"query": document, "variables": _variables(op, i)}
            )
        except httpx.HTTPError as e:
            op.failures.append(f"{type(e).__name__}: {e}"[:200])
            return False
        if response.status_code == 200 and response.json().get("errors") is None:
            return True
        op.failures.append(f"HTTP {response.status_code}: {response.text[:200]}")
        return False

    async def direct(i: int) -> bool:
        assert op.cypher is not None
        await op.cypher(db, _variables(op, i).get("id", ""))
        return True

    for i in range(20):  # warm up: connections, JIT, caches
        await api(i)
    gql = await _measure(seconds, concurrency, repeats, api)
    row: dict[str, Any] = {
        "operation": op.name,
        "c": concurrency,
        "p50 ms": gql["p50"],
        "p95 ms": gql["p95"],
        "p99 ms": gql["p99"],
        "req/s": gql["rps"],
        "failed": int(gql["failed"]),
    }
    if op.cypher is not None:
        for i in range(20):
            await direct(i)
        cy = await _measure(seconds, concurrency, repeats, direct)
        row.update(
            {
                "cypher p50 ms": cy["p50"],
                "cypher p99 ms": cy["p99"],
                "cypher q/s": cy["rps"],
                "ratio p50": gql["p50"] / cy["p50"] if cy["p50"] else float("nan"),
            }
        )
    return row


COLUMNS = [
    "people",
    "operation",
    "c",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "req/s",
    "failed",
    "cypher p50 ms",
    "cypher p99 ms",
    "cypher q/s",
    "ratio p50",
    "round_trips",
]


async def main_async(opts: _common.Options) -> int:
    rows: list[dict[str, Any]] = []
    for people in opts.sizes:
        rows += await bench_size(people, opts)
    notes = [
        f"medians of {opts.repeats} run(s) of {'1' if opts.quick else '3'} s per cell; "
        "client, service and database share the machine",
        "ratio p50 = GraphQL p50 / direct Cypher p50 (the API's overhead)",
    ]
    for op in OPERATIONS:
        if op.missing:
            notes.append(f"missing: {op.name} ({op.missing})")
        elif op.partial:
            notes.append(f"partial: {op.name}, a smaller query ({op.partial})")
        elif op.cypher is None:
            notes.append(f"no Cypher baseline for: {op.name}")
        if op.failures:
            notes.append(f"{op.name}: {len(op.failures)} failed, e.g. {op.failures[0]}")
    failed = sum(r["failed"] for r in rows)
    _common.save("api", rows, COLUMNS, notes=notes)
    if rows:
        print(f"median p50 over all cells: {statistics.median(r['p50 ms'] for r in rows):.1f} ms")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    opts = _common.options(__doc__.splitlines()[0] if __doc__ else "api", argv)
    return asyncio.run(main_async(opts))


if __name__ == "__main__":
    sys.exit(main())
