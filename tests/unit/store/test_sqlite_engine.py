"""SQLite: a store left at an older version catches up at start, and this process's writer
queue never becomes a new way to hang."""

import threading
import time

from cfn_cognito.store import open_store, sqlite_engine
from cfn_cognito.store.db import migrations
from cfn_cognito.store.sqlite_engine import SqliteDatabase


def test_a_store_of_an_older_version_gets_the_missing_migrations_and_keeps_its_data(tmp_path):
    every = migrations("sqlite")
    old = SqliteDatabase(tmp_path / "cognito.db")
    old.conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)")
    for version, _, statements in every[:5]:   # as a release of five migrations left it
        for statement in statements:
            old.conn.execute(statement)
        old.conn.execute("INSERT INTO schema_migrations(version) VALUES (?)", (version,))
    old.close()
    store = open_store(tmp_path)
    store.pools.insert("", "us-east-1_kept", {"Id": "us-east-1_kept"})
    store.close()

    again = open_store(tmp_path)       # a second start finds nothing to do
    applied = [r[0] for r in again.db.query("SELECT version FROM schema_migrations ORDER BY 1")]
    assert applied == [version for version, _, _ in every]
    assert again.pools.get("", "us-east-1_kept") == {"Id": "us-east-1_kept"}
    again.close()


def test_a_writer_queued_too_long_goes_on_to_sqlites_own_wait(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_engine, "WRITER_WAIT_SECONDS", 0.2)
    store = open_store(tmp_path)
    store.db._writer.acquire()       # a writer of this process that never lets go
    try:
        done = threading.Event()
        writer = threading.Thread(target=lambda: (
            store.pools.insert("", "us-east-1_late", {"Id": "us-east-1_late"}), done.set()))
        started = time.monotonic()
        writer.start()
        assert done.wait(10), "the write hung behind the process's writer lock"
        assert time.monotonic() - started >= 0.2
    finally:
        store.db._writer.release()
    assert store.pools.get("", "us-east-1_late") == {"Id": "us-east-1_late"}
    store.close()
