"""CloudFormation stacks: one JSON document per stack, its events, and the exports between
stacks (with who imports them, so an export in use cannot be removed)."""

from __future__ import annotations

import json
import time

from cfn_cognito.store.db import Database

DELETED = "DELETE_COMPLETE"
# In progress but not worked on: the stack waits for its change set to be executed.
REVIEW = "REVIEW_IN_PROGRESS"


def _dump(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"))


def _working(status: str) -> bool:
    return status.endswith("_IN_PROGRESS") and status != REVIEW


class Stacks:
    def __init__(self, db: Database, owner: str):
        self.db = db
        # This instance, as the `owner` of the stacks it works on (migration 0017).
        self.owner = owner

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
        stack_id, name, status = doc["StackId"], doc["StackName"], doc["StackStatus"]
        # A stack being worked on is this instance's until it settles; it says so each time
        # it writes the stack and on every heartbeat (see beat).
        owner, beat = (self.owner, time.time()) if _working(status) else ("", 0.0)
        cur = self.db.execute("UPDATE stacks SET status=?, doc=?, owner=?, heartbeat=? "
                              "WHERE stack_id=?", (status, _dump(doc), owner, beat, stack_id))
        if cur.rowcount:
            return
        for (old,) in self.db.query("SELECT stack_id FROM stacks WHERE name=? AND status=?",
                                    (name, DELETED)):
            self.db.execute("DELETE FROM stack_events WHERE stack_id=?", (old,))
            self.db.execute("DELETE FROM stacks WHERE stack_id=?", (old,))
        self.db.execute("INSERT INTO stacks(stack_id, name, status, doc, owner, heartbeat) "
                        "VALUES (?,?,?,?,?,?)", (stack_id, name, status, _dump(doc), owner, beat))

    def remove(self, stack_id: str) -> None:
        """Forget a stack and its events entirely."""
        self.db.execute("DELETE FROM stack_events WHERE stack_id=?", (stack_id,))
        self.db.execute("DELETE FROM stacks WHERE stack_id=?", (stack_id,))
        self.db.execute("DELETE FROM stack_imports WHERE stack_id=?", (stack_id,))
        self.db.execute("DELETE FROM stack_exports WHERE stack_id=?", (stack_id,))

    def in_progress(self) -> list[dict]:
        rows = self.db.query("SELECT doc FROM stacks WHERE status LIKE '%IN_PROGRESS'")
        return [json.loads(doc) for (doc,) in rows]

    # Ownership of the stacks in progress ---------------------------------------------------

    def beat(self) -> int:
        """Renew this instance's claim on the stacks it works on; how many there are."""
        return self.db.execute(
            "UPDATE stacks SET heartbeat=? WHERE owner=? AND status LIKE '%IN_PROGRESS' "
            "AND status!=?", (time.time(), self.owner, REVIEW)).rowcount

    def worked_on(self) -> list[tuple[str, str, float]]:
        """(stack id, owner, heartbeat) of every stack being worked on by any instance."""
        return [tuple(r) for r in self.db.query(
            "SELECT stack_id, owner, heartbeat FROM stacks WHERE status LIKE '%IN_PROGRESS' "
            "AND status!=? ORDER BY seq", (REVIEW,))]

    def take_over(self, stack_id: str, owner: str, heartbeat: float) -> dict | None:
        """The stack, made this instance's, if it still has the owner and heartbeat seen
        (a conditional update: of several instances settling one dead owner's stack, one
        does); None when another instance took it or its owner was alive after all."""
        cur = self.db.execute(
            "UPDATE stacks SET owner=?, heartbeat=? WHERE stack_id=? AND owner=? AND heartbeat=? "
            "AND status LIKE '%IN_PROGRESS'", (self.owner, time.time(), stack_id, owner, heartbeat))
        return self.get(stack_id) if cur.rowcount == 1 else None

    # Events -------------------------------------------------------------------------------

    def add_event(self, stack_id: str, event: dict) -> int:
        return self.db.one("INSERT INTO stack_events(stack_id, doc) VALUES (?,?) RETURNING seq",
                           (stack_id, _dump(event)))[0]

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
            self.db.execute("INSERT INTO stack_imports(stack_id, export_name) VALUES (?,?) "
                            "ON CONFLICT DO NOTHING", (stack_id, name))

    def importers(self, export_name: str) -> list[str]:
        """Ids of the stacks that import this export."""
        return [r[0] for r in self.db.query(
            "SELECT stack_id FROM stack_imports WHERE export_name=? ORDER BY stack_id",
            (export_name,))]
