"""Uploads and ingest jobs over HTTP (token, size limit, atomic replace) and the citation endpoint, on both stores."""

from __future__ import annotations

import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ingest import jobs
from ingest.demo import SAMPLE_CHECKLISTS, SAMPLE_UNITS
from ingest.report import IngestReport
from pufa.config import Settings
from pufa.laws import law_id
from pufa.workflow import Role
from tests.accounts import make_account, token_for
from tests.corpus import write_laws
from tests.ingest.test_sync import Official

V1 = "/api/v1"
TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CSV = "序号,法律法规名称,普法对象,普法方式,时间节点,责任科室,责任人\n1,《中华人民共和国人民调解法》,群众,普法宣传,全年,普法股,李四\n"


@pytest.fixture
def client(store):
    settings = Settings(api_token=TOKEN, max_upload_mb=1)
    with TestClient(create_app(settings, store=store)) as client:
        with open(SAMPLE_UNITS, "rb") as units:
            assert client.post(f"{V1}/units", files={"file": ("units.csv", units)}, headers=AUTH).status_code == 200
        yield client


def upload(client: TestClient, name: str, content: bytes, headers=AUTH, **form):
    return client.post(f"{V1}/checklists", files={"file": (name, content)}, data=form, headers=headers)


def test_a_checklist_upload_replaces_the_units_year(client):
    sample = SAMPLE_CHECKLISTS / "县应急管理局2026年普法责任清单.csv"
    first = upload(client, sample.name, sample.read_bytes())
    assert first.status_code == 200, first.text
    assert first.json()["counts"] == {"checklists": 1, "items": 4}
    second = upload(client, "清单.csv", CSV.encode("gb18030"), unit="县应急管理局", year="2026")
    assert second.status_code == 200, second.text
    unit = client.get(f"{V1}/units", params={"q": "应急管理局"}).json()
    assert unit["count"] >= 1
    applicable = client.get(f"{V1}/units/{unit['data'][0]['id']}/applicable").json()
    assert [law["law"]["short_title"] for law in applicable["claimed"]] == ["人民调解法"]


def test_uploads_need_the_token_and_respect_the_size_limit(client):
    assert upload(client, "a.csv", CSV.encode(), headers={}).status_code == 401
    assert upload(client, "a.csv", CSV.encode(), headers={"Authorization": "Bearer wrong"}).status_code == 401
    too_big = upload(client, "a.csv", b"x" * (1024 * 1024 + 1))
    assert too_big.status_code == 413 and "1 MB" in too_big.json()["detail"]


def test_an_unusable_upload_is_a_422_naming_the_file(client):
    response = upload(client, "某某县不存在局2026年普法责任清单.csv", CSV.encode())
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "某某县不存在局2026年普法责任清单.csv" in response.json()["detail"]
    assert "not in the registry" in response.json()["detail"]


