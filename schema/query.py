"""The root query of the first cut: entities by id, the people list and ``node(id:)``."""

from __future__ import annotations

import strawberry
from strawberry import relay

from graph import people
from resolvers import loaders
from schema.ids import entity_key
from schema.nodes import Goal, Info, Person, Skill, Team
from schema.pagination import Connection, connection, page_args


@strawberry.type
class Query:
    node: relay.Node | None = relay.node()

    @strawberry.field(description="A person by their id (or global id).")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        row = await info.context.loader(loaders.PersonByIdLoader).load(entity_key(id, "Person"))
        return None if row is None else Person.from_record(row)

    @strawberry.field(description="A team by its id (or global id).")
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        row = await info.context.loader(loaders.TeamByIdLoader).load(entity_key(id, "Team"))
        return None if row is None else Team.from_record(row)

    @strawberry.field(description="A skill by its id (or global id).")
    async def skill(self, info: Info, id: strawberry.ID) -> Skill | None:
        row = await info.context.loader(loaders.SkillByIdLoader).load(entity_key(id, "Skill"))
        return None if row is None else Skill.from_record(row)

    @strawberry.field(description="A goal by its id (or global id).")
    async def goal(self, info: Info, id: strawberry.ID) -> Goal | None:
        row = await info.context.loader(loaders.GoalByIdLoader).load(entity_key(id, "Goal"))
        return None if row is None else Goal.from_record(row)

    @strawberry.field(description="People ordered by id; `search` matches part of the name.")
    async def people(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
    ) -> Connection[Person]:
        page = page_args(first, after)
        rows, total = await people.page_people(
            info.context.db, limit=page.limit, after=page.after, search=search
        )
        return connection(rows, page, total, Person.from_record, lambda r: r["id"])
