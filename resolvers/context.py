"""The per-request context: the database and the request's DataLoaders."""

from __future__ import annotations

from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph.db import Database

L = TypeVar("L", bound=DataLoader[Any, Any])


class Context:
    """What every resolver sees as ``info.context``.

    Loaders are created on first use and live for one request, so their caches never
    leak data between requests (or users).
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._loaders: dict[type[Any], Any] = {}

    def loader(self, cls: type[L]) -> L:
        """The request's instance of the loader class ``cls`` (``cls(db)``)."""
        found = self._loaders.get(cls)
        if found is None:
            found = self._loaders[cls] = cls(self.db)  # type: ignore[call-overload]
        return found  # type: ignore[no-any-return]
