"""Law file parsing: numerals, encodings, the three formats, dates, classification, statements.

Synthetic samples are invented texts written here; corpus tests pin real laws of each level
and skip when ../shared/corpus/lawrefbook is absent.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from pathlib import Path

import docx
import pytest

from ingest.cases.parse import parse_case_file
from ingest.laws.body import paragraph_items
from ingest.laws.history import read_history
from ingest.laws.model import SKIP_REASONS, NotALaw, ParsedLawFile, SkippedFile
from ingest.laws.numerals import parse_article_label, to_chinese, to_int
from ingest.laws.parse import parse_law_file, scan_law_paths
from ingest.laws.statements import Alias, find_aliases, find_repeals
from pufa.errors import InputError
from pufa.laws import law_id
from tests.corpus import corpus_dir

MARKDOWN_LAW = """\
# 中华人民共和国示范管理法

2001年3月1日 第九届全国人民代表大会常务委员会第二十次会议通过

2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正

2015年4月24日 第十二届全国人民代表大会常务委员会第十四次会议修订

2015年10月1日 施行

<!-- INFO END -->

## 第一章  总 则

第一条 为了示范，制定本法。

第二条 国务院示范管理部门负责全国的示范管理工作。

《中华人民共和国示范条例》（以下简称“示范条例”）的规定与本法不一致的，适用本法。

## 第二章  管理

### 第一节 一般规定

第三条 示范者应当遵守下列规定：

（一）按时登记；

（二）如实报告：

1. 名称；

2. 地址。

违反前款规定的，由示范部门责令改正。

<!-- FORCE BREAK -->

第三条之一 示范者可以委托他人办理。

### 第二节 特别规定

第四条 特别示范者另有规定的，从其规定。

## 第三章 附则

第五条 本法自2015年10月1日起施行。1990年5月1日国务院发布的《示范管理暂行条例》、《示范登记办法》同时废止。
"""

PLAINTEXT_LAW = """\
中华人民共和国示范法典（2022年修正）

（2020年5月28日第十三届全国人民代表大会第三次会议通过　根据2022年3月1日第十三届全国人民代表大会常务委员会第三十三次会议《关于修改〈中华人民共和国示范法典〉的决定》修正）

目　　录

第一编　总　　则
第一章　基本规定
第二编　分　　则
附　　则

第一编　总　　则
第一章　基本规定
第一节　目　　的
第一条　为了示范，制定本法典。
第二条　示范活动应当遵守法律。
第二节　原则
第二条之一　示范活动应当诚信。
第二编　分　　则
第一章　登记
第三条　登记应当提交下列材料：
（一）申请书；
（二）身份证明。
登记机关应当当场登记。
附　　则
第四条　本法典自公布之日起施行。
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def articles_by_label(parsed: ParsedLawFile) -> dict:
    return {article.label: article for article in parsed.articles}


# --- numerals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("一百零一", 101), ("一百一十", 110),
        ("一百二十三", 123), ("一千零五十三", 1053), ("一千二百六十", 1260), ("两千", 2000),
        ("一万零一", 10001), ("一〇八", 108), ("二〇二〇", 2020), ("壹佰贰拾叁", 123), ("拾", 10),
        ("12", 12), ("１２", 12),
    ],
)
def test_numerals(numeral, value):
    assert to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["", "百百", "十五十", "一二十", "零十", "十x", "abc"])
def test_malformed_numerals_are_errors(numeral):
    with pytest.raises(ValueError):
        to_int(numeral)


def test_chinese_numerals_round_trip():
    for number in (*range(1, 1300), 10010, 20305):
        assert to_int(to_chinese(number)) == number
    assert [to_chinese(n) for n in (1, 10, 11, 110, 1053)] == ["一", "十", "十一", "一百一十", "一千零五十三"]


def test_article_labels():
    assert parse_article_label("第一百二十三条") == (123, 0)
    assert parse_article_label("第二十条之一") == (20, 1)
    assert parse_article_label("第12条") == (12, 0)
    with pytest.raises(ValueError):
        parse_article_label("第一章")


# --- Markdown (LawRefBook) ----------------------------------------------------------------


@pytest.fixture
def markdown_law(tmp_path) -> ParsedLawFile:
    return parse_law_file(write(tmp_path / "示范管理法(2015-04-24).md", MARKDOWN_LAW), root=tmp_path)


