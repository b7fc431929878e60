"""The inputs and settings of an analysis run, independent of where the data came from."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class Parameters:
    """Everything that decides a run's results; recorded with the run.

    Attributes
    ----------
    seed
        Seed of community detection and of the betweenness source sample.
    exact_betweenness_up_to
        Largest organisation (people) whose betweenness is computed from every source.
    betweenness_samples
        Sources sampled above that size.
    resolution
        Modularity resolution of community detection.
    isolation_ratio
        A team is isolated below this fraction of the median team openness.
    weak_tie_share
        A person is isolated at or below this fraction of the median tie weight.
    broker_min_score
        A broker's mean robust z-score over log betweenness, log reach and minus log
        constraint (see :func:`analysis.brokers.brokers`).
    broker_min_teams
        Fewest other teams a broker must have ties into.
    champion_min_level
        Lowest skill level of a champion (and of a skill holder for single points of failure).
    champions_per_skill
        Champions kept per skill.
    spof_max_holders
        A skill with this many holders or fewer is a single point of failure.
    follow_weight
        Weight a ``FOLLOWS`` relationship adds to the tie between two people (0: follows
        count only as followers, not as ties).
    co_use_weight
        Weight each content item two people both completed adds to the tie between them
        (0: shared learning makes no tie).
    co_use_max_audience
        Content completed by more people than this makes no co-use ties: an item everyone
        takes says nothing about who works with whom, and its pairs grow as the square.
    backend
        The NetworkX backend first in priority (``"networkx"``: NetworkX itself).
    """

    seed: int = 1
    exact_betweenness_up_to: int = 2000
    betweenness_samples: int = 500
    resolution: float = 1.0
    isolation_ratio: float = 0.3
    weak_tie_share: float = 0.1
    broker_min_score: float = 2.75
    broker_min_teams: int = 2
    champion_min_level: int = 3
    champions_per_skill: int = 20
    spof_max_holders: int = 2
    follow_weight: float = 0.0
    co_use_weight: float = 0.0
    co_use_max_audience: int = 20
    backend: str = "networkx"

    def as_dict(self) -> dict[str, Any]:
        """The parameters as a plain dict (for the run record)."""
        return dataclasses.asdict(self)


@dataclass
class OrgGraph:
    """The organisation as the analyses see it.

    Attributes
    ----------
    ties
        Undirected graph over every person (isolated people included). Node attributes:
        ``team`` (id or ``None``), ``manager``, ``curator`` (bool), ``followers``,
        ``created``, ``curated`` (int). Edge attributes: ``weight`` (tie strength, both
        directions summed) and ``mutual`` (the tie was reported both ways).
    levels
        Person to skill to level.
    shared
        Person to skill to content items on it they created or curated.
    curated_learners
        People who completed curated content.
    learning_minutes
        All learning minutes.
    colleague_minutes
        Learning minutes on content created by a colleague.
    """

    ties: nx.Graph[Any]
    levels: dict[str, dict[str, int]] = field(default_factory=dict)
    shared: dict[str, dict[str, int]] = field(default_factory=dict)
    curated_learners: frozenset[str] = frozenset()
    learning_minutes: float = 0.0
    colleague_minutes: float = 0.0

    def team_of(self) -> dict[str, str | None]:
        """Each person's team."""
        return {n: d.get("team") for n, d in self.ties.nodes(data=True)}
