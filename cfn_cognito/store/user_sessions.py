"""Sessions of users (the user session API), by pool and session id: token sessions
(`tkn...`) and SSO sessions (`sso...`, a hosted UI sign-in; origin_jti 'sso:<id_hash>')."""

from __future__ import annotations

from dataclasses import dataclass, fields

from cfn_cognito.store.db import Database


@dataclass(frozen=True)
class SessionRecord:
    pool_id: str
    session_id: str
    origin_jti: str
    sub: str
    client_id: str
    created: float
    last_active: float
    expires: float
    last_ip: str = ""
    origin_session: str = ""

    @property
    def is_sso(self) -> bool:
        return self.session_id.startswith(SSO_PREFIX)


SSO_PREFIX = "sso"
SSO_ORIGIN = "sso:"
_COLUMNS = ", ".join(f.name for f in fields(SessionRecord))
_PLACEHOLDERS = ", ".join("?" for _ in fields(SessionRecord))
# A token session is active while its authentication is not revoked, no global sign-out came
# after it and its refresh token has not expired; an SSO session while its hosted UI session
# lasts (sign-out at /logout ends it).
_ACTIVE = ("expires > ? AND (CASE WHEN session_id LIKE 'sso%' THEN EXISTS (SELECT 1 FROM "
           "hosted_sessions h WHERE h.id_hash = substr(s.origin_jti, 5)) ELSE (NOT EXISTS "
           "(SELECT 1 FROM revoked_origins r WHERE r.pool_id=s.pool_id AND "
           "r.origin_jti=s.origin_jti) AND NOT EXISTS (SELECT 1 FROM token_cutoffs c WHERE "
           "c.pool_id=s.pool_id AND c.sub=s.sub AND c.valid_after > s.created)) END)")


class UserSessions:
    def __init__(self, db: Database):
        self.db = db

    def add(self, record: SessionRecord) -> None:
        self.db.execute(f"INSERT INTO user_sessions({_COLUMNS}) VALUES ({_PLACEHOLDERS})",
                        tuple(getattr(record, f.name) for f in fields(SessionRecord)))

    def active(self, pool_id: str, sub: str, now: float) -> list[SessionRecord]:
        """A user's active sessions, least recently used first."""
        rows = self.db.query(f"SELECT {_COLUMNS} FROM user_sessions s WHERE pool_id=? AND sub=? "
                             f"AND {_ACTIVE} ORDER BY last_active, created",
                             (pool_id, sub, now))
        return [SessionRecord(*row) for row in rows]

    def by_origin(self, pool_id: str, origin_jti: str) -> SessionRecord | None:
        row = self.db.one(f"SELECT {_COLUMNS} FROM user_sessions WHERE pool_id=? "
                          "AND origin_jti=?", (pool_id, origin_jti))
        return SessionRecord(*row) if row else None

    def touch(self, pool_id: str, origin_jti: str, now: float, expires: float,
              ip: str) -> None:
        """A refresh of the session: last used now (from `ip`), valid as long as its newest
        refresh token."""
        # CASE, not SQLite's scalar max(a, b): PostgreSQL has no such function.
        self.db.execute("UPDATE user_sessions SET last_active=?, expires=CASE WHEN expires > ? "
                        "THEN expires ELSE ? END, last_ip=? WHERE pool_id=? AND origin_jti=?",
                        (now, expires, expires, ip, pool_id, origin_jti))

    def delete(self, pool_id: str, session_id: str) -> None:
        self.db.execute("DELETE FROM user_sessions WHERE pool_id=? AND session_id=?",
                        (pool_id, session_id))

    def delete_origin(self, origin_jti: str) -> None:
        self.db.execute("DELETE FROM user_sessions WHERE origin_jti=?", (origin_jti,))

    def delete_user(self, pool_id: str, sub: str) -> None:
        self.db.execute("DELETE FROM user_sessions WHERE pool_id=? AND sub=?", (pool_id, sub))

    def delete_pool(self, pool_id: str) -> None:
        self.db.execute("DELETE FROM user_sessions WHERE pool_id=?", (pool_id,))
