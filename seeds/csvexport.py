"""Export the graph as a folder of CSV files in the import format (``docs/org-csv.md``).

Rows are sorted by their key and values written in one canonical form (UTC date-times with
``Z``, ``true``/``false``), so export, import into an empty database and export again give
identical files. ``x_`` properties become ``x_`` columns.
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph import export
from graph.db import Database, Row
from seeds.csvspec import EXTRA_PREFIX, FILES, FileSpec, format_value


async def dump(db: Database, folder: Path) -> dict[str, int]:
    """Write every file (``people.csv`` always; others when they have rows); returns counts."""
    written: dict[str, int] = {}
    for spec in FILES:
        rows = await export.rows(db, spec.name)
        if _write(folder, spec, rows):
            written[spec.name] = len(rows)
    return written


def _write(folder: Path, spec: FileSpec, rows: list[Row]) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / spec.name
    if not rows and spec.name != "people.csv":
        path.unlink(missing_ok=True)
        return False
    extras = sorted({k for r in rows for k in r["props"] if k.startswith(EXTRA_PREFIX)})
    header = [*spec.names, *extras]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for r in rows:
            values = [r[c] for c in spec.names] + [r["props"].get(k) for k in extras]
            writer.writerow([format_value(v) for v in values])
    return True
