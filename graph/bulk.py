"""Bulk upserts: ``UNWIND $rows AS row`` in batches, one managed transaction per batch.

The generator, the importers and the demo all write through these. Every statement is
an idempotent upsert (``MERGE``), so a batch the driver retries, or a file imported twice,
changes nothing the second time. (:mod:`graph.fresh` has ``CREATE`` twins of the
generator's statements, for a graph known to hold none of its nodes.)

Times go in as whole seconds since the epoch and become datetimes in Cypher
(``datetime({epochSeconds: ...})``, UTC): the driver's own conversion of a Python datetime
costs about 100 µs each, more than the rest of the row, and the generator sends hundreds of
thousands. On Neo4j the stored value is the same as a datetime parameter's; ArcadeDB keeps
its zone (UTC), where it stores a datetime parameter without one; both compare and sort by
instant.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, LiteralString, TypeVar

from graph.db import Database, Row

T = TypeVar("T")
BATCH = 1000

TEAMS: LiteralString = """
UNWIND $rows AS row
MERGE (t:Team {id: row.id})
SET t.name = row.name
"""

TEAM_PARENTS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Team {id: row.id}), (p:Team {id: row.parent_id})
MERGE (t)-[:PART_OF]->(p)
"""

PEOPLE: LiteralString = """
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name, p.email = row.email, p.title = row.title
"""

CURATORS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p:Curator
"""

MEMBERSHIPS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (t:Team {id: row.team_id})
MERGE (p)-[:MEMBER_OF]->(t)
"""

REPORTS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (m:Person {id: row.manager_id})
MERGE (p)-[:REPORTS_TO]->(m)
"""

SKILLS: LiteralString = """
UNWIND $rows AS row
MERGE (s:Skill {id: row.id})
SET s.name = row.name, s.description = row.description, s.category = row.category,
    s.escoUri = row.esco_uri
"""

PERSON_SKILLS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (s:Skill {id: row.skill_id})
MERGE (p)-[h:HAS_SKILL]->(s)
SET h.level = row.level, h.source = row.source,
    h.assessedAt = datetime({epochSeconds: row.assessed_at})
"""

# One row per (source, target) pair, with the pair's total weight: callers add up repeated
# interactions first, so writing the same rows twice changes nothing.
COLLABORATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Person {id: row.source_id}), (b:Person {id: row.target_id})
MERGE (a)-[c:COLLABORATES_WITH]->(b)
SET c.weight = row.weight, c.kind = row.kind, c.lastAt = datetime({epochSeconds: row.at})
"""

CONTENT: LiteralString = """
UNWIND $rows AS row
MERGE (c:Content {id: row.id})
SET c.title = row.title, c.kind = row.kind, c.url = row.url, c.minutes = row.minutes,
    c.origin = row.origin, c.createdAt = datetime({epochSeconds: row.created_at})
"""

TEACHES: LiteralString = """
UNWIND $rows AS row
MATCH (c:Content {id: row.content_id}), (s:Skill {id: row.skill_id})
MERGE (c)-[t:TEACHES]->(s)
SET t.level = row.level
"""

CREATED: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (c:Content {id: row.content_id})
MERGE (p)-[:CREATED]->(c)
"""

CURATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.curator_id}), (c:Content {id: row.content_id})
MERGE (p)-[r:CURATES]->(c)
SET r.at = datetime({epochSeconds: row.at}), r.note = row.note
"""

COMPLETIONS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (c:Content {id: row.content_id})
MERGE (p)-[r:COMPLETED]->(c)
SET r.at = datetime({epochSeconds: row.at}), r.minutes = row.minutes, r.rating = row.rating
"""

FOLLOWS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Person {id: row.follower_id}), (b:Person {id: row.followee_id})
MERGE (a)-[f:FOLLOWS]->(b)
SET f.since = datetime({epochSeconds: row.since})
"""

GOALS: LiteralString = """
UNWIND $rows AS row
MERGE (g:Goal {id: row.id})
SET g.title = row.title, g.kind = row.kind, g.description = row.description,
    g.due = row.due, g.targetHoursPerPerson = row.target_hours_per_person
