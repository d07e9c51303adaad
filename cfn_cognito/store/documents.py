"""A table of JSON documents keyed by (scope, key), listed in insertion order.

Pools, clients, domains, groups and resource servers are each stored whole, as the AWS shape
the API returns, in a table of this form:
`(seq INTEGER PRIMARY KEY, scope TEXT, key TEXT, doc TEXT, UNIQUE(scope, key))`.
`scope` is the owning pool id ('' for pools themselves); `key` is the resource's own id.
"""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database, IntegrityError


def _dump(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"))


class Documents:
    def __init__(self, db: Database, table: str):
        self.db = db
        self.table = table

    def get(self, scope: str, key: str) -> dict | None:
        row = self.db.one(f"SELECT doc FROM {self.table} WHERE scope=? AND key=?", (scope, key))
        return json.loads(row[0]) if row else None

    def exists(self, scope: str, key: str) -> bool:
        """Whether the document is there, without reading it (a large pool costs a parse)."""
        return self.db.one(f"SELECT 1 FROM {self.table} WHERE scope=? AND key=?",
                           (scope, key)) is not None

    def find(self, key: str) -> tuple[str, dict] | None:
        """The (scope, doc) of the document with this key in any scope."""
        row = self.db.one(f"SELECT scope, doc FROM {self.table} WHERE key=?", (key,))
        return (row[0], json.loads(row[1])) if row else None

    def insert(self, scope: str, key: str, doc: dict) -> bool:
        """Add a document; False when (scope, key) already exists."""
        try:
            self.db.execute(f"INSERT INTO {self.table}(scope, key, doc) VALUES (?,?,?)",
                            (scope, key, _dump(doc)))
        except IntegrityError:
            return False
        return True

    def replace(self, scope: str, key: str, doc: dict) -> bool:
        """Overwrite an existing document in place (its list position is kept)."""
        cur = self.db.execute(f"UPDATE {self.table} SET doc=? WHERE scope=? AND key=?",
                              (_dump(doc), scope, key))
        return cur.rowcount > 0

    def delete(self, scope: str, key: str) -> bool:
        cur = self.db.execute(f"DELETE FROM {self.table} WHERE scope=? AND key=?", (scope, key))
        return cur.rowcount > 0

    def delete_scope(self, scope: str) -> int:
        return self.db.execute(f"DELETE FROM {self.table} WHERE scope=?", (scope,)).rowcount

    def page(self, scope: str, after: int, limit: int) -> tuple[list[dict], int | None]:
        """Up to `limit` documents after position `after`, and the position to continue from."""
        rows = self.db.query(
            f"SELECT seq, doc FROM {self.table} WHERE scope=? AND seq>? ORDER BY seq LIMIT ?",
            (scope, after, limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        next_after = rows[-1][0] if more and rows else None
        return [json.loads(doc) for _, doc in rows], next_after

    def all(self, scope: str) -> list[dict]:
        rows = self.db.query(f"SELECT doc FROM {self.table} WHERE scope=? ORDER BY seq", (scope,))
        return [json.loads(doc) for (doc,) in rows]

    def count(self, scope: str) -> int:
        return self.db.one(f"SELECT COUNT(*) FROM {self.table} WHERE scope=?", (scope,))[0]
