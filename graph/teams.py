"""Teams: the list, the hierarchy, members and the goals a team works towards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.db import Database, Row
from graph.paging import PageRows, by_keys, page, pages

_PAGE: LiteralString = """
CALL {
  MATCH (t:Team)
  WHERE ($search IS NULL OR toLower(t.name) CONTAINS $search)
    AND (NOT $roots OR NOT EXISTS { (t)-[:PART_OF]->(:Team) })
  RETURN count(t) AS total
}
CALL {
  MATCH (t:Team)
  WHERE ($search IS NULL OR toLower(t.name) CONTAINS $search)
    AND (NOT $roots OR NOT EXISTS { (t)-[:PART_OF]->(:Team) })
    AND ($after IS NULL OR t.name > $after[0] OR (t.name = $after[0] AND t.id > $after[1]))
  WITH t ORDER BY t.name, t.id LIMIT $limit
  RETURN collect(t {.id, .name, sort: [t.name, t.id]}) AS rows
}
RETURN rows, total
"""

_PARENT_OF: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (:Team {id: key})-[:PART_OF]->(p:Team)
WITH key, p ORDER BY p.id
RETURN key, collect(p {.id, .name})[0] AS node
"""

_SUB_TEAMS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH path = (:Team {id: key})<-[:PART_OF*1..]-(t:Team)
  WHERE $all OR length(path) = 1
  RETURN count(DISTINCT t) AS total
}
CALL {
  WITH key
  MATCH path = (:Team {id: key})<-[:PART_OF*1..]-(t:Team)
  WHERE ($all OR length(path) = 1)
    AND ($after IS NULL OR t.name > $after[0] OR (t.name = $after[0] AND t.id > $after[1]))
  WITH DISTINCT t ORDER BY t.name, t.id LIMIT $limit
  RETURN collect(t {.id, .name, sort: [t.name, t.id]}) AS rows
}
RETURN key, rows, total
"""

_MEMBERS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Team {id: key})<-[:PART_OF*0..]-(m:Team)<-[:MEMBER_OF]-(p:Person)
  WHERE $subTeams OR m.id = key
  RETURN count(DISTINCT p) AS total
}
CALL {
  WITH key
  MATCH (:Team {id: key})<-[:PART_OF*0..]-(m:Team)<-[:MEMBER_OF]-(p:Person)
  WHERE ($subTeams OR m.id = key)
    AND ($after IS NULL OR p.name > $after[0] OR (p.name = $after[0] AND p.id > $after[1]))
  WITH DISTINCT p ORDER BY p.name, p.id LIMIT $limit
  RETURN collect(p {.id, .name, .email, .title, curator: p:Curator, sort: [p.name, p.id]}) AS rows
}
RETURN key, rows, total
"""

# One row per person of the team (by name), with the ids of the skills they hold and the
# levels, in one statement (the skills themselves, shared by many rows, are loaded once by
# id). `$people`, when not null, narrows the rows to those people (whose levels the viewer
# may see). The person is projected in a WITH before the row map: ArcadeDB collapses a map
# literal holding a map projection.
_SKILL_MATRIX: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Team {id: key})<-[:PART_OF*0..]-(m:Team)<-[:MEMBER_OF]-(p:Person)
  WHERE ($subTeams OR m.id = key) AND ($people IS NULL OR p.id IN $people)
  RETURN count(DISTINCT p) AS total
}
CALL {
  WITH key
  MATCH (:Team {id: key})<-[:PART_OF*0..]-(m:Team)<-[:MEMBER_OF]-(p:Person)
  WHERE ($subTeams OR m.id = key) AND ($people IS NULL OR p.id IN $people)
    AND ($after IS NULL OR p.name > $after[0] OR (p.name = $after[0] AND p.id > $after[1]))
  WITH DISTINCT p ORDER BY p.name, p.id LIMIT $limit
  OPTIONAL MATCH (p)-[h:HAS_SKILL]->(s:Skill)
  WITH p, collect(CASE WHEN s IS NULL THEN NULL ELSE [s.id, h.level] END) AS held
  WITH p {.id, .name, .email, .title, curator: p:Curator} AS person, held,
       [p.name, p.id] AS sort
  RETURN collect({person: person, held: held, sort: sort}) AS rows
}
RETURN key, rows, total
"""

# With `$inherited` a team also works towards the goals of the teams it is part of.
_GOALS_OF: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH path = (:Team {id: key})-[:PART_OF*0..]->(:Team)-[:COMMITTED_TO]->(g:Goal)
  WHERE $inherited OR length(path) = 1
  RETURN count(DISTINCT g) AS total
}
CALL {
  WITH key
  MATCH path = (:Team {id: key})-[:PART_OF*0..]->(:Team)-[:COMMITTED_TO]->(g:Goal)
  WHERE ($inherited OR length(path) = 1)
    AND ($after IS NULL OR g.title > $after[0] OR (g.title = $after[0] AND g.id > $after[1]))
  WITH DISTINCT g ORDER BY g.title, g.id LIMIT $limit
  RETURN collect(g {.id, .title, .kind, .description, .due, .targetHoursPerPerson,
                    sort: [g.title, g.id]}) AS rows
}
RETURN key, rows, total
"""


async def page_teams(
    db: Database, *, limit: int, after: Any = None, search: str | None = None, roots: bool = False
) -> tuple[list[Row], int]:
    """One keyset page of teams by name (only top-level ones with ``roots``)."""
    params = {
        "limit": limit,
        "after": after,
        "search": search.lower() if search else None,
        "roots": roots,
    }
    return await page(db, _PAGE, params)


async def parents_of(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """Each team's parent team, in key order."""
    return await by_keys(db, _PARENT_OF, keys)


async def sub_teams_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, all_levels: bool
) -> list[PageRows]:
    """Each team's sub-teams (at every level below with ``all_levels``), by name."""
    return await pages(db, _SUB_TEAMS, keys, {"limit": limit, "after": after, "all": all_levels})


async def members_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, sub_teams: bool
) -> list[PageRows]:
    """Each team's members (with the members of its sub-teams with ``sub_teams``), by name."""
    params = {"limit": limit, "after": after, "subTeams": sub_teams}
    return await pages(db, _MEMBERS, keys, params)


async def skill_matrix_of(
    db: Database,
    keys: Sequence[str],
    *,
    limit: int,
    after: Any,
    sub_teams: bool,
    people: Sequence[str] | None,
) -> list[PageRows]:
    """Each team's people by name, each row with ``held``: ``[skill id, level]`` by skill id.

    ``people`` narrows the rows (and the total) to those people; ``None`` keeps everyone.
    """
    params = {
        "limit": limit,
        "after": after,
        "subTeams": sub_teams,
        "people": None if people is None else list(people),
    }
    found = await pages(db, _SKILL_MATRIX, keys, params)
    for rows, _ in found:
        rows.sort(key=lambda r: tuple(r["sort"]))  # collect() after a sort keeps no promise
        for row in rows:
            row["held"].sort(key=lambda pair: pair[0])
    return found


async def goals_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, inherited: bool
) -> list[PageRows]:
    """The goals each team is committed to (and its parents' with ``inherited``), by title."""
    params = {"limit": limit, "after": after, "inherited": inherited}
    return await pages(db, _GOALS_OF, keys, params)
