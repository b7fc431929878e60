"""Relay-style connections with keyset pagination and a total count.

Every list in the API is a :class:`Connection`. ``first`` is capped at :data:`MAX_PAGE`;
``after`` is an opaque cursor that encodes the sort key of the last row seen, so a page is
found by ``WHERE key > $after ORDER BY key LIMIT first + 1`` (the extra row tells
``hasNextPage``) rather than by skipping rows.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry

T = TypeVar("T")
MAX_PAGE = 100
DEFAULT_PAGE = 20


class PaginationError(ValueError):
    """``first`` or ``after`` is invalid."""


def encode_cursor(key: Any) -> str:
    """The opaque cursor for a sort key (any JSON value)."""
    raw = json.dumps(key, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str) -> Any:
    """The sort key inside a cursor made by :func:`encode_cursor`."""
    try:
        return json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise PaginationError(f"after: {cursor!r} is not a cursor from this API") from None


@dataclass(frozen=True)
class Page:
    """The validated arguments of one page request."""

    first: int
    after: Any

    @property
    def limit(self) -> int:
        """How many rows to fetch: one more than asked, to know about a next page."""
        return self.first + 1


def page_args(first: int | None, after: str | None) -> Page:
    """Check ``first``/``after``; the page size is 1..100 (20 when not given)."""
    size = DEFAULT_PAGE if first is None else first
    if size < 0 or size > MAX_PAGE:
        raise PaginationError(f"first: must be between 0 and {MAX_PAGE}, got {size}")
    return Page(size, decode_cursor(after) if after else None)


def sort_key(after: Any) -> tuple[Any, ...] | None:
    """The decoded ``after`` of a list sorted by (value, id), checked and made hashable."""
    if after is None:
        return None
    if not isinstance(after, list) or len(after) != 2:
        raise PaginationError("after: this cursor does not come from this list")
    return tuple(after)


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[T]:
        """The nodes of the edges, for clients that need no cursors."""
        return [e.node for e in self.edges]


def connection(
    rows: Sequence[Any],
    page: Page,
    total: int,
    node: Callable[[Any], T],
    key: Callable[[Any], Any],
) -> Connection[T]:
    """Build a connection from ``page.limit`` rows fetched after ``page.after``."""
    shown = list(rows[: page.first])
    edges = [Edge(cursor=encode_cursor(key(r)), node=node(r)) for r in shown]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > page.first,
            has_previous_page=page.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
