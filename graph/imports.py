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
SET s.name = row.name, s.description = row.description, s.category = row.category
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
    return {k: row[k] for k in ("uri", "name", "description", "category")}


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
