"""What the service withstands: hostile input and abuse, tried as an attacker would, over HTTP on
both stores. Each test names one attack and what holds against it; read top to bottom, this module
is the list (hostile files themselves: tests/ingest/test_hostile_files.py; the soak under attack:
bench/bench_soak.py).
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from contextlib import contextmanager
from datetime import date
from urllib.parse import quote

import docx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from api.routes.ingest import CITE_MAX_CHARACTERS
from cli import serve as serve_command
from domain.accounts.accounts import Actor
from domain.assessment import prompts
from domain.base.cache import CachedStore
from domain.base.documents import inert_cell, neutralize
from domain.catalogue import lookup
from domain.checklists import review
from graph.query import Query
from ingest.tables import limits
from pufa.config import Settings
from pufa.errors import StoreError
from pufa.workflow import Role
from tests.accounts import BOOTSTRAP_TOKEN, PASSWORD, make_account, sign_in, token_for
from tests.api.test_review import CSV, V1, YEAR, attach, call, upload_draft
from tests.fixtures_graph import build_county

BOOTSTRAP = {"Authorization": f"Bearer {BOOTSTRAP_TOKEN}"}


def empty_paragraphs_docx(count: int) -> bytes:
    """A real .docx whose body is `count` empty paragraphs: 400,000 of them compress to some 40 KB."""
    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                head, _, tail = data.decode().partition("<w:body>")
                data = (head + "<w:body>" + "<w:p/>" * count + "</w:body></w:document>").encode()
            target.writestr(item, data)
    return out.getvalue()


# --- 1. uploads: no file stalls the service ------------------------------------------------------


def test_a_docx_of_400000_empty_paragraphs_is_refused_by_count_naming_the_file(client, people):
    """Counted in the XML before python-docx builds an object a paragraph (that took 20 s and held /health)."""
    content = empty_paragraphs_docx(400_000)
    assert len(content) < 100_000
    response = client.post(f"{V1}/checklists", headers=people["mkt"], data={"year": str(YEAR)},
                           files={"file": ("2027年清单.docx", content)})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert "2027年清单.docx" in detail and f"{limits.MAX_PARAGRAPHS} paragraphs" in detail and "段落" in detail
    assert "pufa-upload" not in detail


def test_an_upload_is_parsed_in_a_worker_thread_never_on_the_event_loop(client, people, monkeypatch):
    """While a file parses the event loop serves everyone else: the parse runs where no loop is."""
    seen = []
    real = review.upload_checklist

    def watched(*args, **kwargs):
        try:
            seen.append(asyncio.get_running_loop())
        except RuntimeError:  # no event loop runs here
            seen.append("worker thread")
        seen.append(client.app.state.uploads.parsers.borrowed_tokens)
        return real(*args, **kwargs)

    monkeypatch.setattr(review, "upload_checklist", watched)
    upload_draft(client, people["mkt"])
    assert seen == ["worker thread", 1]


def test_an_uploaded_checklist_never_shows_the_servers_folder(client, people):
    """The upload's temporary folder is the server's business: the checklist's source is the file's name."""
    draft = upload_draft(client, people["mkt"], name="市场监管局2027年清单.csv")
    detail = client.get(f"{V1}/checklists/{draft}", headers=people["mkt"]).text
    assert "市场监管局2027年清单.csv" in detail and "pufa-upload" not in detail


# --- 3. impartiality: no account judges its own unit ----------------------------------------------


def test_a_reviewer_of_a_unit_never_comments_returns_approves_files_or_publishes_its_checklist(client, people, store):
    """One rule (Actor.require_impartial) for every judging step of the checklist year."""
    own = token_for(store, make_account(store, "mkt-reviewer", Role.REVIEWER, "UMKT"))
    draft = upload_draft(client, people["mkt"])
    attach(client, draft, people["mkt"])
    call(client, "POST", f"/checklists/{draft}/submit", people["mkt"])
    call(client, "POST", f"/checklists/{draft}/comments", own, 403, json={"text": "很好"})
    call(client, "POST", f"/checklists/{draft}/return", own, 403, json={"comment": "改"})
    call(client, "POST", f"/checklists/{draft}/approve", own, 403)
    assert call(client, "GET", f"/checklists/{draft}", own)["actions"] == []
    call(client, "POST", f"/checklists/{draft}/approve", people["reviewer"])
    call(client, "POST", f"/checklists/{draft}/file", own, 403, json={"filing_number": "澄普备〔2027〕9号"})
    call(client, "POST", f"/checklists/{draft}/file", people["reviewer"], json={"filing_number": "澄普备〔2027〕9号"})
    call(client, "POST", f"/checklists/{draft}/publish", own, 403)
    assert call(client, "POST", f"/checklists/{draft}/publish", people["reviewer"])["state"] == "published"


# --- 5. credentials end when they should ----------------------------------------------------------


def test_a_password_change_ends_every_api_token_of_the_account(client, store):
    """A stolen token dies with the password change that answers the theft."""
    account = make_account(store, "mkt-liaison", Role.LIAISON, "UMKT")
    token = token_for(store, account)
    call(client, "GET", "/auth/me", token)
    csrf = sign_in(client, "mkt-liaison")
    client.post(f"{V1}/auth/password", json={"current": PASSWORD, "new": "another long passphrase"},
                headers={"X-CSRF-Token": csrf})
    call(client, "GET", "/auth/me", token, 401)


def test_an_administrators_reset_ends_every_api_token_of_the_account(client, store):
    account = make_account(store, "mkt-liaison", Role.LIAISON, "UMKT")
    token = token_for(store, account)
    call(client, "POST", f"/accounts/{account}/reset", BOOTSTRAP)
    call(client, "GET", "/auth/me", token, 401)


def test_after_logout_the_old_session_cookie_answers_no_more(client, store):
    """Sign-out ends the session at once, not when its cookie expires 12 h later."""
    make_account(store, "mkt-liaison", Role.LIAISON, "UMKT")
    csrf = sign_in(client, "mkt-liaison")
    stolen = dict(client.cookies)
    assert client.get(f"{V1}/auth/me").status_code == 200
    assert client.post(f"{V1}/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    client.cookies.clear()
    client.cookies.update(stolen)
    assert client.get(f"{V1}/auth/me").status_code == 401


# --- 7. the small ones ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [f"/public/assessment/{2 ** 63}/units/UMKT", f"/assessment/{2 ** 63}/units/UMKT",
                                  f"/assessment/{2 ** 64}/summary.xlsx"])
def test_a_year_past_any_integer_in_a_page_path_is_refused_not_a_500(client, people, path):
    response = client.get(path, headers=people["reviewer"])
    assert response.status_code in (404, 422), response.text


def test_notices_refuse_a_liaison_before_saying_anything_of_the_mail_settings(client, people):
    response = client.post(f"{V1}/years/{YEAR}/notices/send", params={"kind": "reminder"}, headers=people["mkt"])
    assert response.status_code == 403 and "SMTP" not in response.text and "smtp" not in response.text


def test_downloads_carry_their_chinese_name_and_are_never_sniffed(client, people):
    """One download response (api.files.download): RFC 5987 name, ASCII fallback, nosniff."""
    response = client.get(f"{V1}/exports/units/UMKT/checklist", params={"year": 2026})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert f"filename*=UTF-8''{quote('澄河县市场监督管理局2026年普法责任清单.xlsx')}" in disposition
    assert 'filename="2026.xlsx"' in disposition or 'filename="download.xlsx"' in disposition
    assert response.headers["x-content-type-options"] == "nosniff"


def test_checklist_rows_typed_with_control_characters_are_kept_clean(client, people):
    """NUL and control characters never reach the store or an export."""
    draft = upload_draft(client, people["mkt"], text=CSV)
    row = {"law_text": "《中华人民共和国食品安全法》\x00\x07", "audience_text": "企业\x1b[31m经营者",
           "method_text": "讲座", "timing_text": "全年", "department_text": "法规股", "person_text": "陈晓梅"}
    saved = call(client, "POST", f"/checklists/{draft}/rows", people["mkt"], 201, json=row)
    [written] = [r for r in saved["checklist"]["rows"] if r["item_id"] == saved["item_id"]]
    assert not any(ch in written["law_text"] + written["audience_text"] for ch in "\x00\x07\x1b")


# --- 2. a store failure is a clear 503, never the engine's words ------------------------------------


ENGINE_WORDS = "LadybugDB: Buffer manager exception: Unable to allocate memory! The buffer pool is full"


def test_a_store_failure_is_a_503_problem_saying_what_to_do_in_the_api_and_on_the_pages(client, monkeypatch):
    def failing(*args, **kwargs):
        raise StoreError(ENGINE_WORDS)

    monkeypatch.setattr(lookup, "list_units", failing)
    monkeypatch.setattr(lookup, "search_laws", failing)
    answer = client.get(f"{V1}/units")
    assert answer.status_code == 503 and answer.headers["retry-after"] == "60"
    assert answer.headers["content-type"] == "application/problem+json"
    assert "Buffer" not in answer.text and "try again" in answer.json()["detail"]
    page = client.get("/search", params={"q": "食品"})
    assert page.status_code == 503 and "Buffer" not in page.text and "请过一分钟再试" in page.text


def test_prompts_from_an_assessment_are_written_in_bounded_batches_of_a_few_statements(store, monkeypatch):
    """Issuing a county's 整改 from an assessment filled LadybugDB's buffer pool: two statements a
    finding in one transaction. Now each batch of ISSUED_PER_TRANSACTION 普法提示 is one transaction of
    five (the year's last number, the prompts, their edges, their first events and those events' edges)."""
    build_county(store)
    reviewer = Actor(id=make_account(store, "judge", Role.REVIEWER), username="judge", role=Role.REVIEWER)
    monkeypatch.setattr(prompts, "ISSUED_PER_TRANSACTION", 2)
    statements: list[list[str]] = []
    real = CachedStore.transaction

    @contextmanager
    def counted(self):
        with real(self) as tx:
            statements.append([])
            for name in ("run", "upsert_nodes", "upsert_edges"):
                method = getattr(tx, name)
                monkeypatch.setattr(tx, name, lambda *args, _method=method, _name=name: (
                    statements[-1].append(_name), _method(*args))[1])
            yield tx

    monkeypatch.setattr(CachedStore, "transaction", counted)
    cached = CachedStore(store)
    rows = [prompts._new("UMKT", 2026, "assessment", [f"整改事项{number}"], None, "2026-06-30", reviewer,
                         "2026-03-01T09:00:00") for number in range(5)]
    prompts._write(cached, reviewer, 2026, rows)
    assert [len(batch) for batch in statements] == [5, 5, 5]
    issued = prompts.prompts(cached, reviewer, year=2026, today=date(2026, 3, 1))
    assert sorted((p.number, p.reasons[0]) for p in issued.data) == [(n + 1, f"整改事项{n}") for n in range(5)]


# --- 4. contact details typed into cells stay private ------------------------------------------------


PHONE, EMAIL = "13912345678", "wangwu@example.org"
CONTACT_CSV = ("序号,法律法规名称,普法对象,普法方式,时间节点,责任科室,责任人\n"
               f"1,《中华人民共和国食品安全法》咨询{PHONE},,以案释法,3月15日,法规股,王五 {PHONE} {EMAIL}\n")


def test_phones_and_emails_typed_into_cells_are_redacted_in_every_anonymous_answer(client):
    """One redaction (domain/base/redaction.py) for every answer, page and download read without signing in."""
    uploaded = client.post(f"{V1}/checklists", headers=BOOTSTRAP, data={"unit": "澄河县市场监督管理局", "year": "2026"},
                           files={"file": ("市场监管局2026年清单.csv", CONTACT_CSV.encode())})
    assert uploaded.status_code == 200, uploaded.text
    sheet = load_workbook(io.BytesIO(client.get(f"{V1}/exports/units/UMKT/checklist").content)).active
    texts = {
        "export": " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row),
        "audit": client.get(f"{V1}/audit/units/UMKT").text,
        "problems": client.get(f"{V1}/audit/problems").text,
        "audit csv": client.get(f"{V1}/exports/audit", params={"format": "csv"}).content.decode("utf-8-sig"),
        "unit page": client.get("/units/UMKT").text,
        "dashboard": client.get("/").text,
    }
    assert "王五" in texts["export"] and "食品安全法" in texts["audit"]
    assert {where for where, text in texts.items() if PHONE in text or EMAIL in text} == set()


# --- 6. no lockout for attackers to hand out ---------------------------------------------------------


def test_wrong_passwords_from_one_address_never_lock_the_owner_out_at_another(store, clock, tmp_path):
    """Throttled per (address, account) with backoff; X-Forwarded-For believed from a trusted proxy only."""
    make_account(store, "reviewer1", Role.REVIEWER)
    settings = Settings(api_token=BOOTSTRAP_TOKEN, secret_key="test", cache_refresh_seconds=0,
                        trusted_proxies="testclient")
    with TestClient(create_app(settings, store=store, clock=clock)) as proxied:
        attacker, owner = {"X-Forwarded-For": "203.0.113.9"}, {"X-Forwarded-For": "198.51.100.7"}
        answers = [proxied.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": "guess"},
                                headers=attacker).status_code for _ in range(10)]
        assert answers[:3] == [401] * 3 and set(answers[3:]) == {429}
        signed_in = proxied.post(f"{V1}/auth/login", json={"username": "reviewer1", "password": PASSWORD},
                                 headers=owner)
        assert signed_in.status_code == 200


def test_a_forwarded_for_header_from_an_untrusted_client_is_ignored(client, store):
    """Rotating X-Forwarded-For used to reset the per-address limit."""
    for number in range(20):
        client.post(f"{V1}/auth/login", json={"username": f"guess{number}", "password": "nope"},
                    headers={"X-Forwarded-For": f"203.0.113.{number}"})
    refused = client.post(f"{V1}/auth/login", json={"username": "guess99", "password": "nope"},
                          headers={"X-Forwarded-For": "198.51.100.1"})
    assert refused.status_code == 429


def test_the_server_leaves_forwarded_headers_to_the_app(monkeypatch):
    """uvicorn believed X-Forwarded-For from loopback by default, so any local client could rotate it:
    `pufa serve` turns that off and the app trusts PUFA_TRUSTED_PROXIES alone."""
    started = {}
    monkeypatch.setattr(serve_command.uvicorn, "run", lambda *args, **kwargs: started.update(kwargs))
    serve_command.serve(host="127.0.0.1", port=8000, workers=1)
    assert started["proxy_headers"] is False


def test_invited_liaisons_get_usernames_no_one_can_guess_from_the_register(client):
    """Not the public unit id: the invite sheet is where the liaison learns it."""
    invites = client.post(f"{V1}/accounts/invites", headers=BOOTSTRAP).json()["data"]
    usernames = [invite["account"]["username"] for invite in invites]
    units = [invite["account"]["unit"]["id"].lower() for invite in invites]
    assert usernames and not set(usernames) & set(units) and len(set(usernames)) == len(usernames)
    assert all(name.startswith("lx-") and len(name) == 11 for name in usernames)


# --- 7 (continued) ---------------------------------------------------------------------------------------


def test_pages_send_a_content_security_policy_and_refuse_to_be_framed(client):
    page = client.get("/public")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert client.get(f"{V1}/units").headers["x-content-type-options"] == "nosniff"


def test_the_anonymous_citation_finder_is_bounded(client):
    """200,000 characters cost 2 s of a core; the bound is CITE_MAX_CHARACTERS."""
    assert client.post(f"{V1}/cite", json={"text": "依据《食品安全法》第一百二十四条"}).status_code == 200
    assert client.post(f"{V1}/cite", json={"text": "法" * (CITE_MAX_CHARACTERS + 1)}).status_code == 422


@pytest.mark.parametrize("cell", [" =HYPERLINK(\"x\")", "＝1+1", "\n=1+1", "\u200b=1+1", "\ufeff@SUM(A1)", "－1+1"])
def test_csv_and_xlsx_cells_are_inert_however_a_formula_hides(cell):
    assert neutralize(cell) == "'" + cell
    assert inert_cell(f"\x00\x07{cell}") == "'" + cell


def test_a_cases_source_never_shows_the_servers_corpus_folder(client, store):
    with store.transaction() as tx:
        tx.run(Query("corpus_path", "MATCH (c:LawCase) SET c.source = $source", {"source": "/srv/pufa/corpus/案例/食品.md"}))
    answer = client.get(f"{V1}/laws/LFOOD/cases").text
    assert "/srv" not in answer and "食品.md" in answer
