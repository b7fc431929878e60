"""The closed vocabulary of the graph: every node label and relationship type.

Cypher in ``graph/`` names only these (``tests/graph/test_cypher_safety.py`` checks every
query text against them), so no label or type can come from input. A new label or type is
added here and in ``MODEL.md`` first.
"""

from __future__ import annotations

import enum


class Label(enum.StrEnum):
    """Node labels."""

    PERSON = "Person"
    CURATOR = "Curator"
    TEAM = "Team"
    SKILL = "Skill"
    CONTENT = "Content"
    GOAL = "Goal"
    AUDIT_ENTRY = "AuditEntry"
    ANALYSIS_RUN = "AnalysisRun"


class Rel(enum.StrEnum):
    """Relationship types."""

    MEMBER_OF = "MEMBER_OF"
    PART_OF = "PART_OF"
    REPORTS_TO = "REPORTS_TO"
    BROADER = "BROADER"
    RELATED_TO = "RELATED_TO"
    HAS_SKILL = "HAS_SKILL"
    TEACHES = "TEACHES"
    CREATED = "CREATED"
    CURATES = "CURATES"
    COMPLETED = "COMPLETED"
    FOLLOWS = "FOLLOWS"
    COLLABORATES_WITH = "COLLABORATES_WITH"
    REQUIRES = "REQUIRES"
    COMMITTED_TO = "COMMITTED_TO"
    MEASURED = "MEASURED"
    CHAMPION = "CHAMPION"
