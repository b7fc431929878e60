"""Internal errors leave the service as a request id; their detail goes to the log.

An error the service raises on purpose (a GraphQL error, or an exception class defined in
the service's own packages, such as :class:`graph.errors.ServiceError`) carries a message
meant for the client and passes unchanged. Anything else (a driver error, a ``KeyError``,
a bug) is replaced by ``internal error (request id …)``, and the traceback is logged with
that request id.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

log = logging.getLogger("skillgraph.errors")

_OWN_PACKAGES = ("graph.", "schema.", "resolvers.", "skillgraph.", "analysis.", "seeds.")


def is_internal(error: GraphQLError) -> bool:
    """Whether ``error`` comes from an exception the service did not raise on purpose."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError | ValueError):
        return False  # a ValueError is how resolvers refuse a bad argument, with a message
    return not type(original).__module__.startswith(_OWN_PACKAGES)


class MaskInternalErrors(MaskErrors):
    """Mask internal errors (see the module docstring) with the request's id."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_internal)

    def _request_id(self) -> str:
        context: Any = self.execution_context.context
        return str(getattr(context, "request_id", "") or "unknown")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = self._request_id()
        log.error(
            "request %s: internal error at %s",
            request_id,
            ".".join(str(p) for p in error.path or ()),
            exc_info=error.original_error,
        )
        return GraphQLError(
            message=f"internal error (request id {request_id}); the service log has the detail",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": "INTERNAL", "requestId": request_id},
        )
