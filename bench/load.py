"""Sustained load: a bounded run of mixed reads and writes against the served API.

Seeds an organisation into a fresh embedded database, serves it with ``skillgraph serve``
on loopback, warms up, then keeps ``--clients`` concurrent clients busy for ``--duration``
seconds with ``--write-share`` writes (the rest reads), and stops by itself. It passes when

- no request failed (a non-200 status, a GraphQL error, a timeout or a dropped connection),
- the service's resident memory grew by less than ``--memory-bound`` MiB from the end of the
  warm-up to the end of the run, and
- every write acknowledged during the run is in the graph afterwards (counted).

    python -m bench.load                               # 5 minutes, 32 clients, 10k people
    python -m bench.load --duration 60 --people 1000   # a short run
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

import httpx
from graphql import parse, validate

from bench import _common
from graph.db import Database
from schema import schema

READS = (
    (
        "read: a person",
        "query($id: ID!) { person(id: $id) { key name title email isCurator team { key name } } }",
    ),
    (
        "read: people page",
        "{ people(first: 20) { totalCount edges { node { key name team { name } } } } }",
    ),
    (
        "read: name search",
        "query($q: String) { people(first: 10, search: $q) { edges { node { key name } } } }",
    ),
    (
        "read: profile with skills",
        "query($id: ID!) { person(id: $id) { key name team { key name }"
        " skills(first: 20) { nodes { level skill { key name } } } } }",
    ),
    (
        "read: team skill matrix",
        "query($team: ID!) { team(id: $team) { name skillMatrix(first: 50) { totalCount"
        " nodes { person { key } skills { level skill { key } } } } } }",
    ),
    (
        "read: skill gaps",
        "query($goal: ID!) { skillGaps(goalId: $goal) { scopeSize gap"
        " requirements { level supply gap readySoonCount skill { key } } } }",
    ),
)

# A mutation that creates one person per call (so writes can be counted afterwards), in the
# shapes the API may take; the first the schema accepts is used.
WRITE_DOCUMENTS = (
    "mutation($id: String!, $name: String!) { createPerson(input: {key: $id, name: $name}) {"
    " __typename ... on InputErrors { errors { field message } } } }",
)

# Without a mutation in the schema, writes go through the driver: the database is then under
# the same mixed load, but the service only serves the reads.
WRITE_DIRECT: LiteralString = "MERGE (p:Person {id: $id}) SET p.name = $name"
COUNT_WRITTEN: LiteralString = """
MATCH (p:Person) WHERE p.id STARTS WITH $prefix
RETURN count(p) AS n
"""
_IDS: LiteralString = "MATCH (p:Person) RETURN p.id AS id ORDER BY id LIMIT 5000"
_TEAMS: LiteralString = """
MATCH (t:Team) WHERE EXISTS { (t)<-[:MEMBER_OF]-(:Person) }
RETURN t.id AS id ORDER BY id LIMIT 5000
"""
_GOALS: LiteralString = """
MATCH (g:Goal) WHERE EXISTS { (g)-[:REQUIRES]->(:Skill) }
RETURN g.id AS id ORDER BY id
"""

_SEARCH = ("an", "el", "ro", "is", "ne", "ma", "ch")


@dataclass
class Tally:
    reads: dict[str, list[float]] = field(default_factory=dict)
    writes: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)


def _write_document() -> str | None:
    for doc in WRITE_DOCUMENTS:
        if not validate(schema._schema, parse(doc)):
            return doc
    return None


def _options(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds under load")
    parser.add_argument("--warmup", type=float, default=30.0, help="seconds before measuring")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument(
        "--memory-bound", type=float, default=100.0, help="MiB the service may grow by"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    return parser.parse_args(argv)


async def _drive(
    client: httpx.AsyncClient,
    db: Database,
    ids: dict[str, list[str]],
    write_doc: str | None,
    args: argparse.Namespace,
    seconds: float,
    tally: Tally,
    prefix: str,
) -> None:
    stop = time.monotonic() + seconds
    counter = 0

    async def request(payload: dict[str, Any]) -> str | None:
        response = await client.post("/graphql", json=payload)
        if response.status_code != 200:
            return f"HTTP {response.status_code}: {response.text[:200]}"
        errors = response.json().get("errors")
        return None if errors is None else str(errors[0].get("message"))[:200]

    async def write(key: str) -> str | None:
        name = f"Load Test {key}"
        if write_doc is not None:
            payload = {"query": write_doc, "variables": {"id": key, "name": name}}
            response = await client.post("/graphql", json=payload)
            body = response.json() if response.status_code == 200 else {}
            created = (body.get("data") or {}).get("createPerson") or {}
            if created.get("__typename") == "PersonPayload":
                return None
            return f"HTTP {response.status_code}: {response.text[:200]}"
        await db.write(WRITE_DIRECT, {"id": key, "name": name})
        return None

    async def client_loop(seed: int) -> None:
        nonlocal counter
        rng = random.Random(seed)
        while time.monotonic() < stop:
            counter += 1
            is_write = rng.random() < args.write_share
            started = time.perf_counter()
            try:
                if is_write:
                    key = f"{prefix}{counter:08d}"
                    error = await write(key)
                else:
                    read_name, doc = rng.choice(READS)
                    variables = {kind: rng.choice(keys) for kind, keys in ids.items()}
                    variables["q"] = rng.choice(_SEARCH)
                    error = await request({"query": doc, "variables": variables})
            except Exception as e:  # noqa: BLE001 - every failure counts, whatever it is
                error = f"{type(e).__name__}: {e}"[:200]
            elapsed = time.perf_counter() - started
            if error is not None:
                tally.failures.append(error)
            elif is_write:
                tally.writes.append(elapsed)
                tally.acknowledged.append(key)
            else:
                tally.reads.setdefault(read_name, []).append(elapsed)

    await asyncio.gather(*(client_loop(i) for i in range(args.clients)))


async def _sample_memory(pids: dict[str, int], every: float, into: list[dict[str, float]]) -> None:
    started = time.monotonic()
    while True:
        into.append(
            {"t": time.monotonic() - started, **{k: _common.rss_mib(p) for k, p in pids.items()}}
        )
        await asyncio.sleep(every)


async def run(args: argparse.Namespace) -> int:
    write_doc = _write_document()
    async with _common.organisation(args.people) as (server, state, target, counts):
        async with _common.opened(target) as db:
            print(f"{args.people:,} people: {counts}", flush=True)
            ids = {
                kind: [r["id"] for r in await db.read(query)]
                for kind, query in (("id", _IDS), ("team", _TEAMS), ("goal", _GOALS))
            }
            with _common.serve(server) as service:
                # idle connections close before the service's keep-alive does (see bench/api.py)
                limits = httpx.Limits(max_connections=args.clients, keepalive_expiry=2.0)
                async with httpx.AsyncClient(
                    base_url=service.url,
                    headers=service.headers,
                    limits=limits,
                    timeout=args.timeout,
                ) as client:
                    warm = Tally()
                    print(f"warming up for {args.warmup:.0f} s ...", flush=True)
                    await _drive(client, db, ids, write_doc, args, args.warmup, warm, "warm-")
                    samples: list[dict[str, float]] = []
                    sampler = asyncio.create_task(
                        _sample_memory(
                            {"service": service.pid, "database": state.pid}, 2.0, samples
                        )
                    )
                    print(
                        f"load: {args.clients} clients for {args.duration:.0f} s, "
                        f"{args.write_share:.0%} writes ...",
                        flush=True,
                    )
                    tally = Tally()
                    started = time.monotonic()
                    await _drive(client, db, ids, write_doc, args, args.duration, tally, "load-")
                    wall = time.monotonic() - started
                    sampler.cancel()
                    samples.append(
                        {
                            "t": wall,
                            "service": _common.rss_mib(service.pid),
                            "database": _common.rss_mib(state.pid),
                        }
                    )
            # After the service has stopped: every acknowledged write must be there.
            found = (await db.read(COUNT_WRITTEN, {"prefix": "load-"}))[0]["n"]
    return _report(args, write_doc, tally, wall, samples, int(found), warm)


def _report(
    args: argparse.Namespace,
    write_doc: str | None,
    tally: Tally,
    wall: float,
    samples: list[dict[str, float]],
    found: int,
    warm: Tally,
) -> int:
    growth = samples[-1]["service"] - samples[0]["service"]
    peak = max(s["service"] for s in samples)
    all_reads = [x for latencies in tally.reads.values() for x in latencies]
    requests = len(all_reads) + len(tally.writes) + len(tally.failures)
    rows = []
    kinds = [("all reads", all_reads), *sorted(tally.reads.items()), ("write", tally.writes)]
    for kind, latencies in kinds:
        figures = _common.percentiles(latencies)
        rows.append(
            {
                "kind": kind,
                "requests": len(latencies),
                "per s": len(latencies) / wall,
                "p50 ms": figures["p50"],
                "p95 ms": figures["p95"],
                "p99 ms": figures["p99"],
            }
        )
    checks = {
        "failed requests": (len(tally.failures), len(tally.failures) == 0),
        "service RSS growth MiB": (round(growth, 1), growth < args.memory_bound),
        "writes acknowledged": (len(tally.acknowledged), True),
        "writes found afterwards": (found, found == len(tally.acknowledged)),
    }
    notes = [
        f"{args.people:,} people, {args.clients} clients, {wall:.0f} s after a "
        f"{args.warmup:.0f} s warm-up, {args.write_share:.0%} writes; {requests:,} requests",
        f"service RSS {samples[0]['service']:.0f} -> {samples[-1]['service']:.0f} MiB "
        f"(peak {peak:.0f}; bound: growth < {args.memory_bound:.0f} MiB); database (JVM) RSS "
        f"{samples[0]['database']:.0f} -> {samples[-1]['database']:.0f} MiB",
        "writes: "
        + (
            "createPerson through the API"
            if write_doc
            else "through the driver (the schema has no createPerson mutation yet)"
        ),
    ]
    notes += [f"{name}: {value} ({'ok' if ok else 'FAIL'})" for name, (value, ok) in checks.items()]
    if tally.failures:
        common = statistics.mode(tally.failures)
        notes.append(f"most common failure: {common}")
    if warm.failures:
        notes.append(f"{len(warm.failures)} failure(s) during the warm-up: {warm.failures[0]}")
    columns = ["kind", "requests", "per s", "p50 ms", "p95 ms", "p99 ms"]
    _common.save(
        "load",
        rows,
        columns,
        notes=notes,
        extra={"checks": {k: v for k, (v, _) in checks.items()}, "memory": samples},
    )
    passed = all(ok for _, ok in checks.values())
    print("PASS" if passed else "FAIL", flush=True)
    return 0 if passed else 1


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(run(_options(argv)))


if __name__ == "__main__":
    sys.exit(main())
