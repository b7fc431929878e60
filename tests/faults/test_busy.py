"""A database that answers but keeps refusing work: a clear "busy" error, not an internal one.

The server here admits one query at a time and queues none
(``arcadedb.queryMaxConcurrent=1``, ``arcadedb.queryQueueTimeout=0``), so while one long
statement runs every other is refused with the transient error ArcadeDB also gives when
its shared query memory budget is full.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from graph.connect import Target
from graph.db import Database
from graph.embedded import DATABASE, USER, EmbeddedServer
from skillgraph.app import create_app
from tests.faults.conftest import java_pids, timed_person_query

# Long enough (seconds, even on a quiet machine) to outlast the driver's retries.
LONG = """
UNWIND range(1, 3000) AS x UNWIND range(1, 3000) AS y
WITH x, y WHERE (x + y) % 7 = 0 RETURN count(*) AS n
"""


@pytest_asyncio.fixture
async def one_at_a_time(tmp_path: Path) -> AsyncIterator[Database]:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("starts an embedded database of its own with an admission limit")
    data_dir = tmp_path / "data"
    server = EmbeddedServer(data_dir, memory="512m", start_timeout=60)
    with pytest.MonkeyPatch.context() as mp:  # only the server's JVM reads it
        mp.setenv(
            "JAVA_TOOL_OPTIONS",
            "-Darcadedb.queryMaxConcurrent=1 -Darcadedb.queryQueueTimeout=0",
        )
        state, _ = server.start(owned=True)
    db = Target(state.uri, USER, server.password(), DATABASE, 120.0).open()
    try:
        yield db
    finally:
        await db.close()
        server.stop()
        assert java_pids(data_dir) == []


async def test_refused_work_is_busy_and_the_service_carries_on(one_at_a_time: Database) -> None:
    db = one_at_a_time
    await db.write("CREATE (:Person {id: 'ada', name: 'Ada Lovelace'})")
    app = create_app(db=db)
    token = app.state.keys.issue("admin", ["admin"])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://skillgraph.test",
        headers={"authorization": f"Bearer {token}"},
    ) as client:
        _, before = await timed_person_query(client)
        assert before == {"data": {"person": {"key": "ada", "name": "Ada Lovelace"}}}

        long = asyncio.create_task(db.read(LONG))
        await asyncio.sleep(0.5)  # it holds the one slot now
        assert not long.done(), "the long statement ended too soon to hold the slot"
        waited, refused = await timed_person_query(client)
        ready = await client.get("/readyz")
        assert not long.done(), "the long statement ended before the refusals were seen"

        assert refused["data"] == {"person": None}
        [error] = refused["errors"]
        assert error["extensions"] == {"code": "DATABASE_BUSY"}
        assert error["message"].startswith("database busy: it refused the request for now")
        assert error["message"].endswith("retry shortly")
        assert waited < 10.0  # the driver's short retries, not a hang
        assert ready.status_code == 503
        assert ready.json()["status"] == "busy"

        expected = sum((x + y) % 7 == 0 for x in range(1, 3001) for y in range(1, 3001))
        assert await long == [{"n": expected}]  # the running statement was not harmed
        assert db.available  # busy is not down: no breaker opened
        _, after = await timed_person_query(client)
        assert after == before
        assert (await client.get("/readyz")).json() == {"status": "ready"}
