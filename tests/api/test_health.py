from fastapi.testclient import TestClient

from api.app import create_app
from graph.registry import open_store
from pufa.config import Settings


def test_health_reports_store_kind_and_counts(store):
    store.upsert_nodes("Law", [{"id": "L1", "title": "宪法"}])
    with TestClient(create_app(Settings(), store=store)) as client:
        body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["store"] == {"kind": store.kind, "location": store.location, "reachable": True}
    assert body["counts"]["Law"] == 1


def test_unreachable_store_is_a_503_problem():
    store = open_store(Settings(store="bolt://127.0.0.1:9", neo4j_password="x"))
    with TestClient(create_app(Settings(), store=store)) as client:
        response = client.get("/health")
    store.close()
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "unreachable" in response.json()["detail"]
