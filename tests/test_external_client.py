"""An independent GraphQL client (gql, with its own schema validation) against a real server.

The test starts uvicorn on a free loopback port with the application over the test
database; gql fetches the schema by introspection and validates every document against it
before sending, so a schema that only strawberry understands would fail here.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
import uvicorn
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport
from graphql import GraphQLError

from graph.db import Database
from skillgraph.app import create_app
from skillgraph.auth import Role, TokenKeys
from tests.org import load_org


@pytest_asyncio.fixture
async def server_url(db: Database, token_keys: TokenKeys) -> AsyncIterator[str]:
    config = uvicorn.Config(
        create_app(db=db, keys=token_keys),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(200):
            if server.started:
                break
            await asyncio.sleep(0.02)
        assert server.started, "uvicorn did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        await task


async def test_gql_client_with_schema_validation(
    db: Database, server_url: str, token_keys: TokenKeys
) -> None:
    await load_org(db)
    token = token_keys.issue("admin", [Role.ADMIN])
    transport = HTTPXAsyncTransport(url=server_url, headers={"authorization": f"Bearer {token}"})
    async with Client(transport=transport, fetch_schema_from_transport=True) as session:
        assert session.client.schema is not None
        assert session.client.schema.get_type("PersonSkill") is not None
        people = await session.execute(
            GraphQLRequest(
                """query($team: ID!) { people(team: $team, first: 2) { totalCount
                  nodes { key skills { nodes { level skill { name } } } } } }""",
                variable_values={"team": "t1"},
            )
        )
        assert people == {
            "people": {
                "totalCount": 2,
                "nodes": [
                    {
                        "key": "a",
                        "skills": {
                            "nodes": [
                                {"level": 5, "skill": {"name": "Python"}},
                                {"level": 2, "skill": {"name": "SQL"}},
                            ]
                        },
                    },
                    {"key": "b", "skills": {"nodes": [{"level": 3, "skill": {"name": "Python"}}]}},
                ],
            }
        }
        learnt = await session.execute(
            GraphQLRequest(
                """mutation($input: RecordLearningInput!) { recordLearning(input: $input) {
                  __typename ... on RecordLearningPayload { completion { minutes } }
                  ... on InputErrors { errors { field code } } } }""",
                variable_values={"input": {"person": "d", "content": "c1", "minutes": 2000}},
            )
        )
        assert learnt == {
            "recordLearning": {
                "__typename": "InputErrors",
                "errors": [{"field": "minutes", "code": "OUT_OF_RANGE"}],
            }
        }
        with pytest.raises(GraphQLError, match="Cannot query field 'salary'"):
            await session.execute(GraphQLRequest('{ person(id: "a") { salary } }'))
        with pytest.raises(TransportQueryError, match="first: must be between 0 and 100"):
            await session.execute(GraphQLRequest("{ people(first: 101) { totalCount } }"))
