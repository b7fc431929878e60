"""Organisation health: the few numbers that say whether the community is well connected."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from analysis._matrix import triangles


@dataclass(frozen=True)
class Health:
    """Whole-organisation network numbers.

    Attributes
    ----------
    people, ties
        Nodes and (undirected) ties of the tie graph.
    components
        Connected components (an isolated person is one).
    giant_component_share
        Share of people in the largest component.
    density
        Ties over possible pairs.
    clustering
        Average clustering coefficient (unweighted).
    reciprocity
        Share of directed ties that are returned (``None`` without directed ties).
    cross_team_tie_ratio
        Share of tie weight between people of different teams (among ties whose two ends
        both have a team).
    """

    people: int
    ties: int
    components: int
    giant_component_share: float
    density: float
    clustering: float
    reciprocity: float | None
    cross_team_tie_ratio: float | None


def network_health(
    G: nx.Graph[Any],
    team_of: Mapping[Any, str | None],
    *,
    weight: str | None = "weight",
    mutual: str = "mutual",
) -> Health:
    """Components, density, clustering, reciprocity and cross-team ties of the tie graph.

    Parameters
    ----------
    G
        Undirected tie graph; an edge whose ``mutual`` attribute is true stands for two
        directed ties (one each way), otherwise for one. Not modified.
    team_of
        Each person's team.
    weight
        Edge attribute holding tie strength, or ``None``.
    mutual
        Edge attribute marking ties reported in both directions.

    Returns
    -------
    Health
        The organisation's numbers.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", weight=2.0, mutual=True)
    >>> G.add_edge("b", "c", weight=1.0, mutual=False)
    >>> G.add_node("d")
    >>> h = network_health(G, {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    >>> h.components, h.giant_component_share, h.reciprocity, round(h.cross_team_tie_ratio, 3)
    (2, 0.75, 0.6666666666666666, 0.333)

    References
    ----------
    .. [1] Wasserman, S. & Faust, K. (1994). Social Network Analysis: Methods and
       Applications. Cambridge University Press.
    .. [2] Watts, D. J. & Strogatz, S. H. (1998). Collective dynamics of 'small-world'
       networks. Nature 393, 440-442 (clustering).
    """
    n = G.number_of_nodes()
    m = G.number_of_edges()
    sizes = [len(c) for c in nx.connected_components(G)]
    directed = 0
    returned = 0
    cross = 0.0
    within = 0.0
    for u, v, data in G.edges(data=True):
        two_way = bool(data.get(mutual, False))
        directed += 2 if two_way else 1
        returned += 2 if two_way else 0
        tu, tv = team_of.get(u), team_of.get(v)
        if tu is None or tv is None:
            continue
        w = 1.0 if weight is None else float(data.get(weight, 1.0))
        if tu == tv:
            within += w
        else:
            cross += w
    return Health(
        people=n,
        ties=m,
        components=len(sizes),
        giant_component_share=max(sizes) / n if n else 0.0,
        density=nx.density(G) if n > 1 else 0.0,
        clustering=average_clustering(G) if n else 0.0,
        reciprocity=returned / directed if directed else None,
        cross_team_tie_ratio=cross / (cross + within) if cross + within > 0 else None,
    )


def average_clustering(G: nx.Graph[Any]) -> float:
    """The mean local clustering coefficient over all nodes, zeros included (unweighted).

    Equal to ``nx.average_clustering(G)`` (the same terms summed in the same order), with
    the triangles counted by sparse products instead of per-node set intersections.

    Examples
    --------
    >>> G = nx.karate_club_graph()
    >>> average_clustering(G) == nx.average_clustering(G)
    True

    References
    ----------
    .. [1] Watts, D. J. & Strogatz, S. H. (1998). Collective dynamics of 'small-world'
       networks. Nature 393, 440-442.
    """
    _, degree, closed = triangles(G)
    terms = [
        0 if t == 0 else 2 * t / (d * (d - 1))
        for d, t in zip(degree.tolist(), closed.tolist(), strict=True)
    ]
    return sum(terms) / len(terms)


def curator_reach(
    communities: Iterable[frozenset[Hashable]], learners: Iterable[Hashable]
) -> float | None:
    """Share of communities in which someone learned from curated content.

    Parameters
    ----------
    communities
        The communities.
    learners
        People who completed at least one curated content item.

    Returns
    -------
    float or None
        Reached communities over all communities (``None`` without communities).

    Examples
    --------
    >>> curator_reach([frozenset({1, 2}), frozenset({3}), frozenset({4})], [2, 4])
    0.6666666666666666

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. American Journal of
       Sociology 78(6), 1360-1380 (information reaching across groups).
    """
    groups = list(communities)
    if not groups:
        return None
    seen = set(learners)
    return sum(1 for c in groups if not seen.isdisjoint(c)) / len(groups)


def knowledge_flow(colleague_minutes: float, total_minutes: float) -> float | None:
    """Share of learning minutes spent on content created by colleagues.

    Parameters
    ----------
    colleague_minutes
        Minutes on content created by someone other than the learner.
    total_minutes
        All learning minutes.

    Returns
    -------
    float or None
        The share (``None`` when nobody learned anything).

    Examples
    --------
    >>> knowledge_flow(30.0, 120.0)
    0.25

    References
    ----------
    .. [1] Argote, L. & Ingram, P. (2000). Knowledge transfer: a basis for competitive
       advantage in firms. Organizational Behavior and Human Decision Processes 82(1),
       150-169.
    """
    return colleague_minutes / total_minutes if total_minutes > 0 else None


def single_points_of_failure(
    levels: Mapping[Any, Mapping[str, int]], *, min_level: int = 3, max_holders: int = 2
) -> dict[str, int]:
    """Skills that only one or two people hold at a working level.

    Parameters
    ----------
    levels
        Person to skill to level.
    min_level
        Level at which a person counts as holding the skill.
    max_holders
        A skill held by at least one and at most this many people is a single point of
        failure.

    Returns
    -------
    dict
        Skill to its number of holders, fewest first (then by skill id).

    Examples
    --------
    >>> single_points_of_failure({"a": {"cobol": 4, "sql": 3}, "b": {"sql": 4},
    ...                           "c": {"sql": 5, "go": 1}})
    {'cobol': 1}

    References
    ----------
    .. [1] Avelino, G., Passos, L., Hora, A. & Valente, M. T. (2016). A novel approach for
       estimating truck factors. IEEE 24th International Conference on Program
       Comprehension (knowledge concentrated in too few people).
    """
    holders: dict[str, int] = {}
    for held in levels.values():
        for skill, level in held.items():
            if level >= min_level:
                holders[skill] = holders.get(skill, 0) + 1
    few = {s: h for s, h in holders.items() if h <= max_holders}
    return dict(sorted(few.items(), key=lambda kv: (kv[1], kv[0])))
