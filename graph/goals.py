"""Goals: the list, the skills a goal requires and the teams committed to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.db import Database, Row
from graph.paging import PageRows, page, pages

_PAGE: LiteralString = """
CALL {
  MATCH (g:Goal)
  WHERE ($kind IS NULL OR g.kind = $kind)
    AND ($search IS NULL OR toLower(g.title) CONTAINS $search)
  RETURN count(g) AS total
}
CALL {
  MATCH (g:Goal)
  WHERE ($kind IS NULL OR g.kind = $kind)
    AND ($search IS NULL OR toLower(g.title) CONTAINS $search)
    AND ($after IS NULL OR g.title > $after[0] OR (g.title = $after[0] AND g.id > $after[1]))
  WITH g ORDER BY g.title, g.id LIMIT $limit
  RETURN collect(g {.id, .title, .kind, .description, .due, .targetHoursPerPerson,
                    sort: [g.title, g.id]}) AS rows
}
RETURN rows, total
"""

_REQUIREMENTS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Goal {id: key})-[:REQUIRES]->(s:Skill)
  RETURN count(s) AS total
}
CALL {
  WITH key
  MATCH (g:Goal {id: key})-[r:REQUIRES]->(s:Skill)
  WHERE $after IS NULL OR s.name > $after[0] OR (s.name = $after[0] AND s.id > $after[1])
  WITH g, r, s,
       g {.id, .title, .kind, .description, .due, .targetHoursPerPerson} AS goal_,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill_
  ORDER BY s.name, s.id LIMIT $limit
  RETURN collect({
    level: r.level, headcount: r.headcount, critical: r.critical,
    goal: goal_,
    skill: skill_,
    sort: [s.name, s.id]}) AS rows
}
RETURN key, rows, total
"""

_TEAMS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (t:Team)-[:COMMITTED_TO]->(:Goal {id: key})
  RETURN count(t) AS total
}
CALL {
  WITH key
  MATCH (t:Team)-[:COMMITTED_TO]->(:Goal {id: key})
  WHERE $after IS NULL OR t.name > $after[0] OR (t.name = $after[0] AND t.id > $after[1])
  WITH t ORDER BY t.name, t.id LIMIT $limit
  RETURN collect(t {.id, .name, sort: [t.name, t.id]}) AS rows
}
RETURN key, rows, total
"""


async def page_goals(
    db: Database,
    *,
    limit: int,
    after: Any = None,
    kind: str | None = None,
    search: str | None = None,
) -> tuple[list[Row], int]:
    """One keyset page of goals by title."""
    params = {
        "limit": limit,
        "after": after,
        "kind": kind,
        "search": search.lower() if search else None,
    }
    return await page(db, _PAGE, params)


async def requirements_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """Each goal's skill requirements, by skill name."""
    return await pages(db, _REQUIREMENTS, keys, {"limit": limit, "after": after})


async def teams_of(db: Database, keys: Sequence[str], *, limit: int, after: Any) -> list[PageRows]:
    """The teams committed to each goal, by name."""
    return await pages(db, _TEAMS, keys, {"limit": limit, "after": after})
