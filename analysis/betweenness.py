"""Betweenness centrality: exact up to a size, estimated from sampled sources above it.

Brandes' accumulation written as sparse matrix products over a batch of sources at a time
(the linear-algebra formulation of Kepner & Gilbert), so a breadth-first search costs a few
SciPy products instead of a Python loop per edge. Above ``exact_up_to`` nodes the sum over
all sources is estimated from ``samples`` sources drawn uniformly (Brandes & Pich), and the
standard error of every node's estimate is returned with it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from analysis._matrix import adjacency


@dataclass(frozen=True)
class Betweenness:
    """Betweenness of every node and how it was obtained.

    Attributes
    ----------
    values
        Normalised betweenness (as ``nx.betweenness_centrality(G, normalized=True)``).
    sample_size
        How many sources were used; ``None`` when computed exactly from all of them.
    std_error
        The standard error of each estimate (all zero when exact).
    """

    values: dict[Hashable, float]
    sample_size: int | None
    std_error: dict[Hashable, float]


def _dependencies(a: sp.csr_array, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependency of every source (columns) on every node (rows)."""
    n = a.shape[0]
    b = len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b))
    depth = np.full((n, b), -1, dtype=np.int32)
    sigma[sources, cols] = 1.0
    depth[sources, cols] = 0
    frontier = sigma.copy()
    level = 0
    while True:
        reached = a @ frontier  # shortest paths into the next level
        reached[depth >= 0] = 0.0
        new = reached > 0
        if not new.any():
            break
        level += 1
        depth[new] = level
        sigma[new] = reached[new]
        frontier = reached
    delta = np.zeros((n, b))
    safe = np.where(sigma > 0, sigma, 1.0)
    for d in range(level, 1, -1):
        t = np.where(depth == d, (1.0 + delta) / safe, 0.0)
        back = a @ t
        below = depth == d - 1
        delta[below] += (sigma * back)[below]
    return delta


def betweenness(
    G: nx.Graph[Any],
    *,
    exact_up_to: int = 2000,
    samples: int = 500,
    seed: int = 42,
    batch: int = 128,
) -> Betweenness:
    """Normalised shortest-path betweenness, exact up to ``exact_up_to`` nodes.

    Paths are counted in hops: a tie is a tie, whatever its weight (in organisational
    network analysis tie strength says how often two people talk, not how far apart they
    are).

    Parameters
    ----------
    G
        An undirected graph; not modified.
    exact_up_to
        Largest graph computed from every source.
    samples
        Sources sampled (uniformly, without replacement) above that size.
    seed
        Seed of the source sample.
    batch
        Sources per matrix product (memory is about ``batch * n * 40`` bytes).

    Returns
    -------
    Betweenness
        Values, the sample size (``None`` when exact) and each value's standard error.

    Notes
    -----
    With ``k`` sampled sources the estimate of a node's betweenness is the mean of ``k``
    independent terms, each between 0 and about 1 on the normalised scale, so it is
    unbiased and Hoeffding's inequality bounds its error: ``P(|b - b'| >= e) <= 2
    exp(-2 k e**2)`` (k = 1000, e = 0.05: below 1.4 %). The standard error reported per
    node is the sample standard deviation of those terms over the square root of ``k``,
    typically far smaller than the bound for all but the most central nodes.

    Examples
    --------
    >>> G = nx.path_graph(4)
    >>> result = betweenness(G)
    >>> {n: round(v, 3) for n, v in result.values.items()}
    {0: 0.0, 1: 0.667, 2: 0.667, 3: 0.0}
    >>> result.sample_size is None
    True
    >>> star = nx.star_graph(50)
    >>> est = betweenness(star, exact_up_to=10, samples=20, seed=1)
    >>> est.sample_size, round(est.values[0], 2), est.values[1]
    (20, 0.97, 0.0)

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
       Mathematical Sociology 25(2), 163-177.
    .. [2] Brandes, U. & Pich, C. (2007). Centrality estimation in large networks.
       International Journal of Bifurcation and Chaos 17(7), 2303-2318.
    .. [3] Kepner, J. & Gilbert, J. (2011). Graph Algorithms in the Language of Linear
       Algebra. SIAM (chapter 6, batched betweenness centrality).
    """
    nodes, weighted = adjacency(G, None)
    n = len(nodes)
    if n == 0:
        return Betweenness({}, None, {})
    a = sp.csr_array(weighted.astype(bool).astype(np.float64))
    if n <= exact_up_to:
        sources = np.arange(n)
        sample_size: int | None = None
    else:
        k = max(1, min(samples, n))
        sources = np.asarray(sorted(random.Random(seed).sample(range(n), k)))
        sample_size = k
    total = np.zeros(n)
    squares = np.zeros(n)
    for start in range(0, len(sources), batch):
        chunk = sources[start : start + batch]
        delta = _dependencies(a, chunk)
        delta[chunk, np.arange(len(chunk))] = 0.0
        total += delta.sum(axis=1)
        squares += (delta * delta).sum(axis=1)
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    k = len(sources)
    if sample_size is None:
        values = total * scale
        error = np.zeros(n)
    else:
        term = scale * n  # each sampled source's term on the normalised scale
        mean = total / k
        var = np.maximum(squares / k - mean * mean, 0.0) * k / max(k - 1, 1)
        values = mean * term
        error = np.sqrt(var / k) * term
    return Betweenness(
        {node: float(values[i]) for i, node in enumerate(nodes)},
        sample_size,
        {node: float(error[i]) for i, node in enumerate(nodes)},
    )


def hoeffding_error(samples: int, confidence: float = 0.95) -> float:
    """The additive error bound of sampled betweenness at a confidence level.

    Parameters
    ----------
    samples
        Number of sampled sources ``k``.
    confidence
        Probability that a node's estimate is within the bound.

    Returns
    -------
    float
        ``e`` with ``P(|b - b'| < e) >= confidence`` for every node (normalised scale).

    Examples
    --------
    >>> round(hoeffding_error(1000), 4)
    0.0429

    References
    ----------
    .. [1] Hoeffding, W. (1963). Probability inequalities for sums of bounded random
       variables. JASA 58(301), 13-30.
    """
    return math.sqrt(math.log(2.0 / (1.0 - confidence)) / (2.0 * samples))
