"""A small hand-built county (澄河县) whose answers can be checked by hand.

Written through GraphWriter/GraphBatch like any ingest. What the tests rely on:

- Laws: 宪法 and 民法典 are common duties; 合同法 is 已废止 and REPEALED_BY 民法典; 野生动物保护法
  is 已修改; 食品安全法 and 安全生产法 are comprehensive (their articles name several department
  types); 食品安全法 has an older version whose article must not count; 示例市养犬管理条例 is a
  local regulation of 示例市 and 另一市市容条例 one of another city (it names no department).
- Units: 公安局 (with 交警大队 PART_OF it), 市场监管局, 教育体育局, 应急管理局, 生态环境分局, and 妇联
  (no department type, no checklist).
- Checklists for 2026: 公安局 has revision 1 (not current; it claimed 未成年人保护法) and revision 2
  (current); 市场监管局 also has a 2025 checklist. Rows carry problems, unresolved names,
  CO_UNIT partners (a declared 牵头) and key dates 12·4 and 3·15.

Articles naming department types (current versions), role in brackets:
  食品安全法  第六条 市场(duty); 第十条 市场(duty) 教育(duty); 第五十七条 教育(duty);
             第一百二十一条 市场(power) 公安(duty)            [old version: 第六条 应急(duty)]
  安全生产法  第九条 应急(duty); 第十条 应急(duty); 第十三条 应急(duty) 教育(duty); 第十七条 公安(power)
  未成年人保护法 第七条 教育(duty); 第三十五条 教育(duty) 公安(duty); 第一百条 公安(power)
  道路交通安全法 第五条 交警(duty) 公安(mention)
  示例市养犬管理条例 第四条 公安(duty); 第五条 公安(power)
  消费者权益保护法 第三十二条 市场(duty)
  环境保护法 第十条 生态(duty)

Principal authorities (PRINCIPAL), and so the relevance tiers (≥ 2 duty/power articles: related):
  食品安全法 市场 第六条 (主管); 教育 related (2); 公安 mentioned (1)
  安全生产法 应急 第九条 (主管); 教育, 公安 mentioned (1 each)
  未成年人保护法 no principal; 教育 related (2), 公安 related (2)
  道路交通安全法 交警 第五条 (主管); 公安 mentioned (0)
  示例市养犬管理条例 公安 第四条 (主管)
  消费者权益保护法 市场 mentioned (1)
  环境保护法 生态 第十条 (主管)
"""

from __future__ import annotations

from graph.migrations import summarize_checklists
from graph.queries.checklists import ANCHOR_SUMMARIES
from graph.query import Query
from graph.schema import rel_type
from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.checklists.load import write_summary

YEAR = 2026
REGION = "示例市澄河县"

DEPARTMENT_TYPES = {
    "public_security": "公安机关",
    "traffic_police": "公安机关交通管理部门",
    "market_regulation": "市场监督管理部门",
    "education": "教育行政部门",
    "emergency_management": "应急管理部门",
    "ecology_environment": "生态环境主管部门",
}
AUDIENCES = {"public": "社会公众", "consumers": "消费者", "students": "学生/青少年", "enterprises": "企业经营者"}
METHODS = {"lecture": "专题讲座", "new_media": "新媒体", "case_explanation": "以案释法"}
KEY_DATES = {
    "constitution_day": ("国家宪法日", 12, 4),
    "consumer_rights_day": ("国际消费者权益日", 3, 15),
    "work_safety_month": ("安全生产月", 6, None),
}

