"""Every entity and every tie, navigated both ways on the real schema and database."""

from __future__ import annotations

from strawberry.relay import GlobalID

from graph.db import Database
from schema.pagination import encode_cursor
from tests.org import load_org, run, run_errors


def _keys(conn: dict[str, object]) -> list[str]:
    nodes = conn["nodes"]
    assert isinstance(nodes, list)
    return [n["key"] for n in nodes]


async def test_employee_view(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """{ person(id: "b") {
          name team { name parent { name } } manager { name }
          skills { totalCount nodes { level source assessedAt skill { key } } }
          completions { totalCount nodes { at minutes rating content { key } } }
          followers { totalCount } following { nodes { key } }
          collaborators { nodes { weight lastAt person { key } } }
          createdContent { nodes { key } } curations { totalCount } curator { key }
        } }""",
    )
    assert data["person"] == {
        "name": "Ben Berg",
        "team": {"name": "Platform", "parent": {"name": "Division"}},
        "manager": {"name": "Ada Lovelace"},
        "skills": {
            "totalCount": 1,
            "nodes": [{"level": 3, "source": "PEER", "assessedAt": None, "skill": {"key": "py"}}],
        },
        "completions": {
            "totalCount": 2,
            "nodes": [
                {
                    "at": "2026-03-05T09:00:00+00:00",
                    "minutes": 10,
                    "rating": None,
                    "content": {"key": "c3"},
                },
                {
                    "at": "2026-03-01T09:00:00+00:00",
                    "minutes": 90,
                    "rating": 4,
                    "content": {"key": "c1"},
                },
            ],
        },
        "followers": {"totalCount": 0},
        "following": {"nodes": [{"key": "a"}]},
        "collaborators": {
            "nodes": [
                {"weight": 5.0, "lastAt": "2026-02-01T09:00:00+00:00", "person": {"key": "a"}}
            ]
        },
        "createdContent": {"nodes": [{"key": "c3"}]},
        "curations": {"totalCount": 0},
        "curator": None,
    }


async def test_manager_view(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """{ person(id: "a") {
          isCurator reports { nodes { key } }
          everyone: reports(includeIndirect: true) { totalCount nodes { key } }
          followers { nodes { key } }
          skills(minLevel: 3) { totalCount nodes { level assessedAt skill { key } } }
          collaborators { nodes { weight person { key } } }
          curator { key curations { nodes { at note content { key } } } }
        } }""",
    )
    assert data["person"] == {
        "isCurator": True,
        "reports": {"nodes": [{"key": "b"}, {"key": "c"}]},
        "everyone": {"totalCount": 3, "nodes": [{"key": "b"}, {"key": "c"}, {"key": "e"}]},
        "followers": {"nodes": [{"key": "b"}, {"key": "c"}]},
        "skills": {
            "totalCount": 1,
            "nodes": [
                {"level": 5, "assessedAt": "2025-12-01T09:00:00+00:00", "skill": {"key": "py"}}
            ],
        },
        "collaborators": {
            "nodes": [
                {"weight": 5.0, "person": {"key": "b"}},
                {"weight": 1.0, "person": {"key": "c"}},
            ]
        },
        "curator": {
            "key": "a",
            "curations": {
                "nodes": [
                    {"at": "2026-02-01T09:00:00+00:00", "note": None, "content": {"key": "c2"}},
                    {
                        "at": "2026-01-05T09:00:00+00:00",
                        "note": "start here",
                        "content": {"key": "c1"},
                    },
                ]
            },
        },
    }


async def test_team_view(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """{ div: team(id: "div") {
          parent { key } subTeams { totalCount nodes { key } } members { nodes { key } }
          everyone: members(includeSubTeams: true) { totalCount nodes { key } }
          goals { nodes { key } }
        }
        t1: team(id: "t1") {
          parent { key } goals { nodes { key } } inherited: goals(inherited: true) { nodes { key } }
        } }""",
    )
    assert data == {
        "div": {
            "parent": None,
            "subTeams": {"totalCount": 2, "nodes": [{"key": "t2"}, {"key": "t1"}]},
            "members": {"nodes": [{"key": "d"}]},
            "everyone": {"totalCount": 5, "nodes": [{"key": k} for k in "abcde"]},
            "goals": {"nodes": [{"key": "g1"}]},
        },
        "t1": {
            "parent": {"key": "div"},
            "goals": {"nodes": [{"key": "g2"}]},
            "inherited": {"nodes": [{"key": "g1"}, {"key": "g2"}]},
        },
    }


