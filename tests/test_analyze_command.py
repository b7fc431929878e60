"""``skillgraph analyze`` against the test database."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import pytest_asyncio

from graph import analysis_runs
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
    with pytest.raises(SystemExit, match="--co-use-max-audience >= 2"):
        main(["analyze", "--co-use-max-audience", "1"])
    with pytest.raises(SystemExit, match="--co-use-weight must be >= 0"):
        main(["analyze", "--co-use-weight", "-1"])
    with pytest.raises(SystemExit, match="--keep-person-results must be >= 0"):
        main(["analyze", "--keep-person-results", "-1"])


def test_analyze_keeps_the_latest_runs_person_results(
    built: Database, env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*options: str) -> tuple[str, str]:
        assert main(["analyze", "--quiet", *options]) == 0
        out = capsys.readouterr().out
        return out.split()[2], out  # "analysis run <id> complete ..."

    monkeypatch.setenv("SKILLGRAPH_KEEP_PERSON_RESULTS", "1")
    first, _ = run()
    second, out = run("--keep-person-results", "2")  # the option wins over the setting
    assert "per-person results deleted" not in out
    _, out = run()  # the setting: keep the latest 1
    assert out.rstrip().splitlines()[-1] == (
        f"  per-person results deleted from 2 older run(s) (keeping the latest 1): "
        f"{second}, {first}"
    )


def test_analyze_records_the_co_use_parameters(
    built: Database, target: Target, env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # k2 is completed by a1 and b2: with co-use on, they get a tie (17 ties become 18)
    args = ["analyze", "--quiet", "--co-use-weight", "0.5", "--co-use-max-audience", "4"]
    assert main(args) == 0
    assert "  ties: 18\n" in capsys.readouterr().out

    async def latest() -> dict[str, Any] | None:
        db = target.open()
        try:
            return await analysis_runs.latest_run(db)
        finally:
            await db.close()

    run = asyncio.run(latest())
    assert run is not None
    assert run["parameters"]["co_use_weight"] == 0.5
    assert run["parameters"]["co_use_max_audience"] == 4
