"""What access control needs from the graph: whom a manager manages, directly or not."""

from __future__ import annotations

from graph.db import Database

_REPORTS_UNDER = """
MATCH (r:Person)-[:REPORTS_TO*1..]->(:Person {id: $manager})
RETURN collect(DISTINCT r.id) AS ids
"""


async def reports_under(db: Database, manager_id: str) -> frozenset[str]:
    """The ids of everyone who reports to ``manager_id``, directly or through others."""
    rows = await db.read(_REPORTS_UNDER, {"manager": manager_id})
    return frozenset(rows[0]["ids"]) if rows else frozenset()