def test_markdown_title_history_and_dates(markdown_law):
    assert markdown_law.title == "中华人民共和国示范管理法"
    assert markdown_law.subtitle is None
    assert markdown_law.format == "markdown" and markdown_law.encoding == "utf-8"
    assert markdown_law.source == "示范管理法(2015-04-24).md"
    assert len(markdown_law.history) == 4
    assert markdown_law.promulgated == "2001-03-01"
    assert markdown_law.amended == ["2009-08-27", "2015-04-24"]
    assert markdown_law.effective == "2015-10-01"
    assert markdown_law.version_date == "2015-04-24"
    assert markdown_law.issuer == "全国人民代表大会常务委员会"
    assert markdown_law.level == "法律"


def test_markdown_articles_paths_paragraphs_and_items(markdown_law):
    articles = articles_by_label(markdown_law)
    assert list(articles) == ["第一条", "第二条", "第三条", "第三条之一", "第四条", "第五条"]
    assert [a.seq for a in markdown_law.articles] == [1, 2, 3, 4, 5, 6]
    assert articles["第一条"].path == "第一章 总则"
    assert articles["第三条"].path == "第二章 管理 / 第一节 一般规定"
    assert articles["第四条"].path == "第二章 管理 / 第二节 特别规定"
    assert articles["第五条"].path == "第三章 附则"

    third = articles["第三条"]
    assert third.paragraphs == [
        "示范者应当遵守下列规定：\n（一）按时登记；\n（二）如实报告：\n1. 名称；\n2. 地址。",
        "违反前款规定的，由示范部门责令改正。",
    ]
    assert paragraph_items(third.paragraphs[0]) == ["（一）按时登记；", "（二）如实报告："]
    assert paragraph_items(third.paragraphs[1]) == []
    assert third.text == "\n".join(third.paragraphs)
    assert len(articles["第二条"].paragraphs) == 2

    with_suffix = articles["第三条之一"]
    assert (with_suffix.number, with_suffix.suffix) == (3, 1)
    version = f"{law_id('示范管理法')}@2015-04-24"
    assert with_suffix.version_id == version and with_suffix.id == f"{version}#3-1"
    assert articles["第三条"].id == f"{version}#3"
    assert with_suffix.law_id == markdown_law.law_id == law_id("中华人民共和国示范管理法")


def test_markdown_aliases_and_repeals(markdown_law):
    assert markdown_law.aliases == [Alias("中华人民共和国示范条例", "示范条例")]
    assert markdown_law.repeals == ["示范管理暂行条例", "示范登记办法"]


def test_reparsing_gives_identical_records(tmp_path, markdown_law):
    again = parse_law_file(tmp_path / "示范管理法(2015-04-24).md", root=tmp_path)
    assert again == markdown_law


def test_utf8_bom_is_read_and_reported(tmp_path):
    parsed = parse_law_file(write(tmp_path / "示范管理法(2015-04-24).md", MARKDOWN_LAW, "utf-8-sig"))
    assert parsed.encoding == "utf-8-sig"
    assert parsed.title == "中华人民共和国示范管理法"
    assert len(parsed.articles) == 6


def test_split_code_part_carries_its_subtitle_as_path_prefix(tmp_path):
    text = "# 中华人民共和国示范法典\n\n# 物权编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n" \
           "<!-- INFO END -->\n\n## 第一分编  通则\n\n### 第一章  一般规定\n\n第二百零五条 本编调整物权关系。\n"
    parsed = parse_law_file(write(tmp_path / "物权编.md", text))
    assert parsed.subtitle == "物权编"
    assert parsed.version_date == "2020-05-28"
    assert parsed.issuer == "全国人民代表大会"
    [article] = parsed.articles
    assert (article.number, article.label) == (205, "第二百零五条")
    assert article.path == "物权编 / 第一分编 通则 / 第一章 一般规定"


def test_markdown_without_info_end_marker(tmp_path):
    text = "# 示范规定\n\n2019年1月2日 国务院发布\n\n## 第一章 总则\n\n第一条 示范。\n"
    parsed = parse_law_file(write(tmp_path / "示范规定.md", text))
    assert parsed.history == ["2019年1月2日 国务院发布"]
    assert [a.path for a in parsed.articles] == ["第一章 总则"]
    assert parsed.level == "行政法规"


