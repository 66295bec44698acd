"""What the assessment's tests share: files as phones and offices send them, an activity as a unit
writes it, the county's people (two liaisons, a reviewer, a reviewer working in the market regulator,
a coordinator, the administrator), the served app, and the calls the tests make."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import datetime

from fastapi.testclient import TestClient

from api.app import create_app
from pufa.config import Settings
from pufa.workflow import Role
from tests.accounts import BOOTSTRAP_TOKEN, FakeClock, make_account, token_for
from tests.api.test_review import BOOTSTRAP, call
from tests.fixtures_graph import build_county

YEAR = 2026
NOW = datetime(2026, 12, 20, 9, 0, 0)
"""The year is over: its activities are in the past."""

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


ACTIVITY = {
    "unit_id": "UMKT", "held_on": "2026年3月15日", "title": "“3·15”国际消费者权益日普法宣传",
    "law_text": "《中华人民共和国消费者权益保护法》、食品安全法", "audience_text": "消费者、青少年",
    "method_text": "发放宣传资料、以案释法", "place": "县城人民广场", "reached": 320,
    "description": "设置咨询台，发放宣传册 500 份。", "item_ids": ["C-MKT-2026#2"], "case_ids": ["K1"],
    "published_cases": [{"title": "某商户虚假宣传案", "summary": "以案释法：虚假宣传的法律责任。"}],
}


class Staff:
    """Bearer headers: two liaisons, a reviewer, a reviewer working in the market regulator, a coordinator."""

    def __init__(self, store):
        self.ids = {name: make_account(store, name, role, unit) for name, role, unit in (
            ("mkt", Role.LIAISON, "UMKT"), ("psb", Role.LIAISON, "UPSB"), ("reviewer", Role.REVIEWER, None),
            ("mkt-reviewer", Role.REVIEWER, "UMKT"), ("coordinator", Role.COORDINATOR, None))}
        self.headers = {name: token_for(store, account_id) for name, account_id in self.ids.items()}
        self.headers["admin"] = BOOTSTRAP
        self.headers["public"] = {}

    def __getitem__(self, name: str) -> dict[str, str]:
        return self.headers[name]


def served(store, clock: FakeClock, tmp_path) -> Iterator[TestClient]:
    """The county, served with 1 MB evidence files and three per activity."""
    build_county(store)
    settings = Settings(api_token=BOOTSTRAP_TOKEN, secret_key="test", cache_refresh_seconds=0,
                        attachments_dir=tmp_path / "attachments", max_attachment_mb=1, max_evidence_files=3)
    with TestClient(create_app(settings, store=store, clock=clock)) as client:
        yield client


def record(client, who, expect: int = 201, **changes) -> dict:
    return call(client, "POST", "/activities", who, expect, json={**ACTIVITY, **changes})


def attach(client, activity_id: str, who, *files: tuple[str, bytes], expect: int = 200) -> dict:
    return call(client, "POST", f"/activities/{activity_id}/evidence", who, expect,
                files=[("files", (name, content, "application/octet-stream")) for name, content in files])


def accepted_activity(client, staff, **changes) -> str:
    """An activity of the market regulator with a photo its reviewer accepted."""
    activity_id = record(client, staff["mkt"], **changes)["activity"]["id"]
    attach(client, activity_id, staff["mkt"], ("现场.jpg", JPEG))
    call(client, "POST", f"/activities/{activity_id}/accept", staff["reviewer"])
    return activity_id


def with_deadlines(client, staff: Staff) -> Staff:
    """The year opened with its deadlines (the fixture county's checklists came in on 2026-02-01/02)."""
    call(client, "PUT", f"/years/{YEAR}/plan", staff["admin"],
         json={"liaison_deadline": "2026-01-20", "checklist_deadline": "2026-02-01"})
    return staff


def compute(client, staff, who: str = "reviewer") -> dict:
    return call(client, "POST", f"/assessments/{YEAR}/compute", staff[who], 201)


def lines(client, who, unit_id: str = "UMKT", **params) -> dict:
    """A unit's score lines by rubric item."""
    result = call(client, "GET", f"/assessments/{YEAR}/units/{unit_id}", who, params=params)
    return {line["item_id"]: line for line in result["score"]["lines"]}
