"""Schema-driven fuzzing of /graphql: generated queries (valid and not) never get a 500.

hypothesis-graphql (the engine of schemathesis' GraphQL mode) builds requests from the SDL
the service serves; each runs over HTTP against the real database, as an admin or as an
employee. Every answer must be a GraphQL answer: no 500, no internal error, and a refusal
that names its reason. Bounded in examples so the suite stays quick.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from graph.db import Database
from schema import sdl
from seeds import demo
from tests.conftest import ClientAs

_SDL = sdl()
# The schema's own scalars: hypothesis-graphql needs a strategy for each, or it gives up on
# any query that reaches an argument of that type.
_SCALARS = {
    "Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes().map(lambda d: nodes.String(d.isoformat() + "Z")),
    "JSON": st.text(max_size=20).map(nodes.String),
}
_REQUESTS = st.one_of(
    from_schema(_SDL, custom_scalars=_SCALARS),
    from_schema(_SDL, mode=Mode.NEGATIVE, custom_scalars=_SCALARS),
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(query=_REQUESTS, role=st.sampled_from(["admin", "employee"]))
async def test_no_request_makes_the_service_fail(
    client_as: ClientAs, db: Database, query: str, role: str
) -> None:
    if await demo.is_empty(db):  # once: the examples share the test's database
        await demo.load(db, people=30, seed=1)
    client = client_as("p-0003", role)
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code in {200, 400}, (query, response.text)
    body: dict[str, Any] = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code != "INTERNAL", (query, error)
        assert error["message"], query
