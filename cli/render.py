"""The answers as rich tables, for people at a terminal (--json prints them as the API returns them)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from domain.base.models import ArticleMatchPublic, ItemEvidencePublic, LawBriefPublic
from domain.catalogue.models import (
    ApplicablePublic,
    ArticleHitsPublic,
    CampaignsPublic,
    ClaimedLawPublic,
    GapsPublic,
    InferredLawPublic,
    LawsPublic,
    LeadPublic,
    NamedPublic,
    RelevancePublic,
    SharedDetailPublic,
    SharedLawsPublic,
    TierCountsPublic,
    UnitGapsPublic,
)
from domain.checklists.models import AuditSummaryPublic, UnitAuditDetailPublic


def _law(law: LawBriefPublic) -> str:
    return escape(f"{law.short_title or law.title} ({law.id})")


def _names(named: list[NamedPublic]) -> str:
    return escape("、".join(n.name or n.id for n in named))


def _articles(matches: list[ArticleMatchPublic]) -> str:
    return escape("; ".join(f"{m.label} {m.department_type}·{m.role}" for m in matches))


def _rows(items: list[ItemEvidencePublic], count: int) -> str:
    """The rows shown, and how many more the answer counts (`item_count`)."""
    more = f" (+{count - len(items)} more)" if count > len(items) else ""
    return escape("; ".join(f"{item.unit_name} row {item.row}" for item in items) + more)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    return table


def _relevance(relevance: RelevancePublic | None) -> str:
    """principal (第六条, or 发布机关：司法部) / related (3 duty or power articles of 5 naming it) / mentioned (…); a
    rule with no text, the tier of the law it implements."""
    if relevance is None:
        return "—"
    best = relevance.types[0]
    if best.implements:
        return escape(f"{relevance.tier} (implements 《{best.implements}》, no text of its own)")
    if relevance.tier == "principal":
        grounds = [*best.principal_articles, *(f"发布机关：{issuer}" for issuer in best.issuers)]
        return escape(f"principal ({'、'.join(grounds)})")
    return escape(f"{relevance.tier} ({relevance.acting_articles} duty/power of {relevance.named_articles} naming it)")


def _tiers(counts: TierCountsPublic) -> str:
    return f"{counts.principal} principal, {counts.related} related, {counts.mentioned} mentioned"


def render_gaps(answer: GapsPublic, console: Console) -> None:
    table = _table(f"{answer.count} laws in scope unclaimed in {answer.year} ({_tiers(answer.counts)}, "
                   f"{answer.unowned} naming no local unit)", "law", "tier", "suggested owners", "evidence")
    for gap in answer.data:
        owners = "\n".join(f"{o.unit.name}: {_relevance(o.relevance)}" for o in gap.suggested_owners)
        evidence = "\n".join(_articles(o.evidence) for o in gap.suggested_owners)
        table.add_row(_law(gap.law), gap.tier or "unowned", owners or "—", evidence)
    console.print(table)


def _inferred_table(title: str, laws: list[InferredLawPublic]) -> Table:
    table = _table(title, "law", "relevance", "articles naming the unit's department types")
    for law in laws:
        more = f" (+{law.article_count - len(law.articles)} more)" if law.article_count > len(law.articles) else ""
        table.add_row(_law(law.law), _relevance(law.relevance), _articles(law.articles) + more)
    return table


def _claimed_table(title: str, laws: list[ClaimedLawPublic]) -> Table:
    table = _table(title, "law", "status", "relevance", "checklist rows")
    for law in laws:
        table.add_row(_law(law.law), escape(law.law.status or ""), _relevance(law.relevance),
                      _rows(law.items, law.item_count))
    return table


def render_unit_gaps(answer: UnitGapsPublic, console: Console) -> None:
    console.print(_inferred_table(f"{answer.unit.name}: {answer.count} laws its functions imply, missing in {answer.year} "
                                  f"({_tiers(answer.counts)})", answer.data))


def render_applicable(answer: ApplicablePublic, console: Console) -> None:
    console.print(_claimed_table(f"{answer.unit.name}: claimed in {answer.year}", answer.claimed))
    console.print(_inferred_table(f"{answer.unit.name}: {answer.inferred_count} laws inferred from its department types "
                                  f"({_tiers(answer.inferred_counts)})", answer.inferred))
    console.print(_claimed_table("claimed but not inferred (common duties left out)", answer.claimed_not_inferred))


def lead_grounds(lead: LeadPublic) -> str:
    """Why the suggested lead leads, from the answer's fields (strongest ground first)."""
    grounds = []
    if lead.principal_articles:
        grounds.append(f"the law makes its type {'、'.join(lead.principal_types)} the principal authority "
                       f"({'、'.join(lead.principal_articles)})")
    elif lead.principal_issuers:
        grounds.append(f"the law's issuer {'、'.join(lead.principal_issuers)} makes its type "
                       f"{'、'.join(lead.principal_types)} the principal authority")
    elif lead.principal_implements:
        grounds.append(f"the law it implements (《{'》《'.join(lead.principal_implements)}》) makes its type "
                       f"{'、'.join(lead.principal_types)} the principal authority")
    if lead.duty_articles:
        more = ", …" if lead.duty_article_count > len(lead.duty_articles) else ""
        grounds.append(f"{lead.duty_article_count} duty article(s) name its type {'、'.join(lead.duty_types)} "
                       f"({'、'.join(lead.duty_articles)}{more})")
    if lead.declared_row:
        grounds.append(f"it declared 牵头: its row {lead.declared_row.row} names partner units")
    if not grounds and lead.articles:
        grounds.append(f"{lead.articles} article(s) mention its types, none stating a duty")
    if not grounds:
        grounds.append(f"no article names these units' types and none declared 牵头; it has the most rows ({lead.rows})")
    return "; ".join(grounds)


