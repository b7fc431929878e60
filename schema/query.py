"""The root query: entities by id, the filtered lists and ``node(id:)``."""

from __future__ import annotations

import strawberry
from strawberry import relay

from graph import content, goals, people, skills, teams
from resolvers import loaders
from resolvers.loaders import KeyLoader
from schema.enums import ContentKind, ContentOrigin, GoalKind
from schema.ids import entity_key
from schema.nodes import Content, Curator, Goal, Info, Person, Skill, Team
from schema.pagination import Connection, connection, page_args, sort_key


def _sort(row: dict[str, object]) -> object:
    return row["sort"]


async def _one(info: Info, loader: type[KeyLoader], key: str) -> dict[str, object] | None:
    row: dict[str, object] | None = await info.context.loader(loader).load(key)
    return row


@strawberry.type
class Query:
    node: relay.Node | None = relay.node()
    nodes: list[relay.Node | None] = relay.node()

    @strawberry.field(description="A person by their id (or global id).")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        row = await _one(info, loaders.PersonByIdLoader, entity_key(id, "Person"))
        return None if row is None else Person.from_record(row)

    @strawberry.field(description="A team by its id (or global id).")
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        row = await _one(info, loaders.TeamByIdLoader, entity_key(id, "Team"))
        return None if row is None else Team.from_record(row)

    @strawberry.field(description="A skill by its id (or global id).")
    async def skill(self, info: Info, id: strawberry.ID) -> Skill | None:
        row = await _one(info, loaders.SkillByIdLoader, entity_key(id, "Skill"))
        return None if row is None else Skill.from_record(row)

    @strawberry.field(description="A content item by its id (or global id).")
    async def content(self, info: Info, id: strawberry.ID) -> Content | None:
        row = await _one(info, loaders.ContentByIdLoader, entity_key(id, "Content"))
        return None if row is None else Content.from_record(row)

    @strawberry.field(description="A goal by its id (or global id).")
    async def goal(self, info: Info, id: strawberry.ID) -> Goal | None:
        row = await _one(info, loaders.GoalByIdLoader, entity_key(id, "Goal"))
        return None if row is None else Goal.from_record(row)

    @strawberry.field(description="A curator by their person id (or global id).")
    async def curator(self, info: Info, id: strawberry.ID) -> Curator | None:
        key = entity_key(entity_key(id, "Curator"), "Person")
        row = await _one(info, loaders.CuratorByIdLoader, key)
        return None if row is None else Curator.from_record(row)

    @strawberry.field(
        description="People by name. `team` keeps its members (with its sub-teams' unless "
        "`includeSubTeams` is false); `skill` keeps holders at `minLevel` or above; `search` "
        "matches part of the name."
    )
    async def people(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        team: strawberry.ID | None = None,
        include_sub_teams: bool = True,
        skill: strawberry.ID | None = None,
        min_level: int = 0,
    ) -> Connection[Person]:
        page = page_args(first, after)
        rows, total = await people.page_people(
            info.context.db,
            limit=page.limit,
            after=_after(page.after),
            search=search,
            team=entity_key(team, "Team") if team else None,
            sub_teams=include_sub_teams,
            skill=entity_key(skill, "Skill") if skill else None,
            min_level=min_level,
        )
        return connection(rows, page, total, Person.from_record, _sort)

    @strawberry.field(description="Curators by name; `search` matches part of the name.")
    async def curators(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
    ) -> Connection[Curator]:
        page = page_args(first, after)
        rows, total = await people.page_people(
            info.context.db, limit=page.limit, after=_after(page.after), search=search, curator=True
        )
        return connection(rows, page, total, Curator.from_record, _sort)

    @strawberry.field(description="Teams by name; `roots` keeps the top-level ones.")
    async def teams(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        roots: bool = False,
    ) -> Connection[Team]:
        page = page_args(first, after)
        rows, total = await teams.page_teams(
            info.context.db, limit=page.limit, after=_after(page.after), search=search, roots=roots
        )
        return connection(rows, page, total, Team.from_record, _sort)

    @strawberry.field(
        description="Skills by name; `search` matches part of the name or of an ESCO "
        "alternative label."
    )
    async def skills(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        category: str | None = None,
    ) -> Connection[Skill]:
        page = page_args(first, after)
        rows, total = await skills.page_skills(
            info.context.db,
            limit=page.limit,
            after=_after(page.after),
            search=search,
            category=category,
        )
        return connection(rows, page, total, Skill.from_record, _sort)

    @strawberry.field(
        description="Content by title, filtered by `kind`, `origin` and the `skill` it teaches "
        "(`includeNarrower` also finds content teaching a narrower skill)."
    )
    async def contents(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        kind: ContentKind | None = None,
        origin: ContentOrigin | None = None,
        skill: strawberry.ID | None = None,
        include_narrower: bool = False,
    ) -> Connection[Content]:
        page = page_args(first, after)
        rows, total = await content.page_content(
            info.context.db,
            limit=page.limit,
            after=_after(page.after),
            search=search,
            kind=kind.value if kind else None,
            origin=origin.value if origin else None,
            skill=entity_key(skill, "Skill") if skill else None,
            narrower=include_narrower,
        )
        return connection(rows, page, total, Content.from_record, _sort)

    @strawberry.field(description="Goals by title.")
    async def goals(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        kind: GoalKind | None = None,
    ) -> Connection[Goal]:
        page = page_args(first, after)
        rows, total = await goals.page_goals(
            info.context.db,
            limit=page.limit,
            after=_after(page.after),
            search=search,
            kind=kind.value if kind else None,
        )
        return connection(rows, page, total, Goal.from_record, _sort)


def _after(after: object) -> list[object] | None:
    key = sort_key(after)
    return None if key is None else list(key)
