"""The catalogue's merge rules (ingest.laws.merge): identity, a newer version superseding, statuses
moving as of a date, a source's repeal, metadata-only entries."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.laws.merge import VersionDates, merge_law, settle_statuses
from pufa.laws import law_id

TITLE = "中华人民共和国治安管理处罚法"
LAW = law_id(TITLE)


def row(*versions: tuple[str, str | None], status: str = "现行有效", **facts) -> dict:
    return {"id": LAW, "title": TITLE, "short_title": "治安管理处罚法", "level": "法律", "status": status,
            "promulgated": "2005-08-28", "aliases": [], **facts,
            "versions": [{"id": f"{LAW}@{day}", "version_date": day, "status": None, "promulgated": None,
                          "effective": effective} for day, effective in versions]}


KNOWN = {**row(("2012-10-26", None)), "current_version": f"{LAW}@2012-10-26", "amended": "2012-10-26"}
REVISION = row(("2025-06-27", "2026-01-01"), issuer="全国人民代表大会常务委员会")


def test_a_newer_version_in_force_supersedes_and_the_old_one_is_amended():
    merged = merge_law(KNOWN, REVISION, today=date(2026, 12, 6))
    assert merged.change == "amended"
    assert merged.added_versions == [f"{LAW}@2025-06-27"]
    assert [(v["version_date"], v["status"]) for v in merged.row["versions"]] == [
        ("2012-10-26", "已修改"), ("2025-06-27", "现行有效")]
    assert merged.row["current_version"] == f"{LAW}@2025-06-27"
    assert (merged.row["status"], merged.row["effective"], merged.row["amended"]) == ("现行有效", "2026-01-01", "2025-06-27")
    assert merged.row["promulgated"] == "2005-08-28"
    assert merged.row["issuer"] == "全国人民代表大会常务委员会"


def test_a_version_not_yet_in_force_leaves_the_old_one_current():
    merged = merge_law(KNOWN, REVISION, today=date(2025, 12, 1))
    assert [v["status"] for v in merged.row["versions"]] == ["现行有效", "尚未生效"]
    assert merged.row["current_version"] == f"{LAW}@2012-10-26"
    assert merged.row["status"] == "现行有效"


def test_a_law_all_of_whose_versions_are_ahead_is_not_yet_in_force():
    merged = merge_law(None, REVISION, today=date(2025, 12, 1))
    assert merged.change == "added"
    assert (merged.row["status"], merged.row["current_version"]) == ("尚未生效", None)
    later = merge_law(merged.row, REVISION, today=date(2026, 1, 1))
    assert (later.change, later.row["status"]) == ("in force", "现行有效")


def test_the_same_version_from_two_sources_is_one_and_fills_in_what_one_left_blank():
    blank = row(("2025-06-27", None))
    merged = merge_law(blank, REVISION, today=date(2026, 12, 6))
    assert [(v["version_date"], v["effective"]) for v in merged.row["versions"]] == [("2025-06-27", "2026-01-01")]
    assert merged.added_versions == []
    assert merge_law(merged.row, REVISION, today=date(2026, 12, 6)).change == "unchanged"


def test_a_source_stating_a_repeal_repeals_the_version_in_force():
    repeal = {**row(), "status": "已废止", "repealed_on": "2026-08-15"}
    merged = merge_law(KNOWN, repeal, today=date(2026, 12, 6))
    assert merged.change == "repealed"
    assert (merged.row["status"], merged.row["repealed_on"]) == ("已废止", "2026-08-15")
    assert [v["status"] for v in merged.row["versions"]] == ["已废止"]
    assert merge_law(KNOWN, repeal, today=date(2026, 8, 1)).row["status"] == "现行有效"


def test_a_new_text_in_force_after_a_repeal_undoes_it():
    settled = settle_statuses([VersionDates("2001-01-01"), VersionDates("2025-01-01", "2025-03-01")], "2026-01-01",
                              repealed=True, repealed_on="2020-01-01")
    assert (settled.statuses, settled.law_status) == (["已修改", "现行有效"], "现行有效")


def test_a_metadata_only_entry_keeps_its_stated_status_and_has_no_current_version():
    entry = {**row(), "status": "现行有效", "current_version": None}
    merged = merge_law(None, entry, today=date(2026, 12, 6))
    assert (merged.row["status"], merged.row["current_version"], merged.row["versions"]) == ("现行有效", None, [])
    filled = merge_law(merged.row, REVISION, today=date(2026, 12, 6))
    assert (filled.change, filled.row["current_version"]) == ("amended", f"{LAW}@2025-06-27")


def test_two_different_laws_are_never_merged():
    with pytest.raises(ValueError, match="not the same law"):
        merge_law(KNOWN, {**REVISION, "title": "中华人民共和国道路交通安全法"})
