"""Import an organisation's own data: a folder of CSV files in the format of ``docs/org-csv.md``.

Everything is read and validated before anything is written. Every bad row is reported as
``file:line: column: reason``; by default nothing is written when any row is invalid, and
with ``skip_invalid`` the valid rows are written and the rejected ones listed. Rows that
depend on a rejected row (a person in a rejected team, ...) are rejected too. Writes are
idempotent upserts, so importing the same folder twice changes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString

from graph import bulk, imports
from graph.db import Database, Row
from graph.errors import ServiceError
from seeds.csvspec import BY_NAME, EXTRA_PREFIX, FILES, REQUIRED_FILES, FileSpec, Invalid


@dataclass(frozen=True, order=True)
class Problem:
    """One reason a row (or a file) cannot be imported."""

    order: int
    line: int
    column: str
    reason: str
    file: str = field(compare=False)
    record: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.reason}"


class CsvImportError(ServiceError):
    """The folder has invalid rows; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} invalid row(s); nothing was written:\n{shown}{more}")


@dataclass
class Record:
    """One parsed row: where it came from, its values, its ``x_`` columns."""

    line: int
    values: dict[str, Any]
    extra: dict[str, str]
    raw: dict[str, str]
    valid: bool = True


@dataclass
class Report:
    """What an import wrote and what it rejected."""

    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Validation:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.files: dict[str, list[Record]] = {}
        self._order = {spec.name: i for i, spec in enumerate(FILES)}

    def problem(self, name: str, record: Record | None, line: int, column: str, why: str) -> None:
        raw = tuple(record.raw.items()) if record else ()
        self.problems.append(Problem(self._order[name], line, column, why, name, raw))
        if record is not None:
            record.valid = False

    # -- reading and parsing ------------------------------------------------------------------
    def read(self) -> None:
        for required in REQUIRED_FILES:
            if not (self.folder / required).is_file():
                raise ServiceError(f"{self.folder / required}: missing (the import needs it)")
        for spec in FILES:
            path = self.folder / spec.name
            if path.is_file():
                self.files[spec.name] = self._read(spec, path)

    def _read(self, spec: FileSpec, path: Path) -> list[Record]:
        records: list[Record] = []
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.reader(handle, strict=True)
                header = [h.strip() for h in next(reader, [])]
                if not header:
                    self.problem(spec.name, None, 1, "-", "the file is empty (no header row)")
                    return records
                for name in header:
                    if name not in spec.names and not name.startswith(EXTRA_PREFIX):
                        self.problem(spec.name, None, 1, name, "unknown column")
                missing = [c.name for c in spec.columns if c.required and c.name not in header]
                for name in missing:
                    self.problem(spec.name, None, 1, name, "missing column")
                if missing:
                    return records
                start = reader.line_num + 1
                for values in reader:
                    if values:
                        records.append(self._parse(spec, header, values, start))
                    start = reader.line_num + 1
        except csv.Error as e:
            self.problem(spec.name, None, reader.line_num, "-", f"malformed CSV: {e}")
        except UnicodeDecodeError as e:
            self.problem(spec.name, None, 1, "-", f"not UTF-8 ({e.reason})")
        return records

    def _parse(self, spec: FileSpec, header: list[str], values: list[str], line: int) -> Record:
        raw = dict(zip(header, values, strict=False))
        record = Record(line, {}, {}, raw)
        if len(values) != len(header):
            self.problem(
                spec.name, record, line, "-", f"{len(values)} fields, the header has {len(header)}"
            )
            return record
        for column in spec.columns:
            value = raw.get(column.name, "")
            if not value.strip():
                if column.required:
                    self.problem(spec.name, record, line, column.name, "required")
                record.values[column.name] = column.default
                continue
            try:
                record.values[column.name] = column.parse(value)
            except Invalid as e:
                self.problem(spec.name, record, line, column.name, str(e))
        record.extra = {k: v for k, v in raw.items() if k.startswith(EXTRA_PREFIX) and v != ""}
        return record

    # -- checks across rows --------------------------------------------------------------------
    def duplicates(self) -> None:
        for name, records in self.files.items():
            spec = BY_NAME[name]
            if name == "interactions.csv":
                continue  # repeated pairs add up
            first: dict[tuple[Any, ...], Record] = {}
            kept: list[Record] = []
            for record in records:
                if not record.valid:
                    kept.append(record)
                    continue
                key = tuple(record.values[k] for k in spec.key)
                seen = first.get(key)
                if seen is None:
                    first[key] = record
                    kept.append(record)
                    continue
                differs = [
                    c.name
                    for c in spec.columns
                    if c.name != spec.multi and seen.values[c.name] != record.values[c.name]
                ]
                if seen.extra != record.extra:
                    differs.append(next(iter(seen.extra.keys() ^ record.extra.keys()), "x_"))
                if differs:
                    self.problem(
                        name,
                        record,
                        record.line,
                        differs[0],
                        f"duplicate of line {seen.line} with different values",
                    )
                    kept.append(record)
                elif spec.multi and record.values[spec.multi] != seen.values[spec.multi]:
                    kept.append(record)
            self.files[name] = kept

    def references(self, existing: imports.Existing) -> None:
        """Reject rows naming ids that exist nowhere, until no more rows are rejected."""
        self.esco = dict(existing.esco)
        changed = True
        while changed:
            changed = False
            known = {kind: set(ids) for kind, ids in existing.ids.items()}
            for name, records in self.files.items():
                spec = BY_NAME[name]
                for record in records:
                    if record.valid and spec.defines:
                        known[spec.defines].add(record.values["id"])
                        if name == "people.csv":
                            if record.values["is_curator"]:
                                known["Curator"].add(record.values["id"])
                            else:
                                known["Curator"].discard(record.values["id"])
                        if name == "skills.csv" and record.values["esco_uri"]:
                            self.esco[record.values["esco_uri"]] = record.values["id"]
            for name, records in self.files.items():
                spec = BY_NAME[name]
                for record in records:
                    if not record.valid:
                        continue
                    for column in spec.columns:
                        value = record.values[column.name]
                        if column.ref is None or value is None:
                            continue
                        if column.ref == "Skill" and value not in known["Skill"]:
                            value = self.esco.get(value, value)
                            record.values[column.name] = value
                        if value in known[column.ref]:
                            continue
                        if column.ref == "Curator" and value in known["Person"]:
                            why = f"{value!r} is not a curator (is_curator is not true)"
                        else:
                            why = f"unknown {column.ref.lower()} id {value!r}"
                        self.problem(name, record, record.line, column.name, why)
                        changed = True
            changed = self.cycles(existing) or changed

    def cycles(self, existing: imports.Existing) -> bool:
        found = self._cycles("people.csv", "manager_id", existing.managers, "reporting")
        return self._cycles("teams.csv", "parent_id", existing.parents, "team") or found

    def _cycles(self, name: str, column: str, stored: dict[str, str], what: str) -> bool:
        rows = {r.values["id"]: r for r in self.files.get(name, []) if r.valid}
        up = dict(stored)
        for key, record in rows.items():
            if record.values[column] is None:
                up.pop(key, None)
            else:
                up[key] = record.values[column]
        bad: dict[str, list[str]] = {}
        for start in rows:
            path, node = [start], up.get(start)
            while node is not None and node not in path and len(path) <= len(up):
                path.append(node)
                node = up.get(node)
            if node == start:
                for member in path:
                    bad.setdefault(member, path)
        for key, path in sorted(bad.items()):
            if key in rows:
                at = path.index(key)
                loop = " -> ".join([*path[at:], *path[:at], key])
                record = rows[key]
                self.problem(name, record, record.line, column, f"{what} cycle: {loop}")
        return bool(bad)

    def valid(self, name: str) -> list[Record]:
        return [r for r in self.files.get(name, []) if r.valid]


