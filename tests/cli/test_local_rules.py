"""A bureau's own province: a folder of its local regulations (docx, txt, md) loaded with `pufa ingest laws`,
then the region filter of the unit answer and the gap list (a unit in 呼和浩特 gets 内蒙古's rules and its
city's, a unit in 安徽 gets neither). The regulations are invented fixtures, not real law text."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from pufa.config import get_settings
from tests.pufa_cli import pufa_on

INNER_MONGOLIA = "内蒙古自治区示范市场秩序条例"
HOHHOT = "呼和浩特市示范集贸市场管理条例"
ANHUI = "安徽省示范商品交易市场条例"
TUMOTE = "内蒙古自治区呼和浩特市土默特左旗"
FEIXI = "安徽省合肥市肥西县"
UNIT = "县市场监督管理局"


def regulation(title: str, passed_by: str) -> list[str]:
    return [title, "", f"（2021年3月1日{passed_by}第五次会议通过）", "",
            "第一条　为了示范地方性法规的加载，制定本条例。",
            "第二条　县级以上人民政府市场监督管理部门负责本行政区域内市场的监督管理工作。",
            "第三条　本条例自2021年5月1日起施行。"]


@pytest.fixture
def bureau_folder(tmp_path: Path) -> Path:
    """本地法规/: one regulation of the autonomous region (.docx), one of its city (.txt), one of 安徽 (.md)."""
    folder = tmp_path / "本地法规"
    folder.mkdir()
    document = docx.Document()
    for line in regulation(INNER_MONGOLIA, "内蒙古自治区第十三届人民代表大会常务委员会"):
        document.add_paragraph(line)
    document.save(str(folder / f"{INNER_MONGOLIA}.docx"))
    (folder / f"{HOHHOT}.txt").write_text(
        "\n".join(regulation(HOHHOT, "呼和浩特市第十五届人民代表大会常务委员会")), encoding="gb18030")
    title, blank, passed, *articles = regulation(ANHUI, "安徽省第十三届人民代表大会常务委员会")
    (folder / f"{ANHUI}.md").write_text(
        "\n".join([f"# {title}", blank, passed.strip("（）"), "", "<!-- INFO END -->", "", *articles]), encoding="utf-8")
    return folder


@pytest.fixture
def pufa(tmp_path, monkeypatch):
    monkeypatch.delenv("PUFA_REGION", raising=False)
    with pufa_on(monkeypatch, str(tmp_path / "bureau.lbug")) as run:
        yield run


def local_titles(answer: dict, key: str) -> set[str]:
    return {law["law"]["title"] for law in answer[key]} & {INNER_MONGOLIA, HOHHOT, ANHUI}


def test_a_bureau_loads_its_local_rules_and_the_region_filter_keeps_its_own(pufa, bureau_folder, tmp_path, monkeypatch):
    code, out = pufa("ingest", "laws", str(bureau_folder), "--workers", "1", "--json")
    assert code == 0, out
    (report,) = json.loads(out)
    assert report["files"] == 3 and not report["skipped"]
    for title, region in ((INNER_MONGOLIA, "内蒙古自治区"), (HOHHOT, "呼和浩特市"), (ANHUI, "安徽省")):
        law = json.loads(pufa("law-search", title, "--json")[1])["data"][0]
        assert (law["title"], law["level"], law["region"]) == (title, "地方性法规", region)
    register = tmp_path / "联络员登记表.csv"
    register.write_text(f"单位,姓名,职务,电话,邮箱\n{UNIT},陈晓梅,股长,0000-7000144,a@example.org\n", encoding="utf-8")
    assert pufa("ingest", "units", str(register))[0] == 0

    in_hohhot = json.loads(pufa("applicable", UNIT, "--region", TUMOTE, "--json")[1])
    assert local_titles(in_hohhot, "inferred") == {INNER_MONGOLIA, HOHHOT}
    in_anhui = json.loads(pufa("applicable", UNIT, "--region", FEIXI, "--json")[1])
    assert local_titles(in_anhui, "inferred") == {ANHUI}

    monkeypatch.setenv("PUFA_REGION", TUMOTE)
    get_settings.cache_clear()
    gaps = json.loads(pufa("gaps", "--unit", UNIT, "--json")[1])
    assert local_titles(gaps, "data") == {INNER_MONGOLIA, HOHHOT}