# id: (title, short title, level, status, region, is_common, aliases)
LAWS = {
    "LCON": ("中华人民共和国宪法", "宪法", "宪法", "现行有效", None, True, []),
    "LCIV": ("中华人民共和国民法典", "民法典", "法律", "现行有效", None, True, []),
    "LCONTRACT": ("中华人民共和国合同法", "合同法", "法律", "已废止", None, False, []),
    "LFOOD": ("中华人民共和国食品安全法", "食品安全法", "法律", "现行有效", None, False, ["食安法"]),
    "LSAFE": ("中华人民共和国安全生产法", "安全生产法", "法律", "现行有效", None, False, []),
    "LMINOR": ("中华人民共和国未成年人保护法", "未成年人保护法", "法律", "现行有效", None, False, ["未保法"]),
    "LTRAFFIC": ("中华人民共和国道路交通安全法", "道路交通安全法", "法律", "现行有效", None, False, []),
    "LCONSUMER": ("中华人民共和国消费者权益保护法", "消费者权益保护法", "法律", "现行有效", None, False, ["消法"]),
    "LENV": ("中华人民共和国环境保护法", "环境保护法", "法律", "现行有效", None, False, []),
    "LWILD": ("中华人民共和国野生动物保护法", "野生动物保护法", "法律", "已修改", None, False, []),
    "LDOG": ("示例市养犬管理条例", "示例市养犬管理条例", "地方性法规", "现行有效", "示例市", False, []),
    "LOTHER": ("另一市市容条例", "另一市市容条例", "地方性法规", "现行有效", "另一市", False, []),
}
CATEGORIES = {"LCON": "宪法", "LCIV": "民法典", "LDOG": "地方性法规", "LOTHER": "地方性法规"}
EFFECTIVE = {"LCIV": "2021-01-01", "LFOOD": "2015-10-01", "LMINOR": "2021-06-01", "LDOG": "2019-05-01"}

# version id (law id @ date): articles as (label, seq, text, [(type, role)])
VERSIONS = {
    "LCON@2018": [("第二十四条", 24, "国家普及理想教育、道德教育、文化教育、纪律和法制教育。", [])],
    "LCIV@2020": [("第一条", 1, "为了保护民事主体的合法权益，制定本法。", [])],
    "LCONTRACT@1999": [("第一条", 1, "为了保护合同当事人的合法权益，制定本法。", [])],
    "LFOOD@2018": [("第六条", 6, "县级以上地方人民政府食品药品监督管理部门负责本行政区域的食品安全监督管理工作。",
                    [("emergency_management", "duty")])],
    "LFOOD@2021": [
        ("第六条", 6, "县级以上地方人民政府市场监督管理部门负责本行政区域的食品安全监督管理工作。",
         [("market_regulation", "duty")]),
        ("第十条", 10, "各级人民政府应当加强食品安全的宣传教育，市场监督管理部门、教育行政部门应当普及食品安全知识。",
         [("market_regulation", "duty"), ("education", "duty")]),
        ("第五十七条", 57, "学校食堂应当严格遵守法律；教育行政部门应当加强对学校食堂的监督。", [("education", "duty")]),
        ("第一百二十一条", 121, "市场监督管理部门发现涉嫌犯罪的，应当移送公安机关；公安机关应当及时处理。",
         [("market_regulation", "power"), ("public_security", "duty")]),
    ],
    "LSAFE@2021": [
        ("第九条", 9, "应急管理部门应当对本行政区域内安全生产工作实施综合监督管理。", [("emergency_management", "duty")]),
        ("第十条", 10, "应急管理部门负责组织安全生产宣传教育。", [("emergency_management", "duty")]),
        ("第十三条", 13, "应急管理部门和教育行政部门应当将安全生产知识纳入教育内容。",
         [("emergency_management", "duty"), ("education", "duty")]),
        ("第十七条", 17, "公安机关可以依法处理。", [("public_security", "power")]),
    ],
    "LMINOR@2020": [
        ("第七条", 7, "教育行政部门应当开展未成年人保护宣传教育。", [("education", "duty")]),
        ("第三十五条", 35, "教育行政部门和公安机关应当维护校园周边秩序。", [("education", "duty"), ("public_security", "duty")]),
        ("第一百条", 100, "公安机关可以依法处罚。", [("public_security", "power")]),
    ],
    "LTRAFFIC@2021": [("第五条", 5, "公安机关交通管理部门负责本行政区域内的道路交通管理工作。",
                       [("traffic_police", "duty"), ("public_security", "mention")])],
    "LDOG@2019": [
        ("第四条", 4, "公安机关负责本市养犬管理工作。", [("public_security", "duty")]),
        ("第五条", 5, "公安机关可以依法没收。", [("public_security", "power")]),
    ],
    "LOTHER@2020": [("第一条", 1, "为了加强市容管理，制定本条例。", [])],
    "LCONSUMER@2013": [("第三十二条", 32, "市场监督管理部门应当保护消费者合法权益。", [("market_regulation", "duty")])],
    "LENV@2014": [("第十条", 10, "生态环境主管部门对本行政区域环境保护工作实施统一监督管理。",
                   [("ecology_environment", "duty")])],
    "LWILD@2018": [("第一条", 1, "为了保护野生动物，制定本法。", [])],
}
CURRENT_VERSION = {version.split("@")[0]: version for version in VERSIONS if version != "LFOOD@2018"}
PRINCIPALS = {"LFOOD": ("market_regulation", "第六条"), "LSAFE": ("emergency_management", "第九条"),
              "LTRAFFIC": ("traffic_police", "第五条"), "LDOG": ("public_security", "第四条"),
              "LENV": ("ecology_environment", "第十条")}
