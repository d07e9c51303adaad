"""The function registry: each function's configuration and where its code lies."""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database


def _dump(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"))


class Functions:
    def __init__(self, db: Database):
        self.db = db

    def get(self, name: str) -> tuple[dict, str] | None:
        """(configuration, code path) of the function, or None."""
        row = self.db.one("SELECT config, code_path FROM functions WHERE name=?", (name,))
        return (json.loads(row[0]), row[1]) if row else None

    def put(self, name: str, config: dict, code_path: str) -> None:
        """Add or replace a function (a replaced one keeps its place in the list)."""
        self.db.execute(
            "INSERT INTO functions(name, config, code_path) VALUES (?,?,?) ON CONFLICT(name) "
            "DO UPDATE SET config=excluded.config, code_path=excluded.code_path",
            (name, _dump(config), code_path))

    def delete(self, name: str) -> bool:
        return self.db.execute("DELETE FROM functions WHERE name=?", (name,)).rowcount > 0

    def all(self) -> list[dict]:
        """Every function's configuration, in registration order."""
        return [json.loads(c) for (c,) in self.db.query("SELECT config FROM functions ORDER BY seq")]

