"""GraphQL over HTTP as clients expect it (the GraphQL-over-HTTP draft specification).

On top of strawberry's view: the response media type is negotiated from ``Accept`` —
``application/graphql-response+json`` when the client accepts it, ``application/json``
otherwise (and for ``*/*`` or no ``Accept``), 406 when neither is acceptable. With
``application/graphql-response+json`` a request that fails to parse or validate gets 400
and no ``data``; with ``application/json`` it gets 200, as legacy clients expect. Malformed
requests get a JSON error body: 400, 405 (a mutation over GET, with ``Allow: POST``) or 415
(a body that is not JSON).
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from resolvers.context import Context

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_WILDCARDS = ("*/*", "application/*")


def choose_media_type(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header (``None``: nothing acceptable).

    >>> choose_media_type("application/graphql-response+json, application/json;q=0.9")
    'application/graphql-response+json'
    >>> choose_media_type("*/*")
    'application/json'
    >>> choose_media_type("application/xml") is None
    True
    """
    if accept is None or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            choice = (quality, 2, GRAPHQL_RESPONSE)
        elif media == JSON:
            choice = (quality, 1, JSON)
        elif media in _WILDCARDS:
            choice = (quality, 0, JSON)
        else:
            continue
        if best is None or choice[:2] > best[:2]:
            best = choice
    return None if best is None else best[2]


def _error_response(
    status: int, message: str, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    body = json.dumps({"errors": [{"message": message}]})
    return Response(body, status_code=status, media_type=media_type, headers=headers)


def _is_request_error(body: Any) -> bool:
    """The request failed before execution (parse or validation): no data, no error path."""
    if not isinstance(body, dict) or body.get("data") is not None:
        return False
    errors = body.get("errors") or []
    return bool(errors) and all("path" not in e for e in errors)


class GraphQLHTTP(GraphQL[Context, None]):
    """Strawberry's ASGI view with media type negotiation and HTTP status codes."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        accept = request.headers.get("accept")
        if request.method == "GET" and accept and "text/html" in accept:
            await super().__call__(scope, receive, send)  # GraphiQL in a browser
            return
        media_type = choose_media_type(accept)
        if media_type is None:
            response = _error_response(
                406, f"cannot answer in {accept}; accept {GRAPHQL_RESPONSE} or {JSON}", JSON
            )
        else:
            try:
                response = await self.run(request)
            except HTTPException as e:
                response = _refused(e, media_type)
            else:
                response = _negotiated(response, media_type)
        await response(scope, receive, send)


def _refused(error: HTTPException, media_type: str) -> Response:
    if "mutations are not allowed" in error.reason:
        return _error_response(
            405, "mutations need POST; GET is for queries only", media_type, {"Allow": "POST"}
        )
    if error.reason == "Unsupported content type":
        return _error_response(
            415, "send the request as application/json (or a GET query string)", media_type
        )
    return _error_response(error.status_code, error.reason, media_type)


def _negotiated(response: Response, media_type: str) -> Response:
    if response.media_type != JSON:
        return response
    body = json.loads(bytes(response.body))
    status = response.status_code
    if media_type == GRAPHQL_RESPONSE and _is_request_error(body):
        status = 400
        body.pop("data", None)
    headers = {
        k: v for k, v in response.headers.items() if k not in ("content-length", "content-type")
    }
    return Response(
        json.dumps(body, separators=(",", ":")),
        status_code=status,
        media_type=media_type,
        headers=headers,
        background=response.background,
    )
