"""Skill gaps against goals: supply, gap and coverage per requirement, and their roll-ups.

The definitions are in ``docs/skill-gaps.md``. In short: a goal ``REQUIRES`` a skill at
``level`` with ``headcount`` people; its scope is the people of the teams ``COMMITTED_TO`` it,
sub-teams included; a person in scope *supplies* the requirement when their best level in the
skill or in any skill narrower than it (``BROADER*0..``) is at least ``level``, and counts once.

Every aggregation runs in Cypher; Python only shapes the rows. Queries start from the holders
of a skill (far fewer than the people in a scope once the taxonomy has more than a handful of
skills) and place each holder by their team against the scope's teams, collected once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.db import Database, Row
from graph.errors import NotFound

# One row per requirement of each goal in $goals. The scope's teams are collected once per
# goal that requires a skill ($team, or null, narrows them to a team's subtree); holders
# come from the skill's narrower closure, and `max(h.level)` makes a person count once, at
# their best level. A holder is in scope when their team is in that list: on ArcadeDB this
# is several times faster than an `EXISTS` over the hierarchy per holder, and it means the
# same on Neo4j.
# Holders are grouped in an inner CALL that does not see the team list: carried through
# the grouping, the list went into every holder's group key, and at 100,000 people ArcadeDB
# refused the statement for exceeding its query heap budget. For the same reason the
# ready-soon people are sorted in Python, not by an ORDER BY over every holder: ArcadeDB's
# budget is shared by the queries running at once, and 16 such sorts at 100,000 people
# filled it.
_REQUIREMENTS = """
UNWIND $goals AS goalId
MATCH (g:Goal {id: goalId})
WHERE EXISTS { (g)-[:REQUIRES]->(:Skill) }
CALL {
  WITH g
  OPTIONAL MATCH (g)<-[:COMMITTED_TO]-(:Team)<-[:PART_OF*0..]-(t:Team)
  WHERE $team IS NULL OR EXISTS { (t)-[:PART_OF*0..]->(:Team {id: $team}) }
  RETURN collect(DISTINCT t) AS teams
}
MATCH (g)-[r:REQUIRES]->(s:Skill)
CALL {
  WITH r, s, teams
  CALL {
    WITH r, s
    OPTIONAL MATCH (s)<-[:BROADER*0..]-(:Skill)<-[h:HAS_SKILL]-(p:Person)
    WHERE h.level >= r.level - 1
    RETURN p, max(h.level) AS best
  }
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(t:Team)
  WITH r, p, best, t IS NOT NULL AND t IN teams AS inScope
  RETURN count(CASE WHEN best >= r.level THEN 1 END) AS organisationSupply,
         count(CASE WHEN inScope AND best >= r.level THEN 1 END) AS supply,
         collect(CASE WHEN inScope AND best = r.level - 1
                      THEN p {.id, .name, .email, .title, curator: p:Curator} END) AS readySoon
}
RETURN g.id AS goalId, s.id AS skillId, r.level AS level,
       coalesce(r.headcount, 1) AS headcount, coalesce(r.critical, false) AS critical,
       supply, organisationSupply, readySoon,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill
ORDER BY goalId, skillId
"""

# A person belongs to one team (graph/MODEL.md; the writes keep it so), so the people of
# distinct teams are distinct: counted per team, not by a DISTINCT over everyone in scope
# (100,000 people for an organisation-wide goal: about twice as fast on ArcadeDB).
_GOAL_SCOPE = """
UNWIND $goals AS goalId
MATCH (g:Goal {id: goalId})
CALL {
  WITH g
  OPTIONAL MATCH (g)<-[:COMMITTED_TO]-(:Team)<-[:PART_OF*0..]-(t:Team)
  WHERE $team IS NULL OR EXISTS { (t)-[:PART_OF*0..]->(:Team {id: $team}) }
  WITH DISTINCT t
  OPTIONAL MATCH (t)<-[:MEMBER_OF]-(p:Person)
  RETURN count(p) AS scope
}
RETURN g.id AS goalId, scope,
       g {.id, .title, .kind, .description, .due, .targetHoursPerPerson} AS goal
