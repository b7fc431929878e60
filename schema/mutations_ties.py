"""Mutations on ties: skills, learning, curation, follows and collaboration.

Each takes one ``input`` and returns its payload or
:class:`~schema.errors.InputErrors`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from graph import mutations_ties as ties
from graph.db import utcnow
from resolvers import loaders
from schema.enums import SkillSource
from schema.errors import Checks, ErrorCode, InputErrors, attempt
from schema.ids import entity_key
from schema.nodes import Completion, Curation, Info, Person, PersonSkill


def _when(value: dt.datetime | None) -> dt.datetime:
    """A given time in UTC (naive times are read as UTC), or now."""
    if value is None:
        return utcnow()
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _check_time(checks: Checks, name: str, value: dt.datetime | None) -> None:
    if value is not None and _when(value) > utcnow() + dt.timedelta(minutes=5):
        checks.add(name, f"{name} lies in the future")


@strawberry.input(description="Set the level (0-5) at which a person holds a skill.")
class AssessSkillInput:
    person: strawberry.ID
    skill: strawberry.ID
    level: int
    source: SkillSource = SkillSource.SELF
    assessed_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.type
class AssessSkillPayload:
    person_skill: PersonSkill


AssessSkillResult = Annotated[
    AssessSkillPayload | InputErrors, strawberry.union("AssessSkillResult")
]


@strawberry.input(
    description="A person learnt with a content item for `minutes` (1-1440); repeated records "
    "add their minutes."
)
class RecordLearningInput:
    person: strawberry.ID
    content: strawberry.ID
    minutes: int
    rating: int | None = strawberry.field(default=None, description="1 to 5.")
    at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.type
class RecordLearningPayload:
    completion: Completion


RecordLearningResult = Annotated[
    RecordLearningPayload | InputErrors, strawberry.union("RecordLearningResult")
]


@strawberry.input(description="A person recommends a content item (and so becomes a curator).")
class CurateContentInput:
    curator: strawberry.ID
    content: strawberry.ID
    note: str | None = None


@strawberry.type
class CurateContentPayload:
    curation: Curation


CurateContentResult = Annotated[
    CurateContentPayload | InputErrors, strawberry.union("CurateContentResult")
]


@strawberry.input
class FollowInput:
    follower: strawberry.ID
    followee: strawberry.ID


@strawberry.type
class FollowPayload:
    follower: Person
    followee: Person


FollowResult = Annotated[FollowPayload | InputErrors, strawberry.union("FollowResult")]


@strawberry.input(
    description="Colleagues worked together; the tie from `from` to `to` grows by `weight`."
)
class RecordInteractionInput:
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    weight: float = 1.0
    kind: str | None = strawberry.field(default=None, description="meeting, message, review ...")
    at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.type
class RecordInteractionPayload:
    from_: Person = strawberry.field(name="from")
    to: Person
    weight: float = strawberry.field(description="The tie's weight after this interaction.")
    kind: str | None
    last_at: dt.datetime | None


RecordInteractionResult = Annotated[
    RecordInteractionPayload | InputErrors, strawberry.union("RecordInteractionResult")
]


async def _people(info: Info, *keys: str) -> list[Person]:
    rows = await info.context.loader(loaders.PersonByIdLoader).load_many(list(keys))
    return [Person.from_record(r) for r in rows]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Set the level at which a person holds a skill.")
    async def assess_skill(self, info: Info, input: AssessSkillInput) -> AssessSkillResult:
        checks = Checks()
        checks.between("level", input.level, 0, 5)
        _check_time(checks, "assessedAt", input.assessed_at)

        async def write() -> AssessSkillPayload:
            row = await ties.assess_skill(
                info.context.db,
                entity_key(input.person, "Person"),
                entity_key(input.skill, "Skill"),
                level=input.level,
                source=input.source.value,
                at=_when(input.assessed_at),
            )
            return AssessSkillPayload(person_skill=PersonSkill.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Record learning: a completion with its minutes.")
    async def record_learning(self, info: Info, input: RecordLearningInput) -> RecordLearningResult:
        checks = Checks()
        checks.between("minutes", input.minutes, 1, 1440)
        checks.between("rating", input.rating, 1, 5)
        _check_time(checks, "at", input.at)

        async def write() -> RecordLearningPayload:
            row = await ties.record_learning(
                info.context.db,
                entity_key(input.person, "Person"),
                entity_key(input.content, "Content"),
                minutes=input.minutes,
                at=_when(input.at),
                rating=input.rating,
            )
            return RecordLearningPayload(completion=Completion.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Curate a content item.")
    async def curate_content(self, info: Info, input: CurateContentInput) -> CurateContentResult:
        checks = Checks()
        checks.text("note", input.note, required=False, limit=2000)

        async def write() -> CurateContentPayload:
            row = await ties.curate(
                info.context.db,
                entity_key(entity_key(input.curator, "Curator"), "Person"),
                entity_key(input.content, "Content"),
                note=input.note,
                at=utcnow(),
            )
            return CurateContentPayload(curation=Curation.from_record(row))

        return await attempt(checks, write)

    @strawberry.mutation(description="Follow a person.")
    async def follow(self, info: Info, input: FollowInput) -> FollowResult:
        follower = entity_key(input.follower, "Person")
        followee = entity_key(input.followee, "Person")
        checks = Checks()
        if follower == followee:
            checks.add("followee", "a person cannot follow themselves")

        async def write() -> FollowPayload:
            await ties.follow(info.context.db, follower, followee, at=utcnow())
            a, b = await _people(info, follower, followee)
            return FollowPayload(follower=a, followee=b)

        return await attempt(checks, write)

    @strawberry.mutation(description="Stop following a person.")
    async def unfollow(self, info: Info, input: FollowInput) -> FollowResult:
        follower = entity_key(input.follower, "Person")
        followee = entity_key(input.followee, "Person")

        async def write() -> FollowPayload:
            await ties.unfollow(info.context.db, follower, followee)
            a, b = await _people(info, follower, followee)
            return FollowPayload(follower=a, followee=b)

        return await attempt(Checks(), write)

    @strawberry.mutation(description="Record an interaction: weights of repeated ones add up.")
    async def record_interaction(
        self, info: Info, input: RecordInteractionInput
    ) -> RecordInteractionResult:
        source = entity_key(input.from_, "Person")
        target = entity_key(input.to, "Person")
        checks = Checks()
        if source == target:
            checks.add("to", "an interaction needs two different people")
        if not 0 < input.weight <= 1000:
            checks.add("weight", "weight must be above 0 and at most 1000", ErrorCode.OUT_OF_RANGE)
        checks.text("kind", input.kind, required=False, limit=100)
        _check_time(checks, "at", input.at)

        async def write() -> RecordInteractionPayload:
            row = await ties.record_interaction(
                info.context.db,
                source,
                target,
                weight=input.weight,
                kind=input.kind,
                at=_when(input.at),
            )
            a, b = await _people(info, source, target)
            return RecordInteractionPayload(
                from_=a,
                to=b,
                weight=float(row["weight"]),
                kind=row["kind"],
                last_at=_when(row["lastAt"]) if row["lastAt"] is not None else None,
            )

        return await attempt(checks, write)
