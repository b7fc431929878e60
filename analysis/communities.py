"""Communities: Leiden where the installed NetworkX (or the chosen backend) has it, else Louvain.

NetworkX 3.6 ships ``leiden_communities`` only as an entry point that dispatches to backends
(NetworkX itself raises ``NotImplementedError``); from 3.7 it is native. :func:`community_algorithm`
asks the function which backends implement it, so the same code picks Leiden where it is real
and Louvain elsewhere, always with a fixed seed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from analysis.backend import NETWORKX, implemented_by

Algorithm = Literal["leiden", "louvain"]


@dataclass(frozen=True)
class Communities:
    """A partition of the nodes into communities and its quality.

    Attributes
    ----------
    algorithm
        ``"leiden"`` or ``"louvain"``.
    communities
        The communities, largest first (ties broken by their smallest member).
    modularity
        Newman's modularity of the partition (weighted when the graph is).
    """

    algorithm: Algorithm
    communities: tuple[frozenset[Hashable], ...]
    modularity: float

    def membership(self) -> dict[Hashable, int]:
        """The index of each node's community."""
        return {n: i for i, c in enumerate(self.communities) for n in c}


def community_algorithm(backend: str = NETWORKX) -> Algorithm:
    """Which algorithm :func:`detect_communities` uses with this backend first in priority.

    Parameters
    ----------
    backend
        The backend the job runs with (``"networkx"`` for NetworkX itself).

    Returns
    -------
    {"leiden", "louvain"}
        ``"leiden"`` when ``nx.community.leiden_communities`` exists and ``backend`` (or
        NetworkX itself) implements it, otherwise ``"louvain"``.

    Examples
    --------
    >>> expected = "leiden" if "networkx" in implemented_by(
    ...     getattr(nx.community, "leiden_communities", nx.pagerank)) and hasattr(
    ...     nx.community, "leiden_communities") else "louvain"
    >>> community_algorithm() == expected
    True
    """
    leiden = getattr(nx.community, "leiden_communities", None)
    if leiden is None:
        return "louvain"
    implementers = implemented_by(leiden)
    return "leiden" if NETWORKX in implementers or backend in implementers else "louvain"


def _ordered(parts: Sequence[set[Any]] | list[frozenset[Any]]) -> tuple[frozenset[Hashable], ...]:
    frozen = [frozenset(p) for p in parts]
    return tuple(sorted(frozen, key=lambda c: (-len(c), min(str(n) for n in c))))


def detect_communities(
    G: nx.Graph[Any],
    *,
    weight: str | None = "weight",
    seed: int = 42,
    resolution: float = 1.0,
    backend: str = NETWORKX,
) -> Communities:
    """Find communities with Leiden when available, otherwise Louvain, with a fixed seed.

    Parameters
    ----------
    G
        An undirected graph; not modified.
    weight
        Edge attribute holding tie strength, or ``None`` for an unweighted graph.
    seed
        Random seed: the same graph and seed give the same partition.
    resolution
        Modularity resolution (above 1 favours smaller communities).
    backend
        The backend the caller runs with; decides whether Leiden is available.

    Returns
    -------
    Communities
        The algorithm used, the communities (largest first) and their modularity.

    Examples
    --------
    >>> G = nx.barbell_graph(5, 0)
    >>> found = detect_communities(G, seed=1)
    >>> [sorted(c) for c in found.communities]
    [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    >>> round(found.modularity, 3)
    0.452

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. J. Stat. Mech. P10008.
    .. [2] Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden:
       guaranteeing well-connected communities. Scientific Reports 9, 5233.
    .. [3] Newman, M. E. J. (2006). Modularity and community structure in networks.
       PNAS 103(23), 8577-8582.
    """
    if G.number_of_nodes() == 0:
        return Communities(community_algorithm(backend), (), 0.0)
    algorithm = community_algorithm(backend)
    if algorithm == "leiden":
        leiden: Callable[..., Any] = nx.community.leiden_communities
        parts = leiden(G, weight=weight, seed=seed, resolution=resolution)
    else:
        parts = nx.community.louvain_communities(G, weight=weight, seed=seed, resolution=resolution)
    communities = _ordered(list(parts))
    if G.number_of_edges() == 0:
        return Communities(algorithm, communities, 0.0)
    q = nx.community.modularity(
        G, [set(c) for c in communities], weight=weight, resolution=resolution
    )
    return Communities(algorithm, communities, float(q))


@dataclass(frozen=True)
class TeamAlignment:
    """How communities cut across formal teams.

    Attributes
    ----------
    communities_per_team
        For each team, how many communities its members fall into.
    dominant_share
        For each team, the share of its members in its most common community.
    teams_per_community
        For each community (by index), how many teams its members come from.
    mean_dominant_share
        The mean of ``dominant_share`` over teams with two or more members (1.0 when
        communities follow team lines exactly).
    """

    communities_per_team: dict[str, int]
    dominant_share: dict[str, float]
    teams_per_community: dict[int, int]
    mean_dominant_share: float


def team_alignment(communities: Communities, team_of: Mapping[Any, str | None]) -> TeamAlignment:
    """Compare the communities found with the formal teams.

    Parameters
    ----------
    communities
        The result of :func:`detect_communities`.
    team_of
        Each person's team (``None`` for people in no team, who are left out).

    Returns
    -------
    TeamAlignment
        Communities per team, each team's dominant community share, teams per community.

    Examples
    --------
    >>> found = Communities("louvain", (frozenset({1, 2, 3}), frozenset({4, 5})), 0.3)
    >>> a = team_alignment(found, {1: "a", 2: "a", 3: "b", 4: "b", 5: "b"})
    >>> a.communities_per_team, a.dominant_share["b"], a.teams_per_community
    ({'a': 1, 'b': 2}, 0.6666666666666666, {0: 2, 1: 1})

    References
    ----------
    .. [1] Cross, R. & Parker, A. (2004). The Hidden Power of Social Networks. Harvard
       Business School Press (informal networks against the formal chart).
    """
    membership = communities.membership()
    by_team: dict[str, Counter[int]] = {}
    teams_in: dict[int, set[str]] = {}
    for person, team in team_of.items():
        if team is None or person not in membership:
            continue
        c = membership[person]
        by_team.setdefault(team, Counter())[c] += 1
        teams_in.setdefault(c, set()).add(team)
    per_team = {t: len(cs) for t, cs in sorted(by_team.items())}
    dominant = {t: max(cs.values()) / sum(cs.values()) for t, cs in sorted(by_team.items())}
    multi = [dominant[t] for t, cs in by_team.items() if sum(cs.values()) >= 2]
    mean = sum(multi) / len(multi) if multi else 1.0
    return TeamAlignment(
        per_team, dominant, {c: len(ts) for c, ts in sorted(teams_in.items())}, mean
    )
