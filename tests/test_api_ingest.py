"""Uploads over HTTP (token, size limit, atomic replace) and the citation endpoint, on both stores."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from ingest.demo import SAMPLE_CHECKLISTS, SAMPLE_UNITS
from ingest.records import law_id
from pufa.config import Settings

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
