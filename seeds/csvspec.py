"""The organisation CSV format (``docs/org-csv.md``) as data: files, columns and value types.

One table drives the importer's validation and the exporter's layout, so both follow the
same format. Values parse to plain Python (``str``, ``int``, ``float``, ``bool``, dates and
UTC datetimes) or to ``None`` when an optional column is empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LEVELS = (0, 5)
SOURCES = ("self", "manager", "peer", "assessment", "inferred")
CONTENT_KINDS = ("course", "article", "video", "podcast", "book", "other")
ORIGINS = ("curated", "user_generated")
GOAL_KINDS = ("objective", "learning_hours")
EXTRA_PREFIX = "x_"


class Invalid(ValueError):
    """A value that does not fit its column; the message is the reason."""


@dataclass(frozen=True)
class Column:
    """One column: its name, how its values parse, and what an id in it refers to."""

    name: str
    parse: Callable[[str], Any]
    required: bool = False
    ref: str | None = None
    """The kind of entity an id in this column names (``Person``, ``Team``, ...)."""
    default: Any = None


@dataclass(frozen=True)
class FileSpec:
    """One file of the format."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    """Columns that identify a row; two rows with one key must agree (see ``multi``)."""
    defines: str | None = None
    """The kind of entity the file's ``id`` column defines."""
    multi: str | None = None
    """A column that may take several values for one key (one row each)."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def text(value: str) -> str:
    """Any text (surrounding spaces removed)."""
    return value.strip()


def integer(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An integer, optionally within ``low``-``high``."""

    def parse(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise Invalid(f"not a whole number: {value!r}") from None
        if (low is not None and number < low) or (high is not None and number > high):
            bounds = f"{low}-{high}" if high is not None else f"{low} or more"
            raise Invalid(f"{number} is out of range ({bounds})")
        return number

    return parse


def number(value: str) -> float:
    """A non-negative number."""
    try:
        result = float(value.strip())
    except ValueError:
        raise Invalid(f"not a number: {value!r}") from None
    if result < 0 or result != result or result == float("inf"):
        raise Invalid(f"{value.strip()} is not a non-negative finite number")
    return result


def boolean(value: str) -> bool:
    """``true`` or ``false``."""
    lowered = value.strip().lower()
    if lowered not in ("true", "false"):
        raise Invalid(f"not true or false: {value!r}")
    return lowered == "true"


def choice(*options: str) -> Callable[[str], str]:
    """One of ``options``."""

    def parse(value: str) -> str:
        if value.strip() not in options:
            raise Invalid(f"{value.strip()!r} is not one of {', '.join(options)}")
        return value.strip()

    return parse


def date(value: str) -> dt.date:
    """An ISO 8601 date (``2026-03-01``)."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid(f"not an ISO 8601 date (YYYY-MM-DD): {value!r}") from None


def datetime(value: str) -> dt.datetime:
    """An ISO 8601 date or date-time; no zone means UTC; stored in UTC."""
    raw = value.strip()
    try:
        if len(raw) == 10:
            parsed = dt.datetime.combine(dt.date.fromisoformat(raw), dt.time())
        else:
            parsed = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise Invalid(f"not an ISO 8601 date or date-time: {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def format_value(value: Any) -> str:
    """A value as the exporter writes it (the importer reads it back unchanged)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        utc = value.astimezone(dt.UTC) if value.tzinfo else value
        return utc.replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _c(name: str, parse: Callable[[str], Any], **kw: Any) -> Column:
    return Column(name, parse, **kw)


LEVEL = integer(*LEVELS)
FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "teams.csv",
        (
            _c("id", text, required=True),
            _c("name", text, required=True),
            _c("parent_id", text, ref="Team"),
        ),
        key=("id",),
        defines="Team",
    ),
    FileSpec(
        "people.csv",
        (
            _c("id", text, required=True),
            _c("name", text, required=True),
            _c("email", text),
            _c("title", text),
            _c("team_id", text, ref="Team"),
            _c("manager_id", text, ref="Person"),
            _c("is_curator", boolean, default=False),
        ),
        key=("id",),
        defines="Person",
    ),
    FileSpec(
        "skills.csv",
        (
            _c("id", text, required=True),
            _c("name", text, required=True),
            _c("description", text),
            _c("category", text),
            _c("esco_uri", text),
            _c("broader_id", text, ref="Skill"),
        ),
        key=("id",),
        defines="Skill",
        multi="broader_id",
    ),
    FileSpec(
        "person_skills.csv",
        (
            _c("person_id", text, required=True, ref="Person"),
            _c("skill_id", text, required=True, ref="Skill"),
            _c("level", LEVEL, required=True),
            _c("source", choice(*SOURCES), default="self"),
            _c("assessed_at", datetime),
        ),
        key=("person_id", "skill_id"),
    ),
    FileSpec(
        "content.csv",
        (
            _c("id", text, required=True),
            _c("title", text, required=True),
            _c("kind", choice(*CONTENT_KINDS), required=True),
            _c("url", text),
            _c("minutes", integer(0)),
            _c("origin", choice(*ORIGINS)),
            _c("created_by", text, ref="Person"),
            _c("created_at", datetime),
        ),
        key=("id",),
        defines="Content",
    ),
    FileSpec(
        "content_skills.csv",
        (
            _c("content_id", text, required=True, ref="Content"),
            _c("skill_id", text, required=True, ref="Skill"),
            _c("level", LEVEL),
        ),
        key=("content_id", "skill_id"),
    ),
    FileSpec(
        "curations.csv",
        (
            _c("curator_id", text, required=True, ref="Curator"),
            _c("content_id", text, required=True, ref="Content"),
            _c("curated_at", datetime),
            _c("note", text),
        ),
        key=("curator_id", "content_id"),
    ),
    FileSpec(
        "completions.csv",
        (
            _c("person_id", text, required=True, ref="Person"),
            _c("content_id", text, required=True, ref="Content"),
            _c("completed_at", datetime, required=True),
            _c("minutes", integer(0)),
            _c("rating", integer(1, 5)),
        ),
        key=("person_id", "content_id"),
    ),
    FileSpec(
        "follows.csv",
        (
            _c("follower_id", text, required=True, ref="Person"),
            _c("followee_id", text, required=True, ref="Person"),
            _c("since", datetime),
        ),
        key=("follower_id", "followee_id"),
    ),
    FileSpec(
        "interactions.csv",
        (
            _c("source_id", text, required=True, ref="Person"),
            _c("target_id", text, required=True, ref="Person"),
            _c("weight", number, default=1.0),
            _c("kind", text),
            _c("at", datetime),
        ),
        key=("source_id", "target_id"),
    ),
    FileSpec(
        "goals.csv",
        (
            _c("id", text, required=True),
            _c("title", text, required=True),
            _c("kind", choice(*GOAL_KINDS), required=True),
            _c("description", text),
            _c("due", date),
            _c("target_hours_per_person", number),
            _c("owner_team_id", text, ref="Team"),
        ),
        key=("id",),
        defines="Goal",
    ),
    FileSpec(
        "goal_requirements.csv",
        (
            _c("goal_id", text, required=True, ref="Goal"),
            _c("skill_id", text, required=True, ref="Skill"),
            _c("level", LEVEL, required=True),
            _c("headcount", integer(1), default=1),
            _c("critical", boolean, default=False),
        ),
        key=("goal_id", "skill_id"),
    ),
    FileSpec(
        "goal_teams.csv",
        (
            _c("goal_id", text, required=True, ref="Goal"),
            _c("team_id", text, required=True, ref="Team"),
        ),
        key=("goal_id", "team_id"),
    ),
)
BY_NAME = {f.name: f for f in FILES}
REQUIRED_FILES = ("people.csv",)
