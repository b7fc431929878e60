"""Who may see and do what: the one place where access to the API is decided.

Every field of every object type has a :class:`Rule` in :data:`POLICY` (a type's ``"*"``
entry is its default); the :class:`Authorization` extension applies it before the field's
resolver runs, so a field nobody has classified is visible to admins only, and a test
fails until it is classified. Mutations are checked by :data:`MUTATIONS` and every call is
written to the audit trail (``graph/audit.py``), allowed or not.

Aggregates over people go through :func:`aggregate`, which suppresses a value over fewer than
``min_group_size`` people for a viewer who may not see the individuals behind it. The root
fields about one team (:data:`TEAM_AGGREGATES`) are aggregates anyone signed in may read,
subject to that rule; lists of named people inside them (:data:`NAMED_ITEMS`) keep only the
people the viewer may see.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import enum
import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Collection, Iterator, Mapping
from typing import Any, Protocol, TypeVar

from graphql import GraphQLError, GraphQLObjectType, GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.relay import GlobalID

from graph import access, audit
from resolvers.context import Context
from skillgraph.auth import Role, Viewer

T = TypeVar("T")
log = logging.getLogger("skillgraph.audit")
ResolveInfo = GraphQLResolveInfo[Context]


class FieldInfo(Protocol):
    """What the checks need to know about a field: graphql-core's or strawberry's info."""

    @property
    def context(self) -> Context: ...

    @property
    def field_name(self) -> str: ...


def _where(info: FieldInfo) -> str:
    """``Type.field`` of the field being resolved (strawberry's info wraps graphql-core's)."""
    raw = getattr(info, "_raw_info", info)
    parent: GraphQLObjectType | None = getattr(raw, "parent_type", None)
    return f"{parent.name if parent else '?'}.{info.field_name}"


class Rule(enum.Enum):
    """Who may read a field (the value is the sentence used in refusals)."""

    PUBLIC = "everyone signed in"
    PERSONAL = "the person, their managers, hr, learning and admin"
    PRIVATE = "the person, hr, learning and admin"
    ORG = "hr, learning and admin"
    ADMIN = "admin"
    # An aggregate over a team's people (see TEAM_AGGREGATES): everyone signed in, unless
    # the team is smaller than the minimum group size (then as the individual rule says).
    TEAM = "everyone signed in, over at least the minimum group size"


class Forbidden(GraphQLError):
    """The viewer may not read this field or make this change."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


class Suppressed(GraphQLError):
    """An aggregate over too few people, withheld to protect the individuals behind it."""

    def __init__(self, what: str, size: int, minimum: int) -> None:
        super().__init__(
            f"{what}: withheld because it covers fewer than {minimum} people "
            "(SKILLGRAPH_MIN_GROUP_SIZE)",
            extensions={"code": "SUPPRESSED", "minGroupSize": minimum, "groupSize": size},
        )


