"""A team's skill matrix over HTTP: rows by name, the viewer's own rows only, few statements."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.db import Database, count_round_trips
from tests.conftest import ClientAs

# Ada heads the department and manages Ben, who manages Cem; Dee is in the sub-team but
# reports to nobody here.
_ORG = (
    "CREATE (d:Team {id: 'd', name: 'Dept'}), (t:Team {id: 't', name: 'Team'}),"
    " (t)-[:PART_OF]->(d),"
    " (k8s:Skill {id: 'k8s', name: 'Kubernetes'}), (py:Skill {id: 'py', name: 'Python'}),"
    " (a:Person {id: 'a', name: 'Ada'})-[:MEMBER_OF]->(d),"
    " (b:Person {id: 'b', name: 'Ben'})-[:MEMBER_OF]->(t),"
    " (c:Person {id: 'c', name: 'Cem'})-[:MEMBER_OF]->(t),"
    " (e:Person {id: 'e', name: 'Dee'})-[:MEMBER_OF]->(t),"
    " (b)-[:REPORTS_TO]->(a), (c)-[:REPORTS_TO]->(b),"
    " (a)-[:HAS_SKILL {level: 4}]->(py), (a)-[:HAS_SKILL {level: 2}]->(k8s),"
    " (b)-[:HAS_SKILL {level: 1}]->(k8s), (e)-[:HAS_SKILL {level: 5}]->(py)"
)

_MATRIX = """
query($first: Int, $after: String, $sub: Boolean!) {
  team(id: "d") {
    skillMatrix(first: $first, after: $after, includeSubTeams: $sub) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { person { key name } skills { level skill { key name } } }
    }
  }
}
"""


async def _matrix(client: httpx.AsyncClient, **variables: Any) -> dict[str, Any]:
    response = await client.post(
        "/graphql", json={"query": _MATRIX, "variables": {"sub": True, **variables}}
    )
    body = response.json()
    assert body.get("errors") is None, body
    matrix: dict[str, Any] = body["data"]["team"]["skillMatrix"]
    return matrix


def _rows(matrix: dict[str, Any]) -> list[tuple[str, list[tuple[str, int]]]]:
    return [
        (n["person"]["key"], [(s["skill"]["key"], s["level"]) for s in n["skills"]])
        for n in matrix["nodes"]
    ]


async def test_the_whole_matrix_in_three_statements(
    client: httpx.AsyncClient, db: Database
) -> None:
    await db.write(_ORG)
    with count_round_trips() as trips:
        matrix = await _matrix(client)
    assert trips.count == 3  # the team, every row with its skills' ids, the skills
    assert matrix["totalCount"] == 4
    assert _rows(matrix) == [
        ("a", [("k8s", 2), ("py", 4)]),
        ("b", [("k8s", 1)]),
        ("c", []),
        ("e", [("py", 5)]),
    ]
    assert matrix["nodes"][0]["skills"][0]["skill"]["name"] == "Kubernetes"
    own = await _matrix(client, sub=False)
    assert (own["totalCount"], _rows(own)) == (1, [("a", [("k8s", 2), ("py", 4)])])


async def test_pages_follow_the_cursor(client: httpx.AsyncClient, db: Database) -> None:
    await db.write(_ORG)
    first = await _matrix(client, first=3)
    assert [k for k, _ in _rows(first)] == ["a", "b", "c"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await _matrix(client, first=3, after=first["pageInfo"]["endCursor"])
    assert (_rows(rest), rest["pageInfo"]["hasNextPage"]) == ([("e", [("py", 5)])], False)


@pytest.mark.parametrize(
    ("person", "roles", "rows"),
    [
        ("a", ("manager",), ["a", "b", "c"]),  # herself and her reports, not Dee
        ("b", ("manager",), ["b", "c"]),
        ("b", ("employee",), ["b"]),  # manages Cem in the graph, but holds no manager role
        ("e", ("employee",), ["e"]),
        ("x", ("curator",), []),
        ("x", ("hr",), ["a", "b", "c", "e"]),
        ("x", ("learning",), ["a", "b", "c", "e"]),
    ],
)
async def test_rows_are_the_people_whose_levels_the_viewer_may_see(
    client_as: ClientAs, db: Database, person: str, roles: tuple[str, ...], rows: list[str]
) -> None:
    await db.write(_ORG)
    matrix = await _matrix(client_as(person, *roles))
    assert [k for k, _ in _rows(matrix)] == rows
    assert matrix["totalCount"] == len(rows)
