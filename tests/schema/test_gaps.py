"""The skill-gap API over HTTP on the hand-worked organisation of ``tests/graph/gaps_org.py``.

Every query also checks it is answered in a bounded number of Cypher statements.
"""

from __future__ import annotations

from typing import Any

import httpx
from strawberry.relay import GlobalID

from graph.db import Database, count_round_trips
from tests.graph import gaps_org


async def _post(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body.get("errors") is None, body
    return body["data"]  # type: ignore[no-any-return]


async def _errors(client: httpx.AsyncClient, query: str) -> list[str]:
    response = await client.post("/graphql", json={"query": query})
    return [e["message"] for e in response.json()["errors"]]


SKILL_GAPS = """
query($goal: ID!, $team: ID) {
  skillGaps(goalId: $goal, teamId: $team) {
    goal { key } team { key } scopeSize headcount supply gap coverage met unmetRequirements
    requirements {
      skill { key } level headcount critical supply gap coverage organisationSupply
      singlePointOfFailure readySoonCount readySoon { key }
      outsideSupply(first: 2) { person { key } level hops contacts }
    }
  }
}
"""


async def test_skill_gaps(client: httpx.AsyncClient, db: Database) -> None:
    await gaps_org.load(db)
    with count_round_trips() as trips:
        data = await _post(client, SKILL_GAPS, goal=str(GlobalID("Goal", "g1")))
    # requirements and scope (they bring the goal, skills and ready-soon people along),
    # outside supply, then the outside candidates' people.
    assert trips.count == 4
    assert data["skillGaps"] == {
        "goal": {"key": "g1"},
        "team": None,
        "scopeSize": 4,
        "headcount": 5,
        "supply": 4,
        "gap": 1,
        "coverage": 0.8,
        "met": False,
        "unmetRequirements": 1,
        "requirements": [
            {
                "skill": {"key": "cloud"},
                "level": 3,
                "headcount": 3,
                "critical": True,
                "supply": 2,
                "gap": 1,
                "coverage": 2 / 3,
                "organisationSupply": 5,
                "singlePointOfFailure": False,
                "readySoonCount": 1,
                "readySoon": [{"key": "c"}],
                "outsideSupply": [
                    {"person": {"key": "e"}, "level": 5, "hops": 1, "contacts": 1},
                    {"person": {"key": "f"}, "level": 4, "hops": 2, "contacts": 1},
                ],
            },
            {
                "skill": {"key": "python"},
                "level": 2,
                "headcount": 2,
                "critical": False,
                "supply": 2,
                "gap": 0,
                "coverage": 1.0,
                "organisationSupply": 3,
                "singlePointOfFailure": False,
                "readySoonCount": 1,
                "readySoon": [{"key": "a"}],
                "outsideSupply": [{"person": {"key": "e"}, "level": 4, "hops": 1, "contacts": 1}],
            },
        ],
    }


async def test_skill_gaps_for_a_team_and_unknowns(client: httpx.AsyncClient, db: Database) -> None:
    await gaps_org.load(db)
    q = "query($team: ID) { skillGaps(goalId: \"g1\", teamId: $team) { team { name } scopeSize" \
        " requirements { supply readySoon { key } } } }"  # fmt: skip
    data = await _post(client, q, team="T1")
    assert data["skillGaps"] == {
        "team": {"name": "Team 1"},
        "scopeSize": 2,
        "requirements": [
            {"supply": 2, "readySoon": []},
            {"supply": 1, "readySoon": [{"key": "a"}]},
        ],
    }
    assert (await _post(client, '{ skillGaps(goalId: "nope") { gap } }')) == {"skillGaps": None}
    assert await _errors(client, '{ skillGaps(goalId: "g1", teamId: "nope") { gap } }') == [
        "team 'nope' does not exist"
    ]
    assert await _errors(
        client, '{ skillGaps(goalId: "g1") { requirements { readySoon(first: 101) { key } } } }'
    ) == [
        "first: must be between 0 and 100, got 101 (first of readySoon; "
        "page size limit SKILLGRAPH_MAX_PAGE_SIZE)"
    ]


async def test_team_and_organisation_roll_ups(client: httpx.AsyncClient, db: Database) -> None:
    await gaps_org.load(db)
    team = await _post(
        client,
        '{ teamGaps(teamId: "T1") { team { key } headcount supply gap goals { goal { key } } } }',
    )
    assert team == {
        "teamGaps": {
            "team": {"key": "T1"},
            "headcount": 5,
            "supply": 3,
            "gap": 2,
            "goals": [{"goal": {"key": "g1"}}],
        }
    }
    with count_round_trips() as trips:
        org = await _post(
            client,
            "{ organisationGaps { headcount supply gap goals { goal { key } gap }"
            " skills { skill { key } requirements demand supply gap criticalGap weightedGap }"
            " units { team { key } parent { key } kind depth demand supply } } }",
        )
    # goals, requirements, scope, unit supply, unit demand, units, roots; the units bring
    # their teams (and so every parent: a unit's parent is a unit too) along.
    assert trips.count == 7
    o = org["organisationGaps"]
    assert (o["headcount"], o["supply"], o["gap"]) == (8, 6, 2)
    assert o["goals"] == [{"goal": {"key": "g1"}, "gap": 1}, {"goal": {"key": "g2"}, "gap": 1}]
    assert o["skills"] == [
        {"skill": {"key": "cloud"}, "requirements": 1, "demand": 3, "supply": 2, "gap": 1,
         "criticalGap": 1, "weightedGap": 2},
        {"skill": {"key": "python"}, "requirements": 2, "demand": 4, "supply": 3, "gap": 1,
         "criticalGap": 0, "weightedGap": 1},
        {"skill": {"key": "k8s"}, "requirements": 1, "demand": 1, "supply": 1, "gap": 0,
         "criticalGap": 0, "weightedGap": 0},
    ]  # fmt: skip
    assert o["units"] == [
        {"team": {"key": "D"}, "parent": None, "kind": "division", "depth": 0, "demand": 5,
         "supply": 4},
        {"team": {"key": "D2"}, "parent": None, "kind": "division", "depth": 0, "demand": 3,
         "supply": 2},
        {"team": {"key": "E"}, "parent": {"key": "D"}, "kind": "department", "depth": 1,
         "demand": 5, "supply": 4},
        {"team": {"key": "T3"}, "parent": {"key": "D2"}, "kind": "department", "depth": 1,
         "demand": 3, "supply": 2},
        {"team": {"key": "T1"}, "parent": {"key": "E"}, "kind": "team", "depth": 2, "demand": 0,
         "supply": 3},
    ]  # fmt: skip


async def test_person_gaps_and_recommendations(client: httpx.AsyncClient, db: Database) -> None:
    await gaps_org.load(db)
    data = await _post(
        client,
        '{ personGaps(personId: "c") { goal { key } skill { key } requiredLevel currentLevel'
        " distance critical } }",
    )
    assert data["personGaps"] == [
        {"goal": {"key": "g1"}, "skill": {"key": "python"}, "requiredLevel": 2,
         "currentLevel": 0, "distance": 2, "critical": False},
        {"goal": {"key": "g1"}, "skill": {"key": "cloud"}, "requiredLevel": 3,
         "currentLevel": 2, "distance": 1, "critical": True},
    ]  # fmt: skip
    with count_round_trips() as trips:
        data = await _post(
            client,
            '{ recommendations(personId: "c", skillId: "cloud", first: 2) {'
            " skill { key } goals { key } currentLevel targetLevel distance expectedHours"
            " content { content { origin } key title kind minutes hours teachesLevel levelFit"
            " curated rating ratings completedByNetwork reasons }"
            " mentors { person { key } level hops sameTeam reasons } } }",
        )
    # gaps, content, mentors (they bring the skill and the mentors along); goal and content
    # batches.
    assert trips.count == 5
    assert data["recommendations"] == [
        {
            "skill": {"key": "cloud"},
            "goals": [{"key": "g1"}],
            "currentLevel": 2,
            "targetLevel": 3,
            "distance": 1,
            "expectedHours": 3.0,
            "content": [
                {"content": {"origin": "CURATED"}, "key": "x1", "title": "Cloud architecture",
                 "kind": "course", "minutes": 180.0,
                 "hours": 3.0, "teachesLevel": 3, "levelFit": 2, "curated": True, "rating": 4.5,
                 "ratings": 2, "completedByNetwork": 1,
                 "reasons": ["teaches cloud computing up to level 3 (you: 2, needed: 3)",
                             "curated by Zoe", "rated 4.5/5 by 2 people",
                             "completed by people you follow or work with: Ben"]},
                {"content": {"origin": "USER_GENERATED"}, "key": "x2",
                 "title": "Kubernetes deep dive", "kind": "video", "minutes": 60.0,
                 "hours": 1.0, "teachesLevel": 4, "levelFit": 1, "curated": False, "rating": 3.0,
                 "ratings": 1, "completedByNetwork": 1,
                 "reasons": ["teaches cloud computing up to level 4 (you: 2, needed: 3), beyond"
                             " the level needed", "rated 3.0/5 by 1 person",
                             "completed by people you follow or work with: Dora"]},
            ],
            "mentors": [
                {"person": {"key": "b"}, "level": 3, "hops": 1, "sameTeam": False,
                 "reasons": ["level 3 in cloud computing", "works with you directly"]},
                {"person": {"key": "a"}, "level": 4, "hops": 2, "sameTeam": False,
                 "reasons": ["level 4 in cloud computing", "works with someone you work with"]},
            ],
        }
    ]  # fmt: skip
    assert await _errors(client, '{ personGaps(personId: "nobody") { distance } }') == [
        "person 'nobody' does not exist"
    ]


async def test_learning_hours(client: httpx.AsyncClient, db: Database) -> None:
    await gaps_org.load(db)
    q = (
        'query($team: ID) { learningHours(start: "2026-01-01", end: "2027-01-01", teamId: $team)'
        " { people hours hoursPerPerson relevantHours relevance peopleWithTarget targetHours"
        " attainment peopleMeetingTarget } }"
    )
    assert (await _post(client, q))["learningHours"] == {
        "people": 8, "hours": 9.0, "hoursPerPerson": 1.12, "relevantHours": 7.5,
        "relevance": 0.8333, "peopleWithTarget": 5, "targetHours": 50.0, "attainment": 0.18,
        "peopleMeetingTarget": 0,
    }  # fmt: skip
    assert (await _post(client, q, team="T1"))["learningHours"]["attainment"] == 0.3
    assert await _errors(
        client, '{ learningHours(start: "2026-01-01", end: "2025-01-01") { hours } }'
    ) == ["period: end 2025-01-01 must come after start 2026-01-01"]
