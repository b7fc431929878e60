"""Skills: the searchable list, the taxonomy, who holds a skill and what teaches it.

ESCO's alternative labels live in the ``altLabels`` list property (written by the ESCO
importer); the text search looks at the name and at every alternative label.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.db import Database, Row
from graph.paging import PageRows, page, pages

_PAGE: LiteralString = """
CALL {
  MATCH (s:Skill)
  WHERE ($search IS NULL OR toLower(s.name) CONTAINS $search
         OR any(l IN coalesce(s.altLabels, []) WHERE toLower(l) CONTAINS $search))
    AND ($category IS NULL OR s.category = $category)
  RETURN count(s) AS total
}
CALL {
  MATCH (s:Skill)
  WHERE ($search IS NULL OR toLower(s.name) CONTAINS $search
         OR any(l IN coalesce(s.altLabels, []) WHERE toLower(l) CONTAINS $search))
    AND ($category IS NULL OR s.category = $category)
    AND ($after IS NULL OR s.name > $after[0] OR (s.name = $after[0] AND s.id > $after[1]))
  WITH s ORDER BY s.name, s.id LIMIT $limit
  RETURN collect(s {.id, .name, .description, .category, .escoUri, .altLabels,
                    sort: [s.name, s.id]}) AS rows
}
RETURN rows, total
"""

_HOLDERS: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Person)-[h:HAS_SKILL]->(:Skill {id: key})
  WHERE h.level >= $minLevel
  RETURN count(h) AS total
}
CALL {
  WITH key
  MATCH (p:Person)-[h:HAS_SKILL]->(s:Skill {id: key})
  WHERE h.level >= $minLevel
    AND ($after IS NULL OR h.level < $after[0] OR (h.level = $after[0] AND p.id > $after[1]))
  WITH p, h, s,
       p {.id, .name, .email, .title, curator: p:Curator} AS person_,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill_
  ORDER BY h.level DESC, p.id LIMIT $limit
  RETURN collect({
    level: h.level, source: h.source, assessedAt: h.assessedAt,
    person: person_,
    skill: skill_,
    sort: [h.level, p.id]}) AS rows
}
RETURN key, rows, total
"""

_BROADER: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH path = (:Skill {id: key})-[:BROADER*1..]->(b:Skill)
  WHERE $all OR length(path) = 1
  RETURN count(DISTINCT b) AS total
}
CALL {
  WITH key
  MATCH path = (:Skill {id: key})-[:BROADER*1..]->(b:Skill)
  WHERE ($all OR length(path) = 1)
    AND ($after IS NULL OR b.name > $after[0] OR (b.name = $after[0] AND b.id > $after[1]))
  WITH DISTINCT b ORDER BY b.name, b.id LIMIT $limit
  RETURN collect(b {.id, .name, .description, .category, .escoUri, .altLabels,
                    sort: [b.name, b.id]}) AS rows
}
RETURN key, rows, total
"""

_NARROWER: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH path = (:Skill {id: key})<-[:BROADER*1..]-(n:Skill)
  WHERE $all OR length(path) = 1
  RETURN count(DISTINCT n) AS total
}
CALL {
  WITH key
  MATCH path = (:Skill {id: key})<-[:BROADER*1..]-(n:Skill)
  WHERE ($all OR length(path) = 1)
    AND ($after IS NULL OR n.name > $after[0] OR (n.name = $after[0] AND n.id > $after[1]))
  WITH DISTINCT n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n {.id, .name, .description, .category, .escoUri, .altLabels,
                    sort: [n.name, n.id]}) AS rows
}
RETURN key, rows, total
"""

