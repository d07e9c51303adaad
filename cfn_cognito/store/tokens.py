"""Refresh tokens (by hash), revoked authentications and global sign-out cut-offs."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from cfn_cognito.store.db import Database


@dataclass(frozen=True)
class RefreshRecord:
    """What the service knows about a refresh token (never the token itself)."""

    token_hash: str
    pool_id: str
    client_id: str
    sub: str
    username: str
    origin_jti: str
    event_id: str
    auth_time: int
    created: float
    expires: float
    revoked: bool = False
    # Set once rotation replaced the token: it still works before this time, never after.
    grace_until: float | None = None


_NAMES = tuple(f.name for f in fields(RefreshRecord))
_COLUMNS = ", ".join(_NAMES)
_PLACEHOLDERS = ", ".join("?" for _ in fields(RefreshRecord))


class Tokens:
    def __init__(self, db: Database):
        self.db = db

    def add_refresh(self, record: RefreshRecord) -> None:
        self.db.execute(f"INSERT INTO refresh_tokens({_COLUMNS}) VALUES ({_PLACEHOLDERS})",
                        tuple(getattr(record, name) for name in _NAMES))

    def refresh(self, token_hash: str) -> RefreshRecord | None:
        row = self.db.one(f"SELECT {_COLUMNS} FROM refresh_tokens WHERE token_hash=?",
                          (token_hash,))
        if row is None:
            return None
        return replace(RefreshRecord(*row), revoked=bool(row[-2]))  # SQLite stores 0/1

    def mark_replaced(self, token_hash: str, grace_until: float) -> None:
        """Start a replaced token's grace period (a later replacement does not extend it)."""
        self.db.execute("UPDATE refresh_tokens SET grace_until=? WHERE token_hash=? "
                        "AND grace_until IS NULL", (grace_until, token_hash))

    def revoke_origin(self, pool_id: str, origin_jti: str, now: float) -> None:
        """Revoke every refresh token of one authentication and the access tokens it gave."""
        with self.db.write():
            self.db.execute("UPDATE refresh_tokens SET revoked=1 WHERE pool_id=? "
                            "AND origin_jti=?", (pool_id, origin_jti))
            self.db.execute("INSERT INTO revoked_origins(pool_id, origin_jti, revoked_at) "
                            "VALUES (?,?,?) ON CONFLICT DO NOTHING", (pool_id, origin_jti, now))

    def revoke_user(self, pool_id: str, sub: str, now: float) -> None:
        """Global sign-out: revoke all the user's refresh tokens and their authentications,
        and refuse the user's tokens issued before this second."""
        with self.db.write():
            self.db.execute("INSERT INTO revoked_origins(pool_id, origin_jti, revoked_at) "
                            "SELECT DISTINCT pool_id, origin_jti, ? FROM refresh_tokens "
                            "WHERE pool_id=? AND sub=? ON CONFLICT DO NOTHING",
                            (now, pool_id, sub))
            self.db.execute("UPDATE refresh_tokens SET revoked=1 WHERE pool_id=? AND sub=?",
                            (pool_id, sub))
            self.db.execute("INSERT INTO token_cutoffs(pool_id, sub, valid_after) VALUES (?,?,?) "
                            "ON CONFLICT(pool_id, sub) DO UPDATE SET "
                            "valid_after=CASE WHEN excluded.valid_after > token_cutoffs.valid_after "
                            "THEN excluded.valid_after ELSE token_cutoffs.valid_after END",
                            (pool_id, sub, int(now)))

    def is_revoked(self, pool_id: str, sub: str, origin_jti: str | None, iat: int) -> bool:
        """Whether a token (by its origin_jti and iat) was revoked or signed out."""
        row = self.db.one(
            "SELECT EXISTS(SELECT 1 FROM revoked_origins WHERE pool_id=? AND origin_jti=?) "
            "OR EXISTS(SELECT 1 FROM token_cutoffs WHERE pool_id=? AND sub=? AND valid_after>?)",
            (pool_id, origin_jti or "", pool_id, sub, iat))
        return bool(row[0])

    def delete_pool(self, pool_id: str) -> None:
        for table in ("refresh_tokens", "revoked_origins", "token_cutoffs"):
            self.db.execute(f"DELETE FROM {table} WHERE pool_id=?", (pool_id,))

