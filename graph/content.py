"""Content: the filtered list, and the skills, creators, curators and learners of an item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.db import Database, Row
from graph.paging import PageRows, page, pages, time_after

# `$skill` with `$narrower` also finds content teaching a narrower skill; the skills are
# resolved once, walking down the taxonomy from `$skill`.
_PAGE: LiteralString = """
CALL {
  OPTIONAL MATCH path = (:Skill {id: $skill})<-[:BROADER*0..]-(n:Skill)
  WHERE $narrower OR length(path) = 0
  RETURN collect(DISTINCT n.id) AS skills
}
CALL {
  WITH skills
  MATCH (c:Content)
  WHERE ($search IS NULL OR toLower(c.title) CONTAINS $search)
    AND ($kind IS NULL OR c.kind = $kind)
    AND ($origin IS NULL OR c.origin = $origin)
    AND ($skill IS NULL OR EXISTS {
      MATCH (c)-[:TEACHES]->(t:Skill) WHERE t.id IN skills })
  RETURN count(c) AS total
}
CALL {
  WITH skills
  MATCH (c:Content)
  WHERE ($search IS NULL OR toLower(c.title) CONTAINS $search)
    AND ($kind IS NULL OR c.kind = $kind)
    AND ($origin IS NULL OR c.origin = $origin)
    AND ($skill IS NULL OR EXISTS {
      MATCH (c)-[:TEACHES]->(t:Skill) WHERE t.id IN skills })
    AND ($after IS NULL OR c.title > $after[0] OR (c.title = $after[0] AND c.id > $after[1]))
  WITH c ORDER BY c.title, c.id LIMIT $limit
  RETURN collect(c {.id, .title, .kind, .url, .minutes, .origin, .createdAt,
                    sort: [c.title, c.id]}) AS rows
}
RETURN rows, total
"""

_SKILLS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Content {id: key})-[:TEACHES]->(s:Skill)
  RETURN count(s) AS total
}
CALL {
  WITH key
  MATCH (c:Content {id: key})-[t:TEACHES]->(s:Skill)
  WHERE $after IS NULL OR s.name > $after[0] OR (s.name = $after[0] AND s.id > $after[1])
  WITH c, t, s,
       c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content_,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill_
  ORDER BY s.name, s.id LIMIT $limit
  RETURN collect({
    level: t.level,
    content: content_,
    skill: skill_,
    sort: [s.name, s.id]}) AS rows
}
RETURN key, rows, total
"""

_CREATORS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (p:Person)-[:CREATED]->(:Content {id: key})
  RETURN count(p) AS total
}
CALL {
  WITH key
  MATCH (p:Person)-[:CREATED]->(:Content {id: key})
  WHERE $after IS NULL OR p.name > $after[0] OR (p.name = $after[0] AND p.id > $after[1])
  WITH p ORDER BY p.name, p.id LIMIT $limit
  RETURN collect(p {.id, .name, .email, .title, curator: p:Curator, sort: [p.name, p.id]}) AS rows
}
RETURN key, rows, total
"""

_CURATIONS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person)-[u:CURATES]->(:Content {id: key})
  RETURN count(u) AS total
}
CALL {
  WITH key
  MATCH (p:Person)-[u:CURATES]->(c:Content {id: key})
  WITH p, u, c, coalesce(u.at, datetime('1970-01-01T00:00:00Z')) AS t
  WHERE $after IS NULL OR t < $after[0] OR (t = $after[0] AND p.id > $after[1])
  WITH p, u, c, t,
       p {.id, .name, .email, .title, curator: p:Curator} AS curator_,
       c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content_
  ORDER BY t DESC, p.id LIMIT $limit
  RETURN collect({
    at: u.at, note: u.note,
    curator: curator_,
    content: content_,
    sort: [t, p.id]}) AS rows
}
RETURN key, rows, total
"""

_COMPLETIONS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person)-[d:COMPLETED]->(:Content {id: key})
  RETURN count(d) AS total
}
CALL {
  WITH key
  MATCH (p:Person)-[d:COMPLETED]->(c:Content {id: key})
  WITH p, d, c, coalesce(d.at, datetime('1970-01-01T00:00:00Z')) AS t
  WHERE $after IS NULL OR t < $after[0] OR (t = $after[0] AND p.id > $after[1])
  WITH p, d, c, t,
       p {.id, .name, .email, .title, curator: p:Curator} AS person_,
       c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content_
  ORDER BY t DESC, p.id LIMIT $limit
  RETURN collect({
    at: d.at, minutes: d.minutes, rating: d.rating,
    person: person_,
    content: content_,
    sort: [t, p.id]}) AS rows
}
RETURN key, rows, total
"""


async def page_content(
    db: Database,
    *,
    limit: int,
    after: Any = None,
    search: str | None = None,
    kind: str | None = None,
    origin: str | None = None,
    skill: str | None = None,
    narrower: bool = False,
) -> tuple[list[Row], int]:
    """One keyset page of content by title, filtered by kind, origin and taught skill."""
    params = {
        "limit": limit,
        "after": after,
        "search": search.lower() if search else None,
        "kind": kind,
        "origin": origin,
        "skill": skill,
        "narrower": narrower,
    }
    return await page(db, _PAGE, params)


async def skills_taught(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """The skills each item teaches, by name."""
    return await pages(db, _SKILLS, keys, {"limit": limit, "after": after})


async def creators_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """The people who created each item, by name."""
    return await pages(db, _CREATORS, keys, {"limit": limit, "after": after})


async def curations_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """Each item's curations, most recent first."""
    return await pages(db, _CURATIONS, keys, {"limit": limit, "after": time_after(after)})


async def completions_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """Each item's completions, most recent first."""
    return await pages(db, _COMPLETIONS, keys, {"limit": limit, "after": time_after(after)})