"""law id: (the type its current version makes principal authority, the article)."""

# id: (name, kind, department types, part of)
UNITS = {
    "UPSB": ("澄河县公安局", "行政执法机关", ["public_security"], None),
    "UTRAFFIC": ("澄河县公安局交通管理大队", "行政执法机关", ["traffic_police"], "UPSB"),
    "UMKT": ("澄河县市场监督管理局", "行政执法机关", ["market_regulation"], None),
    "UEDU": ("澄河县教育体育局", "行政执法机关", ["education"], None),
    "UEMG": ("澄河县应急管理局", "行政执法机关", ["emergency_management"], None),
    "UECO": ("示例市生态环境局澄河分局", "行政执法机关", ["ecology_environment"], None),
    "UFED": ("澄河县妇女联合会", "群团组织", [], None),
}
UNIT_ALIASES = {"UPSB": ["县公安局"], "UMKT": ["县市场监管局"], "UEDU": ["县教体局"]}

# checklist id: (unit, year, revision, current)
CHECKLISTS = {
    "C-PSB-2026-1": ("UPSB", 2026, 1, False),
    "C-PSB-2026-2": ("UPSB", 2026, 2, True),
    "C-TRAFFIC-2026": ("UTRAFFIC", 2026, 1, True),
    "C-MKT-2025": ("UMKT", 2025, 1, True),
    "C-MKT-2026": ("UMKT", 2026, 1, True),
    "C-EDU-2026": ("UEDU", 2026, 1, True),
    "C-EMG-2026": ("UEMG", 2026, 1, True),
    "C-ECO-2026": ("UECO", 2026, 1, True),
}


def item(law_text: str, laws=(), audiences=(), methods=(), dates=(), partners=(), problems=(), unresolved=(),
         timing: str = "全年", section: str | None = "法规股", person: str | None = "张三", not_laws=()) -> dict:
    return {
        "law_text": law_text, "laws": list(laws), "audiences": list(audiences), "methods": list(methods),
        "dates": list(dates), "partners": list(partners), "problems": list(problems),
        "unresolved": list(unresolved), "timing": timing, "section": section, "person": person,
        "not_laws": list(not_laws),
    }


