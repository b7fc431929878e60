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
        assert body["data"] == {"auditLog": None}
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
    with count_round_trips() as admin:
        await _post(client_as("x", "admin"), _PEOPLE)
    with count_round_trips() as manager:
        await _post(client_as("a", "manager"), _PEOPLE)
    # the same queries, plus one for the reporting line behind all four emails
    assert manager.count == admin.count + 1


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


# -- the API's own fields and mutations ---------------------------------------------------

_TIES = (
    "MATCH (a:Person {id: 'a'}), (b:Person {id: 'b'}), (c:Person {id: 'c'}),"
    " (d:Person {id: 'd'}), (k:Skill {id: 'k8s'})"
    " CREATE (c)-[:HAS_SKILL {level: 3, source: 'self'}]->(k),"
    " (c)-[:COLLABORATES_WITH {weight: 2.0}]->(d),"
    " (co:Content {id: 'x1', title: 'Intro', kind: 'course', origin: 'curated'}),"
    " (c)-[:COMPLETED {minutes: 90}]->(co)"
)

_CEM = (
    '{ person(id: "c") { skills { nodes { skill { name } level } }'
    " completions { nodes { minutes } } collaborators { nodes { person { key } weight } } } }"
)


@pytest.mark.parametrize(
    ("person", "roles", "sees"),
    [
        # (viewer) -> which of level, learning, collaborators they see about c
        ("c", ("employee",), {"level", "learning", "collaborators"}),
        ("d", ("employee",), set()),
        ("b", ("manager",), {"level", "learning"}),
        ("a", ("manager",), {"level", "learning"}),
        ("d", ("manager",), set()),
        ("d", ("curator",), set()),
        ("d", ("hr",), {"level", "learning", "collaborators"}),
        ("d", ("learning",), {"level", "learning", "collaborators"}),
        ("d", ("admin",), {"level", "learning", "collaborators"}),
    ],
)
async def test_levels_learning_and_ties_of_a_person(
    client_as: ClientAs, db: Database, person: str, roles: tuple[str, ...], sees: set[str]
) -> None:
    await db.write(_ORG)
    await db.write(_TIES)
    body = await _post(client_as(person, *roles), _CEM)
    cem = body["data"]["person"]
    # which skills someone lists is public; the level is not
    assert cem["skills"]["nodes"] == [
        {"skill": {"name": "Kubernetes"}, "level": 3 if "level" in sees else None}
    ]
    learning = cem["completions"]
    ties = cem["collaborators"]
    assert learning == ({"nodes": [{"minutes": 90}]} if "learning" in sees else None)
    assert ties == (
        {"nodes": [{"person": {"key": "d"}, "weight": 2.0}]} if "collaborators" in sees else None
    )
    refused = sorted(".".join(str(p) for p in e["path"]) for e in body.get("errors") or [])
    expected = []
    if "collaborators" not in sees:
        expected.append("person.collaborators")
    if "learning" not in sees:
        expected.append("person.completions")
    if "level" not in sees:
        expected.append("person.skills.nodes.0.level")
    assert refused == expected


def _assess(person: str, source: str) -> str:
    selection = "{ __typename ... on AssessSkillPayload { personSkill { level source } } }"
    return (
        f'mutation {{ assessSkill(input: {{person: "{person}", skill: "k8s", level: 4, '
        f"source: {source}}}) {selection} }}"
    )