# --- plain text and Word ------------------------------------------------------------------


def check_plaintext_law(parsed: ParsedLawFile) -> None:
    assert parsed.title == "中华人民共和国示范法典"
    assert parsed.history[0].startswith("2020年5月28日") and parsed.history[1].startswith("根据2022年3月1日")
    assert len(parsed.history) == 2
    assert parsed.promulgated == "2020-05-28"
    assert parsed.amended == ["2022-03-01"]
    assert parsed.effective == "2020-05-28", "自公布之日起施行 means from promulgation"
    assert parsed.version_date == "2022-03-01"
    assert parsed.level == "法律" and parsed.issuer == "全国人民代表大会"
    articles = articles_by_label(parsed)
    assert list(articles) == ["第一条", "第二条", "第二条之一", "第三条", "第四条"]
    assert articles["第一条"].path == "第一编 总则 / 第一章 基本规定 / 第一节 目的"
    assert articles["第二条之一"].path == "第一编 总则 / 第一章 基本规定 / 第二节 原则"
    assert articles["第三条"].path == "第二编 分则 / 第一章 登记"
    assert articles["第四条"].path == "附则"
    assert articles["第三条"].paragraphs == ["登记应当提交下列材料：\n（一）申请书；\n（二）身份证明。", "登记机关应当当场登记。"]
    assert len(paragraph_items(articles["第三条"].paragraphs[0])) == 2


def test_plaintext_utf16_with_a_byte_order_mark_reads_as_a_text_table_does(tmp_path):
    """One decoding policy (ingest.decoding) for law texts and text tables: Excel's "Unicode text"
    (UTF-16 with a BOM) is read, not refused."""
    parsed = parse_law_file(write(tmp_path / "示范法典.txt", PLAINTEXT_LAW, "utf-16"))
    assert parsed.encoding == "utf-16"
    check_plaintext_law(parsed)


def test_plaintext_gb18030(tmp_path):
    parsed = parse_law_file(write(tmp_path / "示范法典.txt", PLAINTEXT_LAW, "gb18030"))
    assert parsed.encoding == "gb18030" and parsed.format == "plaintext"
    check_plaintext_law(parsed)


def test_plaintext_utf8_reads_the_same(tmp_path):
    utf8 = parse_law_file(write(tmp_path / "a" / "示范法典.txt", PLAINTEXT_LAW), root=tmp_path / "a")
    gbk = parse_law_file(write(tmp_path / "b" / "示范法典.txt", PLAINTEXT_LAW, "gb18030"), root=tmp_path / "b")
    assert utf8.encoding == "utf-8"
    assert utf8.articles == gbk.articles


def test_docx(tmp_path):
    document = docx.Document()
    for line in PLAINTEXT_LAW.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "示范法典.docx"
    document.save(str(path))
    parsed = parse_law_file(path)
    assert parsed.format == "docx" and parsed.encoding is None
    check_plaintext_law(parsed)


def test_unreadable_files_raise_input_error_naming_the_file(tmp_path):
    for name, data in [("乱码.txt", b"\xff\xfe\xff title"), ("utf16.txt", "第一条 示范".encode("utf-16-le"))]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError, match=name):
            parse_law_file(path)
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="坏.docx"):
        parse_law_file(broken)
    with pytest.raises(InputError, match="unsupported"):
        parse_law_file(write(tmp_path / "示范.pdf", "x"))


# --- history notes ------------------------------------------------------------------------


def test_history_classifies_events():
    history = read_history([
        "1979年7月1日 第五届全国人民代表大会第二次会议通过",
        "1997年3月14日 第八届全国人民代表大会第五次会议修订",
        "2001年8月31日 第九届全国人民代表大会常务委员会第二十三次会议通过的《中华人民共和国刑法修正案（二）》",
    ])
    assert history.promulgated == "1979-07-01"
    assert history.amended == ["1997-03-14", "2001-08-31"], "passing an amending instrument is an amendment"
    assert history.effective is None
    assert history.issuer_text == "第五届全国人民代表大会第二次会议通过"


