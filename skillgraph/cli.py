"""The ``skillgraph`` command line."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from types import FrameType

from graph.errors import ServiceError
from skillgraph.commands import analyze, db, export, gaps, import_, schema, seed, serve, token
from skillgraph.config import ConfigError

COMMANDS = (serve, db, seed, import_, export, analyze, gaps, schema, token)


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    top = argparse.ArgumentParser(
        prog="skillgraph",
        description="The learning ecosystem of an organisation as one graph.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return top


def _terminate(signum: int, frame: FrameType | None) -> None:
    # SIGTERM unwinds like Ctrl-C, so `finally` blocks stop the embedded database.
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors are one clear sentence on stderr, not a traceback."""
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code: int = args.handler(args)
    except (ConfigError, ServiceError) as e:
        print(f"skillgraph: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return code
