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
            "Law", {**properties_of(LawFacts), "parts_stamp": STRING},
            "A law or regulation as one work across its versions (pufa.laws.LawFacts). `parts_stamp`: the stamp "
            "of the last commit that wrote the law or one of its parts (LAW_PARTS), which the store renews itself, "
            "so that what is worked out per law is read again for the laws a catalogue write touched only.",
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
                "state": STRING, "submitted_by": STRING, "based_on": STRING, "filing_number": STRING,
                "filed_on": STRING, "published_on": STRING, "summary_version": INT, "summary_stamp": STRING,
            },
            "One revision of a unit's yearly responsibility checklist, in a state of pufa.workflow.State. "
            "`current` marks the bureau's revision of the unit's year: the latest that is not a draft. "
            "`based_on` is the revision a draft was started from; `submitted_by` the account that "
            "submitted it. Its row counts, the laws its rows claim and its rows per key date and audience "
            "(ROWS_ON, ROWS_FOR) are kept with it (written with the rows; `summary_version` says which of "
            "these it has; `summary_stamp` a fresh token each time they are written), so a province-wide "
            "audit, coverage count or campaign reads one node or relationship per unit instead of walking "
            "every row, and what is kept of a checklist is read again only once its summary stamp changes.",
            ("unit_id",),
        ),
        NodeType(
            "ChecklistItem",
            {
                "checklist_id": STRING, "row": INT, "source": STRING, "raw": STRING,
                "law_text": STRING, "audience_text": STRING, "method_text": STRING,
                "timing_text": STRING, "section": STRING, "person": STRING,
                "partners": STRINGS, "problems": STRINGS, "unresolved": STRINGS, "origin": STRING, "note": STRING,
                "not_laws": STRINGS,
            },
            "One row of a checklist with its raw text and where it came from; `origin` is the row of an "
            "earlier revision it was copied from (its review comments stay beside it), `note` what the "
            "system proposes for it (a replacement for a repealed law, a law new since last year); "
            "`not_laws` what its law column names that is no law (standard:…, document:…, topic:…), "
            "kept apart from the unresolved names.",
            ("checklist_id",),
        ),
        NodeType(
            "Account",
            {
                "username": STRING, "display_name": STRING, "role": STRING, "unit_id": STRING,
                "password_hash": STRING, "invite_hash": STRING, "invite_expires": STRING, "disabled": BOOL,
                "session_epoch": INT, "created_at": STRING, "activated_at": STRING,
            },
            "A person who signs in (pufa.workflow.Role). The password is an argon2 hash; a one-time invite code "
            "(SHA-256 at rest) lets a liaison set it on first use. Raising `session_epoch` ends every session "
            "of the account (disable, reset, new password).",
            ("username",),
        ),
        NodeType(
            "ApiToken",
            {"account_id": STRING, "name": STRING, "token_hash": STRING, "created_at": STRING, "revoked_at": STRING},
            "A bearer token of an account for scripts: only its SHA-256 is kept (the token is shown once).",
            ("token_hash", "account_id"),
        ),
        NodeType(
            "Transition",
            {"checklist_id": STRING, "action": STRING, "from_state": STRING, "to_state": STRING,
             "actor_id": STRING, "actor": STRING, "at": STRING, "comment": STRING, "seq": INT},
            "One step of a checklist's audit trail (pufa.workflow.TRANSITIONS): who, when, from which state "
            "to which, and their comment; written in the transaction that made the step. `seq` orders steps "
            "taken within one second.",
            ("checklist_id",),
        ),
        NodeType(
            "ReviewComment",
            {"checklist_id": STRING, "item_id": STRING, "row": INT, "law_text": STRING, "text": STRING,
             "author_id": STRING, "author": STRING, "at": STRING},
            "A reviewer's comment on one row (`item_id`, with the row as it read then) or on the whole "
            "checklist (no item).",
            ("checklist_id",),
        ),
        NodeType(
            "Attachment",
            {"checklist_id": STRING, "file_name": STRING, "media_type": STRING, "size": INT, "sha256": STRING,
             "uploaded_by": STRING, "uploaded_at": STRING},
            "The signed and stamped copy of a checklist (PDF or image): its content is stored by SHA-256 "
            "in PUFA_ATTACHMENTS_DIR, this is its record.",
            ("checklist_id",),
        ),
        NodeType(
            "ChecklistYear",
            {"year": INT, "opened_at": STRING, "opened_by": STRING, "liaison_deadline": STRING,
             "checklist_deadline": STRING, "notice": STRING},
            "The bureau's plan for a checklist year: when it was opened, the deadlines for the liaison "
            "registration and for the checklists, and the notice sent with it.",
        ),
        NodeType(
            "Activity",
            {
                "unit_id": STRING, "year": INT, "held_on": STRING, "title": STRING, "description": STRING,
                "place": STRING, "reached": INT, "audience_text": STRING, "audience_ids": STRINGS,
                "method_text": STRING, "method_ids": STRINGS, "key_date_text": STRING, "key_date_ids": STRINGS,
                "law_text": STRING, "law_ids": STRINGS, "item_ids": STRINGS, "case_ids": STRINGS,
                "cases_published": INT, "unresolved": STRINGS, "source": STRING, "recorded_by": STRING,
                "recorder": STRING, "recorded_at": STRING, "evidence_state": STRING, "evidence_reason": STRING,
                "evidence_by": STRING, "evidence_at": STRING, "evidence_count": INT,
            },
            "One activity a unit records in its 履职台账: when (`held_on`, ISO), the key dates it falls on or was "
            "held for (`key_date_ids`, with the month's and quarter's), the checklist rows and laws it served, "
            "whom it reached and how many (`reached`), the 以案释法 cases used (`case_ids`) and how many it "
            "published, and the reviewer's decision on its evidence (pufa.workflow.EvidenceState). The ids of "
            "what it links to are kept on it too, so a province's assessment reads one node per activity.",
            ("unit_id", "year"),
        ),
        NodeType(
            "Evidence",
            {"owner_id": STRING, "file_name": STRING, "media_type": STRING, "size": INT, "sha256": STRING,
             "uploaded_by": STRING, "uploaded_at": STRING},
            "A file proving an activity or an answer to a 普法提示 (佐证材料: JPEG, PNG, HEIC, PDF or DOCX, told by its "
            "content): stored by SHA-256 in PUFA_ATTACHMENTS_DIR, this is its record; `owner_id` the activity or "
            "the 普法提示.",
            ("owner_id",),
        ),
        NodeType(
            "Event",
            {"subject_id": STRING, "action": STRING, "from_state": STRING, "to_state": STRING, "actor_id": STRING,
             "actor": STRING, "at": STRING, "comment": STRING, "deadline": STRING, "evidence_ids": STRINGS,
             "seq": INT},
            "One step in the history of an activity's evidence or of a 普法提示 (pufa.workflow.EVIDENCE_STEPS, "
            "PROMPT_STEPS): who, when, from which state to which, the reason or answer, a new deadline, and the "
            "evidence files sent with it; written in the step's transaction.",
            ("subject_id",),
        ),
        NodeType(
            "Assessment",
            {"year": INT, "version": INT, "state": STRING, "rubric_name": STRING, "rubric_source": STRING,
             "rubric_digest": STRING, "rubric_text": STRING, "computed_at": STRING, "computed_by": STRING,
             "published_at": STRING, "published_by": STRING, "units": INT, "max_points": DOUBLE},
            "One computed version of a year's assessment (pufa.workflow.AssessmentState) with the rubric it was "
            "computed by (its text, so a version can always be read as it was). Publishing freezes it: later "
            "records change only a new version.",
            ("year",),
        ),
        NodeType(
            "UnitScore",
            {"assessment_id": STRING, "unit_id": STRING, "unit_name": STRING, "total": DOUBLE, "grade": STRING,
             "rank": INT, "lines": STRING},
            "A unit's result in one assessment version: its total, grade and rank, and `lines` (JSON): each "
            "rubric item's points with its reason and the records it rests on.",
            ("assessment_id", "unit_id"),
        ),
        NodeType(
            "ManualScore",
            {"unit_id": STRING, "year": INT, "item_id": STRING, "points": DOUBLE, "reason": STRING,
             "entered_by": STRING, "enterer": STRING, "entered_at": STRING},
            "A reviewer's entry for a manual rubric item (督查 findings, public evaluation) of a unit's year, with "
            "the reason; the next computed version takes it.",
            ("year",),
        ),
        NodeType(
            "Finding",
            {"unit_id": STRING, "year": INT, "assessment_id": STRING, "item_id": STRING, "item_name": STRING,
             "text": STRING, "deadline": STRING, "state": STRING, "created_by": STRING, "creator": STRING,
             "created_at": STRING, "updated_at": STRING},
            "A 限期整改 written before they were folded into the 普法提示: graph.migrations.fold_rectifications "
            "turns each into a Prompt with the same id (its Events and Evidence with it) when a store is opened, "
            "and reads this table only for that.",
            ("unit_id", "state"),
        ),
        NodeType(
            "SyncState",
            {"source": STRING, "level": STRING, "phase": STRING, "window_from": STRING, "window_to": STRING,
             "page": INT, "synced_to": STRING, "updated_at": STRING},
            "Where `pufa catalogue sync` got to for one source and level (id source:level): the date it last "
            "finished up to (synced_to), and while a run is under way its window of dates, phase (list, "
            "repeals) and the next page, so an interrupted run resumes there.",
        ),
        NodeType(
            "Prompt",
            {"unit_id": STRING, "year": INT, "number": INT, "kind": STRING, "reasons": STRINGS, "text": STRING,
             "deadline": STRING, "state": STRING, "created_by": STRING, "creator": STRING, "created_at": STRING,
             "updated_at": STRING, "sent_to": STRING, "sent_at": STRING, "assessment_id": STRING, "item_id": STRING},
            "A 普法提示 (法治宣传教育法 第五十七条; pufa.workflow.PromptState): the bureau's notice to a unit that "
            "did not carry out a duty, from a finding (`kind`, domain.assessment.prompts.GROUND_KINDS) with its "
            "`reasons` (one issued from a published assessment names its version and rubric item: `assessment_id`, "
            "`item_id`), numbered 〔year〕第N号, sent by e-mail (`sent_to`, `sent_at`); the unit's answers, the "
            "reviewer's decisions and the 通报批评 are its Events.",
            ("unit_id", "year"),
        ),
        NodeType(
            "DutyLawList",
            {"unit_id": STRING, "version": INT, "law_ids": STRINGS, "law_titles": STRINGS, "law_statuses": STRINGS,
             "law_groups": STRINGS, "state": STRING, "created_by": STRING, "creator": STRING,
             "created_at": STRING, "confirmed_by": STRING, "confirmed_at": STRING},
            "One version of a unit's 领导干部应知应会法律法规清单 (法治宣传教育法 第三十七条): the laws in order with "
            "their titles, statuses as they stood then and groups (宪法, common duties, the unit's own laws); "
            "generated from the graph or edited by the unit. A version's laws never change; the unit confirms it "
            "(`state`: draft → confirmed).",
            ("unit_id",),
        ),
        NodeType(
            "GraphState",
            {"stamp": STRING, "epoch": STRING},
            "The stamps every write transaction renews: one node ('graph') for the whole graph, which also "
            "keeps the epoch (its first stamp since it was last empty), and one per table (label or "
            "relationship type) a commit wrote. A kept answer is good while the tables it read keep "
            "their stamps (a table never stamped holds the epoch).",
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
        RelType("REFERS_TO", "Law", "Law",
                "The law's current text cites the other by name (《…》); Law.cited_by counts those of laws in force."),
        RelType(
            "NAMES", "Article", "DepartmentType",
            "An article names a competent department type, with its government level and role.",
            {"gov_level": STRING, "role": STRING, "surface": STRING},
        ),
        RelType("CONCERNS", "Article", "Audience", "An article addresses an audience."),
        RelType(
            "PRINCIPAL", "Law", "DepartmentType",
            "The law makes the type its principal competent authority (主管), by these articles of its current "
            "version, at these levels (\"\" where the text states none), with the cue read in each (nlp.principal); "
            "for the cue `issuer` the organ that issued the law (司法部) stands in place of an article (no id).",
            {"article_ids": STRINGS, "article_labels": STRINGS, "gov_levels": STRINGS, "cues": STRINGS},
        ),
        RelType(
            "INHERITS", "Law", "DepartmentType",
            "An implementing rule with no text of its own (a 实施条例 known by its title) concerns the type as the law "
            "it implements (`law_id`) does: whether that law makes the type principal, and its articles giving the "
            "type a duty or a power (ingest.laws.graph.inherited_facts).",
            {"law_id": STRING, "principal": BOOL, "acting": INT},
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
        RelType("CLAIMS", "ChecklistItem", "Law",
                "A row claims a law; `version_id`: the version it names (（2012年修正）), flagged once no longer current.",
                {"confidence": DOUBLE, "surface": STRING, "version_id": STRING}),
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
        RelType("HAS_TRANSITION", "Checklist", "Transition", "A checklist revision's audit trail."),
        RelType("HAS_COMMENT", "Checklist", "ReviewComment", "Review comments on a checklist revision."),
        RelType("HAS_ATTACHMENT", "Checklist", "Attachment", "The signed and stamped copy of a revision."),
        RelType("RECORDED", "Unit", "Activity", "A unit's activities (履职台账)."),
        RelType("SERVES", "Activity", "ChecklistItem", "The checklist rows an activity carried out."),
        RelType("COVERS", "Activity", "Law", "The laws an activity explained."),
        RelType("REACHES", "Activity", "Audience", "Whom an activity reached."),
        RelType("APPLIES", "Activity", "Method", "How an activity popularized the law."),
        RelType("ON_KEY_DATE", "Activity", "KeyDate", "The key dates an activity was held on or for."),
        RelType(
            "LEADS_CAMPAIGN", "Unit", "KeyDate",
            "The bureau's choice of the unit leading a key date's campaign in its region, kept across re-ingests and "
            "years until the bureau clears it (`by`: the account; `at`: when).",
            {"by": STRING, "at": STRING},
        ),
        RelType(
            "LEFT_OUT_OF", "Unit", "KeyDate",
            "The bureau dropped the unit from a key date's campaign (its list of the year's key dates), until it "
            "restores it (`by`: the account; `at`: when).",
            {"by": STRING, "at": STRING},
        ),
        RelType("USED_CASE", "Activity", "LawCase",
                "A 以案释法 case an activity used, or published (`published`: the unit released it then).",
                {"published": BOOL}),
        RelType("HAS_EVIDENCE", "Activity", "Evidence", "An activity's evidence files."),
        RelType("ACTIVITY_HISTORY", "Activity", "Event", "The decisions on an activity's evidence."),
        RelType("SCORED", "Assessment", "UnitScore", "The unit results of an assessment version."),
        RelType("MANUALLY_SCORED", "Unit", "ManualScore", "Manual score entries for a unit."),
        RelType("MUST_FIX", "Unit", "Finding", "A unit's 限期整改 before the fold (read by the migration only)."),
        RelType("FINDING_HISTORY", "Finding", "Event", "A 限期整改's steps before the fold (moved to PROMPT_HISTORY)."),
        RelType("FINDING_EVIDENCE", "Finding", "Evidence", "A 限期整改's evidence before the fold (moved to PROMPT_EVIDENCE)."),
        RelType("PROMPTED", "Unit", "Prompt", "The 普法提示 issued to a unit."),
        RelType("PROMPT_HISTORY", "Prompt", "Event", "A 普法提示's steps."),
        RelType("PROMPT_EVIDENCE", "Prompt", "Evidence", "The evidence sent with a 普法提示's answers."),
        RelType("KEEPS_LIST", "Unit", "DutyLawList", "The versions of a unit's 应知应会 list."),
        RelType("LIAISON_OF", "Account", "Unit", "A liaison account acts for this unit (and its sub-units)."),
        RelType("HAS_TOKEN", "Account", "ApiToken", "An account's API tokens."),
    )
}


LAW_PARTS = frozenset({"Law", "LawVersion", "Article", "HAS_VERSION", "HAS_ARTICLE", "NAMES", "PRINCIPAL", "INHERITS"})
"""A law, its versions and articles, and the department types these name: what a write renews the
law's `parts_stamp` for (graph.store.GraphWriteTx). Its versions and articles carry `law_id`."""


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
