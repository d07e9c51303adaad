"""The dev inbox: messages a user would have received, oldest first."""

from __future__ import annotations

from cfn_cognito.store.db import Database

_COLUMNS = ("id", "time", "pool_id", "username", "destination", "medium", "kind", "subject",
            "body", "code")


def _where(pool_id: str | None, username: str | None, kind: str | None,
           destination: str | None, since: float | None,
           users: list[tuple[str, str]] = ()) -> tuple[str, list]:
    """The WHERE clause (with its leading space, or empty) and parameters of a selection.
    `users` are (pool id, username) pairs also taken as `username` (an alias's owner)."""
    clauses, params = [], []
    for column, value in (("pool_id", pool_id), ("kind", kind)):
        if value is not None:
            clauses.append(f"{column}=?")
            params.append(value)
    if username is not None:
        either = ["username=?", *["(pool_id=? AND username=?)"] * len(users)]
        clauses.append("(" + " OR ".join(either) + ")")
        params += [username, *[part for pair in users for part in pair]]
    if destination is not None:
        # Addresses compare as people type them: Ada@Example.com is ada@example.com.
        clauses.append("lower(destination)=lower(?)")
        params.append(destination)
    if since is not None:
        clauses.append("time>=?")
        params.append(since)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class Messages:
    def __init__(self, db: Database):
        self.db = db

    def add(self, *, time: float, pool_id: str, username: str, destination: str, medium: str,
            kind: str, subject: str, body: str, code: str) -> int:
        return self.db.one(
            "INSERT INTO messages(time, pool_id, username, destination, medium, kind, subject, "
            "body, code) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
            (time, pool_id, username, destination, medium, kind, subject, body, code))[0]

    def list(self, pool_id: str | None = None, username: str | None = None,
             kind: str | None = None, destination: str | None = None,
             since: float | None = None, limit: int | None = None,
             users: list[tuple[str, str]] = ()) -> list[dict]:
        """Messages oldest first, optionally only those of one pool, user, kind or address,
        or sent at or after `since` (epoch seconds); with `limit`, only the newest ones."""
        where, params = _where(pool_id, username, kind, destination, since, users)
        sql = f"SELECT {', '.join(_COLUMNS)} FROM messages{where} ORDER BY id"
        if limit is not None:
            sql = f"SELECT * FROM ({sql} DESC LIMIT ?) AS newest ORDER BY id"
            params.append(limit)
        return [dict(zip(_COLUMNS, row)) for row in self.db.query(sql, params)]

    def delete(self, pool_id: str | None = None, username: str | None = None,
               kind: str | None = None, destination: str | None = None,
               since: float | None = None, users: list[tuple[str, str]] = ()) -> int:
        """Remove the messages selected as `list` selects them (all by default); how many."""
        where, params = _where(pool_id, username, kind, destination, since, users)
        return self.db.execute(f"DELETE FROM messages{where}", params).rowcount
