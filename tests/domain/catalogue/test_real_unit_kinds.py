"""Units of real registers that got no law at all now get their kind's laws from their name alone (issue 33).

The names are those of bench/data/real_lists.jsonl, exactly as the pages wrote them (each with the URL of
its record there). They are registered names-only (the liaison form) on the shipped catalogue's facts for
the national laws in force that could rank among their top ones: the laws making one of their types the
principal authority or giving it a duty or a power in two articles or more (the tiers 主管 and 相关).
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from graph.store import GraphStore
from ingest.shipped_catalogue import ARTICLE_FACTS_FILE, LAWS_FILE, load_catalogue
from ingest.units.load import ingest_units
from nlp.unit_types import types_from_names
from pufa.laws import unit_id
from tests.registers import names_only_register

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "data" / "real_lists.jsonl"
TOP = 10
"""The expected law is among the unit's first TOP laws."""
REAL_UNITS = [
    # the unit as the page wrote it, the URL of its record, a law a real unit of its kind popularizes
    ("关店乡人大", "http://hnrd.huainan.gov.cn/new/ztxxmfd/2020/08/31/5175.htm", "全国人民代表大会和地方各级人民代表大会代表法"),
    ("桥东街道人工委", "http://www.xiangqiao.gov.cn/xwsd/bmzx/content/post_3873224.html", "全国人民代表大会和地方各级人民代表大会代表法"),
    ("官庄镇人大联络站", "https://www.ylxw.net/m/content/646949/74/15004551.html", "全国人民代表大会和地方各级人民代表大会代表法"),
    ("澄江县政法委", "https://www.yxzf.gov.cn/xqzf/1378328.shtml", "反恐怖主义法"),
    ("团杨陵区委", "https://www.sxgqt.org.cn/home/news/info.html?id=342944", "未成年人保护法"),
    ("团四川省委", "http://www.szyouth.cn/html/201311/20/20250.html", "预防未成年人犯罪法"),
    ("团内蒙古自治区委", "https://news.sohu.com/20070531/n250321823.shtml", "未成年人保护法"),
    ("民生银行金华分行", "https://jianpian.cn/a/pk4s5ja", "反电信网络诈骗法"),
    ("中国银行南平顺昌支行", "https://jianpian.cn/a/10p2ojiv", "商业银行法"),
    ("市局律师工作管理处", "https://nanbu123.com/html/n197n226u1ai103321.html", "律师法"),
    ("市局公证工作管理处", "https://nanbu123.com/html/n197n226u1ai103321.html", "公证法"),
    ("市局法律援助工作处", "https://nanbu123.com/html/n197n226u1ai103321.html", "法律援助法"),
    ("锡林铁警", "http://news.tielu.cn/pinglun/2016-08-08/112823.html", "治安管理处罚法"),
    ("县市监督管理局", "http://lszkx.cn/go-a9631.htm", "食品安全法"),
    ("大渡口镇社区戒毒、社区康复工作站", "http://lz.newssc.org/system/20200804/002974766.html", "禁毒法"),
    ("市委办", "https://www.lhrb.com.cn/2024/06/11/99528955.html", "档案法"),
    ("界河镇新时代文明实践所", "http://www.tengzhou.gov.cn/bsdt/xzjd/jhz/202406/t20240621_1905328.html", "志愿服务条例"),
    ("瑞安市文明办", "http://www.zjwmw.com/ch123/system/2019/04/30/031624247.shtml", "志愿服务条例"),
    ("留坝县教体系统", "http://www.sxjybk.com/2024/1210/104736.html", "教育法"),
    ("河灌总局", "http://58.18.55.42/plus/view.php?aid=13688", "水法"),
    ("市场和安全生产监督管理局", "https://www.minhe.gov.cn/html/2956/243826.html", "消费者权益保护法"),
    ("市农林委", "https://www.xalmzmw.com/index/article/3475.html", "种子法"),
    ("博湖镇宝浪社区计划生育协会", "http://xjbh.gov.cn/xjbhx/c109906/202410/58a0c0aa5e37464391cb994a8854c57b.shtml", "基本医疗卫生与健康促进法"),
    # the units that still got no law when the corpus grew to 519 records
    ("岳阳县侨联", "https://yueyang.gov.cn/yysql/53925/53928/content_1809223.html", "归侨侨眷权益保护法"),
    ("市国安办", "http://www.yawin.cn/list/news_23578.html", "反间谍法"),
    ("深圳市密码管理局", "http://m.chinacrane.net/news/202010/27/179838.html", "密码法"),
    ("国家密码管理局", "http://m.chinacrane.net/news/202010/27/179838.html", "密码法"),
    ("锡林郭勒盟防火指挥部", "https://www.shdbkk.com/html_3/suanming/13715/list/14.html", "草原防火条例"),
    ("网湖湿地管理局", "http://m.yangxintv.cn/p/109721.html", "湿地保护法"),
    ("周恩来纪念地管理局", "http://xibaipo.com/news2007/News/zelgggs/2017/12/1712291021499EE45HDH4C3HEDEJKAK2.html",
     "文物保护法"),
    ("盐亭县妇幼计生中心", "http://scylws.org/News_show.asp?ID=8733", "母婴保健法"),
    ("经济贸易局", "http://m.jsliuhong.com/gongwenfanwen/2022/0318/168151.html", "对外贸易法"),
    ("湖北民族大学法学院", "http://www.snjxww.cn/posts/13/8266", "教育法"),
    ("陕西国际商贸学院", "https://sxy.csiic.com/info/1015/3080.htm", "职业教育法"),
    ("郑州交建投公司", "http://sdrzxdd.com/nshow.aspx?id=3845", "公路法"),
    ("淮安区港航事业发展中心", "http://jsshichuang.com/jtjz/2023-02-23/1487.html", "航道法"),  # 港口法 13th
    ("宣城市农产品质量安全中心", "https://zrzyghj.xuancheng.gov.cn/News/show/1537048.html", "农产品质量安全法"),
    ("市市场监督局", "http://www.man-on.com/xwdt/6492.html", "药品管理法"),
    ("市水电局", "http://soolun.net/periodical/dc3b31024c0446252340e6960204be8d.html", "防洪法"),
    ("一二五团社事办", "http://www.nqs.gov.cn/xwdt/jcdt/content_49573", "保障农民工工资支付条例"),
    ("市老龄委", "http://news.jsw.com.cn/zjnews/2013-10/01/content_2925037.htm", "老年人权益保障法"),
    # and those when it grew to 598 records
    ("邢台高新区社会事务局", "http://info.xingtai.gov.cn/single/52/350201.html", "保障农民工工资支付条例"),
    ("阳泉寝园管理处", "http://www.yqsbzfwzx.cn/index.php?id=36&p=news_show", "殡葬管理条例"),
    ("市红会", "http://www.lzsredcross.org/newsshow.php?cid=33&id=233", "红十字会法"),
    ("株洲市无线电管理处",
     "http://gxt.hunan.gov.cn/gxt/wxd_ycl/gldt_ycl/w_szcz_ycl/201309/t20130930_8129346.html", "无线电管理条例"),
    ("盐池湾管护中心", "https://www.qlsjqfj.com/contents/93850.html", "草原法"),
    ("国务院防治艾滋病工作委员会办公室", "https://baiwen12.com/article/377083.html", "艾滋病防治条例"),
    ("河北省机关事务管理局", "http://swj.hebei.gov.cn/system/2018/06/05/011754026.shtml", "公共机构节能条例"),
    ("咸宁市方志办",
     "http://www.difangzhi.cn/ztzl/rlqzgwydfzgztlbbssszn/jnhd/201606/t20160623_4940301.shtml", "地方志工作条例"),
]


