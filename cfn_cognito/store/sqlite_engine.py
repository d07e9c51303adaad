"""SQLite in the data directory (the default engine): one file, one connection per thread.

WAL mode lets readers run beside the single writer, and several server processes can share
one data directory. `synchronous=NORMAL` in WAL mode keeps every committed transaction across
a kill -9 of the process (the WAL is written before COMMIT returns); only a power cut can
lose the last transactions, which a local development service accepts for speed.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path

from cfn_cognito.store.db import IntegrityError, migrations

LOG = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
# How long a thread queues for this process's writer lock before it leaves the wait to
# SQLite's own (as it did before the lock existed): never a new way to hang.
WRITER_WAIT_SECONDS = 5.0
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")


class SqliteDatabase:
    engine = "sqlite"

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # One writer at a time within this process, queued on a lock. SQLite's own wait for
        # its write lock sleeps 1, 2, 5, 10... ms between tries: with 8 request threads
        # writing, a 1 ms sign-in had a 100 ms p99. Other processes sharing the file still
        # meet SQLite's wait, from one thread of each at most.
        self._writer = threading.Lock()

    def describe(self) -> str:
        return f"SQLite {self.path}"

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        with self._lock:
            self._all.append(conn)
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
            self._local.depth = 0
        return conn

    @contextmanager
    def write(self):
        """A transaction that holds the write lock from its start (BEGIN IMMEDIATE)."""
        conn = self.conn
        if self._local.depth:
            self._local.depth += 1
            try:
                yield conn
            finally:
                self._local.depth -= 1
            return
        with self._writer_turn():
            conn.execute("BEGIN IMMEDIATE")
            self._local.depth = 1
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._local.depth = 0

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self._run(sql, params, fetch=False)

    def _run(self, sql: str, params, *, fetch: bool):
        conn = self.conn
        # A statement outside any transaction that writes is a transaction of its own.
        writes = not self._local.depth and sql.lstrip()[:6].upper().startswith(_WRITES)
        try:
            with self._writer_turn() if writes else nullcontext():
                cursor = conn.execute(sql, params)
                # A write with RETURNING holds SQLite's lock until it is read to the end.
                return cursor.fetchall() if fetch else cursor
        except sqlite3.IntegrityError as err:
            raise IntegrityError(str(err)) from None

    def executemany(self, sql: str, rows) -> None:
        conn = self.conn
        try:
            with nullcontext() if self._local.depth else self._writer_turn():
                conn.executemany(sql, rows)
        except sqlite3.IntegrityError as err:
            raise IntegrityError(str(err)) from None

    @contextmanager
    def _writer_turn(self):
        """This process's one writer: queued for, up to WRITER_WAIT_SECONDS."""
        queued = self._writer.acquire(timeout=WRITER_WAIT_SECONDS)
        try:
            yield
        finally:
            if queued:
                self._writer.release()

    def query(self, sql: str, params=()) -> list[tuple]:
        return self._run(sql, params, fetch=True)

    def one(self, sql: str, params=()):
        # Every row is read: a statement left unfinished (a DELETE ... RETURNING read with
        # fetchone) would hold SQLite's write lock until the cursor is collected.
        rows = self._run(sql, params, fetch=True)
        return rows[0] if rows else None

    def migrate(self) -> None:
        """Apply the numbered migrations not applied yet, in order, in one transaction
        (BEGIN IMMEDIATE: processes starting together apply each one once; a store is
        never left half-way between two versions)."""
        conn = self.conn
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")
        # Read once without the write lock: every worker process opens the store at start,
        # and a store already migrated needs nothing else.
        done = {row[0] for row in self.query("SELECT version FROM schema_migrations")}
        pending = [m for m in migrations(self.engine) if m[0] not in done]
        if not pending:
            return
        with self.write():
            done = {row[0] for row in self.query("SELECT version FROM schema_migrations")}
            for version, name, statements in pending:
                if version in done:
                    continue
                LOG.debug("applying migration %s", name)
                for statement in statements:
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations(version) VALUES (?)", (version,))

    def tables(self) -> list[str]:
        rows = self.query("SELECT name FROM sqlite_master WHERE type='table' "
                          "AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'")
        return [r[0] for r in rows]

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._all.clear()
        self._local = threading.local()
