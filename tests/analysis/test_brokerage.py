from __future__ import annotations

import networkx as nx
import pytest

from analysis.brokerage import constraint, effective_size


@pytest.mark.parametrize(
    ("G", "weight"),
    [
        (nx.karate_club_graph(), "weight"),
        (nx.karate_club_graph(), None),
        (nx.florentine_families_graph(), None),
        (nx.davis_southern_women_graph(), None),
        (nx.les_miserables_graph(), "weight"),
    ],
)
def test_equal_to_networkx(G: nx.Graph[object], weight: str | None) -> None:
    expected_c = nx.constraint(G, weight=weight)
    assert constraint(G, weight=weight, block=7) == pytest.approx(expected_c, abs=1e-12)
    assert effective_size(G) == pytest.approx(nx.effective_size(G), abs=1e-12)


def test_people_without_ties_have_no_value() -> None:
    G = nx.path_graph(3)
    G.add_node("alone")
    assert constraint(G)["alone"] is None
    assert effective_size(G)["alone"] is None


def test_medici_is_the_least_constrained_family() -> None:
    c = constraint(nx.florentine_families_graph())
    assert min((v, k) for k, v in c.items() if v is not None)[1] == "Medici"
