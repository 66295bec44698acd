"""The year's plan and the year over year, over /api/v1 on both stores: deadlines and who is overdue,
reminders and escalations as Word documents and by e-mail (to a local aiosmtpd server), a
checklist compared with last year's published one, "start from last year", and the new laws."""

from __future__ import annotations

import io
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from docx import Document
from fastapi.testclient import TestClient

from api.app import create_app
from graph.query import Query
from graph.writer import GraphBatch, GraphWriter
from pufa.config import Settings
from tests.accounts import FakeClock, People
from tests.api.test_review import YEAR, attach, call
from tests.fixtures_graph import build_county

NEW_LAW = "中华人民共和国反食品浪费法"


class Mailbox:
    """An aiosmtpd handler keeping what it receives."""

    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()  # returns once the server answers
    yield mailbox, port
    controller.stop()


def add_new_law(store) -> None:
    """A law in force from 2026 that makes the market regulator (UMKT's type) a principal authority."""
    batch = GraphBatch()
    batch.add_node("Law", {"id": "LNEW", "title": NEW_LAW, "short_title": "反食品浪费法", "level": "法律",
                           "status": "现行有效", "effective": "2026-04-29", "current_version": "LNEW@2026",
                           "is_common": False, "aliases": []})
    batch.add_node("LawVersion", {"id": "LNEW@2026", "law_id": "LNEW", "title": NEW_LAW, "version_date": "2026-04-29"})
    batch.add_edge("HAS_VERSION", "LNEW", "LNEW@2026")
    batch.add_node("Article", {"id": "LNEW@2026/第五条", "law_id": "LNEW", "version_id": "LNEW@2026", "seq": 5,
                               "label": "第五条", "text": "县级以上地方人民政府市场监督管理部门负责本行政区域内反食品浪费的监督管理工作。", "paragraphs": []})
    batch.add_edge("HAS_ARTICLE", "LNEW@2026", "LNEW@2026/第五条")
    batch.add_edge("NAMES", "LNEW@2026/第五条", "market_regulation", gov_level="county_and_above", role="duty",
                   surface="市场监督管理部门")
    batch.add_edge("PRINCIPAL", "LNEW", "market_regulation", article_ids=["LNEW@2026/第五条"], article_labels=["第五条"],
                   gov_levels=["county_and_above"], cues=["supervises"])
    GraphWriter(store).write(batch)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def setup(store, clock, tmp_path, smtp):
    build_county(store)
    add_new_law(store)
    with store.transaction() as tx:
        tx.run(Query("mail", "MATCH (u:Unit) WHERE u.id IN $ids SET u.liaison_email = u.id + '@example.org'",
                     {"ids": ["UMKT", "UPSB", "UEDU"]}))
    settings = Settings(api_token="bootstrap-test-token", secret_key="t", cache_refresh_seconds=0,
                        attachments_dir=tmp_path / "attachments", smtp_host="127.0.0.1", smtp_port=smtp[1],
                        bureau_name="澄河县司法局", bureau_phone="0000-7969805")
    with TestClient(create_app(settings, store=store, clock=clock)) as client:
        yield client, People(store), smtp[0]


def publish_2026_market(client, people) -> None:
    attach(client, "C-MKT-2026", people["mkt"])
    for step, body in (("approve", {}), ("file", {"filing_number": "澄普备〔2026〕9号"}), ("publish", {})):
        call(client, "POST", f"/checklists/C-MKT-2026/{step}", people["reviewer"], json=body)


