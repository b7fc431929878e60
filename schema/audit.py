"""The audit trail of writes, for admins: ``auditLog``."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

import strawberry

from graph import audit
from resolvers.context import Context
from schema.pagination import Connection, connection, page_args

Info = strawberry.Info[Context, None]


@strawberry.type(description="One write made through the API: who, what, when and how it ended.")
class AuditEntry:
    id: strawberry.ID
    at: dt.datetime
    actor: str = strawberry.field(description="The person id of the token ('system' for jobs).")
    roles: list[str]
    action: str = strawberry.field(description="The mutation called.")
    inputs: str = strawberry.field(description="Its arguments, as JSON.")
    outcome: str = strawberry.field(description="ok (with the payload type), refused or failed.")
    request_id: str

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            id=strawberry.ID(r["id"]),
            at=r["at"],
            actor=r["actor"],
            roles=list(r.get("roles") or []),
            action=r["action"],
            inputs=r["inputs"],
            outcome=r["outcome"],
            request_id=r.get("requestId") or "",
        )


@strawberry.type
class Query:
    @strawberry.field(description="Writes made through the API, newest first (admin only).")
    async def audit_log(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        actor: str | None = None,
        action: str | None = None,
    ) -> Connection[AuditEntry] | None:
        page = page_args(first, after)
        rows, total = await audit.page(
            info.context.db, limit=page.limit, after=page.after, actor=actor, action=action
        )
        return connection(rows, page, total, AuditEntry.from_record, lambda r: r["id"])
