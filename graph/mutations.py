"""Writes behind the API's create/update/delete mutations, each in one managed transaction.

Every function checks what it refers to inside its transaction and raises
:class:`~graph.errors.Refused` (naming the input field) before or instead of writing, so a
refused write leaves the graph exactly as it was. Patches take :data:`KEEP` for "leave as it
is"; ``None`` clears a value.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Literal, LiteralString, TypeAlias, TypeVar

from graph.db import Database, Row, Tx
from graph.errors import Refused

T = TypeVar("T")


class Keep(enum.Enum):
    """The type of :data:`KEEP`."""

    KEEP = "keep"


KEEP = Keep.KEEP
Patch: TypeAlias = T | Literal[Keep.KEEP]


class Kind(enum.Enum):
    """The entity labels a mutation may refer to."""

    PERSON = "Person"
    TEAM = "Team"
    SKILL = "Skill"
    CONTENT = "Content"
    GOAL = "Goal"


_EXISTS: dict[Kind, LiteralString] = {
    Kind.PERSON: (
        "UNWIND $keys AS k OPTIONAL MATCH (n:Person {id: k}) RETURN k, n IS NOT NULL AS ok"
    ),
    Kind.TEAM: "UNWIND $keys AS k OPTIONAL MATCH (n:Team {id: k}) RETURN k, n IS NOT NULL AS ok",
    Kind.SKILL: "UNWIND $keys AS k OPTIONAL MATCH (n:Skill {id: k}) RETURN k, n IS NOT NULL AS ok",
    Kind.CONTENT: (
        "UNWIND $keys AS k OPTIONAL MATCH (n:Content {id: k}) RETURN k, n IS NOT NULL AS ok"
    ),
    Kind.GOAL: "UNWIND $keys AS k OPTIONAL MATCH (n:Goal {id: k}) RETURN k, n IS NOT NULL AS ok",
}


async def require(tx: Tx, kind: Kind, refs: Sequence[tuple[str, str]]) -> None:
    """Refuse (``NOT_FOUND``) the first ``(field, key)`` naming no entity of ``kind``."""
    if not refs:
        return
    rows = await tx.run(_EXISTS[kind], {"keys": [key for _, key in refs]})
    found = {r["k"] for r in rows if r["ok"]}
    for field, key in refs:
        if key not in found:
            raise Refused(field, f"{kind.value.lower()} {key!r} does not exist", "NOT_FOUND")


async def require_new(tx: Tx, kind: Kind, key: str) -> None:
    """Refuse (``DUPLICATE``) a new entity whose id is taken."""
    rows = await tx.run(_EXISTS[kind], {"keys": [key]})
    if rows and rows[0]["ok"]:
        raise Refused("key", f"{kind.value.lower()} {key!r} already exists", "DUPLICATE")


def _listed(field: str, keys: Sequence[str]) -> list[tuple[str, str]]:
    return [(f"{field}[{i}]", key) for i, key in enumerate(keys)]


# People ---------------------------------------------------------------------------------

_PERSON: LiteralString = """
MATCH (p:Person {id: $key})
RETURN p {.id, .name, .email, .title, curator: p:Curator} AS node
"""
_CREATE_PERSON: LiteralString = "MERGE (p:Person {id: $key}) SET p += $props"
# ArcadeDB refuses (unique id) a label added to a node created in the same transaction, so a
# new curator is created with both labels.
_CREATE_CURATOR: LiteralString = "MERGE (p:Person:Curator {id: $key}) SET p += $props"
_PATCH_PERSON: LiteralString = "MATCH (p:Person {id: $key}) SET p += $props"
_SET_CURATOR: LiteralString = "MATCH (p:Person {id: $key}) SET p:Curator"
_UNSET_CURATOR: LiteralString = "MATCH (p:Person {id: $key}) REMOVE p:Curator"
_LEAVE_TEAM: LiteralString = "MATCH (:Person {id: $key})-[r:MEMBER_OF]->() DELETE r"
_JOIN_TEAM: LiteralString = """
MATCH (p:Person {id: $key}), (t:Team {id: $team})
MERGE (p)-[:MEMBER_OF]->(t)
"""
_MANAGER_CYCLE: LiteralString = """
OPTIONAL MATCH path = (:Person {id: $manager})-[:REPORTS_TO*0..]->(:Person {id: $key})
RETURN count(path) > 0 AS cycle
"""
_DROP_MANAGER: LiteralString = "MATCH (:Person {id: $key})-[r:REPORTS_TO]->() DELETE r"
_SET_MANAGER: LiteralString = """
MATCH (p:Person {id: $key}), (m:Person {id: $manager})
MERGE (p)-[:REPORTS_TO]->(m)
"""
_DELETE_PERSON: LiteralString = "MATCH (p:Person {id: $key}) DETACH DELETE p"


async def _person_ties(
    tx: Tx,
    key: str,
    team: Patch[str | None],
    manager: Patch[str | None],
    curator: Patch[bool],
) -> None:
    if team is not KEEP:
        if team is not None:
            await require(tx, Kind.TEAM, [("team", team)])
        await tx.run(_LEAVE_TEAM, {"key": key})
        if team is not None:
            await tx.run(_JOIN_TEAM, {"key": key, "team": team})
    if manager is not KEEP:
        if manager is not None:
            await require(tx, Kind.PERSON, [("manager", manager)])
            rows = await tx.run(_MANAGER_CYCLE, {"key": key, "manager": manager})
            if rows[0]["cycle"]:
                raise Refused(
                    "manager",
                    f"{manager!r} reports to {key!r} (directly or not): a manager cycle",
                    "CYCLE",
                )
        await tx.run(_DROP_MANAGER, {"key": key})
        if manager is not None:
            await tx.run(_SET_MANAGER, {"key": key, "manager": manager})
    if curator is not KEEP:
        await tx.run(_SET_CURATOR if curator else _UNSET_CURATOR, {"key": key})


async def _one(tx: Tx, query: LiteralString, key: str) -> Row:
    rows = await tx.run(query, {"key": key})
    node: Row = rows[0]["node"]
    return node


async def create_person(
    db: Database,
    key: str,
    props: Row,
    *,
    team: str | None,
    manager: str | None,
    curator: bool,
) -> Row:
    """Create a person with their team, manager and curator role."""

    async def work(tx: Tx) -> Row:
        await require_new(tx, Kind.PERSON, key)
        await tx.run(_CREATE_CURATOR if curator else _CREATE_PERSON, {"key": key, "props": props})
        await _person_ties(tx, key, team, manager, KEEP)
        return await _one(tx, _PERSON, key)

    return await db.write_tx(work)


async def update_person(
    db: Database,
    key: str,
    props: Row,
    *,
    team: Patch[str | None] = KEEP,
    manager: Patch[str | None] = KEEP,
    curator: Patch[bool] = KEEP,
) -> Row:
    """Change a person's properties (``None`` removes one), team, manager or curator role."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.PERSON, [("id", key)])
        if props:
            await tx.run(_PATCH_PERSON, {"key": key, "props": props})
        await _person_ties(tx, key, team, manager, curator)
        return await _one(tx, _PERSON, key)

    return await db.write_tx(work)


