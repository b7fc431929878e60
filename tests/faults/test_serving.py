"""Kill the database while the service serves: fail fast, say so, recover without a restart."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from graph.db import Database
from graph.errors import DatabaseUnavailable
from skillgraph.app import create_app
from tests.faults.conftest import Killable, timed_person_query


async def test_killed_database_fails_fast_then_the_service_recovers(
    killable: Killable, killable_db: Database
) -> None:
    await killable_db.write("CREATE (:Person {id: 'ada', name: 'Ada Lovelace'})")
    app = create_app(db=killable_db)
    token = app.state.keys.issue("admin", ["admin"])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://skillgraph.test",
        headers={"authorization": f"Bearer {token}"},
    ) as client:
        _, before = await timed_person_query(client)
        assert before == {"data": {"person": {"key": "ada", "name": "Ada Lovelace"}}}
        assert (await client.get("/readyz")).status_code == 200
        port = killable.state.bolt_port if killable.state else 0

        killable.kill()

        first_wait, first = await timed_person_query(client)
        second_wait, second = await timed_person_query(client)
        ready = await client.get("/readyz")
        # The first request meets the dead connection and the driver's short retries; the
        # ones after it fail at once while the breaker is open.
        assert first_wait < 5.0
        assert second_wait < 0.5
        for body in (first, second):
            assert body["data"] == {"person": None}
            [error] = body["errors"]
            assert error["message"] == (
                f"database unavailable: bolt://127.0.0.1:{port} does not answer "
                "(connection refused)"
            )
            assert error["extensions"] == {"code": "DATABASE_UNAVAILABLE"}
        assert ready.status_code == 503
        assert ready.json()["status"] == "unavailable"
        assert "does not answer" in ready.json()["reason"]

        restarted = killable.start()
        assert restarted.bolt_port == port  # back on the address the service knows

        deadline = time.monotonic() + 10
        while True:
            _, after = await timed_person_query(client)
            if after.get("errors") is None or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        # Committed before the kill, so kept: the server flushes its log at every commit.
        assert after == before
        assert (await client.get("/readyz")).json() == {"status": "ready"}


async def test_writes_fail_fast_too_and_name_the_address(
    killable: Killable, killable_db: Database
) -> None:
    killable.kill()
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable, match=r"^database unavailable: bolt://127\.0\.0\.1"):
        await killable_db.write("CREATE (:Person {id: 'lost', name: 'Lost'})")
    assert time.monotonic() - started < 5.0
    assert not killable_db.available

    async def work(tx: Any) -> None:
        await tx.run("CREATE (:Person {id: 'lost', name: 'Lost'})")

    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable):
        await killable_db.write_tx(work)
    assert time.monotonic() - started < 0.5

    killable.start()
    await asyncio.sleep(0.6)  # one probe interval: the next call probes and goes through
    await killable_db.write_tx(work)
    assert killable_db.available
    rows = await killable_db.read("MATCH (p:Person) RETURN p.id AS id")
    assert rows == [{"id": "lost"}]
