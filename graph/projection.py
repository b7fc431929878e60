"""Reading the organisation out of the database for analysis: people, ties, skills, learning.

Everything is read in one read transaction, so a run sees one consistent state of the graph
even while other writes go on. Directed ``COLLABORATES_WITH`` ties become one undirected tie
per pair whose weight is the sum of both directions, marked ``mutual`` when both exist;
``FOLLOWS`` can add a configured weight to the tie (0 by default: following someone is not
working with them), and so can content co-use: each content item two people both completed,
among items completed by at most a configured audience (0 by default: learning the same
thing is weaker evidence of working together than a reported tie).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, LiteralString

import networkx as nx

from analysis.model import OrgGraph
from graph.db import Database, Row, Tx

# The far ends' labels are not checked: the model only has these relationship types between
# people (and from people to content), and checking a label loads every far node. Sizes of
# pattern comprehensions: on ArcadeDB about three times faster than COUNT {} subqueries and an
# OPTIONAL MATCH (the same result on Neo4j).
_PEOPLE: LiteralString = """
MATCH (p:Person)
RETURN p.id AS id, [(p)-[:MEMBER_OF]->(t:Team) | t.id] AS teams, p:Curator AS curator,
       size([(p)<-[:REPORTS_TO]-(x) | 1]) AS reports,
       size([(p)<-[:FOLLOWS]-(x) | 1]) AS followers,
       size([(p)-[:CREATED]->(x) | 1]) AS created,
       size([(p)-[:CURATES]->(x) | 1]) AS curated
