"""Devices of users (device tracking): one row per device key, listed in creation order."""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database


class Devices:
    def __init__(self, db: Database):
        self.db = db

    def add(self, pool_id: str, sub: str, device_key: str, doc: dict) -> None:
        with self.db.write():
            seq = self.db.one("SELECT COALESCE(MAX(seq), 0) + 1 FROM devices WHERE pool_id=?",
                              (pool_id,))[0]
            self.db.execute("INSERT INTO devices(pool_id, sub, device_key, seq, doc) "
                            "VALUES (?,?,?,?,?)", (pool_id, sub, device_key, seq, json.dumps(doc)))

    def get(self, pool_id: str, device_key: str) -> tuple[str, dict] | None:
        """(owner's sub, document) of a device."""
        row = self.db.one("SELECT sub, doc FROM devices WHERE pool_id=? AND device_key=?",
                          (pool_id, device_key))
        return None if row is None else (row[0], json.loads(row[1]))

    def save(self, pool_id: str, device_key: str, doc: dict) -> bool:
        return self.db.execute("UPDATE devices SET doc=? WHERE pool_id=? AND device_key=?",
                               (json.dumps(doc), pool_id, device_key)).rowcount > 0

    def delete(self, pool_id: str, device_key: str) -> bool:
        return self.db.execute("DELETE FROM devices WHERE pool_id=? AND device_key=?",
                               (pool_id, device_key)).rowcount > 0

    def page(self, pool_id: str, sub: str, after: int, limit: int) -> tuple[list[dict], int | None]:
        """A user's devices after position `after`, and the position to go on from (None at
        the end)."""
        rows = self.db.query("SELECT seq, doc FROM devices WHERE pool_id=? AND sub=? AND seq>? "
                             "ORDER BY seq LIMIT ?", (pool_id, sub, after, limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        return [json.loads(doc) for _, doc in rows], (rows[-1][0] if more else None)

    def delete_user(self, pool_id: str, sub: str) -> None:
        self.db.execute("DELETE FROM devices WHERE pool_id=? AND sub=?", (pool_id, sub))

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM devices WHERE pool_id=?", (pool_id,))