ITEMS: dict[str, list[dict]] = {
    "C-PSB-2026-1": [item("《未成年人保护法》", ["LMINOR"], ["students"])],
    "C-PSB-2026-2": [
        item("《宪法》", ["LCON"], ["public"], ["lecture"], ["constitution_day"]),
        item("《民法典》", ["LCIV"], ["public"], ["new_media"], problems=["missing:who:empty"], section=None, person=None),
        item("《澄河县城区养犬管理办法》", [], ["public"], ["new_media"], unresolved=["timing:适时"],
             not_laws=["document:《澄河县城区养犬管理办法》"]),
    ],
    "C-TRAFFIC-2026": [item("《道路交通安全法》", ["LTRAFFIC"], ["students"], ["new_media"], ["constitution_day"])],
    "C-MKT-2025": [item("《合同法》", ["LCONTRACT"], ["enterprises"], ["lecture"])],
    "C-MKT-2026": [
        item("《食品安全法》（2021年修正）", ["LFOOD"], ["enterprises", "students"], ["case_explanation"],
             ["consumer_rights_day"], partners=["UEDU"]),
        item("《消费者权益保护法》", ["LCONSUMER"], ["consumers"], ["new_media"], ["consumer_rights_day"]),
        item("=HYPERLINK(\"http://x\")《中华人民共和国合同法》", ["LCONTRACT"], ["enterprises"], ["lecture"]),
    ],
    "C-EDU-2026": [
        item("《食品安全法》", ["LFOOD"], ["students"], ["lecture"], ["consumer_rights_day"]),
        item("《安全生产法》", ["LSAFE"], ["students"], ["lecture"], problems=["missing:when:empty"], timing=""),
        item("《宪法》", ["LCON"], ["students"], ["lecture"], ["constitution_day"]),
    ],
    "C-EMG-2026": [item("《安全生产法》", ["LSAFE"], ["enterprises"], ["lecture"], ["work_safety_month"], partners=["UEDU"])],
    "C-ECO-2026": [
        item("《环境保护法》", ["LENV"], ["public"], ["new_media"]),
        item("《野生动物保护法》", ["LWILD"], ["public"], [], problems=["missing:how:no_column"],
             unresolved=["timing:高考中考期间"], timing="高考中考期间"),
    ],
}

# case id: (title, [(law, articles)])
CASES = {
    "K1": ("某超市销售过期食品案", [("LFOOD", ["第一百二十四条"])]),
    "K2": ("某餐馆使用非食品原料案", [("LFOOD", ["第三十四条", "第一百二十四条"])]),
    "K3": ("某企业未开展安全培训案", [("LSAFE", ["第二十八条"])]),
}


def item_id(checklist_id: str, row: int) -> str:
    return f"{checklist_id}#{row}"


def county_batch() -> GraphBatch:
    """The whole county as one batch (a few hundred rows)."""
    batch = GraphBatch()
    for type_id, name in DEPARTMENT_TYPES.items():
        batch.add_node("DepartmentType", {"id": type_id, "name": name, "aliases": []})
    for label, names in (("Audience", AUDIENCES), ("Method", METHODS)):
        for node_id, name in names.items():
            batch.add_node(label, {"id": node_id, "name": name, "aliases": []})
    for node_id, (name, month, day) in KEY_DATES.items():
        batch.add_node("KeyDate", {"id": node_id, "name": name, "aliases": [], "month": month, "day": day})
    _add_laws(batch)
    _add_units_and_checklists(batch)
    for case_id, (title, cited) in CASES.items():
        batch.add_node("LawCase", {"id": case_id, "title": title, "summary": f"{title}的基本案情。", "source": "示例案例库"})
        for law_id, articles in cited:
            batch.add_edge("CITES", case_id, law_id, articles=articles)
    return batch


def _add_laws(batch: GraphBatch) -> None:
    for law_id, (title, short, level, status, region, common, aliases) in LAWS.items():
        batch.add_node("Law", {
            "id": law_id, "title": title, "short_title": short, "aliases": aliases, "level": level,
            "category": CATEGORIES.get(law_id, "行政法"), "status": status, "region": region,
            "effective": EFFECTIVE.get(law_id, "2000-01-01"), "current_version": CURRENT_VERSION[law_id],
            "is_common": common, "repealed_on": "2021-01-01" if law_id == "LCONTRACT" else None,
        })
    for version_id, articles in VERSIONS.items():
        law_id, date = version_id.split("@")
        status = "已修改" if version_id == "LFOOD@2018" else LAWS[law_id][3]
        batch.add_node("LawVersion", {"id": version_id, "law_id": law_id, "title": LAWS[law_id][0],
                                      "version_date": f"{date}-01-01", "status": status})
        batch.add_edge("HAS_VERSION", law_id, version_id)
        for label, seq, text, named in articles:
            article_id = f"{version_id}/{label}"
            batch.add_node("Article", {"id": article_id, "law_id": law_id, "version_id": version_id, "seq": seq,
                                       "number": seq, "suffix": 0, "label": label, "path": "", "text": text,
                                       "paragraphs": [text]})
            batch.add_edge("HAS_ARTICLE", version_id, article_id)
            for type_id, role in named:
                batch.add_edge("NAMES", article_id, type_id, gov_level="county_and_above", role=role,
                               surface=DEPARTMENT_TYPES[type_id])
    for law_id, (type_id, label) in PRINCIPALS.items():
        batch.add_edge("PRINCIPAL", law_id, type_id, article_ids=[f"{CURRENT_VERSION[law_id]}/{label}"],
                       article_labels=[label], gov_levels=["county_and_above"], cues=["supervises"])
    batch.add_edge("REPEALED_BY", "LCONTRACT", "LCIV", date="2021-01-01")


