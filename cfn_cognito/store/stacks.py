"""CloudFormation stacks: one JSON document per stack, its events, and the exports between
stacks (with who imports them, so an export in use cannot be removed)."""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database

DELETED = "DELETE_COMPLETE"


def _dump(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"))


class Stacks:
    def __init__(self, db: Database):
        self.db = db

    def latest(self, name: str) -> dict | None:
        """The newest stack of this name, deleted or not."""
        row = self.db.one("SELECT doc FROM stacks WHERE name=? ORDER BY seq DESC LIMIT 1", (name,))
        return json.loads(row[0]) if row else None

    def get(self, stack_id: str) -> dict | None:
        row = self.db.one("SELECT doc FROM stacks WHERE stack_id=?", (stack_id,))
        return json.loads(row[0]) if row else None

    def live(self) -> list[dict]:
        """Every stack not deleted, oldest first."""
        rows = self.db.query("SELECT doc FROM stacks WHERE status!=? ORDER BY seq", (DELETED,))
        return [json.loads(doc) for (doc,) in rows]

    def every(self) -> list[dict]:
        """Every stack kept, deleted ones included (the newest of each name), oldest first."""
        return [json.loads(doc) for (doc,) in self.db.query("SELECT doc FROM stacks ORDER BY seq")]

    def put(self, doc: dict) -> None:
        """Insert or overwrite a stack (keyed by its StackId); an older deleted stack of the
        same name is dropped with its events when a new one takes the name."""
        stack_id, name = doc["StackId"], doc["StackName"]
        cur = self.db.execute("UPDATE stacks SET status=?, doc=? WHERE stack_id=?",
                              (doc["StackStatus"], _dump(doc), stack_id))
        if cur.rowcount:
            return
        for (old,) in self.db.query("SELECT stack_id FROM stacks WHERE name=? AND status=?",
                                    (name, DELETED)):
            self.db.execute("DELETE FROM stack_events WHERE stack_id=?", (old,))
            self.db.execute("DELETE FROM stacks WHERE stack_id=?", (old,))
        self.db.execute("INSERT INTO stacks(stack_id, name, status, doc) VALUES (?,?,?,?)",
                        (stack_id, name, doc["StackStatus"], _dump(doc)))

    def remove(self, stack_id: str) -> None:
        """Forget a stack and its events entirely."""
        self.db.execute("DELETE FROM stack_events WHERE stack_id=?", (stack_id,))
        self.db.execute("DELETE FROM stacks WHERE stack_id=?", (stack_id,))
        self.db.execute("DELETE FROM stack_imports WHERE stack_id=?", (stack_id,))
        self.db.execute("DELETE FROM stack_exports WHERE stack_id=?", (stack_id,))

    def in_progress(self) -> list[dict]:
        rows = self.db.query("SELECT doc FROM stacks WHERE status LIKE '%IN_PROGRESS'")
        return [json.loads(doc) for (doc,) in rows]

    # Events -------------------------------------------------------------------------------

    def add_event(self, stack_id: str, event: dict) -> int:
        cur = self.db.execute("INSERT INTO stack_events(stack_id, doc) VALUES (?,?)",
                              (stack_id, _dump(event)))
        return cur.lastrowid

    def events(self, stack_id: str, after: int = 0) -> list[tuple[int, dict]]:
        """(position, event) of the stack's events after `after`, oldest first."""
        rows = self.db.query("SELECT seq, doc FROM stack_events WHERE stack_id=? AND seq>? "
                             "ORDER BY seq", (stack_id, after))
        return [(seq, json.loads(doc)) for seq, doc in rows]

    # Exports and imports -----------------------------------------------------------------

    def export_value(self, name: str) -> tuple[str, str] | None:
        """(exporting stack id, value) of an export."""
        row = self.db.one("SELECT stack_id, value FROM stack_exports WHERE name=?", (name,))
        return (row[0], row[1]) if row else None

    def exports(self) -> list[tuple[str, str, str]]:
        """Every export as (name, exporting stack id, value), by name."""
        return [tuple(r) for r in self.db.query(
            "SELECT name, stack_id, value FROM stack_exports ORDER BY name")]

    def set_exports(self, stack_id: str, exports: dict[str, str]) -> None:
        """Replace the stack's exports with `exports` (name -> value)."""
        self.db.execute("DELETE FROM stack_exports WHERE stack_id=?", (stack_id,))
        for name, value in exports.items():
            self.db.execute("INSERT INTO stack_exports(name, stack_id, value) VALUES (?,?,?)",
                            (name, stack_id, value))

    def set_imports(self, stack_id: str, names: list[str]) -> None:
        self.db.execute("DELETE FROM stack_imports WHERE stack_id=?", (stack_id,))
        for name in names:
            self.db.execute("INSERT OR IGNORE INTO stack_imports(stack_id, export_name) "
                            "VALUES (?,?)", (stack_id, name))

    def importers(self, export_name: str) -> list[str]:
        """Ids of the stacks that import this export."""
        return [r[0] for r in self.db.query(
            "SELECT stack_id FROM stack_imports WHERE export_name=? ORDER BY stack_id",
            (export_name,))]
