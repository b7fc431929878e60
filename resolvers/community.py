"""Community health for the API: which run a request reads, and loaders for its rows.

Every field reads one complete analysis run: the one named by ``runId``, or the latest.
The run is loaded once per request (:class:`RunLoader`); people, teams and skills in the
results load through the entity loaders, so a list of 100 leaders costs a constant number of
queries.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from analysis.job import run_analysis
from analysis.model import Parameters
from graph import analysis_runs
from graph.db import Database, Row
from resolvers.context import Context
from resolvers.loaders import KeyLoader
from skillgraph.config import load_settings

LATEST = ""
MAX_LIST = 100


class ListSizeError(ValueError):
    """``first`` is outside 1-100."""


async def _runs(db: Database, keys: Sequence[str]) -> list[Row | None]:
    out: list[Row | None] = []
    for key in keys:  # a request names one or two runs; one query each
        out.append(
            await analysis_runs.latest_run(db)
            if key == LATEST
            else await analysis_runs.get_run(db, key)
        )
    return out


class RunLoader(KeyLoader):
    """A complete run by id (``""``: the latest)."""

    fetch = staticmethod(_runs)


def limit(first: int) -> int:
    """Check a list size: 1 to :data:`MAX_LIST`."""
    if not 1 <= first <= MAX_LIST:
        raise ListSizeError(f"first: must be between 1 and {MAX_LIST}, got {first}")
    return first


async def run_of(context: Context, run_id: str | None) -> Row | None:
    """The run a field reads: ``run_id``'s, or the latest complete one."""
    return await context.loader(RunLoader).load(run_id or LATEST)  # type: ignore[no-any-return]


async def person_run_id(context: Context, run_id: str | None) -> str | None:
    """The id of the run a per-person field reads (``None``: no run yet).

    Raises :class:`~graph.analysis_runs.PersonResultsPruned` for a run whose per-person
    rows retention deleted.
    """
    run = await run_of(context, run_id)
    if run is None:
        return None
    if not analysis_runs.has_person_results(run):
        raise analysis_runs.PersonResultsPruned(str(run["id"]))
    return str(run["id"])


@functools.cache
def _settings() -> tuple[str, int]:
    # the service validated the settings at start-up; read them once here too
    settings = load_settings()
    return settings.nx_backend, settings.keep_person_results


async def start_analysis(context: Context, **overrides: Any) -> Row:
    """Run the analysis now (computation off the event loop) and return the new run."""
    backend, keep = _settings()
    params = Parameters(**{"backend": backend, **overrides})
    report = await run_analysis(context.db, params, keep_person_results=keep)
    run = await analysis_runs.get_run(context.db, report.run_id)
    assert run is not None  # just completed
    return run
