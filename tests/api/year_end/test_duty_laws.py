"""The 领导干部应知应会法律法规清单 over /api/v1 on both stores (法治宣传教育法 第三十七条): every unit of the
county gets a list generated from the graph (宪法, the common duties, its own laws most important
first), saves and confirms it; edits are new versions, the old ones kept; a law on it amended or
repealed, or a new law concerning the unit, flags it; the confirmed list is public, as JSON and Word."""

from __future__ import annotations

from graph.query import Query
from pufa.workflow import Role
from tests.accounts import make_account, token_for
from tests.api.test_review import V1, call
from tests.api.year_end.test_prompts import docx_text
from tests.fixtures_graph import UNITS


def liaison(store, unit_id: str) -> dict[str, str]:
    return token_for(store, make_account(store, f"liaison-{unit_id.lower()}", Role.LIAISON, unit_id))


def test_each_unit_gets_a_generated_list_it_confirms(client, store):
    for unit_id, (name, _, types, part_of) in UNITS.items():
        if part_of:
            continue
        who = liaison(store, unit_id)
        proposed = call(client, "GET", f"/units/{unit_id}/duty-laws", who)
        assert proposed["current"] is None and proposed["proposal"][0]["title"] == "中华人民共和国宪法"
        groups = [law["group"] for law in proposed["proposal"]]
        assert groups == sorted(groups, key=["constitution", "common", "own"].index)  # 宪法, common duties, its own
        assert "中华人民共和国民法典" in {law["title"] for law in proposed["proposal"] if law["group"] == "common"}
        saved = call(client, "POST", f"/units/{unit_id}/duty-laws", who, 201)
        assert saved["current"]["state"] == "draft" and saved["current"]["laws"] == proposed["proposal"]
        call(client, "GET", f"/public/duty-laws/{unit_id}", {}, 404)  # not before it is confirmed
        confirmed = call(client, "POST", f"/units/{unit_id}/duty-laws/1/confirm", who)
        assert confirmed["current"]["state_name"] == "已确认" and confirmed["flags"] == []
        public = call(client, "GET", f"/public/duty-laws/{unit_id}", {})
        assert public["version"] == 1
        document = client.get(f"{V1}/public/duty-laws/{unit_id}/docx")
        assert document.status_code == 200 and name in docx_text(document.content)
    market = call(client, "GET", "/public/duty-laws/UMKT", {})
    own = [law["title"] for law in market["laws"] if law["group"] == "own"]
    assert own[0] == "中华人民共和国食品安全法"  # the law it is principal authority for comes first
    assert "中华人民共和国合同法" not in {law["title"] for law in market["laws"]}  # repealed laws are not proposed


def test_edits_are_versions_and_changes_in_the_law_flag_the_list(client, store):
    who = liaison(store, "UMKT")
    call(client, "POST", "/units/UMKT/duty-laws", liaison(store, "UPSB"), 403)
    first = call(client, "POST", "/units/UMKT/duty-laws", who, 201)["current"]
    call(client, "POST", "/units/UMKT/duty-laws", who, 404, json={"law_ids": ["LCON", "NOPE"]})
    edited = call(client, "POST", "/units/UMKT/duty-laws", who, 201, json={"law_ids": ["LCON", "LFOOD", "LENV"]})
    assert [v["version"] for v in edited["versions"]] == [2, 1] and edited["versions"][1] == first
    assert [(law["id"], law["group"]) for law in edited["current"]["laws"]] == [
        ("LCON", "constitution"), ("LFOOD", "own"), ("LENV", "own")]
    call(client, "POST", "/units/UMKT/duty-laws/1/confirm", who, 409)  # only the latest version
    call(client, "POST", "/units/UMKT/duty-laws/2/confirm", who)
    with store.transaction() as tx:
        tx.run(Query("t_amend", "MATCH (l:Law {id: 'LFOOD'}) SET l.amended = '2099-01-01' RETURN l.id AS id"))
        tx.run(Query("t_repeal", "MATCH (l:Law {id: 'LENV'}) SET l.status = '已废止' RETURN l.id AS id"))
        tx.run(Query("t_new", "MATCH (l:Law {id: 'LCONSUMER'}) SET l.effective = '2099-01-01' RETURN l.id AS id"))
    flags = {law["id"]: law["change_name"] for law in call(client, "GET", "/units/UMKT/duty-laws", who)["flags"]}
    assert flags == {"LFOOD": "已修改，请核对", "LENV": "已废止，请调整", "LCONSUMER": "新施行，涉及本单位"}


def test_the_constitutions_amendments_are_not_listed_apart(client, store):
    with store.transaction() as tx:
        tx.run(Query("t_amendment", "CREATE (l:Law {id: 'LCONAM', title: '中华人民共和国宪法修正案（2018年）', "
                                    "short_title: '宪法修正案', level: '宪法', status: '现行有效', is_common: true}) "
                                    "RETURN l.id AS id"))
    proposed = call(client, "GET", "/units/UMKT/duty-laws", liaison(store, "UMKT"))["proposal"]
    assert [law["title"] for law in proposed if law["group"] == "constitution"] == ["中华人民共和国宪法"]
