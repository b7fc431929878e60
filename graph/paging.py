"""Running the paged queries of ``graph/``: one round trip for many parents' pages.

A *page query* takes ``$keys`` (the parents), ``$limit`` (rows to fetch, one more than the
page size), ``$after`` (the sort key of the last row seen, a list, or null) and its own
filters, and returns one record per key with ``rows`` (each with a ``sort`` list, the row's
keyset position) and ``total`` (rows matching the filters, ignoring ``after``).

Portability: ArcadeDB collapses a map literal holding a map projection (``{a: x, n: n {.id}}``
becomes ``n {.id}``), so queries project nodes in a ``WITH`` first and put the variables in
the literal; Neo4j gives the same result either way.

A *list query* is the same without ``$keys``: one record with ``rows`` and ``total``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, LiteralString

from graph.db import Database, Row

PageRows = tuple[list[Row], int]


async def pages(
    db: Database, query: LiteralString, keys: Sequence[str], params: Mapping[str, Any]
) -> list[PageRows]:
    """Each key's rows and total, in key order (empty for a key the query does not return)."""
    records = await db.read(query, {**params, "keys": list(keys)})
    found: dict[str, PageRows] = {r["key"]: (r["rows"], int(r["total"])) for r in records}
    return [found.get(k, ([], 0)) for k in keys]


async def page(db: Database, query: LiteralString, params: Mapping[str, Any]) -> PageRows:
    """The rows and total of a top-level list query."""
    records = await db.read(query, params)
    if not records:
        return [], 0
    return records[0]["rows"], int(records[0]["total"])


async def by_keys(db: Database, query: LiteralString, keys: Sequence[str]) -> list[Row | None]:
    """Rows of a lookup returning ``key`` and ``node`` per key, in key order."""
    records = await db.read(query, {"keys": list(keys)})
    found: dict[str, Row | None] = {r["key"]: r["node"] for r in records}
    return [found.get(k) for k in keys]


def time_after(after: list[Any] | None) -> list[Any] | None:
    """A cursor of a list sorted by (time, id) with its time back as a UTC datetime.

    Cursors carry times as ISO text; ArcadeDB returns stored times without their zone,
    and every stored time is UTC.
    """
    if after is None:
        return None
    when = dt.datetime.fromisoformat(str(after[0]))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return [when, *after[1:]]
