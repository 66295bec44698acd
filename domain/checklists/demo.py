"""The demo's people and its published checklists: `pufa demo` signs nobody in by itself, so it
makes one account per role (new passwords on every run, printed once) and takes a few sample
checklists of 2025 through review to publication, so that 公开清单 and "start from last year"
have something to show."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from domain.accounts import accounts
from domain.accounts.accounts import BOOTSTRAP, PASSWORDS, Actor
from domain.base.cache import CachedStore
from domain.checklists import review
from graph import queries
from pufa.clock import stamp, system_clock
from pufa.laws import unit_id
from pufa.workflow import ROLE_NAMES, ROLES, Role, State, UnitTie

SAMPLE_UNITS = (("scjg", "澄河县市场监督管理局", "陈晓梅"), ("gaj", "澄河县公安局", "刘建平"))
"""The two units whose people the demo signs in as, for every role that acts for a unit."""


def _demo_people() -> list[tuple[str, Role, str | None, str]]:
    """(username, role, unit name, display name): one account per role of ROLES, two for a role acting
    for a unit (demo-scjg and demo-gaj for the liaisons), so a new role shows up in the demo by itself."""
    people = []
    for role, entry in ROLES.items():
        if entry.unit is UnitTie.ACTS_FOR:
            prefix = "demo" if role is Role.LIAISON else f"demo-{role.value}"
            people += [(f"{prefix}-{key}", role, unit, name) for key, unit, name in SAMPLE_UNITS]
        else:
            people.append((f"demo-{role.value}", role, None, entry.name))
    return people


PUBLISHED_UNITS = ("澄河县市场监督管理局", "澄河县公安局", "澄河县司法局")
"""Units whose sample 2025 checklist the demo publishes."""
DEMO_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
"""A stand-in for the signed and stamped scan."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit: str | None
    password: str


def demo_accounts(store: CachedStore) -> list[DemoAccount]:
    """One account per role (liaisons of two sample units), each with a fresh password."""
    made = []
    for username, role, unit_name, name in _demo_people():
        password = secrets.token_urlsafe(9)
        existing = store.read(queries.accounts.account_by_username(username))
        if existing:
            with store.transaction() as tx:
                tx.run(queries.accounts.set_password(existing[0]["id"], PASSWORDS.hash(password), stamp(system_clock())))
        else:
            accounts.create_account(store, BOOTSTRAP, username, role, unit_id=unit_id(unit_name) if unit_name else None,
                                    display_name=name, password=password)
        made.append(DemoAccount(username, ROLE_NAMES[role], unit_name, password))
    return made


def publish_samples(store: CachedStore, attachments_dir) -> int:
    """Take the sample 2025 checklists of PUBLISHED_UNITS through attach → approve → file → publish
    (each unit's liaison attaches, the demo reviewer decides); returns how many were published now."""
    reviewer = accounts.find_account(store, "demo-reviewer")
    reviewer_actor = Actor(id=reviewer.id, username=reviewer.username, role=Role.REVIEWER, display_name="审核员")
    published = 0
    for number, unit_name in enumerate(PUBLISHED_UNITS, start=1):
        uid = unit_id(unit_name)
        revisions = store.read(queries.checklists.unit_year_checklists(uid, 2025))
        if not revisions or revisions[0]["state"] not in (State.SUBMITTED, State.RESUBMITTED):
            continue
        checklist_id = revisions[0]["id"]
        liaison = Actor(id="demo", username="demo", role=Role.LIAISON, display_name=f"{unit_name}联络员",
                        unit_id=uid, units=frozenset({uid}))
        review.attach(store, liaison, checklist_id, "签字盖章件.pdf", DEMO_PDF, attachments_dir, len(DEMO_PDF))
        review.apply(store, reviewer_actor, checklist_id, "approve")
        review.apply(store, reviewer_actor, checklist_id, "file", filing_number=f"澄普备〔2025〕{number}号")
        review.apply(store, reviewer_actor, checklist_id, "publish")
        published += 1
    return published
