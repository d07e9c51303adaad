"""Passkeys (WebAuthn credentials) of users, listed in registration order."""

from __future__ import annotations

import json
from dataclasses import dataclass

from cfn_cognito.store.db import Database


@dataclass(frozen=True)
class CredentialRecord:
    pool_id: str
    credential_id: str
    sub: str
    public_key: str
    sign_count: int
    doc: dict


_COLUMNS = "pool_id, credential_id, sub, public_key, sign_count, doc"


def _record(row) -> CredentialRecord:
    return CredentialRecord(*row[:5], json.loads(row[5]))


class WebAuthnCredentials:
    def __init__(self, db: Database):
        self.db = db

    def add(self, record: CredentialRecord) -> bool:
        """False when the pool already has a credential of this id."""
        with self.db.write():
            if self.get(record.pool_id, record.credential_id) is not None:
                return False
            seq = self.db.one("SELECT COALESCE(MAX(seq), 0) + 1 FROM webauthn_credentials "
                              "WHERE pool_id=?", (record.pool_id,))[0]
            self.db.execute(f"INSERT INTO webauthn_credentials({_COLUMNS}, seq) "
                            "VALUES (?,?,?,?,?,?,?)",
                            (record.pool_id, record.credential_id, record.sub,
                             record.public_key, record.sign_count, json.dumps(record.doc), seq))
        return True

    def get(self, pool_id: str, credential_id: str) -> CredentialRecord | None:
        row = self.db.one(f"SELECT {_COLUMNS} FROM webauthn_credentials WHERE pool_id=? "
                          "AND credential_id=?", (pool_id, credential_id))
        return _record(row) if row else None

    def of_user(self, pool_id: str, sub: str) -> list[CredentialRecord]:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM webauthn_credentials WHERE pool_id=? "
                             "AND sub=? ORDER BY seq", (pool_id, sub))
        return [_record(row) for row in rows]

    def advance_counter(self, pool_id: str, credential_id: str, seen: int, new: int) -> bool:
        """Store the counter of an accepted assertion, only if no other assertion moved it
        since `seen` was read (two uses of one assertion must not both pass)."""
        return self.db.execute("UPDATE webauthn_credentials SET sign_count=? WHERE pool_id=? "
                               "AND credential_id=? AND sign_count=?",
                               (new, pool_id, credential_id, seen)).rowcount > 0

    def delete(self, pool_id: str, sub: str, credential_id: str) -> bool:
        return self.db.execute("DELETE FROM webauthn_credentials WHERE pool_id=? AND sub=? "
                               "AND credential_id=?", (pool_id, sub, credential_id)).rowcount > 0

    def delete_user(self, pool_id: str, sub: str) -> None:
        self.db.execute("DELETE FROM webauthn_credentials WHERE pool_id=? AND sub=?",
                        (pool_id, sub))

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM webauthn_credentials WHERE pool_id=?", (pool_id,))
