"""The per-request context: the database, the viewer, the limits and the DataLoaders."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph.db import Database
from skillgraph.auth import Viewer
from skillgraph.limits import Limits

L = TypeVar("L", bound=DataLoader[Any, Any])


class Context:
    """What every resolver sees as ``info.context``.

    Loaders are created on first use and live for one request, so their caches never
    leak data between requests (or users).

    ``viewer`` is who asks. HTTP requests always pass the viewer of their verified token;
    only code that builds a context itself (commands, jobs, tests executing the schema
    directly) may leave it out and act as the system viewer, which may see everything.
    """

    def __init__(
        self,
        db: Database,
        viewer: Viewer | None = None,
        *,
        limits: Limits | None = None,
        request_id: str | None = None,
    ) -> None:
        self.db = db
        self.viewer = viewer if viewer is not None else Viewer.system_viewer()
        self.limits = limits or Limits()
        self.request_id = request_id or uuid.uuid4().hex[:16]
        self._loaders: dict[type[Any], Any] = {}
        self.cache: dict[str, Any] = {}

    def loader(self, cls: type[L]) -> L:
        """The request's instance of the loader class ``cls`` (``cls(db)``)."""
        found = self._loaders.get(cls)
        if found is None:
            found = self._loaders[cls] = cls(self.db)  # type: ignore[call-overload]
        return found  # type: ignore[no-any-return]
