"""The dev inbox: messages a user would have received, oldest first."""

from __future__ import annotations

from cfn_cognito.store.db import Database

_COLUMNS = ("id", "time", "pool_id", "username", "destination", "medium", "kind", "subject",
            "body", "code")


class Messages:
    def __init__(self, db: Database):
        self.db = db

    def add(self, *, time: float, pool_id: str, username: str, destination: str, medium: str,
            kind: str, subject: str, body: str, code: str) -> int:
        cur = self.db.execute(
            "INSERT INTO messages(time, pool_id, username, destination, medium, kind, subject, "
            "body, code) VALUES (?,?,?,?,?,?,?,?,?)",
            (time, pool_id, username, destination, medium, kind, subject, body, code))
        return cur.lastrowid

    def list(self, pool_id: str | None = None, username: str | None = None,
             kind: str | None = None) -> list[dict]:
        """Messages oldest first, optionally only those of one pool, user or kind."""
        where, params = [], []
        for column, value in (("pool_id", pool_id), ("username", username), ("kind", kind)):
            if value is not None:
                where.append(f"{column}=?")
                params.append(value)
        sql = f"SELECT {', '.join(_COLUMNS)} FROM messages"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.db.query(sql + " ORDER BY id", params)
        return [dict(zip(_COLUMNS, row)) for row in rows]