"""

_TEAM_EXISTS = "MATCH (t:Team {id: $team}) RETURN t.id AS id"

_ALL_GOALS = """
MATCH (g:Goal) WHERE EXISTS { (g)-[:REQUIRES]->(:Skill) }
RETURN g.id AS id ORDER BY id
"""

# The goals whose scope touches a team's subtree: committed by the team, by a team above it
# (its people are in scope) or by a team below it.
_TEAM_GOALS = """
MATCH (t:Team {id: $team})
CALL {
  WITH t
  MATCH (t)-[:PART_OF*0..]->(:Team)-[:COMMITTED_TO]->(g:Goal)
  RETURN g
  UNION
  WITH t
  MATCH (t)<-[:PART_OF*0..]-(:Team)-[:COMMITTED_TO]->(g:Goal)
  RETURN g
}
WITH g WHERE EXISTS { (g)-[:REQUIRES]->(:Skill) }
RETURN DISTINCT g.id AS id ORDER BY id
"""

# Per organisational unit, for every requirement: the people of the unit's subtree who are
# in the goal's scope and supply it; and the headcount of the requirements of goals the unit
# or a unit below it committed to. Units with neither are left out.
_UNIT_SUPPLY = """
MATCH (g:Goal)-[r:REQUIRES]->(s:Skill)
CALL {
  WITH g
  MATCH (g)<-[:COMMITTED_TO]-(:Team)<-[:PART_OF*0..]-(t:Team)
  RETURN collect(DISTINCT t) AS teams
}
CALL {
  WITH r, s, teams
  MATCH (s)<-[:BROADER*0..]-(:Skill)<-[h:HAS_SKILL]-(p:Person)
  WHERE h.level >= r.level
  WITH DISTINCT teams, p
  MATCH (p)-[:MEMBER_OF]->(t:Team)
  WHERE t IN teams
  WITH t, count(p) AS people
  MATCH (t)-[:PART_OF*0..]->(u:Team)
  RETURN u.id AS unit, sum(people) AS supply
}
RETURN unit, sum(supply) AS supply
"""

_UNIT_DEMAND = """
MATCH (u:Team)<-[:PART_OF*0..]-(:Team)-[:COMMITTED_TO]->(g:Goal)-[r:REQUIRES]->(:Skill)
WITH u, g, r
WITH DISTINCT u, g, r
RETURN u.id AS unit, sum(coalesce(r.headcount, 1)) AS demand
"""

_UNITS = """
UNWIND $ids AS id
MATCH (u:Team {id: id})
OPTIONAL MATCH (u)-[:PART_OF]->(parent:Team)
OPTIONAL MATCH path = (u)-[:PART_OF*1..]->(root:Team)
WHERE NOT EXISTS { (root)-[:PART_OF]->(:Team) }
WITH u, parent, max(length(path)) AS depth
RETURN u.id AS id, u.name AS name, parent.id AS parentId, coalesce(depth, 0) AS depth
"""

# PART_OF only links teams (graph/MODEL.md). On ArcadeDB this form is about three times
# faster than `WHERE NOT EXISTS { (u)-[:PART_OF]->(:Team) }`.
_ROOTS = """
MATCH (u:Team)
OPTIONAL MATCH (u)-[parent:PART_OF]->()
WITH u, parent WHERE parent IS NULL
RETURN u.id AS id LIMIT 2
"""

# A person's requirements: for each goal their team (or a team above it) is committed to,
# each required skill with the person's best level in it (narrower skills included).
_PERSON_GAPS = """
MATCH (p:Person {id: $person})-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(:Team)
      -[:COMMITTED_TO]->(g:Goal)
WITH DISTINCT p, g
MATCH (g)-[r:REQUIRES]->(s:Skill)
OPTIONAL MATCH (p)-[h:HAS_SKILL]->(:Skill)-[:BROADER*0..]->(s)
WITH g, r, s, coalesce(max(h.level), 0) AS current
WHERE current < r.level
RETURN g.id AS goalId, s.id AS skillId, r.level AS level, current,
       r.level - current AS distance, coalesce(r.critical, false) AS critical
