"""A 普法提示 e-mailed to the unit's liaison on both stores: the 普法提示书 attached as Word over the
configured SMTP server (a fake one here), to whom and when kept on the record; a unit without a
registered e-mail is refused, naming it."""

from __future__ import annotations

import pytest

from domain.accounts.accounts import token_actor
from domain.assessment import prompts
from domain.base.cache import CachedStore
from domain.checklists import plan
from graph.query import Query
from pufa.config import Settings
from pufa.errors import Conflict
from pufa.workflow import Role
from tests.accounts import FakeClock, make_account, token_for
from tests.fixtures_graph import build_county
from tests.year_end import NOW, YEAR


class FakeSMTP:
    sent: list = []

    def __init__(self, host, port, timeout):
        self.host = host

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_message(self, message):
        FakeSMTP.sent.append(message)


def test_a_prompt_is_mailed_with_its_letter(store, monkeypatch):
    build_county(store)
    with store.transaction() as tx:
        tx.run(Query("t_mail", "MATCH (u:Unit {id: 'UMKT'}) SET u.liaison_email = 'mkt@example.test' RETURN u.id AS id"))
    cached, clock = CachedStore(store), FakeClock(NOW)
    headers = token_for(store, make_account(store, "reviewer", Role.REVIEWER))
    reviewer = token_actor(cached, headers["Authorization"].split()[1])
    monkeypatch.setattr(plan.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent = []
    settings = Settings(smtp_host="mail.example.test", bureau_name="澄河县司法局")
    prompt = prompts.issue(cached, reviewer, "UMKT", YEAR, "inspection", ["宣传栏未更新"], "2027-01-10", clock=clock)
    sent = prompts.send(cached, reviewer, prompt.id, settings, clock=clock)
    assert (sent.sent_to, sent.sent_at[:10]) == ("mkt@example.test", NOW.date().isoformat())
    [message] = FakeSMTP.sent
    assert message["To"] == "mkt@example.test" and prompt.reference in message["Subject"]
    [letter] = list(message.iter_attachments())
    assert letter.get_filename().endswith(".docx") and letter.get_content().startswith(b"PK")
    other = prompts.issue(cached, reviewer, "UPSB", YEAR, "inspection", ["未开展宪法宣传"], "2027-01-10", clock=clock)
    with pytest.raises(Conflict, match="no liaison e-mail"):
        prompts.send(cached, reviewer, other.id, settings, clock=clock)
