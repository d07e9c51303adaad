"""Users' sign-in events (AuthEventType documents), listed newest first."""

from __future__ import annotations

import json

from cfn_cognito.store.db import Database


class AuthEvents:
    def __init__(self, db: Database):
        self.db = db

    def add(self, pool_id: str, sub: str, event: dict, feedback_hash: str) -> None:
        self.db.execute(
            "INSERT INTO auth_events(pool_id, sub, event_id, created, feedback_hash, doc) "
            "VALUES (?,?,?,?,?,?)",
            (pool_id, sub, event["EventId"], event["CreationDate"], feedback_hash,
             json.dumps(event, separators=(",", ":"))))

    def get(self, pool_id: str, sub: str, event_id: str) -> tuple[dict, str] | None:
        """(event, feedback token hash) of one of the user's events."""
        row = self.db.one("SELECT doc, feedback_hash FROM auth_events "
                          "WHERE pool_id=? AND event_id=? AND sub=?", (pool_id, event_id, sub))
        return (json.loads(row[0]), row[1]) if row else None

    def replace(self, pool_id: str, event: dict) -> None:
        self.db.execute("UPDATE auth_events SET doc=? WHERE pool_id=? AND event_id=?",
                        (json.dumps(event, separators=(",", ":")), pool_id, event["EventId"]))

    def page(self, pool_id: str, sub: str, before: tuple[float, str] | None, limit: int
             ) -> tuple[list[dict], tuple[float, str] | None]:
        """Up to `limit` of the user's events, newest first, older than the position `before`
        (created, event id); and the position to go on from (None on the last page)."""
        if before is None:
            rows = self.db.query(
                "SELECT created, event_id, doc FROM auth_events WHERE pool_id=? AND sub=? "
                "ORDER BY created DESC, event_id DESC LIMIT ?", (pool_id, sub, limit + 1))
        else:
            rows = self.db.query(
                "SELECT created, event_id, doc FROM auth_events WHERE pool_id=? AND sub=? "
                "AND (created, event_id) < (?, ?) ORDER BY created DESC, event_id DESC LIMIT ?",
                (pool_id, sub, before[0], before[1], limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        position = (rows[-1][0], rows[-1][1]) if more and rows else None
        return [json.loads(doc) for _, _, doc in rows], position

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM auth_events WHERE pool_id=?", (pool_id,))