async def delete_person(db: Database, key: str) -> None:
    """Delete a person and every tie they have."""

    async def work(tx: Tx) -> None:
        await require(tx, Kind.PERSON, [("id", key)])
        await tx.run(_DELETE_PERSON, {"key": key})

    await db.write_tx(work)


# Teams ----------------------------------------------------------------------------------

_TEAM: LiteralString = "MATCH (t:Team {id: $key}) RETURN t {.id, .name} AS node"
_CREATE_TEAM: LiteralString = "MERGE (t:Team {id: $key}) SET t += $props"
_PATCH_TEAM: LiteralString = "MATCH (t:Team {id: $key}) SET t += $props"
_PARENT_CYCLE: LiteralString = """
OPTIONAL MATCH path = (:Team {id: $parent})-[:PART_OF*0..]->(:Team {id: $key})
RETURN count(path) > 0 AS cycle
"""
_DROP_PARENT: LiteralString = "MATCH (:Team {id: $key})-[r:PART_OF]->() DELETE r"
_SET_PARENT: LiteralString = """
MATCH (t:Team {id: $key}), (p:Team {id: $parent})
MERGE (t)-[:PART_OF]->(p)
"""
_TEAM_IN_USE: LiteralString = """
MATCH (t:Team {id: $key})
RETURN COUNT { (:Person)-[:MEMBER_OF]->(t) } AS members,
       COUNT { (:Team)-[:PART_OF]->(t) } AS teams
"""
_DELETE_TEAM: LiteralString = "MATCH (t:Team {id: $key}) DETACH DELETE t"


