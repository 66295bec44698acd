"""The compose file configures the API only through variables Settings really reads."""

from pathlib import Path

import yaml

from pufa.config import PROJECT_ROOT, Settings

COMPOSE = PROJECT_ROOT / "docker-compose.yml"


def test_compose_api_variables_are_settings_fields():
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    variables = services["api"]["environment"]
    fields = {f"PUFA_{name.upper()}" for name in Settings.model_fields}
    assert set(variables) <= fields, set(variables) - fields
    assert variables["PUFA_STORE"].startswith("bolt://neo4j:")


def test_compose_runs_official_neo4j_with_healthcheck_and_api_waits_for_it():
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    assert services["neo4j"]["image"].startswith("neo4j:5.26")
    assert "healthcheck" in services["neo4j"]
    assert services["api"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    probe = " ".join(services["api"]["healthcheck"]["test"])
    assert "/health'" in probe and "/status" not in probe  # the ping, not the counts
    assert Path(PROJECT_ROOT / services["api"]["build"] / "Dockerfile").is_file()


def test_schema_doc_is_current():
    from graph.schema_doc import render

    assert (PROJECT_ROOT / "docs" / "schema.md").read_text(encoding="utf-8") == render()
