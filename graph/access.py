"""What access control needs from the graph: whom a manager manages, and who is in a team."""

from __future__ import annotations

from graph.db import Database

_REPORTS_UNDER = """
MATCH (r:Person)-[:REPORTS_TO*1..]->(:Person {id: $manager})
RETURN collect(DISTINCT r.id) AS ids
"""


async def reports_under(db: Database, manager_id: str) -> frozenset[str]:
    """The ids of everyone who reports to ``manager_id``, directly or through others."""
    rows = await db.read(_REPORTS_UNDER, {"manager": manager_id})
    return frozenset(rows[0]["ids"]) if rows else frozenset()


# Anchored at the team, so the variable-length match walks down its subtree only.
_TEAM_PEOPLE = """
MATCH (t:Team {id: $team})
OPTIONAL MATCH (t)<-[:PART_OF*0..]-(:Team)<-[:MEMBER_OF]-(p:Person)
RETURN collect(DISTINCT p.id) AS ids
"""


async def team_people(db: Database, team_id: str) -> frozenset[str]:
    """The ids of the members of ``team_id`` and of its sub-teams (empty for an unknown team)."""
    rows = await db.read(_TEAM_PEOPLE, {"team": team_id})
    return frozenset(rows[0]["ids"]) if rows else frozenset()
