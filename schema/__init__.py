"""The GraphQL schema: strawberry types per domain, combined into one :data:`schema`."""

from __future__ import annotations

import strawberry

from schema.query import Query

schema = strawberry.Schema(query=Query)


def sdl() -> str:
    """The schema in SDL, as checked in at ``schema.graphql``."""
    return schema.as_str() + "\n"
