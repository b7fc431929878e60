"""``skillgraph import esco DIR`` and ``skillgraph import csv DIR``: real data in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.db import Database
from seeds import csvimport, esco
from skillgraph.commands._common import with_database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("import", help="import the ESCO taxonomy or an organisation's CSV")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    taxonomy = kinds.add_parser("esco", help="the ESCO skills pillar (standard ESCO CSV files)")
    taxonomy.add_argument("folder", type=Path, metavar="DIR", help="folder of ESCO CSV files")
    taxonomy.set_defaults(handler=run_esco)
    org = kinds.add_parser("csv", help="an organisation's CSV folder (docs/org-csv.md)")
    org.add_argument("folder", type=Path, metavar="DIR", help="folder of CSV files")
    org.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid rows and list the rejected ones in the rejects file",
    )
    org.add_argument(
        "--rejects",
        type=Path,
        default=Path("rejects.csv"),
        help="where --skip-invalid lists rejected rows (default: ./rejects.csv)",
    )
    org.set_defaults(handler=run_csv)


def run_esco(args: argparse.Namespace) -> int:
    folder: Path = args.folder

    async def work(db: Database) -> esco.Taxonomy:
        return await esco.load(db, folder, progress=sys.stderr.isatty())

    taxonomy = with_database(work)
    print(
        f"imported from {folder}: {len(taxonomy.skills)} skills, {len(taxonomy.groups)} "
        f"skill groups, {len(taxonomy.broader)} broader and {len(taxonomy.related)} related "
        f"links ({taxonomy.skipped} links to concepts outside these files skipped)"
    )
    return 0


def run_csv(args: argparse.Namespace) -> int:
    folder: Path = args.folder

    async def work(db: Database) -> csvimport.Report:
        return await csvimport.load(db, folder, skip_invalid=args.skip_invalid)

    report = with_database(work)
    print(
        f"imported from {folder}: "
        + ", ".join(f"{n} {name.removesuffix('.csv')}" for name, n in report.rows.items())
    )
    if report.problems:
        csvimport.write_rejects(report.problems, args.rejects)
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(f"{len(report.problems)} row(s) rejected: see {args.rejects}", file=sys.stderr)
    return 0
