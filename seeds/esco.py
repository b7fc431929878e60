"""Read the standard ESCO CSV files (the skills pillar) into plain rows for :mod:`graph.imports`.

The files are the official download's layout: ``skills_en.csv`` or the skill collections
(``digitalSkillsCollection_en.csv``, ``transversalSkillsCollection_en.csv``, ...),
``skillGroups_en.csv``, ``skillsHierarchy_en.csv``, ``broaderRelationsSkillPillar_en.csv`` and
``skillSkillRelations_en.csv``. Every file is optional; a malformed one raises
:class:`EscoFormatError` naming the file and line. Relations to concepts that none of the files
describe (the full pillar's skills outside the collections) are skipped and counted.

A skill's ``id`` is its ESCO concept URI (so is its ``escoUri``). Skill groups are ``Skill``
nodes too, with ``category`` ``group``; a collection skill's ``category`` names its collections.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from graph import imports
from graph.db import Database, Row
from graph.errors import ServiceError

DATA = Path(__file__).parent / "data" / "esco"
"""The ESCO v1.2.0 files shipped with skillgraph (digital and transversal collections)."""

SKILLS_FILE = "skills_en.csv"
GROUPS_FILE = "skillGroups_en.csv"
HIERARCHY_FILE = "skillsHierarchy_en.csv"
BROADER_FILE = "broaderRelationsSkillPillar_en.csv"
RELATIONS_FILE = "skillSkillRelations_en.csv"
COLLECTION_SUFFIX = "SkillsCollection_en.csv"

_SKILL_COLUMNS = ("conceptUri", "preferredLabel")
_GROUP_COLUMNS = ("conceptUri", "preferredLabel")
_BROADER_COLUMNS = ("conceptUri", "broaderUri")
_RELATION_COLUMNS = ("originalSkillUri", "relationType", "relatedSkillUri")
_HIERARCHY_LEVELS = 4


class EscoFormatError(ServiceError):
    """An ESCO file that cannot be read: names the file and line."""


@dataclass
class Taxonomy:
    """The skills, groups and relations read from a folder of ESCO files."""

    skills: dict[str, Row] = field(default_factory=dict)
    groups: dict[str, Row] = field(default_factory=dict)
    broader: list[Row] = field(default_factory=list)
    related: list[Row] = field(default_factory=list)
    skipped: int = 0
    files: list[str] = field(default_factory=list)

    def skill_rows(self) -> list[Row]:
        """Every concept (skills, then groups) as a row for :data:`graph.imports.ESCO_SKILLS`."""
        return [*self.skills.values(), *self.groups.values()]


def _records(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The records of a CSV file with the line each starts on; checks columns and widths."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as e:
        raise EscoFormatError(f"{path}: cannot read: {e.strerror}") from e
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise EscoFormatError(f"{path}:1: the file is empty (expected a header row)")
            missing = [c for c in required if c not in header]
            if missing:
                raise EscoFormatError(f"{path}:1: missing column(s): {', '.join(missing)}")
            start = reader.line_num + 1
            for values in reader:
                if len(values) > len(header):
                    raise EscoFormatError(
                        f"{path}:{start}: expected {len(header)} fields, found {len(values)}"
                    )
                # The official files leave out trailing empty fields on some rows.
                record = dict(zip(header, values, strict=False))
                for column in header[len(values) :]:
                    record[column] = ""
                for column in required:
                    if not record[column].strip():
                        raise EscoFormatError(f"{path}:{start}: {column}: empty")
                yield start, record
                start = reader.line_num + 1
        except csv.Error as e:
            raise EscoFormatError(f"{path}:{reader.line_num}: {e}") from e
        except UnicodeDecodeError as e:
            raise EscoFormatError(f"{path}: not UTF-8 ({e.reason})") from e


def _collection_name(path: Path) -> str:
    return path.name.removesuffix(COLLECTION_SUFFIX) or "skills"


def _add_skill(taxonomy: Taxonomy, record: dict[str, str], collection: str | None) -> None:
    uri = record["conceptUri"].strip()
    known = taxonomy.skills.get(uri)
    if known is not None:
        if collection and collection not in known["collections"]:
            known["collections"].append(collection)
            known["category"] = ", ".join(known["collections"])
        return
    collections = [collection] if collection else []
    taxonomy.skills[uri] = {
        "uri": uri,
        "name": record["preferredLabel"].strip(),
        "description": record.get("description", "").strip() or None,
        "alt_labels": alt_labels(record.get("altLabels", "")),
        "category": ", ".join(collections) or "skill",
        "collections": collections,
        "broader": [u.strip() for u in record.get("broaderConceptUri", "").split("|") if u.strip()],
    }


def alt_labels(raw: str) -> list[str]:
    r"""ESCO's alternative labels: one a line in the full files, ``|``-separated in collections.

    >>> alt_labels("take the initiative | give impetus")
    ['take the initiative', 'give impetus']
    >>> alt_labels("Haskell techniques\nHaskell")
    ['Haskell techniques', 'Haskell']
    """
    labels = (label.strip() for line in raw.splitlines() for label in line.split("|"))
    return list(dict.fromkeys(label for label in labels if label))


def _group(uri: str, name: str, description: str | None) -> Row:
    return {
        "uri": uri,
        "name": name,
        "description": description,
        "alt_labels": [],
        "category": "group",
        "collections": [],
        "broader": [],
    }


def read(folder: Path) -> Taxonomy:
    """Read every ESCO file present in ``folder``.

    Raises
    ------
    EscoFormatError
        When the folder holds no ESCO file, or a file is malformed (naming file and line).
    """
    if not folder.is_dir():
        raise EscoFormatError(f"{folder}: not a folder")
    taxonomy = Taxonomy()
    sources = sorted(folder.glob("*" + COLLECTION_SUFFIX))
    if (folder / SKILLS_FILE).exists():
        sources.insert(0, folder / SKILLS_FILE)
    for path in sources:
        taxonomy.files.append(path.name)
        name = None if path.name == SKILLS_FILE else _collection_name(path)
        for _, record in _records(path, _SKILL_COLUMNS):
            _add_skill(taxonomy, record, name)
    groups = folder / GROUPS_FILE
    if groups.exists():
        taxonomy.files.append(groups.name)
        for _, record in _records(groups, _GROUP_COLUMNS):
            uri = record["conceptUri"].strip()
            taxonomy.groups[uri] = _group(
                uri, record["preferredLabel"].strip(), record.get("description", "").strip() or None
            )
    pairs: set[tuple[str, str]] = set()
    hierarchy = folder / HIERARCHY_FILE
    if hierarchy.exists():
        taxonomy.files.append(hierarchy.name)
        columns = ("Level 0 URI", "Level 0 preferred term")
        for line, record in _records(hierarchy, columns):
            chain: list[str] = []
            for level in range(_HIERARCHY_LEVELS):
                uri = record.get(f"Level {level} URI", "").strip()
                if not uri:
                    break
                chain.append(uri)
                if uri not in taxonomy.groups:
                    label = record.get(f"Level {level} preferred term", "").strip()
                    if not label:
                        raise EscoFormatError(
                            f"{hierarchy}:{line}: Level {level} preferred term: empty"
                        )
                    taxonomy.groups[uri] = _group(uri, label, None)
            if len(chain) >= 2:
                pairs.add((chain[-1], chain[-2]))
    for skill in taxonomy.skills.values():
        for uri in skill["broader"]:
            pairs.add((skill["uri"], uri))
    broader = folder / BROADER_FILE
    if broader.exists():
        taxonomy.files.append(broader.name)
        for _, record in _records(broader, _BROADER_COLUMNS):
            pairs.add((record["conceptUri"].strip(), record["broaderUri"].strip()))
    known = taxonomy.skills.keys() | taxonomy.groups.keys()
    for narrower, wider in sorted(pairs):
        if narrower in known and wider in known and narrower != wider:
            taxonomy.broader.append({"narrower": narrower, "broader": wider})
        else:
            taxonomy.skipped += 1
    relations = folder / RELATIONS_FILE
    if relations.exists():
        taxonomy.files.append(relations.name)
        seen: set[tuple[str, str]] = set()
        for _, record in _records(relations, _RELATION_COLUMNS):
            a, b = record["originalSkillUri"].strip(), record["relatedSkillUri"].strip()
            if a in known and b in known and (a, b) not in seen:
                seen.add((a, b))
                taxonomy.related.append({"source": a, "target": b, "kind": record["relationType"]})
            else:
                taxonomy.skipped += 1
    if not taxonomy.files:
        raise EscoFormatError(f"{folder}: no ESCO files (expected {SKILLS_FILE} or a collection)")
    return taxonomy


async def load(db: Database, folder: Path, *, progress: bool = False) -> Taxonomy:
    """Read the ESCO files in ``folder`` (all of them, first) and upsert the taxonomy.

    Nothing is written when a file is malformed. A second import of the same files changes
    nothing.
    """
    taxonomy = read(folder)
    total = len(taxonomy.skills) + len(taxonomy.groups) + len(taxonomy.broader)
    with tqdm(
        total=total + len(taxonomy.related), desc="ESCO", unit=" rows", disable=not progress
    ) as bar:
        await imports.write_taxonomy(
            db, taxonomy.skill_rows(), taxonomy.broader, taxonomy.related, progress=bar.update
        )
    return taxonomy
