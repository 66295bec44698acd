"""What a bureau sends first, as tests send it: the shipped catalogue's laws a test needs, and the liaison
form with unit names only (the register most counties have)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from ingest.shipped_catalogue import LAWS_FILE


def shipped_laws(folder: Path, keep: Callable[[dict], bool]) -> Path:
    """A laws.jsonl holding the shipped catalogue's laws `keep` accepts, so a test loads only those."""
    path = folder / "laws.jsonl"
    path.write_text("\n".join(line for line in LAWS_FILE.read_text(encoding="utf-8").splitlines()
                              if keep(json.loads(line))) + "\n", encoding="utf-8")
    return path


def in_force_titled(titles: set[str]) -> Callable[[dict], bool]:
    """The laws in force whose short title is one of these."""
    return lambda law: law["short_title"] in titles and law["status"] == "现行有效"


def names_only_register(folder: Path, names: Iterable[str]) -> Path:
    """The liaison form (联络员登记表) naming these units and nothing of what they do."""
    path = folder / "联络员登记表.csv"
    path.write_text("单位,姓名,职务,电话,邮箱\n" + "".join(
        f"{name.replace(',', '，')},联络员,科员,0000-{k:07d},u{k}@example.org\n" for k, name in enumerate(names)),
        encoding="utf-8")
    return path
