"""Validate each query text once: a document that passed validation passes again.

graphql-core's validation walks the whole document against the schema on every request
(several milliseconds for the gap queries, more than their own Python work). Clients
send the same few query texts over and over, so a text that validated is remembered
(bounded, least recently used first out) and not walked again. Failures are never
remembered, and the request limits (:class:`skillgraph.limits.RequestLimits`, which runs
first) still measure every request, as their verdict depends on its variables.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

#: How many distinct valid query texts are remembered.
MAX_REMEMBERED = 256

_valid: OrderedDict[tuple[object, ...], None] = OrderedDict()


class ValidateOnce(SchemaExtension):
    """Skip graphql-core's validation for a query text that has passed it before."""

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if ctx.pre_execution_errors is None and document is not None and ctx.query:
            key = (id(ctx.schema), ctx.query, ctx.validation_rules)
            if key in _valid:
                _valid.move_to_end(key)
                ctx.pre_execution_errors = []
            else:
                errors = validate_document(ctx.schema._schema, document, ctx.validation_rules)
                ctx.pre_execution_errors = errors
                if not errors:
                    _remember(key)
        yield


def _remember(key: tuple[object, ...]) -> None:
    _valid[key] = None
    if len(_valid) > MAX_REMEMBERED:
        _valid.popitem(last=False)
