"""The checklist year as a workflow over /api/v1, on both stores: every step, every permission,
the states a step needs (409 naming the state, nothing written), the audit trail, and that drafts
never reach the answers that read the bureau's current revisions."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from graph.query import Query
from tests.accounts import BOOTSTRAP_TOKEN
from tests.fixtures_graph import rows_per_anchor

V1 = "/api/v1"
YEAR = 2027
"""The county has checklists up to 2026; the units draft 2027's."""
BOOTSTRAP = {"Authorization": f"Bearer {BOOTSTRAP_TOKEN}"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CSV = ("序号,法律法规名称,普法对象,普法方式,时间节点,责任科室,责任人\n"
       "1,《中华人民共和国食品安全法》,企业经营者,以案释法,3月15日,法规股,陈晓梅\n"
       "2,《中华人民共和国消费者权益保护法》,消费者,新媒体,全年,消保股,王五\n")


def call(client, method: str, path: str, who: dict, expect: int = 200, **kwargs) -> dict:
    response = client.request(method, V1 + path, headers=who, **kwargs)
    assert response.status_code == expect, response.text
    return response.json() if response.content else {}


def upload_draft(client, who, text: str = CSV, name: str = "清单.csv") -> str:
    report = call(client, "POST", "/checklists", who, files={"file": (name, text.encode(), "text/csv")},
                  data={"year": str(YEAR)})
    (checklist_id,) = report["checklist_ids"]
    return checklist_id


def attach(client, checklist_id: str, who, content: bytes = PDF, name: str = "盖章件.pdf", expect: int = 200) -> dict:
    return call(client, "PUT", f"/checklists/{checklist_id}/attachment", who, expect,
                files={"file": (name, content, "application/octet-stream")})


def claimed(client, unit_id: str, year: int = YEAR) -> list[str]:
    """The laws the unit's current revision of the year claims, as the answers read them."""
    answer = call(client, "GET", f"/units/{unit_id}/applicable", {}, params={"year": year})
    return sorted(law["law"]["id"] for law in answer["claimed"])


def test_a_units_upload_is_a_draft_of_its_own_that_no_answer_reads(client, people):
    draft = upload_draft(client, people["mkt"])
    detail = call(client, "GET", f"/checklists/{draft}", people["mkt"])
    assert (detail["checklist"]["state"], detail["checklist"]["current"], detail["checklist"]["unit"]["id"]) == (
        "draft", False, "UMKT")
    assert [a["action"] for a in detail["actions"]] == ["submit"] and detail["editable"]
    assert claimed(client, "UMKT") == []
    assert call(client, "GET", "/audit/units/UMKT", {}, params={"year": YEAR})["audit"]["submitted"] is False
    assert call(client, "GET", "/audit", {})["year"] == 2026  # the latest year the bureau has
    assert draft not in [c["id"] for c in call(client, "GET", "/units/UMKT", {})["checklists"]]
    again = upload_draft(client, people["mkt"], CSV.replace("王五", "赵六"))
    assert again != draft and call(client, "GET", "/checklists", people["mkt"])["count"] == 3  # 2025, 2026, 2027
    call(client, "GET", f"/checklists/{draft}", people["mkt"], 404)  # the open draft was replaced
    taken = client.post(f"{V1}/checklists", headers=people["mkt"], data={"year": "2026"},
                        files={"file": ("清单.csv", CSV.encode(), "text/csv")})
    assert taken.status_code == 409 and taken.json()["state"] == "submitted"  # 2026 is with the bureau


def test_a_unit_edits_rows_in_the_page_with_findings_beside_each(client, people):
    draft = upload_draft(client, people["mkt"])
    added = call(client, "POST", f"/checklists/{draft}/rows", people["mkt"], 201,
                 json={"law_text": "《中华人民共和国合同法》", "method_text": "专题讲座", "timing_text": "6月"})
    row = next(r for r in added["checklist"]["rows"] if r["item_id"] == added["item_id"])
    assert row["missing"] == ["whom", "who"]
    assert row["outdated"][0]["replaced_by"]["id"] == "LCIV"
    changed = call(client, "PUT", f"/checklists/{draft}/rows/{quote(added['item_id'], safe='')}", people["mkt"],
                   json={"law_text": "《民法典》", "audience_text": "社会公众", "method_text": "专题讲座",
                         "timing_text": "6月", "section": "法规股", "person": "陈晓梅"})
    row = next(r for r in changed["checklist"]["rows"] if r["item_id"] == added["item_id"])
    assert (row["missing"], row["outdated"], [law["id"] for law in row["laws"]]) == ([], [], ["LCIV"])
    assert changed["checklist"]["checklist"]["items"] == 3
    call(client, "DELETE", f"/checklists/{draft}/rows/{quote(added['item_id'], safe='')}", people["mkt"], 204)
    assert len(call(client, "GET", f"/checklists/{draft}", people["mkt"])["rows"]) == 2
    call(client, "PUT", f"/checklists/{draft}/rows/nope", people["mkt"], 404, json={"law_text": "x"})


def test_a_drafts_rows_per_key_date_and_audience_follow_every_edit(client, people, store):
    """What campaigns read (ROWS_ON, ROWS_FOR) stays as the rows say when a draft's rows are added,
    changed and deleted, when a new upload replaces the draft, and once it is submitted."""
    def kept(checklist_id: str) -> list[tuple[str, str, str]]:
        as_kept, as_rows = rows_per_anchor(store)
        assert as_kept == as_rows
        return sorted({(summary, anchor, law) for summary, owner, anchor, _, law, _ in as_kept if owner == checklist_id})

    draft = upload_draft(client, people["mkt"])
    uploaded = [("ROWS_FOR", "businesses", "LFOOD"), ("ROWS_FOR", "consumers", "LCONSUMER"),
                ("ROWS_ON", "all_year", "LCONSUMER"), ("ROWS_ON", "consumer_rights_day", "LFOOD")]
    assert kept(draft) == uploaded
    added = call(client, "POST", f"/checklists/{draft}/rows", people["mkt"], 201,
                 json={"law_text": "《宪法》", "audience_text": "学生", "timing_text": "12月4日"})
    assert kept(draft) == sorted([*uploaded, ("ROWS_FOR", "students", "LCON"), ("ROWS_ON", "constitution_day", "LCON")])
    row = f"/checklists/{draft}/rows/{quote(added['item_id'], safe='')}"
    call(client, "PUT", row, people["mkt"], json={"law_text": "《民法典》", "audience_text": "学生", "timing_text": "全年"})
    assert kept(draft) == sorted([*uploaded, ("ROWS_FOR", "students", "LCIV"), ("ROWS_ON", "all_year", "LCIV")])
    call(client, "DELETE", row, people["mkt"], 204)
    assert kept(draft) == uploaded
    again = upload_draft(client, people["mkt"], CSV.replace("3月15日", "12月4日"))
    assert kept(draft) == [] and kept(again) == sorted([*uploaded[:3], ("ROWS_ON", "constitution_day", "LFOOD")])
    params = {"key_date_id": "constitution_day", "year": YEAR, "min_units": 1}
    assert call(client, "GET", "/campaigns", {}, params=params)["data"] == []  # a draft: no answer reads it
    call(client, "POST", f"/checklists/{again}/submit", people["mkt"])
    groups = call(client, "GET", "/campaigns", {}, params=params)["data"]
    assert [(g["shared"]["id"], [u["unit"]["id"] for u in g["units"]]) for g in groups] == [("LFOOD", ["UMKT"])]


def test_another_unit_cannot_see_or_touch_a_draft_but_its_sub_units_are_its_own(client, people):
    draft = upload_draft(client, people["mkt"])
    psb = people["psb"]
    call(client, "GET", f"/checklists/{draft}", psb, 403)
    call(client, "POST", f"/checklists/{draft}/rows", psb, 403, json={"law_text": "《宪法》"})
    call(client, "POST", f"/checklists/{draft}/submit", psb, 403)
    attach(client, draft, psb, expect=403)
    assert draft not in [c["id"] for c in call(client, "GET", "/checklists", psb)["data"]]
    call(client, "GET", "/checklists", psb, 403, params={"unit_id": "UMKT"})
    text = CSV.replace("序号", "序号")
    call(client, "POST", "/checklists", psb, 403, files={"file": ("清单.csv", text.encode(), "text/csv")},
         data={"year": str(YEAR), "unit": "县市场监管局"})
    sub = call(client, "POST", "/units/UTRAFFIC/checklists/2027/drafts", psb, 201, json={})
    assert (sub["unit"]["id"], sub["state"]) == ("UTRAFFIC", "draft")
    call(client, "POST", "/units/UMKT/checklists/2027/drafts", psb, 403, json={})


def test_submit_withdraw_and_what_is_current(client, people):
    draft = upload_draft(client, people["mkt"])
    submitted = call(client, "POST", f"/checklists/{draft}/submit", people["mkt"])
    assert (submitted["state"], submitted["current"]) == ("submitted", True)
    assert claimed(client, "UMKT") == ["LCONSUMER", "LFOOD"]
    queue = call(client, "GET", "/checklists/review-queue", people["reviewer"])
    assert [c["id"] for c in queue["data"]] == [draft]
    call(client, "GET", "/checklists/review-queue", people["mkt"], 403)
    withdrawn = call(client, "POST", f"/checklists/{draft}/withdraw", people["mkt"])
    assert (withdrawn["state"], withdrawn["current"]) == ("draft", False)
    assert claimed(client, "UMKT") == []
    conflict = client.post(f"{V1}/checklists/{draft}/withdraw", headers=people["mkt"])
    assert conflict.status_code == 409 and conflict.json()["state"] == "draft" and "draft" in conflict.json()["detail"]


def test_the_whole_cycle_with_its_trail(client, people, store, clock):
    mkt, reviewer = people["mkt"], people["reviewer"]
    draft = upload_draft(client, mkt)
    call(client, "POST", f"/checklists/{draft}/submit", mkt)
    first_row = call(client, "GET", f"/checklists/{draft}", reviewer)["rows"][0]["item_id"]
    call(client, "POST", f"/checklists/{draft}/comments", reviewer, 201,
         json={"text": "请补充以案释法的具体案例", "item_id": first_row})
    call(client, "POST", f"/checklists/{draft}/comments", people["coordinator"], 403, json={"text": "x"})
    call(client, "POST", f"/checklists/{draft}/comments", mkt, 403, json={"text": "x"})
    assert call(client, "GET", f"/checklists/{draft}", mkt)["rows"][0]["comments"] == []  # not while under review
    call(client, "POST", f"/checklists/{draft}/return", reviewer, 422, json={})
    clock.advance(days=1)
    returned = call(client, "POST", f"/checklists/{draft}/return", reviewer, json={"comment": "请按意见修改后重新报送"})
    assert returned["state"] == "returned"
    seen = call(client, "GET", f"/checklists/{draft}", mkt)
    assert seen["rows"][0]["comments"][0]["text"] == "请补充以案释法的具体案例"
    assert [a["action"] for a in seen["actions"]] == [] and not seen["editable"]
    call(client, "POST", f"/checklists/{draft}/rows", mkt, 409, json={"law_text": "《宪法》"})
    fix = call(client, "POST", f"/checklists/{draft}/revise", mkt, 201)
    fixed = call(client, "GET", f"/checklists/{fix['id']}", mkt)
    assert fixed["rows"][0]["comments"][0]["text"] == "请补充以案释法的具体案例"  # beside the row it continues
    call(client, "PUT", f"/checklists/{fix['id']}/rows/{quote(fixed['rows'][0]['item_id'], safe='')}", mkt,
         json={**{k: fixed["rows"][0][k] or "" for k in ("law_text", "audience_text", "timing_text", "section", "person")},
               "method_text": "以案释法（某超市销售过期食品案）"})
    resubmitted = call(client, "POST", f"/checklists/{fix['id']}/submit", mkt)
    assert (resubmitted["state"], resubmitted["current"]) == ("resubmitted", True)
    call(client, "POST", f"/checklists/{fix['id']}/withdraw", mkt)
    assert call(client, "GET", f"/checklists/{draft}", mkt)["checklist"]["current"] is True  # the returned one again
    assert call(client, "POST", f"/checklists/{fix['id']}/submit", mkt)["state"] == "resubmitted"
    approve = client.post(f"{V1}/checklists/{fix['id']}/approve", headers=reviewer)
    assert approve.status_code == 409 and "signed" in approve.json()["detail"]
    attach(client, fix["id"], mkt, b"GIF89a not a scan", "盖章件.pdf", expect=422)
    attach(client, fix["id"], mkt, b"%PDF-1.4 cut off", "scan.pdf", expect=422)
    attach(client, fix["id"], mkt, PDF + b"x" * (1 << 20), expect=413)
    meta = attach(client, fix["id"], mkt)
    assert meta["media_type"] == "application/pdf" and meta["size"] == len(PDF)
    assert client.get(f"{V1}/checklists/{fix['id']}/attachment", headers=reviewer).content == PDF
    call(client, "POST", f"/checklists/{fix['id']}/approve", mkt, 403)
    call(client, "POST", f"/checklists/{fix['id']}/approve", people["coordinator"], 403)
    call(client, "POST", f"/checklists/{fix['id']}/approve", BOOTSTRAP, 403)
    call(client, "POST", f"/checklists/{fix['id']}/file", reviewer, 409, json={"filing_number": "澄普备〔2026〕1号"})
    assert call(client, "POST", f"/checklists/{fix['id']}/approve", reviewer)["state"] == "approved"
    attach(client, fix["id"], mkt, expect=409)
    call(client, "POST", f"/checklists/{fix['id']}/file", reviewer, 422, json={})
    filed = call(client, "POST", f"/checklists/{fix['id']}/file", reviewer, json={"filing_number": "澄普备〔2026〕1号"})
    assert (filed["state"], filed["filing_number"], filed["filed_on"]) == ("filed", "澄普备〔2026〕1号", "2026-03-02")
    published = call(client, "POST", f"/checklists/{fix['id']}/publish", reviewer)
    assert (published["state"], published["published_on"], published["current"]) == ("published", "2026-03-02", True)
    trail = call(client, "GET", f"/checklists/{fix['id']}", mkt)["trail"]
    assert [(t["action"], t["from_state"], t["to_state"]) for t in trail] == [
        ("submit", "draft", "submitted"), ("return", "submitted", "returned"), ("resubmit", "draft", "resubmitted"),
        ("withdraw", "resubmitted", "draft"), ("resubmit", "draft", "resubmitted"),
        ("approve", "resubmitted", "approved"), ("file", "approved", "filed"), ("publish", "filed", "published")]
    assert trail[1]["comment"] == "请按意见修改后重新报送" and "reviewer" in trail[1]["actor"]
    assert claimed(client, "UMKT") == ["LCONSUMER", "LFOOD"]


def test_a_reviewer_never_approves_their_own_submission(client, people, store):
    draft = upload_draft(client, people["mkt"])
    attach(client, draft, people["mkt"])
    call(client, "POST", f"/checklists/{draft}/submit", people["mkt"])
    with store.transaction() as tx:  # as if the reviewer had submitted it
        tx.run(Query("as_if", "MATCH (c:Checklist {id: $id}) SET c.submitted_by = $who",
                     {"id": draft, "who": people.ids["reviewer"]}))
    refused = client.post(f"{V1}/checklists/{draft}/approve", headers=people["reviewer"])
    assert refused.status_code == 403 and "submitted" in refused.json()["detail"]
    assert call(client, "POST", f"/checklists/{draft}/approve", people["reviewer2"])["state"] == "approved"


@pytest.mark.parametrize(("action", "state"), [
    ("withdraw", "draft"), ("return", "draft"), ("approve", "draft"), ("file", "draft"), ("publish", "draft"),
])
def test_a_step_that_does_not_apply_is_409_naming_the_state_and_writes_nothing(client, people, store, action, state):
    draft = upload_draft(client, people["mkt"])
    who = people["mkt"] if action == "withdraw" else people["reviewer"]
    stamp = store.stamp()
    response = client.post(f"{V1}/checklists/{draft}/{action}", headers=who,
                           json={"comment": "x", "filing_number": "备1"})
    assert response.status_code == 409, response.text
    assert response.json()["state"] == state and state in response.json()["detail"]
    assert store.stamp() == stamp  # the transaction rolled back
    assert call(client, "GET", f"/checklists/{draft}", who)["trail"] == []


@pytest.mark.parametrize(("who", "action"), [
    ("reviewer", "submit"), ("coordinator", "submit"), ("admin", "submit"), ("mkt", "return"), ("mkt", "approve"),
    ("mkt", "file"), ("mkt", "publish"), ("coordinator", "return"), ("admin", "publish"),
])
def test_a_role_that_may_not_take_a_step_is_403(client, people, who, action):
    draft = upload_draft(client, people["mkt"])
    call(client, "POST", f"/checklists/{draft}/{action}", people[who], 403, json={"comment": "x"})


def test_steps_need_a_credential_and_a_known_step(client, people):
    draft = upload_draft(client, people["mkt"])
    call(client, "POST", f"/checklists/{draft}/submit", {}, 401)
    call(client, "POST", f"/checklists/{draft}/explode", people["mkt"], 422)
    call(client, "POST", "/checklists/NOPE/submit", people["mkt"], 404)


def test_the_bureaus_own_ingest_enters_a_submitted_current_revision(client, people):
    report = call(client, "POST", "/checklists", BOOTSTRAP, files={"file": ("清单.csv", CSV.encode(), "text/csv")},
                  data={"year": str(YEAR), "unit": "县教体局"})
    (checklist_id,) = report["checklist_ids"]
    detail = call(client, "GET", f"/checklists/{checklist_id}", people["coordinator"])
    assert (detail["checklist"]["state"], detail["checklist"]["current"]) == ("submitted", True)
    assert [(t["action"], t["to_state"]) for t in detail["trail"]] == [("submit", "submitted")]
    assert detail["missing_laws"] and all(law["law"]["id"] != "LFOOD" for law in detail["missing_laws"])
    # Laws that only mention the unit's type (提及) are not held against it.
    assert {law["relevance"]["tier"] for law in detail["missing_laws"]} <= {"principal", "related"}
    call(client, "GET", f"/checklists/{checklist_id}", people["mkt"], 403)
