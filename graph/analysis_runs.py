"""Analysis runs in the database: an atomic write-back, and reading results and trends.

A run is an ``(:AnalysisRun)`` node. Its results hang off it as relationships carrying the
numbers: ``MEASURED`` to each ``Person`` and each ``Team``, ``CHAMPION {skill}`` to the
champions of each skill. Results are written in batches while the run's ``status`` is
``running``; one final statement marks it ``complete`` with its summary. Readers only ever
see complete runs, so a run that fails or is interrupted halfway leaves the previous results
visible and intact (the commit-marker pattern: the write-back is atomic for every reader,
without holding 100,000 rows in one transaction). Its partial rows are deleted by the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, LiteralString

from graph import bulk
from graph.db import Database, Row, Tx, utcnow
from graph.errors import ServiceError

RUNNING = "running"
COMPLETE = "complete"
FAILED = "failed"
STALE_AFTER = dt.timedelta(hours=6)
# Runs this process has started and not yet finished. A run recorded as ``running`` by a
# process of this host that no longer runs it (the process is gone, or it lost the run when
# the database went away mid-run) is abandoned, and does not block a new run.
_PROCESS_TOKEN = secrets.token_hex(6)
_ACTIVE: set[str] = set()


class AnalysisBusy(ServiceError):
    """Another analysis run is in progress."""

    def __init__(self, run_id: str) -> None:
        super().__init__(f"analysis run {run_id!r} is still in progress; try again when it ends")
        self.run_id = run_id


class PersonResultsPruned(ServiceError):
    """A field asked for per-person results of a run whose per-person results were pruned."""

    def __init__(self, run_id: str) -> None:
        super().__init__(
            f"analysis run {run_id!r} no longer holds per-person results: only the latest "
            "complete runs keep them (SKILLGRAPH_KEEP_PERSON_RESULTS); its organisation and "
            "team figures remain"
        )
        self.run_id = run_id


_BUSY: LiteralString = """
MATCH (r:AnalysisRun {status: 'running'})
WHERE r.startedAt > $stale_before
RETURN r.id AS id, r.owner AS owner
"""

_ABANDON: LiteralString = """
MATCH (r:AnalysisRun {status: 'running'})
WHERE r.id IN $ids
SET r.status = 'failed', r.error = 'abandoned: the process running it stopped', r.failedAt = $at
"""

_START: LiteralString = """
CREATE (r:AnalysisRun {id: $id, status: 'running', startedAt: $at, parameters: $parameters,
                       owner: $owner})
