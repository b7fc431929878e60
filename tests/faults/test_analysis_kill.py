"""Kill the database in the middle of an analysis write-back: readers still see the whole
previous run (never half of the new one), and running the analysis again completes it."""

from __future__ import annotations

import asyncio

import pytest

from analysis.job import run_analysis
from analysis.model import Parameters
from graph import analysis_runs
from graph.db import Database
from graph.errors import DatabaseUnavailable
from tests.analysis import org
from tests.faults.conftest import Killable


# Known gap, kept visible: the interrupted run stays 'running' (marking it failed needed the
# database that was gone), and start_run refuses a new run while one started less than
# analysis_runs.STALE_AFTER (6 h) ago is running. Any other failure fails this test; once a
# rerun completes, the strict xfail fails too and this marker must go.
@pytest.mark.xfail(
    raises=analysis_runs.AnalysisBusy,
    strict=True,
    reason="a run interrupted by a database crash blocks new runs until it is stale (6 h)",
)
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
    assert [r["person"] for r in rerun_leaders] == [r["person"] for r in leaders]
