"""A unit's laws ranked by importance (domain.catalogue.importance, issue 33), on the shipped catalogue's
facts for the laws concerned, each unit registered by its name alone."""

from __future__ import annotations

from pathlib import Path

from domain.base.cache import CachedStore
from domain.catalogue import coverage
from graph.store import GraphStore
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from pufa.laws import unit_id
from tests.registers import in_force_titled, names_only_register, shipped_laws

JUSTICE_LAWS = {"戒毒条例", "禁毒法", "法律援助法", "人民调解法", "社区矫正法", "律师法", "公证法", "监狱法", "仲裁法",
                "法律援助条例", "人民陪审员法"}


def registered(store: GraphStore, folder: Path, titles: set[str], names: list[str]) -> CachedStore:
    load_catalogue(store, shipped_laws(folder, in_force_titled(titles)))
    ingest_units(store, names_only_register(folder, names))
    return CachedStore(store)


def test_a_unit_named_after_a_laws_matter_puts_that_law_first(store: GraphStore, tmp_path: Path):
    """上海市戒毒管理局 acts as a 司法行政 unit like 上海市司法局, but its real checklist names 戒毒条例 (the
    司法局's does not): the law whose matter its name holds ranks higher for it, with the signal saying why."""
    answers = registered(store, tmp_path, JUSTICE_LAWS, ["上海市戒毒管理局", "上海市司法局"])
    ranked = {name: coverage.applicable(answers, unit_id(name), limit=None).inferred
              for name in ("上海市戒毒管理局", "上海市司法局")}
    order = {name: [law.law.short_title for law in laws] for name, laws in ranked.items()}
    assert order["上海市戒毒管理局"].index("戒毒条例") < order["上海市司法局"].index("戒毒条例")
    named = {name: [(law.law.short_title, s.label, s.detail) for law in laws for s in law.signals if s.key == "named"]
             for name, laws in ranked.items()}
    assert named == {"上海市戒毒管理局": [("戒毒条例", "单位名称所指", "单位名称含「戒毒」")], "上海市司法局": []}
