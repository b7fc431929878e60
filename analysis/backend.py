"""Which NetworkX backend runs the dispatchable algorithms.

NetworkX 3.x dispatches many algorithms (PageRank, betweenness, Louvain, Leiden, core numbers,
triangles ...) to installed backends such as ``nx-parallel`` or ``nx-cugraph``. The service lets
the operator choose one by name (``SKILLGRAPH_NX_BACKEND``); the job wraps its computation in
:func:`using_backend`, so the pure functions stay backend-agnostic.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from typing import Any

import networkx as nx

NETWORKX = "networkx"
_TEST_BACKENDS = {"nx_loopback"}


def installed_backends() -> list[str]:
    """The names of the NetworkX backends installed beside NetworkX itself, sorted.

    Returns
    -------
    list of str
        Backend names as used in ``nx.config.backend_priority`` (for example
        ``"parallel"`` for nx-parallel, ``"cugraph"`` for nx-cugraph). NetworkX's own
        test backend is left out.

    Examples
    --------
    >>> NETWORKX in installed_backends()
    False
    >>> isinstance(installed_backends(), list)
    True

    References
    ----------
    .. [1] NetworkX backends and configs,
       https://networkx.org/documentation/stable/backends.html
    """
    names = {e.name for e in entry_points(group="networkx.backends")}
    return sorted(names - _TEST_BACKENDS)


def check_backend(name: str) -> str:
    """Validate a backend name: ``""`` or ``"networkx"`` (NetworkX itself) or an installed one.

    Parameters
    ----------
    name
        The configured name.

    Returns
    -------
    str
        ``"networkx"`` for NetworkX itself, otherwise the installed backend's name.

    Raises
    ------
    ValueError
        When no such backend is installed; the message lists the installed ones.

    Examples
    --------
    >>> check_backend("")
    'networkx'
    >>> check_backend("no-such-backend")
    Traceback (most recent call last):
    ...
    ValueError: NetworkX backend 'no-such-backend' is not installed (installed: none)
    """
    name = name.strip()
    if name in ("", NETWORKX):
        return NETWORKX
    installed = installed_backends()
    if name not in installed:
        listed = ", ".join(installed) or "none"
        raise ValueError(f"NetworkX backend {name!r} is not installed (installed: {listed})")
    return name


@contextlib.contextmanager
def using_backend(name: str) -> Iterator[str]:
    """Run the enclosed NetworkX calls with ``name`` first in the backend priority.

    Dispatchable algorithms the backend implements run there; the others fall back to
    NetworkX itself. ``"networkx"`` leaves the configuration as it is.

    Parameters
    ----------
    name
        A name accepted by :func:`check_backend`.

    Yields
    ------
    str
        The validated backend name.

    Examples
    --------
    >>> with using_backend("networkx") as chosen:
    ...     chosen
    'networkx'
    """
    chosen = check_backend(name)
    if chosen == NETWORKX:
        yield chosen
        return
    config: Any = nx.config  # the stubs do not know configs are context managers
    with config(fallback_to_nx=True), config.backend_priority(algos=[chosen]):
        yield chosen


def implemented_by(function: Callable[..., Any]) -> set[str]:
    """The backends that implement a dispatchable NetworkX function (``"networkx"`` included).

    Parameters
    ----------
    function
        A public NetworkX algorithm such as ``nx.pagerank``.

    Returns
    -------
    set of str
        Backend names; ``"networkx"`` when NetworkX itself has an implementation.

    Examples
    --------
    >>> "networkx" in implemented_by(nx.pagerank)
    True
    """
    found = getattr(function, "backends", None)
    return set(found) if found is not None else {NETWORKX}