async def _set_parent(tx: Tx, key: str, parent: Patch[str | None]) -> None:
    if parent is KEEP:
        return
    if parent is not None:
        await require(tx, Kind.TEAM, [("parent", parent)])
        rows = await tx.run(_PARENT_CYCLE, {"key": key, "parent": parent})
        if rows[0]["cycle"]:
            raise Refused("parent", f"team {parent!r} is part of {key!r}: a team cycle", "CYCLE")
    await tx.run(_DROP_PARENT, {"key": key})
    if parent is not None:
        await tx.run(_SET_PARENT, {"key": key, "parent": parent})


async def create_team(db: Database, key: str, props: Row, *, parent: str | None) -> Row:
    """Create a team under ``parent``."""

    async def work(tx: Tx) -> Row:
        await require_new(tx, Kind.TEAM, key)
        await tx.run(_CREATE_TEAM, {"key": key, "props": props})
        await _set_parent(tx, key, parent)
        return await _one(tx, _TEAM, key)

    return await db.write_tx(work)


async def update_team(
    db: Database, key: str, props: Row, *, parent: Patch[str | None] = KEEP
) -> Row:
    """Rename a team or move it under another parent (never under itself)."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.TEAM, [("id", key)])
        if props:
            await tx.run(_PATCH_TEAM, {"key": key, "props": props})
        await _set_parent(tx, key, parent)
        return await _one(tx, _TEAM, key)

    return await db.write_tx(work)


async def delete_team(db: Database, key: str) -> None:
    """Delete a team that has neither members nor sub-teams (its goal commitments go too)."""

    async def work(tx: Tx) -> None:
        await require(tx, Kind.TEAM, [("id", key)])
        use = (await tx.run(_TEAM_IN_USE, {"key": key}))[0]
        if use["members"] or use["teams"]:
            raise Refused(
                "id",
                f"team {key!r} still has {use['members']} members and {use['teams']} sub-teams;"
                " move them first",
                "IN_USE",
            )
        await tx.run(_DELETE_TEAM, {"key": key})

    await db.write_tx(work)


# Skills ---------------------------------------------------------------------------------

_SKILL: LiteralString = """
MATCH (s:Skill {id: $key})
RETURN s {.id, .name, .description, .category, .escoUri, .altLabels} AS node
"""
_CREATE_SKILL: LiteralString = "MERGE (s:Skill {id: $key}) SET s += $props"
_PATCH_SKILL: LiteralString = "MATCH (s:Skill {id: $key}) SET s += $props"
_BROADER_CYCLES: LiteralString = """
UNWIND $broader AS b
OPTIONAL MATCH path = (:Skill {id: b})-[:BROADER*0..]->(:Skill {id: $key})
RETURN b, count(path) > 0 AS cycle
"""
_DROP_BROADER: LiteralString = "MATCH (:Skill {id: $key})-[r:BROADER]->() DELETE r"
_SET_BROADER: LiteralString = """
UNWIND $broader AS b
MATCH (s:Skill {id: $key}), (x:Skill {id: b})
MERGE (s)-[:BROADER]->(x)
"""
_DELETE_SKILL: LiteralString = "MATCH (s:Skill {id: $key}) DETACH DELETE s"


async def _set_broader(tx: Tx, key: str, broader: Patch[list[str]]) -> None:
    if broader is KEEP:
        return
    await require(tx, Kind.SKILL, _listed("broader", broader))
    rows = await tx.run(_BROADER_CYCLES, {"key": key, "broader": broader})
    cycles = {r["b"] for r in rows if r["cycle"]}
    for i, b in enumerate(broader):
        if b in cycles:
            raise Refused(
                f"broader[{i}]", f"skill {b!r} is narrower than {key!r}: a taxonomy cycle", "CYCLE"
            )
    await tx.run(_DROP_BROADER, {"key": key})
    await tx.run(_SET_BROADER, {"key": key, "broader": broader})


async def create_skill(db: Database, key: str, props: Row, *, broader: list[str]) -> Row:
    """Create a skill under its broader skills."""

    async def work(tx: Tx) -> Row:
        await require_new(tx, Kind.SKILL, key)
        await tx.run(_CREATE_SKILL, {"key": key, "props": props})
        await _set_broader(tx, key, broader)
        return await _one(tx, _SKILL, key)

    return await db.write_tx(work)


async def update_skill(
    db: Database, key: str, props: Row, *, broader: Patch[list[str]] = KEEP
) -> Row:
    """Change a skill's properties or replace its broader skills."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.SKILL, [("id", key)])
        if props:
            await tx.run(_PATCH_SKILL, {"key": key, "props": props})
        await _set_broader(tx, key, broader)
        return await _one(tx, _SKILL, key)

    return await db.write_tx(work)


