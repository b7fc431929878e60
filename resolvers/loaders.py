"""Per-request DataLoaders: one Cypher round trip per batch of keys (``UNWIND $keys``).

:class:`KeyLoader` loads one row per key (entities by id, a person's team). :class:`PageLoader`
loads one page of a related list per parent: its key is the parent's id and a :class:`Slice`
(page size, cursor and the list's options), and every parent asking for the same slice is
answered by the same query. Results come back in key order.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from graph import content, entities, goals, people, skills, teams
from graph.db import Database, Row
from graph.paging import PageRows

Fetch = Callable[[Database, Sequence[str]], Awaitable[list[Any]]]
FetchPages = Callable[..., Awaitable[list[PageRows]]]


class KeyLoader(DataLoader[str, Any]):
    """A loader that batches its keys into one call of ``fetch(db, keys)``."""

    fetch: Fetch

    def __init__(self, db: Database) -> None:
        self.db = db
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[str]) -> list[Any]:
        return await type(self).fetch(self.db, keys)


@dataclass(frozen=True)
class Slice:
    """Which page of a related list: rows to fetch, the cursor's sort key, the options."""

    limit: int
    after: tuple[Any, ...] | None = None
    options: tuple[tuple[str, Any], ...] = ()


PageKey = tuple[str, Slice]


class PageLoader(DataLoader[PageKey, PageRows]):
    """A loader of pages of related rows: one ``fetch`` call per distinct slice in a batch."""

    fetch: FetchPages

    def __init__(self, db: Database) -> None:
        self.db = db
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[PageKey]) -> list[PageRows]:
        groups: dict[Slice, list[str]] = {}
        for parent, part in keys:
            groups.setdefault(part, []).append(parent)
        found: dict[PageKey, PageRows] = {}
        for part, parents in groups.items():
            after = list(part.after) if part.after is not None else None
            results = await type(self).fetch(
                self.db, parents, limit=part.limit, after=after, **dict(part.options)
            )
            for parent, result in zip(parents, results, strict=True):
                found[(parent, part)] = result
        return [found[k] for k in keys]


# Entities by id.
class PersonByIdLoader(KeyLoader):
    fetch = staticmethod(people.people_by_ids)


class TeamByIdLoader(KeyLoader):
    fetch = staticmethod(entities.teams_by_ids)


class SkillByIdLoader(KeyLoader):
    fetch = staticmethod(entities.skills_by_ids)


class ContentByIdLoader(KeyLoader):
    fetch = staticmethod(entities.content_by_ids)


class GoalByIdLoader(KeyLoader):
    fetch = staticmethod(entities.goals_by_ids)


class CuratorByIdLoader(KeyLoader):
    fetch = staticmethod(entities.curators_by_ids)


# One related row per key.
class TeamByPersonLoader(KeyLoader):
    fetch = staticmethod(people.teams_of)


class ManagerByPersonLoader(KeyLoader):
    fetch = staticmethod(people.managers_of)


class ParentByTeamLoader(KeyLoader):
    fetch = staticmethod(teams.parents_of)


# Pages of related rows.
class ReportsByManagerLoader(PageLoader):
    fetch = staticmethod(people.reports_of)


class FollowersByPersonLoader(PageLoader):
    fetch = staticmethod(people.followers_of)


class FollowingByPersonLoader(PageLoader):
    fetch = staticmethod(people.following_of)


class SkillsByPersonLoader(PageLoader):
    fetch = staticmethod(people.skills_of)


class CompletionsByPersonLoader(PageLoader):
    fetch = staticmethod(people.completions_of)


class ContentByCreatorLoader(PageLoader):
    fetch = staticmethod(people.created_by)


class CurationsByCuratorLoader(PageLoader):
    fetch = staticmethod(people.curations_by)


class CollaboratorsByPersonLoader(PageLoader):
    fetch = staticmethod(people.collaborators_of)


class SubTeamsByTeamLoader(PageLoader):
    fetch = staticmethod(teams.sub_teams_of)


class MembersByTeamLoader(PageLoader):
    fetch = staticmethod(teams.members_of)


class SkillMatrixByTeamLoader(PageLoader):
    fetch = staticmethod(teams.skill_matrix_of)


class GoalsByTeamLoader(PageLoader):
    fetch = staticmethod(teams.goals_of)


class HoldersBySkillLoader(PageLoader):
    fetch = staticmethod(skills.holders_of)


class BroaderBySkillLoader(PageLoader):
    fetch = staticmethod(skills.broader_of)


class NarrowerBySkillLoader(PageLoader):
    fetch = staticmethod(skills.narrower_of)


class RelatedBySkillLoader(PageLoader):
    fetch = staticmethod(skills.related_of)


class TeachingBySkillLoader(PageLoader):
    fetch = staticmethod(skills.teaching)


class RequirementsBySkillLoader(PageLoader):
    fetch = staticmethod(skills.required_by)


class SkillsByContentLoader(PageLoader):
    fetch = staticmethod(content.skills_taught)


class CreatorsByContentLoader(PageLoader):
    fetch = staticmethod(content.creators_of)


class CurationsByContentLoader(PageLoader):
    fetch = staticmethod(content.curations_of)


class CompletionsByContentLoader(PageLoader):
    fetch = staticmethod(content.completions_of)


class RequirementsByGoalLoader(PageLoader):
    fetch = staticmethod(goals.requirements_of)


class TeamsByGoalLoader(PageLoader):
    fetch = staticmethod(goals.teams_of)


__all__ = [
    "ContentByIdLoader",
    "CuratorByIdLoader",
    "GoalByIdLoader",
    "KeyLoader",
    "PageLoader",
    "PersonByIdLoader",
    "Row",
    "SkillByIdLoader",
    "Slice",
    "TeamByIdLoader",
]