def test_the_plan_is_the_administrators_and_names_who_is_overdue(setup, clock):
    client, people, _ = setup
    plan = {"liaison_deadline": f"{YEAR}-01-10", "checklist_deadline": f"{YEAR}-02-20", "notice": "请按时报送"}
    for who in ("reviewer", "mkt", "coordinator"):
        call(client, "PUT", f"/years/{YEAR}/plan", people[who], 403, json=plan)
    call(client, "PUT", f"/years/{YEAR}/plan", people["admin"], 422, json={**plan, "checklist_deadline": f"{YEAR}-01-01"})
    saved = call(client, "PUT", f"/years/{YEAR}/plan", people["admin"], json=plan)
    assert saved["opened_at"] and saved["checklist_deadline"] == f"{YEAR}-02-20"
    assert call(client, "GET", f"/years/{YEAR}/plan", {})["notice"] == "请按时报送"
    before = call(client, "GET", f"/years/{YEAR}/overdue", people["reviewer"])
    assert before["checklists"]["past"] is False and before["checklists"]["count"] == 6
    assert "UMKT" not in [u["unit"]["id"] for u in before["liaisons"]["data"]]  # it has an active account
    assert "UFED" in [u["unit"]["id"] for u in before["liaisons"]["data"]]
    call(client, "GET", f"/years/{YEAR}/overdue", people["mkt"], 403)
    draft = call(client, "POST", f"/units/UMKT/checklists/{YEAR}/drafts", people["mkt"], 201, json={})
    call(client, "POST", f"/checklists/{draft['id']}/rows", people["mkt"], 201, json={"law_text": "《食品安全法》"})
    assert "UMKT" in [u["unit"]["id"] for u in call(client, "GET", f"/years/{YEAR}/overdue", people["reviewer"])
                      ["checklists"]["data"]]  # a draft is not a submission
    call(client, "POST", f"/checklists/{draft['id']}/submit", people["mkt"])
    clock.now = clock.now.replace(year=YEAR)
    after = call(client, "GET", f"/years/{YEAR}/overdue", people["reviewer"])
    assert after["checklists"]["past"] is True and after["checklists"]["count"] == 5
    assert after["states"] == {"submitted": 1}


def test_reminders_and_escalations_print_and_mail(setup, clock):
    client, people, mailbox = setup
    call(client, "PUT", f"/years/{YEAR}/plan", people["admin"], json={"checklist_deadline": f"{YEAR}-02-20"})
    clock.now = clock.now.replace(year=YEAR, month=3, day=2)
    one = client.get(f"/api/v1/years/{YEAR}/notices.docx", params={"kind": "escalation", "unit_id": "UEDU"},
                     headers=people["reviewer"])
    assert one.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(one.content)).paragraphs)
    assert "普法责任清单报送督办单" in text and "澄河县教育体育局：" in text and f"{YEAR}年3月7日前" in text
    assert "澄河县司法局" in text and "0000-7969805" in text
    everyone = Document(io.BytesIO(client.get(f"/api/v1/years/{YEAR}/notices.docx", params={"kind": "reminder"},
                                              headers=people["admin"]).content))
    assert sum("提示单" in p.text for p in everyone.paragraphs) == 6
    liaison = Document(io.BytesIO(client.get(f"/api/v1/years/{YEAR}/notices.docx", headers=people["admin"], params={
        "kind": "reminder", "subject": "liaison", "unit_id": "UFED"}).content))
    assert "联络员登记提示单" in liaison.paragraphs[0].text and "邀请码" in "".join(p.text for p in liaison.paragraphs)
    call(client, "GET", f"/years/{YEAR}/notices.docx", people["admin"], 404,
         params={"kind": "reminder", "subject": "liaison", "unit_id": "UMKT"})  # its liaison has signed in
    call(client, "GET", f"/years/{YEAR}/notices.docx", people["mkt"], 403, params={"kind": "reminder"})
    call(client, "GET", f"/years/{YEAR}/notices.docx", people["reviewer"], 422, params={"kind": "summons"})
    sent = call(client, "POST", f"/years/{YEAR}/notices/send", people["reviewer"], params={"kind": "reminder"})
    delivered = {s["unit"]["id"]: s for s in sent["data"]}
    assert delivered["UEDU"]["sent"] and not delivered["UFED"]["sent"] and "邮箱" in delivered["UFED"]["reason"]
    assert sorted(m["To"] for m in mailbox.messages) == ["UEDU@example.org", "UMKT@example.org", "UPSB@example.org"]
    attachment = next(part for part in mailbox.messages[0].walk() if part.get_filename())
    assert attachment.get_filename().startswith(f"{YEAR}年度普法责任清单报送提示单（")
    assert "提示单" in "\n".join(p.text for p in Document(io.BytesIO(attachment.get_payload(decode=True))).paragraphs)


