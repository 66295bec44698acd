"""Cypher injection: names and search terms that would break out of a string literal, name a
parameter, quote an identifier or smuggle a clause are stored and returned literally, on both
stores, through the real writers (the unit register and law file ingest) and the HTTP API.
"""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.store import GraphStore
from ingest.laws.load import ingest_laws
from ingest.laws.statements import canonical_title
from ingest.units.load import ingest_units
from pufa.config import Settings
from pufa.laws import law_id, unit_id

V1 = "/api/v1"
PAYLOADS = [
    "'\"}) DETACH DELETE n //",
    "') MATCH (n) DETACH DELETE n RETURN 1 AS x //",
    "$x",
    "$ids} RETURN n //",
    "`Unit`) DETACH DELETE n //",
    "``}]->() CREATE (:Pwned) //",
    "\\' OR 1=1 --",
    "{id: 'x'} UNION MATCH (n) RETURN n",
    "/* */ CALL db.labels() YIELD label RETURN label",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "\\u0000 \\n \\\\",
    "𠀀𪚥 😀 e\u0301 \u202eevil\u202c \u200d",
    "%s %n {0} ${jndi:ldap://x}",
]
"""Each becomes part of a unit name and a law title; NUL itself is left out (no text format carries it)."""


def unit_name(payload: str) -> str:
    return f"澄河县{payload}局"


def law_title(index: int, payload: str) -> str:
    """A title as the law parser keeps it (no spaces, full-width parentheses)."""
    return canonical_title(f"示范{index}{payload}管理条例")


@pytest.fixture
def hostile(store: GraphStore, tmp_path: Path) -> GraphStore:
    """The store after the unit register and law texts carrying every payload went through ingest."""
    register = tmp_path / "units.csv"
    with register.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["序号", "单位名称", "单位类型", "区域"])
        for number, payload in enumerate(PAYLOADS, start=1):
            writer.writerow([number, unit_name(payload), "行政执法机关", "示例市澄河县"])
    report = ingest_units(store, register)
    assert report.counts["units"] == len(PAYLOADS), report
    laws = tmp_path / "laws"
    laws.mkdir()
    for index, payload in enumerate(PAYLOADS):
        (laws / f"示范{index}.md").write_text(
            f"# 示范{index}{payload}管理条例\n\n2020年1月1日 示例市人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n"
            f"第一条 {payload}应当依法管理。\n", encoding="utf-8")
    report = ingest_laws(store, [laws], workers=1)
    assert report.counts["laws"] == len(PAYLOADS), report
    return store


@pytest.fixture
def client(hostile: GraphStore):
    with TestClient(create_app(Settings(), store=hostile)) as client:
        yield client


def counts(client: TestClient) -> dict[str, int]:
    return client.get("/api/v1/status").json()["counts"]


def test_unit_names_come_back_literally(client: TestClient):
    before = counts(client)
    for payload in PAYLOADS:
        name = unit_name(payload)
        detail = client.get(f"{V1}/units/{unit_id(name)}")
        assert detail.status_code == 200, detail.text
        assert detail.json()["unit"]["name"] == name
        found = client.get(f"{V1}/units", params={"q": payload})
        assert found.status_code == 200, found.text
        assert name in [unit["name"] for unit in found.json()["data"]]
    assert counts(client) == before


def test_law_titles_and_article_texts_come_back_literally(client: TestClient):
    before = counts(client)
    for index, payload in enumerate(PAYLOADS):
        title = law_title(index, payload)
        found = client.get(f"{V1}/laws", params={"q": title})
        assert found.status_code == 200, found.text
        assert [law["title"] for law in found.json()["data"]] == [title]
        detail = client.get(f"{V1}/laws/{law_id(title)}")
        assert detail.status_code == 200, detail.text
        assert detail.json()["articles"]["data"][0]["text"] == f"{payload}应当依法管理。"
        articles = client.get(f"{V1}/articles", params={"q": f"{payload}应当", "limit": 500})
        assert articles.status_code == 200, articles.text
        assert f"{payload}应当依法管理。" in [hit["article"]["text"] for hit in articles.json()["data"]]
    assert counts(client) == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_ids_and_filters_are_plain_misses(client: TestClient, payload: str):
    """Ids and filters that name nothing are a 404 or an empty answer, and change nothing."""
    before = counts(client)
    segment = quote(payload, safe="")
    for path in (f"/units/{segment}", f"/laws/{segment}", f"/shared/{segment}", f"/audit/units/{segment}",
                 f"/gaps/units/{segment}", f"/units/{segment}/applicable"):
        response = client.get(V1 + path)
        assert response.status_code == 404, (path, response.status_code, response.text)
    for path, params in (("/campaigns", {"law_id": payload}), ("/audit/problems", {"unit_id": payload}),
                         ("/audit/outdated", {"unit_id": payload})):
        response = client.get(V1 + path, params=params)
        assert response.status_code == 404, (path, response.text)
        assert repr(payload) in response.json()["detail"]  # named back literally
    for path, params in (("/laws", {"q": payload, "level": payload}), ("/units", {"q": f"{payload}不存在"})):
        response = client.get(V1 + path, params=params)
        assert response.status_code == 200, (path, response.text)
        assert response.json()["count"] == 0
    assert client.get(f"{V1}/gaps", params={"region": payload}).status_code == 200
    assert counts(client) == before
