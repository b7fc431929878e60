"""The CREATE twins and the emptiness check that chooses them (the generator's tests check
that they write the same graph as the upserts)."""

from __future__ import annotations

from typing import LiteralString

import pytest

from graph import bulk, fresh
from graph.db import Database
from seeds.generator import ORDER

_ONE: dict[str, LiteralString] = {
    "Person": "CREATE (:Person {id: 'x-1'})",
    "Team": "CREATE (:Team {id: 'x-1'})",
    "Skill": "CREATE (:Skill {id: 'x-1'})",
    "Content": "CREATE (:Content {id: 'x-1'})",
    "Goal": "CREATE (:Goal {id: 'x-1'})",
}


@pytest.mark.parametrize("label", sorted(_ONE))
async def test_is_empty_until_any_generated_label_exists(db: Database, label: str) -> None:
    assert await fresh.is_empty(db) is True
    await db.write("CREATE (:AuditEntry {id: 'a-1'})")  # not a label the generator writes
    assert await fresh.is_empty(db) is True
    await db.write(_ONE[label])
    assert await fresh.is_empty(db) is False


def test_every_generator_statement_but_the_label_has_a_create_twin() -> None:
    missing = [s for s in ORDER if s not in fresh.TWINS]
    assert missing == [bulk.CURATORS]
    assert all("MERGE" not in twin for twin in fresh.TWINS.values())
    assert fresh.twin(bulk.CURATORS) is bulk.CURATORS
    assert fresh.twin(bulk.PEOPLE) is fresh.PEOPLE