def render_shared_laws(answer: SharedLawsPublic, console: Console) -> None:
    table = _table(f"{answer.count} laws shared in {answer.year}", "law", "units", "claimed by", "inferred for")
    for law in answer.data:
        table.add_row(_law(law.law), str(law.units), str(law.claimed_units), str(law.inferred_units))
    console.print(table)


def render_shared_law(answer: SharedDetailPublic, console: Console) -> None:
    if answer.lead:
        console.print(f"suggested lead: [bold]{escape(answer.lead.unit.name or answer.lead.unit.id)}[/] — "
                      f"{escape(lead_grounds(answer.lead))}")
    shown = f" ({len(answer.units)} of {answer.unit_count} units shown)" if len(answer.units) < answer.unit_count else ""
    table = _table(f"{_law(answer.law)} in {answer.year}{shown}", "role", "unit", "claimed", "relevance", "audiences",
                   "methods")
    for unit in answer.units:
        table.add_row(unit.role, escape(unit.unit.name or unit.unit.id), "yes" if unit.claimed else "inferred",
                      _relevance(unit.relevance), _names(unit.audiences), _names(unit.methods))
    console.print(table)


def render_campaigns(answer: CampaignsPublic, console: Console) -> None:
    console.print(f"{answer.count} joint campaign group(s) around {escape(answer.anchor.name or answer.anchor.id)} "
                  f"({answer.anchor_kind}) in {answer.year}")
    for group in answer.data:
        shown = f" ({len(group.units)} of {group.unit_count} units shown)" if len(group.units) < group.unit_count else ""
        table = _table(f"{group.shared_kind}: {group.shared.name}{shown}", "unit", "audiences", "methods", "rows")
        for unit in group.units:
            table.add_row(escape(unit.unit.name or unit.unit.id), _names(unit.audiences), _names(unit.methods),
                          _rows(unit.items, unit.item_count))
        console.print(table)
        if group.lead:
            console.print(f"  lead: {escape(group.lead.unit.name or '')} — {escape(lead_grounds(group.lead))}")
        if group.inferred:
            console.print(f"  also answering for the law ({group.inferred_count}): "
                          f"{escape('、'.join(u.name or u.id for u in group.inferred))}")
        for entry in group.calendar:
            day = f"{entry.key_date.month}·{entry.key_date.day}" if entry.key_date.day else f"{entry.key_date.month}月"
            console.print(f"  {day} {escape(entry.key_date.name or '')}: {escape('、'.join(u.name or u.id for u in entry.units))}")


def render_audit(answer: AuditSummaryPublic, console: Console) -> None:
    console.print(
        f"{answer.year}: {answer.units_submitted}/{answer.units_expected} units submitted ({answer.submitted_pct}%), "
        f"{answer.items} rows, {answer.items_complete_pct}% complete, {answer.outdated_citations} outdated citations, "
        f"{answer.items_with_unresolved} rows with unresolved names; laws covered {answer.laws_claimed}/"
        f"{answer.laws_in_scope} ({answer.law_coverage_pct}%)"
    )
    table = _table(f"units ({answer.units.count})", "unit", "submitted", "rows", "problems", "outdated", "unresolved",
                   "complete %")
    for row in answer.units.data:
        table.add_row(escape(row.unit.name or row.unit.id), "yes" if row.submitted else "[red]no[/]", str(row.items),
                      str(row.with_problems), str(row.outdated), str(row.with_unresolved),
                      "" if row.complete_pct is None else str(row.complete_pct))
    console.print(table)


def render_unit_audit(answer: UnitAuditDetailPublic, console: Console) -> None:
    row = answer.audit
    console.print(f"{escape(row.unit.name or row.unit.id)} {answer.year}: "
                  + (f"checklist {row.checklist_id} rev {row.revision}, {row.items} rows" if row.submitted
                     else "[red]not submitted[/]"))
    table = _table("findings", "row", "finding", "law as written")
    for flagged in answer.problems:
        table.add_row(str(flagged.item.row), escape("missing " + ", ".join(flagged.missing)), escape(flagged.item.law_text or ""))
    for citation in answer.outdated:
        replaced = f" → {citation.replaced_by.name}" if citation.replaced_by else ""
        table.add_row(str(citation.item.row), escape(f"{citation.law.name} {citation.status}{replaced}"),
                      escape(citation.item.law_text or ""))
    for flagged in answer.unresolved:
        table.add_row(str(flagged.item.row), escape("unresolved " + "、".join(flagged.codes)), escape(flagged.item.law_text or ""))
    console.print(table)


def render_laws(answer: LawsPublic, console: Console) -> None:
    table = _table(f"{answer.count} laws", "id", "title", "level", "status", "aliases")
    for law in answer.data:
        table.add_row(escape(law.id), escape(law.title or ""), escape(law.level or ""), escape(law.status or ""),
                      escape("、".join(law.aliases)))
    console.print(table)


def render_article_hits(answer: ArticleHitsPublic, console: Console) -> None:
    table = _table(f"{answer.count} articles (plain substring match)", "law", "article", "text")
    for hit in answer.data:
        table.add_row(_law(hit.law), escape(hit.article.label or ""), escape(hit.article.text or ""))
    console.print(table)
