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
