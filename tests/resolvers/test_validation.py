"""A query text is validated once; failures are not remembered and the limits still apply."""

from __future__ import annotations

from typing import Any

import httpx

from graph.db import Database
from resolvers import validation
from skillgraph.app import create_app
from skillgraph.auth import TokenKeys
from skillgraph.limits import Limits


def _remembered(query: str) -> bool:
    return any(key[1] == query for key in validation._valid)


async def _post(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    return body


async def test_a_valid_text_is_remembered_and_an_invalid_one_is_not(
    client: httpx.AsyncClient, db: Database
) -> None:
    query = '{ skillGaps(goalId: "remembered-once") { gap } }'
    assert not _remembered(query)
    assert await _post(client, query) == {"data": {"skillGaps": None}}
    assert _remembered(query)
    assert await _post(client, query) == {"data": {"skillGaps": None}}

    wrong = '{ skillGaps(goalId: "remembered-once") { nope } }'
    for _ in range(2):
        body = await _post(client, wrong)
        assert [e["message"] for e in body["errors"]] == [
            "Cannot query field 'nope' on type 'GoalGaps'."
        ]
        assert not _remembered(wrong)


async def test_the_limits_still_measure_a_remembered_text(
    db: Database, token_keys: TokenKeys
) -> None:
    app = create_app(db=db, keys=token_keys, limits=Limits(max_page_size=10))
    token = token_keys.issue("admin", ["admin"])
    query = "query($n: Int) { people(first: $n) { nodes { name } } }"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://t",
        headers={"authorization": f"Bearer {token}"},
    ) as c:
        assert await _post(c, query, n=2) == {"data": {"people": {"nodes": []}}}
        assert _remembered(query)
        body = await _post(c, query, n=11)
    assert [e["extensions"]["limit"] for e in body["errors"]] == ["maxPageSize"]


def test_the_memory_is_bounded() -> None:
    assert validation.MAX_REMEMBERED == 256
    before = dict(validation._valid)
    try:
        for i in range(validation.MAX_REMEMBERED + 5):
            validation._remember(("schema", f"query {i}", ()))
        assert len(validation._valid) == validation.MAX_REMEMBERED
        assert ("schema", "query 0", ()) not in validation._valid
        assert ("schema", f"query {validation.MAX_REMEMBERED + 4}", ()) in validation._valid
    finally:
        validation._valid.clear()
        validation._valid.update(before)
