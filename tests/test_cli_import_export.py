"""The import and export commands: esco, csv (with --skip-invalid), export csv, seed's manifest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seeds import esco
from seeds.manifest import Manifest
from skillgraph.cli import main

PEOPLE = "id,name,email,title,team_id,manager_id,is_curator\np1,Ada,,,,,\np2,Ben,,,,p9,\n"


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SKILLGRAPH_DATA_DIR", str(data_dir))
    return data_dir


def test_import_export_and_seed_commands(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    taxonomy = tmp_path / "esco"
    taxonomy.mkdir()
    shutil.copy(esco.DATA / "transversalSkillsCollection_en.csv", taxonomy)
    org = tmp_path / "org"
    org.mkdir()
    (org / "people.csv").write_text(PEOPLE, encoding="utf-8")
    assert main(["db", "start"]) == 0
    try:
        assert main(["import", "esco", str(taxonomy)]) == 0
        out = capsys.readouterr().out
        assert f"imported from {taxonomy}: 95 skills, 0 skill groups" in out
        assert main(["import", "csv", str(org)]) == 1
        err = capsys.readouterr().err
        assert "people.csv:3: manager_id: unknown person id 'p9'" in err
        assert "1 invalid row(s); nothing was written" in err
        assert main(["import", "csv", str(org), "--skip-invalid"]) == 0
        captured = capsys.readouterr()
        assert f"imported from {org}: 1 people" in captured.out
        assert "1 row(s) rejected: see rejects.csv" in captured.err
        assert (tmp_path / "rejects.csv").read_text().startswith("file,line,column,reason")
        assert main(["export", "csv", str(tmp_path / "out")]) == 0
        assert "1 people" in capsys.readouterr().out
        assert (tmp_path / "out" / "people.csv").read_text() == (
            "id,name,email,title,team_id,manager_id,is_curator\np1,Ada,,,,,false\n"
        )
        assert main(["import", "esco", str(tmp_path / "nothing")]) == 1
        assert "not a folder" in capsys.readouterr().err
        manifest = tmp_path / "truth.json"
        assert main(["seed", "--people", "40", "--seed", "2", "--manifest", str(manifest)]) == 0
        seeded = capsys.readouterr().out
        assert f"manifest: {manifest}" in seeded
        assert "written with MERGE upserts: the graph already held data" in seeded
        assert Manifest.load(manifest).people == 40
    finally:
        assert main(["db", "stop"]) == 0