async def delete_skill(db: Database, key: str) -> None:
    """Delete a skill with its holdings, teachings and requirements."""

    async def work(tx: Tx) -> None:
        await require(tx, Kind.SKILL, [("id", key)])
        await tx.run(_DELETE_SKILL, {"key": key})

    await db.write_tx(work)


# Content --------------------------------------------------------------------------------

_CONTENT: LiteralString = """
MATCH (c:Content {id: $key})
RETURN c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS node
"""
_CREATE_CONTENT: LiteralString = "MERGE (c:Content {id: $key}) SET c += $props"
_PATCH_CONTENT: LiteralString = "MATCH (c:Content {id: $key}) SET c += $props"
_DROP_TEACHES: LiteralString = "MATCH (:Content {id: $key})-[r:TEACHES]->() DELETE r"
_SET_TEACHES: LiteralString = """
UNWIND $skills AS row
MATCH (c:Content {id: $key}), (s:Skill {id: row.skill})
MERGE (c)-[t:TEACHES]->(s)
SET t.level = row.level
"""
_DROP_CREATORS: LiteralString = "MATCH (:Content {id: $key})<-[r:CREATED]-() DELETE r"
_SET_CREATORS: LiteralString = """
UNWIND $creators AS k
MATCH (c:Content {id: $key}), (p:Person {id: k})
MERGE (p)-[:CREATED]->(c)
"""
_DELETE_CONTENT: LiteralString = "MATCH (c:Content {id: $key}) DETACH DELETE c"


async def _content_ties(
    tx: Tx, key: str, skills: Patch[list[Row]], creators: Patch[list[str]]
) -> None:
    if skills is not KEEP:
        refs = [(f"skills[{i}].skill", row["skill"]) for i, row in enumerate(skills)]
        await require(tx, Kind.SKILL, refs)
        await tx.run(_DROP_TEACHES, {"key": key})
        await tx.run(_SET_TEACHES, {"key": key, "skills": skills})
    if creators is not KEEP:
        await require(tx, Kind.PERSON, _listed("creators", creators))
        await tx.run(_DROP_CREATORS, {"key": key})
        await tx.run(_SET_CREATORS, {"key": key, "creators": creators})


async def create_content(
    db: Database, key: str, props: Row, *, skills: list[Row], creators: list[str]
) -> Row:
    """Create a content item with the skills it teaches (``{skill, level}``) and its creators."""

    async def work(tx: Tx) -> Row:
        await require_new(tx, Kind.CONTENT, key)
        await tx.run(_CREATE_CONTENT, {"key": key, "props": props})
        await _content_ties(tx, key, skills, creators)
        return await _one(tx, _CONTENT, key)

    return await db.write_tx(work)


async def update_content(
    db: Database,
    key: str,
    props: Row,
    *,
    skills: Patch[list[Row]] = KEEP,
    creators: Patch[list[str]] = KEEP,
) -> Row:
    """Change a content item's properties, or replace its skills or creators."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.CONTENT, [("id", key)])
        if props:
            await tx.run(_PATCH_CONTENT, {"key": key, "props": props})
        await _content_ties(tx, key, skills, creators)
        return await _one(tx, _CONTENT, key)

    return await db.write_tx(work)


async def delete_content(db: Database, key: str) -> None:
    """Delete a content item with its completions, curations and teachings."""

    async def work(tx: Tx) -> None:
        await require(tx, Kind.CONTENT, [("id", key)])
        await tx.run(_DELETE_CONTENT, {"key": key})

    await db.write_tx(work)


# Goals and their requirements -----------------------------------------------------------

_GOAL: LiteralString = """
MATCH (g:Goal {id: $key})
RETURN g {.id, .title, .kind, .description, .due, .targetHoursPerPerson} AS node
"""
_CREATE_GOAL: LiteralString = "MERGE (g:Goal {id: $key}) SET g += $props"
_PATCH_GOAL: LiteralString = "MATCH (g:Goal {id: $key}) SET g += $props"
_DROP_COMMITMENTS: LiteralString = "MATCH (:Goal {id: $key})<-[r:COMMITTED_TO]-() DELETE r"
_SET_COMMITMENTS: LiteralString = """
UNWIND $teams AS k
MATCH (g:Goal {id: $key}), (t:Team {id: k})
MERGE (t)-[:COMMITTED_TO]->(g)
"""
_DELETE_GOAL: LiteralString = "MATCH (g:Goal {id: $key}) DETACH DELETE g"
_REQUIREMENT: LiteralString = """
MATCH (g:Goal {id: $goal})-[r:REQUIRES]->(s:Skill {id: $skill})
RETURN r.level AS level, r.headcount AS headcount, r.critical AS critical,
       g {.id, .title, .kind, .description, .due, .targetHoursPerPerson} AS goal,
       s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill
