"""A Context on a fresh store in a temp dir, and handlers written to disk as real files."""

import textwrap
from pathlib import Path

import pytest

from cfn_cognito import lambdas
from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.store import open_store


@pytest.fixture
def ctx(tmp_path):
    store = open_store(tmp_path / "data")
    context = Context(settings=Settings(), store=store)
    yield context
    lambdas.stop_workers(store.data_dir)
    store.close()


@pytest.fixture
def code(tmp_path):
    """write(files) -> a directory holding those files (dedented)."""
    counter = iter(range(1000))

    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / f"src{next(counter)}"
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip())
        return folder
    return write
