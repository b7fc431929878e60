"""Create, update and delete people, teams, skills, content, goals and goal requirements.

Each mutation takes one ``input`` and returns a union of its payload and
:class:`~schema.errors.InputErrors`. Update inputs are patches: a field left out stays as
it is, a field given as ``null`` is cleared.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types.maybe import Some

from graph import mutations as m
from graph.db import Row, utcnow
from resolvers import loaders
from schema.enums import ContentKind, ContentOrigin, GoalKind
from schema.errors import Checks, ErrorCode, InputErrors, attempt
from schema.ids import entity_key
from schema.nodes import Content, Goal, Info, Person, Requirement, Skill, Team

T = TypeVar("T")


def _patch(value: Some[T] | None) -> m.Patch[T]:
    return m.KEEP if value is None else value.value


def _ref(value: Some[strawberry.ID | None] | None, type_name: str) -> m.Patch[str | None]:
    if value is None:
        return m.KEEP
    return None if value.value is None else entity_key(value.value, type_name)


def _refs(values: list[strawberry.ID], type_name: str) -> list[str]:
    return [entity_key(v, type_name) for v in values]


def _props(**values: Some[Any] | None) -> Row:
    """The properties present in a patch, under their stored names."""
    return {k: v.value for k, v in values.items() if v is not None}


def _key(checks: Checks, key: str) -> None:
    checks.text("key", key, limit=200)
    if any(c.isspace() for c in key):
        checks.add("key", "key must not contain spaces")


@strawberry.type(description="The id of a deleted entity.")
class DeletePayload:
    deleted_id: strawberry.ID = strawberry.field(description="The global id it had.")
    key: str


# People ---------------------------------------------------------------------------------


@strawberry.input
class CreatePersonInput:
    key: str = strawberry.field(description="The organisation's own id (employee number).")
    name: str
    email: str | None = None
    title: str | None = None
    team: strawberry.ID | None = None
    manager: strawberry.ID | None = None
    curator: bool = False


@strawberry.input
class UpdatePersonInput:
    id: strawberry.ID
    name: strawberry.Maybe[str]
    email: strawberry.Maybe[str | None]
    title: strawberry.Maybe[str | None]
    team: strawberry.Maybe[strawberry.ID | None]
    manager: strawberry.Maybe[strawberry.ID | None]
    curator: strawberry.Maybe[bool]


@strawberry.input
class DeleteInput:
    id: strawberry.ID


@strawberry.type
class PersonPayload:
    person: Person


PersonResult = Annotated[PersonPayload | InputErrors, strawberry.union("PersonResult")]
DeleteResult = Annotated[DeletePayload | InputErrors, strawberry.union("DeleteResult")]


def _check_person(checks: Checks, name: str | None, email: str | None, title: str | None) -> None:
    checks.text("name", name, limit=200)
    checks.email("email", email)
    checks.text("title", title, required=False, limit=200)


async def _deleted(type_name: str, key: str) -> DeletePayload:
    return DeletePayload(
        deleted_id=strawberry.ID(str(strawberry.relay.GlobalID(type_name, key))), key=key
    )


# Teams, skills, content, goals ----------------------------------------------------------


@strawberry.input
class CreateTeamInput:
    key: str
    name: str
    parent: strawberry.ID | None = None


@strawberry.input
class UpdateTeamInput:
    id: strawberry.ID
    name: strawberry.Maybe[str]
    parent: strawberry.Maybe[strawberry.ID | None]


@strawberry.type
class TeamPayload:
    team: Team


TeamResult = Annotated[TeamPayload | InputErrors, strawberry.union("TeamResult")]


@strawberry.input
class CreateSkillInput:
    key: str
    name: str
    description: str | None = None
    category: str | None = None
    esco_uri: str | None = None
    alt_labels: list[str] = strawberry.field(default_factory=list)
    broader: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateSkillInput:
    id: strawberry.ID
    name: strawberry.Maybe[str]
    description: strawberry.Maybe[str | None]
    category: strawberry.Maybe[str | None]
    esco_uri: strawberry.Maybe[str | None]
    alt_labels: strawberry.Maybe[list[str]]
    broader: strawberry.Maybe[list[strawberry.ID]]


@strawberry.type
class SkillPayload:
    skill: Skill


SkillResult = Annotated[SkillPayload | InputErrors, strawberry.union("SkillResult")]


@strawberry.input(description="A skill the content teaches, up to `level` (0-5).")
class TaughtSkillInput:
    skill: strawberry.ID
    level: int = 1


@strawberry.input(
    description="A content item. User-generated content (the default) names its creators."
)
class CreateContentInput:
    key: str
    title: str
    kind: ContentKind
    url: str | None = None
    minutes: int | None = None
    origin: ContentOrigin = ContentOrigin.USER_GENERATED
    skills: list[TaughtSkillInput] = strawberry.field(default_factory=list)
    creators: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateContentInput:
    id: strawberry.ID
    title: strawberry.Maybe[str]
    kind: strawberry.Maybe[ContentKind]
    url: strawberry.Maybe[str | None]
    minutes: strawberry.Maybe[int | None]
    origin: strawberry.Maybe[ContentOrigin]
    skills: strawberry.Maybe[list[TaughtSkillInput]]
    creators: strawberry.Maybe[list[strawberry.ID]]


@strawberry.type
class ContentPayload:
    content: Content


ContentResult = Annotated[ContentPayload | InputErrors, strawberry.union("ContentResult")]


@strawberry.input
class CreateGoalInput:
    key: str
    title: str
    kind: GoalKind
    description: str | None = None
    due: dt.date | None = None
    target_hours_per_person: float | None = None
    teams: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateGoalInput:
    id: strawberry.ID
    title: strawberry.Maybe[str]
    kind: strawberry.Maybe[GoalKind]
    description: strawberry.Maybe[str | None]
    due: strawberry.Maybe[dt.date | None]
    target_hours_per_person: strawberry.Maybe[float | None]
    teams: strawberry.Maybe[list[strawberry.ID]]


@strawberry.type
class GoalPayload:
    goal: Goal


GoalResult = Annotated[GoalPayload | InputErrors, strawberry.union("GoalResult")]


@strawberry.input(description="`goal` needs `headcount` people holding `skill` at `level`+.")
class CreateGoalRequirementInput:
    goal: strawberry.ID
    skill: strawberry.ID
    level: int
    headcount: int = 1
    critical: bool = False


@strawberry.input
class UpdateGoalRequirementInput:
    goal: strawberry.ID
    skill: strawberry.ID
    level: strawberry.Maybe[int]
    headcount: strawberry.Maybe[int]
    critical: strawberry.Maybe[bool]


@strawberry.input
class DeleteGoalRequirementInput:
    goal: strawberry.ID
    skill: strawberry.ID


@strawberry.type
class GoalRequirementPayload:
    requirement: Requirement


@strawberry.type
class DeleteGoalRequirementPayload:
    goal: Goal | None
    skill_key: str


GoalRequirementResult = Annotated[
    GoalRequirementPayload | InputErrors, strawberry.union("GoalRequirementResult")
]
DeleteGoalRequirementResult = Annotated[
    DeleteGoalRequirementPayload | InputErrors, strawberry.union("DeleteGoalRequirementResult")
]


def _check_content(
    checks: Checks,
    title: str | None,
    url: str | None,
    minutes: int | None,
    skills: list[TaughtSkillInput] | None,
) -> None:
    checks.text("title", title)
    checks.url("url", url)
    checks.between("minutes", minutes, 1, 100_000)
    for i, taught in enumerate(skills or []):
        checks.between(f"skills[{i}].level", taught.level, 0, 5)


def _taught(skills: list[TaughtSkillInput]) -> list[Row]:
    return [{"skill": entity_key(s.skill, "Skill"), "level": s.level} for s in skills]


def _check_goal(
    checks: Checks, title: str | None, kind: GoalKind | None, hours: float | None
) -> None:
    checks.text("title", title)
    checks.between("targetHoursPerPerson", hours, 0, 10_000)
    if kind is GoalKind.LEARNING_HOURS and hours is None:
        checks.add("targetHoursPerPerson", "a learning-hours goal needs targetHoursPerPerson")


def _check_requirement(checks: Checks, level: int | None, headcount: int | None) -> None:
    checks.between("level", level, 0, 5)
    checks.between("headcount", headcount, 1, 1_000_000)


def _enum_value(value: Some[Any] | None) -> Some[Any] | None:
    return None if value is None else Some(None if value.value is None else value.value.value)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Add a person, with their team, manager and curator role.")
    async def create_person(self, info: Info, input: CreatePersonInput) -> PersonResult:
        checks = Checks()
        _key(checks, input.key)
        _check_person(checks, input.name, input.email, input.title)

        async def write() -> PersonPayload:
            row = await m.create_person(
                info.context.db,
                input.key,
                {"name": input.name, "email": input.email, "title": input.title},
                team=entity_key(input.team, "Team") if input.team else None,
                manager=entity_key(input.manager, "Person") if input.manager else None,
                curator=input.curator,
            )
            return PersonPayload(person=Person.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Change a person; a field given as null is cleared.")
    async def update_person(self, info: Info, input: UpdatePersonInput) -> PersonResult:
        checks = Checks()
        if input.name is not None and input.name.value is None:
            checks.add("name", "name cannot be cleared")
        _check_person(
            checks,
            input.name.value if input.name else None,
            input.email.value if input.email else None,
            input.title.value if input.title else None,
        )

        async def write() -> PersonPayload:
            row = await m.update_person(
                info.context.db,
                entity_key(input.id, "Person"),
                _props(name=input.name, email=input.email, title=input.title),
                team=_ref(input.team, "Team"),
                manager=_ref(input.manager, "Person"),
                curator=m.KEEP if input.curator is None else input.curator.value,
            )
            return PersonPayload(person=Person.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Delete a person and every tie they have.")
    async def delete_person(self, info: Info, input: DeleteInput) -> DeleteResult:
        key = entity_key(input.id, "Person")

        async def write() -> DeletePayload:
            await m.delete_person(info.context.db, key)
            return await _deleted("Person", key)

        return await attempt(Checks(), write)

    @strawberry.mutation(description="Add a team under `parent`.")
    async def create_team(self, info: Info, input: CreateTeamInput) -> TeamResult:
        checks = Checks()
        _key(checks, input.key)
        checks.text("name", input.name, limit=200)

        async def write() -> TeamPayload:
            row = await m.create_team(
                info.context.db,
                input.key,
                {"name": input.name},
                parent=entity_key(input.parent, "Team") if input.parent else None,
            )
            return TeamPayload(team=Team.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Rename a team or move it (never under itself).")
    async def update_team(self, info: Info, input: UpdateTeamInput) -> TeamResult:
        checks = Checks()
        if input.name is not None:
            checks.text("name", input.name.value or "", limit=200)

        async def write() -> TeamPayload:
            row = await m.update_team(
                info.context.db,
                entity_key(input.id, "Team"),
                _props(name=input.name),
                parent=_ref(input.parent, "Team"),
            )
            return TeamPayload(team=Team.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Delete a team without members or sub-teams.")
    async def delete_team(self, info: Info, input: DeleteInput) -> DeleteResult:
        key = entity_key(input.id, "Team")

        async def write() -> DeletePayload:
            await m.delete_team(info.context.db, key)
            return await _deleted("Team", key)

        return await attempt(Checks(), write)

    @strawberry.mutation(description="Add a skill to the taxonomy, under its broader skills.")
    async def create_skill(self, info: Info, input: CreateSkillInput) -> SkillResult:
        checks = Checks()
        _key(checks, input.key)
        checks.text("name", input.name, limit=300)
        for i, label in enumerate(input.alt_labels):
            checks.text(f"altLabels[{i}]", label, limit=300)

        async def write() -> SkillPayload:
            props = {
                "name": input.name,
                "description": input.description,
                "category": input.category,
                "escoUri": input.esco_uri,
                "altLabels": input.alt_labels,
            }
            row = await m.create_skill(
                info.context.db, input.key, props, broader=_refs(input.broader, "Skill")
            )
            return SkillPayload(skill=Skill.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Change a skill; `broader` replaces its broader skills.")
    async def update_skill(self, info: Info, input: UpdateSkillInput) -> SkillResult:
        checks = Checks()
        if input.name is not None:
            checks.text("name", input.name.value or "", limit=300)

        async def write() -> SkillPayload:
            broader = _patch(input.broader)
            row = await m.update_skill(
                info.context.db,
                entity_key(input.id, "Skill"),
                _props(
                    name=input.name,
                    description=input.description,
                    category=input.category,
                    escoUri=input.esco_uri,
                    altLabels=input.alt_labels,
                ),
                broader=broader if broader is m.KEEP else _refs(broader, "Skill"),
            )
            return SkillPayload(skill=Skill.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Delete a skill with its holdings and requirements.")
    async def delete_skill(self, info: Info, input: DeleteInput) -> DeleteResult:
        key = entity_key(input.id, "Skill")

        async def write() -> DeletePayload:
            await m.delete_skill(info.context.db, key)
            return await _deleted("Skill", key)

        return await attempt(Checks(), write)

    @strawberry.mutation(
        description="Add a content item (user-generated by default: name its creators)."
    )
    async def create_content(self, info: Info, input: CreateContentInput) -> ContentResult:
        checks = Checks()
        _key(checks, input.key)
        _check_content(checks, input.title, input.url, input.minutes, input.skills)
        if input.origin is ContentOrigin.USER_GENERATED and not input.creators:
            checks.add("creators", "user-generated content needs at least one creator")

        async def write() -> ContentPayload:
            props = {
                "title": input.title,
                "kind": input.kind.value,
                "url": input.url,
                "minutes": input.minutes,
                "origin": input.origin.value,
                "createdAt": utcnow(),
            }
            row = await m.create_content(
                info.context.db,
                input.key,
                props,
                skills=_taught(input.skills),
                creators=_refs(input.creators, "Person"),
            )
            return ContentPayload(content=Content.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Change a content item; lists given replace the old ones.")
    async def update_content(self, info: Info, input: UpdateContentInput) -> ContentResult:
        checks = Checks()
        if input.title is not None:
            checks.text("title", input.title.value or "")
        _check_content(
            checks,
            None,
            input.url.value if input.url else None,
            input.minutes.value if input.minutes else None,
            input.skills.value if input.skills else None,
        )

        async def write() -> ContentPayload:
            skills = _patch(input.skills)
            creators = _patch(input.creators)
            row = await m.update_content(
                info.context.db,
                entity_key(input.id, "Content"),
                _props(
                    title=input.title,
                    kind=_enum_value(input.kind),
                    url=input.url,
                    minutes=input.minutes,
                    origin=_enum_value(input.origin),
                ),
                skills=skills if skills is m.KEEP else _taught(skills),
                creators=creators if creators is m.KEEP else _refs(creators, "Person"),
            )
            return ContentPayload(content=Content.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Delete a content item with its completions and curations.")
    async def delete_content(self, info: Info, input: DeleteInput) -> DeleteResult:
        key = entity_key(input.id, "Content")

        async def write() -> DeletePayload:
            await m.delete_content(info.context.db, key)
            return await _deleted("Content", key)

        return await attempt(Checks(), write)

    @strawberry.mutation(description="Add a goal and commit teams to it.")
    async def create_goal(self, info: Info, input: CreateGoalInput) -> GoalResult:
        checks = Checks()
        _key(checks, input.key)
        _check_goal(checks, input.title, input.kind, input.target_hours_per_person)

        async def write() -> GoalPayload:
            props = {
                "title": input.title,
                "kind": input.kind.value,
                "description": input.description,
                "due": input.due,
                "targetHoursPerPerson": input.target_hours_per_person,
            }
            row = await m.create_goal(
                info.context.db, input.key, props, teams=_refs(input.teams, "Team")
            )
            return GoalPayload(goal=Goal.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Change a goal; `teams` replaces the committed teams.")
    async def update_goal(self, info: Info, input: UpdateGoalInput) -> GoalResult:
        checks = Checks()
        if input.title is not None:
            checks.text("title", input.title.value or "")
        hours = input.target_hours_per_person
        checks.between("targetHoursPerPerson", hours.value if hours else None, 0, 10_000)

        async def write() -> GoalPayload:
            teams = _patch(input.teams)
            row = await m.update_goal(
                info.context.db,
                entity_key(input.id, "Goal"),
                _props(
                    title=input.title,
                    kind=_enum_value(input.kind),
                    description=input.description,
                    due=input.due,
                    targetHoursPerPerson=input.target_hours_per_person,
                ),
                teams=teams if teams is m.KEEP else _refs(teams, "Team"),
            )
            return GoalPayload(goal=Goal.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Delete a goal with its requirements and commitments.")
    async def delete_goal(self, info: Info, input: DeleteInput) -> DeleteResult:
        key = entity_key(input.id, "Goal")

        async def write() -> DeletePayload:
            await m.delete_goal(info.context.db, key)
            return await _deleted("Goal", key)

        return await attempt(Checks(), write)

    @strawberry.mutation(description="Make a goal require a skill at a level.")
    async def create_goal_requirement(
        self, info: Info, input: CreateGoalRequirementInput
    ) -> GoalRequirementResult:
        checks = Checks()
        _check_requirement(checks, input.level, input.headcount)

        async def write() -> GoalRequirementPayload:
            row = await m.create_requirement(
                info.context.db,
                entity_key(input.goal, "Goal"),
                entity_key(input.skill, "Skill"),
                {"level": input.level, "headcount": input.headcount, "critical": input.critical},
            )
            return GoalRequirementPayload(requirement=Requirement.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Change what a goal requires of a skill.")
    async def update_goal_requirement(
        self, info: Info, input: UpdateGoalRequirementInput
    ) -> GoalRequirementResult:
        checks = Checks()
        for name, value in (("level", input.level), ("headcount", input.headcount)):
            if value is not None and value.value is None:
                checks.add(name, f"{name} cannot be cleared")
        _check_requirement(
            checks,
            input.level.value if input.level else None,
            input.headcount.value if input.headcount else None,
        )

        async def write() -> GoalRequirementPayload:
            row = await m.update_requirement(
                info.context.db,
                entity_key(input.goal, "Goal"),
                entity_key(input.skill, "Skill"),
                _props(level=input.level, headcount=input.headcount, critical=input.critical),
            )
            return GoalRequirementPayload(requirement=Requirement.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Drop a goal's requirement of a skill.")
    async def delete_goal_requirement(
        self, info: Info, input: DeleteGoalRequirementInput
    ) -> DeleteGoalRequirementResult:
        goal = entity_key(input.goal, "Goal")
        skill = entity_key(input.skill, "Skill")

        async def write() -> DeleteGoalRequirementPayload:
            await m.delete_requirement(info.context.db, goal, skill)
            row = await info.context.loader(loaders.GoalByIdLoader).load(goal)
            return DeleteGoalRequirementPayload(
                goal=None if row is None else Goal.from_record(row), skill_key=skill
            )

        return await attempt(Checks(), write)


__all__ = ["ErrorCode", "Mutation"]