def _add_units_and_checklists(batch: GraphBatch) -> None:
    for unit_id, (name, kind, types, parent) in UNITS.items():
        batch.add_node("Unit", {"id": unit_id, "name": name, "aliases": UNIT_ALIASES.get(unit_id, []), "kind": kind,
                                "region": REGION, "parent_id": parent, "liaison_name": "李四",
                                "liaison_phone": "0000-7000111"})
        for type_id in types:
            batch.add_edge("ACTS_AS", unit_id, type_id)
        if parent:
            batch.add_edge("PART_OF", unit_id, parent)
    for checklist_id, (unit_id, year, revision, current) in CHECKLISTS.items():
        source = f"{UNITS[unit_id][0]}{year}年普法责任清单.xlsx"
        batch.add_node("Checklist", {"id": checklist_id, "unit_id": unit_id, "year": year, "revision": revision,
                                     "current": current, "source": source, "submitted_at": f"{year}-02-0{revision}"})
        batch.add_edge("SUBMITTED", unit_id, checklist_id)
        for row, spec in enumerate(ITEMS[checklist_id], start=1):
            node_id = item_id(checklist_id, row)
            batch.add_node("ChecklistItem", {
                "id": node_id, "checklist_id": checklist_id, "row": row, "source": f"{source}:{row + 1}",
                "raw": spec["law_text"], "law_text": spec["law_text"],
                "audience_text": "、".join(AUDIENCES[a] for a in spec["audiences"]),
                "method_text": "、".join(METHODS[m] for m in spec["methods"]),
                "timing_text": "、".join(KEY_DATES[k][0] for k in spec["dates"]) or spec["timing"],
                "section": spec["section"], "person": spec["person"],
                "partners": [UNITS[p][0] for p in spec["partners"]],
                "problems": spec["problems"], "unresolved": spec["unresolved"], "not_laws": spec["not_laws"],
            })
            batch.add_edge("HAS_ITEM", checklist_id, node_id)
            for rel, targets in (("CLAIMS", spec["laws"]), ("TARGETS", spec["audiences"]), ("USES", spec["methods"]),
                                 ("SCHEDULED", spec["dates"]), ("CO_UNIT", spec["partners"])):
                for target in targets:
                    extra = {"confidence": 1.0, "surface": spec["law_text"]} if rel == "CLAIMS" else {}
                    batch.add_edge(rel, node_id, target, **extra)


def build_county(store: GraphStore) -> GraphStore:
    """Write the county into an empty store with the schema and return the store."""
    GraphWriter(store).write(county_batch())
    summarize_checklists(store)  # what the checklist ingest writes with each checklist
    return store


