"""The skill matrix of a team: its people by name, each with the skills they hold."""

from __future__ import annotations

from typing import Any

from graph.db import Database
from graph.teams import skill_matrix_of

_ORG = (
    "CREATE (d:Team {id: 'd', name: 'Dept'}), (t:Team {id: 't', name: 'Team'}),"
    " (t)-[:PART_OF]->(d),"
    " (k8s:Skill {id: 'k8s', name: 'Kubernetes'}), (go:Skill {id: 'go', name: 'Go'}),"
    " (py:Skill {id: 'py', name: 'Python'}),"
    " (a:Person {id: 'a', name: 'Ada'})-[:MEMBER_OF]->(d),"
    " (b:Person {id: 'b', name: 'Ben'})-[:MEMBER_OF]->(t),"
    " (c:Person {id: 'c', name: 'Ben'})-[:MEMBER_OF]->(t),"
    " (a)-[:HAS_SKILL {level: 4}]->(py), (a)-[:HAS_SKILL {level: 2}]->(k8s),"
    " (a)-[:HAS_SKILL {level: 5}]->(go), (b)-[:HAS_SKILL {level: 1}]->(k8s)"
)


def _cells(rows: list[Any]) -> list[tuple[str, tuple[str, ...], tuple[int, ...]]]:
    return [
        (r["person"]["id"], tuple(s for s, _ in r["held"]), tuple(n for _, n in r["held"]))
        for r in rows
    ]


async def test_rows_by_name_with_skills_by_id(db: Database) -> None:
    await db.write(_ORG)
    [(rows, total)] = await skill_matrix_of(
        db, ["d"], limit=10, after=None, sub_teams=True, people=None
    )
    assert total == 3
    assert _cells(rows) == [
        ("a", ("go", "k8s", "py"), (5, 2, 4)),
        ("b", ("k8s",), (1,)),
        ("c", (), ()),  # holds nothing: a row all the same
    ]
    assert rows[0]["person"] == {
        "id": "a",
        "name": "Ada",
        "email": None,
        "title": None,
        "curator": False,
    }
    assert [r["sort"] for r in rows] == [["Ada", "a"], ["Ben", "b"], ["Ben", "c"]]


async def test_pages_sub_teams_and_people(db: Database) -> None:
    await db.write(_ORG)
    [(rows, total)] = await skill_matrix_of(
        db, ["d"], limit=1, after=["Ben", "b"], sub_teams=True, people=None
    )
    assert (total, _cells(rows)) == (3, [("c", (), ())])
    [(rows, total)] = await skill_matrix_of(
        db, ["d"], limit=10, after=None, sub_teams=False, people=None
    )
    assert (total, [r["person"]["id"] for r in rows]) == (1, ["a"])
    # narrowed to the people given: the total counts only them
    found = await skill_matrix_of(
        db, ["d", "t", "nowhere"], limit=10, after=None, sub_teams=True, people=["b", "x"]
    )
    assert [(total, _cells(rows)) for rows, total in found] == [
        (1, [("b", ("k8s",), (1,))]),
        (1, [("b", ("k8s",), (1,))]),
        (0, []),
    ]
