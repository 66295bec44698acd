"""The figures bench/data/README.md states about the corpus of real lists, recounted from the file.

    python -m bench.corpus_counts [bench/data/real_lists.jsonl]

Prints the counts of the README's "Counts" section and its per-kind table (kind, records, of which
checklist), so the README stays true when records are added. A unit's kind comes from keywords in its
name, the first rule that matches; a unit written only as `X分局` takes the kind its page title names
(the 生态环境 and 测绘 pages), and a bare `X县` counts as a county government.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from pathlib import Path

import typer

CORPUS = Path(__file__).parent / "data" / "real_lists.jsonl"

KIND_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("铁路公安", ("铁路公安", "铁警", "铁路派出所", "车站派出所", "乘警")),
    ("交警", ("交警", "交通警察", "交通管理")),
    ("消防救援", ("消防",)),
    ("检察院", ("检察", "检一分院")),
    ("法院", ("法院", "法庭", "中院")),
    ("人大/政法委/法学会", ("人大", "政法委", "法学会", "扫黑办")),
    ("纪检监察", ("纪委", "监委", "监察")),
    ("司法行政", ("司法", "法律援助", "普法办", "法宣办", "监狱", "戒毒", "社区矫正", "公证", "律师", "仲裁",
                  "依法治", "法制处", "法制办", "人民调解")),
    ("公安", ("公安", "派出所", "国安", "国家安全局", "禁毒")),
    ("应急管理", ("应急", "安监", "安委", "安全生产", "防火指挥", "抗震救灾", "地震", "防汛")),
    ("市场监管", ("市场监", "市场和质量", "工商", "质监", "质量技术监督", "食药", "药品监督", "市监", "消费者协会",
                  "消协", "知识产权", "食品安全委员会")),
    ("生态环境", ("生态环境", "环保", "环境保护")),
    ("水利河务", ("水利", "河务", "水务", "河长", "水文", "水电局", "河灌", "黄河", "淮河", "水利部", "黄委", "淮委",
                  "水库", "水保", "水资")),
    ("林草", ("林业", "林草", "草原", "森林", "湿地", "自然保护区", "林场", "林业站", "种苗")),
    ("农业农村", ("农业", "农村", "农牧", "畜牧", "兽医", "动检", "动物卫生", "渔", "农产品", "农机", "种子", "农林",
                  "乡村振兴", "农委", "农经")),
    ("卫生健康", ("卫生健康", "卫健", "卫计", "卫生局", "卫生监督", "疾控", "疾病预防", "卫生和计划生育", "爱卫", "卫生部", "艾滋病",
                  "计生")),
    ("医院/卫生院/血站", ("医院", "卫生院", "血站", "妇幼", "保健院", "保健所")),
    ("交通运输", ("交通运输", "交通局", "公路", "路政", "运管", "港航", "海事", "航道")),
    ("自然资源", ("自然资源", "国土", "测绘", "规划")),
    ("人社", ("人力资源", "人社", "劳动", "社保", "社会保险", "治欠")),
    ("民政", ("民政局", "民政厅", "民政部", "民政所", "民政办", "老龄", "慈善")),
    ("退役军人", ("退役军人",)),
    ("教育", ("教育局", "教育厅", "教育部", "教体", "教育科技", "教育和体育", "教委", "学区", "教育系统", "教科局")),
    ("幼儿园", ("幼儿园",)),
    ("学校", ("学校", "中学", "小学", "大学", "学院", "校")),
    ("妇联", ("妇联", "妇女联合会", "妇儿工委")),
    ("共青团", ("团委", "团市委", "团县委", "团省委", "共青团", "团区委", "团四川", "团内蒙古", "团杨陵")),
    ("工会", ("工会",)),
    ("残联", ("残联", "残疾人联合会")),
    ("侨联", ("侨联",)),
    ("统计", ("统计", "调查队", "调查总队")),
    ("审计", ("审计",)),
    ("税务", ("税务", "地税", "国税")),
    ("医保", ("医疗保障", "医保")),
    ("住建", ("住房", "住建", "建设局", "城乡建设", "城市更新", "物业")),
    ("综合执法/城管", ("城管", "城市管理", "综合执法", "综合行政执法", "执法局", "市容")),
    ("文旅/文物", ("文化", "文旅", "旅游", "文物", "文广", "图书馆", "博物馆", "纪念地", "体育", "广电")),
    ("发改/粮食", ("发改", "发展和改革", "发展改革", "粮食", "物资储备", "经济贸易", "经贸", "价格")),
    ("供电", ("供电", "电力", "电网")),
    ("烟草", ("烟草",)),
    ("海关", ("海关",)),
    ("网信", ("网信",)),
    ("保密", ("保密",)),
    ("档案/党委办", ("档案", "市委办", "县委办", "党委办公室")),
    ("民宗", ("民宗", "民族宗教", "宗教", "统战")),
    ("人武/国防", ("人武", "武装部", "国防", "国动", "人防", "人民防空", "兵役")),
    ("信访", ("信访",)),
    ("气象", ("气象",)),
    ("政务服务/行政审批", ("政务服务", "行政审批", "审批")),
    ("政数", ("政数", "数据")),
    ("红十字会", ("红十字", "红会")),
    ("工信/无线电", ("工信", "工业和信息化", "工业信息化", "无线电")),
    ("邮政", ("邮政",)),
    ("商务", ("商务",)),
    ("财政", ("财政",)),
    ("地方志", ("地方志", "史志", "方志")),
    ("机关事务", ("机关事务",)),
    ("科技/科协", ("科协", "科学技术协会", "科技")),
    ("文明办", ("文明办", "文明委", "新时代文明实践")),
    ("密码", ("密码",)),
    ("宣传部", ("宣传部",)),
    ("金融企业", ("银行", "保险", "信用社", "农商行", "证券")),
    ("其他国有企业", ("公司", "集团")),
    ("县级及以上政府", ("省人民政府", "市人民政府", "县人民政府", "区人民政府", "县政府", "市政府")),
    ("乡镇街道/社区", ("镇", "乡", "街道", "社区", "村", "办事处", "团", "区", "新城")),
]
"""Kinds of unit by keywords of the name, most specific first (铁路公安 before 公安, 妇幼 before 卫生)."""

app = typer.Typer(add_completion=False)


def kind_by_keywords(text: str) -> str | None:
    """The kind of the first rule one of whose keywords the text holds."""
    return next((kind for kind, keywords in KIND_RULES if any(keyword in text for keyword in keywords)), None)


def unit_kind(record: dict) -> str:
    """The kind of a record's unit: by its name, by its page title for a bare `X分局`, county government for `X县`."""
    name = record["unit"]
    if name.endswith("分局") and kind_by_keywords(name) in (None, "公安") and record["title"]:
        return kind_by_keywords(record["title"]) or "其他"
    if name.endswith("县") and kind_by_keywords(name) in (None, "乡镇街道/社区"):
        return "县级及以上政府"
    return kind_by_keywords(name) or "其他"


