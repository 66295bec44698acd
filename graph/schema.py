"""The graph schema, declared once and rendered by each store into its own DDL.

Every node has a string `id` key. Property types are the few both engines share;
dates are ISO strings so that comparisons agree between the stores.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from typing import Union, get_args, get_origin

from pydantic import BaseModel

from pufa.laws import ArticleRecord, LawFacts, LawVersionRecord

STRING, INT, BOOL, DOUBLE, STRINGS = "STRING", "INT64", "BOOLEAN", "DOUBLE", "STRING[]"
PROPERTY_TYPES = {str: STRING, int: INT, bool: BOOL, float: DOUBLE}


def properties_of(model: type[BaseModel]) -> dict[str, str]:
    """A node's properties as a pydantic model declares them (all but `id`), so the two cannot drift."""
    properties = {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        annotation = info.annotation
        if get_origin(annotation) in (Union, types.UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
        if get_origin(annotation) is list and get_args(annotation) == (str,):
            properties[name] = STRINGS
        else:
            properties[name] = PROPERTY_TYPES[annotation]
    return properties


@dataclass(frozen=True)
class NodeType:
    label: str
    properties: dict[str, str]
    doc: str
    text_index: tuple[str, ...] = ()
    """Properties worth a lookup index besides `id` (Neo4j only; LadybugDB scans)."""
    contains_index: tuple[str, ...] = ()
    """Properties searched with CONTAINS: Neo4j gives them a trigram TEXT index (article search
    over 90,000 articles: 60 ms → 2 ms); LadybugDB scans."""

    @property
    def columns(self) -> list[str]:
        return ["id", *self.properties]


@dataclass(frozen=True)
class RelType:
    name: str
    source: str
    target: str
    doc: str
    properties: dict[str, str] = field(default_factory=dict)


NODES: dict[str, NodeType] = {
    n.label: n
    for n in (
        NodeType(
            "Law", properties_of(LawFacts), "A law or regulation as one work across its versions (pufa.laws.LawFacts).",
            ("title", "short_title", "level", "status"),
        ),
        NodeType(
            "LawVersion", properties_of(LawVersionRecord),
            "One published text of a law (an amendment or revision makes a new one).", ("law_id",),
        ),
        NodeType(
            "Article", properties_of(ArticleRecord),
            "An article (条) of one version, with its 编/章/节 path and paragraphs (款).", ("law_id", "version_id"),
            contains_index=("text",),
        ),
        NodeType(
            "DepartmentType",
            {"name": STRING, "aliases": STRINGS, "sector": STRING},
            "A kind of competent authority as laws name it (公安机关, 市场监督管理部门).",
        ),
        NodeType("Audience", {"name": STRING, "aliases": STRINGS}, "Who a law or item addresses."),
        NodeType("Method", {"name": STRING, "aliases": STRINGS}, "How a unit popularizes a law."),
        NodeType(
            "KeyDate",
            {"name": STRING, "aliases": STRINGS, "month": INT, "day": INT},
            "A date or period campaigns gather around (12·4 国家宪法日, 安全生产月).",
        ),
        NodeType(
            "Unit",
            {
                "name": STRING, "aliases": STRINGS, "kind": STRING, "region": STRING,
                "parent_id": STRING, "liaison_name": STRING, "liaison_post": STRING,
                "liaison_phone": STRING, "liaison_email": STRING, "types_written": STRINGS,
                "types_corrected": STRINGS,
            },
            "A responsible unit (普法责任主体) or one of its sections. `types_written`: the department types its "
            "register row writes (职能类型); `types_corrected`: those the bureau set, which win over the register "
            "and the name until the bureau clears them.",
            ("name",),
        ),
        NodeType(
            "LawCase",
            {"title": STRING, "summary": STRING, "source": STRING},
            "A typical case used to explain the law (以案释法).",
        ),
        NodeType(
            "Checklist",
            {
                "unit_id": STRING, "year": INT, "revision": INT, "current": BOOL,
                "source": STRING, "submitted_at": STRING, "digest": STRING,
                "items": INT, "with_problems": INT, "with_unresolved": INT, "law_ids": STRINGS,
                "summary_version": INT,
            },
            "One submitted revision of a unit's yearly responsibility checklist. Its row counts, "
            "the laws its rows claim and its rows per key date and audience (ROWS_ON, ROWS_FOR) are kept "
            "with it (written with the rows; `summary_version` says which of these it has), so a "
            "province-wide audit, coverage count or campaign reads one node or relationship per unit "
            "instead of walking every row.",
            ("unit_id",),
        ),
        NodeType(
            "ChecklistItem",
            {
                "checklist_id": STRING, "row": INT, "source": STRING, "raw": STRING,
                "law_text": STRING, "audience_text": STRING, "method_text": STRING,
                "timing_text": STRING, "section": STRING, "person": STRING,
                "partners": STRINGS, "problems": STRINGS, "unresolved": STRINGS,
            },
            "One row of a checklist with its raw text and where it came from.",
            ("checklist_id",),
        ),
        NodeType(
            "GraphState",
            {"stamp": STRING},
            "One node ('graph') whose stamp every write transaction renews: cached whole-graph reads "
            "are good while it stays the same.",
        ),
    )
}

RELS: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType("HAS_VERSION", "Law", "LawVersion", "A law's published versions."),
        RelType("HAS_ARTICLE", "LawVersion", "Article", "A version's articles."),
        RelType("REPEALED_BY", "Law", "Law", "The newer law that repealed this one.", {"date": STRING}),
        RelType("IMPLEMENTS", "Law", "Law", "An implementing regulation (实施条例) of a law."),
        RelType(
            "NAMES", "Article", "DepartmentType",
            "An article names a competent department type, with its government level and role.",
            {"gov_level": STRING, "role": STRING, "surface": STRING},
        ),
        RelType("CONCERNS", "Article", "Audience", "An article addresses an audience."),
        RelType(
            "PRINCIPAL", "Law", "DepartmentType",
            "The law makes the type its principal competent authority (主管), by these articles of its current "
            "version, at these levels (\"\" where the text states none), with the cue read in each (nlp.principal).",
            {"article_ids": STRINGS, "article_labels": STRINGS, "gov_levels": STRINGS, "cues": STRINGS},
        ),
        RelType("CITES", "LawCase", "Law", "A case cites a law.", {"articles": STRINGS}),
        RelType("CITES_ARTICLE", "LawCase", "Article", "A case cites an article."),
        RelType("PART_OF", "Unit", "Unit", "A section or second-level unit of a unit."),
        RelType(
            "ACTS_AS", "Unit", "DepartmentType",
            "A unit acts as a department type: as the register writes it, as its name or an alias implies "
            "(data/organs.yaml), or as the bureau corrected it (`via`; `organ`: the organ named).",
            {"via": STRING, "organ": STRING},
        ),
        RelType("SUBMITTED", "Unit", "Checklist", "A unit's checklist revisions."),
        RelType("HAS_ITEM", "Checklist", "ChecklistItem", "A checklist's rows."),
        RelType("CLAIMS", "ChecklistItem", "Law", "A row claims a law.", {"confidence": DOUBLE, "surface": STRING}),
        RelType("TARGETS", "ChecklistItem", "Audience", "A row's audiences."),
        RelType("USES", "ChecklistItem", "Method", "A row's methods."),
        RelType("SCHEDULED", "ChecklistItem", "KeyDate", "A row's key dates."),
        RelType("CO_UNIT", "ChecklistItem", "Unit", "Units a row names as partners (配合单位)."),
        RelType(
            "ROWS_ON", "Checklist", "KeyDate",
            "A checklist's rows scheduled on a key date, kept with it: side by side each row's id and a law it "
            "claims (`item_ids`, `law_ids`, once per law), and the rows naming partner units (`declaring_item_ids`).",
            {"item_ids": STRINGS, "law_ids": STRINGS, "declaring_item_ids": STRINGS},
        ),
        RelType(
            "ROWS_FOR", "Checklist", "Audience",
            "A checklist's rows targeting an audience, kept with it as ROWS_ON keeps those of a key date.",
            {"item_ids": STRINGS, "law_ids": STRINGS, "declaring_item_ids": STRINGS},
        ),
    )
}


def node_type(label: str) -> NodeType:
    try:
        return NODES[label]
    except KeyError:
        raise KeyError(f"unknown node label {label!r}; known: {', '.join(NODES)}") from None


def rel_type(name: str) -> RelType:
    try:
        return RELS[name]
    except KeyError:
        raise KeyError(f"unknown relationship {name!r}; known: {', '.join(RELS)}") from None