RETURN r.id AS id
"""

_LEFTOVERS: LiteralString = """
MATCH (r:AnalysisRun)
WHERE r.status = 'failed' OR (r.status = 'running' AND r.startedAt <= $stale_before)
RETURN r.id AS id
"""

_DROP_RESULTS: LiteralString = """
MATCH (:AnalysisRun {id: $id})-[m]->()
WITH m LIMIT $limit
DELETE m
RETURN count(*) AS deleted
"""

_INCOMPLETE: LiteralString = """
MATCH (r:AnalysisRun {id: $id})
WHERE r.status <> 'complete'
RETURN r.id AS id
"""

_DROP_RUN: LiteralString = """
MATCH (r:AnalysisRun {id: $id})
WHERE r.status <> 'complete'
DELETE r
"""

# The result rows are CREATEd, not MERGEd: they belong to a run started moments ago, a retried
# batch was rolled back first, and MERGE against a run node that already has 100,000
# relationships would scan them all for every row.
_PEOPLE: LiteralString = """
MATCH (r:AnalysisRun {id: $run})
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
CREATE (r)-[m:MEASURED]->(p)
SET m += row
"""

_TEAMS: LiteralString = """
MATCH (r:AnalysisRun {id: $run})
UNWIND $rows AS row
MATCH (t:Team {id: row.id})
CREATE (r)-[m:MEASURED]->(t)
SET m += row
"""

_CHAMPIONS: LiteralString = """
MATCH (r:AnalysisRun {id: $run})
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
CREATE (r)-[c:CHAMPION]->(p)
SET c += row
"""

_COMPLETE: LiteralString = """
MATCH (r:AnalysisRun {id: $id, status: 'running'})
SET r += $summary, r += $lists, r.status = 'complete', r.computedAt = $at
RETURN r.id AS id
"""

_FAIL: LiteralString = """
MATCH (r:AnalysisRun {id: $id, status: 'running'})
SET r.status = 'failed', r.error = $error, r.failedAt = $at
"""

_LATEST: LiteralString = """
MATCH (r:AnalysisRun {status: 'complete'})
RETURN r {.*} AS run
ORDER BY r.id DESC
LIMIT 1
"""

_RUN: LiteralString = """
MATCH (r:AnalysisRun {id: $id, status: 'complete'})
RETURN r {.*} AS run
"""

_RUNS: LiteralString = """
MATCH (r:AnalysisRun {status: 'complete'})
WHERE $after IS NULL OR r.id < $after
RETURN r {.*} AS run
ORDER BY r.id DESC
LIMIT $limit
"""

_RUN_COUNT: LiteralString = """
MATCH (r:AnalysisRun {status: 'complete'})
RETURN count(r) AS total
"""

# Retention: the per-person rows of a run (a MEASURED per person, its CHAMPION rows) are
# most of what a run stores, 137,000 rows at 100,000 people. The run's own figures and its
# teams' rows stay: they are the trend. A run is marked before its rows go, so readers
# refuse it rather than read half of it; an interrupted prune is finished by the next.
_COMPLETE_RUNS: LiteralString = """
MATCH (r:AnalysisRun {status: 'complete'})
RETURN r.id AS id, r.personResults AS personResults
ORDER BY id DESC
"""

_MARK_PRUNING: LiteralString = """
MATCH (r:AnalysisRun {id: $id, status: 'complete'})
SET r.personResults = 'pruning'
"""

_DROP_PERSON_ROWS: LiteralString = """
MATCH (:AnalysisRun {id: $id})-[m:MEASURED]->(:Person)
WITH m LIMIT $limit
DELETE m
RETURN count(*) AS deleted
"""

_DROP_CHAMPION_ROWS: LiteralString = """
MATCH (:AnalysisRun {id: $id})-[c:CHAMPION]->(:Person)
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS deleted
"""

_MARK_PRUNED: LiteralString = """
MATCH (r:AnalysisRun {id: $id})
SET r.personResults = 'pruned', r.personResultsPrunedAt = $at
"""

_PREVIOUS_TEAMS: LiteralString = """
MATCH (:AnalysisRun {id: $id})-[m:MEASURED]->(t:Team)
RETURN t.id AS id, m.eiIndex AS ei_index, m.externalShare AS external_share,
       m.openness AS openness, m.isolated AS isolated
"""

# A run's row of a person or a team is found from the person's or team's side (one row per
# run kept) and matched to the run by id: written from the run's side, ArcadeDB expands
# the run's rows (113,000 at 100,000 people; 250 ms per person), and with the run's label it
# starts from the run again. MEASURED only leaves runs (graph/MODEL.md).
_PERSON_METRICS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (:Person {id: key})<-[m:MEASURED]-(x)
WHERE x.id = $run
RETURN key, m {.*} AS metrics
"""

_TEAM_METRICS: LiteralString = """
UNWIND $keys AS key
OPTIONAL MATCH (:Team {id: key})<-[m:MEASURED]-(x)
WHERE x.id = $run
RETURN key, m {.*} AS metrics
"""

#: How many of each ranked list a run keeps on its node (see :func:`ranked_lists`).
LIST_KEPT = 100

