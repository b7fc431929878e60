"""People at the edge of their team: boundary spanning and isolation."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class Boundary:
    """How far a person's ties reach beyond their own team.

    Attributes
    ----------
    teams_reached
        Distinct other teams the person has ties into.
    external_share
        Share of the person's tie weight that goes outside their team (``None`` without ties).
    """

    teams_reached: int
    external_share: float | None


def boundary_spanning(
    G: nx.Graph[Any], team_of: Mapping[Any, str | None], *, weight: str | None = "weight"
) -> dict[Hashable, Boundary]:
    """Ties into other teams, for every person.

    Parameters
    ----------
    G
        Undirected tie graph; not modified.
    team_of
        Each person's team (``None``: in no team; all their ties count as external).
    weight
        Edge attribute holding tie strength, or ``None``.

    Returns
    -------
    dict
        Person to :class:`Boundary`.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("a", "c"), ("a", "d")])
    >>> b = boundary_spanning(G, {"a": "X", "b": "X", "c": "Y", "d": "Z"})
    >>> b["a"].teams_reached, round(b["a"].external_share, 3), b["b"].teams_reached
    (2, 0.667, 0)

    References
    ----------
    .. [1] Tushman, M. L. & Scanlan, T. J. (1981). Boundary spanning individuals: their
       role in information transfer and their antecedents. Academy of Management Journal
       24(2), 289-305.
    """
    reached: dict[Hashable, set[str]] = defaultdict(set)
    outside: dict[Hashable, float] = defaultdict(float)
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if weight is None else float(data.get(weight, 1.0))
        tu, tv = team_of.get(u), team_of.get(v)
        if tu is None or tu != tv:
            outside[u] += w
            outside[v] += w
            if tv is not None:
                reached[u].add(tv)
            if tu is not None:
                reached[v].add(tu)
    out: dict[Hashable, Boundary] = {}
    for node, strength in G.degree(weight=weight):
        share = outside[node] / strength if strength > 0 else None
        out[node] = Boundary(len(reached[node]), share)
    return out


def isolated_people(
    G: nx.Graph[Any], *, weight: str | None = "weight", weak: float = 0.1
) -> dict[Hashable, str]:
    """People with no ties, or ties far weaker than the organisation's typical person.

    Parameters
    ----------
    G
        Undirected tie graph; not modified.
    weight
        Edge attribute holding tie strength, or ``None``.
    weak
        A person is isolated when their total tie weight is at most this fraction of the
        median total tie weight of people who have ties.

    Returns
    -------
    dict
        Isolated person to the reason, in node order.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a")], weight=10.0)
    >>> G.add_edge("c", "d", weight=0.5)
    >>> G.add_node("e")
    >>> isolated_people(G)
    {'d': 'total tie weight 0.5, at most 0.1 x the median 20', 'e': 'no ties'}

    References
    ----------
    .. [1] Cross, R. & Parker, A. (2004). The Hidden Power of Social Networks. Harvard
       Business School Press (peripheral people).
    """
    strengths = dict(G.degree(weight=weight))
    tied = [float(s) for s in strengths.values() if s > 0]
    median = statistics.median(tied) if tied else 0.0
    out: dict[Hashable, str] = {}
    for node, s in strengths.items():
        if s <= 0:
            out[node] = "no ties"
        elif s <= weak * median:
            out[node] = f"total tie weight {s:g}, at most {weak:g} x the median {median:g}"
    return out
