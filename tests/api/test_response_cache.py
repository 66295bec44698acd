"""Kept responses (api.response_cache) on both stores: 304 for a client that holds the answer, a new
ETag after any write (another process's on Neo4j once the recheck interval has passed), nothing
kept that must not be, viewers kept apart, gzip kept compressed."""

from __future__ import annotations

import gzip

import pytest
from fastapi import Depends, Request, Response
from fastapi.testclient import TestClient

from api.app import create_app
from api.response_cache import KeptResponse, KeptResponses
from domain.accounts.sessions import CSRF_COOKIE, SESSION_COOKIE
from pufa.config import Settings
from tests.conftest import open_neo4j_test_store
from tests.fixtures_graph import build_county
from tests.graph.test_known_stamp import Clock

GAPS = "/api/v1/gaps"
IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture
def client(store):
    build_county(store)
    with TestClient(create_app(Settings(), store=store)) as client:
        yield client


def engine_reads(store, monkeypatch) -> list[str]:
    reads = []
    read = store.read
    monkeypatch.setattr(store, "read", lambda query: reads.append(query.name) or read(query))
    return reads


def test_a_repeated_get_is_served_kept_and_a_client_holding_it_gets_304(client, store, monkeypatch):
    first = client.get(GAPS, headers=IDENTITY)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "no-cache"
    reads = engine_reads(store, monkeypatch)
    again = client.get(GAPS, headers=IDENTITY)
    assert (again.content, again.headers["etag"]) == (first.content, etag)
    revalidated = client.get(GAPS, headers={**IDENTITY, "If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert (revalidated.headers["etag"], revalidated.headers["cache-control"]) == (etag, "no-cache")
    assert "content-type" not in revalidated.headers
    assert client.get(GAPS, headers={**IDENTITY, "If-None-Match": f'"other", {etag.removeprefix("W/")}'}
                      ).status_code == 304
    head = client.head(GAPS, headers=IDENTITY)
    assert (head.status_code, head.content, head.headers["etag"]) == (200, b"", etag)
    # No answer was worked out again: LadybugDB knows its stamp, the Neo4j test store reads it (0 ms recheck).
    assert set(reads) <= {"graph_stamps"}
    assert client.get(GAPS, params={"limit": 1}, headers={"If-None-Match": etag}).status_code == 200


def test_a_write_gives_a_new_etag_and_the_new_answer(client, store):
    first = client.get("/api/v1/units")
    store.upsert_nodes("Unit", [{"id": "UNEW", "name": "县新设局", "kind": "行政执法机关"}])
    after = client.get("/api/v1/units", headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != first.headers["etag"]
    assert after.json()["count"] == first.json()["count"] + 1


def test_neo4j_instances_see_each_other_s_writes_within_the_recheck_interval(neo4j_session_store):
    """Two app instances (as two processes or workers would be) on one Neo4j, each rechecking the
    stamp every 0.5 s on its own (injected) clock: each sees its own writes at once, the other's
    once the interval has passed."""
    neo4j_session_store.clear()
    build_county(neo4j_session_store)
    clocks = [Clock(), Clock()]
    stores = [open_neo4j_test_store(stamp_recheck_seconds=0.5, clock=clock) for clock in clocks]
    try:
        with TestClient(create_app(Settings(), store=stores[0])) as one, \
                TestClient(create_app(Settings(), store=stores[1])) as other:
            before = [one.get("/api/v1/units"), other.get("/api/v1/units")]
            assert before[0].headers["etag"] == before[1].headers["etag"]  # same graph, same settings
            etag = before[0].headers["etag"]
            stores[0].upsert_nodes("Unit", [{"id": "UNEW", "name": "县新设局", "kind": "行政执法机关"}])
            seen = one.get("/api/v1/units", headers={"If-None-Match": etag})
            assert seen.status_code == 200 and seen.json()["count"] == 8
            clocks[1].now += 0.49
            assert other.get("/api/v1/units", headers={"If-None-Match": etag}).status_code == 304
            clocks[1].now += 0.01
            fresh = other.get("/api/v1/units", headers={"If-None-Match": etag})
            assert fresh.status_code == 200 and fresh.json()["count"] == 8
            assert fresh.headers["etag"] == seen.headers["etag"]
    finally:
        for store in stores:
            store.close()
        neo4j_session_store.clear()


def test_errors_private_answers_cookies_and_job_progress_are_not_kept(client):
    app = client.app
    served = []

    def private(response: Response) -> dict:
        served.append("private")
        response.headers["Cache-Control"] = "private, max-age=60"
        return {"n": len(served)}

    def cookie(response: Response) -> dict:
        served.append("cookie")
        response.set_cookie("seen", "1")
        return {"n": len(served)}

    app.add_api_route("/api/v1/test/private", private)
    app.add_api_route("/api/v1/test/cookie", cookie)
    for path in ("/api/v1/test/private", "/api/v1/test/cookie"):
        first, second = client.get(path), client.get(path)
        assert first.json() != second.json() and "etag" not in second.headers
    missing = [client.get("/api/v1/units/NOPE"), client.get("/api/v1/units/NOPE", headers={"If-None-Match": "*"})]
    assert [response.status_code for response in missing] == [404, 404]
    assert "etag" not in missing[1].headers and missing[1].headers["content-type"] == "application/problem+json"
    bad = client.get(GAPS, params={"limit": 0}, headers={"If-None-Match": "*"})
    assert bad.status_code == 422 and "etag" not in bad.headers
    jobs = client.get("/api/v1/ingest/jobs")
    assert jobs.headers["cache-control"] == "no-store" and "etag" not in jobs.headers
    assert client.post("/api/v1/cite", json={"text": "《食品安全法》"}).headers.get("etag") is None


def test_viewers_never_get_each_other_s_kept_bytes(store):
    """The seam for accounts: a middleware before the cache names the viewer in request.state."""
    build_county(store)
    app = create_app(Settings(), store=store)
    worked_out = []

    @app.middleware("http")
    async def viewer_from_header(request: Request, call_next):
        if "x-test-viewer" in request.headers:
            request.state.viewer = request.headers["x-test-viewer"]
        return await call_next(request)

    def late_viewer(request: Request) -> None:
        request.state.viewer = "set-too-late"

    def whoami(request: Request) -> dict:
        worked_out.append(request.state.viewer if hasattr(request.state, "viewer") else None)
        return {"viewer": worked_out[-1]}

    app.add_api_route("/api/v1/test/whoami", whoami)
    app.add_api_route("/api/v1/test/late", whoami, dependencies=[Depends(late_viewer)])
    path = "/api/v1/test/whoami"
    with TestClient(app) as client:
        unit = {"x-test-viewer": "liaison:UMKT"}
        reviewer = {"x-test-viewer": "reviewer"}
        answers = [client.get(path, headers=headers) for headers in (unit, reviewer, unit, reviewer, {})]
        assert [answer.json()["viewer"] for answer in answers] == [
            "liaison:UMKT", "reviewer", "liaison:UMKT", "reviewer", "public"]
        assert worked_out == ["liaison:UMKT", "reviewer", "public"]
        assert len({answer.headers["etag"] for answer in answers}) == 3
        assert answers[0].headers["cache-control"] == "private, no-cache"
        assert answers[4].headers["cache-control"] == "no-cache"
        stolen = client.get(path, headers={**reviewer, "If-None-Match": answers[0].headers["etag"]})
        assert stolen.status_code == 200 and stolen.json()["viewer"] == "reviewer"
        # Credentials that nothing turned into a viewer: not looked up, not kept.
        for headers in ({"Cookie": f"{CSRF_COOKIE}=x; {SESSION_COOKIE}=abc"}, {"Authorization": "Bearer abc"}):
            worked_out.clear()
            for _ in range(2):
                response = client.get(path, headers=headers)
                assert response.json()["viewer"] is None and "etag" not in response.headers
            assert worked_out == [None, None]
        # The CSRF cookie every visitor gets is no credential: the public answer, kept.
        worked_out.clear()
        assert client.get(path, headers={"Cookie": f"{CSRF_COOKIE}=x"}).headers["etag"] == answers[4].headers["etag"]
        assert worked_out == []
        worked_out.clear()
        for _ in range(2):
            assert "etag" not in client.get("/api/v1/test/late").headers
        assert worked_out == ["set-too-late", "set-too-late"]


def raw_gzip(client: TestClient, path: str) -> bytes:
    with client.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as response:
        assert response.headers["content-encoding"] == "gzip"
        return b"".join(response.iter_raw())


def test_gzip_answers_are_kept_compressed_and_revalidate_like_plain_ones(client):
    plain = client.get("/", headers=IDENTITY)
    zipped = raw_gzip(client, "/")
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(zipped) == plain.content
    assert len(zipped) < len(plain.content) / 3
    assert raw_gzip(client, "/") == zipped  # the kept bytes, not compressed again
    decoded = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert decoded.text == plain.text and "Accept-Encoding" in decoded.headers["vary"]
    assert decoded.headers["etag"] == plain.headers["etag"]  # weak: the same answer in either encoding
    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": plain.headers["etag"]})
    assert again.status_code == 304 and "Accept-Encoding" in again.headers["vary"]
    small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # under the minimum size
    sheet = client.get("/api/v1/exports/units/UMKT/checklist", headers={"Accept-Encoding": "gzip"})
    assert sheet.status_code == 200 and "etag" in sheet.headers
    assert "content-encoding" not in sheet.headers  # an xlsx is a zip already


def test_kept_responses_hold_one_stamp_within_their_bytes_and_drop_late_ones():
    kept = KeptResponses(max_bytes=800)  # one response at most 100 bytes
    response = KeptResponse(200, [], b"x" * 100, b'W/"e"')
    key = ("/a", b"", "public", False)
    assert kept.get("s1", key) is None
    kept.put("s1", key, response)
    assert kept.get("s1", key) is response
    for n in range(8):
        kept.put("s1", (f"/{n}", b"", "public", False), response)
    assert kept.get("s1", key) is None  # least recently used, dropped past 800 bytes
    assert kept.get("s1", ("/7", b"", "public", False)) is response
    assert kept.get("s2", key) is None  # a new stamp empties it
    kept.put("s1", key, response)  # worked out before the write: not kept
    assert kept.get("s2", key) is None and kept.get("s2", ("/7", b"", "public", False)) is None
