"""GraphQL over HTTP: media types, GET for queries, status codes for malformed requests."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.db import Database
from skillgraph.graphql_http import choose_media_type
from tests.org import load_org

GQL = "application/graphql-response+json"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GQL, GQL),
        (f"application/json, {GQL}", GQL),
        (f"{GQL};q=0.5, application/json", "application/json"),
        (f"{GQL};q=0, application/*", "application/json"),
        ("application/xml, text/csv", None),
        (f"{GQL};q=x", None),
    ],
)
def test_media_type_negotiation(accept: str | None, media: str | None) -> None:
    assert choose_media_type(accept) == media


async def test_post_json_with_the_graphql_response_media_type(
    client: httpx.AsyncClient, db: Database
) -> None:
    await load_org(db)
    response = await client.post(
        "/graphql",
        json={"query": "query($id: ID!) { person(id: $id) { name } }", "variables": {"id": "a"}},
        headers={"accept": f"{GQL}, application/json;q=0.9"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == GQL
    assert response.json() == {"data": {"person": {"name": "Ada Lovelace"}}}


async def test_get_answers_queries(client: httpx.AsyncClient, db: Database) -> None:
    await load_org(db)
    response = await client.get(
        "/graphql",
        params={"query": "query($id: ID!) { team(id: $id) { name } }", "variables": '{"id": "t1"}'},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"data": {"team": {"name": "Platform"}}}


async def test_get_refuses_mutations(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={"query": 'mutation { deleteTeam(input: {id: "t1"}) { __typename } }'},
        headers={"accept": GQL},
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json() == {
        "errors": [{"message": "mutations need POST; GET is for queries only"}]
    }


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        (
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            400,
            "Unable to parse request body as JSON",
        ),
        ({"json": {}}, 400, "No GraphQL query found in the request"),
        (
            {"json": {"query": 5}},
            400,
            "The GraphQL operation's `query` must be a string or null, if provided.",
        ),
        (
            {"json": {"query": "{ __typename }", "variables": [1]}},
            400,
            "The GraphQL operation's `variables` must be an object or null, if provided.",
        ),
        (
            {"content": b"{ __typename }", "headers": {"content-type": "text/plain"}},
            415,
            "send the request as application/json (or a GET query string)",
        ),
    ],
)
async def test_malformed_requests(
    client: httpx.AsyncClient, request_kwargs: dict[str, Any], status: int, message: str
) -> None:
    response = await client.post("/graphql", **request_kwargs)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"errors": [{"message": message}]}


@pytest.mark.parametrize(
    ("accept", "status", "media", "has_data"),
    [(GQL, 400, GQL, False), ("application/json", 200, "application/json", True)],
)
async def test_invalid_documents(
    client: httpx.AsyncClient, accept: str, status: int, media: str, has_data: bool
) -> None:
    for query in ("{ people( }", "{ nope }"):
        response = await client.post("/graphql", json={"query": query}, headers={"accept": accept})
        assert response.status_code == status
        assert response.headers["content-type"] == media
        body = response.json()
        assert ("data" in body) is has_data
        assert len(body["errors"]) == 1


async def test_field_errors_keep_status_200(client: httpx.AsyncClient, db: Database) -> None:
    response = await client.post(
        "/graphql",
        json={"query": '{ people(after: "not-a-cursor") { totalCount } }'},
        headers={"accept": GQL},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["path"] == ["people"]


async def test_unacceptable_media_type(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"accept": "application/xml"}
    )
    assert response.status_code == 406
    assert response.json()["errors"][0]["message"].startswith("cannot answer in application/xml")


async def test_other_methods_are_not_allowed(client: httpx.AsyncClient) -> None:
    assert (await client.put("/graphql", json={"query": "{ __typename }"})).status_code == 405
