"""The access policy as a role × field matrix over HTTP, on the real database."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.db import Database, count_round_trips
from resolvers import authz
from schema import schema
from tests.conftest import ClientAs

# a manages b, b manages c (so a manages c indirectly); d is on their own.
_ORG = (
    "CREATE (t:Team {id: 't1', name: 'Platform'}),"
    " (a:Person {id: 'a', name: 'Ada', email: 'ada@example.org', title: 'Head'}),"
    " (b:Person {id: 'b', name: 'Ben', email: 'ben@example.org', title: 'Lead'}),"
    " (c:Person {id: 'c', name: 'Cem', email: 'cem@example.org', title: 'Engineer'}),"
    " (d:Person {id: 'd', name: 'Dina', email: 'dina@example.org', title: 'Designer'}),"
    " (a)-[:MEMBER_OF]->(t), (b)-[:MEMBER_OF]->(t), (c)-[:MEMBER_OF]->(t),"
    " (b)-[:REPORTS_TO]->(a), (c)-[:REPORTS_TO]->(b),"
    " (:Skill {id: 'k8s', name: 'Kubernetes'}), (:Goal {id: 'g1', title: 'Cloud'})"
)

# (person, roles) of the viewer -> the people whose email they may read.
_EMAIL_VISIBLE: list[tuple[str, tuple[str, ...], set[str]]] = [
    ("d", ("employee",), {"d"}),
    ("c", ("employee",), {"c"}),
    ("b", ("employee",), {"b"}),  # manages c in the graph, but holds no manager role
    ("b", ("manager", "employee"), {"b", "c"}),
    ("a", ("manager",), {"a", "b", "c"}),
    ("d", ("manager",), {"d"}),
    ("d", ("curator",), {"d"}),
    ("d", ("hr",), {"a", "b", "c", "d"}),
    ("d", ("learning",), {"a", "b", "c", "d"}),
    ("x", ("admin",), {"a", "b", "c", "d"}),
]

_PEOPLE = "{ people { nodes { key name title email team { name } } } }"


async def _post(client: httpx.AsyncClient, query: str) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(("person", "roles", "visible"), _EMAIL_VISIBLE)
async def test_email_is_seen_by_self_managers_and_org_roles(
    client_as: ClientAs, db: Database, person: str, roles: tuple[str, ...], visible: set[str]
) -> None:
    await db.write(_ORG)
    body = await _post(client_as(person, *roles), _PEOPLE)
    nodes = body["data"]["people"]["nodes"]
    # the public profile is everyone's to read
    assert [(n["key"], n["name"], n["title"]) for n in nodes] == [
        ("a", "Ada", "Head"),
        ("b", "Ben", "Lead"),
        ("c", "Cem", "Engineer"),
        ("d", "Dina", "Designer"),
    ]
    assert [n["team"] for n in nodes] == [{"name": "Platform"}] * 3 + [None]
    seen = {n["key"] for n in nodes if n["email"] is not None}
    assert seen == visible
    assert {n["email"] for n in nodes if n["key"] in visible} == {
        f"{n['name'].lower()}@example.org" for n in nodes if n["key"] in visible
    }
    refused = sorted(e["path"][2] for e in body.get("errors") or [])
    assert refused == sorted(list({0, 1, 2, 3} - {"abcd".index(k) for k in visible}))
    for error in body.get("errors") or []:
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert error["message"] == (
            "Person.email: only the person, their managers, hr, learning and admin may see this"
        )


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [
        (("employee",), False),
        (("manager",), False),
        (("curator",), False),
        (("hr",), False),
        (("learning",), False),
        (("admin",), True),
    ],
)
async def test_only_admins_read_the_audit_log(
    client_as: ClientAs, db: Database, roles: tuple[str, ...], allowed: bool
) -> None:
    body = await _post(client_as("d", *roles), "{ auditLog { totalCount } }")
    if allowed:
        assert body == {"data": {"auditLog": {"totalCount": 0}}}
    else:
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert body["errors"][0]["message"] == "Query.auditLog: only admin may see this"


@pytest.mark.parametrize("roles", [("employee",), ("curator",), ("manager",)])
async def test_taxonomy_goals_and_teams_are_public(
    client_as: ClientAs, db: Database, roles: tuple[str, ...]
) -> None:
    await db.write(_ORG)
    body = await _post(
        client_as("d", *roles),
        '{ skill(id: "k8s") { name } goal(id: "g1") { title } team(id: "t1") { name } }',
    )
    assert body == {
        "data": {
            "skill": {"name": "Kubernetes"},
            "goal": {"title": "Cloud"},
            "team": {"name": "Platform"},
        }
    }


async def test_the_reporting_line_is_read_once_per_request(
    client_as: ClientAs, db: Database
) -> None:
    await db.write(_ORG)
    client = client_as("a", "manager")
    with count_round_trips() as trips:
        await _post(client, _PEOPLE)
    # people page + count, team ids, teams, and one reporting-line query for all four emails
    assert trips.count == 5


async def test_a_viewer_without_roles_reads_nothing(db: Database) -> None:
    from resolvers.context import Context
    from skillgraph.auth import Viewer

    result = await schema.execute(
        '{ skill(id: "k8s") { name } }', context_value=Context(db, Viewer.anonymous())
    )
    assert result.data == {"skill": None}
    assert result.errors is not None
    assert [e.message for e in result.errors] == ["authentication required: send a bearer token"]


def test_every_field_of_the_schema_has_a_rule() -> None:
    from graphql import GraphQLObjectType

    fields = {
        name: list(t.fields)
        for name, t in schema._schema.type_map.items()
        if isinstance(t, GraphQLObjectType) and not name.startswith("__")
    }
    assert list(authz.unclassified(fields)) == []


def test_an_unclassified_field_is_for_admins_only() -> None:
    assert authz.rule_for("Salary", "amount") is None
    assert list(authz.unclassified({"Salary": ["amount"], "Person": ["name"]})) == ["Salary.amount"]
