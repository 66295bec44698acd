"""The /api/v1 read endpoints on the hand-built county, on both stores, and the write token guard."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from api.deps import ActorDep
from domain.base.documents import DOCX_MEDIA_TYPE, neutralize
from domain.catalogue.models import SHARED_UNITS_PAGE, UNITS_SHOWN
from ingest.checklists.load import write_summary
from ingest.reference import write_reference
from pufa.config import Settings
from pufa.workflow import Permission
from tests.fixtures_graph import add_constitution_day_units, build_county

V1 = "/api/v1"


@pytest.fixture
def client(store):
    build_county(store)
    with TestClient(create_app(Settings(), store=store)) as client:
        yield client


def get(client: TestClient, path: str, **params) -> dict:
    response = client.get(V1 + path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(rows: list[dict], key: str = "id") -> list[str]:
    return [row[key] for row in rows]


def test_gaps(client):
    body = get(client, "/gaps", owners=1)
    assert (body["year"], body["count"]) == (2026, 3)
    assert [(gap["law"]["id"], gap["tier"]) for gap in body["data"]] == [
        ("LDOG", "principal"), ("LMINOR", "related"), ("LOTHER", None)]
    assert (body["counts"], body["unowned"]) == ({"principal": 1, "related": 1, "mentioned": 0}, 1)
    owner = body["data"][0]["suggested_owners"][0]
    assert (owner["unit"]["id"], owner["articles"], owner["duty_articles"]) == ("UPSB", 2, 1)
    assert owner["relevance"]["types"] == [{
        "department_type_id": "public_security", "department_type": "公安机关", "tier": "principal",
        "acting_articles": 2, "named_articles": 2, "principal_articles": ["第四条"], "issuers": [], "implements": None}]
    assert owner["evidence"][0] == {
        "article_id": "LDOG@2019/第四条", "label": "第四条", "department_type_id": "public_security",
        "department_type": "公安机关", "gov_level": "county_and_above", "role": "duty",
    }
    regional = get(client, "/gaps", region="示例市澄河县", skip=1, limit=1)
    assert ([gap["law"]["id"] for gap in regional["data"]], regional["count"]) == (["LMINOR"], 2)
    assert [gap["law"]["id"] for gap in get(client, "/gaps", tier="unowned")["data"]] == ["LOTHER"]
    assert client.get(f"{V1}/gaps", params={"tier": "important"}).status_code == 422
    assert get(client, "/gaps", status="all", level="法律")["count"] == 1


def test_unit_gaps_and_applicable(client):
    gaps = get(client, "/gaps/units/UPSB", include_sub_units=True)
    assert {law["law"]["id"] for law in gaps["data"]} == {"LDOG", "LMINOR", "LSAFE", "LFOOD"}
    importance = [law["importance"] for law in gaps["data"]]
    assert importance == sorted(importance, reverse=True), "most important first"
    for law in gaps["data"]:
        assert "位阶" in {signal["label"] for signal in law["signals"]}
        assert law["importance"] == pytest.approx(sum(s["value"] * s["weight"] for s in law["signals"]), abs=1e-3)
    assert [law["law"]["id"] for law in get(client, "/gaps/units/UPSB", tier="related")["data"]] == ["LMINOR"]
    body = get(client, "/units/UMKT/applicable")
    assert [law["law"]["id"] for law in body["claimed"]] == ["LFOOD", "LCONSUMER", "LCONTRACT"]
    assert [(law["law"]["id"], law["relevance"]["tier"]) for law in body["inferred"]] == [
        ("LFOOD", "principal"), ("LCONSUMER", "mentioned")]
    assert body["inferred_counts"] == {"principal": 1, "related": 0, "mentioned": 1}
    assert [law["law"]["id"] for law in body["claimed_not_inferred"]] == ["LCONTRACT"]
    assert body["claimed"][0]["items"][0]["source"] == "澄河县市场监督管理局2026年普法责任清单.xlsx:2"


def test_a_read_takes_its_parts_from_one_graph_stamp(client, store, monkeypatch):
    """A unit's answer is several cached parts; each checked the stamps (a round trip on Neo4j): `store` is
    the engine the app's cached store wraps."""
    stamps = []
    stamp = store.stamps
    monkeypatch.setattr(store, "stamps", lambda: stamps.append(1) or stamp())
    get(client, "/units/UMKT/applicable")
    assert len(stamps) == 1
    client.get("/")
    assert len(stamps) == 2


