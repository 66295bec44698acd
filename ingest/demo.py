"""The demo: the shipped national catalogue plus the fictional county 澄河县 in data/sample.

`pufa demo` runs this and serves; the browser tests run it too, so what people see first
is what is tested."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ingest.cases.load import ingest_cases
from ingest.checklists.load import ingest_checklists
from ingest.report import IngestReport, Tracker, no_progress
from ingest.shipped_catalogue import load_catalogue
from ingest.units.load import ingest_units
from pufa.config import DATA_DIR

SAMPLE_DIR = DATA_DIR / "sample"
SAMPLE_UNITS = SAMPLE_DIR / "units.csv"
SAMPLE_CHECKLISTS = SAMPLE_DIR / "checklists"
NAMED_ON_SUBMISSION = {"2026-tjj.csv": "澄河县统计局"}
"""Sample files that do not say whose they are: the unit is given on submission (`--unit`)."""


def sample_checklists() -> list[Path]:
    """The sample files that name their unit themselves."""
    return sorted(p for p in SAMPLE_CHECKLISTS.iterdir() if p.is_file() and p.name not in NAMED_ON_SUBMISSION)


def load_demo(store: GraphStore, *, cases_dir: Path | None = None, track: Tracker = no_progress) -> list[IngestReport]:
    """Catalogue, units, every sample checklist and, when the corpus is at hand, its cases.

    Idempotent: loading twice leaves the graph as it was (unchanged checklists are skipped)."""
    reports = [
        load_catalogue(store, track=track),
        ingest_units(store, SAMPLE_UNITS),
        ingest_checklists(store, sample_checklists(), track=track),
        *(ingest_checklists(store, [SAMPLE_CHECKLISTS / name], unit=unit) for name, unit in NAMED_ON_SUBMISSION.items()),
    ]
    if cases_dir is not None and cases_dir.is_dir():
        reports.append(ingest_cases(store, [cases_dir], track=track))
    return reports
