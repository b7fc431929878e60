"""A small hand-built organisation with known structure, written through Cypher.

Teams A and B (4 people each) are tied by two bridges (a2-b2, a3-b3); team C (3 people) has
no tie outside itself. a1, b1 and c1 are managers. a2 curates an SQL course that c2 took;
b2 created a Python article that a1 (a colleague) and b2 took. Python and COBOL are each
held by one person at a working level.
"""

from __future__ import annotations

from graph.db import Database

ORG = """
CREATE (d:Team {id: 'd', name: 'Division'}),
       (ta:Team {id: 'A', name: 'Alpha'})-[:PART_OF]->(d),
       (tb:Team {id: 'B', name: 'Beta'})-[:PART_OF]->(d),
       (tc:Team {id: 'C', name: 'Gamma'})-[:PART_OF]->(d),
       (sql:Skill {id: 'sql', name: 'SQL'}), (py:Skill {id: 'python', name: 'Python'}),
       (cob:Skill {id: 'cobol', name: 'COBOL'}),
       (k1:Content {id: 'k1', title: 'SQL course', minutes: 30}),
       (k2:Content {id: 'k2', title: 'Python article', minutes: 10}),
       (k1)-[:TEACHES {level: 3}]->(sql), (k2)-[:TEACHES {level: 2}]->(py)
WITH ta, tb, tc, sql, py, cob, k1, k2
UNWIND ['a1', 'a2', 'a3', 'a4'] AS id
CREATE (p:Person {id: id, name: id})-[:MEMBER_OF]->(ta)
WITH DISTINCT tb, tc, sql, py, cob, k1, k2
UNWIND ['b1', 'b2', 'b3', 'b4'] AS id
CREATE (p:Person {id: id, name: id})-[:MEMBER_OF]->(tb)
WITH DISTINCT tc, sql, py, cob, k1, k2
UNWIND ['c1', 'c2', 'c3'] AS id
CREATE (p:Person {id: id, name: id})-[:MEMBER_OF]->(tc)
"""

REPORTS = """
UNWIND [['a2', 'a1'], ['a3', 'a1'], ['a4', 'a1'], ['b2', 'b1'], ['b3', 'b1'], ['b4', 'b1'],
        ['c2', 'c1'], ['c3', 'c1']] AS pair
MATCH (p:Person {id: pair[0]}), (m:Person {id: pair[1]})
CREATE (p)-[:REPORTS_TO]->(m)
"""

TIES = """
UNWIND $ties AS t
MATCH (a:Person {id: t[0]}), (b:Person {id: t[1]})
CREATE (a)-[:COLLABORATES_WITH {weight: t[2], kind: 'project'}]->(b)
"""

REST = """
MATCH (a1:Person {id: 'a1'}), (a2:Person {id: 'a2'}), (b2:Person {id: 'b2'}),
      (b3:Person {id: 'b3'}), (c2:Person {id: 'c2'}), (c3:Person {id: 'c3'}),
      (b1:Person {id: 'b1'}),
      (k1:Content {id: 'k1'}), (k2:Content {id: 'k2'}),
      (sql:Skill {id: 'sql'}), (py:Skill {id: 'python'}), (cob:Skill {id: 'cobol'})
SET a2:Curator
CREATE (a2)-[:CURATES]->(k1), (b2)-[:CREATED]->(k2),
       (c2)-[:COMPLETED {minutes: 30}]->(k1), (a1)-[:COMPLETED {minutes: 60}]->(k2),
       (b2)-[:COMPLETED {minutes: 10}]->(k2),
       (b3)-[:FOLLOWS]->(a2), (c2)-[:FOLLOWS]->(a2), (a1)-[:FOLLOWS]->(a2), (a2)-[:FOLLOWS]->(b2),
       (a2)-[:HAS_SKILL {level: 5}]->(sql), (a1)-[:HAS_SKILL {level: 3}]->(sql),
       (b1)-[:HAS_SKILL {level: 3}]->(sql), (b2)-[:HAS_SKILL {level: 4}]->(py),
       (c3)-[:HAS_SKILL {level: 4}]->(cob), (c2)-[:HAS_SKILL {level: 1}]->(py)
"""


def ties() -> list[list[object]]:
    """The directed collaboration ties: cliques inside teams, two bridges A-B."""
    out: list[list[object]] = []
    for team, weight in (("a", 2.0), ("b", 2.0), ("c", 3.0)):
        members = [f"{team}{i}" for i in range(1, 5 if team != "c" else 4)]
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                out.append([x, y, weight])
    out.append(["a2", "a1", 1.0])  # a1-a2 is reported both ways
    out.append(["a2", "b2", 1.0])
    out.append(["a3", "b3", 1.0])
    return out


async def build(db: Database) -> None:
    """Write the organisation into an empty database."""
    await db.write(ORG)
    await db.write(REPORTS)
    await db.write(TIES, {"ties": ties()})
    await db.write(REST)