def test_units(client):
    assert get(client, "/units")["count"] == 7
    assert ids(get(client, "/units", q="公安")["data"]) == ["UPSB", "UTRAFFIC"]
    detail = get(client, "/units/UPSB")
    assert ids(detail["sub_units"]) == ["UTRAFFIC"]
    assert ids(detail["checklists"]) == ["C-PSB-2026-2", "C-PSB-2026-1"]


def test_shared(client):
    body = get(client, "/shared", min_units=2)
    assert [(law["law"]["id"], law["units"]) for law in body["data"]] == [("LSAFE", 2), ("LMINOR", 2), ("LFOOD", 2)]
    food = get(client, "/shared/LFOOD")
    assert (food["lead"]["unit"]["id"], food["lead"]["principal_articles"]) == ("UMKT", ["第六条"])
    assert [(u["unit"]["id"], u["role"]) for u in food["units"]] == [("UMKT", "lead"), ("UEDU", "co")]
    second = get(client, "/shared/LFOOD", skip=1, limit=1)  # a page of the units; the lead and articles whole
    assert ([u["unit"]["id"] for u in second["units"]], second["unit_count"], second["lead"]["unit"]["id"]) == (
        ["UEDU"], 2, "UMKT")
    assert second["articles"] == food["articles"]
    assert client.get(f"{V1}/shared/LFOOD", params={"limit": 0}).status_code == 422


def test_campaign_groups_show_units_limit_units_and_count_them_all(client, store):
    add_constitution_day_units(store, 12)
    [group] = get(client, "/campaigns", key_date_id="constitution_day")["data"]
    assert (len(group["units"]), group["unit_count"], group["units"][0]["unit"]["id"]) == (
        UNITS_SHOWN, 14, group["lead"]["unit"]["id"])
    [group] = get(client, "/campaigns", key_date_id="constitution_day", units_limit=500)["data"]
    assert len(group["units"]) == group["unit_count"] == 14
    [alone] = get(client, "/campaigns", key_date_id="constitution_day", units_limit=1)["data"]
    assert ([u["unit"]["id"] for u in alone["units"]], alone["unit_count"]) == ([alone["lead"]["unit"]["id"]], 14)
    for bad in (0, 501):
        assert client.get(f"{V1}/campaigns", params={"key_date_id": "constitution_day", "units_limit": bad}).status_code == 422


def test_a_shared_law_lists_a_page_of_its_units_and_counts_them_all(client, store):
    add_constitution_day_units(store, SHARED_UNITS_PAGE + 5)
    constitution = get(client, "/shared/LCON")
    count = constitution["unit_count"]
    assert (len(constitution["units"]), count > SHARED_UNITS_PAGE + 5) == (SHARED_UNITS_PAGE, True)
    rest = get(client, "/shared/LCON", skip=SHARED_UNITS_PAGE)
    assert len(rest["units"]) == count - SHARED_UNITS_PAGE
    assert {u["unit"]["id"] for u in constitution["units"] + rest["units"]} >= {f"UX{n:02}" for n in range(25)}
    assert len(get(client, "/shared/LCON", limit=100)["units"]) == count


