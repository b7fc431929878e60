"""The ground truth of a generated organisation, written beside it as JSON.

Tests and benchmarks read it to check that an analysis finds what the generator planted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any


@dataclass
class Manifest:
    """What the generator built and planted (ids as written to the graph)."""

    seed: int
    people: int
    isolated_teams: list[str] = field(default_factory=list)
    """Teams whose members have no collaboration ties outside the team."""
    brokers: list[str] = field(default_factory=list)
    """People (not managers) with collaboration ties into many teams across divisions."""
    rare_skills: list[str] = field(default_factory=list)
    """Every skill held by exactly one or two people (no other skill has so few holders)."""
    met_goals: list[str] = field(default_factory=list)
    """Objectives whose every requirement has several times its headcount in scope."""
    unmet_goals: list[str] = field(default_factory=list)
    """Objectives with requirements far above the people available in scope."""
    learning_hours_goal: str = ""
    target_hours_per_person: float = 0.0
    root_team: str = ""
    """The organisation itself: divisions are ``PART_OF`` it."""
    teams: int = 0
    """How many teams (leaf org units) the organisation has."""
    managers: list[str] = field(default_factory=list)
    """Everyone with direct reports."""
    curators: int = 0
    period_start: str = ""
    """The year of learning: completions fall in ``[period_start, period_end)`` (ISO dates)."""
    period_end: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    """Rows written per kind (nodes and relationships)."""
    written_with: str = ""
    """``create`` when the graph held none of the generated nodes before (every row was
    new, see :mod:`graph.fresh`), ``merge`` when it was written with upserts."""

    def to_json(self) -> str:
        """The manifest as a JSON document."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Read a manifest written by :meth:`to_json` (unknown keys are ignored)."""
        data: dict[str, Any] = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def save(self, path: Path) -> None:
        """Write the manifest to ``path`` (creating its folder)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read a manifest file."""
        return cls.from_json(path.read_text(encoding="utf-8"))
