"""How many laws of the shipped catalogue concern typical county units, per relevance tier, when the
units come from a names-only register (the liaison form), as a table; and how fast unit names
are read into department types.

    python -m bench.bench_tiers [--region 示例市澄河县]

Tiers (domain.catalogue.relevance): 主管 principal (the law makes the unit's type its principal competent
authority), 相关 related (a duty or power in ≥ 2 articles), 提及 mentioned. The figures show what
a unit's "which laws apply to us" page starts from: before the tiers it was one flat list.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from graph.ladybug_store import LadybugStore
from graph.queries.scope import LawScope
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from nlp.unit_types import OrganTable, default_organ_table
from pufa.laws import unit_id

UNITS = (
    "澄河县市场监督管理局", "澄河县公安局", "示例市生态环境局澄河分局", "澄河县人力资源和社会保障局", "澄河县卫生健康委员会",
    "澄河县教育体育局", "澄河县应急管理局", "澄河县农业农村局", "澄河县交通运输局", "澄河县自然资源局",
    "澄河县住房和城乡建设局", "澄河县司法局", "澄河县民政局", "国家税务总局澄河县税务局", "澄河县文化广电旅游体育局",
    "澄河县综合行政执法局", "城关镇人民政府",
)
"""A county's usual units, as the liaison form names them."""

app = typer.Typer(add_completion=False)


@app.command()
def main(region: str = typer.Option("示例市澄河县", help="The county served: national laws plus its local ones.")) -> None:
    console = Console()
    with tempfile.TemporaryDirectory(prefix="pufa-bench-tiers-") as folder:
        store = LadybugStore(Path(folder) / "tiers.lbug")
        try:
            store.ensure_schema()
            started = time.perf_counter()
            load_catalogue(store)
            register = Path(folder) / "联络员登记表.csv"
            register.write_text("单位,姓名,职务,电话,邮箱\n" + "".join(
                f"{name},联络员{k},股长,0000-{k:07d},u{k}@example.org\n" for k, name in enumerate(UNITS)), encoding="utf-8")
            report = ingest_units(store, register)
            console.print(f"loaded the shipped catalogue and a names-only register of {len(UNITS)} units in "
                          f"{time.perf_counter() - started:.0f} s")
            _tiers(console, CachedStore(store), report, region)
        finally:
            store.close()
    _register_speed(console)


def _tiers(console: Console, store: CachedStore, report, region: str) -> None:
    table = Table(title=f"laws in force concerning each unit, by tier ({region}; common duties left out)")
    for column in ("unit", "types (from its name)", "主管", "相关", "提及", "all", "first three"):
        table.add_column(column, justify="right" if column in ("主管", "相关", "提及", "all") else "left")
    types = {found.unit: "、".join(t.type_id for t in found.types) for found in report.unit_types}
    for name in UNITS:
        answer = coverage.applicable(store, unit_id(name), scope=LawScope(region=region), limit=3)
        counts = answer.inferred_counts
        table.add_row(name, types[name] or "—", str(counts.principal), str(counts.related), str(counts.mentioned),
                      str(answer.inferred_count), "、".join(law.law.short_title or law.law.id for law in answer.inferred))
    console.print(table)


def _register_speed(console: Console) -> None:
    """A province's register (15,000 units: every organ spelling under invented places), read from names."""
    spellings = [name.name for organ in default_organ_table().organs for name in organ.names]
    places = [f"{a}{b}{c}" for a, b, c in itertools.product("东南西北中上下前后左", "山河湖海江城林泉川岭", "县市区")]
    units = [(place + spelling, ["县" + spelling]) for place, spelling in zip(itertools.cycle(places), spellings * 40)]
    units = units[:15_000]
    table = OrganTable.load()
    started = time.perf_counter()
    acting = sum(bool(table.types_from_names(name, aliases)) for name, aliases in units)
    seconds = time.perf_counter() - started
    console.print(f"unit types from names: {len(units):,} units in {seconds:.2f} s ({len(units) / seconds:,.0f} units/s), "
                  f"{acting:,} acting as a type")


if __name__ == "__main__":
    app()
