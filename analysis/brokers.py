"""Brokers: people on many shortest paths, with unconstrained networks, tied across teams."""

from __future__ import annotations

import statistics
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Broker:
    """A person the analysis calls a broker, with the numbers behind it."""

    person: Hashable
    betweenness: float
    constraint: float
    teams_reached: int
    betweenness_z: float


def _robust_z(values: Mapping[Any, float]) -> dict[Hashable, float]:
    data = list(values.values())
    if not data:
        return {}
    median = statistics.median(data)
    mad = statistics.median(abs(v - median) for v in data) * 1.4826
    if mad <= 0:  # more than half share one value: the mean absolute deviation instead
        mad = statistics.fmean(abs(v - median) for v in data) * 1.2533
    spread = mad if mad > 0 else 1.0
    return {k: (v - median) / spread for k, v in values.items()}


def brokers(
    betweenness: Mapping[Any, float],
    constraint: Mapping[Any, float | None],
    teams_reached: Mapping[Any, int],
    *,
    min_z: float = 3.0,
    min_teams: int = 2,
) -> list[Broker]:
    """The brokers, highest betweenness first.

    A broker has (1) betweenness at least ``min_z`` robust standard deviations above the
    median (median absolute deviation, scaled to the normal), (2) constraint no higher than
    the median person's, and (3) ties into at least ``min_teams`` other teams.

    Parameters
    ----------
    betweenness
        Betweenness of every person.
    constraint
        Burt's constraint (``None``: no ties, never a broker).
    teams_reached
        Other teams each person has ties into.
    min_z
        Betweenness threshold in robust z-scores.
    min_teams
        Fewest other teams reached.

    Returns
    -------
    list of Broker
        The brokers, highest betweenness first.

    Examples
    --------
    >>> b = {p: 0.01 for p in "abcdefgh"} | {"x": 0.4, "y": 0.3}
    >>> c = {p: 0.5 for p in "abcdefgh"} | {"x": 0.1, "y": 0.9}
    >>> t = {p: 0 for p in "abcdefgh"} | {"x": 4, "y": 3}
    >>> [(r.person, r.teams_reached) for r in brokers(b, c, t)]
    [('x', 4)]

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. Sociological Methodology 19, 89-126.
    .. [2] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [3] Iglewicz, B. & Hoaglin, D. C. (1993). How to Detect and Handle Outliers. ASQC
       (the median absolute deviation as a robust z-score).
    """
    z = _robust_z(dict(betweenness))
    known = [c for c in constraint.values() if c is not None]
    median_c = statistics.median(known) if known else 0.0
    found: list[Broker] = []
    for person, value in betweenness.items():
        c = constraint.get(person)
        if c is None or z[person] < min_z or c > median_c:
            continue
        reached = teams_reached.get(person, 0)
        if reached < min_teams:
            continue
        found.append(Broker(person, value, c, reached, z[person]))
    found.sort(key=lambda b: (-b.betweenness, str(b.person)))
    return found