# A run's ranked lists: the ids of its first LIST_KEPT culture leaders, brokers, isolated
# people and isolated teams, in rank order, stored on the run's node when it completes.
# The lists are read by position, one person or team lookup each, instead of a scan of
# the run's 100,000 rows at 100,000 people. Two ArcadeDB habits shape the statements: it
# matches nothing after `UNWIND r.leaders AS key` straight after the MATCH of r (through
# a WITH it does), and it expands `(r)-[:MEASURED]->(p)` from the run, reading all of its
# rows per person, so the row is found from the person's side (a few runs) and compared.
# At 100,000 people: 4 ms for 20 culture leaders, against 240-360 ms for the scan.
_RANKED_PEOPLE: LiteralString = """
MATCH (r:AnalysisRun {id: $run})
WITH r, CASE $list WHEN 'leaderIds' THEN r.leaderIds WHEN 'brokerIds' THEN r.brokerIds
                   WHEN 'isolatedPersonIds' THEN r.isolatedPersonIds END AS ids
WITH r, coalesce(ids, [])[..$limit] AS keys
UNWIND range(0, size(keys) - 1) AS i
WITH r, i, keys[i] AS key
MATCH (p:Person {id: key})
MATCH (p)<-[m:MEASURED]-(x:AnalysisRun)
WHERE x = r
RETURN m {.*} AS metrics
ORDER BY i
"""

_RANKED_TEAMS: LiteralString = """
MATCH (r:AnalysisRun {id: $run})
WITH r, coalesce(r.isolatedTeamIds, [])[..$limit] AS keys
UNWIND range(0, size(keys) - 1) AS i
WITH r, i, keys[i] AS key
MATCH (t:Team {id: key})
MATCH (t)<-[m:MEASURED]-(x:AnalysisRun)
WHERE x = r
RETURN m {.*} AS metrics
ORDER BY i
"""

_HAS_LIST: LiteralString = """
MATCH (r:AnalysisRun {id: $run})
RETURN CASE $list WHEN 'leaderIds' THEN r.leaderIds WHEN 'brokerIds' THEN r.brokerIds
                  WHEN 'isolatedPersonIds' THEN r.isolatedPersonIds
                  WHEN 'isolatedTeamIds' THEN r.isolatedTeamIds END IS NOT NULL AS listed
"""

# A team's leaders: its people and its sub-teams' first, then each one's row of the run,
# found from the person's side as for the metrics above. A division of 100,000 people: 0.2-0.35 s,
# against 2.3-3.4 s for a filter over every row of the run.
_TEAM_LEADERS: LiteralString = """
MATCH (:Team {id: $team})<-[:PART_OF*0..]-(:Team)<-[:MEMBER_OF]-(p:Person)
MATCH (p)<-[m:MEASURED]-(x)
WHERE x.id = $run
RETURN m {.*} AS metrics
ORDER BY m.cultureRank
LIMIT $limit
"""

# The scans below answer for a run without lists (written before runs had them), or past
# a list's end. For the leaders: ranks run 1..N over everyone, so the top `limit` are the
# ranks up to it: filtered first, ArcadeDB sorts `limit` rows instead of N (153 -> 33 ms
# at 10k people).
_LEADERS: LiteralString = """
MATCH (:AnalysisRun {id: $run})-[m:MEASURED]->(:Person)
WHERE m.cultureRank <= $limit
RETURN m {.*} AS metrics
ORDER BY m.cultureRank
LIMIT $limit
"""

_BROKERS: LiteralString = """
MATCH (:AnalysisRun {id: $run})-[m:MEASURED]->(:Person)
WHERE m.isBroker = true
RETURN m {.*} AS metrics
ORDER BY m.betweenness DESC, m.id
LIMIT $limit
"""

_ISOLATED_PEOPLE: LiteralString = """
MATCH (:AnalysisRun {id: $run})-[m:MEASURED]->(:Person)
WHERE m.isolated = true
RETURN m {.*} AS metrics
ORDER BY m.strength, m.id
LIMIT $limit
"""

