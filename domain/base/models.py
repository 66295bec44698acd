"""The models every wing shares: how answers name laws, units, articles and checklist rows, and how much evidence they list.

Named as the API shows them: `XPublic` for one thing, `XsPublic(data, count)` for a page of them.
"""

from pydantic import BaseModel

from pufa.laws import LawBrief, as_read_back

# --- shared pieces -----------------------------------------------------------------------------
# Every answer carries its evidence: the checklist row (unit, checklist, row, source) a claim
# comes from, and the article (id, label) and department type an inference comes from.

EVIDENCE_SHOWN = 5
"""Articles or checklist rows an answer lists per law and unit; a count beside the list has them all
(`article_count`, `articles`, `item_count`: the law's or the unit's page shows them)."""


LawBriefPublic = as_read_back(LawBrief, "LawBriefPublic", "A law as every answer naming it shows it.")


class UnitBriefPublic(BaseModel):
    id: str
    name: str | None = None


class ItemEvidencePublic(BaseModel):
    """A checklist row: where a claim, a problem or a schedule was read."""

    unit_id: str
    unit_name: str | None = None
    checklist_id: str
    item_id: str
    row: int | None = None
    source: str | None = None
    law_text: str | None = None
    surface: str | None = None


class ArticleMatchPublic(BaseModel):
    """An article of a law's current version naming a department type a unit acts as."""

    article_id: str
    label: str | None = None
    department_type_id: str
    department_type: str | None = None
    gov_level: str | None = None
    role: str | None = None


class UnitPublic(BaseModel):
    id: str
    name: str | None = None
    aliases: list[str] = []
    kind: str | None = None
    region: str | None = None
    parent_id: str | None = None
