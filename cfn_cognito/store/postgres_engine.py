"""PostgreSQL, shared by several instances (`--database-url postgresql://...`).

psycopg 3 with its connection pool: a statement outside a transaction borrows a connection
for itself (autocommit); `write()` keeps one for the whole transaction. The store's write
lock is a transaction-level advisory lock, so `write()` means on PostgreSQL what BEGIN
IMMEDIATE means on SQLite: one writing transaction at a time across every instance, readers
never blocked. Migrations run under a session-level advisory lock: instances starting
together apply each migration once.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

import psycopg
from psycopg.adapt import Dumper
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from cfn_cognito.store.db import DatabaseUnavailable, IntegrityError, migrations
from cfn_cognito.store.dialect import postgres_ddl, postgres_sql

LOG = logging.getLogger(__name__)

# Advisory lock keys (any bigint, the same in every instance): "cfncog" + 'W' / 'M'.
WRITE_LOCK = 0x63666E636F6757
MIGRATE_LOCK = 0x63666E636F674D
CONNECT_TIMEOUT = 15.0
# Connections per instance: the request threads plus the background ones (stack work,
# import jobs, the stack keeper); a request waits for a free one rather than failing.
DEFAULT_POOL_SIZE = 24


class _BoolAsInteger(Dumper):
    """True/False into the BIGINT flag columns (SQLite's 1/0)."""

    oid = psycopg.postgres.types["int8"].oid

    def dump(self, obj):
        return b"1" if obj else b"0"


def _configure(conn: psycopg.Connection) -> None:
    conn.adapters.register_dumper(bool, _BoolAsInteger)


class _Result:
    """What a statement gave: its rows (read at once, the connection goes back to the pool)."""

    def __init__(self, rows: list, rowcount: int):
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list:
        return self._rows


def _begin_writing(conn: psycopg.Connection) -> None:
    """BEGIN, then the store's write lock (held to the transaction's end)."""
    conn.execute("BEGIN")
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))


class PostgresDatabase:
    engine = "postgresql"

    def __init__(self, url: str, pool_size: int = DEFAULT_POOL_SIZE):
        try:
            info = conninfo_to_dict(url)
        except psycopg.ProgrammingError as err:
            raise DatabaseUnavailable(f"bad database URL: {err}") from None
        self._where = (f"PostgreSQL {info.get('host', 'localhost')}:{info.get('port', 5432)}"
                       f"/{info.get('dbname', '')}")
        self._local = threading.local()
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False,
                                   kwargs={"autocommit": True}, configure=_configure,
                                   name="cfn-cognito", timeout=60.0)
        try:
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except PoolTimeout:
            self.pool.close()
            raise DatabaseUnavailable(f"cannot connect to {self._where} within "
                                      f"{CONNECT_TIMEOUT:.0f}s") from None

    def describe(self) -> str:
        return self._where

    def _live_connection(self, first):
        """A pooled connection on which `first(conn)` succeeded, with what it returned; the
        caller gives the connection back (pool.putconn). A PostgreSQL restart leaves every
        idle pooled connection dead, which shows only at its next statement: such a
        connection is replaced and `first` tried once more (it never ran), and the pool's
        other idle connections are checked, rather than failing one request per connection."""
        for attempt in (1, 2):
            conn = self.pool.getconn()
            try:
                return conn, first(conn)
            except psycopg.OperationalError:
                self.pool.putconn(conn)
                if attempt == 2 or not conn.broken:
                    raise
                LOG.warning("%s dropped a pooled connection; reconnecting", self._where)
                self.pool.check()
            except BaseException:
                self.pool.putconn(conn)
                raise

    def _with_connection(self, use):
        """`use(conn)` on the write transaction's connection, else on a pooled one; a broken
        constraint is the store's IntegrityError."""
        try:
            conn = getattr(self._local, "conn", None)
            if conn is not None:
                return use(conn)
            conn, result = self._live_connection(use)
        except psycopg.errors.IntegrityError as err:
            raise IntegrityError(str(err)) from None
        self.pool.putconn(conn)
        return result

    @contextmanager
    def write(self):
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield self._local.conn
            finally:
                self._local.depth = depth
            return
        conn, _ = self._live_connection(_begin_writing)
        self._local.conn, self._local.depth = conn, 1
        try:
            yield conn
        except BaseException:
            if not conn.broken:
                try:
                    conn.execute("ROLLBACK")
                except psycopg.Error:
                    pass  # the pool discards a connection it cannot reset
            raise
        else:
            conn.execute("COMMIT")
        finally:
            self._local.conn, self._local.depth = None, 0
            self.pool.putconn(conn)

    def execute(self, sql: str, params=()) -> _Result:
        text, strict = postgres_sql(sql)
        params = tuple(params)

        def run(conn):
            cur = conn.execute(text, params)
            return _Result(cur.fetchall() if cur.description else [], cur.rowcount)

        result = self._with_connection(run)
        if strict and result.rowcount == 0:
            raise IntegrityError("duplicate key")
        return result

    def executemany(self, sql: str, rows) -> None:
        text, _ = postgres_sql(sql)
        rows = [tuple(r) for r in rows]
        if not rows:
            return

        def run(conn):
            with conn.cursor() as cur:
                cur.executemany(text, rows)

        self._with_connection(run)

    def query(self, sql: str, params=()) -> list[tuple]:
        return self.execute(sql, params).fetchall()

    def one(self, sql: str, params=()):
        return self.execute(sql, params).fetchone()

    def migrate(self) -> None:
        with self.pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                             "(version BIGINT PRIMARY KEY)")
                done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
                for version, name, statements in migrations(self.engine):
                    if version in done:
                        continue
                    LOG.info("applying migration %s", name)
                    with conn.transaction():
                        for statement in statements:
                            conn.execute(postgres_ddl(statement))
                        conn.execute("INSERT INTO schema_migrations(version) VALUES (%s)",
                                     (version,))
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))

    def tables(self) -> list[str]:
        rows = self.query("SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                          "AND table_name != 'schema_migrations' ORDER BY table_name")
        return [r[0] for r in rows]

    def close(self) -> None:
        self.pool.close()