def test_campaigns(client):
    body = get(client, "/campaigns", key_date_id="consumer_rights_day")
    [group] = body["data"]
    assert (group["shared"]["id"], group["lead"]["unit"]["id"]) == ("LFOOD", "UMKT")
    assert group["calendar"] == [{
        "key_date": {"id": "consumer_rights_day", "name": "国际消费者权益日", "month": 3, "day": 15},
        "units": [{"id": "UMKT", "name": "澄河县市场监督管理局"}, {"id": "UEDU", "name": "澄河县教育体育局"}],
    }]
    assert get(client, "/campaigns", audience_id="students")["count"] == 1


def test_audit(client):
    summary = get(client, "/audit", limit=2)
    assert (summary["units_submitted"], summary["units_expected"], summary["law_coverage_pct"]) == (5, 6, 62.5)
    assert (len(summary["units"]["data"]), summary["units"]["count"]) == (2, 7)
    assert ids(get(client, "/audit/not-submitted")["data"]) == ["UFED"]
    problems = get(client, "/audit/problems")
    assert [(f["item"]["item_id"], f["missing"]) for f in problems["data"]] == [
        ("C-PSB-2026-2#2", ["who"]), ("C-EDU-2026#2", ["when"]), ("C-ECO-2026#2", ["how"]),
    ]
    outdated = get(client, "/audit/outdated", unit_id="UMKT")
    assert [(c["law"]["id"], c["replaced_by"]["id"]) for c in outdated["data"]] == [("LCONTRACT", "LCIV")]
    assert get(client, "/audit/unresolved")["count"] == 2
    assert get(client, "/audit/units/UECO")["audit"]["complete_pct"] == 50.0


