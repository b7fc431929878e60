"""The closed vocabularies of the model as GraphQL enums (stored as their lower-case values)."""

from __future__ import annotations

import enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=enum.Enum)


@strawberry.enum(description="What kind of learning content an item is.")
class ContentKind(enum.Enum):
    COURSE = "course"
    ARTICLE = "article"
    VIDEO = "video"
    PODCAST = "podcast"
    BOOK = "book"
    OTHER = "other"


@strawberry.enum(description="Where content comes from: curated, or made by a colleague.")
class ContentOrigin(enum.Enum):
    CURATED = "curated"
    USER_GENERATED = "user_generated"


@strawberry.enum(description="An objective that needs skills, or a learning-hours target.")
class GoalKind(enum.Enum):
    OBJECTIVE = "objective"
    LEARNING_HOURS = "learning_hours"


@strawberry.enum(description="Who assessed a skill level.")
class SkillSource(enum.Enum):
    SELF = "self"
    MANAGER = "manager"
    PEER = "peer"
    ASSESSMENT = "assessment"
    INFERRED = "inferred"


def parse(cls: type[E], value: object, default: E | None = None) -> E | None:
    """The member of ``cls`` stored as ``value`` (``default`` for a missing or unknown one)."""
    if value is None:
        return default
    try:
        return cls(value)
    except ValueError:
        return default
