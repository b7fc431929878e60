"""The audit trail: entries in time order, filters, keyset pages."""

from __future__ import annotations

import datetime as dt

from graph import audit
from graph.db import Database


def _entry(actor: str, action: str) -> audit.Entry:
    return audit.Entry(actor, ["employee"], action, '{"x": 1}', "ok", "r1")


async def test_entries_page_newest_first(db: Database) -> None:
    ids = [
        await audit.record(db, _entry(f"p{i}", "assessSkill" if i % 2 else "curate"))
        for i in range(5)
    ]
    assert ids == sorted(ids)
    first, total = await audit.page(db, limit=2, after=None)
    assert total == 5
    assert [r["actor"] for r in first] == ["p4", "p3"]
    rest, _ = await audit.page(db, limit=10, after=first[-1]["id"])
    assert [r["actor"] for r in rest] == ["p2", "p1", "p0"]
    odd, count = await audit.page(db, limit=10, after=None, action="assessSkill")
    assert (count, [r["actor"] for r in odd]) == (2, ["p3", "p1"])
    one, _ = await audit.page(db, limit=10, after=None, actor="p2")
    assert one[0] | {"id": None, "at": None} == {
        "id": None,
        "at": None,
        "actor": "p2",
        "roles": ["employee"],
        "action": "curate",
        "inputs": '{"x": 1}',
        "outcome": "ok",
        "requestId": "r1",
    }
    assert isinstance(one[0]["at"], dt.datetime)


def test_ids_sort_in_time_order() -> None:
    early = audit.new_id(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    late = audit.new_id(dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    assert early < late
    assert len(early) == len(late) == 33