# -- the field policy ---------------------------------------------------------------------
# A type's "*" is the rule of its fields not named; a type not listed is ADMIN-only.
# Public: the org chart, profiles (name, title, team, manager, reports), which skills people
# list, content and curation, the taxonomy, goals. Personal: contact details, assessed levels
# and learning history. Private: who works with whom.
POLICY: dict[str, dict[str, Rule]] = {
    "Query": {
        "*": Rule.PUBLIC,
        "auditLog": Rule.ADMIN,
        # about one person (see QUERY_SUBJECTS): the person, and managers or org roles
        "personGaps": Rule.PERSONAL,
        "learningHours": Rule.PERSONAL,
        "recommendations": Rule.PRIVATE,
        "personNetwork": Rule.PRIVATE,
        # aggregates over one team's people (see TEAM_AGGREGATES)
        "skillGaps": Rule.TEAM,
        "teamGaps": Rule.TEAM,
        "teamHealth": Rule.TEAM,
        "teamHealthTrend": Rule.TEAM,
        # named organisation-wide results
        "organisationGaps": Rule.ORG,
        "cultureLeaders": Rule.ORG,
        "champions": Rule.ORG,
        "brokers": Rule.ORG,
        "isolatedTeams": Rule.ORG,
        "isolatedPeople": Rule.ORG,
    },
    "Person": {
        "*": Rule.PUBLIC,
        "email": Rule.PERSONAL,
        "completions": Rule.PERSONAL,
        "collaborators": Rule.PRIVATE,
    },
    "PersonSkill": {
        "*": Rule.PERSONAL,
        "person": Rule.PUBLIC,
        "skill": Rule.PUBLIC,
    },
    "Completion": {
        "*": Rule.PERSONAL,
        "person": Rule.PUBLIC,  # reached through Person.completions or Content.completions
        "content": Rule.PUBLIC,
    },
    "Collaboration": {"*": Rule.PUBLIC},  # reached only through Person.collaborators
    "Curator": {"*": Rule.PUBLIC, "email": Rule.PERSONAL},
    "Curation": {"*": Rule.PUBLIC},
    "Team": {"*": Rule.PUBLIC},  # skillMatrix holds only rows the viewer may see
    "SkillMatrixRow": {"*": Rule.PUBLIC},
    "SkillLevel": {"*": Rule.PUBLIC},
    "Skill": {"*": Rule.PUBLIC},
    "RelatedSkill": {"*": Rule.PUBLIC},
    "Teaching": {"*": Rule.PUBLIC},
    "Content": {"*": Rule.PUBLIC, "completions": Rule.ORG},
    "Goal": {"*": Rule.PUBLIC},
    "Requirement": {"*": Rule.PUBLIC},
    "PageInfo": {"*": Rule.PUBLIC},
    "InputErrors": {"*": Rule.PUBLIC},
    "InputError": {"*": Rule.PUBLIC},
    "AuditEntry": {"*": Rule.PUBLIC},  # reached only through Query.auditLog (admin)
    # Analysis results: reached only through the Query fields above, which are guarded.
    **{
        name: {"*": Rule.PUBLIC}
        for name in (
            "Broker",
            "Champion",
            "CommunityHealth",
            "ContentRecommendation",
            "CultureLeader",
            "GapPlan",
            "GoalGaps",
            "LearningHours",
            "MentorRecommendation",
            "OrganisationGaps",
            "OutsideCandidate",
            "PersonGap",
            "PersonNetwork",
            "RequirementGap",
            "SkillHolders",
            "SkillShortage",
            "StageDuration",
            "TeamChange",
            "TeamGaps",
            "TeamHealth",
            "UnitSupply",
            "RunCommunityAnalysisError",
        )
    },
}

# Root fields about one person name them by an argument; without it they are ORG-wide.
QUERY_SUBJECTS: dict[str, str] = {
    "personGaps": "personId",
    "learningHours": "personId",
    "recommendations": "personId",
    "personNetwork": "personId",
}

# Root fields that aggregate over the people of the team named by an argument (sub-teams
# included), with the rule of one person's own value behind the aggregate: assessed levels and
# learning are PERSONAL (a manager sees their reports'), network metrics PRIVATE. Without the
# team argument the field is about a person (learningHours' personId) or organisation-wide.
TEAM_AGGREGATES: dict[str, tuple[str, Rule]] = {
    "skillGaps": ("teamId", Rule.PERSONAL),
    "teamGaps": ("teamId", Rule.PERSONAL),
    "learningHours": ("teamId", Rule.PERSONAL),
    "teamHealth": ("teamId", Rule.PRIVATE),
    "teamHealthTrend": ("teamId", Rule.PRIVATE),
}

# Lists of named people inside public results: each item is kept only when the viewer may
# see that person's own value under the rule (being one level short of a goal is an
# assessed level). ``Type.field`` -> (rule, the person an item is about).
NAMED_ITEMS: dict[str, tuple[Rule, Callable[[Any], str | None]]] = {
    "RequirementGap.readySoon": (Rule.PERSONAL, lambda person: person.id),
}

# How to find the person a PERSONAL or PRIVATE field is about, per type.
SUBJECTS: dict[str, Callable[[Any], str | None]] = {
    "Person": lambda person: person.id,
    "Curator": lambda curator: curator.id,
    "PersonSkill": lambda held: held.person.id,
    "Completion": lambda completion: completion.person.id,
}

# Connections and edges only carry nodes, whose own types are checked; a mutation's payload
# is what the (checked) mutation returns.
_STRUCTURAL_SUFFIXES = ("Connection", "Edge", "Payload")


def rule_for(type_name: str, field_name: str) -> Rule | None:
    """The rule of ``type_name.field_name``; ``None`` when nobody classified it."""
    if type_name.startswith("__") or field_name.startswith("__"):
        return Rule.PUBLIC  # introspection (switched off in production by a setting)
    if type_name.endswith(_STRUCTURAL_SUFFIXES):
        return Rule.PUBLIC
    fields = POLICY.get(type_name)
    if fields is None:
        return None
    return fields.get(field_name, fields.get("*"))


