"""Limits on what one GraphQL request may ask, checked before anything runs.

:func:`check_document` measures a parsed request without executing it: query depth,
aliases, root fields, page sizes (``first``/``last``) and a cost, the number of objects
the answer may hold (a connection multiplies what is below it by its page size). The
:class:`RequestLimits` extension runs it before graphql-core's own validation, which is
itself quadratic in the number of same-named fields, so a hostile request is refused
before it costs more than a walk over its syntax tree, and before any database query.

Body size and the per-request timeout are enforced by the HTTP layer (``skillgraph.app``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension

# The page size a connection gets when the request gives no `first` (schema.pagination).
DEFAULT_PAGE = 20
_PAGE_ARGUMENTS = ("first", "last")
_INTROSPECTION = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Limits:
    """The limits of one request; each has a ``SKILLGRAPH_*`` setting (see the README)."""

    max_depth: int = 10
    max_aliases: int = 30
    max_root_fields: int = 20
    max_cost: int = 100_000
    max_page_size: int = 100
    max_body_bytes: int = 131_072
    request_timeout: float = 30.0
    min_group_size: int = 5
    introspection: bool = True
    graphiql: bool = True


class LimitExceeded(GraphQLError):
    """A request goes beyond one of the :class:`Limits`; the message names the limit."""

    def __init__(self, message: str, *, limit: str, value: int, allowed: int) -> None:
        super().__init__(
            message,
            extensions={
                "code": "LIMIT_EXCEEDED",
                "limit": limit,
                "value": value,
                "allowed": allowed,
            },
        )


@dataclass
class Measure:
    """What :func:`measure` finds in an operation."""

    depth: int = 0
    cost: int = 0
    aliases: int = 0
    root_fields: int = 0
    introspection: bool = False
    largest_page: tuple[int, str] | None = None


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.memo: dict[tuple[str, str | None], tuple[int, int]] = {}
        self.active: set[str] = set()
        self.introspection = False
        self.largest_page: tuple[int, str] | None = None

    def _page(self, field: FieldNode) -> int | None:
        for argument in field.arguments or ():
            if argument.name.value not in _PAGE_ARGUMENTS:
                continue
            value = argument.value
            number: int | None
            if isinstance(value, IntValueNode):
                number = int(value.value)
            elif isinstance(value, VariableNode):
                raw = self.variables.get(value.name.value)
                number = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
            else:
                number = None
            if number is not None:
                where = f"{argument.name.value} of {field.name.value}"
                if self.largest_page is None or number > self.largest_page[0]:
                    self.largest_page = (number, where)
                return number
        return None

    def _type_of(self, parent: GraphQLNamedType | None, name: str) -> GraphQLNamedType | None:
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return None
        field = parent.fields.get(name)
        return None if field is None else get_named_type(field.type)

    def _condition(
        self, name: str | None, parent: GraphQLNamedType | None
    ) -> GraphQLNamedType | None:
        if name is None:
            return parent
        return self.schema.get_type(name)

    def selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None
    ) -> tuple[int, int]:
        """(depth, cost) of a selection set under ``parent``."""
        depth = cost = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                d, c = self.field(node, parent)
            elif isinstance(node, InlineFragmentNode):
                cond = node.type_condition.name.value if node.type_condition else None
                d, c = self.selections(node.selection_set, self._condition(cond, parent))
            elif isinstance(node, FragmentSpreadNode):
                d, c = self.spread(node.name.value, parent)
            else:  # pragma: no cover - graphql has no other selection kind
                continue
            depth = max(depth, d)
            cost += c
        return depth, cost

    def spread(self, name: str, parent: GraphQLNamedType | None) -> tuple[int, int]:
        fragment = self.fragments.get(name)
        if fragment is None or name in self.active:  # unknown or cyclic: validation says so
            return 0, 0
        key = (name, parent.name if parent is not None else None)
        if key not in self.memo:
            self.active.add(name)
            cond = self._condition(fragment.type_condition.name.value, parent)
            self.memo[key] = self.selections(fragment.selection_set, cond)
            self.active.discard(name)
        return self.memo[key]

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> tuple[int, int]:
        name = node.name.value
        if name.startswith("__"):
            # Introspection reads the schema in memory; it is bounded by the body size.
            self.introspection = self.introspection or name in _INTROSPECTION
            return 0, 0
        page = self._page(node)
        if node.selection_set is None:
            return 1, 0
        returns = self._type_of(parent, name)
        depth, cost = self.selections(node.selection_set, returns)
        is_connection = page is not None or (
            returns is not None and returns.name.endswith("Connection")
        )
        multiplier = max(page if page is not None else DEFAULT_PAGE, 1) if is_connection else 1
        return depth + 1, 1 + multiplier * cost


def _aliases(node: Any) -> Iterator[FieldNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, FieldNode) and current.alias is not None:
            yield current
        selection_set = getattr(current, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)


def _root_fields(
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: frozenset[str] = frozenset(),
) -> int:
    count = 0
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            count += 0 if node.name.value == "__typename" else 1
        elif isinstance(node, InlineFragmentNode):
            count += _root_fields(node.selection_set, fragments, seen)
        elif isinstance(node, FragmentSpreadNode):
            fragment = fragments.get(node.name.value)
            if fragment is not None and fragment.name.value not in seen:
                count += _root_fields(
                    fragment.selection_set, fragments, seen | {fragment.name.value}
                )
    return count


def measure(
    document: DocumentNode,
    schema: GraphQLSchema,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> Measure:
    """Depth, cost, aliases and root fields of the operation(s) a request would run."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    walker = _Walker(schema, fragments, variables or {})
    found = Measure()
    found.aliases = sum(1 for d in document.definitions for _ in _aliases(d))
    for operation in operations:
        root = schema.get_root_type(operation.operation)
        depth, cost = walker.selections(operation.selection_set, root)
        found.depth = max(found.depth, depth)
        found.cost = max(found.cost, cost)
        found.root_fields = max(found.root_fields, _root_fields(operation.selection_set, fragments))
    found.introspection = walker.introspection
    found.largest_page = walker.largest_page
    return found


