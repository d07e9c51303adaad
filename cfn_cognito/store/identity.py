"""Identity pools: the pools, their identities and logins, issued credentials, the OpenID key."""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields

from cfn_cognito.store.db import Database
from cfn_cognito.store.documents import Documents

# Credentials are kept this long past their expiry, so that using them is refused as
# "expired" rather than "unknown"; older ones are pruned when new ones are issued.
EXPIRED_KEPT_SECONDS = 24 * 3600


@dataclass(frozen=True)
class IdentityRecord:
    identity_id: str
    pool_id: str
    created: float
    modified: float
    disabled: bool = False


@dataclass(frozen=True)
class CredentialRecord:
    """Temporary credentials as issued: what SigV4 verification needs to know."""

    access_key_id: str
    secret_key: str
    session_token_hash: str
    identity_id: str
    pool_id: str
    role_arn: str
    authenticated: bool
    provider: str       # the login that authenticated them ('' when unauthenticated)
    created: float
    expires: float


_IDENTITY_COLUMNS = ", ".join(f.name for f in fields(IdentityRecord))
_CREDENTIAL_COLUMNS = ", ".join(f.name for f in fields(CredentialRecord))


def _identity(row) -> IdentityRecord:
    return IdentityRecord(row[0], row[1], row[2], row[3], bool(row[4]))


