"""Mutation rules, the audit trail and minimum group size, on a small schema of the test's own.

The API's own mutations and aggregates land in their domains; these tests pin the rules they
get from ``resolvers.authz`` by running the same extensions over the real database.
"""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
import strawberry

from graph import audit
from graph.db import Database
from resolvers import authz
from resolvers.authz import Rule
from resolvers.context import Context
from schema import schema as api_schema
from skillgraph.auth import Viewer
from skillgraph.limits import Limits, RequestLimits

Info = strawberry.Info[Context, None]


@strawberry.enum
class Source(enum.Enum):
    SELF = "self"
    MANAGER = "manager"
    PEER = "peer"


@strawberry.input
class AssessInput:
    person: strawberry.ID
    skill_id: str
    source: Source
    level: int


@strawberry.type(name="Query")
class _Query:
    @strawberry.field
    async def team_hours(self, info: Info, members: list[str]) -> float | None:
        return await authz.aggregate(info, 12.5, members)

    @strawberry.field
    async def team_centrality(self, info: Info, members: list[str]) -> float | None:
        return await authz.aggregate(info, 0.25, members, individual=Rule.PRIVATE)


@strawberry.type(name="Mutation")
class _Mutation:
    @strawberry.mutation
    async def assess_skill(self, info: Info, input: AssessInput) -> bool:
        await info.context.db.write(
            "MATCH (p:Person {id: $p}) SET p.assessed = $level",
            {"p": str(input.person), "level": input.level},
        )
        return True

    @strawberry.mutation
    def curate_content(self, curator: str, content_id: str) -> bool:
        return True

    @strawberry.mutation
    def create_goal(self, title: str) -> bool:
        return True

    @strawberry.mutation
    def update_person(self, person_id: str) -> bool:
        return True

    @strawberry.mutation
    def run_analysis(self) -> bool:
        return True

    @strawberry.mutation
    def wipe_everything(self) -> bool:
        return True

    @strawberry.mutation
    def run_broken(self) -> bool:
        raise KeyError("not for clients")


_schema = strawberry.Schema(
    query=_Query,
    mutation=_Mutation,
    extensions=[RequestLimits, authz.Authorization],
)

_ORG = (
    "CREATE (a:Person {id: 'a'}), (b:Person {id: 'b'}), (c:Person {id: 'c'}),"
    " (d:Person {id: 'd'}), (b)-[:REPORTS_TO]->(a), (c)-[:REPORTS_TO]->(b)"
)


async def _run(
    db: Database, viewer: Viewer, query: str, limits: Limits | None = None
) -> tuple[Any, list[str]]:
    result = await _schema.execute(query, context_value=Context(db, viewer, limits=limits))
    return result.data, [e.message for e in result.errors or []]


def _assess(person: str, source: str) -> str:
    return (
        f'mutation {{ assessSkill(input: {{person: "{person}", skillId: "k", '
        f"source: {source}, level: 3}}) }}"
    )


_ASSESS_CASES = [
    ("c", ("employee",), "c", "SELF", None),
    ("c", ("employee",), "c", "MANAGER", "you may assess your own skills with source 'self' only"),
    ("c", ("employee",), "d", "SELF", "you may assess only yourself and people who report to you"),
    ("b", ("manager",), "c", "MANAGER", None),
    ("a", ("manager",), "c", "MANAGER", None),  # an indirect report
    ("a", ("manager",), "c", "PEER", "a manager assesses reports with source 'manager' only"),
    ("b", ("manager",), "a", "MANAGER", "you may assess only yourself and people who report"),
    ("b", ("employee",), "c", "MANAGER", "you may assess only yourself and people who report"),
    ("d", ("hr",), "c", "MANAGER", "you may assess only yourself and people who report to you"),
    ("d", ("admin",), "c", "PEER", None),
]


@pytest.mark.parametrize(("viewer", "roles", "person", "source", "refusal"), _ASSESS_CASES)
async def test_who_may_assess_whom(
    db: Database,
    viewer: str,
    roles: tuple[str, ...],
    person: str,
    source: str,
    refusal: str | None,
) -> None:
    await db.write(_ORG)
    data, errors = await _run(db, Viewer.of(viewer, roles), _assess(person, source))
    written = await db.read("MATCH (p:Person {id: $p}) RETURN p.assessed AS v", {"p": person})
    if refusal is None:
        assert (data, errors) == ({"assessSkill": True}, [])
        assert written == [{"v": 3}]
    else:
        assert data is None
        assert len(errors) == 1
        assert errors[0].startswith("assessSkill: " + refusal)
        assert written == [{"v": None}]


