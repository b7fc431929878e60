"""The entity types of the first cut: Person, Team, Skill and Goal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Self

import strawberry
from strawberry import relay

from resolvers import loaders
from resolvers.context import Context
from resolvers.loaders import KeyLoader

Info = strawberry.Info[Context, None]


async def _resolve(
    cls: type[Any], info: Info, node_ids: Iterable[str], loader: type[KeyLoader]
) -> list[Any]:
    rows = await info.context.loader(loader).load_many(list(node_ids))
    return [None if r is None else cls.from_record(r) for r in rows]


@strawberry.type
class Team(relay.Node):
    id: relay.NodeID[str]
    name: str

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(id=r["id"], name=r["name"])

    @strawberry.field(description="The organisation's own id of the team.")
    def key(self) -> str:
        return self.id

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.TeamByIdLoader)


@strawberry.type
class Person(relay.Node):
    id: relay.NodeID[str]
    name: str
    email: str | None
    title: str | None
    is_curator: bool

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            id=r["id"],
            name=r["name"],
            email=r.get("email"),
            title=r.get("title"),
            is_curator=bool(r.get("curator")),
        )

    @strawberry.field(description="The organisation's own id of the person.")
    def key(self) -> str:
        return self.id

    @strawberry.field(description="The team the person is a member of.")
    async def team(self, info: Info) -> Team | None:
        team_id = await info.context.loader(loaders.TeamIdByPersonLoader).load(self.id)
        if team_id is None:
            return None
        row = await info.context.loader(loaders.TeamByIdLoader).load(team_id)
        return None if row is None else Team.from_record(row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.PersonByIdLoader)


@strawberry.type
class Skill(relay.Node):
    id: relay.NodeID[str]
    name: str
    description: str | None
    category: str | None
    esco_uri: str | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            id=r["id"],
            name=r["name"],
            description=r.get("description"),
            category=r.get("category"),
            esco_uri=r.get("escoUri"),
        )

    @strawberry.field(description="The organisation's own id of the skill.")
    def key(self) -> str:
        return self.id

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.SkillByIdLoader)


@strawberry.type
class Goal(relay.Node):
    id: relay.NodeID[str]
    title: str
    kind: str | None
    description: str | None
    due: dt.date | None
    target_hours_per_person: float | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        due = r.get("due")
        if isinstance(due, dt.datetime):
            due = due.date()
        return cls(
            id=r["id"],
            title=r["title"],
            kind=r.get("kind"),
            description=r.get("description"),
            due=due,
            target_hours_per_person=r.get("targetHoursPerPerson"),
        )

    @strawberry.field(description="The organisation's own id of the goal.")
    def key(self) -> str:
        return self.id

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.GoalByIdLoader)
