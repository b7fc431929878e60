from __future__ import annotations

import random
from typing import Any

import igraph as ig
import networkx as nx
import pytest

from analysis.model import OrgGraph, Parameters
from analysis.pipeline import STAGES, compute


def _seeded_org(people: int = 300, teams: int = 20, seed: int = 9) -> OrgGraph:
    """A seeded organisation: dense teams, sparse ties across, weighted."""
    rng = random.Random(seed)
    G: nx.Graph[Any] = nx.Graph()
    for i in range(people):
        G.add_node(
            f"p{i:03d}",
            team=f"t{i % teams:02d}",
            manager=i < teams,
            curator=False,
            followers=rng.randint(0, 5),
            created=rng.randint(0, 2),
            curated=0,
        )
    nodes = list(G.nodes)
    for a in nodes:
        for b in nodes:
            if a < b:
                same = G.nodes[a]["team"] == G.nodes[b]["team"]
                if rng.random() < (0.5 if same else 0.01):
                    G.add_edge(a, b, weight=float(rng.randint(1, 9)), mutual=rng.random() < 0.5)
    return OrgGraph(G)


def test_agrees_with_igraph_on_pagerank_betweenness_and_cores() -> None:
    org = _seeded_org()
    result = compute(org, Parameters())
    G = org.ties
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in G.edges])
    weights = [G[a][b]["weight"] for a, b in G.edges]
    pagerank = g.pagerank(weights=weights, damping=0.85)
    raw = g.betweenness(directed=False)
    n = len(nodes)
    coreness = g.coreness()
    by_id = {p["id"]: p for p in result.people}
    for node, i in index.items():
        row = by_id[node]
        assert row["pagerank"] == pytest.approx(pagerank[i], abs=1e-5)
        assert row["betweenness"] == pytest.approx(2 * raw[i] / ((n - 1) * (n - 2)), abs=1e-12)
        assert row["coreNumber"] == coreness[i]


def test_rows_and_summary_of_a_seeded_organisation() -> None:
    org = _seeded_org()
    stages: list[str] = []
    result = compute(org, Parameters(), progress=stages.append)
    assert stages == list(STAGES)
    assert list(result.durations) == list(STAGES)
    assert len(result.people) == 300
    assert [p["cultureRank"] for p in result.people] == list(range(1, 301))
    assert len(result.teams) == 20
    s = result.summary
    assert s["people"] == 300
    assert s["ties"] == org.ties.number_of_edges()
    assert s["density"] == pytest.approx(nx.density(org.ties))
    assert s["clustering"] == pytest.approx(nx.average_clustering(org.ties))
    assert s["components"] == nx.number_connected_components(org.ties)
    assert s["isolatedTeams"] == 0  # every team has ties out at about the same rate
    assert s["knowledgeFlow"] is None  # nobody learned anything


def test_sampling_above_the_exact_limit_is_recorded() -> None:
    result = compute(_seeded_org(), Parameters(exact_betweenness_up_to=100, betweenness_samples=50))
    assert result.summary["betweennessSamples"] == 50
    assert result.summary["betweennessErrorBound"] == pytest.approx(0.1921, abs=1e-4)
    assert max(p["betweennessError"] for p in result.people) > 0


def test_previous_run_gives_the_change_per_team() -> None:
    org = _seeded_org()
    previous = {"t00": {"ei_index": -1.0, "external_share": 0.0, "openness": 0.0, "isolated": True}}
    result = compute(org, Parameters(), previous=("run-1", previous))
    t00 = next(t for t in result.teams if t["id"] == "t00")
    assert t00["previousRunId"] == "run-1"
    assert t00["wasIsolated"] is True
    assert t00["eiIndexChange"] == pytest.approx(t00["eiIndex"] + 1.0)
    t01 = next(t for t in result.teams if t["id"] == "t01")
    assert t01["eiIndexChange"] is None


def test_input_is_not_modified() -> None:
    org = _seeded_org(people=60, teams=5)
    before = (nx.to_dict_of_dicts(org.ties), dict(org.ties.nodes(data=True)))
    compute(org, Parameters())
    assert (nx.to_dict_of_dicts(org.ties), dict(org.ties.nodes(data=True))) == before
