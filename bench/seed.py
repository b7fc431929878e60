"""Seeding benchmark: the generator against the raw ``UNWIND`` statements through the driver.

For each size, two runs, each in its own child process against its own fresh embedded
database (so neither warms the other up, and each process's peak memory is its own):

- ``generate``: :func:`seeds.generator.generate`, which builds rows while the previous
  batch is written;
- ``raw``: the same batches built beforehand (not timed), then sent one ``execute_write``
  each through the ``neo4j`` driver, nothing else in the way.

Both write into an empty database, so both use the ``CREATE`` statements of
:mod:`graph.fresh`; ``--upsert`` makes both use the ``MERGE`` upserts instead (the cost of
writing into a graph that already holds data).

Prints a table and writes JSON. Usage::

    .venv/bin/python -m bench.seed --sizes 1000,10000 [--raw-max 10000] [--out PATH]

Bounded: every child has a timeout (``--timeout``), and the raw run, which holds all rows in
memory, is skipped above ``--raw-max`` people.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from graph.constraints import apply_schema
from graph.db import Database
from graph.embedded import DATABASE, USER, EmbeddedServer

NODE_KINDS = {"Skill", "Team", "Person", "Goal", "Content", "Curator"}


def _server_peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def _generate(db: Database, people: int, seed: int, upsert: bool) -> dict[str, Any]:
    from seeds.generator import generate

    started = time.perf_counter()
    manifest = await generate(db, people=people, seed=seed, create=not upsert)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "counts": manifest.counts, "written_with": manifest.written_with}


async def _raw(db: Database, people: int, seed: int, upsert: bool) -> dict[str, Any]:
    from graph import fresh
    from seeds.generator import _Generator

    generator = _Generator(people, seed, 0.03)
    batches = list(generator.batches())
    if not upsert:  # the statements the generator sends to an empty graph
        batches = [(fresh.twin(statement), rows) for statement, rows in batches]
    started = time.perf_counter()
    async with db.driver.session(database=db.name) as session:
        for statement, rows in batches:

            async def work(tx: Any, statement: Any = statement, rows: Any = rows) -> None:
                result = await tx.run(statement, rows=rows)
                await result.consume()

            await session.execute_write(work)
    seconds = time.perf_counter() - started
    counts = dict(generator.counts)  # rows per kind, as the generator counts them
    return {"seconds": seconds, "counts": counts, "written_with": "merge" if upsert else "create"}


def _dry(people: int, seed: int) -> dict[str, Any]:
    """Build every batch and drop it: the generator's own speed and memory, no database."""
    from seeds.generator import _Generator

    generator = _Generator(people, seed, 0.03)
    started = time.perf_counter()
    for _ in generator.batches():
        pass
    return {"seconds": time.perf_counter() - started, "counts": generator.counts}


def child(mode: str, people: int, seed: int, memory: str, upsert: bool) -> dict[str, Any]:
    """One measured run in this process, against a fresh embedded database."""
    if mode == "dry":
        result = _dry(people, seed)
        result["server_peak_mib"] = 0
        return _finish(result, mode, people, seed)
    with tempfile.TemporaryDirectory(prefix="skillgraph-bench-") as tmp:
        server = EmbeddedServer(Path(tmp) / "data", memory=memory)
        state, _ = server.start(owned=True)
        try:

            async def go() -> dict[str, Any]:
                db = Database.connect(
                    state.uri, USER, server.password(), DATABASE, query_timeout=600
                )
                try:
                    await apply_schema(db)
                    run = _generate if mode == "generate" else _raw
                    return await run(db, people, seed, upsert)
                finally:
                    await db.close()

            result = asyncio.run(go())
            result["server_peak_mib"] = round(_server_peak_kib(state.pid) / 1024)
        finally:
            server.stop()
    return _finish(result, mode, people, seed)


def _finish(result: dict[str, Any], mode: str, people: int, seed: int) -> dict[str, Any]:
    result["python_peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    counts = result["counts"]
    result["rows"] = sum(counts.values())
    result["relationships"] = sum(n for k, n in counts.items() if k not in NODE_KINDS)
    result["relationships_per_s"] = round(result["relationships"] / result["seconds"])
    result["rows_per_s"] = round(result["rows"] / result["seconds"])
    result.update(mode=mode, people=people, seed=seed)
    return result


def _run_child(mode: str, people: int, args: argparse.Namespace) -> dict[str, Any] | None:
    command = [sys.executable, "-m", "bench.seed", "--child", mode, "--sizes", str(people)]
    command += ["--seed", str(args.seed), "--db-memory", args.db_memory]
    if args.upsert:
        command.append("--upsert")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=args.timeout, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"  {mode} {people}: timed out after {args.timeout} s", file=sys.stderr)
        return None
    if done.returncode != 0:
        print(f"  {mode} {people}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES") or "1000,10000",
        help="people per run, comma-separated (default: BENCH_SIZES or 1000,10000)",
    )
    parser.add_argument(
        "--no-db", action="store_true", help="only the dry run (rows built, nothing written)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--raw-max", type=int, default=10000, help="largest raw baseline")
    parser.add_argument("--db-memory", default="4g", help="Java heap of the embedded database")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--out", type=Path, default=Path("bench/results/seed.json"))
    parser.add_argument(
        "--dry", action="store_true", help="also build the rows without a database (no writes)"
    )
    parser.add_argument(
        "--upsert",
        action="store_true",
        help="write with MERGE upserts even into the empty database (as into a seeded one)",
    )
    parser.add_argument("--child", choices=("generate", "raw", "dry"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.child:
        print(json.dumps(child(args.child, sizes[0], args.seed, args.db_memory, args.upsert)))
        return 0
    results: list[dict[str, Any]] = []
    header = (
        f"{'people':>8} {'run':>8} {'seconds':>8} {'rels':>9} {'rels/s':>8} "
        f"{'rows/s':>8} {'py MiB':>7} {'db MiB':>7} {'of raw':>7}"
    )
    print(header)
    for people in sizes:
        runs: dict[str, dict[str, Any] | None] = {}
        if not args.no_db:
            runs["generate"] = _run_child("generate", people, args)
        if people <= args.raw_max and not args.no_db and not os.environ.get("BENCH_QUICK"):
            runs["raw"] = _run_child("raw", people, args)
        if args.dry or args.no_db:
            runs["dry"] = _run_child("dry", people, args)
        raw = runs.get("raw")
        for mode, r in runs.items():
            if r is None:
                continue
            share = ""
            if mode == "generate" and raw is not None:
                r["share_of_raw"] = round(r["rows_per_s"] / raw["rows_per_s"], 3)
                share = f"{r['share_of_raw']:.0%}"
            print(
                f"{people:>8} {mode:>8} {r['seconds']:>8.1f} {r['relationships']:>9} "
                f"{r['relationships_per_s']:>8} {r['rows_per_s']:>8} "
                f"{r['python_peak_mib']:>7} {r['server_peak_mib']:>7} {share:>7}",
                flush=True,
            )
            results.append(r)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    args.out.write_text(json.dumps({"machine": machine, "runs": results}, indent=2) + "\n")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
