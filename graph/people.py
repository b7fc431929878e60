"""People: lookups by id, the paginated list, and the team each person belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.db import Database, Row

_BY_IDS = """
UNWIND $keys AS key
OPTIONAL MATCH (p:Person {id: key})
RETURN key, p {.id, .name, .email, .title, curator: p:Curator} AS person
"""

_TEAM_OF = """
UNWIND $keys AS key
OPTIONAL MATCH (:Person {id: key})-[:MEMBER_OF]->(t:Team)
WITH key, t ORDER BY t.id
RETURN key, collect(t.id)[0] AS team
"""

_PAGE = """
MATCH (p:Person)
WHERE ($search IS NULL OR toLower(p.name) CONTAINS $search)
  AND ($after IS NULL OR p.id > $after)
RETURN p {.id, .name, .email, .title, curator: p:Curator} AS person
ORDER BY p.id
LIMIT $limit
"""

_COUNT = """
MATCH (p:Person)
WHERE ($search IS NULL OR toLower(p.name) CONTAINS $search)
RETURN count(p) AS total
"""


async def people_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The people with these ids, in key order (``None`` for an unknown id)."""
    rows = await db.read(_BY_IDS, {"keys": list(keys)})
    found: dict[str, Row | None] = {r["key"]: r["person"] for r in rows}
    return [found.get(k) for k in keys]


async def team_ids_of(db: Database, keys: Sequence[str]) -> list[str | None]:
    """The id of each person's team (``None`` for someone in no team), in key order."""
    rows = await db.read(_TEAM_OF, {"keys": list(keys)})
    found: dict[str, str | None] = {r["key"]: r["team"] for r in rows}
    return [found.get(k) for k in keys]


async def page_people(
    db: Database, *, limit: int, after: str | None, search: str | None = None
) -> tuple[list[Row], int]:
    """One keyset page of people ordered by id, and how many match in all."""
    params: dict[str, Any] = {
        "limit": limit,
        "after": after,
        "search": search.lower() if search else None,
    }
    rows = await db.read(_PAGE, params)
    total = await db.read(_COUNT, params)
    return [r["person"] for r in rows], int(total[0]["total"])