async def test_skill_view(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """{ py: skill(id: "py") {
          altLabels holders { totalCount nodes { level person { key } } }
          experts: holders(minLevel: 3) { totalCount nodes { person { key } } }
          broader { nodes { key } } related { nodes { kind skill { key } } }
          teachingContent { nodes { level content { key } } }
          requiredBy { nodes { level headcount critical goal { key } } }
        }
        prog: skill(id: "prog") {
          narrower { totalCount nodes { key } } broader { totalCount }
        }
        sql: skill(id: "sql") { related { nodes { kind skill { key } } } }
        go: skill(id: "go") { escoUri } }""",
    )
    assert data == {
        "py": {
            "altLabels": ["python3", "Py"],
            "holders": {
                "totalCount": 3,
                "nodes": [
                    {"level": 5, "person": {"key": "a"}},
                    {"level": 3, "person": {"key": "b"}},
                    {"level": 1, "person": {"key": "e"}},
                ],
            },
            "experts": {
                "totalCount": 2,
                "nodes": [{"person": {"key": "a"}}, {"person": {"key": "b"}}],
            },
            "broader": {"nodes": [{"key": "prog"}]},
            "related": {"nodes": [{"kind": "optional", "skill": {"key": "sql"}}]},
            "teachingContent": {"nodes": [{"level": 2, "content": {"key": "c1"}}]},
            "requiredBy": {
                "nodes": [{"level": 3, "headcount": 2, "critical": True, "goal": {"key": "g1"}}]
            },
        },
        "prog": {
            "narrower": {"totalCount": 2, "nodes": [{"key": "go"}, {"key": "py"}]},
            "broader": {"totalCount": 0},
        },
        "sql": {"related": {"nodes": [{"kind": "optional", "skill": {"key": "py"}}]}},
        "go": {"escoUri": "http://esco/go"},
    }


async def test_content_and_goal_views(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """{ c1: content(id: "c1") {
          kind origin url minutes createdAt skills { nodes { level skill { key } } }
          creators { totalCount }
          curations { nodes { note curator { key person { name } } } }
          completions { totalCount nodes { at minutes person { key } } }
        }
        c3: content(id: "c3") { origin creators { nodes { key } } }
        g1: goal(id: "g1") {
          kind due targetHoursPerPerson
          requirements { nodes { level headcount critical skill { key } } }
          teams { nodes { key } }
        }
        g2: goal(id: "g2") { kind targetHoursPerPerson teams { nodes { key } } } }""",
    )
    assert data == {
        "c1": {
            "kind": "COURSE",
            "origin": "CURATED",
            "url": "https://learn.example.org/py",
            "minutes": 120,
            "createdAt": None,
            "skills": {"nodes": [{"level": 2, "skill": {"key": "py"}}]},
            "creators": {"totalCount": 0},
            "curations": {
                "nodes": [
                    {
                        "note": "start here",
                        "curator": {"key": "a", "person": {"name": "Ada Lovelace"}},
                    }
                ]
            },
            "completions": {
                "totalCount": 2,
                "nodes": [
                    {"at": "2026-03-01T09:00:00+00:00", "minutes": 90, "person": {"key": "b"}},
                    {"at": "2026-02-01T09:00:00+00:00", "minutes": 60, "person": {"key": "e"}},
                ],
            },
        },
        "c3": {"origin": "USER_GENERATED", "creators": {"nodes": [{"key": "a"}, {"key": "b"}]}},
        "g1": {
            "kind": "OBJECTIVE",
            "due": "2026-12-31",
            "targetHoursPerPerson": None,
            "requirements": {
                "nodes": [
                    {"level": 2, "headcount": 1, "critical": False, "skill": {"key": "go"}},
                    {"level": 3, "headcount": 2, "critical": True, "skill": {"key": "py"}},
                ]
            },
            "teams": {"nodes": [{"key": "div"}]},
        },
        "g2": {
            "kind": "LEARNING_HOURS",
            "targetHoursPerPerson": 40.0,
            "teams": {"nodes": [{"key": "t1"}]},
        },
    }


async def test_every_entity_resolves_through_node(db: Database) -> None:
    await load_org(db)
    ids = {
        "Person": "b",
        "Team": "t1",
        "Skill": "py",
        "Content": "c2",
        "Goal": "g2",
        "Curator": "a",
    }
    query = """query($ids: [ID!]!) { nodes(ids: $ids) { id
      ... on Person { key } ... on Team { key } ... on Skill { key } ... on Content { key }
      ... on Goal { key } ... on Curator { key } } }"""
    gids = [str(GlobalID(t, k)) for t, k in ids.items()]
    data = await run(db, query.replace("nodes(ids", "all: nodes(ids"), ids=gids)
    assert data["all"] == [{"id": g, "key": k} for g, k in zip(gids, ids.values(), strict=True)]
    single = await run(db, "query($id: ID!) { node(id: $id) { id } }", id=gids[4])
    assert single == {"node": {"id": gids[4]}}
    by_gid = await run(
        db, 'query($id: ID!) { curator(id: $id) { name } content(id: "c9") { key } }', id=gids[0]
    )
    assert by_gid == {"curator": None, "content": None}


async def test_nested_lists_page_with_cursors(db: Database) -> None:
    await load_org(db)
    query = """query($after: String) { person(id: "a") {
      reports(includeIndirect: true, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { key } } } }"""
    first = (await run(db, query))["person"]["reports"]
    assert _keys(first) == ["b", "c"]
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    second = (await run(db, query, after=first["pageInfo"]["endCursor"]))["person"]["reports"]
    assert _keys(second) == ["e"]
    assert second["pageInfo"]["hasNextPage"] is False
    assert second["pageInfo"]["hasPreviousPage"] is True


async def test_a_cursor_from_elsewhere_is_refused(db: Database) -> None:
    await load_org(db)
    bad = encode_cursor("b")
    errors = await run_errors(db, f'{{ people(after: "{bad}") {{ totalCount }} }}')
    assert errors == ["after: this cursor does not come from this list"]