async def _once(
    info: FieldInfo, key: str, load: Callable[[], Awaitable[frozenset[str]]]
) -> frozenset[str]:
    """``load()`` once per request and ``key``, however many fields ask for it.

    Fields resolve concurrently: they share one pending query, not one result.
    """
    cache = info.context.cache
    pending = cache.get(key)
    if pending is None:
        pending = cache[key] = asyncio.ensure_future(load())
    found: frozenset[str] = await pending
    return found


async def reports_of(info: FieldInfo) -> frozenset[str]:
    """Everyone under the viewer in the reporting line (one query per request)."""
    context = info.context
    viewer: Viewer = context.viewer
    person = viewer.person_id
    if person is None or not viewer.has(Role.MANAGER):
        return frozenset()
    return await _once(info, "reports", lambda: access.reports_under(context.db, person))


async def team_people(info: FieldInfo, team_id: str) -> frozenset[str]:
    """The people of a team and its sub-teams (one query per team and request)."""
    db = info.context.db
    return await _once(info, f"team:{team_id}", lambda: access.team_people(db, team_id))


async def may_see(info: FieldInfo, rule: Rule, person_id: str | None) -> bool:
    """Whether the viewer may see a field with ``rule`` about ``person_id``."""
    viewer: Viewer = info.context.viewer
    if viewer.system or viewer.has(Role.ADMIN) or rule is Rule.PUBLIC:
        return True
    if rule is Rule.ADMIN:
        return False
    if viewer.org_wide:
        return True
    if rule is Rule.ORG:
        return False
    if viewer.is_self(person_id):
        return True
    if rule is Rule.PERSONAL and person_id is not None:
        return person_id in await reports_of(info)
    return False


async def visible_people(info: FieldInfo, rule: Rule) -> frozenset[str] | None:
    """The people whose fields under ``rule`` the viewer may see; ``None`` for everyone.

    For lists a query narrows to what the viewer may see (the skill matrix), so that their
    totals and pages count only those rows; it agrees with :func:`may_see` person by person.
    """
    viewer: Viewer = info.context.viewer
    if viewer.system or viewer.has(Role.ADMIN) or rule is Rule.PUBLIC:
        return None
    if rule is Rule.ADMIN:
        return frozenset()
    if viewer.org_wide:
        return None
    if rule is not Rule.PERSONAL and rule is not Rule.PRIVATE:
        return frozenset()
    own = frozenset() if viewer.person_id is None else frozenset([viewer.person_id])
    return own | await reports_of(info) if rule is Rule.PERSONAL else own


async def require(info: FieldInfo, rule: Rule, person_id: str | None = None) -> None:
    """Raise :class:`Forbidden` unless the viewer may see what ``rule`` guards."""
    if not await may_see(info, rule, person_id):
        raise Forbidden(f"{_where(info)}: only {rule.value} may see this")


async def aggregate(
    info: FieldInfo,
    value: T,
    members: Collection[str],
    *,
    individual: Rule = Rule.PERSONAL,
) -> T:
    """``value`` (an aggregate over ``members``), or :class:`Suppressed` when too revealing.

    The value is withheld when it covers fewer than the minimum group size and the viewer
    may not see every member's own value under ``individual``.
    """
    minimum: int = info.context.limits.min_group_size
    if len(members) >= minimum:
        return value
    for member in members:
        if not await may_see(info, individual, member):
            raise Suppressed(_where(info), len(members), minimum)
    return value


# -- mutations -----------------------------------------------------------------------------
MutationCheck = Callable[[FieldInfo, Mapping[str, Any]], Awaitable[None]]


def _entity_key(value: Any) -> Any:
    """The plain id inside a Relay global id (or the value itself)."""
    if not isinstance(value, str):
        return value
    try:
        return GlobalID.from_id(value).node_id
    except Exception:  # noqa: BLE001 - not a global id: a plain id
        return value


def _input_value(kwargs: Mapping[str, Any], *names: str) -> Any:
    """The first of ``names`` in the ``input`` argument (or among the arguments).

    The arguments are graphql-core's coerced values: dicts keyed by the GraphQL names.
    """
    for source in (kwargs.get("input"), kwargs):
        for name in names:
            value = source.get(name) if isinstance(source, Mapping) else getattr(source, name, None)
            if value is not None:
                return _entity_key(value)
    return None


def needs(*roles: Role) -> MutationCheck:
    """A check that passes for a viewer holding any of ``roles`` (or admin)."""

    async def check(info: FieldInfo, kwargs: Mapping[str, Any]) -> None:
        viewer: Viewer = info.context.viewer
        if viewer.system or viewer.has(Role.ADMIN, *roles):
            return
        allowed = ", ".join(sorted({*roles, Role.ADMIN}))
        raise Forbidden(f"{info.field_name}: needs the role {allowed}")

    return check