def test_lookup(client):
    assert ids(get(client, "/laws", q="食安法")["data"]) == ["LFOOD"]
    detail = get(client, "/laws/LFOOD", skip=3, limit=1)
    assert ([a["label"] for a in detail["articles"]["data"]], detail["articles"]["count"]) == (["第一百二十一条"], 4)
    assert ids(detail["versions"]) == ["LFOOD@2018", "LFOOD@2021"]
    assert ids(get(client, "/laws/LCONTRACT")["repealed_by"]) == ["LCIV"]
    hits = get(client, "/articles", q="宣传教育")
    assert [(hit["law"]["id"], hit["article"]["label"]) for hit in hits["data"]] == [
        ("LSAFE", "第十条"), ("LMINOR", "第七条"), ("LFOOD", "第十条"),
    ]
    assert ids(get(client, "/laws/LFOOD/cases", article="第一百二十四条")["data"]) == ["K1", "K2"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/laws/NOPE", 404), ("/units/NOPE", 404), ("/units/NOPE/applicable", 404), ("/shared/NOPE", 404),
        ("/gaps/units/NOPE", 404), ("/audit/units/NOPE", 404), ("/laws/NOPE/cases", 404),
        ("/campaigns?key_date_id=nope", 404), ("/campaigns", 422), ("/exports/units/NOPE/checklist", 404),
    ],
)
def test_errors_are_problem_json(client, path, status):
    response = client.get(V1 + path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status


def test_limit_is_capped_at_500(client):
    assert client.get(V1 + "/gaps", params={"limit": 500}).status_code == 200
    assert client.get(V1 + "/gaps", params={"limit": 501}).status_code == 422
    assert client.get(V1 + "/laws", params={"q": "法", "skip": -1}).status_code == 422


# --- exports ----------------------------------------------------------------------------------


def test_neutralize_formula_cells():
    assert [neutralize(v) for v in ("=1+1", "+86 10", "-5", "@SUM(A1)", "\t=x", "食品安全法", 3, None)] == [
        "'=1+1", "'+86 10", "'-5", "'@SUM(A1)", "'\t=x", "食品安全法", 3, None,
    ]


def test_coverage_matrix_exports(client):
    response = client.get(V1 + "/exports/coverage", params={"format": "csv"})
    assert response.headers["content-disposition"] == (
        f'attachment; filename="2026.csv"; filename*=UTF-8\'\'{quote("2026年普法责任覆盖情况.csv")}')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    food = next(row for row in rows if row[0] == "LFOOD")
    cell = dict(zip(header, food))
    assert cell["澄河县市场监督管理局"] == "认领+主管"
    assert (cell["澄河县教育体育局"], cell["澄河县公安局"]) == ("认领+相关", "提及")
    assert cell["澄河县应急管理局"] == ""
    assert (cell["认领单位数"], cell["缺口"]) == ("2", "")
    assert dict(zip(header, next(row for row in rows if row[0] == "LMINOR")))["缺口"] == "是"
    sheet = load_workbook(io.BytesIO(client.get(V1 + "/exports/coverage").content)).active
    assert sheet.max_row == 2 + 8  # title, header, 8 laws in scope
    assert (sheet["A1"].value, [r.size["columns"] for r in sheet.merged_cells.ranges], sheet.freeze_panes) == (
        "2026年普法责任覆盖矩阵（认领=清单列入；主管=法律以其部门类型为主管部门，相关=两条以上条文赋予其职责或职权，"
        "提及=条文仅提及）", [len(header)], "A3")
    xlsx_rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    xlsx_food = dict(zip(xlsx_rows[0], next(row for row in xlsx_rows if row[0] == "LFOOD")))
    assert (xlsx_food["澄河县市场监督管理局"], xlsx_food["澄河县应急管理局"], xlsx_food["认领单位数"]) == ("认领+主管", None, 2)


def test_audit_report_exports_neutralize_formulas(client):
    workbook = load_workbook(io.BytesIO(client.get(V1 + "/exports/audit").content))
    assert workbook.sheetnames == ["概要", "单位", "审核发现"]
    findings = [[cell.value for cell in row] for row in workbook["审核发现"].iter_rows(min_row=2)]
    assert sorted({row[0] for row in findings}) == ["引用失效法律", "未报送", "未识别名称", "要素缺失"]
    assert any(str(row[4]).startswith("'=HYPERLINK") for row in findings)
    said = [row[5] for row in findings if row[0] in ("要素缺失", "未识别名称")]
    assert {"缺少谁去普（责任科室/责任人）：未填写", "缺少怎么普（普法方式）：清单没有这一列", "时间节点“适时”无法识别"} <= set(said)
    assert not any(code in text for text in said for code in ("missing:", "timing:", "no_column"))
    assert workbook["审核发现"].cell(1, 1).data_type == "s"
    text = client.get(V1 + "/exports/audit", params={"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_unit_checklist_export_is_a_publishable_table(client):
    response = client.get(V1 + "/exports/units/UMKT/checklist")
    assert response.headers["content-disposition"].endswith(f"filename*=UTF-8''{quote('澄河县市场监督管理局2026年普法责任清单.xlsx')}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "澄河县市场监督管理局2026年普法责任清单"
    assert rows[1] == ["序号", "法律法规名称", "普法对象", "普法方式", "时间节点", "责任科室", "责任人", "配合单位"]
    assert rows[2] == [1, "《食品安全法》（2021年修正）", "企业经营者、学生/青少年", "以案释法", "国际消费者权益日", "法规股", "张三",
                       "澄河县教育体育局"]
    assert rows[4][1] == "'=HYPERLINK(\"http://x\")《中华人民共和国合同法》"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --- the bootstrap token ---------------------------------------------------------------------


def _write_app(token: str | None) -> TestClient:
    """An app with one dummy write route guarded like the real ones (an actor allowed to ingest)."""
    app = create_app(Settings(api_token=token), store=object())  # the guard never touches the store

    def write(actor: ActorDep) -> dict:
        actor.require(Permission.BULK_INGEST)
        return {"ok": True}

    app.add_api_route("/api/v1/_write", write, methods=["POST"])
    return TestClient(app)


def test_the_bootstrap_token_acts_as_the_administrator():
    with _write_app("s3cret-token") as client:
        missing = client.post(V1 + "/_write")
        assert missing.status_code == 401
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = client.post(V1 + "/_write", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        basic = client.post(V1 + "/_write", headers={"Authorization": "Basic czNjcmV0LXRva2Vu"})
        assert basic.status_code == 401
        right = client.post(V1 + "/_write", headers={"Authorization": "Bearer s3cret-token"})
        assert (right.status_code, right.json()) == (200, {"ok": True})


@pytest.mark.parametrize("token", [None, ""])
def test_without_a_bootstrap_token_only_accounts_write(token):
    with _write_app(token) as client:
        response = client.post(V1 + "/_write", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_answers_asked_before_a_write_are_worked_out_again_before_the_next_visitor(store, monkeypatch):
    """What the background refresher runs after each write (domain.base.refresh): the next GET finds the
    answer ready; and a checklist write has it read that checklist's claims again, not every one's."""
    build_county(store)
    engine_reads = []
    engine_read = store.read
    claims = {"current_claims", "claims_of_checklists", "current_summaries"}
    asked_for = []
    monkeypatch.setattr(store, "read", lambda query: engine_reads.append(query.name) or asked_for.append(
        query.params.get("ids")) or engine_read(query))
    with TestClient(create_app(Settings(cache_refresh_seconds=0), store=store)) as client:
        first = get(client, "/shared")
        with store.transaction() as tx:
            write_summary(tx, "C-MKT-2026")
        engine_reads.clear()
        asked_for.clear()
        assert client.app.state.store.refresh() > 0
        assert "current_claims" not in engine_reads and "claims_of_checklists" in engine_reads
        assert {tuple(ids) for name, ids in zip(engine_reads, asked_for) if name == "claims_of_checklists"} == {
            ("C-MKT-2026",)}
        engine_reads.clear()
        assert get(client, "/shared") == first
        assert claims.isdisjoint(engine_reads)


@pytest.mark.parametrize(("method", "path", "status", "names"), [
    ("GET", f"{V1}/gaps?limit=0", 422, "query limit"),
    ("GET", f"{V1}/gaps?year=soon", 422, "query year"),
    ("POST", f"{V1}/cite", 422, "body"),
    ("GET", f"{V1}/no-such-resource", 404, "Not Found"),
    ("DELETE", f"{V1}/gaps", 405, "Method Not Allowed"),
])
def test_every_error_is_problem_json_naming_what_is_wrong(client, method, path, status, names):
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and problem["instance"] == path.split("?")[0]
    assert names in problem["detail"]


def test_the_years_campaigns_answer_every_key_date_and_take_the_bureaus_lead(store):
    write_reference(store)
    build_county(store)
    with TestClient(create_app(Settings(api_token="campaign-token"), store=store)) as client:
        year = get(client, "/campaigns/year", year=2026)
        assert year["count"] == len(year["data"]) >= 25  # a county without a 司法局 leaves a few without a lead
        safety = get(client, "/campaigns/year/safety_month", year=2026)
        assert (safety["lead"]["unit"]["id"], safety["lead"]["planned"], safety["lead_source"]) == ("UEMG", False, "usual")
        correction = {"unit_id": "UPSB"}
        assert client.put(f"{V1}/campaigns/year/safety_month/lead", json=correction).status_code == 401
        headers = {"Authorization": "Bearer campaign-token"}
        moved = client.put(f"{V1}/campaigns/year/safety_month/lead", json=correction, headers=headers, params={"year": 2026})
        assert moved.status_code == 200 and moved.json()["lead"]["unit"]["id"] == "UPSB"
        assert "UEMG" in ids([unit["unit"] for unit in moved.json()["units"]])
        unknown = client.put(f"{V1}/campaigns/year/month_03/lead", json=correction, headers=headers)
        assert unknown.status_code == 422
        listed = client.get(f"{V1}/campaigns/lists/themes", params={"year": 2026, "format": "docx"}, headers=headers)
        assert listed.status_code == 200 and listed.headers["content-type"] == DOCX_MEDIA_TYPE
