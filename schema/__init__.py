"""The GraphQL schema: strawberry types per domain, combined into one :data:`schema`.

Each domain module contributes a root ``Query`` (and ``Mutation``) class; they are merged
here, so adding a domain is one line in :data:`QUERIES` (or :data:`MUTATIONS`).

Every request passes the same extensions: the request limits (before validation), the
validation (once per query text), the access policy (on every field) and the masking of
internal errors.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from resolvers.authz import Authorization
from resolvers.masking import MaskInternalErrors, is_internal
from resolvers.validation import ValidateOnce
from schema import audit, community, gaps, mutations_entities, mutations_ties, query
from skillgraph.limits import RequestLimits

QUERIES: tuple[type, ...] = (query.Query, gaps.Query, community.Query, audit.Query)
MUTATIONS: tuple[type, ...] = (
    mutations_entities.Mutation,
    mutations_ties.Mutation,
    community.Mutation,
)

Query = merge_types("Query", QUERIES)
Mutation = merge_types("Mutation", MUTATIONS) if MUTATIONS else None

log = logging.getLogger("skillgraph.requests")


class _Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Internal errors are logged with their request id by MaskInternalErrors; refusals
        # and malformed requests are the client's to read, so they stay out of the error log.
        for error in errors:
            if not is_internal(error):
                log.debug("refused: %s", error.message)


schema = _Schema(
    query=Query,
    mutation=Mutation,
    extensions=[RequestLimits, ValidateOnce, Authorization, MaskInternalErrors],
)


def sdl() -> str:
    """The schema in SDL, as checked in at ``schema.graphql``."""
    return schema.as_str() + "\n"
