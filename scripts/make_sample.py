#!/usr/bin/env python
"""Generate data/sample: a fictional county's unit register and checklists in every format.

    .venv/bin/python scripts/make_sample.py [OUT_DIR]     # default: data/sample

澄河县 (in the equally fictional 示例市) does not exist; names of people are invented, phones
are 0000-style and e-mails are at example.org. The laws cited are real Chinese laws. Every
file is produced from the Python structures below, and Office zips are written with fixed
timestamps so that re-running the script reproduces the same bytes.

Defects are deliberate (old department names, a repealed law, a missing column, merged
cells, GBK text …); README.md, also generated here, lists them file by file.
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl.styles import Alignment, Font

from ingest.checklists.normalize import key_dates, normalize_timing

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "sample"
COUNTY = "澄河县"
REGION = "示例市澄河县"
FIXED_DATE = (2026, 1, 5, 9, 0, 0)
FIXED_ISO = "2026-01-05T09:00:00Z"

# --- laws (real titles) -------------------------------------------------------------------------
P = "中华人民共和国"


def L(short: str) -> str:  # noqa: N802 - reads like a citation
    return f"《{P}{short}》"


XIANFA, MINFADIAN = L("宪法"), L("民法典")

# --- units --------------------------------------------------------------------------------------


@dataclass
class Unit:
    name: str
    short: str
    kind: str
    dept_types: str
    liaison: str
    post: str
    slug: str
    parent: str = ""
    aliases: str = ""
    leader: str = ""


UNITS: list[Unit] = [
    Unit("澄河县公安局", "县公安局", "行政执法机关", "公安机关、公安机关交通管理部门、出入境管理机构", "刘建平", "法制大队副大队长", "gaj", leader="副局长 赵立军"),
    Unit("澄河县公安局交通管理大队", "县交警大队", "行政执法机关", "公安机关交通管理部门", "马小龙", "秩序中队民警", "gaj-jj", parent="县公安局", leader="大队长 孙志远"),
    Unit("澄河县公安局法制大队", "县公安局法制大队", "", "", "刘建平", "副大队长", "gaj-fz", parent="澄河县公安局"),
    Unit("澄河县市场监督管理局", "县市场监管局", "行政执法机关", "市场监督管理部门、食品安全监督管理部门、药品监督管理部门、知识产权管理部门、标准化行政主管部门、价格监督检查部门", "陈晓梅", "法规股股长", "scjg", aliases="县市场监督管理局、县市场局", leader="副局长 周海燕"),
    Unit("澄河县市场监督管理局城关市场监督管理所", "城关市场监管所", "行政执法机关", "市场监督管理部门", "黄一鸣", "所长", "scjg-cg", parent="县市场监管局"),
    Unit("示例市生态环境局澄河分局", "县生态环境分局", "行政执法机关", "生态环境主管部门", "王清源", "综合股干部", "sthj", parent="示例市生态环境局", leader="副局长 李向东"),
    Unit("澄河县生态环境保护综合行政执法大队", "县环境执法大队", "行政执法机关", "生态环境主管部门", "邓海川", "执法队员", "sthj-zf", parent="县生态环境分局"),
    Unit("澄河县教育体育局", "县教体局", "行政机关", "教育行政部门、体育行政部门", "许文静", "政策法规股副股长", "jtj", aliases="县教育体育局", leader="副局长 韩雪松"),
    Unit("澄河县卫生健康委员会", "县卫健委", "行政执法机关", "卫生健康主管部门、中医药主管部门、疾病预防控制部门", "沈佳怡", "法规科科员", "wjw", leader="副主任 冯国强"),
    Unit("澄河县卫生健康综合行政执法大队", "县卫生监督所", "行政执法机关", "卫生健康主管部门", "程浩", "副大队长", "wjw-zf", parent="县卫健委"),
    Unit("澄河县人民医院", "县人民医院", "事业单位", "医疗机构", "蒋欣然", "医务科科长", "rmyy", parent="县卫健委"),
    Unit("澄河县应急管理局", "县应急局", "行政执法机关", "应急管理部门、负有安全生产监督管理职责的部门、安全生产监督管理部门", "曹志刚", "政策法规股股长", "yjj", aliases="县应急管理局", leader="副局长 魏振华"),
    Unit("澄河县人民法院", "县法院", "审判机关", "人民法院", "袁梦琪", "研究室主任", "fy", leader="副院长 唐正义"),
    Unit("澄河县人民法院城关人民法庭", "城关法庭", "司法机关", "人民法院", "罗斌", "庭长", "fy-cg", parent="县法院"),
    Unit("澄河县人民检察院", "县检察院", "司法机关", "人民检察院", "何静", "法律政策研究室检察官助理", "jcy", leader="副检察长 邹明"),
    Unit("澄河县妇女联合会", "县妇联", "人民团体", "妇女联合会", "林秀英", "权益部部长", "fl", leader="副主席 郑丽华"),
    Unit("澄河县司法局", "县司法局", "行政执法机关", "司法行政部门、普法主管部门", "吴思远", "普法与依法治理股股长", "sfj", leader="副局长 钱立新"),
    Unit("澄河县司法局城关司法所", "城关司法所", "行政执法机关", "司法行政部门", "谢文", "所长", "sfj-cg", parent="县司法局"),
    Unit("澄河县人力资源和社会保障局", "县人社局", "行政执法机关", "人力资源社会保障行政部门、劳动行政部门、社会保险行政部门", "朱丹", "法规股股长", "rsj", leader="副局长 何建国"),
    Unit("澄河县劳动保障监察大队", "县劳动监察大队", "行政执法机关", "劳动保障监察机构", "彭亮", "大队长", "rsj-jc", parent="县人社局"),
    Unit("澄河县住房和城乡建设局", "县住建局", "行政执法机关", "住房城乡建设主管部门、建设行政主管部门、房产管理部门、燃气管理部门", "范思成", "法规股股长", "zjj", leader="副局长 潘宏伟"),
    Unit("澄河县交通运输局", "县交通局", "行政执法机关", "交通运输主管部门、公路管理机构、道路运输管理机构", "董方", "政策法规股股长", "jtj2", aliases="县交通运输局", leader="副局长 江海"),
    Unit("澄河县交通运输综合行政执法大队", "县交通执法大队", "行政执法机关", "交通运输主管部门", "崔勇", "副大队长", "jtj2-zf", parent="县交通局"),
    Unit("澄河县农业农村局", "县农业农村局", "行政执法机关", "农业农村主管部门、兽医主管部门、渔业主管部门、农业行政主管部门", "孔祥瑞", "法规股干部", "nyj", aliases="县农业局", leader="副局长 秦丰收"),
    Unit("澄河县农业综合行政执法大队", "县农业执法大队", "行政执法机关", "农业农村主管部门", "姚远", "大队长", "nyj-zf", parent="县农业农村局"),
    Unit("澄河县自然资源局", "县自然资源局", "行政执法机关", "自然资源主管部门、测绘地理信息主管部门", "戴晓东", "法规股股长", "zrzy", aliases="县国土局", leader="副局长 夏长林"),
    Unit("澄河县民政局", "县民政局", "行政执法机关", "民政部门", "廖红", "社会事务股股长", "mzj", leader="副局长 田春"),
    Unit("国家税务总局澄河县税务局", "县税务局", "行政执法机关", "税务机关", "邱明亮", "法制股股长", "swj", parent="国家税务总局示例市税务局", leader="副局长 石磊"),
    Unit("澄河县文化旅游体育局", "县文旅体局", "行政执法机关", "文化主管部门、旅游主管部门、文物主管部门、体育行政部门", "陆雨婷", "办公室副主任", "wlj", leader="副局长 傅云"),
    Unit("澄河县医疗保障局", "县医保局", "行政执法机关", "医疗保障行政部门", "任静", "基金监管股股长", "ybj", leader="副局长 方卫东"),
    Unit("澄河县退役军人事务局", "县退役军人局", "行政执法机关", "退役军人工作主管部门", "贺强", "办公室主任", "tyjr", leader="副局长 龙振军"),
    Unit("澄河县消防救援大队", "县消防大队", "行政执法机关", "消防救援机构", "邵军", "防火监督员", "xf", parent="示例市消防救援支队", leader="副大队长 万立"),
    Unit("澄河县总工会", "县总工会", "群团组织", "工会", "严秀兰", "法律工作部部长", "zgh", leader="副主席 段红梅"),
    Unit("共青团澄河县委员会", "团县委", "群团", "共产主义青年团", "叶青", "组织部部长", "txw", leader="副书记 易凡"),
    Unit("中共澄河县委网络安全和信息化委员会办公室", "县委网信办", "党委部门", "网信部门、互联网信息内容主管部门", "雷鸣", "网络管理股股长", "wxb", leader="副主任 聂文"),
    Unit("澄河县水利局", "县水利局", "行政执法机关", "水行政主管部门、防汛抗旱指挥机构办事机构", "白浩然", "水政监察大队大队长", "slj", leader="副局长 汤海波"),
    Unit("澄河县林业和草原局", "县林草局", "行政执法机关", "林业和草原主管部门、林业主管部门、野生动物保护主管部门", "毛松", "资源保护股股长", "lcj", leader="副局长 郝建林"),
    Unit("澄河县财政局", "县财政局", "行政执法机关", "财政部门、会计工作主管部门", "尹洁", "法规股股长", "czj", leader="副局长 黎明"),
    Unit("澄河县审计局", "县审计局", "行政执法机关", "审计机关", "常乐", "法规审理股股长", "sjj", leader="副局长 武刚"),
    Unit("澄河县统计局", "县统计局", "", "统计机构", "康宁", "统计执法监督股股长", "tjj", leader="副局长 史进"),
    Unit("澄河县融媒体中心", "县融媒体中心", "", "", "乔宇", "新闻部主任", "rmt", leader="副主任 殷实"),
    Unit("国网示例市澄河县供电公司", "县供电公司", "国有企业", "电力企业、供电企业", "薛峰", "安全监察部专责", "gdgs", leader="副经理 雷电"),
]
UNIT_BY_SHORT = {u.short: u for u in UNITS}

NAMES = (
    "王磊 李娜 张伟 刘洋 陈静 杨帆 黄敏 赵强 周婷 吴昊 徐丽 孙浩 胡斌 朱琳 高翔 林峰 何婷 郭亮 马丽 罗杰 梁爽 宋佳 郑凯 谢婷 "
    "韩冰 唐宁 冯雪 于洋 董浩 萧然 程琳 曹阳 袁媛 邓超 许诺 傅强 沈洁 曾鹏 彭丽 吕鑫 苏杭 卢静 蒋涛 蔡琴 贾亮 丁一 魏巍 薛梅"
).split()


def phone(i: int) -> str:
    return f"0000-{7000100 + i * 11:07d}"


def email(slug: str) -> str:
    return f"pufa.{slug}@example.org"


def person(i: int) -> str:
    return NAMES[i % len(NAMES)]


# --- checklist structures ------------------------------------------------------------------------


@dataclass
class Item:
    law: str
    audience: str
    method: str
    timing: str
    section: str
    person: str = ""
    partners: str = ""
    standard: str = ""
    measures: str = ""
    group: str = ""


STD = [("seq", "序号"), ("law", "法律法规名称"), ("audience", "普法对象"), ("method", "普法方式"), ("timing", "时间节点"),
       ("section", "责任科室"), ("person", "责任人"), ("leader", "分管领导"), ("partners", "配合单位"),
       ("standard", "工作标准"), ("measures", "具体措施")]
ALT1 = [("seq", "序号"), ("law", "普法内容"), ("audience", "宣传对象"), ("method", "普法形式"), ("timing", "完成时限"),
        ("section", "责任股室"), ("person", "责任人"), ("leader", "分管领导"), ("partners", "协同单位")]
ALT2 = [("seq", "序号"), ("law", "学习宣传的法律法规"), ("audience", "普法对象"), ("method", "普法载体"),
        ("timing", "时间安排"), ("section", "牵头科室"), ("person", "责任人"), ("partners", "配合单位"),
        ("measures", "具体措施")]
ALT3 = [("seq", "序号"), ("law", "普法依据"), ("audience", "普法对象"), ("method", "普法措施"), ("timing", "普法时间"),
        ("section", "责任处室"), ("person", "责任人"), ("standard", "工作标准")]
NO_AUDIENCE = [("seq", "序号"), ("law", "法律法规名称"), ("method", "普法方式"), ("timing", "时间节点"),
               ("section", "责任股室"), ("person", "责任人"), ("leader", "分管领导"), ("measures", "具体措施")]
TWO_ROW = [("seq", "序号"), ("law", "法律法规名称"), ("audience", "普法对象"), ("method", "普法方式"),
           ("timing", "时间节点"), ("section", "责任科室"), ("person", "责任人"), ("standard", "工作标准")]
"""TWO_ROW is written with 责任主体 merged over 责任科室 | 责任人 (a two-row header)."""


@dataclass
class Checklist:
    unit: str
    """UNITS short name."""
    year: int
    fmt: str
    filename: str
    items: list[Item]
    columns: list[tuple[str, str]] = field(default_factory=lambda: list(STD))
    title: str | None = None
    """None: 澄河县…{year}年度普法责任清单; "" for no title at all."""
    defects: list[str] = field(default_factory=list)
    options: dict = field(default_factory=dict)

    @property
    def unit_obj(self) -> Unit:
        return UNIT_BY_SHORT[self.unit]

    @property
    def title_text(self) -> str:
        if self.title is not None:
            return self.title
        return f"{self.unit_obj.name}{self.year}年度“谁执法谁普法”普法责任清单"


SYSTEM = "一、系统内学法用法"
SOCIAL = "二、面向社会普法"


def common_rows(section: str, who: str, extra_audience: str = "") -> list[Item]:
    """The common duty every unit lists: the Constitution on 12·4 and the Civil Code in May."""
    return [
        Item(XIANFA, "全体干部职工" + (f"、{extra_audience}" if extra_audience else ""),
             "党组理论学习中心组集中学法、“宪法宣誓”、法治宣传栏", "“12·4”国家宪法日、宪法宣传周", section, who,
             group=SYSTEM, standard="中心组学法不少于2次", measures="组织干部职工开展宪法集中学习和宪法宣誓仪式"),
        Item(MINFADIAN, "全体干部职工、服务对象", "专题讲座、微信公众号推送", "5月民法典宣传月", section, who, group=SYSTEM,
             measures="邀请律师开展民法典专题讲座"),
    ]


CHECKLISTS: list[Checklist] = [
    # 县公安局 ------------------------------------------------------------------------------
    Checklist(
        "县公安局", 2026, "docx_merged", "澄河县公安局2026年普法责任清单.docx", columns=TWO_ROW,
        items=[
            Item(XIANFA, "全局民警、辅警", "党委理论学习中心组学法、宪法宣誓", "“12·4”国家宪法日", "政治处", person(1),
                 standard="全员参加", group=SYSTEM),
            Item(f"{L('治安管理处罚法')}\n{L('反电信网络诈骗法')}", "社区居民、老年人", "法律进社区、发放宣传资料、以案释法",
                 "全年", "治安管理大队", person(2), standard="每季度不少于1次"),
            Item(f"{L('治安管理处罚法')}\n{L('反电信网络诈骗法')}", "在校学生、家长", "法治副校长进校园、反诈宣传讲座",
                 "9月开学季", "刑事侦查大队", person(3), standard="覆盖全县中小学"),
            Item(f"{L('禁毒法')}、《戒毒条例》", "青少年、娱乐场所从业人员", "禁毒宣传周集中宣传、抖音短视频",
                 "“6·26”国际禁毒日", "禁毒大队", person(4)),
            Item(f"{L('道路交通安全法')}、{L('道路交通安全法实施条例')}", "驾驶人、电动自行车骑行者、中小学生",
                 "说理式执法、LED屏滚动播放、“美丽乡村行”交通安全宣传", "12·2全国交通安全日", "交通管理大队", person(5)),
            Item("《澄河县城区养犬管理办法》", "城区居民", "微信公众号、小区宣传栏", "每季度", "治安管理大队", person(2),
                 standard="辖区小区全覆盖"),
            Item(f"{L('居民身份证法')}、{L('出境入境管理法')}", "办事群众", "窗口服务普法、发放宣传资料", "全年",
                 "户政管理大队、出入境管理大队", person(6)),
        ],
        defects=[
            "two-row header: 责任主体 merged over 责任科室 | 责任人",
            "title merged across the first table row (inside the table)",
            "law cell merged vertically over two rows (治安管理处罚法 + 反电信网络诈骗法, separated by a line break)",
            "《澄河县城区养犬管理办法》: a local normative document not in any catalogue",
        ],
        options={"title_in_table": True, "merge_law": True},
    ),
    Checklist(
        "县公安局", 2025, "xlsx", "2025_县公安局_普法责任清单.xlsx", columns=ALT1,
        items=[
            Item(XIANFA, "全局民警", "集中学法", "12月", "政治处", person(1)),
            Item(L("治安管理处罚法"), "辖区群众", "进社区、发放宣传资料", "全年", "治安管理大队", person(2),
                 partners="县工商局、县司法局"),
            Item(L("道路交通安全法"), "驾驶人", "以案释法、曝光台", "全年", "交通管理大队", person(5)),
        ],
        title="",
        defects=["no title: unit and year come from the file name", "配合单位 cites 县工商局 (renamed 2018, now 市场监督管理局)"],
    ),
    Checklist(
        "县交警大队", 2026, "xls_disguised", "县交警大队2026普法清单.xls", columns=ALT1,
        items=[
            Item(f"{L('道路交通安全法')}、{L('道路交通安全法实施条例')}", "机动车驾驶人、运输企业", "说理式执法、以案释法、微信公众号曝光",
                 "全年", "秩序中队", person(7), partners="县交通局"),
            Item("《电动自行车安全技术规范》、道路交通安全法", "电动自行车骑行者、外卖骑手", "进企业、进社区、发放头盔宣传资料",
                 "4-5月", "宣传科", person(8)),
            Item(L("道路交通安全法"), "中小学生、家长", "交通安全课进校园、小交警体验", "9月、12·2", "宣传科", person(8),
                 partners="县教体局"),
        ],
        defects=[
            "an .xls extension on what is really an xlsx (zip) workbook: read by sniffing the content",
            "《电动自行车安全技术规范》 is a national standard (GB 17761), not a law",
            "timing '9月、12·2' mixes a month and a key date",
        ],
    ),
    # 县市场监管局 --------------------------------------------------------------------------
    Checklist(
        "县市场监管局", 2026, "xlsx_title", "2026年县市场监管局普法责任清单（报送稿）.xlsx",
        items=[
            Item(f"{L('食品安全法')}（2021年修正）、{L('食品安全法实施条例')}", "食品生产经营者、学校食堂负责人",
                 "说理式执法、以案释法、食品安全宣传周集中宣传", "6月食品安全宣传周", "食品安全监管股", person(9),
                 partners="县教体局、县卫健委", standard="检查对象全覆盖", measures="结合日常检查逐户讲解主体责任"),
            Item(f"{L('消费者权益保护法')}、《{P}消费者权益保护法实施条例》", "消费者、经营者", "“3·15”现场咨询、发放宣传资料、抖音直播",
                 "3·15", "消费者权益保护股", person(10), partners="县司法局", measures="设立咨询台，开展放心消费承诺"),
            Item(f"{L('产品质量法')}、{L('特种设备安全法')}", "生产企业、特种设备使用单位", "进企业、培训", "每季度",
                 "特种设备安全监察股", person(11), standard="每季度不少于1次"),
            Item(f"{L('药品管理法')}、《医疗器械监督管理条例》、《化妆品监督管理条例》", "药店、医疗机构、化妆品经营者",
                 "专题培训、以案释法", "上半年", "药品医疗器械监管股", person(12)),
            Item(f"{L('广告法')}、{L('反不正当竞争法')}", "个体工商户、网络主播", "约谈提醒、微信群推送", "全年",
                 "网络交易监管股", person(13), partners="县委网信办"),
        ],
        defects=[
            "a title row and a 填报单位/填报时间 line above the header (header is on row 3)",
            "version suffix （2021年修正） after 食品安全法; a 实施条例 in the same cell",
        ],
    ),
    Checklist(
        "县市场监管局", 2025, "docx", "2025_县市场监督管理局_普法责任清单.docx", columns=ALT3,
        title="澄河县工商行政管理局2025年普法责任清单",
        items=[
            Item(f"{L('合同法')}", "企业经营者", "合同帮扶指导、发放示范文本", "全年", "合同监管股", person(14)),
            Item(L("食品安全法"), "食品经营者", "说理式执法", "全年", "食品安全监管股", person(9)),
            Item(L("消费者权益保护法"), "消费者", "“3·15”宣传咨询", "3月15日", "消费者权益保护股", person(10)),
        ],
        defects=[
            "title uses the pre-2018 name 澄河县工商行政管理局 (the file name says 县市场监督管理局)",
            "cites 《中华人民共和国合同法》, repealed on 2021-01-01 by the Civil Code",
        ],
    ),
    # 县生态环境分局 ------------------------------------------------------------------------
    Checklist(
        "县生态环境分局", 2026, "csv_utf8", "县生态环境分局-2026-普法责任清单.csv", columns=ALT2,
        items=[
            Item(f"{L('环境保护法')}、{L('环境影响评价法')}", "重点排污单位、建设单位", "进企业、说理式执法、“六五环境日”主题活动",
                 "6·5", "综合股", person(15), partners="县环保局、县住建局", measures="开展环评与排污许可政策解读"),
            Item(f"{L('大气污染防治法')}\n{L('水污染防治法')}\n{L('固体废物污染环境防治法')}", "企业负责人、环境管理人员",
                 "专题培训、以案释法", "第二季度", "县环境执法大队", person(16), measures="发布典型环境违法案例"),
            Item(f"{L('噪声污染防治法')}", "社区居民、建筑施工单位", "进社区、进工地、宣传栏", "高考中考期间",
                 "综合股", person(15)),
            Item("《排污许可管理条例》", "排污单位", "菜单式普法、上门指导", "全年", "县环境执法大队", person(16)),
        ],
        defects=[
            "配合单位 cites 县环保局 (renamed 2018, now 生态环境)",
            "three laws in one cell separated by line breaks",
            "timing '高考中考期间' maps to no key date: kept raw and flagged unresolved",
        ],
    ),
    # 县教体局 ------------------------------------------------------------------------------
    Checklist(
        "县教体局", 2026, "docx_two_tables", "澄河县教育体育局2026年度普法责任清单.docx",
        items=[
            *common_rows("政策法规股", person(17), "全县教师"),
            Item(f"{L('教育法')}、{L('教师法')}、{L('学前教育法')}", "全县教师、学校管理人员", "专题培训、网络学法考试",
                 "暑期集中培训", "人事股", person(18), group=SYSTEM),
            Item(f"{L('未成年人保护法')}、{L('预防未成年人犯罪法')}", "中小学生及家长", "法治副校长讲法治课、开学第一课、家长会",
                 "9月、每学期", "德育股", person(19), partners="县公安局、县人民检察院、团县委", group=SOCIAL,
                 measures="每校配备法治副校长，每学期至少讲1次法治课"),
            Item(f"{L('义务教育法')}、{L('家庭教育促进法')}", "家长、监护人", "家长学校、微信公众号", "每学期", "基础教育股",
                 person(20), group=SOCIAL),
            Item(f"{L('食品安全法')}、《学校食品安全与营养健康管理规定》", "学校食堂从业人员、学生", "专题培训、宣传栏",
                 "春秋季开学", "后勤安全股", person(21), partners="县食药监局", group=SOCIAL),
            Item(L("体育法"), "青少年、体育社会组织", "全民健身活动现场宣传", "8月8日全民健身日", "体育股", person(22),
                 group=SOCIAL),
        ],
        defects=[
            "two tables in one file: 一、系统内学法用法 and 二、面向社会普法, each with its own heading paragraph",
            "配合单位 cites 县食药监局 (食品药品监督管理局, merged into 市场监督管理 in 2018)",
            "'8月8日全民健身日': a date written out in full (maps to fitness_day through its month and day)",
        ],
    ),
    # 县卫健委 ------------------------------------------------------------------------------
    Checklist(
        "县卫健委", 2026, "xlsx_merged", "澄河县卫健委2026年普法责任清单.xlsx", columns=ALT2,
        items=[
            Item(f"《{P}基本医疗卫生与健康促进法》、{L('医师法')}\n《医疗纠纷预防和处理条例》", "医务人员", "集中学法、岗前培训",
                 "每季度", "医政医管股", person(23), group=SYSTEM),
            Item(f"{L('传染病防治法')}、{L('精神卫生法')}\n《艾滋病防治条例》", "社区居民、流动人口", "健康教育讲座、发放宣传资料",
                 "12·1世界艾滋病日", "疾病预防控制股", person(25), group=SOCIAL),
            Item(f"{L('传染病防治法')}、{L('精神卫生法')}\n《艾滋病防治条例》", "中小学生", "健康教育课进校园",
                 "秋季开学", "疾病预防控制股", person(25), partners="县教体局", group=SOCIAL),
            Item(f"{L('母婴保健法')}、{L('人口与计划生育法')}", "育龄群众、孕产妇", "进乡村、义诊咨询", "上半年", "妇幼健康股",
                 person(26), group=SOCIAL),
            Item(f"《{P}基本医疗卫生与健康促进法》", "患者及家属", "医院宣传栏、LED屏", "全年", "县人民医院", person(24),
                 group=SOCIAL),
            Item(f"{L('中医药法')}", "中医医疗机构", "培训", "10月", "中医股", person(27), group=SOCIAL),
        ],
        defects=[
            "law cells merged vertically (传染病防治法、精神卫生法 + a line break + 艾滋病防治条例 covers two rows)",
            "group headings 一、/二、 as rows merged across all columns",
            "several laws in one cell separated by 、 and a line break",
        ],
        options={"merge_law": True, "groups": True},
    ),
    # 县应急局 ------------------------------------------------------------------------------
    Checklist(
        "县应急局", 2026, "csv_gbk", "县应急管理局2026年普法责任清单.csv",
        items=[
            Item(f"{L('安全生产法')}（2021年修正）", "生产经营单位主要负责人、安全管理人员", "安全生产月集中宣传、进企业、以案释法",
                 "6月安全生产月", "安全生产综合协调股", person(28), partners="县住建局、县交通局、县消防大队",
                 standard="重点企业全覆盖", measures="开展“安全生产月”咨询日活动"),
            Item(f"{L('突发事件应对法')}、{L('防震减灾法')}", "社区居民、学校师生", "应急演练、防灾减灾日宣传",
                 "5·12", "应急救援股", person(29), partners="县教体局"),
            Item("《危险化学品安全管理条例》、《生产安全事故应急条例》", "危化品企业从业人员", "专题培训、说理式执法",
                 "每季度", "危化品监管股", person(30)),
            Item("《生产安全事故报告和调查处理条例》", "企业负责人", "警示教育、典型案例通报", "适时", "执法大队", person(31)),
        ],
        defects=["encoded in GBK (as Excel on Chinese Windows saves CSV)", "timing '适时' is kept raw and flagged unresolved"],
    ),
    # 县法院 --------------------------------------------------------------------------------
    Checklist(
        "县法院", 2026, "prose_docx", "县法院2026年普法责任清单.docx",
        items=[
            Item(f"{XIANFA}", "全院干警、旁听群众", "宪法宣誓、法院开放日", "12·4", "政治部", person(32)),
            Item(f"{MINFADIAN}（婚姻家庭编、继承编）", "诉讼当事人、社区居民", "以案释法、巡回审判、庭审直播",
                 "全年", "民事审判庭、城关法庭", person(33)),
            Item(f"{L('刑法')}、{L('刑事诉讼法')}", "社会公众、青少年", "庭审直播、旁听庭审、典型案例发布", "每季度",
                 "刑事审判庭", person(34), partners="县检察院、县教体局"),
            Item(f"{L('行政诉讼法')}", "行政机关工作人员", "行政机关负责人出庭应诉、旁听庭审", "下半年", "行政审判庭",
                 person(35), partners="县司法局"),
            Item(f"{L('人民陪审员法')}", "人民陪审员", "岗前培训", "3月", "政治部", person(32)),
        ],
        defects=[
            "a prose list in Word paragraphs (no table): '1.《…》，普法对象：…；…；责任部门：…'",
            "《民法典》（婚姻家庭编、继承编）: the 、 inside brackets must not split the law",
        ],
    ),
    # 县检察院 ------------------------------------------------------------------------------
    Checklist(
        "县检察院", 2026, "docx", "澄河县人民检察院2026年普法责任清单.docx", columns=ALT3,
        items=[
            Item(XIANFA, "全院干警", "党组理论学习中心组学法", "“12·4”国家宪法日", "政治部", person(36), standard="全员参加"),
            Item(f"{L('未成年人保护法')}、{L('预防未成年人犯罪法')}", "中小学生", "检察官担任法治副校长、以案释法",
                 "每学期", "第二检察部", person(37), standard="全县中小学全覆盖"),
            Item(f"{L('刑法')}、{L('反电信网络诈骗法')}", "老年人、社区居民", "以案释法、检察开放日、发放宣传资料", "4·15、全年",
                 "第一检察部", person(38)),
            Item(f"{L('民事诉讼法')}、{L('行政诉讼法')}（公益诉讼条款）", "行政执法人员、企业", "公益诉讼典型案例发布、诉前磋商",
                 "第三季度", "第三检察部", person(39)),
        ],
        defects=["headers 普法依据 / 普法措施 / 普法时间 / 责任处室 (synonyms)", "以案释法 and 12·4 rows"],
    ),
    # 县妇联 --------------------------------------------------------------------------------
    Checklist(
        "县妇联", 2026, "prose_txt", "县妇联2026年普法责任清单.txt",
        items=[
            Item(f"{L('妇女权益保障法')}（2022年修订）、{L('反家庭暴力法')}", "妇女群众、村（社区）妇联干部",
                 "“三八”维权周集中宣传、以案释法、发放宣传资料", "3·8", "权益部", person(40), partners="县法院、县公安局、县司法局"),
            Item(f"{MINFADIAN}婚姻家庭编、{L('家庭教育促进法')}", "家长、新婚夫妇", "家庭教育讲座、婚姻登记处宣传", "5月民法典宣传月",
                 "家庭儿童部", person(41), partners="县民政局"),
            Item(f"{L('未成年人保护法')}", "", "儿童之家法治课", "6·1", "家庭儿童部", person(41)),
            Item("《女职工劳动保护特别规定》", "女职工", "进企业宣讲", "全年", "权益部", person(40), partners="县总工会"),
        ],
        defects=[
            "a prose list in a UTF-8 .txt, with a title, a preamble and a signature",
            "item 3 gives no 普法对象: flagged missing:whom:empty",
        ],
    ),
    # 县司法局 ------------------------------------------------------------------------------
    Checklist(
        "县司法局", 2026, "xlsx", "澄河县司法局2026年普法责任清单.xlsx",
        items=[
            Item(XIANFA, "全体公民、国家工作人员", "宪法宣传周、法律六进、新媒体", "“12·4”国家宪法日、宪法宣传周",
                 "普法与依法治理股", person(42), partners="县委宣传部、各成员单位", standard="开展主题活动不少于5场"),
            Item(MINFADIAN, "社区居民、农民", "民法典宣传月、法律明白人培训、菜单式普法", "5月", "普法与依法治理股",
                 person(42), partners="县法院、县妇联"),
            Item(f"{L('人民调解法')}、{L('法律援助法')}", "人民调解员、困难群众", "业务培训、法律咨询、以案释法", "每季度",
                 "人民参与和促进法治股、公共法律服务中心", person(43)),
            Item(f"{L('社区矫正法')}", "社区矫正对象及其家属", "入矫教育、个别谈话", "全年", "社区矫正股", person(44)),
            Item(f"{L('行政复议法')}、{L('行政处罚法')}", "行政执法人员", "执法人员培训、旁听庭审", "第二季度", "行政复议与应诉股",
                 person(45), partners="县法院"),
        ],
        defects=["以案释法, 12·4 and 宪法宣传周 rows", "配合单位 '各成员单位' cannot be resolved to a unit"],
    ),
    Checklist(
        "县司法局", 2025, "csv_bom", "2025_县司法局_普法责任清单.csv", columns=ALT1,
        items=[
            Item(f"{XIANFA}、{MINFADIAN}", "全体公民", "宪法宣传周、民法典宣传月", "12·4、5月", "普法与依法治理股", person(42)),
            Item(L("人民调解法"), "人民调解员", "培训", "全年", "人民参与和促进法治股", person(43)),
        ],
        defects=["UTF-8 with a byte-order mark; no title (unit and year from the file name)"],
    ),
    # 县人社局 ------------------------------------------------------------------------------
    Checklist(
        "县人社局", 2026, "csv_bom", "县人社局_2026_普法责任清单.csv",
        items=[
            Item(f"{L('劳动法')}、{L('劳动合同法')}", "用人单位、劳动者", "进企业、以案释法、劳动用工体检", "全年", "县劳动监察大队",
                 person(46), partners="县总工会"),
            Item("《保障农民工工资支付条例》", "农民工、施工单位", "进工地、发放明白纸、说理式执法", "每年11月至次年春节",
                 "县劳动监察大队", person(46), partners="县住建局、县交通局、县水利局"),
            Item(f"{L('社会保险法')}、《工伤保险条例》", "参保人员、用人单位", "窗口服务普法、微信公众号", "每季度", "社会保险股",
                 person(47)),
            Item(f"{L('就业促进法')}、{L('劳动争议调解仲裁法')}", "高校毕业生、求职者", "招聘会现场咨询", "春风行动期间",
                 "就业股、劳动人事争议仲裁院", person(0)),
        ],
        defects=["UTF-8 with BOM", "timing '每年11月至次年春节' and '春风行动期间' (the latter unresolved)"],
    ),
    # 县住建局 ------------------------------------------------------------------------------
    Checklist(
        "县住建局", 2026, "docx", "县住建局2026年普法责任清单.docx",
        items=[
            Item(f"{L('建筑法')}、《建设工程质量管理条例》、《建设工程安全生产管理条例》", "施工单位、建设单位、一线工人",
                 "进工地、施工围挡公益广告、说理式执法", "全年", "建筑管理股", person(1), partners="县应急局"),
            Item(f"{L('合同法')}、{L('城市房地产管理法')}", "购房者、房地产开发企业", "售楼处宣传栏、发放宣传资料", "每季度",
                 "房地产市场监管股", person(2)),
            Item("《物业管理条例》", "小区业主、物业服务企业", "进社区、业主大会指导", "下半年", "物业管理股", person(3)),
            Item("《城镇燃气管理条例》", "燃气经营企业、餐饮商户", "入户安全检查、宣传单", "10-12月", "城建股", person(4),
                 partners="县市场监管局、县消防大队"),
        ],
        defects=["cites 《中华人民共和国合同法》 (repealed 2021-01-01) next to a current law in the same cell"],
    ),
    # 县交通局 ------------------------------------------------------------------------------
    Checklist(
        "县交通局", 2026, "xlsx_blank", "县交通运输局2026年普法责任清单.xlsx", columns=ALT1,
        items=[
            Item(f"{L('公路法')}、《公路安全保护条例》", "沿线村民、货运驾驶员", "路政宣传、说理式执法", "全年", "县交通执法大队",
                 person(5), partners="县公安局"),
            Item(f"《{P}道路运输条例》", "道路运输企业、网约车平台",
                 "行业培训、约谈", "第一季度", "运输股", person(6)),
            Item(f"{L('安全生产法')}", "客运驾驶员", "安全生产月、以案释法", "6月", "安全监督股", person(7), partners="县应急局"),
        ],
        defects=[
            "a blank separator row between items (reported as a skip)",
            "headers 普法内容 / 宣传对象 / 普法形式 / 完成时限 / 责任股室 / 协同单位 (synonyms)",
        ],
        options={"blank_after": 1},
    ),
    # 县农业农村局 --------------------------------------------------------------------------
    Checklist(
        "县农业农村局", 2026, "csv_tab", "县农业农村局2026年普法责任清单.csv",
        items=[
            Item(f"{L('农产品质量安全法')}、《农药管理条例》", "种植户、农资经营者", "送法下乡、赶集日宣传、以案释法", "3-4月",
                 "县农业执法大队", person(8)),
            Item(f"{L('种子法')}、{L('动物防疫法')}", "养殖户、种子经营者", "进村入户、发放明白纸", "春耕、秋防", "种植业股、畜牧兽医股",
                 person(9)),
            Item(f"{L('农村土地承包法')}、{L('乡村振兴促进法')}", "农民、村干部", "法律明白人培训、农村大喇叭", "全年",
                 "农村经营管理股", person(10), partners="县司法局"),
        ],
        defects=["a .csv that is tab-delimited (delimiter sniffed)", "timings '春耕、秋防' are unresolved"],
    ),
    # 县自然资源局 --------------------------------------------------------------------------
    Checklist(
        "县自然资源局", 2026, "docx", "县自然资源局2026年普法责任清单.docx", columns=ALT2,
        items=[
            Item(f"{L('土地管理法')}、{L('土地管理法实施条例')}", "农民、村干部", "“6·25”全国土地日宣传、进乡村",
                 "6·25", "耕地保护股", person(11), partners="县农业农村局", measures="制作耕地保护宣传展板"),
            Item(f"{L('矿产资源法')}", "采矿企业", "说理式执法、专题培训", "第三季度", "矿产资源股", person(12)),
            Item(f"{L('城乡规划法')}、{L('测绘法')}", "建设单位、测绘单位", "窗口服务普法", "全年", "国土空间规划股", person(13)),
        ],
        defects=["a 实施条例 (土地管理法实施条例)"],
    ),
    # 县民政局 ------------------------------------------------------------------------------
    Checklist(
        "县民政局", 2026, "xlsx", "县民政局2026年普法责任清单.xlsx",
        items=[
            Item(f"{L('老年人权益保障法')}", "老年人、养老机构", "进养老机构、防范养老诈骗宣传", "重阳节", "养老服务股", person(14),
                 partners="县公安局"),
            Item(f"{L('慈善法')}、《社会救助暂行办法》", "困难群众、社会组织", "窗口服务普法、政策解读", "全年", "社会救助股",
                 person(15)),
            Item("《婚姻登记条例》、民法典婚姻家庭编", "新婚夫妇", "婚姻登记颁证仪式讲法", "全年", "社会事务股", person(16),
                 partners="县妇联"),
            Item(f"{L('村民委员会组织法')}、{L('城市居民委员会组织法')}", "村（社区）干部", "换届培训", "第四季度", "基层政权股",
                 person(17)),
        ],
        defects=["'重阳节' (a lunar date) is unresolved", "民法典婚姻家庭编 without brackets"],
    ),
    # 县税务局 ------------------------------------------------------------------------------
    Checklist(
        "县税务局", 2026, "prose_txt_gbk", "国家税务总局澄河县税务局2026年普法责任清单.txt",
        items=[
            Item(f"{L('税收征收管理法')}、{L('增值税法')}", "纳税人、缴费人", "税收宣传月、办税服务厅宣传、新法解读", "4月",
                 "法制股", person(18)),
            Item(f"{L('个人所得税法')}", "工薪阶层、个体工商户", "个税汇算辅导、微信公众号", "3-6月", "个人所得税股", person(19)),
            Item("《中华人民共和国发票管理办法》", "企业财务人员", "以案释法、警示教育", "下半年", "稽查局", person(20)),
        ],
        defects=["a prose list in a GBK-encoded .txt"],
    ),
    # 县文旅体局 ----------------------------------------------------------------------------
    Checklist(
        "县文旅体局", 2026, "csv_utf8", "县文化旅游体育局2026年普法责任清单.csv", columns=ALT2,
        items=[
            Item(f"{L('旅游法')}", "旅行社、导游、游客", "景区LED屏、发放宣传资料", "5月、10月黄金周", "市场管理股", person(21)),
            Item(f"{L('文物保护法')}", "文物所在地村民", "进乡村、文物保护宣传栏", "6月文化和自然遗产日", "文物股", person(22)),
            Item(f"{L('公共文化服务保障法')}、{L('著作权法')}、《娱乐场所管理条例》", "娱乐场所经营者、网吧",
                 "行业培训、说理式执法", "每季度", "县文化市场综合执法大队", person(23)),
        ],
        defects=["'6月文化和自然遗产日' is a floating day (second Saturday of June): heritage_day"],
    ),
    # 县医保局 ------------------------------------------------------------------------------
    Checklist(
        "县医保局", 2026, "docx", "县医保局2026年普法责任清单.docx",
        items=[
            Item("《医疗保障基金使用监督管理条例》", "定点医药机构、参保人员", "医保基金监管集中宣传月、以案释法", "4月",
                 "基金监管股", person(24), partners="县卫健委、县市场监管局、县公安局"),
            Item(f"{L('社会保险法')}", "参保群众", "窗口服务普法、进社区", "全年", "待遇保障股", person(25)),
        ],
        defects=[],
    ),
    # 县退役军人局 --------------------------------------------------------------------------
    Checklist(
        "县退役军人局", 2026, "docx_repeat", "县退役军人事务局2026年普法责任清单.docx",
        items=[
            Item(f"{L('退役军人保障法')}、{L('军人地位和权益保障法')}", "退役军人、军属", "政策宣讲、服务站宣传栏", "8·1",
                 "优抚安置股", person(26)),
            Item(f"{L('兵役法')}、{L('国防教育法')}", "适龄青年、学生", "征兵宣传、全民国防教育日主题活动", "9月全民国防教育日",
                 "办公室", person(27), partners="县人武部、县教体局"),
            Item(f"{L('英雄烈士保护法')}", "社会公众、学生", "烈士纪念日祭扫、以案释法", "9·30烈士纪念日", "褒扬纪念股", person(28)),
            Item("《军人抚恤优待条例》", "优抚对象", "入户走访", "每季度", "优抚安置股", person(26)),
        ],
        defects=[
            "the header row repeats in the middle of the table (as when a Word table breaks across pages)",
            "a 填表说明 note and a 填报人 line as the last rows of the table",
        ],
        options={"repeat_header_after": 2, "notes": ["填表说明：时间节点请写明具体月份或重要节点。", "填报人：贺强    联系电话：0000-7000500"]},
    ),
    # 县消防大队 ----------------------------------------------------------------------------
    Checklist(
        "县消防大队", 2026, "xlsx", "县消防救援大队2026年普法责任清单.xlsx", columns=ALT1,
        items=[
            Item(f"{L('消防法')}", "社会单位消防安全责任人、社区居民", "“119”消防宣传月、进社区、进企业", "11·9", "防火监督科",
                 person(29), partners="县应急局、县教体局"),
            Item("《高层民用建筑消防安全管理规定》", "物业服务企业、高层住宅业主", "入户宣传、消防演练", "冬春火灾防控期间",
                 "防火监督科", person(29), partners="县住建局"),
        ],
        defects=["'冬春火灾防控期间' is unresolved"],
    ),
    # 县总工会 ------------------------------------------------------------------------------
    Checklist(
        "县总工会", 2026, "prose_txt", "县总工会2026年普法责任清单.txt",
        items=[
            Item(f"{L('工会法')}、{L('劳动合同法')}", "企业职工、新就业形态劳动者", "职工法律大讲堂、法律咨询", "5·1",
                 "法律工作部", person(30), partners="县人社局"),
            Item(f"{L('安全生产法')}", "一线职工", "安康杯竞赛、安全生产月", "6月", "经济工作部", person(31), partners="县应急局"),
        ],
        defects=[],
    ),
    # 团县委 --------------------------------------------------------------------------------
    Checklist(
        "团县委", 2026, "csv_gbk", "团县委2026年普法责任清单.csv", columns=ALT1,
        items=[
            Item(f"{L('未成年人保护法')}、{L('预防未成年人犯罪法')}", "青少年、团员", "青少年普法志愿者进校园、主题团日", "6·1、全年",
                 "学校部", person(32), partners="县检察院、县教体局"),
            Item(f"《{P}国家安全法》", "青年、团员", "知识竞赛、新媒体", "4·15", "宣传部", person(33)),
            Item(f"{L('禁毒法')}", "青少年", "禁毒宣传进校园", "6·26", "学校部", person(32), partners="县公安局"),
        ],
        defects=["encoded in GBK"],
    ),
    # 县委网信办 ----------------------------------------------------------------------------
    Checklist(
        "县委网信办", 2026, "docx", "县委网信办2026年普法责任清单.docx",
        items=[
            Item(f"{L('网络安全法')}、{L('数据安全法')}、{L('个人信息保护法')}", "网民、党政机关工作人员",
                 "网络安全宣传周、网络普法、LED屏", "9月网络安全宣传周", "网络安全股", person(34), partners="县公安局"),
            Item("《未成年人网络保护条例》", "中小学生、家长", "进校园、抖音短视频", "暑假前", "网络管理股", person(35),
                 partners="县教体局、团县委"),
            Item("《互联网信息服务管理办法》", "自媒体从业者、网络主播", "约谈、培训", "每半年", "网络管理股", person(35)),
        ],
        defects=["a party organ (党委部门) with its own checklist", "timing '暑假前' is unresolved"],
    ),
    # 县水利局 ------------------------------------------------------------------------------
    Checklist(
        "县水利局", 2026, "csv_title", "县水利局2026年普法责任清单.csv",
        items=[
            Item(f"{L('水法')}、{L('防洪法')}", "沿河村民、涉河建设单位", "“世界水日·中国水周”集中宣传、进乡村", "3·22",
                 "水政监察大队", person(36)),
            Item(f"{L('水土保持法')}、《{P}河道管理条例》", "生产建设单位", "说理式执法、宣传栏", "全年", "水土保持股", person(37)),
            Item("《中华人民共和国抗旱条例》", "农民", "农村大喇叭、发放宣传资料", "汛前（5月）", "防汛抗旱股", person(38),
                 partners="县应急局"),
        ],
        defects=["a title line above the CSV header (as exported from a sheet with a title row)"],
    ),
    # 县林草局 ------------------------------------------------------------------------------
    Checklist(
        "县林草局", 2026, "xlsx", "县林业和草原局2026年普法责任清单.xlsx", columns=ALT2,
        items=[
            Item(f"{L('森林法')}、《森林防火条例》", "林农、进山人员", "植树节宣传、森林防火宣传车", "3·12", "资源保护股", person(39),
                 partners="县应急局、县消防大队"),
            Item(f"{L('野生动物保护法')}、{L('湿地保护法')}", "社会公众、餐饮经营者", "爱鸟周、以案释法", "4月", "资源保护股",
                 person(39), partners="县市场监管局"),
            Item(f"{L('草原法')}", "牧民", "进村入户", "全年", "草原股", person(40)),
        ],
        defects=[],
    ),
    # 县财政局 ------------------------------------------------------------------------------
    Checklist(
        "县财政局", 2026, "docx", "县财政局2026年普法责任清单.docx", columns=NO_AUDIENCE,
        items=[
            Item(f"{L('预算法')}、{L('预算法实施条例')}", "", "中心组学法、业务培训", "第一季度", "预算股", person(41)),
            Item(f"{L('会计法')}", "", "会计人员继续教育", "全年", "会计股", person(42)),
            Item(f"{L('政府采购法')}、《行政事业性国有资产管理条例》", "", "采购人培训、以案释法", "下半年", "政府采购股、资产管理股",
                 person(43)),
        ],
        defects=["no 普法对象 column at all: every item is flagged missing:whom:no_column (and kept)"],
    ),
    # 县审计局 ------------------------------------------------------------------------------
    Checklist(
        "县审计局", 2026, "prose_docx", "县审计局2026年普法责任清单.docx",
        items=[
            Item(f"{L('审计法')}、《{P}审计法实施条例》", "被审计单位、领导干部", "审计进点会讲法、以案释法", "全年", "法规审理股",
                 person(44)),
            Item(f"{XIANFA}", "全局干部", "集中学法", "12·4", "办公室", person(45)),
        ],
        defects=[],
    ),
    # 县统计局 ------------------------------------------------------------------------------
    Checklist(
        "县统计局", 2026, "csv_utf8", "2026-tjj.csv", columns=ALT3,
        items=[
            Item("统计法、统计法实施条例", "调查对象、统计人员", "统计开放日、宣传栏", "9·20中国统计开放日", "统计执法监督股",
                 person(46)),
            Item("《统计违法违纪行为处分规定》、防范和惩治统计造假", "领导干部", "警示教育", "每半年", "统计执法监督股", person(46)),
        ],
        defects=[
            "file name without a unit: unit unknown unless --unit is given (checklist problem unit:unknown)",
            "laws without brackets (统计法、统计法实施条例); a topic instead of a law (防范和惩治统计造假)",
        ],
    ),
    # 融媒体中心, 供电公司 -------------------------------------------------------------------
    Checklist(
        "县融媒体中心", 2026, "csv_utf8", "县融媒体中心2026年普法责任清单.csv",
        items=[
            Item(f"{L('著作权法')}、《广播电视管理条例》", "采编人员", "业务培训", "全年", "总编室", person(47)),
            Item(f"{XIANFA}、{MINFADIAN}", "社会公众", "开设普法专栏、公益广告、短视频", "12·4、5月", "新闻部", person(0),
                 partners="县司法局"),
        ],
        defects=["a public institution (企事业单位) without a 单位类型 in units.csv: kind inferred"],
    ),
    Checklist(
        "县供电公司", 2026, "docx", "国网示例市澄河县供电公司2026年普法责任清单.docx",
        items=[
            Item(f"{L('电力法')}、《电力设施保护条例》、《电力供应与使用条例》", "沿线村民、施工单位", "进乡村、进工地、发放宣传资料",
                 "全年", "安全监察部", person(1), partners="县公安局"),
        ],
        defects=["an enterprise (企事业单位)"],
    ),
]

# every remaining unit short name without a checklist would be a gap; check at generation time
MAIN_UNITS = [u.short for u in UNITS if not u.parent or u.parent in ("示例市生态环境局", "国家税务总局示例市税务局", "示例市消防救援支队")]


# --- writers -------------------------------------------------------------------------------------


def cell_value(item: Item, key: str, seq: int, leader: str) -> str:
    if key == "seq":
        return str(seq)
    if key == "leader":
        return leader
    return getattr(item, key)


def table_rows(cl: Checklist) -> list[list[str]]:
    leader = cl.unit_obj.leader
    return [[cell_value(item, key, i, leader) for key, _ in cl.columns] for i, item in enumerate(cl.items, start=1)]


def write_docx_table(document, cl: Checklist, items: list[Item], *, title_in_table=False, merge_law=False,
                     repeat_header_after=None, notes=(), two_row=False, start=1) -> None:
    leader = cl.unit_obj.leader
    labels = [label for _, label in cl.columns]
    header_rows = 2 if two_row else 1
    extra = (1 if title_in_table else 0) + (1 if repeat_header_after else 0) + len(notes)
    table = document.add_table(rows=extra + header_rows + len(items), cols=len(labels))
    table.style = "Table Grid"
    r = 0
    if title_in_table:
        table.cell(0, 0).text = cl.title_text
        table.cell(0, 0).merge(table.cell(0, len(labels) - 1))
        r = 1
    if two_row:
        keys = [k for k, _ in cl.columns]
        s, p = keys.index("section"), keys.index("person")
        for j, label in enumerate(labels):
            if j in (s, p):
                table.cell(r, j).text = "责任主体" if j == s else ""
                table.cell(r + 1, j).text = label
            else:
                table.cell(r, j).text = label
        table.cell(r, s).merge(table.cell(r, p))
        for j in range(len(labels)):
            if j not in (s, p):
                table.cell(r, j).merge(table.cell(r + 1, j))
        r += 2
    else:
        for j, label in enumerate(labels):
            table.cell(r, j).text = label
        r += 1
    law_col = [k for k, _ in cl.columns].index("law")
    merge_start = None
    for i, item in enumerate(items):
        if repeat_header_after and i == repeat_header_after:
            for j, label in enumerate(labels):
                table.cell(r, j).text = label
            r += 1
        values = [cell_value(item, key, start + i, leader) for key, _ in cl.columns]
        same_as_prev = merge_law and i > 0 and items[i - 1].law == item.law
        for j, value in enumerate(values):
            table.cell(r, j).text = "" if (same_as_prev and j == law_col) else value
        if same_as_prev:
            table.cell(merge_start, law_col).merge(table.cell(r, law_col))
        else:
            merge_start = r
        r += 1
    for note in notes:
        table.cell(r, 0).text = note
        table.cell(r, 0).merge(table.cell(r, len(labels) - 1))
        r += 1


def new_docx():
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(10.5)
    props = document.core_properties
    props.author = "澄河县（虚构）示例数据"
    props.title = ""
    props.revision = 1
    return document


def title_paragraph(document, text: str) -> None:
    p = document.add_paragraph()
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(16)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_docx(cl: Checklist, path: Path) -> None:
    document = new_docx()
    opts = cl.options
    if cl.fmt == "docx_two_tables":
        title_paragraph(document, cl.title_text)
        start = 1
        for group in (SYSTEM, SOCIAL):
            items = [i for i in cl.items if i.group == group]
            document.add_paragraph(group)
            write_docx_table(document, cl, items, start=start)
            start += len(items)
            document.add_paragraph("")
    else:
        if not opts.get("title_in_table") and cl.title_text:
            title_paragraph(document, cl.title_text)
        document.add_paragraph(f"填报单位（盖章）：{cl.unit_obj.name}        分管领导：{cl.unit_obj.leader}")
        write_docx_table(
            document, cl, cl.items, title_in_table=opts.get("title_in_table", False), merge_law=opts.get("merge_law", False),
            repeat_header_after=opts.get("repeat_header_after"), notes=opts.get("notes", ()), two_row=cl.columns is TWO_ROW,
        )
    document.add_paragraph(f"{cl.unit_obj.name}")
    document.add_paragraph(f"{cl.year}年3月20日" if cl.year == 2026 else f"{cl.year}年4月15日")
    document.save(str(path))


def prose_lines(cl: Checklist) -> list[str]:
    unit = cl.unit_obj
    lines = [
        cl.title_text,
        f"为深入落实“谁执法谁普法”普法责任制，根据县委全面依法治县委员会办公室要求，结合{unit.short}工作实际，制定本清单如下：",
    ]
    for i, item in enumerate(cl.items, start=1):
        parts = [f"{i}.{item.law}"]
        if item.audience:
            parts.append(f"普法对象：{item.audience}")
        parts.append(f"普法方式：{item.method}")
        parts.append(f"时间节点：{item.timing}")
        parts.append(f"责任部门：{item.section}")
        if item.person:
            parts.append(f"责任人：{item.person}")
        if item.partners:
            parts.append(f"配合单位：{item.partners}")
        lines.append("，".join(parts[:2]) + ("；" if len(parts) > 2 else "") + "；".join(parts[2:]) + "。")
    lines.append(f"分管领导：{unit.leader}")
    lines.append(f"{unit.name}")
    lines.append(f"{cl.year}年3月18日")
    return lines


def write_prose_docx(cl: Checklist, path: Path) -> None:
    document = new_docx()
    lines = prose_lines(cl)
    title_paragraph(document, lines[0])
    for line in lines[1:]:
        document.add_paragraph(line)
    document.save(str(path))


def write_prose_txt(cl: Checklist, path: Path, encoding: str) -> None:
    path.write_bytes(("\r\n".join(prose_lines(cl)) + "\r\n").encode(encoding))


def new_workbook():
    wb = openpyxl.Workbook()
    wb.properties.creator = "澄河县（虚构）示例数据"
    return wb


def write_xlsx(cl: Checklist, path: Path) -> None:
    wb = new_workbook()
    ws = wb.active
    ws.title = "普法责任清单" if cl.fmt != "xlsx" else f"{cl.year}年"
    labels = [label for _, label in cl.columns]
    width = len(labels)
    rows = table_rows(cl)
    r = 1
    if cl.fmt == "xlsx_title":
        ws.cell(1, 1, cl.title_text).font = Font(bold=True, size=16)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(2, 1, f"填报单位（盖章）：{cl.unit_obj.name}")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width // 2)
        ws.cell(2, width // 2 + 1, "填报时间：2026年3月20日")
        r = 3
    for j, label in enumerate(labels, start=1):
        ws.cell(r, j, label).font = Font(bold=True)
    r += 1
    law_col = [k for k, _ in cl.columns].index("law") + 1
    merge_law = cl.options.get("merge_law")
    groups = cl.options.get("groups")
    blank_after = cl.options.get("blank_after")
    current_group = None
    merge_start = None
    for i, (item, values) in enumerate(zip(cl.items, rows)):
        if groups and item.group != current_group:
            current_group = item.group
            ws.cell(r, 1, item.group).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
            merge_start = None
        same = merge_law and i > 0 and cl.items[i - 1].law == item.law and merge_start is not None
        for j, value in enumerate(values, start=1):
            if same and j == law_col:
                continue
            cell = ws.cell(r, j, int(value) if j == 1 and value.isdigit() else value)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        if same:
            ws.merge_cells(start_row=merge_start, start_column=law_col, end_row=r, end_column=law_col)
        else:
            merge_start = r
        r += 1
        if blank_after is not None and i == blank_after - 1:
            r += 1  # an empty separator row
    for j in range(1, width + 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = 24 if j > 1 else 6
    wb.save(str(path))


def write_csv(cl: Checklist, path: Path, *, encoding: str, delimiter: str = ",", title: bool = False) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    labels = [label for _, label in cl.columns]
    if title:
        writer.writerow([cl.title_text] + [""] * (len(labels) - 1))
    writer.writerow(labels)
    writer.writerows(table_rows(cl))
    path.write_bytes(buf.getvalue().encode(encoding))


def write_checklist(cl: Checklist, path: Path) -> None:
    fmt = cl.fmt
    if fmt in ("docx", "docx_merged", "docx_two_tables", "docx_repeat"):
        write_docx(cl, path)
    elif fmt == "prose_docx":
        write_prose_docx(cl, path)
    elif fmt == "prose_txt":
        write_prose_txt(cl, path, "utf-8")
    elif fmt == "prose_txt_gbk":
        write_prose_txt(cl, path, "gbk")
    elif fmt in ("xlsx", "xlsx_title", "xlsx_merged", "xlsx_blank", "xls_disguised"):
        write_xlsx(cl, path)
    elif fmt == "csv_utf8":
        write_csv(cl, path, encoding="utf-8")
    elif fmt == "csv_bom":
        write_csv(cl, path, encoding="utf-8-sig")
    elif fmt == "csv_gbk":
        write_csv(cl, path, encoding="gbk")
    elif fmt == "csv_tab":
        write_csv(cl, path, encoding="utf-8", delimiter="\t")
    elif fmt == "csv_title":
        write_csv(cl, path, encoding="utf-8", title=True)
    else:
        raise ValueError(f"unknown format {fmt}")
    if zipfile.is_zipfile(path):
        normalize_zip(path)


def normalize_zip(path: Path) -> None:
    """Rewrite an Office zip with fixed timestamps so that the bytes are reproducible."""
    with zipfile.ZipFile(path) as zf:
        members = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{FIXED_ISO}\g<2>", text)
                text = re.sub(r"(<cp:lastPrinted>)[^<]*(<)", rf"\g<1>{FIXED_ISO}\g<2>", text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    path.write_bytes(out.getvalue())


# --- units.csv and the liaison form --------------------------------------------------------------

UNIT_HEADER = ["序号", "单位名称", "别名/简称", "单位类型", "上级单位", "区域", "职能类型", "联络员姓名", "职务", "联系电话", "电子邮箱"]


def unit_rows() -> list[list[str]]:
    rows = []
    for i, u in enumerate(UNITS, start=1):
        aliases = "、".join(a for a in [u.short, *(x for x in u.aliases.split("、") if x)] if a)
        rows.append([str(i), u.name, aliases, u.kind, u.parent, REGION, u.dept_types, u.liaison, u.post, phone(i), email(u.slug)])
    return rows


def write_units(out: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(UNIT_HEADER)
    writer.writerows(unit_rows())
    (out / "units.csv").write_bytes(buf.getvalue().encode("utf-8"))
    # 附件1 as a county would receive it: title row, synonym headers, a note at the bottom
    wb = new_workbook()
    ws = wb.active
    ws.title = "联络员登记表"
    ws.cell(1, 1, "附件1").font = Font(bold=True)
    ws.cell(2, 1, "普法责任清单工作联络员登记表").font = Font(bold=True, size=16)
    ws.merge_cells("A2:G2")
    for j, label in enumerate(["序号", "单位", "简称", "联络员", "职务/职级", "手机", "邮箱"], start=1):
        ws.cell(3, j, label)
    picked = [u for u in UNITS if u.short in ("县公安局", "县市场监管局", "县妇联", "团县委", "县委网信办")]
    for i, u in enumerate(picked, start=1):
        ws.append([i, u.name, u.short, u.liaison, u.post, phone(UNITS.index(u) + 1), email(u.slug)])
    ws.append([])
    ws.append(["填表说明：请于4月13日前报送县委全面依法治县委员会办公室（县司法局）。"])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=7)
    path = out / "units_liaison_form.xlsx"
    wb.save(str(path))
    normalize_zip(path)


# --- bad files -----------------------------------------------------------------------------------


def ole_bytes(stream_names: list[str]) -> bytes:
    """An OLE compound-file header followed by a directory sector naming the given streams."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")
    header[26:28] = (0x03).to_bytes(2, "little")
    header[28:30] = b"\xfe\xff"
    header[30:32] = (9).to_bytes(2, "little")
    directory = bytearray()
    for name in ["Root Entry", *stream_names]:
        entry = bytearray(128)
        encoded = (name + "\x00").encode("utf-16-le")
        entry[: len(encoded)] = encoded
        entry[64:66] = len(encoded).to_bytes(2, "little")
        entry[66] = 5 if name == "Root Entry" else 2
        directory += entry
    directory += bytes(-len(directory) % 512)
    return bytes(header) + bytes(directory) + bytes(1024)


