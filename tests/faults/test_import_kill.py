"""Kill the database in the middle of an import: each batch is whole or absent, and
importing the folder again completes the work."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from typing import LiteralString

import pytest

from graph.bulk import BATCH
from graph.db import Database
from graph.errors import DatabaseUnavailable
from seeds import csvimport
from tests.faults.conftest import Killable

PEOPLE = BATCH
SKILLS_EACH = 5  # person_skills.csv: 10 batches, the step the kill lands in

_HELD: LiteralString = "MATCH (:Person)-[h:HAS_SKILL]->(:Skill) RETURN count(h) AS n"
_PEOPLE: LiteralString = "MATCH (p:Person) RETURN count(p) AS n"


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _organisation(folder: Path) -> None:
    folder.mkdir()
    skills = [f"s{i:02d}" for i in range(20)]
    _write(folder / "teams.csv", ["id", "name"], [["t1", "Platform"]])
    _write(
        folder / "people.csv",
        ["id", "name", "team_id"],
        [[f"p{i:05d}", f"Person {i}", "t1"] for i in range(PEOPLE)],
    )
    _write(folder / "skills.csv", ["id", "name"], [[s, f"Skill {s}"] for s in skills])
    _write(
        folder / "person_skills.csv",
        ["person_id", "skill_id", "level"],
        [
            [f"p{i:05d}", skills[(i + j * 3) % len(skills)], 1 + (i + j) % 5]
            for i in range(PEOPLE)
            for j in range(SKILLS_EACH)
        ],
    )


async def _count(db: Database, query: LiteralString) -> int:
    return int((await db.read(query))[0]["n"])


async def test_kill_during_import_leaves_whole_batches_and_a_rerun_completes(
    killable: Killable, killable_db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "org"
    _organisation(folder)
    expected = PEOPLE * SKILLS_EACH

    importing = asyncio.create_task(csvimport.load(killable_db, folder))
    watcher = killable.target.open()
    try:
        # Kill as soon as the first batch of skills held is committed: mid-step, mid-import.
        for _ in range(600):
            if importing.done() or await _count(watcher, _HELD) > 0:
                break
            await asyncio.sleep(0.05)
        assert not importing.done(), "the import finished before the kill; make it larger"
        killable.kill()
    finally:
        await watcher.close()
    with pytest.raises(DatabaseUnavailable):
        await asyncio.wait_for(importing, timeout=30)

    killable.start()
    await asyncio.sleep(0.6)  # one probe interval: the breaker lets the next call through
    held = await _count(killable_db, _HELD)
    assert await _count(killable_db, _PEOPLE) == PEOPLE  # an earlier step, complete
    assert 0 < held < expected
    assert held % BATCH == 0, f"{held} relationships: a batch was half written"

    report = await csvimport.load(killable_db, folder)
    assert report.rows["person_skills.csv"] == expected
    assert await _count(killable_db, _HELD) == expected
    assert await _count(killable_db, _PEOPLE) == PEOPLE