ORDER BY distance DESC, goalId, skillId
"""

_PERSON_EXISTS = "MATCH (p:Person {id: $person}) RETURN p.id AS id"

# People outside a goal's scope who supply one of its requirements, ranked by how close
# they are to the scope in the collaboration graph (ties in either direction); one row per
# (goal, skill) pair asked for.
_OUTSIDE_SUPPLY = """
UNWIND $pairs AS pair
MATCH (g:Goal {id: pair.goal})-[r:REQUIRES]->(s:Skill {id: pair.skill})
CALL {
  WITH g
  OPTIONAL MATCH (g)<-[:COMMITTED_TO]-(:Team)<-[:PART_OF*0..]-(t:Team)
  RETURN collect(DISTINCT t) AS teams
}
CALL {
  WITH r, s, teams
  MATCH (s)<-[:BROADER*0..]-(:Skill)<-[h:HAS_SKILL]-(p:Person)
  WHERE h.level >= r.level
  WITH teams, p, max(h.level) AS best
  WHERE NOT EXISTS { (p)-[:MEMBER_OF]->(t:Team) WHERE t IN teams }
  CALL {
    WITH teams, p
    OPTIONAL MATCH (p)-[:COLLABORATES_WITH]-(q:Person)-[:MEMBER_OF]->(t:Team)
    WHERE t IN teams
    RETURN count(DISTINCT q) AS direct
  }
  CALL {
    WITH teams, p, direct
    OPTIONAL MATCH (p)-[:COLLABORATES_WITH]-(:Person)-[:COLLABORATES_WITH]-(q:Person)
                   -[:MEMBER_OF]->(t:Team)
    WHERE direct = 0 AND q <> p AND t IN teams
    RETURN count(DISTINCT q) AS indirect
  }
  WITH p, best, direct, indirect,
       CASE WHEN direct > 0 THEN 1 WHEN indirect > 0 THEN 2 ELSE null END AS hops
  ORDER BY coalesce(hops, 99), CASE WHEN direct > 0 THEN direct ELSE indirect END DESC,
           best DESC, p.id
  RETURN collect({personId: p.id, level: best, hops: hops,
                  contacts: CASE WHEN direct > 0 THEN direct ELSE indirect END}) AS people
}
RETURN pair.goal AS goal, pair.skill AS skill, people[..$limit] AS people
"""


@dataclass(frozen=True)
class RequirementGap:
    """One requirement of a goal and how far its scope is from meeting it."""

    goal_id: str
    skill_id: str
    level: int
    headcount: int
    critical: bool
    supply: int
    organisation_supply: int
    ready_soon: tuple[str, ...]
    records: tuple[Row, ...] = field(default=(), compare=False, repr=False)
    """The skill, then the ready-soon people, as the entity lookups return them."""

    @property
    def gap(self) -> int:
        """``max(0, headcount - supply)``."""
        return max(0, self.headcount - self.supply)

    @property
    def coverage(self) -> float:
        """``min(1, supply / headcount)`` (1 for a headcount of 0)."""
        if self.headcount <= 0:
            return 1.0
        return min(1.0, self.supply / self.headcount)

    @property
    def single_point_of_failure(self) -> bool:
        """At most one person in the whole organisation supplies it."""
        return self.organisation_supply <= 1

    @classmethod
    def from_record(cls, r: Row) -> RequirementGap:
        ready = sorted(r["readySoon"], key=lambda p: p["id"])
        return cls(
            goal_id=r["goalId"],
            skill_id=r["skillId"],
            level=int(r["level"]),
            headcount=int(r["headcount"]),
            critical=bool(r["critical"]),
            supply=int(r["supply"]),
            organisation_supply=int(r["organisationSupply"]),
            ready_soon=tuple(p["id"] for p in ready),
            records=(r["skill"], *ready),
        )


@dataclass(frozen=True)
class GoalGaps:
    """A goal's requirements with their gaps, within its scope (narrowed to a team or not)."""

    goal_id: str
    team_id: str | None
    scope: int
    requirements: tuple[RequirementGap, ...]
    goal: Row | None = field(default=None, compare=False, repr=False)
    """The goal as the entity lookups return it."""

    @property
    def headcount(self) -> int:
        """The people the goal needs, summed over its requirements."""
        return sum(r.headcount for r in self.requirements)

    @property
    def supply(self) -> int:
        """Supply summed over requirements, each capped at its headcount."""
        return sum(min(r.supply, r.headcount) for r in self.requirements)

    @property
    def gap(self) -> int:
        """The gaps summed over requirements."""
        return sum(r.gap for r in self.requirements)

    @property
    def coverage(self) -> float:
        """Capped supply over headcount (1 for a goal that needs nobody)."""
        return 1.0 if self.headcount == 0 else self.supply / self.headcount

    @property
    def met(self) -> bool:
        """Every requirement is met."""
        return self.gap == 0


