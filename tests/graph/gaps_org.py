"""A small organisation whose skill gaps are worked out by hand in the tests that load it.

Teams: division ``D`` > department ``E`` > teams ``T1``, ``T2``; division ``D2`` > ``T3``.
Skills: ``cloud`` with the narrower ``k8s`` and ``docker``; ``python``; ``neg``.
Goals: ``g1`` (committed by ``E``) needs cloud 3 x3 (critical) and python 2 x2; ``g2``
(committed by ``T3``) needs k8s 4 x1 and python 4 x2; ``gh`` (committed by ``D``) is a
learning-hours goal of 10 hours per person.

People (team: skills): a (T1: k8s 4, cloud 2, python 1), b (T1: docker 3, k8s 3, python 3),
c (T2: cloud 2), d (E: python 2), e (T3: k8s 5, python 4), f (D: cloud 4), h (no team: k8s 3),
z (D2, curator, no skills). Collaboration: e-a, f-e, c-b, a-b. c follows d.
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database

ORG: LiteralString = """
CREATE (D:Team {id: 'D', name: 'Division D'}),
       (E:Team {id: 'E', name: 'Department E'})-[:PART_OF]->(D),
       (T1:Team {id: 'T1', name: 'Team 1'})-[:PART_OF]->(E),
       (T2:Team {id: 'T2', name: 'Team 2'})-[:PART_OF]->(E),
       (D2:Team {id: 'D2', name: 'Division D2'}),
       (T3:Team {id: 'T3', name: 'Team 3'})-[:PART_OF]->(D2),
       (cloud:Skill {id: 'cloud', name: 'cloud computing'}),
       (k8s:Skill {id: 'k8s', name: 'Kubernetes'})-[:BROADER]->(cloud),
       (docker:Skill {id: 'docker', name: 'Docker'})-[:BROADER]->(cloud),
       (python:Skill {id: 'python', name: 'Python'}),
       (neg:Skill {id: 'neg', name: 'negotiate'}),
       (g1:Goal {id: 'g1', title: 'Cloud migration', kind: 'objective'}),
       (g2:Goal {id: 'g2', title: 'Platform', kind: 'objective'}),
       (gh:Goal {id: 'gh', title: '10 hours', kind: 'learning_hours', targetHoursPerPerson: 10.0}),
       (g1)-[:REQUIRES {level: 3, headcount: 3, critical: true}]->(cloud),
       (g1)-[:REQUIRES {level: 2, headcount: 2}]->(python),
       (g2)-[:REQUIRES {level: 4}]->(k8s),
       (g2)-[:REQUIRES {level: 4, headcount: 2, critical: false}]->(python),
       (E)-[:COMMITTED_TO]->(g1), (T3)-[:COMMITTED_TO]->(g2), (D)-[:COMMITTED_TO]->(gh),
       (a:Person {id: 'a', name: 'Ada'})-[:MEMBER_OF]->(T1),
       (b:Person {id: 'b', name: 'Ben'})-[:MEMBER_OF]->(T1),
       (c:Person {id: 'c', name: 'Chloe'})-[:MEMBER_OF]->(T2),
       (d:Person {id: 'd', name: 'Dora'})-[:MEMBER_OF]->(E),
       (e:Person {id: 'e', name: 'Emil'})-[:MEMBER_OF]->(T3),
       (f:Person {id: 'f', name: 'Femi'})-[:MEMBER_OF]->(D),
       (h:Person {id: 'h', name: 'Hugo'}),
       (z:Person:Curator {id: 'z', name: 'Zoe'})-[:MEMBER_OF]->(D2),
       (a)-[:HAS_SKILL {level: 4}]->(k8s), (a)-[:HAS_SKILL {level: 2}]->(cloud),
       (a)-[:HAS_SKILL {level: 1}]->(python),
       (b)-[:HAS_SKILL {level: 3}]->(docker), (b)-[:HAS_SKILL {level: 3}]->(k8s),
       (b)-[:HAS_SKILL {level: 3}]->(python),
       (c)-[:HAS_SKILL {level: 2}]->(cloud),
       (d)-[:HAS_SKILL {level: 2}]->(python),
       (e)-[:HAS_SKILL {level: 5}]->(k8s), (e)-[:HAS_SKILL {level: 4}]->(python),
       (f)-[:HAS_SKILL {level: 4}]->(cloud),
       (h)-[:HAS_SKILL {level: 3}]->(k8s),
       (e)-[:COLLABORATES_WITH {weight: 1.0}]->(a), (f)-[:COLLABORATES_WITH {weight: 1.0}]->(e),
       (c)-[:COLLABORATES_WITH {weight: 1.0}]->(b), (a)-[:COLLABORATES_WITH {weight: 2.0}]->(b),
       (c)-[:FOLLOWS]->(d),
       (x1:Content {id: 'x1', title: 'Cloud architecture', kind: 'course', minutes: 180,
                    origin: 'curated'})-[:TEACHES {level: 3}]->(cloud),
       (x2:Content {id: 'x2', title: 'Kubernetes deep dive', kind: 'video', minutes: 60,
                    origin: 'user_generated'})-[:TEACHES {level: 4}]->(k8s),
       (x3:Content {id: 'x3', title: 'Cloud intro', kind: 'article', minutes: 30,
                    origin: 'curated'})-[:TEACHES {level: 2}]->(cloud),
       (x4:Content {id: 'x4', title: 'Python for analysts', kind: 'course', minutes: 240,
                    origin: 'curated'})-[:TEACHES {level: 2}]->(python),
       (x5:Content {id: 'x5', title: 'Python first steps', kind: 'video', minutes: 60,
                    origin: 'user_generated'})-[:TEACHES {level: 1}]->(python),
       (x6:Content {id: 'x6', title: 'Negotiation', kind: 'course', minutes: 90,
                    origin: 'curated'})-[:TEACHES {level: 1}]->(neg),
       (z)-[:CURATES]->(x1), (z)-[:CURATES]->(x4), (e)-[:CREATED]->(x2),
       (a)-[:COMPLETED {at: datetime('2026-03-01T10:00:00Z'), minutes: 180, rating: 5}]->(x1),
       (b)-[:COMPLETED {at: datetime('2026-03-02T10:00:00Z'), minutes: 180, rating: 4}]->(x1),
       (d)-[:COMPLETED {at: datetime('2026-04-01T10:00:00Z'), minutes: 60, rating: 3}]->(x2),
       (c)-[:COMPLETED {at: datetime('2026-02-01T10:00:00Z'), minutes: 30, rating: 4}]->(x3),
       (c)-[:COMPLETED {at: datetime('2026-05-01T10:00:00Z'), minutes: 90}]->(x6),
       (a)-[:COMPLETED {at: datetime('2025-12-01T10:00:00Z'), minutes: 90}]->(x6)
"""


async def load(db: Database) -> None:
    """Write the organisation into an empty database."""
    await db.write(ORG)
