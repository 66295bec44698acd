"""`pufa catalogue sync` on recorded answers (tests/ingest/sync_answers) through a fake transport:
the parsing of both sources, the merge into the hand-built county on both stores, what flows on
(the year's 新颁法律法规清单, the checklist findings), and a run resumed after the network failed.

The official .docx files are built here with python-docx and hold placeholder sentences only.
No test reaches the network: every request goes to `Official`, which answers from the records
and notes what was asked.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import docx
import httpx
import pytest
from pydantic import SecretStr

from domain.accounts.accounts import BOOTSTRAP
from domain.base.cache import CachedStore
from domain.checklists import audit, yearly
from graph import queries
from ingest.sync.flk import FlkClient, iso_date
from ingest.sync.gov_rules import html_lines
from ingest.sync.run import http_client, sync_catalogue, sync_states
from ingest.tables import limits
from pufa.config import Settings
from tests.fixtures_graph import build_county

ANSWERS = Path(__file__).parent / "sync_answers"
TODAY = date(2026, 1, 10)
NOW = "2026-01-10T09:00:00"
NEW_LAW = "中华人民共和国道路通行示范法"
TEXTS = {
    "rec-new-traffic": [
        NEW_LAW, "（2025年4月28日示范会议通过）",
        "第一条　为了示范法律同步，制定本法。",
        "第二条　公安机关交通管理部门负责本行政区域内的道路通行示范工作。",
        "第三条　各级人民政府应当开展道路通行示范宣传教育。",
        "第四条　本法自2025年11月1日起施行。《中华人民共和国道路交通安全法》同时废止。",
    ],
    "rec-food-2025": [
        "中华人民共和国食品安全法", "（2025年6月1日示范修改）",
        "第一条　为了示范修改，制定本法。",
        "第二条　市场监督管理部门负责示范食品安全工作。",
    ],
}


def official_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def recorded(name: str) -> dict:
    return json.loads((ANSWERS / name).read_text(encoding="utf-8"))


class Official:
    """The two databases as recorded; `down` makes the requests matching it fail as a cut network would."""

    def __init__(self):
        self.asked: list[tuple[str, dict]] = []
        self.addresses: list[str] = []
        self.down: str | None = None
        self.huge = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        path = request.url.path
        kind = {True: "repealed", False: "list"}[bool(body.get("sxx"))] if path.endswith("/search/list") else path
        self.asked.append((kind, body or dict(request.url.params)))
        self.addresses.append(str(request.url))
        if self.down and self.down == kind:
            raise httpx.ConnectError("network unreachable", request=request)
        if path.endswith("/search/list"):
            if 102 not in body["flfgCodeId"] or body["pageNum"] > 1:
                return httpx.Response(200, json=recorded("flk_empty.json"))
            return httpx.Response(200, json=recorded("flk_repealed_laws.json" if body["sxx"] else "flk_list_laws.json"))
        if path.endswith("/download/pc"):
            answer = recorded("flk_download.json")
            answer["data"]["url"] = answer["data"]["url"].replace("DOCUMENT", request.url.params["bbbs"])
            return httpx.Response(200, json=answer)
        if path.startswith("/signed/"):
            if self.huge:
                return httpx.Response(200, content=b"PK" + b"0" * (limits.MAX_FILE_BYTES + 1))
            return httpx.Response(200, content=official_docx(TEXTS[path.removeprefix("/signed/").removesuffix(".docx")]))
        if request.url.host == "sousuoht.www.gov.cn":
            assert request.headers["athenaappkey"] == "recorded-key"
            return httpx.Response(200, json=recorded("gov_rules_list.json"))
        return httpx.Response(404)


@pytest.fixture
def official() -> Official:
    return Official()


@pytest.fixture
def county_store(store):
    return build_county(store)


def run(store, official: Official, levels=("法律", "行政法规"), today=TODAY, **settings):
    config = Settings(_env_file=None, **settings)
    with http_client(config, httpx.MockTransport(official)) as http:
        return sync_catalogue(store, http, config, today=today, now=NOW, levels=list(levels), since="2025-01-01")


def titles(report, kind: str) -> list[str]:
    return sorted(change.title for change in report.changes if change.kind == kind)


def test_list_rows_are_read_with_their_status_dates_and_problems(official):
    with httpx.Client(transport=httpx.MockTransport(official)) as http:
        page = FlkClient(http, "https://flk.npc.gov.cn/").list_page("法律", 1, since="2025-01-01", until="2026-01-10")
    assert [(law.title, law.status, law.promulgated, law.effective) for law in page.rows] == [
        (NEW_LAW, "现行有效", "2025-04-28", "2025-11-01"),
        ("中华人民共和国食品安全法", "现行有效", "2025-06-01", "2025-06-01"),
        ("中华人民共和国食品安全法", "已修改", "2021-04-29", "2021-04-29"),
    ]
    assert page.total == 4 and len(page.problems) == 1 and "示范编码法" in page.problems[0]
    [(_, asked)] = official.asked
    assert asked["gbrq"] == ["2025-01-01", "2026-01-10"] and asked["flfgCodeId"] == [100, 102]


def test_dates_and_pages_are_read_as_written():
    assert [iso_date(d) for d in ("2025-6-7", "2025年6月7日", "2025.06.07 00:00:00", "", None, "六月")] == [
        "2025-06-07", "2025-06-07", "2025-06-07", None, None, None]
    assert html_lines("<p>第一条　示范&amp;说明</p><br/><div>第二条</div>") == ["第一条 示范&说明", "第二条"]


def test_sync_adds_amends_and_repeals_and_the_year_sees_it(county_store, official):
    report = run(county_store, official)
    assert titles(report, "added") == [NEW_LAW]
    assert titles(report, "amended") == ["中华人民共和国食品安全法"]
    assert titles(report, "repealed") == ["中华人民共和国环境保护法"]
    assert report.counts == {"added": 1, "amended": 1, "in force": 0, "repealed": 1, "unchanged": 2}
    [odd] = report.skipped  # listed, not an error: the rest of the sync stands
    assert odd.source == "法律" and "示范编码法" in odd.reason and not report.failed

    answers = CachedStore(county_store)
    new_law = answers.read(queries.nodes.nodes_by("Law", "title", [NEW_LAW]))[0]
    assert (new_law["level"], new_law["status"], new_law["effective"]) == ("法律", "现行有效", "2025-11-01")
    articles = answers.read(queries.laws.version_articles(new_law["current_version"], 0, 10))
    assert [article["label"] for article in articles] == ["第一条", "第二条", "第三条", "第四条"]
    food = answers.read(queries.nodes.nodes_by("Law", "id", ["LFOOD"]))[0]
    assert (food["amended"], food["current_version"]) == ("2025-06-01", "LFOOD@2025-06-01")
    statuses = {row["id"]: row["status"] for row in answers.read(queries.laws.law_versions("LFOOD"))}
    assert statuses == {"LFOOD@2018": "已修改", "LFOOD@2021": "已修改", "LFOOD@2025-06-01": "现行有效"}

    new_laws = yearly.new_laws(answers, BOOTSTRAP, 2026).data
    listed = {entry.law.title: (entry.change, entry.date) for entry in new_laws}
    assert listed[NEW_LAW] == ("施行", "2025-11-01")
    concerned = {unit.unit.name for entry in new_laws if entry.law.title == NEW_LAW for unit in entry.units}
    assert concerned & {"澄河县公安局", "澄河县公安局交通管理大队"}  # its 第二条 names 公安机关交通管理部门
    assert listed["中华人民共和国食品安全法"] == ("修改", "2025-06-01")

    outdated = {c.law.name: (c.status, c.replaced_by.name if c.replaced_by else None)
                for c in audit.outdated_citations(answers, year=2026).data}
    assert outdated["中华人民共和国道路交通安全法"] == ("已废止", NEW_LAW)
    assert outdated["中华人民共和国环境保护法"] == ("已废止", None)


def test_a_second_sync_changes_nothing_and_starts_where_the_first_ended(county_store, official):
    run(county_store, official)
    fetched = sum(1 for kind, _ in official.asked if kind.endswith("/download/pc"))
    official.asked.clear()
    config = Settings(_env_file=None)
    with http_client(config, httpx.MockTransport(official)) as http:
        again = sync_catalogue(county_store, http, config, today=TODAY, now=NOW, levels=["法律"])
    assert fetched == 2
    assert again.changes == [] and again.counts["unchanged"] == 5
    assert not any(kind.endswith("/download/pc") for kind, _ in official.asked)
    assert [body["gbrq"] for kind, body in official.asked if kind == "list"] == [["2026-01-10", "2026-01-10"]]


def test_an_interrupted_sync_resumes_at_the_page_it_stopped(county_store, official):
    official.down = "repealed"
    first = run(county_store, official, levels=["法律"])
    assert [skip.source for skip in first.failed if "同步中断" in skip.reason] == ["法律"]
    assert titles(first, "added") == [NEW_LAW] and not titles(first, "repealed")
    [state] = [s for s in sync_states(county_store) if s.level == "法律"]
    assert (state.phase, state.page, state.synced_to) == ("repeals", 1, None)

    official.down, official.asked = None, []
    resumed = run(county_store, official, levels=["法律"])
    assert [kind for kind, _ in official.asked] == ["repealed"]
    assert titles(resumed, "repealed") == ["中华人民共和国环境保护法"]
    [state] = [s for s in sync_states(county_store) if s.level == "法律"]
    assert (state.phase, state.synced_to) == (None, "2026-01-10")


def test_departmental_rules_come_from_the_rules_database_with_their_key(county_store, official):
    skipped = run(county_store, official, levels=["部门规章", "地方性法规"])
    assert not skipped.changes and [skip.source for skip in skipped.skipped] == ["部门规章", "地方性法规"]
    assert not skipped.failed and not official.asked

    report = run(county_store, official, levels=["部门规章"], gov_rules_app_key=SecretStr("recorded-key"))
    assert titles(report, "added") == ["示范校园安全管理规定"]
    rule = county_store.read(queries.nodes.nodes_by("Law", "title", ["示范校园安全管理规定"]))[0]
    assert (rule["level"], rule["issuer"], rule["status"]) == ("部门规章", "教育部", "尚未生效")
    assert rule["current_version"] is None  # in force from 2026-04-01 (its closing article): its text waits

    later = run(county_store, official, levels=["部门规章"], today=date(2026, 4, 1),
                gov_rules_app_key=SecretStr("recorded-key"))
    assert [(change.kind, change.title) for change in later.changes] == [("in force", "示范校园安全管理规定")]
    rule = county_store.read(queries.nodes.nodes_by("Law", "title", ["示范校园安全管理规定"]))[0]
    assert (rule["status"], rule["effective"], rule["amended"]) == ("现行有效", "2026-04-01", None)
    assert len(county_store.read(queries.laws.version_articles(rule["current_version"], 0, 10))) == 3


def test_the_database_is_read_where_the_settings_say_and_through_their_proxy(county_store, official):
    run(county_store, official, levels=["法律"], flk_base_url="https://gateway.bureau.example/flk/")
    listed = [address for address in official.addresses if "/search/list" in address]
    assert listed and all(address == "https://gateway.bureau.example/flk/law-search/search/list" for address in listed)
    proxied = http_client(Settings(_env_file=None, sync_proxy="http://proxy.bureau.example:3128"))
    route = proxied._transport_for_url(httpx.URL("https://flk.npc.gov.cn/law-search/search/list"))
    assert route._pool._proxy_url.host == b"proxy.bureau.example"  # the sync's requests go through it
    proxied.close()


def test_a_document_too_large_or_a_bad_address_is_reported_not_fetched_whole(county_store, official):
    official.huge = True
    report = run(county_store, official, levels=["法律"])
    untexted = {skip.source: skip.reason for skip in report.skipped if "未取得正文" in skip.reason}
    assert set(untexted) == {NEW_LAW, "中华人民共和国食品安全法"} and "20 MB" in untexted[NEW_LAW]
    assert [change.note for change in report.changes if change.kind == "added"] == ["无正文"]
    broken = run(county_store, official, levels=["法律"], flk_base_url="flk.npc.gov.cn")
    assert [skip.source for skip in broken.failed] == ["法律"] and "PUFA_FLK_BASE_URL" in broken.failed[0].reason
