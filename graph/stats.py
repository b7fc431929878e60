"""Counts over the whole graph (emptiness checks, summaries after seeding)."""

from __future__ import annotations

from graph.db import Database

_COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
_COUNT_BY_LABEL = """
UNWIND ['Person', 'Team', 'Skill', 'Content', 'Goal'] AS label
CALL {
  WITH label
  MATCH (n) WHERE label IN labels(n)
  RETURN count(n) AS n
}
RETURN label, n
"""


async def node_count(db: Database) -> int:
    """How many nodes the graph holds."""
    rows = await db.read(_COUNT_NODES)
    return int(rows[0]["n"])


async def counts_by_label(db: Database) -> dict[str, int]:
    """How many people, teams, skills, content items and goals the graph holds."""
    rows = await db.read(_COUNT_BY_LABEL)
    return {r["label"]: int(r["n"]) for r in rows}
