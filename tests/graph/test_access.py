"""Whom a manager manages (the whole reporting line below them), and who is in a team."""

from __future__ import annotations

from graph.access import reports_under, team_people
from graph.db import Database


async def test_direct_and_indirect_reports(db: Database) -> None:
    await db.write(
        "CREATE (a:Person {id: 'a'}), (b:Person {id: 'b'}), (c:Person {id: 'c'}),"
        " (d:Person {id: 'd'}), (e:Person {id: 'e'}),"
        " (b)-[:REPORTS_TO]->(a), (c)-[:REPORTS_TO]->(b), (d)-[:REPORTS_TO]->(b),"
        " (e)-[:REPORTS_TO]->(d)"
    )
    assert await reports_under(db, "a") == {"b", "c", "d", "e"}
    assert await reports_under(db, "b") == {"c", "d", "e"}
    assert await reports_under(db, "e") == frozenset()
    assert await reports_under(db, "nobody") == frozenset()


async def test_a_team_counts_the_people_of_its_sub_teams(db: Database) -> None:
    await db.write(
        "CREATE (d:Team {id: 'd'}), (t:Team {id: 't'}), (s:Team {id: 's'}), (o:Team {id: 'o'}),"
        " (e:Team {id: 'empty'}),"
        " (t)-[:PART_OF]->(d), (s)-[:PART_OF]->(t), (o)-[:PART_OF]->(d),"
        " (:Person {id: 'p1'})-[:MEMBER_OF]->(t), (:Person {id: 'p2'})-[:MEMBER_OF]->(s),"
        " (:Person {id: 'p3'})-[:MEMBER_OF]->(o)"
    )
    assert await team_people(db, "t") == {"p1", "p2"}
    assert await team_people(db, "s") == {"p2"}
    assert await team_people(db, "d") == {"p1", "p2", "p3"}
    assert await team_people(db, "empty") == frozenset()
    assert await team_people(db, "nowhere") == frozenset()
