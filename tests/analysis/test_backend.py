from __future__ import annotations

import networkx as nx
import pytest

from analysis.backend import check_backend, implemented_by, installed_backends, using_backend
from skillgraph.config import ConfigError, load_settings


def test_networkx_itself_is_the_default() -> None:
    assert check_backend("") == "networkx"
    assert check_backend(" networkx ") == "networkx"
    with using_backend("networkx") as chosen:
        assert chosen == "networkx"
        assert nx.pagerank(nx.path_graph(3))[1] > 0.3


def test_unknown_backend_is_refused_with_the_installed_ones() -> None:
    installed = ", ".join(installed_backends()) or "none"
    with pytest.raises(
        ValueError, match=f"'cugraph' is not installed \\(installed: {installed}\\)"
    ):
        check_backend("cugraph")


def test_setting_is_validated_at_load() -> None:
    assert load_settings({}, env_file=None).nx_backend == "networkx"
    with pytest.raises(ConfigError, match="SKILLGRAPH_NX_BACKEND='no-such-backend'"):
        load_settings({"SKILLGRAPH_NX_BACKEND": "no-such-backend"}, env_file=None)


def test_which_functions_networkx_implements() -> None:
    assert "networkx" in implemented_by(nx.pagerank)
    assert "networkx" in implemented_by(nx.core_number)
    assert implemented_by(len) == {"networkx"}  # not a dispatchable: plain NetworkX code
