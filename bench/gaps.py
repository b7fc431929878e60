"""Skill gaps on a seeded organisation: the GraphQL endpoint beside the Cypher it runs.

    python -m bench.gaps [--people 10000] [--seed 7] [--runs 30] [--existing]

Starts an embedded database in a temporary folder, seeds an organisation (``--existing``:
uses the configured database instead, seeding it only when it is empty), then times
``skillGaps`` for one goal, ``organisationGaps`` and a person's ``recommendations``
through the GraphQL endpoint (the ASGI app in process, over httpx), each beside the
``graph/`` calls behind it run directly through the driver (the two alternating, so both
see the same load on a shared machine), and prints medians (p50) and the ratio. The
server is stopped at the end, also on errors or Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from graph import gaps, people, recommendations
from graph.connect import Target
from graph.constraints import apply_schema
from graph.db import Database
from graph.embedded import DATABASE, USER, EmbeddedServer
from seeds import demo
from skillgraph.app import create_app
from skillgraph.auth import Role, TokenKeys
from skillgraph.commands._common import with_database

SKILL_GAPS = """
query($goal: ID!) { skillGaps(goalId: $goal) {
  scopeSize headcount supply gap coverage met
  requirements { skill { key name } level headcount supply gap coverage
                 singlePointOfFailure readySoonCount readySoon(first: 20) { key name } } } }
"""
ORGANISATION = """
{ organisationGaps { headcount supply gap
  skills { skill { key } demand supply gap weightedGap }
  units { team { key } kind demand supply } } }
"""
RECOMMENDATIONS = """
query($person: ID!) { recommendations(personId: $person, first: 5) {
  skill { key } currentLevel targetLevel expectedHours
  content { key title hours reasons } mentors { person { key name } hops reasons } } }
"""
Row3 = tuple[str, float, float]
TARGETS = {"skillGaps": 50.0, "organisationGaps": 500.0, "recommendations": 100.0}


async def _seed(db: Database, size: int, seed: int) -> str:
    try:
        generator: Any = importlib.import_module("seeds.generator")
    except ModuleNotFoundError:
        await demo.load(db, people=size, seed=seed)
        return "seeds.demo"
    await generator.generate(db, people=size, seed=seed, progress=True)
    return "seeds.generator"


async def _p50s(
    api: Callable[[], Awaitable[Any]], direct: Callable[[], Awaitable[Any]], runs: int
) -> tuple[float, float]:
    """Medians of both, their runs alternating so that both see the same machine load."""
    for _ in range(3):
        await api()
        await direct()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for work, into in ((api, times[0]), (direct, times[1])):
            start = time.perf_counter()
            await work()
            into.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


async def _person_with_gaps(db: Database) -> str:
    after = None
    for _ in range(20):
        rows, _ = await people.page_people(db, limit=50, after=after)
        for row in rows:
            if await gaps.person_gaps(db, row["id"]):
                return str(row["id"])
        after = rows[-1]["id"]
    raise SystemExit("bench: found nobody with a skill gap among the first 1000 people")


async def run(size: int, seed: int, runs: int) -> list[Row3]:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedServer(Path(tmp) / "data", memory="2g")
        state, _ = server.start(owned=True)
        try:
            db = Target(state.uri, USER, server.password(), DATABASE).open()
            try:
                await apply_schema(db)
                start = time.perf_counter()
                source = await _seed(db, size, seed)
                print(f"seeded {size} people with {source} in {time.perf_counter() - start:.0f} s")
                return await _measure(db, runs)
            finally:
                await db.close()
        finally:
            server.stop()


async def _measure(db: Database, runs: int) -> list[Row3]:
    goals = await gaps.all_goal_ids(db)
    goal = max(goals, key=lambda g: g.startswith("goal-unmet"))
    person = await _person_with_gaps(db)
    print(f"goal {goal}, person {person}, {runs} runs each (organisation: {max(5, runs // 3)})")
    keys = TokenKeys.generated()
    # An administrator sees everything, so the figures include no access-control filtering.
    token = keys.issue("bench", (Role.ADMIN,))
    transport = httpx.ASGITransport(app=create_app(db=db, keys=keys))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://bench",
        headers={"authorization": f"Bearer {token}"},
    ) as client:

        def post(query: str, **variables: Any) -> Callable[[], Awaitable[Any]]:
            async def go() -> Any:
                r = await client.post("/graphql", json={"query": query, "variables": variables})
                body = r.json()
                if body.get("errors"):
                    raise SystemExit(f"bench: {body['errors']}")
                return body

            return go

        async def direct_gaps() -> Any:
            return await gaps.goal_gaps_one(db, goal)

        async def direct_org() -> Any:
            return await gaps.organisation_gaps(db)

        async def direct_recs() -> Any:
            return await recommendations.plans(db, person, limit=5)

        org_runs = max(5, runs // 3)
        return [
            ("skillGaps", *await _p50s(post(SKILL_GAPS, goal=goal), direct_gaps, runs)),
            ("organisationGaps", *await _p50s(post(ORGANISATION), direct_org, org_runs)),
            (
                "recommendations",
                *await _p50s(post(RECOMMENDATIONS, person=person), direct_recs, runs),
            ),
        ]


async def _on_existing(db: Database, size: int, seed: int, runs: int) -> list[Row3]:
    await apply_schema(db)
    if await demo.is_empty(db):
        start = time.perf_counter()
        source = await _seed(db, size, seed)
        print(f"seeded {size} people with {source} in {time.perf_counter() - start:.0f} s")
    return await _measure(db, runs)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.gaps", description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--existing", action="store_true", help="use the configured database")
    args = parser.parse_args()
    if args.existing:
        results = with_database(lambda db: _on_existing(db, args.people, args.seed, args.runs))
    else:
        results = asyncio.run(run(args.people, args.seed, args.runs))
    print(f"{'query':<18}{'GraphQL p50':>13}{'Cypher p50':>12}{'ratio':>7}{'target':>9}")
    for name, api, direct in results:
        ok = "ok" if api <= TARGETS[name] and api <= 2 * direct else "MISS"
        print(
            f"{name:<18}{api:>10.1f} ms{direct:>9.1f} ms{api / direct:>7.2f}"
            f"{TARGETS[name]:>6.0f} ms  {ok}"
        )


if __name__ == "__main__":
    main()
