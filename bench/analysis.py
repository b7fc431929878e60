"""Community-health benchmark: the full analysis job on a generated organisation.

Seeds an organisation with the generator into a data folder (or reuses one seeded before),
starts the embedded database on it, runs :func:`analysis.job.run_analysis` once or more and
prints the seconds of every stage (projection, each metric, write-back), the graph's size,
the peak memory of this process and of the database server, and how well the planted
isolated teams and brokers were found. Usage::

    .venv/bin/python -m bench.analysis --people 10000 [--data DIR] [--runs 1] [--out PATH]

With ``--data DIR`` the seeded folder is kept (its manifest beside it as
``DIR.manifest.json``) and reused by later runs, so seeding is paid once. Bounded: the whole
benchmark stops after ``--timeout`` seconds (default 1800).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import signal
import statistics
import tempfile
import time
from pathlib import Path
from types import FrameType
from typing import Any

from analysis.job import run_analysis
from analysis.model import Parameters
from graph import analysis_runs
from graph.constraints import apply_schema
from graph.embedded import DATABASE, USER, EmbeddedServer
from seeds.manifest import Manifest


def _server_peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _pr(found: set[str], truth: set[str]) -> dict[str, float]:
    hits = len(found & truth)
    return {
        "precision": hits / len(found) if found else 0.0,
        "recall": hits / len(truth) if truth else 1.0,
    }


async def _bench(
    data: Path, people: int, seed: int, density: float, runs: int, params: Parameters
) -> dict[str, Any]:
    from graph.connect import Target

    manifest_path = data.with_name(data.name + ".manifest.json")
    server = EmbeddedServer(data, memory="4g")
    state, _ = server.start(owned=True)
    try:
        db = Target(state.uri, USER, server.password(), DATABASE, query_timeout=600).open()
        try:
            await apply_schema(db)
            if not manifest_path.exists():
                from seeds.generator import generate

                started = time.perf_counter()
                manifest = await generate(
                    db, people=people, seed=seed, tie_density=density, progress=True
                )
                print(f"seeded {people} people in {time.perf_counter() - started:.1f} s")
                manifest.save(manifest_path)
            manifest = Manifest.from_json(manifest_path.read_text())
            results: list[dict[str, Any]] = []
            for i in range(runs):
                started = time.perf_counter()
                report = await run_analysis(db, params)
                total = time.perf_counter() - started
                teams = await analysis_runs.isolated_teams(db, report.run_id, limit=100)
                brokers = await analysis_runs.brokers(db, report.run_id, limit=100)
                results.append(
                    {
                        "run": i + 1,
                        "seconds": total,
                        "stages": report.durations,
                        "people": report.summary["people"],
                        "ties": report.summary["ties"],
                        "rows_written": report.rows,
                        "betweenness_samples": report.summary["betweennessSamples"],
                        "isolated_teams": _pr(
                            {t["id"] for t in teams}, set(manifest.isolated_teams)
                        ),
                        "brokers": _pr({b["id"] for b in brokers}, set(manifest.brokers)),
                        # the planted brokers are not managers; managers who broker are flagged
                        "informal_brokers": _pr(
                            {b["id"] for b in brokers if not b["isManager"]}, set(manifest.brokers)
                        ),
                    }
                )
                print(f"run {i + 1}: {total:.1f} s")
        finally:
            await db.close()
        server_kib = _server_peak_kib(state.pid)
    finally:
        server.stop()
    return {"runs": results, "server_peak_mib": server_kib / 1024}


def _timeout(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError("benchmark timed out")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--tie-density",
        type=float,
        default=1.0,
        help="generator tie density when seeding (1: ~4.4 ties per person; 11: ~20)",
    )
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--data", type=Path, default=None, help="seeded data folder to (re)use")
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(args.timeout)
    params = Parameters()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="skillgraph-bench-") as tmp:
        data = args.data or Path(tmp) / "data"
        figures = asyncio.run(
            _bench(data, args.people, args.seed, args.tie_density, args.runs, params)
        )
    figures.update(
        {
            "people_requested": args.people,
            "seed": args.seed,
            "tie_density": args.tie_density,
            "python_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "machine": f"{platform.machine()}, {os.cpu_count()} cpus",
            "load_average_before": load_before,
            "load_average": os.getloadavg(),
        }
    )
    runs = figures["runs"]
    print(f"people {runs[0]['people']}, ties {runs[0]['ties']}, seed {args.seed}")
    print("stage           median s")
    for stage in runs[0]["stages"]:
        print(f"  {stage:<14}{statistics.median(r['stages'][stage] for r in runs):8.2f}")
    print(f"  {'total':<14}{statistics.median(r['seconds'] for r in runs):8.2f}")
    print(f"rows written per run: {runs[0]['rows_written']}")
    print(f"betweenness sources sampled: {runs[0]['betweenness_samples']}")
    print(f"isolated teams: {runs[0]['isolated_teams']}")
    print(f"brokers: {runs[0]['brokers']}, non-managers: {runs[0]['informal_brokers']}")
    print(
        f"peak memory: analysis process {figures['python_peak_mib']:.0f} MiB, "
        f"database server {figures['server_peak_mib']:.0f} MiB"
    )
    print(f"load average before: {load_before}, at the end: {figures['load_average']}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
