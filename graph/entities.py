"""Teams, skills and goals by id: the lookups the API's first cut needs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import LiteralString

from graph.db import Database, Row

_TEAMS = """
UNWIND $keys AS key
OPTIONAL MATCH (t:Team {id: key})
RETURN key, t {.id, .name} AS node
"""

_SKILLS = """
UNWIND $keys AS key
OPTIONAL MATCH (s:Skill {id: key})
RETURN key, s {.id, .name, .description, .category, .escoUri} AS node
"""

_GOALS = """
UNWIND $keys AS key
OPTIONAL MATCH (g:Goal {id: key})
RETURN key, g {.id, .title, .kind, .description, .due, .targetHoursPerPerson} AS node
"""


async def _by_ids(db: Database, query: LiteralString, keys: Sequence[str]) -> list[Row | None]:
    rows = await db.read(query, {"keys": list(keys)})
    found: dict[str, Row | None] = {r["key"]: r["node"] for r in rows}
    return [found.get(k) for k in keys]


async def teams_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The teams with these ids, in key order."""
    return await _by_ids(db, _TEAMS, keys)


async def skills_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The skills with these ids, in key order."""
    return await _by_ids(db, _SKILLS, keys)


async def goals_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The goals with these ids, in key order."""
    return await _by_ids(db, _GOALS, keys)
