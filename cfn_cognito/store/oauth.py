"""The hosted UI's state: authorization codes, browser sessions, the scopes of OAuth sign-ins
and the hosted UI's own secrets. Codes and session ids are kept only as SHA-256 hashes."""

from __future__ import annotations

import json
from dataclasses import dataclass

from cfn_cognito.store.db import Database


@dataclass(frozen=True)
class CodeRecord:
    """What an authorization code stands for."""

    pool_id: str
    client_id: str
    redirect_uri: str
    sub: str
    scopes: list[str]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int
    expires: float
    sso_session: str | None = None


@dataclass(frozen=True)
class SessionRecord:
    """A browser's hosted UI session: who signed in to which pool, and until when."""

    pool_id: str
    sub: str
    auth_time: int
    expires: float
    confirming: bool


class OAuth:
    def __init__(self, db: Database):
        self.db = db

    # -- authorization codes ------------------------------------------------------------

    def add_code(self, code_hash: str, record: CodeRecord, now: float) -> None:
        with self.db.write():
            # Codes live minutes; sweeping the dead ones here keeps the table small.
            self.db.execute("DELETE FROM oauth_codes WHERE expires < ?", (now,))
            self.db.execute(
                "INSERT INTO oauth_codes(code_hash, pool_id, client_id, redirect_uri, sub, scopes, "
                "nonce, code_challenge, code_challenge_method, auth_time, expires, sso_session) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (code_hash, record.pool_id, record.client_id, record.redirect_uri, record.sub,
                 json.dumps(record.scopes), record.nonce, record.code_challenge,
                 record.code_challenge_method, record.auth_time, record.expires,
                 record.sso_session))

    def take_code(self, code_hash: str) -> CodeRecord | None:
        """The code's record, removed in the same transaction: of two redemptions racing with
        one code, only one gets it (one DELETE ... RETURNING: the database decides)."""
        row = self.db.one(
            "DELETE FROM oauth_codes WHERE code_hash=? RETURNING pool_id, client_id, "
            "redirect_uri, sub, scopes, nonce, code_challenge, code_challenge_method, "
            "auth_time, expires, sso_session", (code_hash,))
        if row is None:
            return None
        values = list(row)
        values[4] = json.loads(values[4])
        return CodeRecord(*values)

    # -- hosted UI sessions -------------------------------------------------------------

    def add_session(self, id_hash: str, record: SessionRecord, now: float) -> None:
        with self.db.write():
            self.db.execute("DELETE FROM hosted_sessions WHERE expires < ?", (now,))
            self.db.execute(
                "INSERT INTO hosted_sessions(id_hash, pool_id, sub, auth_time, expires, "
                "confirming) VALUES (?,?,?,?,?,?)",
                (id_hash, record.pool_id, record.sub, record.auth_time, record.expires,
                 int(record.confirming)))

    def session(self, id_hash: str) -> SessionRecord | None:
        row = self.db.one("SELECT pool_id, sub, auth_time, expires, confirming "
                          "FROM hosted_sessions WHERE id_hash=?", (id_hash,))
        if row is None:
            return None
        return SessionRecord(row[0], row[1], row[2], row[3], bool(row[4]))

    def delete_session(self, id_hash: str) -> None:
        self.db.execute("DELETE FROM hosted_sessions WHERE id_hash=?", (id_hash,))

    # -- scopes of OAuth sign-ins -------------------------------------------------------

    def add_grant(self, pool_id: str, origin_jti: str, scopes: list[str], expires: float,
                  now: float) -> None:
        with self.db.write():
            self.db.execute("DELETE FROM oauth_grants WHERE expires < ?", (now,))
            self.db.execute("INSERT INTO oauth_grants(pool_id, origin_jti, scopes, expires) "
                            "VALUES (?,?,?,?) ON CONFLICT(pool_id, origin_jti) DO UPDATE SET "
                            "scopes=excluded.scopes, expires=excluded.expires",
                            (pool_id, origin_jti, json.dumps(scopes), expires))

    def grant_scopes(self, pool_id: str, origin_jti: str) -> list[str] | None:
        """The scopes granted by an OAuth sign-in, or None for a sign-in through the API."""
        row = self.db.one("SELECT scopes FROM oauth_grants WHERE pool_id=? AND origin_jti=?",
                          (pool_id, origin_jti))
        return json.loads(row[0]) if row else None

    # -- secrets ------------------------------------------------------------------------

    def secret(self, name: str, fresh: str) -> str:
        """The secret called `name`; `fresh` becomes it if there is none yet (the first writer
        wins, so every process uses the same one)."""
        row = self.db.one("SELECT value FROM oauth_secrets WHERE name=?", (name,))
        if row is not None:
            return row[0]
        with self.db.write():
            self.db.execute("INSERT INTO oauth_secrets(name, value) VALUES (?,?) "
                            "ON CONFLICT DO NOTHING",
                            (name, fresh))
            return self.db.one("SELECT value FROM oauth_secrets WHERE name=?", (name,))[0]

    def delete_pool(self, pool_id: str) -> None:
        for table in ("oauth_codes", "hosted_sessions", "oauth_grants"):
            self.db.execute(f"DELETE FROM {table} WHERE pool_id=?", (pool_id,))
