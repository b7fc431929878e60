"""Loaders and calls behind the skill-gap fields: ``graph/`` does the work, in few statements.

The loaders batch what a query asks for across requirements (people outside a goal's scope
for every requirement shown, say) into one statement per request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from graph import gaps, learning_hours, recommendations
from graph.db import Database
from graph.errors import NotFound

Pair = tuple[str, str, int]


class OutsideSupplyByRequirementLoader(DataLoader[Pair, list[gaps.OutsideCandidate]]):
    """People outside a goal's scope for ``(goal, skill, limit)`` keys: one statement a batch."""

    def __init__(self, db: Database) -> None:
        self.db = db
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[Pair]) -> list[list[gaps.OutsideCandidate]]:
        limit = max(k[2] for k in keys)
        found = await gaps.outside_supply(self.db, [(g, s) for g, s, _ in keys], limit=limit)
        return [people[:n] for people, (_, _, n) in zip(found, keys, strict=True)]


async def goal_gaps(db: Database, goal: str, team: str | None) -> gaps.GoalGaps | None:
    """A goal's gaps (``None`` for an unknown goal); an unknown team is an error."""
    try:
        return await gaps.goal_gaps_one(db, goal, team=team)
    except NotFound as e:
        if e.kind == "goal":
            return None
        raise


async def team_gaps(db: Database, team: str) -> list[gaps.GoalGaps]:
    """Every goal touching a team, narrowed to its subtree."""
    return await gaps.team_goal_gaps(db, team)


async def organisation_gaps(db: Database) -> gaps.OrganisationGaps:
    """The organisation roll-up."""
    return await gaps.organisation_gaps(db)


async def person_gaps(db: Database, person: str) -> list[gaps.PersonGap]:
    """A person's gaps, the farthest first."""
    return await gaps.person_gaps(db, person)


async def plans(
    db: Database, person: str, skill: str | None, limit: int
) -> list[recommendations.GapPlan]:
    """What closes each of a person's gaps."""
    return await recommendations.plans(db, person, skill=skill, limit=limit)


async def hours(
    db: Database,
    start: dt.date,
    end: dt.date,
    person: str | None,
    team: str | None,
    goal: str | None,
) -> learning_hours.LearningHours:
    """Learning hours of a person, a team or everyone in a period."""
    return await learning_hours.learning_hours(
        db, start=start, end=end, person=person, team=team, goal=goal
    )
