"""Skill gaps against goals, their roll-ups, what closes them, and learning hours.

The definitions (scope, supply, gap, coverage, ready soon, single point of failure, the
narrower-skills rule) are in ``docs/skill-gaps.md``. Lists here are short ranked answers
capped by ``first`` (at most 100), not pages of a collection.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from graph import gaps as g
from graph import learning_hours as lh
from graph import recommendations as rec
from resolvers import gaps as resolve
from resolvers import loaders
from schema.ids import entity_key
from schema.nodes import Content, Goal, Info, Person, Skill, Team
from schema.pagination import MAX_PAGE, PaginationError


def _cap(first: int, name: str = "first") -> int:
    if first < 0 or first > MAX_PAGE:
        raise PaginationError(f"{name}: must be between 0 and {MAX_PAGE}, got {first}")
    return first


async def _skill(info: Info, key: str) -> Skill:
    row = await info.context.loader(loaders.SkillByIdLoader).load(key)
    assert row is not None, f"skill {key!r} vanished"
    return Skill.from_record(row)


async def _goal(info: Info, key: str) -> Goal:
    row = await info.context.loader(loaders.GoalByIdLoader).load(key)
    assert row is not None, f"goal {key!r} vanished"
    return Goal.from_record(row)


async def _team(info: Info, key: str | None) -> Team | None:
    if key is None:
        return None
    row = await info.context.loader(loaders.TeamByIdLoader).load(key)
    return None if row is None else Team.from_record(row)


async def _people(info: Info, keys: list[str]) -> list[Person]:
    rows = await info.context.loader(loaders.PersonByIdLoader).load_many(keys)
    return [Person.from_record(r) for r in rows if r is not None]


@strawberry.type(description="Someone outside a goal's scope who holds a required skill.")
class OutsideCandidate:
    level: int = strawberry.field(description="Their best level in the skill.")
    hops: int | None = strawberry.field(
        description="1: works with someone in scope; 2: through one collaborator; null: farther."
    )
    contacts: int = strawberry.field(description="People in scope at that distance.")
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return (await _people(info, [self.person_id]))[0]


@strawberry.type(description="One requirement of a goal and how far its scope is from it.")
class RequirementGap:
    level: int
    headcount: int
    critical: bool
    supply: int = strawberry.field(description="People in scope at the level or above.")
    gap: int = strawberry.field(description="max(0, headcount - supply).")
    coverage: float = strawberry.field(description="min(1, supply / headcount).")
    organisation_supply: int = strawberry.field(
        description="People in the whole organisation at the level or above."
    )
    single_point_of_failure: bool = strawberry.field(
        description="At most one person in the organisation holds the skill at the level."
    )
    ready_soon_count: int = strawberry.field(description="People in scope at level - 1.")
    row: strawberry.Private[g.RequirementGap]

    @classmethod
    def from_gap(cls, r: g.RequirementGap) -> RequirementGap:
        return cls(
            level=r.level,
            headcount=r.headcount,
            critical=r.critical,
            supply=r.supply,
            gap=r.gap,
            coverage=r.coverage,
            organisation_supply=r.organisation_supply,
            single_point_of_failure=r.single_point_of_failure,
            ready_soon_count=len(r.ready_soon),
            row=r,
        )

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        return await _skill(info, self.row.skill_id)

    @strawberry.field(description="People in scope one level short, by id.")
    async def ready_soon(self, info: Info, first: int = 20) -> list[Person]:
        return await _people(info, list(self.row.ready_soon[: _cap(first)]))

    @strawberry.field(
        description="People outside the scope at the level, the closest collaborators first."
    )
    async def outside_supply(self, info: Info, first: int = 10) -> list[OutsideCandidate]:
        key = (self.row.goal_id, self.row.skill_id, _cap(first))
        found = await info.context.loader(resolve.OutsideSupplyByRequirementLoader).load(key)
        return [
            OutsideCandidate(level=c.level, hops=c.hops, contacts=c.contacts, person_id=c.person_id)
            for c in found
        ]


@strawberry.type(description="A goal's requirements and their gaps.")
class GoalGaps:
    scope_size: int = strawberry.field(description="People in scope.")
    headcount: int = strawberry.field(description="People needed, over all requirements.")
    supply: int = strawberry.field(description="Supply over requirements, each capped.")
    gap: int
    coverage: float
    met: bool = strawberry.field(description="Every requirement is met.")
    unmet_requirements: int
    requirements: list[RequirementGap]
    goal_id: strawberry.Private[str]
    team_id: strawberry.Private[str | None]

    @classmethod
    def from_gaps(cls, r: g.GoalGaps) -> GoalGaps:
        return cls(
            scope_size=r.scope,
            headcount=r.headcount,
            supply=r.supply,
            gap=r.gap,
            coverage=r.coverage,
            met=r.met,
            unmet_requirements=sum(1 for q in r.requirements if q.gap > 0),
            requirements=[RequirementGap.from_gap(q) for q in r.requirements],
            goal_id=r.goal_id,
            team_id=r.team_id,
        )

    @strawberry.field
    async def goal(self, info: Info) -> Goal:
        return await _goal(info, self.goal_id)

    @strawberry.field(description="The team the scope is narrowed to, if any.")
    async def team(self, info: Info) -> Team | None:
        return await _team(info, self.team_id)


@strawberry.type(description="A skill across every goal that requires it.")
class SkillShortage:
    requirements: int
    demand: int = strawberry.field(description="Headcount summed over requirements.")
    supply: int = strawberry.field(description="Supply summed, each capped at its headcount.")
    gap: int
    critical_gap: int
    weighted_gap: int = strawberry.field(description="Gaps, critical ones counted twice.")
    skill_id: strawberry.Private[str]

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        return await _skill(info, self.skill_id)


@strawberry.type(description="Supply against demand in one division, department or team.")
class UnitSupply:
    kind: str = strawberry.field(description="division, department or team (by depth).")
    depth: int
    demand: int = strawberry.field(description="Headcount of goals committed in the unit.")
    supply: int = strawberry.field(description="People of the unit who supply a requirement.")
    team_id: strawberry.Private[str]
    parent_id: strawberry.Private[str | None]

    @strawberry.field
    async def team(self, info: Info) -> Team:
        found = await _team(info, self.team_id)
        assert found is not None
        return found

    @strawberry.field
    async def parent(self, info: Info) -> Team | None:
        return await _team(info, self.parent_id)


@strawberry.type(description="The gaps of every goal a team's people work towards.")
class TeamGaps:
    goals: list[GoalGaps]
    headcount: int
    supply: int
    gap: int
    team_id: strawberry.Private[str]

    @strawberry.field
    async def team(self, info: Info) -> Team:
        found = await _team(info, self.team_id)
        assert found is not None
        return found


@strawberry.type(description="Every goal's gaps, the skills short across them, by unit.")
class OrganisationGaps:
    goals: list[GoalGaps]
    skills: list[SkillShortage]
    units: list[UnitSupply]
    headcount: int
    supply: int
    gap: int


@strawberry.type(description="A skill a person's goal requires that they lack or hold below.")
class PersonGap:
    required_level: int
    current_level: int
    distance: int
    critical: bool
    goal_id: strawberry.Private[str]
    skill_id: strawberry.Private[str]

    @strawberry.field
    async def goal(self, info: Info) -> Goal:
        return await _goal(info, self.goal_id)

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        return await _skill(info, self.skill_id)


@strawberry.type(description="Content that closes part of a gap, and why.")
class ContentRecommendation:
    key: str
    title: str
    kind: str | None
    url: str | None
    minutes: float | None
    hours: float | None
    teaches_level: int
    level_fit: int = strawberry.field(
        description="2: stops at or before the level needed; 1: goes beyond it."
    )
    curated: bool
    rating: float | None
    ratings: int
    completed_by_network: int = strawberry.field(
        description="People the person follows or works with who completed it."
    )
    reasons: list[str]

    @strawberry.field(description="The content item itself.")
    async def content(self, info: Info) -> Content | None:
        row = await info.context.loader(loaders.ContentByIdLoader).load(self.key)
        return None if row is None else Content.from_record(row)


@strawberry.type(description="Someone to learn the skill from, and why.")
class MentorRecommendation:
    level: int
    hops: int | None = strawberry.field(
        description="1: works with the person; 2: through one collaborator; null: farther."
    )
    same_team: bool
    reasons: list[str]
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return (await _people(info, [self.person_id]))[0]


@strawberry.type(description="One of a person's skill gaps and what closes it.")
class GapPlan:
    current_level: int
    target_level: int
    distance: int
    expected_hours: float | None = strawberry.field(
        description="Levels to go times the average hours of the content that fits."
    )
    content: list[ContentRecommendation]
    mentors: list[MentorRecommendation]
    skill_id: strawberry.Private[str]
    goal_ids: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_plan(cls, p: rec.GapPlan) -> GapPlan:
        return cls(
            current_level=p.current,
            target_level=p.target,
            distance=p.distance,
            expected_hours=p.expected_hours,
            content=[
                ContentRecommendation(
                    key=c.content_id,
                    title=c.title,
                    kind=c.kind,
                    url=c.url,
                    minutes=c.minutes,
                    hours=c.hours,
                    teaches_level=c.teaches,
                    level_fit=c.fit,
                    curated=bool(c.curators),
                    rating=c.rating,
                    ratings=c.ratings,
                    completed_by_network=c.social,
                    reasons=c.reasons(p.skill_name, p.current, p.target),
                )
                for c in p.content
            ],
            mentors=[
                MentorRecommendation(
                    level=m.level,
                    hops=m.hops,
                    same_team=m.same_team,
                    reasons=m.reasons(p.skill_name),
                    person_id=m.person_id,
                )
                for m in p.mentors
            ],
            skill_id=p.skill_id,
            goal_ids=p.goal_ids,
        )

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        return await _skill(info, self.skill_id)

    @strawberry.field(description="The goals that need the skill.")
    async def goals(self, info: Info) -> list[Goal]:
        rows = await info.context.loader(loaders.GoalByIdLoader).load_many(list(self.goal_ids))
        return [Goal.from_record(r) for r in rows if r is not None]


@strawberry.type(description="Hours learned in a period against the learning-hours target.")
class LearningHours:
    people: int
    hours: float
    hours_per_person: float
    relevant_hours: float = strawberry.field(
        description="Hours on content teaching a skill the people's goals require."
    )
    relevance: float | None = strawberry.field(description="relevantHours / hours.")
    people_with_target: int
    target_hours: float = strawberry.field(description="Targets summed over people.")
    attainment: float | None = strawberry.field(
        description="Hours of the people with a target over their targets."
    )
    people_meeting_target: int

    @classmethod
    def from_hours(cls, h: lh.LearningHours) -> LearningHours:
        return cls(
            people=h.people,
            hours=round(h.hours, 2),
            hours_per_person=round(h.hours_per_person, 2),
            relevant_hours=round(h.relevant_hours, 2),
            relevance=None if h.relevance is None else round(h.relevance, 4),
            people_with_target=h.people_with_target,
            target_hours=h.target_hours,
            attainment=None if h.attainment is None else round(h.attainment, 4),
            people_meeting_target=h.people_meeting_target,
        )


def _prime(info: Info, goals: list[g.GoalGaps]) -> None:
    """Hand the entities the gap statements already returned to the request's loaders."""
    goal_rows = {x.goal_id: x.goal for x in goals if x.goal is not None}
    info.context.loader(loaders.GoalByIdLoader).prime_many(goal_rows)
    skills: dict[str, Any] = {}
    people: dict[str, Any] = {}
    for x in goals:
        for r in x.requirements:
            if r.records:
                skills[r.skill_id] = r.records[0]
                people.update((p["id"], p) for p in r.records[1:])
    info.context.loader(loaders.SkillByIdLoader).prime_many(skills)
    info.context.loader(loaders.PersonByIdLoader).prime_many(people)


