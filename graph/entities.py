"""Entities by id: teams, skills, content, goals and curators, one round trip per batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import LiteralString

from graph.db import Database, Row
from graph.paging import by_keys

_TEAMS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (t:Team {id: key})
RETURN key, t {.id, .name} AS node
"""

_SKILLS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (s:Skill {id: key})
RETURN key, s {.id, .name, .description, .category, .escoUri, .altLabels} AS node
"""

_CONTENT: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (c:Content {id: key})
RETURN key, c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS node
"""

_GOALS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (g:Goal {id: key})
RETURN key, g {.id, .title, .kind, .description, .due, .targetHoursPerPerson} AS node
"""

_CURATORS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (p:Curator {id: key})
RETURN key, p {.id, .name, .email, .title, curator: true} AS node
"""


async def teams_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The teams with these ids, in key order."""
    return await by_keys(db, _TEAMS, keys)


async def skills_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The skills with these ids, in key order."""
    return await by_keys(db, _SKILLS, keys)


async def content_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The content items with these ids, in key order."""
    return await by_keys(db, _CONTENT, keys)


async def goals_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The goals with these ids, in key order."""
    return await by_keys(db, _GOALS, keys)


async def curators_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The curators (people with the curator role) with these ids, in key order."""
    return await by_keys(db, _CURATORS, keys)
