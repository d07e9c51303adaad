"""What the local API Gateway keeps in the store: a generation number that changes whenever
any stack changes (migration 0012's triggers), a place in memory for the routing table built
from the stacks at that generation, and the Lambda authorizers' cached results."""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database


class GatewayStore:
    def __init__(self, db: Database):
        self.db = db
        # The gateway's routing table of this store: (generation, table), set by the gateway.
        self.memo: dict = {}

    def generation(self) -> int | None:
        """A value that differs after every change to any stack (None after a reset, until
        the next stack is written)."""
        row = self.db.one("SELECT value FROM gateway_generation WHERE id=1")
        return row[0] if row else None

    def authorizer_result(self, cache_key: str, now: float):
        """A Lambda authorizer's result kept under this key and not expired, or None."""
        row = self.db.one("SELECT result FROM authorizer_results WHERE cache_key=? AND "
                          "expires>?", (cache_key, now))
        return json.loads(row[0]) if row else None

    def keep_authorizer_result(self, cache_key: str, result, expires: float, now: float) -> None:
        """Keep a result until `expires`; expired ones go at the same time (the cache never
        outgrows what is live)."""
        with self.db.write():
            self.db.execute("DELETE FROM authorizer_results WHERE expires<=?", (now,))
            self.db.execute("INSERT INTO authorizer_results(cache_key, result, expires) "
                            "VALUES (?,?,?) ON CONFLICT(cache_key) DO UPDATE SET "
                            "result=excluded.result, expires=excluded.expires",
                            (cache_key, json.dumps(result), expires))
