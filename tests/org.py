"""A small organisation with every kind of node and tie, and a helper to run GraphQL on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.db import Database
from resolvers.context import Context
from schema import schema

ORG = """
CREATE (div:Team {id: 'div', name: 'Division'}),
  (t1:Team {id: 't1', name: 'Platform'})-[:PART_OF]->(div),
  (t2:Team {id: 't2', name: 'Data'})-[:PART_OF]->(div),
  (a:Person:Curator {id: 'a', name: 'Ada Lovelace', email: 'ada@example.org', title: 'Lead'}),
  (b:Person {id: 'b', name: 'Ben Berg', title: 'Engineer'}),
  (c:Person {id: 'c', name: 'Chloe Chen', title: 'Lead'}),
  (d:Person {id: 'd', name: 'Dan Dubois'}),
  (e:Person {id: 'e', name: 'Eve Eriksen'}),
  (a)-[:MEMBER_OF]->(t1), (b)-[:MEMBER_OF]->(t1), (c)-[:MEMBER_OF]->(t2),
  (d)-[:MEMBER_OF]->(div), (e)-[:MEMBER_OF]->(t2),
  (b)-[:REPORTS_TO]->(a), (c)-[:REPORTS_TO]->(a), (e)-[:REPORTS_TO]->(c),
  (b)-[:FOLLOWS {since: $t0}]->(a), (c)-[:FOLLOWS {since: $t0}]->(a),
  (a)-[:FOLLOWS {since: $t0}]->(c),
  (prog:Skill {id: 'prog', name: 'Programming', category: 'programming'}),
  (py:Skill {id: 'py', name: 'Python', category: 'programming', altLabels: ['python3', 'Py']}),
  (go:Skill {id: 'go', name: 'Go', category: 'programming', escoUri: 'http://esco/go'}),
  (sql:Skill {id: 'sql', name: 'SQL', category: 'data'}),
  (py)-[:BROADER]->(prog), (go)-[:BROADER]->(prog), (sql)-[:RELATED_TO {kind: 'optional'}]->(py),
  (a)-[:HAS_SKILL {level: 5, source: 'self', assessedAt: $t0}]->(py),
  (a)-[:HAS_SKILL {level: 2, source: 'manager'}]->(sql),
  (b)-[:HAS_SKILL {level: 3, source: 'peer'}]->(py),
  (c)-[:HAS_SKILL {level: 4, source: 'self'}]->(go),
  (e)-[:HAS_SKILL {level: 1, source: 'self'}]->(py),
  (c1:Content {id: 'c1', title: 'Python basics', kind: 'course', minutes: 120,
               origin: 'curated', url: 'https://learn.example.org/py'}),
  (c2:Content {id: 'c2', title: 'Go in practice', kind: 'video', minutes: 30,
               origin: 'user_generated', createdAt: $t0}),
  (c3:Content {id: 'c3', title: 'SQL cheat sheet', kind: 'article', minutes: 5,
               origin: 'user_generated'}),
  (c1)-[:TEACHES {level: 2}]->(py), (c2)-[:TEACHES {level: 3}]->(go),
  (c3)-[:TEACHES {level: 1}]->(sql),
  (c)-[:CREATED]->(c2), (a)-[:CREATED]->(c3), (b)-[:CREATED]->(c3),
  (a)-[:CURATES {at: $t1, note: 'start here'}]->(c1), (a)-[:CURATES {at: $t2}]->(c2),
  (b)-[:COMPLETED {at: $t3, minutes: 90, rating: 4}]->(c1),
  (b)-[:COMPLETED {at: $t4, minutes: 10}]->(c3),
  (e)-[:COMPLETED {at: $t2, minutes: 60}]->(c1),
  (a)-[:COLLABORATES_WITH {weight: 3.0, kind: 'meeting', lastAt: $t1}]->(b),
  (b)-[:COLLABORATES_WITH {weight: 2.0, kind: 'review', lastAt: $t2}]->(a),
  (a)-[:COLLABORATES_WITH {weight: 1.0, kind: 'message'}]->(c),
  (g1:Goal {id: 'g1', title: 'Cloud', kind: 'objective', due: date('2026-12-31')}),
  (g2:Goal {id: 'g2', title: 'Learn 40h', kind: 'learning_hours', targetHoursPerPerson: 40.0}),
  (g1)-[:REQUIRES {level: 3, headcount: 2, critical: true}]->(py),
  (g1)-[:REQUIRES {level: 2, headcount: 1, critical: false}]->(go),
  (div)-[:COMMITTED_TO]->(g1), (t1)-[:COMMITTED_TO]->(g2)
"""

T0 = dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)
T3 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
T4 = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)


async def load_org(db: Database) -> None:
    await db.write(ORG, {"t0": T0, "t1": T1, "t2": T2, "t3": T3, "t4": T4})


async def run(db: Database, query: str, **variables: Any) -> dict[str, Any]:
    """Execute ``query`` on the real schema; fails on any GraphQL error."""
    result = await schema.execute(query, variable_values=variables, context_value=Context(db))
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def run_errors(db: Database, query: str, **variables: Any) -> list[str]:
    """Execute ``query`` and return the messages of its GraphQL errors."""
    result = await schema.execute(query, variable_values=variables, context_value=Context(db))
    assert result.errors is not None
    return [e.message for e in result.errors]


_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
_TIES = """
MATCH (a)-[r]->(b)
RETURN a.id AS source, type(r) AS type, properties(r) AS props, b.id AS target
"""


async def snapshot(db: Database) -> tuple[list[str], list[str]]:
    """Every node and tie with its properties, as sorted text (to compare whole graphs)."""
    nodes = sorted(
        repr((sorted(r["labels"]), sorted(r["props"].items()))) for r in await db.read(_NODES)
    )
    ties = sorted(
        repr((r["source"], r["type"], sorted(r["props"].items()), r["target"]))
        for r in await db.read(_TIES)
    )
    return nodes, ties
