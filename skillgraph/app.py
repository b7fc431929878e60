"""The ASGI application: ``/graphql`` (GraphiQL in a browser), ``/healthz`` and ``/readyz``.

``/graphql`` sits behind :class:`GraphQLGate`, which gives every request an id, refuses a
body over the size limit (413) and a request without a valid bearer token (401), and stops
a request that runs past the time limit (504); only GraphiQL's page is served without a
token. Inside, the schema's extensions apply the query limits and the access policy.

``/readyz`` answers 503 while the database does not answer. A GraphQL request that needs
the database then fails at once with the error code ``DATABASE_UNAVAILABLE`` (in the
error's ``extensions``) and recovers by itself when the database is back. A database that
answers but keeps refusing work for now (overloaded) gives ``DATABASE_BUSY`` instead, and
``/readyz`` says ``busy``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from graph.analysis_runs import PersonResultsPruned
from graph.connect import Target, connected
from graph.db import Database
from graph.errors import DatabaseBusy, DatabaseUnavailable, ServiceError
from resolvers.context import Context
from schema import schema
from skillgraph.auth import TokenError, TokenKeys, Viewer
from skillgraph.graphql_http import GraphQLHTTP
from skillgraph.limits import Limits

log = logging.getLogger("skillgraph.errors")

TOKEN_HINT = "Bearer PASTE-THE-TOKEN-PRINTED-BY-skillgraph-serve-OR-skillgraph-token-create"
_GRAPHIQL_NOTE = """# skillgraph: every request needs a bearer token.
# Open "Headers" below and set
#   {"Authorization": "Bearer <token>"}
# `skillgraph serve --demo` prints an admin token when it starts;
# `skillgraph token create --person ID --role ROLE` makes one for anyone.
#
{ people(first: 3) { edges { node { id name team { name } } } } }
"""


class _GraphQL(GraphQLHTTP):
    def __init__(self, limits: Limits) -> None:
        super().__init__(schema, graphql_ide="graphiql" if limits.graphiql else None)
        self.limits = limits

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        viewer = request.scope.get("state", {}).get("viewer")
        if not isinstance(viewer, Viewer):
            # Only GraphiQL's page gets here without a token (the gate refuses the rest);
            # a viewer with no roles may read nothing, should anything else slip through.
            viewer = Viewer.anonymous()
        db: Database = request.app.state.db
        return Context(
            db,
            viewer,
            limits=self.limits,
            request_id=request.scope["state"].get("request_id"),
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        html = self.graphql_ide_html.replace(
            "React.useState(parameters.headers)",
            "React.useState(parameters.headers || " + json.dumps(_headers_hint()) + ")",
        ).replace("parameters.q || EXAMPLE_QUERY", "parameters.q || " + json.dumps(_GRAPHIQL_NOTE))
        return HTMLResponse(html)

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
    if isinstance(error, DatabaseBusy):
        return "DATABASE_BUSY"
    if isinstance(error, PersonResultsPruned):
        return "RESULTS_PRUNED"
    return None


def _headers_hint() -> str:
    return json.dumps({"Authorization": TOKEN_HINT}, indent=2)


def _error(status: int, message: str, code: str, request_id: str, **extra: Any) -> Response:
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": code, **extra}}]}
    headers = {"x-request-id": request_id}
    if status == 401:
        headers["www-authenticate"] = 'Bearer realm="skillgraph"'
    return JSONResponse(body, status_code=status, headers=headers)


class _BodyTooLarge(Exception):
    pass


class GraphQLGate:
    """Request id, body size, authentication and time limit around the GraphQL app."""

    def __init__(self, app: ASGIApp, keys: TokenKeys, limits: Limits) -> None:
        self.app = app
        self.keys = keys
        self.limits = limits

    def _viewer(self, request: Request) -> Viewer | str:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if not header:
            return (
                "authentication required: send the header 'Authorization: Bearer <token>' "
                "(skillgraph token create --person ID --role ROLE makes one)"
            )
        if scheme.lower() != "bearer" or not token.strip():
            return "the Authorization header must be 'Bearer <token>'"
        try:
            return self.keys.verify(token.strip())
        except TokenError as e:
            return f"invalid token: {e}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        request = Request(scope)
        limit = self.limits.max_body_bytes
        length = request.headers.get("content-length", "")
        too_large = (length.isdigit() and int(length) > limit) or len(
            scope.get("query_string", b"")
        ) > limit
        if too_large:
            response = _error(
                413,
                f"the request is larger than the limit of {limit} bytes "
                "(SKILLGRAPH_MAX_BODY_BYTES)",
                "LIMIT_EXCEEDED",
                request_id,
                limit="maxBodyBytes",
            )
            await response(scope, receive, send)
            return
        ide_page = (
            self.limits.graphiql
            and request.method == "GET"
            and "query" not in request.query_params
            and "text/html" in request.headers.get("accept", "")
        )
        if not ide_page:
            viewer = self._viewer(request)
            if isinstance(viewer, str):
                await _error(401, viewer, "UNAUTHENTICATED", request_id)(scope, receive, send)
                return
            state["viewer"] = viewer
        await self._run(scope, self._limited(receive, limit), send, request_id)

    @staticmethod
    def _limited(receive: Receive, limit: int) -> Receive:
        """``receive`` that stops a body (also a chunked one) at ``limit`` bytes."""
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _BodyTooLarge
            return message

        return limited

    async def _run(self, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        timeout = self.limits.request_timeout
        try:
            async with asyncio.timeout(timeout):
                await self.app(scope, receive, tracked)
            return
        except TimeoutError:
            response = _error(
                504,
                f"the request took longer than the limit of {timeout:g} s "
                "(SKILLGRAPH_REQUEST_TIMEOUT)",
                "TIMEOUT",
                request_id,
                limit="requestTimeout",
            )
        except _BodyTooLarge:
            response = _error(
                413,
                f"the request is larger than the limit of {self.limits.max_body_bytes} bytes "
                "(SKILLGRAPH_MAX_BODY_BYTES)",
                "LIMIT_EXCEEDED",
                request_id,
                limit="maxBodyBytes",
            )
        except Exception:
            log.exception("request %s: internal error outside the schema", request_id)
            response = _error(
                500,
                f"internal error (request id {request_id}); the service log has the detail",
                "INTERNAL",
                request_id,
                requestId=request_id,
            )
        if not started:
            await response(scope, receive, send)


def create_app(
    *,
    target: Target | None = None,
    db: Database | None = None,
    keys: TokenKeys | None = None,
    limits: Limits | None = None,
) -> Starlette:
    """The application over an open ``db`` (tests) or one it connects to ``target``.

    With ``target`` the driver is created in the lifespan and closed when the app stops.
    ``keys`` verify the bearer tokens; without them the app makes a random secret of its
    own (``app.state.keys``), which suits tests. ``limits`` default to :class:`Limits`.
    """
    if (target is None) == (db is None):
        raise ValueError("give exactly one of target and db")
    state_db = db
    keys = keys or TokenKeys.generated()
    limits = limits or Limits()

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
        except DatabaseBusy as e:
            return JSONResponse({"status": "busy", "reason": str(e)}, status_code=503)
        except (ServiceError, OSError) as e:
            return JSONResponse({"status": "unavailable", "reason": str(e)}, status_code=503)
        return JSONResponse({"status": "ready"})

    graphql: Any = GraphQLGate(_GraphQL(limits), keys, limits)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
        ],
        lifespan=lifespan,
    )
    app.state.keys = keys
    app.state.limits = limits
    if state_db is not None:  # an open database (tests): usable without the lifespan
        app.state.db = state_db
    return app
