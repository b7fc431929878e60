"""Every community-health metric of one run, computed from an :class:`OrgGraph` (no I/O).

:func:`compute` runs the analyses in stages, timing each, and returns plain rows ready for
the write-back: one per person, one per team, the champions of each skill, and the
organisation's summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from analysis.betweenness import betweenness, hoeffding_error
from analysis.brokerage import constraint, effective_size
from analysis.brokers import brokers
from analysis.champions import champions
from analysis.communities import detect_communities, team_alignment
from analysis.health import curator_reach, knowledge_flow, network_health, single_points_of_failure
from analysis.influence import degrees, influence
from analysis.leaders import culture_leaders
from analysis.model import OrgGraph, Parameters
from analysis.people import boundary_spanning, isolated_people
from analysis.ranks import percentile_ranks
from analysis.teams import isolation_order, team_changes, team_metrics

Row = dict[str, Any]
STAGES = (
    "communities",
    "pagerank",
    "betweenness",
    "brokerage",
    "cores",
    "teams",
    "people",
    "roles",
    "health",
)


@dataclass
class Result:
    """What a run computed.

    Attributes
    ----------
    summary
        Organisation-wide numbers (``people``, ``ties``, ``modularity``, ...).
    people, teams, champions
        Rows for the write-back (camelCase keys, as stored).
    durations
        Seconds per stage, in the order of :data:`STAGES`.
    """

    summary: Row
    people: list[Row]
    teams: list[Row]
    champions: list[Row]
    durations: dict[str, float] = field(default_factory=dict)


class _Clock:
    def __init__(self, progress: Callable[[str], None] | None) -> None:
        self.durations: dict[str, float] = {}
        self._progress = progress

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self._progress is not None:
            self._progress(name)
        start = time.perf_counter()
        yield
        self.durations[name] = time.perf_counter() - start


def compute(
    org: OrgGraph,
    params: Parameters,
    *,
    previous: tuple[str, Mapping[str, Mapping[str, Any]]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Compute every metric of a run.

    Parameters
    ----------
    org
        The organisation; not modified.
    params
        The run's parameters.
    previous
        The previous run's id and its team rows by team id (for the change per team).
    progress
        Called with each stage's name as it starts.

    Returns
    -------
    Result
        Summary, rows and durations.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b", "c"], team="T", manager=False, curator=False,
    ...                  followers=0, created=0, curated=0)
    >>> G.add_edge("a", "b", weight=1.0, mutual=True)
    >>> result = compute(OrgGraph(G), Parameters())
    >>> result.summary["people"], result.summary["ties"], [t["id"] for t in result.teams]
    (3, 1, ['T'])
    >>> list(result.durations) == list(STAGES)
    True

    References
    ----------
    .. [1] Borgatti, S. P., Everett, M. G. & Johnson, J. C. (2018). Analyzing Social
       Networks, 2nd ed. SAGE.
    """
    G = org.ties
    team_of = org.team_of()
    clock = _Clock(progress)
    with clock.stage("communities"):
        found = detect_communities(
            G, seed=params.seed, resolution=params.resolution, backend=params.backend
        )
        membership = found.membership()
        alignment = team_alignment(found, team_of)
    with clock.stage("pagerank"):
        ranks = influence(G)
        degree = degrees(G)
    with clock.stage("betweenness"):
        between = betweenness(
            G,
            exact_up_to=params.exact_betweenness_up_to,
            samples=params.betweenness_samples,
            seed=params.seed,
        )
    with clock.stage("brokerage"):
        constrained = constraint(G)
        effective = effective_size(G)
    with clock.stage("cores"):
        simple: nx.Graph[Any] = G
        if nx.number_of_selfloops(G):  # core_number refuses self-loops; a copy only then
            simple = nx.Graph(G.edges())
            simple.add_nodes_from(G.nodes)
            simple.remove_edges_from(list(nx.selfloop_edges(simple)))
        cores = nx.core_number(simple)
    with clock.stage("teams"):
        teams = team_metrics(G, team_of, isolation_ratio=params.isolation_ratio)
        order = {m.team: i + 1 for i, m in enumerate(isolation_order(teams))}
        changes = team_changes(teams, previous[1], previous[0]) if previous else {}
    with clock.stage("people"):
        boundary = boundary_spanning(G, team_of)
        alone = isolated_people(G, weak=params.weak_tie_share)
    with clock.stage("roles"):
        attrs: Mapping[Any, Mapping[str, Any]] = dict(G.nodes(data=True))
        managers = {n for n, d in attrs.items() if d.get("manager")}
        leaders = culture_leaders(
            ranks,
            between.values,
            constrained,
            {n: int(d.get("followers", 0)) for n, d in attrs.items()},
            {n: int(d.get("created", 0)) + int(d.get("curated", 0)) for n, d in attrs.items()},
            managers,
        )
        found_brokers = brokers(
            between.values,
            constrained,
            {n: b.teams_reached for n, b in boundary.items()},
            min_score=params.broker_min_score,
            min_teams=params.broker_min_teams,
        )
        influence_pct = percentile_ranks(ranks)
        best = champions(
            {str(p): held for p, held in org.levels.items()},
            influence_pct,
            org.shared,
            min_level=params.champion_min_level,
            per_skill=params.champions_per_skill,
        )
    with clock.stage("health"):
        health = network_health(G, team_of)
        reach = curator_reach(found.communities, org.curated_learners)
        flow = knowledge_flow(org.colleague_minutes, org.learning_minutes)
        spof = single_points_of_failure(
            org.levels, min_level=params.champion_min_level, max_holders=params.spof_max_holders
        )

    broker_ids = {b.person for b in found_brokers}
    broker_scores = {b.person: b.score for b in found_brokers}
    people: list[Row] = []
    for rank, leader in enumerate(leaders, start=1):
        n = leader.person
        d = attrs[n]
        people.append(
            {
                "id": n,
                "team": d.get("team"),
                "degree": degree.degree[n],
                "strength": degree.strength[n],
                "pagerank": ranks.get(n, 0.0),
                "betweenness": between.values[n],
                "betweennessError": between.std_error[n],
                "constraint": constrained[n],
                "effectiveSize": effective[n],
                "teamsReached": boundary[n].teams_reached,
                "externalShare": boundary[n].external_share,
                "coreNumber": cores[n],
                "community": membership[n],
                "followers": int(d.get("followers", 0)),
                "created": int(d.get("created", 0)),
                "curated": int(d.get("curated", 0)),
                "isManager": leader.is_manager,
                "cultureScore": leader.score,
                "cultureRank": rank,
                "influence": leader.influence,
                "brokerage": leader.brokerage,
                "contribution": leader.contribution,
                "isBroker": n in broker_ids,
                "brokerScore": broker_scores.get(n),
                "isolated": n in alone,
                "isolationReason": alone.get(n),
            }
        )
    team_rows: list[Row] = []
    for team, m in teams.items():
        change = changes.get(team)
        team_rows.append(
            {
                "id": team,
                "size": m.size,
                "internalWeight": m.internal_weight,
                "externalWeight": m.external_weight,
                "eiIndex": m.ei_index,
                "expectedEiIndex": m.expected_ei_index,
                "externalShare": m.external_share,
                "expectedExternalShare": m.expected_external_share,
                "openness": m.openness,
                "density": m.density,
                "teamsReached": m.teams_reached,
                "kCore": m.k_core,
                "isolated": m.isolated,
                "isolationRank": order.get(team),
                "reasons": list(m.reasons),
                "communities": alignment.communities_per_team.get(team, 0),
                "dominantCommunityShare": alignment.dominant_share.get(team),
                "previousRunId": None if change is None else change.previous_run,
                "eiIndexChange": None if change is None else change.ei_index,
                "externalShareChange": None if change is None else change.external_share,
                "opennessChange": None if change is None else change.openness,
                "wasIsolated": None if change is None else change.was_isolated,
            }
        )
    champion_rows = [
        {
            "skill": c.skill,
            "person": c.person,
            "rank": i + 1,
            "score": c.score,
            "level": c.level,
            "influence": c.influence,
            "sharing": c.sharing,
        }
        for ranked in best.values()
        for i, c in enumerate(ranked)
    ]
    summary: Row = {
        "people": health.people,
        "ties": health.ties,
        "algorithm": found.algorithm,
        "modularity": found.modularity,
        "communityCount": len(found.communities),
        "teamCommunityAlignment": alignment.mean_dominant_share,
        "components": health.components,
        "giantComponentShare": health.giant_component_share,
        "density": health.density,
        "clustering": health.clustering,
        "reciprocity": health.reciprocity,
        "crossTeamTieRatio": health.cross_team_tie_ratio,
        "curatorReach": reach,
        "knowledgeFlow": flow,
        "betweennessSamples": between.sample_size,
        "betweennessErrorBound": (
            None if between.sample_size is None else hoeffding_error(between.sample_size)
        ),
        "isolatedTeams": len(order),
        "isolatedPeople": len(alone),
        "brokers": len(found_brokers),
        "teams": len(teams),
        "spofSkills": [{"skill": s, "holders": h} for s, h in spof.items()],
    }
    return Result(summary, people, team_rows, champion_rows, clock.durations)
