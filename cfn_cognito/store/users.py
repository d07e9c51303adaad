"""Users of a pool, with their searchable attribute index and sign-in aliases.

A user is one `users` row: the columns that are looked up or listed (username, sub, status,
enabled, dates, attributes) plus `doc`, a JSON object with everything else (password hash,
SRP verifier, ...); in a UserRecord both are joined in `doc` (attributes under
"Attributes"). Listings read no `doc` column: their records are `partial` and cannot be
saved. `user_index` holds one row per searchable attribute value so ListUsers
filters are index range scans; `aliases` holds the values a user can sign in with besides
the username, unique per pool so two users can never hold one alias.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from cfn_cognito.store.db import Database, IntegrityError

# Above every character SQLite and PostgreSQL (COLLATE "C") can hold: `key < prefix + PREFIX_END` bounds a prefix scan.
PREFIX_END = "\U0010ffff"

_LISTED = "pool_id, username, username_key, sub, status, enabled, created, modified, attributes"
_COLUMNS = _LISTED + ", doc"


@dataclass
class UserRecord:
    pool_id: str
    username: str
    username_key: str
    sub: str
    status: str
    enabled: bool
    created: float
    modified: float
    doc: dict = field(default_factory=dict)
    # Read by a listing, without the password material: for showing, never for saving.
    partial: bool = False


class UserExists(Exception):
    """Another user of the pool has this username (key)."""


class AliasTaken(Exception):
    """Another user of the pool holds this alias."""

    def __init__(self, name: str, owner_sub: str):
        super().__init__(name)
        self.name = name
        self.owner_sub = owner_sub


def _dump(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"))


def _record(row) -> UserRecord:
    pool_id, username, username_key, sub, status, enabled, created, modified, attrs = row[:9]
    partial = len(row) == 9
    doc = {} if partial else json.loads(row[9])
    doc["Attributes"] = json.loads(attrs)
    return UserRecord(pool_id, username, username_key, sub, status, bool(enabled), created,
                      modified, doc, partial)


def _split(user: UserRecord) -> tuple[str, str]:
    """(attributes JSON, doc JSON without the attributes) of a record to write."""
    if user.partial:
        raise ValueError("a partial user record (from a listing) cannot be written")
    rest = {k: v for k, v in user.doc.items() if k != "Attributes"}
    return _dump(user.doc.get("Attributes", [])), _dump(rest)


class Users:
    def __init__(self, db: Database):
        self.db = db

    # -- reading ---------------------------------------------------------------------------

    def count(self, pool_id: str) -> int:
        return self.db.one("SELECT COUNT(*) FROM users WHERE pool_id=?", (pool_id,))[0]

    def get(self, pool_id: str, username_key: str) -> UserRecord | None:
        row = self.db.one(f"SELECT {_COLUMNS} FROM users WHERE pool_id=? AND username_key=?",
                          (pool_id, username_key))
        return _record(row) if row else None

    def get_by_sub(self, pool_id: str, sub: str) -> UserRecord | None:
        row = self.db.one(f"SELECT {_COLUMNS} FROM users WHERE pool_id=? AND sub=?", (pool_id, sub))
        return _record(row) if row else None

    def by_subs(self, pool_id: str, subs: list[str]) -> list[UserRecord]:
        """The users with these subs, in the order given (unknown subs are skipped)."""
        found = {}
        for start in range(0, len(subs), 500):
            chunk = subs[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(
                    f"SELECT {_LISTED} FROM users WHERE pool_id=? AND sub IN ({marks})",
                    (pool_id, *chunk)):
                record = _record(row)
                found[record.sub] = record
        return [found[s] for s in subs if s in found]

    def page(self, pool_id: str, after_key: str, limit: int) -> tuple[list[UserRecord], str | None]:
        """Up to `limit` users in username-key order after `after_key`, and the key to go on
        from (None on the last page)."""
        rows = self.db.query(
            f"SELECT {_LISTED} FROM users WHERE pool_id=? AND username_key>? "
            "ORDER BY username_key LIMIT ?", (pool_id, after_key, limit + 1))
        records = [_record(r) for r in rows[:limit]]
        more = len(rows) > limit
        return records, (records[-1].username_key if more and records else None)

    def search(self, pool_id: str, name: str, value_key: str, prefix: bool,
               after: tuple[str, str] | None, limit: int
               ) -> tuple[list[UserRecord], tuple[str, str] | None]:
        """Users whose indexed `name` equals (or starts with) `value_key`, ordered by that
        value, after the position `after`; and the position to go on from (None when done)."""
        after_key, after_sub = after or (value_key, "")
        if prefix:
            where = "i.value_key >= ? AND i.value_key < ? AND (i.value_key, i.sub) > (?, ?)"
            params = (value_key, value_key + PREFIX_END, after_key, after_sub)
        else:
            where = "i.value_key = ? AND i.sub > ?"
            params = (value_key, after_sub)
        columns = ", ".join(f"u.{c.strip()}" for c in _LISTED.split(","))
        rows = self.db.query(
            f"SELECT i.value_key, {columns} FROM user_index i "
            "JOIN users u ON u.pool_id = i.pool_id AND u.sub = i.sub "
            f"WHERE i.pool_id=? AND i.name=? AND {where} "
            "ORDER BY i.value_key, i.sub LIMIT ?", (pool_id, name, *params, limit + 1))
        records = [_record(r[1:]) for r in rows[:limit]]
        more = len(rows) > limit
        position = (rows[limit - 1][0], records[-1].sub) if more and records else None
        return records, position

    # -- writing (callers hold a write transaction where several statements must agree) ---

    def insert(self, user: UserRecord, index: list[tuple[str, str]]) -> None:
        """Add a user and its index rows; UserExists when the username key is taken."""
        attrs, doc = _split(user)
        try:
            self.db.execute(
                f"INSERT INTO users({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (user.pool_id, user.username, user.username_key, user.sub, user.status,
                 int(user.enabled), user.created, user.modified, attrs, doc))
        except IntegrityError:
            raise UserExists(user.username_key) from None
        self._index(user, index)

    def save(self, user: UserRecord, index: list[tuple[str, str]]) -> None:
        """Write back a changed user (found by sub) and replace its index rows."""
        attrs, doc = _split(user)
        self.db.execute(
            "UPDATE users SET status=?, enabled=?, modified=?, attributes=?, doc=? "
            "WHERE pool_id=? AND sub=?",
            (user.status, int(user.enabled), user.modified, attrs, doc, user.pool_id, user.sub))
        self.db.execute("DELETE FROM user_index WHERE pool_id=? AND sub=?",
                        (user.pool_id, user.sub))
        self._index(user, index)

    def _index(self, user: UserRecord, index: list[tuple[str, str]]) -> None:
        self.db.executemany(
            "INSERT INTO user_index(pool_id, name, value_key, sub) VALUES (?,?,?,?) "
            "ON CONFLICT DO NOTHING",
            [(user.pool_id, name, value_key, user.sub) for name, value_key in index])

    def delete(self, pool_id: str, sub: str) -> None:
        """Remove a user and everything that points at it (index, aliases, groups, codes,
        devices, sessions, passkeys)."""
        for table in ("users", "user_index", "aliases", "memberships", "codes", "devices",
                      "user_sessions", "webauthn_credentials"):
            self.db.execute(f"DELETE FROM {table} WHERE pool_id=? AND sub=?", (pool_id, sub))

    def delete_pool(self, pool_id: str) -> None:
        for table in ("users", "user_index", "aliases", "memberships", "codes"):
            self.db.execute(f"DELETE FROM {table} WHERE pool_id=?", (pool_id,))

    # -- aliases ---------------------------------------------------------------------------

    def alias_owner(self, pool_id: str, name: str, value_key: str) -> str | None:
        row = self.db.one("SELECT sub FROM aliases WHERE pool_id=? AND name=? AND value_key=?",
                          (pool_id, name, value_key))
        return row[0] if row else None

    def find_alias(self, pool_id: str, names: list[str], value_key: str) -> str | None:
        """The sub holding `value_key` as any of the alias kinds `names`."""
        if not names:
            return None
        marks = ",".join("?" * len(names))
        row = self.db.one(
            f"SELECT sub FROM aliases WHERE pool_id=? AND value_key=? AND name IN ({marks})",
            (pool_id, value_key, *names))
        return row[0] if row else None

    def aliases_of(self, pool_id: str, sub: str) -> dict[str, str]:
        rows = self.db.query("SELECT name, value_key FROM aliases WHERE pool_id=? AND sub=?",
                             (pool_id, sub))
        return dict(rows)

    def add_alias(self, pool_id: str, name: str, value_key: str, sub: str) -> None:
        """Give `sub` this alias; AliasTaken when another user holds it."""
        try:
            self.db.execute("INSERT INTO aliases(pool_id, name, value_key, sub) VALUES (?,?,?,?)",
                            (pool_id, name, value_key, sub))
        except IntegrityError:
            raise AliasTaken(name, self.alias_owner(pool_id, name, value_key) or "") from None

    def remove_alias(self, pool_id: str, name: str, value_key: str) -> None:
        self.db.execute("DELETE FROM aliases WHERE pool_id=? AND name=? AND value_key=?",
                        (pool_id, name, value_key))
