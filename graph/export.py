"""Reads for the organisation CSV export: one query per file, rows in a stable order.

Each query returns the file's columns by name (see ``docs/org-csv.md``) and ``props``, the
entity's or tie's properties, from which the exporter takes the ``x_`` columns.
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database, Row

QUERIES: dict[str, LiteralString] = {
    "teams.csv": """
MATCH (t:Team)
OPTIONAL MATCH (t)-[:PART_OF]->(p:Team)
WITH t, min(p.id) AS parent_id
RETURN t.id AS id, t.name AS name, parent_id, properties(t) AS props
ORDER BY id
""",
    "people.csv": """
MATCH (p:Person)
OPTIONAL MATCH (p)-[:MEMBER_OF]->(t:Team)
WITH p, min(t.id) AS team_id
OPTIONAL MATCH (p)-[:REPORTS_TO]->(m:Person)
WITH p, team_id, min(m.id) AS manager_id
RETURN p.id AS id, p.name AS name, p.email AS email, p.title AS title, team_id, manager_id,
       p:Curator AS is_curator, properties(p) AS props
ORDER BY id
""",
    "skills.csv": """
MATCH (s:Skill)
OPTIONAL MATCH (s)-[:BROADER]->(b:Skill)
RETURN s.id AS id, s.name AS name, s.description AS description, s.category AS category,
       s.escoUri AS esco_uri, b.id AS broader_id, properties(s) AS props
ORDER BY id, broader_id
""",
    "person_skills.csv": """
MATCH (p:Person)-[h:HAS_SKILL]->(s:Skill)
RETURN p.id AS person_id, s.id AS skill_id, h.level AS level, h.source AS source,
       h.assessedAt AS assessed_at, properties(h) AS props
ORDER BY person_id, skill_id
""",
    "content.csv": """
MATCH (c:Content)
OPTIONAL MATCH (p:Person)-[:CREATED]->(c)
WITH c, min(p.id) AS created_by
RETURN c.id AS id, c.title AS title, c.kind AS kind, c.url AS url, c.minutes AS minutes,
       c.origin AS origin, created_by, c.createdAt AS created_at, properties(c) AS props
ORDER BY id
""",
    "content_skills.csv": """
MATCH (c:Content)-[t:TEACHES]->(s:Skill)
RETURN c.id AS content_id, s.id AS skill_id, t.level AS level, properties(t) AS props
ORDER BY content_id, skill_id
""",
    "curations.csv": """
MATCH (p:Person)-[r:CURATES]->(c:Content)
RETURN p.id AS curator_id, c.id AS content_id, r.at AS curated_at, r.note AS note,
       properties(r) AS props
ORDER BY curator_id, content_id
""",
    "completions.csv": """
MATCH (p:Person)-[r:COMPLETED]->(c:Content)
RETURN p.id AS person_id, c.id AS content_id, r.at AS completed_at, r.minutes AS minutes,
       r.rating AS rating, properties(r) AS props
ORDER BY person_id, content_id
""",
    "follows.csv": """
MATCH (a:Person)-[f:FOLLOWS]->(b:Person)
RETURN a.id AS follower_id, b.id AS followee_id, f.since AS since, properties(f) AS props
ORDER BY follower_id, followee_id
""",
    "interactions.csv": """
MATCH (a:Person)-[c:COLLABORATES_WITH]->(b:Person)
RETURN a.id AS source_id, b.id AS target_id, c.weight AS weight, c.kind AS kind,
       c.lastAt AS at, properties(c) AS props
ORDER BY source_id, target_id
""",
    "goals.csv": """
MATCH (g:Goal)
RETURN g.id AS id, g.title AS title, g.kind AS kind, g.description AS description,
       g.due AS due, g.targetHoursPerPerson AS target_hours_per_person,
       g.ownerTeamId AS owner_team_id, properties(g) AS props
ORDER BY id
""",
    "goal_requirements.csv": """
MATCH (g:Goal)-[r:REQUIRES]->(s:Skill)
RETURN g.id AS goal_id, s.id AS skill_id, r.level AS level, r.headcount AS headcount,
       r.critical AS critical, properties(r) AS props
ORDER BY goal_id, skill_id
""",
    "goal_teams.csv": """
MATCH (t:Team)-[c:COMMITTED_TO]->(g:Goal)
RETURN g.id AS goal_id, t.id AS team_id, properties(c) AS props
ORDER BY goal_id, team_id
""",
}


async def rows(db: Database, file: str) -> list[Row]:
    """The rows of one export file (``teams.csv``, ``people.csv``, ...)."""
    return await db.read(QUERIES[file])
