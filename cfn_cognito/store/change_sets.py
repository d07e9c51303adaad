"""CloudFormation change sets: one JSON document per change set, found by its id or by its
name within its stack."""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database


class ChangeSets:
    def __init__(self, db: Database):
        self.db = db

    def get(self, change_set_id: str) -> dict | None:
        row = self.db.one("SELECT doc FROM change_sets WHERE change_set_id=?", (change_set_id,))
        return json.loads(row[0]) if row else None

    def named(self, stack_id: str, name: str) -> dict | None:
        row = self.db.one("SELECT doc FROM change_sets WHERE stack_id=? AND name=?",
                          (stack_id, name))
        return json.loads(row[0]) if row else None

    def of_stack(self, stack_id: str) -> list[dict]:
        """The stack's change sets, oldest first."""
        rows = self.db.query("SELECT doc FROM change_sets WHERE stack_id=? ORDER BY seq",
                             (stack_id,))
        return [json.loads(doc) for (doc,) in rows]

    def put(self, doc: dict) -> None:
        """Insert or overwrite a change set (keyed by its ChangeSetId)."""
        text = json.dumps(doc, separators=(",", ":"))
        cur = self.db.execute("UPDATE change_sets SET doc=? WHERE change_set_id=?",
                              (text, doc["ChangeSetId"]))
        if not cur.rowcount:
            self.db.execute("INSERT INTO change_sets(change_set_id, stack_id, name, doc) "
                            "VALUES (?,?,?,?)",
                            (doc["ChangeSetId"], doc["StackId"], doc["ChangeSetName"], text))

    def delete(self, change_set_id: str) -> None:
        self.db.execute("DELETE FROM change_sets WHERE change_set_id=?", (change_set_id,))

    def delete_others(self, stack_id: str, keep: str = "") -> None:
        """Delete the stack's change sets, except the one with id `keep`."""
        self.db.execute("DELETE FROM change_sets WHERE stack_id=? AND change_set_id!=?",
                        (stack_id, keep))
