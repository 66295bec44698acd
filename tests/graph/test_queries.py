"""Query hygiene: every builder of every topic, given hostile values, keeps them out of the Cypher
text, and names only the schema's labels and relationships."""

import inspect
import re

from graph import queries
from graph.queries.scope import LawScope
from graph.query import Query
from graph.schema import NODES, RELS

TOPICS = [getattr(queries, name) for name in queries.__all__]

HOSTILE = "x'}) DETACH DELETE n //"


def _built_queries() -> list[Query]:
    """Every builder called with a hostile value wherever it takes one."""
    scope = LawScope(level=HOSTILE, status=HOSTILE, region=HOSTILE, category=HOSTILE, effective_year=2021)
    built = []
    builders = [(name, builder) for topic in TOPICS for name, builder in inspect.getmembers(topic, inspect.isfunction)
                if builder.__module__ == topic.__name__ and not name.startswith("_")]
    for _, builder in builders:
        args = []
        for parameter in inspect.signature(builder).parameters.values():
            hint = str(parameter.annotation)
            if parameter.name == "label":
                args.append("Law")
            elif parameter.name == "field":
                args.append("title")
            elif parameter.name in ("rel", "group_rel"):
                args.append("CLAIMS")
            elif parameter.name == "kind":
                args.append("problems")
            elif parameter.name == "correction":
                args.append("lead")
            elif parameter.name == "anchor":
                args.append("key_date")
            elif "LawScope" in hint:
                args.append(scope)
            elif "list" in hint:
                args.append([HOSTILE])
            elif "int" in hint:
                args.append(2026)
            else:
                args.append(HOSTILE)
        made = builder(*args)
        built += made if isinstance(made, list) else [made]  # a summary is several statements
    return built


def test_values_travel_only_as_parameters():
    built = _built_queries()
    assert len(built) > 30
    for query in built:
        for text in (query.cypher, query.ladybug or ""):
            assert HOSTILE not in text, query.name
            assert "x'" not in text, query.name


def test_labels_and_relationships_come_from_the_schema():
    for query in _built_queries():
        for text in (query.cypher, query.ladybug or ""):
            for name in re.findall(r"[(\[|]\s*\w*\s*:\s*(\w+)", text):
                assert name in NODES or name in RELS, (query.name, name)
