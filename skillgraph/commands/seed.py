"""``skillgraph seed``: write a generated organisation into the database."""

from __future__ import annotations

import argparse

from graph import stats
from graph.db import Database
from seeds import demo
from skillgraph.commands._common import with_database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("seed", help="generate an organisation and write it")
    parser.add_argument("--people", type=int, default=300, help="how many people")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.people < 1:
        raise SystemExit("skillgraph seed: --people must be at least 1")

    async def work(db: Database) -> dict[str, int]:
        await demo.load(db, people=args.people, seed=args.seed)
        return await stats.counts_by_label(db)

    counts = with_database(work)
    print("seeded: " + ", ".join(f"{n} {label}" for label, n in counts.items()))
    return 0
