"""The embedded database: ArcadeDB's Bolt server from ``arcadedb-embedded``, run as a child.

One data folder holds one server. The folder contains::

    skillgraph.json   marks the folder as ours (refuses to take over a foreign folder)
    password          the generated root password, mode 0600
    server.lock       flock-ed by the running server process for its whole life
    server.json       pid and ports of the running server
    server.log        the server's own output
    arcadedb/         the server's root path (databases, config, logs)

The lock is taken before the server starts and its file descriptor is handed to the Java
process, so the lock lives exactly as long as the server does, even when the Python process
that started it has gone (``skillgraph db start``). A second start on the same folder sees
the lock and reuses the running server: never two servers on one folder.

Servers started for the duration of a command are *owned*: they get SIGTERM when the
owner exits (normally, on SIGINT/SIGTERM, or even when it is killed, through the kernel's
parent-death signal), and the owner waits for the clean shutdown.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.errors import DatabaseStartError, DataDirError

DATABASE = "graph"
USER = "root"
_MARKER = "skillgraph.json"
_FORMAT = 1
_MIN_FREE_BYTES = 200 * 1024 * 1024
_PR_SET_PDEATHSIG = 1
# Servers started to outlive this process (`skillgraph db start`): kept referenced so that
# their Popen objects are not collected (and warned about) while they run on purpose.
_DETACHED: list[subprocess.Popen[bytes]] = []


@dataclass(frozen=True)
class ServerState:
    """Where a running embedded server listens."""

    pid: int
    bolt_port: int
    http_port: int
    https_port: int
    owner: int | None = None  # the process whose life the server's is tied to, if any

    @property
    def uri(self) -> str:
        """The Bolt URI of the server."""
        return f"bolt://127.0.0.1:{self.bolt_port}"


def _package_dir() -> Path:
    try:
        import arcadedb_embedded
    except ImportError as e:  # pragma: no cover - a broken install
        raise DatabaseStartError(
            "the package arcadedb-embedded is not installed; run `make run` or "
            "`pip install -e .` to install the project's dependencies"
        ) from e
    return Path(arcadedb_embedded.__file__).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As the server binds (Java sets SO_REUSEADDR): connections of a server that died
        # linger in TIME_WAIT for a minute but do not keep its successor off the port.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _set_parent_death_signal() -> None:  # pragma: no cover - runs in the child
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's process
        return True
    return True


class EmbeddedServer:
    """Start, find and stop the embedded Bolt server of one data folder."""

    def __init__(
        self,
        data_dir: Path,
        *,
        bolt_port: int = 0,
        memory: str = "1g",
        start_timeout: float = 90.0,
    ) -> None:
        self.data_dir = Path(data_dir).absolute()
        self.bolt_port = bolt_port
        self.memory = memory
        self.start_timeout = start_timeout
        self._child: subprocess.Popen[bytes] | None = None

    # -- files ---------------------------------------------------------------------------
    @property
    def log_file(self) -> Path:
        """The server's own output."""
        return self.data_dir / "server.log"

    @property
    def _state_file(self) -> Path:
        return self.data_dir / "server.json"

    @property
    def _lock_file(self) -> Path:
        return self.data_dir / "server.lock"

    @property
    def _root(self) -> Path:
        return self.data_dir / "arcadedb"

    def password(self) -> str:
        """The root password of this folder's database (generated on first use, mode 0600)."""
        path = self.data_dir / "password"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(24))
        return path.read_text().strip()

    def _prepare_folder(self) -> None:
        path = self.data_dir
        if path.exists() and not path.is_dir():
            raise DataDirError(f"data folder {path} exists but is not a folder")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DataDirError(f"cannot create data folder {path}: {e.strerror}") from e
        if not os.access(path, os.W_OK | os.X_OK):
            raise DataDirError(f"data folder {path} is not writable")
        marker = path / _MARKER
        if marker.is_file():
            try:
                fmt = json.loads(marker.read_text()).get("format")
            except (ValueError, AttributeError):
                fmt = None
            if fmt != _FORMAT:
                raise DataDirError(
                    f"data folder {path} has an unreadable or unknown {_MARKER} "
                    f"(format {fmt!r}, expected {_FORMAT})"
                )
        elif any(path.iterdir()):
            raise DataDirError(
                f"data folder {path} is not empty and is not a skillgraph data folder "
                f"(no {_MARKER}); choose a new or empty folder with SKILLGRAPH_DATA_DIR"
            )
        else:
            marker.write_text(json.dumps({"format": _FORMAT}) + "\n")
        free = shutil.disk_usage(path).free
        if free < _MIN_FREE_BYTES:
            raise DatabaseStartError(
                f"disk: only {free // (1024 * 1024)} MiB free at {path}; "
                f"the database needs at least {_MIN_FREE_BYTES // (1024 * 1024)} MiB"
            )

    # -- the lock --------------------------------------------------------------------------
    def _try_lock(self) -> int | None:
        """Take the folder's lock; ``None`` when a running server (or a starter) holds it."""
        fd = os.open(self._lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            os.close(fd)
            if e.errno in (errno.EAGAIN, errno.EACCES):
                return None
            raise  # pragma: no cover
        return fd

    def status(self, wait: float = 5.0) -> ServerState | None:
        """The running server of this folder, or ``None`` when none runs."""
        if not self.data_dir.is_dir():
            return None
        deadline = time.monotonic() + wait
        while True:
            fd = self._try_lock()
            if fd is not None:
                os.close(fd)
                return None
            state = self._read_state()
            if state is not None and _pid_alive(state.pid):
                return state
            if time.monotonic() > deadline:
                # Locked but no state: a server is starting and has not become ready in time.
                raise DatabaseStartError(
                    f"a server for {self.data_dir} holds its lock but is not ready; "
                    f"see {self.log_file}"
                )
            time.sleep(0.1)

    def _read_state(self) -> ServerState | None:
        try:
            return ServerState(**json.loads(self._state_file.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    # -- start -----------------------------------------------------------------------------
    def start(self, *, owned: bool = True) -> tuple[ServerState, bool]:
        """Start the server, or find the one already running on this folder.

        Parameters
        ----------
        owned
            Tie the server's life to this process (it gets SIGTERM when we die).

        Returns
        -------
        tuple
            The server's state and whether this call started it.
        """
        self._prepare_folder()
        password = self.password()
        fd = self._try_lock()
        if fd is None:
            state = self.status(wait=self.start_timeout)
            if state is None:  # it stopped while we looked; try once more
                return self.start(owned=owned)
            return state, False
        try:
            # A state file left behind is stale: its server died. Restart on the same Bolt
            # port when it is free, so services still connected to it recover by themselves.
            stale = self._read_state()
            self._state_file.unlink(missing_ok=True)
            previous = stale.bolt_port if stale is not None else 0
            state = self._spawn(fd, password, owned=owned, previous_port=previous)
        finally:
            os.close(fd)
        self._await_ready(state, password)
        self._state_file.write_text(json.dumps(asdict(state)) + "\n")
        return state, True

    def _command(self, bolt: int, http: int, https: int) -> list[str]:
        package = _package_dir()
        java = package / "jre" / "bin" / "java"
        if not os.access(java, os.X_OK):
            raise DatabaseStartError(
                f"Java: the runtime bundled with arcadedb-embedded is missing at {java}; "
                "reinstall the project's dependencies (make run)"
            )
        return [
            str(java),
            f"-Xmx{self.memory}",
            f"-Darcadedb.server.rootPath={self._root}",
            "-Darcadedb.server.mode=production",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http}",
            f"-Darcadedb.server.httpsIncomingPort={https}",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1",
            f"-Darcadedb.bolt.port={bolt}",
            f"-Darcadedb.server.defaultDatabases={DATABASE}[{USER}]",
            "-cp",
            str(package / "jars" / "*"),
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def _spawn(
        self, lock_fd: int, password: str, *, owned: bool, previous_port: int = 0
    ) -> ServerState:
        if self.bolt_port and not _port_is_free(self.bolt_port):
            raise DatabaseStartError(
                f"port: Bolt port {self.bolt_port} on 127.0.0.1 is already in use; "
                "set SKILLGRAPH_BOLT_PORT to a free port or to 0 to pick one"
            )
        if self.bolt_port:
            bolt = self.bolt_port
        elif previous_port and _port_is_free(previous_port):
            bolt = previous_port
        else:
            bolt = _free_port()
        http, https = _free_port(), _free_port()
        self._root.mkdir(exist_ok=True)
        env = dict(os.environ)
        # The password goes through the environment, which only we can read, and not
        # through the command line, which every local user can.
        env["JDK_JAVA_OPTIONS"] = f"-Darcadedb.server.rootPassword={password}"
        log = open(self.log_file, "ab")  # noqa: SIM115 - handed to the child
        log.write(f"\n--- skillgraph: starting server at {time.ctime()}\n".encode())
        log.flush()
        self._log_offset = log.tell()
        try:
            self._child = subprocess.Popen(
                self._command(bolt, http, https),
                cwd=self._root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=(lock_fd,),
                start_new_session=True,
                preexec_fn=_set_parent_death_signal if owned else None,  # noqa: PLW1509
            )
        except OSError as e:
            raise DatabaseStartError(f"Java: cannot run the bundled Java runtime: {e}") from e
        finally:
            log.close()
        if not owned:
            _DETACHED.append(self._child)
        return ServerState(self._child.pid, bolt, http, https, os.getpid() if owned else None)

    def _await_ready(self, state: ServerState, password: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        driver = neo4j.GraphDatabase.driver(
            state.uri, auth=(USER, password), connection_timeout=2.0, max_connection_pool_size=1
        )
        try:
            while True:
                child = self._child
                if child is not None and child.poll() is not None:
                    raise DatabaseStartError(
                        self._failure(f"exited with status {child.returncode}")
                    )
                try:
                    # An auto-commit query: the driver does not retry (or log) it.
                    with driver.session(database=DATABASE) as session:
                        session.run("RETURN 1").consume()
                    return
                except AuthError as e:
                    self._kill()
                    raise DatabaseStartError(
                        f"the server refused the password in {self.data_dir / 'password'}; "
                        "was the password file replaced?"
                    ) from e
                except (ServiceUnavailable, OSError, neo4j.exceptions.Neo4jError):
                    pass
                if time.monotonic() > deadline:
                    self._kill()
                    raise DatabaseStartError(
                        self._failure(f"did not answer within {self.start_timeout:.0f} s")
                    )
                time.sleep(0.2)
        finally:
            driver.close()

    def _failure(self, what: str) -> str:
        tail = self.log_tail()
        text = "\n".join(tail).lower()
        if "address already in use" in text or "bindexception" in text:
            cause = "port: a port the server needs is already in use"
        elif "no space left" in text:
            cause = "disk: no space left on the device"
        elif "unsupportedclassversion" in text or "could not create the java" in text:
            cause = "Java: the Java runtime cannot run the server"
        elif "outofmemory" in text:
            cause = "memory: the server ran out of memory (SKILLGRAPH_DB_MEMORY)"
        elif "corrupt" in text or "cannot open database" in text or "exception" in text:
            cause = f"data: the database in {self._root} cannot be opened (corrupt or foreign?)"
        else:
            cause = "unknown cause"
        lines = "\n  ".join(tail[-15:]) or "(the log is empty)"
        return f"the embedded database {what}: {cause}.\nLast lines of {self.log_file}:\n  {lines}"

    def log_tail(self, lines: int = 40) -> list[str]:
        """The last lines the server wrote in its current run."""
        try:
            with open(self.log_file, "rb") as f:
                f.seek(getattr(self, "_log_offset", 0))
                data = f.read().decode(errors="replace")
        except OSError:
            return []
        return [line for line in data.splitlines() if line.strip()][-lines:]

    # -- stop ------------------------------------------------------------------------------
    def _kill(self) -> None:
        child = self._child
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop the running server of this folder cleanly; ``False`` when none was running."""
        state = self.status(wait=0.5)
        if state is None:
            return False
        _send(state.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while not self._stopped(state.pid):
            if time.monotonic() > deadline:
                _send(state.pid, signal.SIGKILL)
                deadline = time.monotonic() + 10
            time.sleep(0.05)
        with contextlib.suppress(FileNotFoundError):
            self._state_file.unlink()
        return True

    def kill(self, timeout: float = 10.0) -> bool:
        """Kill the running server at once (SIGKILL), as a crash would; ``False`` if none ran.

        Nothing is flushed or closed and the state file stays behind, as after a crash: the
        next start recovers from the write-ahead log, on the same Bolt port when it is free.
        """
        state = self.status(wait=0.5)
        if state is None:
            return False
        _send(state.pid, signal.SIGKILL)
        deadline = time.monotonic() + timeout
        while not self._stopped(state.pid):
            if time.monotonic() > deadline:  # pragma: no cover - SIGKILL cannot be ignored
                raise DatabaseStartError(f"the server (pid {state.pid}) survived SIGKILL")
            time.sleep(0.02)
        return True

    def _stopped(self, pid: int) -> bool:
        child = self._child
        if child is not None and child.pid == pid:
            return child.poll() is not None
        fd = self._try_lock()
        if fd is None:
            return False
        os.close(fd)
        return True


def _send(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


@contextlib.contextmanager
def running(server: EmbeddedServer, *, exclusive: bool = False) -> Iterator[ServerState]:
    """Use the folder's running server, or start one for the duration of the block.

    With ``exclusive`` (a long-running service), a server that another live process owns is
    refused: it would stop under us when that process ends. A server started on its own
    (``skillgraph db start``) is shared.
    """
    state, started = server.start(owned=True)
    if not started and exclusive and state.owner and _pid_alive(state.owner):
        raise DatabaseStartError(
            f"the data folder {server.data_dir} is already served by process {state.owner} "
            f"(database at {state.uri}); stop it first, or run `skillgraph db start` once so "
            "that several commands can share one server"
        )
    try:
        yield state
    finally:
        if started:
            server.stop()
