"""Several activities in one step, as a liaison and a reviewer work at the year's end: a photo for each
of a unit's activities, and 批量采纳 of their evidence. Each activity is checked as it is alone, each
gets its own history event, and one refused activity refuses the batch, named, with nothing written."""

from __future__ import annotations

import pytest

from domain.accounts.accounts import Actor
from domain.assessment import activities
from domain.assessment.activities import Upload
from domain.base.cache import CachedStore
from ingest.activities.fields import ActivityFields
from pufa.errors import Conflict, Forbidden
from pufa.workflow import Role
from tests.accounts import FakeClock
from tests.fixtures_graph import build_county
from tests.year_end import ACTIVITY, JPEG, NOW

MKT = Actor(id="mkt", username="mkt", role=Role.LIAISON, display_name="市场监管局联络员", unit_id="UMKT",
            units=frozenset({"UMKT"}), home_units=frozenset({"UMKT"}))
PSB = Actor(id="psb", username="psb", role=Role.LIAISON, display_name="公安局联络员", unit_id="UPSB",
            units=frozenset({"UPSB"}), home_units=frozenset({"UPSB"}))
REVIEWER = Actor(id="reviewer", username="reviewer", role=Role.REVIEWER, display_name="审核员")
MKT_REVIEWER = Actor(id="mkt-reviewer", username="mkt-reviewer", role=Role.REVIEWER, display_name="市场监管局审核员",
                     unit_id="UMKT", home_units=frozenset({"UMKT"}))
CLOCK = FakeClock(NOW)


@pytest.fixture(scope="module")
def county(module_store) -> CachedStore:
    """One county for the module: each test records activities of its own (new ids) and asks only
    about those, so none sees another's."""
    return CachedStore(build_county(module_store))


def recorded(store: CachedStore, liaison: Actor, title: str, folder, *files: tuple[str, bytes]) -> str:
    fields = ActivityFields(**{**{k: v for k, v in ACTIVITY.items() if k != "unit_id"}, "title": title, "item_ids": [], "case_ids": [], "published_cases": []})
    upload = Upload(list(files), folder, 1_000_000, 3)
    return activities.record(store, liaison, liaison.unit_id, fields, upload, clock=CLOCK).activity.id


def photo(folder) -> Upload:
    return Upload([("现场.jpg", JPEG)], folder, 1_000_000, 3)


def states(store: CachedStore, *activity_ids: str) -> list[tuple[str, list[str]]]:
    """Each activity's evidence state and the actions of its history."""
    details = [activities.activity_detail(store, REVIEWER, activity_id) for activity_id in activity_ids]
    return [(d.activity.evidence_state, [event.action for event in d.history]) for d in details]


def test_a_liaison_sends_a_photo_for_each_activity_in_one_step(county, tmp_path):
    first, second = (recorded(county, MKT, title, tmp_path) for title in ("宪法宣传周", "消费者权益日"))
    activities.add_evidence_each(county, MKT, {first: photo(tmp_path), second: photo(tmp_path)}, clock=CLOCK)
    assert states(county, first, second) == [("pending", ["upload"]), ("pending", ["upload"])]
    detail = activities.activity_detail(county, MKT, second)
    assert detail.activity.evidence_count == 1 and [e.file_name for e in detail.history[0].evidence] == ["现场.jpg"]


def test_evidence_for_an_activity_of_another_unit_or_an_accepted_one_refuses_the_whole_step(county, tmp_path):
    mine = recorded(county, MKT, "宪法宣传周", tmp_path)
    theirs = recorded(county, PSB, "禁毒宣传", tmp_path)
    with pytest.raises(Forbidden):
        activities.add_evidence_each(county, MKT, {mine: photo(tmp_path), theirs: photo(tmp_path)}, clock=CLOCK)
    done = recorded(county, MKT, "消费者权益日", tmp_path, ("现场.jpg", JPEG))
    activities.decide(county, REVIEWER, done, "accept", clock=CLOCK)
    with pytest.raises(Conflict, match="消费者权益日") as refused:
        activities.add_evidence_each(county, MKT, {mine: photo(tmp_path), done: photo(tmp_path)}, clock=CLOCK)
    assert "《消费者权益日》" in refused.value.advice
    assert states(county, mine, theirs, done) == [("none", []), ("none", []), ("accepted", ["upload", "accept"])]


def test_a_reviewer_accepts_several_activities_at_once_each_with_its_history(county, tmp_path):
    batch = [recorded(county, unit, title, tmp_path, ("现场.jpg", JPEG))
             for unit, title in ((MKT, "宪法宣传周"), (MKT, "消费者权益日"), (PSB, "禁毒宣传"))]
    assert activities.decide_all(county, REVIEWER, batch, "accept", clock=CLOCK) == 3
    assert states(county, *batch) == [("accepted", ["upload", "accept"])] * 3
    detail = activities.activity_detail(county, REVIEWER, batch[0])
    assert detail.history[-1].actor == REVIEWER.label and not detail.editable


def test_a_rejection_of_several_gives_each_the_one_reason(county, tmp_path):
    batch = [recorded(county, MKT, title, tmp_path, ("现场.jpg", JPEG)) for title in ("宪法宣传周", "消费者权益日")]
    activities.decide_all(county, REVIEWER, batch, "reject", "照片看不清活动现场", clock=CLOCK)
    rejected = [activities.activity_detail(county, MKT, activity_id) for activity_id in batch]
    assert [(d.activity.evidence_state, d.activity.evidence_reason, d.history[-1].comment) for d in rejected] == [
        ("rejected", "照片看不清活动现场", "照片看不清活动现场")] * 2


def test_a_reviewer_never_accepts_its_own_units_activity_in_a_batch(county, tmp_path):
    theirs = recorded(county, PSB, "禁毒宣传", tmp_path, ("现场.jpg", JPEG))
    own = recorded(county, MKT, "消费者权益日", tmp_path, ("现场.jpg", JPEG))
    with pytest.raises(Forbidden, match="消费者权益日.*its own records") as refused:
        activities.decide_all(county, MKT_REVIEWER, [theirs, own], "accept", clock=CLOCK)
    assert "《消费者权益日》" in refused.value.advice
    assert states(county, theirs, own) == [("pending", ["upload"]), ("pending", ["upload"])]


def test_one_activity_without_pending_evidence_refuses_the_whole_batch_and_nothing_is_written(county, tmp_path):
    pending = [recorded(county, MKT, title, tmp_path, ("现场.jpg", JPEG)) for title in ("宪法宣传周", "消费者权益日")]
    bare = recorded(county, PSB, "禁毒宣传", tmp_path)
    with pytest.raises(Conflict, match="禁毒宣传.*no evidence is attached") as refused:
        activities.decide_all(county, REVIEWER, [*pending, bare], "accept", clock=CLOCK)
    assert refused.value.state == "none" and "《禁毒宣传》尚未上传佐证材料" in refused.value.advice
    assert states(county, *pending, bare) == [("pending", ["upload"]), ("pending", ["upload"]), ("none", [])]
    activities.decide(county, REVIEWER, pending[0], "accept", clock=CLOCK)
    with pytest.raises(Conflict, match="宪法宣传周"):
        activities.decide_all(county, REVIEWER, pending, "accept", clock=CLOCK)
    assert states(county, *pending) == [("accepted", ["upload", "accept"]), ("pending", ["upload"])]
