"""Group memberships: which users (by sub) belong to which group of a pool."""

from __future__ import annotations

from cfn_cognito.store.db import Database


# LIMIT -1 means "no limit" to SQLite only; this bound is one both engines take.
ALL = 2**62


class Memberships:
    def __init__(self, db: Database):
        self.db = db

    def add(self, pool_id: str, group: str, sub: str) -> None:
        self.db.execute("INSERT INTO memberships(pool_id, group_name, sub) VALUES (?,?,?) "
                        "ON CONFLICT DO NOTHING",
                        (pool_id, group, sub))

    def remove(self, pool_id: str, group: str, sub: str) -> None:
        self.db.execute("DELETE FROM memberships WHERE pool_id=? AND group_name=? AND sub=?",
                        (pool_id, group, sub))

    def remove_group(self, pool_id: str, group: str) -> None:
        self.db.execute("DELETE FROM memberships WHERE pool_id=? AND group_name=?", (pool_id, group))

    def remove_user(self, pool_id: str, sub: str) -> None:
        self.db.execute("DELETE FROM memberships WHERE pool_id=? AND sub=?", (pool_id, sub))

    def groups_of(self, pool_id: str, sub: str, after: str = "", limit: int = -1) -> list[str]:
        """The user's group names in name order, after `after` (limit -1: all)."""
        limit = ALL if limit < 0 else limit
        rows = self.db.query(
            "SELECT group_name FROM memberships WHERE pool_id=? AND sub=? AND group_name>? "
            "ORDER BY group_name LIMIT ?", (pool_id, sub, after, limit))
        return [r[0] for r in rows]

    def subs_in(self, pool_id: str, group: str, after: str, limit: int) -> list[str]:
        rows = self.db.query(
            "SELECT sub FROM memberships WHERE pool_id=? AND group_name=? AND sub>? "
            "ORDER BY sub LIMIT ?", (pool_id, group, after, limit))
        return [r[0] for r in rows]
