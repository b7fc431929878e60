"""Brokers: people on many shortest paths, with unconstrained networks, tied across teams.

Betweenness, reach and constraint are all heavy-tailed in an organisation (most people sit
inside their team; a few link many). Each is therefore put on a log scale and turned into a
robust z-score (distance from the median in median absolute deviations); a broker is a person
whose mean of the three z-scores is an outlier. The three scores are returned with the verdict.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

#: Added to betweenness before taking logs, so people on no shortest path get a finite score.
EPSILON = 1e-6


@dataclass(frozen=True)
class Broker:
    """A person the analysis calls a broker, with the numbers behind it.

    Attributes
    ----------
    person
        The person's id.
    betweenness, constraint, teams_reached
        The raw numbers.
    score
        Mean of the three robust z-scores below.
    betweenness_z, reach_z, openness_z
        Robust z-scores of log betweenness, of log(1 + teams reached) and of minus log
        constraint.
    """

    person: Hashable
    betweenness: float
    constraint: float
    teams_reached: int
    score: float
    betweenness_z: float
    reach_z: float
    openness_z: float


def robust_z(values: Mapping[Any, float]) -> dict[Any, float]:
    """Distance of each value from the median, in scaled median absolute deviations.

    Parameters
    ----------
    values
        Item to value.

    Returns
    -------
    dict
        Item to z-score. When more than half the values are equal (a zero MAD) the mean
        absolute deviation is used instead, as Iglewicz & Hoaglin suggest.

    Examples
    --------
    >>> z = robust_z({"a": 1.0, "b": 2.0, "c": 3.0, "d": 50.0})
    >>> round(z["d"], 2), round(z["a"], 2)
    (32.04, -1.01)

    References
    ----------
    .. [1] Iglewicz, B. & Hoaglin, D. C. (1993). How to Detect and Handle Outliers. ASQC.
    """
    data = list(values.values())
    if not data:
        return {}
    median = statistics.median(data)
    spread = statistics.median(abs(v - median) for v in data) * 1.4826
    if spread <= 0:
        spread = statistics.fmean(abs(v - median) for v in data) * 1.2533
    if spread <= 0:
        spread = 1.0
    return {k: (v - median) / spread for k, v in values.items()}


def brokers(
    betweenness: Mapping[Any, float],
    constraint: Mapping[Any, float | None],
    teams_reached: Mapping[Any, int],
    *,
    min_score: float = 2.75,
    min_teams: int = 2,
) -> list[Broker]:
    """The brokers, highest betweenness first.

    A broker's mean robust z-score over log betweenness, log reach (other teams tied into)
    and minus log constraint is at least ``min_score``, and they reach at least
    ``min_teams`` other teams. People without ties are never brokers.

    Parameters
    ----------
    betweenness
        Betweenness of every person.
    constraint
        Burt's constraint (``None``: no ties).
    teams_reached
        Other teams each person has ties into.
    min_score
        Threshold on the mean z-score.
    min_teams
        Fewest other teams reached.

    Returns
    -------
    list of Broker
        The brokers, highest betweenness first.

    Examples
    --------
    >>> people = [f"p{i}" for i in range(20)]
    >>> b = {p: 0.001 * (1 + i % 4) for i, p in enumerate(people)} | {"x": 0.4}
    >>> c = {p: 0.4 + 0.02 * (i % 5) for i, p in enumerate(people)} | {"x": 0.05}
    >>> t = {p: i % 3 for i, p in enumerate(people)} | {"x": 12}
    >>> [(r.person, r.teams_reached) for r in brokers(b, c, t)]
    [('x', 12)]

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. Sociological Methodology 19, 89-126.
    .. [2] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [3] Iglewicz, B. & Hoaglin, D. C. (1993). How to Detect and Handle Outliers. ASQC.
    """
    tied = [p for p in betweenness if constraint.get(p) is not None]
    z_b = robust_z({p: math.log10(betweenness[p] + EPSILON) for p in tied})
    z_t = robust_z({p: math.log1p(teams_reached.get(p, 0)) for p in tied})
    z_c = robust_z({p: -math.log10(max(float(constraint[p] or 0.0), EPSILON)) for p in tied})
    found: list[Broker] = []
    for p in tied:
        score = (z_b[p] + z_t[p] + z_c[p]) / 3
        reached = teams_reached.get(p, 0)
        if score < min_score or reached < min_teams:
            continue
        c = float(constraint[p] or 0.0)
        found.append(Broker(p, betweenness[p], c, reached, score, z_b[p], z_t[p], z_c[p]))
    found.sort(key=lambda b: (-b.betweenness, str(b.person)))
    return found
