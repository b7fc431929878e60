"""The GraphQL schema: strawberry types per domain, combined into one :data:`schema`.

Each domain module contributes a root ``Query`` (and ``Mutation``) class; they are merged
here, so adding a domain is one line in :data:`QUERIES` (or :data:`MUTATIONS`).
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from schema import community, gaps, mutations_entities, mutations_ties, query

QUERIES: tuple[type, ...] = (query.Query, gaps.Query, community.Query)
MUTATIONS: tuple[type, ...] = (
    mutations_entities.Mutation,
    mutations_ties.Mutation,
    community.Mutation,
)

Query = merge_types("Query", QUERIES)
Mutation = merge_types("Mutation", MUTATIONS) if MUTATIONS else None

schema = strawberry.Schema(query=Query, mutation=Mutation)


def sdl() -> str:
    """The schema in SDL, as checked in at ``schema.graphql``."""
    return schema.as_str() + "\n"
