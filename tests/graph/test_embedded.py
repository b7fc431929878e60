"""The embedded server's life: start, readiness, reuse, restart, stop, and clear failures."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import neo4j
import pytest

from graph.embedded import DATABASE, USER, EmbeddedServer, ServerState
from graph.errors import DatabaseStartError, DataDirError


def _query(server: EmbeddedServer, state: ServerState, cypher: str) -> list[dict[str, object]]:
    with neo4j.GraphDatabase.driver(state.uri, auth=(USER, server.password())) as driver:
        records, _, _ = driver.execute_query(cypher, database_=DATABASE)
        return [r.data() for r in records]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is not alive: it has exited and only waits to be reaped.
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.split(") ", 1)[1][0] != "Z"


def test_start_query_restart_keeps_data_stop_leaves_no_process(data_dir: Path) -> None:
    server = EmbeddedServer(data_dir)
    state, started = server.start()
    try:
        assert started
        assert _query(server, state, "RETURN 1 AS ok") == [{"ok": 1}]
        _query(server, state, "CREATE (:Person {id: 'kept', name: 'Kept'})")
        # A second start on the same folder reuses the running server.
        again, started_again = EmbeddedServer(data_dir).start()
        assert (again, started_again) == (state, False)
    finally:
        assert server.stop()
    assert not _alive(state.pid)
    assert server.status() is None

    restarted, started = server.start()
    try:
        assert started
        assert restarted.pid != state.pid
        rows = _query(server, restarted, "MATCH (p:Person) RETURN p.name AS name")
        assert rows == [{"name": "Kept"}]
    finally:
        server.stop()
    assert not _alive(restarted.pid)


def test_password_is_private_and_stable(data_dir: Path) -> None:
    server = EmbeddedServer(data_dir)
    data_dir.mkdir()
    first = server.password()
    assert len(first) >= 24
    assert (data_dir / "password").stat().st_mode & 0o777 == 0o600
    assert EmbeddedServer(data_dir).password() == first


def test_busy_port_is_a_clear_error(data_dir: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(DatabaseStartError, match=rf"port: Bolt port {port} .* in use"):
            EmbeddedServer(data_dir, bolt_port=port).start()
    assert EmbeddedServer(data_dir).status() is None


def test_data_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-folder"
    path.write_text("x")
    with pytest.raises(DataDirError, match="exists but is not a folder"):
        EmbeddedServer(path).start()


def test_foreign_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "someone-elses.txt").write_text("precious")
    with pytest.raises(DataDirError, match="not a skillgraph data folder"):
        EmbeddedServer(tmp_path).start()
    assert (tmp_path / "someone-elses.txt").read_text() == "precious"


def test_unknown_folder_format_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "skillgraph.json").write_text(json.dumps({"format": 99}))
    with pytest.raises(DataDirError, match="unknown skillgraph.json"):
        EmbeddedServer(data_dir).start()


def test_missing_folder_has_no_server(data_dir: Path) -> None:
    assert EmbeddedServer(data_dir).status() is None
    assert not EmbeddedServer(data_dir).stop()
    assert not data_dir.exists()


def test_corrupt_database_fails_with_the_log(data_dir: Path) -> None:
    server = EmbeddedServer(data_dir, start_timeout=60)
    state, _ = server.start()
    server.stop()
    files = [p for p in (data_dir / "arcadedb" / "databases" / DATABASE).rglob("*") if p.is_file()]
    assert files
    for path in files:
        path.write_bytes(os.urandom(max(64, min(path.stat().st_size, 4096))))
    with pytest.raises(DatabaseStartError) as failure:
        server.start()
    message = str(failure.value)
    assert "Last lines of" in message
    assert server.status() is None
    assert not _alive(state.pid)
