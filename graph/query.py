"""A named, parameterized Cypher statement: the only way the project talks to a store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.footprint import read_tables, written_tables

Row = dict[str, Any]


@dataclass(frozen=True)
class Query:
    """Values only ever travel as parameters; the text holds fixed fragments and schema labels."""

    name: str
    cypher: str
    params: Mapping[str, Any] = field(default_factory=dict)
    ladybug: str | None = None
    """LadybugDB's spelling of the same statement, where the dialects differ."""
    cached: bool = False
    """A whole-graph read that many answers share: the answer cache keeps it until the next write."""
    packed: tuple[str, ...] = ()
    """The RETURN aliases of a read of thousands of small rows. Neo4j's driver pays ~20 µs a
    record, so the Neo4j store fetches such rows packed into one list (2–3× faster); LadybugDB
    reads them as they are (packing costs it more)."""

    def text(self, dialect: str) -> str:
        return self.ladybug if dialect == "ladybug" and self.ladybug else self.cypher

    @property
    def reads(self) -> frozenset[str] | None:
        """The tables it may read in either dialect (None: any); a kept answer lasts while they stay unwritten."""
        return _union(read_tables(text) for text in self._texts)

    @property
    def writes(self) -> frozenset[str] | None:
        """The tables it may write in either dialect (None: any): its transaction stamps them."""
        return _union(written_tables(text) for text in self._texts)

    @property
    def _texts(self) -> tuple[str, ...]:
        return (self.cypher, self.ladybug) if self.ladybug else (self.cypher,)

    @property
    def key(self) -> tuple:
        return self.name, self.cypher, repr(sorted(self.params.items()))


def _union(footprints: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    tables: frozenset[str] = frozenset()
    for footprint in footprints:
        if footprint is None:
            return None
        tables |= footprint
    return tables
