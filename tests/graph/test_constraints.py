"""Constraints: a duplicate id is rejected and nothing else from that transaction is written."""

from __future__ import annotations

import pytest

from graph.constraints import CONSTRAINTS, apply_schema
from graph.db import Database, Tx
from graph.errors import Duplicate
from graph.stats import counts_by_label


async def test_every_entity_id_is_unique(db: Database) -> None:
    rows = await db.read("SHOW CONSTRAINTS")
    unique = {(tuple(r["labelsOrTypes"]), tuple(r["properties"])) for r in rows}
    for label in ("Person", "Team", "Skill", "Content", "Goal"):
        assert ((label,), ("id",)) in unique


async def test_schema_is_idempotent(db: Database) -> None:
    before = await db.read("SHOW CONSTRAINTS")
    await apply_schema(db)
    after = await db.read("SHOW CONSTRAINTS")
    assert len(after) == len(before) == len(CONSTRAINTS)


@pytest.mark.parametrize("label", ["Person", "Team", "Skill", "Content", "Goal"])
async def test_duplicate_id_rolls_back_the_whole_transaction(db: Database, label: str) -> None:
    await db.write("CREATE (:Person {id: 'p1', name: 'First'})")
    await db.write("CREATE (:Team {id: 't1', name: 'Team'}), (:Skill {id: 's1', name: 'S'})")
    await db.write("CREATE (:Content {id: 'c1', title: 'C'}), (:Goal {id: 'g1', title: 'G'})")
    existing = {"Person": "p1", "Team": "t1", "Skill": "s1", "Content": "c1", "Goal": "g1"}
    before = await counts_by_label(db)

    async def work(tx: Tx) -> None:
        await tx.run("CREATE (:Team {id: 'new-team', name: 'New'})")
        await tx.run("MATCH (p:Person {id: 'p1'}) SET p.name = 'Changed'")
        await tx.run(
            "CALL { WITH $label AS label, $id AS id "
            "  FOREACH (_ IN CASE WHEN label = 'Person' THEN [1] ELSE [] END | "
            "    CREATE (:Person {id: id})) "
            "  FOREACH (_ IN CASE WHEN label = 'Team' THEN [1] ELSE [] END | "
            "    CREATE (:Team {id: id})) "
            "  FOREACH (_ IN CASE WHEN label = 'Skill' THEN [1] ELSE [] END | "
            "    CREATE (:Skill {id: id})) "
            "  FOREACH (_ IN CASE WHEN label = 'Content' THEN [1] ELSE [] END | "
            "    CREATE (:Content {id: id})) "
            "  FOREACH (_ IN CASE WHEN label = 'Goal' THEN [1] ELSE [] END | "
            "    CREATE (:Goal {id: id})) "
            "} RETURN 1",
            {"label": label, "id": existing[label]},
        )

    with pytest.raises(Duplicate):
        await db.write_tx(work)
    assert await counts_by_label(db) == before
    rows = await db.read("MATCH (p:Person {id: 'p1'}) RETURN p.name AS name")
    assert rows == [{"name": "First"}]
