"""``skillgraph schema``: print the GraphQL SDL."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from schema import sdl

    print(sdl(), end="")
    return 0