def test_history_with_a_date_broken_across_lines_and_publication_in_force():
    history = read_history(["2014年9月26", "日山东省第十二届人民代表大会常务委员会第十次会议批准", "2015年1月1日 公布施行"])
    assert history.promulgated == "2014-09-26"
    assert history.effective == "2015-01-01"
    assert read_history(["2019年3月1日 国务院令第1号公布", "公布之日施行"]).effective == "2019-03-01"


# --- classification -----------------------------------------------------------------------


def local_file(root: Path, province: str, name: str, history: str) -> Path:
    text = f"# {name.split('(')[0]}\n\n{history}\n\n<!-- INFO END -->\n\n第一条 示范。\n"
    return write(root / "DLC" / f"{province}地方法规" / "地方性法规" / province / f"{name}.md", text)


def test_local_levels_issuers_and_regions(tmp_path):
    regulation = parse_law_file(local_file(
        tmp_path, "上海", "上海市示范条例(2020-01-01)", "2020年1月1日 上海市第十五届人民代表大会常务委员会第十次会议通过"
    ), root=tmp_path)
    assert (regulation.level, regulation.issuer, regulation.region) == ("地方性法规", "上海市人民代表大会常务委员会", "上海市")
    assert regulation.category == "地方性法规"

    rule = parse_law_file(local_file(tmp_path, "北京", "北京市示范办法", "2006年11月17日 北京市人民政府第56次常务会议审议通过"), root=tmp_path)
    assert (rule.level, rule.issuer, rule.region) == ("地方政府规章", "北京市人民政府", "北京市")

    city = parse_law_file(local_file(tmp_path, "浙江", "宁波市示范条例", "2014年10月28日 市十二届人大常委会第二十二次会议通过"), root=tmp_path)
    assert (city.level, city.issuer, city.region) == ("地方性法规", "宁波市人民代表大会常务委员会", "宁波市")

    autonomous = parse_law_file(
        local_file(tmp_path, "浙江", "景宁畲族自治县示范条例", "2015年3月26日 景宁畲族自治县八届人大四次会议通过"), root=tmp_path
    )
    assert (autonomous.level, autonomous.region) == ("自治条例和单行条例", "景宁畲族自治县")

    history = "2010年12月23日 北京市第十三届人民代表大会常务委员会第二十二次会议通过"
    untitled_place = parse_law_file(local_file(tmp_path, "北京", "中关村示范条例", history), root=tmp_path)
    assert untitled_place.region == "北京市", "the DLC province folder names the region when the title does not"


@pytest.mark.parametrize(
    ("history", "title", "level", "issuer"),
    [
        ("2019年3月2日 中华人民共和国国务院令第709号公布", "示范条例", "行政法规", "国务院"),
        ("2021年9月1日 国家监察委员会全体会议通过", "监察法实施条例", "监察法规", "国家监察委员会"),
        ("2020年12月23日 最高人民法院审判委员会第1823次会议通过", "最高人民法院关于示范的解释", "司法解释", "最高人民法院"),
        ("2018年11月25日 公安部令第149号公布", "示范程序规定", "部门规章", "公安部"),
        ("2018年3月11日 第十三届全国人民代表大会第一次会议通过", "中华人民共和国宪法", "宪法", "全国人民代表大会"),
    ],
)
def test_levels_outside_the_corpus_folders_come_from_the_issuer(tmp_path, history, title, level, issuer):
    parsed = parse_law_file(write(tmp_path / f"{title}.txt", f"{title}\n{history}\n第一条　示范。\n"))
    assert (parsed.level, parsed.issuer) == (level, issuer)


def test_law_folder_decisions_are_laws_and_others_keep_their_issuer(tmp_path):
    decision = "# 全国人民代表大会常务委员会关于示范问题的决定\n\n2015年1月1日 第十二届全国人民代表大会常务委员会第十二次会议通过\n\n<!-- INFO END -->\n\n一、示范。\n"
    parsed = parse_law_file(write(tmp_path / "宪法相关法" / "示范决定(2015-01-01).md", decision), root=tmp_path)
    assert (parsed.level, parsed.category, parsed.articles) == ("法律", "宪法相关法", [])
    standard = "# 示范鉴定标准\n\n<!-- INFO END -->\n\n## 范围\n\n本标准适用于示范。\n"
    parsed = parse_law_file(write(tmp_path / "其他" / "示范鉴定标准(2014-01-01).md", standard), root=tmp_path)
    assert parsed.level == "规范性文件"


