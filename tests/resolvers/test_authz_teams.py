"""Aggregates over a team's people: who reads them, and suppression below the minimum group size.

Over HTTP on the real database. Platform (``plat``) has three people: Ada manages Ben, who
manages Cem. Cloud (``cloud``) has six: Fay manages all of them but herself; two of them are
one level short of the goal both teams are committed to. Dina belongs to no team.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.db import Database, count_round_trips
from skillgraph.app import create_app
from skillgraph.auth import Role, TokenKeys
from skillgraph.limits import Limits
from tests.conftest import ClientAs

_ORG = (
    "CREATE (plat:Team {id: 'plat', name: 'Platform'}), (cloud:Team {id: 'cloud', name: 'Cloud'}),"
    " (k8s:Skill {id: 'k8s', name: 'Kubernetes'}),"
    " (g:Goal {id: 'g1', title: 'Cloud migration', kind: 'skills'}),"
    " (g)-[:REQUIRES {level: 3, headcount: 4}]->(k8s),"
    " (plat)-[:COMMITTED_TO]->(g), (cloud)-[:COMMITTED_TO]->(g),"
    " (a:Person {id: 'a', name: 'Ada'})-[:MEMBER_OF]->(plat),"
    " (b:Person {id: 'b', name: 'Ben'})-[:MEMBER_OF]->(plat),"
    " (c:Person {id: 'c', name: 'Cem'})-[:MEMBER_OF]->(plat),"
    " (b)-[:REPORTS_TO]->(a), (c)-[:REPORTS_TO]->(b),"
    " (:Person {id: 'd', name: 'Dina'}),"
    " (f:Person {id: 'f', name: 'Fay'})-[:MEMBER_OF]->(cloud),"
    " (p1:Person {id: 'p1', name: 'Pia'})-[:MEMBER_OF]->(cloud),"
    " (p2:Person {id: 'p2', name: 'Pau'})-[:MEMBER_OF]->(cloud),"
    " (p3:Person {id: 'p3', name: 'Per'})-[:MEMBER_OF]->(cloud),"
    " (p4:Person {id: 'p4', name: 'Pim'})-[:MEMBER_OF]->(cloud),"
    " (p5:Person {id: 'p5', name: 'Pol'})-[:MEMBER_OF]->(cloud),"
    " (p1)-[:REPORTS_TO]->(f), (p2)-[:REPORTS_TO]->(f), (p3)-[:REPORTS_TO]->(f),"
    " (p4)-[:REPORTS_TO]->(f), (p5)-[:REPORTS_TO]->(f),"
    " (p1)-[:HAS_SKILL {level: 2}]->(k8s), (p2)-[:HAS_SKILL {level: 2}]->(k8s),"
    " (p3)-[:HAS_SKILL {level: 4}]->(k8s), (c)-[:HAS_SKILL {level: 3}]->(k8s)"
)

_WITHHELD = "{field}: withheld because it covers fewer than 5 people (SKILLGRAPH_MIN_GROUP_SIZE)"


async def _post(client: httpx.AsyncClient, query: str) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# (viewer, roles) -> whether they read Platform's (three people) gaps and learning hours
@pytest.mark.parametrize(
    ("person", "roles", "allowed"),
    [
        ("a", ("manager",), True),  # Ben and Cem report to her: she may see each of them
        ("b", ("manager",), False),  # Cem reports to him, but Ada does not
        ("c", ("employee",), False),  # a member, who may not see Ada's and Ben's levels
        ("d", ("employee",), False),
        ("d", ("manager",), False),
        ("d", ("hr",), True),
        ("d", ("learning",), True),
        ("x", ("admin",), True),
    ],
)
async def test_small_team_aggregates_are_for_those_who_see_every_member(
    client_as: ClientAs, db: Database, person: str, roles: tuple[str, ...], allowed: bool
) -> None:
    await db.write(_ORG)
    query = (
        '{ teamGaps(teamId: "plat") { headcount supply gap }'
        ' learningHours(start: "2026-01-01", end: "2027-01-01", teamId: "plat") { people }'
        ' skillGaps(goalId: "g1", teamId: "plat") { scopeSize supply } }'
    )
    body = await _post(client_as(person, *roles), query)
    if allowed:
        assert body == {
            "data": {
                "teamGaps": {"headcount": 4, "supply": 1, "gap": 3},
                "learningHours": {"people": 3},
                "skillGaps": {"scopeSize": 3, "supply": 1},
            }
        }
    else:
        # null with the reason, never the number; the rest of the response stands
        assert body["data"] == {"teamGaps": None, "learningHours": None, "skillGaps": None}
        errors = {e["path"][0]: e for e in body["errors"]}
        assert sorted(errors) == ["learningHours", "skillGaps", "teamGaps"]
        for field, error in errors.items():
            assert error["message"] == _WITHHELD.format(field=f"Query.{field}")
            assert error["extensions"] == {
                "code": "SUPPRESSED",
                "minGroupSize": 5,
                "groupSize": 3,
            }


@pytest.mark.parametrize(
    ("person", "roles"),
    [("d", ("employee",)), ("c", ("employee",)), ("a", ("manager",)), ("d", ("curator",))],
)
async def test_a_team_at_the_minimum_size_is_everyones_aggregate(
    client_as: ClientAs, db: Database, person: str, roles: tuple[str, ...]
) -> None:
    await db.write(_ORG)
    body = await _post(
        client_as(person, *roles),
        '{ teamGaps(teamId: "cloud") { headcount supply gap }'
        ' skillGaps(goalId: "g1", teamId: "cloud") { requirements { readySoonCount } } }',
    )
    assert body == {
        "data": {
            "teamGaps": {"headcount": 4, "supply": 1, "gap": 3},
            "skillGaps": {"requirements": [{"readySoonCount": 2}]},
        }
    }


async def test_the_minimum_group_size_follows_the_setting(
    client_as: ClientAs, db: Database, token_keys: TokenKeys
) -> None:
    await db.write(_ORG)
    query = '{ teamGaps(teamId: "cloud") { gap } }'
    body = await _post(client_as("d", "employee"), query)
    assert body == {"data": {"teamGaps": {"gap": 3}}}
    # Cloud's six people are below a minimum of seven
    app = create_app(db=db, keys=token_keys, limits=Limits(min_group_size=7))
    token = token_keys.issue("d", (Role.EMPLOYEE,))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://skillgraph.test",
        headers={"authorization": f"Bearer {token}"},
    ) as client:
        body = await _post(client, query)
    assert body["data"] == {"teamGaps": None}
    assert body["errors"][0]["extensions"] == {
        "code": "SUPPRESSED",
        "minGroupSize": 7,
        "groupSize": 6,
    }


# who sees which of Cloud's two ready-soon people by name (the count is the aggregate's)
@pytest.mark.parametrize(
    ("person", "roles", "named"),
    [
        ("p1", ("employee",), ["p1"]),
        ("p3", ("employee",), []),
        ("f", ("manager",), ["p1", "p2"]),
        ("f", ("employee",), []),  # manages them in the graph, but holds no manager role
        ("d", ("hr",), ["p1", "p2"]),
    ],
)
async def test_ready_soon_names_only_people_the_viewer_may_see(
    client_as: ClientAs, db: Database, person: str, roles: tuple[str, ...], named: list[str]
) -> None:
    await db.write(_ORG)
    body = await _post(
        client_as(person, *roles),
        '{ skillGaps(goalId: "g1", teamId: "cloud")'
        " { requirements { readySoonCount readySoon { key } } } }",
    )
    [requirement] = body["data"]["skillGaps"]["requirements"]
    assert requirement["readySoonCount"] == 2
    assert sorted(p["key"] for p in requirement["readySoon"]) == named


async def test_team_network_metrics_need_sight_of_every_members_network(
    client_as: ClientAs, db: Database
) -> None:
    await db.write(_ORG)
    query = '{ teamHealth(teamId: "plat") { size } teamHealthTrend(teamId: "plat") { size } }'
    # Ada may see her reports' levels and hours, but not their networks
    body = await _post(client_as("a", "manager"), query)
    assert body["data"] == {"teamHealth": None, "teamHealthTrend": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["SUPPRESSED", "SUPPRESSED"]
    # nothing withheld from learning (no analysis has run: no health, an empty trend)
    body = await _post(client_as("d", "learning"), query)
    assert body == {"data": {"teamHealth": None, "teamHealthTrend": []}}


@pytest.mark.parametrize(
    "query",
    [
        '{ skillGaps(goalId: "g1") { supply } }',
        '{ learningHours(start: "2026-01-01", end: "2027-01-01") { people } }',
        "{ organisationGaps { gap } }",
    ],
)
async def test_organisation_wide_numbers_stay_with_org_roles(
    client_as: ClientAs, db: Database, query: str
) -> None:
    await db.write(_ORG)
    body = await _post(client_as("a", "manager"), query)
    assert list(body["data"].values()) == [None]
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "only hr, learning and admin may see this" in body["errors"][0]["message"]


async def test_the_team_is_read_once_per_request(client_as: ClientAs, db: Database) -> None:
    await db.write(_ORG)
    query = '{ one: teamGaps(teamId: "cloud") { gap } two: teamGaps(teamId: "cloud") { gap } }'
    client = client_as("d", "employee")
    with count_round_trips() as trips:
        body = await _post(client, query)
    assert body == {"data": {"one": {"gap": 3}, "two": {"gap": 3}}}
    # the team's people once, then each field's gap statements
    with count_round_trips() as single:
        await _post(client, '{ teamGaps(teamId: "cloud") { gap } }')
    assert trips.count == 2 * single.count - 1
