"""``skillgraph token create``: a signed bearer token for local use and scripts."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from skillgraph.auth import Role, TokenKeys, token_keys
from skillgraph.commands._common import settings

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_TTL = "12h"


def parse_ttl(raw: str) -> dt.timedelta:
    """``90``, ``30m``, ``12h`` or ``7d`` as a duration (at least a second, at most a year).

    >>> parse_ttl("30m")
    datetime.timedelta(seconds=1800)
    """
    match = re.fullmatch(r"(\d+)([smhd]?)", raw.strip().lower())
    if match is None:
        raise ValueError(f"--ttl {raw!r}: use seconds or a number with s, m, h or d (12h, 7d)")
    seconds = int(match.group(1)) * _UNITS[match.group(2) or "s"]
    if not 1 <= seconds <= 366 * 86400:
        raise ValueError(f"--ttl {raw!r}: must be between 1 second and a year")
    return dt.timedelta(seconds=seconds)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("token", help="issue a bearer token for the API")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="print a signed token for a person and roles")
    create.add_argument("--person", required=True, help="the person id the token acts for")
    create.add_argument(
        "--role",
        action="append",
        required=True,
        choices=[r.value for r in Role],
        help="a role of the person (repeat for several)",
    )
    create.add_argument(
        "--ttl", default=DEFAULT_TTL, help=f"how long it stays valid (default {DEFAULT_TTL})"
    )
    parser.set_defaults(handler=run)


def create(keys: TokenKeys, person: str, roles: list[str], ttl: str) -> str:
    """The token ``skillgraph token create`` prints."""
    try:
        duration = parse_ttl(ttl)
    except ValueError as e:
        raise SystemExit(f"skillgraph token: {e}") from None
    return keys.issue(person, roles, ttl=duration)


def run(args: argparse.Namespace) -> int:
    print(create(token_keys(settings()), args.person, args.role, args.ttl))
    return 0