# --- repeal statements and aliases --------------------------------------------------------


def test_repeal_statements():
    assert find_repeals(
        "本法自2021年1月1日起施行。《中华人民共和国婚姻法》、《中华人民共和国继承法》同时废止。"
    ) == ["中华人民共和国婚姻法", "中华人民共和国继承法"]
    assert find_repeals(
        "本条例自2005年1月1日起施行。1996年通过、2001年5月18日北京市第十一届人民代表大会常务委员会第二十六次会议"
        "《关于修改〈北京市甲条例〉等七部地方性法规的决定》修正的《北京市实施〈中华人民共和国乙法〉办法》同时废止。"
    ) == ["北京市实施《中华人民共和国乙法》办法"], "amending decisions named on the way are not repealed"
    assert find_repeals("《最高人民法院关于甲的解释》（法释〔2001〕13号）同时废止；之前发布的司法解释与本解释不一致的，以本解释为准。") == [
        "最高人民法院关于甲的解释"
    ]
    assert find_repeals("一、废止《北京市甲条例》（1992年9月19日通过）\n二、废止《北京市乙条例》、《北京市丙条例》") == [
        "北京市甲条例", "北京市乙条例", "北京市丙条例"
    ]
    assert find_repeals("依照《中华人民共和国甲法》第十条的规定，对该许可予以撤销。") == []
    assert find_repeals("《采矿许可证》有效期满，不办理延续登记手续的，自行废止。") == []


def test_aliases_keep_the_title_they_stand_for():
    text = "根据《中华人民共和国刑法修正案（十）》（以下简称刑法修正案（十））和《中华人民共和国预算法》（以下简称“预算法”）"
    assert find_aliases(text) == [
        Alias("中华人民共和国刑法修正案（十）", "刑法修正案（十）"),
        Alias("中华人民共和国预算法", "预算法"),
    ]
    assert find_aliases("县级以上人民政府示范部门（以下简称示范部门）") == []


# --- skips, cases and scanning ------------------------------------------------------------


def test_scan_is_sorted_and_skips_with_reasons(tmp_path):
    write(tmp_path / "经济法" / "示范管理法(2015-04-24).md", MARKDOWN_LAW)
    write(tmp_path / "经济法" / "_index.md", "---\nbookCollapseSection: true\n---")
    write(tmp_path / "法律法规模版.md", "# 某条法律的标题\n")
    write(tmp_path / "README.md", "# 说明\n")
    write(tmp_path / "案例" / "民法典" / "示范案.md", "# 示范案\n\n<!-- INFO END -->\n\n## 基本案情\n\n甲。\n")
    write(tmp_path / "其他" / "示范攻略.md", "# 示范攻略\n\n<!-- INFO END -->\n\n## 如何示范\n\n先示范。\n")
    (tmp_path / "其他" / "坏.txt").write_bytes(b"\xff\xfe\xff")
    write(tmp_path / ".git" / "示范.md", MARKDOWN_LAW)
    write(tmp_path / "经济法" / "注释.json", "{}")

    results = list(scan_law_paths([tmp_path]))
    skipped = {
        item.path.relative_to(tmp_path).as_posix(): item.reason for item in results if isinstance(item, SkippedFile)
    }
    assert skipped == {
        "README.md": "readme",
        "其他/坏.txt": "error",
        "其他/示范攻略.md": "not_a_law",
        "案例/民法典/示范案.md": "case",
        "法律法规模版.md": "template",
        "经济法/_index.md": "index",
    }
    assert set(skipped.values()) <= set(SKIP_REASONS)
    [law] = [item for item in results if isinstance(item, ParsedLawFile)]
    assert (law.source, law.category, law.level) == ("经济法/示范管理法(2015-04-24).md", "经济法", "法律")
    order = [item.path if isinstance(item, SkippedFile) else tmp_path / item.source for item in results]
    assert order == sorted(order)
    error = next(item for item in results if isinstance(item, SkippedFile) and item.reason == "error")
    assert "坏.txt" in error.message

    with pytest.raises(NotALaw) as raised:
        parse_law_file(tmp_path / "案例" / "民法典" / "示范案.md", root=tmp_path)
    assert raised.value.reason == "case"


