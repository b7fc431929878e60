"""``CREATE`` twins of the generator's upserts, for a graph that holds none of its nodes yet.

An upsert (``MERGE``) first looks for what it would write; on ArcadeDB that costs about
as much as the write itself, and a relationship ``MERGE`` walks its end nodes' existing
relationships, which grow as the graph fills. When the graph holds no ``Person``,
``Team``, ``Skill``, ``Content`` or ``Goal`` at all (:func:`is_empty`), nothing the
generator writes can exist already: every node is new, and so is every relationship,
since all of them join nodes the generator itself creates. Then :data:`TWINS` swaps each
upsert for a ``CREATE`` that writes exactly the same graph (a test compares the two).

Safe against duplicates all the same:

- a node written twice (another writer creating the same id meanwhile) breaks a
  uniqueness constraint and fails the batch, rather than being duplicated;
- the driver retries a managed transaction only when it certainly did not commit (a lost
  connection during the commit is ``IncompleteCommit``, which is never retried), so a
  retried batch never runs twice.

Anything that writes into a graph that may hold data (imports, a second seed) keeps the
upserts of :mod:`graph.bulk` and :mod:`graph.imports`.
"""

from __future__ import annotations

from typing import LiteralString

from graph import bulk, imports
from graph.db import Database

_ANY_SEEDED: LiteralString = """
RETURN EXISTS { MATCH (:Person) } OR EXISTS { MATCH (:Team) } OR EXISTS { MATCH (:Skill) }
    OR EXISTS { MATCH (:Content) } OR EXISTS { MATCH (:Goal) } AS found
"""

ESCO_SKILLS: LiteralString = """
UNWIND $rows AS row
CREATE (:Skill {id: row.uri, escoUri: row.uri, name: row.name, description: row.description,
                category: row.category, altLabels: row.alt_labels})
"""

ESCO_BROADER: LiteralString = """
UNWIND $rows AS row
MATCH (n:Skill {escoUri: row.narrower}), (b:Skill {escoUri: row.broader})
CREATE (n)-[:BROADER]->(b)
"""

ESCO_RELATED: LiteralString = """
UNWIND $rows AS row
MATCH (a:Skill {escoUri: row.source}), (b:Skill {escoUri: row.target})
CREATE (a)-[:RELATED_TO {kind: row.kind}]->(b)
"""

TEAMS: LiteralString = """
UNWIND $rows AS row
CREATE (:Team {id: row.id, name: row.name})
"""

TEAM_PARENTS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Team {id: row.id}), (p:Team {id: row.parent_id})
CREATE (t)-[:PART_OF]->(p)
"""

PEOPLE: LiteralString = """
UNWIND $rows AS row
CREATE (:Person {id: row.id, name: row.name, email: row.email, title: row.title})
"""

MEMBERSHIPS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (t:Team {id: row.team_id})
CREATE (p)-[:MEMBER_OF]->(t)
"""

REPORTS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (m:Person {id: row.manager_id})
CREATE (p)-[:REPORTS_TO]->(m)
"""

PERSON_SKILLS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (s:Skill {id: row.skill_id})
CREATE (p)-[:HAS_SKILL {level: row.level, source: row.source,
                        assessedAt: datetime({epochSeconds: row.assessed_at})}]->(s)
"""

COLLABORATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Person {id: row.source_id}), (b:Person {id: row.target_id})
CREATE (a)-[:COLLABORATES_WITH {weight: row.weight, kind: row.kind,
                                lastAt: datetime({epochSeconds: row.at})}]->(b)
"""

CONTENT: LiteralString = """
UNWIND $rows AS row
CREATE (:Content {id: row.id, title: row.title, kind: row.kind, url: row.url,
                  minutes: row.minutes, origin: row.origin,
                  createdAt: datetime({epochSeconds: row.created_at})})
"""

TEACHES: LiteralString = """
UNWIND $rows AS row
MATCH (c:Content {id: row.content_id}), (s:Skill {id: row.skill_id})
CREATE (c)-[:TEACHES {level: row.level}]->(s)
"""

CREATED: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (c:Content {id: row.content_id})
CREATE (p)-[:CREATED]->(c)
"""

CURATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.curator_id}), (c:Content {id: row.content_id})
CREATE (p)-[:CURATES {at: datetime({epochSeconds: row.at}), note: row.note}]->(c)
"""

COMPLETIONS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (c:Content {id: row.content_id})
CREATE (p)-[:COMPLETED {at: datetime({epochSeconds: row.at}), minutes: row.minutes,
                        rating: row.rating}]->(c)
"""

FOLLOWS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Person {id: row.follower_id}), (b:Person {id: row.followee_id})
CREATE (a)-[:FOLLOWS {since: datetime({epochSeconds: row.since})}]->(b)
"""

GOALS: LiteralString = """
UNWIND $rows AS row
CREATE (:Goal {id: row.id, title: row.title, kind: row.kind, description: row.description,
               due: row.due, targetHoursPerPerson: row.target_hours_per_person})
"""

REQUIREMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (s:Skill {id: row.skill_id})
CREATE (g)-[:REQUIRES {level: row.level, headcount: row.headcount, critical: row.critical}]->(s)
"""

COMMITMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (t:Team {id: row.team_id})
CREATE (t)-[:COMMITTED_TO]->(g)
"""

#: Each upsert the generator sends, and the ``CREATE`` that replaces it on an empty graph
#: (``bulk.CURATORS`` only adds a label to a node the same run created: it has no twin).
TWINS: dict[LiteralString, LiteralString] = {
    imports.ESCO_SKILLS: ESCO_SKILLS,
    imports.ESCO_BROADER: ESCO_BROADER,
    imports.ESCO_RELATED: ESCO_RELATED,
    bulk.TEAMS: TEAMS,
    bulk.TEAM_PARENTS: TEAM_PARENTS,
    bulk.PEOPLE: PEOPLE,
    bulk.MEMBERSHIPS: MEMBERSHIPS,
    bulk.REPORTS: REPORTS,
    bulk.PERSON_SKILLS: PERSON_SKILLS,
    bulk.COLLABORATIONS: COLLABORATIONS,
    bulk.CONTENT: CONTENT,
    bulk.TEACHES: TEACHES,
    bulk.CREATED: CREATED,
    bulk.CURATIONS: CURATIONS,
    bulk.COMPLETIONS: COMPLETIONS,
    bulk.FOLLOWS: FOLLOWS,
    bulk.GOALS: GOALS,
    bulk.REQUIREMENTS: REQUIREMENTS,
    bulk.COMMITMENTS: COMMITMENTS,
}


async def is_empty(db: Database) -> bool:
    """Whether the graph holds no person, team, skill, content item or goal."""
    rows = await db.read(_ANY_SEEDED)
    return not rows[0]["found"]


def twin(statement: LiteralString) -> LiteralString:
    """The ``CREATE`` twin of an upsert (the statement itself when it has none)."""
    return TWINS.get(statement, statement)
