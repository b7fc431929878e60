"""The write layer: refusals raise inside the transaction, and nothing of it is kept."""

from __future__ import annotations

import pytest

from graph import mutations, mutations_ties
from graph.db import Database, utcnow
from graph.errors import Refused
from tests.org import load_org, snapshot


async def test_a_refusal_after_writes_rolls_everything_back(db: Database) -> None:
    await load_org(db)
    before = await snapshot(db)
    # The person is created and joins t1 before the missing manager is noticed.
    with pytest.raises(Refused) as refused:
        await mutations.create_person(
            db, "f", {"name": "Femi"}, team="t1", manager="ghost", curator=False
        )
    assert (refused.value.field, refused.value.code) == ("manager", "NOT_FOUND")
    assert await snapshot(db) == before


async def test_content_ties_are_checked_before_they_replace(db: Database) -> None:
    await load_org(db)
    before = await snapshot(db)
    with pytest.raises(Refused) as refused:
        await mutations.update_content(
            db, "c3", {"title": "New"}, skills=[{"skill": "sql", "level": 2}], creators=["a", "x"]
        )
    assert (refused.value.field, refused.value.code) == ("creators[1]", "NOT_FOUND")
    assert await snapshot(db) == before


async def test_interaction_weights_add_up(db: Database) -> None:
    await load_org(db)
    row = await mutations_ties.record_interaction(db, "c", "a", weight=2.0, kind=None, at=utcnow())
    assert (row["weight"], row["kind"]) == (2.0, None)
    row = await mutations_ties.record_interaction(
        db, "c", "a", weight=0.5, kind="pairing", at=utcnow()
    )
    assert (row["weight"], row["kind"]) == (2.5, "pairing")
