import pytest

from graph.registry import backend_name, open_store
from pufa.config import Settings
from pufa.errors import ConfigError, StoreUnavailable


@pytest.mark.parametrize(
    ("value", "backend"),
    [("var/pufa.lbug", "ladybug"), ("/abs/path.lbug", "ladybug"), ("ladybug://x.lbug", "ladybug"),
     ("neo4j://localhost:7687", "neo4j"), ("bolt://127.0.0.1:7687", "bolt"), ("NEO4J://h", "neo4j")],
)
def test_backend_is_chosen_by_scheme(value, backend):
    assert backend_name(value) == backend


def test_unknown_scheme_names_the_valid_ones():
    with pytest.raises(ConfigError) as err:
        backend_name("postgres://db/pufa")
    assert "'postgres'" in str(err.value)
    assert "neo4j://" in str(err.value) and "bolt://" in str(err.value)


def test_empty_store_setting_is_rejected():
    with pytest.raises(ConfigError, match="PUFA_STORE is empty"):
        backend_name("  ")


def test_unreachable_neo4j_is_a_clear_error():
    store = open_store(Settings(store="bolt://127.0.0.1:9", neo4j_password="x"))
    with pytest.raises(StoreUnavailable, match="unreachable"):
        store.ping()
    store.close()


def test_path_opens_ladybug(tmp_path):
    store = open_store(Settings(store=str(tmp_path / "g.lbug")))
    assert store.kind == "ladybug"
    store.ensure_schema()
    store.ping()
    store.close()
