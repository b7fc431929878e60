"""People: lookups by id, the filtered list, and everything around one person.

Paged queries follow :mod:`graph.paging`: people are ordered by name then id, skills by
level (highest first), completions and curations by time (most recent first).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.db import Database, Row
from graph.paging import PageRows, by_keys, page, pages, time_after

_BY_IDS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (p:Person {id: key})
RETURN key, p {.id, .name, .email, .title, curator: p:Curator} AS person
"""

_TEAM_ROW_OF: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (:Person {id: key})-[:MEMBER_OF]->(t:Team)
WITH key, t ORDER BY t.id
RETURN key, collect(t {.id, .name})[0] AS node
"""

_MANAGER_OF: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (:Person {id: key})-[:REPORTS_TO]->(m:Person)
WITH key, m ORDER BY m.id
RETURN key, collect(m {.id, .name, .email, .title, curator: m:Curator})[0] AS node
"""

# The filters of the people list; `$team` with `$subTeams` counts members of sub-teams too.
# The teams are resolved once, walking down from `$team`: walking up from every person is
# several times slower on ArcadeDB.
_PAGE: LiteralString = """
CALL {
  OPTIONAL MATCH (:Team {id: $team})<-[:PART_OF*0..]-(m:Team)
  WHERE $subTeams OR m.id = $team
  RETURN collect(m.id) AS teams
}
CALL {
  WITH teams
  MATCH (p:Person)
  WHERE ($search IS NULL OR toLower(p.name) CONTAINS $search)
    AND ($curator IS NULL OR (p:Curator) = $curator)
    AND ($team IS NULL OR EXISTS {
      MATCH (p)-[:MEMBER_OF]->(m:Team) WHERE m.id IN teams })
    AND ($skill IS NULL OR EXISTS {
      MATCH (p)-[h:HAS_SKILL]->(:Skill {id: $skill}) WHERE h.level >= $minLevel })
  RETURN count(p) AS total
}
CALL {
  WITH teams
  MATCH (p:Person)
  WHERE ($search IS NULL OR toLower(p.name) CONTAINS $search)
    AND ($curator IS NULL OR (p:Curator) = $curator)
    AND ($team IS NULL OR EXISTS {
      MATCH (p)-[:MEMBER_OF]->(m:Team) WHERE m.id IN teams })
    AND ($skill IS NULL OR EXISTS {
      MATCH (p)-[h:HAS_SKILL]->(:Skill {id: $skill}) WHERE h.level >= $minLevel })
    AND ($after IS NULL OR p.name > $after[0] OR (p.name = $after[0] AND p.id > $after[1]))
  WITH p ORDER BY p.name, p.id LIMIT $limit
  RETURN collect(p {.id, .name, .email, .title, curator: p:Curator, sort: [p.name, p.id]}) AS rows
}
RETURN rows, total
"""

_REPORTS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH path = (:Person {id: key})<-[:REPORTS_TO*1..]-(r:Person)
  WHERE $indirect OR length(path) = 1
  RETURN count(DISTINCT r) AS total
}
CALL {
  WITH key
  MATCH path = (:Person {id: key})<-[:REPORTS_TO*1..]-(r:Person)
  WHERE ($indirect OR length(path) = 1)
    AND ($after IS NULL OR r.name > $after[0] OR (r.name = $after[0] AND r.id > $after[1]))
  WITH DISTINCT r ORDER BY r.name, r.id LIMIT $limit
  RETURN collect(r {.id, .name, .email, .title, curator: r:Curator, sort: [r.name, r.id]}) AS rows
}
RETURN key, rows, total
"""

_FOLLOWERS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (f:Person)-[:FOLLOWS]->(:Person {id: key})
  RETURN count(f) AS total
}
CALL {
  WITH key
  MATCH (f:Person)-[:FOLLOWS]->(:Person {id: key})
  WHERE $after IS NULL OR f.name > $after[0] OR (f.name = $after[0] AND f.id > $after[1])
  WITH f ORDER BY f.name, f.id LIMIT $limit
  RETURN collect(f {.id, .name, .email, .title, curator: f:Curator, sort: [f.name, f.id]}) AS rows
}
RETURN key, rows, total
"""

_FOLLOWING: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person {id: key})-[:FOLLOWS]->(f:Person)
  RETURN count(f) AS total
}
CALL {
  WITH key
  MATCH (:Person {id: key})-[:FOLLOWS]->(f:Person)
  WHERE $after IS NULL OR f.name > $after[0] OR (f.name = $after[0] AND f.id > $after[1])
  WITH f ORDER BY f.name, f.id LIMIT $limit
  RETURN collect(f {.id, .name, .email, .title, curator: f:Curator, sort: [f.name, f.id]}) AS rows
}
RETURN key, rows, total
"""

_SKILLS_OF: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person {id: key})-[h:HAS_SKILL]->(:Skill)
  WHERE h.level >= $minLevel
  RETURN count(h) AS total
}
CALL {
  WITH key
  MATCH (p:Person {id: key})-[h:HAS_SKILL]->(s:Skill)
  WHERE h.level >= $minLevel
    AND ($after IS NULL OR h.level < $after[0] OR (h.level = $after[0] AND s.id > $after[1]))
  WITH p, h, s,
       p {.id, .name, .email, .title, curator: p:Curator} AS person_,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill_
  ORDER BY h.level DESC, s.id LIMIT $limit
  RETURN collect({
    level: h.level, source: h.source, assessedAt: h.assessedAt,
    person: person_,
    skill: skill_,
    sort: [h.level, s.id]}) AS rows
}
RETURN key, rows, total
"""

