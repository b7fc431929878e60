"""Percentile ranks: the scale every explainable score in this package is built on."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Mapping
from typing import Any


def percentile_ranks(values: Mapping[Any, float]) -> dict[Hashable, float]:
    """The share of the others each item is strictly above (0 for the lowest, 1 for the top).

    Parameters
    ----------
    values
        Item to value.

    Returns
    -------
    dict
        Item to a number in [0, 1]; equal values get equal ranks, and a value shared by
        everyone ranks 0.

    Examples
    --------
    >>> percentile_ranks({"a": 0.0, "b": 0.0, "c": 5.0, "d": 9.0})
    {'a': 0.0, 'b': 0.0, 'c': 0.6666666666666666, 'd': 1.0}
    >>> percentile_ranks({"x": 3.0})
    {'x': 0.0}

    References
    ----------
    .. [1] Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages.
       The American Statistician 50(4), 361-365.
    """
    ordered = sorted(values.values())
    others = len(ordered) - 1
    if others <= 0:
        return {k: 0.0 for k in values}
    return {k: bisect_left(ordered, v) / others for k, v in values.items()}
