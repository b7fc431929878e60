"""Writes behind the API's tie mutations: skills, learning, curation, follows, collaboration.

Each runs in one managed transaction and refuses (naming the input
field) before writing when something it refers to does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import LiteralString

from graph.db import Database, Row, Tx
from graph.mutations import Kind, require

_ASSESS: LiteralString = """
MATCH (p:Person {id: $person}), (s:Skill {id: $skill})
MERGE (p)-[h:HAS_SKILL]->(s)
SET h.level = $level, h.source = $source, h.assessedAt = $at
WITH p, h, s,
     p {.id, .name, .email, .title, curator: p:Curator} AS person,
     s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill
RETURN h.level AS level, h.source AS source, h.assessedAt AS assessedAt, person, skill
"""

# A repeated completion adds its minutes, keeps the latest time and the latest rating given.
_LEARN: LiteralString = """
MATCH (p:Person {id: $person}), (c:Content {id: $content})
MERGE (p)-[d:COMPLETED]->(c)
ON CREATE SET d.minutes = $minutes, d.at = $at, d.rating = $rating
ON MATCH SET d.minutes = coalesce(d.minutes, 0) + $minutes,
    d.at = CASE WHEN d.at IS NULL OR d.at < $at THEN $at ELSE d.at END,
    d.rating = coalesce($rating, d.rating)
WITH p, d, c,
     p {.id, .name, .email, .title, curator: p:Curator} AS person,
     c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content
RETURN d.at AS at, d.minutes AS minutes, d.rating AS rating, person, content
"""

_CURATE: LiteralString = """
MATCH (p:Person {id: $curator}), (c:Content {id: $content})
SET p:Curator
MERGE (p)-[u:CURATES]->(c)
SET u.at = $at, u.note = $note
WITH p, u, c,
     p {.id, .name, .email, .title, curator: true} AS curator,
     c {.id, .title, .kind, .url, .minutes, .origin, .createdAt} AS content
RETURN u.at AS at, u.note AS note, curator, content
"""

_FOLLOW: LiteralString = """
MATCH (a:Person {id: $follower}), (b:Person {id: $followee})
MERGE (a)-[f:FOLLOWS]->(b)
ON CREATE SET f.since = $at
"""

_UNFOLLOW: LiteralString = """
MATCH (:Person {id: $follower})-[f:FOLLOWS]->(:Person {id: $followee})
DELETE f
"""

_INTERACT: LiteralString = """
MATCH (a:Person {id: $source}), (b:Person {id: $target})
MERGE (a)-[w:COLLABORATES_WITH]->(b)
ON CREATE SET w.weight = $weight, w.kind = $kind, w.lastAt = $at
ON MATCH SET w.weight = coalesce(w.weight, 0) + $weight, w.kind = coalesce($kind, w.kind),
    w.lastAt = CASE WHEN w.lastAt IS NULL OR w.lastAt < $at THEN $at ELSE w.lastAt END
RETURN w.weight AS weight, w.kind AS kind, w.lastAt AS lastAt
"""


async def assess_skill(
    db: Database, person: str, skill: str, *, level: int, source: str, at: dt.datetime
) -> Row:
    """Set the level at which ``person`` holds ``skill`` (replacing an earlier assessment)."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.PERSON, [("person", person)])
        await require(tx, Kind.SKILL, [("skill", skill)])
        params = {"person": person, "skill": skill, "level": level, "source": source, "at": at}
        return (await tx.run(_ASSESS, params))[0]

    return await db.write_tx(work)


async def record_learning(
    db: Database,
    person: str,
    content: str,
    *,
    minutes: int,
    at: dt.datetime,
    rating: int | None,
) -> Row:
    """Record that ``person`` learnt with ``content`` for ``minutes`` (minutes add up)."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.PERSON, [("person", person)])
        await require(tx, Kind.CONTENT, [("content", content)])
        params = {
            "person": person,
            "content": content,
            "minutes": minutes,
            "at": at,
            "rating": rating,
        }
        return (await tx.run(_LEARN, params))[0]

    return await db.write_tx(work)


async def curate(
    db: Database, curator: str, content: str, *, note: str | None, at: dt.datetime
) -> Row:
    """Record ``curator``'s curation of ``content``; the person takes the curator role."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.PERSON, [("curator", curator)])
        await require(tx, Kind.CONTENT, [("content", content)])
        params = {"curator": curator, "content": content, "note": note, "at": at}
        return (await tx.run(_CURATE, params))[0]

    return await db.write_tx(work)


async def follow(db: Database, follower: str, followee: str, *, at: dt.datetime) -> None:
    """Make ``follower`` follow ``followee`` (a no-op when they already do)."""

    async def work(tx: Tx) -> None:
        await require(tx, Kind.PERSON, [("follower", follower), ("followee", followee)])
        await tx.run(_FOLLOW, {"follower": follower, "followee": followee, "at": at})

    await db.write_tx(work)


async def unfollow(db: Database, follower: str, followee: str) -> None:
    """Stop ``follower`` following ``followee`` (a no-op when they do not)."""

    async def work(tx: Tx) -> None:
        await require(tx, Kind.PERSON, [("follower", follower), ("followee", followee)])
        await tx.run(_UNFOLLOW, {"follower": follower, "followee": followee})

    await db.write_tx(work)


async def record_interaction(
    db: Database,
    source: str,
    target: str,
    *,
    weight: float,
    kind: str | None,
    at: dt.datetime,
) -> Row:
    """Add ``weight`` to the collaboration tie from ``source`` to ``target``."""

    async def work(tx: Tx) -> Row:
        await require(tx, Kind.PERSON, [("from", source), ("to", target)])
        params = {"source": source, "target": target, "weight": weight, "kind": kind, "at": at}
        return (await tx.run(_INTERACT, params))[0]

    return await db.write_tx(work)
