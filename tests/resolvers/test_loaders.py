"""DataLoaders: one round trip per batch, so deep queries cost the same for any page size."""

from __future__ import annotations

import pytest

from graph.db import Database, count_round_trips
from resolvers.context import Context
from resolvers.loaders import PersonByIdLoader, SkillsByPersonLoader, Slice
from tests.org import run

_MANY = """
UNWIND range(1, 60) AS i
CREATE (p:Person {id: 'p' + toString(1000 + i), name: 'Person ' + toString(1000 + i)})
WITH p, i
UNWIND range(0, 2) AS j
MATCH (s:Skill {id: 's' + toString((i + j) % 8)})
CREATE (p)-[:HAS_SKILL {level: 1 + (i + j) % 5, source: 'self'}]->(s)
"""

_SKILLS = """
UNWIND range(0, 7) AS k
CREATE (s:Skill {id: 's' + toString(k), name: 'Skill ' + toString(k)})
WITH s, k
UNWIND range(0, 1) AS j
CREATE (:Content {id: 'c' + toString(k) + '-' + toString(j), title: 'Course ' + toString(k),
                  kind: 'course', origin: 'curated'})-[:TEACHES {level: 3}]->(s)
"""

DEEP = """query($n: Int!) { people(first: $n) { nodes { name team { name } manager { name }
  skills { totalCount nodes { level skill { name
    teachingContent { totalCount nodes { content { title creators { totalCount } } } }
  } } } } } }"""


async def test_round_trips_do_not_grow_with_the_page(db: Database) -> None:
    await db.write(_SKILLS)
    await db.write(_MANY)
    counts = {}
    for n in (10, 50):
        with count_round_trips() as trips:
            data = await run(db, DEEP, n=n)
        people = data["people"]["nodes"]
        assert len(people) == n
        assert all(p["skills"]["totalCount"] == 3 for p in people)
        teaching = people[0]["skills"]["nodes"][0]["skill"]["teachingContent"]
        assert teaching["totalCount"] == 2
        counts[n] = trips.count
    # people page, team, manager, skills, teaching content, creators: one each.
    assert counts == {10: 6, 50: 6}


async def test_page_loader_answers_in_key_order(db: Database) -> None:
    await db.write(_SKILLS)
    await db.write(_MANY)
    context = Context(db)
    loader = context.loader(SkillsByPersonLoader)
    part = Slice(limit=2, options=(("min_level", 0),))
    with count_round_trips() as trips:
        results = await loader.load_many([("p1002", part), ("nobody", part), ("p1001", part)])
    assert trips.count == 1
    assert [[r["skill"]["id"] for r in rows] for rows, _ in results] == [
        ["s4", "s3"],
        [],
        ["s3", "s2"],
    ]
    assert [total for _, total in results] == [3, 0, 3]


@pytest.mark.parametrize("keys", [["p1003", "zz", "p1001"], []])
async def test_key_loader_returns_none_for_unknown_keys(db: Database, keys: list[str]) -> None:
    await db.write(_SKILLS)
    await db.write(_MANY)
    rows = await Context(db).loader(PersonByIdLoader).load_many(keys)
    assert [None if r is None else r["id"] for r in rows] == [
        k if k != "zz" else None for k in keys
    ]
