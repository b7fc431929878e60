"""Skill gaps on a hand-worked organisation, and their invariants on generated ones.

The expected numbers come from the organisation described in ``tests/graph/gaps_org.py``,
worked out by hand: e.g. g1 needs cloud at 3 from E's people (a, b, c, d); a holds k8s 4
(narrower than cloud), b holds docker 3 and k8s 3 (counts once), c holds cloud 2 (ready
soon), d holds none: supply 2 of 3.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import gaps
from graph.db import Database
from graph.errors import NotFound
from seeds import generator
from tests.graph import gaps_org

R = gaps.RequirementGap


def _req(goal: str, skill: str, level: int, headcount: int, critical: bool, supply: int,
         org: int, ready: tuple[str, ...]) -> R:  # fmt: skip
    return R(goal, skill, level, headcount, critical, supply, org, ready)


async def test_goal_gaps_by_hand(db: Database) -> None:
    await gaps_org.load(db)
    g1 = await gaps.goal_gaps_one(db, "g1")
    assert g1.scope == 4
    assert g1.requirements == (
        _req("g1", "cloud", 3, 3, True, 2, 5, ("c",)),
        _req("g1", "python", 2, 2, False, 2, 3, ("a",)),
    )
    cloud, python = g1.requirements
    assert (cloud.gap, cloud.coverage, cloud.single_point_of_failure) == (1, 2 / 3, False)
    assert (python.gap, python.coverage) == (0, 1.0)
    assert (g1.headcount, g1.supply, g1.gap, g1.coverage, g1.met) == (5, 4, 1, 0.8, False)

    g2 = await gaps.goal_gaps_one(db, "g2")
    assert g2.scope == 1
    assert g2.requirements == (
        _req("g2", "k8s", 4, 1, False, 1, 2, ()),
        _req("g2", "python", 4, 2, False, 1, 1, ()),
    )
    assert [r.single_point_of_failure for r in g2.requirements] == [False, True]
    assert (g2.gap, g2.coverage) == (1, 2 / 3)


async def test_team_filter_narrows_the_scope(db: Database) -> None:
    await gaps_org.load(db)
    g1 = await gaps.goal_gaps_one(db, "g1", team="T1")
    assert g1.scope == 2
    assert g1.requirements == (
        _req("g1", "cloud", 3, 3, True, 2, 5, ()),
        _req("g1", "python", 2, 2, False, 1, 3, ("a",)),
    )
    outside = await gaps.goal_gaps_one(db, "g1", team="T3")
    assert outside.scope == 0
    assert [r.supply for r in outside.requirements] == [0, 0]


async def test_unknown_goal_and_team(db: Database) -> None:
    await gaps_org.load(db)
    with pytest.raises(NotFound, match="goal 'nope'"):
        await gaps.goal_gaps_one(db, "nope")
    with pytest.raises(NotFound, match="team 'nope'"):
        await gaps.goal_gaps_one(db, "g1", team="nope")
    assert await gaps.goal_gaps(db, ["nope", "g2"]) == [None, await gaps.goal_gaps_one(db, "g2")]


async def test_team_roll_up(db: Database) -> None:
    await gaps_org.load(db)
    assert await gaps.team_goal_gaps(db, "T1") == [await gaps.goal_gaps_one(db, "g1", team="T1")]
    # D is above E (g1) and committed to gh, which requires no skill.
    assert [x.goal_id for x in await gaps.team_goal_gaps(db, "D")] == ["g1"]
    assert [x.goal_id for x in await gaps.team_goal_gaps(db, "D2")] == ["g2"]


async def test_organisation_roll_up(db: Database) -> None:
    await gaps_org.load(db)
    org = await gaps.organisation_gaps(db)
    assert [x.goal_id for x in org.goals] == ["g1", "g2"]
    S = gaps.SkillShortage
    assert org.skills == (
        S("cloud", requirements=1, demand=3, supply=2, gap=1, critical_gap=1, weighted_gap=2),
        S("python", requirements=2, demand=4, supply=3, gap=1, critical_gap=0, weighted_gap=1),
        S("k8s", requirements=1, demand=1, supply=1, gap=0, critical_gap=0, weighted_gap=0),
    )
    U = gaps.UnitSupply
    # Supply: g1 cloud a, b (T1); g1 python b (T1), d (E); g2 k8s e and python e (T3).
    # Demand: g1 (5 people) committed by E, g2 (3 people) by T3. T2 has neither.
    assert org.units == (
        U("D", "Division D", None, 0, demand=5, supply=4),
        U("D2", "Division D2", None, 0, demand=3, supply=2),
        U("E", "Department E", "D", 1, demand=5, supply=4),
        U("T3", "Team 3", "D2", 1, demand=3, supply=2),
        U("T1", "Team 1", "E", 2, demand=0, supply=3),
    )
    assert [u.kind for u in org.units] == ["division"] * 2 + ["department"] * 2 + ["team"]


def test_unit_kinds_under_one_organisation_unit() -> None:
    kinds = [gaps.UnitSupply("u", "U", None, d, 0, 0, single_root=True).kind for d in range(5)]
    assert kinds == ["organisation", "division", "department", "team", "team"]


async def test_planted_goals_come_out_met_and_unmet(db: Database) -> None:
    manifest = await generator.generate(db, people=300, seed=11)
    assert manifest.met_goals
    assert manifest.unmet_goals
    planted = [*manifest.met_goals, *manifest.unmet_goals]
    found = await gaps.goal_gaps(db, planted)
    assert [g is not None and g.met for g in found] == [True] * len(manifest.met_goals) + [
        False
    ] * len(manifest.unmet_goals)
    org = await gaps.organisation_gaps(db)
    assert {u.kind for u in org.units if u.team_id == manifest.root_team} == {"organisation"}


async def test_person_gaps(db: Database) -> None:
    await gaps_org.load(db)
    P = gaps.PersonGap
    assert await gaps.person_gaps(db, "c") == [
        P("g1", "python", level=2, current=0, distance=2, critical=False),
        P("g1", "cloud", level=3, current=2, distance=1, critical=True),
    ]
    assert await gaps.person_gaps(db, "a") == [P("g1", "python", 2, 1, 1, False)]
    assert await gaps.person_gaps(db, "h") == []
    with pytest.raises(NotFound, match="person 'nobody'"):
        await gaps.person_gaps(db, "nobody")


async def test_outside_supply_closest_first(db: Database) -> None:
    await gaps_org.load(db)
    O = gaps.OutsideCandidate  # noqa: E741
    # e works with a (in scope); f works with e; h works with nobody.
    found = await gaps.outside_supply(db, [("g1", "cloud"), ("g2", "python"), ("g9", "x")])
    assert found == [
        [O("e", 5, 1, 1), O("f", 4, 2, 1), O("h", 3, None, 0)],
        [],
        [],
    ]
    assert await gaps.outside_supply(db, [("g1", "cloud")], limit=1) == [[O("e", 5, 1, 1)]]


# --- invariants on generated organisations ---------------------------------------------

_TEAMS = ["T1", "T2", "T3", None]  # T1, T2 are in g1's scope (under E); T3 is not.
_SKILLS = ["cloud", "k8s", "docker", "python"]  # k8s and docker are narrower than cloud.
_SETUP = """
CREATE (D:Team {id: 'D'}), (E:Team {id: 'E'})-[:PART_OF]->(D),
       (:Team {id: 'T1'})-[:PART_OF]->(E), (:Team {id: 'T2'})-[:PART_OF]->(E),
       (:Team {id: 'T3'})-[:PART_OF]->(D),
       (cloud:Skill {id: 'cloud'}), (:Skill {id: 'k8s'})-[:BROADER]->(cloud),
       (:Skill {id: 'docker'})-[:BROADER]->(cloud), (python:Skill {id: 'python'}),
       (g:Goal {id: 'g'})<-[:COMMITTED_TO]-(E),
       (g)-[:REQUIRES {level: $cloud, headcount: $need}]->(cloud),
       (g)-[:REQUIRES {level: $python, headcount: $need}]->(python)
