"""The ASGI application: ``/graphql`` (GraphiQL in a browser), ``/healthz`` and ``/readyz``.

``/readyz`` answers 503 while the database does not answer. A GraphQL request that needs
the database then fails at once with the error code ``DATABASE_UNAVAILABLE`` (in the
error's ``extensions``) and recovers by itself when the database is back.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from graph.connect import Target, connected
from graph.db import Database
from graph.errors import DatabaseUnavailable, ServiceError
from resolvers.context import Context
from schema import schema
from skillgraph.graphql_http import GraphQLHTTP


class _GraphQL(GraphQLHTTP):
    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        db: Database = request.app.state.db
        return Context(db)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        for error, formatted in zip(
            result.errors or [], response.get("errors") or [], strict=False
        ):
            code = error_code(error.original_error)
            if code is not None and isinstance(formatted, dict):
                formatted.setdefault("extensions", {})["code"] = code
        return response


def error_code(error: BaseException | None) -> str | None:
    """The machine-readable code of an error a client can act on (``None``: no code)."""
    if isinstance(error, DatabaseUnavailable):
        return "DATABASE_UNAVAILABLE"
    return None


def create_app(*, target: Target | None = None, db: Database | None = None) -> Starlette:
    """The application over an open ``db`` (tests) or one it connects to ``target``.

    With ``target`` the driver is created in the lifespan and closed when the app stops.
    """
    if (target is None) == (db is None):
        raise ValueError("give exactly one of target and db")
    state_db = db

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if db is not None:
            app.state.db = db
            yield
            return
        assert target is not None
        async with connected(target) as opened:
            app.state.db = opened
            yield

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            await request.app.state.db.ping()
        except (ServiceError, OSError) as e:
            return JSONResponse({"status": "unavailable", "reason": str(e)}, status_code=503)
        return JSONResponse({"status": "ready"})

    graphql: Any = _GraphQL(schema, graphql_ide="graphiql")
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
        ],
        lifespan=lifespan,
    )
    if state_db is not None:  # an open database (tests): usable without the lifespan
        app.state.db = state_db
    return app
