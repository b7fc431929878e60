"""Start-up faults: each stops `skillgraph serve` with one sentence naming the cause."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import DATABASE, EmbeddedServer
from skillgraph.cli import main
from tests.faults.conftest import Killable, java_pids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SKILLGRAPH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("SKILLGRAPH_DB_START_TIMEOUT", "60")
    return data_dir


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield int(s.getsockname()[1])


def _serve_fails(capsys: pytest.CaptureFixture[str]) -> str:
    """Run serve, which must fail; its stderr's first line, the sentence that names the cause."""
    assert main(["serve", "--port", str(_free_port())]) == 1
    err = capsys.readouterr().err
    assert err.startswith("skillgraph: ")
    return err.splitlines()[0]


def test_foreign_data_folder(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env.mkdir()
    (env / "thesis.tex").write_text("precious")
    assert _serve_fails(capsys) == (
        f"skillgraph: data folder {env} is not empty and is not a skillgraph data folder "
        "(no skillgraph.json); choose a new or empty folder with SKILLGRAPH_DATA_DIR"
    )
    assert (env / "thesis.tex").read_text() == "precious"
    assert sorted(p.name for p in env.iterdir()) == ["thesis.tex"]


def test_data_folder_with_a_corrupt_marker(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env.mkdir()
    (env / "skillgraph.json").write_text("{not json")
    assert _serve_fails(capsys) == (
        f"skillgraph: data folder {env} has an unreadable or unknown skillgraph.json "
        "(format None, expected 1)"
    )


def test_corrupt_database_files(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = EmbeddedServer(env)
    server.start()
    server.stop()
    files = [p for p in (env / "arcadedb" / "databases" / DATABASE).rglob("*") if p.is_file()]
    assert files
    for path in files:
        path.write_bytes(os.urandom(max(64, min(path.stat().st_size, 4096))))
    first = _serve_fails(capsys)
    assert first.startswith("skillgraph: the embedded database exited with status")
    assert first.endswith(
        f"data: the database in {env / 'arcadedb'} cannot be opened (corrupt or foreign?)."
    )
    assert java_pids(env) == []


def test_serve_port_in_use(env: Path, busy_port: int) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", str(busy_port)])
    assert str(stopped.value) == (
        f"skillgraph: cannot serve on 127.0.0.1:{busy_port}: Address already in use (choose --port)"
    )
    assert java_pids(env) == []


def test_bolt_port_in_use(
    env: Path, busy_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SKILLGRAPH_BOLT_PORT", str(busy_port))
    assert _serve_fails(capsys) == (
        f"skillgraph: port: Bolt port {busy_port} on 127.0.0.1 is already in use; "
        "set SKILLGRAPH_BOLT_PORT to a free port or to 0 to pick one"
    )
    assert java_pids(env) == []


def test_wrong_neo4j_password(
    env: Path,
    killable: Killable,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    uri = killable.target.uri
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", "root")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    monkeypatch.setenv("NEO4J_DATABASE", DATABASE)
    assert _serve_fails(capsys) == (
        f"skillgraph: the database at {uri} refused user 'root': wrong password?"
    )
    assert not env.exists()  # with NEO4J_URI the data folder is not touched


@pytest.mark.parametrize(
    ("uri", "cause"),
    [
        ("bolt://127.0.0.1:{port}", "connection refused"),
        ("neo4j://no-such-host.invalid:7687", "cannot resolve the host: name or service not known"),
    ],
)
def test_unreachable_neo4j_uri(
    env: Path,
    uri: str,
    cause: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    uri = uri.format(port=_free_port())
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    assert _serve_fails(capsys) == f"skillgraph: cannot reach the database at {uri} ({cause})"
    assert not env.exists()