"""
_PEOPLE = """
UNWIND $rows AS row
CREATE (p:Person {id: row.id})
WITH p, row
OPTIONAL MATCH (t:Team {id: row.team})
FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | CREATE (p)-[:MEMBER_OF]->(t))
WITH p, row
UNWIND row.skills AS held
MATCH (s:Skill {id: held.skill})
CREATE (p)-[:HAS_SKILL {level: held.level}]->(s)
"""
_RAISE = """
MATCH (:Person {id: $person})-[h:HAS_SKILL]->(:Skill {id: $skill})
SET h.level = h.level + 1
"""
_CLEAR = "MATCH (n) DETACH DELETE n"

person = st.fixed_dictionaries(
    {
        "team": st.sampled_from(_TEAMS),
        "skills": st.lists(
            st.fixed_dictionaries({"skill": st.sampled_from(_SKILLS), "level": st.integers(0, 4)}),
            max_size=3,
            unique_by=lambda h: h["skill"],
        ),
    }
)
org = st.fixed_dictionaries(
    {
        "cloud": st.integers(1, 5),
        "python": st.integers(1, 5),
        "need": st.integers(1, 4),
        "people": st.lists(person, max_size=8),
    }
)
_settings = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


async def _write(db: Database, o: dict[str, Any]) -> None:
    await db.write(_CLEAR)
    await db.write(_SETUP, {"cloud": o["cloud"], "python": o["python"], "need": o["need"]})
    rows = [{"id": f"p{i}", **p} for i, p in enumerate(o["people"])]
    # Odd ids first: an order the answer has is then not the order of creation either way.
    await db.write(_PEOPLE, {"rows": rows[1::2] + rows[::2]})


def _best_in_scope(o: dict[str, Any], skill: str) -> dict[str, int]:
    """Each in-scope person's best level in the skill's closure (-1: none), by id."""
    closure = {"cloud": {"cloud", "k8s", "docker"}, "python": {"python"}}[skill]
    return {
        f"p{i}": max((h["level"] for h in p["skills"] if h["skill"] in closure), default=-1)
        for i, p in enumerate(o["people"])
        if p["team"] in ("T1", "T2")
    }


def _expected_supply(o: dict[str, Any], skill: str, level: int) -> int:
    """Supply by the documented rule, counted in Python: best level in the skill's closure."""
    return sum(best >= level for best in _best_in_scope(o, skill).values())


