"""Influence: PageRank over the tie graph, and degree in its plain and weighted forms."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx


def influence(
    G: nx.Graph[Any], *, weight: str | None = "weight", alpha: float = 0.85
) -> dict[Hashable, float]:
    """PageRank of every node: influence that flows along ties (sums to 1).

    Parameters
    ----------
    G
        A graph (undirected ties count both ways); not modified.
    weight
        Edge attribute holding tie strength, or ``None``.
    alpha
        Damping factor.

    Returns
    -------
    dict
        Node to PageRank; an empty graph gives an empty dict.

    Examples
    --------
    >>> G = nx.star_graph(3)
    >>> ranks = influence(G)
    >>> max(ranks, key=ranks.__getitem__), round(sum(ranks.values()), 6)
    (0, 1.0)

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab.
    """
    if G.number_of_nodes() == 0:
        return {}
    ranks = nx.pagerank(G, alpha=alpha, weight=weight)
    return {n: float(v) for n, v in ranks.items()}


@dataclass(frozen=True)
class Degrees:
    """Degree and weighted degree (strength) of each node."""

    degree: dict[Hashable, int]
    strength: dict[Hashable, float]


def degrees(G: nx.Graph[Any], *, weight: str | None = "weight") -> Degrees:
    """How many ties each node has, and their total strength.

    Parameters
    ----------
    G
        A graph; not modified.
    weight
        Edge attribute holding tie strength (``None``: every tie weighs 1).

    Returns
    -------
    Degrees
        ``degree`` counts ties; ``strength`` sums their weights.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"weight": 3.0}), ("a", "c", {"weight": 1.0})])
    >>> d = degrees(G)
    >>> d.degree["a"], d.strength["a"], d.strength["c"]
    (2, 4.0, 1.0)

    References
    ----------
    .. [1] Opsahl, T., Agneessens, F. & Skvoretz, J. (2010). Node centrality in weighted
       networks: generalizing degree and shortest paths. Social Networks 32(3), 245-251.
    """
    degree = {n: int(d) for n, d in G.degree()}
    strength = {n: float(d) for n, d in G.degree(weight=weight)}
    return Degrees(degree, strength)
