"""``skillgraph db start|stop|status``: the embedded server on its own."""

from __future__ import annotations

import argparse
import json

from graph.connect import embedded_server
from skillgraph.commands._common import settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("db", help="start, stop or inspect the embedded database server")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("start", help="start the server in the background (or find it running)")
    actions.add_parser("stop", help="stop the server of the data folder")
    status = actions.add_parser("status", help="say whether the server runs, and where")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    config = settings()
    if not config.embedded:
        print(f"NEO4J_URI is set ({config.neo4j_uri}): there is no embedded server to manage")
        return 2
    server = embedded_server(config)
    if args.action == "start":
        started_state, started = server.start(owned=False)
        verb = "started" if started else "already running"
        print(
            f"embedded database {verb}: {started_state.uri} "
            f"(pid {started_state.pid}, data {server.data_dir})"
        )
        return 0
    if args.action == "stop":
        if not server.data_dir.is_dir():
            print(f"no data folder at {server.data_dir}: nothing to stop")
            return 1
        stopped = server.stop()
        print("embedded database stopped" if stopped else "embedded database was not running")
        return 0
    state = server.status()
    if getattr(args, "json", False):
        running = state is not None
        print(
            json.dumps(
                {
                    "running": running,
                    "uri": state.uri if state else None,
                    "pid": state.pid if state else None,
                    "dataDir": str(server.data_dir),
                }
            )
        )
    elif state is None:
        print(f"embedded database not running (data {server.data_dir})")
    else:
        print(f"embedded database running: {state.uri} (pid {state.pid}, data {server.data_dir})")
    return 0 if state is not None else 3
