"""What closes Chloe's gaps in the hand-worked organisation of ``gaps_org``.

Chloe (T2, under E) needs python 2 (holds none) and cloud 3 (holds cloud 2) for g1.
Python content fitting (0, 2]: x4 (240 min, curated), x5 (60 min): 2 levels x 150 min = 5 h.
Cloud content beyond 2 she has not completed: x1 (cloud 3, 180 min, curated by Zoe, rated
5 and 4, completed by Ben whom she works with) and x2 (k8s 4 > 3 needed, rated 3, completed
by Dora whom she follows); x3 (cloud 2) is at her level. Only x1 fits: 1 level x 3 h.
She works with Ben; Ben works with Ada: Ben is 1 hop away, Ada 2.
"""

from __future__ import annotations

from typing import LiteralString

import pytest

from graph import entities, people
from graph import recommendations as rec
from graph.db import Database
from graph.errors import NotFound
from tests.graph import gaps_org


async def test_plans_for_chloe(db: Database) -> None:
    await gaps_org.load(db)
    python, cloud = await rec.plans(db, "c")

    assert (python.skill_id, python.current, python.target, python.goal_ids) == (
        "python",
        0,
        2,
        ("g1",),
    )
    assert python.expected_hours == 5.0
    assert [c.content_id for c in python.content] == ["x4", "x5"]
    assert python.content[0].reasons("Python", 0, 2) == [
        "teaches Python up to level 2 (you: 0, needed: 2)",
        "curated by Zoe",
    ]
    assert [(m.person_id, m.level, m.hops) for m in python.mentors] == [
        ("b", 3, 1),
        ("e", 4, None),
        ("d", 2, None),
    ]

    assert (cloud.skill_id, cloud.current, cloud.target, cloud.expected_hours) == (
        "cloud",
        2,
        3,
        3.0,
    )
    x1, x2 = cloud.content
    assert (x1.content_id, x1.teaches, x1.fit, x1.curators) == ("x1", 3, 2, ("Zoe",))
    assert (x1.rating, x1.ratings, x1.social, x1.social_names) == (4.5, 2, 1, ("Ben",))
    assert x1.hours == 3.0
    assert x2.reasons("cloud computing", 2, 3) == [
        "teaches cloud computing up to level 4 (you: 2, needed: 3), beyond the level needed",
        "rated 3.0/5 by 1 person",
        "completed by people you follow or work with: Dora",
    ]
    assert [(m.person_id, m.level, m.hops) for m in cloud.mentors] == [
        ("b", 3, 1),
        ("a", 4, 2),
        ("e", 5, None),
        ("f", 4, None),
        ("h", 3, None),
    ]
    assert cloud.mentors[1].reasons("cloud computing") == [
        "level 4 in cloud computing",
        "works with someone you work with",
    ]


async def test_one_skill_and_limits(db: Database) -> None:
    await gaps_org.load(db)
    (cloud,) = await rec.plans(db, "c", skill="cloud", limit=1)
    assert [c.content_id for c in cloud.content] == ["x1"]
    assert [m.person_id for m in cloud.mentors] == ["b"]


async def test_no_gaps_and_unknown_people(db: Database) -> None:
    await gaps_org.load(db)
    assert await rec.plans(db, "h") == []  # in no team: no goals
    with pytest.raises(NotFound, match="person 'nobody'"):
        await rec.plans(db, "nobody")


def test_mentor_in_the_same_team() -> None:
    m = rec.MentorPick("b", "Ben", 5, 1, True)
    assert m.reasons("Python") == ["level 5 in Python", "works with you directly", "in your team"]


def test_many_network_completions_are_summarised() -> None:
    c = rec.ContentPick("x", "X", None, None, None, 2, 2, (), None, 0, 5, ("A", "B", "C"))
    assert c.hours is None
    assert c.reasons("Python", 1, 2)[-1] == (
        "completed by people you follow or work with: A, B, C and 2 more"
    )


