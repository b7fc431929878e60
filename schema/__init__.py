"""The GraphQL schema: strawberry types per domain, combined into one :data:`schema`.

Each domain module contributes a root ``Query`` (and ``Mutation``) class; they are merged
here, so adding a domain is one line in :data:`QUERIES` (or :data:`MUTATIONS`).

Every request passes the same extensions: the request limits (before validation), the
access policy (on every field) and the masking of internal errors.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from resolvers.authz import Authorization
from resolvers.masking import MaskInternalErrors
from schema import audit, query
from skillgraph.limits import RequestLimits

QUERIES: tuple[type, ...] = (query.Query, audit.Query)
MUTATIONS: tuple[type, ...] = ()

Query = merge_types("Query", QUERIES)
Mutation = merge_types("Mutation", MUTATIONS) if MUTATIONS else None

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    extensions=[RequestLimits, Authorization, MaskInternalErrors],
)


def sdl() -> str:
    """The schema in SDL, as checked in at ``schema.graphql``."""
    return schema.as_str() + "\n"
