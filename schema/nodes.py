"""The entities (Person, Team, Skill, Content, Curator, Goal) and the ties between them.

Every entity is a ``relay.Node``: ``id`` is its global id and ``key`` the organisation's own
id. Every list is a :class:`~schema.pagination.Connection` loaded through a per-request
DataLoader, so a field asked for on a whole page of parents costs one round trip. A tie
with properties (a skill held at a level, a completion, a curation ...) is an object of its
own holding both ends, the same type seen from either side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Self, TypeVar

import strawberry
from strawberry import relay

from resolvers import authz, loaders
from resolvers.context import Context
from resolvers.loaders import KeyLoader, PageLoader, Slice
from schema.enums import ContentKind, ContentOrigin, GoalKind, SkillSource, parse
from schema.pagination import Connection, Page, connection, page_args, sort_key

Info = strawberry.Info[Context, None]
T = TypeVar("T")


async def _resolve(
    cls: type[Any], info: Info, node_ids: Iterable[str], loader: type[KeyLoader]
) -> list[Any]:
    rows = await info.context.loader(loader).load_many(list(node_ids))
    return [None if r is None else cls.from_record(r) for r in rows]


async def _rows(
    info: Info, loader: type[PageLoader], parent: str, page: Page, **options: Any
) -> tuple[list[Any], int]:
    """The rows (and total) of one page of ``parent``'s list, through the request's loader."""
    part = Slice(page.limit, sort_key(page.after), tuple(sorted(options.items())))
    rows, total = await info.context.loader(loader).load((parent, part))
    return rows, total


async def _page(
    info: Info,
    loader: type[PageLoader],
    parent: str,
    first: int | None,
    after: str | None,
    node: Callable[[Any], T],
    **options: Any,
) -> Connection[T]:
    page = page_args(first, after)
    rows, total = await _rows(info, loader, parent, page, **options)
    return connection(rows, page, total, node, lambda r: r["sort"])


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _datetime(value: Any) -> dt.datetime | None:
    """A stored time, in UTC (ArcadeDB returns stored times without their zone)."""
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


@strawberry.type(description="A team, department or division; teams nest through `parent`.")
class Team(relay.Node):
    id: relay.NodeID[str]
    name: str

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(id=r["id"], name=r["name"])

    @strawberry.field(description="The organisation's own id of the team.")
    def key(self) -> str:
        return self.id

    @strawberry.field(description="The team this one is part of.")
    async def parent(self, info: Info) -> Team | None:
        row = await info.context.loader(loaders.ParentByTeamLoader).load(self.id)
        return None if row is None else Team.from_record(row)

    @strawberry.field(description="Teams part of this one, by name (every level with `allLevels`).")
    async def sub_teams(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        all_levels: bool = False,
    ) -> Connection[Team]:
        return await _page(
            info,
            loaders.SubTeamsByTeamLoader,
            self.id,
            first,
            after,
            Team.from_record,
            all_levels=all_levels,
        )

    @strawberry.field(description="The team's people by name; `includeSubTeams` adds sub-teams'.")
    async def members(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_sub_teams: bool = False,
    ) -> Connection[Person]:
        return await _page(
            info,
            loaders.MembersByTeamLoader,
            self.id,
            first,
            after,
            Person.from_record,
            sub_teams=include_sub_teams,
        )

    @strawberry.field(
        description="The team's people by name, each with the skills they hold and at what "
        "level; sub-teams included unless `includeSubTeams` is false. Only the people whose "
        "levels the viewer may see (themselves and their reports, or everyone for hr, "
        "learning and admin) are rows, and `totalCount` counts those."
    )
    async def skill_matrix(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_sub_teams: bool = True,
    ) -> Connection[SkillMatrixRow]:
        visible = await authz.visible_people(info, authz.Rule.PERSONAL)
        people = None if visible is None else tuple(sorted(visible))
        page = page_args(first, after)
        rows, total = await _rows(
            info,
            loaders.SkillMatrixByTeamLoader,
            self.id,
            page,
            sub_teams=include_sub_teams,
            people=people,
        )
        # the skills the rows hold, each loaded once
        ids = sorted({skill for row in rows for skill, _ in row["held"]})
        found = await info.context.loader(loaders.SkillByIdLoader).load_many(ids)
        skills = {key: Skill.from_record(r) for key, r in zip(ids, found, strict=True) if r}
        return connection(
            rows, page, total, lambda r: SkillMatrixRow.of(r, skills), lambda r: r["sort"]
        )

    @strawberry.field(
        description="Goals the team is committed to, by title; `inherited` adds its parents'."
    )
    async def goals(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        inherited: bool = False,
    ) -> Connection[Goal]:
        return await _page(
            info,
            loaders.GoalsByTeamLoader,
            self.id,
            first,
            after,
            Goal.from_record,
            inherited=inherited,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.TeamByIdLoader)


@strawberry.type(description="A person in the organisation.")
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
        row = await info.context.loader(loaders.TeamByPersonLoader).load(self.id)
        return None if row is None else Team.from_record(row)

    @strawberry.field(description="The person's manager.")
    async def manager(self, info: Info) -> Person | None:
        row = await info.context.loader(loaders.ManagerByPersonLoader).load(self.id)
        return None if row is None else Person.from_record(row)

    @strawberry.field(description="The person's curator role, when they curate content.")
    def curator(self) -> Curator | None:
        if not self.is_curator:
            return None
        return Curator(id=self.id, name=self.name, email=self.email, title=self.title)

    @strawberry.field(
        description="People reporting to this person, by name; `includeIndirect` goes all the "
        "way down."
    )
    async def reports(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_indirect: bool = False,
    ) -> Connection[Person]:
        return await _page(
            info,
            loaders.ReportsByManagerLoader,
            self.id,
            first,
            after,
            Person.from_record,
            indirect=include_indirect,
        )

    @strawberry.field(description="People following this person, by name.")
    async def followers(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Person]:
        return await _page(
            info, loaders.FollowersByPersonLoader, self.id, first, after, Person.from_record
        )

    @strawberry.field(description="People this person follows, by name.")
    async def following(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Person]:
        return await _page(
            info, loaders.FollowingByPersonLoader, self.id, first, after, Person.from_record
        )

    @strawberry.field(description="The person's assessed skills, highest level first.")
    async def skills(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        min_level: int = 0,
    ) -> Connection[PersonSkill]:
        return await _page(
            info,
            loaders.SkillsByPersonLoader,
            self.id,
            first,
            after,
            PersonSkill.from_record,
            min_level=min_level,
        )

    @strawberry.field(description="Learning the person completed, most recent first.")
    async def completions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Completion] | None:
        return await _page(
            info, loaders.CompletionsByPersonLoader, self.id, first, after, Completion.from_record
        )

    @strawberry.field(description="Content the person created, by title.")
    async def created_content(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Content]:
        return await _page(
            info, loaders.ContentByCreatorLoader, self.id, first, after, Content.from_record
        )

    @strawberry.field(description="Content the person curated, most recent first.")
    async def curations(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Curation]:
        return await _page(
            info, loaders.CurationsByCuratorLoader, self.id, first, after, Curation.from_record
        )

    @strawberry.field(
        description="People the person works with (ties either way), strongest tie first."
    )
    async def collaborators(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Collaboration] | None:
        return await _page(
            info,
            loaders.CollaboratorsByPersonLoader,
            self.id,
            first,
            after,
            Collaboration.from_record,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.PersonByIdLoader)


@strawberry.type(description="A person in the curator role: someone who curates content.")
class Curator(relay.Node):
    id: relay.NodeID[str]
    name: str
    email: str | None
    title: str | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(id=r["id"], name=r["name"], email=r.get("email"), title=r.get("title"))

    @strawberry.field(description="The organisation's own id of the person.")
    def key(self) -> str:
        return self.id

    @strawberry.field(description="The curator as a person.")
    def person(self) -> Person:
        return Person(
            id=self.id, name=self.name, email=self.email, title=self.title, is_curator=True
        )

    @strawberry.field(description="Content this curator curated, most recent first.")
    async def curations(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Curation]:
        return await _page(
            info, loaders.CurationsByCuratorLoader, self.id, first, after, Curation.from_record
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.CuratorByIdLoader)


@strawberry.type(description="A skill of the taxonomy (ESCO-compatible).")
class Skill(relay.Node):
    id: relay.NodeID[str]
    name: str
    description: str | None
    category: str | None
    esco_uri: str | None
    alt_labels: list[str] = strawberry.field(description="Other names (ESCO alternative labels).")

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            id=r["id"],
            name=r["name"],
            description=r.get("description"),
            category=r.get("category"),
            esco_uri=r.get("escoUri"),
            alt_labels=list(r.get("altLabels") or []),
        )

    @strawberry.field(description="The organisation's own id of the skill.")
    def key(self) -> str:
        return self.id

    @strawberry.field(description="People holding the skill at `minLevel` or above, best first.")
    async def holders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        min_level: int = 0,
    ) -> Connection[PersonSkill]:
        return await _page(
            info,
            loaders.HoldersBySkillLoader,
            self.id,
            first,
            after,
            PersonSkill.from_record,
            min_level=min_level,
        )

    @strawberry.field(description="Broader skills, by name (every ancestor with `allLevels`).")
    async def broader(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        all_levels: bool = False,
    ) -> Connection[Skill]:
        return await _page(
            info,
            loaders.BroaderBySkillLoader,
            self.id,
            first,
            after,
            Skill.from_record,
            all_levels=all_levels,
        )

    @strawberry.field(description="Narrower skills, by name (every descendant with `allLevels`).")
    async def narrower(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        all_levels: bool = False,
    ) -> Connection[Skill]:
        return await _page(
            info,
            loaders.NarrowerBySkillLoader,
            self.id,
            first,
            after,
            Skill.from_record,
            all_levels=all_levels,
        )

    @strawberry.field(description="Related skills with the kind of relation, by name.")
    async def related(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[RelatedSkill]:
        return await _page(
            info, loaders.RelatedBySkillLoader, self.id, first, after, RelatedSkill.from_record
        )

    @strawberry.field(description="Content that teaches the skill, by title.")
    async def teaching_content(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Teaching]:
        return await _page(
            info, loaders.TeachingBySkillLoader, self.id, first, after, Teaching.from_record
        )

    @strawberry.field(description="Goals that require the skill, by goal title.")
    async def required_by(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Requirement]:
        return await _page(
            info, loaders.RequirementsBySkillLoader, self.id, first, after, Requirement.from_record
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.SkillByIdLoader)


@strawberry.type(description="A learning item: course, article, video, podcast, book ...")
class Content(relay.Node):
    id: relay.NodeID[str]
    title: str
    kind: ContentKind
    url: str | None
    minutes: int | None
    origin: ContentOrigin
    created_at: dt.datetime | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            id=r["id"],
            title=r["title"],
            kind=parse(ContentKind, r.get("kind"), ContentKind.OTHER) or ContentKind.OTHER,
            url=r.get("url"),
            minutes=r.get("minutes"),
            origin=parse(ContentOrigin, r.get("origin"), ContentOrigin.CURATED)
            or ContentOrigin.CURATED,
            created_at=_datetime(r.get("createdAt")),
        )

    @strawberry.field(description="The organisation's own id of the item.")
    def key(self) -> str:
        return self.id

    @strawberry.field(description="The skills the item teaches, by name.")
    async def skills(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Teaching]:
        return await _page(
            info, loaders.SkillsByContentLoader, self.id, first, after, Teaching.from_record
        )

    @strawberry.field(description="The people who made the item (user-generated content).")
    async def creators(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Person]:
        return await _page(
            info, loaders.CreatorsByContentLoader, self.id, first, after, Person.from_record
        )

    @strawberry.field(description="Who curated the item, most recent first.")
    async def curations(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Curation]:
        return await _page(
            info, loaders.CurationsByContentLoader, self.id, first, after, Curation.from_record
        )

    @strawberry.field(description="Who completed the item, most recent first.")
    async def completions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Completion] | None:
        return await _page(
            info, loaders.CompletionsByContentLoader, self.id, first, after, Completion.from_record
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.ContentByIdLoader)


@strawberry.type(description="An objective that needs skills, or a learning-hours target.")
class Goal(relay.Node):
    id: relay.NodeID[str]
    title: str
    kind: GoalKind | None
    description: str | None
    due: dt.date | None
    target_hours_per_person: float | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            id=r["id"],
            title=r["title"],
            kind=parse(GoalKind, r.get("kind")),
            description=r.get("description"),
            due=_date(r.get("due")),
            target_hours_per_person=r.get("targetHoursPerPerson"),
        )

    @strawberry.field(description="The organisation's own id of the goal.")
    def key(self) -> str:
        return self.id

    @strawberry.field(description="The skills the goal requires, by skill name.")
    async def requirements(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Requirement]:
        return await _page(
            info, loaders.RequirementsByGoalLoader, self.id, first, after, Requirement.from_record
        )

    @strawberry.field(description="The teams committed to the goal, by name.")
    async def teams(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Team]:
        return await _page(info, loaders.TeamsByGoalLoader, self.id, first, after, Team.from_record)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _resolve(cls, info, node_ids, loaders.GoalByIdLoader)


@strawberry.type(description="A skill a person holds, at an assessed level.")
class PersonSkill:
    person: Person
    skill: Skill
    level: int | None = strawberry.field(
        description="0 (aware) to 5 (expert); null for viewers who may not see it."
    )
    source: SkillSource | None
    assessed_at: dt.datetime | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            person=Person.from_record(r["person"]),
            skill=Skill.from_record(r["skill"]),
            level=r["level"],
            source=parse(SkillSource, r.get("source")),
            assessed_at=_datetime(r.get("assessedAt")),
        )


@strawberry.type(description="A skill held at a level (a cell of a team's skill matrix).")
class SkillLevel:
    skill: Skill
    level: int | None = strawberry.field(description="0 (aware) to 5 (expert).")


@strawberry.type(description="A row of a team's skill matrix: a person and the skills they hold.")
class SkillMatrixRow:
    person: Person
    skills: list[SkillLevel] = strawberry.field(description="By skill name.")

    @classmethod
    def of(cls, r: dict[str, Any], skills: dict[str, Skill]) -> Self:
        """A row from ``[skill id, level]`` pairs and the skills by id."""
        cells = [
            SkillLevel(skill=skills[key], level=level) for key, level in r["held"] if key in skills
        ]
        cells.sort(key=lambda cell: (cell.skill.name, cell.skill.id))
        return cls(person=Person.from_record(r["person"]), skills=cells)


@strawberry.type(description="Learning done: a person completed a content item.")
class Completion:
    person: Person
    content: Content
    at: dt.datetime | None
    minutes: int | None = strawberry.field(description="Minutes spent learning (summed).")
    rating: int | None = strawberry.field(description="The learner's rating, 1 to 5.")

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            person=Person.from_record(r["person"]),
            content=Content.from_record(r["content"]),
            at=_datetime(r.get("at")),
            minutes=r.get("minutes"),
            rating=r.get("rating"),
        )


@strawberry.type(description="A curator's recommendation of a content item.")
class Curation:
    curator: Curator
    content: Content
    at: dt.datetime | None
    note: str | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            curator=Curator.from_record(r["curator"]),
            content=Content.from_record(r["content"]),
            at=_datetime(r.get("at")),
            note=r.get("note"),
        )


@strawberry.type(description="A content item teaches a skill, up to a level.")
class Teaching:
    content: Content
    skill: Skill
    level: int | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            content=Content.from_record(r["content"]),
            skill=Skill.from_record(r["skill"]),
            level=r.get("level"),
        )


@strawberry.type(description="A goal needs `headcount` people holding a skill at `level`+.")
class Requirement:
    goal: Goal
    skill: Skill
    level: int
    headcount: int
    critical: bool

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            goal=Goal.from_record(r["goal"]),
            skill=Skill.from_record(r["skill"]),
            level=r["level"],
            headcount=r.get("headcount") or 1,
            critical=bool(r.get("critical")),
        )


@strawberry.type(description="A related skill and how it is related (ESCO: essential/optional).")
class RelatedSkill:
    skill: Skill
    kind: str | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(skill=Skill.from_record(r["skill"]), kind=r.get("kind"))


@strawberry.type(description="Someone a person works with; `weight` sums both directions.")
class Collaboration:
    person: Person
    weight: float
    last_at: dt.datetime | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            person=Person.from_record(r["person"]),
            weight=float(r["weight"] or 0),
            last_at=_datetime(r.get("lastAt")),
        )


__all__ = [
    "Collaboration",
    "Completion",
    "Content",
    "Curation",
    "Curator",
    "Goal",
    "Info",
    "Person",
    "PersonSkill",
    "RelatedSkill",
    "Requirement",
    "Skill",
    "Teaching",
    "Team",
]
