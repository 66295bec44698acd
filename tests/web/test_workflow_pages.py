"""The workflow's pages on the hand-built county, on both stores: forms carry the CSRF token and
are refused without it, each role sees its own pages, and the public pages show published
checklists only — never a draft, a returned revision, a comment or a liaison's phone or e-mail."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from domain.accounts.accounts import Actor
from domain.base.cache import CachedStore
from domain.checklists import review
from graph.query import Query
from pufa.config import Settings
from pufa.workflow import PUBLIC_MENU, ROLES, Role
from tests.accounts import BOOTSTRAP_TOKEN, FakeClock, make_account
from tests.api.test_review import CSV, PDF, YEAR
from tests.fixtures_graph import REGION, build_county

SECRET_PHONE, SECRET_MAIL, SECRET_COMMENT = "13912345678", "liaison.secret@example.org", "内部意见：请勿外传"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(store, clock, tmp_path):
    build_county(store)
    for name, role, unit in (("mkt", Role.LIAISON, "UMKT"), ("psb", Role.LIAISON, "UPSB"), ("reviewer", Role.REVIEWER, None),
                             ("admin1", Role.ADMIN, None)):
        make_account(store, name, role, unit)
    settings = Settings(region=REGION, api_token=BOOTSTRAP_TOKEN, secret_key="pages", cache_refresh_seconds=0,
                        attachments_dir=tmp_path / "attachments")
    return create_app(settings, store=store, clock=clock)


def browser(app) -> TestClient:
    """A client that keeps its own cookies, like one person's browser."""
    return TestClient(app, follow_redirects=True)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client: TestClient, username: str) -> str:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": username, "password": "correct horse battery", "csrf_token": token})
    assert response.status_code == 200, response.text
    return csrf_of(response.text)


def post(client: TestClient, path: str, token: str, **data) -> str:
    files = data.pop("files", None)
    response = client.post(path, data={"csrf_token": token, **data}, files=files)
    assert response.status_code == 200, response.text[:2000]
    return response.text


def test_forms_without_the_csrf_token_are_refused(app):
    with browser(app) as client:
        assert client.post("/login", data={"username": "mkt", "password": "correct horse battery"}).status_code == 403
        sign_in(client, "mkt")
        refused = client.post("/my/drafts", data={"unit_id": "UMKT", "year": str(YEAR)})
        assert refused.status_code == 403 and "请刷新页面后重新提交" in refused.text and "CSRF" not in refused.text
        forged = client.post("/my/drafts", data={"unit_id": "UMKT", "year": str(YEAR), "csrf_token": "forged"})
        assert forged.status_code == 403


def test_pages_of_each_role_and_a_visitor_sent_to_sign_in(app):
    with browser(app) as client:
        assert "/login?next=/my" in str(client.get("/my").url)
        token = sign_in(client, "mkt")
        assert "我的清单" in client.get("/my").text
        assert client.get("/review").status_code == 403
        post(client, "/logout", token)
        sign_in(client, "reviewer")
        assert "审核队列" in client.get("/review").text and "年度安排" in client.get("/plan").text
        row = client.get("/checklists/C-PSB-2026-2").text.split('data-row="3"')[1].split("</tr>")[0]
        assert "非法律法规（规范性文件）：《澄河县城区养犬管理办法》" in row and "法律法规“" not in row  # never unresolved
        assert client.get("/my").status_code == 403


