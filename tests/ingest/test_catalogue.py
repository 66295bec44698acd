"""Building the law catalogue: versions, statuses as of a date, split codes, repeals, aliases,
implementing rules and the laws.jsonl rows. Synthetic corpora first, then the real one."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ingest.laws.catalogue import Catalogue, build_catalogue, implemented_law
from ingest.laws.graph import InheritedFact, NamedType, PrincipalFact, inherited_facts
from ingest.laws.model import ParsedLawFile
from ingest.laws.parse import scan_law_paths
from ingest.laws.standing import law_citations, law_standing
from pufa.laws import law_id
from tests.corpus import corpus_dir

NPCSC = "第十二届全国人民代表大会常务委员会第三十次会议"


def law_text(title: str, history: list[str], body: str, subtitle: str | None = None) -> str:
    head = f"# {title}\n\n" + (f"# {subtitle}\n\n" if subtitle else "") + "\n\n".join(history)
    return f"{head}\n\n<!-- INFO END -->\n\n{body}\n"


FILES = {
    "经济法/示范会计法(2017-11-04).md": law_text(
        "中华人民共和国示范会计法",
        ["1985年1月21日 第六届全国人民代表大会常务委员会第九次会议通过", f"2017年11月4日 {NPCSC}第二次修正"],
        "## 第一章 总则\n\n第一条 为了示范，制定本法。\n\n第二条 本法自2000年7月1日起施行。",
    ),
    "经济法/示范会计法(2024-06-28).md": law_text(
        "中华人民共和国示范会计法",
        ["1985年1月21日 第六届全国人民代表大会常务委员会第九次会议通过", f"2024年6月28日 {NPCSC}第三次修正", "2024年7月1日 施行"],
        "## 第一章 总则\n\n第一条 为了示范，制定本法。\n\n第一条之一 新增。\n\n第二条 本法自2000年7月1日起施行。",
    ),
    "民法典/总则.md": law_text(
        "中华人民共和国示范法典", ["2020年5月28日 第十三届全国人民代表大会第三次会议通过", "2021年1月1日 施行"],
        "## 第一章  基本规定\n\n第一条 为了示范，制定本法。\n\n第二条 示范。", subtitle="总则",
    ),
    "民法典/物权编.md": law_text(
        "中华人民共和国示范法典", ["2020年5月28日 第十三届全国人民代表大会第三次会议通过", "2021年1月1日 施行"],
        "## 第一分编 通则\n\n### 第一章 一般规定\n\n第三条 物权示范。", subtitle="物权编",
    ),
    "民法典/附则.md": law_text(
        "中华人民共和国示范法典", ["2020年5月28日 第十三届全国人民代表大会第三次会议通过", "2021年1月1日 施行"],
        "##\n\n第四条 本法自2021年1月1日起施行。《中华人民共和国示范合同法》、《中华人民共和国示范物权法》同时废止。",
        subtitle="附则",
    ),
    "民法商法/示范物权法(2007-03-16).md": law_text(
        "中华人民共和国示范物权法", ["2007年3月16日 第十届全国人民代表大会第五次会议通过", "2007年10月1日 施行"],
        "第一条 示范物权。",
    ),
    "宪法相关法/示范物权法(2007-03-16).md": law_text(
        "中华人民共和国示范物权法", ["2007年3月16日 第十届全国人民代表大会第五次会议通过", "2007年10月1日 施行"],
        "第一条 示范物权。",
    ),
    "行政法规/示范会计法实施条例(2011-01-08).md": law_text(
        "示范会计法实施条例", ["2011年1月8日 中华人民共和国国务院令第588号公布"],
        "第一条 根据《中华人民共和国示范会计法》（以下简称示会法）和《最高人民法院关于示范的解释》（以下简称《解释》），制定本条例。",
    ),
    "行政法规/示范条例(2019-01-01).md": law_text(
        "示范条例", ["2019年1月1日 中华人民共和国国务院令第700号公布"], "第一条 本条例自2019年1月1日起施行。",
    ),
    "行政法规/示范新条例(2010-01-01).md": law_text(
        "示范新条例", ["2010年1月1日 中华人民共和国国务院令第600号公布"],
        "第一条 本条例自2010年1月1日起施行。1990年发布的《示范条例》同时废止。",
    ),
    "经济法/示范增值税法(2024-12-25).md": law_text(
        "中华人民共和国示范增值税法", [f"2024年12月25日 {NPCSC}通过"], "第一条 本法自2026年1月1日起施行。",
    ),
}


@pytest.fixture(scope="module")
def parsed_files(tmp_path_factory) -> list[ParsedLawFile]:
    root = tmp_path_factory.mktemp("corpus")
    for relative, text in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    results = list(scan_law_paths([root]))
    assert all(isinstance(item, ParsedLawFile) for item in results)
    return results


def laws_by_title(catalogue: Catalogue) -> dict:
    return {law.short_title: law for law in catalogue.laws}


def versions_of(catalogue: Catalogue, title: str) -> list:
    return [version for version in catalogue.versions if version.law_id == law_id(title)]


def test_versions_of_one_law_and_the_current_one(parsed_files):
    catalogue = build_catalogue(parsed_files, today=date(2025, 1, 1))
    accounting = laws_by_title(catalogue)["示范会计法"]
    versions = versions_of(catalogue, "示范会计法")
    assert [(v.id, v.status) for v in versions] == [
        (f"{accounting.id}@2017-11-04", "已修改"),
        (f"{accounting.id}@2024-06-28", "现行有效"),
    ]
    assert accounting.current_version == f"{accounting.id}@2024-06-28"
    assert (accounting.status, accounting.promulgated, accounting.amended) == ("现行有效", "1985-01-21", "2024-06-28")
    assert accounting.effective == "2024-07-01"
    assert versions[0].effective is None, "本法自2000年7月1日起施行 is the 1999 text's date, not the 2017 version's"
    assert [a.id for a in catalogue.articles if a.version_id == versions[1].id] == [
        f"{versions[1].id}#1", f"{versions[1].id}#1-1", f"{versions[1].id}#2",
    ]


def test_status_depends_on_today(parsed_files):
    before = build_catalogue(parsed_files, today=date(2024, 6, 30))
    assert [v.status for v in versions_of(before, "示范会计法")] == ["现行有效", "尚未生效"]
    assert laws_by_title(before)["示范会计法"].current_version.endswith("@2017-11-04")

    vat = laws_by_title(before)["示范增值税法"]
    assert (vat.status, vat.current_version) == ("尚未生效", None)
    assert laws_by_title(build_catalogue(parsed_files, today=date(2026, 1, 1)))["示范增值税法"].status == "现行有效"

    assert laws_by_title(build_catalogue(parsed_files, today=date(2020, 12, 31)))["示范物权法"].status == "现行有效"


def test_split_code_parts_become_one_version_in_article_order(parsed_files):
    catalogue = build_catalogue(parsed_files, today=date(2025, 1, 1))
    code = laws_by_title(catalogue)["示范法典"]
    [version] = versions_of(catalogue, "示范法典")
    assert version.source == "民法典/总则.md, 民法典/物权编.md, 民法典/附则.md"
    assert (version.version_date, version.effective, code.status) == ("2020-05-28", "2021-01-01", "现行有效")
    articles = [a for a in catalogue.articles if a.version_id == version.id]
    assert [(a.number, a.seq) for a in articles] == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert [a.path for a in articles] == [
        "第一编 总则 / 第一章 基本规定",
        "第一编 总则 / 第一章 基本规定",
        "第二编 物权 / 第一分编 通则 / 第一章 一般规定",
        "附则",
    ]


def test_repeals_mark_laws_and_keep_laws_only_known_by_name(parsed_files):
    catalogue = build_catalogue(parsed_files, today=date(2025, 1, 1))
    laws = laws_by_title(catalogue)
    code = laws["示范法典"]

    in_corpus = laws["示范物权法"]
    assert (in_corpus.status, in_corpus.repealed_on) == ("已废止", "2021-01-01")
    assert [v.status for v in versions_of(catalogue, "示范物权法")] == ["已废止"]

    by_name = laws["示范合同法"]
    assert by_name.title == "中华人民共和国示范合同法"
    assert (by_name.status, by_name.level, by_name.repealed_on) == ("已废止", "法律", "2021-01-01")
    assert by_name.current_version is None
    assert versions_of(catalogue, "示范合同法") == []

    repeals = {(r.law_id, r.by_law_id, r.date) for r in catalogue.repeals}
    assert repeals == {(in_corpus.id, code.id, "2021-01-01"), (by_name.id, code.id, "2021-01-01")}
    assert laws["示范条例"].status == "现行有效", "a 2010 repeal does not touch the 2019 law that reuses the name"


def test_copies_filed_twice_are_one_version(parsed_files):
    catalogue = build_catalogue(parsed_files, today=date(2025, 1, 1))
    assert catalogue.duplicates == ["民法商法/示范物权法(2007-03-16).md"], "the first source in sorted order is kept"
    assert len(versions_of(catalogue, "示范物权法")) == 1
    assert laws_by_title(catalogue)["示范物权法"].category == "宪法相关法"


def test_aliases_and_implementing_rules(parsed_files):
    catalogue = build_catalogue(parsed_files, today=date(2025, 1, 1))
    laws = laws_by_title(catalogue)
    assert laws["示范会计法"].aliases == ["示会法"]
    assert all("解释" not in law.aliases for law in catalogue.laws)
    assert catalogue.parents == {laws["示范会计法实施条例"].id: laws["示范会计法"].id}


def test_laws_cite_laws_by_name_and_are_counted_for_what_ranks_them(parsed_files):
    catalogue = build_catalogue(parsed_files, today=date(2025, 1, 1))
    laws = laws_by_title(catalogue)
    cites = law_citations(catalogue)
    assert cites[laws["示范会计法实施条例"].id] == [laws["示范会计法"].id], "the interpretation is not catalogued"
    assert cites[laws["示范新条例"].id] == [laws["示范条例"].id]
    standing = law_standing(catalogue, [laws["示范会计法"].id], cites)
    assert standing[laws["示范会计法"].id] == {"article_count": 3, "public_articles": 1, "cited_by": 1}
    assert standing[laws["示范条例"].id]["cited_by"] == 1, "cited by the law in force that repealed it"
    assert standing[laws["示范会计法实施条例"].id]["cited_by"] == 0


def test_law_rows_hold_facts_only_and_are_stable(parsed_files):
    rows = build_catalogue(parsed_files, today=date(2025, 1, 1)).law_rows()
    again = build_catalogue(list(reversed(parsed_files)), today=date(2025, 1, 1)).law_rows()
    assert json.dumps(rows, ensure_ascii=False) == json.dumps(again, ensure_ascii=False)
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    assert set(rows[0]) == {
        "id", "title", "short_title", "aliases", "level", "category", "issuer", "region", "status", "promulgated",
        "effective", "amended", "repealed_on", "current_version", "text_source", "is_common", "versions", "repealed_by",
        "parent_id", "article_count", "public_articles", "cited_by",
    }
    row = next(row for row in rows if row["short_title"] == "示范物权法")
    assert row["repealed_by"] == law_id("示范法典")
    assert row["versions"] == [
        {"id": f"{row['id']}@2007-03-16", "version_date": "2007-03-16", "status": "已废止",
         "promulgated": "2007-03-16", "effective": "2007-10-01"}
    ]
    assert "示范物权" not in json.dumps(rows, ensure_ascii=False).replace("示范物权法", ""), "no article text"


# --- the real corpus ----------------------------------------------------------------------

TODAY = date(2025, 6, 1)
CIVIL_CODE_REPEALS = ("婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法", "侵权责任法", "民法总则")


@pytest.fixture(scope="module")
def corpus_catalogue() -> Catalogue:
    parsed = [item for item in scan_law_paths([corpus_dir()]) if isinstance(item, ParsedLawFile)]
    return build_catalogue(parsed, today=TODAY)


@pytest.mark.corpus
def test_corpus_civil_code_is_one_law_of_1260_articles(corpus_catalogue):
    code = laws_by_title(corpus_catalogue)["民法典"]
    [version] = versions_of(corpus_catalogue, "民法典")
    articles = [a for a in corpus_catalogue.articles if a.version_id == version.id]
    assert [a.number for a in articles] == list(range(1, 1261))
    assert [a.seq for a in articles] == list(range(1, 1261))
    assert articles[0].path == "第一编 总则 / 第一章 基本规定"
    assert articles[462].path == "第三编 合同 / 第一分编 通则 / 第一章 一般规定"
    assert articles[-1].path == "附则"
    assert (code.level, code.status, code.effective, code.current_version) == ("法律", "现行有效", "2021-01-01", version.id)


@pytest.mark.corpus
def test_corpus_civil_code_repeals(corpus_catalogue):
    laws = laws_by_title(corpus_catalogue)
    code = laws["民法典"]
    repealed_by = {r.law_id: (r.by_law_id, r.date) for r in corpus_catalogue.repeals}
    for name in CIVIL_CODE_REPEALS:
        law = laws[name]
        assert (law.status, law.level, law.repealed_on) == ("已废止", "法律", "2021-01-01"), name
        assert repealed_by[law.id] == (code.id, "2021-01-01"), name


@pytest.mark.corpus
def test_corpus_accounting_law_versions(corpus_catalogue):
    accounting = laws_by_title(corpus_catalogue)["会计法"]
    versions = versions_of(corpus_catalogue, "会计法")
    assert [(v.version_date, v.status) for v in versions] == [("2017-11-04", "已修改"), ("2024-06-28", "现行有效")]
    assert accounting.current_version == versions[1].id
    assert (accounting.level, accounting.category, accounting.promulgated) == ("法律", "经济法", "1985-01-21")


@pytest.mark.corpus
def test_corpus_laws_of_each_level(corpus_catalogue):
    laws = laws_by_title(corpus_catalogue)
    constitution = laws["宪法"]
    assert (constitution.level, constitution.status, constitution.amended) == ("宪法", "现行有效", "2018-03-11")
    assert sum(a.version_id == constitution.current_version for a in corpus_catalogue.articles) == 143
    assert (laws["物业管理条例"].level, laws["物业管理条例"].issuer) == ("行政法规", "国务院")
    interpretation = laws["最高人民法院关于适用《中华人民共和国公司法》时间效力的若干规定"]
    assert (interpretation.level, interpretation.effective) == ("司法解释", "2024-07-01")
    assert laws["公安机关办理行政案件程序规定"].level == "部门规章"
    religion = laws["上海市宗教事务条例"]
    assert (religion.level, religion.region, religion.effective) == ("地方性法规", "上海市", "2019-03-01")
    assert corpus_catalogue.parents[laws["著作权法实施条例"].id] == laws["著作权法"].id


@pytest.mark.corpus
def test_corpus_catalogue_counts(corpus_catalogue):
    assert len(corpus_catalogue.versions) == 3411
    assert len({v.law_id for v in corpus_catalogue.versions}) == 3308
    assert len(corpus_catalogue.articles) == 147056
    assert len(corpus_catalogue.laws) >= 3800
    assert len({law.id for law in corpus_catalogue.laws}) == len(corpus_catalogue.laws)
    assert len({a.id for a in corpus_catalogue.articles}) == len(corpus_catalogue.articles)
    repealed = [law for law in corpus_catalogue.laws if law.repealed_on and law.repealed_on <= TODAY.isoformat()]
    assert len(repealed) > 500 and all(law.status == "已废止" for law in repealed)


def test_an_implementing_rule_with_no_text_inherits_what_its_law_says_of_each_type():
    """A rule with neither a text nor an issuer's principal authority is each type's as its law is (principal,
    duty or power articles); a rule with a text, or one its issuer makes a type's, keeps to its own."""
    law, bare, texted, issued = "L-law", "L-bare", "L-texted", "L-issued"
    duty, mention = NamedType("market_regulation", None, "duty", "市场监督管理部门"), NamedType("public_security", None, "mention", "公安机关")
    named = {law: [duty, duty, mention], texted: [duty]}
    principals = {law: [PrincipalFact("market_regulation", None, f"{law}@1#5", "第五条", "responsible")],
                  issued: [PrincipalFact("justice", None, "", "司法部", "issuer")]}
    found = inherited_facts({bare: law, texted: law, issued: law}, {law, texted}, principals, named)
    assert found == {bare: [InheritedFact("market_regulation", law, True, 2), InheritedFact("public_security", law, False, 0)]}


def test_an_implementing_rules_title_names_the_law_it_implements():
    known = {law_id(title) for title in ("中华人民共和国母婴保健法", "中华人民共和国文物保护法", "中华人民共和国反外国制裁法",
                                         "中华人民共和国老年人权益保障法")}
    implemented = {title: implemented_law(title, known) for title in (
        "中华人民共和国母婴保健法实施办法", "洛阳市《文物保护法》实施细则", "实施《中华人民共和国反外国制裁法》的规定",
        "安徽省实施《中华人民共和国老年人权益保障法》办法", "企业职工带薪年休假实施办法")}
    assert implemented == {
        "中华人民共和国母婴保健法实施办法": law_id("中华人民共和国母婴保健法"),
        "洛阳市《文物保护法》实施细则": law_id("中华人民共和国文物保护法"),
        "实施《中华人民共和国反外国制裁法》的规定": law_id("中华人民共和国反外国制裁法"),
        "安徽省实施《中华人民共和国老年人权益保障法》办法": law_id("中华人民共和国老年人权益保障法"),
        "企业职工带薪年休假实施办法": None}
