"""Measuring a request before it runs: depth, cost, aliases, root fields and page sizes."""

from __future__ import annotations

import time

import pytest
from graphql import parse

from schema import pagination, schema
from skillgraph.limits import DEFAULT_PAGE, Limits, check_document, measure

_SCHEMA = schema._schema


def _measure(query: str, **variables: object) -> tuple[int, int, int, int]:
    m = measure(parse(query), _SCHEMA, variables)
    return m.depth, m.cost, m.aliases, m.root_fields


def test_default_page_is_the_schemas() -> None:
    assert DEFAULT_PAGE == pagination.DEFAULT_PAGE
    assert Limits().max_page_size == pagination.MAX_PAGE


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ __typename }", (0, 0, 0, 0)),
        ('{ person(id: "a") { name } }', (2, 1, 0, 1)),
        ('{ person(id: "a") { name team { name } } }', (3, 2, 0, 1)),
        # a connection multiplies what is below it by its page size (20 when not given)
        ("{ people { nodes { name } } }", (3, 21, 0, 1)),
        ("{ people(first: 100) { edges { node { team { name } } } } }", (5, 301, 0, 1)),
        ('{ a: person(id: "a") { name } b: person(id: "b") { name } }', (2, 2, 2, 2)),
        # fragments count where they are spread
        (
            '{ ...F person(id: "b") { ...P } } fragment F on Query { people(first: 5) '
            "{ nodes { ...P } } } fragment P on Person { team { name } }",
            (4, 1 + 5 * 2 + 2, 0, 2),
        ),
        # introspection costs nothing (it reads the schema in memory)
        ("{ __schema { types { name fields { name type { ofType { name } } } } } }", (0, 0, 0, 1)),
    ],
)
def test_measures(query: str, expected: tuple[int, int, int, int]) -> None:
    assert _measure(query) == expected


def test_page_size_from_variables() -> None:
    query = "query($n: Int) { people(first: $n) { nodes { name } } }"
    assert _measure(query, n=7) == (3, 8, 0, 1)
    assert measure(parse(query), _SCHEMA, {"n": 7}).largest_page == (7, "first of people")


def test_nested_fragments_are_measured_once_each() -> None:
    # 2**40 paths when expanded; measuring takes milliseconds.
    parts = ['{ person(id: "a") { ...F0 } }']
    for i in range(40):
        parts.append(f"fragment F{i} on Person {{ a{i}: team {{ name }} ...F{i + 1} ...F{i + 1} }}")
    parts.append("fragment F40 on Person { name }")
    started = time.perf_counter()
    m = measure(parse(" ".join(parts)), _SCHEMA)
    assert time.perf_counter() - started < 0.5
    assert m.depth == 3
    assert m.cost == 1 + sum(2**i for i in range(40))
    assert check_document(parse(" ".join(parts)), _SCHEMA, Limits(max_aliases=100)) is not None


def test_cyclic_fragments_do_not_loop() -> None:
    query = (
        '{ person(id: "a") { ...A } } fragment A on Person { ...B } fragment B on Person { ...A }'
    )
    assert _measure(query) == (1, 1, 0, 1)


@pytest.mark.parametrize(
    ("limits", "query", "limit", "message"),
    [
        (
            Limits(max_root_fields=2),
            '{ person(id: "a") { name } team(id: "t") { name } skill(id: "s") { name } }',
            "maxRootFields",
            "3 root fields exceed the limit of 2 per request (SKILLGRAPH_MAX_ROOT_FIELDS)",
        ),
        (
            Limits(max_cost=1000),
            "{ people(first: 100) { nodes { team { name } } } people2: people(first: 100)"
            " { nodes { team { name } } } people3: people(first: 100) { nodes { name } } }",
            "maxCost",
            "query cost 1000 exceeds the budget of 1000 (SKILLGRAPH_MAX_COST): "
            "ask for smaller pages or fewer nested lists",
        ),
    ],
)
def test_each_limit_names_itself(limits: Limits, query: str, limit: str, message: str) -> None:
    if limit == "maxCost":
        # 201 + 201 + 101 = 503 fits; a cheaper budget than that does not
        assert check_document(parse(query), _SCHEMA, limits) is None
        limits = Limits(max_cost=500)
        message = message.replace("cost 1000", "cost 503").replace(
            "budget of 1000", "budget of 500"
        )
    error = check_document(parse(query), _SCHEMA, limits)
    assert error is not None
    assert error.message == message
    assert error.extensions is not None
    assert error.extensions["limit"] == limit


def test_a_request_within_the_limits_passes() -> None:
    query = "{ people(first: 100) { edges { node { key name team { name } } } } }"
    assert check_document(parse(query), _SCHEMA, Limits()) is None
