"""Whom a manager manages: the whole reporting line below them."""

from __future__ import annotations

from graph.access import reports_under
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
