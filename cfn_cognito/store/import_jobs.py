"""User import jobs: one row per job (its JSON document and status) with its uploaded CSV."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager

from cfn_cognito.store.db import Database

_SAVEPOINTS = threading.local()


def _dump(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"))


class ImportJobs:
    def __init__(self, db: Database):
        self.db = db

    def insert(self, pool_id: str, job_id: str, doc: dict) -> None:
        self.db.execute(
            "INSERT INTO user_import_jobs(pool_id, job_id, status, doc) VALUES (?,?,?,?)",
            (pool_id, job_id, doc["Job"]["Status"], _dump(doc)))

    def get(self, pool_id: str, job_id: str) -> dict | None:
        row = self.db.one("SELECT doc FROM user_import_jobs WHERE pool_id=? AND job_id=?",
                          (pool_id, job_id))
        return json.loads(row[0]) if row else None

    def find(self, job_id: str) -> dict | None:
        """The job with this id, in whichever pool."""
        row = self.db.one("SELECT doc FROM user_import_jobs WHERE job_id=?", (job_id,))
        return json.loads(row[0]) if row else None

    def replace(self, job_id: str, doc: dict) -> None:
        self.db.execute("UPDATE user_import_jobs SET status=?, doc=? WHERE job_id=?",
                        (doc["Job"]["Status"], _dump(doc), job_id))

    def page(self, pool_id: str, before: int, limit: int) -> tuple[list[dict], int | None]:
        """Up to `limit` jobs, newest first, created before position `before` (0: from the
        newest), and the position to go on from (None on the last page)."""
        rows = self.db.query(
            "SELECT seq, doc FROM user_import_jobs WHERE pool_id=? AND (?=0 OR seq<?) "
            "ORDER BY seq DESC LIMIT ?", (pool_id, before, before, limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        return [json.loads(doc) for _, doc in rows], (rows[-1][0] if more and rows else None)

    def with_status(self, statuses: tuple[str, ...]) -> list[dict]:
        """Every job (of any pool) in one of these statuses."""
        marks = ",".join("?" * len(statuses))
        rows = self.db.query(f"SELECT doc FROM user_import_jobs WHERE status IN ({marks})",
                             statuses)
        return [json.loads(doc) for (doc,) in rows]

    def put_csv(self, job_id: str, data: bytes) -> None:
        self.db.execute("UPDATE user_import_jobs SET csv=? WHERE job_id=?", (data, job_id))

    def csv(self, job_id: str) -> bytes | None:
        row = self.db.one("SELECT csv FROM user_import_jobs WHERE job_id=?", (job_id,))
        return bytes(row[0]) if row and row[0] is not None else None

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM user_import_jobs WHERE pool_id=?", (pool_id,))

    @contextmanager
    def savepoint(self):
        """Inside a write transaction: a nested part that an exception undoes alone (one row
        of an import fails without undoing the rows before it)."""
        depth = getattr(_SAVEPOINTS, "depth", 0)
        name = f"row{depth}"
        self.db.execute(f"SAVEPOINT {name}")
        _SAVEPOINTS.depth = depth + 1
        try:
            yield
        except BaseException:
            self.db.execute(f"ROLLBACK TO {name}")
            self.db.execute(f"RELEASE {name}")
            raise
        else:
            self.db.execute(f"RELEASE {name}")
        finally:
            _SAVEPOINTS.depth = depth