def _rows(records: Iterable[Record], **rename: str) -> list[Row]:
    rows = []
    for r in records:
        row = {rename.get(k, k): v for k, v in r.values.items()}
        row["extra"] = r.extra
        rows.append(row)
    return rows


def _interactions(records: list[Record]) -> list[Row]:
    pairs: dict[tuple[str, str], Row] = {}
    for r in records:
        key = (r.values["source_id"], r.values["target_id"])
        row = pairs.get(key)
        if row is None:
            pairs[key] = {**r.values, "extra": dict(r.extra)}
            continue
        row["weight"] += r.values["weight"]
        row["kind"] = r.values["kind"] or row["kind"]
        if r.values["at"] is not None and (row["at"] is None or r.values["at"] > row["at"]):
            row["at"] = r.values["at"]
        row["extra"].update(r.extra)
    return list(pairs.values())


async def validate(db: Database, folder: Path) -> _Validation:
    """Read and check every file in ``folder`` against the format and the graph."""
    check = _Validation(folder)
    check.read()
    check.duplicates()
    check.references(await imports.existing(db))
    check.problems.sort()
    return check


async def load(db: Database, folder: Path, *, skip_invalid: bool = False) -> Report:
    """Validate the folder, then write it (see the module docstring).

    Raises
    ------
    CsvImportError
        When a row is invalid and ``skip_invalid`` is false (nothing is written).
    """
    check = await validate(db, folder)
    if check.problems and not skip_invalid:
        raise CsvImportError(check.problems)
    teams, people = check.valid("teams.csv"), check.valid("people.csv")
    skills, content = check.valid("skills.csv"), check.valid("content.csv")
    steps: list[tuple[LiteralString, list[Row]]] = [
        (imports.CSV_TEAMS, _rows(teams)),
        (imports.CSV_TEAM_UNPARENT, _rows(teams)),
        (bulk.TEAM_PARENTS, [r for r in _rows(teams) if r["parent_id"]]),
        (imports.CSV_PEOPLE, _rows(people)),
        (bulk.CURATORS, [r for r in _rows(people) if r["is_curator"]]),
        (imports.CSV_NOT_CURATORS, [r for r in _rows(people) if not r["is_curator"]]),
        (imports.CSV_UNMEMBER, _rows(people, id="person_id")),
        (bulk.MEMBERSHIPS, [r for r in _rows(people, id="person_id") if r["team_id"]]),
        (imports.CSV_UNREPORT, _rows(people, id="person_id")),
        (bulk.REPORTS, [r for r in _rows(people, id="person_id") if r["manager_id"]]),
        (imports.CSV_SKILLS, _dedupe(_rows(skills))),
        (imports.CSV_BROADER, [r for r in _rows(skills) if r["broader_id"]]),
        (imports.CSV_PERSON_SKILLS, _rows(check.valid("person_skills.csv"))),
        (imports.CSV_CONTENT, [_origin(r) for r in _rows(content)]),
        (
            bulk.CREATED,
            [r for r in _rows(content, id="content_id", created_by="person_id") if r["person_id"]],
        ),
        (imports.CSV_TEACHES, _rows(check.valid("content_skills.csv"))),
        (imports.CSV_CURATIONS, _rows(check.valid("curations.csv"))),
        (imports.CSV_COMPLETIONS, _rows(check.valid("completions.csv"))),
        (imports.CSV_FOLLOWS, _rows(check.valid("follows.csv"))),
        (imports.CSV_INTERACTIONS, _interactions(check.valid("interactions.csv"))),
        (imports.CSV_GOALS, _rows(check.valid("goals.csv"))),
        (imports.CSV_REQUIREMENTS, _rows(check.valid("goal_requirements.csv"))),
        (imports.CSV_GOAL_TEAMS, _rows(check.valid("goal_teams.csv"))),
    ]
    report = Report(problems=check.problems)
    for statement, rows in steps:
        await bulk.write_batches(db, statement, rows)
    for spec in FILES:
        if spec.name in check.files:
            report.rows[spec.name] = len(check.valid(spec.name))
    return report


def _dedupe(rows: list[Row]) -> list[Row]:
    seen: set[str] = set()
    out = []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            out.append(row)
    return out


def _origin(row: Row) -> Row:
    if row["origin"] is None:
        row["origin"] = "user_generated" if row["created_by"] else "curated"
    return row


def write_rejects(problems: list[Problem], path: Path) -> None:
    """Write the rejected rows, one line per reason: file, line, column, reason, record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "line", "column", "reason", "record"])
        for p in problems:
            writer.writerow([p.file, p.line, p.column, p.reason, json.dumps(dict(p.record))])
