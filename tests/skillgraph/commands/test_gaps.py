"""``skillgraph gaps`` on the hand-worked organisation of ``tests/graph/gaps_org.py``."""

from __future__ import annotations

import asyncio
import json

import pytest

from graph.connect import Target
from graph.db import Database
from graph.errors import NotFound
from skillgraph.cli import parser
from skillgraph.commands import gaps
from tests.graph import gaps_org

CSV = """\
goal_id,skill_id,level,headcount,critical,scope,supply,gap,coverage,ready_soon,organisation_supply,single_point_of_failure
g1,cloud,3,3,true,4,2,1,0.6667,1,5,false
g1,python,2,2,false,4,2,0,1.0,1,3,false
g2,k8s,4,1,false,1,1,0,1.0,0,2,false
g2,python,4,2,false,1,1,1,0.5,0,1,true
"""  # noqa: E501


async def test_table_and_csv(db: Database) -> None:
    await gaps_org.load(db)
    rows = await gaps.table(db)
    assert gaps.render(rows, "csv") == CSV
    only = await gaps.table(db, "g2")
    assert [(r["skill_id"], r["gap"]) for r in only] == [("k8s", 0), ("python", 1)]
    assert json.loads(gaps.render(only, "json"))[1] == {
        "goal_id": "g2",
        "skill_id": "python",
        "level": 4,
        "headcount": 2,
        "critical": False,
        "scope": 1,
        "supply": 1,
        "gap": 1,
        "coverage": 0.5,
        "ready_soon": 0,
        "organisation_supply": 1,
        "single_point_of_failure": True,
    }


@pytest.fixture
def on_test_database(target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", target.uri)
    monkeypatch.setenv("NEO4J_USER", target.user)
    monkeypatch.setenv("NEO4J_PASSWORD", target.password)
    monkeypatch.setenv("NEO4J_DATABASE", target.database)


def _command(*argv: str) -> int:
    args = parser().parse_args(["gaps", *argv])
    code: int = args.handler(args)
    return code


@pytest.mark.usefixtures("on_test_database")
async def test_command_prints_csv_and_json(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    await gaps_org.load(db)
    # The command runs its own event loop (and main() sets a signal handler), so the
    # handler runs in a thread of its own here.
    assert await asyncio.to_thread(_command) == 0
    assert capsys.readouterr().out == CSV
    assert await asyncio.to_thread(_command, "--goal", "g1", "--format", "json") == 0
    assert [r["skill_id"] for r in json.loads(capsys.readouterr().out)] == ["cloud", "python"]
    with pytest.raises(NotFound, match="goal 'nope' does not exist"):
        await asyncio.to_thread(_command, "--goal", "nope")
