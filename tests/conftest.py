"""Fixtures: one real database for the whole run, an empty graph for every test.

With ``NEO4J_URI`` set the suite runs against that Neo4j; otherwise it starts the embedded
ArcadeDB Bolt server (the service's own launcher) in a temporary folder and stops it at the
end, even when tests fail.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from graph.connect import Target
from graph.constraints import apply_schema
from graph.db import Database
from graph.embedded import DATABASE, USER, EmbeddedServer
from skillgraph.app import create_app
from skillgraph.auth import Role, TokenKeys
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


ClientAs = Callable[..., httpx.AsyncClient]


@pytest.fixture(scope="session")
def token_keys() -> TokenKeys:
    """The keys the test application verifies tokens with (and the tests sign them with)."""
    return TokenKeys.hs256("test-secret-of-the-skillgraph-suite-0123456789")


@pytest_asyncio.fixture
async def client_as(db: Database, token_keys: TokenKeys) -> AsyncIterator[ClientAs]:
    """Make HTTP clients that act as a given person and roles: ``client_as("p1", "manager")``.

    ``client_as(None)`` sends no token at all.
    """
    app = create_app(db=db, keys=token_keys)
    opened: list[httpx.AsyncClient] = []

    def make(person: str | None = "admin", *roles: Role | str) -> httpx.AsyncClient:
        headers = {}
        if person is not None:
            token = token_keys.issue(person, roles or (Role.ADMIN,))
            headers["authorization"] = f"Bearer {token}"
        c = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://skillgraph.test",
            headers=headers,
        )
        opened.append(c)
        return c

    yield make
    for c in opened:
        await c.aclose()


@pytest_asyncio.fixture
async def client(client_as: ClientAs) -> httpx.AsyncClient:
    """An HTTP client for the application over the test database, signed in as an admin."""
    return client_as("admin", Role.ADMIN)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh path for a data folder (not created)."""
    return tmp_path / "data"