async def _check_team(db: Database, team: str | None) -> None:
    if team is not None and not await db.read(_TEAM_EXISTS, {"team": team}):
        raise NotFound("team", team)


async def goal_gaps(
    db: Database, goal_ids: Sequence[str], *, team: str | None = None
) -> list[GoalGaps | None]:
    """The gaps of each goal in ``goal_ids`` (``None`` for an unknown goal), in key order.

    Two statements whatever the number of goals, sent together: the requirement rows and
    the scope sizes.
    """
    params: dict[str, Any] = {"goals": list(goal_ids), "team": team}
    rows, scope_rows = await asyncio.gather(
        db.read(_REQUIREMENTS, params), db.read(_GOAL_SCOPE, params)
    )
    scopes = {r["goalId"]: r for r in scope_rows}
    by_goal: dict[str, list[RequirementGap]] = {}
    for row in rows:
        by_goal.setdefault(row["goalId"], []).append(RequirementGap.from_record(row))
    return [
        None
        if g not in scopes
        else GoalGaps(
            g, team, int(scopes[g]["scope"]), tuple(by_goal.get(g, ())), scopes[g]["goal"]
        )
        for g in goal_ids
    ]


async def goal_gaps_one(db: Database, goal_id: str, *, team: str | None = None) -> GoalGaps:
    """The gaps of one goal; raises :class:`NotFound` for an unknown goal or team."""
    _, (found,) = await asyncio.gather(_check_team(db, team), goal_gaps(db, [goal_id], team=team))
    if found is None:
        raise NotFound("goal", goal_id)
    return found


async def all_goal_ids(db: Database) -> list[str]:
    """The ids of every goal that requires at least one skill."""
    return [r["id"] for r in await db.read(_ALL_GOALS)]


async def team_goal_gaps(db: Database, team: str) -> list[GoalGaps]:
    """The gaps of every goal whose scope touches ``team``, narrowed to the team's subtree."""
    await _check_team(db, team)
    goals = [r["id"] for r in await db.read(_TEAM_GOALS, {"team": team})]
    if not goals:
        return []
    return [g for g in await goal_gaps(db, goals, team=team) if g is not None]


@dataclass(frozen=True)
class SkillShortage:
    """One skill across every goal that requires it."""

    skill_id: str
    requirements: int
    demand: int
    supply: int
    gap: int
    critical_gap: int
    weighted_gap: int


@dataclass(frozen=True)
class UnitSupply:
    """Supply against demand for one organisational unit (division, department or team)."""

    team_id: str
    name: str
    parent_id: str | None
    depth: int
    demand: int
    supply: int
    single_root: bool = False

    @property
    def kind(self) -> str:
        """``division`` at the top, ``department`` below it, ``team`` further down.

        When one unit holds all others (the organisation itself), it is ``organisation``
        and the divisions are the units just below it.
        """
        level = self.depth - 1 if self.single_root else self.depth
        if level < 0:
            return "organisation"
        return ("division", "department")[level] if level < 2 else "team"


@dataclass(frozen=True)
class OrganisationGaps:
    """Every goal's gaps, the skills short across them and the breakdown by unit."""

    goals: tuple[GoalGaps, ...]
    skills: tuple[SkillShortage, ...]
    units: tuple[UnitSupply, ...]


CRITICAL_WEIGHT = 2
"""A critical requirement's gap counts this many times in ``weighted_gap``."""