def write_bad(out: Path) -> None:
    bad = out / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    # a Word file with prose but neither a checklist table nor a numbered list
    document = new_docx()
    document.add_paragraph("关于报送普法责任清单的情况说明")
    document.add_paragraph("县委全面依法治县委员会办公室：")
    document.add_paragraph("我单位正在梳理本单位执行的法律法规，清单将于近期另行报送。特此说明。")
    document.add_paragraph("澄河县某某局")
    document.save(str(bad / "not_a_table.docx"))
    normalize_zip(bad / "not_a_table.docx")
    # a Word file whose only table is a signature block
    document = new_docx()
    document.add_paragraph("普法责任清单（待补充）")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "单位负责人签字："
    table.cell(1, 0).text = "日期："
    document.save(str(bad / "signature_table_only.docx"))
    normalize_zip(bad / "signature_table_only.docx")
    # an xlsx cut in half (as an interrupted upload leaves it)
    source = out / "checklists" / "县民政局2026年普法责任清单.xlsx"
    data = source.read_bytes()
    (bad / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    # a password-protected (encrypted) workbook: OLE container with EncryptionInfo/EncryptedPackage
    (bad / "encrypted.xlsx").write_bytes(ole_bytes(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    # a legacy Excel 97-2003 workbook
    (bad / "legacy.xls").write_bytes(ole_bytes(["Workbook", "\x05SummaryInformation"]))
    # binary garbage named .csv
    rng = random.Random(20260105)
    (bad / "garbage.csv").write_bytes(bytes(rng.randrange(256) for _ in range(2048)))
    # text that is neither UTF-8 nor GBK/GB18030 (bytes 0x80/0xff are invalid in both)
    good = "序号,法律法规名称,普法对象\r\n1,《中华人民共和国宪法》,全体公民\r\n".encode("utf-8")
    (bad / "wrong_encoding.csv").write_bytes(good + b"2,\x80\xff\x80\xff,\xff\r\n")
    # a PDF and an empty file
    (bad / "scan.pdf.xlsx").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    (bad / "empty.csv").write_bytes(b"")
    # a zip that is not an Office document
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("清单.txt", date_time=FIXED_DATE)
        zf.writestr(info, "这不是Excel文件".encode("utf-8"))
    (bad / "not_office.xlsx").write_bytes(buf.getvalue())
    # a unit register with a kind that is not one of the five
    (bad / "units_bad_kind.csv").write_bytes(
        "单位名称,单位类型,联络员姓名\r\n澄河县公安局,行政执法机关,刘建平\r\n澄河县某某协会,社团法人,张某\r\n".encode("utf-8")
    )


# --- README --------------------------------------------------------------------------------------

FORMAT_NOTES = {
    "docx": "Word table under a title paragraph",
    "docx_merged": "Word table with merged cells",
    "docx_two_tables": "Word, two tables",
    "docx_repeat": "Word table with a repeated header row and notes",
    "prose_docx": "Word paragraphs, numbered prose list",
    "prose_txt": "UTF-8 text, numbered prose list",
    "prose_txt_gbk": "GBK text, numbered prose list",
    "xlsx": "Excel, header on row 1",
    "xlsx_title": "Excel with a merged title row above the header",
    "xlsx_merged": "Excel with merged law cells and merged group rows",
    "xlsx_blank": "Excel with a blank separator row",
    "xls_disguised": "xlsx content under an .xls name",
    "csv_utf8": "CSV, UTF-8",
    "csv_bom": "CSV, UTF-8 with BOM",
    "csv_gbk": "CSV, GBK",
    "csv_tab": "tab-delimited text named .csv",
    "csv_title": "CSV with a title line above the header",
}

BAD_NOTES = {
    "not_a_table.docx": "Word prose with neither a checklist table nor a numbered list",
    "signature_table_only.docx": "Word file whose only table is a signature block (no checklist header)",
    "truncated.xlsx": "the first half of a valid xlsx (zip central directory missing)",
    "encrypted.xlsx": "an OLE container with EncryptionInfo/EncryptedPackage streams (a password-protected workbook)",
    "legacy.xls": "an OLE container with a Workbook stream (Excel 97-2003)",
    "garbage.csv": "2 KB of random bytes",
    "wrong_encoding.csv": "valid UTF-8 lines followed by bytes invalid in UTF-8 and GB18030",
    "scan.pdf.xlsx": "a PDF under an .xlsx name",
    "empty.csv": "zero bytes",
    "not_office.xlsx": "a zip archive holding a text file",
    "units_bad_kind.csv": "a unit register whose row 3 has 单位类型 社团法人 (not one of the five kinds)",
}


def write_readme(out: Path) -> None:
    lines = [
        "# Sample data: 澄河县 (a fictional county)",
        "",
        "Generated by `scripts/make_sample.py` (re-run it to regenerate; the output is byte-for-byte reproducible).",
        "澄河县 and 示例市 do not exist. People's names are invented, phone numbers are `0000-…` and e-mail",
        "addresses are at `example.org`. The laws cited are real Chinese laws and regulations; the",
        "defects listed below are deliberate, to exercise the readers in `ingest/units.py` and",
        "`ingest/checklists/`.",
        "",
        "## units.csv",
        "",
        f"{len(UNITS)} units of {COUNTY}: county departments, the court and procuratorate, mass organizations,",
        "a party organ, a public institution and an enterprise, plus sections and second-level units",
        "(交警大队, 执法大队, 法庭, 司法所 …) with their parent in 上级单位. Columns: "
        + ", ".join(UNIT_HEADER) + ".",
        "",
        "Deliberate quirks: 单位类型 written as synonyms (行政机关, 审判机关, 人民团体, 群团, 事业单位, 国有企业)",
        "or left blank (县公安局法制大队, 县统计局, 县融媒体中心: inferred from the name); parents outside the file",
        "(示例市生态环境局, 国家税务总局示例市税务局, 示例市消防救援支队); a parent given by full name",
        "(澄河县公安局) instead of short name; old names kept as aliases (县农业局, 县国土局).",
        "",
        "## units_liaison_form.xlsx",
        "",
        "附件1 as units return it: an 附件1 line and a merged title above the header, headers written as",
        "synonyms (单位, 简称, 联络员, 职务/职级, 手机, 邮箱), a blank row and a 填表说明 note at the bottom.",
        "",
        "## checklists/",
        "",
        "| file | unit | year | format | deliberate defects |",
        "|---|---|---|---|---|",
    ]
    for cl in CHECKLISTS:
        defects = "; ".join(cl.defects).replace("|", "\\|") if cl.defects else "—"
        lines.append(f"| `{cl.filename}` | {cl.unit_obj.name} | {cl.year} | {FORMAT_NOTES[cl.fmt]} | {defects} |")
    lines += [
        "",
        "Also present throughout: the common duty rows (宪法 on 12·4, 民法典 in May) in 县教体局's",
        "checklist, partners written as short names, and methods/timings that do not map to the",
        "vocabularies in `data/methods.yaml` and `data/key_dates.yaml` (kept raw, listed in `unresolved`).",
        "",
        "## bad/",
        "",
        "Each must make the readers raise `pufa.errors.InputError` naming the file.",
        "",
        "| file | what it is |",
        "|---|---|",
    ]
    for name, note in BAD_NOTES.items():
        lines.append(f"| `{name}` | {note} |")
    lines += [
        "",
        "## ledgers/",
        "",
        "Each unit's 2026 履职台账 (one activity a row: date, key date, law, audience, method, place, people",
        "reached, cases published), as diligent as its unit: `pufa demo` enters them as the 普法办 enters paper",
        "台账 and the demo reviewer accepts their evidence, so that the 年度考核 spreads as a county's does.",
        "",
        "| diligence | what the unit did | units |",
        "|---|---|---|",
        *(f"| {level} | {LEVEL_NOTES[level]} | {'、'.join(UNIT_BY_SHORT[u].name for u in units)} |"
          for level, units in DILIGENCE.items()),
        "",
    ]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


# --- 履职台账: what each unit did in 2026 ----------------------------------------------------------

DILIGENCE = {
    "thorough": ("县市场监管局", "县司法局", "县教体局", "县公安局", "县卫健委", "县检察院"),
    "steady": ("县法院", "县应急局", "县妇联", "县退役军人局", "县生态环境分局", "县人社局", "县自然资源局", "县税务局",
               "县水利局", "团县委", "县交警大队", "县文旅体局", "县消防大队", "县林草局", "县交通局", "县农业农村局",
               "县民政局", "县财政局"),
    "thin": ("县住建局", "县医保局", "县总工会", "县委网信办", "县审计局", "县统计局"),
    "none": ("县融媒体中心", "县供电公司"),
}
"""How diligent each unit was in 2026, as a county's units are: a few thorough (an activity on every key
date and for every audience their list names, with cases), most steady, some thin, two with no 台账 at all."""
LEDGER_HEADER = ["序号", "活动日期", "活动名称", "重要时间节点", "普及的法律法规", "普法对象", "普法方式", "活动地点", "覆盖人数",
                 "发布的典型案例"]
LAST_DAY = (12, 4)
"""The sample's activities are held by 国家宪法日 2026, so that `make demo` on any later day accepts them."""
SHARE_HELD = {"thorough": 1.0, "steady": 0.8, "thin": 0.5}
"""Share of the key dates a unit's list names that it held an activity on (thin units at least one)."""
EXTRA_MONTHLY = {"thorough": 8, "steady": 6, "thin": 2}
"""Routine activities beyond the key dates (法律进机关, 窗口宣传 …), one a month from February."""
CASES = {"thorough": 2, "steady": 1, "thin": 0}
LEVEL_NOTES = {
    "thorough": "an activity on every key date its list names, for every audience, 8 routine ones, 2 cases published",
    "steady": "activities on 4 in 5 of its key dates, 6 routine ones, 1 case",
    "thin": "activities on half its key dates at most, 2 routine ones, no case",
    "none": "no 台账 at all",
}


def unit_diligence(short: str) -> str:
    return next((level for level, units in DILIGENCE.items() if short in units), "steady")


def first_law(item: Item) -> str:
    """The first law or regulation a row cites (a county's own rules, standards and departmental rules are
    not in the catalogue)."""
    titles = [title for title in re.findall(r"《([^》]+)》", item.law)
              if "澄河县" not in title and title.endswith(("法", "法典", "条例"))]
    return f"《{titles[0]}》" if titles else ""


def key_date_day(term) -> tuple[int, int]:
    """A day of 2026 on (or within) a key date, no later than LAST_DAY."""
    if term.month and term.day:
        day = (term.month, term.day)
    elif term.month:
        day = (term.month, 12)
    elif term.months:
        day = (term.months[0], 15)
    else:
        day = (6, 10)
    return min(day, LAST_DAY)


def ledger_rows(cl: Checklist) -> list[list[object]]:
    """A unit's activities: on the share of its key dates its diligence gives, for the audiences of those
    rows, then routine monthly ones; cases published with the first activities."""
    level = unit_diligence(cl.unit)
    vocabulary = key_dates()
    planned: list[tuple[tuple[int, int], str, Item]] = []
    for item in cl.items:
        for term_id in normalize_timing(item.timing).ids:
            term = vocabulary.terms[term_id]
            if term.kind != "recurrence":
                named = term.name if term.kind not in ("day", "month", "period") else ""
                planned.append((key_date_day(term), named, item))
    held = planned[:max(1, round(len(planned) * SHARE_HELD[level]))] if planned else []
    routine = [((month, 20), "", cl.items[month % len(cl.items)]) for month in range(2, 2 + EXTRA_MONTHLY[level])]
    rows = []
    for number, ((month, day), named, item) in enumerate(sorted(held + routine, key=lambda plan: plan[0]), start=1):
        law = first_law(item)
        topic = named or f"{month}月"
        cases = f"{cl.unit_obj.short}典型案例（{number}）" if number <= CASES[level] else ""
        rows.append([number, f"2026-{month:02d}-{day:02d}", f"{topic}{law or '法律法规'}宣传活动", named, law,
                     item.audience, item.method.split("、")[0], f"{COUNTY}城区", 50 + 37 * number % 400, cases])
    return rows


def write_ledgers(out: Path) -> list[Path]:
    """One 台账 workbook per unit that kept one (the demo enters them as the bureau enters paper 台账)."""
    folder = out / "ledgers"
    written = []
    for cl in CHECKLISTS:
        if cl.year != 2026 or unit_diligence(cl.unit) == "none":
            continue
        path = folder / f"{cl.unit_obj.name}2026年普法履职台账.xlsx"
        if path.exists():
            continue
        wb = new_workbook()
        sheet = wb.active
        sheet.title = "履职台账"
        sheet.append(LEDGER_HEADER)
        for row in ledger_rows(cl):
            sheet.append(row)
        wb.save(path)
        normalize_zip(path)
        written.append(path)
    return written


# --- main ----------------------------------------------------------------------------------------


def generate(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("checklists", "bad", "ledgers"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    (out / "checklists").mkdir()
    (out / "ledgers").mkdir()
    missing = sorted(set(MAIN_UNITS) - {cl.unit for cl in CHECKLISTS})
    if missing:
        raise SystemExit(f"units without a checklist: {', '.join(missing)}")
    names = [cl.filename for cl in CHECKLISTS]
    if len(set(names)) != len(names):
        raise SystemExit("duplicate checklist file names")
    write_units(out)
    for cl in CHECKLISTS:
        write_checklist(cl, out / "checklists" / cl.filename)
    write_bad(out)
    write_ledgers(out)
    write_readme(out)
    return sorted(p for p in out.rglob("*") if p.is_file())


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    files = generate(out)
    print(f"wrote {len(files)} files under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