@pytest.mark.parametrize(
    ("mutation", "allowed"),
    [
        ('curateContent(curator: "d", contentId: "x")', {"curator", "admin"}),
        ('createGoal(title: "x")', {"hr", "admin"}),
        ('updatePerson(personId: "x")', {"hr", "admin"}),
        ("runAnalysis", {"learning", "admin"}),
        ("wipeEverything", {"admin"}),  # a mutation with no rule of its own needs admin
    ],
)
async def test_role_rules_of_mutations(db: Database, mutation: str, allowed: set[str]) -> None:
    name = mutation.split("(")[0]
    for role in ("employee", "manager", "curator", "hr", "learning", "admin"):
        data, errors = await _run(db, Viewer.of("d", [role]), f"mutation {{ {mutation} }}")
        if role in allowed:
            assert (data, errors) == ({name: True}, []), role
        else:
            assert data is None, role
            assert errors[0].startswith(f"{name}: needs the role "), role


async def test_every_call_is_audited(db: Database) -> None:
    await db.write(_ORG)
    await _run(db, Viewer.of("c", ["employee"]), _assess("c", "SELF"))
    await _run(db, Viewer.of("c", ["employee"]), _assess("d", "SELF"))
    await _run(db, Viewer.of("a", ["admin"]), "mutation { runBroken }")
    rows, total = await audit.page(db, limit=10, after=None)
    assert total == 3
    assert [(r["actor"], r["roles"], r["action"], r["outcome"]) for r in rows] == [
        ("a", ["admin"], "runBroken", "failed"),
        ("c", ["employee"], "assessSkill", "refused"),
        ("c", ["employee"], "assessSkill", "ok"),
    ]
    assert json.loads(rows[2]["inputs"]) == {
        "input": {"person": "c", "skillId": "k", "source": "self", "level": 3}
    }
    assert rows[0]["at"] >= rows[1]["at"] >= rows[2]["at"]
    assert all(len(r["requestId"]) == 16 for r in rows)
    only_c, count_c = await audit.page(db, limit=10, after=None, actor="c", action="assessSkill")
    assert count_c == 2
    assert [r["outcome"] for r in only_c] == ["refused", "ok"]
    # admins read it through the API, newest first, a page at a time
    result = await api_schema.execute(
        "{ auditLog(first: 2) { totalCount pageInfo { hasNextPage }"
        " nodes { actor action outcome } } }",
        context_value=Context(db, Viewer.of("x", ["admin"])),
    )
    assert result.errors is None
    assert result.data == {
        "auditLog": {
            "totalCount": 3,
            "pageInfo": {"hasNextPage": True},
            "nodes": [
                {"actor": "a", "action": "runBroken", "outcome": "failed"},
                {"actor": "c", "action": "assessSkill", "outcome": "refused"},
            ],
        }
    }


_FOUR = '["a", "b", "c", "d"]'
_FIVE = '["a", "b", "c", "d", "e"]'
_REPORTS = '["b", "c"]'


@pytest.mark.parametrize(
    ("viewer", "roles", "members", "hours", "centrality"),
    [
        # fewer than five people: suppressed unless the viewer may see each of them
        ("d", ("employee",), _FOUR, None, None),
        ("d", ("manager",), _FOUR, None, None),
        ("a", ("manager",), _REPORTS, 12.5, None),  # their reports' hours, not their network
        ("b", ("employee",), '["b"]', 12.5, 0.25),  # only themselves
        ("d", ("hr",), _FOUR, 12.5, 0.25),
        ("d", ("learning",), _FOUR, 12.5, 0.25),
        # five or more: shown to everyone
        ("d", ("employee",), _FIVE, 12.5, 0.25),
    ],
)
async def test_small_groups_are_suppressed(
    db: Database,
    viewer: str,
    roles: tuple[str, ...],
    members: str,
    hours: float | None,
    centrality: float | None,
) -> None:
    await db.write(_ORG)
    query = f"{{ teamHours(members: {members}) teamCentrality(members: {members}) }}"
    data, errors = await _run(db, Viewer.of(viewer, roles), query)
    assert data == {"teamHours": hours, "teamCentrality": centrality}
    expected = [
        f"Query.{field}: withheld because it covers fewer than 5 people (SKILLGRAPH_MIN_GROUP_SIZE)"
        for field, value in (("teamHours", hours), ("teamCentrality", centrality))
        if value is None
    ]
    assert sorted(errors) == sorted(expected)


async def test_minimum_group_size_is_configurable(db: Database) -> None:
    await db.write(_ORG)
    query = f"{{ teamHours(members: {_FOUR}) }}"
    data, errors = await _run(db, Viewer.of("d", ["employee"]), query, Limits(min_group_size=4))
    assert (data, errors) == ({"teamHours": 12.5}, [])