def shortages(goals: Sequence[GoalGaps]) -> list[SkillShortage]:
    """Skills ranked by weighted gap (critical gaps count :data:`CRITICAL_WEIGHT` times)."""
    acc: dict[str, list[int]] = {}
    for goal in goals:
        for r in goal.requirements:
            a = acc.setdefault(r.skill_id, [0, 0, 0, 0, 0, 0])
            a[0] += 1
            a[1] += r.headcount
            a[2] += min(r.supply, r.headcount)
            a[3] += r.gap
            a[4] += r.gap if r.critical else 0
            a[5] += r.gap * (CRITICAL_WEIGHT if r.critical else 1)
    ranked = sorted(acc.items(), key=lambda kv: (-kv[1][5], -kv[1][1], kv[0]))
    return [SkillShortage(k, *v) for k, v in ranked]


async def organisation_gaps(db: Database) -> OrganisationGaps:
    """The organisation roll-up: eight statements whatever the size of the organisation.

    The independent ones are sent together: the goals' gaps (once the goal ids are known),
    the units' supply and demand, and the top units; then the units that have either.
    """
    goal_ids = await all_goal_ids(db)
    found, supply_rows, demand_rows, roots = await asyncio.gather(
        goal_gaps(db, goal_ids), db.read(_UNIT_SUPPLY), db.read(_UNIT_DEMAND), db.read(_ROOTS)
    )
    goals = [g for g in found if g is not None]
    supply = {r["unit"]: int(r["supply"]) for r in supply_rows}
    demand = {r["unit"]: int(r["demand"]) for r in demand_rows}
    every = await db.read(_UNITS, {"ids": sorted(supply.keys() | demand.keys())})
    single_root = len(roots) == 1 and len(every) > 1
    units = [
        UnitSupply(
            r["id"],
            r["name"],
            r["parentId"],
            int(r["depth"]),
            demand.get(r["id"], 0),
            supply.get(r["id"], 0),
            single_root,
        )
        for r in every
        if r["id"] in supply or r["id"] in demand
    ]
    units.sort(key=lambda u: (u.depth, u.team_id))
    return OrganisationGaps(tuple(goals), tuple(shortages(goals)), tuple(units))


@dataclass(frozen=True)
class PersonGap:
    """A skill one of a person's goals requires that they lack or hold below level."""

    goal_id: str
    skill_id: str
    level: int
    current: int
    distance: int
    critical: bool


async def person_gaps(db: Database, person: str) -> list[PersonGap]:
    """A person's gaps, the farthest first; raises :class:`NotFound` for an unknown person."""
    rows = await db.read(_PERSON_GAPS, {"person": person})
    if not rows and not await db.read(_PERSON_EXISTS, {"person": person}):
        raise NotFound("person", person)
    return [
        PersonGap(
            r["goalId"],
            r["skillId"],
            int(r["level"]),
            int(r["current"]),
            int(r["distance"]),
            bool(r["critical"]),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class OutsideCandidate:
    """Someone outside a goal's scope who supplies one of its requirements."""

    person_id: str
    level: int
    hops: int | None
    contacts: int


async def outside_supply(
    db: Database, pairs: Sequence[tuple[str, str]], *, limit: int = 10
) -> list[list[OutsideCandidate]]:
    """For each (goal, skill): people outside the scope at level, the closest first.

    ``hops`` is 1 when they collaborate with someone in scope, 2 when a collaborator of
    theirs does, and ``None`` when they are farther; ``contacts`` counts the people in scope
    at that distance. One statement for all pairs; an unknown pair gets an empty list.
    """
    rows = await db.read(
        _OUTSIDE_SUPPLY,
        {"pairs": [{"goal": g, "skill": k} for g, k in pairs], "limit": limit},
    )
    found = {
        (r["goal"], r["skill"]): [
            OutsideCandidate(
                c["personId"],
                int(c["level"]),
                None if c["hops"] is None else int(c["hops"]),
                int(c["contacts"]),
            )
            for c in r["people"]
        ]
        for r in rows
    }
    return [found.get(pair, []) for pair in pairs]
