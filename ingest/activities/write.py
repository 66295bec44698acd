"""Activities into the graph: the node with the ids of what it links to kept on it (so the
assessment reads one node per activity), and the edges to the rows, laws, audiences, methods, key
dates and cases; the cases it published become LawCase nodes citing its laws; its evidence files'
records. Each write is one batch, written in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import GraphStore
from graph.writer import GraphBatch, GraphWriter
from ingest.activities.fields import ActivityRecord
from ingest.reference import reference_batch
from ingest.resolve import add_catalogue_laws, resolver_catalogue
from pufa.laws import stable_id

LINKS = ("SERVES", "COVERS", "REACHES", "APPLIES", "ON_KEY_DATE", "USED_CASE")
"""What an activity links to, all worked out again when it changes."""


@dataclass(frozen=True)
class Recorder:
    """Who recorded an activity, and how."""

    actor_id: str
    actor: str
    at: str
    source: str


class ActivityContext:
    """What writing activities needs from the graph, read once per record or import."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.catalogue = resolver_catalogue(store)
        self.writer = GraphWriter(store)

    def add(self, batch: GraphBatch, activity_id: str, unit_id: str, unit_name: str | None, record: ActivityRecord,
            rows: dict[str, list[str]], recorder: Recorder, *, evidence_state: str, evidence_count: int,
            replacing: bool = False) -> None:
        """One activity into `batch`; `rows` maps the checklist rows it serves to the laws they claim."""
        fields = record.fields
        law_ids = list(dict.fromkeys([*record.law_ids, *(law for laws in rows.values() for law in laws)]))
        published = {stable_id("K", unit_id, case.title): case for case in fields.published_cases}
        batch.add_node("Activity", {
            "id": activity_id, "unit_id": unit_id, "year": record.year, "held_on": record.held_on,
            "title": fields.title.strip(), "description": fields.description.strip() or None,
            "place": fields.place.strip() or None, "reached": fields.reached,
            "audience_text": fields.audience_text or None, "audience_ids": record.audience_ids,
            "method_text": fields.method_text or None, "method_ids": record.method_ids,
            "key_date_text": fields.key_date or None, "key_date_ids": record.key_date_ids,
            "law_text": fields.law_text or None, "law_ids": law_ids, "item_ids": list(rows),
            "case_ids": list(dict.fromkeys([*fields.case_ids, *published])), "cases_published": len(published),
            "unresolved": record.unresolved, "source": recorder.source, "recorded_by": recorder.actor_id,
            "recorder": recorder.actor, "recorded_at": recorder.at, "evidence_state": evidence_state,
            "evidence_count": evidence_count,
        })
        if replacing:
            for rel in LINKS:
                batch.replace_edges[rel].add(activity_id)
        else:
            batch.add_edge("RECORDED", unit_id, activity_id)
        for case_id, case in published.items():
            batch.replace_edges["CITES"].add(case_id)
            batch.add_node("LawCase", {"id": case_id, "title": case.title, "summary": case.summary or None,
                                       "source": f"{unit_name or unit_id}发布（{record.held_on}）"})
            for law_id in law_ids:
                batch.add_edge("CITES", case_id, law_id, articles=[])
        for rel, targets in (("SERVES", rows), ("COVERS", law_ids), ("REACHES", record.audience_ids),
                             ("APPLIES", record.method_ids), ("ON_KEY_DATE", record.key_date_ids)):
            for target in targets:
                batch.add_edge(rel, activity_id, target)
        for case_id in fields.case_ids:
            batch.add_edge("USED_CASE", activity_id, case_id, published=False)
        for case_id in published:
            batch.add_edge("USED_CASE", activity_id, case_id, published=True)

    def finish(self, batch: GraphBatch) -> None:
        """The vocabularies and the catalogue laws the batch links to, so that every edge lands."""
        add_catalogue_laws(self.store, batch, {row["dst"] for row in batch.edges.get("COVERS", [])}, self.catalogue)
        batch.extend(reference_batch(self.store))
