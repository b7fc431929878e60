"""Typed mutation errors: what was wrong with which input field, with a machine-readable code.

A mutation returns a union of its payload and :class:`InputErrors`. Input checks run first
and report every problem at once; what only the database can tell (a missing reference, a
taken id, a cycle) comes back as one error, and the graph is then unchanged.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import strawberry

from graph.errors import Refused

T = TypeVar("T")


@strawberry.enum(description="Why an input was refused.")
class ErrorCode(enum.Enum):
    INVALID = "INVALID"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    CYCLE = "CYCLE"
    IN_USE = "IN_USE"


@strawberry.type(description="One refused input: the field (a path in `input`), why and a code.")
class InputError:
    field: str
    message: str
    code: ErrorCode


@strawberry.type(description="The mutation changed nothing: these inputs were refused.")
class InputErrors:
    errors: list[InputError]


_URL = re.compile(r"^https?://\S+$")


@dataclass
class Checks:
    """Collects the problems of one input."""

    errors: list[InputError] = field(default_factory=list)

    def add(self, name: str, message: str, code: ErrorCode = ErrorCode.INVALID) -> None:
        """Record a problem with field ``name``."""
        self.errors.append(InputError(field=name, message=message, code=code))

    def text(
        self, name: str, value: str | None, *, required: bool = True, limit: int = 500
    ) -> None:
        """``value`` is not blank (when required) and at most ``limit`` characters."""
        if value is None:
            return
        if required and not value.strip():
            self.add(name, f"{name} must not be blank")
        elif len(value) > limit:
            self.add(name, f"{name} is longer than {limit} characters", ErrorCode.OUT_OF_RANGE)

    def between(self, name: str, value: float | None, low: float, high: float) -> None:
        """``value`` lies in ``low..high`` (when given)."""
        if value is not None and not low <= value <= high:
            self.add(
                name,
                f"{name} must be between {low:g} and {high:g}, got {value:g}",
                ErrorCode.OUT_OF_RANGE,
            )

    def url(self, name: str, value: str | None) -> None:
        """``value`` is an http(s) address (when given)."""
        if value is not None and not _URL.match(value):
            self.add(name, f"{name} must be an http:// or https:// address")

    def email(self, name: str, value: str | None) -> None:
        """``value`` looks like an e-mail address (when given)."""
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            self.add(name, f"{name} is not an e-mail address")


async def attempt(checks: Checks, write: Callable[[], Awaitable[T]]) -> T | InputErrors:
    """The payload of ``write()``, or the input errors (and then nothing is written)."""
    if checks.errors:
        return InputErrors(errors=checks.errors)
    try:
        return await write()
    except Refused as e:
        return InputErrors(
            errors=[InputError(field=e.field, message=e.message, code=ErrorCode(e.code))]
        )
