"""Bulk upserts: ``UNWIND $rows AS row`` in batches, one managed transaction per batch.

The generator, the importers and the demo all write through these. Every statement is
an idempotent upsert (``MERGE``), so a batch the driver retries, or a file imported twice,
changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, LiteralString, TypeVar

from graph.db import Database, Row

T = TypeVar("T")
BATCH = 1000

TEAMS: LiteralString = """
UNWIND $rows AS row
MERGE (t:Team {id: row.id})
SET t.name = row.name
"""

TEAM_PARENTS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Team {id: row.id}), (p:Team {id: row.parent_id})
MERGE (t)-[:PART_OF]->(p)
"""

PEOPLE: LiteralString = """
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name, p.email = row.email, p.title = row.title
"""

CURATORS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p:Curator
"""

MEMBERSHIPS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (t:Team {id: row.team_id})
MERGE (p)-[:MEMBER_OF]->(t)
"""

REPORTS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (m:Person {id: row.manager_id})
MERGE (p)-[:REPORTS_TO]->(m)
"""

SKILLS: LiteralString = """
UNWIND $rows AS row
MERGE (s:Skill {id: row.id})
SET s.name = row.name, s.description = row.description, s.category = row.category,
    s.escoUri = row.esco_uri
"""

PERSON_SKILLS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (s:Skill {id: row.skill_id})
MERGE (p)-[h:HAS_SKILL]->(s)
SET h.level = row.level, h.source = row.source, h.assessedAt = row.assessed_at
"""

COLLABORATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Person {id: row.source_id}), (b:Person {id: row.target_id})
MERGE (a)-[c:COLLABORATES_WITH]->(b)
ON CREATE SET c.weight = row.weight, c.kind = row.kind, c.lastAt = row.at
ON MATCH SET c.weight = c.weight + row.weight, c.kind = coalesce(row.kind, c.kind),
    c.lastAt = coalesce(row.at, c.lastAt)
"""

GOALS: LiteralString = """
UNWIND $rows AS row
MERGE (g:Goal {id: row.id})
SET g.title = row.title, g.kind = row.kind, g.description = row.description,
    g.due = row.due, g.targetHoursPerPerson = row.target_hours_per_person
"""

REQUIREMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (s:Skill {id: row.skill_id})
MERGE (g)-[r:REQUIRES]->(s)
SET r.level = row.level, r.headcount = row.headcount, r.critical = row.critical
"""

COMMITMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (t:Team {id: row.team_id})
MERGE (t)-[:COMMITTED_TO]->(g)
"""


def batched(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """Successive lists of at most ``size`` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


async def write_batches(
    db: Database,
    statement: LiteralString,
    rows: Iterable[Row],
    *,
    size: int = BATCH,
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Write ``rows`` with ``statement`` in batches; returns how many rows were written."""
    written = 0
    for chunk in batched(rows, size):
        await db.write(statement, {"rows": chunk})
        written += len(chunk)
        if progress is not None:
            progress(len(chunk))
    return written


async def write_all(db: Database, steps: Sequence[tuple[LiteralString, Iterable[Row]]]) -> int:
    """Write several statements' rows in order (parents before the ties that need them)."""
    total = 0
    for statement, rows in steps:
        total += await write_batches(db, statement, rows)
    return total
