"""What the local API Gateway keeps in the store: nothing but a generation number that changes
whenever any stack changes (migration 0012's triggers), and a place in memory for the routing
table built from the stacks at that generation."""

from __future__ import annotations

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
