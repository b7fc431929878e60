"""Writes for the ESCO taxonomy import: skills keyed by ``escoUri``, ``BROADER``, ``RELATED_TO``.

A skill that already carries the URI (an organisation's own skill mapped to ESCO) keeps its
``id``; a new one gets the URI as its ``id``. Every statement is an idempotent upsert, so a
second import of the same files changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import bulk
from graph.db import Database, Row

ESCO_SKILLS: LiteralString = """
UNWIND $rows AS row
MERGE (s:Skill {escoUri: row.uri})
ON CREATE SET s.id = row.uri
SET s.name = row.name, s.description = row.description, s.category = row.category,
    s.altLabels = row.alt_labels
"""

ESCO_BROADER: LiteralString = """
UNWIND $rows AS row
MATCH (n:Skill {escoUri: row.narrower}), (b:Skill {escoUri: row.broader})
MERGE (n)-[:BROADER]->(b)
"""

ESCO_RELATED: LiteralString = """
UNWIND $rows AS row
MATCH (a:Skill {escoUri: row.source}), (b:Skill {escoUri: row.target})
MERGE (a)-[r:RELATED_TO]->(b)
SET r.kind = row.kind
"""

_COUNTS: LiteralString = """
CALL { MATCH (s:Skill) WHERE s.escoUri IS NOT NULL RETURN count(s) AS skills }
CALL { MATCH (:Skill)-[b:BROADER]->(:Skill) RETURN count(b) AS broader }
CALL { MATCH (:Skill)-[r:RELATED_TO]->(:Skill) RETURN count(r) AS related }
RETURN skills, broader, related
"""


@dataclass(frozen=True)
class TaxonomyCounts:
    """How many ESCO skills (and groups), broader and related links the graph holds."""

    skills: int
    broader: int
    related: int


def skill_row(row: Row) -> Row:
    return {k: row[k] for k in ("uri", "name", "description", "category", "alt_labels")}


async def write_taxonomy(
    db: Database,
    skills: Iterable[Row],
    broader: Iterable[Row],
    related: Iterable[Row],
    *,
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Upsert the concepts, then their broader and related links; returns rows written."""
    written = await bulk.write_batches(
        db, ESCO_SKILLS, (skill_row(r) for r in skills), progress=progress
    )
    written += await bulk.write_batches(db, ESCO_BROADER, broader, progress=progress)
    written += await bulk.write_batches(db, ESCO_RELATED, related, progress=progress)
    return written


async def taxonomy_counts(db: Database) -> TaxonomyCounts:
    """Count ESCO skills, ``BROADER`` and ``RELATED_TO`` links."""
    row = (await db.read(_COUNTS))[0]
    return TaxonomyCounts(int(row["skills"]), int(row["broader"]), int(row["related"]))


# -- the organisation CSV import (docs/org-csv.md) ----------------------------------------
# Every row carries ``extra``: the file's ``x_`` columns, kept as properties. A row states the
# whole truth about its entity, so a person's team, manager and curator role, and a team's
# parent, are replaced (the old tie deleted) rather than added to.

CSV_TEAMS: LiteralString = """
UNWIND $rows AS row
MERGE (t:Team {id: row.id})
SET t.name = row.name
SET t += row.extra
"""

CSV_TEAM_UNPARENT: LiteralString = """
UNWIND $rows AS row
MATCH (t:Team {id: row.id})-[old:PART_OF]->(p:Team)
WHERE row.parent_id IS NULL OR p.id <> row.parent_id
DELETE old
"""

CSV_PEOPLE: LiteralString = """
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name, p.email = row.email, p.title = row.title
SET p += row.extra
"""

CSV_NOT_CURATORS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
WHERE p:Curator
REMOVE p:Curator
"""

CSV_UNMEMBER: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})-[old:MEMBER_OF]->(t:Team)
WHERE row.team_id IS NULL OR t.id <> row.team_id
DELETE old
"""

CSV_UNREPORT: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})-[old:REPORTS_TO]->(m:Person)
WHERE row.manager_id IS NULL OR m.id <> row.manager_id
DELETE old
"""

CSV_SKILLS: LiteralString = """
UNWIND $rows AS row
MERGE (s:Skill {id: row.id})
SET s.name = row.name, s.description = row.description, s.category = row.category,
    s.escoUri = row.esco_uri
