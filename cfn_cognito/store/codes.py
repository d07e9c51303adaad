"""One-time codes (confirmation, password reset, attribute verification), stored hashed."""

from __future__ import annotations

from dataclasses import dataclass

from cfn_cognito.store.db import Database


@dataclass
class CodeRecord:
    code_hash: str
    attribute: str
    created: float
    expires: float
    attempts: int


class Codes:
    def __init__(self, db: Database):
        self.db = db

    def put(self, pool_id: str, sub: str, purpose: str, code_hash: str, attribute: str,
            created: float, expires: float) -> None:
        """Store the live code for (user, purpose), replacing any earlier one."""
        self.db.execute(
            "INSERT INTO codes(pool_id, sub, purpose, code_hash, attribute, created, expires, "
            "attempts) VALUES (?,?,?,?,?,?,?,0) ON CONFLICT(pool_id, sub, purpose) DO UPDATE SET "
            "code_hash=excluded.code_hash, attribute=excluded.attribute, "
            "created=excluded.created, expires=excluded.expires, attempts=0",
            (pool_id, sub, purpose, code_hash, attribute, created, expires))

    def get(self, pool_id: str, sub: str, purpose: str) -> CodeRecord | None:
        row = self.db.one(
            "SELECT code_hash, attribute, created, expires, attempts FROM codes "
            "WHERE pool_id=? AND sub=? AND purpose=?", (pool_id, sub, purpose))
        return CodeRecord(*row) if row else None

    def count_attempt(self, pool_id: str, sub: str, purpose: str) -> None:
        self.db.execute("UPDATE codes SET attempts=attempts+1 "
                        "WHERE pool_id=? AND sub=? AND purpose=?", (pool_id, sub, purpose))

    def delete(self, pool_id: str, sub: str, purpose: str) -> None:
        self.db.execute("DELETE FROM codes WHERE pool_id=? AND sub=? AND purpose=?",
                        (pool_id, sub, purpose))

    def delete_user(self, pool_id: str, sub: str) -> None:
        self.db.execute("DELETE FROM codes WHERE pool_id=? AND sub=?", (pool_id, sub))