_ISOLATED_TEAMS: LiteralString = """
MATCH (:AnalysisRun {id: $run})-[m:MEASURED]->(:Team)
WHERE m.isolated = true
RETURN m {.*} AS metrics
ORDER BY m.isolationRank
LIMIT $limit
"""

_CHAMPIONS_OF: LiteralString = """
MATCH (:AnalysisRun {id: $run})-[c:CHAMPION]->(:Person)
WHERE c.skill = $skill
RETURN c {.*} AS champion
ORDER BY c.rank
LIMIT $limit
"""

_TEAM_TREND: LiteralString = """
MATCH (r:AnalysisRun {status: 'complete'})-[m:MEASURED]->(:Team {id: $team})
RETURN r.id AS run, r.computedAt AS computedAt, m {.*} AS metrics
ORDER BY r.id DESC
LIMIT $limit
"""


def new_run_id(now: dt.datetime | None = None) -> str:
    """A run id that sorts by start time: ``run-20261127T014500123456-1a2b3c``."""
    at = now or utcnow()
    return f"run-{at.strftime('%Y%m%dT%H%M%S%f')}-{secrets.token_hex(3)}"


def _decode(run: Row) -> Row:
    out = dict(run)
    for key in ("parameters", "durations", "spofSkills"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


async def start_run(db: Database, parameters: dict[str, Any]) -> str:
    """Record a new run as ``running``; refuse while another run is in progress.

    Raises
    ------
    AnalysisBusy
        When a run started less than :data:`STALE_AFTER` ago is still running.
    """
    now = utcnow()
    run_id = new_run_id(now)

    async def work(tx: Tx) -> str:
        running = await tx.run(_BUSY, {"stale_before": now - STALE_AFTER})
        abandoned = [str(r["id"]) for r in running if _abandoned(str(r["id"]), r["owner"])]
        busy = [str(r["id"]) for r in running if str(r["id"]) not in abandoned]
        if busy:
            raise AnalysisBusy(busy[0])
        if abandoned:
            await tx.run(_ABANDON, {"ids": abandoned, "at": now})
        await tx.run(
            _START,
            {
                "id": run_id,
                "at": now,
                "parameters": json.dumps(parameters),
                "owner": _owner(),
            },
        )
        return run_id

    started = await db.write_tx(work)
    _ACTIVE.add(started)
    return started


def _owner() -> str:
    return f"{os.getpid()}:{_PROCESS_TOKEN}@{socket.gethostname()}"


def _abandoned(run_id: str, owner: str | None) -> bool:
    """Whether a ``running`` run can no longer be running: its process of this host is gone."""
    if not owner or "@" not in owner:
        return False
    process, host = owner.split("@", 1)
    pid_text, _, token = process.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another machine's run: only its age can tell (STALE_AFTER)
    pid = int(pid_text)
    if pid == os.getpid():
        return token != _PROCESS_TOKEN or run_id not in _ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


async def drop_run_results(db: Database, run_id: str, *, batch: int = 5000) -> int:
    """Delete an incomplete run and its results, in batches (a complete run is kept)."""
    if not await db.read(_INCOMPLETE, {"id": run_id}):
        return 0
    deleted = await _drop_all(db, _DROP_RESULTS, run_id, batch)
    await db.write(_DROP_RUN, {"id": run_id})
    return deleted


async def _drop_all(db: Database, statement: LiteralString, run_id: str, batch: int) -> int:
    deleted = 0
    while True:
        rows = await db.write(statement, {"id": run_id, "limit": batch})
        n = int(rows[0]["deleted"]) if rows else 0
        deleted += n
        if n < batch:
            return deleted


async def prune_person_results(db: Database, *, keep: int, batch: int = 5000) -> list[str]:
    """Delete the per-person rows of every complete run but the latest ``keep``.

    The runs themselves and their teams' rows stay (the trend). ``keep`` 0 keeps every
    run's rows. Returns the ids of the runs pruned now, newest first.
    """
    if keep <= 0:
        return []
    pruned = []
    for run in (await db.read(_COMPLETE_RUNS))[keep:]:
        if run["personResults"] == "pruned":
            continue
        run_id = str(run["id"])
        await db.write(_MARK_PRUNING, {"id": run_id})
        for statement in (_DROP_PERSON_ROWS, _DROP_CHAMPION_ROWS):
            await _drop_all(db, statement, run_id, batch)
        await db.write(_MARK_PRUNED, {"id": run_id, "at": utcnow()})
        pruned.append(run_id)
    return pruned


def has_person_results(run: Row) -> bool:
    """Whether a run still holds its per-person rows (see :func:`prune_person_results`)."""
    return run.get("personResults") is None


async def clean_leftovers(db: Database) -> list[str]:
    """Delete failed runs and runs left ``running`` for longer than :data:`STALE_AFTER`."""
    rows = await db.read(_LEFTOVERS, {"stale_before": utcnow() - STALE_AFTER})
    ids = [str(r["id"]) for r in rows]
    for run_id in ids:
        await drop_run_results(db, run_id)
    return ids


async def write_results(
    db: Database,
    run_id: str,
    *,
    people: Sequence[Row],
    teams: Sequence[Row],
    champions: Sequence[Row],
    batch: int = bulk.BATCH,
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Write a running run's rows in batches; returns how many were written."""
    written = 0
    for statement, rows in ((_PEOPLE, people), (_TEAMS, teams), (_CHAMPIONS, champions)):
        for chunk in bulk.batched(rows, batch):
            await db.write(statement, {"run": run_id, "rows": chunk})
            written += len(chunk)
            if progress is not None:
                progress(len(chunk))
    return written


def ranked_lists(people: Sequence[Row], teams: Sequence[Row]) -> dict[str, list[str]]:
    """A run's ranked lists from its rows.

    The first :data:`LIST_KEPT` ids of each, in the order its readers rank them.
    """

    def ids(rows: Iterable[Row], key: Callable[[Row], Any]) -> list[str]:
        return [str(r["id"]) for r in sorted(rows, key=key)[:LIST_KEPT]]

    return {
        "leaderIds": ids(people, lambda r: r["cultureRank"]),
        "brokerIds": ids(
            (r for r in people if r["isBroker"]), lambda r: (-r["betweenness"], r["id"])
        ),
        "isolatedPersonIds": ids(
            (r for r in people if r["isolated"]), lambda r: (r["strength"], r["id"])
        ),
        "isolatedTeamIds": ids((r for r in teams if r["isolated"]), lambda r: r["isolationRank"]),
    }


async def complete_run(
    db: Database, run_id: str, summary: Row, lists: Mapping[str, Sequence[str]] | None = None
) -> None:
    """Mark the run complete: from here on readers see it.

    It stores the summary and the run's ranked lists (:func:`ranked_lists`).
    """
    stored = {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in summary.items()}
    _ACTIVE.discard(run_id)
    kept = {k: list(v) for k, v in (lists or {}).items()}
    params = {"id": run_id, "summary": stored, "lists": kept, "at": utcnow()}
    rows = await db.write(_COMPLETE, params)
    if not rows:
        raise ServiceError(f"analysis run {run_id!r} is no longer running; not completed")


async def fail_run(db: Database, run_id: str, error: str) -> None:
    """Mark a running run failed (its partial results stay invisible until cleaned up)."""
    _ACTIVE.discard(run_id)
    await db.write(_FAIL, {"id": run_id, "error": error[:500], "at": utcnow()})


async def latest_run(db: Database) -> Row | None:
    """The latest complete run, or ``None`` before the first."""
    rows = await db.read(_LATEST)
    return _decode(rows[0]["run"]) if rows else None


async def get_run(db: Database, run_id: str) -> Row | None:
    """A complete run by id."""
    rows = await db.read(_RUN, {"id": run_id})
    return _decode(rows[0]["run"]) if rows else None


async def page_runs(db: Database, *, limit: int, after: str | None) -> tuple[list[Row], int]:
    """Complete runs, newest first (keyset on the run id), and how many there are."""
    rows = await db.read(_RUNS, {"limit": limit, "after": after})
    total = await db.read(_RUN_COUNT)
    return [_decode(r["run"]) for r in rows], int(total[0]["total"])


async def previous_team_rows(db: Database, run_id: str) -> dict[str, Row]:
    """A run's team numbers by team id (for the change since that run)."""
    rows = await db.read(_PREVIOUS_TEAMS, {"id": run_id})
    return {str(r["id"]): r for r in rows}


async def _by_keys(
    db: Database, query: LiteralString, run_id: str, keys: Iterable[str]
) -> list[Row | None]:
    keys = list(keys)
    rows = await db.read(query, {"run": run_id, "keys": keys})
    found = {r["key"]: r["metrics"] for r in rows}
    return [found.get(k) for k in keys]


async def person_metrics(db: Database, run_id: str, keys: Sequence[str]) -> list[Row | None]:
    """The run's metrics of these people, in key order (``None``: not in the run)."""
    return await _by_keys(db, _PERSON_METRICS, run_id, keys)


async def team_metrics(db: Database, run_id: str, keys: Sequence[str]) -> list[Row | None]:
    """The run's metrics of these teams, in key order (``None``: not in the run)."""
    return await _by_keys(db, _TEAM_METRICS, run_id, keys)


async def _ranked(
    db: Database,
    listed: LiteralString,
    scan: LiteralString,
    name: str,
    run_id: str,
    limit: int,
) -> list[Row]:
    """The first ``limit`` of a run's ranked list ``name``.

    From the list on the run's node, or by ``scan`` of its rows for a run without lists or
    past the list's end.
    """
    params = {"run": run_id, "limit": limit, "list": name}
    if limit <= LIST_KEPT:
        rows = await db.read(listed, params)
        if rows or (await db.read(_HAS_LIST, params) or [{"listed": False}])[0]["listed"]:
            return [r["metrics"] for r in rows]
    return [r["metrics"] for r in await db.read(scan, params)]


async def culture_leaders(
    db: Database, run_id: str, *, limit: int, team: str | None = None
) -> list[Row]:
    """The run's culture leaders, best first; with ``team``, its people and sub-teams' only."""
    if team is not None:
        rows = await db.read(_TEAM_LEADERS, {"run": run_id, "limit": limit, "team": team})
        return [r["metrics"] for r in rows]
    return await _ranked(db, _RANKED_PEOPLE, _LEADERS, "leaderIds", run_id, limit)


async def brokers(db: Database, run_id: str, *, limit: int) -> list[Row]:
    """The run's brokers, highest betweenness first."""
    return await _ranked(db, _RANKED_PEOPLE, _BROKERS, "brokerIds", run_id, limit)


async def isolated_people(db: Database, run_id: str, *, limit: int) -> list[Row]:
    """The run's isolated people, weakest ties first."""
    return await _ranked(db, _RANKED_PEOPLE, _ISOLATED_PEOPLE, "isolatedPersonIds", run_id, limit)


async def isolated_teams(db: Database, run_id: str, *, limit: int) -> list[Row]:
    """The run's isolated teams, most isolated first."""
    return await _ranked(db, _RANKED_TEAMS, _ISOLATED_TEAMS, "isolatedTeamIds", run_id, limit)


async def champions(db: Database, run_id: str, skill: str, *, limit: int) -> list[Row]:
    """The run's champions of a skill, best first."""
    rows = await db.read(_CHAMPIONS_OF, {"run": run_id, "skill": skill, "limit": limit})
    return [r["champion"] for r in rows]


async def team_trend(db: Database, team: str, *, limit: int) -> list[Row]:
    """A team's numbers in the latest complete runs, newest first."""
    rows = await db.read(_TEAM_TREND, {"team": team, "limit": limit})
    return [{"run": r["run"], "computedAt": r["computedAt"], **r["metrics"]} for r in rows]