async def check_assessment(info: FieldInfo, kwargs: Mapping[str, Any]) -> None:
    """Self-assessment with source ``self``; a manager assesses reports with ``manager``."""
    viewer: Viewer = info.context.viewer
    if viewer.system or viewer.has(Role.ADMIN):
        return
    person = _input_value(kwargs, "person", "personId")
    raw_source = _input_value(kwargs, "source")
    source = str(getattr(raw_source, "value", raw_source)).lower()
    if viewer.is_self(person):
        if source == "self":
            return
        raise Forbidden(
            f"{info.field_name}: you may assess your own skills with source 'self' only"
        )
    if viewer.has(Role.MANAGER) and person is not None and person in await reports_of(info):
        if source == "manager":
            return
        raise Forbidden(f"{info.field_name}: a manager assesses reports with source 'manager' only")
    raise Forbidden(f"{info.field_name}: you may assess only yourself and people who report to you")


# Mutation name -> its check. A mutation not listed needs admin.
MUTATIONS: dict[str, MutationCheck] = {}


def register_mutations(checks: Mapping[str, MutationCheck]) -> None:
    """Add checks for mutations (by their GraphQL name)."""
    MUTATIONS.update(checks)


def self_or(field: str, *roles: Role) -> MutationCheck:
    """A check that passes when the input's ``field`` names the viewer, or for ``roles``."""

    async def check(info: FieldInfo, kwargs: Mapping[str, Any]) -> None:
        viewer: Viewer = info.context.viewer
        if viewer.system or viewer.has(Role.ADMIN, *roles):
            return
        if viewer.is_self(_input_value(kwargs, field)):
            return
        others = ", ".join(sorted({*roles, Role.ADMIN}))
        raise Forbidden(f"{info.field_name}: `{field}` must be you (or you need the role {others})")

    return check


async def check_curation(info: FieldInfo, kwargs: Mapping[str, Any]) -> None:
    """Only curators curate, and in their own name."""
    await needs(Role.CURATOR)(info, kwargs)
    viewer: Viewer = info.context.viewer
    if viewer.system or viewer.has(Role.ADMIN):
        return
    if not viewer.is_self(_input_value(kwargs, "curator")):
        raise Forbidden(f"{info.field_name}: a curator curates in their own name only")


register_mutations(
    {
        # people and organisation: hr
        "createPerson": needs(Role.HR),
        "updatePerson": needs(Role.HR),
        "deletePerson": needs(Role.HR),
        "createTeam": needs(Role.HR),
        "updateTeam": needs(Role.HR),
        "deleteTeam": needs(Role.HR),
        # goals: hr
        "createGoal": needs(Role.HR),
        "updateGoal": needs(Role.HR),
        "deleteGoal": needs(Role.HR),
        "createGoalRequirement": needs(Role.HR),
        "updateGoalRequirement": needs(Role.HR),
        "deleteGoalRequirement": needs(Role.HR),
        # the skills taxonomy and the content catalogue: learning (L&D) and curators
        "createSkill": needs(Role.LEARNING),
        "updateSkill": needs(Role.LEARNING),
        "deleteSkill": needs(Role.LEARNING),
        "createContent": needs(Role.LEARNING, Role.CURATOR),
        "updateContent": needs(Role.LEARNING, Role.CURATOR),
        "deleteContent": needs(Role.LEARNING, Role.CURATOR),
        # ties
        "assessSkill": check_assessment,
        "recordLearning": self_or("person", Role.LEARNING),
        "curateContent": check_curation,
        "uncurateContent": check_curation,
        "follow": self_or("follower"),
        "unfollow": self_or("follower"),
        "recordInteraction": self_or("from"),
        # analysis
        "runAnalysis": needs(Role.LEARNING),
        "runCommunityAnalysis": needs(Role.LEARNING),
    }
)


