"""``skillgraph seed``: write a generated organisation and its ground-truth manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph import stats
from graph.db import Database
from seeds.generator import generate
from seeds.manifest import Manifest
from skillgraph.commands._common import settings, with_database

MANIFEST = "seed-manifest.json"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("seed", help="generate an organisation and write it")
    parser.add_argument("--people", type=int, default=300, help="how many people")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    parser.add_argument(
        "--curators", type=float, default=0.03, help="share of people who curate (0-1)"
    )
    parser.add_argument(
        "--tie-density",
        type=float,
        default=1.0,
        help="scale of the collaboration ties: 1 gives about 4.4 per person, 11 about 20",
    )
    parser.add_argument(
        "--manifest",
        type=Path,
        default=None,
        help=f"where to write the ground truth (default: {MANIFEST} in the data folder)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.people < 1:
        raise SystemExit("skillgraph seed: --people must be at least 1")
    if not 0 <= args.curators <= 1:
        raise SystemExit("skillgraph seed: --curators must be between 0 and 1")
    if not args.tie_density > 0:
        raise SystemExit(f"skillgraph seed: --tie-density must be above 0, got {args.tie_density}")
    config = settings()
    path: Path = args.manifest or config.data_dir / MANIFEST

    async def work(db: Database) -> tuple[Manifest, dict[str, int]]:
        manifest = await generate(
            db,
            people=args.people,
            seed=args.seed,
            curator_share=args.curators,
            tie_density=args.tie_density,
            progress=sys.stderr.isatty(),
        )
        return manifest, await stats.counts_by_label(db)

    manifest, counts = with_database(work, config)
    manifest.save(path)
    print("seeded: " + ", ".join(f"{n} {label}" for label, n in counts.items()))
    if manifest.written_with == "create":
        print("written with CREATE: the graph held none of these nodes before")
    else:
        print("written with MERGE upserts: the graph already held data")
    print(f"manifest: {path}")
    return 0
