"""Cypher injection is impossible by construction: a scan of the source proves the rules.

1. Query text is never built from strings in ``graph/``: no f-string, ``%``, ``+`` or
   ``.format`` on Cypher, and what reaches ``read``/``write``/``run`` is a literal or a name.
2. Every label and relationship type in the query texts is a member of the closed enums
   of ``graph/model.py``.
3. No Cypher outside ``graph/``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.model import Label, Rel

ROOT = Path(__file__).resolve().parents[2]
GRAPH = sorted((ROOT / "graph").glob("*.py"))
OUTSIDE = sorted(
    p
    for d in ("skillgraph", "schema", "resolvers", "analysis", "seeds")
    for p in (ROOT / d).rglob("*.py")
)
# Cypher in this code base is written with upper-case keywords.
_CYPHER = re.compile(
    r"^\s*(MATCH|OPTIONAL MATCH|MERGE|CREATE|UNWIND|RETURN|CALL|SHOW|DROP)\b"
    r"|\b(MATCH|MERGE|CREATE)\s*\(",
    re.MULTILINE,
)
_RUNNERS = {"read", "write", "run", "execute_query", "write_batches"}
_RECEIVERS = {"db", "tx", "session", "driver", "database", "_tx", "self"}


def _is_cypher(text: str) -> bool:
    return bool(_CYPHER.search(text)) and ("(" in text or text.strip().upper().startswith("RETURN"))


def _strings(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def _violations(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and any(_is_cypher(s) for s in _strings(node)):
            yield node.lineno, "f-string Cypher"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            if any(_is_cypher(s) for s in _strings(node)):
                yield node.lineno, "Cypher built with % or +"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func
            if target.attr == "format" and any(_is_cypher(s) for s in _strings(target.value)):
                yield node.lineno, "Cypher built with .format"
            receiver = target.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else None
            name = receiver.id if isinstance(receiver, ast.Name) else name
            if target.attr in _RUNNERS and name in _RECEIVERS and node.args:
                if not _plain_text(node.args[0]):
                    yield node.lineno, f"{target.attr}() given an expression as query text"


def _plain_text(node: ast.expr) -> bool:
    """A literal, a name, a look-up in a table of literals, or a wrapper call around one."""
    if isinstance(node, ast.Constant | ast.Name | ast.Attribute):
        return True
    if isinstance(node, ast.Subscript):  # QUERIES[file]: the table holds literals
        return isinstance(node.value, ast.Name | ast.Attribute)
    if isinstance(node, ast.IfExp):  # A if flag else B: a choice between two texts
        return _plain_text(node.body) and _plain_text(node.orelse)
    if isinstance(node, ast.Call) and len(node.args) == 1:
        return _plain_text(node.args[0])
    return False


def _queries(path: Path) -> Iterator[str]:
    for text in _strings(ast.parse(path.read_text())):
        if _is_cypher(text):
            yield text


_NODE = re.compile(r"\(\s*\w*\s*((?::\s*`?\w+`?)+)")
# a label test such as `p:Curator` (labels are CamelCase; relationship types UPPER_CASE)
_PREDICATE = re.compile(r"(?<![\[\w])[a-z_]\w*((?::[A-Z][a-z]\w*)+)")
_REL = re.compile(r"\[\s*\w*\s*:\s*([\w|`]+)")


def labels_and_types(query: str) -> tuple[set[str], set[str]]:
    """The labels and relationship types a query text names."""
    labels: set[str] = set()
    for match in (*_NODE.finditer(query), *_PREDICATE.finditer(query)):
        labels.update(part.strip(" `") for part in match.group(1).split(":") if part.strip())
    types = {t.strip("`") for m in _REL.finditer(query) for t in m.group(1).split("|") if t}
    return labels, types


def test_the_label_scanner_sees_what_queries_name() -> None:
    query = (
        "MATCH (p:Person:Curator {id: $id})-[:REPORTS_TO*1..]->(m), (t :Team)"
        "<-[r:MEMBER_OF|PART_OF]-(x) SET p:Curator RETURN p {.id, curator: p:Curator}"
    )
    assert labels_and_types(query) == (
        {"Person", "Curator", "Team"},
        {"REPORTS_TO", "MEMBER_OF", "PART_OF"},
    )


@pytest.mark.parametrize(
    "source",
    [
        "q = f\"MATCH (p:Person {{id: '{pid}'}}) RETURN p\"",
        "q = \"MATCH (p:Person) WHERE p.name = '%s' RETURN p\" % name",
        'q = "MATCH (p:" + label + ") RETURN p"',
        'q = "MATCH (p:{}) RETURN p".format(label)',
        "db.read(prefix + suffix)",
    ],
)
def test_the_scan_catches_string_built_cypher(source: str) -> None:
    assert list(_violations(ast.parse(source)))


@pytest.mark.parametrize("path", GRAPH, ids=lambda p: p.name)
def test_no_string_built_cypher_in_graph(path: Path) -> None:
    assert list(_violations(ast.parse(path.read_text()))) == []


@pytest.mark.parametrize("path", GRAPH, ids=lambda p: p.name)
def test_labels_and_types_come_from_the_closed_enums(path: Path) -> None:
    known_labels = {label.value for label in Label}
    known_types = {rel.value for rel in Rel}
    for query in _queries(path):
        labels, types = labels_and_types(query)
        assert labels <= known_labels, (path.name, labels - known_labels, query)
        assert types <= known_types, (path.name, types - known_types, query)


def test_graph_has_queries_to_scan() -> None:
    assert sum(1 for p in GRAPH for _ in _queries(p)) >= 20


@pytest.mark.parametrize("path", OUTSIDE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_cypher_outside_graph(path: Path) -> None:
    assert list(_queries(path)) == []