SET s += row.extra
"""

CSV_BROADER: LiteralString = """
UNWIND $rows AS row
MATCH (n:Skill {id: row.id}), (b:Skill {id: row.broader_id})
MERGE (n)-[:BROADER]->(b)
"""

CSV_PERSON_SKILLS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (s:Skill {id: row.skill_id})
MERGE (p)-[h:HAS_SKILL]->(s)
SET h.level = row.level, h.source = row.source, h.assessedAt = row.assessed_at
SET h += row.extra
"""

CSV_CONTENT: LiteralString = """
UNWIND $rows AS row
MERGE (c:Content {id: row.id})
SET c.title = row.title, c.kind = row.kind, c.url = row.url, c.minutes = row.minutes,
    c.origin = row.origin, c.createdAt = row.created_at
SET c += row.extra
"""

CSV_TEACHES: LiteralString = """
UNWIND $rows AS row
MATCH (c:Content {id: row.content_id}), (s:Skill {id: row.skill_id})
MERGE (c)-[t:TEACHES]->(s)
SET t.level = row.level
SET t += row.extra
"""

CSV_CURATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.curator_id}), (c:Content {id: row.content_id})
MERGE (p)-[r:CURATES]->(c)
SET r.at = row.curated_at, r.note = row.note
SET r += row.extra
"""

CSV_COMPLETIONS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (c:Content {id: row.content_id})
MERGE (p)-[r:COMPLETED]->(c)
SET r.at = row.completed_at, r.minutes = coalesce(row.minutes, c.minutes), r.rating = row.rating
SET r += row.extra
"""

CSV_FOLLOWS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Person {id: row.follower_id}), (b:Person {id: row.followee_id})
MERGE (a)-[f:FOLLOWS]->(b)
SET f.since = row.since
SET f += row.extra
"""

CSV_INTERACTIONS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Person {id: row.source_id}), (b:Person {id: row.target_id})
MERGE (a)-[c:COLLABORATES_WITH]->(b)
SET c.weight = row.weight, c.kind = row.kind, c.lastAt = row.at
SET c += row.extra
"""

CSV_GOALS: LiteralString = """
UNWIND $rows AS row
MERGE (g:Goal {id: row.id})
SET g.title = row.title, g.kind = row.kind, g.description = row.description, g.due = row.due,
    g.targetHoursPerPerson = row.target_hours_per_person, g.ownerTeamId = row.owner_team_id
SET g += row.extra
"""

CSV_REQUIREMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (s:Skill {id: row.skill_id})
MERGE (g)-[r:REQUIRES]->(s)
SET r.level = row.level, r.headcount = row.headcount, r.critical = row.critical
SET r += row.extra
"""

CSV_GOAL_TEAMS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (t:Team {id: row.team_id})
MERGE (t)-[c:COMMITTED_TO]->(g)
SET c += row.extra
"""

# What validation needs to know about the graph: the ids that exist, ESCO URIs, curators,
# and the reporting line and team hierarchy (to find cycles a file would close).
_EXISTING: LiteralString = """
CALL { MATCH (p:Person) RETURN collect(p.id) AS people,
       collect(CASE WHEN p:Curator THEN p.id END) AS curators }
CALL { MATCH (t:Team) RETURN collect(t.id) AS teams }
CALL { MATCH (s:Skill) RETURN collect(s.id) AS skills,
       collect(CASE WHEN s.escoUri IS NOT NULL THEN [s.escoUri, s.id] END) AS esco }
CALL { MATCH (c:Content) RETURN collect(c.id) AS content }
CALL { MATCH (g:Goal) RETURN collect(g.id) AS goals }
CALL { MATCH (p:Person)-[:REPORTS_TO]->(m:Person) RETURN collect([p.id, m.id]) AS managers }
CALL { MATCH (t:Team)-[:PART_OF]->(p:Team) RETURN collect([t.id, p.id]) AS parents }
RETURN people, curators, teams, skills, esco, content, goals, managers, parents
"""


@dataclass
class Existing:
    """The ids already in the graph (per kind) and the ties that could close a cycle."""

    ids: dict[str, set[str]]
    esco: dict[str, str]
    managers: dict[str, str]
    parents: dict[str, str]


async def existing(db: Database) -> Existing:
    """Read what the graph holds that an import's references may point at."""
    row = (await db.read(_EXISTING))[0]
    return Existing(
        ids={
            "Person": set(row["people"]),
            "Curator": set(row["curators"]),
            "Team": set(row["teams"]),
            "Skill": set(row["skills"]),
            "Content": set(row["content"]),
            "Goal": set(row["goals"]),
        },
        esco={uri: sid for uri, sid in row["esco"]},
        managers={p: m for p, m in row["managers"]},
        parents={t: p for t, p in row["parents"]},
    )