# Six items teach Sam's missing skill s (level 3 needed). By hand, in ranking order:
# fit 2 and curated: k3 (rated 4), k2 (rated 2), k6 (unrated); fit 2, not curated: k5
# (rated 5 twice, once by Walt whom Sam works with) ahead of k1 (rated 5, no one Sam
# knows), and k5's CURATES tie comes from Xan, who is no longer a curator; fit 1: k4
# (teaches 5 > 3, curated, rated 5). A cut at 2 or 4 items must not let the better-rated
# items of a lower tier in, nor drop a better-rated item of the tier cut through.
_TIERS: LiteralString = """
CREATE (t:Team {id: 'T', name: 'T'}), (s:Skill {id: 's', name: 'S'}),
       (g:Goal {id: 'g', title: 'G', kind: 'objective'}),
       (g)-[:REQUIRES {level: 3}]->(s), (t)-[:COMMITTED_TO]->(g),
       (p:Person {id: 'p', name: 'Sam'})-[:MEMBER_OF]->(t),
       (w:Person {id: 'w', name: 'Walt'}), (x:Person {id: 'x', name: 'Xan'}),
       (cu:Person:Curator {id: 'cu', name: 'Cleo'}),
       (p)-[:COLLABORATES_WITH {weight: 1.0}]->(w),
       (k1:Content {id: 'k1', title: 'K1', minutes: 60})-[:TEACHES {level: 3}]->(s),
       (k2:Content {id: 'k2', title: 'K2', minutes: 60})-[:TEACHES {level: 3}]->(s),
       (k3:Content {id: 'k3', title: 'K3', minutes: 60})-[:TEACHES {level: 3}]->(s),
       (k4:Content {id: 'k4', title: 'K4', minutes: 60})-[:TEACHES {level: 5}]->(s),
       (k5:Content {id: 'k5', title: 'K5', minutes: 60})-[:TEACHES {level: 2}]->(s),
       (k6:Content {id: 'k6', title: 'K6', minutes: 60})-[:TEACHES {level: 3}]->(s),
       (cu)-[:CURATES]->(k2), (cu)-[:CURATES]->(k3), (cu)-[:CURATES]->(k4),
       (cu)-[:CURATES]->(k6), (x)-[:CURATES]->(k5),
       (x)-[:COMPLETED {rating: 5}]->(k1), (x)-[:COMPLETED {rating: 2}]->(k2),
       (x)-[:COMPLETED {rating: 4}]->(k3), (x)-[:COMPLETED {rating: 5}]->(k4),
       (x)-[:COMPLETED {rating: 5}]->(k5), (w)-[:COMPLETED {rating: 5}]->(k5)
"""


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (1, ["k3"]),
        (2, ["k3", "k2"]),
        (4, ["k3", "k2", "k6", "k5"]),
        (6, ["k3", "k2", "k6", "k5", "k1", "k4"]),
        (0, []),
    ],
)
async def test_ranking_is_the_same_whatever_the_cut(
    db: Database, limit: int, expected: list[str]
) -> None:
    await db.write(_TIERS)
    (plan,) = await rec.plans(db, "p", limit=limit)
    assert [c.content_id for c in plan.content] == expected
    if limit >= 4:
        k5 = plan.content[3]
        assert (k5.curators, k5.rating, k5.ratings, k5.social, k5.social_names) == (
            (),
            5.0,
            2,
            1,
            ("Walt",),
        )
        assert plan.content[0].curators == ("Cleo",)


# Two items tied on fit, curation and rating (4): only k2 was completed by someone Sam
# works with, so k2 leads although k1 comes first by id. Written in both orders, so that
# neither the order of creation nor the order a traversal meets them decides.
_TIED: LiteralString = """
CREATE (t:Team {id: 'T', name: 'T'}), (s:Skill {id: 's', name: 'S'}),
       (g:Goal {id: 'g', title: 'G', kind: 'objective'}),
       (g)-[:REQUIRES {level: 3}]->(s), (t)-[:COMMITTED_TO]->(g),
       (p:Person {id: 'p', name: 'Sam'})-[:MEMBER_OF]->(t),
       (w:Person {id: 'w', name: 'Walt'}), (x:Person {id: 'x', name: 'Xan'}),
       (p)-[:COLLABORATES_WITH {weight: 1.0}]->(w)
"""
_TIED_ITEM: LiteralString = """
MATCH (s:Skill {id: 's'}), (x:Person {id: 'x'}), (w:Person {id: 'w'})
CREATE (k:Content {id: $id, title: $id, minutes: 60})-[:TEACHES {level: 3}]->(s),
       (x)-[:COMPLETED {rating: 4}]->(k)
FOREACH (_ IN CASE WHEN $known THEN [1] ELSE [] END |
  CREATE (w)-[:COMPLETED {rating: 4}]->(k))
"""


@pytest.mark.parametrize("order", [["k1", "k2"], ["k2", "k1"]])
async def test_a_tie_on_rating_goes_to_what_the_network_completed(
    db: Database, order: list[str]
) -> None:
    await db.write(_TIED)
    for item in order:
        await db.write(_TIED_ITEM, {"id": item, "known": item == "k2"})
    (plan,) = await rec.plans(db, "p", limit=1)
    assert [(c.content_id, c.rating, c.social) for c in plan.content] == [("k2", 4.0, 1)]
    (plan,) = await rec.plans(db, "p", limit=2)
    assert [c.content_id for c in plan.content] == ["k2", "k1"]


async def test_plans_carry_the_rows_the_lookups_return(db: Database) -> None:
    await gaps_org.load(db)
    for plan in await rec.plans(db, "c"):
        assert [plan.records[0]] == await entities.skills_by_ids(db, [plan.skill_id])
        assert list(plan.records[1:]) == await people.people_by_ids(
            db, [m.person_id for m in plan.mentors]
        )
