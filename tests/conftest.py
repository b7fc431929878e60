"""Fixtures: one real database for the whole run, an empty graph for every test.

With ``NEO4J_URI`` set the suite runs against that Neo4j; otherwise it starts the embedded
ArcadeDB Bolt server (the service's own launcher) in a temporary folder and stops it at the
end, even when tests fail.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from graph.connect import Target
from graph.constraints import apply_schema
from graph.db import Database
from graph.embedded import DATABASE, USER, EmbeddedServer
from skillgraph.app import create_app
from skillgraph.config import load_settings

_CLEAR = "MATCH (n) DETACH DELETE n"


@pytest.fixture(scope="session")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    if os.environ.get("NEO4J_URI"):
        settings = load_settings(env_file=None)
        yield Target(
            str(settings.neo4j_uri),
            settings.neo4j_user,
            str(settings.neo4j_password),
            settings.neo4j_database,
        )
        return
    server = EmbeddedServer(tmp_path_factory.mktemp("skillgraph-data"), memory="2g")
    state, _ = server.start(owned=True)
    try:
        yield Target(state.uri, USER, server.password(), DATABASE)
    finally:
        server.stop()


@pytest_asyncio.fixture(scope="session")
async def database(target: Target) -> AsyncIterator[Database]:
    db = target.open()
    await db.ping()
    try:
        yield db
    finally:
        await db.close()


@pytest_asyncio.fixture
async def db(database: Database) -> Database:
    """The database, emptied and with its constraints and indexes in place."""
    await database.write(_CLEAR)
    await apply_schema(database)
    return database


@pytest_asyncio.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the application over the test database."""
    transport = httpx.ASGITransport(app=create_app(db=db))
    async with httpx.AsyncClient(transport=transport, base_url="http://skillgraph.test") as c:
        yield c


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh path for a data folder (not created)."""
    return tmp_path / "data"