class IdentityStore:
    def __init__(self, db: Database):
        self.db = db
        self.pools = Documents(db, "identity_pools")
        # The parsed OpenID signing key, filled by identity/openid_keys.py (forgotten on reset).
        self.key_memo: dict[str, object] = {}

    # --- identities -----------------------------------------------------------------------

    def add_identity(self, record: IdentityRecord) -> None:
        self.db.execute(f"INSERT INTO identities({_IDENTITY_COLUMNS}) VALUES (?,?,?,?,?)",
                        astuple(record))

    def identity(self, identity_id: str) -> IdentityRecord | None:
        row = self.db.one(f"SELECT {_IDENTITY_COLUMNS} FROM identities WHERE identity_id=?",
                          (identity_id,))
        return _identity(row) if row else None

    def touch_identity(self, identity_id: str, modified: float, disabled: bool) -> None:
        self.db.execute("UPDATE identities SET modified=?, disabled=? WHERE identity_id=?",
                        (modified, int(disabled), identity_id))

    def identities_page(self, pool_id: str, after: int, limit: int, hide_disabled: bool
                        ) -> tuple[list[IdentityRecord], int | None]:
        """Up to `limit` identities of the pool after list position `after`, and the position
        to continue from (None at the end)."""
        hidden = " AND disabled=0" if hide_disabled else ""
        rows = self.db.query(
            f"SELECT seq, {_IDENTITY_COLUMNS} FROM identities WHERE pool_id=? AND seq>?{hidden} "
            "ORDER BY seq LIMIT ?", (pool_id, after, limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        return [_identity(r[1:]) for r in rows], (rows[-1][0] if more and rows else None)

    def delete_identity(self, identity_id: str) -> bool:
        """Delete an identity with its logins and credentials; False if there was none."""
        with self.db.write():
            self.db.execute("DELETE FROM identity_logins WHERE identity_id=?", (identity_id,))
            self.db.execute("DELETE FROM identity_credentials WHERE identity_id=?", (identity_id,))
            return self.db.execute("DELETE FROM identities WHERE identity_id=?",
                                   (identity_id,)).rowcount > 0

    # --- logins ---------------------------------------------------------------------------

    def login_owner(self, pool_id: str, provider: str, subject: str) -> str | None:
        """The identity a login is linked to, or None."""
        row = self.db.one("SELECT identity_id FROM identity_logins WHERE pool_id=? AND "
                          "provider=? AND subject=?", (pool_id, provider, subject))
        return row[0] if row else None

    def link(self, pool_id: str, provider: str, subject: str, identity_id: str,
             now: float) -> None:
        """Link a login to an identity (moving it if it was linked elsewhere)."""
        self.db.execute(
            "INSERT INTO identity_logins(pool_id, provider, subject, identity_id, created) "
            "VALUES (?,?,?,?,?) ON CONFLICT(pool_id, provider, subject) DO UPDATE SET "
            "identity_id=excluded.identity_id", (pool_id, provider, subject, identity_id, now))

    def unlink(self, pool_id: str, provider: str, subject: str | None, identity_id: str) -> int:
        """Remove an identity's login of a provider (one subject, or all when None)."""
        sql = "DELETE FROM identity_logins WHERE pool_id=? AND provider=? AND identity_id=?"
        params = [pool_id, provider, identity_id]
        if subject is not None:
            sql += " AND subject=?"
            params.append(subject)
        return self.db.execute(sql, params).rowcount

    def logins_of(self, identity_id: str) -> list[tuple[str, str]]:
        """(provider, subject) of each login linked to the identity, oldest first."""
        return [tuple(r) for r in self.db.query(
            "SELECT provider, subject FROM identity_logins WHERE identity_id=? "
            "ORDER BY created, provider, subject", (identity_id,))]

    def logins_of_many(self, identity_ids: list[str]) -> dict[str, list[str]]:
        """identity id -> the providers of its logins (for listings)."""
        out: dict[str, list[str]] = {i: [] for i in identity_ids}
        if not identity_ids:
            return out
        marks = ",".join("?" for _ in identity_ids)
        for identity_id, provider in self.db.query(
                f"SELECT identity_id, provider FROM identity_logins WHERE identity_id IN "
                f"({marks}) ORDER BY created, provider", identity_ids):
            if provider not in out[identity_id]:
                out[identity_id].append(provider)
        return out

    def subjects(self, pool_id: str, provider: str, identity_id: str, after: str,
                 limit: int) -> tuple[list[str], str | None]:
        """Up to `limit` subjects of the identity's logins of a provider, after `after`."""
        rows = self.db.query(
            "SELECT subject FROM identity_logins WHERE pool_id=? AND provider=? AND "
            "identity_id=? AND subject>? ORDER BY subject LIMIT ?",
            (pool_id, provider, identity_id, after, limit + 1))
        subjects = [r[0] for r in rows]
        more = len(subjects) > limit
        subjects = subjects[:limit]
        return subjects, (subjects[-1] if more and subjects else None)

    # --- credentials ----------------------------------------------------------------------

    def add_credentials(self, record: CredentialRecord, now: float) -> None:
        with self.db.write():
            self.db.execute("DELETE FROM identity_credentials WHERE expires<?",
                            (now - EXPIRED_KEPT_SECONDS,))
            self.db.execute(f"INSERT INTO identity_credentials({_CREDENTIAL_COLUMNS}) "
                            f"VALUES ({','.join('?' for _ in fields(CredentialRecord))})",
                            astuple(record))

    def credentials(self, access_key_id: str) -> CredentialRecord | None:
        row = self.db.one(f"SELECT {_CREDENTIAL_COLUMNS} FROM identity_credentials WHERE "
                          "access_key_id=?", (access_key_id,))
        if row is None:
            return None
        values = list(row)
        values[6] = bool(values[6])
        return CredentialRecord(*values)

    # --- pools ----------------------------------------------------------------------------

    def delete_pool(self, pool_id: str) -> bool:
        """Delete an identity pool and everything in it; False if there was none."""
        with self.db.write():
            for table in ("identity_logins", "identity_credentials", "identities"):
                self.db.execute(f"DELETE FROM {table} WHERE pool_id=?", (pool_id,))
            return self.pools.delete("", pool_id)

    # --- the OpenID signing key -----------------------------------------------------------

    def signing_key(self) -> tuple[str, str] | None:
        """(kid, private PEM) of the OpenID token key, or None before the first one."""
        row = self.db.one("SELECT kid, private_pem FROM identity_signing_keys "
                          "ORDER BY created, kid LIMIT 1")
        return (row[0], row[1]) if row else None

    def add_signing_key(self, kid: str, pem: str, created: float) -> None:
        """Store a key unless one exists (racing creators all end up with the first)."""
        with self.db.write():
            if self.signing_key() is None:
                self.db.execute("INSERT INTO identity_signing_keys(kid, private_pem, created) "
                                "VALUES (?,?,?)", (kid, pem, created))

    def forget_all(self) -> None:
        self.key_memo.clear()
