"""What the benchmark scripts share: a seeded embedded database, a served API, statistics,
tables and the JSON results under ``bench/results/`` (git-ignored).

A script ``bench/<name>.py`` runs as ``python -m bench.<name>``, reads its sizes and repeats
from :func:`options` (flags, or ``BENCH_SIZES`` / ``BENCH_REPEATS`` / ``BENCH_QUICK`` when
``make bench`` runs it), prints its table and calls :func:`save` with its rows; ``python -m
bench`` runs every script present and prints all the tables together.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from graph import stats
from graph.connect import Target
from graph.constraints import apply_schema
from graph.db import Database
from graph.embedded import DATABASE, USER, EmbeddedServer, ServerState

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SIZES = (1_000, 10_000, 100_000)


# -- options -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...]
    repeats: int
    quick: bool


def options(description: str, argv: Sequence[str] | None = None) -> Options:
    """Sizes and repeats from the command line, defaulting to ``BENCH_*`` variables."""
    env_sizes = os.environ.get("BENCH_SIZES", ",".join(map(str, SIZES)))
    quick_env = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--sizes", default=env_sizes, help="people per organisation, e.g. 1000,10000"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=int(os.environ.get("BENCH_REPEATS", "3")),
        help="runs per figure",
    )
    parser.add_argument("--quick", action="store_true", default=quick_env, help="short runs")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in str(args.sizes).split(",") if s.strip())
    return Options(sizes=sizes, repeats=max(1, args.repeats), quick=bool(args.quick))


# -- the machine -----------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    """What the figures were measured on (they mean little without it)."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gib = 0.0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    versions = {}
    for package in ("neo4j", "arcadedb-embedded", "strawberry-graphql", "starlette", "uvicorn"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions[package] = importlib.metadata.version(package)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "packages": versions,
    }


# -- statistics ------------------------------------------------------------------------------
def percentiles(samples: Sequence[float]) -> dict[str, float]:
    """p50, p95 and p99 of ``samples`` (seconds), in milliseconds."""
    if not samples:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan")}
    if len(samples) == 1:
        only = samples[0] * 1000
        return {"p50": only, "p95": only, "p99": only}
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}