"""
_CREATE_REQUIREMENT: LiteralString = """
MATCH (g:Goal {id: $goal}), (s:Skill {id: $skill})
MERGE (g)-[r:REQUIRES]->(s)
SET r += $props
"""
_PATCH_REQUIREMENT: LiteralString = """
MATCH (:Goal {id: $goal})-[r:REQUIRES]->(:Skill {id: $skill})
SET r += $props
"""
_DELETE_REQUIREMENT: LiteralString = """
MATCH (:Goal {id: $goal})-[r:REQUIRES]->(:Skill {id: $skill})
DELETE r
"""


async def _set_teams(tx: Tx, key: str, teams: Patch[list[str]]) -> None:
    if teams is KEEP:
        return
    await require(tx, Kind.TEAM, _listed("teams", teams))
    await tx.run(_DROP_COMMITMENTS, {"key": key})
    await tx.run(_SET_COMMITMENTS, {"key": key, "teams": teams})


async def create_goal(db: Database, key: str, props: Row, *, teams: list[str]) -> Row:
    """Create a goal and commit ``teams`` to it."""

    async def work(tx: Tx) -> Row:
        await require_new(tx, Kind.GOAL, key)
        await tx.run(_CREATE_GOAL, {"key": key, "props": props})
        await _set_teams(tx, key, teams)
        return await _one(tx, _GOAL, key)

    return await db.write_tx(work)


async def update_goal(db: Database, key: str, props: Row, *, teams: Patch[list[str]] = KEEP) -> Row:
    """Change a goal's properties or replace the teams committed to it."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.GOAL, [("id", key)])
        if props:
            await tx.run(_PATCH_GOAL, {"key": key, "props": props})
        await _set_teams(tx, key, teams)
        return await _one(tx, _GOAL, key)

    return await db.write_tx(work)


async def delete_goal(db: Database, key: str) -> None:
    """Delete a goal with its requirements and commitments."""

    async def work(tx: Tx) -> None:
        await require(tx, Kind.GOAL, [("id", key)])
        await tx.run(_DELETE_GOAL, {"key": key})

    await db.write_tx(work)


async def _requirement(tx: Tx, goal: str, skill: str) -> Row | None:
    rows = await tx.run(_REQUIREMENT, {"goal": goal, "skill": skill})
    return rows[0] if rows else None


async def _require_pair(tx: Tx, goal: str, skill: str) -> None:
    await require(tx, Kind.GOAL, [("goal", goal)])
    await require(tx, Kind.SKILL, [("skill", skill)])


async def create_requirement(db: Database, goal: str, skill: str, props: Row) -> Row:
    """Make ``goal`` require ``skill`` (``level``, ``headcount``, ``critical``)."""

    async def work(tx: Tx) -> Row:
        await _require_pair(tx, goal, skill)
        if await _requirement(tx, goal, skill) is not None:
            raise Refused("skill", f"goal {goal!r} already requires skill {skill!r}", "DUPLICATE")
        await tx.run(_CREATE_REQUIREMENT, {"goal": goal, "skill": skill, "props": props})
        found = await _requirement(tx, goal, skill)
        assert found is not None
        return found

    return await db.write_tx(work)


async def update_requirement(db: Database, goal: str, skill: str, props: Row) -> Row:
    """Change what ``goal`` requires of ``skill``."""

    async def work(tx: Tx) -> Row:
        await _require_pair(tx, goal, skill)
        if await _requirement(tx, goal, skill) is None:
            raise Refused("skill", f"goal {goal!r} does not require skill {skill!r}", "NOT_FOUND")
        if props:
            await tx.run(_PATCH_REQUIREMENT, {"goal": goal, "skill": skill, "props": props})
        found = await _requirement(tx, goal, skill)
        assert found is not None
        return found

    return await db.write_tx(work)


async def delete_requirement(db: Database, goal: str, skill: str) -> None:
    """Drop ``goal``'s requirement of ``skill``."""

    async def work(tx: Tx) -> None:
        await _require_pair(tx, goal, skill)
        if await _requirement(tx, goal, skill) is None:
            raise Refused("skill", f"goal {goal!r} does not require skill {skill!r}", "NOT_FOUND")
        await tx.run(_DELETE_REQUIREMENT, {"goal": goal, "skill": skill})

    await db.write_tx(work)
