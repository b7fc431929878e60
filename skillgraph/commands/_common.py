"""What the subcommands share: settings, the database for the duration of a command."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from graph.connect import connected, database_target
from graph.db import Database
from skillgraph.config import Settings, load_settings

T = TypeVar("T")


def settings() -> Settings:
    """The settings from the environment (read once per command)."""
    return load_settings()


def with_database(work: Callable[[Database], Awaitable[T]], config: Settings | None = None) -> T:
    """Run ``work`` against the database: the running embedded server, or one started for it."""
    config = config or settings()
    with database_target(config) as target:

        async def go() -> T:
            async with connected(target) as db:
                return await work(db)

        return asyncio.run(go())
