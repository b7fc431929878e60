"""The one code path to the database: an async ``neo4j`` driver and managed transactions.

:class:`Database` wraps the driver with the database name, plain-data results, error
translation and a round-trip counter (so tests and benchmarks can see N+1 queries).
Queries are ``LiteralString``: the type checker rejects Cypher built from strings.

When the database goes away, requests fail fast: the first failure opens a breaker, and
while it is open every call raises :class:`DatabaseUnavailable` at once, except one quick
probe every :data:`PROBE_INTERVAL` seconds; the first probe that answers closes it again,
so the service recovers by itself when the database is back (no restart).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import socket
import time
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
    TransientError,
)

from graph.errors import AuthenticationFailed, DatabaseBusy, DatabaseUnavailable, Duplicate

T = TypeVar("T")
Row = dict[str, Any]
Params = Mapping[str, Any]

#: Seconds between two probes of a database that has stopped answering.
PROBE_INTERVAL = 0.5
# The driver retries a failed managed transaction (connection lost, transient error) with
# a backoff from 0.2 s for at most this long: about 1.5 s in all before the error surfaces,
# so a request to a database that went away fails fast instead of hanging.
RETRY_TIME = 1.0
RETRY_DELAY = 0.2


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


# Values the driver returns as plain Python already: most of what a result holds.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """Turn driver values (temporal types, nested lists and maps) into plain Python."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k: v if type(v) in _SCALARS else plain(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _SCALARS else plain(v) for v in value]
    if isinstance(value, neo4j.time.DateTime | neo4j.time.Date):
        return value.to_native()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _rows(records: list[neo4j.Record]) -> list[Row]:
    return [{k: plain(r[k]) for k in r.keys()} for r in records]


def short_reason(error: BaseException) -> str:
    """A short cause of a connection error ("connection refused"), not the driver's essay."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, socket.gaierror) and seen.strerror:
            return f"cannot resolve the host: {seen.strerror.lower()}"
        if isinstance(seen, OSError) and seen.errno:
            return os.strerror(seen.errno).lower()
        seen = seen.__cause__ or seen.__context__
    text = str(error).strip().splitlines()
    return text[0][:160] if text else type(error).__name__


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
    if isinstance(error, TransientError):
        # Raised only once the driver's retries are spent. ArcadeDB reports its admission
        # gate (arcadedb.queryMaxConcurrent) and its shared query memory budget
        # (arcadedb.queryMaxHeapRAM) this way, as a deadlock with no more detail.
        return DatabaseBusy(
            "database busy: it refused the request for now (too many queries at once, its "
            "query memory held by other queries, or a conflicting write) and kept refusing "
            f"through the retries ({error.code}); retry shortly"
        )
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

    def __init__(
        self,
        driver: AsyncDriver,
        name: str,
        *,
        query_timeout: float = 30.0,
        address: str | None = None,
    ) -> None:
        self.driver = driver
        self.name = name
        self.query_timeout = query_timeout
        self.address = address or "the configured address"
        self._down: str | None = None  # why the database is unavailable; None: it answers
        self._next_probe = 0.0
        self._probing = asyncio.Lock()

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
            max_transaction_retry_time=RETRY_TIME,
            initial_retry_delay=RETRY_DELAY,
            max_connection_pool_size=64,
            notifications_min_severity="OFF",
        )
        return cls(driver, name, query_timeout=query_timeout, address=uri)

    async def close(self) -> None:
        """Close the driver and its connections."""
        await self.driver.close()

    async def ping(self) -> None:
        """Check now, with one quick query that is not retried, that the database answers.

        Raises
        ------
        DatabaseUnavailable
            When it does not (this also opens the breaker; an answer closes it).
        AuthenticationFailed
            When it refuses the credentials.
        """
        error: Exception | None = None
        cause: Exception | None = None
        for _ in range(2):  # a second try: the first may meet a connection the server dropped
            try:
                async with self.driver.session(
                    database=self.name, default_access_mode=neo4j.READ_ACCESS
                ) as session:
                    result = await session.run(self._query("RETURN 1 AS ok"))
                    await result.consume()
            except (Neo4jError, DriverError, OSError) as e:
                error, cause = self._translate(e), e
                if not isinstance(error, DatabaseUnavailable):
                    raise error from e
                continue
            self._down = None
            return
        assert error is not None
        raise error from cause

    @property
    def available(self) -> bool:
        """Whether the database answered the last time it was asked."""
        return self._down is None

    def _translate(self, error: Exception) -> Exception:
        translated = translate(error)
        if isinstance(translated, DatabaseUnavailable):
            self._down = (
                f"database unavailable: {self.address} does not answer ({short_reason(error)})"
            )
            self._next_probe = time.monotonic() + PROBE_INTERVAL
            return DatabaseUnavailable(self._down)
        return translated

    async def _guard(self) -> None:
        """Fail at once while the breaker is open, but for one probe per interval."""
        if self._down is None:
            return
        if time.monotonic() < self._next_probe or self._probing.locked():
            raise DatabaseUnavailable(self._down)
        async with self._probing:
            self._next_probe = time.monotonic() + PROBE_INTERVAL
            await self.ping()

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
        await self._guard()
        _tick()
        try:
            records, _, _ = await self.driver.execute_query(
                self._query(query),
                parameters_=dict(params or {}),
                routing_=routing,
                database_=self.name,
            )
        except (Neo4jError, DriverError) as e:
            raise self._translate(e) from e
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

        await self._guard()
        try:
            async with self.driver.session(database=self.name) as session:
                if write:
                    return await session.execute_write(unit)
                return await session.execute_read(unit)
        except (Neo4jError, DriverError) as e:
            raise self._translate(e) from e


def utcnow() -> dt.datetime:
    """The current time, timezone-aware (stored as a Cypher ``DATETIME``)."""
    return dt.datetime.now(dt.UTC)
