"""Fixtures for fault tests: an embedded server of their own, to kill and bring back.

Each fixture stops every process it starts, also when the test fails.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from graph.connect import Target
from graph.constraints import apply_schema
from graph.db import Database
from graph.embedded import DATABASE, USER, EmbeddedServer, ServerState

PERSON_QUERY = '{ person(id: "ada") { key name } }'


async def timed_person_query(client: httpx.AsyncClient) -> tuple[float, dict[str, Any]]:
    """Ask the service for the person ``ada``: seconds taken and the response body."""
    started = time.monotonic()
    response = await client.post("/graphql", json={"query": PERSON_QUERY})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return time.monotonic() - started, body


class Killable:
    """An embedded server that a test may kill (SIGKILL) and start again."""

    def __init__(self, data_dir: Path) -> None:
        self.server = EmbeddedServer(data_dir, start_timeout=60)
        self.state: ServerState | None = None

    def start(self) -> ServerState:
        self.state, _ = self.server.start(owned=True)
        return self.state

    def kill(self) -> None:
        assert self.server.kill(), "the server was not running"

    @property
    def target(self) -> Target:
        assert self.state is not None
        return Target(self.state.uri, USER, self.server.password(), DATABASE, 10.0)

    def stop(self) -> None:
        self.server.stop()


def java_pids(data_dir: Path) -> list[int]:
    """The live ArcadeDB server processes started on ``data_dir``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            state = (proc / "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if str(data_dir) in cmdline and "ArcadeDBServer" in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


@pytest.fixture(scope="package")
def _killable_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Killable]:
    # One server for the package (a JVM start costs seconds), stopped whatever happened.
    if os.environ.get("NEO4J_URI"):
        pytest.skip("kills the embedded database; NEO4J_URI points elsewhere")
    data_dir = tmp_path_factory.mktemp("faults") / "data"
    server = Killable(data_dir)
    try:
        yield server
    finally:
        server.stop()
        assert java_pids(data_dir) == []


@pytest.fixture
def killable(_killable_server: Killable) -> Killable:
    """The fault tests' own embedded server, running (started again if a test killed it)."""
    _killable_server.start()
    return _killable_server


@pytest_asyncio.fixture
async def killable_db(killable: Killable) -> AsyncIterator[Database]:
    """A connected database on the killable server, with the schema applied."""
    db = killable.target.open()
    await db.ping()
    await db.write("MATCH (n) DETACH DELETE n")
    await apply_schema(db)
    try:
        yield db
    finally:
        await db.close()
