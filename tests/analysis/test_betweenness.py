from __future__ import annotations

import networkx as nx
import pytest

from analysis.betweenness import betweenness, hoeffding_error


def _top(values: dict[object, float], k: int) -> list[object]:
    return sorted(values, key=lambda n: -values[n])[:k]


def test_karate_top_two_are_the_instructor_and_the_president() -> None:
    result = betweenness(nx.karate_club_graph())
    assert set(_top(result.values, 2)) == {0, 33}


def test_florentine_medici_broker_the_families() -> None:
    assert _top(betweenness(nx.florentine_families_graph()).values, 1) == ["Medici"]


@pytest.mark.parametrize(
    "G",
    [
        nx.karate_club_graph(),
        nx.florentine_families_graph(),
        nx.davis_southern_women_graph(),
        nx.les_miserables_graph(),
        nx.gnm_random_graph(120, 300, seed=3),  # disconnected pieces too
    ],
)
def test_exact_equals_networkx(G: nx.Graph[object]) -> None:
    expected = nx.betweenness_centrality(G)
    result = betweenness(G)
    assert result.sample_size is None
    assert result.values == pytest.approx(expected, abs=1e-12)
    assert set(result.std_error.values()) == {0.0}


def test_sampled_estimate_is_close_and_records_its_sample() -> None:
    G = nx.les_miserables_graph()
    exact = nx.betweenness_centrality(G)
    est = betweenness(G, exact_up_to=10, samples=40, seed=3)
    assert est.sample_size == 40
    bound = hoeffding_error(40, 0.99)
    assert max(abs(est.values[n] - exact[n]) for n in G) < bound
    # the reported standard errors are of the right size for the most central node
    top = _top(exact, 1)[0]
    assert abs(est.values[top] - exact[top]) < 4 * est.std_error[top]
    assert est == betweenness(G, exact_up_to=10, samples=40, seed=3)


def test_small_and_empty_graphs() -> None:
    assert betweenness(nx.Graph()).values == {}
    assert betweenness(nx.path_graph(2)).values == {0: 0.0, 1: 0.0}