"""

# One row per person with their ties as two lists (collected over the same rows, so in the
# same order): on ArcadeDB a quarter faster than a list of [id, weight] pairs, which costs a
# list object per tie to encode and decode, and several times faster than one row per tie.
_TIES: LiteralString = """
MATCH (a:Person)-[c:COLLABORATES_WITH]->(b:Person)
WHERE b <> a
WITH a, collect(b.id) AS ids, collect(coalesce(c.weight, 1.0)) AS weights
RETURN a.id AS a, ids, weights
"""

_FOLLOWS: LiteralString = """
MATCH (a:Person)-[:FOLLOWS]->(b:Person)
WHERE a <> b
RETURN a.id AS a, b.id AS b
"""

# One row per content item with its learners; items nobody shares or too many share are left
# out by the server, so pairing in Python touches at most max_audience^2/2 pairs per item.
_CO_USE: LiteralString = """
MATCH (p:Person)-[:COMPLETED]->(c:Content)
WITH c, collect(DISTINCT p.id) AS learners
WHERE size(learners) >= 2 AND size(learners) <= $max_audience
RETURN learners
"""

# One row per person, skills and levels as two lists: about twice as fast as a row per skill.
_LEVELS: LiteralString = """
MATCH (p:Person)-[h:HAS_SKILL]->(s:Skill)
WITH p, collect(s.id) AS skills, collect(coalesce(h.level, 0)) AS levels
RETURN p.id AS person, skills, levels
"""

_SHARED: LiteralString = """
MATCH (p:Person)-[:CREATED|CURATES]->(c:Content)-[:TEACHES]->(s:Skill)
RETURN p.id AS person, s.id AS skill, count(DISTINCT c) AS items
"""

_LEARNING: LiteralString = """
MATCH (:Person)-[l:COMPLETED]->(c:Content)
RETURN sum(coalesce(l.minutes, c.minutes, 0)) AS total
"""

# Matched from the creators (a third of the content) rather than an EXISTS per completion:
# several times faster on ArcadeDB.
_COLLEAGUE_LEARNING: LiteralString = """
MATCH (a:Person)-[:CREATED]->(c:Content)<-[l:COMPLETED]-(p:Person)
WHERE a <> p
WITH DISTINCT l, c
RETURN sum(coalesce(l.minutes, c.minutes, 0)) AS colleague
"""

_CURATED_LEARNERS: LiteralString = """
MATCH (p:Person)-[:COMPLETED]->(c:Content)
WHERE EXISTS { (c)<-[:CURATES]-(:Person) }
RETURN DISTINCT p.id AS id
"""


def build_ties(
    people: list[Row],
    ties: list[Row],
    follows: list[Row],
    follow_weight: float,
    co_use: Iterable[Sequence[str]] = (),
    co_use_weight: float = 0.0,
) -> nx.Graph[Any]:
    """The undirected tie graph from the rows the projection read.

    ``ties`` has one row per person with ties: ``{"a": id, "ids": [other id, ...],
    "weights": [weight, ...]}``; ``people`` one per person with ``teams`` (the smallest id
    is the person's team);
    ``co_use`` one list of learners per content item: each pair of them gets
    ``co_use_weight`` added to their tie.
    """
    G: nx.Graph[Any] = nx.Graph()
    for p in people:
        teams = p["teams"]
        G.add_node(
            p["id"],
            team=min(teams) if teams else None,
            manager=int(p["reports"]) > 0,
            curator=bool(p["curator"]),
            followers=int(p["followers"]),
            created=int(p["created"]),
            curated=int(p["curated"]),
        )
    seen: set[tuple[str, str]] = set()
    for row in ties:
        a = row["a"]
        for b, weight in zip(row["ids"], row["weights"], strict=True):
            if a == b:
                continue
            if G.has_edge(a, b):
                G[a][b]["weight"] += float(weight)
                G[a][b]["mutual"] = G[a][b]["mutual"] or (b, a) in seen
            else:
                G.add_edge(a, b, weight=float(weight), mutual=False)
            seen.add((a, b))
    if follow_weight > 0:
        for f in follows:
            a, b = f["a"], f["b"]
            if G.has_edge(a, b):
                G[a][b]["weight"] += follow_weight
            else:
                G.add_edge(a, b, weight=follow_weight, mutual=False)
    if co_use_weight > 0:
        _add_co_use(G, co_use, co_use_weight)
    return G


def _add_co_use(G: nx.Graph[Any], co_use: Iterable[Sequence[str]], weight: float) -> None:
    for learners in co_use:
        known = sorted({p for p in learners if p in G})  # people of the projection only
        for i, a in enumerate(known):
            near = G.adj[a]  # a read-only view; the edge dicts it hands out are the graph's
            for b in known[i + 1 :]:
                tie = near.get(b)
                if tie is None:
                    G.add_edge(a, b, weight=weight, mutual=False)
                else:
                    tie["weight"] += weight


async def project(
    db: Database,
    *,
    follow_weight: float = 0.0,
    co_use_weight: float = 0.0,
    co_use_max_audience: int = 20,
) -> OrgGraph:
    """Read the organisation for an analysis run (one read transaction).

    Parameters
    ----------
    db
        The database.
    follow_weight
        Weight a ``FOLLOWS`` relationship adds to the tie between the two people.
    co_use_weight
        Weight each content item two people both completed adds to their tie.
    co_use_max_audience
        Items completed by more people than this add no co-use ties.
    """

    async def read(tx: Tx) -> OrgGraph:
        people = await tx.run(_PEOPLE)
        ties = await tx.run(_TIES)
        follows = await tx.run(_FOLLOWS) if follow_weight > 0 else []
        co_use: list[Row] = []
        if co_use_weight > 0 and co_use_max_audience >= 2:
            co_use = await tx.run(_CO_USE, {"max_audience": co_use_max_audience})
        levels: dict[str, dict[str, int]] = {}
        for r in await tx.run(_LEVELS):
            held = levels.setdefault(r["person"], {})
            for skill, level in zip(r["skills"], r["levels"], strict=True):
                held[skill] = int(level)
        shared: dict[str, dict[str, int]] = {}
        for r in await tx.run(_SHARED):
            shared.setdefault(r["person"], {})[r["skill"]] = int(r["items"])
        learning = await tx.run(_LEARNING)
        colleagues = await tx.run(_COLLEAGUE_LEARNING)
        learners = await tx.run(_CURATED_LEARNERS)
        total = learning[0]["total"] if learning else 0
        colleague = colleagues[0]["colleague"] if colleagues else 0
        return OrgGraph(
            ties=build_ties(
                people,
                ties,
                follows,
                follow_weight,
                (r["learners"] for r in co_use),
                co_use_weight,
            ),
            levels=levels,
            shared=shared,
            curated_learners=frozenset(r["id"] for r in learners),
            learning_minutes=float(total or 0),
            colleague_minutes=float(colleague or 0),
        )

    return await db.read_tx(read)