def median_of(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    """The median of each figure over repeated runs."""
    keys = runs[0].keys()
    return {k: statistics.median(r[k] for r in runs) for k in keys}


# -- memory ----------------------------------------------------------------------------------
def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mib(pid: int) -> float:
    """Resident memory of a process now, MiB."""
    return _status_kib(pid, "VmRSS") / 1024


def peak_rss_mib(pid: int) -> float:
    """Peak resident memory of a process so far, MiB."""
    return _status_kib(pid, "VmHWM") / 1024


# -- the database and the service -------------------------------------------------------------
def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM (the harness's timeout) unwinds: servers get stopped


@contextlib.contextmanager
def embedded(
    memory: str = "2g", *, copy_of: Path | None = None
) -> Iterator[tuple[EmbeddedServer, ServerState, Target]]:
    """A fresh embedded server in a temporary folder (empty, or a copy of ``copy_of``);
    stopped and deleted at the end.

    It is started as ``skillgraph db start`` does (not tied to this process), so that the
    ``skillgraph serve`` of :func:`serve` may share it; this block stops it, also on SIGTERM.
    """
    previous = signal.signal(signal.SIGTERM, _terminate)
    folder = Path(tempfile.mkdtemp(prefix="skillgraph-bench-"))
    if copy_of is not None:
        shutil.copytree(copy_of, folder / "data", ignore=shutil.ignore_patterns("bench-*"))
    server = EmbeddedServer(folder / "data", memory=memory, start_timeout=180)
    try:
        state, _ = server.start(owned=False)
        yield server, state, Target(state.uri, USER, server.password(), DATABASE, 300.0)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)


async def seed(db: Database, people: int, seed: int = 7) -> dict[str, int]:
    """Write a generated organisation of ``people`` (the same one for the same seed) and
    run the community-health analysis over it once."""
    await apply_schema(db)
    from seeds import generator

    await generator.generate(db, people=people, seed=seed, progress=sys.stderr.isatty())
    try:
        from analysis.job import run_analysis
    except ImportError:
        pass
    else:  # culture leaders and the other community-health answers need a complete run
        await run_analysis(db)
    return await stats.counts_by_label(db)


CACHE = RESULTS / "cache"


@contextlib.asynccontextmanager
async def organisation(
    people: int, seed_value: int = 7, memory: str = "2g"
) -> AsyncIterator[tuple[EmbeddedServer, ServerState, Target, dict[str, int]]]:
    """A running embedded server over a generated organisation of ``people``.

    Seeding 10,000 people takes minutes on a busy machine, so the first run keeps a copy of
    the stopped data folder under ``bench/results/cache/`` and later runs start from a copy
    of it (the same seed gives the same graph). Delete the folder to seed afresh.
    """
    cached = CACHE / f"org-{people}-seed{seed_value}"
    counts_file = cached / "bench-counts.json"
    if not counts_file.is_file():
        shutil.rmtree(cached, ignore_errors=True)
        with embedded(memory) as (server, _state, target):
            started = time.monotonic()
            async with opened(target) as db:
                counts = await seed(db, people, seed_value)
            print(f"seeded {people:,} people in {time.monotonic() - started:.0f} s", flush=True)
            server.stop()
            CACHE.mkdir(parents=True, exist_ok=True)
            shutil.copytree(server.data_dir, cached)
            counts_file.write_text(json.dumps(counts) + "\n")
    counts = json.loads(counts_file.read_text())
    with embedded(memory, copy_of=cached) as (server, state, target):
        yield server, state, target, counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Service:
    """A ``skillgraph serve`` process on loopback, over a data folder's running server."""

    process: subprocess.Popen[bytes]
    url: str
    headers: dict[str, str]

    @property
    def pid(self) -> int:
        return self.process.pid


def auth_headers(env: dict[str, str], person: str = "bench") -> dict[str, str]:
    """A bearer token for the API when the service has access control (none otherwise).

    Issued with ``skillgraph token create`` for the same data folder, as an operator would.
    """
    from skillgraph.cli import COMMANDS

    if not any(c.__name__.endswith(".token") for c in COMMANDS):
        return {}
    command = [sys.executable, "-m", "skillgraph", "token", "create", "--person", person]
    command += ["--role", "admin"]
    found = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if found.returncode != 0:
        raise RuntimeError(f"skillgraph token create failed: {found.stderr.strip()}")
    return {"authorization": f"Bearer {found.stdout.strip()}"}


@contextlib.contextmanager
def serve(server: EmbeddedServer, *, log: Path | None = None) -> Iterator[Service]:
    """Run ``skillgraph serve`` on a free loopback port over ``server``'s folder; stop it after."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["SKILLGRAPH_DATA_DIR"] = str(server.data_dir)
    out = open(log or os.devnull, "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "skillgraph",
            "serve",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    service = Service(process, f"http://127.0.0.1:{port}", auth_headers(env))
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"skillgraph serve exited with {process.returncode} (see {log})")
            try:
                if httpx.get(service.url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("skillgraph serve did not become ready within 120 s")
            time.sleep(0.2)
        yield service
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        out.close()


@contextlib.asynccontextmanager
async def opened(target: Target) -> AsyncIterator[Database]:
    db = target.open()
    try:
        await db.ping()
        yield db
    finally:
        await db.close()


async def run_for(seconds: float, concurrency: int, call: Any) -> tuple[list[float], int, float]:
    """Call ``call(i)`` from ``concurrency`` workers for ``seconds``.

    Returns the latencies of the calls that succeeded, the number that failed, and the
    wall time (for throughput).
    """
    latencies: list[float] = []
    failures = 0
    counter = 0
    started = time.monotonic()
    stop = started + seconds

    async def worker() -> None:
        nonlocal failures, counter
        while time.monotonic() < stop:
            counter += 1
            i = counter
            t = time.perf_counter()
            try:
                ok = await call(i)
            except Exception:  # noqa: BLE001 - a benchmark counts failures, whatever they are
                ok = False
            if ok:
                latencies.append(time.perf_counter() - t)
            else:
                failures += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, failures, time.monotonic() - started


# -- output ----------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "-"
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "-" if value is None else str(value)


def markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A Markdown table of ``rows`` (prints well on a terminal, pastes into the README)."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        lines.append("| " + " | ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def save(
    name: str,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    notes: Sequence[str] = (),
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write ``bench/results/<name>.json`` (and a dated copy) and print the table."""
    RESULTS.mkdir(exist_ok=True)
    payload = {
        "name": name,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, "-m", f"bench.{name}", *sys.argv[1:]]),
        "machine": machine(),
        "columns": list(columns),
        "rows": list(rows),
        "notes": list(notes),
        **(extra or {}),
    }
    text = json.dumps(payload, indent=2, default=str) + "\n"
    path = RESULTS / f"{name}.json"
    path.write_text(text)
    stamp = payload["when"].replace(":", "").replace("-", "")
    (RESULTS / f"{name}-{stamp}.json").write_text(text)
    print(f"\n## {name}\n")
    print(markdown(rows, columns))
    for note in notes:
        print(f"- {note}")
    print(f"\n(written to {path.relative_to(ROOT)})", flush=True)
    return path