def rows_per_anchor(store: GraphStore) -> tuple[list[tuple], list[tuple]]:
    """Every checklist's rows per key date and audience as its ROWS_ON and ROWS_FOR keep them, and as
    its rows say (a row once per law it claims, and whether it names partners): after any write of
    rows the two must agree."""
    kept, walked = [], []
    for summary, rel in ANCHOR_SUMMARIES.items():
        target = rel_type(summary).target
        for row in store.read(Query("kept", f"MATCH (c:Checklist)-[r:{summary}]->(a:{target}) RETURN c.id AS c, "
                                            "a.id AS a, r.item_ids AS items, r.law_ids AS laws, "
                                            "r.declaring_item_ids AS declaring")):
            kept += [(summary, row["c"], row["a"], item, law, item in row["declaring"])
                     for item, law in zip(row["items"], row["laws"], strict=True)]
        walked += [(summary, row["c"], row["a"], row["item"], row["law"], row["declares"]) for row in store.read(Query(
            "walked", f"MATCH (c:Checklist)-[:HAS_ITEM]->(i:ChecklistItem)-[:{rel}]->(a:{target}) "
                      "MATCH (i)-[:CLAIMS]->(l:Law) RETURN c.id AS c, a.id AS a, i.id AS item, l.id AS law, "
                      "coalesce(size(i.partners), 0) > 0 AS declares"))]
    return sorted(kept), sorted(walked)


def add_market_food_evidence(store: GraphStore) -> None:
    """Seven more rows of 市场监管局 claiming 食品安全法 on 3·15 (8 in all) and six more articles giving it
    duties (9 naming it, 8 of them duties): more of each than any answer lists (EVIDENCE_SHOWN)."""
    rows = [{"id": f"C-MKT-2026#{row}", "checklist_id": "C-MKT-2026", "row": row, "law_text": "《食品安全法》",
             "problems": [], "unresolved": []} for row in range(10, 17)]
    articles = [{"id": f"LFOOD@2021/{seq}", "law_id": "LFOOD", "version_id": "LFOOD@2021", "seq": seq, "number": seq,
                 "label": f"第{seq}条", "text": "市场监督管理部门应当加强监督管理。"} for seq in range(200, 206)]
    with store.transaction() as tx:
        tx.upsert_nodes("ChecklistItem", rows)
        tx.upsert_edges("HAS_ITEM", [{"src": "C-MKT-2026", "dst": row["id"]} for row in rows])
        tx.upsert_edges("CLAIMS", [{"src": row["id"], "dst": "LFOOD", "confidence": 1.0} for row in rows])
        tx.upsert_edges("SCHEDULED", [{"src": row["id"], "dst": "consumer_rights_day"} for row in rows])
        tx.upsert_nodes("Article", articles)
        tx.upsert_edges("HAS_ARTICLE", [{"src": "LFOOD@2021", "dst": a["id"]} for a in articles])
        tx.upsert_edges("NAMES", [{"src": a["id"], "dst": "market_regulation", "role": "duty"} for a in articles])
        write_summary(tx, "C-MKT-2026")


def add_constitution_day_units(store: GraphStore, count: int) -> None:
    """`count` more units of the county, each with a current checklist whose one row claims 宪法 on 12·4
    (the group around 12·4 then holds count + 2 units)."""
    units = [{"id": f"UX{n:02}", "name": f"澄河县第{n:02}单位", "kind": "行政执法机关", "region": REGION}
             for n in range(count)]
    with store.transaction() as tx:
        tx.upsert_nodes("Unit", units)
        for unit in units:
            checklist_id = f"C-{unit['id']}-{YEAR}"
            tx.upsert_nodes("Checklist", [{"id": checklist_id, "unit_id": unit["id"], "year": YEAR, "revision": 1,
                                           "current": True, "source": f"{unit['name']}.xlsx"}])
            tx.upsert_edges("SUBMITTED", [{"src": unit["id"], "dst": checklist_id}])
            tx.upsert_nodes("ChecklistItem", [{"id": f"{checklist_id}#1", "checklist_id": checklist_id, "row": 1,
                                               "law_text": "《宪法》", "problems": [], "unresolved": []}])
            tx.upsert_edges("HAS_ITEM", [{"src": checklist_id, "dst": f"{checklist_id}#1"}])
            tx.upsert_edges("CLAIMS", [{"src": f"{checklist_id}#1", "dst": "LCON", "confidence": 1.0}])
            tx.upsert_edges("SCHEDULED", [{"src": f"{checklist_id}#1", "dst": "constitution_day"}])
            write_summary(tx, checklist_id)