"""

REQUIREMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (s:Skill {id: row.skill_id})
MERGE (g)-[r:REQUIRES]->(s)
SET r.level = row.level, r.headcount = row.headcount, r.critical = row.critical
"""

COMMITMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (g:Goal {id: row.goal_id}), (t:Team {id: row.team_id})
MERGE (t)-[:COMMITTED_TO]->(g)
"""


def batched(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """Successive lists of at most ``size`` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


async def write_batches(
    db: Database,
    statement: LiteralString,
    rows: Iterable[Row],
    *,
    size: int = BATCH,
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Write ``rows`` with ``statement`` in batches; returns how many rows were written."""
    written = 0
    for chunk in batched(rows, size):
        await db.write(statement, {"rows": chunk})
        written += len(chunk)
        if progress is not None:
            progress(len(chunk))
    return written


Batch = tuple[LiteralString, list[Row]]


class Buffers:
    """Rows per statement, handed out as full batches in dependency order.

    ``order`` lists the statements parents first; ``parents`` are those whose rows others
    depend on (the statements that create nodes; all of them when not given). When a
    statement's buffer is full, the buffered rows of every earlier parent are handed out
    before it, so a batch of ties never reaches the database before the batch that creates
    its end nodes. Other statements' buffers wait until they are full themselves: fewer,
    fuller batches (each is a transaction, and a commit has its own cost).
    """

    def __init__(
        self,
        order: Sequence[LiteralString],
        size: int = BATCH,
        parents: Iterable[LiteralString] | None = None,
    ) -> None:
        self._order = list(order)
        self._rank = {s: i for i, s in enumerate(self._order)}
        self._rows: dict[LiteralString, list[Row]] = {s: [] for s in self._order}
        self._size = size
        self._parents = set(self._order if parents is None else parents)

    def add(self, statement: LiteralString, row: Row) -> list[Batch]:
        """Buffer one row; returns the batches that are now due (usually none)."""
        rows = self._rows[statement]
        rows.append(row)
        if len(rows) < self._size:
            return []
        rank = self._rank[statement]
        due = [s for s in self._order[:rank] if s in self._parents]
        return self._hand_out([*due, statement])

    def flush(self) -> list[Batch]:
        """Every buffered row, as batches in dependency order."""
        return self._hand_out(self._order)

    def _hand_out(self, statements: Iterable[LiteralString]) -> list[Batch]:
        due: list[Batch] = []
        for statement in statements:
            rows = self._rows[statement]
            if rows:
                due.append((statement, rows))
                self._rows[statement] = []
        return due


async def write_stream(
    db: Database,
    batches: Iterable[Batch],
    *,
    progress: Callable[[int], Any] | None = None,
    depth: int = 2,
) -> int:
    """Write batches as they are produced, one managed transaction each, in order.

    Producing the next batch (Python) overlaps with writing the previous one (the database):
    at most ``depth`` batches wait in between, so memory stays bounded.
    """
    queue: asyncio.Queue[Batch | None] = asyncio.Queue(maxsize=depth)
    written = 0

    async def writer() -> None:
        nonlocal written
        while (item := await queue.get()) is not None:
            statement, rows = item
            await db.write(statement, {"rows": rows})
            written += len(rows)
            if progress is not None:
                progress(len(rows))

    task = asyncio.create_task(writer())

    async def put(item: Batch | None) -> bool:
        # The writer may fail while the queue is full: wait for whichever comes first.
        putting = asyncio.ensure_future(queue.put(item))
        await asyncio.wait({putting, task}, return_when=asyncio.FIRST_COMPLETED)
        if not putting.done():
            putting.cancel()
            return False
        return True

    try:
        for batch in batches:
            if not await put(batch):
                break
            await asyncio.sleep(0)  # let the writer send while the next batch is built
        else:
            await put(None)
        await task
    finally:
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    return written
