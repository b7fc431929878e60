"""Culture leaders: an explainable ranking of influence, brokerage and contribution.

Each component is a percentile rank among all people (the share of colleagues the person is
above), so a score of 0.9 reads "above 90 % of colleagues on average over the components",
and the components are returned with it. Whether the person is a formal manager is returned
too, so L&D can find the informal leaders the organisation chart does not show.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from analysis.ranks import percentile_ranks


@dataclass(frozen=True)
class CultureLeader:
    """One person's culture-leader score and what it is made of.

    Attributes
    ----------
    person
        The person's id.
    score
        Weighted mean of the three components, in [0, 1].
    influence
        Percentile rank of PageRank.
    brokerage
        Mean of the percentile ranks of betweenness and of low constraint.
    contribution
        Mean of the percentile ranks of followers and of content created plus curated.
    is_manager
        Whether anyone reports to the person.
    """

    person: Hashable
    score: float
    influence: float
    brokerage: float
    contribution: float
    is_manager: bool


def culture_leaders(
    pagerank: Mapping[Any, float],
    betweenness: Mapping[Any, float],
    constraint: Mapping[Any, float | None],
    followers: Mapping[Any, int],
    contributions: Mapping[Any, int],
    managers: set[Hashable] | frozenset[Hashable],
    *,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
) -> list[CultureLeader]:
    """Rank every person as a culture leader, best first.

    Parameters
    ----------
    pagerank
        Influence of every person (the people ranked are its keys).
    betweenness
        Betweenness of every person.
    constraint
        Burt's constraint (``None`` for people without ties: ranked as fully constrained).
    followers
        How many people follow each person.
    contributions
        Content each person created plus content they curated.
    managers
        The people someone reports to.
    weights
        Weights of influence, brokerage and contribution in the score.

    Returns
    -------
    list of CultureLeader
        Everyone, highest score first (ties by person id).

    Examples
    --------
    >>> people = ["ana", "ben", "cy"]
    >>> ranked = culture_leaders(
    ...     {"ana": 0.5, "ben": 0.3, "cy": 0.2}, {"ana": 0.6, "ben": 0.1, "cy": 0.0},
    ...     {"ana": 0.3, "ben": 0.6, "cy": None}, {"ana": 4, "ben": 9, "cy": 0},
    ...     {"ana": 2, "ben": 0, "cy": 0}, {"ben"})
    >>> [(r.person, round(r.score, 3), r.is_manager) for r in ranked]
    [('ana', 0.917, False), ('ben', 0.5, True), ('cy', 0.0, False)]

    References
    ----------
    .. [1] Cross, R. & Prusak, L. (2002). The people who make organizations go - or stop.
       Harvard Business Review 80(6), 104-112 (central connectors, boundary spanners,
       information brokers).
    .. [2] Burt, R. S. (2004). Structural holes and good ideas. American Journal of
       Sociology 110(2), 349-399.
    """
    people = list(pagerank)
    influence = percentile_ranks(pagerank)
    between = percentile_ranks({p: betweenness.get(p, 0.0) for p in people})
    open_ = percentile_ranks(
        {p: -(c if (c := constraint.get(p)) is not None else 1.0e9) for p in people}
    )
    follow = percentile_ranks({p: float(followers.get(p, 0)) for p in people})
    made = percentile_ranks({p: float(contributions.get(p, 0)) for p in people})
    wi, wb, wc = weights
    total = wi + wb + wc
    ranked: list[CultureLeader] = []
    for p in people:
        brokerage = (between[p] + open_[p]) / 2
        contribution = (follow[p] + made[p]) / 2
        score = (wi * influence[p] + wb * brokerage + wc * contribution) / total
        ranked.append(CultureLeader(p, score, influence[p], brokerage, contribution, p in managers))
    ranked.sort(key=lambda r: (-r.score, str(r.person)))
    return ranked
