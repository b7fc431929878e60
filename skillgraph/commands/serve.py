"""``skillgraph serve``: the GraphQL service (with the demo organisation on request)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import socket

import uvicorn

from graph.connect import Target, connected, database_target
from seeds import demo
from skillgraph.app import create_app
from skillgraph.auth import Role, TokenKeys, token_keys
from skillgraph.commands._common import settings

DEMO_ADMIN = "admin"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help="serve the GraphQL API")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="load the demo organisation when the database is empty",
    )
    parser.add_argument("--log-level", default="info", help="uvicorn's log level")
    parser.set_defaults(handler=run)


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise SystemExit(
                f"skillgraph: cannot serve on {host}:{port}: {e.strerror} (choose --port)"
            ) from None


async def _prepare(target: Target, *, load_demo: bool) -> None:
    # Connect once before serving, so that a database that does not answer or refuses the
    # password stops the command with one sentence (inside uvicorn it would be a traceback).
    async with connected(target) as db:
        if not load_demo:
            return
        if await demo.is_empty(db):
            print("loading the demo organisation (first start) ...", flush=True)
            await demo.load(db)
        else:
            print("the database has data: the demo organisation is not loaded again", flush=True)


def _print_demo_token(keys: TokenKeys) -> None:
    token = keys.issue(DEMO_ADMIN, [Role.ADMIN], ttl=dt.timedelta(hours=12))
    print(
        "skillgraph: an admin token for the demo (valid 12 hours; "
        "`skillgraph token create --person ID --role ROLE` makes others):\n"
        f"  {token}\n"
        "  GraphiQL: open Headers and set "
        '{"Authorization": "Bearer <token>"}; curl: -H "Authorization: Bearer <token>"',
        flush=True,
    )


def run(args: argparse.Namespace) -> int:
    config = settings()
    _check_port(args.host, args.port)
    with database_target(config, exclusive=True) as target:
        asyncio.run(_prepare(target, load_demo=args.demo))
        # after the database answers (its faults come first) and the data folder exists
        keys = token_keys(config)
        where = "embedded database in " + str(config.data_dir) if config.embedded else target.uri
        print(f"skillgraph: using the {where}", flush=True)
        if config.limits.graphiql:
            print(f"skillgraph: GraphiQL at http://{args.host}:{args.port}/graphql", flush=True)
        if args.demo:
            _print_demo_token(keys)
        uvicorn.run(
            create_app(target=target, keys=keys, limits=config.limits),
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            lifespan="on",
        )
    return 0