# RELATED_TO is stored in one direction but means both: match it undirected.
_RELATED: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (:Skill {id: key})-[:RELATED_TO]-(o:Skill)
  RETURN count(DISTINCT o) AS total
}
CALL {
  WITH key
  MATCH (:Skill {id: key})-[r:RELATED_TO]-(o:Skill)
  WITH o, min(r.kind) AS kind
  WHERE $after IS NULL OR o.name > $after[0] OR (o.name = $after[0] AND o.id > $after[1])
  WITH o, kind,
       o {.id, .name, .description, .category, .escoUri, .altLabels} AS skill_
  ORDER BY o.name, o.id LIMIT $limit
  RETURN collect({kind: kind,
                  skill: skill_,
                  sort: [o.name, o.id]}) AS rows
}
RETURN key, rows, total
"""

_TEACHING: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (c:Content)-[:TEACHES]->(:Skill {id: key})
  RETURN count(c) AS total
}
CALL {
  WITH key
  MATCH (c:Content)-[t:TEACHES]->(s:Skill {id: key})
  WHERE $after IS NULL OR c.title > $after[0] OR (c.title = $after[0] AND c.id > $after[1])
  WITH c, t, s,
       c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content_,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill_
  ORDER BY c.title, c.id LIMIT $limit
  RETURN collect({
    level: t.level,
    content: content_,
    skill: skill_,
    sort: [c.title, c.id]}) AS rows
}
RETURN key, rows, total
"""

_REQUIRED_BY: LiteralString = """
UNWIND $keys AS key
CALL {
  WITH key
  MATCH (g:Goal)-[:REQUIRES]->(:Skill {id: key})
  RETURN count(g) AS total
}
CALL {
  WITH key
  MATCH (g:Goal)-[r:REQUIRES]->(s:Skill {id: key})
  WHERE $after IS NULL OR g.title > $after[0] OR (g.title = $after[0] AND g.id > $after[1])
  WITH g, r, s,
       g {.id, .title, .kind, .description, .due, .targetHoursPerPerson} AS goal_,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill_
  ORDER BY g.title, g.id LIMIT $limit
  RETURN collect({
    level: r.level, headcount: r.headcount, critical: r.critical,
    goal: goal_,
    skill: skill_,
    sort: [g.title, g.id]}) AS rows
}
RETURN key, rows, total
"""


async def page_skills(
    db: Database,
    *,
    limit: int,
    after: Any = None,
    search: str | None = None,
    category: str | None = None,
) -> tuple[list[Row], int]:
    """One keyset page of skills by name; ``search`` matches the name or an ESCO alt label."""
    params = {
        "limit": limit,
        "after": after,
        "search": search.lower() if search else None,
        "category": category,
    }
    return await page(db, _PAGE, params)


async def holders_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, min_level: int
) -> list[PageRows]:
    """The people holding each skill at ``min_level`` or above, highest level first."""
    return await pages(db, _HOLDERS, keys, {"limit": limit, "after": after, "minLevel": min_level})


async def broader_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, all_levels: bool
) -> list[PageRows]:
    """Each skill's broader skills (every ancestor with ``all_levels``), by name."""
    return await pages(db, _BROADER, keys, {"limit": limit, "after": after, "all": all_levels})


async def narrower_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any, all_levels: bool
) -> list[PageRows]:
    """Each skill's narrower skills (every descendant with ``all_levels``), by name."""
    return await pages(db, _NARROWER, keys, {"limit": limit, "after": after, "all": all_levels})


async def related_of(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """Each skill's related skills with the kind of relation, by name."""
    return await pages(db, _RELATED, keys, {"limit": limit, "after": after})


async def teaching(db: Database, keys: Sequence[str], *, limit: int, after: Any) -> list[PageRows]:
    """The content teaching each skill, by title."""
    return await pages(db, _TEACHING, keys, {"limit": limit, "after": after})


async def required_by(
    db: Database, keys: Sequence[str], *, limit: int, after: Any
) -> list[PageRows]:
    """The goals requiring each skill, with the requirement, by goal title."""
    return await pages(db, _REQUIRED_BY, keys, {"limit": limit, "after": after})