def _expected_ready_soon(o: dict[str, Any], skill: str, level: int) -> tuple[str, ...]:
    """The in-scope people one level short, by id."""
    return tuple(sorted(p for p, best in _best_in_scope(o, skill).items() if best == level - 1))


@_settings
@given(o=org)
async def test_supply_gap_and_coverage_follow_the_definitions(
    db: Database, o: dict[str, Any]
) -> None:
    await _write(db, o)
    found = await gaps.goal_gaps_one(db, "g")
    for r in found.requirements:
        assert r.supply == _expected_supply(o, r.skill_id, o[r.skill_id])
        assert r.ready_soon == _expected_ready_soon(o, r.skill_id, o[r.skill_id])
        assert r.gap == max(0, o["need"] - r.supply)
        assert r.coverage == min(1.0, r.supply / o["need"])


async def test_ready_soon_people_come_by_id(db: Database) -> None:
    one_short = [{"skill": "k8s", "level": 2}]
    people = [{"team": t, "skills": one_short} for t in ("T1", "T2", "T3", "T2", "T1", "T1")]
    o = {"cloud": 3, "python": 1, "need": 2, "people": people}
    await _write(db, o)
    cloud = (await gaps.goal_gaps_one(db, "g")).requirements[0]
    assert cloud.skill_id == "cloud"
    assert cloud.ready_soon == ("p0", "p1", "p3", "p4", "p5")  # p2's team is out of scope
    assert cloud.ready_soon == _expected_ready_soon(o, "cloud", 3)


@_settings
@given(o=org, data=st.data())
async def test_raising_a_level_never_widens_a_gap(
    db: Database, o: dict[str, Any], data: st.DataObject
) -> None:
    held = [(i, h["skill"]) for i, p in enumerate(o["people"]) for h in p["skills"]]
    if not held:
        return
    who, skill = data.draw(st.sampled_from(held))
    await _write(db, o)
    before = await gaps.goal_gaps_one(db, "g")
    await db.write(_RAISE, {"person": f"p{who}", "skill": skill})
    after = await gaps.goal_gaps_one(db, "g")
    for b, a in zip(before.requirements, after.requirements, strict=True):
        assert a.gap <= b.gap


@_settings
@given(o=org, newcomer=person, team=st.sampled_from(["T1", "T2", "E"]))
async def test_joining_a_committed_team_never_lowers_supply(
    db: Database, o: dict[str, Any], newcomer: dict[str, Any], team: str
) -> None:
    await _write(db, o)
    before = await gaps.goal_gaps_one(db, "g")
    await db.write(_PEOPLE, {"rows": [{"id": "new", **newcomer, "team": team}]})
    after = await gaps.goal_gaps_one(db, "g")
    assert after.scope == before.scope + 1
    for b, a in zip(before.requirements, after.requirements, strict=True):
        assert a.supply >= b.supply
