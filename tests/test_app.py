"""The gate in front of /graphql: tokens, body size, time limit, request ids, GraphiQL."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import httpx
import jwt
import pytest

from graph.db import Database, count_round_trips
from skillgraph.app import create_app
from skillgraph.auth import TokenKeys
from skillgraph.limits import Limits
from tests.conftest import ClientAs

_QUERY = {"query": "{ people { totalCount } }"}


def _client(app: Any, token: str | None = None) -> httpx.AsyncClient:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t", headers=headers
    )


def _refusal(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    assert body["data"] is None
    error = body["errors"][0]
    return response.status_code, error["extensions"]["code"], error["message"]


async def test_no_token_is_401_with_a_clear_message(client_as: ClientAs, db: Database) -> None:
    response = await client_as(None).post("/graphql", json=_QUERY)
    assert _refusal(response) == (
        401,
        "UNAUTHENTICATED",
        "authentication required: send the header 'Authorization: Bearer <token>' "
        "(skillgraph token create --person ID --role ROLE makes one)",
    )
    assert response.headers["www-authenticate"] == 'Bearer realm="skillgraph"'
    assert len(response.headers["x-request-id"]) == 16


async def test_get_queries_need_a_token_too(client_as: ClientAs, db: Database) -> None:
    response = await client_as(None).get(
        "/graphql", params={"query": "{ people { totalCount } }"}, headers={"accept": "text/html"}
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("not-a-jwt", "invalid token: the token is malformed: Not enough segments"),
        (
            TokenKeys.hs256("another-secret-that-is-long-enough-0123456789").issue("a", ["admin"]),
            "invalid token: the token's signature is invalid",
        ),
        (
            jwt.encode({"sub": "a", "roles": ["admin"]}, key="", algorithm="none"),
            "invalid token: the token is not signed with HS256",
        ),
    ],
    ids=["garbage", "forged", "unsigned"],
)
async def test_forged_tokens_are_refused(
    db: Database, token_keys: TokenKeys, token: str, message: str
) -> None:
    async with _client(create_app(db=db, keys=token_keys), token) as c:
        response = await c.post("/graphql", json=_QUERY)
    assert _refusal(response) == (401, "UNAUTHENTICATED", message)


async def test_expired_tokens_are_refused(db: Database, token_keys: TokenKeys) -> None:
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    token = token_keys.issue("a", ["admin"], ttl=dt.timedelta(hours=1), now=old)
    async with _client(create_app(db=db, keys=token_keys), token) as c:
        response = await c.post("/graphql", json=_QUERY)
    assert _refusal(response) == (
        401,
        "UNAUTHENTICATED",
        "invalid token: the token has expired: get a new one",
    )


async def test_wrong_scheme_is_refused(client_as: ClientAs, db: Database) -> None:
    response = await client_as(None).post(
        "/graphql", json=_QUERY, headers={"authorization": "Basic YTpi"}
    )
    assert _refusal(response) == (
        401,
        "UNAUTHENTICATED",
        "the Authorization header must be 'Bearer <token>'",
    )


async def test_health_and_graphiql_answer_without_a_token(
    client_as: ClientAs, db: Database
) -> None:
    anonymous = client_as(None)
    assert (await anonymous.get("/healthz")).json() == {"status": "ok"}
    assert (await anonymous.get("/readyz")).json() == {"status": "ready"}
    page = await anonymous.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "PASTE-THE-TOKEN-PRINTED-BY-skillgraph-serve" in page.text
    assert "skillgraph token create --person ID --role ROLE" in page.text


async def test_graphiql_can_be_switched_off(db: Database, token_keys: TokenKeys) -> None:
    app = create_app(db=db, keys=token_keys, limits=Limits(graphiql=False))
    async with _client(app) as c:
        page = await c.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 401
    async with _client(app, token_keys.issue("a", ["admin"])) as c:
        page = await c.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 404


async def test_introspection_can_be_switched_off(db: Database, token_keys: TokenKeys) -> None:
    query = {"query": "{ __schema { queryType { name } } }"}
    app = create_app(db=db, keys=token_keys, limits=Limits(introspection=False))
    async with _client(app, token_keys.issue("a", ["admin"])) as c:
        off = (await c.post("/graphql", json=query)).json()
        typename = (await c.post("/graphql", json={"query": "{ __typename }"})).json()
    assert off["errors"][0]["message"] == (
        "introspection is switched off on this server (SKILLGRAPH_INTROSPECTION)"
    )
    assert typename == {"data": {"__typename": "Query"}}
    async with _client(create_app(db=db, keys=token_keys), token_keys.issue("a", ["admin"])) as c:
        on = (await c.post("/graphql", json=query)).json()
    assert on == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


async def test_a_large_body_is_refused_before_reading_it(client: httpx.AsyncClient) -> None:
    padding = " " * Limits().max_body_bytes
    response = await client.post("/graphql", json={"query": "{ __typename }" + padding})
    assert _refusal(response) == (
        413,
        "LIMIT_EXCEEDED",
        "the request is larger than the limit of 131072 bytes (SKILLGRAPH_MAX_BODY_BYTES)",
    )


async def test_a_chunked_body_is_cut_at_the_limit(db: Database, token_keys: TokenKeys) -> None:
    app = create_app(db=db, keys=token_keys, limits=Limits(max_body_bytes=1000))

    async def chunks() -> Any:
        for _ in range(10):
            yield b" " * 200

    async with _client(app, token_keys.issue("a", ["admin"])) as c:
        response = await c.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )
    assert _refusal(response)[:2] == (413, "LIMIT_EXCEEDED")


async def test_a_slow_request_is_stopped_at_the_time_limit(
    db: Database, token_keys: TokenKeys
) -> None:
    app = create_app(db=db, keys=token_keys, limits=Limits(request_timeout=0.000001))
    async with _client(app, token_keys.issue("a", ["admin"])) as c:
        response = await c.post("/graphql", json=_QUERY)
    assert _refusal(response) == (
        504,
        "TIMEOUT",
        "the request took longer than the limit of 1e-06 s (SKILLGRAPH_REQUEST_TIMEOUT)",
    )


async def test_responses_carry_a_request_id(client: httpx.AsyncClient) -> None:
    first = await client.post("/graphql", json=_QUERY)
    second = await client.post("/graphql", json=_QUERY)
    assert first.status_code == 200
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


# -- hostile queries: refused quickly, before any database query -------------------------


async def _refused_without_queries(client: httpx.AsyncClient, query: str) -> tuple[str, float]:
    started = time.perf_counter()
    with count_round_trips() as trips:
        response = await client.post("/graphql", json={"query": query})
    elapsed = time.perf_counter() - started
    assert trips.count == 0
    body = response.json()
    assert response.status_code == 200
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    return body["errors"][0]["message"], elapsed


def _deep(levels: int) -> str:
    inner = "name"
    for _ in range(levels - 1):
        inner = f'node(id: "x") {{ ... on Person {{ {inner} }} }}'
    return "{ " + inner + " }"


async def test_a_50_level_query_is_refused(client: httpx.AsyncClient) -> None:
    message, elapsed = await _refused_without_queries(client, _deep(50))
    assert message == "query depth 50 exceeds the limit of 10 (SKILLGRAPH_MAX_DEPTH)"
    assert elapsed < 2.0


async def test_a_1000_alias_query_is_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join(f'a{i}: person(id: "p{i}") {{ name }}' for i in range(1000)) + " }"
    message, elapsed = await _refused_without_queries(client, query)
    assert message == "1000 aliases exceed the limit of 30 per request (SKILLGRAPH_MAX_ALIASES)"
    assert elapsed < 2.0


async def test_a_huge_page_is_refused(client: httpx.AsyncClient) -> None:
    message, elapsed = await _refused_without_queries(
        client, '{ person(id: "a") { name } people(first: 1000000) { nodes { name } } }'
    )
    assert message == (
        "first: must be between 0 and 100, got 1000000 (first of people; "
        "page size limit SKILLGRAPH_MAX_PAGE_SIZE)"
    )
    assert elapsed < 2.0


async def test_a_huge_page_by_variable_is_refused(client: httpx.AsyncClient) -> None:
    started = time.perf_counter()
    with count_round_trips() as trips:
        response = await client.post(
            "/graphql",
            json={
                "query": 'query($n: Int) { person(id: "a") { name } '
                "people(first: $n) { nodes { name } } }",
                "variables": {"n": 1_000_000},
            },
        )
    assert trips.count == 0
    assert time.perf_counter() - started < 2.0
    assert response.json()["errors"][0]["message"] == (
        "first: must be between 0 and 100, got 1000000 (first of people; "
        "page size limit SKILLGRAPH_MAX_PAGE_SIZE)"
    )
