"""Brokerage: Burt's constraint and effective size, computed with sparse matrices.

NetworkX's ``constraint`` loops in Python over every pair of neighbours; here the indirect
term ``sum_q p_iq p_qj`` is the product ``P @ P`` restricted to existing ties, computed in
blocks of rows so memory stays bounded on large graphs. Results equal NetworkX's.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from analysis._matrix import adjacency, triangles


def constraint(
    G: nx.Graph[Any], *, weight: str | None = "weight", block: int = 2048
) -> dict[Hashable, float | None]:
    """Burt's constraint of every node: low values mean ties into otherwise unconnected groups.

    Parameters
    ----------
    G
        An undirected graph; not modified.
    weight
        Edge attribute holding tie strength, or ``None``.
    block
        Rows per sparse product (bounds memory).

    Returns
    -------
    dict
        Node to constraint; ``None`` for a node without ties (undefined).

    Examples
    --------
    >>> G = nx.star_graph(3)
    >>> {n: round(c, 3) for n, c in constraint(G).items()}
    {0: 0.333, 1: 1.0, 2: 1.0, 3: 1.0}
    >>> constraint(nx.empty_graph(1))
    {0: None}

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of Competition.
       Harvard University Press.
    .. [2] Burt, R. S. (2004). Structural holes and good ideas. American Journal of
       Sociology 110(2), 349-399.
    """
    nodes, a = adjacency(G, weight)
    n = len(nodes)
    if n == 0:
        return {}
    strength = np.asarray(a.sum(axis=1)).ravel()
    inverse = np.divide(1.0, strength, out=np.zeros(n), where=strength > 0)
    p = sp.csr_array(sp.diags_array(inverse) @ a)
    pattern = sp.csr_array(a.astype(bool).astype(np.float64))
    result = np.zeros(n)
    for start in range(0, n, block):
        rows = p[start : start + block]
        indirect = sp.csr_array(rows @ p).multiply(pattern[start : start + block])
        local = rows + indirect
        result[start : start + block] = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    return {node: (float(result[i]) if strength[i] > 0 else None) for i, node in enumerate(nodes)}


def effective_size(G: nx.Graph[Any]) -> dict[Hashable, float | None]:
    """Burt's effective size of every node's network: non-redundant contacts.

    For an unweighted undirected graph this is Borgatti's form ``n - 2t/n`` with ``n`` the
    node's ties and ``t`` the ties among its contacts.

    Parameters
    ----------
    G
        An undirected graph (tie weights are ignored); not modified.

    Returns
    -------
    dict
        Node to effective size; ``None`` for a node without ties.

    Examples
    --------
    >>> effective_size(nx.star_graph(3))[0]
    3.0
    >>> effective_size(nx.complete_graph(4))[0]
    1.0

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       Connections 20(1), 35-38.
    """
    nodes, degree, closed = triangles(G)
    return {
        node: None if deg == 0 else float(deg - 2.0 * int(t) / deg)
        for node, deg, t in zip(nodes, degree.tolist(), closed.tolist(), strict=True)
    }
