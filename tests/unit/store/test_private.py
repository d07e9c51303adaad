"""The data directory is its owner's alone: created 0700, the database and its WAL files
0600 whatever the umask; an existing directory keeps its bits, with a warning when others
may open it, and what cfn-cognito made in it is tightened."""

import logging
import os
import stat

import pytest

from cfn_cognito.store import open_store


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    previous = os.umask(0o022)      # the common default, which makes files 0644
    yield
    os.umask(previous)


def test_a_fresh_data_dir_and_its_database_are_private(tmp_path, open_umask, caplog):
    data = tmp_path / "new" / "data"
    store = open_store(data)
    with store.write():
        store.db.execute("CREATE TABLE IF NOT EXISTS probe (x)")   # the WAL and its index
    try:
        assert _mode(data) == 0o700
        names = sorted(os.listdir(data))
        assert "cognito.db-wal" in names and "cognito.db-shm" in names
        assert {name: _mode(data / name) for name in names} == dict.fromkeys(names, 0o600)
    finally:
        store.close()
    assert "readable by other users" not in caplog.text


def test_an_existing_wide_dir_is_kept_with_a_warning_and_its_files_tightened(
        tmp_path, open_umask, caplog):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    store = open_store(data)
    with store.write():
        store.db.execute("CREATE TABLE IF NOT EXISTS probe (x)")
    store.close()
    for name in os.listdir(data):           # as an older version left them
        os.chmod(data / name, 0o644)
    (data / "notes.txt").write_text("the user's own file")
    os.chmod(data / "notes.txt", 0o644)
    with caplog.at_level(logging.WARNING):
        store = open_store(data)
    store.close()
    assert _mode(data) == 0o755
    assert "readable by other users" in caplog.text and "chmod 700" in caplog.text
    assert _mode(data / "cognito.db") == 0o600
    for name in ("cognito.db-wal", "cognito.db-shm"):
        if (data / name).exists():
            assert _mode(data / name) == 0o600
    assert _mode(data / "notes.txt") == 0o644       # not cfn-cognito's: left alone
