"""Users of a pool, with their searchable attribute index and verified aliases."""

from __future__ import annotations

import json
import sqlite3

from cfn_cognito.store.db import Database


def _dump(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"))


class Users:
    def __init__(self, db: Database):
        self.db = db

    def count(self, pool_id: str) -> int:
        return self.db.one("SELECT COUNT(*) FROM users WHERE pool_id=?", (pool_id,))[0]

    def delete_pool(self, pool_id: str) -> None:
        for table in ("users", "user_index", "aliases", "memberships"):
            self.db.execute(f"DELETE FROM {table} WHERE pool_id=?", (pool_id,))
