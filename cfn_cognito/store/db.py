"""What every database engine of the store offers, and how one is chosen.

The table modules of the store write one SQL: SQLite's, restricted to what PostgreSQL also
understands once `dialect.py` has turned `?` into its placeholders (no `INSERT OR ...`, no
scalar `max(a, b)`, no `COLLATE NOCASE`). Each engine module (`sqlite_engine.py`,
`postgres_engine.py`) gives the same calls:

- `execute(sql, params)` -> an object with `rowcount`, `fetchone()`, `fetchall()`
- `query(sql, params)` -> every row; `one(sql, params)` -> the first row or None
- `executemany(sql, rows)`
- `write()` -> a transaction that holds the store's one write lock from its start, so a
  read-modify-write inside it cannot lose an update, across threads, processes and hosts
  (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level advisory lock). Nested uses join
  the outer transaction.
- `migrate()`, `tables()`, `close()`, `engine` ("sqlite" or "postgresql"), `describe()`

A plain `INSERT` that meets a unique key raises `IntegrityError` on both engines, and the
surrounding transaction goes on (PostgreSQL would abort it: see postgres_engine.py).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Protocol

DB_FILE = "cognito.db"


class Database(Protocol):
    """What the table modules use of an engine (see the module's docstring)."""

    engine: str

    def write(self): ...
    def execute(self, sql: str, params=()): ...
    def executemany(self, sql: str, rows) -> None: ...
    def query(self, sql: str, params=()) -> list[tuple]: ...
    def one(self, sql: str, params=()): ...
    def migrate(self) -> None: ...
    def tables(self) -> list[str]: ...
    def describe(self) -> str: ...
    def close(self) -> None: ...


class IntegrityError(Exception):
    """A unique key (or another constraint) refused a write."""


class DatabaseUnavailable(Exception):
    """The database named by --database-url cannot be reached or used."""


def open_database(data_dir: str | Path, url: str = ""):
    """The engine for `url` (postgresql://...), or SQLite in `data_dir` without one."""
    if not url:
        from cfn_cognito.store.sqlite_engine import SqliteDatabase
        return SqliteDatabase(Path(data_dir) / DB_FILE)
    scheme = url.split(":", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        from cfn_cognito.store.postgres_engine import PostgresDatabase
        return PostgresDatabase(url)
    raise DatabaseUnavailable(f"unsupported database URL scheme {scheme!r}: "
                              "use postgresql://user:password@host:port/database")


# What can end a statement or keep it open: quotes, ';', and the words of a trigger's body.
_TOKEN = re.compile(r"\$\$|'|;|\b(?:BEGIN|END)\b", re.IGNORECASE)


class _Statements:
    """A migration's statements, split only when iterated: a store that is already
    migrated (every worker process opens one at start) never reads them."""

    def __init__(self, file, engine: str):
        self._file, self._engine, self._list = file, engine, None

    def __iter__(self):
        if self._list is None:
            self._list = list(_statements(_part_for(self._file.read_text(), self._engine)))
        return iter(self._list)


def migrations(engine: str) -> list[tuple[int, str, _Statements]]:
    """(version, file name, statements for `engine`) of every numbered migration, in order.

    One source of truth for both engines: each file is written for SQLite; PostgreSQL gets
    its statements through `dialect.postgres_ddl`. A line `-- engine: sqlite` or
    `-- engine: postgresql` starts a part for that engine only, `-- engine: all` ends it.
    """
    files = sorted((f for f in resources.files("cfn_cognito.store.migrations").iterdir()
                    if f.name.endswith(".sql")), key=lambda f: f.name)
    out = []
    for f in files:
        version = int(f.name.split("_", 1)[0])
        out.append((version, f.name, _Statements(f, engine)))
    return out


def _part_for(script: str, engine: str) -> str:
    keep, lines = True, []
    for line in script.splitlines():
        marker = line.strip()
        if marker.startswith("-- engine:"):
            wanted = marker.split(":", 1)[1].strip()
            keep = wanted in ("all", engine)
            continue
        if keep and not marker.startswith("--"):
            lines.append(line)
    return "\n".join(lines)


def _statements(code: str):
    """Statements split on ';' outside quotes: '...' strings, $$...$$ bodies (PostgreSQL
    functions) and BEGIN ... END blocks (SQLite triggers) are kept whole."""
    start = pos = depth = 0
    while (m := _TOKEN.search(code, pos)) is not None:
        token = m[0]
        pos = m.end()
        if token in ("'", "$$"):
            close = code.find(token, pos)
            pos = len(code) if close < 0 else close + len(token)
        elif token == ";":
            if depth == 0:
                if statement := code[start:m.start()].strip():
                    yield statement
                start = pos
        elif token.upper() == "BEGIN":
            depth += 1
        elif depth:
            depth -= 1
    if statement := code[start:].strip():
        yield statement