def _plain(value: Any) -> Any:
    """Mutation arguments as JSON-ready data (inputs, enums, ids, dates)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not _unset(getattr(value, f.name))
        }
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if not _unset(v)}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _unset(value: Any) -> bool:
    return type(value).__name__ == "UnsetType"


def _outcome(result: Any) -> str:
    definition = getattr(result, "__strawberry_definition__", None)
    return "ok" if definition is None else f"ok: {definition.name}"


# -- the extension -------------------------------------------------------------------------
class _Kind(enum.Enum):
    """How the extension handles a field, decided once per field of a schema."""

    PUBLIC = "public"
    MUTATION = "mutation"
    NAMED = "named"
    GUARDED = "guarded"


_Decision = tuple[_Kind, Any]
# (schema, type, field) -> decision: a large answer resolves thousands of fields, and the
# policy of a field does not change while the service runs.
_DECISIONS: dict[tuple[Any, str, str], _Decision] = {}


def _decide(info: ResolveInfo) -> _Decision:
    type_name = info.parent_type.name
    mutation = info.schema.mutation_type
    if mutation is not None and info.parent_type is mutation:
        return _Kind.MUTATION, None
    named = NAMED_ITEMS.get(f"{type_name}.{info.field_name}")
    if named is not None:
        return _Kind.NAMED, named
    rule = rule_for(type_name, info.field_name)
    if rule is Rule.PUBLIC:
        return _Kind.PUBLIC, None
    return _Kind.GUARDED, rule


class Authorization(SchemaExtension):
    """Apply :data:`POLICY` to every field and :data:`MUTATIONS` to every mutation."""

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: ResolveInfo,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if not info.context.viewer.roles:
            raise Forbidden("authentication required: send a bearer token")
        key = (info.schema, info.parent_type.name, info.field_name)
        decision = _DECISIONS.get(key)
        if decision is None:
            decision = _DECISIONS[key] = _decide(info)
        kind, detail = decision
        if kind is _Kind.PUBLIC:
            return _next(root, info, *args, **kwargs)
        if kind is _Kind.MUTATION:
            return self._mutate(_next, root, info, args, kwargs)
        if kind is _Kind.NAMED:
            return self._named(detail, _next, root, info, args, kwargs)
        return self._guarded(detail, _next, root, info, args, kwargs)

    async def _named(
        self,
        named: tuple[Rule, Callable[[Any], str | None]],
        _next: Callable[..., Any],
        root: Any,
        info: ResolveInfo,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        result = _next(root, info, *args, **kwargs)
        items = await result if inspect.isawaitable(result) else result
        rule, subject = named
        return [item for item in items if await may_see(info, rule, subject(item))]

    async def _guarded(
        self,
        rule: Rule | None,
        _next: Callable[..., Any],
        root: Any,
        info: ResolveInfo,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        subject = SUBJECTS.get(info.parent_type.name)
        person = subject(root) if subject is not None and root is not None else None
        at_root = info.parent_type is info.schema.query_type
        argument = QUERY_SUBJECTS.get(info.field_name)
        if argument is not None and at_root:
            person = _entity_key(kwargs.get(argument))
            if person is None:  # not about one person: about a team or the organisation
                rule = Rule.TEAM if info.field_name in TEAM_AGGREGATES else Rule.ORG
        if rule is Rule.TEAM and at_root:
            team_argument, individual = TEAM_AGGREGATES[info.field_name]
            team = _entity_key(kwargs.get(team_argument))
            if team is None:  # an organisation-wide question
                await require(info, Rule.ORG)
            else:
                await aggregate(info, None, await team_people(info, team), individual=individual)
        else:
            await require(info, Rule.ADMIN if rule is None else rule, person)
        result = _next(root, info, *args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    async def _mutate(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: ResolveInfo,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        context = info.context
        viewer: Viewer = context.viewer
        check = MUTATIONS.get(info.field_name, needs())
        outcome = "failed"
        try:
            try:
                await check(info, kwargs)
            except Forbidden:
                outcome = "refused"
                raise
            result = _next(root, info, *args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
            outcome = _outcome(result)
            return result
        finally:
            if not viewer.system:  # the API's writes; code in the service is not a client
                await self._record(info, viewer, kwargs, outcome)

    async def _record(
        self, info: ResolveInfo, viewer: Viewer, kwargs: dict[str, Any], outcome: str
    ) -> None:
        context = info.context
        entry = audit.Entry(
            actor=str(viewer.person_id),
            roles=sorted(viewer.roles),
            action=info.field_name,
            inputs=json.dumps(_plain(kwargs), sort_keys=True, default=str),
            outcome=outcome,
            request_id=context.request_id,
        )
        await audit.record(context.db, entry)
        log.info("%s %s by %s: %s", context.request_id, entry.action, viewer.describe(), outcome)


def unclassified(type_fields: Mapping[str, Collection[str]]) -> Iterator[str]:
    """``Type.field`` for each field that has no rule (the test of the policy uses it)."""
    for type_name, fields in type_fields.items():
        for field in fields:
            if type_name == "Mutation":
                if field not in MUTATIONS:
                    yield f"Mutation.{field}"
            elif rule_for(type_name, field) is None:
                yield f"{type_name}.{field}"
