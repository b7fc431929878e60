"""Learning hours in 2026 in the hand-worked organisation of ``gaps_org``.

Completions in 2026: a x1 180 min, b x1 180, d x2 60, c x3 30, c x6 90 (negotiation, which
no goal needs); a's x6 is from 2025. x1 and x3 teach cloud, x2 teaches k8s (narrower than
cloud), all needed by g1 (E's goal), so 450 of the 540 minutes are relevant. gh (10 h per
person) is committed by D: a, b, c, d and f have that target.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.db import Database
from graph.errors import NotFound
from graph.learning_hours import LearningHours, learning_hours
from tests.graph import gaps_org

START, END = dt.date(2026, 1, 1), dt.date(2027, 1, 1)


async def test_organisation(db: Database) -> None:
    await gaps_org.load(db)
    h = await learning_hours(db, start=START, end=END)
    assert h == LearningHours(
        people=8,
        hours=9.0,
        relevant_hours=7.5,
        people_with_target=5,
        target_hours=50.0,
        targeted_hours=9.0,
        people_meeting_target=0,
    )
    assert (h.hours_per_person, h.relevance, h.attainment) == (9.0 / 8, 7.5 / 9.0, 9.0 / 50)


async def test_team_and_person(db: Database) -> None:
    await gaps_org.load(db)
    t1 = await learning_hours(db, start=START, end=END, team="T1")
    assert (t1.people, t1.hours, t1.relevant_hours, t1.target_hours) == (2, 6.0, 6.0, 20.0)
    c = await learning_hours(db, start=START, end=END, person="c")
    assert (c.hours, c.relevant_hours, c.relevance, c.target_hours) == (2.0, 0.5, 0.25, 10.0)
    # The whole of 2025 and 2026 for a: x6 (90 min, 2025) and x1 (180 min).
    a = await learning_hours(db, start=dt.date(2025, 1, 1), end=dt.date(2027, 1, 1), person="a")
    assert (a.hours, a.relevant_hours) == (4.5, 3.0)


async def test_target_from_a_chosen_goal_and_people_without_one(db: Database) -> None:
    await gaps_org.load(db)
    e = await learning_hours(db, start=START, end=END, person="e")
    assert (e.hours, e.relevance, e.people_with_target, e.attainment) == (0.0, None, 0, None)
    assert e.hours_per_person == 0.0
    g = await learning_hours(db, start=START, end=END, team="T1", goal="gh")
    assert (g.people_with_target, g.target_hours, g.attainment) == (2, 20.0, 0.3)
    nobody = await learning_hours(db, start=START, end=END, team="T2", person="a")
    assert (nobody.people, nobody.hours_per_person) == (0, 0.0)


async def test_meeting_the_target(db: Database) -> None:
    await gaps_org.load(db)
    h = await learning_hours(db, start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1), person="a")
    assert h.people_meeting_target == 0
    await db.write("MATCH (g:Goal {id: 'gh'}) SET g.targetHoursPerPerson = 3.0")
    h = await learning_hours(db, start=START, end=END, person="a")
    assert (h.people_meeting_target, h.attainment) == (1, 1.0)


async def test_bad_arguments(db: Database) -> None:
    await gaps_org.load(db)
    with pytest.raises(NotFound, match="team 'nope'"):
        await learning_hours(db, start=START, end=END, team="nope")
    with pytest.raises(NotFound, match="person 'nope'"):
        await learning_hours(db, start=START, end=END, person="nope")
    with pytest.raises(NotFound, match="goal 'nope'"):
        await learning_hours(db, start=START, end=END, goal="nope")
    with pytest.raises(ValueError, match="period: end 2026-01-01 must come after"):
        await learning_hours(db, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1))
    naive = dt.datetime(2026, 1, 1, 0, 0)
    h = await learning_hours(db, start=naive, end=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert h.hours == 9.0
