"""Teams in the tie graph: E-I index, density, reach, k-core, and an explained isolation verdict.

A big team naturally keeps more of its ties inside: with ``n`` of ``N`` people, a member
whose ties went to colleagues at random would still keep a share ``(n - 1) / (N - 1)`` of
them in the team. So a team is judged by its *openness*: the share of its members' tie
weight that leaves the team, divided by the share random mixing would give a team of its
size. A team is isolated when its openness is far below the organisation's typical
openness (or it has no outside ties at all), and the verdict carries the numbers behind it.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class TeamMetrics:
    """The tie structure of one team.

    Attributes
    ----------
    team
        The team's id.
    size
        Members in the graph.
    internal_weight
        Total weight of ties between members (each tie once).
    external_weight
        Total weight of ties from members to people outside the team.
    ei_index
        Krackhardt & Stern's E-I index ``(E - I) / (E + I)`` on tie weights (-1: all ties
        inside, +1: all outside); ``None`` when the members have no ties.
    expected_ei_index
        The E-I index random mixing would give a team of this size.
    external_share
        Share of the members' tie weight that goes outside: ``E / (E + 2I)``.
    expected_external_share
        That share under random mixing: ``(N - n) / (N - 1)``.
    openness
        ``external_share / expected_external_share`` (1: as open as random mixing).
    density
        Ties among members over possible pairs.
    teams_reached
        Distinct other teams the members have ties into.
    k_core
        The largest ``k`` for which the members' own tie graph has a ``k``-core.
    isolated
        The verdict.
    reasons
        The numbers behind the verdict, as sentences.
    """

    team: str
    size: int
    internal_weight: float
    external_weight: float
    ei_index: float | None
    expected_ei_index: float | None
    external_share: float | None
    expected_external_share: float | None
    openness: float | None
    density: float
    teams_reached: int
    k_core: int
    isolated: bool = False
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _expected(n: int, total: int) -> tuple[float | None, float | None]:
    if total < 2:
        return None, None
    p_in = (n - 1) / (total - 1)
    share = 1.0 - p_in
    ei = (share - p_in / 2) / (share + p_in / 2) if share + p_in / 2 > 0 else None
    return ei, share


def team_metrics(
    G: nx.Graph[Any],
    team_of: Mapping[Any, str | None],
    *,
    weight: str | None = "weight",
    isolation_ratio: float = 0.3,
) -> dict[str, TeamMetrics]:
    """Tie structure and isolation verdict of every team with members in ``G``.

    Parameters
    ----------
    G
        Undirected tie graph over people; not modified.
    team_of
        Each person's team (``None``: in no team; such people count as outsiders).
    weight
        Edge attribute holding tie strength, or ``None``.
    isolation_ratio
        A team is isolated when its openness is below this fraction of the median
        openness of teams with two or more members (or it has no outside ties).

    Returns
    -------
    dict
        Team id to :class:`TeamMetrics`, sorted by team id.

    Notes
    -----
    Under random mixing each tie end of a member lands on one of the other ``N - 1``
    people uniformly, so a share ``p = (n - 1) / (N - 1)`` stays inside. Counting each
    internal tie once (as Krackhardt & Stern do) the expected E-I index is
    ``(1 - 3p/2) / (1 - p/2)``; the expected external share of tie weight is ``1 - p``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("a3", "b1"),
    ...                   ("b1", "b2"), ("c1", "c2")], weight=1.0)
    >>> teams = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C", "c2": "C"}
    >>> m = team_metrics(G, teams)
    >>> m["A"].ei_index, m["A"].teams_reached, m["A"].k_core, m["C"].isolated
    (-0.5, 1, 2, True)
    >>> m["C"].reasons[0]
    'no ties outside the team (1 tie inside)'

    References
    ----------
    .. [1] Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. Social Psychology Quarterly 51(2), 123-140.
    .. [2] Blau, P. M. (1977). Inequality and Heterogeneity. Free Press (random mixing
       as the baseline for in-group ties).
    .. [3] Seidman, S. B. (1983). Network structure and minimum degree. Social Networks
       5(3), 269-287 (k-cores).
    """
    members: dict[str, list[Hashable]] = defaultdict(list)
    for node in G.nodes:
        team = team_of.get(node)
        if team is not None:
            members[team].append(node)
    total = G.number_of_nodes()
    internal: dict[str, float] = defaultdict(float)
    internal_ties: dict[str, int] = defaultdict(int)
    external: dict[str, float] = defaultdict(float)
    reached: dict[str, set[str]] = defaultdict(set)
    inside: dict[str, list[tuple[Hashable, Hashable]]] = defaultdict(list)
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if weight is None else float(data.get(weight, 1.0))
        tu, tv = team_of.get(u), team_of.get(v)
        if tu is not None and tu == tv:
            internal[tu] += w
            internal_ties[tu] += 1
            inside[tu].append((u, v))
            continue
        for mine, other in ((tu, tv), (tv, tu)):
            if mine is not None:
                external[mine] += w
                if other is not None:
                    reached[mine].add(other)
    raw: dict[str, TeamMetrics] = {}
    for team in sorted(members):
        people = members[team]
        n = len(people)
        i_w, e_w = internal[team], external[team]
        ei = (e_w - i_w) / (e_w + i_w) if e_w + i_w > 0 else None
        share = e_w / (e_w + 2 * i_w) if e_w + i_w > 0 else None
        expected_ei, expected_share = _expected(n, total)
        openness = (
            share / expected_share
            if share is not None and expected_share is not None and expected_share > 0
            else None
        )
        pairs = n * (n - 1) / 2
        density = internal_ties[team] / pairs if pairs else 0.0
        # the members' own tie graph (self-loops were skipped above); a subgraph view of G
        # would filter every member's whole neighbourhood
        inner: nx.Graph[Any] = nx.Graph(inside[team])
        k_core = max(nx.core_number(inner).values(), default=0)
        raw[team] = TeamMetrics(
            team=team,
            size=n,
            internal_weight=i_w,
            external_weight=e_w,
            ei_index=ei,
            expected_ei_index=expected_ei,
            external_share=share,
            expected_external_share=expected_share,
            openness=openness,
            density=density,
            teams_reached=len(reached[team]),
            k_core=k_core,
        )
    return _judge(raw, total, isolation_ratio)


def _judge(raw: dict[str, TeamMetrics], total: int, ratio: float) -> dict[str, TeamMetrics]:
    typical = [m.openness for m in raw.values() if m.openness is not None and m.size >= 2]
    median = statistics.median(typical) if typical else None
    judged: dict[str, TeamMetrics] = {}
    for team, m in raw.items():
        reasons: list[str] = []
        isolated = False
        ties_inside = m.internal_weight
        if m.ei_index is None:
            isolated = m.size >= 2
            reasons.append("no ties at all: no member has a tie to anyone")
        elif m.external_weight == 0:
            isolated = True
            reasons.append(f"no ties outside the team ({_ties(ties_inside)} inside)")
        if m.openness is not None and m.expected_external_share is not None:
            reasons.append(
                f"{_pct(m.external_share)} of the members' tie weight leaves the team, against "
                f"{_pct(m.expected_external_share)} under random mixing for a team of "
                f"{m.size} in {total} people (openness {m.openness:.2f})"
            )
            if median is not None:
                limit = ratio * median
                if not isolated and m.openness < limit:
                    isolated = True
                reasons.append(
                    f"organisation median openness {median:.2f}; isolated below "
                    f"{ratio:g} x median = {limit:.2f}"
                )
        reasons.append(f"E-I index {_num(m.ei_index)} (random mixing: {_num(m.expected_ei_index)})")
        reasons.append(f"ties reach {m.teams_reached} other team(s)")
        judged[team] = dataclasses.replace(m, isolated=isolated, reasons=tuple(reasons))
    return judged


def _ties(weight: float) -> str:
    return "1 tie" if weight == 1 else f"tie weight {weight:g}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}"


def isolation_order(metrics: Mapping[str, TeamMetrics]) -> list[TeamMetrics]:
    """The isolated teams, most isolated first (lowest openness, then lowest E-I).

    Parameters
    ----------
    metrics
        The result of :func:`team_metrics`.

    Returns
    -------
    list of TeamMetrics
        Only the isolated teams; teams without any ties come first.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("c", "d"), ("b", "c")])
    >>> m = team_metrics(G, {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Z"})
    >>> [t.team for t in isolation_order(m)]
    []
    """

    def key(m: TeamMetrics) -> tuple[float, float, str]:
        openness = -1.0 if m.openness is None else m.openness
        ei = -2.0 if m.ei_index is None else m.ei_index
        return (openness, ei, m.team)

    return sorted((m for m in metrics.values() if m.isolated), key=key)


@dataclass(frozen=True)
class TeamChange:
    """How a team's numbers moved since the previous run."""

    previous_run: str
    ei_index: float | None
    external_share: float | None
    openness: float | None
    was_isolated: bool | None


def team_changes(
    current: Mapping[str, TeamMetrics],
    previous: Mapping[str, Mapping[str, Any]],
    previous_run: str,
) -> dict[str, TeamChange]:
    """Differences against the previous run's team rows (``None`` where one side is missing).

    Parameters
    ----------
    current
        This run's metrics.
    previous
        The previous run's rows by team id, with keys ``ei_index``, ``external_share``,
        ``openness`` and ``isolated``.
    previous_run
        The previous run's id.

    Returns
    -------
    dict
        Team id to :class:`TeamChange` (current minus previous).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> now = team_metrics(G, {"a": "X", "b": "X", "c": "Y"})
    >>> before = {"X": {"ei_index": -1.0, "external_share": 0.0, "openness": 0.0,
    ...                 "isolated": True}}
    >>> change = team_changes(now, before, "r1")["X"]
    >>> change.ei_index, change.was_isolated, team_changes(now, before, "r1")["Y"].ei_index
    (1.0, True, None)
    """

    def diff(a: float | None, b: Any) -> float | None:
        return None if a is None or b is None else a - float(b)

    out: dict[str, TeamChange] = {}
    for team, m in current.items():
        before = previous.get(team)
        if before is None:
            out[team] = TeamChange(previous_run, None, None, None, None)
            continue
        out[team] = TeamChange(
            previous_run,
            diff(m.ei_index, before.get("ei_index")),
            diff(m.external_share, before.get("external_share")),
            diff(m.openness, before.get("openness")),
            None if before.get("isolated") is None else bool(before.get("isolated")),
        )
    return out
