"""The demo organisation loaded by ``skillgraph serve --demo``: a few hundred generated people.

It is the generator's organisation (:mod:`seeds.generator`) at a size that loads in seconds,
with the same planted structure, so the demo shows every analysis finding something.
"""

from __future__ import annotations

from graph import stats
from graph.db import Database
from seeds.generator import generate
from seeds.manifest import Manifest

PEOPLE = 300
SEED = 7


async def is_empty(db: Database) -> bool:
    """Whether the graph holds nothing yet."""
    return await stats.node_count(db) == 0


async def load(
    db: Database, people: int = PEOPLE, seed: int = SEED, *, progress: bool = False
) -> Manifest:
    """Generate the demo organisation, write it and return its manifest."""
    return await generate(db, people=people, seed=seed, progress=progress)