def test_the_cycle_through_the_forms(app, store):
    unit, reviewer = browser(app), browser(app)
    with unit, reviewer:
        token = sign_in(unit, "mkt")
        page = post(unit, "/my/upload", token, year=str(YEAR), unit_id="UMKT",
                    files={"file": ("清单.csv", CSV.encode(), "text/csv")})
        checklist_id = re.search(r'action="/checklists/([^/"]+)/row"', page).group(1)
        assert "草稿" in page and "缺少" not in page.split('id="rows"')[1].split("</section>")[0]
        page = post(unit, f"/checklists/{checklist_id}/row", token, law_text="《中华人民共和国合同法》", method_text="讲座")
        assert "已废止" in page and "民法典" in page and "缺少对谁普" in page
        item = re.findall(r'name="item_id" value="([^"]+)"', page)[-1]
        page = post(unit, f"/checklists/{checklist_id}/row", token, item_id=item, delete="true")
        assert "合同法" not in page.split('id="rows"')[1].split("</section>")[0]
        post(unit, f"/checklists/{checklist_id}/attachment", token, files={"file": ("scan.pdf", PDF, "application/pdf")})
        page = post(unit, f"/checklists/{checklist_id}/steps/submit", token)
        assert "已报送" in page
        rtoken = sign_in(reviewer, "reviewer")
        assert checklist_id in reviewer.get("/review").text
        page = reviewer.get(f"/checklists/{checklist_id}").text
        first = re.search(r'class="inline row-comment">.*?name="item_id" value="([^"]+)"', page, re.S).group(1)
        post(reviewer, f"/checklists/{checklist_id}/comments", rtoken, item_id=first, text="请写明具体案例")
        page = post(reviewer, f"/checklists/{checklist_id}/steps/return", rtoken, comment="请修改")
        assert "已退回修改" in page
        page = unit.get(f"/checklists/{checklist_id}").text
        assert "请写明具体案例" in page and "在此基础上修改" in page
        page = post(unit, f"/checklists/{checklist_id}/revise", token)
        fix_id = re.search(r'action="/checklists/([^/"]+)/row"', page).group(1)
        assert "请写明具体案例" in page
        post(unit, f"/checklists/{fix_id}/attachment", token, files={"file": ("scan.pdf", PDF, "application/pdf")})
        assert "已重新报送" in post(unit, f"/checklists/{fix_id}/steps/submit", token)
        post(reviewer, f"/checklists/{fix_id}/steps/approve", rtoken)
        post(reviewer, f"/checklists/{fix_id}/steps/file", rtoken, filing_number="澄普备〔2027〕1号")
        assert "已公布" in post(reviewer, f"/checklists/{fix_id}/steps/publish", rtoken)
    with TestClient(app) as public:
        listed = public.get("/public", params={"law": "食品安全法"}).text
        assert "澄河县市场监督管理局" in listed and "澄普备〔2027〕1号" in listed
        assert "澄河县市场监督管理局" not in public.get("/public", params={"law": "环境保护法"}).text
        assert "陈晓梅" in public.get(f"/public/checklists/{fix_id}").text
        assert public.get(f"/public/checklists/{checklist_id}").status_code == 404  # the returned revision


def test_notices_for_overdue_units_as_word_documents(app, clock):
    with browser(app) as client:
        token = sign_in(client, "admin1")
        post(client, "/plan", token, year=str(YEAR), liaison_deadline=f"{YEAR}-01-10", checklist_deadline=f"{YEAR}-02-20")
        clock.now = clock.now.replace(year=YEAR)
        page = client.get("/plan", params={"year": YEAR}).text
        assert "已逾期" in page and "澄河县妇女联合会" in page
        reminder = client.get("/plan/notices.docx", params={"year": YEAR, "kind": "escalation", "unit_id": "UFED"})
        text = "\n".join(p.text for p in Document(io.BytesIO(reminder.content)).paragraphs)
        assert "督办单" in text and "澄河县妇女联合会：" in text and f"{YEAR}年2月20日" in text


