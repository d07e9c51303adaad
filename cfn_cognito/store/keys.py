"""Signing keys of the pools: PEM private keys, two per pool (one per token use)."""

from __future__ import annotations

from cfn_cognito.store.db import Database


class SigningKeys:
    def __init__(self, db: Database):
        self.db = db
        # Parsed keys by pool id, filled by idp/issuer/keys.py. Keys never change once stored, so the
        # memo only has to forget a pool when its keys are deleted (delete_pool, reset).
        self.memo: dict[str, object] = {}

    def get(self, pool_id: str) -> list[tuple[str, str, str]]:
        """The pool's keys as (use, kid, private PEM), ordered by use."""
        return self.db.query("SELECT use, kid, private_pem FROM signing_keys WHERE pool_id=? "
                             "ORDER BY use", (pool_id,))

    def add_missing(self, pool_id: str, keys: list[tuple[str, str, str]], created: float) -> None:
        """Store (use, kid, private PEM) rows; a use that already has a key keeps it, so
        racing creators all end up with the first one's keys (read them back with get)."""
        with self.db.write():
            for use, kid, pem in keys:
                self.db.execute("INSERT INTO signing_keys(pool_id, use, kid, private_pem, "
                                "created) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                                (pool_id, use, kid, pem, created))

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM signing_keys WHERE pool_id=?", (pool_id,))
        self.memo.pop(pool_id, None)

    def forget_all(self) -> None:
        self.memo.clear()
