"""The errors the database layer raises; driver exceptions never leave ``graph/``."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error the service raises on purpose."""


class DatabaseUnavailable(ServiceError):
    """The database cannot be reached (down, restarting, wrong address)."""


class DatabaseBusy(ServiceError):
    """The database answers but refused the work for now, through the driver's retries.

    The causes: too many queries at once, its query memory held by other queries, or a
    conflicting write. Retrying shortly may succeed; nothing was written.
    """


class DatabaseStartError(ServiceError):
    """The embedded database could not be started; the message names the cause."""


class DataDirError(ServiceError):
    """The data folder is missing, unusable, or not a skillgraph data folder."""


class AuthenticationFailed(ServiceError):
    """The database refused the configured user name or password."""


class NotFound(ServiceError):
    """A referenced entity does not exist."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key!r} does not exist")
        self.kind = kind
        self.key = key


class Duplicate(ServiceError):
    """A write would create a second entity with an id that is already taken."""

    def __init__(self, kind: str, key: str | None = None) -> None:
        what = f"{kind} {key!r}" if key else f"a {kind} with that id"
        super().__init__(f"{what} already exists")
        self.kind = kind
        self.key = key


class Refused(ServiceError):
    """A write refused because of its input; names the input field, why, and a ``code``.

    ``code`` is one of ``NOT_FOUND`` (a referenced entity does not exist), ``DUPLICATE`` (the
    id is taken), ``CYCLE`` (a manager or team chain would loop), ``IN_USE`` (other data still
    depends on the entity) and ``INVALID``.
    """

    def __init__(self, field: str, message: str, code: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.code = code
