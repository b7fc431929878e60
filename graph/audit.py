"""The audit trail: one ``AuditEntry`` node per write made through the API.

An entry says who (the person id and roles of the token), what (the mutation and its
inputs, as JSON), when (``at``, UTC) and how it ended (``outcome``), with the request id
that the response and the log also carry. Entry ids sort in time order, so the newest-first
page is a keyset page over ``id``.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass
from typing import Any

from graph.db import Database, Row, utcnow

_RECORD = """
CREATE (e:AuditEntry {
  id: $id, at: $at, actor: $actor, roles: $roles, action: $action,
  inputs: $inputs, outcome: $outcome, requestId: $request_id
})
"""

_PAGE = """
MATCH (e:AuditEntry)
WHERE ($after IS NULL OR e.id < $after)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($action IS NULL OR e.action = $action)
RETURN e {.id, .at, .actor, .roles, .action, .inputs, .outcome, .requestId} AS entry
ORDER BY e.id DESC
LIMIT $limit
"""

_COUNT = """
MATCH (e:AuditEntry)
WHERE ($actor IS NULL OR e.actor = $actor)
  AND ($action IS NULL OR e.action = $action)
RETURN count(e) AS total
"""


@dataclass(frozen=True)
class Entry:
    """One write to record."""

    actor: str
    roles: list[str]
    action: str
    inputs: str
    outcome: str
    request_id: str


def new_id(now: dt.datetime | None = None) -> str:
    """A unique id that sorts in time order (nanoseconds, then randomness)."""
    stamp = int((now or utcnow()).timestamp() * 1_000_000) * 1000 + time.perf_counter_ns() % 1000
    return f"{stamp:020d}-{uuid.uuid4().hex[:12]}"


async def record(db: Database, entry: Entry) -> str:
    """Write ``entry`` and return its id."""
    now = utcnow()
    entry_id = new_id(now)
    params: dict[str, Any] = {
        "id": entry_id,
        "at": now,
        "actor": entry.actor,
        "roles": entry.roles,
        "action": entry.action,
        "inputs": entry.inputs,
        "outcome": entry.outcome,
        "request_id": entry.request_id,
    }
    await db.write(_RECORD, params)
    return entry_id


async def page(
    db: Database,
    *,
    limit: int,
    after: str | None,
    actor: str | None = None,
    action: str | None = None,
) -> tuple[list[Row], int]:
    """One page of entries, newest first, and how many match in all."""
    params: dict[str, Any] = {"limit": limit, "after": after, "actor": actor, "action": action}
    rows = await db.read(_PAGE, params)
    total = await db.read(_COUNT, params)
    return [r["entry"] for r in rows], int(total[0]["total"])
