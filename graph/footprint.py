"""Which tables (node labels, relationship types) a Cypher statement reads and which it writes.

Every write transaction stamps the tables it wrote (graph.store), and a kept answer lasts until
one of the tables it read is stamped again (domain.base.cache): a checklist upload leaves the
catalogue's answers standing. Both sides are worked out here from the statement's text, once
per text, and err on the safe side: a statement whose footprint cannot be told for sure (an
untyped relationship, a node with no label and no typed relationship beside it, a write to a
variable whose label is not in the text) answers None, "any table", and so retires everything.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graph.schema import NODES, RELS

STAMPS = "GraphState"
"""The label of the stamps themselves, which only the stores write (graph.store)."""
TABLES = (frozenset(NODES) | frozenset(RELS)) - {STAMPS}
"""Every table a statement may touch."""
ADJACENT = {label: frozenset(rel.name for rel in RELS.values() if label in (rel.source, rel.target)) for label in NODES}
"""The relationship types that start or end at each label: a DETACH DELETE removes them too."""
ENDS = {rel.name: frozenset((rel.source, rel.target)) for rel in RELS.values()}

_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_NAMED = re.compile(r":\s*([A-Za-z_]\w*(?:\s*\|\s*:?\s*[A-Za-z_]\w*)*)")
_NODE_VARIABLE = re.compile(r"\(\s*([A-Za-z_]\w*)\s*:\s*([A-Za-z_]\w*(?:\s*:\s*[A-Za-z_]\w*)*)")
_REL_VARIABLE = re.compile(r"\[\s*([A-Za-z_]\w*)\s*:\s*([A-Za-z_]\w*(?:\s*\|\s*:?\s*[A-Za-z_]\w*)*)")
_BARE_NODE = re.compile(r"(?<![\w.)\]])\(\s*([A-Za-z_]\w*)?\s*(?:\{[^{}]*\})?\s*\)")
_UNTYPED_REL = re.compile(r"-\[\s*[A-Za-z_]?\w*\s*(?:\*[^\]]*)?(?:\{[^{}]*\})?\s*\]-|\)\s*<?-\s*-\s*>?\s*\(")
_CLAUSE = re.compile(
    r"\b(OPTIONAL\s+MATCH|MATCH|UNWIND|WITH|WHERE|RETURN|ORDER\s+BY|SKIP|LIMIT|ON\s+CREATE\s+SET|ON\s+MATCH\s+SET|"
    r"CREATE|MERGE|SET|DETACH\s+DELETE|DELETE|REMOVE|FOREACH|CALL|UNION|YIELD|LOAD|COPY)\b",
    re.IGNORECASE,
)
_ASSIGNED = re.compile(r"(?:^|,|\|)\s*([A-Za-z_]\w*)\s*(?:\.\s*\w+\s*\+?=|\+?=|:)")
_WORD = re.compile(r"[A-Za-z_]\w*")


def _text(cypher: str) -> str:
    """The statement without its string literals (a label spelled inside one is not a pattern)."""
    return _STRINGS.sub("''", cypher)


def _names(spelled: str) -> set[str]:
    return {name for name in re.split(r"[\s|:]+", spelled) if name}


def _variables(text: str) -> dict[str, set[str]]:
    """Each pattern variable and the tables its patterns name."""
    variables: dict[str, set[str]] = {}
    for pattern in (_NODE_VARIABLE, _REL_VARIABLE):
        for variable, spelled in pattern.findall(text):
            variables.setdefault(variable, set()).update(_names(spelled))
    return variables


def _beside_relationship(text: str, match: re.Match) -> bool:
    return text[match.end():].lstrip()[:1] in ("-", "<") or text[:match.start()].rstrip()[-1:] in ("-", ">")


def _loose_node(text: str, variables: dict[str, set[str]]) -> bool:
    """A node pattern that may match any label: unlabeled, its variable labeled nowhere, no typed
    relationship beside it (whose end labels would say what it is)."""
    return any(not _beside_relationship(text, match) and (match.group(1) or "") not in variables
               for match in _BARE_NODE.finditer(text))


@functools.lru_cache(maxsize=4096)
def read_tables(cypher: str) -> frozenset[str] | None:
    """The tables a statement may read (None: it may read any). A typed relationship counts its end
    labels too: `(c)-[:ROWS_ON]->(k)` reads KeyDate through `k` without naming it."""
    text = _text(cypher)
    if _UNTYPED_REL.search(text) or re.search(r"\b(CALL|LOAD|COPY)\b", text, re.IGNORECASE):
        return None
    variables = _variables(text)
    if _loose_node(text, variables):
        return None
    named = {name for spelled in _NAMED.findall(text) for name in _names(spelled)} & TABLES
    return frozenset(named.union(*(ENDS[name] for name in named if name in ENDS)))


@functools.lru_cache(maxsize=4096)
def written_tables(cypher: str) -> frozenset[str] | None:
    """The tables a statement may write (None: it may write any): what its CREATE and MERGE patterns
    name, and the tables of the variables its SET, REMOVE and DELETE clauses change."""
    text = _text(cypher)
    variables = _variables(text)
    written: set[str] = set()
    clauses = list(_CLAUSE.finditer(text))
    for at, clause in enumerate(clauses):
        keyword = " ".join(clause.group(1).upper().split())
        body = text[clause.end(): clauses[at + 1].start() if at + 1 < len(clauses) else len(text)]
        if keyword in ("CALL", "LOAD", "COPY"):
            return None
        if keyword in ("CREATE", "MERGE"):
            if _UNTYPED_REL.search(body):
                return None
            written |= {name for spelled in _NAMED.findall(body) for name in _names(spelled)} & TABLES
        elif keyword in ("SET", "ON CREATE SET", "ON MATCH SET", "REMOVE", "DELETE", "DETACH DELETE"):
            targets = (_ASSIGNED.findall(body) if "SET" in keyword or keyword == "REMOVE"
                       else _WORD.findall(body))
            for target in targets:
                if target not in variables:
                    return None
                written |= variables[target]
                if keyword == "DETACH DELETE":
                    written = written.union(*(ADJACENT.get(label, ()) for label in variables[target]))
    return frozenset(written & TABLES)


class Footprint:
    """The tables read so far while something is worked out, or written so far by a transaction
    (`tables` None: possibly any)."""

    def __init__(self) -> None:
        self.tables: set[str] | None = set()

    def add(self, tables: frozenset[str] | None) -> None:
        if tables is None:
            self.tables = None
        elif self.tables is not None:
            self.tables.update(tables)

    def frozen(self) -> frozenset[str] | None:
        return None if self.tables is None else frozenset(self.tables)


_READING: ContextVar[tuple[Footprint, ...]] = ContextVar("reading", default=())
"""The footprints being taken in this context, outermost first: a read counts for each."""


def noted(tables: frozenset[str] | None) -> None:
    """These tables were read (every store read calls it; so does a kept answer that is used)."""
    for footprint in _READING.get():
        footprint.add(tables)


@contextmanager
def reading() -> Iterator[Footprint]:
    """Take the footprint of what is read in this block (nested blocks count for the outer ones too)."""
    footprint = Footprint()
    token = _READING.set((*_READING.get(), footprint))
    try:
        yield footprint
    finally:
        _READING.reset(token)
