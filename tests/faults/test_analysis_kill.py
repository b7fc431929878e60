"""Kill the database in the middle of an analysis write-back: readers still see the whole
previous run (never half of the new one), and running the analysis again completes it."""

from __future__ import annotations

import asyncio
import socket
import subprocess

import pytest

from analysis.job import run_analysis
from analysis.model import Parameters
from graph import analysis_runs
from graph.db import Database
from graph.errors import DatabaseUnavailable
from tests.analysis import org
from tests.faults.conftest import Killable


async def test_kill_during_write_back_keeps_the_previous_run_and_a_rerun_completes(
    killable: Killable, killable_db: Database
) -> None:
    await org.build(killable_db)
    first = await run_analysis(killable_db, Parameters(seed=3))
    leaders = await analysis_runs.culture_leaders(killable_db, first.run_id, limit=20)
    assert len(leaders) == 11

    batches: list[int] = []

    def kill_after_the_first_batch(rows: int) -> None:
        batches.append(rows)
        if len(batches) == 1:
            killable.kill()

    with pytest.raises(DatabaseUnavailable):
        await run_analysis(killable_db, Parameters(seed=3), on_rows=kill_after_the_first_batch)
    assert batches == [11]  # the people's rows were written; the teams' and champions' not

    killable.start()
    await asyncio.sleep(0.6)  # one probe interval: the breaker lets the next call through
    latest = await analysis_runs.latest_run(killable_db)
    assert latest is not None
    assert latest["id"] == first.run_id
    assert await analysis_runs.culture_leaders(killable_db, first.run_id, limit=20) == leaders

    again = await run_analysis(killable_db, Parameters(seed=3))
    assert again.rows == first.rows
    latest = await analysis_runs.latest_run(killable_db)
    assert latest is not None
    assert latest["id"] == again.run_id
    rerun_leaders = await analysis_runs.culture_leaders(killable_db, again.run_id, limit=20)
    assert [r["id"] for r in rerun_leaders] == [r["id"] for r in leaders]


async def test_a_run_another_live_process_owns_still_blocks(killable_db: Database) -> None:
    """Only a run whose process is gone counts as abandoned; a live owner keeps it busy."""
    await killable_db.write(
        "CREATE (:AnalysisRun {id: 'other', status: 'running', startedAt: datetime(),"
        " parameters: '{}', owner: $owner})",
        {"owner": f"1:{'0' * 12}@{socket.gethostname()}"},  # pid 1 lives as long as we do
    )
    with pytest.raises(analysis_runs.AnalysisBusy, match="other"):
        await analysis_runs.start_run(killable_db, {})
    await killable_db.write(
        "MATCH (r:AnalysisRun {id: 'other'}) SET r.owner = $owner",
        {"owner": f"{_gone_pid()}:{'0' * 12}@{socket.gethostname()}"},
    )
    run_id = await analysis_runs.start_run(killable_db, {})
    rows = await killable_db.read(
        "MATCH (r:AnalysisRun) RETURN r.id AS id, r.status AS status ORDER BY r.id"
    )
    assert {r["id"]: r["status"] for r in rows} == {"other": "failed", run_id: "running"}
    await analysis_runs.fail_run(killable_db, run_id, "test over")


def _gone_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid
