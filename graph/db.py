"""The one code path to the database: an async ``neo4j`` driver and managed transactions.

:class:`Database` wraps the driver with the database name, plain-data results, error
translation and a round-trip counter (so tests and benchmarks can see N+1 queries).
Queries are ``LiteralString``: the type checker rejects Cypher built from strings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar

import neo4j
import neo4j.time
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.errors import AuthenticationFailed, DatabaseUnavailable, Duplicate

T = TypeVar("T")
Row = dict[str, Any]
Params = Mapping[str, Any]


@dataclass
class RoundTrips:
    """Counts the Cypher statements sent while it is active."""

    count: int = 0


_counter: ContextVar[RoundTrips | None] = ContextVar("round_trips", default=None)


@contextlib.contextmanager
def count_round_trips() -> Iterator[RoundTrips]:
    """Count the Cypher statements sent by the current task (and tasks it starts)."""
    counter = RoundTrips()
    token = _counter.set(counter)
    try:
        yield counter
    finally:
        _counter.reset(token)


def _tick() -> None:
    counter = _counter.get()
    if counter is not None:
        counter.count += 1


def plain(value: Any) -> Any:
    """Turn driver values (temporal types, nested lists and maps) into plain Python."""
    if isinstance(value, neo4j.time.DateTime):
        return value.to_native()
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _rows(records: list[neo4j.Record]) -> list[Row]:
    return [{k: plain(r[k]) for k in r.keys()} for r in records]


def translate(error: Exception) -> Exception:
    """The service error for a driver error (or the error itself when it has none)."""
    if isinstance(error, ConstraintError):
        return Duplicate("entity")
    if isinstance(error, AuthError):
        return AuthenticationFailed(f"the database refused the credentials: {error.message}")
    if isinstance(error, ServiceUnavailable | SessionExpired):
        return DatabaseUnavailable(f"database unavailable: {error}")
    if isinstance(error, DriverError) and not isinstance(error, Neo4jError):
        return DatabaseUnavailable(f"database unavailable: {error}")
    return error


class Tx:
    """A managed transaction that returns plain rows and counts its round trips."""

    def __init__(self, tx: AsyncManagedTransaction, timeout: float) -> None:
        self._tx = tx
        self._timeout = timeout

    async def run(self, query: LiteralString, params: Params | None = None) -> list[Row]:
        """Run one statement and return its rows."""
        _tick()
        result = await self._tx.run(query, parameters=dict(params or {}))
        return _rows([r async for r in result])


class Database:
    """An async driver bound to one database."""

    def __init__(self, driver: AsyncDriver, name: str, *, query_timeout: float = 30.0) -> None:
        self.driver = driver
        self.name = name
        self.query_timeout = query_timeout

    @classmethod
    def connect(
        cls,
        uri: str,
        user: str,
        password: str,
        name: str,
        *,
        query_timeout: float = 30.0,
    ) -> Database:
        """Create the driver (it connects lazily; see :meth:`ping`)."""
        driver = AsyncGraphDatabase.driver(
            uri,
            auth=(user, password),
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            max_transaction_retry_time=5.0,
            max_connection_pool_size=64,
            notifications_min_severity="OFF",
        )
        return cls(driver, name, query_timeout=query_timeout)

    async def close(self) -> None:
        """Close the driver and its connections."""
        await self.driver.close()

    async def ping(self) -> None:
        """Check that the database answers a query."""
        await self.read("RETURN 1 AS ok")

    def _query(self, text: LiteralString) -> neo4j.Query:
        return neo4j.Query(text, timeout=self.query_timeout)

    async def read(self, query: LiteralString, params: Params | None = None) -> list[Row]:
        """Run a read query in its own managed transaction."""
        return await self._execute(query, params, RoutingControl.READ)

    async def write(self, query: LiteralString, params: Params | None = None) -> list[Row]:
        """Run a write query in its own managed transaction."""
        return await self._execute(query, params, RoutingControl.WRITE)

    async def _execute(
        self, query: LiteralString, params: Params | None, routing: RoutingControl
    ) -> list[Row]:
        _tick()
        try:
            records, _, _ = await self.driver.execute_query(
                self._query(query),
                parameters_=dict(params or {}),
                routing_=routing,
                database_=self.name,
            )
        except (Neo4jError, DriverError) as e:
            raise translate(e) from e
        return _rows(records)

    async def read_tx(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run ``work`` in one managed read transaction."""
        return await self._transaction(work, write=False)

    async def write_tx(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run ``work`` in one managed write transaction: all of it is written, or none."""
        return await self._transaction(work, write=True)

    async def _transaction(self, work: Callable[[Tx], Awaitable[T]], *, write: bool) -> T:
        timeout = self.query_timeout

        async def unit(tx: AsyncManagedTransaction) -> T:
            return await work(Tx(tx, timeout))

        try:
            async with self.driver.session(database=self.name) as session:
                if write:
                    return await session.execute_write(unit)
                return await session.execute_read(unit)
        except (Neo4jError, DriverError) as e:
            raise translate(e) from e


def utcnow() -> dt.datetime:
    """The current time, timezone-aware (stored as a Cypher ``DATETIME``)."""
    return dt.datetime.now(dt.UTC)
