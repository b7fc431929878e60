"""``skillgraph export csv DIR``: the graph as the organisation CSV format."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.db import Database
from seeds import csvexport
from skillgraph.commands._common import with_database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("export", help="export the graph as files")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    org = kinds.add_parser("csv", help="the organisation CSV format (docs/org-csv.md)")
    org.add_argument("folder", type=Path, metavar="DIR", help="folder to write (created)")
    org.set_defaults(handler=run_csv)


def run_csv(args: argparse.Namespace) -> int:
    folder: Path = args.folder

    async def work(db: Database) -> dict[str, int]:
        return await csvexport.dump(db, folder)

    written = with_database(work)
    print(
        f"exported to {folder}: "
        + ", ".join(f"{n} {name.removesuffix('.csv')}" for name, n in written.items())
    )
    return 0
