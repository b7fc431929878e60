"""The command line: the db subcommands, seed, schema, and one-sentence errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schema import sdl
from skillgraph.cli import main


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SKILLGRAPH_DATA_DIR", str(data_dir))
    return data_dir


def test_db_start_status_seed_stop(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status"]) == 3
    assert "not running" in capsys.readouterr().out
    assert main(["db", "start"]) == 0
    try:
        assert "started" in capsys.readouterr().out
        assert main(["db", "start"]) == 0
        assert "already running" in capsys.readouterr().out
        assert main(["db", "status"]) == 0
        assert "running: bolt://127.0.0.1:" in capsys.readouterr().out
        # seed uses the running server and leaves it running
        assert main(["seed", "--people", "60", "--seed", "1"]) == 0
        assert "60 Person" in capsys.readouterr().out
        assert main(["db", "status"]) == 0
    finally:
        assert main(["db", "stop"]) == 0
    assert "stopped" in capsys.readouterr().out
    assert main(["db", "status"]) == 3


def test_seed_starts_and_stops_a_server_for_itself(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed", "--people", "30"]) == 0
    assert "30 Person" in capsys.readouterr().out
    assert main(["db", "status"]) == 3


def test_stop_without_data_folder(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "stop"]) == 1
    assert f"no data folder at {env}" in capsys.readouterr().out


def test_bad_setting_is_one_sentence(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", "mysql://localhost")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    assert main(["seed"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("skillgraph: NEO4J_URI='mysql://localhost' has scheme 'mysql'")


def test_unreachable_neo4j_is_one_sentence(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    assert main(["seed", "--people", "5"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("skillgraph: cannot reach the database at bolt://127.0.0.1:9")


def test_schema_prints_the_sdl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == sdl()


def test_checked_in_sdl_matches_the_code() -> None:
    checked_in = Path(__file__).parent.parent / "schema.graphql"
    assert checked_in.read_text() == sdl(), "run: skillgraph schema > schema.graphql"


def test_seed_tie_density(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="--tie-density must be above 0, got 0.0"):
        main(["seed", "--people", "5", "--tie-density", "0"])
    sparse, dense = env.parent / "sparse.json", env.parent / "dense.json"
    assert main(["seed", "--people", "40", "--manifest", str(sparse)]) == 0
    # the same organisation with three times the ties, seeded over it (upserts add the rest)
    assert main(["seed", "--people", "40", "--tie-density", "3", "--manifest", str(dense)]) == 0
    capsys.readouterr()
    ties = [json.loads(path.read_text())["counts"]["COLLABORATES_WITH"] for path in (sparse, dense)]
    assert ties[1] > 1.5 * ties[0] > 0
