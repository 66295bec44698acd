"""What kind of law a file holds: corpus folder, level (位阶), issuing body and region.

The LawRefBook folders say most of it (行政法规/, 司法解释/, DLC/<省>地方法规/…); the issuing
body named in the history note settles the rest, and the title is the last resort, so a
file outside the corpus layout still gets a sensible level.
"""

from __future__ import annotations

import re

LAW_FOLDERS = frozenset({"宪法相关法", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法", "其他", "民法典"})
"""Folders of national laws (法律) grouped by legal department."""
LEVEL_FOLDERS = {"宪法": "宪法", "行政法规": "行政法规", "监察法规": "监察法规", "部门规章": "部门规章", "司法解释": "司法解释"}
LOCAL_ROOT = "DLC"
CASES_FOLDER = "案例"
TOP_FOLDERS = LAW_FOLDERS | LEVEL_FOLDERS.keys() | {LOCAL_ROOT, CASES_FOLDER}

PROVINCES = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "河北": "河北省", "山西": "山西省",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省",
    "福建": "福建省", "江西": "江西省", "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省",
    "广东": "广东省", "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
}
"""DLC folders name provinces by their short name (上海地方法规); regions use the full name."""

NPC = "全国人民代表大会"
NPCSC = "全国人民代表大会常务委员会"
_NPC = re.compile(r"全国人民代表大会(常务委员会)?|全国人大(常委会)?")
_PROCURATORATE_OR_COURT = re.compile(r"最高人民法院|最高人民检察院")
_STATE_COUNCIL = re.compile(r"国务院|政务院")
"""政务院 was the State Council before 1954."""
_PARTY_CENTRE = re.compile(r"中共中央|中国共产党中央委员会")
_MILITARY_COMMISSION = re.compile(r"中央军事委员会|中央军委")
_SUPERVISORY_COMMISSION = re.compile(r"国家监察委员会")
_LOCAL_BODY = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{0,12}?(?:省|市|自治区|自治州|自治县|州|盟|县|区))?(?:第?[一二三四五六七八九十]+届)?"
    r"(?P<body>人民代表大会常务委员会|人大常委会|人民代表大?会|人大|人民政府)"
)
_LOCAL_BODY_NAMES = {"人大常委会": "人民代表大会常务委员会", "人大": "人民代表大会", "人民代表会": "人民代表大会"}
_PLACE_NOISE = "经由在于和及的并、，"
_MINISTRY = re.compile(
    r"(?:中华人民共和国)?(?P<name>[\u4e00-\u9fff、]{2,40}?)"
    r"(?:令|公告|(?:[0-9]{4}年)?第[0-9一二三四五六七八九十百]+次[\u4e00-\u9fff]{0,4}会议)"
)
_TITLE_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,10}?(?:省|市|自治区|自治州|自治县|县))")
_SPECIAL_ZONE = re.compile(r"^(?P<city>[\u4e00-\u9fff]{2,3}?)经济特区")
_CONSTITUTION = re.compile(r"^(?:中华人民共和国)?宪法(?:修正案.*)?$")
_AUTONOMOUS_RULE = re.compile(r"自治条例|单行条例")
_AUTONOMOUS_AREA = re.compile(r"自治州|自治县|自治旗")


