"""Internal errors reach the client as a request id; the log keeps the detail."""

from __future__ import annotations

import logging

import httpx
import pytest
import strawberry
from starlette.types import Receive, Scope, Send

from graph.db import Database
from graph.errors import NotFound
from resolvers.context import Context
from resolvers.masking import MaskInternalErrors
from skillgraph.app import GraphQLGate
from skillgraph.auth import TokenKeys
from skillgraph.limits import Limits


@strawberry.type
class Query:
    @strawberry.field
    def broken(self) -> int:
        return {"a": 1}["secret-key-name"]

    @strawberry.field
    def missing(self) -> int:
        raise NotFound("Person", "p-9")


_schema = strawberry.Schema(query=Query, extensions=[MaskInternalErrors])


async def test_internal_errors_are_masked_and_logged(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    context = Context(db, request_id="req-0001")
    with caplog.at_level(logging.ERROR, logger="skillgraph.errors"):
        result = await _schema.execute("{ broken }", context_value=context)
    assert result.errors is not None
    error = result.errors[0]
    assert error.message == "internal error (request id req-0001); the service log has the detail"
    assert error.extensions == {"code": "INTERNAL", "requestId": "req-0001"}
    assert "secret-key-name" not in str(error.formatted)
    logged = [r for r in caplog.records if r.name == "skillgraph.errors"]
    assert [r.getMessage() for r in logged] == ["request req-0001: internal error at broken"]
    assert logged[0].exc_info is not None
    assert "secret-key-name" in str(logged[0].exc_info[1])


async def test_errors_raised_on_purpose_pass(db: Database) -> None:
    result = await _schema.execute("{ missing }", context_value=Context(db))
    assert result.errors is not None
    assert [e.message for e in result.errors] == ["Person 'p-9' does not exist"]


async def test_a_failure_outside_the_schema_is_a_500_with_a_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def boom(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("the detail")

    keys = TokenKeys.generated()
    gate = GraphQLGate(boom, keys, Limits())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=gate),
        base_url="http://t",
        headers={"authorization": "Bearer " + keys.issue("a", ["admin"])},
    ) as client:
        with caplog.at_level(logging.ERROR, logger="skillgraph.errors"):
            response = await client.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": f"internal error (request id {request_id}); "
                "the service log has the detail",
                "extensions": {"code": "INTERNAL", "requestId": request_id},
            }
        ],
    }
    assert f"request {request_id}: internal error outside the schema" in caplog.text
    assert "the detail" in caplog.text
