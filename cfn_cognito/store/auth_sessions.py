"""Challenge sessions (single-use) and failed sign-in counters of the auth flows."""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database


class AuthSessions:
    def __init__(self, db: Database):
        self.db = db

    def add(self, session_id: str, secret_block: str | None, pool_id: str, client_id: str,
            username: str, challenge: str, state: dict, expires: float, now: float) -> None:
        with self.db.write():
            # Expired sessions are useless; sweeping them here keeps the table small.
            self.db.execute("DELETE FROM auth_sessions WHERE expires < ?", (now - 3600,))
            self.db.execute(
                "INSERT INTO auth_sessions(id, secret_block, pool_id, client_id, username, "
                "challenge, state, expires) VALUES (?,?,?,?,?,?,?,?)",
                (session_id, secret_block, pool_id, client_id, username, challenge,
                 json.dumps(state), expires))

    def get(self, session_id: str | None = None, secret_block: str | None = None) -> dict | None:
        column, value = ("id", session_id) if session_id else ("secret_block", secret_block)
        row = self.db.one(
            f"SELECT id, pool_id, client_id, username, challenge, state, expires, used "
            f"FROM auth_sessions WHERE {column}=?", (value,))
        if row is None:
            return None
        keys = ("id", "pool_id", "client_id", "username", "challenge", "state", "expires", "used")
        record = dict(zip(keys, row))
        record["state"] = json.loads(record["state"])
        return record

    def mark_used(self, session_id: str) -> bool:
        """True for the one caller that uses the session; False when it was used already."""
        cur = self.db.execute("UPDATE auth_sessions SET used=1 WHERE id=? AND used=0", (session_id,))
        return cur.rowcount == 1

    def failures(self, pool_id: str, sub: str) -> tuple[int, float, float]:
        row = self.db.one("SELECT failures, last_failure, locked_until FROM auth_failures "
                          "WHERE pool_id=? AND sub=?", (pool_id, sub))
        return tuple(row) if row else (0, 0.0, 0.0)

    def set_failures(self, pool_id: str, sub: str, failures: int, last: float, locked_until: float):
        self.db.execute(
            "INSERT INTO auth_failures(pool_id, sub, failures, last_failure, locked_until) "
            "VALUES (?,?,?,?,?) ON CONFLICT(pool_id, sub) DO UPDATE SET failures=excluded.failures, "
            "last_failure=excluded.last_failure, locked_until=excluded.locked_until",
            (pool_id, sub, failures, last, locked_until))

    def clear_failures(self, pool_id: str, sub: str) -> None:
        # Read first: nearly every sign-in has nothing to clear, and a read takes no write
        # lock (which every worker process and instance would queue for).
        if self.db.one("SELECT 1 FROM auth_failures WHERE pool_id=? AND sub=?", (pool_id, sub)):
            self.db.execute("DELETE FROM auth_failures WHERE pool_id=? AND sub=?", (pool_id, sub))

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM auth_sessions WHERE pool_id=?", (pool_id,))
        self.db.execute("DELETE FROM auth_failures WHERE pool_id=?", (pool_id,))