def top_folder(parts: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The corpus folder a file sits in (经济法, DLC …) and the folders below it; `parts` is the
    file's path split into names, the file name last."""
    folders = parts[:-1]
    for index, part in enumerate(folders):
        if part in TOP_FOLDERS:
            return part, folders[index + 1:]
    return None, ()


def category_of(folder: str | None, below: tuple[str, ...]) -> str | None:
    """The folder as the corpus groups laws; for DLC the level folder under the province (地方性法规)."""
    if folder == LOCAL_ROOT:
        return below[1] if len(below) > 1 else None
    return folder


def folder_province(folder: str | None, below: tuple[str, ...]) -> str | None:
    """DLC/上海地方法规/… → 上海市."""
    if folder != LOCAL_ROOT or not below:
        return None
    short = below[0].removesuffix("地方法规")
    return PROVINCES.get(short, short or None)


def issuer_of(
    passing_words: str | None, *, title: str = "", region: str | None = None, ministry_folder: str | None = None
) -> str | None:
    """The body that passed or issued the law: from the words of its first history event, else
    from a title that opens with it (最高人民法院关于…), else from its ministry folder.

    Local bodies are named with their place (上海市人民代表大会常务委员会); when the note only
    says 市十二届人大常委会, the region from the title or folder supplies the place."""
    for words in (passing_words, title.partition("关于")[0] if "关于" in title else None):
        if words and (issuer := _body_named(words, region)):
            return issuer
    return ministry_folder


def _body_named(words: str, region: str | None) -> str | None:
    if match := _NPC.search(words):
        return NPCSC if match.group(1) or match.group(2) else NPC
    if courts := list(dict.fromkeys(_PROCURATORATE_OR_COURT.findall(words))):
        return "、".join(courts)
    if _SUPERVISORY_COMMISSION.search(words):
        return "国家监察委员会"
    if match := _STATE_COUNCIL.search(words):
        return f"{match.group()}、中央军事委员会" if _MILITARY_COMMISSION.search(words) else match.group()
    if _MILITARY_COMMISSION.search(words):
        return "中央军事委员会"
    if _PARTY_CENTRE.search(words):
        return "中共中央"
    if match := _LOCAL_BODY.search(words):
        place = (match.group("place") or "").lstrip(_PLACE_NOISE)
        if len(place) < 2 and region:
            place = region
        return place + _LOCAL_BODY_NAMES.get(match.group("body"), match.group("body"))
    if match := _MINISTRY.search(words):
        return match.group("name").lstrip(_PLACE_NOISE) or None
    return None


def title_region(title: str) -> str | None:
    """上海市… → 上海市; 深圳经济特区… → 深圳市; titles that start with no place → None."""
    if match := _SPECIAL_ZONE.match(title):
        return match.group("city") + "市"
    match = _TITLE_PLACE.match(title)
    if not match or "关于" in match.group("place") or match.group("place").endswith("城市"):
        return None
    return match.group("place")


def _local_level(title: str, issuer: str | None) -> str:
    """人大 (常委会) pass 地方性法规; 人民政府 issue 地方政府规章; autonomous areas' congresses pass
    自治条例 and 单行条例."""
    if _AUTONOMOUS_RULE.search(title):
        return "自治条例和单行条例"
    if issuer and "人民政府" in issuer:
        return "地方政府规章"
    if issuer and _AUTONOMOUS_AREA.search(issuer) and issuer.endswith("人民代表大会"):
        return "自治条例和单行条例"
    return "地方性法规"


def _level_from_issuer(title: str, issuer: str | None) -> str:
    """For files outside the corpus folders (or odd ones inside): the issuer decides, then the title."""
    if _CONSTITUTION.match(title):
        return "宪法"
    if issuer in (NPC, NPCSC):
        return "法律"
    if issuer is None:
        if title.endswith("法"):
            return "法律"
        return _local_level(title, None) if title_region(title) else "规范性文件"
    if issuer == "国家监察委员会":
        return "监察法规"
    if _PROCURATORATE_OR_COURT.search(issuer):
        return "司法解释"
    if issuer.startswith(("国务院", "政务院")):
        return "行政法规"
    if issuer == "中共中央":
        return "党内法规"
    if _LOCAL_BODY.search(issuer):
        return _local_level(title, issuer)
    if issuer.endswith(("部", "委员会", "总局", "局", "署", "银行", "办公厅")):
        return "部门规章"
    return "规范性文件"


def level_of(folder: str | None, title: str, issuer: str | None) -> str:
    """Level (位阶) from the corpus folder first, then issuer and title.

    In the 法律 folders, documents passed by the NPC or its standing committee are 法律 —
    including 决定 on legal questions (有关法律问题的决定) — and the rare document there from
    another body (a 标准 issued by the courts and ministries) is classed by its issuer."""
    if folder in LEVEL_FOLDERS:
        return LEVEL_FOLDERS[folder]
    if folder == LOCAL_ROOT:
        return _local_level(title, issuer)
    if folder in LAW_FOLDERS and (issuer in (NPC, NPCSC) or (issuer is None and title.endswith("法"))):
        return "宪法" if _CONSTITUTION.match(title) else "法律"
    return _level_from_issuer(title, issuer)


def is_local(level: str) -> bool:
    """Levels whose laws hold only in a region."""
    return level in ("地方性法规", "地方政府规章", "自治条例和单行条例")
