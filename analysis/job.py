"""The analysis job: project, compute, write back atomically as a run.

This is the one module of :mod:`analysis` that does I/O, and only through :mod:`graph`:
it reads the organisation (one read transaction), computes every metric in a worker thread
(the event loop stays free for the API meanwhile), writes the rows while the run is marked
``running`` and finally marks it ``complete``. Any failure, or an interruption, marks the run
``failed`` where possible; either way readers keep seeing the previous complete run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analysis.backend import check_backend, using_backend
from analysis.model import OrgGraph, Parameters
from analysis.pipeline import STAGES, Result, compute
from graph import analysis_runs
from graph.db import Database
from graph.projection import project

#: The stages reported to ``progress``: reading, each metric, writing.
JOB_STAGES = ("projection", *STAGES, "write")


@dataclass(frozen=True)
class RunReport:
    """What a finished run wrote."""

    run_id: str
    summary: dict[str, Any]
    durations: dict[str, float]
    rows: int
    pruned: tuple[str, ...] = ()
    """Older runs whose per-person rows this run's retention deleted."""


def _compute(org: OrgGraph, params: Parameters, previous: Any, progress: Any) -> Result:
    with using_backend(params.backend):
        return compute(org, params, previous=previous, progress=progress)


async def run_analysis(
    db: Database,
    params: Parameters | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    on_rows: Callable[[int], Any] | None = None,
    keep_person_results: int = 0,
) -> RunReport:
    """Run the whole analysis and record it; returns the run's id, summary and durations.

    Parameters
    ----------
    db
        The database.
    params
        The run's parameters (defaults when ``None``).
    progress
        Called with each stage of :data:`JOB_STAGES` as it starts.
    on_rows
        Called with the number of rows of each batch written.
    keep_person_results
        Once the run is complete, delete the per-person rows of the complete runs older
        than the latest this many (0: keep every run's). See
        :func:`graph.analysis_runs.prune_person_results`.

    Raises
    ------
    graph.analysis_runs.AnalysisBusy
        When another run is in progress.
    """
    params = params or Parameters()
    params = Parameters(**{**params.as_dict(), "backend": check_backend(params.backend)})
    await analysis_runs.clean_leftovers(db)
    previous_run = await analysis_runs.latest_run(db)
    run_id = await analysis_runs.start_run(db, params.as_dict())
    try:
        durations: dict[str, float] = {}
        if progress is not None:
            progress("projection")
        start = time.perf_counter()
        org = await project(
            db,
            follow_weight=params.follow_weight,
            co_use_weight=params.co_use_weight,
            co_use_max_audience=params.co_use_max_audience,
        )
        previous = None
        if previous_run is not None:
            prev_id = str(previous_run["id"])
            previous = (prev_id, await analysis_runs.previous_team_rows(db, prev_id))
        durations["projection"] = time.perf_counter() - start
        result = await asyncio.to_thread(_compute, org, params, previous, progress)
        durations.update(result.durations)
        if progress is not None:
            progress("write")
        start = time.perf_counter()
        rows = await analysis_runs.write_results(
            db,
            run_id,
            people=result.people,
            teams=result.teams,
            champions=result.champions,
            progress=on_rows,
        )
        durations["write"] = time.perf_counter() - start
        summary = {
            **result.summary,
            "backend": params.backend,
            "previousRunId": None if previous is None else previous[0],
            "durations": {k: round(v, 4) for k, v in durations.items()},
        }
        lists = analysis_runs.ranked_lists(result.people, result.teams)
        await analysis_runs.complete_run(db, run_id, summary, lists)
    except BaseException as e:
        await asyncio.shield(_mark_failed(db, run_id, e))
        raise
    # After the run is complete: a failure here leaves the new run complete and the old
    # rows in place (a prune stopped half-way is finished by the next run's).
    pruned = await analysis_runs.prune_person_results(db, keep=keep_person_results)
    return RunReport(run_id, summary, durations, rows, tuple(pruned))


async def _mark_failed(db: Database, run_id: str, error: BaseException) -> None:
    try:
        await analysis_runs.fail_run(db, run_id, f"{type(error).__name__}: {error}")
    except Exception:  # noqa: BLE001 - the original error matters more; the run stays invisible
        pass