@app.command()
def main(corpus: Path = typer.Argument(CORPUS)) -> None:
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    urls = {row["url"] for row in rows}
    laws_per_record = [len(row["laws"]) for row in rows]
    years = [row["year"] for row in rows if row["year"] is not None]
    print(f"{len(rows)} records, {len({(row['region'], row['unit']) for row in rows})} distinct (region, unit) "
          f"pairs, {len(urls)} distinct URLs ({sum('.gov.cn' in url for url in urls)} on .gov.cn sites)")
    print("source:", dict(Counter(row["source"] for row in rows)),
          "form:", dict(Counter(row["form"] for row in rows if row["source"] == "checklist")))
    print(f"{sum(laws_per_record)} law mentions, {len({law for row in rows for law in row['laws']})} distinct law "
          f"strings; {min(laws_per_record)} to {max(laws_per_record)} laws per record "
          f"(median {statistics.median(laws_per_record):g})")
    print(f"year stated on {len(years)} records ({min(years)} to {max(years)}); region null on "
          f"{sum(row['region'] is None for row in rows)}; title null on {sum(row['title'] is None for row in rows)}")
    kinds = Counter(unit_kind(row) for row in rows)
    checklists = Counter(unit_kind(row) for row in rows if row["source"] == "checklist")
    print("| kind | records | checklist |\n|---|---|---|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} | {checklists[kind]} |")


if __name__ == "__main__":
    app()