def test_a_control_character_typed_into_the_notice_does_not_break_the_download(setup, clock):
    client, people, _ = setup
    call(client, "PUT", f"/years/{YEAR}/plan", people["admin"],
         json={"checklist_deadline": f"{YEAR}-02-20", "notice": "请按时报送\x0b。\x00"})
    clock.now = clock.now.replace(year=YEAR, month=3, day=2)
    notice = client.get(f"/api/v1/years/{YEAR}/notices.docx", params={"kind": "reminder", "unit_id": "UEDU"},
                        headers=people["reviewer"])
    assert notice.status_code == 200
    assert "请按时报送。" in [p.text for p in Document(io.BytesIO(notice.content)).paragraphs]


def test_start_from_last_year_and_compare(setup):
    client, people, _ = setup
    publish_2026_market(client, people)
    draft = call(client, "POST", f"/units/UMKT/checklists/{YEAR}/drafts", people["mkt"], 201,
                 json={"from_last_year": True})
    detail = call(client, "GET", f"/checklists/{draft['id']}", people["mkt"])
    rows = {row["law_text"]: row for row in detail["rows"]}
    contract = next(row for text, row in rows.items() if "合同法" in text)
    assert "已废止" in contract["note"] and "民法典" in contract["note"] and contract["origin"] == "C-MKT-2026#3"
    proposed = rows[f"《{NEW_LAW}》"]
    assert proposed["note"].startswith("新施行：2026年4月29日") and proposed["missing"] == ["whom", "how", "when", "who"]
    assert [law["id"] for law in proposed["laws"]] == ["LNEW"]
    call(client, "POST", f"/units/UPSB/checklists/{YEAR}/drafts", people["psb"], 422, json={"from_last_year": True})
    food = next(row for row in detail["rows"] if "食品安全法" in row["law_text"])
    call(client, "PUT", f"/checklists/{draft['id']}/rows/{food['item_id'].replace('#', '%23')}", people["mkt"],
         json={"law_text": food["law_text"], "audience_text": "学生", "method_text": "以案释法", "timing_text": "3月",
               "section": "法规股", "person": "张三"})
    compared = call(client, "GET", f"/checklists/{draft['id']}/compare", people["mkt"])
    assert compared["previous"]["id"] == "C-MKT-2026"
    assert [law["id"] for law in compared["laws_added"]] == ["LNEW"]
    # the county's third row hides 合同法 behind a formula: typed again, the name no longer resolves
    assert [law["id"] for law in compared["laws_removed"]] == ["LCONTRACT"]
    (change,) = compared["rows_changed"]
    assert change["key"] == "食品安全法" and change["changed"] == ["audience_text", "timing_text"]
    call(client, "GET", f"/checklists/{draft['id']}/compare", people["psb"], 403)


def test_the_years_new_laws_list_the_units_concerned(setup):
    client, people, _ = setup
    before = call(client, "GET", f"/years/{YEAR}/new-laws", people["coordinator"])
    (law,) = [item for item in before["data"] if item["law"]["id"] == "LNEW"]
    assert (law["change"], law["date"]) == ("施行", "2026-04-29")
    assert [(u["unit"]["id"], u["listed"], u["checklist_id"]) for u in law["units"]] == [("UMKT", False, None)]
    publish_2026_market(client, people)
    call(client, "POST", f"/units/UMKT/checklists/{YEAR}/drafts", people["mkt"], 201, json={"from_last_year": True})
    after = call(client, "GET", f"/years/{YEAR}/new-laws", people["reviewer"])
    (law,) = [item for item in after["data"] if item["law"]["id"] == "LNEW"]
    assert [(u["unit"]["id"], u["listed"], u["state"]) for u in law["units"]] == [("UMKT", True, "draft")]
    call(client, "GET", f"/years/{YEAR}/new-laws", people["mkt"], 403)
