"""The layers of the design hold: import-linter checks the contracts of pyproject.toml
(layers top to bottom, no cycle between top-level packages, Flask only in web/, the store
knowing no domain, lambdas and mail knowing nothing of Cognito, the hosted UI going through
idp's public modules)."""

import os

from importlinter.cli import lint_imports

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_every_layer_contract_is_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename="pyproject.toml", no_cache=True)
    assert code == 0, capsys.readouterr().out
