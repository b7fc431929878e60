from __future__ import annotations

from graph.db import Database
from graph.projection import build_ties, project
from tests.analysis import org


async def test_projection_reads_people_ties_skills_and_learning(db: Database) -> None:
    await org.build(db)
    projected = await project(db)
    G = projected.ties
    assert sorted(G.nodes) == ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4", "c1", "c2", "c3"]
    assert G.number_of_edges() == 6 + 6 + 3 + 2
    assert G.nodes["a2"] == {
        "team": "A",
        "manager": False,
        "curator": True,
        "followers": 3,
        "created": 0,
        "curated": 1,
    }
    assert G.nodes["a1"]["manager"] is True
    assert G.nodes["b2"]["created"] == 1
    assert G["a1"]["a2"] == {"weight": 3.0, "mutual": True}
    assert G["a2"]["b2"] == {"weight": 1.0, "mutual": False}
    assert G["c1"]["c3"] == {"weight": 3.0, "mutual": False}
    assert projected.levels == {
        "a1": {"sql": 3},
        "a2": {"sql": 5},
        "b1": {"sql": 3},
        "b2": {"python": 4},
        "c2": {"python": 1},
        "c3": {"cobol": 4},
    }
    assert projected.shared == {"a2": {"sql": 1}, "b2": {"python": 1}}
    assert projected.curated_learners == frozenset({"c2"})
    assert projected.learning_minutes == 100.0
    assert projected.colleague_minutes == 60.0


async def test_follows_add_weight_when_configured(db: Database) -> None:
    await org.build(db)
    projected = await project(db, follow_weight=0.5)
    G = projected.ties
    assert G["a1"]["a2"]["weight"] == 3.5  # two ties and a follow
    assert G["c2"]["a2"] == {"weight": 0.5, "mutual": False}  # a follow alone makes a tie


def test_build_ties_sums_both_directions_and_drops_self_ties() -> None:
    people = [
        {
            "id": p,
            "teams": ["T"],
            "reports": 0,
            "curator": False,
            "followers": 0,
            "created": 0,
            "curated": 0,
        }
        for p in ("x", "y")
    ]
    ties = [
        {"a": "x", "ids": ["y", "x"], "weights": [2.0, 9.0]},
        {"a": "y", "ids": ["x"], "weights": [1.5]},
    ]
    G = build_ties(people, ties, [], 0.0)
    assert list(G.edges(data=True)) == [("x", "y", {"weight": 3.5, "mutual": True})]


# k2 is completed by a1, b2 and (twice) a3; the new k3 by a3, b3 and c3; k1 by c2 alone.
_MORE_LEARNING = """
MATCH (a3:Person {id: 'a3'}), (b3:Person {id: 'b3'}), (c3:Person {id: 'c3'}),
      (k2:Content {id: 'k2'})
CREATE (k3:Content {id: 'k3', title: 'Team rituals', minutes: 20}),
       (a3)-[:COMPLETED {minutes: 10}]->(k2), (a3)-[:COMPLETED {minutes: 10}]->(k2),
       (a3)-[:COMPLETED {minutes: 20}]->(k3), (b3)-[:COMPLETED {minutes: 20}]->(k3),
       (c3)-[:COMPLETED {minutes: 20}]->(k3)
"""


async def test_content_co_use_adds_weight_per_shared_item_when_configured(db: Database) -> None:
    await org.build(db)
    await db.write(_MORE_LEARNING)
    plain = (await project(db)).ties
    G = (await project(db, co_use_weight=0.5, co_use_max_audience=3)).ties
    assert G.number_of_edges() == plain.number_of_edges() + 4
    changed = {
        tuple(sorted((a, b))): d["weight"]
        for a, b, d in G.edges(data=True)
        if not plain.has_edge(a, b) or plain[a][b]["weight"] != d["weight"]
    }
    assert changed == {
        ("a1", "b2"): 0.5,  # k2: a new tie
        ("a1", "a3"): 2.5,  # k2, on top of their collaboration tie (a3 took it twice: once)
        ("a3", "b2"): 0.5,  # k2
        ("a3", "b3"): 1.5,  # k3, on top of the bridge
        ("a3", "c3"): 0.5,  # k3
        ("b3", "c3"): 0.5,  # k3
    }
    assert G["a3"]["c3"] == {"weight": 0.5, "mutual": False}


async def test_content_co_use_ignores_items_with_a_larger_audience(db: Database) -> None:
    await org.build(db)
    await db.write(_MORE_LEARNING)
    plain = (await project(db)).ties
    G = (await project(db, co_use_weight=0.5, co_use_max_audience=2)).ties
    assert sorted(G.edges(data=True)) == sorted(plain.edges(data=True))  # k2, k3 have 3 each
    off = (await project(db, co_use_weight=0.0, co_use_max_audience=3)).ties
    assert sorted(off.edges(data=True)) == sorted(plain.edges(data=True))


def test_build_ties_pairs_co_users_once_and_skips_unknown_people() -> None:
    people = [
        {
            "id": p,
            "teams": ["T"],
            "reports": 0,
            "curator": False,
            "followers": 0,
            "created": 0,
            "curated": 0,
        }
        for p in ("x", "y", "z")
    ]
    ties = [{"a": "x", "ids": ["y"], "weights": [2.0]}]
    G = build_ties(people, ties, [], 0.0, [["z", "x", "ghost", "x"], ["y", "x"]], 0.25)
    assert sorted(G.edges(data=True)) == [
        ("x", "y", {"weight": 2.25, "mutual": False}),
        ("x", "z", {"weight": 0.25, "mutual": False}),
    ]
    assert "ghost" not in G
