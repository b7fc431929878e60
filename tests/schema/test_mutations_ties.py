"""Tie mutations: assess, learn, curate, follow, interact; validated and atomic."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import Database
from tests.org import load_org, run, snapshot

ERRORS = "... on InputErrors { errors { field message code } }"


async def _refused(db: Database, mutation: str, kind: str, **input: Any) -> list[dict[str, str]]:
    before = await snapshot(db)
    data = await run(
        db,
        f"mutation($input: {kind}!) {{ r: {mutation}(input: $input) {{ {ERRORS} }} }}",
        input=input,
    )
    assert await snapshot(db) == before
    errors: list[dict[str, str]] = data["r"]["errors"]
    return errors


async def test_assess_skill_replaces_the_level(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """mutation { assessSkill(input: {person: "b", skill: "py", level: 4, source: MANAGER,
          assessedAt: "2026-04-01T10:00:00+02:00"}) {
          ... on AssessSkillPayload { personSkill { level source assessedAt
            person { key } skill { key } } } } }""",
    )
    assert data["assessSkill"] == {
        "personSkill": {
            "level": 4,
            "source": "MANAGER",
            "assessedAt": "2026-04-01T08:00:00+00:00",
            "person": {"key": "b"},
            "skill": {"key": "py"},
        }
    }
    held = await run(db, '{ person(id: "b") { skills { totalCount nodes { level } } } }')
    assert held == {"person": {"skills": {"totalCount": 1, "nodes": [{"level": 4}]}}}


@pytest.mark.parametrize(
    ("input", "errors"),
    [
        (
            {"person": "b", "skill": "py", "level": 6},
            [
                {
                    "field": "level",
                    "message": "level must be between 0 and 5, got 6",
                    "code": "OUT_OF_RANGE",
                }
            ],
        ),
        (
            {"person": "b", "skill": "cobol", "level": 2},
            [{"field": "skill", "message": "skill 'cobol' does not exist", "code": "NOT_FOUND"}],
        ),
        (
            {"person": "b", "skill": "py", "level": 2, "assessedAt": "2999-01-01T00:00:00Z"},
            [
                {
                    "field": "assessedAt",
                    "message": "assessedAt lies in the future",
                    "code": "INVALID",
                }
            ],
        ),
    ],
)
async def test_assess_skill_refusals(
    db: Database, input: dict[str, Any], errors: list[dict[str, str]]
) -> None:
    await load_org(db)
    assert await _refused(db, "assessSkill", "AssessSkillInput", **input) == errors


async def test_learning_adds_up_minutes(db: Database) -> None:
    await load_org(db)
    query = """mutation($input: RecordLearningInput!) { recordLearning(input: $input) {
      ... on RecordLearningPayload { completion { minutes rating at content { key } } } } }"""
    first = await run(
        db,
        query,
        input={"person": "d", "content": "c2", "minutes": 20, "at": "2026-05-01T08:00:00Z"},
    )
    assert first["recordLearning"] == {
        "completion": {
            "minutes": 20,
            "rating": None,
            "at": "2026-05-01T08:00:00+00:00",
            "content": {"key": "c2"},
        }
    }
    again = await run(
        db,
        query,
        input={
            "person": "d",
            "content": "c2",
            "minutes": 15,
            "rating": 5,
            "at": "2026-04-01T08:00:00Z",
        },
    )
    # An earlier record adds its minutes but keeps the latest time.
    assert again["recordLearning"]["completion"] == {
        "minutes": 35,
        "rating": 5,
        "at": "2026-05-01T08:00:00+00:00",
        "content": {"key": "c2"},
    }


async def test_learning_refusals(db: Database) -> None:
    await load_org(db)
    errors = await _refused(
        db,
        "recordLearning",
        "RecordLearningInput",
        person="d",
        content="c2",
        minutes=1441,
        rating=0,
    )
    assert errors == [
        {
            "field": "minutes",
            "message": "minutes must be between 1 and 1440, got 1441",
            "code": "OUT_OF_RANGE",
        },
        {
            "field": "rating",
            "message": "rating must be between 1 and 5, got 0",
            "code": "OUT_OF_RANGE",
        },
    ]
    missing = await _refused(
        db, "recordLearning", "RecordLearningInput", person="ghost", content="c2", minutes=10
    )
    assert missing == [
        {"field": "person", "message": "person 'ghost' does not exist", "code": "NOT_FOUND"}
    ]


async def test_curating_makes_a_curator(db: Database) -> None:
    await load_org(db)
    data = await run(
        db,
        """mutation { curateContent(input: {curator: "d", content: "c3", note: "handy"}) {
          ... on CurateContentPayload { curation { note curator { key } content { key } } } } }""",
    )
    assert data["curateContent"] == {
        "curation": {"note": "handy", "curator": {"key": "d"}, "content": {"key": "c3"}}
    }
    after = await run(db, '{ curators { nodes { key } } person(id: "d") { isCurator } }')
    assert after == {
        "curators": {"nodes": [{"key": "a"}, {"key": "d"}]},
        "person": {"isCurator": True},
    }
    missing = await _refused(db, "curateContent", "CurateContentInput", curator="d", content="zz")
    assert missing == [
        {"field": "content", "message": "content 'zz' does not exist", "code": "NOT_FOUND"}
    ]


async def test_follow_and_unfollow(db: Database) -> None:
    await load_org(db)
    query = """mutation($input: FollowInput!) { follow(input: $input) {
      ... on FollowPayload { follower { key } followee { key followers { totalCount } } } } }"""
    data = await run(db, query, input={"follower": "d", "followee": "a"})
    assert data["follow"] == {
        "follower": {"key": "d"},
        "followee": {"key": "a", "followers": {"totalCount": 3}},
    }
    twice = await run(db, query, input={"follower": "d", "followee": "a"})
    assert twice["follow"]["followee"]["followers"] == {"totalCount": 3}
    gone = await run(
        db,
        """mutation { unfollow(input: {follower: "d", followee: "a"}) {
          ... on FollowPayload { followee { followers { totalCount } } } } }""",
    )
    assert gone["unfollow"] == {"followee": {"followers": {"totalCount": 2}}}
    errors = await _refused(db, "follow", "FollowInput", follower="d", followee="d")
    assert errors == [
        {"field": "followee", "message": "a person cannot follow themselves", "code": "INVALID"}
    ]


async def test_interactions_add_up(db: Database) -> None:
    await load_org(db)
    query = """mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) {
      ... on RecordInteractionPayload { from { key } to { key } weight kind lastAt } } }"""
    data = await run(
        db, query, input={"from": "a", "to": "b", "weight": 2.5, "at": "2026-06-01T12:00:00Z"}
    )
    assert data["recordInteraction"] == {
        "from": {"key": "a"},
        "to": {"key": "b"},
        "weight": 5.5,
        "kind": "meeting",
        "lastAt": "2026-06-01T12:00:00+00:00",
    }
    fresh = await run(db, query, input={"from": "d", "to": "e", "kind": "review"})
    assert fresh["recordInteraction"]["weight"] == 1.0
    assert fresh["recordInteraction"]["kind"] == "review"
    ties = await run(
        db, '{ person(id: "a") { collaborators { nodes { weight person { key } } } } }'
    )
    assert ties["person"]["collaborators"]["nodes"][0] == {"weight": 7.5, "person": {"key": "b"}}
    errors = await _refused(
        db, "recordInteraction", "RecordInteractionInput", to="a", weight=0, **{"from": "a"}
    )
    assert errors == [
        {"field": "to", "message": "an interaction needs two different people", "code": "INVALID"},
        {
            "field": "weight",
            "message": "weight must be above 0 and at most 1000",
            "code": "OUT_OF_RANGE",
        },
    ]
