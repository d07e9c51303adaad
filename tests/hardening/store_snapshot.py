"""What a running server has stored, read from its SQLite file beside it (read-only, WAL lets
a reader in while the server writes), to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

DB_FILE = "cognito.db"

# Tables a refused request may change, as on AWS: a wrong password or code is counted
# (lockout, code attempts) and recorded (the user's auth events); a sign-in challenge
# session may be used up; keys and secrets are made on first need, whatever the answer.
COUNTS_REFUSALS = frozenset({"auth_failures", "auth_events", "codes", "auth_sessions",
                             "signing_keys", "identity_signing_keys", "oauth_secrets"})


def connect(data_dir: str) -> sqlite3.Connection:
    path = Path(data_dir) / DB_FILE
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30,
                           check_same_thread=False)


def tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                        "AND name NOT LIKE 'sqlite_%'").fetchall()
    return sorted(r[0] for r in rows)


def snapshot(conn: sqlite3.Connection, skip=COUNTS_REFUSALS) -> dict[str, str]:
    """Table -> digest of its rows, for every table but `skip`."""
    digests = {}
    conn.execute("BEGIN")
    try:
        for table in tables(conn):
            if table in skip:
                continue
            h = hashlib.sha256()
            # Sorted here: some tables are WITHOUT ROWID, and row order is no state.
            for row in sorted(repr(r) for r in conn.execute(f"SELECT * FROM {table}")):
                h.update(row.encode("utf-8", "surrogatepass"))
            digests[table] = h.hexdigest()
    finally:
        conn.execute("ROLLBACK")
    return digests


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))


def integrity(data_dir: str) -> str:
    """SQLite's own verdict on the file: 'ok' when it is sound."""
    conn = connect(data_dir)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


class Watcher:
    """Snapshots that cost nothing while nobody writes: SQLite's data_version moves only when
    another connection (the server) commits, so an unchanged version is an unchanged store."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.version = None
        self.digests: dict[str, str] = {}

    def current(self) -> dict[str, str]:
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self.version:
            self.digests = snapshot(self.conn)
            self.version = version
        return self.digests
