"""ESCO import: the shipped files' record counts, idempotence, and malformed files named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import skills, stats
from graph.db import Database
from graph.imports import TaxonomyCounts, taxonomy_counts
from seeds import esco
from seeds.esco import EscoFormatError

DIGITAL = "digitalSkillsCollection_en.csv"
TRANSVERSAL = "transversalSkillsCollection_en.csv"


def test_read_counts_the_collections_groups_and_links() -> None:
    taxonomy = esco.read(esco.DATA)
    collections = [s["collections"] for s in taxonomy.skills.values()]
    assert len(taxonomy.skills) == 1372
    assert sum("digital" in c for c in collections) == 1284
    assert sum("transversal" in c for c in collections) == 95
    assert sum(len(c) == 2 for c in collections) == 7
    assert len(taxonomy.groups) == 640
    group_links = [
        b for b in taxonomy.broader if b["narrower"] in taxonomy.groups
    ]  # the hierarchy's own links: every group but the four roots has a broader group
    assert len(group_links) == 636
    assert len(taxonomy.broader) == 2491
    assert len(taxonomy.related) == 442
    assert sorted(taxonomy.files) == sorted(p.name for p in esco.DATA.glob("*.csv"))


async def test_import_and_reimport_change_no_counts(db: Database) -> None:
    await esco.load(db, esco.DATA)
    counts = await taxonomy_counts(db)
    assert counts == TaxonomyCounts(skills=1372 + 640, broader=2491, related=442)
    labels = await stats.counts_by_label(db)
    await esco.load(db, esco.DATA)
    assert await taxonomy_counts(db) == counts
    assert await stats.counts_by_label(db) == labels
    uri = "http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f"
    rows = await db.read(
        "MATCH (s:Skill {escoUri: $uri}) RETURN s.id AS id, s.name AS name, s.category AS c",
        {"uri": uri},
    )
    assert rows == [{"id": uri, "name": "show initiative", "c": "transversal"}]
    # ESCO's alternative labels are kept, so a search for one finds the skill.
    found, total = await skills.page_skills(db, limit=10, search="Give Impetus")
    assert total == 1
    assert [s["name"] for s in found] == ["show initiative"]
    assert "be a driving force" in found[0]["altLabels"]


def test_alt_labels_are_split_on_lines_and_bars() -> None:
    assert esco.alt_labels("take the initiative | give impetus\ninitiate action\n") == [
        "take the initiative",
        "give impetus",
        "initiate action",
    ]
    assert esco.alt_labels("") == []


async def test_own_skill_mapped_to_esco_keeps_its_id(db: Database, tmp_path: Path) -> None:
    uri = "http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f"
    await db.write(
        "CREATE (:Skill {id: 'initiative', name: 'Initiative', escoUri: $uri})", {"uri": uri}
    )
    shutil.copy(esco.DATA / TRANSVERSAL, tmp_path / TRANSVERSAL)
    taxonomy = await esco.load(db, tmp_path)
    assert len(taxonomy.skills) == 95
    rows = await db.read("MATCH (s:Skill {escoUri: $uri}) RETURN s.id AS id", {"uri": uri})
    assert rows == [{"id": "initiative"}]


def _broken(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def test_malformed_files_are_named_with_their_line(tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        TRANSVERSAL,
        "conceptType,conceptUri,preferredLabel,description\n"
        'K,http://x/1,one,"a description\nover two lines"\n'
        "K,http://x/2,two,d,surplus\n",
    )
    with pytest.raises(EscoFormatError, match=rf"^{path}:4: expected 4 fields, found 5$"):
        esco.read(tmp_path)
    path.write_text("conceptType,preferredLabel\nK,one\n", encoding="utf-8")
    with pytest.raises(EscoFormatError, match=rf"^{path}:1: missing column\(s\): conceptUri$"):
        esco.read(tmp_path)
    path.write_text("conceptUri,preferredLabel\nhttp://x/1,\n", encoding="utf-8")
    with pytest.raises(EscoFormatError, match=rf"^{path}:2: preferredLabel: empty$"):
        esco.read(tmp_path)
    path.write_text('conceptUri,preferredLabel\nhttp://x/1,"open\n', encoding="utf-8")
    with pytest.raises(EscoFormatError, match=rf"^{path}:\d+: "):
        esco.read(tmp_path)


def test_a_folder_without_esco_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EscoFormatError, match="no ESCO files"):
        esco.read(tmp_path)
    with pytest.raises(EscoFormatError, match="not a folder"):
        esco.read(tmp_path / "missing")