def test_the_names_are_the_corpus_own():
    records = {(record["unit"], record["url"]) for line in CORPUS.read_text(encoding="utf-8").splitlines()
               if line.strip() and (record := json.loads(line))}
    assert [(name, url) for name, url, _ in REAL_UNITS if (name, url) not in records] == []


def contending_laws(type_ids: set[str], titles: set[str]) -> list[str]:
    """laws.jsonl lines of the national laws in force that are 主管 or 相关 to one of these types, or titled so."""
    acting: Counter = Counter()
    with gzip.open(ARTICLE_FACTS_FILE, "rt", encoding="utf-8") as facts:
        for line in facts:
            article = json.loads(line)
            for type_id in {name[0] for name in article["names"] if name[0] in type_ids and name[2] != "mention"}:
                acting[article["law_id"], type_id] += 1
    owned = {law_id for (law_id, _), count in acting.items() if count >= 2}
    lines = []
    for line in LAWS_FILE.read_text(encoding="utf-8").splitlines():
        law = json.loads(line)
        if law["status"] == "现行有效" and law["region"] is None and (
                law["id"] in owned or law["short_title"] in titles
                or any(principal[0] in type_ids for principal in law["principals"])):
            lines.append(line)
    return lines


def test_each_real_unit_gets_its_kinds_law_among_its_first(store: GraphStore, tmp_path: Path):
    types = {t.type_id for name, _, _ in REAL_UNITS for t in types_from_names(name)}
    subset = tmp_path / "laws.jsonl"
    subset.write_text("\n".join(contending_laws(types, {law for _, _, law in REAL_UNITS})) + "\n", encoding="utf-8")
    load_catalogue(store, subset)
    report = ingest_units(store, names_only_register(tmp_path, [name for name, _, _ in REAL_UNITS]))
    assert report.units_without_laws == []
    answers = CachedStore(store)
    first = {name: [row.law.short_title for row in coverage.applicable(answers, unit_id(name), limit=TOP).inferred]
             for name, _, _ in REAL_UNITS}
    assert {name: law for name, _, law in REAL_UNITS if law not in first[name]} == {}, first
