"""Challenge sessions: the opaque `Session` a client carries between auth calls.

A session is single-use and lives for the client's AuthSessionValidity (3 minutes by
default). The token is random; the store keeps only its SHA-256.
"""

from __future__ import annotations

import base64
import hashlib

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import NotAuthorizedException

SESSION_BYTES = 192  # AWS's sessions are long (about 1,500 characters); ours are 256.

EXPIRED = "Invalid session for the user, session is expired."
USED = "Invalid session for the user, session can only be used once."


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def create(ctx: Context, pool: dict, client: dict, username: str, challenge: str, state: dict,
           secret_block_id: str | None = None) -> str:
    """Store a challenge's state; return the Session token for the client."""
    token = base64.b64encode(
        ctx.rng.getrandbits(SESSION_BYTES * 8).to_bytes(SESSION_BYTES, "big")).decode()
    now = ctx.clock()
    lifetime = 60 * (client.get("AuthSessionValidity") or 3)
    ctx.store.auth_sessions.add(_digest(token), secret_block_id, pool["Id"], client["ClientId"],
                                username, challenge, state, now + lifetime, now)
    return token


def find(ctx: Context, client: dict, session: str | None = None,
         secret_block_id: str | None = None, unknown: str = EXPIRED) -> dict:
    """The session's record, still usable; NotAuthorizedException if unknown (with the
    message `unknown`), expired or used. An answer that fails validation (a weak new
    password) leaves the session usable, as AWS's does; `use` it once the answer is
    accepted."""
    record = None
    if session:
        record = ctx.store.auth_sessions.get(session_id=_digest(session))
    elif secret_block_id:
        record = ctx.store.auth_sessions.get(secret_block=secret_block_id)
    if record is None or record["client_id"] != client["ClientId"]:
        raise NotAuthorizedException(unknown)
    if record["expires"] < ctx.clock():
        raise NotAuthorizedException(EXPIRED)
    if record["used"]:
        raise NotAuthorizedException(USED)
    return record


def find_by_token(ctx: Context, session: str) -> dict:
    """The usable session record of `session` whatever its client (AssociateSoftwareToken and
    VerifySoftwareToken take a Session without a ClientId)."""
    record = ctx.store.auth_sessions.get(session_id=_digest(session))
    if record is None:
        raise NotAuthorizedException(EXPIRED)
    client = ctx.store.clients.get(record["pool_id"], record["client_id"])
    if client is None:
        raise NotAuthorizedException(EXPIRED)
    return find(ctx, client, session)


def use(ctx: Context, record: dict) -> None:
    """Mark the session used; NotAuthorizedException for all but the first caller."""
    if not ctx.store.auth_sessions.mark_used(record["id"]):
        raise NotAuthorizedException(USED)


def consume(ctx: Context, client: dict, session: str | None = None,
            secret_block_id: str | None = None, unknown: str = EXPIRED) -> dict:
    """find() and use() in one step."""
    record = find(ctx, client, session, secret_block_id, unknown)
    use(ctx, record)
    return record