def _totals(goals: list[g.GoalGaps]) -> dict[str, Any]:
    return {
        "headcount": sum(x.headcount for x in goals),
        "supply": sum(x.supply for x in goals),
        "gap": sum(x.gap for x in goals),
    }


@strawberry.type
class Query:
    @strawberry.field(
        description="A goal's requirements with supply, gap and coverage; `teamId` narrows "
        "the scope to a team and its sub-teams. Null for an unknown goal."
    )
    async def skill_gaps(
        self, info: Info, goal_id: strawberry.ID, team_id: strawberry.ID | None = None
    ) -> GoalGaps | None:
        team = None if team_id is None else entity_key(team_id, "Team")
        found = await resolve.goal_gaps(info.context.db, entity_key(goal_id, "Goal"), team)
        if found is None:
            return None
        _prime(info, [found])
        return GoalGaps.from_gaps(found)

    @strawberry.field(
        description="Every goal a team's people work towards, within the team. Null, with a "
        "SUPPRESSED error, for a team below the minimum group size the viewer may not see into."
    )
    async def team_gaps(self, info: Info, team_id: strawberry.ID) -> TeamGaps | None:
        team = entity_key(team_id, "Team")
        goals = await resolve.team_gaps(info.context.db, team)
        _prime(info, goals)
        return TeamGaps(
            goals=[GoalGaps.from_gaps(x) for x in goals], team_id=team, **_totals(goals)
        )

    @strawberry.field(description="Skills short across all goals, and supply against demand.")
    async def organisation_gaps(self, info: Info) -> OrganisationGaps | None:
        org = await resolve.organisation_gaps(info.context.db)
        _prime(info, list(org.goals))
        info.context.loader(loaders.TeamByIdLoader).prime_many(
            {u.team_id: {"id": u.team_id, "name": u.name} for u in org.units}
        )
        return OrganisationGaps(
            goals=[GoalGaps.from_gaps(x) for x in org.goals],
            skills=[
                SkillShortage(
                    requirements=s.requirements,
                    demand=s.demand,
                    supply=s.supply,
                    gap=s.gap,
                    critical_gap=s.critical_gap,
                    weighted_gap=s.weighted_gap,
                    skill_id=s.skill_id,
                )
                for s in org.skills
            ],
            units=[
                UnitSupply(
                    kind=u.kind,
                    depth=u.depth,
                    demand=u.demand,
                    supply=u.supply,
                    team_id=u.team_id,
                    parent_id=u.parent_id,
                )
                for u in org.units
            ],
            **_totals(list(org.goals)),
        )

    @strawberry.field(description="The required skills a person lacks, the farthest first.")
    async def person_gaps(self, info: Info, person_id: strawberry.ID) -> list[PersonGap] | None:
        found = await resolve.person_gaps(info.context.db, entity_key(person_id, "Person"))
        return [
            PersonGap(
                required_level=x.level,
                current_level=x.current,
                distance=x.distance,
                critical=x.critical,
                goal_id=x.goal_id,
                skill_id=x.skill_id,
            )
            for x in found
        ]

    @strawberry.field(
        description="What closes a person's gaps: content and mentors per gap, with reasons."
    )
    async def recommendations(
        self,
        info: Info,
        person_id: strawberry.ID,
        skill_id: strawberry.ID | None = None,
        first: int = 5,
    ) -> list[GapPlan] | None:
        skill = None if skill_id is None else entity_key(skill_id, "Skill")
        found = await resolve.plans(
            info.context.db, entity_key(person_id, "Person"), skill, _cap(first)
        )
        info.context.loader(loaders.SkillByIdLoader).prime_many(
            {p.skill_id: p.records[0] for p in found if p.records}
        )
        info.context.loader(loaders.PersonByIdLoader).prime_many(
            {r["id"]: r for p in found for r in p.records[1:]}
        )
        return [GapPlan.from_plan(p) for p in found]

    @strawberry.field(
        description="Hours learned in [start, end) by a person, a team (sub-teams included) "
        "or everyone, against the learning-hours goal (`goalId`, or the person's own). Null, "
        "with a SUPPRESSED error, for a team below the minimum group size."
    )
    async def learning_hours(
        self,
        info: Info,
        start: dt.date,
        end: dt.date,
        person_id: strawberry.ID | None = None,
        team_id: strawberry.ID | None = None,
        goal_id: strawberry.ID | None = None,
    ) -> LearningHours | None:
        found = await resolve.hours(
            info.context.db,
            start,
            end,
            None if person_id is None else entity_key(person_id, "Person"),
            None if team_id is None else entity_key(team_id, "Team"),
            None if goal_id is None else entity_key(goal_id, "Goal"),
        )
        return LearningHours.from_hours(found)
