"""One redaction for everything anyone may read without signing in: phone numbers and e-mail
addresses typed into checklist cells (责任人：王五 139…) are taken out of every anonymous answer,
page and download, as /public always did. The signed-in review keeps them (the reviewer needs them)."""

from __future__ import annotations

import re

CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?<![\d])(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}|\d{3,4}-\d{7,8}|\d{7,8})(?![\d])"  # phones
)
TRAILING_SEPARATORS = re.compile(r"[\s，,、;；]+$")


def without_contacts(text: str | None) -> str:
    """A cell as the public reads it: phone numbers and e-mail addresses taken out."""
    return TRAILING_SEPARATORS.sub("", CONTACT.sub("", text or "")).strip()
