"""The layers of docs/architecture.md hold: import-linter checks the contracts in pyproject.toml
(faces over answers over ingest over stores and text analysis over the ground; the JSON routes
and the pages apart; no import cycles)."""

from importlinter.cli import lint_imports

from pufa.config import PROJECT_ROOT


def test_the_import_contracts_are_kept(capsys):
    exit_code = lint_imports(config_filename=str(PROJECT_ROOT / "pyproject.toml"), no_cache=True)
    assert exit_code == 0, capsys.readouterr().out
