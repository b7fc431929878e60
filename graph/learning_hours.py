"""Learning hours for a period: per person, team or organisation, against the target.

Hours are the minutes of ``COMPLETED`` ties whose ``at`` falls in ``[start, end)`` (the tie's
own ``minutes``, or the content's length when the tie has none), divided by 60. The target
per person is the ``targetHoursPerPerson`` of the ``learning_hours`` goal the person is in
scope of (one chosen goal, or the highest of theirs). *Relevant* hours are those spent on
content that teaches a skill one of the person's goals requires, or a narrower one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.db import Database
from graph.errors import NotFound

# Each person's needed skills are collected once, then every completion in the period is
# checked against them; the aggregation over people stays in Cypher.
_HOURS = """
MATCH (p:Person)
WHERE ($person IS NULL OR p.id = $person)
  AND ($team IS NULL
       OR EXISTS { (p)-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(:Team {id: $team}) })
CALL {
  WITH p
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(:Team)-[:COMMITTED_TO]->(g:Goal)
  WHERE g.kind = 'learning_hours' AND ($goal IS NULL OR g.id = $goal)
  RETURN max(g.targetHoursPerPerson) AS target
}
CALL {
  WITH p
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(:Team)-[:COMMITTED_TO]->(:Goal)
                 -[:REQUIRES]->(k:Skill)
  RETURN collect(DISTINCT k) AS needed
}
CALL {
  WITH p, needed
  OPTIONAL MATCH (p)-[x:COMPLETED]->(c:Content)
  WHERE x.at >= $start AND x.at < $end
  WITH c, coalesce(x.minutes, c.minutes, 0) AS minutes,
       size(needed) > 0
       AND EXISTS { (c)-[:TEACHES]->(:Skill)-[:BROADER*0..]->(k:Skill) WHERE k IN needed }
       AS relevant
  RETURN sum(minutes) AS minutes,
         sum(CASE WHEN relevant THEN minutes ELSE 0 END) AS relevantMinutes
}
RETURN count(p) AS people,
       sum(minutes) / 60.0 AS hours,
       sum(relevantMinutes) / 60.0 AS relevantHours,
       count(target) AS withTarget,
       sum(coalesce(target, 0)) AS targetHours,
       sum(CASE WHEN target IS NULL THEN 0 ELSE minutes END) / 60.0 AS targetedHours,
       count(CASE WHEN minutes / 60.0 >= target THEN 1 END) AS meetingTarget
"""

_EXISTS = """
OPTIONAL MATCH (p:Person {id: $person})
OPTIONAL MATCH (t:Team {id: $team})
OPTIONAL MATCH (g:Goal {id: $goal})
RETURN p IS NOT NULL AS person, t IS NOT NULL AS team, g IS NOT NULL AS goal
"""


@dataclass(frozen=True)
class LearningHours:
    """Hours learned by a group of people in a period, against their target."""

    people: int
    hours: float
    relevant_hours: float
    people_with_target: int
    target_hours: float
    targeted_hours: float
    people_meeting_target: int

    @property
    def hours_per_person(self) -> float:
        """Average hours per person (0 for nobody)."""
        return 0.0 if self.people == 0 else self.hours / self.people

    @property
    def relevance(self) -> float | None:
        """The share of the hours spent on skills the people's goals need."""
        return None if self.hours == 0 else self.relevant_hours / self.hours

    @property
    def attainment(self) -> float | None:
        """Hours of the people who have a target over their targets (``None``: no target)."""
        return None if self.target_hours == 0 else self.targeted_hours / self.target_hours


def _at(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


async def learning_hours(
    db: Database,
    *,
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime,
    person: str | None = None,
    team: str | None = None,
    goal: str | None = None,
) -> LearningHours:
    """Hours learned in ``[start, end)`` by one person, a team (sub-teams included) or all.

    Raises :class:`NotFound` for an unknown person, team or goal and :class:`ValueError`
    for a period that ends before it starts.
    """
    if _at(end) <= _at(start):
        raise ValueError(f"period: end {end} must come after start {start}")
    if person or team or goal:
        found = (await db.read(_EXISTS, {"person": person, "team": team, "goal": goal}))[0]
        for kind, key in (("person", person), ("team", team), ("goal", goal)):
            if key is not None and not found[kind]:
                raise NotFound(kind, key)
    params = {
        "person": person,
        "team": team,
        "goal": goal,
        "start": _at(start),
        "end": _at(end),
    }
    r = (await db.read(_HOURS, params))[0]
    return LearningHours(
        people=int(r["people"]),
        hours=float(r["hours"] or 0),
        relevant_hours=float(r["relevantHours"] or 0),
        people_with_target=int(r["withTarget"]),
        target_hours=float(r["targetHours"] or 0),
        targeted_hours=float(r["targetedHours"] or 0),
        people_meeting_target=int(r["meetingTarget"]),
    )
