"""/health is a ping (what load balancers call, at any rate); the node counts are at /api/v1/status,
counted once per graph stamp."""

from fastapi.testclient import TestClient

from api.app import create_app
from graph.registry import open_store
from pufa.config import Settings
from tests.fixtures_graph import build_county


def store_calls(store, monkeypatch) -> list[str]:
    """The store's methods called from now on, with the engine reads by query name."""
    calls = []
    for method in ("ping", "read", "counts", "stamp"):
        original = getattr(store, method)

        def counted(*args, method=method, original=original):
            calls.append(f"read {args[0].name}" if method == "read" else method)
            return original(*args)

        monkeypatch.setattr(store, method, counted)
    return calls


def test_health_pings_the_store_once_and_counts_nothing(store, monkeypatch):
    build_county(store)
    with TestClient(create_app(Settings(), store=store)) as client:
        calls = store_calls(store, monkeypatch)
        for _ in range(3):
            response = client.get("/health")
            assert response.status_code == 200
            assert response.json() == {"status": "ok",
                                       "store": {"kind": store.kind, "location": store.location, "reachable": True}}
            assert response.headers["cache-control"] == "no-store"
            assert "etag" not in response.headers
    assert calls == ["ping"] * 3  # no stamp, no read: LadybugDB checks it is open, Neo4j's driver reaches the server


def test_status_counts_nodes_once_per_graph_stamp(store, monkeypatch):
    store.upsert_nodes("Law", [{"id": "L1", "title": "宪法"}])
    with TestClient(create_app(Settings(), store=store)) as client:
        calls = store_calls(store, monkeypatch)
        first, again = client.get("/api/v1/status"), client.get("/api/v1/status", headers={"Accept-Encoding": "gzip"})
        assert first.json() == again.json()
        body = first.json()
        assert (body["kind"], body["location"]) == (store.kind, store.location)
        assert (body["counts"]["Law"], body["counts"]["Unit"]) == (1, 0)
        assert calls.count("counts") == 1
        store.upsert_nodes("Law", [{"id": "L2", "title": "民法典"}])
        assert client.get("/api/v1/status").json()["counts"]["Law"] == 2
        assert calls.count("counts") == 2


def test_unreachable_store_is_a_503_problem():
    store = open_store(Settings(store="bolt://127.0.0.1:9", neo4j_password="x"))
    with TestClient(create_app(Settings(), store=store)) as client:
        responses = [client.get("/health"), client.get("/api/v1/status")]
    store.close()
    for response in responses:
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert "unreachable" in response.json()["detail"]
        assert "etag" not in response.headers