def check_document(
    document: DocumentNode,
    schema: GraphQLSchema,
    limits: Limits,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> LimitExceeded | None:
    """The first limit the request goes beyond, or ``None`` when it stays within all."""
    m = measure(document, schema, variables, operation_name)
    if m.introspection and not limits.introspection:
        return LimitExceeded(
            "introspection is switched off on this server (SKILLGRAPH_INTROSPECTION)",
            limit="introspection",
            value=1,
            allowed=0,
        )
    if m.aliases > limits.max_aliases:
        return LimitExceeded(
            f"{m.aliases} aliases exceed the limit of {limits.max_aliases} per request "
            "(SKILLGRAPH_MAX_ALIASES)",
            limit="maxAliases",
            value=m.aliases,
            allowed=limits.max_aliases,
        )
    if m.root_fields > limits.max_root_fields:
        return LimitExceeded(
            f"{m.root_fields} root fields exceed the limit of {limits.max_root_fields} per "
            "request (SKILLGRAPH_MAX_ROOT_FIELDS)",
            limit="maxRootFields",
            value=m.root_fields,
            allowed=limits.max_root_fields,
        )
    if m.largest_page is not None and m.largest_page[0] > limits.max_page_size:
        size, where = m.largest_page
        return LimitExceeded(
            f"first: must be between 0 and {limits.max_page_size}, got {size} ({where}; "
            "page size limit SKILLGRAPH_MAX_PAGE_SIZE)",
            limit="maxPageSize",
            value=size,
            allowed=limits.max_page_size,
        )
    if m.depth > limits.max_depth:
        return LimitExceeded(
            f"query depth {m.depth} exceeds the limit of {limits.max_depth} (SKILLGRAPH_MAX_DEPTH)",
            limit="maxDepth",
            value=m.depth,
            allowed=limits.max_depth,
        )
    if m.cost > limits.max_cost:
        return LimitExceeded(
            f"query cost {m.cost} exceeds the budget of {limits.max_cost} "
            "(SKILLGRAPH_MAX_COST): ask for smaller pages or fewer nested lists",
            limit="maxCost",
            value=m.cost,
            allowed=limits.max_cost,
        )
    return None


class RequestLimits(SchemaExtension):
    """Refuse a request that goes beyond the context's :class:`Limits`, before validation.

    The context's ``limits`` attribute holds the limits (the defaults when it has none).
    """

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.pre_execution_errors is None:
            limits = getattr(ctx.context, "limits", None) or Limits()
            error = check_document(
                document, ctx.schema._schema, limits, ctx.variables, ctx.operation_name
            )
            if error is not None:
                # Setting the errors here skips graphql-core's validation and execution.
                ctx.pre_execution_errors = [error]
        yield
