"""Which database to use: Neo4j at ``NEO4J_URI``, or the embedded server of the data folder.

Every command that needs the database goes through :func:`database_target`: with no
``NEO4J_URI`` it uses the embedded server already running on the data folder, or starts
one for the duration of the block and stops it after.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph import embedded
from graph.constraints import apply_schema
from graph.db import Database, short_reason
from graph.errors import AuthenticationFailed, DatabaseUnavailable

if TYPE_CHECKING:
    from skillgraph.config import Settings


@dataclass(frozen=True)
class Target:
    """Where and as whom to connect."""

    uri: str
    user: str
    password: str
    database: str
    query_timeout: float = 30.0

    def open(self) -> Database:
        """A :class:`Database` for this target (not yet connected)."""
        return Database.connect(
            self.uri, self.user, self.password, self.database, query_timeout=self.query_timeout
        )


def embedded_server(settings: Settings) -> embedded.EmbeddedServer:
    """The embedded server of the configured data folder."""
    return embedded.EmbeddedServer(
        settings.data_dir,
        bolt_port=settings.bolt_port,
        memory=settings.server_memory,
        start_timeout=settings.start_timeout,
    )


@contextlib.contextmanager
def database_target(settings: Settings, *, exclusive: bool = False) -> Iterator[Target]:
    """The database to talk to, started (and stopped after) when it is embedded and idle.

    ``exclusive`` refuses an embedded server owned by another live command (see
    :func:`graph.embedded.running`).
    """
    if settings.neo4j_uri is not None:
        yield Target(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.__str__(),
            settings.neo4j_database,
            settings.query_timeout,
        )
        return
    server = embedded_server(settings)
    with embedded.running(server, exclusive=exclusive) as state:
        yield Target(
            state.uri, embedded.USER, server.password(), embedded.DATABASE, settings.query_timeout
        )


@contextlib.asynccontextmanager
async def connected(target: Target) -> AsyncIterator[Database]:
    """A connected :class:`Database` with the schema applied; closed at the end.

    Raises
    ------
    DatabaseUnavailable
        When nothing answers at the target's address (one sentence naming it).
    AuthenticationFailed
        When the database refuses the user or password.
    """
    db = target.open()
    try:
        try:
            await db.ping()
        except DatabaseUnavailable as e:
            raise DatabaseUnavailable(
                f"cannot reach the database at {target.uri} ({short_reason(e.__cause__ or e)})"
            ) from e
        except AuthenticationFailed as e:
            raise AuthenticationFailed(
                f"the database at {target.uri} refused user {target.user!r}: wrong password?"
            ) from e
        await apply_schema(db)
        yield db
    finally:
        await db.close()