def test_scanning_a_category_folder_keeps_its_category(tmp_path):
    write(tmp_path / "经济法" / "示范管理法(2015-04-24).md", MARKDOWN_LAW)
    [law] = scan_law_paths([tmp_path / "经济法"])
    assert (law.source, law.category) == ("示范管理法(2015-04-24).md", "经济法")


def test_case_file(tmp_path):
    text = (
        "# 网购欺诈可以请求三倍赔偿\n\n<!-- INFO END -->\n\n## 甲诉乙网络购物合同纠纷案\n\n"
        "## 基本案情\n\n甲在乙处购物。\n\n<!-- FORCE BREAK -->\n\n乙隐瞒瑕疵。\n\n## 裁判结果\n\n"
        "依照《中华人民共和国消费者权益保护法》（2013年修正）第五十五条第一款、《民法典》第153条第2款，判决乙赔偿。\n\n"
        "## 案例分析\n\n《食品安全法》第一百四十八条第二款第（一）项另有规定。\n"
    )
    case = parse_case_file(write(tmp_path / "案例" / "甲诉乙.md", text))
    assert case.title == "网购欺诈可以请求三倍赔偿"
    assert list(case.sections) == ["甲诉乙网络购物合同纠纷案", "基本案情", "裁判结果", "案例分析"]
    assert case.sections["基本案情"] == "甲在乙处购物。\n乙隐瞒瑕疵。"
    assert case.citations == [
        "《中华人民共和国消费者权益保护法》（2013年修正）第五十五条第一款",
        "《民法典》第153条第2款",
        "《食品安全法》第一百四十八条第二款第（一）项",
    ]


# --- the real corpus ----------------------------------------------------------------------

ALLOWED_SKIPS = {"index", "template", "readme", "case", "not_a_law"}
NOT_LAWS = ["其他/劳动仲裁和劳动诉讼的攻略.md"]
"""The one document in a law folder that is a guide, not a law (no dates, no articles)."""


@pytest.fixture(scope="module")
def corpus_scan():
    root = corpus_dir()
    started = time.perf_counter()
    results = list(scan_law_paths([root]))
    return root, results, time.perf_counter() - started


def corpus_file(root: Path, relative: str) -> ParsedLawFile:
    return parse_law_file(root / relative, root=root)


@pytest.mark.corpus
def test_whole_corpus_parses_with_only_explained_skips(corpus_scan):
    root, results, seconds = corpus_scan
    parsed = [item for item in results if isinstance(item, ParsedLawFile)]
    skipped = [item for item in results if isinstance(item, SkippedFile)]
    reasons = Counter(item.reason for item in skipped)
    assert set(reasons) <= ALLOWED_SKIPS, [item.message for item in skipped if item.reason not in ALLOWED_SKIPS]
    assert reasons == {"case": 52, "index": 27, "template": 1, "readme": 1, "not_a_law": 1}
    assert [item.path.relative_to(root).as_posix() for item in skipped if item.reason == "not_a_law"] == NOT_LAWS
    assert len(parsed) == 3422
    assert sum(len(item.articles) for item in parsed) == 147291
    assert seconds < 60, f"whole corpus took {seconds:.1f}s"
    for item in parsed:
        ids = [article.id for article in item.articles]
        assert len(ids) == len(set(ids)), item.source


@pytest.mark.corpus
def test_corpus_constitution():
    parsed = corpus_file(corpus_dir(), "宪法/宪法.md")
    assert (parsed.level, parsed.issuer, parsed.category) == ("宪法", "全国人民代表大会", "宪法")
    assert parsed.promulgated == "1982-12-04"
    assert parsed.amended == ["1988-04-12", "1993-03-29", "1999-03-15", "2004-03-14", "2018-03-11"]
    assert parsed.version_date == "2018-03-11"
    assert len(parsed.articles) == 143
    assert parsed.articles[0].path == "第一章 总纲"


@pytest.mark.corpus
def test_corpus_civil_code_part():
    parsed = corpus_file(corpus_dir(), "民法典/附则.md")
    assert (parsed.title, parsed.subtitle, parsed.level) == ("中华人民共和国民法典", "附则", "法律")
    assert [a.number for a in parsed.articles] == [1259, 1260]
    assert parsed.effective == "2021-01-01"
    assert parsed.repeals == [
        f"中华人民共和国{name}"
        for name in ("婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法", "侵权责任法", "民法总则")
    ]


