"""DataLoaders for the entities of the first cut: one Cypher round trip per batch."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from graph import entities, people
from graph.db import Database, Row

Fetch = Callable[[Database, Sequence[str]], Awaitable[list[Any]]]


class KeyLoader(DataLoader[str, Any]):
    """A loader that batches its keys into one call of ``fetch(db, keys)``."""

    fetch: Fetch

    def __init__(self, db: Database) -> None:
        self.db = db
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[str]) -> list[Any]:
        return await type(self).fetch(self.db, keys)


class PersonByIdLoader(KeyLoader):
    fetch = staticmethod(people.people_by_ids)


class TeamIdByPersonLoader(KeyLoader):
    fetch = staticmethod(people.team_ids_of)


class TeamByIdLoader(KeyLoader):
    fetch = staticmethod(entities.teams_by_ids)


class SkillByIdLoader(KeyLoader):
    fetch = staticmethod(entities.skills_by_ids)


class GoalByIdLoader(KeyLoader):
    fetch = staticmethod(entities.goals_by_ids)


__all__ = [
    "GoalByIdLoader",
    "KeyLoader",
    "PersonByIdLoader",
    "Row",
    "SkillByIdLoader",
    "TeamByIdLoader",
    "TeamIdByPersonLoader",
]
