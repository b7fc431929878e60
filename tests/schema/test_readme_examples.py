"""The README's API examples run without errors on the demo organisation."""

from __future__ import annotations

import re
from pathlib import Path

from graph.db import Database
from seeds import demo
from tests.org import run

README = Path(__file__).parent.parent.parent / "README.md"


def _examples() -> list[str]:
    text = README.read_text()
    start = text.index("## The GraphQL API")
    section = text[start : text.index("\n## ", start)]  # up to the next section
    return re.findall(r"```graphql\n(.*?)```", section, re.S)


async def test_readme_examples_answer(db: Database) -> None:
    examples = _examples()
    assert len(examples) == 4
    await demo.load(db, people=60)
    employee, manager, learning, learnt = [await run(db, q) for q in examples]
    assert employee["person"]["manager"] is not None
    assert employee["person"]["skills"]["nodes"]
    matrix = manager["team"]["skillMatrix"]
    assert matrix["totalCount"] > 0
    assert any(row["skills"] for row in matrix["nodes"])
    assert manager["team"]["goals"]["nodes"]
    assert learning["skills"]["totalCount"] > 0
    assert learning["contents"]["totalCount"] > 0
    assert learnt["recordLearning"]["completion"]["content"]["title"]
