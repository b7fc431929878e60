"""Organisation CSV import and export: round trip, idempotence, and every bad row named."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph import stats
from graph.constraints import apply_schema
from graph.db import Database
from seeds import csvexport, csvimport
from seeds.csvimport import CsvImportError
from seeds.csvspec import format_value
from seeds.generator import generate

VALID = {
    "teams.csv": "id,name,parent_id,x_cost_centre\norg,Acme,,CC-1\neng,Engineering,org,\n",
    "people.csv": (
        "id,name,email,title,team_id,manager_id,is_curator\n"
        "p1,Ada Berg,ada@example.org,CTO,eng,,true\n"
        "p2,Ben Chen,,Engineer,eng,p1,false\n"
        "p3,Chloe Dubois,,Engineer,eng,p1,\n"
    ),
    "skills.csv": (
        "id,name,description,category,esco_uri,broader_id\n"
        "prog,programming,,digital,,\n"
        "python,Python,,digital,http://data.europa.eu/esco/skill/py,prog\n"
    ),
    "person_skills.csv": (
        "person_id,skill_id,level,source,assessed_at\n"
        "p1,python,4,manager,2026-03-01\n"
        "p2,http://data.europa.eu/esco/skill/py,2,,2026-03-01T09:30:00+02:00\n"
    ),
    "content.csv": (
        "id,title,kind,url,minutes,origin,created_by,created_at\n"
        "c1,Python in practice,course,,120,,,\n"
        "c2,Notes on Python,article,,10,,p2,2026-01-05\n"
    ),
    "content_skills.csv": "content_id,skill_id,level\nc1,python,3\nc2,python,\n",
    "curations.csv": "curator_id,content_id,curated_at,note\np1,c1,2026-02-01,good\n",
    "completions.csv": (
        "person_id,content_id,completed_at,minutes,rating\n"
        "p2,c1,2026-04-01,,5\n"
        "p3,c2,2026-04-02T10:00:00Z,12,\n"
    ),
    "follows.csv": "follower_id,followee_id,since\np2,p1,\n",
    "interactions.csv": (
        "source_id,target_id,weight,kind,at\n"
        "p1,p2,2,meeting,2026-05-01\n"
        "p1,p2,,message,2026-05-03\n"
        "p2,p1,1.5,,\n"
    ),
    "goals.csv": (
        "id,title,kind,description,due,target_hours_per_person,owner_team_id\n"
        "g1,Python everywhere,objective,,2027-01-01,,eng\n"
        "g2,Learn,learning_hours,,,40,\n"
    ),
    "goal_requirements.csv": "goal_id,skill_id,level,headcount,critical\ng1,python,3,2,true\n",
    "goal_teams.csv": "goal_id,team_id\ng1,eng\ng2,org\n",
}


def _folder(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv"))}


async def test_import_writes_what_the_files_say(db: Database, tmp_path: Path) -> None:
    report = await csvimport.load(db, _folder(tmp_path / "in", VALID))
    assert report.problems == []
    assert report.rows["people.csv"] == 3
    assert report.rows["interactions.csv"] == 3
    rows = await db.read(
        "MATCH (a:Person {id: 'p1'})-[c:COLLABORATES_WITH]->(b:Person {id: 'p2'}) "
        "RETURN c.weight AS weight, c.kind AS kind, c.lastAt AS at"
    )
    assert len(rows) == 1
    at = rows[0].pop("at")
    assert rows == [{"weight": 3.0, "kind": "message"}]
    assert format_value(at) == "2026-05-03T00:00:00Z"
    minutes = await db.read(
        "MATCH (p:Person)-[r:COMPLETED]->(c:Content) RETURN p.id AS p, r.minutes AS m ORDER BY p"
    )
    assert minutes == [{"p": "p2", "m": 120}, {"p": "p3", "m": 12}]
    curators = await db.read("MATCH (p:Curator) RETURN p.id AS id")
    assert curators == [{"id": "p1"}]
    origin = await db.read("MATCH (c:Content) RETURN c.id AS id, c.origin AS o ORDER BY id")
    assert origin == [{"id": "c1", "o": "curated"}, {"id": "c2", "o": "user_generated"}]
    extra = await db.read("MATCH (t:Team {id: 'org'}) RETURN t.x_cost_centre AS cc")
    assert extra == [{"cc": "CC-1"}]


async def test_second_import_changes_nothing(db: Database, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", VALID)
    await csvimport.load(db, folder)
    await csvexport.dump(db, tmp_path / "a")
    counts = await stats.counts_by_label(db)
    await csvimport.load(db, folder)
    await csvexport.dump(db, tmp_path / "b")
    assert await stats.counts_by_label(db) == counts
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


async def test_export_import_export_round_trip(db: Database, tmp_path: Path) -> None:
    await generate(db, people=60, seed=5)
    first = await csvexport.dump(db, tmp_path / "first")
    assert first["people.csv"] == 60
    await db.write("MATCH (n) DETACH DELETE n")
    await apply_schema(db)
    report = await csvimport.load(db, tmp_path / "first")
    assert report.problems == []
    second = await csvexport.dump(db, tmp_path / "second")
    assert second == first
    assert _files(tmp_path / "first") == _files(tmp_path / "second")


BROKEN = {
    **VALID,
    "teams.csv": "id,name,parent_id,colour\norg,Acme,,red\neng,Engineering,org,blue\n",
    "people.csv": (
        "id,name,email,title,team_id,manager_id,is_curator\n"
        "p1,Ada Berg,ada@example.org,CTO,eng,,true\n"
        "p2,Ben Chen,,Engineer,eng,p3,false\n"
        "p3,Chloe Dubois,,Engineer,eng,p2,\n"
    ),
    "person_skills.csv": (
        "person_id,skill_id,level,source,assessed_at\n"
        "p1,python,4,manager,2026-03-01\n"
        "p1,cobol,2,,\n"
        "p1,prog,7,,\n"
    ),
    "content_skills.csv": "content_id,skill_id,level\nc1,python,3\n",
    "completions.csv": "person_id,content_id,completed_at,minutes,rating\np1,c1,2026-02-30,,5\n",
    "follows.csv": "follower_id,followee_id,since\n",
    "interactions.csv": "source_id,target_id,weight,kind,at\n",
    "content.csv": "id,title,kind,url,minutes,origin,created_by,created_at\nc1,P,course,,120,,,\n",
}


async def test_broken_folder_names_every_error_and_writes_nothing(
    db: Database, tmp_path: Path
) -> None:
    await csvimport.load(db, _folder(tmp_path / "good", VALID))
    await csvexport.dump(db, tmp_path / "before")
    with pytest.raises(CsvImportError) as caught:
        await csvimport.load(db, _folder(tmp_path / "broken", BROKEN))
    assert [str(p) for p in caught.value.problems] == [
        "teams.csv:1: colour: unknown column",
        "people.csv:3: manager_id: reporting cycle: p2 -> p3 -> p2",
        "people.csv:4: manager_id: reporting cycle: p3 -> p2 -> p3",
        "person_skills.csv:3: skill_id: unknown skill id 'cobol'",
        "person_skills.csv:4: level: 7 is out of range (0-5)",
        "completions.csv:2: completed_at: not an ISO 8601 date or date-time: '2026-02-30'",
    ]
    assert "6 invalid row(s); nothing was written" in str(caught.value)
    await csvexport.dump(db, tmp_path / "after")
    assert _files(tmp_path / "after") == _files(tmp_path / "before")


async def test_skip_invalid_writes_valid_rows_and_rejects(db: Database, tmp_path: Path) -> None:
    report = await csvimport.load(db, _folder(tmp_path / "broken", BROKEN), skip_invalid=True)
    assert len(report.problems) == 6
    people = await db.read("MATCH (p:Person) RETURN p.id AS id ORDER BY id")
    assert people == [{"id": "p1"}]
    held = await db.read("MATCH (:Person)-[h:HAS_SKILL]->(s) RETURN s.id AS s, h.level AS l")
    assert held == [{"s": "python", "l": 4}]
    rejects = tmp_path / "rejects.csv"
    csvimport.write_rejects(report.problems, rejects)
    with rejects.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert [(r["file"], r["line"], r["column"]) for r in lines][:2] == [
        ("teams.csv", "1", "colour"),
        ("people.csv", "3", "manager_id"),
    ]
    assert '"manager_id": "p3"' in lines[1]["record"]


async def test_cycles_through_the_database_and_duplicates(db: Database, tmp_path: Path) -> None:
    await csvimport.load(db, _folder(tmp_path / "good", VALID))
    files = {
        "people.csv": (
            "id,name,email,title,team_id,manager_id,is_curator\n"
            "p1,Ada Berg,,,,p2,\n"
            "p4,Dev,,,,,\n"
            "p4,Dev,,,,p1,\n"
        ),
        "teams.csv": "id,name,parent_id\norg,Acme,eng\n",
        "curations.csv": "curator_id,content_id,curated_at,note\np2,c1,,\n",
    }
    with pytest.raises(CsvImportError) as caught:
        await csvimport.load(db, _folder(tmp_path / "bad", files))
    assert [str(p) for p in caught.value.problems] == [
        "teams.csv:2: parent_id: team cycle: org -> eng -> org",
        "people.csv:2: manager_id: reporting cycle: p1 -> p2 -> p1",
        "people.csv:4: manager_id: duplicate of line 3 with different values",
        "curations.csv:2: curator_id: 'p2' is not a curator (is_curator is not true)",
    ]


async def test_folder_without_people_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"people\.csv: missing"):
        await csvimport.load(db, _folder(tmp_path / "none", {"teams.csv": "id,name\n"}))
