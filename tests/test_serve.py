"""`skillgraph serve --demo` end to end: a real process, a real socket, Ctrl-C stops it all."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def _post(url: str, query: str, token: str | None) -> tuple[int, Any]:
    headers = {"content-type": "application/json"}
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url, data=json.dumps({"query": query}).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


class _Output:
    """Collects a process's output in a thread, so it can be read while the process runs."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._process = process
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append(line)

    def token(self) -> str:
        """The admin token ``serve --demo`` prints (the line after its announcement)."""
        for i, line in enumerate(self.lines):
            if "an admin token for the demo" in line:
                return self.lines[i + 1].strip()
        pytest.fail("serve --demo printed no admin token:\n" + "".join(self.lines))

    def text(self) -> str:
        self._thread.join(timeout=60)
        if self._process.stdout is not None:
            self._process.stdout.close()
        return "".join(self.lines)


def _java_pids(data_dir: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            state = (proc / "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if str(data_dir) in cmdline and "ArcadeDBServer" in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


def _serve(data_dir: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["SKILLGRAPH_DATA_DIR"] = str(data_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "skillgraph", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_ready(process: subprocess.Popen[str], port: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            pytest.fail(f"serve exited early with {process.returncode}:\n{out}")
        try:
            status, body = _get(f"http://127.0.0.1:{port}/readyz")
            if status == 200 and body == {"status": "ready"}:
                return
        except OSError:
            pass
        time.sleep(0.3)
    process.kill()
    pytest.fail("serve did not become ready")


def _stop(process: subprocess.Popen[str], sig: int, output: _Output | None = None) -> str:
    process.send_signal(sig)
    if output is None:
        out, _ = process.communicate(timeout=60)
        return out
    process.wait(timeout=60)
    return output.text()


@pytest.mark.slow
def test_serve_demo_then_ctrl_c_stops_everything_and_data_is_kept(data_dir: Path) -> None:
    port = _free_port()
    query = "{ people(first: 3) { totalCount edges { node { key name team { name } } } } }"
    url = f"http://127.0.0.1:{port}/graphql"
    process = _serve(data_dir, port)
    output = _Output(process)
    try:
        _wait_ready(process, port)
        token = output.token()
        status, first = _post(url, query, token)
        assert status == 200
        assert _java_pids(data_dir), "the embedded database should be running"
        # without the token the API answers 401 and says what to send
        status, refused = _post(url, query, None)
        assert status == 401
        assert "Authorization: Bearer <token>" in refused["errors"][0]["message"]
    finally:
        out = _stop(process, signal.SIGINT, output)
    assert process.returncode == 0, out
    assert "loading the demo organisation" in out
    people = first["data"]["people"]
    assert people["totalCount"] == 300
    assert all(edge["node"]["team"]["name"] for edge in people["edges"])
    assert _java_pids(data_dir) == []

    process = _serve(data_dir, port)
    output = _Output(process)
    try:
        _wait_ready(process, port)
        # the secret stays in the data folder: yesterday's token still works
        status, again = _post(url, query, token)
        assert output.token() != token
    finally:
        out = _stop(process, signal.SIGTERM, output)
    assert "not loaded again" in out
    assert (status, again) == (200, first)
    assert _java_pids(data_dir) == []


def test_serve_on_a_busy_port_is_one_clear_sentence(data_dir: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        process = _serve(data_dir, port)
        out, _ = process.communicate(timeout=60)
    assert process.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in out
    assert _java_pids(data_dir) == []


@pytest.mark.slow
def test_second_serve_on_the_same_folder_is_refused_clearly(data_dir: Path) -> None:
    port = _free_port()
    first = _serve(data_dir, port)
    try:
        _wait_ready(first, port)
        second = _serve(data_dir, _free_port())
        out, _ = second.communicate(timeout=60)
        assert second.returncode == 1
        assert f"the data folder {data_dir} is already served by process {first.pid}" in out
        # the first service is unharmed, and there is still exactly one server
        assert _get(f"http://127.0.0.1:{port}/readyz") == (200, {"status": "ready"})
        assert len(_java_pids(data_dir)) == 1
    finally:
        _stop(first, signal.SIGINT)
    assert _java_pids(data_dir) == []
