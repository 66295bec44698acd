"""How many of the law names real checklists and unit reports use resolve to one law of the catalogue.

    python -m bench.bench_resolution [bench/data/real_lists.jsonl]

Every distinct law name of the corpus (bench/data/README.md) is resolved as a checklist's cell is: with
`nlp.citations.resolve_name` against the catalogue a checklist ingest resolves against
(`ingest.resolve.resolver_catalogue`) of a fresh embedded store, so the shipped data/catalogue/laws.jsonl.
Printed per level (the resolved law's; for a name that does not resolve, the level its title's form
suggests, or `unknown`): resolved and unresolved names and mentions, then every unresolved name with the
candidates offered for it. Names that name no single law (a fragment such as 安全保护条例, a province
left out as in 省禁毒条例, a law that does not exist such as 野生植物保护法, a short form two laws share)
are the ones left unresolved on purpose: they are listed, and the rate is given with them counted and
without. Target (issue 35): ≥ 95 % of the distinct names.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from graph.ladybug_store import LadybugStore
from ingest.resolve import resolver_catalogue
from nlp.citations import Resolution, resolve_name

DEFAULT_CORPUS = Path(__file__).parent / "data" / "real_lists.jsonl"
LEVELS = ("法律", "行政法规", "部门规章", "地方性法规", "司法解释", "党内法规", "unknown")
"""The levels the figures are given by: a local law of any level (地方政府规章, a city's 规范性文件) counts as
地方性法规, a national one of another level under the nearest of these (LEVEL_GROUPS)."""
LEVEL_GROUPS = {"宪法": "法律", "监察法规": "行政法规", "规范性文件": "部门规章"}
NOT_ONE_LAW = {
    "省禁毒条例": "the province is left out (resolves for a unit whose region names it)",
    "电力设施和电能保护条例": "the province is left out (山东省, 安徽省 … have one; resolves in the unit's region)",
    "义务植树条例": "no national law of that title; the place is left out",
    "安全保护条例": "a fragment",
    "妇女权益": "a fragment",
    "林木种子法": "no law of that title (种子法 covers 林木种子)",
    "儿童权益保障法": "no law of that title",
    "中华人民共和国野生植物保护法": "no law of that title (野生植物保护条例 is a 行政法规)",
}
"""Names that name no single law, with why (checked against the catalogue and the titles of the corpus)."""
_LOCAL = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|自治州|市|县|盟)|[省市])|经济特区")
_TRIAL = re.compile(r"[(（](?:试行|暂行)[)）]$")

app = typer.Typer(add_completion=False)


def corpus_names(path: Path) -> Counter[str]:
    """Distinct law names of the corpus with how often each is mentioned."""
    names: Counter[str] = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                names.update(json.loads(line)["laws"])
    return names


def level_by_form(name: str) -> str:
    """The level a title's form suggests, for a name that does not resolve."""
    name = _TRIAL.sub("", name)
    if _LOCAL.match(name):
        return "地方性法规"
    if name.endswith(("规定", "办法", "细则", "通则")):
        return "部门规章"
    if name.endswith("法"):
        return "法律"
    if name.endswith("解释") or name.startswith("最高人民"):
        return "司法解释"
    if name.endswith("条例"):
        return "行政法规"
    return "unknown"


@app.command()
def main(corpus: Path = typer.Argument(DEFAULT_CORPUS)) -> None:
    console = Console(width=200)
    names = corpus_names(corpus)
    with tempfile.TemporaryDirectory() as folder:
        store = LadybugStore(Path(folder) / "bench.lbug")
        store.ensure_schema()
        catalogue = resolver_catalogue(store)
        store.close()
    resolved: dict[str, Resolution] = {name: resolve_name(name, catalogue) for name in names}

    def level(name: str) -> str:
        law = catalogue.get(resolved[name].law_id or "")
        if law is None:
            return level_by_form(name)
        if law.region:
            return "地方性法规"
        found = LEVEL_GROUPS.get(law.level or "", law.level)
        return found if found in LEVELS else "unknown"

    table = Table(title=f"law names of {corpus.name} resolved by the checklist resolver ({len(catalogue)} laws)")
    for column in ("level", "names", "resolved", "unresolved", "of which not one law", "mentions resolved"):
        table.add_column(column, justify="right")
    for group in (*LEVELS, "all"):
        members = [name for name in names if group == "all" or level(name) == group]
        if not members:
            continue
        hits = [name for name in members if resolved[name].law_id]
        misses = [name for name in members if not resolved[name].law_id]
        mentions = sum(names[name] for name in members)
        table.add_row(group, str(len(members)), str(len(hits)), str(len(misses)),
                      str(sum(name in NOT_ONE_LAW for name in misses)),
                      f"{sum(names[name] for name in hits)}/{mentions}")
    console.print(table)

    unresolved = sorted(name for name in names if not resolved[name].law_id)
    named_laws = [name for name in names if name not in NOT_ONE_LAW]
    rate = (len(names) - len(unresolved)) / len(names)
    rate_of_laws = sum(1 for name in named_laws if resolved[name].law_id) / len(named_laws)
    console.print(f"resolved {len(names) - len(unresolved)}/{len(names)} distinct names = {rate:.1%}; "
                  f"{rate_of_laws:.1%} of the {len(named_laws)} that name one law (target ≥ 95 %)")
    for name in unresolved:
        offered = ", ".join(candidate.title for candidate in resolved[name].candidates[:3]) or "—"
        why = NOT_ONE_LAW.get(name, "")
        console.print(f"  unresolved [{level(name)}] {name} ×{names[name]}  {why}  candidates: {offered}")


if __name__ == "__main__":
    app()
