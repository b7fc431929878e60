"""The ASGI application: ``/graphql`` (GraphiQL in a browser), ``/healthz`` and ``/readyz``."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket

from graph.connect import Target, connected
from graph.db import Database
from graph.errors import ServiceError
from resolvers.context import Context
from schema import schema
from skillgraph.graphql_http import GraphQLHTTP


class _GraphQL(GraphQLHTTP):
    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        db: Database = request.app.state.db
        return Context(db)


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