# Completions without a time sort last (as 1970), so the keyset stays total. The cursor's
# time goes back as a datetime parameter: ArcadeDB stores datetimes without their zone,
# so `.epochMillis` of a stored value is null there.
_COMPLETIONS_OF: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person {id: key})-[d:COMPLETED]->(:Content)
  RETURN count(d) AS total
}
CALL {
  WITH key
  MATCH (p:Person {id: key})-[d:COMPLETED]->(c:Content)
  WITH p, d, c, coalesce(d.at, datetime('1970-01-01T00:00:00Z')) AS t
  WHERE $after IS NULL OR t < $after[0] OR (t = $after[0] AND c.id > $after[1])
  WITH p, d, c, t,
       p {.id, .name, .email, .title, curator: p:Curator} AS person_,
       c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content_
  ORDER BY t DESC, c.id LIMIT $limit
  RETURN collect({
    at: d.at, minutes: d.minutes, rating: d.rating,
    person: person_,
    content: content_,
    sort: [t, c.id]}) AS rows
}
RETURN key, rows, total
"""

_CREATED_BY: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person {id: key})-[:CREATED]->(c:Content)
  RETURN count(c) AS total
}
CALL {
  WITH key
  MATCH (:Person {id: key})-[:CREATED]->(c:Content)
  WHERE $after IS NULL OR c.title > $after[0] OR (c.title = $after[0] AND c.id > $after[1])
  WITH c ORDER BY c.title, c.id LIMIT $limit
  RETURN collect(c {.id, .title, .kind, .url, .minutes, .origin, .createdAt,
                    sort: [c.title, c.id]}) AS rows
}
RETURN key, rows, total
"""

_CURATIONS_BY: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person {id: key})-[u:CURATES]->(:Content)
  RETURN count(u) AS total
}
CALL {
  WITH key
  MATCH (p:Person {id: key})-[u:CURATES]->(c:Content)
  WITH p, u, c, coalesce(u.at, datetime('1970-01-01T00:00:00Z')) AS t
  WHERE $after IS NULL OR t < $after[0] OR (t = $after[0] AND c.id > $after[1])
  WITH p, u, c, t,
       p {.id, .name, .email, .title, curator: p:Curator} AS curator_,
       c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content_
  ORDER BY t DESC, c.id LIMIT $limit
  RETURN collect({
    at: u.at, note: u.note,
    curator: curator_,
    content: content_,
    sort: [t, c.id]}) AS rows
}
RETURN key, rows, total
"""

# Ties in both directions, strongest first; one row per other person.
_COLLABORATORS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person {id: key})-[:COLLABORATES_WITH]-(o:Person)
  RETURN count(DISTINCT o) AS total
}
CALL {
  WITH key
  MATCH (:Person {id: key})-[w:COLLABORATES_WITH]-(o:Person)
  WITH o, sum(w.weight) AS weight, max(w.lastAt) AS lastAt
  WHERE $after IS NULL OR weight < $after[0] OR (weight = $after[0] AND o.id > $after[1])
  WITH o, weight, lastAt,
       o {.id, .name, .email, .title, curator: o:Curator} AS person_
  ORDER BY weight DESC, o.id LIMIT $limit
  RETURN collect({
    weight: weight, lastAt: lastAt,
    person: person_,
    sort: [weight, o.id]}) AS rows
}
RETURN key, rows, total
"""


async def people_by_ids(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """The people with these ids, in key order (``None`` for an unknown id)."""
    rows = await db.read(_BY_IDS, {"keys": list(keys)})
    found: dict[str, Row | None] = {r["key"]: r["person"] for r in rows}
    return [found.get(k) for k in keys]


async def teams_of(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """Each person's team, in key order."""
    return await by_keys(db, _TEAM_ROW_OF, keys)


async def managers_of(db: Database, keys: Sequence[str]) -> list[Row | None]:
    """Each person's manager, in key order."""
    return await by_keys(db, _MANAGER_OF, keys)


async def page_people(
    db: Database,
    *,
    limit: int,
    after: Any = None,
    search: str | None = None,
    team: str | None = None,
    sub_teams: bool = True,
    skill: str | None = None,
    min_level: int = 0,
    curator: bool | None = None,
) -> tuple[list[Row], int]:
    """One keyset page of people ordered by name, and how many match in all."""
    return await page(
        db,
        _PAGE,
        {
            "limit": limit,
            "after": after,
            "search": search.lower() if search else None,
            "team": team,
            "subTeams": sub_teams,
            "skill": skill,
            "minLevel": min_level,
            "curator": curator,
        },
    )


async def reports_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, indirect: bool
) -> list[PageRows]:
    """Each manager's reports (all levels below with ``indirect``), by name."""
    return await pages(db, _REPORTS, keys, {"limit": limit, "after": after, "indirect": indirect})


async def followers_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """The people following each person, by name."""
    return await pages(db, _FOLLOWERS, keys, {"limit": limit, "after": after})


async def following_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """The people each person follows, by name."""
    return await pages(db, _FOLLOWING, keys, {"limit": limit, "after": after})


async def skills_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, min_level: int
) -> list[PageRows]:
    """Each person's assessed skills, highest level first."""
    return await pages(
        db, _SKILLS_OF, keys, {"limit": limit, "after": after, "minLevel": min_level}
    )


async def completions_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """Each person's completed content, most recent first."""
    return await pages(db, _COMPLETIONS_OF, keys, {"limit": limit, "after": time_after(after)})


async def created_by(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """The content each person created, by title."""
    return await pages(db, _CREATED_BY, keys, {"limit": limit, "after": after})


async def curations_by(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """The content each curator curated, most recent first."""
    return await pages(db, _CURATIONS_BY, keys, {"limit": limit, "after": time_after(after)})


async def collaborators_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """Each person's collaborators with the summed tie weight, strongest first."""
    return await pages(db, _COLLABORATORS, keys, {"limit": limit, "after": after})
