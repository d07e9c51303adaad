"""The function registry: each function's configuration, where its code lies in a data
directory, and the code itself (the zip of each revision, so that every instance sharing the
database can run it)."""

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

    def put(self, name: str, config: dict, code_path: str, code_zip: bytes) -> None:
        """Add or replace a function (a replaced one keeps its place in the list) with the
        code of its revision (config's RevisionId); the revisions it replaces are dropped."""
        with self.db.write():
            self.db.execute(
                "INSERT INTO functions(name, config, code_path) VALUES (?,?,?) ON CONFLICT(name) "
                "DO UPDATE SET config=excluded.config, code_path=excluded.code_path",
                (name, _dump(config), code_path))
            self.db.execute("DELETE FROM function_code WHERE name=?", (name,))
            self.db.execute("INSERT INTO function_code(revision, name, zip) VALUES (?,?,?)",
                            (config["RevisionId"], name, code_zip))

    def code(self, revision: str) -> bytes | None:
        """The zip of a revision's code (None for functions registered before it was kept
        in the database: their code is only in the data directory)."""
        row = self.db.one("SELECT zip FROM function_code WHERE revision=?", (revision,))
        return bytes(row[0]) if row else None

    def delete(self, name: str) -> bool:
        with self.db.write():
            self.db.execute("DELETE FROM function_code WHERE name=?", (name,))
            return self.db.execute("DELETE FROM functions WHERE name=?", (name,)).rowcount > 0

    def all(self) -> list[dict]:
        """Every function's configuration, in registration order."""
        return [json.loads(c) for (c,) in self.db.query("SELECT config FROM functions ORDER BY seq")]

