"""The root lists and their filters."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import Database
from tests.org import load_org, run


def _keys(data: dict[str, Any], field: str) -> tuple[int, list[str]]:
    return data[field]["totalCount"], [n["key"] for n in data[field]["nodes"]]


@pytest.mark.parametrize(
    ("args", "total", "keys"),
    [
        ("", 5, ["a", "b", "c", "d", "e"]),
        ('team: "div"', 5, ["a", "b", "c", "d", "e"]),
        ('team: "div", includeSubTeams: false', 1, ["d"]),
        ('team: "t2"', 2, ["c", "e"]),
        ('skill: "py", minLevel: 3', 2, ["a", "b"]),
        ('skill: "py", team: "t1"', 2, ["a", "b"]),
        ('search: "chen"', 1, ["c"]),
        ('search: "E", first: 2', 4, ["a", "b"]),
    ],
)
async def test_people_filters(db: Database, args: str, total: int, keys: list[str]) -> None:
    await load_org(db)
    data = await run(db, f"{{ people({args}) {{ totalCount nodes {{ key }} }} }}".replace("()", ""))
    assert _keys(data, "people") == (total, keys)


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        ('search: "python3"', ["py"]),
        ('search: "PY"', ["py"]),
        ('search: "g"', ["go", "prog"]),
        ('category: "data"', ["sql"]),
    ],
)
async def test_skill_search_covers_alt_labels(db: Database, args: str, keys: list[str]) -> None:
    await load_org(db)
    data = await run(db, f"{{ skills({args}) {{ totalCount nodes {{ key }} }} }}")
    assert _keys(data, "skills") == (len(keys), keys)


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        ("kind: VIDEO", ["c2"]),
        ("origin: USER_GENERATED", ["c2", "c3"]),
        ('skill: "prog"', []),
        ('skill: "prog", includeNarrower: true', ["c2", "c1"]),
        ('skill: "py", kind: COURSE', ["c1"]),
        ('search: "sql"', ["c3"]),
    ],
)
async def test_content_filters(db: Database, args: str, keys: list[str]) -> None:
    await load_org(db)
    data = await run(db, f"{{ contents({args}) {{ totalCount nodes {{ key }} }} }}")
    assert _keys(data, "contents") == (len(keys), keys)


async def test_teams_goals_and_curators(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """{ teams { totalCount nodes { key } }
        roots: teams(roots: true) { totalCount nodes { key } }
        goals(kind: LEARNING_HOURS) { totalCount nodes { key } }
        allGoals: goals(search: "CLO") { totalCount nodes { key } }
        curators { totalCount nodes { key } } }""",
    )
    assert _keys(data, "teams") == (3, ["t2", "div", "t1"])
    assert _keys(data, "roots") == (1, ["div"])
    assert _keys(data, "goals") == (1, ["g2"])
    assert _keys(data, "allGoals") == (1, ["g1"])
    assert _keys(data, "curators") == (1, ["a"])


async def test_people_pages_in_name_order(db: Database) -> None:
    await load_org(db)
    query = (
        "query($after: String) { people(first: 2, after: $after) {"
        " pageInfo { endCursor hasNextPage } nodes { key } } }"
    )
    seen: list[str] = []
    after = None
    for _ in range(3):
        page = (await run(db, query, after=after))["people"]
        seen += [n["key"] for n in page["nodes"]]
        after = page["pageInfo"]["endCursor"]
    assert seen == ["a", "b", "c", "d", "e"]
    assert page["pageInfo"]["hasNextPage"] is False