@pytest.mark.corpus
def test_corpus_administrative_regulation():
    parsed = corpus_file(corpus_dir(), "行政法规/物业管理条例(2018-03-19).md")
    assert (parsed.level, parsed.issuer, parsed.category) == ("行政法规", "国务院", "行政法规")
    assert (parsed.promulgated, parsed.version_date) == ("2003-06-08", "2018-03-19")
    assert parsed.amended == ["2007-08-26", "2016-02-06"], "the 2018 amendment is missing from this file's history"
    assert len(parsed.articles) == 67 and parsed.articles[-1].path == "第七章 附则"


@pytest.mark.corpus
def test_corpus_judicial_interpretation():
    parsed = corpus_file(corpus_dir(), "司法解释/最高人民法院关于适用《公司法》时间效力的若干规定(2024-06-29).md")
    assert parsed.title == "最高人民法院关于适用《中华人民共和国公司法》时间效力的若干规定"
    assert (parsed.level, parsed.issuer) == ("司法解释", "最高人民法院")
    assert (parsed.promulgated, parsed.effective, parsed.version_date) == ("2024-06-27", "2024-07-01", "2024-06-29")
    assert len(parsed.articles) == 8


@pytest.mark.corpus
def test_corpus_departmental_rule():
    parsed = corpus_file(corpus_dir(), "部门规章/公安部/公安机关办理行政案件程序规定(2019-04-27).md")
    assert (parsed.level, parsed.issuer, parsed.category) == ("部门规章", "公安部", "部门规章")
    assert parsed.promulgated == "2012-12-03"
    assert len(parsed.articles) == 266


@pytest.mark.corpus
def test_corpus_local_regulations():
    root = corpus_dir()
    shanghai = corpus_file(root, "DLC/上海地方法规/地方性法规/上海/上海市宗教事务条例(2018-11-22).md")
    assert (shanghai.level, shanghai.region, shanghai.issuer) == ("地方性法规", "上海市", "上海市人民代表大会常务委员会")
    assert (shanghai.promulgated, shanghai.effective) == ("1995-11-30", "2019-03-01")
    assert shanghai.amended == ["2005-04-21", "2015-06-18", "2018-11-22"]
    assert len(shanghai.articles) == 60
    autonomy = corpus_file(root, "DLC/浙江地方法规/地方性法规/浙江/浙江省景宁畲族自治县自治条例(2021-06-15).md")
    assert autonomy.level == "自治条例和单行条例"


def _db_rows(root: Path) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {}
    for database in sorted(root.rglob("db.sqlite3")):
        with sqlite3.connect(database) as connection:
            for name, level, publish, subtitle in connection.execute("select name, level, publish, subtitle from law"):
                key = name if not subtitle or subtitle in name else f"{name} {subtitle}"
                rows.setdefault(key, []).append((level, publish))
    return rows


LEVEL_REFINEMENTS = {("地方性法规", "自治条例和单行条例"), ("地方性法规", "地方政府规章"), ("法律", "规范性文件")}
"""Where our level is finer than the corpus database's: autonomous-county rules, a city
government's 办法, and a forensic standard filed under 其他."""


@pytest.mark.corpus
def test_levels_and_version_dates_agree_with_the_corpus_database(corpus_scan):
    root, results, _ = corpus_scan
    database = _db_rows(root)
    compared = level_differences = 0
    date_differences = []
    for item in results:
        if not isinstance(item, ParsedLawFile):
            continue
        name = item.title.removeprefix("中华人民共和国") + (f" {item.subtitle}" if item.subtitle else "")
        rows = database.get(name)
        if not rows:
            continue
        level, publish = next((row for row in rows if row[1] == item.version_date), rows[0])
        compared += 1
        if level != item.level:
            assert (level, item.level) in LEVEL_REFINEMENTS, item.source
            level_differences += 1
        if publish and publish != item.version_date:
            date_differences.append(item.source)
    assert compared >= 3200
    assert level_differences <= 15
    assert date_differences == ["刑法/刑法.md"], "the database predates the 2023 amendment in 刑法.md's history"
