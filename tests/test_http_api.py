"""The first-cut queries over HTTP, resolved from the real database."""

from __future__ import annotations

from typing import Any

import httpx
from strawberry.relay import GlobalID

from graph.db import Database


async def _post(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body.get("errors") is None, body
    return body["data"]  # type: ignore[no-any-return]


async def _small_org(db: Database) -> None:
    await db.write(
        "CREATE (d:Team {id: 'd1', name: 'Division'}),"
        " (t:Team {id: 't1', name: 'Platform'})-[:PART_OF]->(d),"
        " (a:Person {id: 'a', name: 'Ada Lovelace', email: 'ada@example.org', title: 'Lead'}),"
        " (b:Person:Curator {id: 'b', name: 'Ben Berg', title: 'Engineer'}),"
        " (c:Person {id: 'c', name: 'Chloe Chen'}),"
        " (a)-[:MEMBER_OF]->(t), (b)-[:MEMBER_OF]->(t), (b)-[:REPORTS_TO]->(a),"
        " (:Skill {id: 'k8s', name: 'Kubernetes', category: 'cloud'}),"
        " (:Goal {id: 'g1', title: 'Cloud', kind: 'objective', targetHoursPerPerson: 40.0})"
    )


async def test_people_with_their_team(client: httpx.AsyncClient, db: Database) -> None:
    await _small_org(db)
    data = await _post(
        client, "{ people(first: 3) { totalCount edges { node { key name team { name } } } } }"
    )
    assert data == {
        "people": {
            "totalCount": 3,
            "edges": [
                {"node": {"key": "a", "name": "Ada Lovelace", "team": {"name": "Platform"}}},
                {"node": {"key": "b", "name": "Ben Berg", "team": {"name": "Platform"}}},
                {"node": {"key": "c", "name": "Chloe Chen", "team": None}},
            ],
        }
    }


async def test_people_pages_follow_each_other(client: httpx.AsyncClient, db: Database) -> None:
    await _small_org(db)
    query = (
        "query($after: String) { people(first: 2, after: $after) {"
        " pageInfo { hasNextPage endCursor } nodes { key } } }"
    )
    first = (await _post(client, query))["people"]
    assert [n["key"] for n in first["nodes"]] == ["a", "b"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = (await _post(client, query, after=first["pageInfo"]["endCursor"]))["people"]
    assert [n["key"] for n in second["nodes"]] == ["c"]
    assert second["pageInfo"]["hasNextPage"] is False


async def test_people_search_by_name(client: httpx.AsyncClient, db: Database) -> None:
    await _small_org(db)
    data = await _post(client, '{ people(search: "CHEN") { totalCount nodes { name } } }')
    assert data == {"people": {"totalCount": 1, "nodes": [{"name": "Chloe Chen"}]}}


async def test_entities_by_id(client: httpx.AsyncClient, db: Database) -> None:
    await _small_org(db)
    data = await _post(
        client,
        '{ person(id: "b") { name title isCurator email } team(id: "t1") { name key }'
        ' skill(id: "k8s") { name category escoUri } goal(id: "g1") { title targetHoursPerPerson }'
        ' missing: person(id: "nobody") { name } }',
    )
    assert data == {
        "person": {"name": "Ben Berg", "title": "Engineer", "isCurator": True, "email": None},
        "team": {"name": "Platform", "key": "t1"},
        "skill": {"name": "Kubernetes", "category": "cloud", "escoUri": None},
        "goal": {"title": "Cloud", "targetHoursPerPerson": 40.0},
        "missing": None,
    }


async def test_global_ids_resolve_through_node(client: httpx.AsyncClient, db: Database) -> None:
    await _small_org(db)
    gid = str(GlobalID("Person", "a"))
    data = await _post(
        client,
        "query($id: ID!) { node(id: $id) { id ... on Person { name } } person(id: $id) { key } }",
        id=gid,
    )
    assert data == {"node": {"id": gid, "name": "Ada Lovelace"}, "person": {"key": "a"}}


async def test_page_size_is_capped(client: httpx.AsyncClient, db: Database) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ people(first: 101) { totalCount } }"}
    )
    body = response.json()
    assert body["data"] is None
    assert "first: must be between 0 and 100" in body["errors"][0]["message"]


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


async def test_graphiql_page_for_browsers(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()