def test_cite_resolves_law_article_paragraph_and_item(client):
    response = client.post(f"{V1}/cite", json={"text": "依照《食品安全法》第一百二十四条第一款第（三）项和《某某办法》"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["data"]
    assert (first["law_id"], first["article"], first["paragraph"], first["item"]) == (
        law_id("中华人民共和国食品安全法"), 124, 1, 3)
    assert second["law_id"] is None


@pytest.fixture
def corpus(tmp_path):
    """A corpus folder of two law texts (示范0管理条例, 3 articles; 示范1管理条例, 4, in GB18030)."""
    folder = tmp_path / "corpus" / "地方性法规"
    write_laws(folder, 0, 2)
    gb18030 = folder / "示范1管理条例.md"
    gb18030.write_bytes(gb18030.read_text(encoding="utf-8").encode("gb18030"))
    return tmp_path / "corpus"


@pytest.fixture
def jobs_client(store, corpus):
    with TestClient(create_app(Settings(api_token=TOKEN, corpus_dir=corpus), store=store)) as client:
        yield client


def start_job(client: TestClient, headers=AUTH, **body):
    return client.post(f"{V1}/ingest/jobs", json=body, headers=headers)


def finished(client: TestClient, location: str) -> dict:
    """The job once its thread has ended (the app's jobs wait for it, as at shutdown)."""
    client.app.state.jobs.wait()
    return client.get(location).json()


def test_an_ingest_job_loads_laws_from_the_corpus_folder_in_the_background(jobs_client):
    response = start_job(jobs_client, kind="laws", paths=["地方性法规"])
    assert response.status_code == 202, response.text
    assert response.json()["state"] == "running"
    job = finished(jobs_client, response.headers["location"])
    assert job["state"] == "succeeded" and job["error"] is None
    assert job["report"]["counts"]["laws"] == 2 and job["report"]["counts"]["articles"] == 7
    assert [(step["done"], step["total"]) for step in job["steps"]] == [(2, 2), (2, 2)]
    found = jobs_client.get(f"{V1}/laws", params={"q": "示范"}).json()
    assert sorted(law["title"] for law in found["data"]) == ["示范0管理条例", "示范1管理条例"]
    detail = jobs_client.get(f"{V1}/laws/{law_id('示范1管理条例')}").json()
    assert detail["articles"]["count"] == 4
    listed = jobs_client.get(f"{V1}/ingest/jobs").json()
    assert listed["count"] == 1 and listed["data"][0]["id"] == job["id"]


def test_an_ingest_job_with_unusable_files_fails_with_its_report(jobs_client, corpus):
    (corpus / "地方性法规" / "损坏.docx").write_bytes(b"PK\x03\x04 not a zip")
    job = finished(jobs_client, start_job(jobs_client, kind="laws").headers["location"])
    assert job["state"] == "failed" and job["error"] == "1 file(s) could not be used; see the report"
    assert job["report"]["counts"]["laws"] == 2
    (skipped,) = job["report"]["skipped"]
    assert skipped["source"] == "地方性法规/损坏.docx" and str(corpus) not in skipped["reason"]


@pytest.mark.parametrize(("body", "detail"), [
    ({"kind": "laws", "paths": ["../"]}, "paths[0]: '../' lies outside the corpus folder"),
    ({"kind": "laws", "paths": ["地方性法规", "缺失"]}, "paths[1]: '缺失' is not in the corpus folder"),
    ({"kind": "catalogue", "paths": ["地方性法规"]}, "paths: the catalogue is shipped with the service and takes no paths"),
])
def test_an_ingest_job_names_the_path_it_cannot_use(jobs_client, body, detail):
    response = start_job(jobs_client, **body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(detail)
    assert jobs_client.get(f"{V1}/ingest/jobs").json()["count"] == 0


def test_one_ingest_job_at_a_time_and_only_with_the_token(jobs_client, monkeypatch):
    release = threading.Event()

    def held(store, paths, track):
        release.wait()
        return IngestReport(kind="laws")

    monkeypatch.setitem(jobs.RUNNERS, "laws", held)
    assert start_job(jobs_client, headers={}, kind="laws").status_code == 401
    try:
        first = start_job(jobs_client, kind="laws").json()
        busy = start_job(jobs_client, kind="catalogue")
        assert busy.status_code == 409 and first["id"] in busy.json()["detail"]
    finally:
        release.set()
    assert finished(jobs_client, f"{V1}/ingest/jobs/{first['id']}")["state"] == "succeeded"
    assert jobs_client.get(f"{V1}/ingest/jobs/unknown").status_code == 404


def test_the_catalogue_sync_is_a_job_only_an_administrator_starts(jobs_client, store, monkeypatch):
    official = Official()
    monkeypatch.setattr(jobs, "http_client", lambda settings: httpx.Client(transport=httpx.MockTransport(official)))
    reviewer = token_for(store, make_account(store, "reviewer", Role.REVIEWER))
    assert start_job(jobs_client, headers=reviewer, kind="sync").status_code == 403
    assert start_job(jobs_client, kind="sync", paths=["法律"]).status_code == 422
    assert not official.asked
    job = finished(jobs_client, start_job(jobs_client, kind="sync").headers["location"])
    assert job["state"] == "succeeded", job
    assert sorted(change["title"] for change in job["report"]["changes"]) == [
        "中华人民共和国道路通行示范法", "中华人民共和国食品安全法"]
    assert job["report"]["counts"]["added"] == 2
    assert jobs_client.get(f"{V1}/catalogue/sync", headers=reviewer).status_code == 403
    levels = {level["level"]: level for level in jobs_client.get(f"{V1}/catalogue/sync", headers=AUTH).json()["data"]}
    assert levels["法律"]["synced_to"] is not None and levels["法律"]["phase"] is None
    assert levels["部门规章"]["missing_setting"] == "PUFA_GOV_RULES_APP_KEY" and levels["部门规章"]["synced_to"] is None


@pytest.mark.parametrize("path", ["a\x00b", "名" * 2000])
def test_an_ingest_job_path_the_file_system_cannot_take_is_a_422(jobs_client, path):
    response = start_job(jobs_client, kind="cases", paths=[path])
    assert response.status_code == 422
    assert response.json()["detail"].startswith("paths[0]: ") and "is not a usable path" in response.json()["detail"]
