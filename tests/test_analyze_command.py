"""``skillgraph analyze`` against the test database."""

from __future__ import annotations

import pytest
import pytest_asyncio

from graph.connect import Target
from graph.db import Database
from skillgraph.cli import main
from tests.analysis import org


@pytest_asyncio.fixture
async def built(db: Database) -> Database:
    await org.build(db)
    return db


@pytest.fixture
def env(target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", target.uri)
    monkeypatch.setenv("NEO4J_USER", target.user)
    monkeypatch.setenv("NEO4J_PASSWORD", target.password)
    monkeypatch.setenv("NEO4J_DATABASE", target.database)
    monkeypatch.delenv("SKILLGRAPH_NX_BACKEND", raising=False)


def test_analyze_prints_the_run(
    built: Database, env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "--quiet", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("analysis run run-")
    assert "complete (19 rows written)" in out
    assert "  people: 11\n" in out
    assert "  isolated teams: 1\n" in out
    assert "  betweenness sources sampled: -\n" in out
    assert "seconds per stage: projection " in out


def test_analyze_rejects_bad_options(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="--betweenness-samples >= 1"):
        main(["analyze", "--betweenness-samples", "0"])
