"""The database schema as code: uniqueness constraints and indexes, applied idempotently.

They run at start-up and in the test fixtures. Every entity id is unique per label; the
indexes serve the lookups the API makes (names for text search, ESCO URIs for imports).
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database

CONSTRAINTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT team_id IF NOT EXISTS FOR (n:Team) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (n:Skill) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT content_id IF NOT EXISTS FOR (n:Content) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (n:AnalysisRun) REQUIRE n.id IS UNIQUE",
)

INDEXES: tuple[LiteralString, ...] = (
    "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
    "CREATE INDEX skill_name IF NOT EXISTS FOR (n:Skill) ON (n.name)",
    "CREATE INDEX skill_esco_uri IF NOT EXISTS FOR (n:Skill) ON (n.escoUri)",
    "CREATE INDEX team_name IF NOT EXISTS FOR (n:Team) ON (n.name)",
    "CREATE INDEX content_kind IF NOT EXISTS FOR (n:Content) ON (n.kind)",
)


async def apply_schema(db: Database) -> None:
    """Create every constraint and index that is missing (a no-op when all exist)."""
    for statement in (*CONSTRAINTS, *INDEXES):
        await db.write(statement)
