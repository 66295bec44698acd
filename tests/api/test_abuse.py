"""What the service withstands: hostile input and abuse, tried as an attacker would, over HTTP on
both stores. Each test names one attack and what holds against it; read top to bottom, this module
is the list (hostile files themselves: tests/ingest/test_hostile_files.py; the soak under attack:
bench/bench_soak.py).
"""

from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

import docx
import pytest
import sniffio
from fastapi.testclient import TestClient

from api.app import create_app
from domain.checklists import review
from pufa.config import Settings
from pufa.workflow import Role
from tests.accounts import BOOTSTRAP_TOKEN, PASSWORD, FakeClock, make_account, sign_in, token_for
from tests.api.test_review import CSV, V1, YEAR, People, attach, call, upload_draft
from tests.fixtures_graph import build_county

BOOTSTRAP = {"Authorization": f"Bearer {BOOTSTRAP_TOKEN}"}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(store, clock, tmp_path):
    build_county(store)
    settings = Settings(api_token=BOOTSTRAP_TOKEN, secret_key="test", cache_refresh_seconds=0,
                        attachments_dir=tmp_path / "attachments", max_attachment_mb=1)
    with TestClient(create_app(settings, store=store, clock=clock)) as client:
        yield client


@pytest.fixture
def people(store, client) -> People:
    return People(store)


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
    assert "2027年清单.docx" in detail and "50000 paragraphs" in detail and "段落" in detail
    assert "pufa-upload" not in detail


def test_an_upload_is_parsed_in_a_worker_thread_never_on_the_event_loop(client, people, monkeypatch):
    """While a file parses the event loop serves everyone else: the parse runs where no loop is."""
    seen = []
    real = review.upload_checklist

    def watched(*args, **kwargs):
        try:
            seen.append(sniffio.current_async_library())
        except sniffio.AsyncLibraryNotFoundError:
            seen.append("worker thread")
        seen.append(client.app.state.uploads.parsers.borrowed_tokens)
        return real(*args, **kwargs)

    monkeypatch.setattr(review, "upload_checklist", watched)
    upload_draft(client, people["mkt"])
    assert seen == ["worker thread", 1]


def test_an_uploaded_checklist_never_shows_the_servers_folder(client, people):
    """The upload's temporary folder is the server's business: the checklist's source is the file's name."""
    draft = upload_draft(client, people["mkt"], name="市场监管局2027年清单.csv")
    detail = call(client, "GET", f"/checklists/{draft}", people["mkt"])
    assert detail["checklist"]["source"] == "市场监管局2027年清单.csv"


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
    response = client.post(f"{V1}/plan/{YEAR}/notices/send", params={"kind": "reminder"}, headers=people["mkt"])
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