@pytest.mark.parametrize(
    ("viewer", "roles", "person", "source", "allowed"),
    [
        ("c", ("employee",), "c", "SELF", True),
        ("c", ("employee",), "c", "MANAGER", False),
        ("c", ("employee",), "d", "SELF", False),
        ("a", ("manager",), "c", "MANAGER", True),
        ("d", ("manager",), "c", "MANAGER", False),
        ("d", ("hr",), "c", "MANAGER", False),
    ],
)
async def test_assessments_through_the_api(
    client_as: ClientAs,
    db: Database,
    viewer: str,
    roles: tuple[str, ...],
    person: str,
    source: str,
    allowed: bool,
) -> None:
    await db.write(_ORG)
    body = await _post(client_as(viewer, *roles), _assess(person, source))
    level = await db.read(
        "MATCH (:Person {id: $p})-[h:HAS_SKILL]->(:Skill {id: 'k8s'}) RETURN h.level AS level",
        {"p": person},
    )
    if allowed:
        assert body == {
            "data": {
                "assessSkill": {
                    "__typename": "AssessSkillPayload",
                    "personSkill": {"level": 4, "source": source},
                }
            }
        }
        assert level == [{"level": 4}]
    else:
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert level == []
    entries = await _post(
        client_as("x", "admin"), "{ auditLog { nodes { actor action outcome } } }"
    )
    outcome = "ok: AssessSkillPayload" if allowed else "refused"
    assert entries["data"]["auditLog"]["nodes"] == [
        {"actor": viewer, "action": "assessSkill", "outcome": outcome}
    ]


@pytest.mark.parametrize(("roles", "allowed"), [(("employee",), False), (("hr",), True)])
async def test_only_hr_creates_people(
    client_as: ClientAs, db: Database, roles: tuple[str, ...], allowed: bool
) -> None:
    body = await _post(
        client_as("d", *roles),
        'mutation { createPerson(input: {key: "n1", name: "New"}) { __typename } }',
    )
    people = await db.read("MATCH (p:Person {id: 'n1'}) RETURN p.name AS name")
    if allowed:
        assert body == {"data": {"createPerson": {"__typename": "PersonPayload"}}}
        assert people == [{"name": "New"}]
    else:
        assert body["errors"][0]["message"] == "createPerson: needs the role admin, hr"
        assert people == []


def test_every_guarded_field_is_nullable() -> None:
    # A refused field is null; were it non-null, the null would wipe out its parent too (at
    # the root: the other fields of the request).
    from graphql import GraphQLNonNull, GraphQLObjectType

    guarded = [
        f"{name}.{field}"
        for name, t in schema._schema.type_map.items()
        if isinstance(t, GraphQLObjectType) and name != "Mutation"
        for field, definition in t.fields.items()
        if authz.rule_for(name, field) is not authz.Rule.PUBLIC
        and isinstance(definition.type, GraphQLNonNull)
    ]
    assert guarded == []


@pytest.mark.parametrize(
    ("person", "roles", "allowed"),
    [
        ("c", ("employee",), True),
        ("d", ("employee",), False),
        ("a", ("manager",), True),  # c reports to a through b
        ("d", ("manager",), False),
        ("d", ("learning",), True),
    ],
)
async def test_questions_about_one_person_follow_the_personal_rule(
    client_as: ClientAs, db: Database, person: str, roles: tuple[str, ...], allowed: bool
) -> None:
    await db.write(_ORG)
    body = await _post(
        client_as(person, *roles),
        '{ personGaps(personId: "c") { critical } goals { nodes { key } } }',
    )
    if allowed:
        assert body == {"data": {"personGaps": [], "goals": {"nodes": [{"key": "g1"}]}}}
    else:
        # the refused field is null, the rest of the request answers
        assert body["data"] == {"personGaps": None, "goals": {"nodes": [{"key": "g1"}]}}
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(("roles", "allowed"), [(("manager",), False), (("hr",), True)])
async def test_named_organisation_wide_results_are_for_org_roles(
    client_as: ClientAs, db: Database, roles: tuple[str, ...], allowed: bool
) -> None:
    body = await _post(client_as("a", *roles), "{ cultureLeaders { rank } }")
    if allowed:
        assert body == {"data": {"cultureLeaders": []}}
    else:
        assert body["errors"][0]["message"] == (
            "Query.cultureLeaders: only hr, learning and admin may see this"
        )
