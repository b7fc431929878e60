"""``skillgraph gaps``: the gap table for planning spreadsheets, one row per requirement."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from graph import gaps
from graph.db import Database
from skillgraph.commands._common import with_database

COLUMNS = (
    "goal_id",
    "skill_id",
    "level",
    "headcount",
    "critical",
    "scope",
    "supply",
    "gap",
    "coverage",
    "ready_soon",
    "organisation_supply",
    "single_point_of_failure",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("gaps", help="print the skill-gap table of the goals")
    parser.add_argument("--goal", help="only this goal (default: every goal with requirements)")
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help="output format")
    parser.set_defaults(handler=run)


async def table(db: Database, goal: str | None = None) -> list[dict[str, Any]]:
    """The rows of the gap table: one per requirement of ``goal`` (or of every goal)."""
    found = (
        [await gaps.goal_gaps_one(db, goal)]
        if goal is not None
        else [g for g in await gaps.goal_gaps(db, await gaps.all_goal_ids(db)) if g is not None]
    )
    return [
        {
            "goal_id": g.goal_id,
            "skill_id": r.skill_id,
            "level": r.level,
            "headcount": r.headcount,
            "critical": r.critical,
            "scope": g.scope,
            "supply": r.supply,
            "gap": r.gap,
            "coverage": round(r.coverage, 4),
            "ready_soon": len(r.ready_soon),
            "organisation_supply": r.organisation_supply,
            "single_point_of_failure": r.single_point_of_failure,
        }
        for g in found
        for r in g.requirements
    ]


def render(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    """The rows as CSV (with a header; booleans as ``true``/``false``) or a JSON array."""
    if fmt == "json":
        return json.dumps(list(rows), indent=2) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: str(v).lower() if isinstance(v, bool) else v for k, v in row.items()})
    return out.getvalue()


def run(args: argparse.Namespace) -> int:
    async def work(db: Database) -> list[dict[str, Any]]:
        return await table(db, args.goal)

    print(render(with_database(work), args.format), end="")
    return 0