def test_public_pages_and_api_never_show_drafts_comments_or_contacts(app, store):
    """A graph full of drafts, returned revisions, comments and phone numbers: none reaches the public."""

    with store.transaction() as tx:
        tx.run(Query("contacts", "MATCH (u:Unit) SET u.liaison_phone = $phone, u.liaison_email = $mail",
                     {"phone": SECRET_PHONE, "mail": SECRET_MAIL}))
    with browser(app) as unit, browser(app) as reviewer:
        token, rtoken = sign_in(unit, "mkt"), sign_in(reviewer, "reviewer")
        csv = CSV.replace("陈晓梅", f"陈晓梅 {SECRET_PHONE} {SECRET_MAIL}")
        page = post(unit, "/my/upload", token, year=str(YEAR), unit_id="UMKT", files={"file": ("清单.csv", csv.encode(), "text/csv")})
        published = re.search(r'action="/checklists/([^/"]+)/row"', page).group(1)
        post(unit, f"/checklists/{published}/attachment", token, files={"file": ("scan.pdf", PDF, "application/pdf")})
        post(unit, f"/checklists/{published}/steps/submit", token)
        post(reviewer, f"/checklists/{published}/comments", rtoken, text=SECRET_COMMENT)
        for step, extra in (("approve", {}), ("file", {"filing_number": "备1"}), ("publish", {})):
            post(reviewer, f"/checklists/{published}/steps/{step}", rtoken, **extra)
        psb = browser(app)
        with psb:
            ptoken = sign_in(psb, "psb")
            draft_page = post(psb, "/my/upload", ptoken, year=str(YEAR), unit_id="UPSB",
                              files={"file": ("清单.csv", CSV.replace("陈晓梅", "草稿专用人").encode(), "text/csv")})
            returned = re.search(r'action="/checklists/([^/"]+)/row"', draft_page).group(1)
            post(psb, f"/checklists/{returned}/steps/submit", ptoken)
            post(reviewer, f"/checklists/{returned}/comments", rtoken, text=SECRET_COMMENT)
            post(reviewer, f"/checklists/{returned}/steps/return", rtoken, comment=SECRET_COMMENT)
    edu = Actor(id="edu", username="edu", role=Role.LIAISON, unit_id="UEDU", units=frozenset({"UEDU"}))
    draft = review.new_draft(CachedStore(store), edu, "UEDU", YEAR).id
    with TestClient(app) as public:
        pages = [public.get("/public").text, public.get(f"/public/checklists/{published}").text,
                 public.get("/api/v1/public/checklists").text, public.get(f"/api/v1/public/checklists/{published}").text,
                 public.get("/public", params={"unit": "公安"}).text]
        xlsx = load_workbook(io.BytesIO(public.get(f"/api/v1/public/checklists/{published}.xlsx").content)).active
        pages.append(repr([[c.value for c in row] for row in xlsx.iter_rows()]))
        docx = Document(io.BytesIO(public.get(f"/api/v1/public/checklists/{published}.docx").content))
        pages.append(repr([cell.text for table in docx.tables for row in table.rows for cell in row.cells]))
        everything = "\n".join(pages)
        assert "陈晓梅" in everything and "备1" in everything  # the published one is there
        for secret in (SECRET_PHONE, SECRET_MAIL, SECRET_COMMENT, "草稿专用人", draft, returned, "C-MKT-2026",
                       "C-PSB-2026-2", "0000-7000111"):
            assert secret not in everything, secret
        assert public.get(f"/public/checklists/{draft}").status_code == 404
        assert public.get(f"/api/v1/public/checklists/{quote('C-MKT-2026')}").status_code == 404
        assert public.get(f"/api/v1/checklists/{draft}").status_code == 401


def test_a_liaison_takes_over_the_checklist_the_bureau_entered(app):
    """The bureau enters a unit's file (submitted); the unit's home names the way in, a new draft is
    refused with what to do instead, in Chinese; 接手修改 makes the entry a draft the unit edits."""
    bureau, unit = browser(app), browser(app)
    with bureau, unit:
        btoken = sign_in(bureau, "admin1")
        post(bureau, "/units/UMKT/upload", btoken, year=str(YEAR), files={"file": ("市场监管局清单.csv", CSV.encode(), "text/csv")})
        token = sign_in(unit, "mkt")
        home = unit.get("/my", params={"year": YEAR}).text
        assert "普法办已代为录入" in home and "接手修改" in home
        refused = unit.post("/my/drafts", data={"unit_id": "UMKT", "year": str(YEAR), "csrf_token": token})
        assert refused.status_code == 409 and "撤回修改" in refused.text and "withdraw" not in refused.text
        entered = re.search(r'action="/checklists/([^/"]+)/steps/withdraw"', home).group(1)
        page = post(unit, f"/checklists/{entered}/steps/withdraw", token, comment="单位接手修改", done="taken_over")
        assert "已接手" in page and 'id="state">草稿' in page and 'class="row-edit row-card"' in page
        assert "录入文件《市场监管局清单》" in page and ".csv" not in page.split('id="trail"')[1]
        assert "继续编辑草稿" in unit.get("/my", params={"year": YEAR}).text


def test_each_role_lands_on_its_home_with_its_menu(app, store):
    make_account(store, "tongchou", Role.COORDINATOR)
    for username, role in (("mkt", Role.LIAISON), ("reviewer", Role.REVIEWER), ("admin1", Role.ADMIN),
                           ("tongchou", Role.COORDINATOR)):
        with browser(app) as client:
            sign_in(client, username)
            landed = client.get("/login")  # signed in: the page is the same, the menu is the role's
            menu = re.findall(r'<a href="([^"]+)"(?: aria-current="page")?>', landed.text.split("<nav>")[1].split("</nav>")[0])
            assert menu == [item.path for item in PUBLIC_MENU + ROLES[role].menu]
            token = csrf_of(landed.text)
            response = client.post("/login", data={"username": username, "password": "correct horse battery",
                                                   "csrf_token": token})
            assert response.url.path == ROLES[role].home


def test_public_search_takes_every_year_and_the_site_has_its_icon(app):
    with TestClient(app) as public:
        assert public.get("/public", params={"year": "", "unit": "市场监督管理局"}).status_code == 200
        assert public.get("/public", params={"year": "12"}).status_code == 422
        icon = public.get("/favicon.ico")
        assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
