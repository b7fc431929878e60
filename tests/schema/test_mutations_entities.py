"""Create, update and delete mutations: validated, typed errors, and atomic."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.relay import GlobalID

from graph.db import Database
from tests.org import load_org, run, snapshot

ERRORS = "... on InputErrors { errors { field message code } }"


async def _refused(db: Database, mutation: str, input: dict[str, Any]) -> list[dict[str, str]]:
    """Run a mutation that must be refused; check it changed nothing; return its errors."""
    before = await snapshot(db)
    data = await run(
        db,
        f"mutation($input: {input.pop('__type')}!)"
        f" {{ r: {mutation}(input: $input) {{ {ERRORS} }} }}",
        input=input,
    )
    assert await snapshot(db) == before
    errors: list[dict[str, str]] = data["r"]["errors"]
    return errors


async def test_create_person_with_team_manager_and_role(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """mutation($input: CreatePersonInput!) { createPerson(input: $input) {
          __typename ... on PersonPayload { person { key name email isCurator
            team { key } manager { key } } } } }""",
        input={
            "key": "f",
            "name": "Femi Fischer",
            "email": "femi@example.org",
            "team": str(GlobalID("Team", "t2")),
            "manager": "c",
            "curator": True,
        },
    )
    assert data["createPerson"] == {
        "__typename": "PersonPayload",
        "person": {
            "key": "f",
            "name": "Femi Fischer",
            "email": "femi@example.org",
            "isCurator": True,
            "team": {"key": "t2"},
            "manager": {"key": "c"},
        },
    }
    team = await run(db, '{ team(id: "t2") { members { nodes { key } } } }')
    assert team == {"team": {"members": {"nodes": [{"key": "c"}, {"key": "e"}, {"key": "f"}]}}}


@pytest.mark.parametrize(
    ("input", "errors"),
    [
        (
            {"key": "a", "name": "Again"},
            [{"field": "key", "message": "person 'a' already exists", "code": "DUPLICATE"}],
        ),
        (
            {"key": "f", "name": " ", "email": "nope"},
            [
                {"field": "name", "message": "name must not be blank", "code": "INVALID"},
                {"field": "email", "message": "email is not an e-mail address", "code": "INVALID"},
            ],
        ),
        (
            {"key": "f", "name": "Femi", "team": "t1", "manager": "ghost"},
            [{"field": "manager", "message": "person 'ghost' does not exist", "code": "NOT_FOUND"}],
        ),
        (
            {"key": "f g", "name": "Femi", "team": "nowhere"},
            [{"field": "key", "message": "key must not contain spaces", "code": "INVALID"}],
        ),
    ],
)
async def test_create_person_refusals(
    db: Database, input: dict[str, Any], errors: list[dict[str, str]]
) -> None:
    await load_org(db)
    assert await _refused(db, "createPerson", {"__type": "CreatePersonInput", **input}) == errors


async def test_update_person_patches_only_what_is_given(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """mutation { updatePerson(input: {id: "b", title: null, team: "t2", manager: "c"}) {
          ... on PersonPayload { person { name email title team { key } manager { key } } } } }""",
    )
    assert data["updatePerson"]["person"] == {
        "name": "Ben Berg",
        "email": None,
        "title": None,
        "team": {"key": "t2"},
        "manager": {"key": "c"},
    }
    cleared = await run(
        db,
        """mutation { updatePerson(input: {id: "b", manager: null, curator: true}) {
          ... on PersonPayload { person { manager { key } isCurator team { key } } } } }""",
    )
    assert cleared["updatePerson"]["person"] == {
        "manager": None,
        "isCurator": True,
        "team": {"key": "t2"},
    }


async def test_manager_cycles_are_refused_and_nothing_changes(db: Database) -> None:
    await load_org(db)
    # e reports to c, c reports to a: a under e closes a loop; the new name is not kept.
    errors = await _refused(
        db,
        "updatePerson",
        {"__type": "UpdatePersonInput", "id": "a", "name": "Renamed", "manager": "e"},
    )
    assert errors == [
        {
            "field": "manager",
            "message": "'e' reports to 'a' (directly or not): a manager cycle",
            "code": "CYCLE",
        }
    ]
    itself = await _refused(
        db, "updatePerson", {"__type": "UpdatePersonInput", "id": "b", "manager": "b"}
    )
    assert [e["code"] for e in itself] == ["CYCLE"]


async def test_delete_person(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        'mutation { deletePerson(input: {id: "e"}) { ... on DeletePayload { deletedId key } } }',
    )
    assert data["deletePerson"] == {"deletedId": str(GlobalID("Person", "e")), "key": "e"}
    assert await run(db, '{ person(id: "e") { key } }') == {"person": None}
    again = await _refused(db, "deletePerson", {"__type": "DeleteInput", "id": "e"})
    assert again == [{"field": "id", "message": "person 'e' does not exist", "code": "NOT_FOUND"}]


async def test_teams_move_but_never_under_themselves(db: Database) -> None:
    await load_org(db)
    created = await run(
        db,
        """mutation { createTeam(input: {key: "t3", name: "Infra", parent: "t1"}) {
          ... on TeamPayload { team { key parent { key } } } } }""",
    )
    assert created["createTeam"] == {"team": {"key": "t3", "parent": {"key": "t1"}}}
    errors = await _refused(
        db, "updateTeam", {"__type": "UpdateTeamInput", "id": "div", "parent": "t3"}
    )
    assert errors == [
        {"field": "parent", "message": "team 't3' is part of 'div': a team cycle", "code": "CYCLE"}
    ]
    moved = await run(
        db,
        """mutation { updateTeam(input: {id: "t3", name: "Infrastructure", parent: null}) {
          ... on TeamPayload { team { name parent { key } } } } }""",
    )
    assert moved["updateTeam"] == {"team": {"name": "Infrastructure", "parent": None}}


async def test_a_team_in_use_is_not_deleted(db: Database) -> None:
    await load_org(db)
    errors = await _refused(db, "deleteTeam", {"__type": "DeleteInput", "id": "div"})
    assert errors == [
        {
            "field": "id",
            "message": "team 'div' still has 1 members and 2 sub-teams; move them first",
            "code": "IN_USE",
        }
    ]
    await run(db, 'mutation { createTeam(input: {key: "empty", name: "Empty"}) { __typename } }')
    data = await run(db, 'mutation { deleteTeam(input: {id: "empty"}) { __typename } }')
    assert data == {"deleteTeam": {"__typename": "DeletePayload"}}


async def test_skills_with_alt_labels_and_taxonomy(db: Database) -> None:
    await load_org(db)
    created = await run(
        db,
        """mutation { createSkill(input: {key: "django", name: "Django",
          altLabels: ["django framework"], broader: ["py"]}) {
          ... on SkillPayload { skill { key altLabels
            broader(allLevels: true) { nodes { key } } } } } }""",
    )
    assert created["createSkill"] == {
        "skill": {
            "key": "django",
            "altLabels": ["django framework"],
            "broader": {"nodes": [{"key": "prog"}, {"key": "py"}]},
        }
    }
    found = await run(db, '{ skills(search: "FRAMEWORK") { nodes { key } } }')
    assert found == {"skills": {"nodes": [{"key": "django"}]}}
    errors = await _refused(
        db,
        "updateSkill",
        {"__type": "UpdateSkillInput", "id": "prog", "broader": ["sql", "django"]},
    )
    assert errors == [
        {
            "field": "broader[1]",
            "message": "skill 'django' is narrower than 'prog': a taxonomy cycle",
            "code": "CYCLE",
        }
    ]
    updated = await run(
        db,
        """mutation { updateSkill(input: {id: "django", description: "web", broader: []}) {
          ... on SkillPayload { skill { description broader { totalCount } } } } }""",
    )
    assert updated["updateSkill"] == {"skill": {"description": "web", "broader": {"totalCount": 0}}}
    await run(db, 'mutation { deleteSkill(input: {id: "django"}) { __typename } }')
    assert await run(db, '{ skill(id: "django") { key } }') == {"skill": None}


async def test_content_create_update_delete(db: Database) -> None:
    await load_org(db)
    created = await run(
        db,
        """mutation { createContent(input: {key: "c9", title: "Go tips", kind: ARTICLE,
          url: "https://wiki.example.org/go", minutes: 15, creators: ["c", "e"],
          skills: [{skill: "go", level: 2}]}) {
          ... on ContentPayload { content { key origin kind minutes
            skills { nodes { level skill { key } } } creators { nodes { key } } } } } }""",
    )
    assert created["createContent"] == {
        "content": {
            "key": "c9",
            "origin": "USER_GENERATED",
            "kind": "ARTICLE",
            "minutes": 15,
            "skills": {"nodes": [{"level": 2, "skill": {"key": "go"}}]},
            "creators": {"nodes": [{"key": "c"}, {"key": "e"}]},
        }
    }
    created_at = await db.read("MATCH (c:Content {id: 'c9'}) RETURN c.createdAt IS NOT NULL AS ok")
    assert created_at == [{"ok": True}]
    updated = await run(
        db,
        """mutation { updateContent(input: {id: "c9", kind: VIDEO, url: null,
          skills: [{skill: "py", level: 1}, {skill: "go", level: 3}]}) {
          ... on ContentPayload { content { kind url
            skills { nodes { level skill { key } } } } } } }""",
    )
    assert updated["updateContent"] == {
        "content": {
            "kind": "VIDEO",
            "url": None,
            "skills": {
                "nodes": [
                    {"level": 3, "skill": {"key": "go"}},
                    {"level": 1, "skill": {"key": "py"}},
                ]
            },
        }
    }
    await run(db, 'mutation { deleteContent(input: {id: "c9"}) { __typename } }')
    assert await run(db, '{ content(id: "c9") { key } }') == {"content": None}


async def test_content_refusals(db: Database) -> None:
    await load_org(db)
    errors = await _refused(
        db,
        "createContent",
        {
            "__type": "CreateContentInput",
            "key": "c9",
            "title": "x",
            "kind": "BOOK",
            "url": "ftp://x",
            "minutes": 0,
            "skills": [{"skill": "py", "level": 6}],
        },
    )
    assert errors == [
        {
            "field": "url",
            "message": "url must be an http:// or https:// address",
            "code": "INVALID",
        },
        {
            "field": "minutes",
            "message": "minutes must be between 1 and 100000, got 0",
            "code": "OUT_OF_RANGE",
        },
        {
            "field": "skills[0].level",
            "message": "skills[0].level must be between 0 and 5, got 6",
            "code": "OUT_OF_RANGE",
        },
        {
            "field": "creators",
            "message": "user-generated content needs at least one creator",
            "code": "INVALID",
        },
    ]
    missing = await _refused(
        db,
        "createContent",
        {
            "__type": "CreateContentInput",
            "key": "c9",
            "title": "x",
            "kind": "BOOK",
            "origin": "CURATED",
            "skills": [{"skill": "py"}, {"skill": "rust"}],
        },
    )
    assert missing == [
        {"field": "skills[1].skill", "message": "skill 'rust' does not exist", "code": "NOT_FOUND"}
    ]


async def test_goals_and_requirements(db: Database) -> None:
    await load_org(db)
    created = await run(
        db,
        """mutation { createGoal(input: {key: "g3", title: "Data", kind: OBJECTIVE,
          due: "2027-06-30", teams: ["t2"]}) {
          ... on GoalPayload { goal { key due kind teams { nodes { key } } } } } }""",
    )
    assert created["createGoal"] == {
        "goal": {
            "key": "g3",
            "due": "2027-06-30",
            "kind": "OBJECTIVE",
            "teams": {"nodes": [{"key": "t2"}]},
        }
    }
    required = await run(
        db,
        """mutation { createGoalRequirement(input: {goal: "g3", skill: "sql", level: 4,
          headcount: 3}) { ... on GoalRequirementPayload { requirement {
            level headcount critical goal { key } skill { key } } } } }""",
    )
    assert required["createGoalRequirement"] == {
        "requirement": {
            "level": 4,
            "headcount": 3,
            "critical": False,
            "goal": {"key": "g3"},
            "skill": {"key": "sql"},
        }
    }
    duplicate = await _refused(
        db,
        "createGoalRequirement",
        {"__type": "CreateGoalRequirementInput", "goal": "g3", "skill": "sql", "level": 2},
    )
    assert duplicate == [
        {"field": "skill", "message": "goal 'g3' already requires skill 'sql'", "code": "DUPLICATE"}
    ]
    changed = await run(
        db,
        """mutation { updateGoalRequirement(input: {goal: "g3", skill: "sql", critical: true}) {
          ... on GoalRequirementPayload { requirement { level critical } } } }""",
    )
    assert changed["updateGoalRequirement"] == {"requirement": {"level": 4, "critical": True}}
    dropped = await run(
        db,
        """mutation { deleteGoalRequirement(input: {goal: "g3", skill: "sql"}) {
          ... on DeleteGoalRequirementPayload { skillKey
            goal { requirements { totalCount } } } } }""",
    )
    assert dropped["deleteGoalRequirement"] == {
        "skillKey": "sql",
        "goal": {"requirements": {"totalCount": 0}},
    }
    gone = await _refused(
        db,
        "updateGoalRequirement",
        {"__type": "UpdateGoalRequirementInput", "goal": "g3", "skill": "sql", "level": 9},
    )
    assert gone == [
        {
            "field": "level",
            "message": "level must be between 0 and 5, got 9",
            "code": "OUT_OF_RANGE",
        }
    ]
    hours = await _refused(
        db,
        "createGoal",
        {"__type": "CreateGoalInput", "key": "g4", "title": "Hours", "kind": "LEARNING_HOURS"},
    )
    assert hours == [
        {
            "field": "targetHoursPerPerson",
            "message": "a learning-hours goal needs targetHoursPerPerson",
            "code": "INVALID",
        }
    ]
    updated = await run(
        db,
        """mutation { updateGoal(input: {id: "g3", description: "all data", teams: []}) {
          ... on GoalPayload { goal { description teams { totalCount } } } } }""",
    )
    assert updated["updateGoal"] == {
        "goal": {"description": "all data", "teams": {"totalCount": 0}}
    }
    await run(db, 'mutation { deleteGoal(input: {id: "g3"}) { __typename } }')
    assert await run(db, '{ goal(id: "g3") { key } }') == {"goal": None}
