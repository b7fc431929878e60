from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from analysis.teams import isolation_order, team_metrics


def _org() -> tuple[nx.Graph[Any], dict[Any, str]]:
    """A big team, four mid-sized teams, a small open team and a small closed team."""
    sizes = [60, 20, 20, 20, 20, 6, 6]
    p_in, p_out = 0.4, 0.015
    probs = [[p_in if i == j else p_out for j in range(7)] for i in range(7)]
    for i in range(6):  # the last team has no tie outside
        probs[6][i] = probs[i][6] = 0.0
    G = nx.stochastic_block_model(sizes, probs, seed=4)
    team_of = {n: f"t{G.nodes[n]['block']}" for n in G}
    plain: nx.Graph[Any] = nx.Graph()
    plain.add_nodes_from(G.nodes)
    plain.add_edges_from(G.edges, weight=1.0)
    return plain, team_of


def test_a_big_team_is_not_isolated_for_its_size() -> None:
    G, team_of = _org()
    m = team_metrics(G, team_of)
    big, small = m["t0"], m["t5"]
    # on raw numbers the big team looks more closed than the small open one ...
    assert big.ei_index is not None
    assert small.ei_index is not None
    assert big.ei_index < small.ei_index
    # ... but random mixing would keep far more of its ties inside too
    assert big.expected_external_share == pytest.approx((152 - 60) / (152 - 1))
    assert small.expected_external_share == pytest.approx((152 - 6) / (152 - 1))
    assert not big.isolated
    assert not small.isolated
    assert any("random mixing for a team of 60 in 152 people" in r for r in big.reasons)
    assert [t.team for t in isolation_order(m)] == ["t6"]
    assert m["t6"].reasons[0].startswith("no ties outside the team")


def test_numbers_of_a_team() -> None:
    G, team_of = _org()
    m = team_metrics(G, team_of)["t6"]
    members = [n for n, t in team_of.items() if t == "t6"]
    sub = G.subgraph(members)
    assert m.size == 6
    assert m.internal_weight == sub.number_of_edges()
    assert m.external_weight == 0.0
    assert m.ei_index == -1.0
    assert m.density == pytest.approx(nx.density(sub))
    assert m.k_core == max(nx.core_number(sub).values())
    assert m.teams_reached == 0


def test_input_is_not_modified() -> None:
    G, team_of = _org()
    before = nx.to_dict_of_dicts(G)
    team_metrics(G, team_of)
    assert nx.to_dict_of_dicts(G) == before
